#!/usr/bin/env bash
# Renders an HTML report in headless Chromium to a PNG and checks that the
# page really drew something: the PNG exists, is large enough, and is not a
# single flat colour. Then the route picture (the inline SVG): Chromium's
# own DOM of the page must hold its boxes (one per machine, at least the
# origin and a receiver), an arrow per hop and the end of the journey, and
# the picture alone, drawn light and dark, must not be blank. Offline: the
# page fetches nothing (and its CSP forbids it), and Chromium is started
# with its background networking off.
#
#   scripts/render-html-check.sh [SAMPLE.eml] [OUT-DIR]
#
# The trace runs with --no-dns: no packet leaves the machine.
# Writes OUT-DIR/report.html, OUT-DIR/light.png and OUT-DIR/dark.png, the
# browser's DOM (OUT-DIR/dom.html), and the route alone (OUT-DIR/route.html,
# route-light.png, route-dark.png) (OUT-DIR defaults to a temporary
# directory, printed at the end).
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

run() { # run ARGS...: the binary, reproducible and offline
  SOURCE_DATE_EPOCH=1796083200 TRACE_PATH_CONFIG=/nonexistent "$bin" --no-dns "$@"
}
run --format html --output "$out/report.html" "$sample"

chrome() { # chrome PAGE NAME [extra chromium flags...]: headless, offline, a fresh profile
  local page=$1 name=$2
  shift 2
  local profile
  profile=$(mktemp -d)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" "$@" \
    "file://$(realpath "$page")" 2>"$out/$name.log" || {
    cat "$out/$name.log" >&2
    rm -rf "$profile"
    return 1
  }
  rm -rf "$profile"
}

shoot() { # shoot PAGE NAME MIN-BYTES WIDTH,HEIGHT [extra chromium flags...]
  local page=$1 name=$2 min=$3 size=$4
  shift 4
  chrome "$page" "$name" --screenshot="$out/$name.png" --window-size="$size" "$@" >/dev/null
  check "$out/$name.png" "$min"
}

check() { # check FILE.png MIN-BYTES: exists, has a PNG signature, big enough, not one flat colour
  local png=$1 min=$2 size
  [ -s "$png" ] || { echo "render-html-check: $png was not written" >&2; return 1; }
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
    { echo "render-html-check: $png is not a PNG" >&2; return 1; }
  size=$(wc -c <"$png")
  # A blank page compresses to a few kilobytes; a drawn one does not.
  [ "$size" -gt "$min" ] ||
    { echo "render-html-check: $png is only $size bytes: nothing drawn?" >&2; return 1; }
  echo "render-html-check: $png ($size bytes)"
}

dark=(--force-dark-mode --blink-settings=preferredColorScheme=0)
shoot "$out/report.html" light 40000 1280,2000
# Dark mode: the page follows prefers-color-scheme.
shoot "$out/report.html" dark 40000 1280,2000 "${dark[@]}"

# The route picture, as Chromium parsed it: a box per machine, an arrow per
# hop (the JSON report says how many), the end of the journey.
chrome "$out/report.html" dom --dump-dom >"$out/dom.html"
hops=$(run --format json "$sample" | grep -c '"header_index"' || true)
count() { grep -o "$1" "$out/dom.html" | wc -l; }
machines=$(count '<g class="machine')
legs=$(count '<g class="leg ')
ends=$(count '<g class="end ')
boxes=$(count '<rect ')
echo "render-html-check: route: $hops hops, $machines machines, $legs arrows, $ends end, $boxes boxes"
[ "$hops" -gt 0 ] || { echo "render-html-check: $sample has no hops to draw" >&2; exit 1; }
[ "$legs" -eq "$hops" ] || { echo "render-html-check: $legs arrows for $hops hops" >&2; exit 1; }
[ "$machines" -gt "$hops" ] || { echo "render-html-check: $machines boxes for $hops hops" >&2; exit 1; }
[ "$ends" -eq 1 ] || { echo "render-html-check: no end of the journey drawn" >&2; exit 1; }
[ "$boxes" -eq $((machines + ends)) ] || { echo "render-html-check: $boxes boxes drawn" >&2; exit 1; }

# The picture alone, with the page's styles, light and dark: not blank.
{
  sed -n '1,/<body>/p' "$out/report.html"
  sed -n '/<svg class="route"/,/<\/svg>/p' "$out/report.html"
  printf '</body>\n</html>\n'
} >"$out/route.html"
grep -q '<svg class="route"' "$out/route.html" ||
  { echo "render-html-check: no route picture in the report" >&2; exit 1; }
shoot "$out/route.html" route-light 15000 800,1400
shoot "$out/route.html" route-dark 15000 800,1400 "${dark[@]}"
echo "render-html-check: ok ($out)"
