package render

import (
	"reflect"
	"testing"
	"time"
)

// notShown are the fields of a browsing page's data that its key leaves
// out on purpose: the page's Site (config: the caller's site key), Data
// (the view itself, hashed field by field), the group and guide behind the
// view, the lines' HTML (made from the fields hashed) and the view's
// joined lines.
var notShown = map[string]bool{"Site": true, "Data": true, "Group": true, "Page": true, "HTML": true, "ItemsHTML": true}

// TestListPageKeySeesEveryField changes every field of a browsing page's
// frame, view and lines, one at a time, and requires the key to change:
// a field added to PageData, GroupView, GuideItem, Link or Crumb that a
// template may show fails it until listPageKey hashes it (or notShown
// says why it need not).
func TestListPageKeySeesEveryField(t *testing.T) {
	j := job{path: "department/x/index.html", tmpl: "list.html"}
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	item := func(code string) *GuideItem {
		return &GuideItem{Code: code, Title: "事项" + code, URL: "/guide/" + code + "/", Department: "部门", Region: "区划",
			Stars: "★★★☆☆", StarWords: "三星", Visits: "跑一次", Negative: true, Reason: "原因", Suspended: true, Cancelled: true,
			Updated: day, Published: day}
	}
	d := &PageData{Lang: "zh-CN", Title: "标题", URL: "/department/x/", Canonical: "https://a/department/x/", Description: "说明",
		Crumbs: []Crumb{{Name: "首页", URL: "/"}}, CSS: "/assets/site.css", Header: "<header>", Footer: "<footer>"}
	v := &GroupView{Kind: "department", Name: "部门", Slug: "x", URL: "/department/x/", Count: 2,
		Items:  []*GuideItem{item("a"), item("b")},
		Parent: &Link{Name: "市", URL: "/region/s/", Count: 1}, Children: []Link{{Name: "县", URL: "/region/c/", Count: 1}},
		Address: "地址", Phone: "电话", Region: &Link{Name: "区", URL: "/region/q/", Count: 1}}
	base := listPageKey(j, d, v)
	if again := listPageKey(j, d, v); again != base {
		t.Fatal("the same page gave two keys")
	}
	changed := 0
	var walk func(path string, x reflect.Value)
	walk = func(path string, x reflect.Value) {
		switch {
		case x.Type() == reflect.TypeOf(time.Time{}):
			old := x.Interface().(time.Time)
			x.Set(reflect.ValueOf(old.Add(time.Hour)))
			requireChange(t, path, base, listPageKey(j, d, v))
			x.Set(reflect.ValueOf(old))
			changed++
		case x.Kind() == reflect.Struct:
			for i := 0; i < x.NumField(); i++ {
				f := x.Type().Field(i)
				if f.IsExported() && !notShown[f.Name] {
					walk(path+"."+f.Name, x.Field(i))
				}
			}
		case x.Kind() == reflect.Pointer:
			walk(path, x.Elem())
		case x.Kind() == reflect.Slice:
			if x.Len() == 0 {
				t.Fatalf("%s: fill it in the test", path)
			}
			walk(path+"[0]", x.Index(0))
		case x.Kind() == reflect.String:
			old := x.String()
			x.SetString(old + "改")
			requireChange(t, path, base, listPageKey(j, d, v))
			x.SetString(old)
			changed++
		case x.Kind() == reflect.Bool:
			x.SetBool(!x.Bool())
			requireChange(t, path, base, listPageKey(j, d, v))
			x.SetBool(!x.Bool())
			changed++
		case x.Kind() == reflect.Int:
			x.SetInt(x.Int() + 1)
			requireChange(t, path, base, listPageKey(j, d, v))
			x.SetInt(x.Int() - 1)
			changed++
		default:
			t.Errorf("%s: a %s the test cannot change", path, x.Type())
		}
	}
	walk("PageData", reflect.ValueOf(d))
	walk("GroupView", reflect.ValueOf(v))
	if after := listPageKey(j, d, v); after != base {
		t.Fatal("the page's key did not come back with its fields")
	}
	if changed < 30 {
		t.Fatalf("only %d fields changed", changed)
	}
	// the order of the lines shows
	v.Items[0], v.Items[1] = v.Items[1], v.Items[0]
	requireChange(t, "the order of the lines", base, listPageKey(j, d, v))
}

func requireChange(t *testing.T, what, before, after string) {
	t.Helper()
	if before == after {
		t.Errorf("changing %s left the browsing page's key the same", what)
	}
}

// TestListPageKeysOfSite: every browsing page of a site has a key, and
// the keys do not depend on the run.
func TestListPageKeysOfSite(t *testing.T) {
	s := fixtureSite()
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := r.ListPageKeys(s)
	if err != nil {
		t.Fatal(err)
	}
	want := len(s.Lists) + len(s.Departments) + len(s.Regions) + len(s.Topics)
	if len(keys) != want || want == 0 {
		t.Fatalf("%d keys for %d browsing pages", len(keys), want)
	}
	r2, _ := New(nil)
	again, err := r2.ListPageKeys(s)
	if err != nil || !reflect.DeepEqual(keys, again) {
		t.Fatalf("the keys changed from one renderer to another: %v", err)
	}
	g := s.Departments[0]
	if keys[g.URL[1:]+"index.html"] == "" {
		t.Fatalf("no key for %s", g.URL)
	}
}
