package build

import (
	"fmt"
	"strconv"
	"time"
)

// Stage is a stage of a build, as Options.Progress is told it. Code
// compares stages by these constants; String gives the words the
// terminal shows.
type Stage int

// The stages, in the order a build goes through them. Render is the
// render-and-write stage without search, RenderAndIndex with it.
const (
	StageRead Stage = iota
	StageValidate
	StageResolve
	StageReuse
	StageRender
	StageRenderAndIndex
	StagePublish
	StageDone
)

var stageNames = [...]string{
	StageRead:           "读取",
	StageValidate:       "校验",
	StageResolve:        "解析",
	StageReuse:          "重用未变的文件",
	StageRender:         "渲染并写入",
	StageRenderAndIndex: "渲染、写入并建立搜索索引",
	StagePublish:        "发布",
	StageDone:           "完成",
}

// String is the stage in the tool's language.
func (s Stage) String() string {
	if s < 0 || int(s) >= len(stageNames) {
		return "?"
	}
	return stageNames[s]
}

// Summary is what a successful build says last: what it made, and, after
// an incremental build, what it took from the previous output and what
// it made anew ("重用 99,998 个页面，重建 3 个"), which guides it read
// from the guide cache and whose rule findings it took from the check
// cache.
func (r Result) Summary(dest string, warnings int) string {
	s := fmt.Sprintf("已生成 %d 份指南、%d 个文件，%d 个警告，用时 %s → %s\n", r.Guides, r.Pages, warnings, r.Took.Round(time.Millisecond), dest)
	if r.Reused > 0 {
		s += "重用 " + thousands(r.Reused) + " 个页面，重建 " + thousands(r.Rebuilt) + " 个\n"
	}
	if r.FromCache > 0 {
		s += "读取 " + thousands(r.Parsed) + " 个指南文件，其余 " + thousands(r.FromCache) + " 个未变，取自上次构建\n"
	}
	if r.ChecksFromCache > 0 {
		s += "规则检查：" + thousands(r.ChecksFromCache) + " 份指南未变，沿用上次的结果\n"
	}
	return s
}

// thousands writes n with a comma every three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
