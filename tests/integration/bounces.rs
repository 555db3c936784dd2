//! The labelled bounce corpus: for every sample under `samples/bounces/`,
//! what the bounce itself says (kind, reply code, enhanced status, SMTP
//! stage, reason, remote MTA and IP, and how many Received headers the
//! returned message carries), written from the sample's text, not from the
//! code. The test reports per-family accuracy (family = the file name up to
//! its first `-`) and fails on any difference.
//!
//! Run `cargo test --test integration -- --exact
//! bounces::labelled_bounces_per_family_accuracy --nocapture` to see the
//! accuracy table.

use crate::support::bounce_labels::*;
use chrono::Utc;
use trace_path::input::Input;
use trace_path::model::ParseQuality;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

#[rustfmt::skip]
const LABELS: &[Label] = labels![
    // RFC 3464 / RFC 6533 reports (Postfix, Sendmail, unnamed MTAs).
    "dsn-unknown-user.eml":       "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "dsn-multi-recipient.eml":    "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "dsn-delayed-greylist.eml":   "delayed",   Some(451), Some("4.7.1"), Some("rcpt"), Some("greylisted"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "dsn-delivered.eml":          "delivered", Some(250), Some("2.0.0"), N, Some("delivered"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "dsn-relayed.eml":            "delivered", Some(250), Some("2.0.0"), N, Some("delivered"), Some("legacy.example.com"), N, 1;
    "dsn-global-utf8.eml":        "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "dsn-sloppy-barracuda.eml":   "bounced",   Some(550), Some("5.7.1"), N, Some("blocklisted"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "dsn-expired.eml":            "bounced",   None,      Some("4.4.1"), Some("connect"), Some("expired"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "dsn-host-not-found.eml":     "bounced",   None,      Some("5.4.4"), N, Some("domain-not-found"), N, N, 3;
    "dsn-connection-refused.eml": "delayed",   None,      Some("4.4.1"), Some("connect"), Some("host-unreachable"), Some("mx.example.com"), Some("198.51.100.20"), 3;
    "dsn-forged-chain.eml":       "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("mailstore.example.net"), Some("198.51.100.30"), 3;
    // Postfix text without a delivery-status part.
    "postfix-relay-denied.eml":   "bounced",   Some(554), Some("5.7.1"), Some("rcpt"), Some("relay-denied"), Some("mx.example.com"), Some("198.51.100.20"), 3;
    "postfix-rdns.eml":           "bounced",   Some(550), Some("5.7.25"), Some("connect"), Some("rdns-or-helo"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "postfix-helo.eml":           "bounced",   Some(504), Some("5.5.2"), Some("rcpt"), Some("rdns-or-helo"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    "postfix-spf.eml":            "bounced",   Some(550), Some("5.7.23"), Some("rcpt"), Some("sender-rejected"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    // Exim.
    "exim-unknown-user.eml":      "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "exim-spamhaus.eml":          "bounced",   Some(554), Some("5.7.1"), Some("rcpt"), Some("blocklisted"), Some("mx.example.com"), Some("198.51.100.20"), 1;
    "exim-size.eml":              "bounced",   Some(552), Some("5.3.4"), Some("mail"), Some("message-too-large"), Some("mx.example.com"), Some("198.51.100.20"), 1;
    "exim-expired.eml":           "bounced",   None,      N, Some("connect"), Some("expired"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "exim-delay-warning.eml":     "delayed",   Some(452), Some("4.2.2"), Some("rcpt"), Some("mailbox-full"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    // Sendmail.
    "sendmail-unknown-user.eml":  "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("mx.example.net"), N, 2;
    "sendmail-headers-only.eml":  "bounced",   Some(552), Some("5.2.2"), Some("rcpt"), Some("mailbox-full"), Some("mx.example.net"), N, 2;
    "sendmail-content-spam.eml":  "bounced",   Some(554), Some("5.7.1"), Some("end-of-data"), Some("content-rejected"), Some("mx.example.com"), N, 2;
    // qmail.
    "qmail-unknown-user.eml":     "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), Some("192.0.2.9"), Some("192.0.2.9"), 2;
    "qmail-host-not-found.eml":   "bounced",   None,      Some("5.1.2"), N, Some("domain-not-found"), N, N, 2;
    "qmail-loop.eml":             "bounced",   None,      Some("5.4.6"), N, Some("loop"), N, N, 2;
    // Exchange / Office 365.
    "exchange-unknown-user.eml":  "bounced",   Some(550), Some("5.1.1"), N, Some("unknown-user"), Some("mx.example.net"), N, 2;
    "exchange-loop.eml":          "bounced",   Some(554), Some("5.4.14"), N, Some("loop"), N, N, 2;
    "exchange-size.eml":          "bounced",   Some(550), Some("5.2.3"), N, Some("message-too-large"), N, N, 2;
    "exchange-de-mailbox-full.eml": "bounced", Some(552), Some("5.2.2"), N, Some("mailbox-full"), N, N, 2;
    "exchange-lost-folding.eml":  "bounced",   Some(550), Some("5.1.1"), N, Some("unknown-user"), Some("mx.example.net"), N, 2;
    "exchange-365-dmarc.eml":     "bounced",   Some(550), Some("5.7.26"), N, Some("sender-rejected"), Some("mx.example.net"), N, 2;
    // Gmail.
    "gmail-unknown-user.eml":     "bounced",   Some(550), Some("5.1.1"), N, Some("unknown-user"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "gmail-content-blocked.eml":  "bounced",   Some(552), Some("5.7.0"), N, Some("content-rejected"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "gmail-dns-error.eml":        "bounced",   None,      N, N, Some("domain-not-found"), N, N, 1;
    // Yahoo.
    "yahoo-unknown-user.eml":     "bounced",   Some(550), Some("5.1.1"), Some("rcpt"), Some("unknown-user"), N, N, 1;
    "yahoo-policy.eml":           "bounced",   Some(554), Some("5.7.9"), Some("end-of-data"), Some("policy"), N, N, 1;
    // Courier, Lotus Domino.
    "courier-mailbox-full.eml":   "bounced",   Some(552), Some("5.2.2"), Some("rcpt"), Some("mailbox-full"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "domino-unknown-user.eml":    "bounced",   None,      N, N, Some("unknown-user"), N, N, 3;
    // Generic and non-English notices.
    "generic-fr-spam.eml":        "bounced",   Some(550), Some("5.7.1"), N, Some("content-rejected"), N, N, 1;
    "generic-es-unknown-user.eml": "bounced",  Some(550), Some("5.1.1"), N, Some("unknown-user"), N, N, 1;
    "generic-spamcop.eml":        "bounced",   Some(554), Some("5.7.1"), N, Some("blocklisted"), N, N, 1;
    "generic-rate-limit.eml":     "delayed",   Some(421), Some("4.7.28"), N, Some("rate-limited"), N, N, 1;
    // Written after the extractor, without changing it, to measure it on
    // unseen wording (see the closing note of issue 5).
    "exim-sender-verify.eml":     "bounced",   Some(550), N, Some("rcpt"), Some("sender-rejected"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "exim-spf-mail-from.eml":     "bounced",   Some(550), Some("5.7.1"), Some("mail"), Some("sender-rejected"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "sendmail-host-unknown.eml":  "bounced",   Some(550), Some("5.1.2"), N, Some("domain-not-found"), N, N, 2;
    "exchange-2003-relay.eml":    "bounced",   Some(550), Some("5.7.1"), N, Some("relay-denied"), N, N, 2;
    "exchange-365-spamhaus.eml":  "bounced",   Some(550), Some("5.7.1"), N, Some("blocklisted"), N, N, 2;
    "gmail-delayed-timeout.eml":  "delayed",   None,      Some("4.4.1"), Some("connect"), Some("host-unreachable"), Some("mx.example.net"), Some("192.0.2.9"), 1;
    "yahoo-no-mx.eml":            "bounced",   None,      N, N, Some("domain-not-found"), N, N, 1;
    "qmail-queue-expired.eml":    "bounced",   None,      Some("4.4.1"), Some("connect"), Some("expired"), N, N, 2;
    "postfix-loop.eml":           "bounced",   None,      N, N, Some("loop"), N, N, 3;
    "generic-it-mailbox-full.eml": "bounced",  Some(552), Some("5.2.2"), N, Some("mailbox-full"), N, N, 1;
    "dsn-no-status-field.eml":    "bounced",   Some(554), Some("5.7.1"), N, Some("policy"), Some("mx.example.net"), N, 3;
    "dsn-delayed-quota.eml":      "delayed",   Some(452), Some("4.2.2"), Some("rcpt"), Some("mailbox-full"), Some("mx.example.net"), Some("192.0.2.9"), 3;
    // Not bounces: an out-of-office reply and a read receipt.
    "autoreply-out-of-office.eml": "delivered", None,     N, N, N, N, N, 2;
    "autoreply-read-receipt.eml": "delivered", None,      N, N, N, N, N, 1;
];

#[test]
fn every_sample_is_labelled_and_every_label_has_a_sample() {
    let bounces = assert_labels_cover_samples(&samples_dir(), LABELS);
    assert!(bounces >= 30, "only {bounces} bounce samples");
}

#[test]
fn labelled_bounces_per_family_accuracy() {
    check_labels(&samples_dir(), LABELS);
}

#[test]
fn several_recipients_get_one_line_each() {
    let r = trace_sample("dsn-multi-recipient.eml");
    let got: Vec<(String, String, String, String)> = r
        .stop
        .recipients
        .iter()
        .map(|x| {
            let v = serde_json::to_value(x).unwrap();
            (
                v["address"].as_str().unwrap().to_string(),
                v["action"].as_str().unwrap().to_string(),
                v["status"].as_str().unwrap().to_string(),
                v["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("bob@example.net", "failed", "5.1.1", "unknown-user"),
        ("carol@example.com", "failed", "5.2.2", "mailbox-full"),
        ("dave@example.com", "failed", "5.2.1", "mailbox-disabled"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        r.stop.recipients[1].remote_mta.as_deref(),
        Some("mx.example.com")
    );
    assert!(
        r.verdict.contains("of 3 recipients: 3 failed"),
        "{}",
        r.verdict
    );
}

#[test]
fn verdicts_say_who_refused_when_and_why() {
    let r = trace_sample("dsn-unknown-user.eml");
    assert_eq!(
        r.verdict,
        "Bounced: mx.example.net [192.0.2.9] refused the message after RCPT TO with 550 5.1.1 (unknown user); the message had travelled 3 hops."
    );
    let r = trace_sample("dsn-delayed-greylist.eml");
    assert_eq!(
        r.verdict,
        "Delayed: mx.example.net [192.0.2.9] answered 451 4.7.1 after RCPT TO (greylisted); mail.example.org keeps trying until Sat, 28 Nov 2026 10:15:02 +0000 (UTC); the message had travelled 3 hops."
    );
    let r = trace_sample("dsn-expired.eml");
    assert_eq!(
        r.verdict,
        "Bounced: mail.example.org gave up retrying; the last attempt at mx.example.net [192.0.2.9] failed at connection with 4.4.1; the message had travelled 3 hops."
    );
    let r = trace_sample("dsn-relayed.eml");
    assert!(
        r.verdict
            .starts_with("Relayed: mail.example.org handed the message on to legacy.example.com"),
        "{}",
        r.verdict
    );
    let r = trace_sample("dsn-host-not-found.eml");
    assert_eq!(
        r.verdict,
        "Bounced: mail.example.org could not deliver the message with 5.4.4 (domain not found); the message had travelled 3 hops."
    );
}

#[test]
fn the_hops_are_the_returned_messages() {
    let r = trace_sample("dsn-unknown-user.eml");
    // The bounce's own header ("by mail.example.org (Postfix) id 4XyzE5") is not a hop.
    assert!(r.hops.iter().all(|h| !h.raw.contains("4XyzE5")));
    assert!(r.hops.last().unwrap().raw.contains("4XyzD4"));
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"returned-message"), "{codes:?}");
    // The bounce's own subject stays the report's message.
    assert_eq!(
        r.message.subject.as_deref(),
        Some("Undelivered Mail Returned to Sender")
    );
}

/// An Exchange NDR whose returned message lost its folding (continuation
/// lines at column 0): the hops are whole, as for the same headers saved
/// alone, not fragments.
#[test]
fn a_returned_message_with_lost_folding_is_repaired() {
    let r = trace_sample("exchange-lost-folding.eml");
    assert_eq!(r.hops.len(), 2);
    assert!(
        r.hops.iter().all(|h| h.parsed == ParseQuality::Full),
        "{:?}",
        r.hops.iter().map(|h| &h.raw).collect::<Vec<_>>()
    );
    let top = &r.hops[1];
    assert_eq!(top.by.host.as_deref(), Some("exch02.corp.example.com"));
    assert_eq!(
        top.tls.as_deref(),
        Some("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
    );
    assert_eq!(
        r.message.subject.as_deref(),
        Some("Undeliverable: Quarterly figures")
    );
}

#[test]
fn backscatter_the_trustworthy_hop_is_the_top_of_the_returned_message() {
    let r = trace_sample("dsn-forged-chain.eml");
    let top = r.trustworthy().expect("a trustworthy hop");
    assert_eq!(top.header_index, 0);
    assert!(top.raw.contains("[203.0.113.66]"), "{}", top.raw);
}

#[test]
fn auto_replies_and_receipts_are_not_bounces() {
    for file in ["autoreply-out-of-office.eml", "autoreply-read-receipt.eml"] {
        let r = trace_sample(file);
        assert_eq!(r.stop.kind.as_str(), "delivered", "{file}");
        assert!(!r.stop.is_report(), "{file}");
        assert!(r.stop.recipients.is_empty(), "{file}");
        assert!(r.verdict.starts_with("Delivered"), "{file}: {}", r.verdict);
        assert!(
            r.findings
                .iter()
                .all(|f| f.code.as_str() != "returned-message"),
            "{file}"
        );
    }
}

#[test]
fn a_bounce_without_the_returned_message_says_so() {
    let text = "From: MAILER-DAEMON@mail.example.org\nTo: alice@example.org\nSubject: Undelivered Mail Returned to Sender\n\n\
This is the mail system at host mail.example.org.\n\n<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n";
    let report = trace(
        &Input::new("x", text.as_bytes().to_vec()),
        &TraceOptions {
            trusted: TrustedRelays::default(),
            now: Utc::now(),
            redact: false,
            keep_signed: false,
        },
    )
    .unwrap();
    assert!(report.hops.is_empty());
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["returned-message-missing"]);
    assert!(
        report
            .verdict
            .ends_with("the returned message's headers are not included."),
        "{}",
        report.verdict
    );
}

#[test]
fn batch_summary_counts_bounce_reasons_only_for_failures_and_delays() {
    let mut summary = trace_path::summary::Summary::default();
    for file in [
        "dsn-unknown-user.eml",
        "dsn-delayed-greylist.eml",
        "dsn-delivered.eml",
        "autoreply-out-of-office.eml",
    ] {
        summary.add(&trace_sample(file));
    }
    let summary = summary.finish();
    let reasons: Vec<(&str, usize)> = summary
        .reasons
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(reasons, [("greylisted", 1), ("unknown-user", 1)]);
    assert_eq!(summary.stop_kinds.get("delivered"), Some(&2));
}
