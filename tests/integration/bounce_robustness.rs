//! The bounce readers on arbitrary, damaged and hostile input: the DSN
//! parser, the plain-text extractor and the whole pipeline on damaged
//! bounces never panic, never hang, and keep their caps; renderings carry
//! no control character.

use std::time::{Duration, Instant};

use chrono::DateTime;
use proptest::prelude::*;
use trace_path::input::Input;
use trace_path::stop::{dsn, reply, text};
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

const DSN_SEED: &str = include_str!("../../samples/bounces/dsn-multi-recipient.eml");
const EXIM_SEED: &str = include_str!("../../samples/bounces/exim-unknown-user.eml");
const SENDMAIL_SEED: &str = include_str!("../../samples/bounces/sendmail-content-spam.eml");
const EXCHANGE_SEED: &str = include_str!("../../samples/bounces/exchange-365-dmarc.eml");

/// A hang guard, not a speed test: generous for a debug build on a busy machine.
const BOUND: Duration = Duration::from_secs(20);

fn options() -> TraceOptions {
    TraceOptions {
        trusted: TrustedRelays::default(),
        now: DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
        redact: false,
        keep_signed: false,
    }
}

/// Traces and renders in every format; returns the report when there is one.
fn check(bytes: Vec<u8>) -> Option<trace_path::model::Report> {
    let report = trace(&Input::new("fuzz", bytes), &options()).ok()?;
    assert!(report.stop.recipients.len() <= dsn::MAX_RECIPIENTS);
    if let Some(d) = &report.stop.primary.diagnostic {
        assert!(d.chars().count() <= reply::MAX_DIAGNOSTIC_CHARS + 1);
    }
    crate::support::assert_renders_safely(&report);
    Some(report)
}

/// Applies byte-level damage: at each cut, replace `len` bytes by `byte`.
fn damage(seed: &str, cuts: Vec<(usize, usize, u8)>) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for (at, len, byte) in cuts {
        let at = at % (bytes.len() + 1);
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, std::iter::repeat_n(byte, len % 7));
    }
    bytes
}

/// Text-level damage: delete, duplicate or swap whole lines.
fn shuffle_lines(seed: &str, ops: Vec<(u8, usize, usize)>) -> String {
    let mut lines: Vec<&str> = seed.lines().collect();
    for (op, a, b) in ops {
        if lines.is_empty() {
            break;
        }
        let (a, b) = (a % lines.len(), b % lines.len());
        match op % 3 {
            0 => {
                lines.remove(a);
            }
            1 => lines.insert(b, lines[a]),
            _ => lines.swap(a, b),
        }
    }
    lines.join("\n")
}

fn dsn_part(seed: &str) -> &str {
    let start = seed.find("Reporting-MTA").unwrap_or(0);
    &seed[start..]
}

/// Pieces bounces are made of, for random assembly.
const PIECES: &[&str] = &[
    "Final-Recipient: rfc822; bob@example.net\n",
    "Original-Recipient: utf-8; jos\\x{E9}@example.net\n",
    "Action: failed\n",
    "Action: delayed\n",
    "Status: 5.1.1\n",
    "Status: 4.4.7 (expired)\n",
    "Remote-MTA: dns; mx.example.net. (192.0.2.9, the server)\n",
    "Diagnostic-Code: smtp; 550-5.1.1 first\n 550 5.1.1 last\n",
    "Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.9]:25: Connection refused\n",
    "\n",
    "  \t\n",
    "<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1\n",
    "    (in reply to RCPT TO command)\n",
    ">>> RCPT TO:<bob@example.net>\n",
    "<<< 552 5.2.2 Mailbox full\n",
    "  bob@example.net\n",
    "    host mx.example.net [192.0.2.9]\n",
    "Remote Server returned '554 5.4.14 loop'\n",
    "The response was:\n",
    "Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\n",
    "------ This is a copy of the message, including all the headers. ------\n",
    "(#5.1.2)\n",
    "550",
    "-",
    "#",
    "<",
    ">",
    ":",
    "[",
    "é",
    "\u{202e}",
    "\u{1b}[2J",
];

proptest! {
    #![proptest_config(crate::support::proptest_config(256))]

    #[test]
    fn dsn_parser_takes_any_text(text in "\\PC{0,600}") {
        let r = dsn::parse(&text);
        prop_assert!(r.recipients.len() <= dsn::MAX_RECIPIENTS);
    }

    #[test]
    fn dsn_parser_takes_assembled_fields(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        let r = dsn::parse(&text);
        prop_assert!(r.recipients.len() <= dsn::MAX_RECIPIENTS);
    }

    #[test]
    fn dsn_parser_takes_damaged_reports(ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 0..20)) {
        let text = shuffle_lines(dsn_part(DSN_SEED), ops);
        let _ = dsn::parse(&text);
    }

    #[test]
    fn text_extractor_takes_any_text(text in "\\PC{0,800}", subject in "\\PC{0,40}") {
        let r = text::read(&text, Some(&subject), &[], &[]);
        prop_assert!(r.recipients.len() <= text::MAX_RECIPIENTS);
    }

    #[test]
    fn text_extractor_takes_assembled_pieces(parts in proptest::collection::vec(0..PIECES.len(), 0..80)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        let r = text::read(&text, None, &[], &[]);
        for o in &r.recipients {
            if let Some(d) = &o.diagnostic {
                prop_assert!(d.chars().count() <= reply::MAX_DIAGNOSTIC_CHARS + 1);
            }
        }
    }

    #[test]
    fn reply_parser_takes_any_text(text in "\\PC{0,300}") {
        let r = reply::parse(&text);
        prop_assert!(r.cleaned.chars().count() <= reply::MAX_DIAGNOSTIC_CHARS + 1);
    }

    #[test]
    fn damaged_bounces_never_panic(
        seed in 0usize..4,
        cuts in proptest::collection::vec((any::<usize>(), 0usize..40, any::<u8>()), 1..12)
    ) {
        let seed = [DSN_SEED, EXIM_SEED, SENDMAIL_SEED, EXCHANGE_SEED][seed];
        check(damage(seed, cuts));
    }

    #[test]
    fn reshuffled_bounces_never_panic(
        seed in 0usize..4,
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 0..25)
    ) {
        let seed = [DSN_SEED, EXIM_SEED, SENDMAIL_SEED, EXCHANGE_SEED][seed];
        check(shuffle_lines(seed, ops).into_bytes());
    }
}

fn timed(bytes: Vec<u8>) -> trace_path::model::Report {
    let start = Instant::now();
    let report = check(bytes).expect("a report");
    assert!(start.elapsed() < BOUND, "took {:?}", start.elapsed());
    report
}

const BOUNCE_HEAD: &str = "From: MAILER-DAEMON@mail.example.org\nTo: alice@example.org\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n";

/// A bounce returning a message that returns a message... `depth` deep.
fn nested(depth: usize) -> Vec<u8> {
    let mut msg = format!(
        "{BOUNCE_HEAD}Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\n\n--B\nContent-Type: message/rfc822\n\n"
    );
    for i in 0..depth {
        msg.push_str(&format!(
            "Received: from a{i}.example.org by b.example.org; Mon, 23 Nov 2026 10:00:00 +0000\nContent-Type: message/rfc822\n\n"
        ));
    }
    msg.push_str("Subject: bottom\n\nbody\n--B--\n");
    msg.into_bytes()
}

/// Runs on a thread with a small stack, as a worker thread would have.
fn on_small_stack(bytes: Vec<u8>) -> trace_path::model::Report {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || timed(bytes))
        .unwrap()
        .join()
        .expect("no stack overflow")
}

#[test]
fn nested_returned_messages_within_the_cap_are_read() {
    let report = on_small_stack(nested(90));
    assert_eq!(report.stop.kind.as_str(), "bounced");
    assert_eq!(
        report.stop.primary.status.map(|s| s.to_string()).as_deref(),
        Some("5.1.1")
    );
    assert_eq!(report.hops.len(), 1);
}

#[test]
fn deeply_nested_bounces_are_refused_with_a_finding() {
    let report = on_small_stack(nested(200_000));
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"bounce-unreadable"), "{codes:?}");
    assert!(report.hops.is_empty());
}

#[test]
fn huge_parts_are_read_within_bounds() {
    // A 16 MiB delivery-status part with 20,000 recipients and a 16 MiB text part.
    let mut msg = format!(
        "{BOUNCE_HEAD}Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
    );
    let line = "550 550 550 host host [192.0.2.1] <a@b.example>: ".repeat(20);
    while msg.len() < 16 * 1024 * 1024 {
        msg.push_str(&line);
        msg.push('\n');
    }
    msg.push_str(
        "\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.org\n\n",
    );
    for i in 0..20_000 {
        msg.push_str(&format!(
            "Final-Recipient: rfc822; u{i}@example.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 {}\n\n",
            "x".repeat(700)
        ));
    }
    msg.push_str("--B--\n");
    let report = timed(msg.into_bytes());
    assert_eq!(report.stop.recipients.len(), dsn::MAX_RECIPIENTS);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code.as_str() == "too-many-recipients")
    );
}

#[test]
fn one_long_line_of_codes_is_linear() {
    let body = "550 ".repeat(2_000_000);
    let msg = format!("{BOUNCE_HEAD}\n{body}\n");
    timed(msg.into_bytes());
}

#[test]
fn a_boundary_bomb_in_a_bounce() {
    let mut msg = format!(
        "{BOUNCE_HEAD}Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
    );
    for _ in 0..50_000 {
        msg.push_str("--b\nContent-Type: multipart/mixed; boundary=\"b\"\n\n");
    }
    msg.push_str("--b--\n");
    let report = timed(msg.into_bytes());
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code.as_str() == "bounce-unreadable")
    );
}
