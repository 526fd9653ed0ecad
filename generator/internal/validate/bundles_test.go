package validate

import (
	"strings"
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
)

// validBundle is a bundle of validGuide (330000-SF-XK-0001) and
// memberGuide (…-0002) that passes every rule. Its line numbers (the
// opening +++ is line 1) are what the rows of TestBundleRules expect.
const validBundle = `+++
kind = "一件事"
code = "330000-YJS-0001"
title = "开办律所一件事"
items = ["330000-SF-XK-0001", "330000-SF-XK-0002"]
region = "浙江省"
lead = "省司法厅"
stage = "开办"
updated = 2024-01-02

[service]
visits = 1

[time]
promised_days = 20

[[locations]]
name = "市民中心"
address = "解放东路18号"
hours = "工作日 9:00-17:00"
+++

一次提交，一窗受理。
`

// memberGuide is validGuide under another code, promising 10 days.
var memberGuide = strings.NewReplacer(`330000-SF-XK-0001`, `330000-SF-XK-0002`, "promised_days = 15", "promised_days = 10").Replace(validGuide)

// runBundle checks a site of the two member guides (each edited by
// memberEdit, pairs old → new, applied to both) and the bundle (edited by
// edit) as Check does: decode, rules of one file, then rule 19 across
// files. It returns every diagnostic, sorted.
func runBundle(t *testing.T, edit, memberEdit []string) []site.Diagnostic {
	t.Helper()
	apply := func(src string, pairs []string) string {
		for i := 0; i+1 < len(pairs); i += 2 {
			if !strings.Contains(src, pairs[i]) {
				t.Fatalf("edit %q does not apply", pairs[i])
			}
			src = strings.Replace(src, pairs[i], pairs[i+1], 1)
		}
		return src
	}
	files := map[string]string{
		"content/a.md": apply(validGuide, memberEdit),
		"content/b.md": apply(memberGuide, memberEdit),
		"content/t.md": apply(validBundle, edit),
	}
	var all []site.Diagnostic
	var guides []*site.Guide
	for _, f := range []string{"content/a.md", "content/b.md", "content/t.md"} {
		doc, diags := load.Parse(f, []byte(files[f]))
		all = append(all, diags...)
		if doc == nil {
			continue
		}
		g, diags := Decode(doc)
		all = append(all, diags...)
		guides = append(guides, g)
	}
	all = append(all, Guides(testConfig, guides, testStatic)...)
	all = append(all, Bundles(guides)...)
	site.SortDiagnostics(all)
	return all
}

func TestValidBundleIsClean(t *testing.T) {
	if diags := runBundle(t, nil, nil); len(diags) != 0 {
		t.Fatalf("valid bundle: %s", join(diags))
	}
}

// TestBundleRules has a row for each check of rule 19, and for the
// guide rules that must not judge a bundle.
func TestBundleRules(t *testing.T) {
	for _, tt := range []struct {
		name       string
		edit       []string // of the bundle
		want       []string // prefixes, sorted
		memberEdit []string // of both members
	}{
		{"R1 missing visits", []string{"visits = 1\n", ""},
			[]string{"content/t.md:11: [R1] 缺少必填的 `service.visits`（一件事最多跑几次）"}, nil},
		{"R1 missing region and title", []string{"title = \"开办律所一件事\"\n", "", "region = \"浙江省\"\n", ""},
			[]string{"content/t.md:1: [R1] 缺少必填的 `region`", "content/t.md:1: [R1] 缺少必填的 `title`（一件事名称）"}, nil},
		{"R19 missing items", []string{"items = [\"330000-SF-XK-0001\", \"330000-SF-XK-0002\"]\n", ""},
			[]string{"content/t.md:1: [R19] 缺少必填的 `items`"}, nil},
		{"R19 one member", []string{`, "330000-SF-XK-0002"]`, `]`},
			[]string{"content/t.md:5: [R19] 一件事至少包含两个事项，现在 items 只有 1 个", "content/t.md:15: [R19] 警告：一件事的承诺期限 promised_days 是 20，比各事项承诺期限之和 15 还长"}, nil},
		{"R19 member twice", []string{`"330000-SF-XK-0002"]`, `"330000-SF-XK-0002", "330000-SF-XK-0001"]`},
			[]string{"content/t.md:5: [R19] 事项 \"330000-SF-XK-0001\" 在 items 里写了两次（第 1 个和第 3 个）：请删去第 3 个"}, nil},
		{"R19 unknown member with hint", []string{`"330000-SF-XK-0002"]`, `"330000-SF-XK-0003"]`},
			[]string{"content/t.md:5: [R19] items 里的 \"330000-SF-XK-0003\" 找不到这个编码的办事指南：你是不是想写 \"330000-SF-XK-0001\"？"}, nil},
		{"R19 unknown member far off", []string{`"330000-SF-XK-0002"]`, `"X"]`},
			[]string{"content/t.md:5: [R19] items 里的 \"X\" 找不到这个编码的办事指南：请改为已发布事项的编码"}, nil},
		{"R19 member is the bundle", []string{`"330000-SF-XK-0002"]`, `"330000-YJS-0001"]`},
			[]string{"content/t.md:5: [R19] items 里的 \"330000-YJS-0001\" 是另一个一件事"}, nil},
		{"R19 draft member", nil,
			[]string{"content/t.md:5: [R19] items 里的 \"330000-SF-XK-0001\" 是草稿", "content/t.md:5: [R19] items 里的 \"330000-SF-XK-0002\" 是草稿"},
			[]string{"updated = 2017-03-10\n", "updated = 2017-03-10\ndraft = true\n"}},
		{"R19 cancelled member", nil,
			[]string{"content/t.md:5: [R19] items 里的 \"330000-SF-XK-0001\" 已经取消（content/a.md 里 status = \"取消\"）：请从 items 里删去它", "content/t.md:5: [R19] items 里的 \"330000-SF-XK-0002\" 已经取消"},
			[]string{"updated = 2017-03-10\n", "updated = 2017-03-10\nstatus = \"取消\"\n"}},
		{"R19 more visits than any member", []string{"visits = 1", "visits = 2"},
			[]string{"content/t.md:12: [R19] 一件事要跑的次数不能多于其中任何一个事项：visits 是 2，成员事项最多跑 1 次"}, nil},
		{"R19 promised beyond the sum is a warning", []string{"promised_days = 20", "promised_days = 26"},
			[]string{"content/t.md:15: [R19] 警告：一件事的承诺期限 promised_days 是 26，比各事项承诺期限之和 25 还长"}, nil},
		{"R19 promised equal to the sum", []string{"promised_days = 20", "promised_days = 25"}, nil, nil},
		{"R19 undeclared lead", []string{`lead = "省司法厅"`, `lead = "市司法局"`},
			[]string{"content/t.md:7: [R19] 牵头部门 lead = \"市司法局\" 没有在 config.toml 里声明"}, nil},
		{"R19 stage outside the list is a warning", []string{`stage = "开办"`, `stage = "开店"`},
			[]string{"content/t.md:8: [R19] 警告：人生阶段 stage = \"开店\" 不在约定的取值里"}, nil},
		{"R19 extends", []string{"updated = 2024-01-02\n", "updated = 2024-01-02\nextends = \"330000-SF-XK-0001\"\n"},
			[]string{"content/t.md:10: [R19] 一件事不使用 extends"}, nil},
		{"R8 phone of the one window", []string{`hours = "工作日 9:00-17:00"`, "hours = \"工作日 9:00-17:00\"\nphone = \"87000000\""},
			[]string{"content/t.md:21: [R8] `locations.0.phone` 不是有效的电话号码"}, nil},
		{"R7 one visit without a window", []string{"[[locations]]\nname = \"市民中心\"\naddress = \"解放东路18号\"\nhours = \"工作日 9:00-17:00\"\n", ""},
			[]string{"content/t.md:1: [R7] 这个事项要跑 1 次，却没有写去哪里办"}, nil},
		{"R19 a guide extends the bundle", nil,
			[]string{"content/a.md:10: [R19] extends = \"330000-YJS-0001\" 指向的是一件事（content/t.md），不是办事指南", "content/b.md:10: [R19] extends = \"330000-YJS-0001\" 指向的是一件事"},
			[]string{"updated = 2017-03-10\n", "updated = 2017-03-10\nextends = \"330000-YJS-0001\"\n"}},
		{"R1 guide key unknown in a bundle", []string{"updated = 2024-01-02\n", "updated = 2024-01-02\ndepartment = \"省司法厅\"\n"},
			[]string{"content/t.md:10: [R1] 前置信息里有不认识的键 `department`"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			diags := runBundle(t, tt.edit, tt.memberEdit)
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(tt.want), join(diags))
			}
			for i, d := range diags {
				if got := d.String(); !strings.HasPrefix(got, tt.want[i]) {
					t.Errorf("diagnostic %d:\n got  %s\n want %s…", i, got, tt.want[i])
				}
			}
			for _, d := range diags {
				if strings.Contains(d.Message, "星") || d.Rule == "W-time" || d.Rule == "W-fee" {
					t.Errorf("a guide rule judged the bundle: %s", d)
				}
			}
		})
	}
}
