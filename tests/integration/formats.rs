//! The ticket formats as a whole: deterministic bytes, `SOURCE_DATE_EPOCH`,
//! plain text that fits 80 ASCII columns, and a Markdown table that hostile
//! values cannot break.

use std::io::Write;

use crate::support::{SMALL_MESSAGE, document_formats, formats, sample, trace_path};

fn temp(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content.as_bytes()).unwrap();
    f
}

fn output(args: &[&str]) -> Vec<u8> {
    let out = trace_path().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn same_input_and_options_give_the_same_bytes() {
    let f = temp(SMALL_MESSAGE);
    let path = f.path().to_str().unwrap();
    for format in formats() {
        for extra in [&[][..], &["--redact"], &["--trust", "mx.example.net"]] {
            let args = [&["-f", &format, path][..], extra].concat();
            assert_eq!(output(&args), output(&args), "{format} {extra:?}");
        }
    }
}

#[test]
fn source_date_epoch_fixes_generated_at() {
    let f = temp(SMALL_MESSAGE);
    let path = f.path().to_str().unwrap();
    for format in document_formats() {
        let out = String::from_utf8(output(&["-f", &format, path])).unwrap();
        assert!(out.contains("2026-12-01T00:00:00Z"), "{format}");
        let other = trace_path()
            .env("SOURCE_DATE_EPOCH", "1800000000")
            .args(["-f", &format, path])
            .output()
            .unwrap();
        let other = String::from_utf8(other.stdout).unwrap();
        assert!(other.contains("2027-01-15T08:00:00Z"), "{format}");
    }
}

#[test]
fn text_is_ascii_and_fits_80_columns() {
    let long = format!(
        "Received: from {0}.example.org ({0}.example.org [192.0.2.7]) by mx.example.net with ESMTP id {0}; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: caf\u{e9} \u{2014} {0}\n\n",
        "x".repeat(150)
    );
    let f = temp(&long);
    let mut paths = vec![f.path().to_path_buf()];
    paths.extend(["postfix-relay.eml", "office365.eml", "ipv6-path.eml"].map(sample));
    for path in paths {
        let out = output(&["-f", "text", path.to_str().unwrap()]);
        let text = String::from_utf8(out).unwrap();
        assert!(text.is_ascii(), "{path:?}");
        for line in text.lines() {
            assert!(line.len() <= 80, "{path:?}: {line:?}");
        }
    }
}

/// A message-id longer than the line is cut where it reads (before its
/// `@`, or after a `.` or `-`), never inside a run of letters, for every
/// sample: the 80 columns hold and the id reads whole.
#[test]
fn text_cuts_long_message_ids_at_their_seams() {
    let dir = std::fs::read_dir(sample("")).unwrap();
    let mut cut = 0;
    for path in dir.map(|e| e.unwrap().path()).filter(|p| p.is_file()) {
        let path = path.to_str().unwrap();
        let report: serde_json::Value =
            serde_json::from_slice(&output(&["-f", "json", path])).unwrap();
        let Some(id) = report["message"]["message_id"].as_str() else {
            continue;
        };
        let text = String::from_utf8(output(&["-f", "text", path])).unwrap();
        let mut lines = text.lines().skip_while(|l| !l.starts_with("Message-ID:"));
        let first = lines
            .next()
            .unwrap()
            .trim_start_matches("Message-ID:")
            .trim();
        let mut pieces = vec![first];
        pieces.extend(
            lines
                .take_while(|l| l.starts_with("                "))
                .map(str::trim),
        );
        assert_eq!(pieces.concat(), id, "{path}");
        for pair in pieces.windows(2) {
            let seam = pair[1].starts_with('@') || pair[0].ends_with(['.', '-']);
            assert!(seam, "{path}: {:?} cut inside a word", pair);
            cut += 1;
        }
    }
    assert!(cut > 0, "some sample has a message-id too long for a line");
}

#[test]
fn markdown_table_survives_pipes_and_backticks() {
    let msg = "Received: from a|b`c (x|y [192.0.2.7]) by mx|`z`.example.net with ESMTP id |||```; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: pipe | and ``` fence\n\n";
    let f = temp(msg);
    let md = String::from_utf8(output(&["-f", "markdown", f.path().to_str().unwrap()])).unwrap();
    let unescaped_pipes = |line: &str| {
        let mut count = 0;
        let mut escaped = false;
        for c in line.chars() {
            if c == '|' && !escaped {
                count += 1;
            }
            escaped = c == '\\' && !escaped;
        }
        count
    };
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    // Headings, alignment, the hop, where it ended.
    assert_eq!(table.len(), 4, "{md}");
    for line in &table {
        assert_eq!(unescaped_pipes(line), 9, "{line}");
    }
    // The raw block's fence is longer than any backtick run inside it.
    assert!(md.contains("\n````text\n"), "{md}");
}

#[test]
fn html_is_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    trace_path()
        .args(["-f", "html", "-o"])
        .arg(&target)
        .arg(sample("postfix-relay.eml"))
        .assert()
        .success();
    let html = std::fs::read_to_string(target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</html>\n"));
}

/// Where the journey ended is the last row of the hop list in every
/// format: the server that refused a bounced message, the one delaying a
/// delayed one, the mailbox of a delivered one. JSON says it in `stop`
/// alone, as before.
#[test]
fn the_end_of_the_journey_is_the_hop_lists_last_row() {
    let cases = [
        (
            "✗",
            "FAIL",
            "mx.example.net [192.0.2.9] refused at RCPT: 550 5.1.1 unknown user",
            "bounces/dsn-unknown-user.eml",
        ),
        (
            "…",
            "...",
            "mx.example.net [192.0.2.9] delaying at RCPT: 451 4.7.1 greylisted",
            "bounces/dsn-delayed-greylist.eml",
        ),
        ("✓", "ok", "delivered to the mailbox", "postfix-relay.eml"),
    ];
    for (mark, ascii, words, file) in cases {
        let path = sample(file);
        let path = path.to_str().unwrap();
        let text = |format: &str| String::from_utf8(output(&["-f", format, path])).unwrap();

        // The table: the end row right under the last hop, above the rest.
        let table = text("table");
        let row = format!("│ {mark} ┆ {words}");
        let at = table
            .find(&row)
            .unwrap_or_else(|| panic!("{file}:\n{table}"));
        assert!(!table[at..].contains("┆ +"), "{file}: a hop after the end");
        assert!(table[at..].contains("Verdict:"), "{file}");

        // Plain text: the last line of the hop blocks.
        let plain = text("text");
        let hops = plain.split("\n\nWhere it stopped").next().unwrap();
        let last = hops.lines().last().unwrap();
        assert_eq!(last, format!("{ascii:<5} {words}"), "{file}");

        // Markdown: the hop table's last row.
        let markdown = text("markdown");
        let table_rows: Vec<&str> = markdown
            .split("## Hops")
            .nth(1)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with('|'))
            .collect();
        let last = table_rows.last().unwrap();
        assert!(last.starts_with(&format!("| {mark} |")), "{file}: {last}");
        assert!(
            last.contains(&words.replace('[', "\\[").replace(']', "\\]")),
            "{last}"
        );

        // HTML: the hop table's last row, after every hop's.
        let html = scraper::Html::parse_document(&text("html"));
        let rows = scraper::Selector::parse("table.hops tbody tr").unwrap();
        let last = html.select(&rows).next_back().unwrap();
        assert!(last.value().classes().any(|c| c == "end"), "{file}");
        assert!(last.text().collect::<String>().contains(words), "{file}");

        // JSON: no end row, the stop object as it was.
        let json = text("json");
        assert!(!json.contains(words), "{file}: JSON changed");
    }
}

/// Servers whose clocks disagree by hours give a negative total: every
/// format says the transit time is unknown, never "-6 h".
#[test]
fn a_negative_total_transit_is_never_a_duration() {
    let message = "Received: from mx.example.net (mx.example.net [198.51.100.7]) by mail.example.org with ESMTP id 2; Mon, 23 Nov 2026 04:00:00 +0000\n\
Received: from out.example.com (out.example.com [192.0.2.7]) by mx.example.net with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0000\n\
From: a@example.com\nSubject: s\n\nbody\n";
    for format in ["table", "text", "markdown", "html"] {
        let out = trace_path()
            .args(["-f", format, "--color", "never"])
            .write_stdin(message)
            .output()
            .expect("runs");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("clocks disagree"), "{format}:\n{text}");
        // The hop's own delay is signed (-6 h 0 min); the total never is.
        let total = text
            .lines()
            .find(|l| l.contains("Total transit"))
            .unwrap_or_else(|| panic!("{format}: no total:\n{text}"));
        assert!(!total.contains("-6"), "{format}: {total}");
    }
}
