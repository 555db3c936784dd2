//! Barracuda Email Security Gateway.
//!
//! * `X-Barracuda-Spam-Score: N`.
//! * `X-Barracuda-Spam-Status: Yes|No, SCORE=N using per-user scores of
//!   TAG_LEVEL=N QUARANTINE_LEVEL=N KILL_LEVEL=N tests=A, B`: the verdict,
//!   the score, and the three levels at which Barracuda tags, quarantines
//!   and blocks a message. A score between the quarantine and the block
//!   level means the message was quarantined.
//! * Any other `X-Barracuda-*` header (`-Connect`, `-Start-Time`, `-URL`,
//!   `-BRTS-Status`, `-Spam-Report`...) is kept raw.

use crate::model::{FieldMeaning, FilterVerdict, Folder};

use super::common::{Vendor, has_prefix, is, number, raw_verdict, status_verdict};

pub const VENDOR: Vendor = Vendor {
    name: "Barracuda",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    if is(name, "X-Barracuda-Spam-Score") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        v.score = number(value);
        let meaning = v.score.map(|_| "the message's score");
        v.fields
            .push(FieldMeaning::new("score", value.trim(), meaning));
        Some(v)
    } else if is(name, "X-Barracuda-Spam-Status") {
        Some(status(name, value))
    } else if has_prefix(name, "X-Barracuda-") {
        Some(raw_verdict(VENDOR.name, name, value))
    } else {
        None
    }
}

fn status(name: &str, value: &str) -> FilterVerdict {
    let mut quarantine = None;
    let mut kill = None;
    let mut v = status_verdict(VENDOR.name, name, value, |v, key, raw| {
        match key.to_ascii_uppercase().as_str() {
            "SCORE" => {
                v.score = number(raw);
                Some("the message's score")
            }
            "TAG_LEVEL" => {
                v.threshold = number(raw);
                Some("the score from which a message is tagged as spam")
            }
            "QUARANTINE_LEVEL" => {
                quarantine = number(raw);
                Some("the score from which a message is quarantined")
            }
            "KILL_LEVEL" => {
                kill = number(raw);
                Some("the score from which a message is blocked")
            }
            "TESTS" => Some("the tests that matched"),
            _ => None,
        }
    });
    if let (Some(score), Some(q)) = (v.score, quarantine)
        && score >= q
        && kill.is_none_or(|k| score < k)
    {
        v.folder = Some(Folder::Quarantine);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_status() {
        let v = read(
            "X-Barracuda-Spam-Status",
            "No, SCORE=0.50 using per-user scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=7.0 tests=HTML_MESSAGE, BSF_SC0_MISMATCH_TO",
        )
        .unwrap();
        assert_eq!(v.vendor, "Barracuda");
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.score, Some(0.5));
        assert_eq!(v.threshold, Some(3.5));
        assert_eq!(v.folder, None);
        let tests: Vec<&str> = v
            .fields
            .iter()
            .filter(|f| f.key == "test")
            .map(|f| f.raw.as_str())
            .collect();
        assert_eq!(tests, ["HTML_MESSAGE", "BSF_SC0_MISMATCH_TO"]);
        assert_eq!(
            v.field("KILL_LEVEL").unwrap().meaning.as_deref(),
            Some("the score from which a message is blocked")
        );
        assert!(
            v.fields
                .iter()
                .any(|f| f.raw == "using per-user scores of" && f.meaning.is_none())
        );
    }

    #[test]
    fn quarantined_between_levels() {
        let v = read(
            "X-Barracuda-Spam-Status",
            "Yes, SCORE=5.20 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=5.0 KILL_LEVEL=9.0 tests=BSF_SC5_SA210e",
        )
        .unwrap();
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.folder, Some(Folder::Quarantine));
        let v = read(
            "X-Barracuda-Spam-Status",
            "Yes, SCORE=9.20 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=5.0 KILL_LEVEL=9.0",
        )
        .unwrap();
        assert_eq!(v.folder, None);
    }

    #[test]
    fn score_and_others() {
        assert_eq!(
            read("X-Barracuda-Spam-Score", "3.25").unwrap().score,
            Some(3.25)
        );
        let v = read("X-Barracuda-Connect", "mail.example.org[192.0.2.7]").unwrap();
        assert_eq!(v.fields[0].raw, "mail.example.org[192.0.2.7]");
        assert_eq!(read("X-IronPort-AV", "x"), None);
    }
}
