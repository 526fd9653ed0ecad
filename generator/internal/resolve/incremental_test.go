package resolve

import (
	"reflect"
	"testing"

	"zhinan/generator/internal/site"
)

// TestPatchEqualsBuild replaces guides of bFixture with new values and
// wants Patch to give what Build gives for the new guides, made of new
// pages and groups only (prev untouched, nothing of it reachable), or to
// refuse when a new value changes what Build groups or links by.
func TestPatchEqualsBuild(t *testing.T) {
	edits := []struct {
		name  string
		edit  func(g *site.Guide)
		patch bool
	}{
		{"title", func(g *site.Guide) { g.Title += "（新）" }, true},
		{"body and materials", func(g *site.Guide) { g.Body = "新的正文"; g.Materials = []site.Material{{Name: "身份证"}} }, true},
		{"stars, and visits within the negative list", func(g *site.Guide) {
			if g.Service.Visits > 1 {
				g.Service.Visits++
			}
			g.Service.Star = 3
		}, true},
		{"visits onto another list", func(g *site.Guide) { g.Service.Visits = 3 }, false},
		{"department", func(g *site.Guide) { g.Department = "省公安厅" }, false},
		{"region", func(g *site.Guide) { g.Region = "舟山市" }, false},
		{"topics", func(g *site.Guide) { g.Topics = append([]string{"新主题"}, g.Topics...) }, false},
		{"updated", func(g *site.Guide) { g.Updated = bDay("2021-01-01") }, false},
		{"published", func(g *site.Guide) { g.Published = bDay("2016-01-01") }, false},
		{"draft", func(g *site.Guide) { g.Draft = !g.Draft }, false},
		{"extends", func(g *site.Guide) { g.Extends = "" }, false},
	}
	for _, e := range edits {
		cfg, guides := bFixture()
		refused := 0
		for i := range guides {
			t.Run(e.name+"/"+guides[i].Code, func(t *testing.T) {
				prev := Build(cfg, guides, nil)
				before := reflect.ValueOf(*prev).Interface()
				g := *guides[i]
				e.edit(&g)
				next := append([]*site.Guide(nil), guides...)
				next[i] = &g
				got, ok := Patch(prev, map[*site.Guide]*site.Guide{guides[i]: &g})
				if !ok {
					if e.patch {
						t.Fatal("Patch refused an edit that changes nothing Build reads")
					}
					refused++
					return
				}
				if want := Build(cfg, next, nil); !reflect.DeepEqual(got, want) {
					t.Error("Patch differs from Build")
				}
				if !reflect.DeepEqual(before, *prev) {
					t.Error("Patch changed prev")
				}
				checkNoOldPointers(t, prev, got)
			})
		}
		if !e.patch && refused == 0 {
			t.Errorf("%s: Patch never refused the edit", e.name)
		}
	}
}

// checkNoOldPointers wants every page and group reachable from got to be
// got's own: none of prev's, and every page one of got.Guides (the render
// stage finds pages by pointer).
func checkNoOldPointers(t *testing.T, prev, got *site.Site) {
	t.Helper()
	old := map[any]bool{}
	own := map[*site.Page]bool{}
	for _, p := range got.Guides {
		own[p] = true
	}
	var walk func(v reflect.Value, record bool)
	seen := map[any]bool{}
	walk = func(v reflect.Value, record bool) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			switch p := v.Interface().(type) {
			case *site.Page, *site.Group:
				if record {
					old[p] = true
				} else {
					if old[p] {
						t.Errorf("the patched site reaches %T %p of the old one", p, p)
					}
					if page, ok := p.(*site.Page); ok && !own[page] {
						t.Errorf("the patched site reaches page %s outside its Guides", page.Code)
					}
				}
				if seen[p] {
					return
				}
				seen[p] = true
			case *site.Guide:
				return
			}
			walk(v.Elem(), record)
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), record)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), record)
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Value(), record)
			}
		}
	}
	walk(reflect.ValueOf(prev), true)
	seen = map[any]bool{}
	walk(reflect.ValueOf(got), false)
}
