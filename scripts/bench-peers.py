#!/usr/bin/env python3
"""Driver for bench-peers.sh: runs each contender on the same files, three
times, and reports the best wall time, peak memory and the ratios."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

work, peer_python, tool = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])

PEER = r'''
import json, sys, mailparser
for path in sys.argv[1:]:
    m = mailparser.parse_from_file(path)
    hops = m.received
    print(json.dumps({"name": path, "hops": len(hops), "delays": [h.get("delay") for h in hops]}, default=str))
'''


def measure(cmd, runs=3):
    """Best wall time and peak RSS (KB) over `runs` runs, output discarded."""
    best, peak = None, 0
    for _ in range(runs):
        with tempfile.NamedTemporaryFile() as rep:
            start = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rep.name] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            wall = time.perf_counter() - start
            peak = max(peak, int(open(rep.name).read().split()[-1]))
        best = wall if best is None else min(best, wall)
    return best, peak


def corpus(name):
    eml = os.path.join(work, name, "eml")
    files = sorted(os.path.join(eml, f) for f in os.listdir(eml))
    size = sum(os.path.getsize(f) for f in files)
    return files, size, os.path.join(work, name, "corpus.mbox")


files, size, mbox = corpus("small")
big_files, big_size, big_mbox = corpus("large")
n, mb = len(files), size / 1e6
with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
    f.write(PEER)
    peer_script = f.name

rows = []
floor, floor_mem = measure(["cat"] + files)
rows.append(("raw read (`cat`, the floor)", floor, floor_mem))
# What `input.sha256` alone costs: every byte read and hashed (OpenSSL,
# with the CPU's SHA instructions), on both cores as trace-path runs.
hashed = None
if shutil.which("openssl"):
    half = (len(files) + 1) // 2
    hash_cmd = ["sh", "-c", 'printf "%s\\0" "$@" | xargs -0 -P2 -n' + str(half) + " openssl dgst -sha256", "sh"]
    hashed, hashed_mem = measure(hash_cmd + files)
    rows.append(("read + SHA-256 only (`openssl dgst`, 2 processes)", hashed, hashed_mem))
ours, ours_mem = measure([tool, "--no-dns", "-f", "jsonl"] + files)
rows.append(("trace-path --no-dns -f jsonl FILES", ours, ours_mem))
ours_mbox, ours_mbox_mem = measure([tool, "--no-dns", "-f", "jsonl", mbox])
rows.append(("trace-path --no-dns -f jsonl corpus.mbox", ours_mbox, ours_mbox_mem))
peer, peer_mem = measure([peer_python, peer_script] + files, runs=1)
rows.append(("python mail-parser (`.received`)", peer, peer_mem))

one = files[0]
start_ours, _ = measure([tool, "--no-dns", "-f", "jsonl", one], runs=20)
start_peer, _ = measure([peer_python, peer_script, one], runs=5)
big, big_mem = measure([tool, "--no-dns", "-f", "jsonl", big_mbox], runs=1)

print(f"Corpus: {n} messages, {mb:.1f} MB (3 to 15 hops each); machine: {os.cpu_count()} cores\n")
print("| contender | wall (s) | messages/s | MB/s | peak RSS (MB) |")
print("|---|---:|---:|---:|---:|")
for label, wall, mem in rows:
    print(f"| {label} | {wall:.3f} | {n / wall:,.0f} | {mb / wall:,.1f} | {mem / 1024:.1f} |")
print()
print(f"* trace-path vs the Python peer: **{peer / ours:,.0f}x** the throughput")
if hashed:
    print(f"* 100x the peer would mean {peer / 100 * 1000:.0f} ms; reading and hashing the corpus alone takes {hashed * 1000:.0f} ms")
print(f"* trace-path vs the raw-read floor: **{ours / floor:.2f}x** the floor's time (files), {ours_mbox / floor:.2f}x (mbox)")
print(f"* startup + one small message: trace-path {start_ours * 1000:.1f} ms, Python peer {start_peer * 1000:.0f} ms")
print(f"* memory as the batch grows: {n} messages {ours_mbox_mem / 1024:.1f} MB, {len(big_files)} messages ({big_size / 1e6:.0f} MB) {big_mem / 1024:.1f} MB peak RSS")
