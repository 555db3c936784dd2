//! Authentication and filtering along the path: the parsers of the
//! headers receivers write about a message's authentication and their
//! filters' verdicts.
//!
//! This stage runs after [`crate::trust`]: which of these headers count
//! depends on where they sit (a header counts only when it is on the
//! receiving side of the trust boundary, above the hop it speaks about;
//! below it, it is the sender's organisation talking, or a forgery). The
//! parsers here read one header value each and decide nothing about
//! placement; [`read`] dispatches one placed
//! [`Field`](crate::message::Field) by its name.
//!
//! # What is read
//!
//! | header | module | result |
//! |---|---|---|
//! | `Authentication-Results` (RFC 8601) | [`results`] | [`AuthResults`](crate::model::AuthResults): authserv-id, version, each `method=result` with reason, properties, comments |
//! | `ARC-Authentication-Results` (RFC 8617) | [`results`] | the same, with the instance `i=` |
//! | `Authentication-Results-Original`, `X-Original-Authentication-Results` | [`results`] | the same, as an upstream copy (a gateway's results renamed by the next receiver) |
//! | `ARC-Seal`, `ARC-Message-Signature` | [`arc`] | [`ArcSeal`](crate::model::ArcSeal), [`ArcMessageSignature`](crate::model::ArcMessageSignature); [`arc::chain`] groups a message's three ARC headers into sets |
//! | `Received-SPF` (RFC 7208 §9.1) | [`spf`] | [`ReceivedSpf`](crate::model::ReceivedSpf): result, comment, key=value pairs |
//! | `DKIM-Signature` (RFC 6376), `DomainKey-Signature` (RFC 4870) | [`dkim`] | [`DkimSignature`](crate::model::DkimSignature): every tag, `t=`/`x=` as times |
//! | vendors' verdict headers | [`vendors`] | [`FilterVerdict`](crate::model::FilterVerdict): spam or not, score, threshold, each field with its meaning, folder |
//!
//! Vendors: Microsoft 365 (`X-Forefront-Antispam-Report`,
//! `X-Microsoft-Antispam`, `X-Microsoft-Antispam-Mailbox-Delivery`,
//! `X-MS-Exchange-Organization-SCL`), SpamAssassin (`X-Spam-Status`,
//! `-Flag`, `-Level`, `-Score`, `-Report`, `-Checker-Version`, Exim's
//! `X-Spam_score`, `_score_int`, `_bar`, `_report`, and the renamed
//! upstream copies `X-Remote-Spam-*`), Rspamd (`X-Spamd-Result`,
//! `X-Rspamd-*`, `X-Spamd-Bar`, `X-Spam`), Proofpoint (`X-Proofpoint-*`),
//! Mimecast (`X-Mimecast-*`), Barracuda (`X-Barracuda-*`) and Cisco
//! IronPort (`X-IronPort-*`).
//!
//! # How
//!
//! * Values keep their raw text beside the decoded meaning: a method
//!   result keeps the text it was read from, a tag list keeps every tag as
//!   written, a verdict keeps every field raw.
//! * Undocumented fields are shown raw, not guessed: a verdict field's
//!   meaning is `None` unless the vendor documents the value, and text a
//!   parser cannot place is kept in `unread`.
//! * Real headers break the RFCs (no authserv-id, no space after `;`,
//!   results only in comments, properties without a ptype, unclosed
//!   comments and quotes...): every parser is lenient, never panics, and
//!   runs in time linear in the value's length. Each module lists the
//!   forms it reads.
//!
//! # What is not read
//!
//! * Nothing is verified: DKIM, ARC and DomainKeys signatures (`b=`,
//!   `bh=`) are kept as written, not decoded or checked, and no DNS is
//!   asked. Results are what the receiver *wrote*; checking them again
//!   today can differ (keys rotate, signatures expire).
//! * `X-Google-DKIM-Signature` (Google's internal signature, not a
//!   DKIM-Signature), the draft `DKIM2-Signature`, ARF report fields
//!   (`Auth-Failure`, `DKIM-Domain`...), and the verdict headers of
//!   vendors not listed above (Kaspersky `X-KSMG-*`, Cloudmark, Cyren,
//!   Sophos, MailScanner, `X-Virus-Scanned`...).
//! * Values mangled by an undecoded quoted-printable part (`=3D`) are read
//!   as written: decoding the MIME part comes first.

pub mod arc;
pub mod dkim;
mod filter;
mod findings;
mod lex;
mod place;
pub mod results;
pub mod spf;
mod summary;
pub mod vendors;

use crate::message::Field;

pub use arc::{ArcChain, ArcProblem, ArcSet};
pub use summary::envelope_sender;

use crate::model::{Auth, Finding, Hop, Parsed, PlacedHeader, Side};

/// Reads every authentication and filter header of the message, places
/// each on the hop that wrote it (after the trust stage has found the
/// boundary), and sums up the receiving side's verdicts and filter
/// decision. Returns the `auth` object and its findings.
pub fn apply(fields: &[Field], hops: &[Hop]) -> (Auth, Vec<Finding>) {
    let path = place::Path::new(hops);
    let headers: Vec<PlacedHeader> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, field)| {
            let reading = read(field)?;
            let last = !fields[i + 1..]
                .iter()
                .any(|f| f.name.eq_ignore_ascii_case(&field.name));
            let place = path.place(field, Some(&reading), last);
            Some(PlacedHeader {
                name: field.name.clone(),
                hop: place.hop,
                side: place.side,
                raw: field.value.clone(),
                reading,
            })
        })
        .collect();
    let headers = arc_sets_placed_together(headers);
    let auth = Auth {
        spf: summary::spf(&headers),
        dkim: summary::dkim(&headers),
        dmarc: summary::dmarc(&headers),
        arc: summary::arc_verdict(fields, &headers, |at| path.hop_at(at)),
        compauth: summary::compauth(&headers),
        filter: filter::decide(&headers),
        envelope: summary::envelope(fields),
        // Checked by the DNS stage, when it runs.
        checked_now: None,
        headers,
    };
    let found = findings::findings(&auth, hops);
    (auth, found)
}

/// An ARC set's three headers are written by one forwarder at one time,
/// and only its ARC-Authentication-Results names it (an authserv-id): the
/// seal and the message signature of the same instance go where their
/// results went. By position alone they would land on the next receiver,
/// whose Received header sits right above them.
fn arc_sets_placed_together(mut headers: Vec<PlacedHeader>) -> Vec<PlacedHeader> {
    let placed: Vec<(u32, Option<usize>, Side)> = headers
        .iter()
        .filter_map(|h| match &h.reading {
            Parsed::ArcAuthenticationResults(r) => r.instance.map(|i| (i, h.hop, h.side)),
            _ => None,
        })
        .collect();
    for header in &mut headers {
        let instance = match &header.reading {
            Parsed::ArcSeal(s) => s.instance,
            Parsed::ArcMessageSignature(s) => s.instance,
            _ => None,
        };
        if let Some(&(_, hop, side)) = instance.and_then(|i| placed.iter().find(|p| p.0 == i)) {
            header.hop = hop;
            header.side = side;
        }
    }
    headers
}

/// Reads one placed header field; `None` for a header this stage does not
/// read (`Return-Path`, `Delivered-To`...).
pub fn read(field: &Field) -> Option<Parsed> {
    read_header(&field.name, &field.value)
}

/// Reads one header by its name (any case) and value.
pub fn read_header(name: &str, value: &str) -> Option<Parsed> {
    let name = name.trim();
    let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
    Some(if is("Authentication-Results") {
        Parsed::AuthenticationResults(results::parse(value))
    } else if is("ARC-Authentication-Results") {
        Parsed::ArcAuthenticationResults(results::parse_arc(value))
    } else if is("Authentication-Results-Original") || is("X-Original-Authentication-Results") {
        Parsed::UpstreamAuthenticationResults(results::parse(value))
    } else if is("ARC-Seal") {
        Parsed::ArcSeal(arc::parse_seal(value))
    } else if is("ARC-Message-Signature") {
        Parsed::ArcMessageSignature(arc::parse_message_signature(value))
    } else if is("Received-SPF") {
        Parsed::ReceivedSpf(spf::parse(value))
    } else if is("DKIM-Signature") {
        Parsed::DkimSignature(dkim::parse(value))
    } else if is("DomainKey-Signature") {
        Parsed::DomainKeySignature(dkim::parse_domainkey(value))
    } else {
        Parsed::Verdict(vendors::read(name, value)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, value: &str) -> Field {
        Field {
            name: name.to_string(),
            value: value.to_string(),
            received_above: 1,
        }
    }

    #[test]
    fn dispatches_by_name_in_any_case() {
        let kind = |name: &str, value: &str| {
            read(&field(name, value)).map(|p| {
                serde_json::to_value(&p).unwrap()["kind"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
        };
        for (name, value, want) in [
            (
                "Authentication-Results",
                "mx.example.net; spf=pass",
                "authentication-results",
            ),
            (
                "authentication-results",
                "spf=pass",
                "authentication-results",
            ),
            (
                "ARC-Authentication-Results",
                "i=1; mx.example.net; arc=none",
                "arc-authentication-results",
            ),
            (
                "Authentication-Results-Original",
                "gw.example.org; spf=pass smtp.mailfrom=",
                "upstream-authentication-results",
            ),
            (
                "X-Original-Authentication-Results",
                "gw.example.org; spf=pass",
                "upstream-authentication-results",
            ),
            ("ARC-Seal", "i=1; cv=none", "arc-seal"),
            (
                "arc-message-signature",
                "i=1; d=example.org",
                "arc-message-signature",
            ),
            ("Received-SPF", "pass", "received-spf"),
            ("received-spf", "None", "received-spf"),
            ("DKIM-Signature", "v=1; d=example.org", "dkim-signature"),
            (
                "DomainKey-Signature",
                "a=rsa-sha1; d=example.org",
                "domain-key-signature",
            ),
            ("X-Forefront-Antispam-Report", "SCL:1;", "verdict"),
            ("X-Spam-Status", "No", "verdict"),
        ] {
            assert_eq!(kind(name, value).as_deref(), Some(want), "{name}");
            // What a reader understands, the message stage must keep.
            assert!(crate::message::is_placed(name), "{name} not kept");
        }
        for name in [
            "Return-Path",
            "Delivered-To",
            "X-Original-To",
            "X-Originating-IP",
            "Recivied-SPF",
            "X-Google-DKIM-Signature",
        ] {
            assert_eq!(read(&field(name, "x")), None, "{name}");
        }
    }

    #[test]
    fn parsed_values_serialise() {
        let p = read(&field(
            "Authentication-Results",
            "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org;compauth=pass reason=100",
        ))
        .unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["value"]["authserv_id"], serde_json::Value::Null);
        assert_eq!(json["value"]["results"][0]["method"], "spf");
        assert_eq!(json["value"]["results"][1]["reason"], "100");
        assert_eq!(
            json["value"]["results"][0]["properties"][0],
            serde_json::json!({"name": "smtp.mailfrom", "value": "example.org"})
        );
        let p = read(&field("X-Microsoft-Antispam-Mailbox-Delivery", "dest:J;")).unwrap();
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["value"]["folder"], "junk");
        assert_eq!(json["value"]["vendor"], "Microsoft 365");
    }
}
