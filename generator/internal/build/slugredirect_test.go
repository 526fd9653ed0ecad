package build

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/sitefixture"
	"zhinan/generator/internal/write"
)

// TestChangedSlugRedirects: a topic whose slug changed when heteronyms
// came to be read by phrase (重新 was zhong-xin, is chong-xin) gets its page
// at the new URL, and its old URL serves a redirect page (meta refresh,
// canonical, a visible link) that nothing links to and the sitemap does
// not list. pinyin_overrides win over the phrase table.
func TestChangedSlugRedirects(t *testing.T) {
	archive := strings.Replace(sitefixture.SmallSite, `topics = ["法律服务"]`, `topics = ["法律服务", "重新申领", "乐清服务"]`, 1)
	archive = strings.Replace(archive, `language = "zh-CN"`, `language = "zh-CN"
pinyin_overrides = { "乐清" = "le qing" }`, 1)
	src := sitefixture.WriteSite(t, archive)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"topic/chong-xin-shen-ling/index.html", "topic/le-qing-fu-wu/index.html"} {
		if b, err := os.ReadFile(filepath.Join(dest, p)); err != nil || strings.Contains(string(b), "页面已迁移") {
			t.Errorf("%s: want the topic's page (err %v)", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "topic/yue-qing-fu-wu")); err == nil {
		t.Error("topic/yue-qing-fu-wu written: the override le qing should win")
	}

	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/topic/zhong-xin-shen-ling/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	for _, want := range []string{
		`<meta http-equiv="refresh" content="0; url=/topic/chong-xin-shen-ling/">`,
		`<link rel="canonical" href="https://example.gov.cn/topic/chong-xin-shen-ling/">`,
		`<a href="/topic/chong-xin-shen-ling/">重新申领</a>`,
		`<html lang="zh-CN">`,
	} {
		if resp.StatusCode != 200 || !strings.Contains(page, want) {
			t.Errorf("old URL: status %d, page lacks %s:\n%s", resp.StatusCode, want, page)
		}
	}

	// Listed nowhere: no other file names the old slug (but the build's
	// manifest, which is not served and lists every file it wrote).
	for path, data := range sitefixture.Snapshot(t, dest) {
		if path != "topic/zhong-xin-shen-ling/index.html" && path != write.Manifest && strings.Contains(string(data), "zhong-xin-shen-ling") {
			t.Errorf("%s names the old slug", path)
		}
	}
}
