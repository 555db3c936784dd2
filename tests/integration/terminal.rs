//! The interactive paste, driven for real in a pseudo-terminal.

#![cfg(unix)]

use std::process::Command;

use rexpect::session::spawn_command;

#[test]
fn prompts_on_a_terminal_and_traces_the_paste() {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("trace-path"));
    cmd.env("SOURCE_DATE_EPOCH", crate::support::REPORT_TIME)
        .env("TRACE_PATH_CONFIG", "/nonexistent/config.toml")
        .env("NO_COLOR", "1")
        .arg("--color")
        .arg("never")
        .arg("--no-dns");
    let mut session = spawn_command(cmd, Some(20_000)).expect("spawn in a pty");
    session
        .exp_string("Paste the message or its headers")
        .expect("prompt");
    session
        .exp_string("Show original")
        .expect("says what to paste");
    session.exp_string("Ctrl-D").expect("says how to finish");
    session
        .exp_string("Ctrl-Z, then Enter")
        .expect("and how on Windows");
    for line in crate::support::SMALL_MESSAGE.lines() {
        session.send_line(line).expect("type a line");
    }
    session.send_control('d').expect("Ctrl-D");
    let out = session
        .exp_string("Verdict: Delivered in 7 s over 3 hops")
        .expect("verdict");
    // rexpect reads bytes as Latin-1, so look for ASCII text only.
    assert!(
        out.contains("Time (UTC)") && out.contains("trustworthy") && out.contains("203.0.113.5"),
        "table printed: {out}"
    );
    session
        .exp_string("trace-path -f markdown -o report.md")
        .expect("hint on how to save a ticket report");
    session.exp_eof().expect("exits after the report");
}

#[test]
fn no_save_hint_when_a_file_is_given() {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("trace-path"));
    cmd.env("SOURCE_DATE_EPOCH", crate::support::REPORT_TIME)
        .env("TRACE_PATH_CONFIG", "/nonexistent/config.toml")
        .args(["--color", "never"])
        .arg(crate::support::sample("postfix-relay.eml"));
    let mut session = spawn_command(cmd, Some(20_000)).expect("spawn in a pty");
    let out = session.exp_eof().expect("runs to the end");
    assert!(out.contains("Verdict:"), "{out}");
    assert!(!out.contains("report.md"), "{out}");
    assert!(!out.contains("Paste the message"), "{out}");
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let run = |no_color: bool| {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("trace-path"));
        cmd.env("SOURCE_DATE_EPOCH", crate::support::REPORT_TIME)
            .env("TRACE_PATH_CONFIG", "/nonexistent/config.toml")
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .arg("--no-dns")
            .arg(crate::support::sample("postfix-relay.eml"));
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut session = spawn_command(cmd, Some(20_000)).expect("spawn in a pty");
        let out = session.exp_eof().expect("runs to the end");
        assert!(out.contains("Verdict:"), "{out}");
        out.contains("\x1b[")
    };
    assert!(run(false), "colours on a terminal");
    assert!(!run(true), "NO_COLOR turns them off");
}
