// Package serve is the live preview behind `generator serve`: it builds the
// site in memory through a Builder it is given, serves the result over
// HTTP, watches the site's sources with fsnotify, rebuilds after each
// burst of changes and tells the open pages to reload through server-sent
// events. When a build fails, every open page shows an overlay listing the
// diagnostics; it goes away by itself when a later build succeeds.
//
// The package imports no build stage: the pipeline is handed to New as a
// Builder, an interface of one method,
//
//	Build(ctx context.Context, changed []string) Result
//
// so the server can be tested with a fake build. Build is told which
// files a burst of events changed, so that it can redo only what they
// affect; changed is nil for the first build and after the watcher lost
// events (a full kernel queue), which build everything. The Result holds
// the built files in memory and, optionally, a PageSource for the pages
// that are not among them (rendered when a browser asks for one); for
// other paths the server serves the files under Source/static/. Nothing
// is written to disk, and a failed build leaves the previous one served.
//
// The server calls Build, never concurrently, and tells the pages to
// reload when it has returned; so an endpoint that depends on the current
// build (Options.Handlers, e.g. the preview's /api/search) must see the
// new build by then. A PageSource is asked at every request, so a builder
// may also change what it serves between builds: the preview swaps in a
// search index built in the background so.
//
// Endpoints besides the site itself:
//
//	/_serve/events     server-sent events: "hello", "reload", "errors", "building"
//	/_serve/status     JSON of the last build (see Status)
//	/_serve/client.js  the reload and overlay script
//
// With Options.Editor, the form editor is served under /edit/; its POSTs
// are the only ones accepted, and only with the write token of this
// process and from the same origin (see guard and writeAllowed).
//
// Every other path, the site's and these, answers only GET and HEAD (405
// otherwise). Every path answers only to a Host header that names this server (421
// otherwise: localhost, the loopback addresses and the bound address, or
// any IP address when bound to 0.0.0.0 or ::; see hostPolicy), and every
// response says X-Content-Type-Options: nosniff. One wrapper, guard, does
// all of this for the whole handler.
//
// The script is injected into HTML responses as they are served (before the
// last </body>); the build's files are never changed.
package serve
