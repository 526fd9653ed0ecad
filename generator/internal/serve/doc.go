// Package serve is the live preview behind `generator serve`: it builds the
// site into a temporary folder through a function it is given, serves that
// folder over HTTP, watches the site's sources with fsnotify, rebuilds after
// each burst of changes and tells the open pages to reload through
// server-sent events. When a build fails, every open page shows an overlay
// listing the diagnostics; it goes away by itself when a later build
// succeeds.
//
// The package imports no build stage: the pipeline is handed in as
// Options.Build (build into a folder the server owns) or Options.BuildFiles
// (build in memory; faster, since nothing is written to disk), so the
// server can be tested with a fake build. With Options.BuildChanged the
// build is also told which files a burst of events changed, so that it can
// redo only what they affect; the first build and a rebuild after lost
// events (a full kernel queue) still build everything.
//
// Endpoints besides the site itself:
//
//	/_serve/events     server-sent events: "hello", "reload", "errors", "building"
//	/_serve/status     JSON of the last build (see Status)
//	/_serve/client.js  the reload and overlay script
//
// Every path, the site's and these, answers only GET and HEAD (405
// otherwise), only to a Host header that names this server (421
// otherwise: localhost, the loopback addresses and the bound address, or
// any IP address when bound to 0.0.0.0 or ::; see hostPolicy), and every
// response says X-Content-Type-Options: nosniff. One wrapper, guard, does
// all three for the whole handler.
//
// The script is injected into HTML responses as they are served (before the
// last </body>); it is never written to the output folder.
package serve
