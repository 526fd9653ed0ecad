package load

import (
	"strings"
	"testing"
)

// numbered builds a file whose line n (from 1) is lines[n-1], so that the
// expected line numbers in a test can be read off the source.
func numbered(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func TestIndexLines(t *testing.T) {
	src := numbered(
		`code = "A-1"`,                  // 1
		`title = 'x' # comment`,         // 2
		`"quoted key" = 1`,              // 3
		`site.name.first = "dotted"`,    // 4
		`keywords = [`,                  // 5
		`  "a", # first`,                // 6
		`  "b",`,                        // 7
		`]`,                             // 8
		`note = """`,                    // 9
		`fake = "not a key"`,            // 10
		`[not.a.table]`,                 // 11
		`"""`,                           // 12
		`lit = '''`,                     // 13
		`[[nope]]'''`,                   // 14
		`[service]`,                     // 15
		`star = 5`,                      // 16
		`  visits = 0 # inline comment`, // 17
		``,                              // 18
		`[[materials]]`,                 // 19
		`name = "申请书"`,                  // 20
		`[[materials]]`,                 // 21
		`name = "身份证"`,                  // 22
		`copies = 2`,                    // 23
		`[materials.extra]`,             // 24
		`deep = true`,                   // 25
		`[[materials.parts]]`,           // 26
		`p = 1`,                         // 27
		`[ contact ]`,                   // 28
		`consult = ["0571-1", "12345"]`, // 29
		`inline = { a = 1, b.c = [1,`,   // 30
		`  2] }`,                        // 31
		`when = 1979-05-27 07:32:00Z`,   // 32
		`after = 1`,                     // 33
		`[[ steps ]]`,                   // 34
		`name = "受理"`,                   // 35
		`days = 1`,                      // 36
	)
	got := IndexLines([]byte(src), 1)
	want := map[string]int{
		"code": 1, "title": 2, "quoted key": 3,
		"site": 4, "site.name": 4, "site.name.first": 4,
		"keywords": 5, "keywords.0": 6, "keywords.1": 7,
		"note": 9, "lit": 13,
		"service": 15, "service.star": 16, "service.visits": 17,
		"materials": 19, "materials.0": 19, "materials.0.name": 20,
		"materials.1": 21, "materials.1.name": 22, "materials.1.copies": 23,
		"materials.1.extra": 24, "materials.1.extra.deep": 25,
		"materials.1.parts": 26, "materials.1.parts.0": 26, "materials.1.parts.0.p": 27,
		"contact": 28, "contact.consult": 29, "contact.consult.0": 29, "contact.consult.1": 29,
		"contact.inline": 30, "contact.inline.a": 30, "contact.inline.b": 30, "contact.inline.b.c": 30,
		"contact.inline.b.c.0": 30, "contact.inline.b.c.1": 31,
		"contact.when": 32, "contact.after": 33,
		"steps": 34, "steps.0": 34, "steps.0.name": 35, "steps.0.days": 36,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("line of %q = %d, want %d", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected path %q (line %d)", k, got[k])
		}
	}
}

func TestIndexLinesFirstLine(t *testing.T) {
	got := IndexLines([]byte("a = 1\n\n[t]\nb = 2\n"), 2)
	if got["a"] != 2 || got["t"] != 4 || got["t.b"] != 5 {
		t.Fatalf("got %v", got)
	}
}

func TestIndexLinesArraysOfInlineTables(t *testing.T) {
	src := numbered(
		`materials = [`,               // 1
		`  { name = "a" },`,           // 2
		`  { name = "b", copies = 2,`, // 3
		`    note = "n" },`,           // 4
		`]`,                           // 5
		`s = "esc \" [x] = 1"`,        // 6
		`m = """a \"""" b"""`,         // 7
		`x = 1`,                       // 8
	)
	got := IndexLines([]byte(src), 1)
	want := map[string]int{
		"materials.0": 2, "materials.0.name": 2, "materials.1": 3, "materials.1.copies": 3,
		"materials.1.note": 4, "s": 6, "m": 7, "x": 8,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("line of %q = %d, want %d (all: %v)", k, got[k], w, got)
		}
	}
}

func TestParseLinesCRLFAndBOM(t *testing.T) {
	src := "\xef\xbb\xbf+++\r\ncode = \"A\"\r\nnote = \"\"\"\r\nx\r\n\"\"\"\r\n[service]\r\nvisits = 1\r\n+++\r\nbody\r\n"
	doc, diags := Parse("content/a.md", []byte(src))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if doc.Lines["code"] != 2 || doc.Lines["note"] != 3 || doc.Lines["service"] != 6 || doc.Lines["service.visits"] != 7 {
		t.Fatalf("lines = %v", doc.Lines)
	}
	if doc.BodyLine != 9 || doc.Body != "body\n" {
		t.Fatalf("body %q at %d", doc.Body, doc.BodyLine)
	}
}

func TestIndexLinesNeverPanicsOnGarbage(t *testing.T) {
	for _, s := range []string{
		"[", "[[", "[a", "[[a]", "a", "a =", `a = "`, `a = """`, "a = '''", "a = [", "a = {", "a = [1,", "a.=1",
		`"`, `'`, "= 1", "[a.]", "a = [[[[", "\x00", "a = {b = [", "[[a.b]]\n[[a]]\n[a.b]",
	} {
		IndexLines([]byte(s), 1)
	}
}

// IndexLines, for these tests, returns the line of every key path in TOML text src, whose
// first line is line first of the file it came from. Paths are those of
// site.Document.Lines: keys joined with dots, elements of arrays (arrays of
// tables and inline arrays alike) indexed from 0 — "service",
// "service.visits", "materials.0", "materials.0.name", "keywords.1". A
// table, or an element of an array of tables, is at the line of its header;
// an array of tables as a whole is at its first header; a table a dotted
// key or a header creates implicitly is where it first appears.
//
// It is scanTOML's view of the text, meant for TOML that has already
// parsed: on other text it returns whatever lines it could, and it never
// panics. Parse and Config get the same lines from the one scan that
// decodes the text.
func IndexLines(src []byte, first int) map[string]int {
	return scanTOML(src, first).lines
}
