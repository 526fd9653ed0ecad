package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"zhinan/generator/internal/sitefixture"

	"zhinan/generator/internal/write"
)

// The command line's contract, command by command: exit codes (0 success;
// 1 content wrong, --strict warnings, --fail-under missed; 2 usage; 3
// another failure), what stdout and stderr say, and the files written.

// Sites for the table: sitefixture.SmallSite has warnings (W-fee, W-time, …) but no
// errors and misses one target (three_four_star_share).
var (
	// metTargets is sitefixture.SmallSite without the target it misses.
	metTargets = strings.Replace(sitefixture.SmallSite, "three_four_star_share = 0.85\n", "", 1)
	// badSite is sitefixture.SmallSite with one wrong guide: five stars need online_url.
	badSite = sitefixture.SmallSite + `
-- content/bad/five.md --
+++
code = "330000-SF-GG-0003"
title = "五星事项"
department = "省司法厅"
region = "浙江省"
updated = 2020-05-01

[service]
star = 5
visits = 0

[contact]
consult = ["12348"]
+++
`
	// brokenLayout is sitefixture.SmallSite with a template that does not parse.
	brokenLayout = sitefixture.SmallSite + `
-- layouts/guide.html --
{{define "main"}}{{.Nope
`
)

// cliCase is one row: a site (written to $SRC), a setup that may change
// it, the arguments ($SRC, $DEST and $ROOT replaced), the exit code, the
// substrings stdout and stderr must hold, and a check of what was written.
type cliCase struct {
	name   string
	site   string // txtar; "" for no site
	setup  func(t *testing.T, env cliEnv)
	args   []string
	code   int
	stdout []string
	stderr []string
	// same: the whole $ROOT (site, output, anything beside) must be
	// unchanged by the command.
	same  bool
	check func(t *testing.T, env cliEnv, stdout, stderr string)
}

// cliEnv are the folders of one row: $ROOT holds the site ($SRC) and the
// default output folder of the rows that name one ($DEST).
type cliEnv struct{ root, src, dest string }

func (e cliEnv) expand(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		a = strings.ReplaceAll(a, "$SRC", e.src)
		a = strings.ReplaceAll(a, "$DEST", e.dest)
		out[i] = strings.ReplaceAll(a, "$ROOT", e.root)
	}
	return out
}

func runTable(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			env := cliEnv{root: root, src: filepath.Join(root, "site"), dest: filepath.Join(root, "public")}
			if c.site != "" {
				if err := os.Rename(sitefixture.WriteSite(t, c.site), env.src); err != nil {
					t.Fatal(err)
				}
			}
			if c.setup != nil {
				c.setup(t, env)
			}
			args := env.expand(c.args)
			before := sitefixture.Manifest(t, root)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			out, errOut := stdout.String(), stderr.String()
			if code != c.code {
				t.Fatalf("generator %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(c.args, " "), code, c.code, out, errOut)
			}
			for _, w := range c.stdout {
				if !strings.Contains(out, env.expand([]string{w})[0]) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range c.stderr {
				if !strings.Contains(errOut, env.expand([]string{w})[0]) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if c.same {
				if after := sitefixture.Manifest(t, root); after != before {
					t.Errorf("files changed:\nbefore:\n%s\nafter:\n%s", before, after)
				}
			}
			if c.check != nil {
				c.check(t, env, out, errOut)
			}
		})
	}
}

// usageRows are the rows every command shares: --help prints its usage
// (exit 0), an unknown flag is wrong usage (2), and so is a stray
// positional argument where the command takes none (stray == nil: it takes
// some).
func usageRows(cmd string, stray []string) []cliCase {
	synopsis := "用法：generator " + cmd
	rows := []cliCase{
		{name: cmd + " --help", site: sitefixture.SmallSite, args: []string{cmd, "--help"}, code: exitOK,
			stderr: []string{synopsis, "参数："}, same: true, check: emptyStdout},
		{name: cmd + " unknown flag", site: sitefixture.SmallSite, args: []string{cmd, "--bogus"}, code: exitUsage,
			stderr: []string{"flag provided but not defined: -bogus", synopsis}, same: true, check: emptyStdout},
	}
	if stray != nil {
		rows = append(rows, cliCase{name: cmd + " stray argument", site: sitefixture.SmallSite,
			args: append([]string{cmd}, stray...), code: exitUsage, same: true, check: emptyStdout})
	}
	return rows
}

func emptyStdout(t *testing.T, _ cliEnv, stdout, _ string) {
	if stdout != "" {
		t.Errorf("stdout is not empty:\n%s", stdout)
	}
}

func exists(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("missing %s", p)
		}
	}
}

func absent(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}

func TestCLIRun(t *testing.T) {
	commandList := []string{"用法：generator 命令 [参数]", "build", "check", "serve", "new", "search", "stats", "export", "corpus", "version", "generator 命令 --help"}
	runTable(t, []cliCase{
		{name: "no arguments", args: nil, code: exitUsage, stderr: commandList, check: emptyStdout},
		{name: "help", args: []string{"help"}, code: exitOK, stdout: commandList},
		{name: "--help", args: []string{"--help"}, code: exitOK, stdout: commandList},
		{name: "-h", args: []string{"-h"}, code: exitOK, stdout: commandList},
		{name: "unknown command", args: []string{"bild"}, code: exitUsage,
			stderr: append([]string{`未知命令 "bild"。`}, commandList...), check: emptyStdout},
	})
}

// buildLine is build's last line: guides, files, warnings, time, output.
var buildLine = regexp.MustCompile(`^已生成 (\d+) 份指南、(\d+) 个文件，(\d+) 个警告，用时 \S+ → (.+)\n$`)

func TestCLIBuild(t *testing.T) {
	rows := usageRows("build", []string{"build", "extra"})
	rows = append(rows, []cliCase{
		{name: "success", site: sitefixture.SmallSite, args: []string{"build", "--no-search", "--source", "$SRC"}, code: exitOK,
			stderr: []string{"校验", "渲染并写入", "发布", "完成", "content/sfj/aid.md:1: [W-fee] 警告"},
			check: func(t *testing.T, env cliEnv, stdout, _ string) {
				m := buildLine.FindStringSubmatch(stdout)
				if m == nil || strings.Count(stdout, "\n") != 1 {
					t.Fatalf("stdout is not one line 已生成 … 份指南:\n%s", stdout)
				}
				if m[1] != "3" || m[3] != "5" || m[4] != filepath.Join(env.src, "public") {
					t.Errorf("last line says %s guides, %s warnings, output %s; want 3, 5, %s", m[1], m[3], m[4], filepath.Join(env.src, "public"))
				}
				out := filepath.Join(env.src, "public")
				exists(t, filepath.Join(out, "index.html"), filepath.Join(out, "guide/330000-SF-XK-0001/index.html"),
					filepath.Join(out, "guide/330900-SF-XK-0001/print.html"), filepath.Join(out, "forms/app.docx"))
				absent(t, filepath.Join(out, "guide/330000-SF-XK-0099"), filepath.Join(out, "search/index.bleve"))
				exists(t, filepath.Join(out, write.Marker), filepath.Join(out, write.Manifest))
				if files := len(sitefixture.Snapshot(t, out)) - 2; m[2] != strconv.Itoa(files) { // the marker and the manifest are not counted
					t.Errorf("last line says %s files, the output has %d besides the marker and the manifest", m[2], files)
				}
			}},
		{name: "--quiet --dest", site: sitefixture.SmallSite, args: []string{"build", "--quiet", "--no-search", "--source", "$SRC", "--dest", "$DEST"}, code: exitOK,
			check: func(t *testing.T, env cliEnv, stdout, stderr string) {
				if stdout != "" {
					t.Errorf("--quiet printed %q", stdout)
				}
				if strings.Contains(stderr, "完成") || !strings.Contains(stderr, "[W-fee]") {
					t.Errorf("--quiet prints warnings and no progress:\n%s", stderr)
				}
				exists(t, filepath.Join(env.dest, "index.html"))
				absent(t, filepath.Join(env.src, "public"))
			}},
		{name: "content error", site: badSite, args: []string{"build", "--no-search", "--source", "$SRC", "--dest", "$DEST"}, code: exitContent,
			stderr: []string{"content/bad/five.md:8: [R3]", "构建失败：1 个错误", "未发布任何文件，$DEST 保持原样"}, same: true, check: emptyStdout},
		{name: "--strict with warnings", site: sitefixture.SmallSite, args: []string{"build", "--strict", "--no-search", "--source", "$SRC", "--dest", "$DEST"}, code: exitContent,
			stderr: []string{"[W-fee]", "构建失败：0 个错误，5 个警告", "（--strict：警告也算错误。）"}, same: true, check: emptyStdout},
		{name: "broken layout", site: brokenLayout, args: []string{"build", "--quiet", "--no-search", "--source", "$SRC", "--dest", "$DEST"}, code: exitContent,
			stderr: []string{"构建失败：", "$DEST 保持原样"}, same: true},
		{name: "missing --source", site: sitefixture.SmallSite, args: []string{"build", "--source", "$ROOT/nowhere"}, code: exitUsage,
			stderr: []string{"站点目录 $ROOT/nowhere 不存在"}, same: true},
		{name: "a file where the output's folder must be", site: sitefixture.SmallSite,
			setup: func(t *testing.T, env cliEnv) { writeFile(t, filepath.Join(env.root, "afile"), "notes") },
			args:  []string{"build", "--quiet", "--no-search", "--source", "$SRC", "--dest", "$ROOT/afile/public"}, code: exitFailure,
			stderr: []string{"构建失败：", "not a directory", "$ROOT/afile/public 保持原样"}, same: true},
	}...)
	runTable(t, rows)
}

func TestCLICheck(t *testing.T) {
	today := "--today=2021-01-01" // F-stale counts days from it
	rows := usageRows("check", []string{"check", "extra"})
	rows = append(rows, []cliCase{
		{name: "text", site: sitefixture.SmallSite, args: []string{"check", today, "--source", "$SRC"}, code: exitOK,
			stdout: []string{"content/sfj/aid.md:1: [W-fee] 警告：", "共 0 个错误，"}, same: true},
		{name: "text --scores", site: sitefixture.SmallSite, args: []string{"check", today, "--scores", "--source", "$SRC"}, code: exitOK,
			stdout: []string{"330000-SF-GG-0002", "平均", "共 3 个指南"}, same: true},
		{name: "json", site: sitefixture.SmallSite, args: []string{"check", today, "--format", "json", "--source", "$SRC"}, code: exitOK, same: true,
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				var r struct {
					Errors, Warnings *int
					Findings         []map[string]any
					Scores           []map[string]any
				}
				if err := json.Unmarshal([]byte(stdout), &r); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, stdout)
				}
				if r.Errors == nil || *r.Errors != 0 || r.Warnings == nil || *r.Warnings != len(r.Findings) || len(r.Findings) == 0 || len(r.Scores) != 3 {
					t.Errorf("report: errors %v, warnings %v, %d findings, %d scores", r.Errors, r.Warnings, len(r.Findings), len(r.Scores))
				}
				for _, k := range []string{"file", "line", "rule", "severity", "message"} {
					if _, ok := r.Findings[0][k]; !ok {
						t.Errorf("a finding lacks %q: %v", k, r.Findings[0])
					}
				}
			}},
		{name: "github", site: sitefixture.SmallSite, args: []string{"check", today, "--format", "github", "--source", "$SRC"}, code: exitOK, same: true,
			stdout: []string{"::warning file=content/sfj/aid.md,line=1,title=W-fee::"},
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
					if !strings.HasPrefix(l, "::warning file=") && !strings.HasPrefix(l, "::error file=") {
						t.Errorf("not a workflow command: %q", l)
					}
				}
			}},
		{name: "content error, github", site: badSite, args: []string{"check", today, "--format", "github", "--source", "$SRC"}, code: exitContent,
			stdout: []string{"::error file=content/bad/five.md,line=8,title=R3::"}, same: true},
		{name: "content error, text", site: badSite, args: []string{"check", today, "--source", "$SRC"}, code: exitContent,
			stdout: []string{"content/bad/five.md:8: [R3]", "共 1 个错误"}, same: true},
		{name: "--strict with warnings", site: sitefixture.SmallSite, args: []string{"check", today, "--strict", "--source", "$SRC"}, code: exitContent,
			stdout: []string{"[W-fee]"}, same: true},
		{name: "unknown format", site: sitefixture.SmallSite, args: []string{"check", "--format", "xml", "--source", "$SRC"}, code: exitUsage,
			stderr: []string{"用法：generator check"}, same: true, check: emptyStdout},
		{name: "bad --today", site: sitefixture.SmallSite, args: []string{"check", "--today", "2021-13-01", "--source", "$SRC"}, code: exitUsage,
			stderr: []string{`--today 的值 "2021-13-01" 不是有效的日期`}, same: true, check: emptyStdout},
		{name: "missing --source", args: []string{"check", "--source", "$ROOT/nowhere"}, code: exitUsage,
			stderr: []string{"站点目录 $ROOT/nowhere 不存在"}},
	}...)
	runTable(t, rows)
}

// TestCLICheckNational: check --profile national, and check without it.
func TestCLICheckNational(t *testing.T) {
	today := "--today=2021-01-01"
	runTable(t, []cliCase{
		{name: "without a profile, no national findings", site: sitefixture.SmallSite, args: []string{"check", today, "--format", "json", "--source", "$SRC"}, code: exitOK, same: true,
			check: noNational},
		{name: "--profile national, text", site: sitefixture.SmallSite, args: []string{"check", today, "--profile", "national", "--scores", "--source", "$SRC"}, code: exitOK, same: true,
			stdout: []string{"content/sfj/aid.md:1: [C-national-basic-code] 警告：国家要素“基本编码”", "[C-national-result]", "国家要素完整度（GB/T 39046，百分比）：", "共 3 个事项"}},
		{name: "--profile national, json", site: sitefixture.SmallSite, args: []string{"check", today, "--profile=national", "--format", "json", "--source", "$SRC"}, code: exitOK, same: true,
			check: nationalJSON},
		{name: "--profile national with --strict fails on its warnings", site: metTargets, args: []string{"check", today, "--profile", "national", "--strict", "--source", "$SRC"}, code: exitContent,
			stdout: []string{"[C-national-level]"}, same: true},
		{name: "unknown profile", site: sitefixture.SmallSite, args: []string{"check", "--profile", "province", "--source", "$SRC"}, code: exitUsage,
			stderr: []string{"用法：generator check", "--profile national"}, same: true, check: emptyStdout},
	})
}

// noNational: check without --profile reports nothing of the national
// profile.
func noNational(t *testing.T, _ cliEnv, stdout, _ string) {
	if strings.Contains(stdout, "C-national") || strings.Contains(stdout, `"national"`) {
		t.Errorf("check without --profile reports the national profile:\n%s", stdout)
	}
}

// nationalJSON: check --profile national --format json has a share per
// published guide and C-national warnings.
func nationalJSON(t *testing.T, _ cliEnv, stdout, _ string) {
	var r struct {
		Findings []struct{ Rule, Severity string }
		National []struct {
			Code    string
			Percent *int
			Missing []string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(r.National) != 3 || r.National[0].Percent == nil || len(r.National[0].Missing) == 0 {
		t.Fatalf("national: %+v", r.National)
	}
	n := 0
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Rule, "C-national-") {
			n++
			if f.Severity != "warning" {
				t.Errorf("%s is a %s, want a warning", f.Rule, f.Severity)
			}
		}
	}
	if n == 0 {
		t.Error("no C-national findings")
	}
}

func TestCLIStats(t *testing.T) {
	rows := usageRows("stats", []string{"stats", "extra"})
	rows = append(rows, []cliCase{
		{name: "text", site: sitefixture.SmallSite, args: []string{"stats", "--source", "$SRC"}, code: exitOK, same: true,
			stdout: []string{"测试站点：已发布事项 3 件", "三、四星级：66.7%（2 / 3 件），目标 85%，未达标", "按部门：", "省司法厅：2 件", "按地区：", "全站未达到目标"}},
		{name: "json", site: sitefixture.SmallSite, args: []string{"stats", "--format", "json", "--source", "$SRC"}, code: exitOK, same: true,
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				var r struct {
					Site        map[string]any
					Departments []map[string]any
					Regions     []map[string]any
				}
				if err := json.Unmarshal([]byte(stdout), &r); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, stdout)
				}
				if r.Site["name"] != "测试站点" || r.Site["items"] != 3.0 || r.Site["one_visit_share"] != 1.0 || len(r.Departments) != 2 || len(r.Regions) != 2 {
					t.Errorf("stats JSON: site %v, %d departments, %d regions", r.Site, len(r.Departments), len(r.Regions))
				}
				if r.Departments[0]["name"] != "省司法厅" {
					t.Errorf("first department %v", r.Departments[0]["name"])
				}
			}},
		{name: "csv", site: sitefixture.SmallSite, args: []string{"stats", "--format", "csv", "--source", "$SRC"}, code: exitOK, same: true,
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
				if len(lines) != 6 || !strings.HasPrefix(lines[0], "\uFEFFscope,name,items,") || !strings.HasPrefix(lines[1], "site,测试站点,3,") ||
					!strings.HasPrefix(lines[2], "department,省司法厅,2,") || !strings.HasPrefix(lines[5], "region,舟山市,1,") {
					t.Errorf("CSV: BOM and header, then site, departments, regions:\n%s", stdout)
				}
			}},
		{name: "--fail-under, target missed", site: sitefixture.SmallSite, args: []string{"stats", "--fail-under", "--source", "$SRC"}, code: exitContent,
			stdout: []string{"全站未达到目标：三、四星级 66.7%（目标 85%）"}, stderr: []string{"全站未达到改革目标"}, same: true},
		{name: "--fail-under, targets met", site: metTargets, args: []string{"stats", "--fail-under", "--source", "$SRC"}, code: exitOK,
			stdout: []string{"测试站点：已发布事项 3 件"}, same: true},
		{name: "content error", site: badSite, args: []string{"stats", "--source", "$SRC"}, code: exitContent,
			stderr: []string{"content/bad/five.md:8: [R3]", "内容有误，无法计算改革数据"}, same: true, check: emptyStdout},
		{name: "unknown format", site: sitefixture.SmallSite, args: []string{"stats", "--format", "xml", "--source", "$SRC"}, code: exitUsage,
			stderr: []string{"用法：generator stats"}, same: true, check: emptyStdout},
		{name: "missing --source", args: []string{"stats", "--source", "$ROOT/nowhere"}, code: exitUsage,
			stderr: []string{"站点目录 $ROOT/nowhere 不存在"}},
	}...)
	runTable(t, rows)
}

func TestCLIExport(t *testing.T) {
	gbt := []string{"export", "--format", "gbt39046", "--source", "$SRC"}
	rows := usageRows("export", []string{"export", "--format", "gbt39046", "extra"})
	rows = append(rows, []cliCase{
		{name: "JSON on stdout", site: sitefixture.SmallSite, args: gbt, code: exitOK, same: true,
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				var items []map[string]any
				if err := json.Unmarshal([]byte(stdout), &items); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, stdout)
				}
				if len(items) != 3 || items[0]["事项编码"] != "330000-SF-GG-0002" || items[0]["事项名称"] == nil || items[0]["申请材料"] == nil {
					t.Errorf("%d items, first %v", len(items), items[0])
				}
			}},
		{name: "--dest writes FILE.json and FILE.csv", site: sitefixture.SmallSite, args: append(gbt, "--dest", "$ROOT/out/items.json"), code: exitOK,
			setup:  func(t *testing.T, env cliEnv) { os.Mkdir(filepath.Join(env.root, "out"), 0o755) },
			stdout: []string{"已导出 3 个事项（GB/T 39046 要素）→ $ROOT/out/items.json、$ROOT/out/items.csv"},
			check: func(t *testing.T, env cliEnv, _, _ string) {
				data, err := os.ReadFile(filepath.Join(env.root, "out/items.csv"))
				if err != nil {
					t.Fatal(err)
				}
				if lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[0], "\uFEFF事项编码,事项名称,基本编码,实施编码,") {
					t.Errorf("CSV: BOM, header and 3 rows:\n%s", data)
				}
				exists(t, filepath.Join(env.root, "out/items.json"))
				if entries, _ := os.ReadDir(filepath.Join(env.root, "out")); len(entries) != 2 {
					t.Errorf("out/ holds %d files, want items.json and items.csv", len(entries))
				}
			}},
		{name: "--dest not .json", site: sitefixture.SmallSite, args: append(gbt, "--dest", "$ROOT/items.csv"), code: exitUsage, same: true,
			stderr: []string{"应当是以 .json 结尾的文件名"}, check: emptyStdout},
		{name: "--dest a folder", site: sitefixture.SmallSite, args: append(gbt, "--dest", "$ROOT/x.json"), code: exitUsage, same: false,
			setup:  func(t *testing.T, env cliEnv) { os.Mkdir(filepath.Join(env.root, "x.json"), 0o755) },
			stderr: []string{"是一个文件夹"}, check: emptyStdout},
		{name: "no --format", site: sitefixture.SmallSite, args: []string{"export", "--source", "$SRC"}, code: exitUsage, same: true,
			stderr: []string{"请用 --format 指定导出格式：xlsx、csv 或 gbt39046", "用法：generator export"}, check: emptyStdout},
		{name: "unknown format", site: sitefixture.SmallSite, args: []string{"export", "--format", "xml", "--source", "$SRC"}, code: exitUsage, same: true,
			stderr: []string{"用法：generator export"}, check: emptyStdout},
		{name: "content error", site: badSite, args: append(gbt, "--dest", "$ROOT/items.json"), code: exitContent, same: true,
			stderr: []string{"content/bad/five.md:8: [R3]", "内容有误，没有导出"}, check: emptyStdout},
		{name: "missing --source", args: []string{"export", "--format", "gbt39046", "--source", "$ROOT/nowhere"}, code: exitUsage,
			stderr: []string{"站点目录 $ROOT/nowhere 不存在"}},
		{name: "missing folder of --dest", site: sitefixture.SmallSite, args: append(gbt, "--dest", "$ROOT/none/items.json"), code: exitFailure, same: true,
			stderr: []string{"无法写入 $ROOT/none/items.json"}, check: emptyStdout},
	}...)
	runTable(t, rows)
}

func TestCLINew(t *testing.T) {
	rows := usageRows("new", []string{"new", "A-1", "A-2"}) // one code only
	rows = append(rows, []cliCase{
		{name: "no code", site: sitefixture.SmallSite, args: []string{"new", "--source", "$SRC"}, code: exitUsage,
			stderr: []string{"请给出一个事项编码"}, same: true, check: emptyStdout},
		{name: "success", site: sitefixture.SmallSite, args: []string{"new", "--source", "$SRC", "--department", "省司法厅", "--title", "新事项", "330000-SF-XK-0009"}, code: exitOK,
			stdout: []string{"已新建 content/sfj/330000-SF-XK-0009.md（草稿"},
			check: func(t *testing.T, env cliEnv, _, _ string) {
				data, err := os.ReadFile(filepath.Join(env.src, "content/sfj/330000-SF-XK-0009.md"))
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range []string{`code = "330000-SF-XK-0009"`, `title = "新事项"`, `department = "省司法厅"`, `region = "浙江省"`, "draft = true", "待填写"} {
					if !bytes.Contains(data, []byte(w)) {
						t.Errorf("the new guide lacks %q:\n%s", w, data)
					}
				}
				// The draft is a guide the site accepts.
				var out, errOut bytes.Buffer
				if code := run([]string{"check", "--source", env.src}, &out, &errOut); code != exitOK {
					t.Errorf("check after new: exit %d\n%s%s", code, out.String(), errOut.String())
				}
			}},
		{name: "into the folder of the department's guides", site: sitefixture.SmallSite,
			args: []string{"new", "--source", "$SRC", "--department", "舟山市司法局", "330900-SF-XK-0002"}, code: exitOK,
			stdout: []string{"已新建 content/zhoushan/330900-SF-XK-0002.md"}},
		{name: "existing code", site: sitefixture.SmallSite, args: []string{"new", "--source", "$SRC", "--department", "省司法厅", "330000-SF-XK-0001"}, code: exitContent,
			stderr: []string{"事项编码 330000-SF-XK-0001 已经存在（content/sfj/lawfirm.md）"}, same: true, check: emptyStdout},
		{name: "existing draft code", site: sitefixture.SmallSite, args: []string{"new", "--source", "$SRC", "330000-SF-XK-0099"}, code: exitContent,
			stderr: []string{"已经存在"}, same: true},
		{name: "undeclared department", site: sitefixture.SmallSite, args: []string{"new", "--source", "$SRC", "--department", "不存在的局", "X-1"}, code: exitContent,
			stderr: []string{"实施机关“不存在的局”没有在 config.toml 中声明"}, same: true},
		{name: "malformed code", site: sitefixture.SmallSite, args: []string{"new", "--source", "$SRC", "a/b"}, code: exitContent,
			stderr: []string{"不合格式"}, same: true},
		{name: "a file where the folder must be", site: strings.Replace(sitefixture.SmallSite, "-- content/zhoushan/lawfirm.md --", "-- content/zs/lawfirm.md --", 1),
			setup: func(t *testing.T, env cliEnv) {
				writeFile(t, filepath.Join(env.src, "content/zhou-shan-shi-si-fa-ju"), "not a folder")
				os.RemoveAll(filepath.Join(env.src, "content/zs"))
			},
			args: []string{"new", "--source", "$SRC", "--department", "舟山市司法局", "330900-SF-XK-0002"}, code: exitFailure,
			stderr: []string{"无法创建文件夹 content/zhou-shan-shi-si-fa-ju"}, same: true, check: emptyStdout},
	}...)
	runTable(t, rows)
}

func TestCLISearch(t *testing.T) {
	built := func(t *testing.T, env cliEnv) {
		var out, errOut bytes.Buffer
		if code := run([]string{"build", "--quiet", "--source", env.src}, &out, &errOut); code != exitOK {
			t.Fatalf("build: exit %d\n%s", code, errOut.String())
		}
	}
	rows := usageRows("search", nil)
	rows = append(rows, []cliCase{
		{name: "no query", site: sitefixture.SmallSite, setup: built, args: []string{"search", "--source", "$SRC"}, code: exitUsage,
			stderr: []string{"请给出要搜索的内容"}, same: true, check: emptyStdout},
		{name: "json", site: sitefixture.SmallSite, setup: built, args: []string{"search", "--source", "$SRC", "--json", "律师事务所"}, code: exitOK, same: true,
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				var r struct {
					Total int
					Hits  []struct{ Code, Title, URL string }
				}
				if err := json.Unmarshal([]byte(stdout), &r); err != nil {
					t.Fatalf("not JSON: %v\n%s", err, stdout)
				}
				if r.Total != 2 || len(r.Hits) != 2 || r.Hits[0].Title != "律师事务所设立审核登记" ||
					!strings.Contains(stdout, `"url": "/guide/330000-SF-XK-0001/"`) {
					t.Errorf("律师事务所: %s", stdout)
				}
			}},
		{name: "text with --dest and a filter", site: sitefixture.SmallSite,
			setup: func(t *testing.T, env cliEnv) {
				var out, errOut bytes.Buffer
				if code := run([]string{"build", "--quiet", "--source", env.src, "--dest", env.dest}, &out, &errOut); code != exitOK {
					t.Fatalf("build: exit %d\n%s", code, errOut.String())
				}
			},
			args: []string{"search", "--source", "$SRC", "--dest", "$DEST", "--filter", "region=舟山市", "律师事务所"}, code: exitOK,
			stdout: []string{"330900-SF-XK-0001"}, same: true,
			check: func(t *testing.T, _ cliEnv, stdout, _ string) {
				if strings.Contains(stdout, "330000-SF-XK-0001") {
					t.Errorf("region=舟山市 let through the province's guide:\n%s", stdout)
				}
			}},
		{name: "bad filter", site: sitefixture.SmallSite, setup: built, args: []string{"search", "--source", "$SRC", "--filter", "star=9", "律师"}, code: exitUsage,
			stderr: []string{"星级 star 应为 1 到 5"}, same: true},
	}...)
	runTable(t, rows)
}

func TestCLICorpus(t *testing.T) {
	rows := usageRows("corpus", []string{"corpus", "--dest", "$DEST", "extra"})
	rows = append(rows, []cliCase{
		{name: "no --dest", args: []string{"corpus"}, code: exitUsage, stderr: []string{"用法：generator corpus"}, check: emptyStdout},
		{name: "--n 0", args: []string{"corpus", "--dest", "$DEST", "--n", "0"}, code: exitUsage, check: func(t *testing.T, env cliEnv, _, _ string) {
			absent(t, env.dest)
		}},
		{name: "success", args: []string{"corpus", "--dest", "$DEST", "--n", "7", "--seed", "3"}, code: exitOK,
			stdout: []string{"已在 $DEST 生成 7 份指南（种子 3，形态 standard）"},
			check: func(t *testing.T, env cliEnv, _, _ string) {
				exists(t, filepath.Join(env.dest, "config.toml"))
				guides := 0
				for p := range sitefixture.Snapshot(t, filepath.Join(env.dest, "content")) {
					if strings.HasSuffix(p, ".md") {
						guides++
					}
				}
				if guides != 7 {
					t.Errorf("%d guides written, want 7", guides)
				}
			}},
		{name: "--shape unknown", args: []string{"corpus", "--dest", "$DEST", "--shape", "wide"}, code: exitUsage, check: func(t *testing.T, env cliEnv, _, _ string) {
			absent(t, env.dest)
		}},
		{name: "--shape long", args: []string{"corpus", "--dest", "$DEST", "--n", "9", "--shape", "long"}, code: exitOK,
			stdout: []string{"已在 $DEST 生成 9 份指南（种子 1，形态 long）"},
			check: func(t *testing.T, env cliEnv, _, _ string) {
				exists(t, filepath.Join(env.dest, "content", "330000"))
			}},
		{name: "a file where the folder must be", setup: func(t *testing.T, env cliEnv) { writeFile(t, filepath.Join(env.root, "afile"), "notes") },
			args: []string{"corpus", "--dest", "$ROOT/afile/site", "--n", "2"}, code: exitFailure,
			stderr: []string{"生成语料失败", "not a directory"}, same: true, check: emptyStdout},
	}...)
	runTable(t, rows)
}

func TestCLIServeUsage(t *testing.T) {
	// Only what returns before the server starts; serve_test.go runs it.
	runTable(t, usageRows("serve", []string{"serve", "extra"}))
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
