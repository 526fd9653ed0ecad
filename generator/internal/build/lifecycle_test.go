package build

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/sitefixture"
)

// oldAidFile is a cancelled item that TestIncrementalLifecycle adds.
const oldAidFile = "content/sfj/old-aid.md"

// TestIncrementalLifecycle is TestIncrementalEqualsClean for the
// lifecycle: cancelling an item (which moves it out of every group),
// a replaced_by whose code comes and goes in another file (rule 16's
// site-wide pass), suspending an item. Every step takes the incremental
// check and still gives what a clean build gives.
func TestIncrementalLifecycle(t *testing.T) {
	s := newEditedSite(t, sitefixture.WriteSite(t, sitefixture.SmallSite))
	p, err := newPreview(s.src)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	comparePreviewWithBuild(t, p, s.src, nil)
	counts := countRebuilds(p)
	steps := []incrementalStep{
		{"a cancelled item replaced by the aid guide", []string{oldAidFile}, true, func() {
			s.copyGuide(aidFile, oldAidFile, `code = "330000-SF-GG-0002"`,
				"code = \"330000-SF-GG-0001\"\nstatus = \"取消\"\nreplaced_by = \"330000-SF-GG-0002\"")
		}},
		{"the replacement changes its code", []string{aidFile}, true, func() {
			s.edit(aidFile, `code = "330000-SF-GG-0002"`, `code = "330000-SF-GG-0009"`)
		}},
		{"and back", []string{aidFile}, true, func() {
			s.edit(aidFile, `code = "330000-SF-GG-0009"`, `code = "330000-SF-GG-0002"`)
		}},
		{"the replacement is suspended", []string{aidFile}, true, func() {
			s.edit(aidFile, `code = "330000-SF-GG-0002"`, "code = \"330000-SF-GG-0002\"\nstatus = \"暂停\"")
		}},
		{"the old item back in use", []string{oldAidFile}, true, func() {
			s.edit(oldAidFile, "status = \"取消\"\nreplaced_by = \"330000-SF-GG-0002\"", "")
		}},
		{"cancelled again", []string{oldAidFile}, true, func() {
			s.edit(oldAidFile, `code = "330000-SF-GG-0001"`, "code = \"330000-SF-GG-0001\"\nstatus = \"取消\"")
		}},
		{"the cancelled item goes", []string{oldAidFile}, true, func() { os.Remove(s.abs(oldAidFile)) }},
	}
	for i, step := range steps {
		step.do()
		before := counts.incremental
		t.Run(step.name, func(t *testing.T) { comparePreviewWithBuild(t, p, s.src, step.changed) })
		res := p.Build(context.Background(), nil) // as a whole: the state is judged again
		r16 := strings.Contains(diagnosticLines(res.Diagnostics), oldAidFile+":4: [R16]")
		if want := i == 1; r16 != want {
			t.Errorf("%s: R16 at the replaced_by line = %v, want %v:\n%s", step.name, r16, want, diagnosticLines(res.Diagnostics))
		}
		if fast := counts.incremental > before; fast != step.fast {
			t.Errorf("%s: incremental path taken = %v, want %v", step.name, fast, step.fast)
		}
	}
}

// TestPreviewBuildDay: `serve --today` reaches the preview's pages, as
// `build --today` reaches the built ones: the page of an item in force
// from 2027-01-01 says so on a day before, and not from that day on.
func TestPreviewBuildDay(t *testing.T) {
	const future = "content/sfj/future.md"
	s := newEditedSite(t, sitefixture.WriteSite(t, sitefixture.SmallSite))
	s.copyGuide(aidFile, future, `code = "330000-SF-GG-0002"`, "code = \"330000-SF-GG-0003\"\neffective = 2027-01-01")
	for _, c := range []struct {
		today  time.Time
		notice bool
	}{
		{time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		p, err := newPreview(s.src)
		if err != nil {
			t.Fatal(err)
		}
		p.SetToday(c.today)
		res := p.Build(context.Background(), nil)
		if res.Err != nil {
			p.close()
			t.Fatal(res.Err)
		}
		page, ok, err := res.OnDemand.Page("guide/330000-SF-GG-0003/index.html")
		p.close()
		if err != nil || !ok {
			t.Fatalf("page: %v %v", ok, err)
		}
		if got := strings.Contains(string(page), "本指南自 <time datetime=\"2027-01-01\">2027年1月1日</time>起施行"); got != c.notice {
			t.Errorf("on %s the preview shows the notice = %v, want %v", c.today.Format("2006-01-02"), got, c.notice)
		}
	}
}
