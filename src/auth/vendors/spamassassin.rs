//! SpamAssassin, as spamd/spamc, amavisd-new, MailScanner or Exim write
//! its headers.
//!
//! * `X-Spam-Status: Yes, score=9.3 required=5.0 tests=A,B autolearn=no
//!   version=3.4.6` (old versions: `hits=`; amavisd-new: `tagged_above=`
//!   and `tests=[NAME=score, ...]`; the value can be `Yes` or `No` alone).
//!   Rspamd writes the same shape when asked to.
//! * `X-Spam-Flag: YES`, `X-Spam-Level: ****` (one star per point),
//!   `X-Spam-Score: 9.3`, `X-Spam-Report` (raw),
//!   `X-Spam-Checker-Version: SpamAssassin 3.4.6 (...) on <host>` (names
//!   the host that ran the filter).
//! * Exim's own names: `X-Spam_score`, `X-Spam_score_int` (the score
//!   × 10), `X-Spam_bar` (`+` or `-` per point), `X-Spam_report`.
//! * `X-Remote-Spam-Status`, `-Flag`, `-Level`, `-Score`: an upstream
//!   filter's headers renamed by the receiver (Fastmail), marked as
//!   upstream copies.

use crate::model::{FieldMeaning, FilterVerdict};

use super::common::{Vendor, is, number, raw_verdict, status_verdict, yes_no};

pub const VENDOR: Vendor = Vendor {
    name: "SpamAssassin",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    let trimmed = name.trim();
    let (base, copy) = match trimmed.get(..9) {
        Some(p) if p.eq_ignore_ascii_case("X-Remote-") => (format!("X-{}", &trimmed[9..]), true),
        _ => (trimmed.to_string(), false),
    };
    let mut v = if is(&base, "X-Spam-Status") {
        status(name, value)
    } else if is(&base, "X-Spam-Flag") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        v.spam = yes_no(value);
        let meaning = v.spam.map(|s| if s { "spam" } else { "not spam" });
        v.fields
            .push(FieldMeaning::new("flag", value.trim(), meaning));
        v
    } else if is(&base, "X-Spam-Level") {
        level(name, value)
    } else if is(&base, "X-Spam-Score") || (!copy && is(&base, "X-Spam_score")) {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        v.score = number(value);
        let meaning = v.score.map(|_| "the message's score");
        v.fields
            .push(FieldMeaning::new("score", value.trim(), meaning));
        v
    } else if copy {
        return None;
    } else if is(&base, "X-Spam_score_int") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        v.score = number(value).map(|n| n / 10.0);
        let meaning = v.score.map(|_| "the message's score × 10");
        v.fields
            .push(FieldMeaning::new("score_int", value.trim(), meaning));
        v
    } else if is(&base, "X-Spam_bar") {
        bar(name, value)
    } else if is(&base, "X-Spam-Checker-Version") {
        checker(name, value)
    } else if is(&base, "X-Spam-Report") || is(&base, "X-Spam_report") {
        raw_verdict(VENDOR.name, name, value)
    } else {
        return None;
    };
    v.upstream_copy = copy;
    Some(v)
}

fn status(name: &str, value: &str) -> FilterVerdict {
    status_verdict(VENDOR.name, name, value, |v, key, raw| {
        match key.to_ascii_lowercase().as_str() {
            "score" | "hits" => {
                v.score = v.score.or(number(raw));
                Some("the message's score")
            }
            "required" => {
                v.threshold = number(raw);
                Some("the score from which a message is spam")
            }
            "tagged_above" => Some("the score from which amavisd-new adds spam headers"),
            "tests" => Some("the tests that matched"),
            _ => None,
        }
    })
}

/// `X-Spam-Level: *****`: one character per whole point of score.
fn level(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    let raw = value.trim();
    let stars = raw.chars().count();
    let meaning = if raw.chars().all(|c| c == '*') {
        Some(if stars == 0 {
            "a score below 1".to_string()
        } else {
            format!("a score of at least {stars} (one star per point)")
        })
    } else {
        None
    };
    v.fields.push(FieldMeaning {
        key: "level".into(),
        raw: raw.into(),
        meaning,
    });
    v
}

/// Exim's `X-Spam_bar: ++++` (or `----`, or `/` for a score near 0).
fn bar(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    let raw = value.trim();
    let n = raw.chars().count();
    let meaning = if n > 0 && raw.chars().all(|c| c == '+') {
        Some(format!("a score of at least {n} (one + per point)"))
    } else if n > 0 && raw.chars().all(|c| c == '-') {
        Some(format!("a score of at most -{n} (one - per point)"))
    } else if raw == "/" {
        Some("a score between -1 and 1".to_string())
    } else {
        None
    };
    v.fields.push(FieldMeaning {
        key: "bar".into(),
        raw: raw.into(),
        meaning,
    });
    v
}

/// `SpamAssassin 3.4.6 (2021-04-09) on mail.example.net`.
fn checker(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    let raw = value.trim();
    match raw.rsplit_once(" on ") {
        Some((version, host)) if !host.trim().is_empty() && !host.contains(' ') => {
            v.fields
                .push(FieldMeaning::new("version", version.trim(), None));
            v.fields.push(FieldMeaning::new(
                "host",
                host.trim(),
                Some("the host that ran SpamAssassin"),
            ));
        }
        _ => v.fields.push(FieldMeaning::new("version", raw, None)),
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws(v: &FilterVerdict, key: &str) -> Vec<String> {
        v.fields
            .iter()
            .filter(|f| f.key == key)
            .map(|f| f.raw.clone())
            .collect()
    }

    #[test]
    fn spamd_status() {
        let v = read(
            "X-Spam-Status",
            "Yes, score=9.3 required=5.0 tests=BAYES_99,HTML_MESSAGE,\r\n\tURIBL_BLACK autolearn=no\r\n\tautolearn_force=no version=3.4.6",
        )
        .unwrap();
        assert_eq!(v.vendor, "SpamAssassin");
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.score, Some(9.3));
        assert_eq!(v.threshold, Some(5.0));
        assert_eq!(
            raws(&v, "test"),
            ["BAYES_99", "HTML_MESSAGE", "URIBL_BLACK"]
        );
        assert_eq!(raws(&v, "version"), ["3.4.6"]);
        assert_eq!(v.field("autolearn").unwrap().meaning, None);
        assert_eq!(v.field("status").unwrap().meaning.as_deref(), Some("spam"));
        assert!(!v.upstream_copy);
    }

    #[test]
    fn old_hits_amavis_brackets_and_bare_flag() {
        let v = read(
            "X-Spam-Status",
            "No, hits=-2.6 required=5.0 tests=BAYES_00 version=2.64",
        )
        .unwrap();
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.score, Some(-2.6));
        let v = read(
            "X-Spam-Status",
            "No, score=-1.9 tagged_above=-999 required=6.31 tests=[BAYES_00=-1.9, DKIM_SIGNED=0.1,\n\tDKIM_VALID=-0.1] autolearn=ham autolearn_force=no",
        )
        .unwrap();
        assert_eq!(v.threshold, Some(6.31));
        assert_eq!(
            raws(&v, "test"),
            ["BAYES_00=-1.9", "DKIM_SIGNED=0.1", "DKIM_VALID=-0.1"]
        );
        assert_eq!(raws(&v, "autolearn"), ["ham"]);
        let v = read("X-Spam-Status", "No").unwrap();
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.score, None);
        let v = read("X-Spam-Status", "score=1.0 tests=none").unwrap();
        assert_eq!(v.spam, None);
        assert_eq!(v.score, Some(1.0));
        assert!(raws(&v, "test").is_empty());
    }

    #[test]
    fn flag_level_score_and_report() {
        assert_eq!(read("X-Spam-Flag", "YES").unwrap().spam, Some(true));
        assert_eq!(read("X-Spam-Flag", "NO").unwrap().spam, Some(false));
        assert_eq!(read("X-Spam-Flag", "?").unwrap().spam, None);
        let v = read("X-Spam-Level", "*********").unwrap();
        assert_eq!(
            v.field("level").unwrap().meaning.as_deref(),
            Some("a score of at least 9 (one star per point)")
        );
        let v = read("X-Spam-Level", "  ").unwrap();
        assert_eq!(
            v.field("level").unwrap().meaning.as_deref(),
            Some("a score below 1")
        );
        assert_eq!(read("X-Spam-Level", "s").unwrap().fields[0].meaning, None);
        assert_eq!(read("X-Spam-Score", "5.2").unwrap().score, Some(5.2));
        assert_eq!(read("X-Spam-score", "-0.1").unwrap().score, Some(-0.1));
        assert_eq!(read("X-Spam-Score", "high").unwrap().score, None);
        let v = read("X-Spam-Report", "Content analysis details: (9.3 points)").unwrap();
        assert_eq!(v.fields[0].raw, "Content analysis details: (9.3 points)");
        assert_eq!(v.fields[0].meaning, None);
    }

    #[test]
    fn exim_names() {
        assert_eq!(read("X-Spam_score", "4.7").unwrap().score, Some(4.7));
        assert_eq!(read("X-Spam_score_int", "47").unwrap().score, Some(4.7));
        let v = read("X-Spam_bar", "++++").unwrap();
        assert_eq!(
            v.fields[0].meaning.as_deref(),
            Some("a score of at least 4 (one + per point)")
        );
        assert_eq!(
            read("X-Spam_bar", "--").unwrap().fields[0]
                .meaning
                .as_deref(),
            Some("a score of at most -2 (one - per point)")
        );
        assert_eq!(
            read("X-Spam_bar", "/").unwrap().fields[0]
                .meaning
                .as_deref(),
            Some("a score between -1 and 1")
        );
        assert!(read("X-Spam_report", "Spam detection software ...").is_some());
    }

    #[test]
    fn checker_version_names_the_host() {
        let v = read(
            "X-Spam-Checker-Version",
            "SpamAssassin 3.4.6 (2021-04-09) on filter.example.net",
        )
        .unwrap();
        assert_eq!(raws(&v, "host"), ["filter.example.net"]);
        assert_eq!(raws(&v, "version"), ["SpamAssassin 3.4.6 (2021-04-09)"]);
        let v = read("X-Spam-Checker-Version", "SpamAssassin 3.4.6").unwrap();
        assert_eq!(raws(&v, "version"), ["SpamAssassin 3.4.6"]);
    }

    #[test]
    fn upstream_copies() {
        let v = read(
            "X-Remote-Spam-Status",
            "No, score=-0.1 required=5.0 tests=DKIM_VALID",
        )
        .unwrap();
        assert!(v.upstream_copy);
        assert_eq!(v.header, "X-Remote-Spam-Status");
        assert_eq!(v.score, Some(-0.1));
        assert!(read("X-Remote-Spam-Flag", "NO").unwrap().upstream_copy);
        assert!(read("X-Remote-Spam-Level", "").unwrap().upstream_copy);
        assert!(read("X-Remote-Spam-Score", "1").unwrap().upstream_copy);
        assert_eq!(read("X-Remote-Spam_bar", "+"), None);
        assert_eq!(read("X-Remote-Anything", "x"), None);
        assert_eq!(read("X-Spam", "Yes"), None);
    }
}
