//! The plain data the authentication and filter parsers share: a
//! `name=value` pair, a time written as seconds since the epoch, and the
//! common shape of every vendor's filter verdict.
//!
//! Every type keeps the text as the header wrote it beside what it means,
//! and serialises with serde so the report model can carry it later.

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

/// One `name=value` pair: an Authentication-Results property
/// (`smtp.mailfrom=a@example.org`), a Received-SPF key
/// (`client-ip=192.0.2.1`) or a DKIM / ARC tag (`d=example.org`).
///
/// Names are lower-cased where the syntax says case does not matter
/// (Authentication-Results, Received-SPF) and kept as written where it
/// does (DKIM and ARC tags, RFC 6376 §3.2). Values are as written, with
/// the quotes of a quoted string removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub name: String,
    pub value: String,
}

impl Pair {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Pair {
        Pair {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// A time written as seconds since the Unix epoch (DKIM and ARC `t=` and
/// `x=`): the text as written, and the time when it is a valid one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timestamp {
    pub raw: String,
    #[serde(serialize_with = "utc_seconds")]
    pub time: Option<DateTime<Utc>>,
}

impl Timestamp {
    /// Reads `raw` (white space inside is folding, and dropped): digits
    /// only, and a time chrono can hold; otherwise `time` is `None`.
    pub fn parse(raw: &str) -> Timestamp {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let time = (!digits.is_empty()
            && digits.len() <= 18
            && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse::<i64>().ok())
        .flatten()
        .and_then(|secs| DateTime::from_timestamp(secs, 0));
        Timestamp {
            raw: raw.trim().to_string(),
            time,
        }
    }
}

fn utc_seconds<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&crate::model::hop::format_utc(t)),
        None => s.serialize_none(),
    }
}

/// What one spam or content filter wrote about the message, in one header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterVerdict {
    /// The product that writes this header (`Microsoft 365`, `SpamAssassin`...).
    pub vendor: &'static str,
    /// The header's name, as written.
    pub header: String,
    /// What the header says outright: spam (`true`), not spam (`false`),
    /// or nothing either way (`None`).
    pub spam: Option<bool>,
    /// The filter's score, on the filter's own scale.
    pub score: Option<f64>,
    /// The score from which the filter calls a message spam, when the
    /// header states it.
    pub threshold: Option<f64>,
    /// Every field of the header in order, raw, with its documented
    /// meaning; undocumented fields and values have none.
    pub fields: Vec<FieldMeaning>,
    /// The folder the header says (or the filter's documented default
    /// action implies) the message went to.
    pub folder: Option<Folder>,
    /// A renamed copy of an upstream filter's header (`X-Remote-Spam-*`,
    /// which Fastmail writes): that hop's verdict, never the receiver's.
    pub upstream_copy: bool,
}

impl FilterVerdict {
    /// An empty verdict of `vendor` for header `header`.
    pub fn new(vendor: &'static str, header: &str) -> FilterVerdict {
        FilterVerdict {
            vendor,
            header: header.trim().to_string(),
            spam: None,
            score: None,
            threshold: None,
            fields: Vec::new(),
            folder: None,
            upstream_copy: false,
        }
    }

    /// The first field named `key` (any case).
    pub fn field(&self, key: &str) -> Option<&FieldMeaning> {
        self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }
}

/// One field of a verdict header: its key, its value as written, and what
/// it means when that is documented (`None`: shown raw, not guessed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldMeaning {
    pub key: String,
    pub raw: String,
    pub meaning: Option<String>,
}

impl FieldMeaning {
    pub fn new(key: impl Into<String>, raw: impl Into<String>, meaning: Option<&str>) -> Self {
        FieldMeaning {
            key: key.into(),
            raw: raw.into(),
            meaning: meaning.map(str::to_string),
        }
    }
}

/// Where a filter put the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Folder {
    Inbox,
    Junk,
    Quarantine,
    /// Another folder, named by the header's raw value (Microsoft's
    /// undocumented `dest:C`).
    Custom(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_keep_raw_text_and_read_valid_times() {
        let t = Timestamp::parse(" 1700000000 ");
        assert_eq!(t.raw, "1700000000");
        assert_eq!(t.time.unwrap().timestamp(), 1_700_000_000);
        // Folding inside the digits is white space, not part of the value.
        assert_eq!(
            Timestamp::parse("17000 00000").time.unwrap().timestamp(),
            1_700_000_000
        );
        for bad in [
            "",
            "abc",
            "-5",
            "1.5",
            "99999999999999999999",
            "999999999999999999",
        ] {
            let t = Timestamp::parse(bad);
            assert_eq!(t.time, None, "{bad}");
            assert_eq!(t.raw, bad);
        }
        let json = serde_json::to_string(&Timestamp::parse("0")).unwrap();
        assert_eq!(json, r#"{"raw":"0","time":"1970-01-01T00:00:00Z"}"#);
    }

    #[test]
    fn folders_serialise_in_lower_case() {
        assert_eq!(serde_json::to_string(&Folder::Junk).unwrap(), r#""junk""#);
        assert_eq!(
            serde_json::to_string(&Folder::Custom("C".into())).unwrap(),
            r#"{"custom":"C"}"#
        );
    }
}
