package search

import (
	"testing"

	"zhinan/generator/internal/search/internal/testsite"
	"zhinan/generator/internal/site"
)

// loadSite reads a site folder through the loader and resolver (testsite).
func loadSite(t testing.TB, dir string) *site.Site { return testsite.Load(t, dir) }
