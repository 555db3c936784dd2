//! Golden tests: every bundled sample's JSON report and table (and the
//! held-out bounces', tests/heldout/bounces/), as the binary prints them. A
//! change in output shows up as a snapshot diff to review (accept with
//! `INSTA_UPDATE=always cargo test`).

use std::path::Path;

use crate::support::{document_formats, trace_path_with_providers};

/// `insta::assert_snapshot!` against `{dir}/golden__{name}.snap`, `dir`
/// relative to this file (default `../snapshots`, i.e. tests/snapshots/):
/// the files keep the names they had when this module was a test binary of
/// its own (insta would now prefix `integration__golden__`).
macro_rules! assert_golden {
    ($name:expr, $value:expr) => {
        assert_golden!("../snapshots", $name, $value)
    };
    ($dir:expr, $name:expr, $value:expr) => {
        insta::with_settings!(
            { snapshot_path => $dir, prepend_module_to_snapshot => false },
            { insta::assert_snapshot!(format!("golden__{}", $name), $value) }
        )
    };
}

/// The bounce corpora: the samples' directory and the snapshots' (from
/// this file). The held-out bounces keep their snapshots with them.
const BOUNCE_CORPORA: [(&str, &str); 2] = [
    ("samples/bounces", "../snapshots"),
    ("tests/heldout/bounces", "../heldout/bounces/snapshots"),
];

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
    run_path(args, &format!("samples/{sample}"))
}

/// Runs on `path`, relative to the crate root, with the config that names
/// the large providers by the example names the samples use
/// (tests/fixtures/providers/config.toml): the samples stand in for real
/// providers' mail, which the built-in provider list recognises by their
/// real names.
fn run_path(args: &[&str], path: &str) -> String {
    let out = trace_path_with_providers()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .arg(path)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{path}: {}",
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
        assert_golden!(format!("json@{sample}"), json);
    }
}

#[test]
fn table_of_every_sample() {
    for sample in samples() {
        let table = run(&["--color", "never"], &sample);
        assert_golden!(format!("table@{sample}"), table);
    }
}

/// Every bounce sample in `dir` (from the crate root), sorted.
fn bounce_samples(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml") || n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

#[test]
fn json_of_every_bounce() {
    for (dir, snapshots) in BOUNCE_CORPORA {
        for sample in bounce_samples(dir) {
            let json = run_path(&["--format", "json"], &format!("{dir}/{sample}"));
            assert_golden!(snapshots, format!("bounce-json@{sample}"), json);
        }
    }
}

#[test]
fn table_of_every_bounce() {
    for (dir, snapshots) in BOUNCE_CORPORA {
        for sample in bounce_samples(dir) {
            let table = run_path(&["--color", "never"], &format!("{dir}/{sample}"));
            assert_golden!(snapshots, format!("bounce-table@{sample}"), table);
        }
    }
}

/// Every sample in each ticket format (`markdown@gmail.eml`, ...).
#[test]
fn documents_of_every_sample() {
    for format in document_formats() {
        for sample in samples() {
            let out = run(&["--format", &format], &sample);
            assert_golden!(format!("{format}@{sample}"), out);
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
            assert_golden!(format!("bounce-{format}@{sample}"), out);
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
        assert_golden!(format!("redacted-{format}@postfix-relay.eml"), out);
    }
    let out = run(
        &["--format", "markdown", "--redact"],
        "bounces/dsn-multi-recipient.eml",
    );
    assert_golden!("redacted-markdown@dsn-multi-recipient.eml", out);
}
