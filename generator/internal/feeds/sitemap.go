package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"zhinan/generator/internal/site"
)

// SitemapPartPath is the path of part n (from 1) of a sitemap split
// because it holds more than 50,000 URLs.
func SitemapPartPath(n int) string { return fmt.Sprintf("sitemap-%d.xml", n) }

// IsSitemapPart tells whether p is the path of a part of a split sitemap.
func IsSitemapPart(p string) bool {
	var n int
	_, err := fmt.Sscanf(p, "sitemap-%d.xml", &n)
	return err == nil && SitemapPartPath(n) == p
}

// SitemapPath is the sitemap's path in the output folder; robots.txt
// points to it.
const SitemapPath = "sitemap.xml"

// MaxSitemapURLs is the most URLs one sitemap file may list (sitemaps.org).
const MaxSitemapURLs = 50000

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// urlset and sitemapIndex are the two kinds of sitemap file as
// encoding/xml would marshal them; sitemapXML writes them.
type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// Sitemaps returns sitemap.xml listing the home page, every guide, every
// department, region, topic and list page, then extraPaths (site-relative
// paths such as "/stats/", "/search/", "/data/"), each once, with absolute
// URLs built from base_url. lastmod is the guide's updated date (or its
// published date); for a group, the newest of its guides; for the home
// page and the extra paths, the newest of the site. A page without any
// date has no lastmod.
//
// It fails with ErrNoBaseURL when base_url is not set.
//
// Up to MaxSitemapURLs URLs it returns the one file sitemap.xml; beyond,
// sitemap.xml is a sitemap index pointing to sitemap-1.xml,
// sitemap-2.xml, … of at most MaxSitemapURLs URLs each.
func Sitemaps(s *site.Site, extraPaths []string) ([]site.File, error) {
	prefix, err := base(s)
	if err != nil {
		return nil, err
	}
	urls := sitemapURLs(s, prefix, extraPaths)
	if len(urls) <= MaxSitemapURLs {
		return []site.File{{Path: SitemapPath, Data: sitemapXML("urlset", "url", urls)}}, nil
	}
	var files []site.File
	index := sitemapIndex{NS: sitemapNS}
	for i := 0; i*MaxSitemapURLs < len(urls); i++ {
		part := urls[i*MaxSitemapURLs : min((i+1)*MaxSitemapURLs, len(urls))]
		path := SitemapPartPath(i + 1)
		files = append(files, site.File{Path: path, Data: sitemapXML("urlset", "url", part)})
		lastmod := ""
		for _, u := range part {
			lastmod = max(lastmod, u.Lastmod)
		}
		index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: absolute(prefix, "/"+path), Lastmod: lastmod})
	}
	data := sitemapXML("sitemapindex", "sitemap", index.Sitemaps)
	return append([]site.File{{Path: SitemapPath, Data: data}}, files...), nil
}

// sitemapURLs lists the site's pages in a fixed order, each URL once. A
// cancelled guide's page stays at its URL but is not listed: search
// engines should not send citizens to an item they can no longer apply for.
func sitemapURLs(s *site.Site, prefix string, extraPaths []string) []sitemapURL {
	listed := make([]*site.Page, 0, len(s.Guides))
	for _, p := range s.Guides {
		if p.Listed() {
			listed = append(listed, p)
		}
	}
	newest := newestDay(listed)
	var urls []sitemapURL
	seen := map[string]bool{}
	add := func(path, lastmod string) {
		loc := absolute(prefix, path)
		if !seen[loc] {
			seen[loc] = true
			urls = append(urls, sitemapURL{Loc: loc, Lastmod: lastmod})
		}
	}
	add("/", newest)
	for _, p := range listed {
		add(p.URL, dayOrEmpty(p.Changed()))
	}
	for _, b := range s.Bundles {
		add(b.URL, dayOrEmpty(bundleChanged(b)))
	}
	if len(s.Bundles) > 0 {
		add(ThingsURL, newest)
	}
	for _, groups := range [][]*site.Group{s.Departments, s.Regions, s.Topics, s.Lists} {
		for _, g := range groups {
			add(g.URL, newestDay(g.Guides))
		}
	}
	for _, p := range extraPaths {
		add(p, newest)
	}
	return urls
}

// newestDay is the newest change date of the guides as YYYY-MM-DD, or ""
// when none has a date.
func newestDay(guides []*site.Page) string {
	var newest time.Time
	for _, p := range guides {
		if c := p.Changed(); !c.IsZero() && (newest.IsZero() || laterDay(c, newest)) {
			newest = c
		}
	}
	return dayOrEmpty(newest)
}

// marshalXML encodes v with an XML declaration, indented, ending in a
// newline.
func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteString("\n")
	return buf.Bytes(), nil
}

// sitemapXML is what marshalXML makes of a urlset (root "urlset", item
// "url") or a sitemapindex (root "sitemapindex", item "sitemap") of urls,
// written directly: through encoding/xml's reflection the sitemaps of
// 100,000 guides took 0.3 s of CPU at every build.
// TestSitemapXMLIsMarshalXML holds the two to the same bytes.
func sitemapXML(root, item string, urls []sitemapURL) []byte {
	size := len(xml.Header) + 100 + len(urls)*(len(item)*2+64)
	for _, u := range urls {
		size += len(u.Loc) + len(u.Lastmod)
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(xml.Header)
	b.WriteString("<" + root + ` xmlns="` + sitemapNS + `">`)
	for _, u := range urls {
		b.WriteString("\n  <" + item + ">\n    <loc>")
		escapeXML(&b, u.Loc)
		b.WriteString("</loc>")
		if u.Lastmod != "" {
			b.WriteString("\n    <lastmod>")
			escapeXML(&b, u.Lastmod)
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </" + item + ">")
	}
	if len(urls) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("</" + root + ">\n")
	return b.Bytes()
}

// escapeXML writes s as XML character data, as encoding/xml does: a
// string of printable ASCII without & < > " ' as it is, any other
// through xml.EscapeText.
func escapeXML(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || strings.IndexByte(`&<>"'`, c) >= 0 {
			xml.EscapeText(b, []byte(s))
			return
		}
	}
	b.WriteString(s)
}

// ThingsURL is the page of every bundle (一件事), which render writes.
const ThingsURL = "/things/"

// bundleChanged is the date a bundle last changed: updated, else
// published; zero when it has neither.
func bundleChanged(b *site.BundlePage) time.Time {
	if !b.Updated.IsZero() {
		return b.Updated
	}
	return b.Published
}
