//! Directories, Maildirs and mbox files expand into messages in a stable
//! order, each with its source and position.

use std::fs;
use std::path::Path;

use crate::support::trace_path;
use serde_json::Value;

fn message(n: usize) -> String {
    format!(
        "Received: from h{n}.example.org (h{n}.example.org [192.0.2.{n}]) by mx.example.net with ESMTP id Q{n}; Mon, 23 Nov 2026 10:00:0{n} +0000\nSubject: message {n}\n\nFrom the body of {n}\n"
    )
}

fn jsonl(args: &[&Path]) -> (Vec<Value>, String, Option<i32>) {
    let out = trace_path()
        .args(["-f", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    let reports = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    (
        reports,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn subjects(reports: &[Value]) -> Vec<String> {
    reports
        .iter()
        .map(|r| r["message"]["subject"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn mbox_messages_are_split_unescaped_and_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let mbox = dir.path().join("inbox.mbox");
    let body = (1..=3)
        .map(|n| {
            format!(
                "From sender{n}@example.org Mon Nov 23 10:00:0{n} 2026\n{}",
                message(n).replace("From the body", ">From the body")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&mbox, body).unwrap();
    let (reports, _, code) = jsonl(&[&mbox]);
    assert_eq!(code, Some(0));
    assert_eq!(subjects(&reports), ["message 1", "message 2", "message 3"]);
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(r["input"]["name"], mbox.to_str().unwrap());
        assert_eq!(r["input"]["position"], i + 1);
        assert_eq!(r["hops"][0]["from"]["ip"], format!("192.0.2.{}", i + 1));
    }
}

/// Python's mailbox writes `From MAILER-DAEMON <date> extra info` and
/// leaves a body's `From time to time` unescaped: one message, not a
/// second one without headers.
#[test]
fn mbox_from_lines_with_extra_words_and_unescaped_body_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mbox = dir.path().join("saved.mbox");
    let body = format!(
        "From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info\n{}\nFrom time to time\n\nFrom sender2@example.org Mon Nov 23 10:00:02 2026 remote from example.org\n{}",
        message(1),
        message(2)
    );
    fs::write(&mbox, body).unwrap();
    let (reports, stderr, code) = jsonl(&[&mbox]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(subjects(&reports), ["message 1", "message 2"]);
}

#[test]
fn directories_are_walked_in_name_order_with_maildirs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["Maildir/cur", "Maildir/new", "Maildir/tmp", "archive"] {
        fs::create_dir_all(root.join(sub)).unwrap();
    }
    fs::write(
        root.join("Maildir/cur/1700000001.M1P1.host:2,S"),
        message(1),
    )
    .unwrap();
    fs::write(root.join("Maildir/new/1700000002.M2P2.host"), message(2)).unwrap();
    fs::write(root.join("Maildir/tmp/1700000003.M3P3.host"), message(3)).unwrap();
    fs::write(root.join("archive/b.eml"), message(5)).unwrap();
    fs::write(root.join("archive/a.eml"), message(4)).unwrap();
    fs::write(root.join("archive/notes.txt"), "not a message").unwrap();
    let (reports, stderr, code) = jsonl(&[root]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        subjects(&reports),
        ["message 1", "message 2", "message 4", "message 5"]
    );
    assert!(reports.iter().all(|r| r["input"]["position"].is_null()));
}

#[test]
fn mbox_on_stdin_is_split_too() {
    let escaped = |n| message(n).replace("From the body", ">From the body");
    let stdin = format!(
        "From a Mon Nov 23 10:00:01 2026\n{}\nFrom b Mon Nov 23 10:00:02 2026\n{}",
        escaped(1),
        escaped(2)
    );
    let out = trace_path()
        .args(["-f", "jsonl", "-"])
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert!(out.status.success());
    let reports: Vec<Value> = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(subjects(&reports), ["message 1", "message 2"]);
    assert_eq!(reports[1]["input"]["name"], "-");
    assert_eq!(reports[1]["input"]["position"], 2);
}

#[test]
fn a_bad_message_in_a_batch_is_reported_and_the_rest_traced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.eml"), message(1)).unwrap();
    fs::write(dir.path().join("b.eml"), "").unwrap();
    fs::write(dir.path().join("c.eml"), message(3)).unwrap();
    let (reports, stderr, code) = jsonl(&[dir.path()]);
    assert_eq!(code, Some(3));
    assert_eq!(subjects(&reports), ["message 1", "message 3"]);
    assert!(stderr.contains("b.eml: input is empty"), "{stderr}");
}

#[test]
fn files_named_on_the_command_line_keep_their_order_and_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    fs::write(path("one.eml"), message(1)).unwrap();
    // Shorter than the `From ` that marks an mbox: read as a message.
    fs::write(path("tiny.eml"), "Fro").unwrap();
    // An mbox is told by its content, whatever its name.
    let escaped = |n| message(n).replace("From the body", ">From the body");
    let mbox = format!(
        "From a@example.org Mon Nov 23 10:00:02 2026\n{}\nFrom b@example.org Mon Nov 23 10:00:03 2026\n{}",
        escaped(2),
        escaped(3)
    );
    fs::write(path("saved.txt"), mbox).unwrap();
    fs::write(path("four.eml"), message(4)).unwrap();
    let names = [
        "one.eml",
        "tiny.eml",
        "missing.eml",
        "saved.txt",
        "four.eml",
    ];
    let paths: Vec<_> = names.iter().map(|n| path(n)).collect();
    let args: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();

    let (reports, stderr, code) = jsonl(&args);

    assert_eq!(code, Some(3), "{stderr}");
    assert_eq!(
        subjects(&reports),
        ["message 1", "message 2", "message 3", "message 4"]
    );
    let positions: Vec<&Value> = reports.iter().map(|r| &r["input"]["position"]).collect();
    assert_eq!(
        positions,
        [&Value::Null, &1.into(), &2.into(), &Value::Null]
    );
    assert!(
        stderr.contains("tiny.eml: not an e-mail message"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.eml: no such file"), "{stderr}");
}
