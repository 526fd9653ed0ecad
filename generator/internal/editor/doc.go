// Package editor is the form editor of `generator serve`, served under
// /edit/ beside the live preview (it implements serve.Editor; package
// main only hands it to the server).
//
//   - GET /edit/ lists the site's guides, with a search box, a filter by
//     department and one for guides that need attention (errors, 待填写),
//     and a "new guide" wizard (POST /edit/_new): blank, as `generator new`
//     writes it, or the local implementation of a standard item, which
//     writes `extends` and inherits the rest.
//   - GET /edit/<code> is a form of every key of the guide format
//     (Groups), grouped as the page shows them, with the body.
//   - POST /edit/<code>/check returns, as JSON, what the build's own
//     check (build.CheckFS, on the site with the would-be file laid over
//     it) says about the file the form would save, mapped to form fields;
//     the page's script calls it as the editor types.
//   - POST /edit/<code>/save writes that file through frontedit.Rewrite
//     (the minimal edit `import` uses), atomically and only inside
//     content/, when it has no error and the file on disk is still the
//     one the form was opened from (HashField); else it refuses.
//
// The pages are server-rendered HTML that works without JavaScript; a
// small script (assets/editor.js) adds add/remove/reorder of the arrays'
// elements, the live check and saving in place. Nothing is loaded from
// outside the server. The server's guard admits a POST only with the
// process's token and from the same origin, so the handlers need not
// check either.
package editor
