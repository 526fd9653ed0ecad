package version

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// Executable is the SHA-256, in hex, of the running binary's file, read
// once: what the caches and manifests that a build keeps for the next one
// are keyed by, because a binary built from other code may write other
// bytes for the same input. "" when the file cannot be read; a caller
// then reuses nothing.
func Executable() string { return executable() }

var executable = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})
