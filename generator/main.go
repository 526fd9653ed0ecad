// Command generator builds the static website of a site's service guides
// (办事指南) and helps editors write them.
//
// Every command is listed in the commands table below (and the one the
// generator runs itself, for serve, in internalCommands); run
// `go run ./generator help` for the list and `generator CMD --help` for the
// flags of one command.
//
// Exit codes: 0 success; 1 the content is wrong (guides, config, layouts),
// or with --strict has warnings, or a target is missed with --fail-under;
// 2 wrong usage; 3 the build failed for another reason (disk, permissions).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/cli"
)

// The exit codes (see the package comment), shared with package cli.
const (
	exitOK      = cli.ExitOK
	exitContent = cli.ExitContent
	exitUsage   = cli.ExitUsage
	exitFailure = cli.ExitFailure
)

// command is one subcommand: its name, a one-line summary and its runner,
// which parses its own flags from args and returns the exit code.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands lists every command in one place.
var commands = []command{
	{"build", "生成网站：校验全部指南，渲染页面、搜索索引和开放数据，写入输出目录", runBuild},
	{"check", "只校验不输出：规则、一次性告知完整度、时效，适合 CI", runCheck},
	{"serve", "本地预览：生成、提供网页、监视修改并自动刷新", runServe},
	{"new", "新建一份指南，列出全部字段并附中文说明", runNew},
	{"search", "用已生成的搜索索引查询（检查某个说法能否找到指南）", runSearch},
	{"api", "搜索接口服务：为其他系统提供 /api/search 和 /api/suggest（可合并多个站点）", runApi},
	{"stats", "计算“最多跑一次”改革数据（零上门、最多跑一次、五星比例等）", runStats},
	{"export", "导出事项数据：--format xlsx（工作簿）或 csv（每张表一个文件），供办事窗口用 Excel/WPS 编辑；--format gbt39046 按国家标准 GB/T 39046 的事项要素名导出", runExport},
	{"import", "从表格（.xlsx 或 CSV 文件夹）导入：新建或局部修改指南，先校验，有错不写", runImport},
	{"corpus", "生成 N 份合成指南的站点，供基准测试使用", runCorpus},
	{"version", "显示版本号（反馈问题时请附上）", runVersion},
}

// internalCommands are commands the generator runs itself; help does not
// list them.
var internalCommands = []command{
	// The child process in which serve builds the search index in the
	// background: `generator index --source DIR --into DIR`.
	{build.IndexCommand, "校验站点并把搜索索引写入 --into 目录（serve 在后台调用）", runIndex},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a command and returns its exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		usage(stdout)
		return exitOK
	}
	for _, c := range append(commands, internalCommands...) {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "未知命令 %q。\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// untilInterrupted returns a context that is cancelled when the process
// is interrupted (Ctrl-C) or told to terminate, for the commands that run
// long (build, serve) and must stop cleanly; stop releases the signals.
func untilInterrupted() (ctx context.Context, stop func()) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "用法：generator 命令 [参数]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "命令：")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "查看某个命令的参数：generator 命令 --help")
}
