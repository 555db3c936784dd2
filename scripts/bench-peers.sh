#!/usr/bin/env bash
# Compares trace-path with the Python peer `mail-parser` (PyPI) and with a
# raw read of the same bytes (the floor), on a generated corpus.
#
#   scripts/bench-peers.sh [COUNT]      (default 2000 messages)
#
# Needs python3 (with venv) and network access to PyPI the first time.
# Prints a Markdown table; docs/performance.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet mail-parser
fi

python3 scripts/gen-corpus.py "$work/small" "$count" 1
python3 scripts/gen-corpus.py "$work/large" "$((count * 5))" 2
exec python3 scripts/bench-peers.py "$work" "$venv/bin/python" target/release/trace-path
