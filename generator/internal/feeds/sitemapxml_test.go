package feeds

import (
	"bytes"
	"testing"
	"time"
)

// TestSitemapXMLIsMarshalXML: the directly written sitemaps are
// encoding/xml's bytes, for none, one and several URLs, with and without
// lastmod, and with characters XML escapes.
func TestSitemapXMLIsMarshalXML(t *testing.T) {
	cases := [][]sitemapURL{
		nil,
		{{Loc: "https://example.gov.cn/"}},
		{
			{Loc: "https://example.gov.cn/guide/330000-sf-0001/", Lastmod: "2026-01-02"},
			{Loc: "https://example.gov.cn/a?b=1&c=<d>\"e'", Lastmod: "2026-01-03"},
			{Loc: "https://example.gov.cn/事项/\t\n\r"},
			{Loc: "https://example.gov.cn/bad\x00\xff"},
		},
	}
	for i, urls := range cases {
		want, err := marshalXML(urlset{NS: sitemapNS, URLs: urls})
		if err != nil {
			t.Fatal(err)
		}
		if got := sitemapXML("urlset", "url", urls); !bytes.Equal(got, want) {
			t.Errorf("urlset %d:\n%s\nwant\n%s", i, got, want)
		}
		want, err = marshalXML(sitemapIndex{NS: sitemapNS, Sitemaps: urls})
		if err != nil {
			t.Fatal(err)
		}
		if got := sitemapXML("sitemapindex", "sitemap", urls); !bytes.Equal(got, want) {
			t.Errorf("sitemapindex %d:\n%s\nwant\n%s", i, got, want)
		}
	}
}

// TestLaterDay compares calendar days as written, whatever the zone.
func TestLaterDay(t *testing.T) {
	east := time.FixedZone("CST", 8*3600)
	a := time.Date(2026, 3, 10, 1, 0, 0, 0, east) // 2026-03-09 in UTC
	b := time.Date(2026, 3, 9, 23, 0, 0, 0, time.UTC)
	if !laterDay(a, b) || laterDay(b, a) {
		t.Error("2026-03-10 (CST) is not later than 2026-03-09 (UTC)")
	}
	if laterDay(a, a) {
		t.Error("a day is later than itself")
	}
	if !laterDay(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Error("2027-01-01 is not later than 2026-12-31")
	}
}
