package main

import (
	"fmt"
	"io"

	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/corpus"
)

func runCorpus(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("corpus", "corpus --dest 目录 [--n 10000] [--seed 1]", stderr)
	dest := fs.String("dest", "", "写入合成站点的目录（必填，会新建）")
	n := fs.Int("n", 1000, "指南份数")
	seed := fs.Int64("seed", 1, "随机种子：相同的 n 和种子生成完全相同的站点")
	if code := fs.ParseCheck(args, func() error { return cli.UsageUnless(*dest != "" && *n >= 1 && fs.NArg() == 0) }); code >= 0 {
		return code
	}
	if err := corpus.Generate(*dest, *n, *seed); err != nil {
		fmt.Fprintf(stderr, "生成语料失败：%v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "已在 %s 生成 %d 份指南（种子 %d）\n", *dest, *n, *seed)
	return exitOK
}
