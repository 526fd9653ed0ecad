package hint

import (
	"testing"
	"time"
)

func TestNearest(t *testing.T) {
	keys := []string{"materials", "steps", "locations", "type", "title"}
	for in, want := range map[string]string{
		"matrials": "materials", "tpye": "type", "titel": "title", "stpes": "steps", "zzzzzz": "", "": "",
	} {
		if got := Nearest(in, keys); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for v, want := range map[any]string{
		"4": `字符串 "4"`, int64(4): "整数 4", 1.5: "小数 1.5", true: "布尔值 true",
	} {
		if got := Describe(v); got != want {
			t.Errorf("Describe(%v) = %q, want %q", v, got, want)
		}
	}
	if got := Describe(time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)); got != "日期 2017-03-01" {
		t.Errorf("date: %q", got)
	}
	if got := Describe([]map[string]any{}); got != "表的数组（[[…]]）" {
		t.Errorf("array of tables: %q", got)
	}
}
