package stats

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// jsonFigures fixes the keys and their order in WriteJSON's objects.
type jsonFigures struct {
	Name                    string   `json:"name"`
	Items                   int      `json:"items"`
	ZeroVisit               int      `json:"zero_visit"`
	OneVisit                int      `json:"one_visit"`
	Negative                int      `json:"negative"`
	FiveStar                int      `json:"five_star"`
	ThreeFourStar           int      `json:"three_four_star"`
	Immediate               int      `json:"immediate"`
	Online                  int      `json:"online"`
	Mobile                  int      `json:"mobile"`
	Delivery                int      `json:"delivery"`
	ZeroVisitShare          float64  `json:"zero_visit_share"`
	OneVisitShare           float64  `json:"one_visit_share"`
	FiveStarShare           float64  `json:"five_star_share"`
	ThreeFourStarShare      float64  `json:"three_four_star_share"`
	ImmediateShare          float64  `json:"immediate_share"`
	OnlineShare             float64  `json:"online_share"`
	MobileShare             float64  `json:"mobile_share"`
	DeliveryShare           float64  `json:"delivery_share"`
	TimeItems               int      `json:"time_items"`
	LegalDays               int      `json:"legal_days"`
	PromisedDays            int      `json:"promised_days"`
	TimeCompression         *float64 `json:"time_compression"`
	Materials               int      `json:"materials"`
	ElectronicMaterials     int      `json:"electronic_materials"`
	SharedMaterials         int      `json:"shared_materials"`
	ElectronicMaterialShare float64  `json:"electronic_material_share"`
	SharedMaterialShare     float64  `json:"shared_material_share"`
	Misses                  []string `json:"misses"`
}

func toJSON(f Figures) jsonFigures {
	j := jsonFigures{
		Name: f.Name, Items: f.Items,
		ZeroVisit: f.ZeroVisit, OneVisit: f.OneVisit, Negative: f.Negative,
		FiveStar: f.FiveStar, ThreeFourStar: f.ThreeFourStar,
		Immediate: f.Immediate, Online: f.Online, Mobile: f.Mobile, Delivery: f.Delivery,
		ZeroVisitShare: f.ZeroVisitShare, OneVisitShare: f.OneVisitShare,
		FiveStarShare: f.FiveStarShare, ThreeFourStarShare: f.ThreeFourStarShare,
		ImmediateShare: f.ImmediateShare, OnlineShare: f.OnlineShare,
		MobileShare: f.MobileShare, DeliveryShare: f.DeliveryShare,
		TimeItems: f.TimeItems, LegalDays: f.LegalDays, PromisedDays: f.PromisedDays,
		Materials: f.Materials, ElectronicMaterials: f.ElectronicMaterials, SharedMaterials: f.SharedMaterials,
		ElectronicMaterialShare: f.ElectronicMaterialShare, SharedMaterialShare: f.SharedMaterialShare,
		Misses: append([]string{}, f.Misses...),
	}
	if f.TimeCompressionDefined {
		tc := f.TimeCompression
		j.TimeCompression = &tc
	}
	return j
}

// WriteJSON prints the report as one JSON object,
// {"site": {…}, "departments": [{"name": …, …}], "regions": [{"name": …, …}]},
// every object with the same snake_case keys: counts (items, zero_visit, …),
// shares as fractions between 0 and 1 (zero_visit_share, one_visit_share,
// five_star_share, three_four_star_share, …), time_compression (null when
// no item has both legal and promised days) and misses (the target keys
// missed). Departments and regions are in report order. A site with
// bundles (一件事) adds "bundles": {count, members, submitted_before,
// submitted_after, reduction, bundles: [{code, title, members, …}]}.
func WriteJSON(w io.Writer, r Report) error {
	out := struct {
		Site        jsonFigures   `json:"site"`
		Departments []jsonFigures `json:"departments"`
		Regions     []jsonFigures `json:"regions"`
		Bundles     *jsonBundles  `json:"bundles,omitempty"`
	}{Site: toJSON(r.Site), Departments: []jsonFigures{}, Regions: []jsonFigures{}, Bundles: toJSONBundles(r.Bundles)}
	for _, f := range r.Departments {
		out.Departments = append(out.Departments, toJSON(f))
	}
	for _, f := range r.Regions {
		out.Regions = append(out.Regions, toJSON(f))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// csvHeader is the first row of WriteCSV: scope, then WriteJSON's keys.
var csvHeader = []string{
	"scope", "name", "items",
	"zero_visit", "one_visit", "negative", "five_star", "three_four_star",
	"immediate", "online", "mobile", "delivery",
	"zero_visit_share", "one_visit_share", "five_star_share", "three_four_star_share",
	"immediate_share", "online_share", "mobile_share", "delivery_share",
	"time_items", "legal_days", "promised_days", "time_compression",
	"materials", "electronic_materials", "shared_materials",
	"electronic_material_share", "shared_material_share", "misses",
}

func csvRow(f Figures) []string {
	i := strconv.Itoa
	fl := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	tc := ""
	if f.TimeCompressionDefined {
		tc = fl(f.TimeCompression)
	}
	return []string{
		f.Kind, f.Name, i(f.Items),
		i(f.ZeroVisit), i(f.OneVisit), i(f.Negative), i(f.FiveStar), i(f.ThreeFourStar),
		i(f.Immediate), i(f.Online), i(f.Mobile), i(f.Delivery),
		fl(f.ZeroVisitShare), fl(f.OneVisitShare), fl(f.FiveStarShare), fl(f.ThreeFourStarShare),
		fl(f.ImmediateShare), fl(f.OnlineShare), fl(f.MobileShare), fl(f.DeliveryShare),
		i(f.TimeItems), i(f.LegalDays), i(f.PromisedDays), tc,
		i(f.Materials), i(f.ElectronicMaterials), i(f.SharedMaterials),
		fl(f.ElectronicMaterialShare), fl(f.SharedMaterialShare), strings.Join(f.Misses, "|"),
	}
}

// BOM is the UTF-8 byte-order mark written at the start of every CSV so
// that Excel reads Chinese correctly.
const BOM = "\uFEFF"

// WriteCSV prints the report as CSV in UTF-8 with a byte-order mark: a
// header row of the JSON keys with "scope" first, then one row for the
// site, one for each department and one for each region. Shares are
// fractions; time_compression is empty when undefined; misses joins the
// missed target keys with "|". A site with bundles (一件事) adds, after
// a blank line, a table of its own: bundleCSVHeader, one row per bundle
// (scope "bundle"), then the total (scope "bundles").
func WriteCSV(w io.Writer, r Report) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	cw.Write(csvRow(r.Site))
	for _, f := range r.Departments {
		cw.Write(csvRow(f))
	}
	for _, f := range r.Regions {
		cw.Write(csvRow(f))
	}
	if rows := bundleCSVRows(r.Bundles); rows != nil {
		cw.Write(nil) // a blank line, then a table of its own
		cw.WriteAll(rows)
	}
	cw.Flush()
	return cw.Error()
}

// WriteText prints the report for a person at a terminal, in Chinese: the
// site's figures against the targets, then one line per department and per
// region, those missing a target first.
func WriteText(w io.Writer, r Report) {
	fmt.Fprintf(w, "%s：已发布事项 %d 件\n", orDefault(r.Site.Name, "全站"), r.Site.Items)
	for _, m := range r.Site.Metrics {
		line := fmt.Sprintf("  %s：%s（%s）", m.Label, m.Percent, m.Detail)
		if m.HasTarget {
			verdict := "达标"
			if m.Miss {
				verdict = "未达标"
			}
			line += fmt.Sprintf("，目标 %s，%s", m.TargetPercent, verdict)
		}
		fmt.Fprintln(w, line)
	}
	writeBundlesText(w, r.Bundles)
	writeScopes(w, "部门", MissesFirst(r.Departments))
	writeScopes(w, "地区", MissesFirst(r.Regions))
	if r.MissesTargets() {
		fmt.Fprintf(w, "\n全站未达到目标：%s\n", r.Site.MissText())
	}
}

func writeScopes(w io.Writer, title string, fs []Figures) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n按%s：\n", title)
	for _, f := range fs {
		var parts []string
		for _, m := range f.Metrics {
			if m.Primary {
				parts = append(parts, m.Label+" "+m.Percent)
			}
		}
		line := fmt.Sprintf("  %s：%d 件，%s", f.Name, f.Items, strings.Join(parts, "，"))
		if len(f.Misses) > 0 {
			line += "；未达标：" + f.MissText()
		}
		fmt.Fprintln(w, line)
	}
}

// missLabels names the targets f misses, in Chinese.
func missLabels(f Figures) []string {
	var out []string
	for _, m := range f.Metrics {
		if m.Miss {
			out = append(out, fmt.Sprintf("%s %s（目标 %s）", m.Label, m.Percent, m.TargetPercent))
		}
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// Write writes r in format: "json" (WriteJSON), "csv" (WriteCSV), or
// anything else as text (WriteText).
func Write(w io.Writer, format string, r Report) error {
	switch format {
	case "json":
		return WriteJSON(w, r)
	case "csv":
		return WriteCSV(w, r)
	}
	WriteText(w, r)
	return nil
}
