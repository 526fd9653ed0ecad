package testdeps

import (
	"fmt"
	"strings"
	"testing"
)

// recorder is a testing.TB that records Fatalf and Skipf instead of
// stopping the test.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()                        {}
func (r *recorder) Fatalf(format string, a ...any) { r.fatal = fmt.Sprintf(format, a...) }
func (r *recorder) Skipf(format string, a ...any)  { r.skip = fmt.Sprintf(format, a...) }

func TestMissingFailsUnderCIAndSkipsElsewhere(t *testing.T) {
	t.Setenv("ZHINAN_CHROMIUM", "/nonexistent/chromium")
	for _, ci := range []string{"true", ""} {
		t.Setenv("CI", ci)
		r := &recorder{TB: t}
		Require(r, Chromium)
		got, other := r.fatal, r.skip
		if ci != "true" {
			got, other = r.skip, r.fatal
		}
		if other != "" || !strings.Contains(got, "Chromium") || !strings.Contains(got, "apt-get install -y chromium") {
			t.Errorf("CI=%q: fatal %q, skip %q; want only the one naming Chromium and how to install it", ci, r.fatal, r.skip)
		}
	}
}

func TestPresentDependencyPasses(t *testing.T) {
	t.Setenv("CI", "true")
	t.Setenv("ZHINAN_CHROMIUM", "testdeps.go") // any existing file
	r := &recorder{TB: t}
	if p := Path(r, Chromium); p != "testdeps.go" || r.fatal != "" || r.skip != "" {
		t.Errorf("Path = %q, fatal %q, skip %q", p, r.fatal, r.skip)
	}
}
