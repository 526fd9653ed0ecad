// Package csvcell keeps spreadsheet cells from running as formulas: the
// one guard of every CSV file the generator writes (open data, the
// national export).
package csvcell

// FormulaPrefix starts a cell that a spreadsheet would otherwise take for
// a formula (see Safe).
const FormulaPrefix = "'"

// Safe returns a CSV cell that no spreadsheet runs as a formula (CSV
// injection): a cell whose first character is =, +, -, @, a tab or a
// carriage return gets an apostrophe in front, as OWASP recommends, so
// that Excel, WPS and LibreOffice read it as text (some show the
// apostrophe). A material named =HYPERLINK("http://x","y") thus stays a
// name and is no link. The price is that a legitimate value starting with
// one of them (say "-" or "+86 …") also gets the apostrophe; a reader of
// the file removes one leading apostrophe to get the value back.
func Safe(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return FormulaPrefix + cell
	}
	return cell
}
