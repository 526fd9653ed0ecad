package editor

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/sheets"
)

// origSuffix names the hidden field of an array element that says which
// element of the file it was when the form was made ("" for a new one):
// the element keeps the keys the form does not show, wherever it moved.
const origSuffix = "._orig"

// itoa writes an index of an array element in a field name.
func itoa(i int) string { return strconv.Itoa(i) }

// formText is the text a field shows for a value of the file: strings as
// they are, numbers in digits, dates as TOML writes them, lists one
// element per line.
func formText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return frontedit.FormatTime(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formText(e)
		}
		return strings.Join(parts, "\n")
	}
	return frontedit.Encode(v)
}

// normalize makes posted text comparable with formText: browsers send
// CRLF line endings from text areas.
func normalize(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// checked is whether a checkbox shows as ticked for a value of the file.
func checked(f Field, v any, present bool) bool {
	if b, ok := v.(bool); ok && present {
		return b
	}
	return f.Default
}

// chosen is the set of options a Checks field shows as ticked, in the
// order of the file.
func chosen(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, e := range l {
			out = append(out, formText(e))
		}
	}
	return out
}

// applyField makes table m hold at key what the form says for field f
// (posted under name), leaving the file's value alone when the form shows
// it unchanged: a form opened and saved without edits changes no byte.
// A text field that the form did not post at all is left alone too.
func applyField(m map[string]any, f Field, name string, form url.Values) {
	old, present := m[f.Key]
	switch f.Widget {
	case Check:
		on := form.Get(name) != ""
		if on != checked(f, old, present) {
			m[f.Key] = on
		}
		return
	case Checks:
		applyChecks(m, f, form[name])
		return
	}
	vals, posted := form[name]
	if !posted {
		return
	}
	text := normalize(vals[0])
	if text == formText(old) || (f.Kind == sheets.List && listEqual(old, text)) {
		return
	}
	if strings.TrimSpace(text) == "" {
		delete(m, f.Key)
		return
	}
	m[f.Key] = parseText(f, text)
}

// parseText reads the text of a field as the value to write: through the
// import's cell reader, so that text of the wrong type (五 for a number)
// stays a string for the validator to report with the build's words.
func parseText(f Field, text string) any {
	if f.Kind == sheets.Text {
		return text
	}
	v := sheets.ParseCell(text, f.Kind)
	if s, ok := v.(string); ok && f.Kind != sheets.List {
		return strings.TrimSpace(s)
	}
	return v
}

// listEqual reports whether the lines of text are the elements of old.
func listEqual(old any, text string) bool {
	l, ok := old.([]any)
	return ok && frontedit.Equal(l, sheets.ParseCell(text, sheets.List))
}

// applyChecks sets a list of enumerated values from its ticked boxes.
// The same set in another order is no change.
func applyChecks(m map[string]any, f Field, vals []string) {
	old := chosen(m[f.Key])
	a, b := slices.Clone(old), slices.Clone(vals)
	sort.Strings(a)
	sort.Strings(b)
	if slices.Equal(a, b) {
		return
	}
	if len(vals) == 0 {
		delete(m, f.Key)
		return
	}
	l := make([]any, len(vals))
	for i, v := range vals {
		l[i] = v
	}
	m[f.Key] = l
}

// Want returns the front matter and body the file should hold after the
// form was posted: the file's own front matter (front, body) with the
// form's fields applied. Keys the form does not show (an unknown key, a
// typo) are kept, so the validator still reports them.
func Want(front map[string]any, body string, form url.Values) frontedit.Doc {
	want, _ := sheets.Clone(front).(map[string]any)
	if want == nil {
		want = map[string]any{}
	}
	for _, g := range Groups {
		if g.Array != "" {
			applyArray(want, g, form)
			continue
		}
		t, created := table(want, g.Table)
		if t == nil {
			continue
		}
		for _, f := range g.Fields {
			applyField(t, f, g.path(f, 0), form)
		}
		if created && len(t) > 0 {
			want[g.Table] = t
		}
	}
	if vals, ok := form[BodyField]; ok {
		if b := normalize(vals[0]); b != body && b != strings.TrimSuffix(body, "\n") {
			body = b
		}
	}
	return frontedit.Doc{Front: want, Body: body}
}

// table returns the table at name in front ("" is front itself) and
// whether it was made anew; nil when the file holds something else there.
func table(front map[string]any, name string) (map[string]any, bool) {
	if name == "" {
		return front, false
	}
	v, ok := front[name]
	if !ok {
		return map[string]any{}, true
	}
	t, _ := v.(map[string]any)
	return t, false
}

// applyArray rebuilds the array of tables of g from the posted elements,
// in their posted order; an element starts from the file's element it
// came from (origSuffix), so keys the form does not show stay.
func applyArray(want map[string]any, g *Group, form url.Values) {
	parent, key := want, g.Array
	if i := strings.LastIndexByte(g.Array, '.'); i >= 0 {
		t, created := table(want, g.Array[:i])
		if t == nil {
			return
		}
		if created {
			defer func() {
				if len(t) > 0 {
					want[g.Array[:i]] = t
				}
			}()
		}
		parent, key = t, g.Array[i+1:]
	}
	old, _ := parent[key].([]map[string]any)
	var out []map[string]any
	for _, n := range entryIndices(form, g.Array) {
		at := g.Array + "." + itoa(n)
		e := map[string]any{}
		if o, err := strconv.Atoi(form.Get(at + origSuffix)); err == nil && o >= 0 && o < len(old) {
			e = sheets.Clone(old[o]).(map[string]any)
		}
		for _, f := range g.Fields {
			applyField(e, f, at+"."+f.Key, form)
		}
		out = append(out, e)
	}
	_, present := parent[key]
	switch {
	case frontedit.Equal(out, old) || (len(out) == 0 && !present):
	case len(out) == 0:
		delete(parent, key)
	default:
		parent[key] = out
	}
}

// entryIndices lists the indices of the posted elements of an array, in
// order.
func entryIndices(form url.Values, array string) []int {
	var out []int
	for name := range form {
		rest, ok := strings.CutPrefix(name, array+".")
		if !ok {
			continue
		}
		num, ok := strings.CutSuffix(rest, origSuffix)
		if n, err := strconv.Atoi(num); ok && err == nil {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}
