//go:build unix

package main

import (
	"bytes"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"zhinan/generator/internal/sitefixture"
)

// `serve --open` asks the browser to open the preview's address, once,
// and that address answers with the home page; without --open nothing is
// opened. The server is stopped as Ctrl+C stops it (SIGINT).
func TestCLIServeOpen(t *testing.T) {
	for _, open := range []bool{true, false} {
		src := sitefixture.WriteSite(t, sitefixture.SmallSite)
		opened := make(chan string, 2)
		openBrowser = func(u string) error { opened <- u; return nil }
		t.Cleanup(func() { openBrowser = defaultOpenBrowser })
		args := []string{"serve", "--source", src, "--port", "0"}
		if open {
			args = append(args, "--open")
		}
		var stdout, stderr bytes.Buffer
		done := make(chan int)
		go func() { done <- run(append(args, "--bind", "0.0.0.0"), &stdout, &stderr) }()
		select {
		case u := <-opened:
			if !open {
				t.Fatalf("without --open the browser was asked for %s", u)
			}
			if !strings.HasPrefix(u, "http://127.0.0.1:") {
				t.Errorf("--open with --bind 0.0.0.0 opened %s", u)
			}
			resp, err := http.Get(u)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s: %v %v", u, resp, err)
			} else {
				resp.Body.Close()
			}
		case <-time.After(2 * time.Second):
			if open {
				t.Fatal("--open opened nothing")
			}
		}
		syscall.Kill(syscall.Getpid(), syscall.SIGINT)
		if code := <-done; code != exitOK {
			t.Fatalf("serve: exit %d\n%s", code, stderr.String())
		}
		if open != strings.Contains(stderr.String(), "正在用浏览器打开 http://127.0.0.1:") {
			t.Errorf("stderr:\n%s", stderr.String())
		}
	}
}
