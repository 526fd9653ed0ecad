package feeds

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"strings"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/topn"
)

const (
	// AtomPath is the feed's path in the output folder.
	AtomPath = "feed.xml"
	// AtomEntries is how many recently updated guides the feed lists.
	AtomEntries = 50
	// atomNS is the namespace of an Atom document's root element.
	atomNS = "http://www.w3.org/2005/Atom"
)

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// atomTime is the Atom date-time of a calendar day: its start in China
// Standard Time, the zone the dates are written in.
func atomTime(day string) string {
	return day + "T00:00:00+08:00"
}

// epoch is the feed's updated time when no guide has a date: a fixed value,
// never the build time, so that output stays deterministic.
const epoch = "1970-01-01"

// Atom returns feed.xml, an Atom 1.0 feed of the AtomEntries most recently
// changed guides (updated, else published; newest first, ties by code;
// guides with no date and cancelled guides are left out). An entry's id is the guide's absolute
// URL, which never changes since it is derived from the code; its updated
// is the guide's date at 00:00:00+08:00. The feed's updated is the newest
// guide's date, never the build time. It fails with ErrNoBaseURL when
// base_url is not set, since Atom ids must be absolute.
func Atom(s *site.Site) (site.File, error) {
	prefix, err := base(s)
	if err != nil {
		return site.File{}, err
	}
	type dated struct {
		p   *site.Page
		day int // dayNumber of its date, which orders as day() does
	}
	var all []dated
	for _, p := range s.Guides {
		if c := p.Changed(); !c.IsZero() && p.Listed() { // a cancelled item is no news to follow
			all = append(all, dated{p, dayNumber(c)})
		}
	}
	entries := topn.First(all, AtomEntries, func(a, b dated) int {
		if a.day != b.day {
			return cmp.Compare(b.day, a.day)
		}
		return strings.Compare(a.p.Code, b.p.Code)
	})
	title := s.Config.Title
	if title == "" {
		title = site.DefaultConfig().Title
	}
	home := absolute(prefix, "/")
	self := absolute(prefix, "/"+AtomPath)
	feed := atomFeed{
		NS:       atomNS,
		Lang:     s.Config.Language,
		Title:    title + "：最近更新的办事指南",
		Subtitle: fmt.Sprintf("最近更新的 %d 项办事指南", len(entries)),
		ID:       self,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: home},
		},
		Updated: atomTime(epoch),
		Author:  atomAuthor{Name: title, URI: home},
	}
	if len(entries) > 0 {
		feed.Updated = atomTime(day(entries[0].p.Changed()))
	}
	for _, d := range entries {
		p := d.p
		u := absolute(prefix, p.URL)
		e := atomEntry{
			Title:   p.Title,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u},
			ID:      u,
			Updated: atomTime(day(p.Changed())),
			Summary: atomText{Type: "text", Text: summary(p)},
		}
		if !p.Published.IsZero() {
			e.Published = atomTime(day(p.Published))
		}
		for _, c := range []string{p.Department, p.Region} {
			if c != "" {
				e.Categories = append(e.Categories, atomCategory{Term: c})
			}
		}
		feed.Entries = append(feed.Entries, e)
	}
	data, err := marshalXML(feed)
	if err != nil {
		return site.File{}, err
	}
	return site.File{Path: AtomPath, Data: data}, nil
}

// summary is one line a feed reader shows under the title: who handles the
// item, where, and how many visits it takes.
func summary(p *site.Page) string {
	var parts []string
	for _, s := range []string{p.Code, p.Department, p.Region} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if p.Service.Star > 0 {
		parts = append(parts, site.StarWords(p.Service.Star)+"级")
	}
	parts = append(parts, site.VisitWords(p.Service.Visits))
	return strings.Join(parts, " · ")
}
