//! Proofpoint (Protection Server and Essentials).
//!
//! * `X-Proofpoint-Spam-Details: rule=notspam policy=default score=0
//!   spamscore=0 ipscore=0 phishscore=0 bulkscore=0 ... engine=...
//!   definitions=...`: space-separated `key=value`. The rule is the
//!   site's policy rule that matched; only `notspam` and `spam` (alone or
//!   after a `<policy>_` prefix) say what the message is. The score
//!   scales are Proofpoint's and undocumented here: kept raw.
//! * `X-Proofpoint-Virus-Version: vendor=... engine=... definitions=...`:
//!   kept as its `key=value` fields, raw.
//! * Any other `X-Proofpoint-*` header is kept raw.

use crate::model::{FieldMeaning, FilterVerdict};

use super::common::{Vendor, has_prefix, is, key_values, number, raw_verdict};

pub const VENDOR: Vendor = Vendor {
    name: "Proofpoint",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    if is(name, "X-Proofpoint-Spam-Details") {
        let mut v = pairs(name, value);
        if let Some(rule) = v.field("rule").map(|f| f.raw.to_ascii_lowercase()) {
            let rule = rule.rsplit('_').next().unwrap_or_default();
            v.spam = match rule {
                "notspam" => Some(false),
                "spam" => Some(true),
                _ => None,
            };
            let meaning = v.spam.map(|s| if s { "spam" } else { "not spam" });
            if let Some(f) = v
                .fields
                .iter_mut()
                .find(|f| f.key.eq_ignore_ascii_case("rule"))
            {
                f.meaning = meaning.map(str::to_string);
            }
        }
        v.score = v.field("score").and_then(|f| number(&f.raw));
        Some(v)
    } else if is(name, "X-Proofpoint-Virus-Version") {
        Some(pairs(name, value))
    } else if has_prefix(name, "X-Proofpoint-") {
        Some(raw_verdict(VENDOR.name, name, value))
    } else {
        None
    }
}

/// Space-separated `key=value` fields, raw.
fn pairs(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    for (key, raw) in key_values(value, ' ', '=') {
        v.fields.push(FieldMeaning::new(key, raw, None));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_details() {
        let v = read(
            "X-Proofpoint-Spam-Details",
            "rule=notspam policy=default score=0 spamscore=0 ipscore=0 phishscore=0 bulkscore=0 adultscore=0 classifier=spam adjust=0 reason=mlx scancount=1 engine=8.12.0-2009010000 definitions=main-2010010001",
        )
        .unwrap();
        assert_eq!(v.vendor, "Proofpoint");
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.score, Some(0.0));
        assert_eq!(
            v.field("rule").unwrap().meaning.as_deref(),
            Some("not spam")
        );
        assert_eq!(v.field("classifier").unwrap().raw, "spam");
        assert_eq!(v.field("classifier").unwrap().meaning, None);
        assert_eq!(v.field("definitions").unwrap().raw, "main-2010010001");
        assert_eq!(v.fields.len(), 14);
        let v = read(
            "X-Proofpoint-Spam-Details",
            "rule=inbound_spam policy=inbound score=100",
        )
        .unwrap();
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.score, Some(100.0));
        let v = read("X-Proofpoint-Spam-Details", "rule=quarantine_bulk score=x").unwrap();
        assert_eq!(v.spam, None);
        assert_eq!(v.score, None);
        assert_eq!(v.field("rule").unwrap().meaning, None);
    }

    #[test]
    fn virus_version_and_others() {
        let v = read(
            "X-Proofpoint-Virus-Version",
            "vendor=nai engine=6200 definitions=10000 signatures=0",
        )
        .unwrap();
        assert_eq!(v.field("vendor").unwrap().raw, "nai");
        assert_eq!(v.spam, None);
        let v = read("X-Proofpoint-GUID", "AbCdEf").unwrap();
        assert_eq!(v.fields[0].raw, "AbCdEf");
        assert_eq!(read("X-Mimecast-Spam-Score", "1"), None);
    }
}
