#!/usr/bin/env bash
# Shows that a build's peak memory grows no faster than the site: builds
# synthetic corpora of each size given (default 1000 10000 100000) and
# prints the peak resident memory (maximum RSS, from /usr/bin/time) of
# `generator build`, and that peak per 1,000 guides. Growth is linear or
# better when the figure per 1,000 guides does not rise with the size; the
# script says so on its last line and exits 1 when it rises by more than
# 10 % from one size to the next.
#
#   scripts/memory.sh                      # 1k, 10k, 100k; full builds (search included)
#   scripts/memory.sh 1000 10000           # some sizes
#   scripts/memory.sh 1000 10000 100000 1000000   # to a million, on demand (below)
#   SHAPE=long scripts/memory.sh           # the other corpus shape (corpus --shape long)
#   NO_SEARCH=1 scripts/memory.sh          # pages only
#   SITE_10000=/root/zb/c10k SITE_100000=/root/zb/c100k scripts/memory.sh
#
# A corpus of N guides is `generator corpus --n N --seed 1 --shape SHAPE`
# (SHAPE standard by default; long uses seed 2), made once under
# $BENCH_DIR/site-N (site-long-N for the long shape; default
# /tmp/zhinan-bench, shared with bench.sh) unless SITE_N names an existing
# one. Outputs go to $BENCH_DIR/out-N and are removed afterwards. GOGC and
# GOMEMLIMIT are unset, so the build's own memory policy
# (generator/internal/memlimit) is what is measured.
#
# A million guides is not in the default run: its corpus takes about 1 min
# and 4 GB on disk (standard shape; the long shape more), its output with
# search 34 GB more and the search batch cache beside it 9.6 GB (measured
# 2026-12-05), its build 18 minutes of an idle 2-core machine and 11 GB of
# memory. Give it explicitly, with some 50 GB of disk and the time.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
dir=${BENCH_DIR:-/tmp/zhinan-bench}
flag=; mode=full
[ -n "${NO_SEARCH:-}" ] && { flag=--no-search; mode=pages; }
shape=${SHAPE:-standard}
case $shape in
  standard) seed=1; prefix=site ;;
  long) seed=2; prefix=site-long ;;
  *) echo "SHAPE must be standard or long, not $shape" >&2; exit 2 ;;
esac
unset GOGC GOMEMLIMIT
mkdir -p "$dir"
go build -o "$dir/generator" ./generator
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; $(go version); load $(cut -d' ' -f1-3 /proc/loadavg); corpus shape $shape"
printf '%-8s %-6s %8s %8s %8s %12s %16s %9s\n' guides mode wall_s user_s sys_s peak_rss_MB MB_per_1k_guides files
status=0
previous=
for n in "${sizes[@]}"; do
  var="SITE_$n"
  src=${!var:-$dir/$prefix-$n}
  [ -f "$src/config.toml" ] || "$dir/generator" corpus --n "$n" --seed "$seed" --shape "$shape" --dest "$src" >/dev/null
  out="$dir/out-$n"
  rm -rf "$out"
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$dir/generator" build --source "$src" --dest "$out" --quiet $flag
  files=$(find "$out" -type f | wc -l)
  # The output, and what the build keeps beside it (the search batch
  # cache, 9.6 GB at a million guides, and the kept previous output).
  rm -rf "$out" "$dir/.out-$n".*
  read -r wall user sys rss < "$dir/time"
  per=$(awk -v kb="$rss" -v n="$n" 'BEGIN { printf "%.1f", kb / 1024 / (n / 1000) }')
  printf '%-8s %-6s %8s %8s %8s %12d %16s %9d\n' "$n" "$mode" "$wall" "$user" "$sys" $((rss / 1024)) "$per" "$files"
  if [ -n "$previous" ] && awk -v a="$previous" -v b="$per" 'BEGIN { exit !(b > a * 1.1) }'; then
    echo "peak memory per 1,000 guides rose from $previous MB to $per MB at $n guides: faster than linear"
    status=1
  fi
  previous=$per
done
[ $status -eq 0 ] && echo "peak memory grows no faster than linearly with the number of guides"
exit $status
