//! The binary as a user runs it: inputs, outputs, errors and exit codes.

use std::io::Write;

use crate::support::{SMALL_MESSAGE, formats, json_report, trace_path};
use predicates::prelude::*;
use serde_json::Value;

fn write_temp(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f
}

/// Asserts a one-line `trace-path: ...` error with the given exit code.
fn assert_one_line_error(out: &std::process::Output, code: i32, contains: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("trace-path: "), "{stderr}");
    assert!(
        stderr.contains(contains),
        "{stderr} should mention {contains}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn small_message_traces_three_hops_oldest_first() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let r = json_report(&[f.path().to_str().unwrap()]);
    let hops = r["hops"].as_array().unwrap();
    assert_eq!(hops.len(), 3);
    assert_eq!(hops[0]["number"], 1);
    assert_eq!(hops[0]["header_index"], 2);
    assert_eq!(hops[0]["from"]["ip"], "203.0.113.5");
    assert_eq!(hops[0]["from"]["helo"], "[192.168.1.23]");
    assert_eq!(hops[0]["timestamp"], "2026-11-23T10:15:02Z");
    assert_eq!(hops[0]["utc_offset_minutes"], -300);
    assert_eq!(hops[0]["delay_seconds"], Value::Null);
    assert_eq!(hops[1]["delay_seconds"], 3);
    assert_eq!(hops[2]["delay_seconds"], 4);
    assert_eq!(hops[2]["by"]["host"], "mailbox.example.net");
    assert_eq!(r["total_transit_seconds"], 7);
    // mx.example.net hands over to mailbox.example.net, and the receiver
    // verified its name (rDNS) in example.net: the message entered
    // example.net at hop 2.
    assert_eq!(r["trustworthy_hop"], 2);
    assert_eq!(hops[2]["trust"], "internal");
    assert_eq!(hops[2]["trust_evidence"]["code"], "same-organisation");
    assert_eq!(hops[1]["trust"], "trustworthy");
    assert_eq!(hops[1]["trust_evidence"], Value::Null);
    assert_eq!(hops[0]["trust"], "unverified");
    assert_eq!(hops[0]["kind"], "submission");
    assert_eq!(hops[1]["kind"], "relay");
    assert_eq!(r["stop"]["kind"], "delivered");
    assert_eq!(
        r["verdict"],
        "Delivered in 7 s over 3 hops; trustworthy sender IP 192.0.2.7 (mail.example.org)."
    );
}

#[test]
fn trust_option_moves_the_trustworthy_hop_down() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let r = json_report(&["--trust", "192.0.2.0/24", f.path().to_str().unwrap()]);
    assert_eq!(r["trustworthy_hop"], 1);
    assert_eq!(r["hops"][1]["trust_evidence"]["code"], "trusted-relay");
    let trust: Vec<&str> = r["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["trust"].as_str().unwrap())
        .collect();
    assert_eq!(trust, ["trustworthy", "internal", "internal"]);
}

#[test]
fn trust_from_config_file() {
    let cfg = write_temp(b"trust = [\"mx.example.net\"]\n");
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let out = trace_path()
        .env("TRACE_PATH_CONFIG", cfg.path())
        .args(["--format", "json"])
        .arg(f.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["trustworthy_hop"], 2);
}

#[test]
fn bad_config_is_a_usage_error() {
    let cfg = write_temp(b"trust = [\"not a host!\"]\n");
    let out = trace_path()
        .env("TRACE_PATH_CONFIG", cfg.path())
        .arg(crate::support::sample("postfix-relay.eml"))
        .output()
        .unwrap();
    assert_one_line_error(&out, 2, "not a host!");
}

#[test]
fn stdin_pipe_and_dash_trace_like_the_file() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let from_file = json_report(&[f.path().to_str().unwrap()]);
    for args in [vec!["--format", "json"], vec!["--format", "json", "-"]] {
        let out = trace_path()
            .args(&args)
            .write_stdin(SMALL_MESSAGE)
            .output()
            .unwrap();
        assert!(out.status.success());
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r["hops"], from_file["hops"]);
        assert_eq!(r["input"]["name"], "-");
        assert_eq!(r["input"]["sha256"], from_file["input"]["sha256"]);
    }
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    trace_path()
        .args(["-f", "json", "-o"])
        .arg(&target)
        .arg(f.path())
        .assert()
        .success()
        .stdout("");
    let r: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(r["hops"].as_array().unwrap().len(), 3);
}

#[test]
fn unwritable_output_is_exit_4() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let out = trace_path()
        .args(["-o", "/nonexistent-dir/report.txt"])
        .arg(f.path())
        .output()
        .unwrap();
    assert_one_line_error(&out, 4, "/nonexistent-dir/report.txt");
}

#[test]
fn several_files_give_one_report_each_in_order() {
    let a = write_temp(SMALL_MESSAGE.as_bytes());
    let b = write_temp(b"Subject: draft\nFrom: a@example.org\n\nno hops\n");
    let out = trace_path()
        .args(["-f", "jsonl"])
        .arg(a.path())
        .arg(b.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = out
        .stdout
        .split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["input"]["name"], a.path().to_str().unwrap());
    assert_eq!(lines[0]["hops"].as_array().unwrap().len(), 3);
    assert_eq!(lines[1]["hops"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["stop"]["kind"], "unknown");

    let table = trace_path().arg(a.path()).arg(b.path()).output().unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    let first = text
        .find(&format!("== {} ==", a.path().display()))
        .expect("heading a");
    let second = text
        .find(&format!("== {} ==", b.path().display()))
        .expect("heading b");
    assert!(first < second);
}

#[test]
fn json_array_for_several_files() {
    let a = write_temp(SMALL_MESSAGE.as_bytes());
    let r = json_report(&[a.path().to_str().unwrap(), a.path().to_str().unwrap()]);
    assert_eq!(r.as_array().unwrap().len(), 2);
}

#[test]
fn table_has_one_row_per_hop_and_a_verdict() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let out = trace_path().arg(f.path()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when piped");
    for needle in [
        "Time (UTC)",
        // Every hop on one day: the date once, above, and times alone.
        "All hops on 2026-11-23 (UTC).",
        "┆ 10:15:02 ",
        "HELO [192.168.1.23]",
        "rDNS (none)",
        "IP   203.0.113.5",
        "✔ trustworthy",
        "+3 s",
        "Total transit: 7 s",
        "Trustworthy hop: 2 — sender IP 192.0.2.7, recorded by mx.example.net",
        "Verdict: Delivered in 7 s over 3 hops",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    let always = trace_path()
        .args(["--color", "always"])
        .arg(f.path())
        .output()
        .unwrap();
    assert!(always.stdout.contains(&b'\x1b'));
    let never = trace_path()
        .args(["--color", "never"])
        .arg(f.path())
        .output()
        .unwrap();
    assert!(!never.stdout.contains(&b'\x1b'));
}

#[test]
fn fail_on_sets_exit_1_only_when_reached() {
    let f = write_temp(SMALL_MESSAGE.as_bytes());
    trace_path()
        .args(["--fail-on", "error"])
        .arg(f.path())
        .assert()
        .code(0);
    // A minute of clock skew is worth a note, not a warning.
    let skewed = SMALL_MESSAGE.replace("10:15:09 +0000", "10:14:09 +0000");
    let g = write_temp(skewed.as_bytes());
    trace_path()
        .args(["--fail-on", "warning"])
        .arg(g.path())
        .assert()
        .code(0);
    let wrong = SMALL_MESSAGE.replace("10:15:09 +0000", "09:55:05 +0000");
    let h = write_temp(wrong.as_bytes());
    trace_path()
        .args(["--fail-on", "warning"])
        .arg(h.path())
        .assert()
        .code(1);
}

#[test]
fn negative_delay_is_signed_and_flagged() {
    let wrong = SMALL_MESSAGE.replace("10:15:09 +0000", "09:55:05 +0000");
    let g = write_temp(wrong.as_bytes());
    let r = json_report(&[g.path().to_str().unwrap()]);
    let top = &r["hops"][2];
    assert_eq!(top["delay_seconds"], -1200);
    assert_eq!(top["findings"][0]["code"], "negative-delay");
    assert_eq!(top["findings"][0]["severity"], "warning");
    assert_eq!(r["total_transit_seconds"], -1197);
    // A negative total is never printed as a duration.
    let verdict = r["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with(
            "Delivered (transit time unknown: the servers' clocks disagree) over 3 hops"
        ),
        "{verdict}"
    );
}

#[test]
fn small_skews_are_clock_skew_and_whole_hours_a_time_zone_error() {
    let skewed = SMALL_MESSAGE.replace("10:15:09 +0000", "10:12:15 +0000");
    let g = write_temp(skewed.as_bytes());
    let r = json_report(&[g.path().to_str().unwrap()]);
    let top = &r["hops"][2];
    assert_eq!(top["delay_seconds"], -170);
    assert_eq!(top["findings"][0]["code"], "clock-skew");
    assert_eq!(top["findings"][0]["severity"], "info");

    // The middle hop wrote 10:15:05 in the zone +0200 instead of +0100.
    let zone = SMALL_MESSAGE.replace("11:15:05 +0100", "11:15:05 +0200");
    let z = write_temp(zone.as_bytes());
    let r = json_report(&[z.path().to_str().unwrap()]);
    let middle = &r["hops"][1];
    assert_eq!(middle["delay_seconds"], -3597);
    assert_eq!(middle["findings"][0]["code"], "negative-delay");
    let message = middle["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("the clock or time zone of mx.example.net is off"),
        "{message}"
    );
    assert!(!message.contains("forged"), "{message}");
    // The hour the top hop gains back is that clock, not a queue.
    assert_eq!(r["hops"][2]["delay_seconds"], 3604);
    assert_eq!(r["hops"][2]["findings"], serde_json::json!([]));

    // A whole-hour gap that nothing gains back: a time zone written wrong.
    let zone = SMALL_MESSAGE.replace("10:15:09 +0000", "10:15:09 +0100");
    let z = write_temp(zone.as_bytes());
    let r = json_report(&[z.path().to_str().unwrap()]);
    let message = r["hops"][2]["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("a whole number of hours"), "{message}");
    assert!(!message.contains("forged"), "{message}");
}

#[test]
fn usage_errors_are_exit_2() {
    trace_path().arg("--format").arg("yaml").assert().code(2);
    trace_path().arg("--no-such-option").assert().code(2);
    trace_path()
        .args(["--trust", "bad host!"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad host!"));
}

#[test]
fn missing_file_directory_and_empty_input_are_exit_3() {
    let out = trace_path()
        .arg("/nonexistent/message.eml")
        .output()
        .unwrap();
    assert_one_line_error(&out, 3, "no such file");
    let dir = tempfile::tempdir().unwrap();
    let out = trace_path().arg(dir.path()).output().unwrap();
    assert_one_line_error(&out, 3, "no messages found");
    let empty = write_temp(b"");
    let out = trace_path().arg(empty.path()).output().unwrap();
    assert_one_line_error(&out, 3, "empty");
    let out = trace_path().write_stdin("\n  \n").output().unwrap();
    assert_one_line_error(&out, 3, "empty");
}

#[test]
fn binary_and_non_mail_input_are_exit_3() {
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let f = write_temp(&binary);
    let out = trace_path().arg(f.path()).output().unwrap();
    assert_one_line_error(&out, 3, "not an e-mail message");
    let text = write_temp(b"Dear Bob,\nthis is just a letter, not a message.\n");
    let out = trace_path().arg(text.path()).output().unwrap();
    assert_one_line_error(&out, 3, "not an e-mail message");
}

#[test]
fn huge_file_is_refused_without_reading_it() {
    let f = tempfile::NamedTempFile::new().unwrap();
    f.as_file().set_len(200 * 1024 * 1024).unwrap();
    let out = trace_path().arg(f.path()).output().unwrap();
    assert_one_line_error(&out, 3, "too large");
}

#[test]
fn a_failing_file_does_not_stop_the_others() {
    let a = write_temp(SMALL_MESSAGE.as_bytes());
    let out = trace_path()
        .args(["-f", "jsonl", "/nonexistent/x.eml"])
        .arg(a.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        out.stdout
            .split(|&c| c == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        1
    );
}

#[test]
fn megabyte_header_line_gives_a_report() {
    let long = format!(
        "Received: from a.example.org by b.example.net with ESMTP id {}; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: x\n\nbody\n",
        "x".repeat(1 << 20)
    );
    let f = write_temp(long.as_bytes());
    let r = json_report(&[f.path().to_str().unwrap()]);
    assert_eq!(r["hops"].as_array().unwrap().len(), 1);
    assert_eq!(r["hops"][0]["by"]["host"], "b.example.net");
}

#[test]
fn ten_thousand_received_headers_are_capped_and_reported() {
    let mut msg = String::new();
    for i in 0..10_000 {
        msg.push_str(&format!(
            "Received: from h{i}.example.org by h{}.example.org; Mon, 23 Nov 2026 10:00:00 +0000\n",
            i + 1
        ));
    }
    msg.push_str("Subject: loop\n\nbody\n");
    let f = write_temp(msg.as_bytes());
    let r = json_report(&[f.path().to_str().unwrap()]);
    assert_eq!(r["hops"].as_array().unwrap().len(), 1000);
    assert!(
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "too-many-received")
    );
    // The newest headers are the ones kept: the top one is hop 1000.
    assert_eq!(r["hops"][999]["by"]["host"], "h1.example.org");
    assert_eq!(r["hops"][0]["by"]["host"], "h1000.example.org");
}

#[test]
fn invalid_utf8_and_nul_bytes_are_read_and_escaped() {
    let mut msg = b"Received: from bad\xff\xfe.example.org (unknown [192.0.2.9]) by mx.example.net; Mon, 23 Nov 2026 10:00:00 +0000\n".to_vec();
    msg.extend_from_slice(b"Subject: nul\x00 and esc\x1b[31m red\n\nbody\n");
    let f = write_temp(&msg);
    let r = json_report(&[f.path().to_str().unwrap()]);
    assert_eq!(r["hops"][0]["from"]["ip"], "192.0.2.9");
    let table = trace_path().arg(f.path()).output().unwrap();
    assert!(table.status.success());
    assert!(!table.stdout.contains(&0x1b) && !table.stdout.contains(&0));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let msg = "Received: from evil\x1b]0;pwned\x07.example.org (unknown [192.0.2.66]) by mx.example.net with ESMTP id \u{9b}2J; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: \u{202e}fdp.exe\n\nbody\n";
    let f = write_temp(msg.as_bytes());
    for format in formats() {
        let out = trace_path()
            .args(["-f", &format])
            .arg(f.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
            "{format}: {text:?}"
        );
    }
}

#[test]
fn message_without_received_is_a_report_not_an_error() {
    let f = write_temp(b"From: a@example.org\nTo: b@example.net\nSubject: draft\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\nhello\n");
    let r = json_report(&[f.path().to_str().unwrap()]);
    assert_eq!(r["hops"], Value::Array(vec![]));
    assert_eq!(r["trustworthy_hop"], Value::Null);
    assert_eq!(r["findings"][0]["code"], "no-received");
    assert!(
        r["verdict"]
            .as_str()
            .unwrap()
            .starts_with("No Received headers")
    );
}

#[test]
fn help_and_version() {
    trace_path()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"));
    trace_path()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn dates_in_the_future_or_before_the_date_header_are_flagged() {
    let future = SMALL_MESSAGE.replace(
        "Mon, 23 Nov 2026 10:15:09 +0000",
        "Thu, 23 Nov 2099 10:15:09 +0000",
    );
    let f = write_temp(future.as_bytes());
    let r = json_report(&[f.path().to_str().unwrap()]);
    let codes: Vec<&str> = r["hops"][2]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["long-delay", "future-date"]);

    let early = SMALL_MESSAGE.replace(
        "Date: Mon, 23 Nov 2026 11:15:00 +0100",
        "Date: Mon, 23 Nov 2026 13:15:00 +0100",
    );
    let g = write_temp(early.as_bytes());
    let r = json_report(&[g.path().to_str().unwrap()]);
    assert_eq!(r["hops"][0]["findings"][0]["code"], "before-message-date");
    assert_eq!(r["hops"][1]["findings"], Value::Array(vec![]));
}

#[test]
fn unparseable_header_is_a_failed_hop_with_its_raw_text() {
    let msg = SMALL_MESSAGE.replacen(
        "Received: from mx.example.net",
        "Received: ((((\nReceived: from mx.example.net",
        1,
    );
    let f = write_temp(msg.as_bytes());
    let r = json_report(&[f.path().to_str().unwrap()]);
    let top = &r["hops"][3];
    assert_eq!(top["parsed"], "failed");
    assert_eq!(top["raw"], "((((");
    assert_eq!(top["timestamp"], Value::Null);
    let codes: Vec<&str> = top["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"parse-failed"), "{codes:?}");
    // A failed header is never taken as the user's own server handing over.
    assert_eq!(r["trustworthy_hop"], 4);
}
