//! Held-out tests of the Received parser (tests/heldout/received/, one file
//! per batch, `[group]`s by MTA family): realistic headers written apart
//! from the parser's own tables, every field asserted in the format of
//! tests/data/received/README.md. Decisions for shapes the parser's
//! documented conventions do not cover are noted next to the case.
//!
//! `cargo test --test integration heldout::received -- --nocapture` prints
//! the score per batch and group (lines fully right, fields right) in the
//! form tests/heldout/RESULTS.md records first runs in.

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use trace_path::chain::received::{Received, parse_received};

use crate::support::received_cases::{self, Case};

static CASES: LazyLock<Vec<Case>> =
    LazyLock::new(|| received_cases::read_dir(&received_cases::dir("tests/heldout/received")));

/// Field-by-field comparison: (fields equal, fields checked, names of the
/// fields that differ). The scores count these 17 fields; `date` is read
/// from `date_text`, so it is checked, not counted.
fn compare(got: &Received, want: &Received) -> (usize, usize, Vec<&'static str>) {
    let checks = [
        ("helo", got.helo == want.helo),
        ("rdns", got.rdns == want.rdns),
        ("ip", got.ip == want.ip),
        ("ip_zone", got.ip_zone == want.ip_zone),
        ("may_be_forged", got.may_be_forged == want.may_be_forged),
        ("ident", got.ident == want.ident),
        ("by_host", got.by_host == want.by_host),
        ("by_ip", got.by_ip == want.by_ip),
        ("via", got.via == want.via),
        ("with", got.with == want.with),
        ("id", got.id == want.id),
        ("for_addr", got.for_addr == want.for_addr),
        ("envelope_from", got.envelope_from == want.envelope_from),
        ("auth", got.auth == want.auth),
        ("tls", got.tls == want.tls),
        ("date_text", got.date_text == want.date_text),
        ("quality", got.quality == want.quality),
    ];
    let mut bad: Vec<&'static str> = checks.iter().filter(|c| !c.1).map(|c| c.0).collect();
    let counted = checks.len() - bad.len();
    if got.date != want.date {
        bad.push("date");
    }
    (counted, checks.len(), bad)
}

/// (lines, lines fully right, fields, fields right)
type Score = (usize, usize, usize, usize);

fn add(a: &mut Score, b: Score) {
    a.0 += b.0;
    a.1 += b.1;
    a.2 += b.2;
    a.3 += b.3;
}

fn show(name: &str, (lines, lines_ok, fields, fields_ok): Score) {
    eprintln!("{name:>20}: lines {lines_ok}/{lines} fields {fields_ok}/{fields}");
}

/// Runs every batch, prints per-batch and per-group accuracy (lines and
/// fields), and fails with every mismatch listed.
#[test]
fn heldout_families() {
    let mut failures = Vec::new();
    // batch -> group -> score, in file order
    let mut scores: BTreeMap<&str, Vec<(String, Score)>> = BTreeMap::new();
    for case in CASES.iter() {
        let got = parse_received(&case.raw);
        let (ok, n, bad) = compare(&got, &case.expected);
        if !bad.is_empty() {
            failures.push(format!(
                "[{}] {case:?}\n  fields: {bad:?}\n   got: {got:?}\n  want: {:?}",
                case.label(),
                case.expected
            ));
        }
        let groups = scores.entry(&case.file).or_default();
        if groups.last().is_none_or(|(g, _)| *g != case.label()) {
            groups.push((case.label(), Score::default()));
        }
        let fully = usize::from(bad.is_empty());
        add(&mut groups.last_mut().unwrap().1, (1, fully, n, ok));
    }
    let mut total = Score::default();
    for (batch, groups) in &scores {
        let mut sum = Score::default();
        for (group, score) in groups {
            if groups.len() > 1 {
                show(group, *score);
            }
            add(&mut sum, *score);
        }
        show(batch, sum);
        add(&mut total, sum);
    }
    show("total", total);
    assert!(
        failures.is_empty(),
        "{} of {} held-out cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// No held-out line duplicates another (a copy would inflate the count).
#[test]
fn heldout_lines_are_distinct() {
    let mut seen = HashSet::new();
    for case in CASES.iter() {
        assert!(seen.insert(&case.raw), "duplicate held-out line {case:?}");
    }
}
