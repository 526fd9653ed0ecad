package main

import (
	"bytes"
	"reflect"
	"testing"
	"unicode"

	"zhinan/generator/internal/search"
)

// TestSearchArgs: generator search's flags are parsed here, once, and
// wherever they stand among the words of the query; bad ones exit 2 with
// a Chinese reason.
func TestSearchArgs(t *testing.T) {
	ok := []struct {
		args []string
		want search.CLIOptions
	}{
		{[]string{"--json", "--filter", "star=4", "开饭店"},
			search.CLIOptions{Text: "开饭店", Filters: map[string][]string{"star": {"4"}}, Size: 10, JSON: true}},
		{[]string{"律所", "--size", "3", "--filter=region=舟山市", "登记", "-json"},
			search.CLIOptions{Text: "律所 登记", Filters: map[string][]string{"region": {"舟山市"}}, Size: 3, JSON: true}},
		{[]string{"--filter", "star=4", "--filter", "star=5", "--", "--json", "x"},
			search.CLIOptions{Text: "--json x", Filters: map[string][]string{"star": {"4", "5"}}, Size: 10}},
	}
	for _, c := range ok {
		var errb bytes.Buffer
		a, code := parseSearchArgs(c.args, &errb)
		if code != -1 || !reflect.DeepEqual(a.opts, c.want) {
			t.Errorf("%q: code %d, %+v, want %+v (%s)", c.args, code, a.opts, c.want, errb.String())
		}
	}
	for _, bad := range [][]string{{"--filter", "color=red", "x"}, {"--filter"}, {"--size", "0", "x"}, {"--filter", "star=9", "律师"}} {
		var errb bytes.Buffer
		if _, code := parseSearchArgs(bad, &errb); code != exitUsage || !hasHan(errb.String()) {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errb.String())
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
