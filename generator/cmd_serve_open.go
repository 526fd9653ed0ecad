package main

import (
	"fmt"
	"io"
	"net"

	"zhinan/generator/internal/openurl"
)

// openBrowser opens a web address in the default browser (openurl.Open);
// tests replace it so that no browser starts.
var openBrowser = defaultOpenBrowser

// defaultOpenBrowser is what openBrowser is outside tests.
var defaultOpenBrowser = openurl.Open

// browserURL is the address a browser on this computer opens for a server
// listening on addr ("127.0.0.1:1313", "0.0.0.0:1313", "[::]:1313"): an
// unspecified address (all interfaces) is not one a browser can open, and
// on Windows 0.0.0.0 does not even reach this computer, so it becomes
// 127.0.0.1, which serve always answers. Go listens on both IPv4 and IPv6
// for an unspecified address (--bind 0.0.0.0 is reported as "[::]:1313"),
// so 127.0.0.1 reaches it either way.
func browserURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

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
