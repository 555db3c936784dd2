//! Authentication checked now, against today's DNS (the JSON
//! `auth.checked_now`): SPF for the trustworthy hop's IP, the From
//! domain's DMARC record, and each DKIM signature against today's key.
//!
//! These are not what the receiver saw when the message arrived: records
//! change, keys are rotated, signatures expire. Every type here says
//! "now" so no reader mistakes one for the receiver's verdict (those are
//! [`super::auth::SpfVerdict`] and its neighbours).

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use super::dns::LookupStatus;

/// The three checks, each with its result or why it was not done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedNow {
    pub spf: SpfNow,
    pub dmarc: DmarcNow,
    pub dkim: DkimNow,
}

impl CheckedNow {
    /// Every check marked as not done, for the same reason.
    pub fn not_done(why: &str) -> CheckedNow {
        CheckedNow {
            spf: SpfNow::not_checked(why),
            dmarc: DmarcNow::not_checked(None, why),
            dkim: DkimNow::not_checked(why),
        }
    }
}

/// SPF (RFC 7208) evaluated now for the trustworthy hop's connecting IP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpfNow {
    /// Why SPF was not checked (no trustworthy hop, a private IP...);
    /// `None` when it was, and then `ip` and `hop` are set.
    pub not_checked: Option<String>,
    pub ip: Option<IpAddr>,
    /// The trustworthy hop's `number`.
    pub hop: Option<usize>,
    /// The host the check is made as (the trustworthy hop's `by`): SPF
    /// macros may name it.
    pub receiver: Option<String>,
    /// The envelope sender's identity (RFC 7208 §2.4); `None` when no
    /// envelope sender is known.
    pub mail_from: Option<SpfIdentityNow>,
    /// The HELO identity (RFC 7208 §2.3); `None` when the hop records no
    /// HELO name.
    pub helo: Option<SpfIdentityNow>,
}

impl SpfNow {
    pub fn not_checked(why: &str) -> SpfNow {
        SpfNow {
            not_checked: Some(why.to_string()),
            ip: None,
            hop: None,
            receiver: None,
            mail_from: None,
            helo: None,
        }
    }
}

/// One SPF identity and its result now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpfIdentityNow {
    pub source: SpfSource,
    /// What was checked: the envelope sender (`bounce@example.org`;
    /// `postmaster@<domain>` for a bare domain or the null sender, as RFC
    /// 7208 §2.4 and §4.3 say) or the HELO name.
    pub identity: Option<String>,
    /// The domain whose SPF record decides; `None` when there is no valid one.
    pub domain: Option<String>,
    pub result: SpfNowResult,
    /// Why it was not checked, or what stopped it, in words.
    pub note: Option<String>,
}

/// Where the identity checked came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpfSource {
    /// The `Return-Path` header the delivering server wrote.
    ReturnPath,
    /// The receiving side's own SPF record (`smtp.mailfrom` in its
    /// Authentication-Results, `envelope-from` in its Received-SPF).
    SmtpMailfrom,
    /// `Return-Path: <>` (a bounce or auto-reply): the HELO name stands in.
    NullSender,
    /// The trustworthy hop's HELO name.
    Helo,
}

/// An SPF result (RFC 7208 §2.6), or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpfNowResult {
    Pass,
    Fail,
    #[serde(rename = "softfail")]
    SoftFail,
    Neutral,
    None,
    #[serde(rename = "temperror")]
    TempError,
    #[serde(rename = "permerror")]
    PermError,
    /// Stopped: the report's DNS question cap was reached.
    Capped,
    /// Stopped: the DNS deadline passed.
    Timeout,
    /// Not evaluated (no valid domain); `note` says why.
    NotChecked,
}

impl SpfNowResult {
    pub fn as_str(self) -> &'static str {
        match self {
            SpfNowResult::Pass => "pass",
            SpfNowResult::Fail => "fail",
            SpfNowResult::SoftFail => "softfail",
            SpfNowResult::Neutral => "neutral",
            SpfNowResult::None => "none",
            SpfNowResult::TempError => "temperror",
            SpfNowResult::PermError => "permerror",
            SpfNowResult::Capped => "capped",
            SpfNowResult::Timeout => "timeout",
            SpfNowResult::NotChecked => "not-checked",
        }
    }
}

/// The From domain's DMARC record (RFC 7489 §6.6.3) as published now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DmarcNow {
    /// Why it was not looked up (no From domain...); `None` when it was.
    pub not_checked: Option<String>,
    /// The From header's domain.
    pub from_domain: Option<String>,
    /// Its organisational domain (Public Suffix List), where a record is
    /// looked for when the From domain has none.
    pub organisational_domain: Option<String>,
    /// `None` when not looked up.
    pub status: Option<DmarcNowStatus>,
    /// Every question asked, in order.
    pub lookups: Vec<NameLookup>,
    /// The `v=DMARC1` TXT strings found at the name that decided.
    pub records: Vec<String>,
    /// The record that applies, read; `None` unless `status` is `found`.
    pub record: Option<DmarcRecordNow>,
}

impl DmarcNow {
    pub fn not_checked(from_domain: Option<String>, why: &str) -> DmarcNow {
        DmarcNow {
            not_checked: Some(why.to_string()),
            from_domain,
            organisational_domain: None,
            status: None,
            lookups: Vec::new(),
            records: Vec::new(),
            record: None,
        }
    }
}

/// What the DMARC lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DmarcNowStatus {
    /// One record, read (`record`).
    Found,
    /// No record at the From domain nor at its organisational domain.
    None,
    /// More than one record at one name: RFC 7489 §6.6.3 says none applies.
    Several,
    /// A `v=DMARC1` record that does not parse.
    Unreadable,
    #[serde(rename = "servfail")]
    ServFail,
    Refused,
    Timeout,
    Capped,
    Error,
}

impl DmarcNowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DmarcNowStatus::Found => "found",
            DmarcNowStatus::None => "none",
            DmarcNowStatus::Several => "several",
            DmarcNowStatus::Unreadable => "unreadable",
            DmarcNowStatus::ServFail => "servfail",
            DmarcNowStatus::Refused => "refused",
            DmarcNowStatus::Timeout => "timeout",
            DmarcNowStatus::Capped => "capped",
            DmarcNowStatus::Error => "error",
        }
    }
}

/// One DNS question and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameLookup {
    pub name: String,
    pub status: LookupStatus,
}

/// A DMARC record, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DmarcRecordNow {
    /// Where it was found: `_dmarc.example.org`.
    pub name: String,
    /// Found at the organisational domain, not at the From domain itself.
    pub organisational: bool,
    /// `p=`: `none`, `quarantine`, `reject`; `None` when not stated.
    pub policy: Option<&'static str>,
    /// `sp=`, or `p=` when not stated (RFC 7489 §6.3).
    pub subdomain_policy: Option<&'static str>,
    /// The policy for the From domain: `sp` when the record is the
    /// organisational domain's and the From domain is below it, else `p`.
    pub applies: Option<&'static str>,
    /// `adkim=`: `relaxed` (the default) or `strict`.
    pub adkim: &'static str,
    /// `aspf=`: `relaxed` (the default) or `strict`.
    pub aspf: &'static str,
    /// `rua=` is set: the domain asks for aggregate reports.
    pub reports: bool,
    /// `t=y`: the domain is testing its policy.
    pub testing: bool,
}

/// Each DKIM signature (RFC 6376) verified now against today's key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DkimNow {
    /// Why no signature was verified (a returned copy inside a bounce...);
    /// `None` when they were.
    pub not_checked: Option<String>,
    /// The input was repaired before reading (pasted text): a mismatch
    /// may come from the copy, not from the message's path.
    pub input_repaired: bool,
    pub signatures: Vec<DkimSignatureNow>,
}

impl DkimNow {
    pub fn not_checked(why: &str) -> DkimNow {
        DkimNow {
            not_checked: Some(why.to_string()),
            input_repaired: false,
            signatures: Vec::new(),
        }
    }
}

/// One signature and what verifying it now found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DkimSignatureNow {
    /// `d=`: the signing domain.
    pub domain: Option<String>,
    /// `s=`: the selector.
    pub selector: Option<String>,
    /// `a=`: `rsa-sha256`, `ed25519-sha256`...
    pub algorithm: Option<String>,
    /// Where the key is published: `<s>._domainkey.<d>`.
    pub key: Option<String>,
    /// How the key's lookup ended; `None` when the key was not needed
    /// (expired, body changed, unreadable signature).
    pub key_status: Option<LookupStatus>,
    /// `x=`: when the signature expires, if it says.
    #[serde(serialize_with = "utc_seconds")]
    pub expires: Option<DateTime<Utc>>,
    pub result: DkimNowResult,
    pub cause: DkimCause,
    /// The cause in words a help desk can repeat.
    pub explanation: String,
}

/// The verifier's result word, or what stopped it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DkimNowResult {
    Pass,
    Fail,
    Neutral,
    #[serde(rename = "temperror")]
    TempError,
    #[serde(rename = "permerror")]
    PermError,
    Capped,
    Timeout,
}

impl DkimNowResult {
    pub fn as_str(self) -> &'static str {
        match self {
            DkimNowResult::Pass => "pass",
            DkimNowResult::Fail => "fail",
            DkimNowResult::Neutral => "neutral",
            DkimNowResult::TempError => "temperror",
            DkimNowResult::PermError => "permerror",
            DkimNowResult::Capped => "capped",
            DkimNowResult::Timeout => "timeout",
        }
    }
}

/// Why a signature verified or not, as a help desk would say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DkimCause {
    /// Verified with today's key.
    Verified,
    /// `x=` has passed (or is not after `t=`): never checked against a key.
    Expired,
    /// No key at the selector's name (NXDOMAIN or no TXT): rotated or removed.
    KeyNotPublished,
    /// The key record has an empty `p=`: the domain revoked it.
    KeyRevoked,
    /// The key record cannot be used (no `p=`, an unknown key type, a key
    /// of another algorithm, bad base64).
    KeyUnusable,
    /// The body hash does not match: the body changed after signing.
    BodyChanged,
    /// The body hash does not match and the input has no body: headers only.
    BodyNotGiven,
    /// The signature does not match the signed headers (or the selector
    /// now holds another key).
    HeadersChanged,
    /// `i=` is not within `d=`, or the key forbids subdomains (`t=s`).
    IdentityMismatch,
    /// A signature this check does not verify (`l=`, an unknown version,
    /// algorithm or canonicalisation).
    Unsupported,
    /// The signature header cannot be read, or names no valid domain or selector.
    Unreadable,
    /// The key's lookup failed (SERVFAIL, REFUSED, network error).
    DnsFailure,
    /// Stopped by the question cap or the deadline (see `result`).
    NotFinished,
}

impl DkimCause {
    pub fn as_str(self) -> &'static str {
        match self {
            DkimCause::Verified => "verified",
            DkimCause::Expired => "expired",
            DkimCause::KeyNotPublished => "key-not-published",
            DkimCause::KeyRevoked => "key-revoked",
            DkimCause::KeyUnusable => "key-unusable",
            DkimCause::BodyChanged => "body-changed",
            DkimCause::BodyNotGiven => "body-not-given",
            DkimCause::HeadersChanged => "headers-changed",
            DkimCause::IdentityMismatch => "identity-mismatch",
            DkimCause::Unsupported => "unsupported",
            DkimCause::Unreadable => "unreadable",
            DkimCause::DnsFailure => "dns-failure",
            DkimCause::NotFinished => "not-finished",
        }
    }

    /// The message changed after signing: says something about the path.
    pub fn is_change(self) -> bool {
        matches!(self, DkimCause::BodyChanged | DkimCause::HeadersChanged)
    }

    /// The signature cannot be checked today, for a reason that says
    /// nothing about the message (a key gone or revoked, an expiry).
    pub fn is_unverifiable(self) -> bool {
        matches!(
            self,
            DkimCause::Expired | DkimCause::KeyNotPublished | DkimCause::KeyRevoked
        )
    }
}

/// A message of example.org that passes everything now, for unit tests
/// to change one part of.
#[cfg(test)]
impl CheckedNow {
    pub fn example() -> CheckedNow {
        let identity = |source, identity: &str, domain: &str| SpfIdentityNow {
            source,
            identity: Some(identity.into()),
            domain: Some(domain.into()),
            result: SpfNowResult::Pass,
            note: None,
        };
        CheckedNow {
            spf: SpfNow {
                not_checked: None,
                ip: Some("192.0.2.7".parse().unwrap()),
                hop: Some(3),
                receiver: Some("mx.example.net".into()),
                mail_from: Some(identity(
                    SpfSource::ReturnPath,
                    "b@example.org",
                    "example.org",
                )),
                helo: Some(identity(
                    SpfSource::Helo,
                    "out.example.org",
                    "out.example.org",
                )),
            },
            dmarc: DmarcNow {
                not_checked: None,
                from_domain: Some("example.org".into()),
                organisational_domain: None,
                status: Some(DmarcNowStatus::Found),
                lookups: vec![NameLookup {
                    name: "_dmarc.example.org".into(),
                    status: LookupStatus::Ok,
                }],
                records: vec!["v=DMARC1; p=reject".into()],
                record: Some(DmarcRecordNow {
                    name: "_dmarc.example.org".into(),
                    organisational: false,
                    policy: Some("reject"),
                    subdomain_policy: Some("reject"),
                    applies: Some("reject"),
                    adkim: "relaxed",
                    aspf: "relaxed",
                    reports: false,
                    testing: false,
                }),
            },
            dkim: DkimNow {
                not_checked: None,
                input_repaired: false,
                signatures: vec![DkimSignatureNow {
                    domain: Some("example.org".into()),
                    selector: Some("sel".into()),
                    algorithm: Some("ed25519-sha256".into()),
                    key: Some("sel._domainkey.example.org".into()),
                    key_status: Some(LookupStatus::Ok),
                    expires: None,
                    result: DkimNowResult::Pass,
                    cause: DkimCause::Verified,
                    explanation: "verified with today's key".into(),
                }],
            },
        }
    }
}

fn utc_seconds<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&super::hop::format_utc(t)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_their_json_names() {
        for r in [
            SpfNowResult::Pass,
            SpfNowResult::SoftFail,
            SpfNowResult::TempError,
            SpfNowResult::NotChecked,
        ] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        for s in [DmarcNowStatus::Found, DmarcNowStatus::ServFail] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for r in [DkimNowResult::PermError, DkimNowResult::Timeout] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        for c in [DkimCause::KeyNotPublished, DkimCause::BodyNotGiven] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
    }

    #[test]
    fn not_done_says_why_everywhere() {
        let c = CheckedNow::not_done("stopped");
        assert_eq!(c.spf.not_checked.as_deref(), Some("stopped"));
        assert_eq!(c.dmarc.not_checked.as_deref(), Some("stopped"));
        assert_eq!(c.dkim.not_checked.as_deref(), Some("stopped"));
    }
}
