//! The authentication and filter-verdict parsers (src/auth/): any text
//! never makes one panic, and each runs in time linear in the value's
//! length: a 100 KB value of the nastiest repeated pieces stays fast.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use trace_path::auth::{self, arc, dkim, results, spf};
use trace_path::message::Field;

/// Every header name the stage reads, vendors included.
const NAMES: &[&str] = &[
    "Authentication-Results",
    "ARC-Authentication-Results",
    "Authentication-Results-Original",
    "ARC-Seal",
    "ARC-Message-Signature",
    "Received-SPF",
    "DKIM-Signature",
    "DomainKey-Signature",
    "X-Forefront-Antispam-Report",
    "X-Microsoft-Antispam",
    "X-Microsoft-Antispam-Mailbox-Delivery",
    "X-MS-Exchange-Organization-SCL",
    "X-Spam-Status",
    "X-Spam-Flag",
    "X-Spam-Level",
    "X-Spam-Score",
    "X-Spam-Checker-Version",
    "X-Spam_score_int",
    "X-Spam_bar",
    "X-Remote-Spam-Status",
    "X-Spamd-Result",
    "X-Rspamd-Action",
    "X-Rspamd-Score",
    "X-Spam",
    "X-Proofpoint-Spam-Details",
    "X-Proofpoint-Virus-Version",
    "X-Mimecast-Spam-Score",
    "X-Mimecast-Impersonation-Protect",
    "X-Barracuda-Spam-Status",
    "X-Barracuda-Spam-Score",
    "X-IronPort-AV",
    "X-IronPort-Anti-Spam-Filtered",
];

/// Runs every parser (and the accessors that scan text) over `value`.
fn every_parser(value: &str) {
    let r = results::parse(value);
    let _ = (
        r.client_ip(),
        r.spf(),
        r.dkim(),
        r.dmarc(),
        r.arc(),
        r.compauth(),
    );
    for m in &r.results {
        let _ = results::compauth_reason(m.reason.as_deref().unwrap_or(""));
    }
    let _ = results::parse_arc(value).client_ip();
    let s = spf::parse(value);
    let _ = (s.client_ip(), s.helo(), s.comment());
    let _ = dkim::parse(value);
    let _ = dkim::parse_domainkey(value);
    let _ = arc::parse_seal(value);
    let _ = arc::parse_message_signature(value);
    for name in NAMES {
        let _ = auth::read_header(name, value);
    }
    let fields: Vec<Field> = [
        "ARC-Seal",
        "ARC-Message-Signature",
        "ARC-Authentication-Results",
    ]
    .iter()
    .enumerate()
    .map(|(n, name)| Field {
        name: (*name).to_string(),
        value: value.to_string(),
        received_above: n,
    })
    .collect();
    let _ = arc::chain(&fields);
}

/// Generous: debug builds are slow and the machine is shared. A parser
/// that went back over the text (quadratic) would take minutes on 100 KB.
const TIME_LIMIT: Duration = Duration::from_secs(3);

const SIZE: usize = 100_000;

fn repeated(unit: &str) -> String {
    let mut value = String::with_capacity(SIZE + unit.len());
    while value.len() < SIZE {
        value.push_str(unit);
    }
    value
}

/// One header of each parsing routine (the other names share one).
const TIMED: &[&str] = &[
    "Authentication-Results",
    "ARC-Authentication-Results",
    "ARC-Seal",
    "ARC-Message-Signature",
    "Received-SPF",
    "DKIM-Signature",
    "X-Forefront-Antispam-Report",
    "X-Microsoft-Antispam-Mailbox-Delivery",
    "X-MS-Exchange-Organization-SCL",
    "X-Spam-Status",
    "X-Spam-Level",
    "X-Spam-Checker-Version",
    "X-Spam_bar",
    "X-Spamd-Result",
    "X-Rspamd-Action",
    "X-Proofpoint-Spam-Details",
    "X-Mimecast-Impersonation-Protect",
    "X-Barracuda-Spam-Status",
    "X-IronPort-AV",
];

fn each_parser_is_fast_on(value: &str) {
    for name in TIMED {
        let start = Instant::now();
        match auth::read_header(name, value) {
            Some(trace_path::model::Parsed::AuthenticationResults(r)) => {
                let _ = r.client_ip();
            }
            Some(trace_path::model::Parsed::ReceivedSpf(r)) => {
                let _ = r.client_ip();
            }
            _ => {}
        }
        let took = start.elapsed();
        assert!(
            took < TIME_LIMIT,
            "{name} took {took:?} on {} bytes of {:?}...",
            value.len(),
            value.chars().take(20).collect::<String>()
        );
    }
}

#[test]
fn pathological_values_stay_linear() {
    for unit in [
        "(",
        ")",
        "\"",
        "\\",
        ";",
        "=",
        ":",
        "[",
        "]",
        " ",
        "a=",
        "=a ",
        "a=b ",
        "a = ",
        "(a",
        "\"a",
        "\\(",
        "\\\"",
        "(\"",
        "\"(",
        "((\"))",
        "spf=pass ",
        "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=a@example.org;",
        "dkim=pass header.d=example.org ",
        "from=example.org; ",
        "none; ",
        "designates ",
        "sender IP is ",
        " is neither permitted nor denied",
        "i=1; ",
        "h=From:",
        "b=abc ",
        "t=1700000000;",
        "CIP:192.0.2.1;",
        "SCL:5;",
        "Yes, ",
        "tests=[",
        "score=1 ",
        "SYM(1.0)[",
        "SYM(1.0)[a]; ",
        "(1",
        "é(",
        "\u{0}",
    ] {
        each_parser_is_fast_on(&repeated(unit));
    }
    // One huge token, and one huge comment.
    each_parser_is_fast_on(&"x".repeat(SIZE));
    each_parser_is_fast_on(&format!("({})", "y ".repeat(SIZE / 2)));
    each_parser_is_fast_on(&format!("\"{}\"", "z".repeat(SIZE)));
}

#[test]
fn many_distinct_repeated_names_stay_linear() {
    // Not a repeated unit: 10,000 distinct names, each twice.
    let names: String = (0..10_000).map(|n| format!("n{n}=;")).collect();
    let twice = format!("{names}{names}");
    each_parser_is_fast_on(&twice);
    let keys: String = (0..10_000).map(|n| format!("K{n}:v;")).collect();
    each_parser_is_fast_on(&format!("{keys}{keys}"));
}

#[test]
fn many_arc_headers_are_grouped_quickly() {
    let mut fields = Vec::new();
    for i in 0..500 {
        fields.push(Field {
            name: "ARC-Seal".into(),
            value: format!("i={}; cv=pass; d=example.org; s=s; b=x", i % 60),
            received_above: i,
        });
    }
    let start = Instant::now();
    let chain = arc::chain(&fields);
    assert!(start.elapsed() < TIME_LIMIT);
    assert_eq!(chain.sets.len(), 50);
    assert!(!chain.problems.is_empty());
}

/// Pieces of real header syntax, for header-shaped garbage.
const PIECES: &[&str] = &[
    "mx.example.net",
    ";",
    "; ",
    " ",
    "spf=",
    "pass",
    "dkim=",
    "fail",
    "dmarc=",
    "(",
    ")",
    "\"",
    "\\",
    "=",
    "smtp.mailfrom=",
    "header.from=",
    "<a@example.org>",
    "reason=",
    "action=none",
    "sender IP is ",
    "192.0.2.1",
    "2001:db8::1",
    "designates ",
    " as permitted sender",
    "i=",
    "1",
    "51",
    "cv=",
    "t=",
    "h=",
    "From:To",
    "b=",
    "CIP:",
    "SCL:",
    "SFV:SPM",
    "dest:J",
    "Yes, ",
    "score=",
    "tests=[",
    "]",
    "[",
    "default: True [",
    " / ",
    "SYM(",
    "é",
    "\r\n\t",
];

fn header_shaped() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(crate::support::proptest_config(256))]

    #[test]
    fn any_text_never_panics(value in "(?s).{0,300}") {
        every_parser(&value);
    }

    #[test]
    fn header_shaped_text_never_panics(value in header_shaped()) {
        every_parser(&value);
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(12))]

    #[test]
    fn any_repeated_piece_stays_linear(unit in "[a-z0-9=;:()\\[\\]\"\\\\ ,./@-]{1,10}") {
        each_parser_is_fast_on(&repeated(&unit));
    }

    #[test]
    fn header_shaped_repeats_stay_linear(unit in header_shaped()) {
        prop_assume!(!unit.is_empty());
        each_parser_is_fast_on(&repeated(&unit));
    }
}
