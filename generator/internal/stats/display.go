package stats

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// Metric is one share of a scope ready for display: the label, the counts
// in words, the percentage as text, the bar width and the target mark, so
// that the template draws bars with plain html/template.
type Metric struct {
	// Key is the share's key in JSON and CSV ("one_visit_share").
	Key string
	// Label is the plain-Chinese name (最多跑一次).
	Label string
	// Primary marks the four shares the reform is judged by (零上门,
	// 最多跑一次, 五星, 三四星); the page shows them first.
	Primary bool
	// Share is the fraction between 0 and 1; Defined is false when there
	// is nothing to divide by (no item, no material, no legal days).
	Share   float64
	Defined bool
	// Percent is Share as text ("95.8%"), or "—" when not defined.
	Percent string
	// Detail says what was counted ("23 / 24 件").
	Detail string
	// Bar is the bar's width on a 0–100 scale ("95.8"), clamped.
	Bar string
	// HasTarget tells whether [targets] sets a non-zero target for this
	// share; TargetPercent is it as text ("95%") and TargetX its position
	// on the bar's 0–100 scale.
	HasTarget     bool
	Target        float64
	TargetPercent string
	TargetX       string
	// Miss is true when the scope misses this target.
	Miss bool
}

// metricsOf builds the display values of f, in page order.
func metricsOf(f Figures, t site.Targets) []Metric {
	items := func(n int) string { return fmt.Sprintf("%d / %d 件", n, f.Items) }
	mats := func(n int) string { return fmt.Sprintf("%d / %d 份", n, f.Materials) }
	ms := []Metric{
		{Key: "zero_visit_share", Label: site.FigureZeroVisit, Primary: true, Share: f.ZeroVisitShare, Defined: f.Items > 0, Detail: items(f.ZeroVisit)},
		{Key: TargetOneVisit, Label: site.FigureOneVisit, Primary: true, Share: f.OneVisitShare, Defined: f.Items > 0, Detail: items(f.OneVisit), Target: t.OneVisitShare},
		{Key: TargetFiveStar, Label: "五星级", Primary: true, Share: f.FiveStarShare, Defined: f.Items > 0, Detail: items(f.FiveStar), Target: t.FiveStarShare},
		{Key: TargetThreeFourStar, Label: "三、四星级", Primary: true, Share: f.ThreeFourStarShare, Defined: f.Items > 0, Detail: items(f.ThreeFourStar), Target: t.ThreeFourStarShare},
		{Key: "immediate_share", Label: "即办件", Share: f.ImmediateShare, Defined: f.Items > 0, Detail: items(f.Immediate)},
		{Key: "online_share", Label: "可网上申报", Share: f.OnlineShare, Defined: f.Items > 0, Detail: items(f.Online)},
		{Key: "mobile_share", Label: "掌上办", Share: f.MobileShare, Defined: f.Items > 0, Detail: items(f.Mobile)},
		{Key: "delivery_share", Label: "快递送达", Share: f.DeliveryShare, Defined: f.Items > 0, Detail: items(f.Delivery)},
		{Key: "time_compression", Label: "时限压缩", Share: f.TimeCompression, Defined: f.TimeCompressionDefined,
			Detail: fmt.Sprintf("承诺 %d / 法定 %d 个工作日，计 %d 件", f.PromisedDays, f.LegalDays, f.TimeItems)},
		{Key: "electronic_material_share", Label: "电子材料", Share: f.ElectronicMaterialShare, Defined: f.Materials > 0, Detail: mats(f.ElectronicMaterials)},
		{Key: "shared_material_share", Label: "免提交材料", Share: f.SharedMaterialShare, Defined: f.Materials > 0, Detail: mats(f.SharedMaterials)},
	}
	for i := range ms {
		m := &ms[i]
		m.Percent = "—"
		if m.Defined {
			m.Percent = Percent(m.Share)
		}
		m.Bar = barWidth(m.Share)
		if m.Target > 0 {
			m.HasTarget = true
			m.TargetPercent = Percent(m.Target)
			m.TargetX = barWidth(m.Target)
			m.Miss = f.Items > 0 && below(m.Share, m.Target)
		}
	}
	return ms
}

// Percent formats a fraction as a percentage with one decimal, dropping a
// trailing ".0": 0.9583 → "95.8%", 0.95 → "95%" (site.Percent, which the
// bundle pages use too).
func Percent(x float64) string { return site.Percent(x) }

// barWidth is x on a 0–100 scale with one decimal, clamped to 0..100.
func barWidth(x float64) string {
	x *= 100
	if x < 0 {
		x = 0
	}
	if x > 100 {
		x = 100
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

// Timeline counts published items by batch and by published month.
type Timeline struct {
	// Batches are in batch order, then the items without a batch.
	Batches []TimelineRow
	// Months are in month order, then the items without a published date.
	Months []TimelineRow
}

// TimelineRow is one batch or one month.
type TimelineRow struct {
	// Key is the batch number or the month ("2017-03"); empty for the row
	// of items that say nothing.
	Key string
	// Label is what the page shows (第 1 批, 2017年3月, 未标批次).
	Label string
	Count int
	// Cumulative is the running total up to this row (the rows without a
	// key add to it last).
	Cumulative int
	// Bar is Count on a 0–100 scale relative to the largest row.
	Bar string
}

func timelineOf(guides []*site.Page) Timeline {
	batches := map[int]int{} // 0: no batch
	months := map[int]int{}  // year*100+month; 0: no published date
	for _, p := range guides {
		batches[p.Batch]++
		m := 0
		if !p.Published.IsZero() {
			m = p.Published.Year()*100 + int(p.Published.Month())
		}
		months[m]++
	}
	var t Timeline
	for _, b := range sortedKeys(batches) {
		t.Batches = append(t.Batches, TimelineRow{Key: strconv.Itoa(b), Label: fmt.Sprintf("第 %d 批", b), Count: batches[b]})
	}
	if n := batches[0]; n > 0 {
		t.Batches = append(t.Batches, TimelineRow{Label: "未标批次", Count: n})
	}
	for _, m := range sortedKeys(months) {
		t.Months = append(t.Months, TimelineRow{
			Key:   fmt.Sprintf("%04d-%02d", m/100, m%100),
			Label: fmt.Sprintf("%d年%d月", m/100, m%100),
			Count: months[m],
		})
	}
	if n := months[0]; n > 0 {
		t.Months = append(t.Months, TimelineRow{Label: "未标发布日期", Count: n})
	}
	finishRows(t.Batches)
	finishRows(t.Months)
	return t
}

// sortedKeys returns the positive keys of m in increasing order.
func sortedKeys(m map[int]int) []int {
	var keys []int
	for k := range m {
		if k > 0 {
			keys = append(keys, k)
		}
	}
	sort.Ints(keys)
	return keys
}

func finishRows(rows []TimelineRow) {
	max, sum := 0, 0
	for _, r := range rows {
		if r.Count > max {
			max = r.Count
		}
	}
	for i := range rows {
		sum += rows[i].Count
		rows[i].Cumulative = sum
		rows[i].Bar = barWidth(share(rows[i].Count, max))
	}
}

// PrimaryMetrics are the four shares the reform is judged by (零上门,
// 最多跑一次, 五星级, 三、四星级), the first table of a scope.
func (f Figures) PrimaryMetrics() []Metric { return f.metrics(true) }

// OtherMetrics are the remaining shares (即办件, 网上申报, …, 免提交材料).
func (f Figures) OtherMetrics() []Metric { return f.metrics(false) }

func (f Figures) metrics(primary bool) []Metric {
	var out []Metric
	for _, m := range f.Metrics {
		if m.Primary == primary {
			out = append(out, m)
		}
	}
	return out
}

// MissText says in Chinese which targets the scope misses, e.g.
// "最多跑一次 80%（目标 95%）；三、四星级 60%（目标 85%）"; empty when none.
func (f Figures) MissText() string {
	return strings.Join(missLabels(f), "；")
}
