//! Mimecast.
//!
//! * `X-Mimecast-Spam-Score: N`: the spam score (Mimecast's scale; no
//!   threshold is written).
//! * `X-Mimecast-Impersonation-Protect: Policy=...;Similar Internal
//!   Domain=false;...;Reply-to Address Mismatch=false`: each indicator
//!   raw, as `;`-separated `name=value`.
//! * Any other `X-Mimecast-*` header (`-Spam-Signature`,
//!   `-Bulk-Signature`, `-MFC-AGG-ID`...) is kept raw.

use crate::model::{FieldMeaning, FilterVerdict};

use super::common::{Vendor, has_prefix, is, key_values, number, raw_verdict};

pub const VENDOR: Vendor = Vendor {
    name: "Mimecast",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    if is(name, "X-Mimecast-Spam-Score") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        v.score = number(value);
        let meaning = v.score.map(|_| "Mimecast's spam score");
        v.fields
            .push(FieldMeaning::new("score", value.trim(), meaning));
        Some(v)
    } else if is(name, "X-Mimecast-Impersonation-Protect") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        for (key, raw) in key_values(value, ';', '=') {
            v.fields.push(FieldMeaning::new(key, raw, None));
        }
        Some(v)
    } else if has_prefix(name, "X-Mimecast-") {
        Some(raw_verdict(VENDOR.name, name, value))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_and_impersonation() {
        let v = read("X-Mimecast-Spam-Score", " 2").unwrap();
        assert_eq!(v.vendor, "Mimecast");
        assert_eq!(v.score, Some(2.0));
        assert_eq!(v.spam, None);
        assert_eq!(v.threshold, None);
        let v = read(
            "X-Mimecast-Impersonation-Protect",
            "Policy=Default Impersonation Protection;Similar Internal Domain=false;Similar Monitored External Domain=false;Newly Observed Domain=true;Reply-to Address Mismatch=false",
        )
        .unwrap();
        assert_eq!(v.fields.len(), 5);
        assert_eq!(v.field("Newly Observed Domain").unwrap().raw, "true");
        assert_eq!(
            v.field("Policy").unwrap().raw,
            "Default Impersonation Protection"
        );
        assert!(v.fields.iter().all(|f| f.meaning.is_none()));
        let v = read("X-Mimecast-Spam-Signature", "bulk").unwrap();
        assert_eq!(v.fields[0].raw, "bulk");
        assert_eq!(read("X-Barracuda-Spam-Score", "1"), None);
    }
}
