// Package sitefixture helps tests build whole sites on disk: a site written
// from a txtar archive, a snapshot of an output folder, and the small
// site most whole-site tests start from. Only tests import it.
package sitefixture

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// WriteSite writes a txtar archive of a site into a new temp folder.
func WriteSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Snapshot reads every file under dir into a map of relative path → bytes.
func Snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// SameTree compares two snapshots; it names a differing file.
func SameTree(a, b map[string][]byte) (string, bool) {
	if len(a) != len(b) {
		return "file count differs", false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return k, false
		}
	}
	return "", true
}

// SmallSite is a valid site of a few guides: a standard guide and a local
// one extending it, a five-star guide, a draft, a form under static/.
const SmallSite = `
-- config.toml --
title = "测试站点"
base_url = "https://example.gov.cn/"
language = "zh-CN"

[targets]
one_visit_share = 0.95
five_star_share = 0.10
three_four_star_share = 0.85

[[regions]]
name = "浙江省"
code = "330000"

[[regions]]
name = "舟山市"
code = "330900"
parent = "浙江省"

[[departments]]
name = "省司法厅"
region = "浙江省"

[[departments]]
name = "舟山市司法局"
region = "舟山市"
-- content/sfj/lawfirm.md --
+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
audience = ["法人"]
topics = ["法律服务"]
keywords = ["开律所"]
updated = 2017-03-10

[service]
star = 4
visits = 1
mode = "网上申报、信任在先、办结核验"
online_url = "https://example.gov.cn/apply/1"

[time]
legal_days = 30
promised_days = 15

[fee]
charged = false

[[materials]]
name = "律师事务所设立申请书"
source = "申请人自备"
template = "forms/app.docx"

[[locations]]
name = "杭州市民中心"
address = "杭州市上城区解放东路18号"
hours = "工作日 9:00-17:00"
phone = "0571-87000000"

[contact]
consult = ["0571-87000000", "12348"]
+++

## 申请条件

1. 有自己的名称、住所和章程；<script>alert(1)</script>
-- content/zhoushan/lawfirm.md --
+++
code = "330900-SF-XK-0001"
extends = "330000-SF-XK-0001"
department = "舟山市司法局"
region = "舟山市"
updated = 2018-01-01

[[locations]]
name = "舟山市行政服务中心"
address = "舟山市新城"
hours = "工作日 9:00-17:00"
phone = "0580-2281234"

[contact]
consult = ["0580-2281234"]
+++
-- content/sfj/aid.md --
+++
code = "330000-SF-GG-0002"
title = "法律援助申请"
department = "省司法厅"
region = "浙江省"
updated = 2020-05-01

[service]
star = 5
visits = 0
online_url = "https://example.gov.cn/aid"

[time]
legal_days = 7
promised_days = 3

[[materials]]
name = "法律援助申请表"
source = "申请人自备"

[contact]
consult = ["12348"]
+++
法律援助正文。
-- content/sfj/draft.md --
+++
code = "330000-SF-XK-0099"
title = "草稿事项"
department = "省司法厅"
region = "浙江省"
draft = true
updated = 2020-05-01

[service]
star = 3
visits = 1

[[locations]]
name = "窗口"
address = "某地"

[contact]
consult = ["12348"]
+++
-- static/forms/app.docx --
blank form
`

// Manifest is a checksum of every file and link under dir (links by
// their target, not followed), so that a test can tell that nothing
// under dir changed: not a byte, not a file more or less.
func Manifest(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			lines = append(lines, rel+" -> "+l)
		case fi.Mode()&os.ModeNamedPipe != 0:
			lines = append(lines, rel+" (fifo)")
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(data)))
		case fi.IsDir():
			lines = append(lines, rel+"/")
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
