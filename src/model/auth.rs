//! What the authentication and filter headers say, as plain data: each
//! header as read (Authentication-Results, Received-SPF, DKIM-Signature,
//! ARC, the vendors' verdicts), placed on the hop that wrote it, and the
//! receiving side's summary (the JSON `auth` object). The parsers that
//! fill these types are the `auth` stage's.
//!
//! Every type keeps the text as the header wrote it beside what it means.

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use super::checked_now::CheckedNow;

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
        Some(t) => s.serialize_str(&super::hop::format_utc(t)),
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

/// One header, read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Parsed {
    AuthenticationResults(AuthResults),
    ArcAuthenticationResults(AuthResults),
    /// An upstream hop's Authentication-Results renamed by the next
    /// receiver (`Authentication-Results-Original`,
    /// `X-Original-Authentication-Results`): information from the hop its
    /// authserv-id names, never the receiver's verdict.
    UpstreamAuthenticationResults(AuthResults),
    ArcSeal(ArcSeal),
    ArcMessageSignature(ArcMessageSignature),
    ReceivedSpf(ReceivedSpf),
    DkimSignature(DkimSignature),
    DomainKeySignature(DkimSignature),
    Verdict(FilterVerdict),
}

/// Which side of the trust boundary wrote a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The receiving side: a hop at or above the trust boundary wrote it.
    Receiver,
    /// Below the boundary: what the sender's side says, or a forgery.
    Claim,
}

/// One authentication or filter header, read and placed on the hop that
/// wrote it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedHeader {
    /// The header's name, as written.
    pub name: String,
    /// The `number` of the hop whose receiver wrote it; `null` when the
    /// message has no hops.
    pub hop: Option<usize>,
    pub side: Side,
    /// The value as written, unfolded.
    pub raw: String,
    /// What it says.
    pub reading: Parsed,
}

/// The receiving side's SPF result (RFC 7208).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpfVerdict {
    /// `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`.
    pub result: String,
    /// The domain checked: the envelope sender's (`smtp.mailfrom`), or the HELO's.
    pub domain: Option<String>,
    /// The IP it was checked for, when the header says.
    pub client_ip: Option<std::net::IpAddr>,
    /// The header that says so, and the hop that wrote it.
    pub header: String,
    pub hop: Option<usize>,
}

/// The receiving side's result for one DKIM signature (RFC 6376).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DkimVerdict {
    pub result: String,
    /// `header.d`: the signing domain.
    pub domain: Option<String>,
    /// `header.s`: the selector.
    pub selector: Option<String>,
    /// Why, when the header says (`reason=`, or its comment).
    pub reason: Option<String>,
    pub header: String,
    pub hop: Option<usize>,
}

/// The receiving side's DMARC result (RFC 7489).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DmarcVerdict {
    /// `pass`, `fail`, `none`, `bestguesspass` (Microsoft: no DMARC record)...
    pub result: String,
    /// `header.from`: the From domain it was checked for.
    pub from_domain: Option<String>,
    /// The domain's policy when the header says (`p=REJECT`): lower case.
    pub policy: Option<String>,
    /// What the receiver did about it when the header says (Microsoft
    /// `action=`, Google `dis=`): lower case.
    pub disposition: Option<String>,
    pub header: String,
    pub hop: Option<usize>,
}

/// Microsoft's composite authentication (`compauth=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Compauth {
    pub result: String,
    /// The reason code as written (`100`, `000`).
    pub reason: Option<String>,
    /// What the reason code means, per Microsoft's documentation.
    pub meaning: Option<String>,
}

/// One forwarder's ARC instance (RFC 8617).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArcInstance {
    pub instance: u32,
    /// Who sealed it (the ARC-Seal's `d=`).
    pub signer: Option<String>,
    /// The chain validation the forwarder recorded (`cv=`).
    pub cv: Option<String>,
    /// What the forwarder saw when the message reached it: its
    /// ARC-Authentication-Results methods, `method=result`.
    pub saw: Vec<String>,
    /// The hop that wrote the instance's headers.
    pub hop: Option<usize>,
}

/// The ARC chain: the receiving side's verdict on it and each instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArcVerdict {
    /// The receiving side's `arc=` result, when it wrote one.
    pub result: Option<String>,
    /// Every instance, oldest (`i=1`) first.
    pub instances: Vec<ArcInstance>,
    /// What is wrong with the set of headers (a gap, a duplicate...).
    pub problems: Vec<String>,
}

/// Where the receiving side's filter put the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Disposition {
    Inbox,
    Junk,
    Quarantine,
    /// Refused (rspamd's `reject` action written on a copy).
    Rejected,
    /// No filter header on the receiving side says (Gmail and Yahoo write none).
    Unknown,
}

impl Disposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Inbox => "inbox",
            Disposition::Junk => "junk",
            Disposition::Quarantine => "quarantine",
            Disposition::Rejected => "rejected",
            Disposition::Unknown => "unknown",
        }
    }
}

/// The receiving side's filter decision, with what says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterDecision {
    pub decision: Disposition,
    /// The filter that decided (`Microsoft 365`, `SpamAssassin`...).
    pub by: Option<String>,
    /// The header and values that say so: `X-Microsoft-Antispam-Mailbox-Delivery: dest:J`.
    pub evidence: Option<String>,
    /// The scores and verdicts in a few words: `SCL 5 (SFV:SPM), BCL 6`.
    pub summary: Option<String>,
    /// Whether a header names the folder (`dest:J`, a gateway's
    /// quarantine). When false the folder is inferred from a spam verdict
    /// or category: the mailbox's own rules decide where such mail lands.
    pub folder_stated: bool,
}

impl Default for FilterDecision {
    fn default() -> Self {
        FilterDecision {
            decision: Disposition::Unknown,
            by: None,
            evidence: None,
            summary: None,
            folder_stated: false,
        }
    }
}

/// The envelope as the receiving side recorded it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Envelope {
    /// `Return-Path`: the envelope sender (where bounces go).
    pub return_path: Option<String>,
    /// `Delivered-To`: the mailbox it was delivered to.
    pub delivered_to: Option<String>,
    /// `X-Original-To`: the address before aliases were expanded.
    pub original_to: Option<String>,
    /// `X-Originating-IP`: the sender's client as a webmail service recorded it.
    pub originating_ip: Option<String>,
}

/// Authentication and filtering along the path (the JSON `auth` object):
/// the receiving side's verdicts, with every header read and placed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Auth {
    pub spf: Option<SpfVerdict>,
    pub dkim: Vec<DkimVerdict>,
    pub dmarc: Option<DmarcVerdict>,
    pub arc: Option<ArcVerdict>,
    pub compauth: Option<Compauth>,
    pub filter: FilterDecision,
    pub envelope: Envelope,
    /// SPF, DMARC and DKIM checked now against today's DNS (the DNS
    /// stage); `None` without DNS, or when there was nothing to check.
    pub checked_now: Option<CheckedNow>,
    /// Every authentication and filter header, in header order.
    pub headers: Vec<PlacedHeader>,
}

impl Auth {
    /// The verdict headers written on the sending side of the boundary
    /// (Authentication-Results, Received-SPF, filter verdicts): claims,
    /// listed and never counted. Signatures are the sender's by design,
    /// and a forwarder's ARC set is shown with the chain, so neither is
    /// a claim.
    pub fn verdict_claims(&self) -> impl Iterator<Item = &PlacedHeader> {
        self.headers.iter().filter(|h| {
            h.side == Side::Claim
                && matches!(
                    h.reading,
                    Parsed::AuthenticationResults(_) | Parsed::ReceivedSpf(_) | Parsed::Verdict(_)
                )
        })
    }

    /// The custom folder a receiving side's header names (Microsoft's
    /// `dest:C`: a folder the mailbox's own rules chose), as written.
    pub fn custom_folder(&self) -> Option<&str> {
        self.headers
            .iter()
            .filter(|h| h.side == Side::Receiver)
            .find_map(|h| match &h.reading {
                Parsed::Verdict(FilterVerdict {
                    folder: Some(Folder::Custom(raw)),
                    upstream_copy: false,
                    ..
                }) => Some(raw.as_str()),
                _ => None,
            })
    }

    /// The receiving side's `dkim=none` (the message was not signed, RFC
    /// 8601 §2.7.1), when its topmost Authentication-Results with DKIM
    /// results says only that: no signature is listed in `dkim` then.
    pub fn dkim_unsigned(&self) -> Option<&MethodResult> {
        let dkim: Vec<&MethodResult> = self
            .headers
            .iter()
            .filter(|h| h.side == Side::Receiver)
            .filter_map(|h| match &h.reading {
                Parsed::AuthenticationResults(r) => Some(r),
                _ => None,
            })
            .map(|r| {
                r.results
                    .iter()
                    .filter(|m| m.method.eq_ignore_ascii_case("dkim"))
                    .collect::<Vec<_>>()
            })
            .find(|d| !d.is_empty())?;
        dkim.iter().all(|m| m.result == "none").then(|| dkim[0])
    }
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

/// One Authentication-Results (or ARC-Authentication-Results) header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuthResults {
    /// The ARC instance (`i=`) of an ARC-Authentication-Results; `None`
    /// for Authentication-Results, or when `i=` is missing or no number.
    pub instance: Option<u32>,
    /// The name of the server that wrote the results; `None` when the
    /// header has none (Microsoft 365).
    pub authserv_id: Option<String>,
    /// The version after the authserv-id (`mx.microsoft.com 1;`).
    pub version: Option<String>,
    /// Comments after the authserv-id (`(amavisd-new)`).
    pub comments: Vec<String>,
    /// The header says `none`: no method was checked.
    pub none: bool,
    pub results: Vec<MethodResult>,
    /// Text that is no method result, as written.
    pub unread: Vec<String>,
}

/// One `method=result` with what follows it up to the next `;`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MethodResult {
    /// Lower case: `spf`, `dkim`, `dmarc`, `arc`, `compauth`, `x-...`.
    pub method: String,
    /// `dkim/1=pass`: `1`.
    pub method_version: Option<String>,
    /// Lower case: `pass`, `fail`, `softfail`, `bestguesspass`...; empty
    /// when the header wrote none.
    pub result: String,
    /// The `reason=` value (quotes removed).
    pub reason: Option<String>,
    /// The properties in order: `smtp.mailfrom`, `header.d`, `action`...
    /// (names lower case, values as written, quotes removed).
    pub properties: Vec<Pair>,
    /// The comments, as written without their outer parentheses.
    pub comments: Vec<String>,
    /// The method result as written.
    pub raw: String,
}

/// One Received-SPF header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReceivedSpf {
    /// The result word, lower case (`pass`, `fail`, `softfail`,
    /// `neutral`, `none`, `temperror`, `permerror`...); `None` when the
    /// header starts with something else.
    pub result: Option<String>,
    /// The comments, as written without their outer parentheses; the
    /// first is the one RFC 7208 puts after the result.
    pub comments: Vec<String>,
    /// The key=value pairs in order (keys lower case, values as written
    /// with quotes removed).
    pub pairs: Vec<Pair>,
    /// Text that is neither, as written.
    pub unread: Vec<String>,
}

/// One DKIM-Signature or DomainKey-Signature.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DkimSignature {
    /// `v=` (DKIM: `1`; DomainKeys has none).
    pub version: Option<String>,
    /// `a=`, lower case: `rsa-sha256`, `rsa-sha1`, `ed25519-sha256`.
    pub algorithm: Option<String>,
    /// `c=`; `None` when absent (RFC 6376 then means simple/simple).
    pub canonicalization: Option<Canonicalization>,
    /// `d=`: the signing domain.
    pub domain: Option<String>,
    /// `s=`: the selector; the key is at `<s>._domainkey.<d>`.
    pub selector: Option<String>,
    /// `i=`: the signing identity (`@example.org` occurs).
    pub identity: Option<String>,
    /// `h=`: the signed header names, in order, as written (a name
    /// repeated is over-signing).
    pub headers: Vec<String>,
    /// `t=`: when it was signed.
    pub timestamp: Option<Timestamp>,
    /// `x=`: when it expires.
    pub expiration: Option<Timestamp>,
    /// `l=`: how many body bytes are signed (the rest could be anything).
    pub body_length: Option<u64>,
    /// `q=`: how the key is found (`dns/txt`, DomainKeys `dns`).
    pub query_methods: Option<String>,
    /// `bh=`, folding removed, not decoded.
    pub body_hash: Option<String>,
    /// `b=`, folding removed, not decoded.
    pub signature: Option<String>,
    /// Every tag in order, as written.
    pub tags: Vec<Pair>,
    /// Tags that occur more than once (RFC 6376 §3.2: the signature is
    /// then invalid); the decoded fields take the first.
    pub duplicates: Vec<String>,
    /// Parts that are no `tag=value`, as written.
    pub unread: Vec<String>,
}

/// `c=`: how headers and body were canonicalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Canonicalization {
    pub raw: String,
    /// Lower case: `simple`, `relaxed` (DomainKeys: `simple`, `nofws`).
    pub header: String,
    /// Lower case; `simple` when `c=` names only the header's (RFC 6376
    /// §3.5). DomainKeys canonicalises the whole message one way, so it
    /// is the header's.
    pub body: String,
}

/// One ARC-Seal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArcSeal {
    /// `i=`; `None` when missing or no number.
    pub instance: Option<u32>,
    /// `cv=`, lower case: `none`, `pass` or `fail`.
    pub cv: Option<String>,
    /// `a=`, lower case.
    pub algorithm: Option<String>,
    pub domain: Option<String>,
    pub selector: Option<String>,
    pub timestamp: Option<Timestamp>,
    /// `b=`, folding removed, not decoded.
    pub signature: Option<String>,
    /// Every tag in order, as written.
    pub tags: Vec<Pair>,
    pub duplicates: Vec<String>,
    pub unread: Vec<String>,
}

/// One ARC-Message-Signature: a DKIM-Signature whose `i=` is the instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArcMessageSignature {
    pub instance: Option<u32>,
    pub algorithm: Option<String>,
    pub canonicalization: Option<Canonicalization>,
    pub domain: Option<String>,
    pub selector: Option<String>,
    pub timestamp: Option<Timestamp>,
    /// `h=`: the signed header names, in order.
    pub headers: Vec<String>,
    pub body_hash: Option<String>,
    pub signature: Option<String>,
    pub tags: Vec<Pair>,
    pub duplicates: Vec<String>,
    pub unread: Vec<String>,
}
