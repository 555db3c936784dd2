//! The whole pipeline on arbitrary and damaged input: it returns a report or
//! an input error, never panics, and no rendering carries a control character.

use chrono::DateTime;
use proptest::prelude::*;
use trace_path::input::Input;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

const SEED: &str = include_str!("../../samples/postfix-relay.eml");

fn options(redact: bool) -> TraceOptions {
    TraceOptions {
        trusted: TrustedRelays(vec!["10.0.0.0/8".parse().unwrap()]),
        now: DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
        redact,
        keep_signed: false,
    }
}

fn check(bytes: Vec<u8>) {
    let input = Input::new("fuzz", bytes);
    for redact in [false, true] {
        check_report(&input, &options(redact));
    }
}

fn check_report(input: &Input, options: &TraceOptions) {
    // `trace` runs every offline stage, `--redact` included.
    let Ok(report) = trace(input, options) else {
        return;
    };
    // One trustworthy hop, or none when the message originated inside
    // (then the report says so).
    let marked = report
        .hops
        .iter()
        .filter(|h| h.trust == trace_path::model::Trust::Trustworthy)
        .count();
    let inside = report
        .findings
        .iter()
        .any(|f| f.code == trace_path::model::FindingCode::OriginatedInside);
    assert_eq!(marked, usize::from(!report.hops.is_empty() && !inside));
    assert_eq!(report.trustworthy_hop.is_some(), marked == 1);
    crate::support::assert_renders_safely(&report);
}

proptest! {
    #![proptest_config(crate::support::proptest_config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(bytes);
    }

    #[test]
    fn damaged_messages_never_panic(
        cuts in proptest::collection::vec((0usize..SEED.len(), 0usize..40, any::<u8>()), 1..12)
    ) {
        let mut bytes = SEED.as_bytes().to_vec();
        for (at, len, byte) in cuts {
            let at = at.min(bytes.len());
            let end = (at + len).min(bytes.len());
            bytes.splice(at..end, [byte]);
        }
        check(bytes);
    }

    #[test]
    fn header_shaped_garbage_never_panics(lines in proptest::collection::vec("(Received|Date|From|Subject|X-[A-Z]{1,5}): [ -~\\t\\x00-\\x1f\u{80}-\u{10ffff}]{0,120}", 1..30)) {
        check(lines.join("\n").into_bytes());
    }
}
