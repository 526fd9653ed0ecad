// Package openurl opens a web address in the user's default browser, the
// way each operating system does it: xdg-open on Linux and the other
// Unix desktops, open on macOS, and on Windows
// `rundll32 url.dll,FileProtocolHandler URL`, which (unlike `cmd /c start`)
// passes the address to the browser without a shell that would read & in
// it. `generator serve --open` uses it, and only on request.
package openurl

import (
	"fmt"
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
