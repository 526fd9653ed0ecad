//go:build unix

package api

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain runs the server in a child process for TestSIGTERM when
// ZHINAN_API_CHILD names a site: as `generator api` does, until SIGTERM.
func TestMain(m *testing.M) {
	if site := os.Getenv("ZHINAN_API_CHILD"); site != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		s, err := New(Options{Sites: []string{site}})
		if err == nil {
			err = s.Run(ctx)
		}
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSIGTERM: a server process answers, then on SIGTERM stops taking
// connections, closes its indexes, logs that it stopped and exits 0.
func TestSIGTERM(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ZHINAN_API_CHILD="+samplePub(t))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var addr string
	for addr == "" && lines.Scan() {
		var rec struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &rec) == nil && rec.Msg == "api listening" {
			addr = rec.Addr
		}
	}
	if addr == "" {
		cmd.Process.Kill()
		t.Fatalf("the child never said where it listens")
	}
	if n, err := searchTotal(addr, "律师"); err != nil || n == 0 {
		t.Fatalf("before SIGTERM: %d, %v", n, err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v; want exit 0", err)
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the server did not stop within 60 s of SIGTERM")
	}
	log := strings.Join(rest, "\n")
	if !strings.Contains(log, `"msg":"api shutting down"`) || !strings.Contains(log, `"msg":"api stopped"`) {
		t.Errorf("the log after SIGTERM does not say it shut down:\n%s", log)
	}
}
