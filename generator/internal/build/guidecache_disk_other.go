//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// Elsewhere than on Linux the guide cache lives only in the preview's
// memory: builds decode every guide.

func fileIdentity(fs.FileInfo) (uint64, int64, bool) { return 0, 0, false }

func mapFile(*os.File, int64) ([]byte, func(), error) { return nil, nil, os.ErrInvalid }

func lockFile(*os.File) bool { return false }

const guideCacheOnDisk = false
