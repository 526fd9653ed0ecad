package main

import (
	"fmt"
	"io"
	"slices"

	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/corpus"
)

func runCorpus(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("corpus", "corpus --dest 目录 [--n 10000] [--seed 1] [--shape standard|long]", stderr)
	dest := fs.String("dest", "", "写入合成站点的目录（必填，会新建）")
	n := fs.Int("n", 1000, "指南份数")
	seed := fs.Int64("seed", 1, "随机种子：相同的 n、种子和形态生成完全相同的站点")
	shape := fs.String("shape", corpus.ShapeStandard, "站点形态：standard（篇幅相近，每个区划一个目录）或 long（更多地方实施、材料和地点，篇幅长短不一，按区划和部门分目录）")
	if code := fs.ParseCheck(args, func() error {
		return cli.UsageUnless(*dest != "" && *n >= 1 && fs.NArg() == 0 && slices.Contains(corpus.Shapes, *shape))
	}); code >= 0 {
		return code
	}
	if err := corpus.Generate(*dest, *n, *seed, *shape); err != nil {
		fmt.Fprintf(stderr, "生成语料失败：%v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "已在 %s 生成 %d 份指南（种子 %d，形态 %s）\n", *dest, *n, *seed, *shape)
	return exitOK
}
