#!/usr/bin/env bash
# Load test of `generator api` on 127.0.0.1: builds the generator, starts
# `generator api --site SITE`, sends the quality queries from 64 clients
# for 20 s (scripts/api-load/main.go) and prints QPS, p50/p99 latency and
# the server's resident memory (current and peak) at the end.
#
#   scripts/api-load.sh SITE_OUTPUT [clients] [seconds] [max-concurrent]
#
# e.g. generator corpus --n 100000 --seed 1 --dest /tmp/c100k
#      generator build --source /tmp/c100k
#      scripts/api-load.sh /tmp/c100k/public
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:?usage: scripts/api-load.sh SITE_OUTPUT [clients] [seconds] [max-concurrent]}
clients=${2:-64}
secs=${3:-20}
conc=${4:-64}
bin=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$bin"' EXIT
go build -o "$bin/generator" ./generator
go build -o "$bin/api-load" ./scripts/api-load
port=18480
"$bin/generator" api --site "$site" --port "$port" --max-concurrent "$conc" 2>"$bin/log" &
pid=$!
for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
grep -E 'VmRSS' /proc/$pid/status | sed 's/^/after start: /'
"$bin/api-load" -addr "127.0.0.1:$port" -c "$clients" -d "${secs}s"
grep -E 'VmRSS|VmHWM' /proc/$pid/status
kill -TERM "$pid"; wait "$pid" || true
