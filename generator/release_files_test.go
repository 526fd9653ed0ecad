package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The double-click starter shipped in the release is what cmd.exe on a
// Chinese Windows reads: CRLF line ends only, GBK (the code page it reads
// a batch file in), and it starts `serve --open` in its own folder.
func TestReleaseStarterForWindows(t *testing.T) {
	data, err := os.ReadFile("../scripts/release/预览和编辑.cmd")
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("\n")); n == 0 || bytes.Count(data, []byte("\r\n")) != n {
		t.Errorf("not every line ends in CRLF")
	}
	text, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(text, '\uFFFD') {
		t.Fatalf("not GBK: %v", err)
	}
	for _, w := range []string{`cd /d "%~dp0"`, `"%~dp0generator.exe" serve --open`, "双击运行"} {
		if !strings.Contains(string(text), w) {
			t.Errorf("the starter lacks %q:\n%s", w, text)
		}
	}
}
