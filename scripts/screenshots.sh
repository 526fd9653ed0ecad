#!/usr/bin/env bash
# Screenshots for a reviewer of the citizen's pages (issue 14): home, a
# guide, its sheet, a list, search and stats, at 360 px and 1280 px wide,
# in the standard look and in 关怀版 (large print, turned on by the #care
# link, as a citizen would). Builds the sample site, serves it on
# 127.0.0.1 and writes PNGs with Debian's Chromium.
#
#   scripts/screenshots.sh [OUTDIR]    (default: screenshots/)
#
# Each shot is the first 1.6 screens of the page (360×1300, 1280×1400):
# what a citizen sees first, and a little more. The sheet is also printed
# to A4 PDF in both looks (sheet-a4-LOOK.pdf) and, when pdftoppm
# (poppler-utils) is there, drawn as sheet-a4-LOOK.png. OUTDIR/index.html
# shows every image on one page.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/zhinan" ./generator
"$tmp/zhinan" build --source . --dest "$tmp/site" --quiet
port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 -d "$tmp/site" >/dev/null 2>&1 &
server=$!
sleep 1
chromium=${ZHINAN_CHROMIUM:-chromium}
pages=(
  "home /"
  "guide /guide/330000-SF-XK-0001/"
  "sheet /guide/330000-SF-XK-0001/print.html"
  "list /lists/one-visit/"
  "department /department/sheng-si-fa-ting/"
  "search /search/?q=%E5%BE%8B%E6%89%80"
  "stats /stats/"
)
for entry in "${pages[@]}"; do
  read -r name path <<<"$entry"
  for size in "360,1300" "1280,1400"; do
    for look in standard care; do
      hash=""
      [ "$look" = care ] && hash="#care"
      file="$out/$name-${size%%,*}-$look.png"
      "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$tmp/profile-$look" --window-size="$size" --virtual-time-budget=3000 \
        --screenshot="$file" "http://127.0.0.1:$port$path$hash" >/dev/null 2>&1
      echo "$file"
    done
  done
done
for look in standard care; do
  hash=""
  [ "$look" = care ] && hash="#care"
  pdf="$out/sheet-a4-$look.pdf"
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
    --user-data-dir="$tmp/profile-print-$look" --virtual-time-budget=3000 \
    --print-to-pdf="$pdf" "http://127.0.0.1:$port/guide/330000-SF-XK-0001/print.html$hash" >/dev/null 2>&1
  echo "$pdf"
  if command -v pdftoppm >/dev/null; then
    pdftoppm -r 80 -png -singlefile "$pdf" "$out/sheet-a4-$look"
    echo "$out/sheet-a4-$look.png"
  fi
done
{
  echo '<!doctype html><meta charset=utf-8><title>截图</title><style>figure{display:inline-block;vertical-align:top;margin:8px}img{border:1px solid #999;max-width:640px}</style>'
  for f in "$out"/*.png; do
    n=$(basename "$f")
    echo "<figure><img src=\"$n\" alt=\"$n\" loading=lazy><figcaption>$n</figcaption></figure>"
  done
} >"$out/index.html"
echo "$out/index.html"
