package render

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"zhinan/generator/internal/site"
)

// Lazy is a site prepared for rendering page by page, on demand: the live
// preview renders only the pages a browser asks for, so a save shows as
// soon as the site is read, not when every page of it is rendered. A page
// comes out byte-identical to the one Render writes (TestLazyEqualsRender).
// It is safe for concurrent use.
type Lazy struct {
	r      *Renderer
	p      *prepared
	shared *pass
	assets map[string][]byte

	// Every page's job by path, and every path, made once on first need
	// (allJobs).
	jobsOnce sync.Once
	jobs     map[string]job
	paths    []string

	workers sync.Pool
	mu      sync.Mutex
	done    map[string][]byte // pages already rendered
}

// Lazy prepares s for on-demand rendering. It renders now only the frame
// every page shares (header, footer) and checks that every code and slug
// can be a URL segment; the rest waits for the first page that needs it:
// a guide's list line is rendered, once, with the first page that lists
// it, a Markdown body with its page, and the list of every page (Paths,
// and the jobs of pages other than a guide's page and sheet) is made on
// first need. So preparing a site of 10,000 guides after a save in the
// live preview costs about a millisecond, not 10,000 list lines.
func (r *Renderer) Lazy(s *site.Site) (*Lazy, error) {
	p, err := r.prepare(s)
	if err != nil {
		return nil, err
	}
	// The checks jobs makes, so that a site it refuses is refused here.
	if err := checkSegments(s); err != nil {
		return nil, err
	}
	shared := &pass{items: make(map[*site.Page]*GuideItem, len(s.Guides)), bodies: map[string]*Sections{}}
	l := &Lazy{r: r, p: p, shared: shared, assets: map[string][]byte{}, done: map[string][]byte{}}
	l.workers.New = func() any { return newWorker() }
	for _, a := range r.assets {
		l.assets["assets/"+a.name] = a.data
	}
	return l, nil
}

// Paths lists every file the site has, in Render's order.
func (l *Lazy) Paths() []string {
	l.allJobs()
	return l.paths
}

// allJobs makes every page's job, by path, once.
func (l *Lazy) allJobs() map[string]job {
	l.jobsOnce.Do(func() {
		jobs, err := l.r.jobs(l.p)
		if err != nil {
			return // cannot be: Lazy made the same checks
		}
		l.jobs = make(map[string]job, len(jobs))
		for _, j := range jobs {
			l.jobs[j.pathOf()] = j
			l.paths = append(l.paths, j.pathOf())
		}
		for _, a := range l.r.assets {
			l.paths = append(l.paths, "assets/"+a.name)
		}
	})
	return l.jobs
}

// job returns the job of the page at path: a guide's page or sheet at
// once, as jobs makes them, any other page from the list of all.
func (l *Lazy) job(path string) (job, bool) {
	if rest, ok := strings.CutPrefix(path, "guide/"); ok {
		code, file, _ := strings.Cut(rest, "/")
		if g := l.p.site.ByCode[code]; g != nil {
			switch file {
			case "index.html":
				return guideJob(g, false), true
			case "print.html":
				return guideJob(g, true), true
			}
		}
	}
	j, ok := l.allJobs()[path]
	return j, ok
}

// passFor renders, the first time a page needs them, the list lines of
// the guides page j shows, and returns them as the pass j renders with.
func (l *Lazy) passFor(j job, w *worker) (*pass, error) {
	var need []*site.Page
	switch {
	case j.guide != nil:
		if j.guide.Standard != nil {
			need = append(need, j.guide.Standard)
		}
		need = append(need, j.guide.Implementations...)
	case j.group != nil:
		need = j.group.Guides
	}
	items := make(map[*site.Page]*GuideItem, len(need))
	for _, q := range need {
		l.mu.Lock()
		it, ok := l.shared.items[q]
		l.mu.Unlock()
		if !ok {
			it = newGuideItem(q, l.p.base)
			if err := l.r.renderItem(l.p, w, it); err != nil {
				return nil, fmt.Errorf("生成事项列表条目失败：%w", err)
			}
			l.mu.Lock()
			l.shared.items[q] = it
			l.mu.Unlock()
		}
		items[q] = it
	}
	return &pass{items: items, bodies: l.shared.bodies}, nil
}

// Get renders the file at path (as Render names it: "guide/x/index.html")
// the first time it is asked for and returns it; ok is false for a path
// the site does not have.
func (l *Lazy) Get(path string) (data []byte, ok bool, err error) {
	if a, ok := l.assets[path]; ok {
		return a, true, nil
	}
	j, ok := l.job(path)
	if !ok {
		return nil, false, nil
	}
	l.mu.Lock()
	data, ok = l.done[path]
	l.mu.Unlock()
	if ok {
		return data, true, nil
	}
	w := l.workers.Get().(*worker)
	defer l.workers.Put(w)
	shared, err := l.passFor(j, w)
	if err != nil {
		return nil, true, fmt.Errorf("生成页面 %s 失败：%w", path, err)
	}
	data, err = l.r.run(l.p, w, j, shared)
	if err != nil {
		return nil, true, fmt.Errorf("生成页面 %s 失败：%w", path, err)
	}
	data = bytes.Clone(data) // run lent w's buffer, which goes back to the pool
	l.mu.Lock()
	l.done[path] = data
	l.mu.Unlock()
	return data, true, nil
}
