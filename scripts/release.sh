#!/usr/bin/env bash
# Writes the release: one generator binary per system office PCs run
# (linux/amd64, windows/amd64, darwin/amd64, darwin/arm64), each named
# with the version, the double-click starter for Windows, and
# SHA256SUMS, into dist/ (ignored by git).
#
#   scripts/release.sh            # version from git: the tag, else dev-<commit>
#   VERSION=v1.2.0 scripts/release.sh
#
# The version is injected with -ldflags "-X main.version=…" and printed by
# `generator version`; -trimpath keeps build paths out of the binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${VERSION:-$(git describe --tags --exact-match 2>/dev/null || echo "dev-$(git rev-parse --short=12 HEAD)")}"
if [ -n "$(git status --porcelain --untracked-files=no)" ] && [ -z "${VERSION:-}" ]; then
  version="$version-dirty"
fi
case "$version" in
  *[!A-Za-z0-9._-]*) echo "版本号只能含字母、数字和 . _ -：$version" >&2; exit 2 ;;
esac

rm -rf dist
mkdir -p dist
for target in linux/amd64 windows/amd64 darwin/amd64 darwin/arm64; do
  os="${target%/*}" arch="${target#*/}"
  ext=""
  [ "$os" = windows ] && ext=".exe"
  out="dist/generator-$version-$os-$arch$ext"
  start=$SECONDS
  CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" \
    go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$out" ./generator
  echo "$out: $((SECONDS - start)) s"
done
cp scripts/release/预览和编辑.cmd dist/
cp docs/编写指南.md dist/
(cd dist && sha256sum -- * > SHA256SUMS)
echo "dist/SHA256SUMS:"
cat dist/SHA256SUMS
