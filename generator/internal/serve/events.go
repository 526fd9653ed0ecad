package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// message is one server-sent event.
type message struct {
	event string
	data  string
}

// broker fans events out to the connected pages. A page that cannot keep
// up is disconnected; its EventSource reconnects and receives the current
// state in a "hello" event, so it misses nothing that matters.
type broker struct {
	mu      sync.Mutex
	clients map[chan message]bool
}

func newBroker() *broker { return &broker{clients: map[chan message]bool{}} }

func (b *broker) subscribe() chan message {
	ch := make(chan message, 16)
	b.mu.Lock()
	b.clients[ch] = true
	b.mu.Unlock()
	return ch
}

func (b *broker) unsubscribe(ch chan message) {
	b.mu.Lock()
	if b.clients[ch] {
		delete(b.clients, ch)
		close(ch)
	}
	b.mu.Unlock()
}

// send delivers an event to every connected page without blocking.
func (b *broker) send(event, data string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		select {
		case ch <- message{event, data}:
		default:
			delete(b.clients, ch)
			close(ch)
		}
	}
}

// closeAll ends every event stream (when the server stops).
func (b *broker) closeAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		delete(b.clients, ch)
		close(ch)
	}
}

// serveEvents is /_serve/events: first a "hello" event with the state of
// the last build (so a page that connects after a rebuild it missed
// reloads or shows the overlay at once), then "building", "reload" and
// "errors" events as builds happen, and a comment every 15 s to keep
// proxies from closing the connection.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return // the headers only; a stream has no end to wait for
	}

	ch := s.broker.subscribe()
	defer s.broker.unsubscribe(ch)

	st := s.Status()
	hello := map[string]any{"build": st.Build, "ok": st.OK, "error": st.Error, "diagnostics": st.Diagnostics}
	fmt.Fprintf(w, "retry: 1000\n\n")
	writeEvent(w, message{"hello", mustJSON(hello)})
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, m)
		case <-ping.C:
			fmt.Fprintf(w, ": ping\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes one event; data is a single line of JSON.
func writeEvent(w http.ResponseWriter, m message) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, m.data)
}

// serveStatus is /_serve/status: the Status of the last build as JSON.
func (s *Server) serveStatus(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(s.Status())
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of strings, bools and Diagnostics are passed
	}
	return string(b)
}
