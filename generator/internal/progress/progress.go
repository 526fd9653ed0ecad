// Package progress reports a build's stages as it goes: each stage with
// its count and the time since the build started.
package progress

import (
	"fmt"
	"io"
	"os"
	"time"

	"zhinan/generator/internal/build"
)

// New returns a progress reporter that prints each build stage with
// its count and the time since the build started. On a terminal the line
// is rewritten in place; otherwise (CI logs, pipes) each stage is a plain
// line of its own.
func New(w io.Writer) func(stage build.Stage, count int) {
	start := time.Now()
	tty := isTerminal(w)
	return func(stage build.Stage, count int) {
		elapsed := time.Since(start).Round(time.Millisecond)
		msg := stage.String()
		if count > 0 {
			msg = fmt.Sprintf("%s（%d）", stage, count)
		}
		if tty {
			fmt.Fprintf(w, "\r\033[K%s … %s", msg, elapsed)
			if stage == build.StageDone {
				fmt.Fprintln(w)
			}
			return
		}
		fmt.Fprintf(w, "%s … %s\n", msg, elapsed)
	}
}

// isTerminal tells whether w is a terminal, where a line can be rewritten.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
