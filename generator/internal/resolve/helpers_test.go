package resolve

import (
	"time"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// Build is BuildOn without a build day, for tests that judge no dates.
func Build(cfg site.Config, guides []*site.Guide, static []string) *site.Site {
	return BuildOn(cfg, guides, static, time.Time{})
}

// Slug is slugWith with the default readings.
func Slug(name string) string { return slugWith(name, slug.ASCII) }

// AssignSlugs is AssignSlugsWith with the default readings.
func AssignSlugs(names []string, fixed map[string]string) map[string]string {
	return AssignSlugsWith(names, fixed, slug.ASCII)
}
