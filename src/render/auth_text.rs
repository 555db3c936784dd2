//! The authentication and filter verdicts in words, for every format: one
//! field per check for the report documents, and one compact line for the
//! terminal table. Only the receiving side's verdicts are stated; headers
//! from below the trust boundary are listed as not counted. The checks
//! done now (`auth.checked_now`) are worded apart, in
//! [`super::checked_now_text`], and shown under a heading of their own.

use super::document::Field;
use crate::model::{Auth, Disposition, Report};
use crate::text::escape_controls;

fn safe(s: &str) -> String {
    escape_controls(s).into_owned()
}

/// Whether the message carries anything this section speaks about.
pub fn has_any(auth: &Auth) -> bool {
    auth.spf.is_some()
        || !auth.dkim.is_empty()
        || auth.dmarc.is_some()
        || auth.arc.is_some()
        || auth.compauth.is_some()
        || auth.filter.decision != Disposition::Unknown
        || !auth.headers.is_empty()
        || auth.checked_now.is_some()
}

fn at_hop(hop: Option<usize>) -> String {
    hop.map(|n| format!(", hop {n}")).unwrap_or_default()
}

/// One field per check, the filter's decision, the envelope, and what was
/// not counted.
pub fn fields(report: &Report) -> Vec<Field> {
    let auth = &report.auth;
    let mut out = Vec::new();
    if let Some(spf) = &auth.spf {
        let domain = spf
            .domain
            .as_deref()
            .map(|d| format!(" for {d}"))
            .unwrap_or_default();
        let ip = spf
            .client_ip
            .map(|ip| format!(", client {ip}"))
            .unwrap_or_default();
        out.push(Field::new(
            "SPF",
            safe(&format!(
                "{}{domain}{ip} ({}{})",
                spf.result,
                spf.header,
                at_hop(spf.hop)
            )),
        ));
    }
    for d in &auth.dkim {
        let signer = d
            .domain
            .as_deref()
            .map(|x| format!(" for {x}"))
            .unwrap_or_default();
        let selector = d
            .selector
            .as_deref()
            .map(|s| format!(" (selector {s})"))
            .unwrap_or_default();
        let why = d
            .reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        out.push(Field::new(
            "DKIM",
            safe(&format!("{}{signer}{selector}{why}", d.result)),
        ));
    }
    if let Some(m) = auth.dkim_unsigned() {
        // `dkim=none`: no signature, but the receiver said so.
        let why = m
            .reason
            .as_deref()
            .or(m.comments.first().map(String::as_str))
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        out.push(Field::new("DKIM", safe(&format!("{}{why}", m.result))));
    }
    if let Some(m) = &auth.dmarc {
        let domain = m
            .from_domain
            .as_deref()
            .map(|x| format!(" for {x}"))
            .unwrap_or_default();
        let mut notes = Vec::new();
        if let Some(p) = &m.policy {
            notes.push(format!("policy {p}"));
        }
        if let Some(d) = &m.disposition {
            notes.push(format!("disposition {d}"));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        let best_guess = if m.result == "bestguesspass" {
            ": the domain publishes no DMARC record; Microsoft guessed a pass"
        } else {
            ""
        };
        out.push(Field::new(
            "DMARC",
            safe(&format!("{}{domain}{notes}{best_guess}", m.result)),
        ));
    }
    if let Some(c) = &auth.compauth {
        let reason = match (&c.reason, &c.meaning) {
            (Some(r), Some(m)) => format!(" (reason {r}: {m})"),
            (Some(r), None) => format!(" (reason {r})"),
            _ => String::new(),
        };
        out.push(Field::new(
            "Compauth",
            safe(&format!("{}{reason}", c.result)),
        ));
    }
    if let Some(arc) = &auth.arc {
        let mut text = match &arc.result {
            Some(r) => format!("{r} (the receiving side's check)"),
            None => "not checked by the receiving side".to_string(),
        };
        for i in &arc.instances {
            let saw = if i.saw.is_empty() {
                String::new()
            } else {
                format!(", saw {}", i.saw.join(" "))
            };
            text.push_str(&format!(
                "; i={} {} cv={}{saw}{}",
                i.instance,
                i.signer.as_deref().unwrap_or("(unnamed)"),
                i.cv.as_deref().unwrap_or("?"),
                at_hop(i.hop)
            ));
        }
        for p in &arc.problems {
            text.push_str(&format!("; {p}"));
        }
        out.push(Field::new("ARC", safe(&text)));
    }
    if let Some(filter) = filter_words(auth) {
        out.push(Field::new("Filter", filter));
    }
    let env = &auth.envelope;
    for (label, value) in [
        ("Return-Path", &env.return_path),
        ("Delivered-To", &env.delivered_to),
        ("X-Original-To", &env.original_to),
        ("Originating IP", &env.originating_ip),
    ] {
        if let Some(v) = value {
            out.push(Field::new(label, safe(v)));
        }
    }
    let claims: Vec<String> = auth
        .verdict_claims()
        .map(|h| format!("{}{}", h.name, at_hop(h.hop).replacen(", ", " at ", 1)))
        .collect();
    if !claims.is_empty() {
        out.push(Field::new(
            "Not counted",
            safe(&format!(
                "{} (below the trustworthy hop: the sending side's claims)",
                claims.join(", ")
            )),
        ));
    }
    out
}

/// The filter's decision in words: `junk, by Microsoft 365
/// (X-Microsoft-Antispam-Mailbox-Delivery: dest:J); SCL 5, SFV:SPM`.
fn filter_words(auth: &Auth) -> Option<String> {
    let f = &auth.filter;
    if f.decision == Disposition::Unknown && f.summary.is_none() {
        return None;
    }
    let mut text = match f.decision {
        Disposition::Junk if !f.folder_stated => "spam (folder not stated)".to_string(),
        Disposition::Inbox if let Some(c) = auth.custom_folder() => {
            format!("not spam, filed in a custom folder (dest:{c})")
        }
        decision => decision.as_str().to_string(),
    };
    if let Some(by) = &f.by {
        text.push_str(&format!(", by {by}"));
    }
    if let Some(e) = &f.evidence {
        text.push_str(&format!(" ({e})"));
    }
    if let Some(s) = &f.summary {
        text.push_str(&format!("; {s}"));
    }
    Some(safe(&text))
}

/// One line for the terminal: `SPF pass · DKIM pass (example.org) · DMARC
/// pass · filter: inbox (Microsoft 365)`.
pub fn line(report: &Report) -> Option<String> {
    let auth = &report.auth;
    if !has_any(auth) {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(spf) = &auth.spf {
        parts.push(format!("SPF {}", spf.result));
    }
    for d in &auth.dkim {
        match &d.domain {
            Some(domain) => parts.push(format!("DKIM {} ({domain})", d.result)),
            None => parts.push(format!("DKIM {}", d.result)),
        }
    }
    if let Some(m) = auth.dkim_unsigned() {
        parts.push(format!("DKIM {}", m.result));
    }
    if let Some(m) = &auth.dmarc {
        parts.push(format!("DMARC {}", m.result));
    }
    if let Some(arc) = &auth.arc
        && let Some(r) = &arc.result
    {
        parts.push(format!("ARC {r}"));
    }
    if auth.filter.decision != Disposition::Unknown {
        let by = auth
            .filter
            .by
            .as_deref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default();
        let decision = match auth.custom_folder() {
            Some(c) if auth.filter.decision == Disposition::Inbox => {
                format!("not spam, custom folder dest:{c}")
            }
            _ => auth.filter.decision.as_str().to_string(),
        };
        parts.push(format!("filter: {decision}{by}"));
    }
    (!parts.is_empty()).then(|| safe(&parts.join(" · ")))
}
