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
#   NO_SEARCH=1 scripts/memory.sh          # pages only
#   SITE_10000=/root/zb/c10k SITE_100000=/root/zb/c100k scripts/memory.sh
#
# A corpus of N guides is `generator corpus --n N --seed 1`, made once under
# $BENCH_DIR/site-N (default /tmp/zhinan-bench, shared with bench.sh)
# unless SITE_N names an existing one. Outputs go to $BENCH_DIR/out-N and
# are removed afterwards. GOGC and GOMEMLIMIT are unset, so the build's own
# memory policy (generator/memlimit.go) is what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
dir=${BENCH_DIR:-/tmp/zhinan-bench}
flag=; mode=full
[ -n "${NO_SEARCH:-}" ] && { flag=--no-search; mode=pages; }
unset GOGC GOMEMLIMIT
mkdir -p "$dir"
go build -o "$dir/generator" ./generator
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; $(go version)"
printf '%-8s %-6s %8s %8s %8s %12s %16s\n' guides mode wall_s user_s sys_s peak_rss_MB MB_per_1k_guides
status=0
previous=
for n in "${sizes[@]}"; do
  var="SITE_$n"
  src=${!var:-$dir/site-$n}
  [ -f "$src/config.toml" ] || "$dir/generator" corpus --n "$n" --seed 1 --dest "$src" >/dev/null
  out="$dir/out-$n"
  rm -rf "$out"
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$dir/generator" build --source "$src" --dest "$out" --quiet $flag
  rm -rf "$out"
  read -r wall user sys rss < "$dir/time"
  per=$(awk -v kb="$rss" -v n="$n" 'BEGIN { printf "%.1f", kb / 1024 / (n / 1000) }')
  printf '%-8s %-6s %8s %8s %8s %12d %16s\n' "$n" "$mode" "$wall" "$user" "$sys" $((rss / 1024)) "$per"
  if [ -n "$previous" ] && awk -v a="$previous" -v b="$per" 'BEGIN { exit !(b > a * 1.1) }'; then
    echo "peak memory per 1,000 guides rose from $previous MB to $per MB at $n guides: faster than linear"
    status=1
  fi
  previous=$per
done
[ $status -eq 0 ] && echo "peak memory grows no faster than linearly with the number of guides"
exit $status
