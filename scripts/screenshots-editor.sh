#!/usr/bin/env bash
# Takes the screenshots of the form editor that docs/编写指南.md shows,
# docs/img/editor-*.png, with headless Chromium, from a copy of this
# repository's sample site (so the real content is never touched).
#
#   scripts/screenshots-editor.sh            # needs chromium (or ZHINAN_CHROMIUM) and curl
#   EDITOR_NEW_PATH=/edit/#new-h scripts/screenshots-editor.sh
#
# Shots (1280×900, the manual's width):
#   editor-list.png   /edit/                 the list of guides
#   editor-new.png    $EDITOR_NEW_PATH       the new-guide wizard on the list page (default /edit/#new-h)
#   editor-form.png   /edit/<code>           a guide's form
#   editor-error.png  /edit/<code>           the same guide with a wrong phone written
#                                            into the copy, so the form shows R8 at the field
#   editor-saved.png  needs a click on 保存; plain `chromium --screenshot` cannot click,
#                     so it is not taken here: take it by hand, or from the editor's
#                     chromedp browser tests once they exist.
#
# Until the form editor exists (`generator serve` answering /edit/), this
# script stops with exit 1 and a message, and writes no image.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${ZHINAN_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$chromium" ] || { echo "找不到 chromium：apt-get install chromium，或设置 ZHINAN_CHROMIUM" >&2; exit 1; }
command -v curl >/dev/null || { echo "找不到 curl" >&2; exit 1; }

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the sample site, and one guide in it with a wrong phone.
mkdir -p "$work/site"
cp -r config.toml content static "$work/site/"
guide="content/zhoushan/ybj/newborn-enrolment.md"
code="$(sed -n 's/^code = "\(.*\)"$/\1/p' "$guide" | head -1)"
go build -o "$work/generator" ./generator

port=$((20000 + RANDOM % 20000))
"$work/generator" serve --source "$work/site" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$base/_serve/status" 2>/dev/null && break
  sleep 0.2
done

status="$(curl -s -o /dev/null -w '%{http_code}' "$base/edit/")"
if [ "$status" != 200 ]; then
  echo "表单编辑器还不存在：$base/edit/ 返回 $status。编辑器合并后再运行本脚本；没有写任何图片。" >&2
  exit 1
fi

mkdir -p docs/img
shot() { # shot NAME PATH
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1280,900 --virtual-time-budget=3000 \
    --screenshot="$PWD/docs/img/$1.png" "$base$2" >/dev/null 2>&1
  echo "docs/img/$1.png ← $2"
}
shot editor-list "/edit/"
shot editor-new "${EDITOR_NEW_PATH:-/edit/#new-h}"
shot editor-form "/edit/$code"

# The wrong phone: written into the copy, the form shows the R8 message
# beside the field as it does while someone types.
sed -i '0,/^consult = \[".*"\]/s//consult = ["0580-12"]/' "$work/site/$guide"
sleep 1 # the preview rebuilds after a save (20 ms quiet window, then the build)
shot editor-error "/edit/$code"
echo "editor-saved.png 需要点击“保存”，本脚本不截：请手工截图（见脚本开头的说明）。"
