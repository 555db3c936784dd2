//! What users expect around the binary: completions, a man page,
//! `--version`, `--help` with examples, and subcommand names that never
//! shadow a message file.

use crate::support::{SMALL_MESSAGE, trace_path, trace_path_online};

/// Runs with exactly these arguments (a subcommand must come first).
fn run(args: &[&str]) -> String {
    crate::support::stdout_of(trace_path_online().args(args))
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = run(&["completions", shell]);
        assert!(script.contains("trace-path"), "{shell}");
        assert!(script.contains("redact"), "{shell} completes --redact");
        if shell != "powershell" {
            assert!(
                script.contains("markdown"),
                "{shell} completes format values"
            );
        }
    }
}

#[test]
fn man_page_is_roff_with_examples_and_exit_codes() {
    let man = run(&["man"]);
    assert!(man.contains(".TH trace-path 1"));
    assert!(man.contains("\\-\\-redact"));
    assert!(man.contains("Exit codes"));
    assert!(man.contains("markdown"));
}

#[test]
fn version_and_help() {
    let version = run(&["--version"]);
    assert_eq!(
        version,
        format!("trace-path {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = run(&["--help"]);
    for needle in [
        "-f markdown -o report.md",
        "--redact",
        "completions bash",
        "./completions",
        "Exit codes",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn a_file_named_like_a_subcommand_is_read_with_a_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("completions"), SMALL_MESSAGE).unwrap();
    let out = trace_path()
        .current_dir(dir.path())
        .args(["-f", "json", "./completions"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["hops"].as_array().unwrap().len(), 3);
    // After `--` every word is a file.
    let out = trace_path()
        .current_dir(dir.path())
        .args(["-f", "json", "--", "completions"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn subcommand_misuse_is_a_usage_error() {
    for args in [
        &["completions"][..],
        &["completions", "tcsh"],
        &["man", "extra"],
    ] {
        let out = trace_path_online().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    // After a trace option, a subcommand name is a file name.
    let out = trace_path().args(["--redact", "man"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("man: no such file"));
}
