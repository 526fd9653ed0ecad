// Package openurl opens a web address in the user's default browser, the
// way each operating system does it: xdg-open on Linux and the other
// Unix desktops, open on macOS, and on Windows
// `rundll32 url.dll,FileProtocolHandler URL`, which (unlike `cmd /c start`)
// passes the address to the browser without a shell that would read & in
// it. `generator serve --open` uses it, and only on request.
package openurl

import (
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
)

// Command is the program and arguments that open url on the system goos
// (a runtime.GOOS value).
func Command(goos, url string) []string {
	switch goos {
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", url}
	case "darwin", "ios":
		return []string{"open", url}
	default:
		return []string{"xdg-open", url}
	}
}

// Open starts the browser on url, on this system, and returns without
// waiting for it (the opener is reaped in the background). Only http and
// https addresses are opened: the address goes to a program that would
// also open files.
func Open(url string) error {
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return fmt.Errorf("只能打开 http 或 https 地址，不是 %q", url)
	}
	args := Command(runtime.GOOS, url)
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("无法用 %s 打开浏览器：%w", args[0], err)
	}
	go cmd.Wait()
	return nil
}

// Announce opens u with open and says so on stderr. The socket already
// listens, so the browser's request waits for the first build instead of
// failing. When no browser can be started (a server without a desktop,
// xdg-open missing) it says so and the caller goes on: the address is
// printed anyway.
func Announce(u string, open func(string) error, stderr io.Writer) {
	if err := open(u); err != nil {
		fmt.Fprintf(stderr, "%v；请在浏览器中打开 %s\n", err, u)
		return
	}
	fmt.Fprintf(stderr, "正在用浏览器打开 %s\n", u)
}
