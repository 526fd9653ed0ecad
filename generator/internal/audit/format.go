package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// Finding is a diagnostic as the JSON report writes it.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// ToFindings converts diagnostics for the JSON report, in the given order.
func ToFindings(ds []site.Diagnostic) []Finding {
	out := make([]Finding, len(ds))
	for i, d := range ds {
		out[i] = Finding{File: d.File, Line: d.Line, Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message}
	}
	return out
}

// WriteText writes one "path:line: [rule] message" line per diagnostic
// (warnings marked 警告), then a count line:
// "共 2 个错误，3 个警告。" or "没有发现问题。".
func WriteText(w io.Writer, ds []site.Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	errs := site.CountErrors(ds, false)
	warns := len(ds) - errs
	if len(ds) == 0 {
		b.WriteString("没有发现问题。\n")
	} else {
		fmt.Fprintf(&b, "共 %d 个错误，%d 个警告。\n", errs, warns)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteScoresText writes the per-guide completeness summary as an aligned
// table, in the order given (Scores puts the weakest first), then the
// average.
func WriteScoresText(w io.Writer, scores []Score) error {
	var b strings.Builder
	b.WriteString("一次性告知完整度（100 分满分）：\n")
	total := 0
	for _, s := range scores {
		stale := ""
		if s.Stale {
			stale = "  久未更新"
		}
		fmt.Fprintf(&b, "%5d  %-24s %s（%d 处待补充）%s\n", s.Score, s.Code, s.Title, s.Gaps, stale)
		total += s.Score
	}
	if len(scores) > 0 {
		fmt.Fprintf(&b, "平均 %.1f 分，共 %d 个指南。\n", float64(total)/float64(len(scores)), len(scores))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Report is the whole JSON document of `check --format json`: the counts,
// every finding and every guide's score. Dashboards read it as one object.
type Report struct {
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Findings []Finding `json:"findings"`
	Scores   []Score   `json:"scores"`
	// National is each guide's share of the national elements, present
	// only with `--profile national` (see NationalScores).
	National []NationalScore `json:"national,omitempty"`
}

// NewReport builds the JSON report; scores may be nil.
func NewReport(ds []site.Diagnostic, scores []Score) Report {
	errs := site.CountErrors(ds, false)
	if scores == nil {
		scores = []Score{}
	}
	return Report{Errors: errs, Warnings: len(ds) - errs, Findings: ToFindings(ds), Scores: scores}
}

// WriteReport writes a report as indented JSON.
func WriteReport(w io.Writer, r Report) error {
	return writeIndented(w, r)
}

// WriteNationalText writes each guide's share of the national elements as
// an aligned table, in the order given (NationalScores puts the lowest
// first), then the average.
func WriteNationalText(w io.Writer, scores []NationalScore) error {
	var b strings.Builder
	b.WriteString("国家要素完整度（GB/T 39046，百分比）：\n")
	total := 0
	for _, s := range scores {
		fmt.Fprintf(&b, "%4d%%  %-24s %s（缺 %d 项）\n", s.Percent, s.Code, s.Title, len(s.Missing))
		total += s.Percent
	}
	if len(scores) > 0 {
		fmt.Fprintf(&b, "平均 %.1f%%，共 %d 个事项。\n", float64(total)/float64(len(scores)), len(scores))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteGitHub writes one GitHub Actions workflow command per diagnostic,
// which GitHub shows as an annotation on the file's line:
//
//	::error file=content/a.md,line=12,title=R4::message
//	::warning file=content/a.md,line=3,title=C-material-source::message
//
// Line 0 (the file as a whole) is left out. Values are escaped as GitHub's
// workflow-command rules require: % CR LF in the message; also : and , in
// properties.
func WriteGitHub(w io.Writer, ds []site.Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("::")
		b.WriteString(d.Severity.String())
		b.WriteString(" file=")
		b.WriteString(escapeProperty(d.File))
		if d.Line > 0 {
			b.WriteString(",line=")
			b.WriteString(strconv.Itoa(d.Line))
		}
		b.WriteString(",title=")
		b.WriteString(escapeProperty(d.Rule))
		b.WriteString("::")
		b.WriteString(escapeData(d.Message))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
