package load

import "bytes"

// SplitError is why Split could not find the front matter. Line is the line
// of the file the problem is reported at (1 = the first line); Message is
// plain Chinese for the editor.
type SplitError struct {
	Line    int
	Message string
}

func (e *SplitError) Error() string { return e.Message }

var utf8BOM = []byte("\xef\xbb\xbf")

// normalizeNewlines turns CRLF line endings into LF, also when a broken
// tool wrote more than one CR before the LF. A CR not followed by LF stays.
// Data without any CR is returned as it is, without copying.
func normalizeNewlines(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		if data[i] == '\r' {
			j := i
			for j < len(data) && data[j] == '\r' {
				j++
			}
			if j < len(data) && data[j] == '\n' {
				i = j - 1 // drop the CRs; the LF is copied next
				continue
			}
		}
		out = append(out, data[i])
	}
	return out
}

// Split separates a content file into its TOML front matter and its
// Markdown body. The front matter sits between two lines that hold exactly
// +++ (trailing spaces and tabs are tolerated), the first of them being the
// first line of the file. A UTF-8 byte-order mark is skipped and CRLF line
// endings are turned into LF before anything else, so front and body never
// hold a CR that ended a line.
//
// bodyLine is the line of the file on which the body starts, counting the
// opening +++ as line 1 (so the front matter starts on line 2). The error,
// when not nil, is a *SplitError: the file is empty, does not start with
// +++, or its front matter is never closed.
func Split(data []byte) (front []byte, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	data = normalizeNewlines(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, 0, &SplitError{Line: 1, Message: "文件是空的：办事指南要以一行 +++ 开头，接着写 TOML 前置信息，再用一行 +++ 结束，后面是正文"}
	}
	first, rest, _ := cutLine(data)
	if !isFence(first) {
		return nil, nil, 0, &SplitError{Line: 1, Message: "文件的第一行必须只有 +++（前置信息的开头）：请在文件最前面加一行 +++，前面不要有空行或其他文字"}
	}
	start := len(data) - len(rest)
	line := 2
	for pos := start; pos < len(data); line++ {
		l, next, _ := cutLine(data[pos:])
		if isFence(l) {
			return data[start:pos], next, line + 1, nil
		}
		pos = len(data) - len(next)
	}
	return nil, nil, 0, &SplitError{Line: 1, Message: "前置信息没有结束：第 1 行的 +++ 之后找不到另一行 +++，请在 TOML 前置信息和正文之间加一行 +++"}
}

// cutLine returns the first line of b without its LF and what follows it.
func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, b[len(b):], false
}

// isFence reports whether a line is a front-matter fence: +++ followed by
// nothing but spaces or tabs.
func isFence(l []byte) bool {
	if len(l) < 3 || l[0] != '+' || l[1] != '+' || l[2] != '+' {
		return false
	}
	for _, c := range l[3:] {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}
