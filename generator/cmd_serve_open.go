package main

import (
	"fmt"
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
// `serve --open`. The socket already listens, so the browser's request
// waits for the first build instead of failing. When no browser can be
// started (a server without a desktop, xdg-open missing) it says so and
// serve goes on: the address is printed anyway.
func openPreview(addr string, stderr io.Writer) {
	u := browserURL(addr)
	if err := openBrowser(u); err != nil {
		fmt.Fprintf(stderr, "%v；请在浏览器中打开 %s\n", err, u)
		return
	}
	fmt.Fprintf(stderr, "正在用浏览器打开 %s\n", u)
}
