//go:build !linux

package load

import (
	"errors"
	"io/fs"
)

// errNoFastPath sends every read to os.Root, which makes the same checks
// as the Linux fast path with a few more system calls.
var errNoFastPath = errors.New("no fast path")

type fastDir struct{}

func openFastDir(string) fastDir                   { return fastDir{} }
func (fastDir) sub(string) fastDir                 { return fastDir{} }
func (fastDir) read(string, int64) ([]byte, error) { return nil, errNoFastPath }
func isCrossDevice(error) bool                     { return false }
func (fastDir) lstat(string) (fs.FileInfo, error)  { return nil, errNoFastPath }
