package frontedit

import (
	"maps"
	"slices"
	"strings"
)

// Render writes a new guide file holding doc: +++, the front matter with
// keys in order (values first, then tables and arrays of tables, each
// with its header after a blank line), +++, then the body.
func Render(doc Doc, order Order) []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	writeTable(&b, order, "", doc.Front, "\n")
	b.WriteString("+++\n")
	b.WriteString(doc.Body)
	return []byte(b.String())
}

// writeTable writes the keys of table m (named name, without indices):
// its values, then its tables and arrays of tables as blocks.
func writeTable(b *strings.Builder, order Order, name string, m map[string]any, nl string) {
	keys := orderedKeys(order, name, m)
	for _, k := range keys {
		switch m[k].(type) {
		case map[string]any, []map[string]any:
			continue
		}
		b.WriteString(encodeKey(k) + " = " + Encode(m[k]) + nl)
	}
	for _, k := range keys {
		sub := join(name, k)
		switch x := m[k].(type) {
		case map[string]any:
			b.WriteString(nl + "[" + sub + "]" + nl)
			writeTable(b, order, sub, x, nl)
		case []map[string]any:
			for _, e := range x {
				b.WriteString(nl + "[[" + sub + "]]" + nl)
				writeTable(b, order, sub, e, nl)
			}
		}
	}
}

// orderedKeys returns the keys of m: first those order lists for the
// table, in its order, then the others sorted.
func orderedKeys(order Order, name string, m map[string]any) []string {
	out := make([]string, 0, len(m))
	seen := make(map[string]bool, len(m))
	if order != nil {
		for _, k := range order(name) {
			if _, ok := m[k]; ok && !seen[k] {
				out = append(out, k)
				seen[k] = true
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}
