// Command api-load is the load client of scripts/api-load.sh: it sends
// the quality queries (testdata/search/queries.toml) to a running
// `generator api` from N concurrent clients for a bounded time and prints
// QPS and the p50/p99 latency, counting every answer other than 200 as an
// error.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/BurntSushi/toml"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "the api's address")
	clients := flag.Int("c", 64, "concurrent clients")
	dur := flag.Duration("d", 20*time.Second, "how long to send")
	queries := flag.String("queries", "testdata/search/queries.toml", "query set")
	flag.Parse()
	var qs struct{ Query []struct{ Text string } }
	if _, err := toml.DecodeFile(*queries, &qs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *clients}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var errs, n503 atomic.Int64
	lat := make([][]time.Duration, *clients)
	end := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for c := range *clients {
		wg.Go(func() {
			for i := c; time.Now().Before(end); i++ {
				q := qs.Query[i%len(qs.Query)].Text
				t0 := time.Now()
				resp, err := client.Get("http://" + *addr + "/api/search?q=" + url.QueryEscape(q))
				if err != nil {
					errs.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch resp.StatusCode {
				case 200:
					lat[c] = append(lat[c], time.Since(t0))
				case 503:
					n503.Add(1)
				default:
					errs.Add(1)
				}
			}
		})
	}
	start := time.Now()
	wg.Wait()
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		fmt.Println("no successful request")
		os.Exit(1)
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("clients %d, %.1f s: %d ok (%.0f QPS), %d × 503, %d errors; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
		*clients, secs, len(all), float64(len(all))/secs, n503.Load(), errs.Load(),
		ms(all[len(all)/2]), ms(all[len(all)*99/100]), ms(all[len(all)-1]))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
