package national

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"zhinan/generator/internal/atomicfile"
	"zhinan/generator/internal/site"
)

// Format is the name of the export format in `generator export --format`.
const Format = "gbt39046"

// CSVPath is the CSV written beside jsonPath: the same name with .csv for
// .json ("out/items.json" → "out/items.csv"). jsonPath must end in .json
// (any case).
func CSVPath(jsonPath string) string {
	return jsonPath[:len(jsonPath)-len(".json")] + ".csv"
}

// IsJSONPath tells whether a --dest names a .json file (any case).
func IsJSONPath(p string) bool {
	return strings.HasSuffix(strings.ToLower(p), ".json") && len(filepath.Base(p)) > len(".json")
}

// Export is `generator export --format gbt39046` once the site is
// checked: without dest the items as JSON on w; with dest the files
// (WriteFiles) and a line on w that says what was written.
func Export(w io.Writer, s *site.Site, dest string) error {
	if dest == "" {
		return WriteJSON(w, Items(s))
	}
	n, err := WriteFiles(s, dest)
	if err == nil {
		_, err = fmt.Fprintf(w, "已导出 %d 个事项（GB/T 39046 要素）→ %s、%s\n", n, dest, CSVPath(dest))
	}
	return err
}

// CheckDest refuses a --dest that does not end in .json or is a folder,
// with what to write instead; it accepts none ("": JSON on stdout).
func CheckDest(dest string) error {
	if dest == "" {
		return nil
	}
	if !IsJSONPath(dest) {
		return fmt.Errorf("--dest %s 应当是以 .json 结尾的文件名：同名的 .csv 写在它旁边。", dest)
	}
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		return fmt.Errorf("--dest %s 是一个文件夹：请给出要写入的 .json 文件名。", dest)
	}
	return nil
}

// WriteFiles writes the items of s as JSON to jsonPath and as CSV to
// CSVPath(jsonPath), each through a temporary file in the same folder
// that replaces the file only once it is complete, so a failed export
// leaves a previous one as it was. It returns how many items it wrote.
func WriteFiles(s *site.Site, jsonPath string) (int, error) {
	items := Items(s)
	if err := writeAtomic(jsonPath, func(w io.Writer) error { return WriteJSON(w, items) }); err != nil {
		return 0, err
	}
	if err := writeAtomic(CSVPath(jsonPath), func(w io.Writer) error { return WriteCSV(w, items) }); err != nil {
		return 0, err
	}
	return len(items), nil
}

// writeAtomic writes a file through a temporary file beside it
// (atomicfile.Write), with a message that names it.
func writeAtomic(path string, write func(w io.Writer) error) error {
	err := atomicfile.Write(path, write)
	var ce *atomicfile.CreateError
	switch {
	case errors.As(err, &ce):
		return fmt.Errorf("无法写入 %s：%w", path, err)
	case err != nil:
		return fmt.Errorf("写入 %s 失败：%w", path, err)
	}
	return nil
}
