package hostlimit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJudge: each host warns past each of its limits, and only there,
// saying what to do.
func TestJudge(t *testing.T) {
	cases := []struct {
		host  string
		files int
		bytes int64
		big   []string
		want  []string // a part of each warning, in order
	}{
		{"cloudflare", 20000, 1 << 30, nil, nil},
		{"cloudflare", 20001, 0, nil, []string{"免费版最多 20000 个文件"}},
		{"cloudflare", 100001, 0, nil, []string{"最多 100000 个文件"}},
		{"cloudflare", 10, 0, []string{"public/data/guides.json"}, []string{"单个文件 25 MiB"}},
		{"gitlab", 200000, 0, nil, nil},
		{"gitlab", 200001, 0, nil, []string{"GitLab Pages 每个站点最多 200000 个文件"}},
		{"github", 500000, 1 << 30, nil, nil},
		{"github", 10, 1<<30 + 1, nil, []string{"GitHub Pages 每个站点 1 GB"}},
	}
	for _, c := range cases {
		ds := judge(Hosts[c.host], "public", c.files, c.bytes, c.big)
		if len(ds) != len(c.want) {
			t.Errorf("%s, %d files, %d bytes: %v; want %d warnings", c.host, c.files, c.bytes, ds, len(c.want))
			continue
		}
		for i, d := range ds {
			if !strings.Contains(d.Message, c.want[i]) || !strings.Contains(d.Message, "请") || d.Rule != "W-host" {
				t.Errorf("%s: %v; want [W-host] with %q and what to do", c.host, d, c.want[i])
			}
		}
	}
}

// TestCheckMeasuresTheOutput: Check walks the real folder: a file over
// 25 MiB (sparse, so cheap) is named; a small site passes; a missing
// folder says to build first.
func TestCheckMeasuresTheOutput(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ds, err := Check(dir, "cloudflare"); err != nil || len(ds) != 0 {
		t.Errorf("a small site: %v, %v; want no warning", ds, err)
	}
	big := filepath.Join(dir, "data", "guides.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(25<<20 + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ds, err := Check(dir, "cloudflare")
	if err != nil || len(ds) != 1 || ds[0].File != big {
		t.Errorf("a 25 MiB + 1 byte file: %v, %v; want one warning at %s", ds, err, big)
	}
	if ds, err := Check(dir, "gitlab"); err != nil || len(ds) != 0 {
		t.Errorf("gitlab has no file size limit: %v, %v", ds, err)
	}
	if _, err := Check(filepath.Join(dir, "missing"), "github"); err == nil || !strings.Contains(err.Error(), "generator build") {
		t.Errorf("a missing output: %v; want to be told to build first", err)
	}
	if _, err := Check(dir, "netlify"); err == nil {
		t.Error("an unknown host is not refused")
	}
}
