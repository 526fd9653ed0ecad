package serve

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// guard wraps the whole handler, so that no endpoint can forget it:
//
//   - every response, whatever answers it (pages, 404, redirects,
//     /_serve/*, Options.Handlers, errors), says
//     X-Content-Type-Options: nosniff;
//   - a request whose Host is not an address of this server gets 421
//     (see hostPolicy): a web page elsewhere cannot read the preview
//     through DNS rebinding;
//   - only GET and HEAD are answered, on every path; anything else gets
//     405 with Allow: GET, HEAD. The one exception is POST under
//     EditPrefix when an Editor is configured, and then only a POST that
//     passes writeAllowed (same origin, this process's token): a page on
//     another site cannot write files through the editor.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if !s.hosts.allows(r.Host) {
			http.Error(w, "拒绝访问：请求的主机名不是本预览服务器的地址。请打开 "+s.URL(), http.StatusMisdirectedRequest)
			return
		}
		if r.Method == http.MethodPost && s.edit != nil && strings.HasPrefix(r.URL.Path, EditPrefix) {
			if status, msg := s.writeAllowed(w, r); status != 0 {
				http.Error(w, msg, status)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "只支持 GET 和 HEAD 请求", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostPolicy decides which Host headers the preview answers, whatever
// their port. DNS rebinding needs a DNS name that the attacker controls
// to point at this computer, so names are what it restricts:
//
//   - "localhost" is always accepted, and so are the loopback addresses
//     127.0.0.1 and [::1];
//   - bound to one address (the default 127.0.0.1, or --bind 192.168.1.5),
//     that address is accepted too, and the --bind value as written when
//     it is a name (--bind myhost.lan); any other address or name is
//     refused;
//   - bound to every interface (--bind 0.0.0.0 or ::), any IP address
//     is accepted (an address typed in the address bar cannot be
//     rebound, and the machine may have many), but still no DNS name
//     other than localhost and the --bind value: to reach the preview
//     from another computer, use this computer's IP address.
type hostPolicy struct {
	anyIP bool
	ips   map[netip.Addr]bool
	names map[string]bool
}

// newHostPolicy is the policy of a server started with --bind bind and
// listening on addr.
func newHostPolicy(bind string, addr net.Addr) hostPolicy {
	p := hostPolicy{
		ips: map[netip.Addr]bool{
			netip.MustParseAddr("127.0.0.1"): true,
			netip.MustParseAddr("::1"):       true,
		},
		names: map[string]bool{"localhost": true},
	}
	if ip, err := netip.ParseAddr(strings.Trim(bind, "[]")); err == nil {
		p.ips[ip.Unmap().WithZone("")] = true
	} else if name := normalHost(bind); name != "" {
		p.names[name] = true
	}
	if tcp, ok := addr.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(tcp.IP); ok {
			ip = ip.Unmap()
			if ip.IsUnspecified() {
				p.anyIP = true
			}
			p.ips[ip] = true
		}
	}
	return p
}

// allows reports whether a request with this Host header is answered.
func (p hostPolicy) allows(hostHeader string) bool {
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = strings.TrimPrefix(strings.TrimSuffix(host, "]"), "[")
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap().WithZone("")
		return p.anyIP || p.ips[ip]
	}
	name := normalHost(host)
	return name != "" && p.names[name]
}

// normalHost is a host name in lower case without the trailing dot of a
// fully qualified name ("LocalHost." → "localhost").
func normalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}
