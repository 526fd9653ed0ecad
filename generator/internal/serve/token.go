package serve

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
)

// maxPostBytes bounds the body of an editor POST: a guide is a few
// kilobytes, load.MaxGuideSize is 4 MiB.
const maxPostBytes = 8 << 20

// crossOrigin is the standard library's same-origin check of unsafe
// requests: Sec-Fetch-Site must be same-origin (or none), else an Origin
// header must name the Host the request was sent to.
var crossOrigin = http.NewCrossOriginProtection()

// newToken makes the write token of a server process: 32 random bytes.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// writeAllowed decides whether a POST to the editor may go on: it must
// come from a page of this server (crossOrigin) and carry the token of
// this process, in TokenHeader or the form field TokenField. It returns
// 0 when it may, else the status and the reason in Chinese. It also
// bounds the body to maxPostBytes.
func (s *Server) writeAllowed(w http.ResponseWriter, r *http.Request) (int, string) {
	if err := crossOrigin.Check(r); err != nil {
		return http.StatusForbidden, "拒绝写入：请求来自其他网站（跨源请求）。只有本机预览服务器上的编辑页面可以保存。"
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPostBytes)
	got := r.Header.Get(TokenHeader)
	if got == "" {
		got = r.PostFormValue(TokenField)
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
		return http.StatusForbidden, "拒绝写入：缺少或错误的会话令牌。请重新打开编辑页面（预览服务器重启后，旧页面不能再保存）。"
	}
	return 0, ""
}
