#!/usr/bin/env bash
# DNS benchmark: a 12-hop message checked against the in-process test DNS
# server with an artificial delay per answer (default 50 ms; set
# DNS_BENCH_DELAY_MS to change it). Prints a Markdown table of wall times.
# Needs no network: the server runs on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench dns "$@"
