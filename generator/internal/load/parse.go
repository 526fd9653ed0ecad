package load

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// MaxGuideSize is the largest guide file, in bytes, that is read (4 MiB).
// A guide is a few kilobytes of text; a file hundreds of times larger is
// an attachment or a document saved as .md by mistake, and reading it
// would cost the build time and memory for nothing. Parse refuses larger
// data with an R14 error; readers may refuse such a file before reading
// all of it.
const MaxGuideSize = 4 << 20

// tooLarge is the R14 error of a guide file of size bytes, more than
// MaxGuideSize; reported by Parse, and by the reader before it reads.
func tooLarge(file string, size int64) site.Diagnostic {
	return rules.R14.At(file, 1,
		fmt.Sprintf("文件超过 %d MB（现在约 %.1f MB），不会被读取：办事指南只有几 KB 的文字，"+
			"这多半是把附件、图片或别的文件存成了 .md；请检查这个文件，附件请放在 static/ 下，在 materials 的 template 或 sample 里引用",
			MaxGuideSize>>20, math.Ceil(float64(size)*10/(1<<20))/10))
}

// Parse reads one content file: it checks that the bytes are UTF-8, splits
// front matter from body, decodes the TOML and records the line of every
// key. file is the path used in the Document and in diagnostics
// ("content/sfj/lawyer.md").
//
// When the file cannot be read as a guide, Parse returns a nil Document and
// one diagnostic: rule utf8 (rules.UTF8) for a file in another encoding (GBK, say),
// rule R14 for a file larger than MaxGuideSize, an empty file, front
// matter that is not closed, front matter nested deeper than MaxNesting
// levels, or TOML that does not parse; a TOML error is reported at its
// line in the file. No TOML parser ever sees front matter nested deeper
// than MaxNesting, so build, check and serve all stay fast on any input.
func Parse(file string, data []byte) (*site.Document, []site.Diagnostic) {
	if len(data) > MaxGuideSize {
		return nil, []site.Diagnostic{tooLarge(file, int64(len(data)))}
	}
	if !utf8.Valid(data) {
		return nil, []site.Diagnostic{rules.UTF8.At(file, firstInvalidLine(data),
			"文件不是 UTF-8 编码（可能是用旧编辑器存成了 GBK）：请用 UTF-8 编码重新保存这个文件")}
	}
	front, body, bodyLine, err := Split(data)
	if err != nil {
		line := 1
		var se *SplitError
		if errors.As(err, &se) {
			line = se.Line
		}
		return nil, []site.Diagnostic{rules.R14.At(file, line, err.Error())}
	}
	// The front matter starts on line 2 of the file, after the opening +++.
	fm, lines, d := decodeTOML(file, front, 2, "前置信息")
	if d != nil {
		return nil, []site.Diagnostic{*d}
	}
	return &site.Document{
		File:     file,
		Front:    fm,
		Lines:    lines,
		Body:     string(body),
		BodyLine: bodyLine,
	}, nil
}

// decodeTOML decodes TOML text that starts on line first of file into a
// map and returns the line of every key path in the file (IndexLines).
// One scan (scanTOML) finds the lines, refuses text nested deeper than
// MaxNesting before any parser sees it, and decodes the text when it is
// plain enough; otherwise BurntSushi/toml decodes it. A syntax error comes
// back as a diagnostic at its line in the file; what names the text in
// messages ("前置信息", "config.toml"). text is UTF-8: both callers check
// their file first.
func decodeTOML(file string, text []byte, first int, what string) (map[string]any, map[string]int, *site.Diagnostic) {
	sc := scanText(text, first, true)
	if sc.deep > 0 {
		d := rules.R14.At(file, first+sc.deep-1,
			fmt.Sprintf("%s嵌套超过 %d 层：到这一行，表名和键名的各段加上还没关上的 [ 或 {，已经一层套一层超过了 %d 层"+
				"（正常的写法只用到三四层）；请检查是否多写了括号或点，[ ] 和 { } 是否成对", what, MaxNesting, MaxNesting))
		return nil, nil, &d
	}
	if sc.values != nil {
		return sc.values, sc.lines, nil
	}
	m := make(map[string]any)
	if _, err := toml.Decode(string(text), &m); err != nil {
		d := tomlDiagnostic(file, err, first)
		return nil, nil, &d
	}
	return m, sc.lines, nil
}

// tomlDiagnostic turns a BurntSushi/toml error into a diagnostic at the line
// of the file (the TOML text starting on line first), in Chinese with the
// library's own words kept in brackets for whoever needs them.
func tomlDiagnostic(file string, err error, first int) site.Diagnostic {
	line := first
	msg := err.Error()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		if pe.Position.Line > 0 {
			line = first + pe.Position.Line - 1
		}
		msg = pe.Message
	}
	return rules.R14.At(file, line, fmt.Sprintf("TOML 写法有误：%s（%s）", explainTOML(msg), msg))
}

// explainTOML says in Chinese what the most common TOML mistakes mean and
// how to fix them.
func explainTOML(msg string) string {
	switch {
	case strings.Contains(msg, "has already been defined"),
		strings.Contains(msg, "duplicate key"):
		return "同一个键或表写了两次，请删掉重复的那一个"
	case strings.Contains(msg, "newlines not allowed within inline tables"):
		return "花括号 { } 里的内联表不能换行，请写在一行里或改用 [表名] 的写法"
	case strings.Contains(msg, "strings cannot contain newlines"),
		strings.Contains(msg, "unexpected EOF"):
		return "字符串没有结束，请检查英文双引号是否成对"
	case strings.Contains(msg, "expected value but found"):
		return "等号后面缺少值，或值的写法不对（字符串要用英文双引号括起来，日期写成 2017-03-01）"
	case strings.Contains(msg, "invalid datetime"):
		return "日期写法不对，请写成 2017-03-01 这样的形式"
	case strings.Contains(msg, "invalid escape"):
		return "字符串里的反斜杠 \\ 用法不对，路径请用正斜杠 /，或改用单引号字符串"
	case strings.Contains(msg, "expected a top-level item to end"),
		strings.Contains(msg, "expected a comma"),
		strings.Contains(msg, "expected a newline"):
		return "这一行在值后面还有多余的内容，或数组元素之间少了英文逗号"
	case strings.Contains(msg, "bare keys cannot contain"),
		strings.Contains(msg, "expected key separator"):
		return "键名或等号写法不对：键名用英文字母、数字、- 或 _，写成 键 = 值，并使用英文标点"
	}
	return "请检查这一行的写法：键 = 值，字符串用英文双引号，标点用英文半角"
}

// firstInvalidLine returns the line of the first byte that is not UTF-8.
func firstInvalidLine(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line
}
