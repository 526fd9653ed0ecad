package sheets

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// readXLSX reads the sheets of the layout from an .xlsx file: cell values
// as stored (numbers as typed, dates as serials, shared and inline strings
// as text), not formatted for show.
//
// Why not excelize's row reader: it decodes every cell through
// encoding/xml's reflection (DecodeElement), 3.5 CPU-seconds for a
// workbook of 10,000 guides here; this reader walks the same XML as tokens
// and needs a fraction of that. excelize still writes the workbooks, and
// the tests edit them with it, so what it writes and what Excel saves are
// what this reads.
func readXLSX(name string, raw map[string][][]string) error {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return fmt.Errorf("无法打开 %s（不是有效的 .xlsx 文件？）：%w", name, err)
	}
	defer zr.Close()
	parts, err := sheetParts(&zr.Reader)
	if err != nil {
		return fmt.Errorf("%s：%w", name, err)
	}
	shared, err := sharedStrings(&zr.Reader)
	if err != nil {
		return fmt.Errorf("%s：%w", name, err)
	}
	for _, s := range Sheets {
		part, ok := parts[s.Name]
		if !ok {
			continue
		}
		f, err := zr.Open(part)
		if err != nil {
			return fmt.Errorf("%s：%s 表缺少 %s：%w", name, s.Name, part, err)
		}
		records, err := sheetRows(f, shared)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s：读取 %s 表失败：%w", name, s.Name, err)
		}
		raw[s.Name] = records
	}
	return nil
}

// sheetParts maps sheet names to the zip paths of their XML parts.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := unmarshalPart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := unmarshalPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			out[s.Name] = t
		}
	}
	return out, nil
}

func unmarshalPart(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return fmt.Errorf("缺少 %s：%w", name, err)
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}

// sharedStrings reads xl/sharedStrings.xml: the text of each <si>, its
// runs joined, phonetic guides (<rPh>) left out.
func sharedStrings(zr *zip.Reader) ([]string, error) {
	f, err := zr.Open("xl/sharedStrings.xml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	var b strings.Builder
	d := xml.NewDecoder(f)
	inT, inPh := false, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh":
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, b.String())
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inT && !inPh {
				b.Write(t)
			}
		}
	}
}

// sheetReader turns the tokens of a worksheet into rows of cells.
type sheetReader struct {
	shared  []string
	records [][]string
	rec     []string
	col     int    // column of the current cell (0-based)
	typ     string // t attribute of the current cell
	text    strings.Builder
	inText  bool // inside <v> or <is><t>
	inPh    bool // inside <rPh>
}

// sheetRows reads the rows of a worksheet part; row n of the sheet is
// records[n-1], missing rows are empty.
func sheetRows(r io.Reader, shared []string) ([][]string, error) {
	s := &sheetReader{shared: shared}
	d := xml.NewDecoder(r)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return s.records, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := s.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			if err := s.end(t.Name.Local); err != nil {
				return nil, err
			}
		case xml.CharData:
			if s.inText && !s.inPh {
				s.text.Write(t)
			}
		}
	}
}

func (s *sheetReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "row":
		n := len(s.records) + 1
		if r := attr(t, "r"); r != "" {
			v, err := strconv.Atoi(r)
			if err != nil || v < n {
				return fmt.Errorf("行号 %q 不对", r)
			}
			n = v
		}
		for len(s.records) < n-1 {
			s.records = append(s.records, nil)
		}
		s.rec, s.col = nil, -1
	case "c":
		s.col++
		if r := attr(t, "r"); r != "" {
			s.col = columnOf(r)
		}
		s.typ = attr(t, "t")
		s.text.Reset()
	case "v", "t":
		s.inText = true
	case "rPh":
		s.inPh = true
	}
	return nil
}

func (s *sheetReader) end(name string) error {
	switch name {
	case "row":
		s.records = append(s.records, s.rec)
	case "c":
		v := s.text.String()
		if s.typ == "s" {
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || i < 0 || i >= len(s.shared) {
				return fmt.Errorf("共享字符串 %q 不存在", v)
			}
			v = s.shared[i]
		}
		for len(s.rec) <= s.col {
			s.rec = append(s.rec, "")
		}
		s.rec[s.col] = v
	case "v", "t":
		s.inText = false
	case "rPh":
		s.inPh = false
	}
	return nil
}

// attr returns the value of an attribute by local name.
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf returns the 0-based column of a cell reference such as "AB12".
func columnOf(ref string) int {
	n := 0
	for _, c := range ref {
		if c < 'A' || c > 'Z' {
			break
		}
		n = n*26 + int(c-'A'+1)
	}
	return n - 1
}
