//! The verdict: one sentence saying what happened to the message, how long
//! it took and who sent it, or, for a delivery report, who refused it and
//! why. Built once, from the finished model, after every other stage
//! (DNS and `--redact` included), so it never needs rewriting.

use crate::duration::human_duration;
use crate::model::{
    Action, Disposition, Fcrdns, FindingCode, Hop, Reason, Report, Severity, Stop, StopKind,
};

/// Writes the report's verdict from everything the stages found.
pub fn conclude(report: &mut Report) {
    report.verdict = verdict(report);
}

/// The one-line verdict: what happened, how long it took, and who sent it.
pub fn verdict(report: &Report) -> String {
    let hops = &report.hops;
    let stop = &report.stop;
    if stop.is_report() {
        // Without a copy of the returned message, the hops are the notice's own.
        let own_path = report
            .findings
            .iter()
            .any(|f| f.code == FindingCode::ReturnedMessageMissing);
        return report_verdict(hops.len(), own_path, stop);
    }
    if hops.is_empty() {
        return "No Received headers: this message has not passed through a mail server (a draft, or a copy saved before sending).".to_string();
    }
    let filter = &report.auth.filter;
    let by = filter
        .by
        .as_deref()
        .unwrap_or("the receiving side's filter");
    let outcome = match (stop.kind, stop.folder) {
        (StopKind::Delivered, Some(Disposition::Junk)) if filter.folder_stated => {
            format!("Delivered to Junk by {by}")
        }
        // Marked, not filed: said after the journey, with the scores.
        (StopKind::Delivered, Some(Disposition::Junk)) => "Delivered".to_string(),
        (StopKind::Delivered, Some(Disposition::Quarantine)) => format!("Quarantined by {by}"),
        (StopKind::Delivered, Some(Disposition::Rejected)) => {
            format!("Delivered, though {by} marked it for rejection")
        }
        (StopKind::Delivered, Some(Disposition::Inbox)) => match report.auth.custom_folder() {
            Some(c) => format!("Delivered to a custom folder (dest:{c})"),
            None => "Delivered to the inbox".to_string(),
        },
        (StopKind::Delivered, _) => "Delivered".to_string(),
        (StopKind::Bounced, _) => "Bounced".to_string(),
        (StopKind::Delayed, _) => "Delayed".to_string(),
        (StopKind::Unknown, _) => "Travelled".to_string(),
    };
    let why = why_filtered(report);
    let count = hops.len();
    let plural = if count == 1 { "hop" } else { "hops" };
    let time = match report.total_transit_seconds {
        Some(t) if t >= 0 => format!(" in {}", human_duration(t)),
        // A negative total is the servers' clocks disagreeing, never a duration.
        Some(_) => " (transit time unknown: the servers' clocks disagree)".to_string(),
        None => String::new(),
    };
    let sender = match report.trustworthy() {
        Some(hop) => describe_trustworthy(hop),
        None => originated_inside(&hops[0]),
    };
    let warnings = hops
        .iter()
        .flat_map(|h| &h.findings)
        .filter(|f| f.severity >= Severity::Warning)
        .count();
    let warn = match warnings {
        0 => String::new(),
        1 => "; 1 warning".to_string(),
        n => format!("; {n} warnings"),
    };
    format!("{outcome}{time} over {count} {plural}{why}{sender}{warn}.")
}

/// Why the filter kept the message out of the inbox, in its own scores,
/// and the authentication that failed: `; Microsoft 365: SCL 5, SFV:SPM;
/// DMARC fail for example.org`. Empty for a message in the inbox that
/// authenticated.
fn why_filtered(report: &Report) -> String {
    let auth = &report.auth;
    let mut parts = Vec::new();
    let filtered = matches!(
        report.stop.folder,
        Some(Disposition::Junk | Disposition::Quarantine | Disposition::Rejected)
    );
    let by = auth.filter.by.as_deref().unwrap_or_default();
    let own = auth
        .filter
        .summary
        .as_deref()
        .map(|s| s.strip_prefix(&format!("{by}: ")).unwrap_or(s));
    let marked_only = report.stop.folder == Some(Disposition::Junk) && !auth.filter.folder_stated;
    if marked_only {
        let scores = own.map(|s| format!(": {s}")).unwrap_or_default();
        parts.push(format!(
            "marked as spam by {by} (normally filed in Junk){scores}"
        ));
    } else if filtered && let Some(own) = own {
        // "Delivered to Junk by Microsoft 365; SCL 5": the filter is named once.
        parts.push(own.to_string());
    }
    if let Some(dmarc) = auth.dmarc.as_ref().filter(|d| d.result == "fail") {
        let domain = dmarc.from_domain.as_deref().unwrap_or("the From domain");
        parts.push(format!("DMARC fail for {domain}"));
    }
    parts.iter().map(|p| format!("; {p}")).collect()
}

fn describe_trustworthy(hop: &Hop) -> String {
    let Some(ip) = hop.from.ip_text() else {
        return format!("; trustworthy hop {} records no sender IP", hop.number);
    };
    let name = match (&hop.from.rdns, &hop.from.helo) {
        (Some(rdns), _) => rdns.clone(),
        (None, Some(helo)) => format!("no rDNS, HELO {helo}"),
        (None, None) => "no rDNS".to_string(),
    };
    let fcrdns = match hop.dns.as_ref().and_then(|d| d.fcrdns.as_ref()) {
        Some(f) if f.result == Fcrdns::Pass => ", FCrDNS ok",
        Some(f) if f.result == Fcrdns::Fail => ", FCrDNS failed",
        _ => "",
    };
    format!("; trustworthy sender IP {ip} ({name}{fcrdns})")
}

/// No hop was a hand-off from outside: where the message was first seen.
fn originated_inside(oldest: &Hop) -> String {
    let at = oldest
        .from
        .ip_text()
        .or_else(|| oldest.sender_name().map(str::to_string))
        .or_else(|| oldest.by.host.clone());
    match at {
        Some(at) => {
            format!("; it originated inside the receiving organisation, first recorded at {at}")
        }
        None => "; it originated inside the receiving organisation".to_string(),
    }
}

/// The verdict of a delivery report: who refused (or delayed, or took)
/// the message, when, with which codes and why, and how far it had got
/// (or, when `own_path`, how the notice itself travelled).
fn report_verdict(hop_count: usize, own_path: bool, stop: &Stop) -> String {
    let codes: Vec<String> = stop
        .primary
        .reply_code
        .map(|c| c.to_string())
        .into_iter()
        .chain(stop.primary.status.map(|s| s.to_string()))
        .collect();
    let codes = codes.join(" ");
    let reason = stop.primary.reason.unwrap_or(Reason::Other);
    // A notice that gives no reason is not one the tool failed to classify.
    let label = if reason == Reason::Other && stop.primary.diagnostic.is_none() {
        "no reason given"
    } else {
        reason.label()
    };
    let why = if codes.is_empty() {
        format!("({label})")
    } else {
        format!("with {codes} ({label})")
    };
    let stage = stop
        .primary
        .smtp_stage
        .map(|s| format!(" {}", s.describe()))
        .unwrap_or_default();
    let who = stop.remote_display();
    let reporter = stop.reporting_mta.as_deref();
    let what = match stop.kind {
        StopKind::Bounced if reason == Reason::Expired => {
            let last = match &who {
                Some(w) => format!("; the last attempt at {w} failed{stage}"),
                None => format!("; the last attempt failed{stage}"),
            };
            let codes = if codes.is_empty() {
                String::new()
            } else {
                format!(" with {codes}")
            };
            format!(
                "Bounced: {} gave up retrying{last}{codes}",
                reporter.unwrap_or("the sending server")
            )
        }
        StopKind::Bounced => {
            let reported = reporter
                .map(|r| format!(", reported by {r}"))
                .unwrap_or_default();
            match (&who, stop.primary.reply_code.is_some()) {
                (Some(w), true) => format!("Bounced: {w} refused the message{stage} {why}"),
                (Some(w), false) => format!("Bounced: {w} did not take the message{stage} {why}"),
                (None, true) => format!(
                    "Bounced: the receiving server refused the message{stage} {why}{reported}"
                ),
                (None, false) => format!(
                    "Bounced: {} could not deliver the message{stage} {why}",
                    reporter.unwrap_or("the mail system")
                ),
            }
        }
        StopKind::Delayed => {
            let first = match (&who, stop.primary.reply_code.is_some()) {
                (Some(w), true) => format!("{w} answered {codes}{stage} ({label})"),
                (Some(w), false) => format!("{w} did not take the message{stage} {why}"),
                (None, true) => format!("the receiving server answered {codes}{stage} ({label})"),
                (None, false) => format!("delivery has not succeeded yet{stage} {why}"),
            };
            let retry = match (&stop.primary.will_retry_until, reporter) {
                (Some(until), Some(r)) => format!("; {r} keeps trying until {until}"),
                (Some(until), None) => format!("; retries continue until {until}"),
                (None, _) => "; delivery is still being retried".to_string(),
            };
            format!("Delayed: {first}{retry}")
        }
        StopKind::Delivered | StopKind::Unknown => {
            let relayed = stop
                .recipients
                .first()
                .is_some_and(|r| r.action == Some(Action::Relayed));
            let by = reporter.unwrap_or("the mail system");
            let to = who.map(|w| format!(" to {w}")).unwrap_or_default();
            let codes = if codes.is_empty() {
                String::new()
            } else {
                format!(" ({codes})")
            };
            if relayed {
                format!(
                    "Relayed: {by} handed the message on{to}{codes}, to a system that sends no delivery reports"
                )
            } else {
                format!("Delivered: {by} reports delivery{to}{codes}")
            }
        }
    };
    let recipients = recipient_counts(stop);
    let plural = if hop_count == 1 { "hop" } else { "hops" };
    let travelled = match hop_count {
        0 => "the returned message's headers are not included".to_string(),
        n if own_path => format!(
            "the returned message's headers are not included; the notice reached you over {n} {plural}"
        ),
        n => format!("the message had travelled {n} {plural}"),
    };
    format!("{what}{recipients}; {travelled}.")
}

/// `; of 3 recipients: 2 failed, 1 delayed` when there are several.
fn recipient_counts(stop: &Stop) -> String {
    if stop.recipients.len() < 2 {
        return String::new();
    }
    let count = |f: fn(Action) -> bool| {
        stop.recipients
            .iter()
            .filter(|r| r.action.is_some_and(f))
            .count()
    };
    let parts: Vec<String> = [
        (count(|a| a == Action::Failed), "failed"),
        (count(|a| a == Action::Delayed), "delayed"),
        (count(Action::is_success), "delivered"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    format!(
        "; of {} recipients: {}",
        stop.recipients.len(),
        parts.join(", ")
    )
}
