//! The terminal table at the widths terminals have (60, 80, 100, 120 and
//! 200 columns, given as `COLUMNS`), for long real-shaped messages: IPv6
//! hops, long provider host names, bounces. Each output is a snapshot
//! (`tests/snapshots/widths__*`), and every one is checked for what a
//! reader needs: no line wider than the terminal (but a word longer than
//! the width, alone on its line), and every address, host name, date,
//! time, status code, trust label and finding code of the report whole on
//! one line.

use serde_json::Value;
use trace_path::text::display_width;

use crate::support::{stdout_of, trace_path, trace_path_with_providers};

const WIDTHS: [usize; 5] = [60, 80, 100, 120, 200];

/// Samples with what breaks a naive table: IPv6 addresses, 40-50 character
/// provider host names, a bounce with a long diagnostic, a delay notice.
const SAMPLES: [&str; 6] = [
    "samples/office365.eml",
    "samples/m365-inbound-junk.eml",
    "samples/proofpoint-m365.eml",
    "samples/bounces/exchange-365-spamhaus.eml",
    "samples/bounces/dsn-unknown-user.eml",
    "samples/bounces/dsn-delayed-greylist.eml",
];

/// Laid out as a user with the providers' stand-ins in their config sees
/// it (the golden tests' setting).
fn table(path: &str, width: usize) -> String {
    stdout_of(
        trace_path_with_providers()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("COLUMNS", width.to_string())
            .args(["--color", "never", path]),
    )
}

/// What must be read whole: every address, host name, date, time, code
/// and trust label the report holds.
fn tokens(path: &str) -> Vec<String> {
    let json = stdout_of(
        trace_path_with_providers()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-f", "json", path]),
    );
    let report: Value = serde_json::from_str(&json).expect("JSON");
    let mut tokens = Vec::new();
    let mut push = |v: &Value| {
        if let Some(s) = v.as_str().filter(|s| !s.is_empty()) {
            tokens.push(s.to_string());
        } else if let Some(n) = v.as_u64() {
            tokens.push(n.to_string());
        }
    };
    for hop in report["hops"].as_array().unwrap() {
        for key in ["helo", "rdns", "ip"] {
            push(&hop["from"][key]);
        }
        for key in ["host", "ip"] {
            push(&hop["by"][key]);
        }
        if let Some(t) = hop["timestamp"].as_str() {
            // 2026-11-23T10:15:02Z: the date and the time.
            let (date, time) = t.trim_end_matches('Z').split_once('T').unwrap();
            push(&Value::from(date));
            push(&Value::from(time));
        }
        push(&match hop["trust"].as_str().unwrap() {
            "trustworthy" => Value::from("✔ trustworthy"),
            other => Value::from(other),
        });
        for finding in hop["findings"].as_array().unwrap() {
            push(&finding["code"]);
        }
    }
    for key in ["reply_code", "status", "remote_mta", "remote_ip", "reason"] {
        push(&report["stop"][key]);
    }
    for finding in report["findings"].as_array().unwrap() {
        push(&finding["code"]);
    }
    tokens
}

/// No line wider than `width`, unless it is one word too long for any
/// line; every token whole on some line.
fn check(path: &str, width: usize, out: &str) {
    for line in out.lines() {
        let words: Vec<&str> = line
            .split([' ', '│', '┆'])
            .filter(|w| !w.is_empty())
            .collect();
        assert!(
            display_width(line) <= width || (words.len() == 1 && display_width(words[0]) > width),
            "{path} at {width}: a line of {} columns:\n{line}\n\n{out}",
            display_width(line)
        );
    }
    for token in tokens(path) {
        assert!(
            out.lines().any(|l| l.contains(&token)),
            "{path} at {width}: {token:?} is not whole on one line:\n{out}"
        );
    }
}

#[test]
fn the_table_fits_every_width_and_cuts_no_token() {
    for path in SAMPLES {
        let name = path.rsplit('/').next().unwrap();
        for width in WIDTHS {
            let out = table(path, width);
            check(path, width, &out);
            insta::with_settings!(
                { snapshot_path => "../snapshots", prepend_module_to_snapshot => false },
                { insta::assert_snapshot!(format!("widths__{name}@{width}"), out) }
            );
        }
    }
}

/// Columns empty for every hop are left out; a hop takes a few lines at
/// 80 columns (stacked when the grid cannot hold it).
#[test]
fn no_empty_column_and_few_lines_per_hop() {
    for path in SAMPLES {
        let json = stdout_of(
            trace_path_with_providers()
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["-f", "json", path]),
        );
        let report: Value = serde_json::from_str(&json).expect("JSON");
        let hops = report["hops"].as_array().unwrap();
        let notes = hops
            .iter()
            .any(|h| !h["findings"].as_array().unwrap().is_empty());
        for width in WIDTHS {
            let out = table(path, width);
            assert!(notes || !out.contains("Notes"), "{path} at {width}:\n{out}");
        }
        let out = table(path, 80);
        let list: Vec<&str> = out
            .lines()
            .take_while(|l| !l.starts_with("Stopped here") && !l.starts_with("Total transit"))
            .collect();
        assert!(
            list.len() <= 6 * hops.len() + 6,
            "{path}: {} lines for {} hops at 80 columns:\n{out}",
            list.len(),
            hops.len()
        );
    }
}

/// Without `COLUMNS` and with the output in a pipe, the table is laid out
/// for 100 columns; `COLUMNS` is honoured even through a pipe.
#[test]
fn a_pipe_gets_100_columns_unless_columns_says_otherwise() {
    let widest = |out: &str| out.lines().map(display_width).max().unwrap();
    let piped = stdout_of(trace_path().current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "--color",
        "never",
        "samples/office365.eml",
    ]));
    assert!(widest(&piped) <= 100, "{piped}");
    assert!(widest(&piped) > 80, "{piped}");
    let narrow = table("samples/office365.eml", 72);
    assert!(widest(&narrow) <= 72, "{narrow}");
}

/// Narrower than any real terminal, down to the 20-column floor: the
/// table still ends and still cuts no token (a labelled host name longer
/// than the line stands alone on its line, over the edge).
#[test]
fn very_narrow_terminals_cut_no_token_either() {
    for path in SAMPLES {
        for width in [1, 20, 40] {
            let out = table(path, width);
            assert!(out.contains("Verdict:"), "{path} at {width}");
            for token in tokens(path) {
                assert!(
                    out.lines().any(|l| l.contains(&token)),
                    "{path} at {width}: {token:?} cut:\n{out}"
                );
            }
        }
    }
}
