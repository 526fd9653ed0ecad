package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// contentType is what html/template knows a string to be: plain text, or
// one of its typed strings (template.HTML, template.URL, …) that it
// trusts in their own context.
type contentType int

const (
	plain contentType = iota
	htmlContent
	urlContent
	jsContent
	other // template.CSS, HTMLAttr, JSStr, Srcset: not handled here
)

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	urlType    = reflect.TypeFor[template.URL]()
	jsType     = reflect.TypeFor[template.JS]()
	otherTypes = map[reflect.Type]bool{
		reflect.TypeFor[template.CSS]():      true,
		reflect.TypeFor[template.HTMLAttr](): true,
		reflect.TypeFor[template.JSStr]():    true,
		reflect.TypeFor[template.Srcset]():   true,
	}
)

// stringify is html/template's: the text of the value an escaper gets,
// and its content type. Only html/template's own string types carry a
// type; anything else prints as fmt.Sprint prints it.
func stringify(v reflect.Value) (string, contentType, error) {
	if !v.IsValid() {
		// text/template passes nil; html/template skips nil arguments.
		return "", plain, nil
	}
	switch v.Kind() {
	case reflect.String:
		switch t := v.Type(); {
		case t == stringType:
			return v.String(), plain, nil
		case t == htmlType:
			return v.String(), htmlContent, nil
		case t == urlType:
			return v.String(), urlContent, nil
		case t == jsType:
			return v.String(), jsContent, nil
		case otherTypes[t]:
			return v.String(), other, nil
		}
	case reflect.Pointer, reflect.Interface:
		// html/template follows pointers to a Stringer or error.
		return "", plain, ErrUnsupported
	}
	return fmt.Sprint(v.Interface()), plain, nil
}

// escaper is one of the functions html/template inserts at the end of a
// printing action. It gets the text and its content type; only the first
// of a run sees the value's type, the others get the previous escaper's
// plain string.
type escaper func(s string, t contentType) (string, error)

// escapers are html/template's escapers (by the names it gives them in
// escaped trees) that a guide site's templates meet: HTML text, quoted
// attributes, <title>, URLs in attributes, JSON in script elements. A
// template needing another one is left to html/template.
var escapers = map[string]escaper{
	"_html_template_htmlescaper": func(s string, t contentType) (string, error) {
		switch t {
		case htmlContent:
			return s, nil
		case other:
			return "", ErrUnsupported
		}
		return replace(s, &htmlTable), nil
	},
	"_html_template_attrescaper": func(s string, t contentType) (string, error) {
		if t == htmlContent || t == other {
			return "", ErrUnsupported // html/template strips the tags first
		}
		return replace(s, &htmlTable), nil
	},
	"_html_template_rcdataescaper": func(s string, t contentType) (string, error) {
		switch t {
		case htmlContent:
			return replace(s, &htmlNormTable), nil
		case other:
			return "", ErrUnsupported
		}
		return replace(s, &htmlTable), nil
	},
	"_html_template_urlfilter": func(s string, t contentType) (string, error) {
		switch t {
		case urlContent:
			return s, nil
		case other:
			return "", ErrUnsupported
		}
		if !isSafeURL(s) {
			return "#ZgotmplZ", nil
		}
		return s, nil
	},
	"_html_template_urlnormalizer": func(s string, t contentType) (string, error) {
		if t == other {
			return "", ErrUnsupported
		}
		return processURL(s, true), nil
	},
	"_html_template_urlescaper": func(s string, t contentType) (string, error) {
		if t == other {
			return "", ErrUnsupported
		}
		return processURL(s, t == urlContent), nil
	},
	"_html_template_jsvalescaper": func(s string, t contentType) (string, error) {
		if t != jsContent {
			return "", ErrUnsupported // JSON-encodes everything else
		}
		return s, nil
	},
}

// The replacements html/template makes in HTML text and quoted attribute
// values (htmlTable), and in those that may hold entities already
// (htmlNormTable: & is kept). Every escaped character is ASCII, so a byte
// scan finds the same places as html/template's rune scan, invalid UTF-8
// included.
var htmlTable, htmlNormTable [128]string

func init() {
	for _, t := range []*[128]string{&htmlTable, &htmlNormTable} {
		t[0] = "\uFFFD"
		t['"'] = "&#34;"
		t['\''] = "&#39;"
		t['+'] = "&#43;"
		t['<'] = "&lt;"
		t['>'] = "&gt;"
	}
	htmlTable['&'] = "&amp;"
}

func replace(s string, table *[128]string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < 128 && table[c] != "" {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		if c := s[i]; c < 128 && table[c] != "" {
			b.WriteString(table[c])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isSafeURL is html/template's: a URL with a scheme must be http, https
// or mailto; others (javascript:, data:, …) are replaced by #ZgotmplZ.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// processURL percent-encodes what html/template encodes in URLs: when
// normalizing, everything but unreserved and reserved characters and
// existing %XX escapes; otherwise (a query part) reserved characters too.
// Like html/template, it writes lower-case hex digits.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			if norm {
				continue
			}
		case c == '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
