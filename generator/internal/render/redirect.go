package render

import (
	"html/template"
	"strings"

	"zhinan/generator/internal/site"
)

// A browsing page whose slug changed (heteronyms now read by phrase:
// yin-xing became yin-hang, see site.Group.LegacySlug) keeps its old URL
// working: a small page there sends the reader on with a meta refresh,
// names the new URL as canonical (so search engines move the page) and
// shows a link for browsers that do not follow the refresh. The page is
// listed nowhere: not in the sitemap, the lists, the search index or any
// navigation; it is written only where no real page is.

// redirectTemplate is the redirect page. It is self-contained (no site
// frame, no assets): it exists only to send the reader on.
var redirectTemplate = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
<link rel="canonical" href="{{.Canonical}}">
<title>{{.Name}}：页面已迁移</title>
</head>
<body>
<main>
<h1>{{.Name}}</h1>
<p>本页已迁移到新地址：<a href="{{.URL}}">{{.Name}}</a>。</p>
</main>
</body>
</html>
`))

// redirectPages returns the redirect page of every department, region and
// topic with a legacy slug whose path no real page (taken) uses.
func redirectPages(s *site.Site, base string, taken map[string]bool) ([]site.File, error) {
	absolute := strings.TrimSuffix(s.Config.BaseURL, "/")
	var out []site.File
	for _, groups := range [][]*site.Group{s.Departments, s.Regions, s.Topics} {
		for _, g := range groups {
			if g.LegacySlug == "" {
				continue
			}
			path := g.Kind + "/" + g.LegacySlug + "/index.html"
			if taken[path] {
				continue
			}
			taken[path] = true
			canonical := base + g.URL
			if absolute != "" {
				canonical = absolute + g.URL
			}
			var b strings.Builder
			if err := redirectTemplate.Execute(&b, struct{ Name, URL, Canonical string }{
				g.Name, base + g.URL, canonical}); err != nil {
				return nil, err
			}
			out = append(out, site.File{Path: path, Data: []byte(b.String())})
		}
	}
	return out, nil
}
