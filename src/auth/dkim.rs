//! `DKIM-Signature` (RFC 6376 §3.5) and the obsolete `DomainKey-Signature`
//! (RFC 4870 §3.3): the tag list, each tag raw, and the tags that say who
//! signed what decoded: `v a c d s i h t x l q bh b`.
//!
//! Nothing is verified here: `b=` and `bh=` are kept as written (folding
//! removed), not decoded; the key at `s._domainkey.d` is not fetched. A
//! signature's place among the Received headers tells where it was added;
//! its `d=` tells who claims it.

use super::lex;
use crate::model::{Canonicalization, DkimSignature, Timestamp};

/// Reads a DKIM-Signature value.
pub fn parse(value: &str) -> DkimSignature {
    read(value, false)
}

/// Reads a DomainKey-Signature value: the same tags, without `v=`, with
/// one canonicalization for the whole message (`nofws`, `simple`).
pub fn parse_domainkey(value: &str) -> DkimSignature {
    read(value, true)
}

fn read(value: &str, domainkeys: bool) -> DkimSignature {
    let list = lex::tag_list(value);
    let text = |name: &str| list.get(name).map(str::to_string);
    DkimSignature {
        version: text("v"),
        algorithm: list
            .get("a")
            .map(|a| lex::without_space(a).to_ascii_lowercase()),
        canonicalization: list.get("c").map(|c| canonicalization(c, domainkeys)),
        domain: text("d"),
        selector: text("s"),
        identity: text("i"),
        headers: list.get("h").map(header_list).unwrap_or_default(),
        timestamp: list.get("t").map(Timestamp::parse),
        expiration: list.get("x").map(Timestamp::parse),
        body_length: list
            .get("l")
            .and_then(|l| lex::without_space(l).parse().ok()),
        query_methods: text("q"),
        body_hash: list.get("bh").map(lex::without_space),
        signature: list.get("b").map(lex::without_space),
        tags: list.tags,
        duplicates: list.duplicates,
        unread: list.unread,
    }
}

/// `c=relaxed/simple`, `c=relaxed` (body simple), DomainKeys `c=nofws`.
pub(super) fn canonicalization(raw: &str, domainkeys: bool) -> Canonicalization {
    let clean = lex::without_space(raw).to_ascii_lowercase();
    let (header, body) = match clean.split_once('/') {
        Some((h, b)) => (h.to_string(), b.to_string()),
        None if domainkeys => (clean.clone(), clean.clone()),
        None => (clean.clone(), "simple".to_string()),
    };
    Canonicalization {
        raw: raw.to_string(),
        header,
        body,
    }
}

/// `h=From:To : Subject` → the names, folding and empty names dropped.
pub(super) fn header_list(raw: &str) -> Vec<String> {
    raw.split(':')
        .map(lex::without_space)
        .filter(|h| !h.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pair;

    #[test]
    fn a_typical_signature() {
        let s = parse(
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s2024;\r\n\tt=1700000000; x=1700604800; h=From:To:Subject:Date:\r\n\t Message-ID:From; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb=dGVzdCBzaWduYXR1cmUgb25seSBmb3IgdW5pdCB0\r\n\t ZXN0cw==",
        );
        assert_eq!(s.version.as_deref(), Some("1"));
        assert_eq!(s.algorithm.as_deref(), Some("rsa-sha256"));
        let c = s.canonicalization.as_ref().unwrap();
        assert_eq!((c.header.as_str(), c.body.as_str()), ("relaxed", "relaxed"));
        assert_eq!(s.domain.as_deref(), Some("example.org"));
        assert_eq!(s.selector.as_deref(), Some("s2024"));
        assert_eq!(
            s.headers,
            ["From", "To", "Subject", "Date", "Message-ID", "From"]
        );
        assert_eq!(
            s.timestamp.as_ref().unwrap().time.unwrap().timestamp(),
            1_700_000_000
        );
        assert_eq!(s.expiration.as_ref().unwrap().raw, "1700604800");
        assert_eq!(
            s.body_hash.as_deref(),
            Some("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        );
        assert_eq!(
            s.signature.as_deref(),
            Some("dGVzdCBzaWduYXR1cmUgb25seSBmb3IgdW5pdCB0ZXN0cw==")
        );
        assert_eq!(s.tags.len(), 10);
        assert!(s.duplicates.is_empty() && s.unread.is_empty());
    }

    #[test]
    fn optional_tags_and_defaults() {
        let s = parse(
            "v=1; a=ed25519-sha256; q=dns/txt; c=relaxed; d= example.org; i=@example.org; s=ed1; l=1234; h=from : to; bh=abc=; b=def=;",
        );
        let c = s.canonicalization.unwrap();
        assert_eq!((c.header.as_str(), c.body.as_str()), ("relaxed", "simple"));
        assert_eq!(s.domain.as_deref(), Some("example.org"));
        assert_eq!(s.identity.as_deref(), Some("@example.org"));
        assert_eq!(s.body_length, Some(1234));
        assert_eq!(s.query_methods.as_deref(), Some("dns/txt"));
        assert_eq!(s.headers, ["from", "to"]);
        let s = parse("v=1; d=example.org; s=x; b=");
        assert_eq!(s.canonicalization, None);
        assert_eq!(s.signature.as_deref(), Some(""));
        assert_eq!(s.timestamp, None);
    }

    #[test]
    fn bad_values_stay_raw() {
        let s =
            parse("v=1; t=yesterday; x=-1; l=lots; d=a.example; d=b.example; junk; A=RSA-SHA256");
        assert_eq!(s.timestamp.as_ref().unwrap().raw, "yesterday");
        assert_eq!(s.timestamp.unwrap().time, None);
        assert_eq!(s.expiration.unwrap().time, None);
        assert_eq!(s.body_length, None);
        assert_eq!(s.domain.as_deref(), Some("a.example"));
        assert_eq!(s.duplicates, ["d"]);
        assert_eq!(s.unread, ["junk"]);
        // Tag names are case-sensitive: `A=` is no algorithm.
        assert_eq!(s.algorithm, None);
        assert_eq!(s.tags.last().unwrap(), &Pair::new("A", "RSA-SHA256"));
        assert_eq!(parse(""), DkimSignature::default());
    }

    #[test]
    fn domainkeys() {
        let s = parse_domainkey(
            "a=rsa-sha1; q=dns; c=nofws; s=mail; d=example.org; h=From:Subject; b=QUJD",
        );
        assert_eq!(s.version, None);
        assert_eq!(s.algorithm.as_deref(), Some("rsa-sha1"));
        let c = s.canonicalization.unwrap();
        assert_eq!((c.header.as_str(), c.body.as_str()), ("nofws", "nofws"));
        assert_eq!(s.selector.as_deref(), Some("mail"));
        assert_eq!(s.query_methods.as_deref(), Some("dns"));
    }
}
