#!/usr/bin/env bash
# Measures full builds of synthetic corpora: wall time, CPU time and peak
# memory (maximum resident set size) of `generator build`, pages only and
# with search, at each size given (default 1000 10000).
#
#   scripts/bench.sh              # 1k and 10k
#   scripts/bench.sh 100000       # one size
#
# Each size is generated once (same seed, same files) under $BENCH_DIR
# (default /tmp/zhinan-bench); every build writes into a fresh output folder,
# as CI does on a clean clone. Run it on a quiet machine: the figures are
# only as good as the machine is idle.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
dir=${BENCH_DIR:-/tmp/zhinan-bench}
runs=${RUNS:-3}
mkdir -p "$dir"
go build -o "$dir/generator" ./generator
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; $(go version)"
printf '%-8s %-12s %10s %10s %10s %12s %8s\n' guides mode wall_s user_s sys_s peak_rss_MB files
for n in "${sizes[@]}"; do
  src="$dir/site-$n"
  [ -f "$src/config.toml" ] || "$dir/generator" corpus --n "$n" --seed 1 --dest "$src" >/dev/null
  for mode in pages search; do
    flag=--no-search; [ $mode = search ] && flag=
    for ((i = 0; i < runs; i++)); do
      # Every run writes a new folder, and the outputs are removed only
      # after the size is done: removing 20,000 files keeps this disk busy
      # (discard) for tens of seconds after rm returns, which a CI build on
      # a fresh clone does not meet. Let writes of the previous run drain.
      out="$dir/out-$n-$mode-$i"
      rm -rf "$out"; sync; sleep "${SETTLE:-8}"
      /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$dir/generator" build --source "$src" --dest "$out" --quiet $flag
      read -r wall user sys rss < "$dir/time"
      files=$(find "$out" -type f | wc -l)
      printf '%-8s %-12s %10s %10s %10s %12d %8s\n' "$n" "$mode" "$wall" "$user" "$sys" $((rss / 1024)) "$files"
    done
  done
  rm -rf "$dir"/out-"$n"-* "$dir"/.out-"$n"-*  # and the caches the builds keep beside them
done
