package feeds

import (
	"bytes"
	"fmt"

	"zhinan/generator/internal/site"
)

// OpenData writes every file of OpenDataFiles into memory, in its order,
// so that a test can read them; a build streams them to disk instead.
func OpenData(s *site.Site) ([]site.File, error) {
	var files []site.File
	for _, f := range OpenDataFiles {
		var buf bytes.Buffer
		if err := f.Write(&buf, s); err != nil {
			return nil, err
		}
		files = append(files, site.File{Path: f.Path, Data: buf.Bytes()})
	}
	return files, nil
}

// Sitemap is Sitemaps for a site whose URLs fit in one sitemap.xml; it
// fails when they do not.
func Sitemap(s *site.Site, extraPaths []string) (site.File, error) {
	files, err := Sitemaps(s, extraPaths)
	if err != nil {
		return site.File{}, err
	}
	if len(files) > 1 {
		return site.File{}, fmt.Errorf("more than %d URLs: %d sitemap files", MaxSitemapURLs, len(files))
	}
	return files[0], nil
}
