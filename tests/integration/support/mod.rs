//! Helpers shared by the test modules: run the built binary in a clean,
//! reproducible environment (here), label bounces (`bounce_labels`), serve
//! DNS (`dns`), read Received parser cases (`received_cases`).

pub mod bounce_labels;
pub mod dns;
pub mod received_cases;
pub mod signing;

use std::path::PathBuf;

use assert_cmd::Command;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};

/// Fixed report time for reproducible output (2026-12-01T00:00:00Z).
pub const REPORT_TIME: &str = "1796083200";

/// The binary, isolated from the user's config and terminal settings
/// (`COLUMNS` unset: the table is laid out for 100 columns), and
/// offline (`--no-dns`): reports must not depend on the machine's resolver.
/// DNS tests use [`trace_path_online`] with a test server instead.
pub fn trace_path() -> Command {
    let mut cmd = trace_path_online();
    cmd.arg("--no-dns");
    cmd
}

/// The config file naming stand-ins for the large providers by the example
/// names the samples use: the samples stand in for real providers' mail,
/// which the built-in provider list recognises by their real names.
pub const PROVIDERS_CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/providers/config.toml"
);

/// Like [`trace_path`], with the providers' stand-ins
/// ([`PROVIDERS_CONFIG`]), as a user who added them to their config.
pub fn trace_path_with_providers() -> Command {
    let mut cmd = trace_path();
    cmd.env("TRACE_PATH_CONFIG", PROVIDERS_CONFIG);
    cmd
}

/// Like [`trace_path`] but with DNS on: give it `--resolver` for a test
/// server, never leave it on the system resolver.
pub fn trace_path_online() -> Command {
    let mut cmd = Command::cargo_bin("trace-path").expect("binary built");
    cmd.env("SOURCE_DATE_EPOCH", REPORT_TIME)
        .env(
            "TRACE_PATH_CONFIG",
            "/nonexistent/trace-path-test-config.toml",
        )
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("XDG_CONFIG_HOME");
    cmd
}

/// proptest settings: `cases` cases, and a failing case saved next to the
/// test's source file (`<module>.proptest-regressions`, read back on every
/// run). proptest's default would save it under tests/proptest-regressions/
/// instead, since this binary has a main.rs.
pub fn proptest_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Runs the command, asserts it succeeded, and returns its standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Every `--format` name, from the library's list, so a new format is
/// tested without being named here.
pub fn formats() -> Vec<String> {
    trace_path::render::Format::all()
        .iter()
        .map(|f| f.name())
        .collect()
}

/// The formats that write the report document (the ticket formats:
/// `text`, `markdown`, `html`, and any added after them).
pub fn document_formats() -> Vec<String> {
    trace_path::render::Format::all()
        .iter()
        .filter(|f| f.is_document())
        .map(|f| f.name())
        .collect()
}

/// Runs with `--format json` and parses the report.
pub fn json_report(args: &[&str]) -> serde_json::Value {
    let out = stdout_of(trace_path().args(["--format", "json"]).args(args));
    serde_json::from_str(&out).expect("valid JSON")
}

/// A small three-hop message used by tests that need some valid mail.
pub const SMALL_MESSAGE: &str = "\
Received: from mx.example.net (mx.example.net [198.51.100.10])
\tby mailbox.example.net (Postfix) with ESMTPS id 4XyzA1
\tfor <bob@example.net>; Mon, 23 Nov 2026 10:15:09 +0000
Received: from mail.example.org (mail.example.org [192.0.2.7])
\tby mx.example.net (Postfix) with ESMTPS id 4XyzB2
\tfor <bob@example.net>; Mon, 23 Nov 2026 11:15:05 +0100
Received: from [192.168.1.23] (unknown [203.0.113.5])
\t(Authenticated sender: alice@example.org)
\tby mail.example.org (Postfix) with ESMTPSA id 4XyzC3;
\tMon, 23 Nov 2026 05:15:02 -0500
From: Alice <alice@example.org>
To: Bob <bob@example.net>
Subject: Lunch
Date: Mon, 23 Nov 2026 11:15:00 +0100
Message-ID: <lunch-1@example.org>

See you at noon.
";

/// Renders the report in every format and checks each is safe to print:
/// valid UTF-8 without a control character; `text` is ASCII within 80
/// columns.
pub fn assert_renders_safely(report: &trace_path::model::Report) {
    use trace_path::render::{self, Format, Style};
    for &format in Format::all() {
        let mut out = Vec::new();
        render::renderer(format, Style::default())
            .render(std::slice::from_ref(report), &mut out)
            .unwrap();
        let text = String::from_utf8(out).expect("renderers write UTF-8");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{format:?} wrote a control character"
        );
        if format == Format::Text {
            assert!(text.is_ascii(), "text is ASCII");
            assert!(text.lines().all(|l| l.len() <= 80), "text fits 80 columns");
        }
    }
}

/// The finding codes of a JSON `findings` array (a report's or a hop's),
/// in order.
pub fn codes(findings: &serde_json::Value) -> Vec<String> {
    findings
        .as_array()
        .expect("a findings array")
        .iter()
        .map(|f| f["code"].as_str().expect("a code").to_string())
        .collect()
}
