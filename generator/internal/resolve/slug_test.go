package resolve

import (
	"regexp"
	"testing"
)

func TestSlugPinyin(t *testing.T) {
	cases := map[string]string{
		"省司法厅":  "sheng-si-fa-ting",
		"舟山市":   "zhou-shan-shi",
		"法律服务":  "fa-lv-fu-wu",
		"ICP备案": "icp-bei-an",
		"Ａ级景区":  "a-ji-jing-qu",
		"市场监管局（市知识产权局）": "shi-chang-jian-guan-ju-shi-zhi-shi-chan-quan-ju",
		"2023年度": "2023-nian-du",
		"驴友":     "lv-you",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

var slugURLSafe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSlugIsASCIIAndStable(t *testing.T) {
	for _, in := range []string{"（）！", "——", "", "婚姻登记", "社保 / 医保", "α β"} {
		a, b := Slug(in), Slug(in)
		if a != b {
			t.Errorf("Slug(%q) not stable: %q vs %q", in, a, b)
		}
		if !slugURLSafe.MatchString(a) {
			t.Errorf("Slug(%q) = %q is not a URL-safe slug", in, a)
		}
	}
}

func TestAssignSlugsCollisions(t *testing.T) {
	// 公示 and 工事 are both gong-shi.
	got := AssignSlugs([]string{"公示", "工事", "户籍"}, nil)
	if got["户籍"] != "hu-ji" {
		t.Errorf("non-colliding name changed: %q", got["户籍"])
	}
	if got["公示"] == got["工事"] {
		t.Fatalf("colliding names share slug %q", got["公示"])
	}
	for _, n := range []string{"公示", "工事"} {
		want := "gong-shi-" + nameHash(n)
		if got[n] != want {
			t.Errorf("%s: got %q, want %q", n, got[n], want)
		}
	}
	// The suffix depends on the name alone: the same name in another site,
	// colliding with a third homophone, keeps the same slug.
	again := AssignSlugs([]string{"攻势", "公示"}, nil)
	if again["公示"] != got["公示"] {
		t.Errorf("slug of 公示 depends on other names: %q vs %q", again["公示"], got["公示"])
	}
	// Without the collision, the plain slug.
	if alone := AssignSlugs([]string{"公示"}, nil); alone["公示"] != "gong-shi" {
		t.Errorf("alone: %q", alone["公示"])
	}
}

func TestAssignSlugsFixedWins(t *testing.T) {
	got := AssignSlugs([]string{"定海区", "舟山市", "普陀区"}, map[string]string{"定海区": "330902", "舟山市": "zhoushan"})
	if got["定海区"] != "330902" || got["舟山市"] != "zhoushan" || got["普陀区"] != "pu-tuo-qu" {
		t.Errorf("got %v", got)
	}
	// A derived slug that equals a fixed one is suffixed; the fixed one is not.
	got = AssignSlugs([]string{"舟山", "舟山市"}, map[string]string{"舟山市": "zhou-shan"})
	if got["舟山市"] != "zhou-shan" || got["舟山"] != "zhou-shan-"+nameHash("舟山") {
		t.Errorf("got %v", got)
	}
}

func TestAssignSlugsOneToOne(t *testing.T) {
	names := []string{"公示", "工事", "攻势", "公式", "gong-shi-" + nameHash("公示")}
	got := AssignSlugs(names, nil)
	seen := map[string]string{}
	for _, n := range names {
		if o, ok := seen[got[n]]; ok {
			t.Errorf("%s and %s share %q", n, o, got[n])
		}
		seen[got[n]] = n
		if !slugURLSafe.MatchString(got[n]) {
			t.Errorf("%q not URL safe", got[n])
		}
	}
}
