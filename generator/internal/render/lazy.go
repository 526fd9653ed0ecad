package render

import (
	"bytes"
	"fmt"
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
	jobs   map[string]job
	assets map[string][]byte
	paths  []string

	workers sync.Pool
	mu      sync.Mutex
	done    map[string][]byte // pages already rendered
}

// Lazy prepares s for on-demand rendering. It renders now only what many
// pages share and is cheap: the list line of every guide. Markdown bodies
// are rendered with the page that shows them.
func (r *Renderer) Lazy(s *site.Site) (*Lazy, error) {
	p, err := r.prepare(s)
	if err != nil {
		return nil, err
	}
	shared := &pass{items: make(map[*site.Page]*GuideItem, len(s.Guides)), bodies: map[string]*Sections{}}
	list := make([]*GuideItem, len(s.Guides))
	for i, g := range s.Guides {
		list[i] = newGuideItem(g, p.base)
		shared.items[g] = list[i]
	}
	if err := firstError(parallel(len(list), func(w *worker, i int) error {
		return r.renderItem(p, w, list[i])
	})); err != nil {
		return nil, fmt.Errorf("生成事项列表条目失败：%w", err)
	}
	jobs, err := r.jobs(p)
	if err != nil {
		return nil, err
	}
	l := &Lazy{r: r, p: p, shared: shared, jobs: make(map[string]job, len(jobs)),
		assets: map[string][]byte{}, done: map[string][]byte{}}
	l.workers.New = func() any { return newWorker() }
	for _, j := range jobs {
		l.jobs[j.pathOf()] = j
		l.paths = append(l.paths, j.pathOf())
	}
	for _, a := range r.assets {
		l.assets["assets/"+a.name] = a.data
		l.paths = append(l.paths, "assets/"+a.name)
	}
	return l, nil
}

// Paths lists every file the site has, in Render's order.
func (l *Lazy) Paths() []string { return l.paths }

// Get renders the file at path (as Render names it: "guide/x/index.html")
// the first time it is asked for and returns it; ok is false for a path
// the site does not have.
func (l *Lazy) Get(path string) (data []byte, ok bool, err error) {
	if a, ok := l.assets[path]; ok {
		return a, true, nil
	}
	j, ok := l.jobs[path]
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
	data, err = l.r.run(l.p, w, j, l.shared)
	if err != nil {
		return nil, true, fmt.Errorf("生成页面 %s 失败：%w", path, err)
	}
	data = bytes.Clone(data) // run lent w's buffer, which goes back to the pool
	l.mu.Lock()
	l.done[path] = data
	l.mu.Unlock()
	return data, true, nil
}
