//! What the checks done now tell the user. Every sentence says "checked
//! now": today's records and keys, not what the receiver saw when the
//! message arrived.

use crate::model::{
    CheckedNow, DkimCause, DkimNowResult, DkimSignatureNow, DmarcNow, DmarcNowStatus, Finding,
    FindingCode, SpfIdentityNow, SpfNow, SpfNowResult,
};

pub fn findings(checked: &CheckedNow) -> Vec<Finding> {
    let mut out = spf(&checked.spf);
    out.extend(dmarc(&checked.dmarc));
    out.extend(checked.dkim.signatures.iter().filter_map(dkim));
    out
}

fn spf(spf: &SpfNow) -> Vec<Finding> {
    let ip = spf.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let hop = spf.hop.map(|n| format!(" (hop {n})")).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(m) = &spf.mail_from
        && matches!(m.result, SpfNowResult::Fail | SpfNowResult::SoftFail)
    {
        let domain = m.domain.as_deref().unwrap_or_default();
        out.push(Finding::new(
            FindingCode::SpfFailNow,
            format!(
                "Checked now: SPF {} for {domain} and the trustworthy sender IP {ip}{hop}: today's SPF record of {domain} does not list that IP as allowed to send its mail. This is today's record, not what the receiver saw.",
                m.result.as_str()
            ),
        ));
    }
    for identity in spf.mail_from.iter().chain(&spf.helo) {
        out.extend(unfinished_spf(identity));
    }
    out
}

/// An SPF evaluation the cap, the deadline or DNS stopped.
fn unfinished_spf(identity: &SpfIdentityNow) -> Option<Finding> {
    let domain = identity.domain.as_deref().unwrap_or_default();
    let code = match identity.result {
        SpfNowResult::Timeout => FindingCode::DnsTimeout,
        SpfNowResult::Capped => FindingCode::DnsCapped,
        SpfNowResult::TempError => FindingCode::DnsError,
        _ => return None,
    };
    let why = match identity.result {
        SpfNowResult::TempError => "a DNS lookup failed".to_string(),
        _ => identity.note.clone().unwrap_or_default(),
    };
    Some(Finding::new(
        code,
        format!("Checked now: SPF for {domain} could not be evaluated: {why}."),
    ))
}

fn dmarc(dmarc: &DmarcNow) -> Option<Finding> {
    let domain = dmarc.from_domain.as_deref().unwrap_or_default();
    let tried = dmarc
        .lookups
        .iter()
        .map(|l| format!("{} {}", l.name, l.status.describe()))
        .collect::<Vec<_>>()
        .join("; ");
    let (code, text) = match dmarc.status? {
        DmarcNowStatus::Found => return None,
        DmarcNowStatus::None => (
            FindingCode::DmarcRecordMissing,
            format!(
                "Checked now: {domain} publishes no DMARC record today, so receivers apply no DMARC policy to mail in its name: {tried}."
            ),
        ),
        DmarcNowStatus::Several => (
            FindingCode::DmarcRecordMissing,
            format!(
                "Checked now: {domain} publishes several DMARC records, so none applies (RFC 7489 §6.6.3)."
            ),
        ),
        DmarcNowStatus::Unreadable => (
            FindingCode::DmarcRecordMissing,
            format!("Checked now: the DMARC record for {domain} cannot be read, so none applies."),
        ),
        DmarcNowStatus::Timeout => (
            FindingCode::DnsTimeout,
            format!("Checked now: no answer before the deadline for the DMARC record of {domain}."),
        ),
        DmarcNowStatus::Capped => (
            FindingCode::DnsCapped,
            format!(
                "Checked now: the DMARC record of {domain} was not asked: the report's query cap was reached."
            ),
        ),
        DmarcNowStatus::ServFail | DmarcNowStatus::Refused | DmarcNowStatus::Error => (
            FindingCode::DnsError,
            format!("Checked now: the DMARC lookup for {domain} failed ({tried})."),
        ),
    };
    Some(Finding::new(code, text))
}

fn dkim(s: &DkimSignatureNow) -> Option<Finding> {
    let signer = match (&s.domain, &s.selector) {
        (Some(d), Some(sel)) => format!("{d} (selector {sel})"),
        (Some(d), None) => d.clone(),
        _ => "an unnamed domain".to_string(),
    };
    let code = if s.cause.is_change() {
        FindingCode::DkimFailNow
    } else if s.cause.is_unverifiable() {
        FindingCode::DkimUnverifiableNow
    } else {
        match (s.cause, s.result) {
            (DkimCause::NotFinished, DkimNowResult::Timeout) => FindingCode::DnsTimeout,
            (DkimCause::NotFinished, _) => FindingCode::DnsCapped,
            (DkimCause::DnsFailure, _) => FindingCode::DnsError,
            _ => return None,
        }
    };
    let text = match code {
        FindingCode::DkimFailNow => format!(
            "Checked now: the DKIM signature of {signer} no longer matches the message: {}.",
            s.explanation
        ),
        FindingCode::DkimUnverifiableNow => format!(
            "Checked now: the DKIM signature of {signer} cannot be verified today: {}.",
            s.explanation
        ),
        _ => format!(
            "Checked now: the DKIM signature of {signer} could not be verified: {}.",
            s.explanation
        ),
    };
    Some(Finding::new(code, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DkimNow, LookupStatus};

    fn codes(c: &CheckedNow) -> Vec<FindingCode> {
        findings(c).iter().map(|f| f.code).collect()
    }

    #[test]
    fn only_failures_and_gaps_are_findings() {
        assert!(codes(&CheckedNow::example()).is_empty());

        let mut bad = CheckedNow::example();
        bad.spf.mail_from.as_mut().unwrap().result = SpfNowResult::SoftFail;
        bad.dmarc.status = Some(DmarcNowStatus::None);
        bad.dmarc.record = None;
        bad.dmarc.lookups[0].status = LookupStatus::NxDomain;
        let verified = bad.dkim.signatures[0].clone();
        bad.dkim.signatures = [
            (DkimNowResult::Neutral, DkimCause::BodyChanged),
            (DkimNowResult::PermError, DkimCause::KeyNotPublished),
            (DkimNowResult::Neutral, DkimCause::BodyNotGiven),
            (DkimNowResult::Timeout, DkimCause::NotFinished),
        ]
        .into_iter()
        .map(|(result, cause)| DkimSignatureNow {
            result,
            cause,
            ..verified.clone()
        })
        .collect();
        assert_eq!(
            codes(&bad),
            [
                FindingCode::SpfFailNow,
                FindingCode::DmarcRecordMissing,
                FindingCode::DkimFailNow,
                FindingCode::DkimUnverifiableNow,
                FindingCode::DnsTimeout,
            ]
        );
        let all = findings(&bad);
        assert!(all.iter().all(|f| f.message.starts_with("Checked now:")));
        assert!(
            all[0].message.contains("softfail for example.org"),
            "{}",
            all[0].message
        );
        assert!(
            all[1]
                .message
                .ends_with("_dmarc.example.org does not exist (NXDOMAIN).")
        );
        assert!(all[2].message.contains("example.org (selector sel)"));
    }

    #[test]
    fn a_check_not_done_raises_nothing() {
        let mut c = CheckedNow::not_done("stopped");
        assert!(codes(&c).is_empty());
        c.dkim = DkimNow::not_checked("a returned copy");
        assert!(codes(&c).is_empty());
    }
}
