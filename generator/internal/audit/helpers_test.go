package audit

import (
	"io"

	"zhinan/generator/internal/site"
)

// WriteReportJSON writes NewReport(ds, scores) as indented JSON.
func WriteReportJSON(w io.Writer, ds []site.Diagnostic, scores []Score) error {
	return WriteReport(w, NewReport(ds, scores))
}
