#!/usr/bin/env bash
# Renders an HTML report in headless Chromium to a PNG and checks that the
# page really drew something: the PNG exists, is large enough, and is not a
# single flat colour. Offline: the page fetches nothing (and its CSP forbids
# it), and Chromium is started with its background networking off.
#
#   scripts/render-html-check.sh [SAMPLE.eml] [OUT-DIR]
#
# The trace runs with --no-dns: no packet leaves the machine.
# Writes OUT-DIR/report.html, OUT-DIR/light.png and OUT-DIR/dark.png
# (OUT-DIR defaults to a temporary directory, printed at the end).
# Needs the binary built (cargo build) and Chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

sample=${1:-samples/clock-skew.eml}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
target=${CARGO_TARGET_DIR:-target}
bin="$target/debug/trace-path"
[ -x "$bin" ] || cargo build --quiet
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "render-html-check: Chromium not found (Debian: apt-get install chromium)" >&2
  exit 1
fi

SOURCE_DATE_EPOCH=1796083200 TRACE_PATH_CONFIG=/nonexistent \
  "$bin" --no-dns --format html --output "$out/report.html" "$sample"

shoot() { # shoot NAME [extra chromium flags...]
  local name=$1
  shift
  local profile
  profile=$(mktemp -d)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" \
    --screenshot="$out/$name.png" --window-size=1280,2000 "$@" \
    "file://$(realpath "$out/report.html")" >/dev/null 2>"$out/$name.log" || {
    cat "$out/$name.log" >&2
    rm -rf "$profile"
    return 1
  }
  rm -rf "$profile"
  check "$out/$name.png"
}

check() { # check FILE.png: exists, has a PNG signature, big enough, not one flat colour
  local png=$1 size
  [ -s "$png" ] || { echo "render-html-check: $png was not written" >&2; return 1; }
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
    { echo "render-html-check: $png is not a PNG" >&2; return 1; }
  size=$(wc -c <"$png")
  # A blank 1280x2000 page compresses to a few kilobytes; a drawn report does not.
  [ "$size" -gt 40000 ] ||
    { echo "render-html-check: $png is only $size bytes: nothing drawn?" >&2; return 1; }
  echo "render-html-check: $png ($size bytes)"
}

shoot light
# Dark mode: the page follows prefers-color-scheme.
shoot dark --force-dark-mode --blink-settings=preferredColorScheme=0
echo "render-html-check: ok ($out)"
