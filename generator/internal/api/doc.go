// Package api is `generator api`: a read-only HTTP server that answers
// /api/search and /api/suggest from the prebuilt search indexes of one or
// more published sites, for other systems (a hotline console, an app, a
// portal searching every city's site at once).
//
// The search itself is package search's: /api/search is search.HandlerWith,
// the preview's handler, so the JSON shape is one type in one place, and
// several sites are one search.OpenAll alias with one ranking. This package
// adds what a production server needs around it:
//
//   - limits: query length and page size (400 with a JSON reason), time per
//     query (503), and concurrent searches (503 with Retry-After when
//     saturated, at once rather than queued);
//   - /healthz, JSON errors for every path, GET and HEAD only;
//   - an access log as JSON lines (log/slog) without the client's address
//     or the query string;
//   - graceful shutdown when its context ends (SIGTERM, SIGINT);
//   - republishing: it polls each site's search/ folder; when a build has
//     swapped a new output in (a new folder, so a new identity), it opens
//     the new indexes, swaps them in atomically and closes the old ones
//     once the searches still using them have finished. No request fails.
//
// The server keeps no state of its own: the index is the artifact, so any
// number of replicas can run behind a reverse proxy.
package api
