package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// insideSite writes a site on disk with every kind of link and odd file
// the loader must refuse, beside the ordinary files it must read.
func insideSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write := func(rel, data string) {
		p := filepath.Join(site, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		if err := os.Symlink(target, filepath.Join(site, rel)); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"x\"\n")
	write("content/a.md", "+++\ncode = \"a\"\n+++\n")
	write("content/sub/b.md", "+++\ncode = \"b\"\n+++\n")
	write("static/forms/f.docx", "form")
	if err := os.WriteFile(filepath.Join(root, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	link("../../secret.txt", "content/escape.md")
	link("/etc/passwd", "content/passwd.md")
	link("sub/b.md", "content/alias.md") // inside: read
	link("../secret.txt", "content/dirlink")
	link("sub", "content/folderlink")
	link("/etc/passwd", "static/passwd.txt")
	link("/proc/self/environ", "static/env.txt")
	link("../config.toml", "static/config.txt")
	link("forms/f.docx", "static/same.docx") // inside: published
	link("missing.docx", "static/dangling.docx")
	mkfifo(t, filepath.Join(site, "content/p.md"))
	mkfifo(t, filepath.Join(site, "static/pipe"))
	link("/dev/zero", "content/zero.md")
	return site
}

// The loader reads what is inside each folder and names every file it
// refuses; nothing blocks (a named pipe) or runs forever (/dev/zero).
func TestLoaderStaysInsideTheSite(t *testing.T) {
	site := insideSite(t)
	done := make(chan struct{})
	var files []string
	var diags, sdiags []string
	var static []string
	go func() {
		defer close(done)
		fsys := DirFS(site)
		fs, ds := ContentFiles(fsys)
		files = fs
		for _, f := range fs {
			if _, d := ReadDocument(fsys, f); d != nil {
				ds = append(ds, d...)
			}
		}
		for _, d := range ds {
			diags = append(diags, d.String())
		}
		st, sds, err := Static(fsys)
		if err != nil {
			t.Error(err)
		}
		static = st
		for _, d := range sds {
			sdiags = append(sdiags, d.String())
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the loader blocked (a named pipe?)")
	}
	if got := strings.Join(files, " "); got != "content/a.md content/alias.md content/sub/b.md" {
		t.Errorf("guides read: %s", got)
	}
	all := strings.Join(diags, "\n")
	for _, want := range []string{
		"content/escape.md:0: [input] content/escape.md 是符号链接，指向 content/ 以外",
		"content/passwd.md:0: [input]",
		"content/dirlink:0: [input]",
		"content/folderlink:0: [input] content/folderlink 是指向文件夹的符号链接",
		"content/p.md:0: [input] content/p.md 不是普通文件",
		"content/zero.md:0: [input] content/zero.md 是符号链接，指向 content/ 以外",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("content diagnostics lack %q:\n%s", want, all)
		}
	}
	if got := strings.Join(static, " "); got != "forms/f.docx same.docx" {
		t.Errorf("static files: %s", got)
	}
	sall := strings.Join(sdiags, "\n")
	for _, want := range []string{"static/passwd.txt:0: [input]", "static/env.txt:0: [input]",
		"static/config.txt:0: [input] static/config.txt 是符号链接，指向 static/ 以外",
		"static/dangling.docx:0: [input]", "static/pipe:0: [input]"} {
		if !strings.Contains(sall, want) {
			t.Errorf("static diagnostics lack %q:\n%s", want, sall)
		}
	}
}

// ReadFile itself refuses what the listing refuses, so that a file
// swapped for a link or a pipe between listing and reading is refused too.
func TestDirFSReadFileRefuses(t *testing.T) {
	site := insideSite(t)
	fsys := DirFS(site)
	for name, want := range map[string]error{
		"content/escape.md": ErrOutsideSite,
		"content/passwd.md": ErrOutsideSite,
		"static/config.txt": ErrOutsideSite,
		"static/env.txt":    ErrOutsideSite,
		"content/p.md":      ErrNotRegular,
		"static/pipe":       ErrNotRegular,
		"content/zero.md":   ErrOutsideSite, // an absolute link
		"../secret.txt":     fs.ErrInvalid,
	} {
		if _, err := fs.ReadFile(fsys, name); !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", name, err, want)
		}
	}
	for _, name := range []string{"config.toml", "content/alias.md", "static/same.docx"} {
		if _, err := fs.ReadFile(fsys, name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	big := filepath.Join(site, "content/big.md")
	if err := os.WriteFile(big, make([]byte, MaxGuideSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, d := ReadDocument(fsys, "content/big.md"); len(d) != 1 || !strings.Contains(d[0].Message, "超过 4 MB") {
		t.Errorf("a 4 MB + 1 byte guide: %v", d)
	}
}
