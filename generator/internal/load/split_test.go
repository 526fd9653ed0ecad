package load

import (
	"bytes"
	"errors"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		front     string
		body      string
		bodyLine  int
		errLine   int // 0: no error
		errSubstr string
	}{
		{name: "plain", in: "+++\na = 1\n+++\nbody\n", front: "a = 1\n", body: "body\n", bodyLine: 4},
		{name: "crlf", in: "+++\r\na = 1\r\nb = 2\r\n+++\r\n## x\r\ny\r\n", front: "a = 1\nb = 2\n", body: "## x\ny\n", bodyLine: 5},
		{name: "bom", in: "\xef\xbb\xbf+++\na = 1\n+++\n", front: "a = 1\n", body: "", bodyLine: 4},
		{name: "bom crlf", in: "\xef\xbb\xbf+++\r\n+++\r\nb", front: "", body: "b", bodyLine: 3},
		{name: "no final newline", in: "+++\na = 1\n+++", front: "a = 1\n", body: "", bodyLine: 4},
		{name: "trailing spaces on fences", in: "+++  \na = 1\n+++\t\nx", front: "a = 1\n", body: "x", bodyLine: 4},
		{name: "plus in body", in: "+++\n+++\n+++\n", front: "", body: "+++\n", bodyLine: 3},
		{name: "empty", in: "", errLine: 1, errSubstr: "空"},
		{name: "blank", in: "\xef\xbb\xbf \r\n\n", errLine: 1, errSubstr: "空"},
		{name: "no opening", in: "title = 1\n+++\n", errLine: 1, errSubstr: "第一行"},
		{name: "blank line before opening", in: "\n+++\n+++\n", errLine: 1, errSubstr: "第一行"},
		{name: "four plus", in: "++++\n+++\n", errLine: 1, errSubstr: "第一行"},
		{name: "unclosed", in: "+++\na = 1\n", errLine: 1, errSubstr: "没有结束"},
		{name: "fence with text is not a fence", in: "+++\na = 1\n+++ x\n", errLine: 1, errSubstr: "没有结束"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, bodyLine, err := Split([]byte(tt.in))
			if tt.errLine != 0 {
				var se *SplitError
				if !errors.As(err, &se) {
					t.Fatalf("err = %v, want a *SplitError", err)
				}
				if se.Line != tt.errLine || !bytes.Contains([]byte(se.Message), []byte(tt.errSubstr)) {
					t.Fatalf("err = line %d %q, want line %d containing %q", se.Line, se.Message, tt.errLine, tt.errSubstr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.front || string(body) != tt.body || bodyLine != tt.bodyLine {
				t.Fatalf("got front %q body %q line %d, want %q %q %d", front, body, bodyLine, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", "+++", "+++\n", "+++\n+++", "+++\r\n+++\r\n", "\xef\xbb\xbf+++\n+++\nbody",
		"+++\na = 1\n+++\n## h\n", "\r\n", "+++\r", "++", "+++\n\r\n+++ \t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		front, body, bodyLine, err := Split(data)
		if err != nil {
			var se *SplitError
			if !errors.As(err, &se) || se.Line < 1 {
				t.Fatalf("error %v is not a *SplitError with a line", err)
			}
			return
		}
		if bytes.Contains(front, []byte("\r\n")) || bytes.Contains(body, []byte("\r\n")) {
			t.Fatalf("CRLF left in front %q or body %q", front, body)
		}
		if want := 3 + bytes.Count(front, []byte("\n")); bodyLine != want {
			t.Fatalf("bodyLine = %d, want %d (front %q)", bodyLine, want, front)
		}
	})
}
