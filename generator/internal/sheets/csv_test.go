package sheets

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zhinan/generator/internal/sitefixture"
)

// TestCSVEncodings: a CSV folder saved as UTF-8 with a BOM (as export
// writes it), as UTF-8 without one, and as GBK (Excel on a Chinese
// Windows) imports the same change.
func TestCSVEncodings(t *testing.T) {
	encode := map[string]func([]byte) []byte{
		"bom":  func(b []byte) []byte { return b },
		"utf8": func(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) },
		"gbk": func(b []byte) []byte {
			out, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
			if err != nil {
				t.Fatal(err)
			}
			return out
		},
	}
	for name, enc := range encode {
		t.Run(name, func(t *testing.T) {
			src := sitefixture.WriteSite(t, sitefixture.SmallSite)
			dir := export(t, src, "csv")
			for _, s := range Sheets {
				file := filepath.Join(dir, s.Name+".csv")
				data, _ := os.ReadFile(file)
				data = bytes.Replace(data, []byte("法律援助申请表"), []byte("法律援助申请表（新版）"), 1)
				os.WriteFile(file, enc(data), 0o644)
			}
			res := runImport(t, src, dir, false)
			if len(res.Problems) > 0 || !slices.Equal(res.Updated, []string{"content/sfj/aid.md"}) {
				t.Fatalf("%+v", res)
			}
			got, _ := os.ReadFile(filepath.Join(src, "content/sfj/aid.md"))
			if !strings.Contains(string(got), "\nname = \"法律援助申请表（新版）\"\n") {
				t.Errorf("got\n%s", got)
			}
		})
	}
}

// TestCSVGuardsFormulas: a value that a spreadsheet would run as a
// formula is written with an apostrophe in front, and comes back as it
// was.
func TestCSVGuardsFormulas(t *testing.T) {
	site := strings.Replace(sitefixture.SmallSite, `keywords = ["开律所"]`, `keywords = ["=HYPERLINK(\"http://x\")", "'引号"]`, 1)
	src := sitefixture.WriteSite(t, site)
	dir := export(t, src, "csv")
	data, _ := os.ReadFile(filepath.Join(dir, "事项.csv"))
	if !strings.Contains(string(data), `"'=HYPERLINK(""http://x"")；'引号"`) {
		t.Errorf("formula not guarded:\n%s", data)
	}
	before := sitefixture.Manifest(t, src)
	res := runImport(t, src, dir, false)
	if len(res.Problems)+len(res.Updated) > 0 || sitefixture.Manifest(t, src) != before {
		t.Fatalf("%+v", res)
	}
}
