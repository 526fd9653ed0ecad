package sheets

import (
	"fmt"
	"io"
	"strings"
)

// writeDiff writes a unified diff (3 lines of context) from old to new
// for the file name; old is nil for a new file.
func writeDiff(w io.Writer, name string, old, new []byte) {
	a, b := splitLines(string(old)), splitLines(string(new))
	from := "a/" + name
	if old == nil {
		from = "/dev/null"
	}
	fmt.Fprintf(w, "--- %s\n+++ b/%s\n", from, name)
	ops := diffLines(a, b)
	var changed []int
	for i, o := range ops {
		if o.kind != ' ' {
			changed = append(changed, i)
		}
	}
	for k := 0; k < len(changed); {
		first, last := changed[k], changed[k]
		for k++; k < len(changed) && changed[k]-last <= 7; k++ {
			last = changed[k]
		}
		writeHunk(w, ops[max(first-3, 0):min(last+4, len(ops))])
	}
}

// op is one line of a diff: ' ' kept, '-' deleted, '+' added, with the
// line numbers it has in the old and new text (from 1).
type op struct {
	kind       byte
	text       string
	aLine, bLn int
}

func writeHunk(w io.Writer, ops []op) {
	aStart, bStart, aN, bN := ops[0].aLine, ops[0].bLn, 0, 0
	for _, o := range ops {
		if o.kind != '+' {
			aN++
		}
		if o.kind != '-' {
			bN++
		}
	}
	if aN == 0 {
		aStart--
	}
	if bN == 0 {
		bStart--
	}
	fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", aStart, aN, bStart, bN)
	for _, o := range ops {
		text := o.text
		if !strings.HasSuffix(text, "\n") {
			text += "\n\\ No newline at end of file\n"
		}
		fmt.Fprintf(w, "%c%s", o.kind, text)
	}
}

func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return append(out, s)
		}
		out, s = append(out, s[:i+1]), s[i+1:]
	}
	return out
}

// diffLines finds the lines kept, deleted and added: the common prefix
// and suffix are cut first, then a longest common subsequence of the rest
// (files are small).
func diffLines(a, b []string) []op {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var ops []op
	for i := 0; i < p; i++ {
		ops = append(ops, op{' ', a[i], i + 1, i + 1})
	}
	ops = append(ops, lcs(a[p:len(a)-s], b[p:len(b)-s], p)...)
	for i := 0; i < s; i++ {
		ai, bi := len(a)-s+i, len(b)-s+i
		ops = append(ops, op{' ', a[ai], ai + 1, bi + 1})
	}
	return ops
}

// lcs diffs the middle parts, whose first lines are line off+1 of both.
func lcs(a, b []string, off int) []op {
	n, m := len(a), len(b)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, op{' ', a[i], off + i + 1, off + j + 1})
			i, j = i+1, j+1
		case j < m && (i == n || t[i][j+1] > t[i+1][j]):
			ops = append(ops, op{'+', b[j], off + i + 1, off + j + 1})
			j++
		default:
			ops = append(ops, op{'-', a[i], off + i + 1, off + j + 1})
			i++
		}
	}
	return ops
}
