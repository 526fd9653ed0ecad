package feeds

import (
	"strings"

	"zhinan/generator/internal/site"
)

// RobotsPath is robots.txt's path in the output folder.
const RobotsPath = "robots.txt"

// Robots returns robots.txt: every crawler may read every page, and the
// Sitemap line gives the absolute URL of sitemap.xml. Without a usable
// base_url the Sitemap line is left out, since it must be absolute.
func Robots(s *site.Site) site.File {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if prefix, err := base(s); err == nil {
		b.WriteString("\nSitemap: " + absolute(prefix, "/"+SitemapPath) + "\n")
	}
	return site.File{Path: RobotsPath, Data: []byte(b.String())}
}
