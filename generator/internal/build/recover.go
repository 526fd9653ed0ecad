package build

import (
	"context"
	"fmt"
)

// RunRecovering is Run, with a panic (in a library: bleve on a full disk
// did) turned into an error: the deferred clean-up of the stage has run
// by then, so nothing is left behind, and the command exits with the
// failure code and a plain message instead of a stack trace.
func RunRecovering(ctx context.Context, opts Options) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("内部错误（%v）；请把这条消息报告给开发者", p)
		}
	}()
	return Run(ctx, opts)
}
