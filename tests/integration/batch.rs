//! Large batches: a 10,000-message mbox is traced in order, with a summary.

use std::io::Write;

use crate::support::trace_path;
use serde_json::Value;

/// An mbox of `n` messages with 1 to 4 hops each; message i's first hop
/// is dated i seconds after the Date: header.
fn mbox(n: usize) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for i in 0..n {
        let hops = 1 + i % 4;
        writeln!(f, "From sender{i}@example.org Mon Nov 23 10:00:00 2026").unwrap();
        for h in (0..hops).rev() {
            let host = |k: usize| format!("relay{k}.example.org");
            writeln!(
                f,
                "Received: from {} ({} [192.0.2.{}]) by {} with ESMTP id Q{i}H{h}; Mon, 23 Nov 2026 10:{:02}:{:02} +0000",
                host(h),
                host(h),
                1 + h,
                host(h + 1),
                (i / 60) % 60,
                (i + h) % 60
            )
            .unwrap();
        }
        writeln!(
            f,
            "Subject: message {i}\nMessage-ID: <{i}@example.org>\n\nbody {i}\n>From escaped\n"
        )
        .unwrap();
    }
    f
}

#[test]
fn ten_thousand_messages_stream_in_order() {
    let file = mbox(10_000);
    let out = trace_path()
        .args(["-f", "jsonl"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&[u8]> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 10_000);
    for i in [0usize, 1, 255, 256, 257, 5000, 9999] {
        let r: Value = serde_json::from_slice(lines[i]).unwrap();
        assert_eq!(r["input"]["position"], i + 1);
        assert_eq!(r["message"]["subject"], format!("message {i}"));
        assert_eq!(r["hops"].as_array().unwrap().len(), 1 + i % 4);
    }
}

#[test]
fn summary_counts_the_whole_batch() {
    let file = mbox(1000);
    let out = trace_path()
        .args(["--summary", "-f", "json"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["messages"], 1000);
    assert_eq!(s["unreadable"], 0);
    assert_eq!(s["hops"], 2500);
    assert_eq!(s["parsed"]["full"], 2500);
    assert_eq!(s["stop_kinds"]["delivered"], 1000);
    // Transit is (hops - 1) seconds unless the minute wraps; one-hop
    // messages have none, so the values are 1, 2, 3 in equal numbers.
    assert_eq!(s["transit_median_seconds"], 2);
    assert_eq!(s["transit_p95_seconds"], 3);

    let text = trace_path()
        .arg("--summary")
        .arg(file.path())
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.starts_with("Messages traced: 1000  (unreadable: 0)\nHops: 2500  (full 2500)\n"),
        "{text}"
    );
}

#[test]
fn json_array_streams_for_a_batch() {
    let file = mbox(300);
    let out = trace_path()
        .args(["-f", "json"])
        .arg(file.path())
        .output()
        .unwrap();
    let all: Value = serde_json::from_slice(&out.stdout).expect("one valid JSON array");
    assert_eq!(all.as_array().unwrap().len(), 300);
}
