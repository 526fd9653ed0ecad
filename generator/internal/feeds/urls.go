// Package feeds makes the machine-readable files of a site: open data
// (data/guides.json, data/guides.csv, data/materials.csv), sitemap.xml,
// the Atom feed feed.xml and robots.txt, plus the content of the page that
// documents the open data.
//
// Every function is pure: it reads a resolved *site.Site and returns
// site.File values whose bytes depend only on the site, never on the clock
// or on map order, so two builds of the same content are byte-identical.
package feeds

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"zhinan/generator/internal/site"
)

// ErrNoBaseURL is returned by the files that need absolute addresses
// (sitemap.xml, feed.xml) when config.toml sets no usable base_url. A
// build may skip those files with a warning rather than fail.
var ErrNoBaseURL = errors.New("config.toml 未设置 base_url（网站的完整地址，如 https://example.gov.cn/），无法生成需要完整网址的 sitemap.xml 和 feed.xml")

// base parses Config.BaseURL; it must be an absolute http or https URL.
// The returned prefix has no trailing slash, so prefix + "/guide/x/"
// is the absolute URL of a site path.
func base(s *site.Site) (string, error) {
	raw := strings.TrimSpace(s.Config.BaseURL)
	if raw == "" {
		return "", ErrNoBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("config.toml 的 base_url 不是以 http:// 或 https:// 开头的完整网址：" + raw)
	}
	u.RawQuery, u.Fragment = "", ""
	return strings.TrimRight(u.String(), "/"), nil
}

// absolute joins a base prefix (from base) and a site-relative path
// ("/guide/x/"), percent-encoding what a URL may not hold as it is
// (Chinese slugs, spaces).
func absolute(prefix, path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if plainPath(path) {
		return prefix + path
	}
	return prefix + (&url.URL{Path: path}).EscapedPath()
}

// plainPath reports whether path holds only characters a URL path may
// carry as they are (letters, digits, - _ . ~ /), the common case of
// guide URLs, so that absolute can skip escaping.
func plainPath(path string) bool {
	for i := 0; i < len(path); i++ {
		c := path[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

// linker makes the URLs written into open data: absolute when the site
// has a usable base_url, else site-relative (open data still works without
// one). Make it once per file: base_url is parsed once.
type linker struct {
	prefix string
	ok     bool
}

func newLinker(s *site.Site) linker {
	prefix, err := base(s)
	return linker{prefix: prefix, ok: err == nil}
}

// url returns the URL of a site-relative path.
func (l linker) url(path string) string {
	if l.ok {
		return absolute(l.prefix, path)
	}
	return path
}

// day formats a date as YYYY-MM-DD, the calendar day the editor wrote.
func day(t time.Time) string {
	return t.Format("2006-01-02")
}

// dayOrEmpty is day, or "" for the zero time.
func dayOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return day(t)
}

// laterDay reports whether a is a later calendar day than b, comparing
// the days as written and ignoring time zones, so that a date written
// 2017-03-10 is that day whatever the build machine's zone.
func laterDay(a, b time.Time) bool {
	return dayNumber(a) > dayNumber(b)
}

// dayNumber is the calendar day of t as written, YYYYMMDD as a number:
// what day formats, without making a string (newestDay compares the
// dates of every guide of every group, 800,000 formats at 100,000
// guides).
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}
