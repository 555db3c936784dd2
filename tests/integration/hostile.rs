//! Hostile input: messages crafted to break parsers or terminals. Each must
//! end in a report or a one-line error, within a time bound (generous: this
//! is a hang guard, not a speed test), and with no control character out.

use std::io::Write;
use std::time::Duration;

use crate::support::{formats, trace_path};
use serde_json::Value;

const BOUND: Duration = Duration::from_secs(60);

fn temp(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f
}

/// Runs every format on the file; returns the JSON report.
fn survives(file: &tempfile::NamedTempFile) -> Value {
    let mut json = None;
    for format in formats() {
        let out = trace_path()
            .args(["-f", &format])
            .arg(file.path())
            .timeout(BOUND)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{format} leaked a control character"
        );
        if format == "json" {
            json = Some(serde_json::from_str(&text).expect("JSON report"));
        }
    }
    json.expect("json is a format")
}

const HOP: &str = "Received: from a.example.org (a.example.org [192.0.2.1]) by mx.example.net with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0000\n";

#[test]
fn hundred_megabyte_body_is_traced_from_its_headers() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(HOP.as_bytes()).unwrap();
    f.write_all(b"Subject: big\n\n").unwrap();
    let line = [b'a'; 1023];
    for _ in 0..100 * 1024 {
        f.write_all(&line).unwrap();
        f.write_all(b"\n").unwrap();
    }
    let out = trace_path()
        .args(["-f", "json"])
        .arg(f.path())
        .timeout(BOUND)
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["hops"].as_array().unwrap().len(), 1);
    assert_eq!(r["input"]["bytes"], 100 * 1024 * 1024 + HOP.len() + 14);
}

#[test]
fn deeply_nested_messages_do_not_overflow() {
    let mut msg = String::from(HOP);
    for i in 0..1000 {
        msg.push_str(&format!(
            "Content-Type: message/rfc822\nSubject: level {i}\n\n{HOP}"
        ));
    }
    msg.push_str("Subject: bottom\n\nbody\n");
    let r = survives(&temp(msg.as_bytes()));
    assert!(!r["hops"].as_array().unwrap().is_empty());
}

#[test]
fn mime_boundary_bomb() {
    let mut msg = format!("{HOP}Subject: parts\nContent-Type: multipart/mixed; boundary=\"b\"\n\n");
    for _ in 0..50_000 {
        msg.push_str("--b\nContent-Type: multipart/mixed; boundary=\"b\"\n\n");
    }
    msg.push_str("--b--\n");
    let r = survives(&temp(msg.as_bytes()));
    assert_eq!(r["hops"].as_array().unwrap().len(), 1);
}

#[test]
fn overlong_encoded_words() {
    let words = "=?UTF-8?B?w6k=?= ".repeat(100_000);
    let msg = format!(
        "{HOP}Subject: {words}\nFrom: =?UTF-8?Q?{}?= <a@example.org>\n\nbody\n",
        "=C3=A9".repeat(100_000)
    );
    let r = survives(&temp(msg.as_bytes()));
    assert!(r["message"]["subject"].as_str().unwrap().starts_with("é"));
}

#[test]
fn escape_sequences_in_every_field_come_out_escaped() {
    let esc = "\x1b[2J\x1b]0;owned\x07\u{9b}31m\u{202e}";
    let msg = format!(
        "Received: from h{esc}.example.org (r{esc}.example.org [192.0.2.1]) by mx{esc}.example.net with ESMTP{esc} id q{esc} for <u{esc}@example.net>; Mon, 23 Nov 2026 10:00:00 +0000{esc}\n\
         Subject: s{esc}\nFrom: n{esc} <f{esc}@example.org>\nTo: t{esc}@example.net\nMessage-ID: <m{esc}@example.org>\nDate: d{esc}\n\nbody{esc}\n"
    );
    let r = survives(&temp(msg.as_bytes()));
    // The JSON keeps the real characters (escaped as \u sequences on the wire).
    assert!(r["message"]["subject"].as_str().unwrap().contains('\x1b'));
}

#[test]
fn odd_bytes_in_header_names() {
    let msg = format!(
        "X-\x01Weird\x7f: v\nX-\u{ff}: w\n{HOP}Rec\x00eived: from x by y; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: s\n\nb\n"
    );
    let r = survives(&temp(msg.as_bytes()));
    assert_eq!(r["hops"].as_array().unwrap().len(), 1);
}

#[test]
fn many_headers_of_every_kind() {
    let mut msg = String::new();
    for i in 0..20_000 {
        msg.push_str(&format!("X-Filler-{i}: {}\n", "v".repeat(50)));
    }
    msg.push_str(HOP);
    msg.push_str("Subject: filler\n\nbody\n");
    let r = survives(&temp(msg.as_bytes()));
    assert_eq!(r["hops"].as_array().unwrap().len(), 1);
}
