#!/usr/bin/env bash
# Measures incremental builds (README, "增量构建"): a synthetic corpus is
# built once, then 1, 10 and 1,000 guides get a new paragraph each and the
# site is built again into the same output, pages only and with search.
# Prints wall, CPU and peak memory of each build and what it reused.
#
#   scripts/bench-incremental.sh            # 10,000 guides
#   scripts/bench-incremental.sh 100000     # on demand: 100,000
#
# The corpus is generated once under $BENCH_DIR (default
# /tmp/zhinan-bench-incr). Run it on a quiet machine (or with nice, and say
# the machine was shared).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)
dir=${BENCH_DIR:-/tmp/zhinan-bench-incr}
mkdir -p "$dir"
go build -o "$dir/generator" ./generator
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; $(go version)"
printf '%-8s %-7s %-8s %8s %8s %8s %9s  %s\n' guides mode edited wall_s user_s sys_s rss_MB reuse
timed() { # timed N MODE EDITED ARGS...: one build, one line
  local n=$1 mode=$2 edited=$3; shift 3
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$dir/generator" build "$@" >"$dir/out.txt" 2>"$dir/err.txt" || { cat "$dir/err.txt"; exit 1; }
  read -r wall user sys rss < "$dir/time"
  printf '%-8s %-7s %-8s %8s %8s %8s %9d  %s\n' "$n" "$mode" "$edited" "$wall" "$user" "$sys" $((rss / 1024)) "$(grep 重用 "$dir/out.txt" || echo 全部重建)"
}
for n in "${sizes[@]}"; do
  src="$dir/site-$n"
  [ -f "$src/config.toml" ] || "$dir/generator" corpus --n "$n" --seed 1 --dest "$src" >/dev/null
  find "$src/content" -name '*.md' ! -name '_*' | sort > "$dir/guides-$n.txt"
  for mode in pages search; do
    flag=--no-search; [ $mode = search ] && flag=
    out="$dir/out-$n-$mode"
    rm -rf "$out" "$dir/.out-$n-$mode.previous" # and its kept folder: a fresh start
    timed "$n" "$mode" clean --source "$src" --dest "$out" --quiet $flag
    timed "$n" "$mode" 0 --source "$src" --dest "$out" $flag
    for edited in 1 10 1000; do
      head -n "$edited" "$dir/guides-$n.txt" | while read -r f; do printf '\n\n补充说明 %s。\n' "$mode-$edited" >> "$f"; done
      sync; sleep "${SETTLE:-3}"
      timed "$n" "$mode" "$edited" --source "$src" --dest "$out" $flag
    done
  done
done
