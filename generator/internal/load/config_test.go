package load

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"zhinan/generator/internal/hint"
	"zhinan/generator/internal/site"
)

const contractConfig = `title = "浙江省“最多跑一次”办事指南"
base_url = "https://example.gov.cn/"
language = "zh-CN"

[targets]                 # reform targets the site is measured against
one_visit_share = 0.95    # share of items with visits <= 1
five_star_share = 0.10
three_four_star_share = 0.85

[[regions]]
name = "浙江省"
code = "330000"

[[regions]]
name = "舟山市"
code = "330900"
parent = "浙江省"

[[departments]]
name = "省司法厅"
region = "浙江省"
phone = "0571-12345678"
address = "杭州市……"
`

func TestConfigContract(t *testing.T) {
	cfg, diags := Config(fstest.MapFS{"config.toml": {Data: []byte(contractConfig)}})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if cfg.BaseURL != "https://example.gov.cn/" || cfg.Targets.FiveStarShare != 0.10 ||
		len(cfg.Regions) != 2 || cfg.Regions[1].Parent != "浙江省" || cfg.Departments[0].Phone != "0571-12345678" {
		t.Fatalf("cfg = %+v", cfg)
	}
	if cfg.StaleAfterDays != 365 || cfg.RecentCount != 10 {
		t.Fatalf("defaults lost: %+v", cfg)
	}
}

// A folder without config.toml is not a site (a mistyped --source): an
// error that says how to start, and the defaults.
func TestConfigMissingIsAnError(t *testing.T) {
	cfg, diags := Config(fstest.MapFS{})
	if len(diags) != 1 || diags[0].Severity != site.Error || !strings.Contains(diags[0].Message, "generator new") ||
		!reflect.DeepEqual(cfg, site.DefaultConfig()) {
		t.Fatalf("cfg %+v diags %v", cfg, diags)
	}
}

func TestConfigProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"syntax", "title = \"a\"\nbase_url = \n", []string{"config.toml:2: [config] TOML"}},
		{"unknown keys warn", "titel = \"a\"\n[targets]\nfive_star = 0.1\n",
			[]string{"config.toml:1: [config] 警告：不认识的设置 `titel`，它不会起作用：你是不是想写 `title`？",
				"config.toml:3: [config] 警告：不认识的设置 `targets.five_star`"}},
		{"wrong type", "title = 1\nrecent_count = \"5\"\n",
			[]string{"config.toml:1: [config] `title` 应当是字符串", "config.toml:2: [config] `recent_count` 应当是整数"}},
		{"bad base_url", "base_url = \"example.gov.cn\"\n", []string{"config.toml:1: [config] base_url 必须"}},
		{"ftp base_url", "base_url = \"ftp://example.gov.cn/\"\n", []string{"config.toml:1: [config] base_url 必须"}},
		{"undeclared parent", "[[regions]]\nname = \"舟山市\"\nparent = \"浙江\"\n", []string{"config.toml:3: [config] 行政区划 \"舟山市\" 的上级"}},
		{"undeclared department region", "[[regions]]\nname = \"浙江省\"\n[[departments]]\nname = \"x\"\nregion = \"杭州市\"\n",
			[]string{"config.toml:5: [config] 部门 \"x\" 所属"}},
		{"department region free without regions", "[[departments]]\nname = \"x\"\nregion = \"杭州市\"\n", nil},
		{"duplicate region", "[[regions]]\nname = \"a\"\n[[regions]]\nname = \"a\"\n", []string{"config.toml:4: [config] 行政区划 \"a\" 声明了两次"}},
		{"duplicate department", "[[departments]]\nname = \"a\"\n[[departments]]\nname = \"a\"\n",
			[]string{"config.toml:4: [config] 部门 \"a\" 声明了两次：请删掉重复的 [[departments]]"}},
		{"nameless region", "[[regions]]\ncode = \"330900\"\n", []string{"config.toml:1: [config] 第 1 个 [[regions]] 没有 name：请写上行政区划的名称"}},
		{"nameless department", "[[departments]]\nslug = \"a\"\n", []string{"config.toml:1: [config] 第 1 个 [[departments]] 没有 name：请写上部门名称"}},
		{"target out of range", "[targets]\none_visit_share = 95\n", []string{"config.toml:2: [config] `targets.one_visit_share` 是比例"}},
		{"unknown key in region", "[[regions]]\nname = \"a\"\nparnet = \"b\"\n", []string{"config.toml:3: [config] 警告：不认识的设置 `regions.0.parnet`，它不会起作用：你是不是想写 `parent`？"}},
		{"department slug escapes", "[[departments]]\nname = \"省司法厅\"\nslug = \"../../escape\"\n",
			[]string{"config.toml:3: [config] 部门 \"省司法厅\" 的 slug \"../../escape\" 不能用作网址 /department/…/ 的一段"}},
		{"department slug ..", "[[departments]]\nname = \"省司法厅\"\nslug = \"..\"\n",
			[]string{"config.toml:3: [config] 部门 \"省司法厅\" 的 slug 不能是 . 或 .."}},
		{"department slug too long", "[[departments]]\nname = \"省司法厅\"\nslug = \"" + strings.Repeat("a", 65) + "\"\n",
			[]string{"config.toml:3: [config] 部门 \"省司法厅\" 的 slug 最长 64 个字符，现在有 65 个"}},
		{"department slug fine", "[[departments]]\nname = \"省司法厅\"\nslug = \"" + strings.Repeat("a", 64) + "\"\n", nil},
		{"region slug escapes", "[[regions]]\nname = \"舟山市\"\ncode = \"330900\"\nslug = \"../../escape\"\n",
			[]string{"config.toml:4: [config] 行政区划 \"舟山市\" 的 slug \"../../escape\" 不能用作网址 /region/…/ 的一段"}},
		{"region slug .", "[[regions]]\nname = \"舟山市\"\nslug = \".\"\n",
			[]string{"config.toml:3: [config] 行政区划 \"舟山市\" 的 slug 不能是 . 或 .."}},
		{"region code is the slug", "[[regions]]\nname = \"舟山市\"\ncode = \"33/09\"\n",
			[]string{"config.toml:3: [config] 行政区划 \"舟山市\" 的 code \"33/09\" 不能用作网址 /region/…/ 的一段"}},
		{"region code free with a slug", "[[regions]]\nname = \"舟山市\"\ncode = \"33/09\"\nslug = \"zhoushan\"\n", nil},
		{"nested too deep", "synonyms = [\n" + strings.Repeat("[", MaxNesting) + "\n]\n",
			[]string{"config.toml:2: [config] config.toml 嵌套超过 32 层"}},
		{"R20 credit code with a wrong check character", "[[departments]]\nname = \"省司法厅\"\ncredit_code = \"113300000024820085\"\n",
			[]string{"config.toml:3: [R20] 部门 \"省司法厅\" 的 credit_code \"113300000024820085\" 不是有效的统一社会信用代码："}},
		{"R20 credit code too short", "[[departments]]\nname = \"省司法厅\"\ncredit_code = \"1133000000248200\"\n",
			[]string{"config.toml:3: [R20] 部门 \"省司法厅\" 的 credit_code \"1133000000248200\" 不是有效的统一社会信用代码："}},
		{"R20 valid credit code", "[[departments]]\nname = \"省司法厅\"\ncredit_code = \"113300000024820088\"\n", nil},
		{"pinyin override fine", "[pinyin_overrides]\n\"乐清\" = \"yue qing\"\n", nil},
		{"pinyin override one syllable short", "[pinyin_overrides]\n\"乐清\" = \"yue\"\n",
			[]string{"config.toml:2: [config] pinyin_overrides 的 \"乐清\"：读音 \"yue\" 应为每个汉字一个音节"}},
		{"pinyin override not a table", "pinyin_overrides = \"yue qing\"\n", []string{"config.toml:1: [config] `pinyin_overrides` 应当是表"}},
		{"pinyin override not a string", "[pinyin_overrides]\n\"乐清\" = 1\n", []string{"config.toml:2: [config] `pinyin_overrides.乐清` 应当是字符串"}},
		{"crlf and bom", "\xef\xbb\xbftitle = \"a\"\r\nbase_url = 3\r\n", []string{"config.toml:2: [config] `base_url` 应当是字符串"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			if !strings.Contains(src, "base_url") {
				src = "base_url = \"https://example.gov.cn/\"\n" + src
				for i, w := range tt.want { // every line moves down by one
					var n int
					var rest string
					if _, err := fmt.Sscanf(w, "config.toml:%d:", &n); err == nil {
						rest = w[strings.Index(w, ":")+1:]
						rest = rest[strings.Index(rest, ":"):]
						tt.want[i] = fmt.Sprintf("config.toml:%d%s", n+1, rest)
					}
				}
			}
			_, diags := Config(fstest.MapFS{"config.toml": {Data: []byte(src)}})
			if len(diags) != len(tt.want) {
				t.Fatalf("got %v, want %d diagnostics", diags, len(tt.want))
			}
			for i, d := range diags {
				if got := d.String(); len(got) < len(tt.want[i]) || got[:len(tt.want[i])] != tt.want[i] {
					t.Errorf("diagnostic %d = %q, want prefix %q", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestNearest(t *testing.T) {
	cands := []string{"materials", "steps", "type", "title", "service"}
	for in, want := range map[string]string{"matrials": "materials", "tpye": "type", "stpes": "steps", "colour": "", "servcie": "service"} {
		if got := hint.Nearest(in, cands); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfigWithoutBaseURLWarns(t *testing.T) {
	_, diags := Config(fstest.MapFS{"config.toml": {Data: []byte("title = \"a\"\n")}})
	if len(diags) != 1 || diags[0].Severity != site.Warning || !strings.Contains(diags[0].Message, "base_url") {
		t.Fatalf("got %v, want one warning about base_url", diags)
	}
}
