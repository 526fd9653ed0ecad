package browsertest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuPath is the Nu Html Checker, installed by npm ci (vnu-jar).
const vnuPath = "node_modules/vnu-jar/build/dist/vnu.jar"

// TestNuHtmlChecker runs the Nu Html Checker over every HTML file of the
// built site (every page type, every guide) and the stylesheet, and wants
// no error.
func TestNuHtmlChecker(t *testing.T) {
	needBrowser(t)
	dir, _ := builtSite(t)
	files := htmlFiles(t, dir)
	args := []string{"-jar", filepath.Join(harness.root, vnuPath), "--errors-only", "--format", "gnu", "--also-check-css"}
	for _, f := range files {
		args = append(args, filepath.Join(dir, f))
	}
	args = append(args, filepath.Join(dir, "assets", "site.css"))
	out, err := exec.Command("java", args...).CombinedOutput()
	text := strings.TrimSpace(string(out))
	var errs []string
	for _, line := range strings.Split(text, "\n") {
		if line != "" {
			errs = append(errs, strings.Replace(line, "file:"+dir+"/", "", 1))
		}
	}
	t.Logf("Nu Html Checker: %d HTML files and site.css, %d errors", len(files), len(errs))
	for _, e := range errs {
		t.Error(e)
	}
	if err != nil && len(errs) == 0 {
		t.Fatalf("vnu.jar: %v", err)
	}
}
