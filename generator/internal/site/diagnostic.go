package site

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is published.
	Error Severity = iota
	// Warning is printed and the build goes on, unless --strict is given.
	Warning
)

// String returns "error" or "warning", the words used in machine-readable
// reports.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a file. File is the path relative to
// the site's source folder, with forward slashes (content/sfj/lawyer.md);
// Line counts from 1, the opening +++ being line 1; Line 0 means the file as
// a whole. Rule is the id of a rule of package rules, such as R4 or W-time, that
// tests and CI can match on; Message is plain Chinese for the editor and
// says what is wrong and what to do.
type Diagnostic struct {
	File     string
	Line     int
	Rule     string
	Severity Severity
	Message  string
}

// String formats the diagnostic as "path:line: [rule] message", the form
// printed by build and check. Warnings carry the word 警告 before the
// message so that they stand out in a terminal.
func (d Diagnostic) String() string {
	prefix := ""
	if d.Severity == Warning {
		prefix = "警告："
	}
	return fmt.Sprintf("%s:%d: [%s] %s%s", d.File, d.Line, d.Rule, prefix, d.Message)
}

// SortDiagnostics orders diagnostics by file, line, rule and message, so
// that reports are deterministic whatever order the stages found them in.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// CountErrors returns how many diagnostics are errors; with strict, warnings
// count as errors too.
func CountErrors(ds []Diagnostic, strict bool) int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error || strict {
			n++
		}
	}
	return n
}

// TableName is a key path without its array indices, as messages name a
// table: "materials.2" → "materials", "time.special.0" → "time.special".
func TableName(path string) string {
	parts := strings.Split(path, ".")
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}
