package render

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"zhinan/generator/internal/sections"
)

// Sections is a guide's Markdown body rendered to HTML and split into the
// sections the guide page places on their own.
type Sections struct {
	// Conditions is the 申请条件 section, without its heading.
	Conditions template.HTML
	// FAQ is the 常见问题 section, without its heading.
	FAQ template.HTML
	// Other is everything else, headings included, in the editor's order.
	Other template.HTML
}

// reservedIDs are the ids the guide page uses for its own sections; a body
// heading that would get one of them gets a numbered id instead.
var reservedIDs = []string{
	"main", "top", "toc", "rating", "online", "handling", "materials", "conditions",
	"notes", "steps", "locations", "contact", "faq", "basis", "dates", "related",
	"search-results", "site-q", "q",
}

// newMarkdown returns the goldmark converter used for every body: CommonMark
// with GFM tables, strikethrough and bare links, East Asian line breaks (a
// line break between two Chinese characters is not a space), and without
// the unsafe option, so raw HTML is dropped and dangerous link schemes
// (javascript:) are removed. Emphasis with * follows the CJK-friendly rule
// (see cjkEmphasisParser). It is safe for concurrent use.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.CJK),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithInlineParsers(util.Prioritized(cjkEmphasisParser{}, cjkEmphasisPriority)),
		),
	)
}

// renderBody parses a Markdown body once, moves its top-level nodes into
// three documents (申请条件, 常见问题, the rest) by their level-1 or
// level-2 headings (sections.Of, which audit uses too), and renders each. Level-1 headings are demoted to level
// 2, because the page's only <h1> is the guide's title. Heading ids are the
// heading's own words (Chinese kept), numbered when repeated, so they are
// readable and the same in every build.
//
// buf receives the HTML through bw, a bufio.Writer the caller reuses (so
// goldmark does not allocate a new one for every section).
func renderBody(md goldmark.Markdown, src string, buf *bytes.Buffer, bw *bufio.Writer) (out Sections, err error) {
	if strings.TrimSpace(src) == "" {
		return out, nil
	}
	// The loader only lets UTF-8 through, but goldmark's East Asian line
	// breaks index out of range on invalid UTF-8; never let one body take
	// the whole build down.
	src = strings.ToValidUTF8(src, "\uFFFD")
	defer func() {
		if p := recover(); p != nil {
			out, err = Sections{}, fmt.Errorf("Markdown 正文无法解析：%v", p)
		}
	}()
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	// One <h1> per page, the guide's title: level-1 headings anywhere in
	// the body (a list item may hold one) become level 2.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			h.Level = 2
		}
		return ast.WalkContinue, nil
	})

	docs := map[sections.Section]*ast.Document{
		sections.Conditions: ast.NewDocument(),
		sections.FAQ:        ast.NewDocument(),
		sections.Other:      ast.NewDocument(),
	}
	current := sections.Other
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		keep := true
		if sec, starts := sections.Of(n, source); starts {
			current = sec
			// The page gives a named section its own heading.
			keep = sec == sections.Other
		}
		doc.RemoveChild(doc, n)
		if keep {
			docs[current].AppendChild(docs[current], n)
		}
		n = next
	}

	render := func(d *ast.Document) (template.HTML, error) {
		if d.ChildCount() == 0 {
			return "", nil
		}
		buf.Reset()
		bw.Reset(buf)
		if err := md.Renderer().Render(bw, source, d); err != nil {
			return "", err
		}
		if err := bw.Flush(); err != nil {
			return "", err
		}
		// goldmark escapes raw HTML away (no WithUnsafe), so its output is
		// safe markup.
		return template.HTML(buf.String()), nil
	}
	if out.Conditions, err = render(docs[sections.Conditions]); err != nil {
		return out, err
	}
	if out.FAQ, err = render(docs[sections.FAQ]); err != nil {
		return out, err
	}
	if out.Other, err = render(docs[sections.Other]); err != nil {
		return out, err
	}
	return out, nil
}

// headingIDs gives headings ids made of their own words: letters (Chinese
// included) and digits kept, ASCII lower-cased, runs of anything else
// turned into one "-". A repeated id gets "-1", "-2", … in document order.
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs {
	ids := &headingIDs{used: make(map[string]bool, len(reservedIDs)+8)}
	for _, id := range reservedIDs {
		ids.used[id] = true
	}
	return ids
}

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '_':
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	base := b.String()
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (h *headingIDs) Put(value []byte) {
	h.used[string(value)] = true
}
