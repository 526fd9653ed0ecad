package openurl

import (
	"slices"
	"testing"
)

// The command chosen for each system, without running it.
func TestCommand(t *testing.T) {
	const u = "http://127.0.0.1:1313/?a=1&b=2"
	for _, c := range []struct {
		goos string
		want []string
	}{
		{"windows", []string{"rundll32", "url.dll,FileProtocolHandler", u}},
		{"darwin", []string{"open", u}},
		{"linux", []string{"xdg-open", u}},
		{"freebsd", []string{"xdg-open", u}},
	} {
		if got := Command(c.goos, u); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.goos, got, c.want)
		}
	}
}

// Open refuses anything but a web address, before running anything.
func TestOpenRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "C:\\Windows\\System32\\calc.exe", "javascript:alert(1)", ""} {
		if err := Open(u); err == nil {
			t.Errorf("Open(%q) did not refuse", u)
		}
	}
}
