// Package hostlimit compares a published output folder with the limits of
// the static hosts a government site is commonly put on (Cloudflare Pages,
// GitHub Pages, GitLab Pages) for `generator check --host`. It counts and
// measures the files really written by the last build, not a prediction:
// the search export, static files and sitemaps all count.
package hostlimit

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Host is one host's limits; zero means no such limit.
type Host struct {
	Name         string
	FreeFiles    int   // files of the free plan
	MaxFiles     int   // files of any plan
	MaxFileBytes int64 // one file
	MaxBytes     int64 // the whole site
}

const mib = 1 << 20

// Hosts are the hosts --host names, with their published limits.
var Hosts = map[string]Host{
	"cloudflare": {Name: "Cloudflare Pages", FreeFiles: 20000, MaxFiles: 100000, MaxFileBytes: 25 * mib},
	"gitlab":     {Name: "GitLab Pages", MaxFiles: 200000},
	"github":     {Name: "GitHub Pages", MaxBytes: 1 << 30},
}

// Names are the values --host takes, sorted.
func Names() []string {
	var out []string
	for k := range Hosts {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// split is what to do when a site is too large for one host's project.
const split = "把网站按地区或部门拆成几个站点分别发布（generator api 可以把多个站点合并搜索），或改用对象存储加 CDN 托管"

// Check measures the output folder dir against host's limits and returns
// a W-host warning for each limit exceeded, saying what to do. A missing
// dir is an error that says to build first.
func Check(dir, host string) ([]site.Diagnostic, error) {
	h, ok := Hosts[host]
	if !ok {
		return nil, fmt.Errorf("未知的托管平台 %q；可用：cloudflare、github、gitlab", host)
	}
	var files int
	var total int64
	var big []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		total += info.Size()
		if h.MaxFileBytes > 0 && info.Size() > h.MaxFileBytes {
			big = append(big, path)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("找不到已生成的网站 %s：请先运行 generator build，再检查托管平台的限制（或用 --dest 指向输出目录）", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取输出目录 %s：%w", dir, err)
	}
	return judge(h, dir, files, total, big), nil
}

// judge turns the measures of the output dir into warnings.
func judge(h Host, dir string, files int, total int64, big []string) []site.Diagnostic {
	var ds []site.Diagnostic
	switch {
	case h.MaxFiles > 0 && files > h.MaxFiles:
		ds = append(ds, rules.WHost.Atf(dir, 0, "网站有 %d 个文件，超过 %s 每个站点最多 %d 个文件的限制：请%s。", files, h.Name, h.MaxFiles, split))
	case h.FreeFiles > 0 && files > h.FreeFiles:
		ds = append(ds, rules.WHost.Atf(dir, 0, "网站有 %d 个文件，超过 %s 免费版最多 %d 个文件的限制（付费版 %d 个）：请升级到付费版，或%s。", files, h.Name, h.FreeFiles, h.MaxFiles, split))
	}
	for _, f := range big {
		ds = append(ds, rules.WHost.Atf(f, 0, "文件超过 %s 单个文件 %d MiB 的限制，上传会失败：请把它放到别处（例如对象存储）并在网页中链接，或拆分网站使它变小。", h.Name, h.MaxFileBytes/mib))
	}
	if h.MaxBytes > 0 && total > h.MaxBytes {
		ds = append(ds, rules.WHost.Atf(dir, 0, "网站共 %.1f MB，超过 %s 每个站点 %d GB 的限制：请%s。", float64(total)/1e6, h.Name, h.MaxBytes>>30, split))
	}
	return ds
}
