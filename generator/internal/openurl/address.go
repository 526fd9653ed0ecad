package openurl

import "net"

// BrowserURL is the address a browser on this computer opens for a server
// listening on addr ("127.0.0.1:1313", "0.0.0.0:1313", "[::]:1313"): an
// unspecified address (all interfaces) is not one a browser can open, and
// on Windows 0.0.0.0 does not even reach this computer, so it becomes
// 127.0.0.1, which serve always answers. Go listens on both IPv4 and IPv6
// for an unspecified address (--bind 0.0.0.0 is reported as "[::]:1313"),
// so 127.0.0.1 reaches it either way.
func BrowserURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
