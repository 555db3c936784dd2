//! Cisco Secure Email (IronPort).
//!
//! * `X-IronPort-Anti-Spam-Filtered: true`: the message went through the
//!   anti-spam engine.
//! * `X-IronPort-Anti-Spam-Result`: opaque (base64-like); kept raw.
//! * `X-IronPort-AV: E=Sophos;i="5.77,316,1596492000"; d="scan'208";a="..."`:
//!   the anti-virus stamp, as its `key=value` fields (quotes removed),
//!   raw.
//! * Any other `X-IronPort-*` header is kept raw.

use crate::auth::lex::{self, ItemKind};
use crate::model::{FieldMeaning, FilterVerdict};

use super::common::{Vendor, has_prefix, is, raw_verdict};

pub const VENDOR: Vendor = Vendor {
    name: "Cisco IronPort",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    if is(name, "X-IronPort-Anti-Spam-Filtered") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        let raw = value.trim();
        let meaning = raw
            .eq_ignore_ascii_case("true")
            .then_some("the message went through IronPort's anti-spam filter");
        v.fields.push(FieldMeaning::new("filtered", raw, meaning));
        Some(v)
    } else if is(name, "X-IronPort-AV") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        let tokens = lex::tokens(value, Some(b';'));
        for item in lex::items(&tokens) {
            match item.kind {
                ItemKind::Pair { key, value: raw } => {
                    v.fields.push(FieldMeaning::new(key, raw, None))
                }
                ItemKind::Separator => {}
                _ => v.fields.push(FieldMeaning::new(
                    "",
                    value.get(item.start..item.end).unwrap_or_default(),
                    None,
                )),
            }
        }
        Some(v)
    } else if has_prefix(name, "X-IronPort-") {
        Some(raw_verdict(VENDOR.name, name, value))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ironport_headers() {
        let v = read("X-IronPort-Anti-Spam-Filtered", "true").unwrap();
        assert_eq!(v.vendor, "Cisco IronPort");
        assert!(v.fields[0].meaning.is_some());
        assert_eq!(v.spam, None);
        let v = read("X-IronPort-Anti-Spam-Result", "A0AbCdEfGh+/AQAB").unwrap();
        assert_eq!(v.fields[0].raw, "A0AbCdEfGh+/AQAB");
        assert_eq!(v.fields[0].meaning, None);
        let v = read(
            "X-IronPort-AV",
            "E=Sophos;i=\"5.77,316,1596492000\"; \r\n   d=\"scan'208,217\";a=\"123456789\"",
        )
        .unwrap();
        let got: Vec<(&str, &str)> = v
            .fields
            .iter()
            .map(|f| (f.key.as_str(), f.raw.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("E", "Sophos"),
                ("i", "5.77,316,1596492000"),
                ("d", "scan'208,217"),
                ("a", "123456789")
            ]
        );
        assert!(read("X-IronPort-Outbreak-Status", "x").is_some());
        assert_eq!(read("X-IPAS-Result", "x"), None);
    }
}
