// Package sections finds the sections of a guide's Markdown body that the
// guide page places on their own (申请条件, 常见问题), from goldmark's
// syntax tree, so that render (which moves them) and audit (which asks
// whether a guide has one) agree: a section starts at a top-level heading
// of level 1 or 2, ATX (## 申请条件) or setext (申请条件 underlined with
// --- or ===), whose words name it; a deeper heading, or one inside a code
// block, a list or a quote, does not start one.
package sections

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Section is a part of the guide page that a body section fills.
type Section string

const (
	// Other is the rest of the body, shown in the editor's order.
	Other Section = ""
	// Conditions is 申请条件.
	Conditions Section = "conditions"
	// FAQ is 常见问题.
	FAQ Section = "faq"
)

// named maps the words of a heading, as editors write them, to a section.
var named = map[string]Section{
	"申请条件":   Conditions,
	"受理条件":   Conditions,
	"办理条件":   Conditions,
	"常见问题":   FAQ,
	"常见问题解答": FAQ,
}

// Of tells whether n, a top-level node of a body's document, starts a
// section (starts is true for every level-1 or level-2 heading, which
// ends the section before it) and which one: Other for a heading that
// names none.
func Of(n ast.Node, source []byte) (s Section, starts bool) {
	h, ok := n.(*ast.Heading)
	if !ok || h.Level > 2 || n.Parent() == nil || n.Parent().Kind() != ast.KindDocument {
		return Other, false
	}
	return named[HeadingWords(h, source)], true
}

// HeadingWords is the plain text of a heading, trimmed of spaces and of a
// trailing colon (editors write "## 申请条件：" too).
func HeadingWords(n ast.Node, source []byte) string {
	var b strings.Builder
	collectText(n, source, &b)
	s := strings.TrimSpace(b.String())
	return strings.TrimRight(s, "：: ")
}

func collectText(n ast.Node, source []byte, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
		case *ast.String:
			b.Write(t.Value)
		default:
			collectText(c, source, b)
		}
	}
}

// parser has the block syntax of render's converter (CommonMark and GFM
// tables, strikethrough, bare links). Render's extra emphasis rule for
// CJK text changes only how * inside a line pairs up, never which lines
// are headings, and headings are compared by all of their text.
var parser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.CJK)).Parser()

// In returns the sections a body has, found as render finds them.
func In(body string) (out map[Section]bool) {
	out = map[Section]bool{}
	if strings.TrimSpace(body) == "" {
		return out
	}
	// As in render: a body goldmark cannot parse has no sections (render
	// reports it).
	defer func() {
		if recover() != nil {
			out = map[Section]bool{}
		}
	}()
	source := []byte(strings.ToValidUTF8(body, "\uFFFD"))
	doc := parser.Parse(text.NewReader(source))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if s, starts := Of(n, source); starts && s != Other {
			out[s] = true
		}
	}
	return out
}
