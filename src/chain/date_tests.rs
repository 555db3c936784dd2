use super::*;

/// Dates that must parse, with the expected RFC 3339 rendering (which keeps
/// the offset as written).
const ACCEPTED: &[(&str, &str)] = &[
    // Plain RFC 5322.
    (
        "Mon, 23 Nov 2026 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 -0800",
        "2026-11-23T10:15:02-08:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0000",
        "2026-11-23T10:15:02+00:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0530",
        "2026-11-23T10:15:02+05:30",
    ),
    // -0000 means "UTC, local zone unknown": offset 0.
    (
        "Mon, 23 Nov 2026 10:15:02 -0000",
        "2026-11-23T10:15:02+00:00",
    ),
    // Weekday omitted, or a comma without weekday.
    ("23 Nov 2026 10:15:02 +0100", "2026-11-23T10:15:02+01:00"),
    (", 23 Nov 2026 10:15:02 +0100", "2026-11-23T10:15:02+01:00"),
    // A weekday that does not match the date is accepted (23 Nov 2026 is a Monday).
    (
        "Fri, 23 Nov 2026 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    // Full and lowercase names.
    (
        "Monday, 23 November 2026 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "mon, 23 nov 2026 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "MON, 23 NOV 2026 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    // Single-digit day and hour, missing seconds.
    ("Tue, 1 Dec 2026 9:05:01 +0100", "2026-12-01T09:05:01+01:00"),
    ("Mon, 23 Nov 2026 10:15 +0100", "2026-11-23T10:15:00+01:00"),
    // Obsolete zone names.
    ("Mon, 23 Nov 2026 10:15:02 GMT", "2026-11-23T10:15:02+00:00"),
    ("Mon, 23 Nov 2026 10:15:02 UT", "2026-11-23T10:15:02+00:00"),
    ("Mon, 23 Nov 2026 10:15:02 UTC", "2026-11-23T10:15:02+00:00"),
    ("Mon, 23 Nov 2026 10:15:02 Z", "2026-11-23T10:15:02+00:00"),
    ("Mon, 23 Nov 2026 10:15:02 EST", "2026-11-23T10:15:02-05:00"),
    ("Mon, 23 Nov 2026 10:15:02 EDT", "2026-11-23T10:15:02-04:00"),
    ("Mon, 23 Nov 2026 10:15:02 CST", "2026-11-23T10:15:02-06:00"),
    ("Mon, 23 Nov 2026 10:15:02 CDT", "2026-11-23T10:15:02-05:00"),
    ("Mon, 23 Nov 2026 10:15:02 MST", "2026-11-23T10:15:02-07:00"),
    ("Mon, 23 Nov 2026 10:15:02 MDT", "2026-11-23T10:15:02-06:00"),
    ("Mon, 23 Nov 2026 10:15:02 PST", "2026-11-23T10:15:02-08:00"),
    ("Mon, 23 Nov 2026 10:15:02 pdt", "2026-11-23T10:15:02-07:00"),
    // Military letters other than Z: unknown meaning, offset 0.
    ("Mon, 23 Nov 2026 10:15:02 A", "2026-11-23T10:15:02+00:00"),
    ("Mon, 23 Nov 2026 10:15:02 m", "2026-11-23T10:15:02+00:00"),
    // Common zone names outside RFC 5322, with their usual offset.
    ("Mon, 23 Nov 2026 17:44:39 JST", "2026-11-23T17:44:39+09:00"),
    ("Mon, 23 Nov 2026 10:15:02 CET", "2026-11-23T10:15:02+01:00"),
    (
        "Sun, 23 Aug 2026 10:15:02 CEST",
        "2026-08-23T10:15:02+02:00",
    ),
    ("Sun, 23 Aug 2026 10:15:02 MSK", "2026-08-23T10:15:02+03:00"),
    (
        "Sun, 23 Aug 2026 10:15:02 AEST",
        "2026-08-23T10:15:02+10:00",
    ),
    ("Sun, 23 Aug 2026 01:23:26 HDT", "2026-08-23T01:23:26-09:00"),
    (
        "Sun, 23 Aug 2026 10:15:02 nzdt",
        "2026-08-23T10:15:02+13:00",
    ),
    (
        "Mon, 23 Nov 2026 15:01:02 Pacific Standard Time",
        "2026-11-23T15:01:02-08:00",
    ),
    (
        "Sun, 23 Aug 2026 15:01:02 W. Europe Daylight Time",
        "2026-08-23T15:01:02+02:00",
    ),
    // Ambiguous and unknown names: -0000 (RFC 5322 §4.3).
    ("Mon, 23 Nov 2026 12:13:12 IST", "2026-11-23T12:13:12+00:00"),
    ("Mon, 23 Nov 2026 12:13:12 PPE", "2026-11-23T12:13:12+00:00"),
    (
        "Mon, 23 Nov 2026 12:13:12 Arabian Standard Time",
        "2026-11-23T12:13:12+00:00",
    ),
    // A numeric offset wins over the name after it.
    (
        "Mon, 23 Nov 2026 15:01:02 -0800 Pacific Standard Time",
        "2026-11-23T15:01:02-08:00",
    ),
    // GMT with an offset.
    (
        "Mon, 23 Nov 2026 10:15:02 GMT+0100",
        "2026-11-23T10:15:02+01:00",
    ),
    // Two- and three-digit years (RFC 5322 §4.3).
    ("Mon, 23 Nov 26 10:15:02 +0100", "2026-11-23T10:15:02+01:00"),
    ("Thu, 23 Nov 49 10:15:02 +0100", "2049-11-23T10:15:02+01:00"),
    ("Sun, 23 Nov 97 10:15:02 +0100", "1997-11-23T10:15:02+01:00"),
    ("Sun, 23 Nov 50 10:15:02 +0100", "1950-11-23T10:15:02+01:00"),
    (
        "Mon, 23 Nov 126 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    // Trailing comments and zone abbreviations.
    (
        "Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Mon, 23 Nov 2026 02:15:02 -0800 (PST)",
        "2026-11-23T02:15:02-08:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0000 (UTC)",
        "2026-11-23T10:15:02+00:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0000 (Coordinated Universal Time)",
        "2026-11-23T10:15:02+00:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0100 (CET (nested))",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0100 CET",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Mon (Monday), 23 Nov 2026 10:15:02 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    // Folding and extra whitespace.
    (
        "Mon,\r\n\t23 Nov 2026\n 10:15:02   +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "  Mon, 23  Nov  2026 10:15:02 +0100  ",
        "2026-11-23T10:15:02+01:00",
    ),
    // Colon offsets, fractional seconds, leap second.
    (
        "Mon, 23 Nov 2026 10:15:02 +01:00",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Mon, 23 Nov 2026 10:15:02.123456 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Thu, 31 Dec 2026 23:59:60 +0000",
        "2026-12-31T23:59:60+00:00",
    ),
    // Dashed dates and month-first (asctime-like) orders.
    ("23-Nov-2026 10:15:02 +0100", "2026-11-23T10:15:02+01:00"),
    (
        "Mon Nov 23 10:15:02 2026 +0100",
        "2026-11-23T10:15:02+01:00",
    ),
    (
        "Mon, Nov 23, 2026 10:15:02 -0500",
        "2026-11-23T10:15:02-05:00",
    ),
    // ISO 8601 from some gateways.
    ("2026-11-23T10:15:02Z", "2026-11-23T10:15:02+00:00"),
    ("2026-11-23T10:15:02+01:00", "2026-11-23T10:15:02+01:00"),
    ("2026-11-23T10:15:02.5-0330", "2026-11-23T10:15:02-03:30"),
    ("2026-11-23 10:15:02 +0100", "2026-11-23T10:15:02+01:00"),
    ("2026-11-23 10:15 UTC", "2026-11-23T10:15:00+00:00"),
    // 29 February in a leap year.
    (
        "Tue, 29 Feb 2028 12:00:00 +0000",
        "2028-02-29T12:00:00+00:00",
    ),
];

/// Texts that are not dates, or not valid ones.
const REJECTED: &[&str] = &[
    "",
    "   ",
    "not a date",
    // No zone: no guess.
    "Mon, 23 Nov 2026 10:15:02",
    "Mon Nov 23 10:15:02 2026",
    // `J` is no zone; a long word or a phrase is no zone name.
    "Mon, 23 Nov 2026 10:15:02 J",
    "Mon, 23 Nov 2026 10:15:02 tomorrow",
    "Mon, 23 Nov 2026 10:15:02 not a zone",
    "Mon, 23 Nov 2026 10:15:02 -0800 not a zone",
    // Impossible values.
    "Mon, 23 Foo 2026 10:15:02 +0100",
    "Mon, 30 Feb 2026 10:15:02 +0100",
    "Mon, 29 Feb 2026 10:15:02 +0100",
    "Mon, 32 Nov 2026 10:15:02 +0100",
    "Mon, 0 Nov 2026 10:15:02 +0100",
    "Mon, 23 Nov 2026 25:15:02 +0100",
    "Mon, 23 Nov 2026 10:60:02 +0100",
    "Mon, 23 Nov 2026 10:15:61 +0100",
    "Mon, 23 Nov 2026 10:15:02 +2500",
    "Mon, 23 Nov 2026 10:15:02 +0160",
    "Mon, 23 Nov 2026 10:15:02 +01",
    "2026-13-23T10:15:02Z",
    "2026-11-23T10:15:02",
    // Years: one digit, five digits, before 1900.
    "Mon, 23 Nov 6 10:15:02 +0100",
    "Mon, 23 Nov 20266 10:15:02 +0100",
    "Mon, 23 Nov 1066 10:15:02 +0100",
    // Garbage after the zone, unbalanced comments, odd characters.
    "Mon, 23 Nov 2026 10:15:02 +0100 id 0001",
    "Mon, 23 Nov 2026 10:15:02 +0100 (CET",
    "Mon, 23 Nov 2026 10:15:02 +0100 CET)",
    "Mon, 23 Nov 2026 10:15:02 +0100 [x]",
    "Mon, 23 Nov 2026 10:15:02 +0100 +0200",
    "Mon, 23 Nov 2026 10:15:02 +0100 ⏰",
    "Mon, 23 Nov 2026 10:15:02 ＋0100",
    "Mon, 23 Nov 2026 10:15:02 +99999999999999999999",
    ";",
];

#[test]
fn accepted_dates() {
    for (input, expected) in ACCEPTED {
        match parse_date(input) {
            Ok(dt) => assert_eq!(dt.to_rfc3339(), *expected, "input {input:?}"),
            Err(e) => panic!("input {input:?} rejected: {e}"),
        }
    }
}

#[test]
fn rejected_dates() {
    for input in REJECTED {
        assert!(
            parse_date(input).is_err(),
            "input {input:?} accepted: {:?}",
            parse_date(input)
        );
    }
}

/// `read_date` says when a zone name was read, and how.
#[test]
fn zone_readings_are_reported() {
    let reading = |t: &str| read_date(t).unwrap().1;
    assert_eq!(reading("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"), None);
    assert_eq!(reading("Mon, 23 Nov 2026 10:15:02 +0100 CET"), None);
    assert_eq!(reading("Mon, 23 Nov 2026 10:15:02 EST"), None);
    assert_eq!(reading("Mon, 23 Nov 2026 10:15:02 GMT+0100"), None);
    assert_eq!(
        reading("Mon, 23 Nov 2026 17:44:39 jst"),
        Some(AssumedZone {
            name: "JST".into(),
            guess: ZoneGuess::Common
        })
    );
    assert_eq!(
        reading("Mon, 23 Nov 2026 15:01:02 Pacific Standard Time"),
        Some(AssumedZone {
            name: "Pacific Standard Time".into(),
            guess: ZoneGuess::Common
        })
    );
    assert_eq!(
        reading("Mon, 23 Nov 2026 12:13:12 IST").map(|z| z.guess),
        Some(ZoneGuess::Ambiguous)
    );
    assert_eq!(
        reading("Mon, 23 Nov 2026 12:13:12 PPE").map(|z| z.guess),
        Some(ZoneGuess::Unknown)
    );
    assert_eq!(
        reading("Mon, 23 Nov 2026 12:13:12 A").map(|z| z.guess),
        Some(ZoneGuess::Unknown)
    );
}

#[test]
fn offset_is_kept_as_written() {
    let dt = parse_date("Mon, 23 Nov 2026 10:15:02 -0330").unwrap();
    assert_eq!(dt.offset().local_minus_utc(), -(3 * 3600 + 30 * 60));
    let named = parse_date("Mon, 23 Nov 2026 10:15:02 EST").unwrap();
    assert_eq!(named.offset().local_minus_utc(), -5 * 3600);
    assert_eq!(dt.timestamp(), 1_795_441_502);
}

#[test]
fn error_quotes_the_text_shortened() {
    let Err(DateError::Invalid(text)) = parse_date("  no\r\n  date ") else {
        panic!("expected an error");
    };
    assert_eq!(text, "no date");
    let long = "x".repeat(10_000);
    let Err(DateError::Invalid(text)) = parse_date(&long) else {
        panic!("expected an error");
    };
    assert_eq!(text.chars().count(), MAX_ERROR_TEXT + 1);
}

#[test]
fn huge_and_hostile_inputs_do_not_panic() {
    let parens = "(".repeat(100_000);
    assert!(parse_date(&parens).is_err());
    let nested = format!(
        "Mon, 23 Nov 2026 10:15:02 +0100 {}{}",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    assert!(parse_date(&nested).is_ok());
    let digits = "9".repeat(1_000_000);
    assert!(parse_date(&digits).is_err());
    assert!(parse_date("\\(").is_err());
    assert!(parse_date("(\\").is_err());
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,80}") {
        let _ = parse_date(&s);
    }

    #[test]
    fn never_panics_on_date_like(s in "[A-Za-z0-9 ,:+\\-().]{0,60}") {
        let _ = parse_date(&s);
    }
}
