//! The authentication checked now (`auth.checked_now`) in words, for
//! every format: one field per check for the report documents, under
//! their own heading, and one compact line for the terminal table. Every
//! word says "now": these are today's records and keys, not what the
//! receiver saw when the message arrived.

use super::document::Field;
use crate::model::{
    CheckedNow, DkimCause, DkimNow, DmarcNow, DmarcNowStatus, DmarcRecordNow, Report,
    SpfIdentityNow, SpfNow, SpfNowResult, SpfSource,
};
use crate::text::escape_controls;

/// The heading of the checks done now, wherever they are shown.
pub const HEADING: &str = "Checked now (today's DNS, not what the receiver saw)";

fn safe(s: &str) -> String {
    escape_controls(s).into_owned()
}

/// One field per check done now: SPF for the envelope sender and the
/// HELO, the DMARC record, each DKIM signature; empty without DNS.
pub fn fields(report: &Report) -> Vec<Field> {
    let Some(now) = &report.auth.checked_now else {
        return Vec::new();
    };
    let mut out = spf_fields(&now.spf);
    out.push(Field::new("DMARC now", safe(&dmarc_words(&now.dmarc))));
    out.extend(
        dkim_words(&now.dkim)
            .into_iter()
            .map(|w| Field::new("DKIM now", safe(&w))),
    );
    out
}

fn spf_fields(spf: &SpfNow) -> Vec<Field> {
    if let Some(why) = &spf.not_checked {
        return vec![Field::new("SPF now", safe(&format!("not checked: {why}")))];
    }
    let ip = spf.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let hop = spf.hop.map(|n| format!(" (hop {n})")).unwrap_or_default();
    let mail_from = match &spf.mail_from {
        Some(m) => format!("{} and IP {ip}{hop}", identity_words(m)),
        None => format!(
            "the envelope sender is not known (no Return-Path), so only the HELO name was checked for IP {ip}{hop}"
        ),
    };
    let mut out = vec![Field::new("SPF now", safe(&mail_from))];
    if let Some(helo) = &spf.helo {
        out.push(Field::new("SPF now (HELO)", safe(&identity_words(helo))));
    }
    out
}

/// `pass for example.org (bounce@example.org, from the Return-Path)`.
fn identity_words(i: &SpfIdentityNow) -> String {
    let source = match i.source {
        SpfSource::ReturnPath => "from the Return-Path",
        SpfSource::SmtpMailfrom => "the envelope sender the receiver recorded",
        SpfSource::NullSender => "the null sender <>, checked as the HELO name",
        SpfSource::Helo => "the HELO name",
    };
    let what = match (&i.identity, &i.domain) {
        (Some(id), Some(d)) if id != d => format!(" for {d} ({id}, {source})"),
        (_, Some(d)) => format!(" for {d} ({source})"),
        (Some(id), None) => format!(" for {id} ({source})"),
        (None, None) => String::new(),
    };
    let note = i
        .note
        .as_deref()
        .map(|n| format!(": {n}"))
        .unwrap_or_default();
    let result = match i.result {
        SpfNowResult::NotChecked => "not checked".to_string(),
        r => match spf_gloss(r) {
            Some(gloss) => format!("{} ({gloss})", r.as_str()),
            None => r.as_str().to_string(),
        },
    };
    format!("{result}{what}{note}")
}

/// What an SPF result means, for the results that are not self-evident.
fn spf_gloss(result: SpfNowResult) -> Option<&'static str> {
    Some(match result {
        SpfNowResult::Fail => "the IP is not allowed",
        SpfNowResult::SoftFail => "the IP is probably not allowed",
        SpfNowResult::Neutral => "the record says nothing about the IP",
        SpfNowResult::None => "no SPF record",
        SpfNowResult::TempError => "a DNS lookup failed",
        SpfNowResult::PermError => "the record is broken",
        _ => return None,
    })
}

fn dmarc_words(dmarc: &DmarcNow) -> String {
    if let Some(why) = &dmarc.not_checked {
        return format!("not checked: {why}");
    }
    let domain = dmarc.from_domain.as_deref().unwrap_or_default();
    let lookups = dmarc
        .lookups
        .iter()
        .map(|l| format!("{} {}", l.name, l.status.describe()))
        .collect::<Vec<_>>()
        .join("; ");
    match (dmarc.status, &dmarc.record) {
        (Some(DmarcNowStatus::Found), Some(record)) => record_words(domain, record),
        (Some(DmarcNowStatus::None), _) => {
            format!("none: {domain} publishes no DMARC record; {lookups}")
        }
        (Some(DmarcNowStatus::Several), _) => {
            format!("{domain} publishes several DMARC records, so none applies")
        }
        (Some(DmarcNowStatus::Unreadable), _) => format!(
            "{domain}'s DMARC record cannot be read: {}",
            dmarc.records.join(" | ")
        ),
        (status, _) => format!(
            "could not be found out ({}): {lookups}",
            status.map_or("not looked up", DmarcNowStatus::as_str)
        ),
    }
}

/// `example.org publishes policy reject (_dmarc.example.org: p=reject, ...)`.
fn record_words(domain: &str, r: &DmarcRecordNow) -> String {
    let mut tags = vec![
        format!("p={}", r.policy.unwrap_or("(none)")),
        format!("sp={}", r.subdomain_policy.unwrap_or("(none)")),
        format!("adkim {}", r.adkim),
        format!("aspf {}", r.aspf),
    ];
    if r.reports {
        tags.push("aggregate reports requested".to_string());
    }
    if r.testing {
        tags.push("testing (t=y)".to_string());
    }
    let at = if r.organisational {
        format!("{}, its organisational domain's record", r.name)
    } else {
        r.name.clone()
    };
    format!(
        "{domain} publishes policy {} ({at}: {})",
        r.applies.unwrap_or("(none stated)"),
        tags.join(", ")
    )
}

fn dkim_words(dkim: &DkimNow) -> Vec<String> {
    if let Some(why) = &dkim.not_checked {
        return vec![format!("not checked: {why}")];
    }
    dkim.signatures
        .iter()
        .map(|s| {
            let signer = s
                .domain
                .as_deref()
                .map(|d| format!(" for {d}"))
                .unwrap_or_default();
            let selector = s
                .selector
                .as_deref()
                .map(|x| format!(" (selector {x})"))
                .unwrap_or_default();
            format!("{}{signer}{selector}: {}", s.result.as_str(), s.explanation)
        })
        .collect()
}

/// One line for the terminal: `SPF pass (example.org, 192.0.2.7) · HELO
/// pass · DMARC p=reject · DKIM example.org pass`.
pub fn line(report: &Report) -> Option<String> {
    let now: &CheckedNow = report.auth.checked_now.as_ref()?;
    let mut parts = Vec::new();
    let spf = &now.spf;
    match (&spf.not_checked, &spf.mail_from) {
        (Some(_), _) => parts.push("SPF not checked".to_string()),
        (None, Some(m)) => {
            let ip = spf.ip.map(|ip| ip.to_string()).unwrap_or_default();
            let domain = m
                .domain
                .as_deref()
                .map(|d| format!("{d}, "))
                .unwrap_or_default();
            parts.push(format!("SPF {} ({domain}{ip})", m.result.as_str()));
        }
        (None, None) => {}
    }
    if let Some(helo) = &spf.helo {
        parts.push(format!("HELO {}", helo.result.as_str()));
    }
    let dmarc = &now.dmarc;
    if dmarc.not_checked.is_none() {
        parts.push(match (&dmarc.record, dmarc.status) {
            (Some(r), _) => format!("DMARC p={}", r.applies.unwrap_or("(none)")),
            (None, Some(status)) => format!("DMARC {}", status.as_str()),
            (None, None) => "DMARC not checked".to_string(),
        });
    }
    if now.dkim.not_checked.is_none() {
        for s in &now.dkim.signatures {
            let domain = s
                .domain
                .as_deref()
                .map(|d| format!("{d} "))
                .unwrap_or_default();
            let what = match s.cause {
                DkimCause::Verified => "pass".to_string(),
                DkimCause::NotFinished => s.result.as_str().to_string(),
                cause => cause.as_str().replace('-', " "),
            };
            parts.push(format!("DKIM {domain}{what}"));
        }
    }
    // Two signatures of one domain with one outcome say it once.
    let mut seen = std::collections::HashSet::new();
    parts.retain(|p| seen.insert(p.clone()));
    (!parts.is_empty()).then(|| safe(&parts.join(" · ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Auth, DkimSignatureNow};

    /// A traced message whose checks done now are `now`.
    fn report(now: CheckedNow) -> Report {
        let input = crate::input::Input::new("t", b"Subject: t\n\nx".to_vec());
        let mut r = crate::trace(&input, &options()).unwrap();
        r.auth = Auth {
            checked_now: Some(now),
            ..Auth::default()
        };
        r
    }

    fn options() -> crate::TraceOptions {
        crate::TraceOptions {
            trusted: Default::default(),
            now: chrono::DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
            redact: false,
            keep_signed: false,
        }
    }

    #[test]
    fn the_line_sums_every_check_up() {
        let r = report(CheckedNow::example());
        assert_eq!(
            line(&r).unwrap(),
            "SPF pass (example.org, 192.0.2.7) · HELO pass · DMARC p=reject · DKIM example.org pass"
        );
        let mut now = CheckedNow::example();
        let sig = now.dkim.signatures[0].clone();
        now.dkim.signatures = vec![
            DkimSignatureNow {
                cause: DkimCause::BodyChanged,
                ..sig.clone()
            },
            DkimSignatureNow {
                cause: DkimCause::BodyChanged,
                selector: Some("other".into()),
                ..sig
            },
        ];
        now.dmarc = DmarcNow::not_checked(None, "no From address");
        let r = report(now);
        // Two signatures of one domain with one outcome: said once.
        assert_eq!(
            line(&r).unwrap(),
            "SPF pass (example.org, 192.0.2.7) · HELO pass · DKIM example.org body changed"
        );
    }

    #[test]
    fn fields_say_what_was_checked_and_why_not() {
        let r = report(CheckedNow::example());
        let text: Vec<String> = fields(&r)
            .iter()
            .map(|f| format!("{}: {}", f.label, f.value))
            .collect();
        assert_eq!(
            text,
            [
                "SPF now: pass for example.org (b@example.org, from the Return-Path) and IP 192.0.2.7 (hop 3)",
                "SPF now (HELO): pass for out.example.org (the HELO name)",
                "DMARC now: example.org publishes policy reject (_dmarc.example.org: p=reject, sp=reject, adkim relaxed, aspf relaxed)",
                "DKIM now: pass for example.org (selector sel): verified with today's key",
            ]
        );
        let r = report(CheckedNow::not_done("the deadline passed"));
        let text: Vec<String> = fields(&r).iter().map(|f| f.value.clone()).collect();
        assert!(
            text.iter().all(|t| t == "not checked: the deadline passed"),
            "{text:?}"
        );
    }
}
