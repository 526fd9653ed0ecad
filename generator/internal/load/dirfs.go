package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// The errors of a site folder read through DirFS, beside fs.ErrNotExist
// and the like. Callers test them with errors.Is and turn them into
// diagnostics that name the file (see readProblem).
var (
	// ErrOutsideSite: a symbolic link leads out of the folder it is in
	// (content/, static/ or layouts/; the site folder for other names), or
	// is an absolute link.
	ErrOutsideSite = errors.New("符号链接指向所在文件夹之外，或使用了绝对路径")
	// ErrNotRegular: a named pipe, device or socket, which is never read
	// (a pipe would block the build forever, /dev/zero would never end).
	ErrNotRegular = errors.New("不是普通文件（命名管道、设备或套接字）")
	// ErrTooLarge: a guide file larger than MaxGuideSize (a
	// *SizeError says how large).
	ErrTooLarge = fmt.Errorf("文件超过 %d MB", MaxGuideSize>>20)
)

// scopedFolders are the folders of a site whose files may only lead to
// files inside the same folder: a symbolic link in static/ to
// ../config.toml would publish the config.
var scopedFolders = []string{ContentDir, StaticDir, "layouts"}

// DirFS returns the site folder dir as an fs.FS that reads only what is
// inside the site, the same for build, check and serve:
//
//   - a name under content/, static/ or layouts/ resolves inside that
//     folder, any other name (config.toml) inside dir: a symbolic link may
//     lead elsewhere in the same folder by a relative path, and any other
//     link gets ErrOutsideSite;
//   - ReadFile reads regular files only (ErrNotRegular otherwise, without
//     blocking on a named pipe);
//   - the three folders are opened once, when first used: a DirFS sees a
//     folder that is deleted and made anew only through a new DirFS.
//
// On Linux, ReadFile is one openat2 call with RESOLVE_BENEATH, then
// fstat, read and close: the checks cost no extra system call.
func DirFS(dir string) fs.FS {
	return &siteFS{dir: dir, scopes: map[string]*scope{}}
}

type siteFS struct {
	dir    string
	mu     sync.Mutex
	scopes map[string]*scope // "" is the site folder itself
}

// scope is one folder that names resolve inside.
type scope struct {
	root *os.Root
	fast fastDir  // the folder for readFast; zero where there is none
	subs sync.Map // folder below fast → its fastDir, for StatFile
}

// scopeOf splits name into the folder it must stay in and the rest.
func scopeOf(name string) (folder, rest string) {
	first, after, _ := strings.Cut(name, "/")
	for _, f := range scopedFolders {
		if first == f {
			if after == "" {
				after = "."
			}
			return f, after
		}
	}
	return "", name
}

// open returns the scope of folder ("" for the site), opening it once.
func (s *siteFS) open(folder string) (*scope, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sc := s.scopes[folder]; sc != nil {
		return sc, nil
	}
	var sc *scope
	if folder == "" {
		root, err := os.OpenRoot(s.dir)
		if err != nil {
			return nil, err
		}
		sc = &scope{root: root, fast: openFastDir(s.dir)}
	} else {
		site := s.scopes[""]
		if site == nil {
			s.mu.Unlock()
			_, err := s.open("")
			s.mu.Lock()
			if err != nil {
				return nil, err
			}
			site = s.scopes[""]
		}
		root, err := site.root.OpenRoot(folder)
		if err != nil {
			return nil, outside(err)
		}
		sc = &scope{root: root, fast: site.fast.sub(folder)}
	}
	s.scopes[folder] = sc
	return sc, nil
}

// resolve returns the scope and name inside it for a name of the site.
func (s *siteFS) resolve(op, name string) (*scope, string, error) {
	if !fs.ValidPath(name) {
		return nil, "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	folder, rest := scopeOf(name)
	sc, err := s.open(folder)
	if err != nil {
		return nil, "", &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
	}
	return sc, rest, nil
}

// ReadFile implements fs.ReadFileFS; see DirFS.
func (s *siteFS) ReadFile(name string) ([]byte, error) { return s.readFile(name, -1) }

// readFile reads a regular file of at most max bytes (no limit when max
// is negative).
func (s *siteFS) readFile(name string, max int64) ([]byte, error) {
	sc, rest, err := s.resolve("read", name)
	if err != nil {
		return nil, err
	}
	data, err := sc.fast.read(rest, max)
	if errors.Is(err, errNoFastPath) {
		data, err = readInRoot(sc.root, rest, max)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: outside(unwrapPath(err))}
	}
	return data, nil
}

// readInRoot reads a regular file through an os.Root, refusing anything
// else before it opens it (opening a named pipe would block).
func readInRoot(root *os.Root, name string, max int64) ([]byte, error) {
	fi, err := root.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return nil, errors.New("是文件夹")
		}
		return nil, ErrNotRegular
	}
	if max >= 0 && fi.Size() > max {
		return nil, &SizeError{Size: fi.Size()}
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if max >= 0 {
		r = io.LimitReader(f, max+1)
	}
	data, err := io.ReadAll(r)
	if err == nil && max >= 0 && int64(len(data)) > max {
		return nil, &SizeError{Size: int64(len(data))}
	}
	return data, err
}

// Open implements fs.FS. Files that are not regular files or folders are
// refused, as by ReadFile.
func (s *siteFS) Open(name string) (fs.File, error) {
	sc, rest, err := s.resolve("open", name)
	if err != nil {
		return nil, err
	}
	fi, err := sc.root.Stat(rest)
	if err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		err = ErrNotRegular
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: outside(unwrapPath(err))}
	}
	return sc.root.Open(rest)
}

// Stat implements fs.StatFS, following links that stay inside.
func (s *siteFS) Stat(name string) (fs.FileInfo, error) {
	sc, rest, err := s.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := sc.root.Stat(rest)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: outside(unwrapPath(err))}
	}
	return fi, nil
}

// StatFile is fs.Stat for a pass over many files of fsys in a row (the
// build's guide cache stats every guide file): through a DirFS on Linux,
// it keeps each folder open and stats a regular file with one fstatat
// (os.Root opens and closes the folder for every name), so a folder
// renamed while the pass runs may answer for its old name. Links, errors
// and other file systems get fs.Stat.
func StatFile(fsys fs.FS, name string) (fs.FileInfo, error) {
	s, ok := fsys.(*siteFS)
	if !ok {
		return fs.Stat(fsys, name)
	}
	sc, rest, err := s.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	dir, base := path.Split(rest)
	d := sc.fast
	if dir = strings.TrimSuffix(dir, "/"); dir != "" {
		v, ok := sc.subs.Load(dir)
		if !ok {
			v, _ = sc.subs.LoadOrStore(dir, sc.fast.sub(dir))
		}
		d = v.(fastDir)
	}
	if fi, err := d.lstat(base); err == nil {
		return fi, nil
	}
	return s.Stat(name)
}

// ReadDir implements fs.ReadDirFS; entries that are links are reported as
// links, not followed. Once the folder's scope is open (which refuses a
// content/ that links out of the site), listing goes through os.DirFS:
// os.Root's ReadDir stats every entry, 10,000 system calls more at 10,000
// guides, where getdents already gives the types. fs.WalkDir descends
// only into real folders, so a listing never crosses a link.
func (s *siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, _, err := s.resolve("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(os.DirFS(s.dir), name)
}

// unwrapPath returns the error inside a *fs.PathError, so that the
// error this package returns names the site's path, not os.Root's.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// outside turns os.Root's "path escapes from parent" (which it does not
// export) and openat2's EXDEV into ErrOutsideSite.
func outside(err error) error {
	if err != nil && (err.Error() == "path escapes from parent" || isCrossDevice(err)) {
		return ErrOutsideSite
	}
	return err
}

// SizeError is a file over the size limit, with its size.
type SizeError struct{ Size int64 }

func (e *SizeError) Error() string        { return fmt.Sprintf("%v（%d 字节）", ErrTooLarge, e.Size) }
func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// readGuide reads a guide file of at most MaxGuideSize bytes.
func readGuide(fsys fs.FS, name string) ([]byte, error) {
	if s, ok := fsys.(*siteFS); ok {
		return s.readFile(name, MaxGuideSize)
	}
	data, err := fs.ReadFile(fsys, name)
	if err == nil && len(data) > MaxGuideSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &SizeError{Size: int64(len(data))}}
	}
	return data, err
}

// Where returns the folder a site path must stay in, for messages:
// "content/", "static/", "layouts/" or "网站目录".
func Where(name string) string {
	if folder, _ := scopeOf(path.Clean(name)); folder != "" {
		return folder + "/"
	}
	return "网站目录"
}
