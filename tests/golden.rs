//! Golden tests: every bundled sample's JSON report and table, as the
//! binary prints them. A change in output shows up as a snapshot diff to
//! review (accept with `INSTA_UPDATE=always cargo test`).

mod common;

use std::path::Path;

use common::{document_formats, trace_path};

/// Every sample file, sorted, as paths relative to the crate root (so the
/// reports' `input.name` does not depend on where the repo is checked out).
fn samples() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("samples"))
        .expect("samples/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml") || n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

fn run(args: &[&str], sample: &str) -> String {
    let out = trace_path()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .arg(format!("samples/{sample}"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{sample}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn there_are_enough_samples() {
    assert!(samples().len() >= 15, "{:?}", samples());
}

#[test]
fn json_of_every_sample() {
    for sample in samples() {
        let json = run(&["--format", "json"], &sample);
        insta::assert_snapshot!(format!("json@{sample}"), json);
    }
}

#[test]
fn table_of_every_sample() {
    for sample in samples() {
        let table = run(&["--color", "never"], &sample);
        insta::assert_snapshot!(format!("table@{sample}"), table);
    }
}

/// Every bounce sample under `samples/bounces/`, sorted.
fn bounce_samples() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("samples").join("bounces"))
        .expect("samples/bounces/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml") || n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

#[test]
fn json_of_every_bounce() {
    for sample in bounce_samples() {
        let json = run(&["--format", "json"], &format!("bounces/{sample}"));
        insta::assert_snapshot!(format!("bounce-json@{sample}"), json);
    }
}

#[test]
fn table_of_every_bounce() {
    for sample in bounce_samples() {
        let table = run(&["--color", "never"], &format!("bounces/{sample}"));
        insta::assert_snapshot!(format!("bounce-table@{sample}"), table);
    }
}

/// Every sample in each ticket format (`markdown@gmail.eml`, ...).
#[test]
fn documents_of_every_sample() {
    for format in document_formats() {
        for sample in samples() {
            let out = run(&["--format", &format], &sample);
            insta::assert_snapshot!(format!("{format}@{sample}"), out);
        }
    }
}

/// Bounces in the ticket formats: a DSN with several recipients, a delay
/// notice, and plain-text bounces of three MTA families.
#[test]
fn ticket_formats_of_bounces() {
    for sample in [
        "dsn-multi-recipient.eml",
        "dsn-delayed-greylist.eml",
        "postfix-rdns.eml",
        "exchange-365-spamhaus.eml",
        "gmail-unknown-user.eml",
    ] {
        for format in document_formats() {
            let out = run(&["--format", &format], &format!("bounces/{sample}"));
            insta::assert_snapshot!(format!("bounce-{format}@{sample}"), out);
        }
    }
}

/// The ticket formats with every option that changes them: trusted relays
/// named, and redaction.
#[test]
fn redacted_ticket_formats() {
    let args = ["--trust", "*.example.com", "--redact"];
    for format in document_formats().into_iter().chain(["json".into()]) {
        let out = run(
            &[&["--format", &format][..], &args].concat(),
            "postfix-relay.eml",
        );
        insta::assert_snapshot!(format!("redacted-{format}@postfix-relay.eml"), out);
    }
    let out = run(
        &["--format", "markdown", "--redact"],
        "bounces/dsn-multi-recipient.eml",
    );
    insta::assert_snapshot!("redacted-markdown@dsn-multi-recipient.eml", out);
}
