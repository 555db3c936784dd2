//! The Received parser's own tables, one data file per MTA family
//! (tests/data/received/*.txt; format in README.md there), and its
//! robustness: size, depth and never panicking.
//!
//! Every case asserts every field: fields a case does not name must be
//! `None` (or `false`), and the quality defaults to `Full`.

use std::collections::HashSet;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use trace_path::chain::date::parse_date;
use trace_path::chain::received::{Received, parse_received};
use trace_path::model::ParseQuality;

use crate::support::received_cases::{self, Case};

/// Every case of tests/data/received/, read once.
static CASES: LazyLock<Vec<Case>> =
    LazyLock::new(|| received_cases::read_dir(&received_cases::dir("tests/data/received")));

/// The cases of the real MTA families (all but `garbage`).
fn realistic() -> impl Iterator<Item = &'static Case> {
    CASES.iter().filter(|c| c.file != "garbage")
}

/// Every case of every family file, every field.
#[test]
fn every_family_table() {
    let mut failures = Vec::new();
    for case in CASES.iter() {
        let got = parse_received(&case.raw);
        let want = &case.expected;
        if got != *want {
            failures.push(format!(
                "[{}] {case:?}\n   got: {got:?}\n  want: {want:?}",
                case.file
            ));
        }
        if let Some(d) = &want.date_text
            && want.quality == ParseQuality::Full
        {
            assert!(
                parse_date(d).is_ok(),
                "[{}] date of a Full case does not parse: {d:?}",
                case.at
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Lines are distinct and there are at least 90 realistic ones.
#[test]
fn realistic_lines_are_distinct() {
    let mut seen = HashSet::new();
    for case in CASES.iter() {
        assert!(seen.insert(&case.raw), "duplicate line: {case:?}");
    }
    let realistic = realistic().count();
    assert!(realistic >= 90, "only {realistic} realistic lines");
}

/// Every Full realistic line has a parseable date.
#[test]
fn realistic_dates_parse() {
    for case in realistic() {
        let r = parse_received(&case.raw);
        let d = r
            .date_text
            .unwrap_or_else(|| panic!("[{}] no date: {case:?}", case.file));
        assert!(
            parse_date(&d).is_ok(),
            "[{}] date {d:?} does not parse",
            case.file
        );
    }
}

// ---------------------------------------------------------------------------
// Size and depth
// ---------------------------------------------------------------------------

/// Generous bound: debug builds are slow, and CI machines are slower.
const TIME_LIMIT: Duration = Duration::from_secs(5);

fn timed(input: &str) -> Received {
    let start = Instant::now();
    let r = parse_received(input);
    let took = start.elapsed();
    assert!(took < TIME_LIMIT, "{} bytes took {took:?}", input.len());
    r
}

#[test]
fn one_megabyte_header() {
    let base = &CASES
        .iter()
        .find(|c| c.file == "postfix")
        .expect("postfix cases")
        .raw;
    let mut big = String::new();
    while big.len() < 1_000_000 {
        big.push_str("from mail.example.org (mail.example.org [192.0.2.10]) ");
    }
    big.push_str(base);
    let r = timed(&big);
    assert_eq!(r.quality, ParseQuality::Partial);
    assert_eq!(
        r.date_text.as_deref(),
        Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)")
    );

    let words = "x ".repeat(500_000);
    assert_eq!(timed(&words).quality, ParseQuality::Failed);
    let one_word = "y".repeat(1_000_000);
    assert_eq!(timed(&one_word).quality, ParseQuality::Failed);
    let comment = format!(
        "from a.example.org ({}) by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        "z ".repeat(500_000)
    );
    assert_eq!(timed(&comment).quality, ParseQuality::Full);
    let long_date = format!("by b.example.org; {}", "Mon, ".repeat(200_000));
    assert_eq!(timed(&long_date).quality, ParseQuality::Partial);
}

#[test]
fn pathological_brackets_stay_linear() {
    for unit in [
        "(",
        ")",
        "[",
        "<",
        "\"",
        "\\(",
        "(\\",
        "[[",
        "<<",
        "(a",
        "\"(",
        "([<\"",
        ";",
        "(;",
        "x=",
        "<\"",
        "<\"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "<a\"b\"",
        "[1.2.3.4]",
    ] {
        let input = unit.repeat(1_000_000 / unit.len());
        let _ = timed(&input);
        let with_header =
            format!("from a.example.org {input} by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100");
        let _ = timed(&with_header);
    }
}

#[test]
fn ten_thousand_parentheses() {
    let open = "(".repeat(10_000);
    let r = timed(&open);
    assert_eq!(r.quality, ParseQuality::Failed);

    let nested = format!(
        "from a.example.org {}x{} by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let r = timed(&nested);
    assert_eq!(r.quality, ParseQuality::Full);
    assert_eq!(r.helo.as_deref(), Some("a.example.org"));
    assert_eq!(r.by_host.as_deref(), Some("b.example.org"));

    let unbalanced = format!(
        "from a.example.org {} by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        "(".repeat(10_000)
    );
    let r = timed(&unbalanced);
    assert_eq!(r.quality, ParseQuality::Partial);
    assert_eq!(r.by_host.as_deref(), Some("b.example.org"));
    assert_eq!(
        r.date_text.as_deref(),
        Some("Mon, 23 Nov 2026 10:15:02 +0100")
    );

    let deep = "(".repeat(1_000_000) + &")".repeat(1_000_000);
    let _ = timed(&deep);
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// Deletes, inserts or truncates bytes, then repairs to valid UTF-8 lossily.
fn mutate(line: &str, edits: &[(u8, usize, u8)], cut: Option<usize>) -> String {
    let mut bytes = line.as_bytes().to_vec();
    for &(op, pos, byte) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            pos % (bytes.len() + 1)
        };
        match op % 3 {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, byte),
            _ => {
                if at < bytes.len() {
                    bytes[at] = byte;
                }
            }
        }
    }
    if let Some(c) = cut {
        bytes.truncate(c % (bytes.len() + 1));
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn check_no_panic(input: &str) {
    let r = parse_received(input);
    if let Some(d) = &r.date_text {
        let _ = parse_date(d);
    }
}

proptest! {
    #![proptest_config(crate::support::proptest_config(512))]

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,200}") {
        check_no_panic(&s);
    }

    #[test]
    fn random_header_alphabet_never_panics(s in "[a-z0-9 ()\\[\\]<>\";,:.@=\\\\%-]{0,200}") {
        check_no_panic(&s);
    }

    #[test]
    fn mutated_real_lines_never_panic(
        idx in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let line = &CASES[idx.index(CASES.len())].raw;
        check_no_panic(&mutate(line, &edits, cut));
    }

    #[test]
    fn mutated_real_lines_with_delimiters_never_panic(
        idx in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), proptest::sample::select(b"()[]<>\";\\ %:".to_vec())), 1..12),
    ) {
        let line = &CASES[idx.index(CASES.len())].raw;
        check_no_panic(&mutate(line, &edits, None));
    }
}
