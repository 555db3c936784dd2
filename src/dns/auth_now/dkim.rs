//! Each DKIM signature (RFC 6376) verified now, against today's key.
//!
//! mail-auth verifies; the keys are asked through the [`Engine`], like
//! every other question of the report, so a missing key says NXDOMAIN or
//! "no record", a failed lookup says which failure, and the cap and the
//! deadline apply. To ask only for the keys mail-auth needs (an expired
//! signature or a changed body never reaches its key), verification
//! runs twice over a cache of keys that never lets mail-auth ask DNS
//! itself: the first pass answers every key with a stand-in and so shows
//! which keys are needed; those are asked; the second pass verifies with
//! the answers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::DateTime;
use hickory_resolver::proto::op::ResponseCode;
use mail_auth::common::crypto::CryptoError;
use mail_auth::common::parse::TxtRecordParser;
use mail_auth::common::verify::DomainKey;
use mail_auth::dkim::{DkimError, Signature};
use mail_auth::{
    AuthenticatedMessage, DkimOutput, DkimResult, DnsError, Error, MessageAuthenticator,
    Parameters, ResolverCache, Txt,
};

use crate::dns::resolver::{DnsAnswer, DnsFailure, Engine, QueryType, Rdata, Records};
use crate::host::HostName;
use crate::model::{DkimCause, DkimNow, DkimNowResult, DkimSignatureNow, LookupStatus, Signed};

/// What to verify for one report, or why nothing.
#[derive(Debug, Clone)]
pub enum DkimPlan {
    Skip(String),
    Verify { bytes: Arc<[u8]>, repaired: bool },
}

impl DkimPlan {
    /// `None` when the message carries no signature.
    pub fn of(signed: &Signed) -> Option<DkimPlan> {
        match signed {
            Signed::Unsigned => None,
            Signed::Bytes { bytes, repaired } => Some(DkimPlan::Verify {
                bytes: bytes.clone(),
                repaired: *repaired,
            }),
            Signed::NotKept => Some(DkimPlan::Skip(
                "the message's text was not kept for verification".to_string(),
            )),
            Signed::ReturnedCopy => Some(DkimPlan::Skip(
                "a returned copy inside a bounce: such copies are usually cut or re-encoded, so their signatures say nothing".to_string(),
            )),
        }
    }
}

pub async fn check(
    engine: &Engine,
    authenticator: &MessageAuthenticator,
    plan: &DkimPlan,
) -> DkimNow {
    match plan {
        DkimPlan::Skip(why) => DkimNow::not_checked(why),
        DkimPlan::Verify { bytes, repaired } => {
            let mut now = verify(engine, authenticator, bytes).await;
            now.input_repaired = *repaired;
            if *repaired {
                for s in now.signatures.iter_mut().filter(|s| s.cause.is_change()) {
                    s.explanation.push_str(
                        "; or the text changed when it was copied (the input had to be repaired before reading)",
                    );
                }
            }
            now
        }
    }
}

async fn verify(engine: &Engine, authenticator: &MessageAuthenticator, bytes: &[u8]) -> DkimNow {
    let Some(mut message) = AuthenticatedMessage::parse(bytes) else {
        return DkimNow::not_checked("no header of the message could be read");
    };
    // Names from the message are checked before anything is asked.
    let (valid, invalid): (Vec<_>, Vec<_>) = std::mem::take(&mut message.dkim_headers)
        .into_iter()
        .partition(|h| key_name(&h.header).is_some());
    message.dkim_headers = valid;

    let keys = KeyCache::default();
    let first = authenticator
        .verify_dkim(Parameters::new(&message).with_txt_cache(&keys))
        .await;
    let wanted: Vec<HostName> = first
        .iter()
        .filter(|o| is_stand_in(o.result()))
        .filter_map(|o| o.signature().and_then(key_name))
        .collect();
    let statuses = ask_keys(engine, &wanted, &keys).await;
    let outputs = if wanted.is_empty() {
        first
    } else {
        authenticator
            .verify_dkim(Parameters::new(&message).with_txt_cache(&keys))
            .await
    };
    let body_given = has_body(&message, bytes);
    // Readable signatures in header order, then those that name no valid
    // key, then those mail-auth could not read.
    let mut signatures: Vec<DkimSignatureNow> = outputs
        .iter()
        .filter_map(|o| {
            let signature = o.signature()?;
            let status = key_name(signature).and_then(|n| statuses.get(n.as_str()).copied());
            Some(entry(o, signature, status, body_given))
        })
        .collect();
    signatures.extend(invalid.iter().map(|h| unnamed(&h.header)));
    signatures.extend(
        message
            .errors
            .iter()
            .filter(|e| e.name.trim_ascii().eq_ignore_ascii_case(b"DKIM-Signature"))
            .map(|e| unreadable(e.value, &e.header)),
    );
    DkimNow {
        not_checked: None,
        input_repaired: false,
        signatures,
    }
}

/// Asks for the keys (all at once), hands each answer to the key cache,
/// and returns how each lookup ended.
async fn ask_keys<'n>(
    engine: &Engine,
    names: &'n [HostName],
    keys: &KeyCache,
) -> HashMap<&'n str, LookupStatus> {
    let answers = futures_util::future::join_all(
        names
            .iter()
            .map(|name| async move { (name, engine.ask(name, QueryType::Txt).await) }),
    )
    .await;
    answers
        .iter()
        .map(|(name, answer)| {
            keys.answer(name, key_record(answer));
            (name.as_str(), crate::dns::resolver::status_of(answer))
        })
        .collect()
}

/// `<s>._domainkey.<d>`, when selector and domain are valid names.
fn key_name(signature: &Signature) -> Option<HostName> {
    let (s, d) = (&signature.s, &signature.d);
    // Each part must be names of its own: `sel.` + `example.org` is not `sel..example.org`.
    let whole = |part: &str| !part.is_empty() && !part.starts_with('.') && !part.ends_with('.');
    if !whole(s) || !whole(d) {
        return None;
    }
    HostName::parse(&format!("{s}.{d}")).ok()?;
    let name = format!("{s}._domainkey.{d}").to_ascii_lowercase();
    (name.len() <= 253).then(|| HostName::from_valid_parts(name))
}

/// Whether the input has a body: a headers-only paste cannot match `bh=`.
fn has_body(message: &AuthenticatedMessage<'_>, bytes: &[u8]) -> bool {
    bytes
        .get(message.body_offset as usize..)
        .is_some_and(|body| !body.iter().all(u8::is_ascii_whitespace))
}

/// Marks the stand-in answer of the first pass.
const STAND_IN: &str = "trace-path: key not asked yet";

fn is_stand_in(result: &DkimResult) -> bool {
    matches!(result, DkimResult::TempError(Error::Dns(DnsError::Resolver(why))) if why == STAND_IN)
}

/// The keys mail-auth verifies with, by the name it asks for: the key
/// name, lowercase, with the trailing dot. Anything not answered yet gets
/// the stand-in, so mail-auth never asks DNS itself.
#[derive(Default)]
struct KeyCache {
    keys: Mutex<HashMap<Box<str>, Txt>>,
}

impl KeyCache {
    fn answer(&self, name: &HostName, record: Txt) {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.insert(format!("{name}.").into_boxed_str(), record);
    }
}

impl ResolverCache<Box<str>, Txt> for KeyCache {
    fn get<Q>(&self, name: &Q) -> Option<Txt>
    where
        Box<str>: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        let keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            keys.get(name).cloned().unwrap_or_else(|| {
                Txt::Error(Error::Dns(DnsError::Resolver(STAND_IN.to_string())))
            }),
        )
    }

    fn remove<Q>(&self, _: &Q) -> Option<Txt>
    where
        Box<str>: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        None
    }

    fn insert(&self, _: Box<str>, _: Txt, _: std::time::Instant) {}
}

/// A key lookup's answer as mail-auth reads it: the first TXT string that
/// is a key, or the error mail-auth would have met asking itself.
fn key_record(answer: &DnsAnswer<Records>) -> Txt {
    let not_found = |code| Txt::Error(Error::Dns(DnsError::RecordNotFound(code)));
    match answer {
        Ok(records) => {
            let mut read = Err(Error::Dns(DnsError::InvalidRecordType));
            for text in records.iter().filter_map(|r| match r {
                Rdata::Txt(text) => Some(text),
                _ => None,
            }) {
                read = DomainKey::parse(text.as_bytes());
                if read.is_ok() {
                    break;
                }
            }
            match read {
                Ok(key) => Txt::from(key),
                Err(e) => Txt::Error(e),
            }
        }
        Err(DnsFailure::NxDomain) => not_found(ResponseCode::NXDomain),
        Err(DnsFailure::NoRecords) => not_found(ResponseCode::NoError),
        Err(failure) => Txt::Error(Error::Dns(DnsError::Resolver(failure.to_string()))),
    }
}

/// One verified signature, with its cause in words.
fn entry(
    output: &DkimOutput<'_>,
    signature: &Signature,
    key_status: Option<LookupStatus>,
    body_given: bool,
) -> DkimSignatureNow {
    let key = key_name(signature).map(|n| n.to_string());
    let key_text = key.clone().unwrap_or_default();
    let (result, cause, explanation) = judge(output, signature, key_status, body_given, &key_text);
    DkimSignatureNow {
        domain: Some(signature.d.clone()),
        selector: Some(signature.s.clone()),
        algorithm: Some(algorithm_name(signature).to_string()),
        key,
        key_status,
        expires: (signature.x != 0)
            .then(|| i64::try_from(signature.x).ok())
            .flatten()
            .and_then(|x| DateTime::from_timestamp(x, 0)),
        result,
        cause,
        explanation,
    }
}

fn algorithm_name(signature: &Signature) -> &'static str {
    use mail_auth::common::crypto::Algorithm;
    match signature.a {
        Algorithm::RsaSha1 => "rsa-sha1",
        Algorithm::RsaSha256 => "rsa-sha256",
        Algorithm::Ed25519Sha256 => "ed25519-sha256",
    }
}

/// mail-auth's result, read as a result word, a cause and its words.
fn judge(
    output: &DkimOutput<'_>,
    signature: &Signature,
    key_status: Option<LookupStatus>,
    body_given: bool,
    key: &str,
) -> (DkimNowResult, DkimCause, String) {
    use DkimNowResult as R;
    let d = &signature.d;
    match output.result() {
        DkimResult::Pass => (
            R::Pass,
            DkimCause::Verified,
            format!("verified with today's key: the signed headers and body are as {d} signed them"),
        ),
        // The third-party (ATPS) lookup after a verified signature gets
        // the stand-in: the signature itself verified.
        r if is_stand_in(r) && signature.atps.is_some() => (
            R::Pass,
            DkimCause::Verified,
            format!("verified with today's key: the signed headers and body are as {d} signed them"),
        ),
        DkimResult::Neutral(Error::Dkim(DkimError::SignatureExpired)) => {
            (R::Neutral, DkimCause::Expired, expired_words(signature))
        }
        DkimResult::Neutral(Error::Dkim(DkimError::FailedBodyHashMatch)) if body_given => (
            R::Neutral,
            DkimCause::BodyChanged,
            "the body changed after signing, e.g. a list footer or forwarding".to_string(),
        ),
        DkimResult::Neutral(Error::Dkim(DkimError::FailedBodyHashMatch)) => (
            R::Neutral,
            DkimCause::BodyNotGiven,
            "the body was not given (headers only), so the signature cannot be checked".to_string(),
        ),
        DkimResult::Neutral(e) => (
            R::Neutral,
            DkimCause::Unsupported,
            format!("not verified: {e}"),
        ),
        DkimResult::PermError(Error::Dns(DnsError::RecordNotFound(_))) => (
            R::PermError,
            DkimCause::KeyNotPublished,
            format!(
                "the key is gone — rotated or removed: {key} {} today; the signature may well have verified when the message arrived",
                key_status.map_or("has no key", LookupStatus::describe)
            ),
        ),
        DkimResult::PermError(Error::Dkim(DkimError::RevokedPublicKey)) => (
            R::PermError,
            DkimCause::KeyRevoked,
            format!("the key is revoked: {key} publishes an empty key (p=) today"),
        ),
        DkimResult::PermError(e) => (
            R::PermError,
            DkimCause::KeyUnusable,
            format!("the key record at {key} cannot be used: {e}"),
        ),
        DkimResult::TempError(_) => not_finished(key_status, key),
        DkimResult::Fail(Error::Dkim(DkimError::FailedAuidMatch)) => (
            R::Fail,
            DkimCause::IdentityMismatch,
            format!(
                "the signature's identity (i={}) is not within {d}, or the key allows no subdomain",
                signature.i
            ),
        ),
        DkimResult::Fail(Error::Crypto(CryptoError::FailedVerification)) => (
            R::Fail,
            DkimCause::HeadersChanged,
            "a signed header changed after signing (e.g. a subject tag added by a list), or the selector now publishes a different key".to_string(),
        ),
        DkimResult::Fail(Error::Crypto(CryptoError::IncompatibleAlgorithms)) => (
            R::Fail,
            DkimCause::KeyUnusable,
            format!("the key at {key} is of another type than the signature's algorithm"),
        ),
        DkimResult::Fail(e) => (
            R::Fail,
            DkimCause::Unreadable,
            format!("the signature cannot be checked: {e}"),
        ),
        DkimResult::None => (
            R::Neutral,
            DkimCause::Unsupported,
            "not verified".to_string(),
        ),
    }
}

fn expired_words(signature: &Signature) -> String {
    if signature.x <= signature.t {
        return "its expiry time (x=) is not after its signing time (t=), so it was never valid"
            .to_string();
    }
    let when = i64::try_from(signature.x)
        .ok()
        .and_then(|x| DateTime::from_timestamp(x, 0))
        .map_or_else(|| signature.x.to_string(), |t| crate::model::format_utc(&t));
    format!(
        "the signature expired at {when} (its x= tag): today's check cannot verify it, which says nothing about the message"
    )
}

/// A key lookup that did not end in an answer.
fn not_finished(status: Option<LookupStatus>, key: &str) -> (DkimNowResult, DkimCause, String) {
    match status {
        Some(LookupStatus::Timeout) => (
            DkimNowResult::Timeout,
            DkimCause::NotFinished,
            format!("not finished: no answer for {key} before the deadline"),
        ),
        Some(LookupStatus::Capped) => (
            DkimNowResult::Capped,
            DkimCause::NotFinished,
            format!("not finished: {key} was not asked, the report's query cap was reached"),
        ),
        Some(status) => (
            DkimNowResult::TempError,
            DkimCause::DnsFailure,
            format!("the key's lookup failed: {key} {}", status.describe()),
        ),
        None => (
            DkimNowResult::TempError,
            DkimCause::DnsFailure,
            format!("the key's lookup failed: {key}"),
        ),
    }
}

/// A signature whose selector or domain is no valid name: not asked.
fn unnamed(signature: &Signature) -> DkimSignatureNow {
    DkimSignatureNow {
        domain: Some(signature.d.clone()),
        selector: Some(signature.s.clone()),
        algorithm: Some(algorithm_name(signature).to_string()),
        key: None,
        key_status: Some(LookupStatus::NotAsked),
        expires: None,
        result: DkimNowResult::PermError,
        cause: DkimCause::Unreadable,
        explanation:
            "its domain (d=) or selector (s=) is not a valid name, so its key was not looked up"
                .to_string(),
    }
}

/// A signature mail-auth could not read, with what our own reader gets
/// from it (mail-auth drops most of these without a result).
fn unreadable(value: &[u8], error: &Error) -> DkimSignatureNow {
    let tags = crate::auth::dkim::parse(&String::from_utf8_lossy(value));
    let (result, cause, explanation) = match error {
        Error::Dkim(DkimError::SignatureLength) => (
            DkimNowResult::Neutral,
            DkimCause::Unsupported,
            "it signs only part of the body (l=), so anything could follow the signed part; not verified".to_string(),
        ),
        Error::Dkim(e) => (
            DkimNowResult::Neutral,
            DkimCause::Unsupported,
            format!("not verified: {e}"),
        ),
        e => (
            DkimNowResult::PermError,
            DkimCause::Unreadable,
            format!("the signature header cannot be read: {e}"),
        ),
    };
    DkimSignatureNow {
        domain: tags.domain,
        selector: tags.selector,
        algorithm: tags.algorithm,
        key: None,
        key_status: None,
        expires: tags.expiration.and_then(|x| x.time),
        result,
        cause,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::op::ResponseCode;

    fn signature(s: &str, d: &str) -> Signature {
        Signature {
            s: s.into(),
            d: d.into(),
            ..Signature::default()
        }
    }

    #[test]
    fn key_names_come_from_valid_names_only() {
        assert_eq!(
            key_name(&signature("20230601", "Example.ORG"))
                .unwrap()
                .as_str(),
            "20230601._domainkey.example.org"
        );
        assert_eq!(
            key_name(&signature("a.b", "example.org")).unwrap().as_str(),
            "a.b._domainkey.example.org"
        );
        for (s, d) in [
            ("", "example.org"),
            ("sel", ""),
            ("se l", "example.org"),
            ("sel", "exa_mple.org"),
            ("sel", "192.0.2.1"),
            (&"a".repeat(63), &format!("{}.example.org", "b".repeat(180))),
        ] {
            assert!(key_name(&signature(s, d)).is_none(), "{s} {d}");
        }
    }

    #[test]
    fn answers_become_what_mail_auth_would_have_met() {
        let err = |t: Txt| match t {
            Txt::Error(e) => e,
            _ => panic!("not an error"),
        };
        assert_eq!(
            err(key_record(&Err(DnsFailure::NxDomain))),
            Error::Dns(DnsError::RecordNotFound(ResponseCode::NXDomain))
        );
        assert_eq!(
            err(key_record(&Err(DnsFailure::NoRecords))),
            Error::Dns(DnsError::RecordNotFound(ResponseCode::NoError))
        );
        assert!(matches!(
            err(key_record(&Err(DnsFailure::ServFail))),
            Error::Dns(DnsError::Resolver(_))
        ));
        let spf: Records = vec![Rdata::Txt("v=spf1 -all".into())].into();
        assert!(matches!(key_record(&Ok(spf)), Txt::Error(_)));
        let revoked: Records = vec![Rdata::Txt("v=DKIM1; k=rsa; p=".into())].into();
        assert_eq!(
            err(key_record(&Ok(revoked))),
            Error::Dkim(DkimError::RevokedPublicKey)
        );
    }

    #[test]
    fn stand_ins_are_told_from_real_failures() {
        let stand_in = KeyCache::default()
            .get::<str>("sel._domainkey.example.org.")
            .unwrap();
        let Txt::Error(e) = stand_in else { panic!() };
        assert!(is_stand_in(&DkimResult::TempError(e)));
        assert!(!is_stand_in(&DkimResult::TempError(Error::Dns(
            DnsError::Resolver("timeout".into())
        ))));
    }
}
