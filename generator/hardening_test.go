package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"zhinan/generator/internal/sitefixture"

	"zhinan/generator/internal/write"
)

// runCLI runs the command line as main does, with a time limit: a build
// that blocks (on a named pipe, say) fails the test instead of hanging it.
func runCLI(t testing.TB, args ...string) (code int, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, &out, &errOut) }()
	select {
	case code = <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("generator %s did not finish within a minute", strings.Join(args, " "))
	}
	return code, errOut.String()
}

// TestBadInputLosesNothing runs `generator build` on every kind of bad
// path, link, odd file and collision the hardening issue found, each on a
// site that was built once before: the exit code and a message naming the
// file must come out, and neither the site nor the previous output (nor
// anything beside them) may change.
func TestBadInputLosesNothing(t *testing.T) {
	for _, c := range badInputCases() {
		t.Run(c.name, func(t *testing.T) {
			root, src, dest := builtOnce(t)
			args := c.setup(t, root, src, dest)
			before := sitefixture.Manifest(t, root)
			code, stderr := runCLI(t, args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, want %d, with %q in:\n%s", code, c.code, c.want, stderr)
			}
			if after := sitefixture.Manifest(t, root); after != before {
				t.Fatalf("files changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// builtOnce makes the folder root of a case of TestBadInputLosesNothing:
// the small site in root/site, built once into root/public, beside a
// person's notes.txt and www/index.html.
func builtOnce(t *testing.T) (root, src, dest string) {
	root = t.TempDir()
	src = filepath.Join(root, "site")
	for _, f := range []struct{ rel, data string }{{"notes.txt", "a person's notes"}, {"www/index.html", "a hand-made page"}} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, f.rel)), 0o755)
		os.WriteFile(filepath.Join(root, f.rel), []byte(f.data), 0o644)
	}
	if err := os.Rename(sitefixture.WriteSite(t, sitefixture.SmallSite), src); err != nil {
		t.Fatal(err)
	}
	dest = filepath.Join(root, "public")
	if code, stderr := runCLI(t, "build", "--quiet", "--no-search", "--source", src, "--dest", dest); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	return root, src, dest
}

// badSetup spoils a site built once (see builtOnce) and returns the
// arguments of the build that must refuse it.
type badSetup func(t *testing.T, root, src, dest string) (args []string)

// badInputCase is a case of TestBadInputLosesNothing: the exit code and a
// part of the message the build after setup must give.
type badInputCase struct {
	name  string
	setup badSetup
	code  int
	want  string
}

// buildArgs is a build of src into dest with extra arguments.
func buildArgs(extra ...string) badSetup {
	return func(t *testing.T, root, src, dest string) []string {
		return append([]string{"build", "--quiet", "--no-search", "--source", src, "--dest", dest}, extra...)
	}
}

// withFile writes data to the site's file rel, then does then.
func withFile(rel, data string, then badSetup) badSetup {
	return func(t *testing.T, root, src, dest string) []string {
		p := filepath.Join(src, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return then(t, root, src, dest)
	}
}

// withLink makes the site's file rel a symbolic link to target (ROOT in it
// is the case's folder), then builds.
func withLink(target, rel string) badSetup {
	return func(t *testing.T, root, src, dest string) []string {
		target := strings.ReplaceAll(target, "ROOT", root)
		if err := os.Symlink(target, filepath.Join(src, rel)); err != nil {
			t.Fatal(err)
		}
		return buildArgs()(t, root, src, dest)
	}
}

// destIs builds into the folder d returns, with extra arguments.
func destIs(d func(root, src, dest string) string, extra ...string) badSetup {
	return func(t *testing.T, root, src, dest string) []string {
		return buildArgs(extra...)(t, root, src, d(root, src, dest))
	}
}

// badInputCases are the cases of TestBadInputLosesNothing.
func badInputCases() []badInputCase {
	return []badInputCase{
		{"--dest is the source", destIs(func(_, src, _ string) string { return src }), exitUsage, "就是站点目录"},
		{"--dest is content/", destIs(func(_, src, _ string) string { return filepath.Join(src, "content") }), exitUsage, "content/ 文件夹里"},
		{"--dest is a file", destIs(func(root, _, _ string) string { return filepath.Join(root, "notes.txt") }), exitUsage, "是一个文件"},
		{"--dest inside static/", destIs(func(_, src, _ string) string { return filepath.Join(src, "static/out") }), exitUsage, "static/ 文件夹里"},
		{"--dest holds the source", destIs(func(root, _, _ string) string { return root }, "--force"), exitUsage, "包含站点目录"},
		{"--dest is a person's folder", destIs(func(root, _, _ string) string { return filepath.Join(root, "www") }), exitUsage, "--force"},
		{"a misspelt --source", func(t *testing.T, root, src, dest string) []string {
			return []string{"build", "--source", src + "-typo", "--dest", dest}
		}, exitUsage, "不存在"},
		{"no config.toml", func(t *testing.T, root, src, dest string) []string {
			os.Remove(filepath.Join(src, "config.toml"))
			return buildArgs()(t, root, src, dest)
		}, exitContent, "config.toml:0: [config] 这里没有 config.toml"},
		{"a published guide still 待填写", func(t *testing.T, root, src, dest string) []string {
			p := filepath.Join(src, "content/sfj/lawfirm.md")
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, []byte(strings.Replace(string(data), `title = "律师事务所设立审核登记"`, `title = "待填写：事项名称"`, 1)), 0o644)
			return buildArgs()(t, root, src, dest)
		}, exitContent, "content/sfj/lawfirm.md:3: [placeholder] `title`仍是占位文字“待填写”"},
		{"static link to /etc/passwd", withLink("/etc/passwd", "static/passwd.txt"), exitContent, "static/passwd.txt:0: [input]"},
		{"static link to the environment", withLink("/proc/self/environ", "static/env.txt"), exitContent, "static/env.txt:0: [input]"},
		{"static link to config.toml", withLink("../config.toml", "static/config.txt"), exitContent, "static/config.txt:0: [input]"},
		{"guide link out of the site", withLink("ROOT/notes.txt", "content/x.md"), exitContent, "content/x.md:0: [input]"},
		{"folder link in content/", withLink("sfj", "content/linked"), exitContent, "content/linked:0: [input] content/linked 是指向文件夹的符号链接"},
		{"guide link to /dev/zero", withLink("/dev/zero", "content/zero.md"), exitContent, "content/zero.md:0: [input]"},
		{"a named pipe p.md", func(t *testing.T, root, src, dest string) []string {
			mkfifo(t, filepath.Join(src, "content/p.md"))
			return buildArgs()(t, root, src, dest)
		}, exitContent, "content/p.md:0: [input] content/p.md 不是普通文件"},
		{"a 5 MB guide", withFile("content/big.md", "+++\n"+strings.Repeat("# 注释\n", 1<<20)+"+++\n", buildArgs()), exitContent, "content/big.md:1: [R14] 文件超过 4 MB"},
		{"front matter nested 50,000 deep", withFile("content/deep.md", "+++\ncode = \"deep\"\nx = "+strings.Repeat("{a=", 50000)+"1"+strings.Repeat("}", 50000)+"\n+++\n", buildArgs()),
			exitContent, "content/deep.md:3: [R14]"},
		{"code ..", withFile("content/dots.md", "+++\ncode = \"..\"\ntitle = \"点\"\ndepartment = \"省司法厅\"\nregion = \"浙江省\"\n[service]\nstar = 5\nvisits = 0\nonline_url = \"https://example.gov.cn/\"\n[contact]\nconsult = [\"12345\"]\n+++\n", buildArgs()),
			exitContent, "content/dots.md:2: [R1]"},
		{"static/index.html", withFile("static/index.html", "mine", buildArgs()), exitContent, "static/index.html:0: [static] static/index.html 会覆盖生成器生成的 /index.html"},
		{"static file over a guide page", withFile("static/guide/330000-SF-GG-0002/index.html", "mine", buildArgs()),
			exitContent, "static/guide/330000-SF-GG-0002/index.html:0: [static]"},
		{"static file over the search script", withFile("static/search/search.js", "mine", buildArgs("--no-search=false")),
			exitContent, "static/search/search.js:0: [static]"},
	}
}

// A symbolic link as --dest: the build publishes into its target, and the
// link stays a link; --force replaces a person's folder, and only then.
func TestDestinationLinkAndForce(t *testing.T) {
	root := t.TempDir()
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	www := filepath.Join(root, "var/www/html")
	os.MkdirAll(www, 0o755)
	link := filepath.Join(root, "public")
	if err := os.Symlink(www, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if code, stderr := runCLI(t, "build", "--quiet", "--source", src, "--dest", link); code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a folder")
	}
	if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
		t.Fatal("nothing was published into the link's target")
	}
	mine := filepath.Join(root, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "old.html"), []byte("old"), 0o644)
	if code, _ := runCLI(t, "build", "--quiet", "--source", src, "--dest", mine); code != exitUsage {
		t.Fatalf("a person's folder: exit %d, want %d", code, exitUsage)
	}
	if code, stderr := runCLI(t, "build", "--quiet", "--force", "--source", src, "--dest", mine); code != exitOK {
		t.Fatalf("--force: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(mine, write.Marker)); err != nil {
		t.Fatal("the published folder has no marker")
	}
}
