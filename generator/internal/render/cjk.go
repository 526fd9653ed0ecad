package render

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CommonMark decides whether ** can open or close emphasis by what stands
// on each side, and it counts Chinese punctuation as punctuation. So the
// way Chinese editors write a question, **问：**可以吗, does not bold
// anything: the closing ** sits between "：" and "可" and is not
// "right-flanking". cjkEmphasisParser handles * with the extra rule of the
// CJK-friendly amendment to CommonMark: next to a CJK character (Chinese,
// Japanese, Korean, or their punctuation), punctuation does not stop a
// delimiter run from opening or closing. Underscores keep the standard
// rule (they are rare in Chinese text and common in identifiers).
type cjkEmphasisParser struct{}

// cjkEmphasisPriority runs the parser just before goldmark's own emphasis
// parser (500), which then only sees underscores.
const cjkEmphasisPriority = 499

func (cjkEmphasisParser) Trigger() []byte { return []byte{'*'} }

func (cjkEmphasisParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := scanStarDelimiter(line, before)
	if node == nil {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

// scanStarDelimiter is goldmark's parser.ScanDelimiter for "*", with the
// CJK rule added to left- and right-flanking.
func scanStarDelimiter(line []byte, before rune) *parser.Delimiter {
	if len(line) == 0 || line[0] != '*' {
		return nil
	}
	j := 0
	for j < len(line) && line[j] == '*' {
		j++
	}
	after := ' '
	if j < len(line) {
		after = util.ToRune(line, j)
	}
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	cjk := util.IsEastAsianWideRune(before) || util.IsEastAsianWideRune(after)

	canOpen := !afterSpace && (!afterPunct || beforeSpace || beforePunct || cjk)
	canClose := !beforeSpace && (!beforePunct || afterSpace || afterPunct || cjk)
	return parser.NewDelimiter(canOpen, canClose, j, '*', starProcessor{})
}

// starProcessor turns matched * runs into emphasis, as goldmark's own
// emphasis processor does.
type starProcessor struct{}

func (starProcessor) IsDelimiter(b byte) bool { return b == '*' }

func (starProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (starProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }
