package main

import (
	"io"

	"zhinan/generator/internal/openurl"
)

// openBrowser opens a web address in the default browser (openurl.Open);
// tests replace it so that no browser starts.
var openBrowser = defaultOpenBrowser

// defaultOpenBrowser is what openBrowser is outside tests.
var defaultOpenBrowser = openurl.Open

// browserURL is the address a browser opens for a server on addr
// (openurl.BrowserURL).
var browserURL = openurl.BrowserURL

// openPreview opens the preview served at addr in the browser for
// `serve --open` (openurl.Announce: serve goes on when none starts).
func openPreview(addr string, stderr io.Writer) {
	openurl.Announce(browserURL(addr), openBrowser, stderr)
}
