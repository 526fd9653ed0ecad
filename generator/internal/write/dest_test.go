package write

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// mkfile writes a file, creating its folders.
func mkfile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// publish writes one page into dest through a stage and commits it.
func publish(t *testing.T, dest string, opts Options) error {
	t.Helper()
	st, err := Begin(dest, opts)
	if err != nil {
		return err
	}
	if err := writeAll(st, []site.File{{Path: "index.html", Data: []byte("new")}}); err != nil {
		st.Abort()
		t.Fatal(err)
	}
	return st.Commit()
}

// Every destination that would cost the site or a person's folder its
// files is refused with a DestError, and nothing is touched.
func TestBeginRefusesDangerousDestinations(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	mkfile(t, filepath.Join(src, "config.toml"), "title = \"x\"\n")
	mkfile(t, filepath.Join(src, "content/a.md"), "guide")
	mkfile(t, filepath.Join(src, "static/forms/a.docx"), "form")
	mkfile(t, filepath.Join(src, "layouts/guide.html"), "layout")
	mkfile(t, filepath.Join(root, "notes.txt"), "a person's notes")
	mkfile(t, filepath.Join(root, "www/index.html"), "a hand-made site")
	if err := os.Symlink(src, filepath.Join(root, "site-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(root, "content-link")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, dest, want string
		force            bool
	}{
		{"the source itself", src, "就是站点目录", true},
		{"the source through a link", filepath.Join(root, "site-link"), "就是站点目录", true},
		{"content/", filepath.Join(src, "content"), "content/", true},
		{"below content/", filepath.Join(src, "content/out"), "content/", true},
		{"content/ through a link", filepath.Join(root, "content-link"), "content/", true},
		{"below static/", filepath.Join(src, "static/out"), "static/", true},
		{"layouts/", filepath.Join(src, "layouts"), "layouts/", true},
		{"a folder that holds the source", root, "包含站点目录", true},
		{"an existing file", filepath.Join(root, "notes.txt"), "是一个文件", true},
		{"a folder a person made", filepath.Join(root, "www"), "--force", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := treeOf(t, root)
			_, err := Begin(c.dest, Options{Source: src, Force: c.force})
			var de *DestError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Begin(%s): %v, want a DestError saying %q", c.dest, err, c.want)
			}
			if after := treeOf(t, root); after != before {
				t.Fatalf("the tree changed:\n%s\nwant\n%s", after, before)
			}
		})
	}
}

// treeOf lists every path under dir with its content, links as links.
func treeOf(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel)
		switch {
		case d.Type()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			b.WriteString(" -> " + l)
		case !d.IsDir():
			data, _ := os.ReadFile(p)
			b.WriteString(": " + string(data))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The default output inside the site, an empty folder, a marked folder,
// and with --force a person's folder are replaced.
func TestBeginAcceptsOwnAndEmptyDestinations(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	mkfile(t, filepath.Join(src, "config.toml"), "")
	if err := publish(t, filepath.Join(src, "public"), Options{Source: src}); err != nil {
		t.Fatalf("site/public: %v", err)
	}
	if err := publish(t, filepath.Join(src, "public"), Options{Source: src}); err != nil {
		t.Fatalf("site/public again (marked): %v", err)
	}
	os.MkdirAll(filepath.Join(root, "empty"), 0o755)
	if err := publish(t, filepath.Join(root, "empty"), Options{Source: src}); err != nil {
		t.Fatalf("an empty folder: %v", err)
	}
	mkfile(t, filepath.Join(root, "www/old.html"), "old")
	if err := publish(t, filepath.Join(root, "www"), Options{Source: src, Force: true}); err != nil {
		t.Fatalf("--force: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "www/old.html")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the forced replacement kept the old file")
	}
	if _, err := os.Stat(filepath.Join(root, "www", Marker)); err != nil {
		t.Fatal("the published folder has no marker")
	}
}

// A destination that is a symbolic link is published into the link's
// target, atomically; the link stays a link and nothing else the target's
// parent holds is touched.
func TestSymlinkedDestinationKeepsTheLink(t *testing.T) {
	root := t.TempDir()
	www := filepath.Join(root, "var/www/html")
	mkfile(t, filepath.Join(root, "var/www/other.txt"), "keep me")
	link := filepath.Join(root, "public")
	if err := os.Symlink(www, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := publish(t, link, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi, err)
	}
	if got, _ := os.ReadFile(filepath.Join(www, "index.html")); string(got) != "new" {
		t.Fatalf("target holds %q", got)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "var/www/other.txt")); string(got) != "keep me" {
		t.Fatal("a file beside the target changed")
	}
	entries, _ := os.ReadDir(filepath.Join(root, "var/www"))
	if len(entries) != 2 {
		t.Fatalf("leftovers beside the target: %v", entries)
	}
	// A link to a folder a person made is refused like the folder.
	mkfile(t, filepath.Join(root, "mine/index.html"), "mine")
	os.Remove(link)
	os.Symlink(filepath.Join(root, "mine"), link)
	var de *DestError
	if err := publish(t, link, Options{}); !errors.As(err, &de) {
		t.Fatalf("a link to an unmarked folder: %v", err)
	}
}

// Staging folders that killed builds left are removed by the next build;
// a live build's staging folder and folders of the same name without the
// marker are not.
func TestBeginRemovesAbandonedStagingFolders(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	killed := filepath.Join(parent, ".public.staging-123")
	mkfile(t, filepath.Join(killed, Marker), markerText)
	mkfile(t, filepath.Join(killed, "guide/a/index.html"), "half")
	unmarked := filepath.Join(parent, ".public.staging-mine")
	mkfile(t, filepath.Join(unmarked, "notes.txt"), "not ours")
	live, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()
	if err := publish(t, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(killed); !errors.Is(err, os.ErrNotExist) {
		t.Error("the killed build's staging folder is still there")
	}
	if _, err := os.Stat(filepath.Join(unmarked, "notes.txt")); err != nil {
		t.Error("a folder without the marker was removed")
	}
	if _, err := os.Stat(live.Dir()); err != nil {
		t.Error("a running build's staging folder was removed")
	}
}
