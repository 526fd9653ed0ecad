package build

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
	StageRender
	StageRenderAndIndex
	StagePublish
	StageDone
)

var stageNames = [...]string{
	StageRead:           "读取",
	StageValidate:       "校验",
	StageResolve:        "解析",
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
