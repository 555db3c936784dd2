//! The report: one serde model of everything the pipeline found. It is the
//! JSON contract of DESIGN.md; renderers only format it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::chain::checks::human_duration;
use crate::chain::hop::Hop;
use crate::dns::ReportDns;
use crate::dns::model::Fcrdns;
use crate::finding::{Finding, Severity};
use crate::message::MessageSummary;
use crate::stop::{Action, Reason, Stop, StopKind};

/// Bumped only when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "trace-path",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// What was read: its name, digest and size, so a report can be matched to its file.
#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    pub name: String,
    /// The message's number within an mbox (1 = first); `null` otherwise.
    pub position: Option<usize>,
    pub sha256: String,
    pub bytes: usize,
}

impl InputInfo {
    pub fn of(input: &crate::input::Input) -> InputInfo {
        let bytes = &input.bytes;
        let digest = Sha256::digest(bytes);
        InputInfo {
            name: input.name.clone(),
            position: input.position,
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            bytes: bytes.len(),
        }
    }
}

/// The options that changed the result, so a report says how it was made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportOptions {
    /// The user's own relays (`--trust` and the config file's `trust`), as
    /// given; under `--redact` their names and networks are tokens too.
    pub trusted: Vec<String>,
    /// `--redact`: addresses, subject, message-id and internal names are tokens.
    pub redacted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub input: InputInfo,
    pub options: ReportOptions,
    pub message: MessageSummary,
    /// Oldest first: `hops[0]` is hop 1, the bottom Received header.
    pub hops: Vec<Hop>,
    pub trustworthy_hop: Option<usize>,
    pub total_transit_seconds: Option<i64>,
    pub stop: Stop,
    pub findings: Vec<Finding>,
    /// How the DNS stage ran and the recipient domain's MX; `null` when DNS did not run.
    pub dns: Option<ReportDns>,
    pub verdict: String,
    /// When the report was made; shown by ticket formats, not part of the JSON.
    #[serde(skip)]
    pub generated_at: DateTime<Utc>,
}

impl Report {
    pub fn trustworthy(&self) -> Option<&Hop> {
        self.trustworthy_hop
            .and_then(|n| self.hops.iter().find(|h| h.number == n))
    }

    /// Every finding, message-level and per hop, with the hop it belongs to.
    pub fn all_findings(&self) -> impl Iterator<Item = (Option<usize>, &Finding)> {
        self.findings.iter().map(|f| (None, f)).chain(
            self.hops
                .iter()
                .flat_map(|h| h.findings.iter().map(move |f| (Some(h.number), f))),
        )
    }

    /// The most severe finding level present, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.all_findings().map(|(_, f)| f.severity).max()
    }
}

/// The one-line verdict: what happened, how long it took, and who sent it.
pub fn verdict(hops: &[Hop], trustworthy: Option<&Hop>, total: Option<i64>, stop: &Stop) -> String {
    if stop.is_report() {
        return report_verdict(hops.len(), stop);
    }
    if hops.is_empty() {
        return "No Received headers: this message has not passed through a mail server (a draft, or a copy saved before sending).".to_string();
    }
    let outcome = match stop.kind {
        StopKind::Delivered => "Delivered",
        StopKind::Bounced => "Bounced",
        StopKind::Delayed => "Delayed",
        StopKind::Unknown => "Travelled",
    };
    let count = hops.len();
    let plural = if count == 1 { "hop" } else { "hops" };
    let time = match total {
        Some(t) => format!(" in {}", human_duration(t)),
        None => String::new(),
    };
    let sender = trustworthy.map(describe_trustworthy).unwrap_or_default();
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
    format!("{outcome}{time} over {count} {plural}{sender}{warn}.")
}

fn describe_trustworthy(hop: &Hop) -> String {
    let Some(ip) = hop.from.ip else {
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

/// The verdict of a delivery report: who refused (or delayed, or took)
/// the message, when, with which codes and why, and how far it had got.
fn report_verdict(hop_count: usize, stop: &Stop) -> String {
    let codes: Vec<String> = stop
        .reply_code
        .map(|c| c.to_string())
        .into_iter()
        .chain(stop.status.map(|s| s.to_string()))
        .collect();
    let codes = codes.join(" ");
    let reason = stop.reason.unwrap_or(Reason::Other);
    let why = if codes.is_empty() {
        format!("({})", reason.label())
    } else {
        format!("with {codes} ({})", reason.label())
    };
    let stage = stop
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
            match (&who, stop.reply_code.is_some()) {
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
            let first = match (&who, stop.reply_code.is_some()) {
                (Some(w), true) => format!("{w} answered {codes}{stage} ({})", reason.label()),
                (Some(w), false) => format!("{w} did not take the message{stage} {why}"),
                (None, true) => format!(
                    "the receiving server answered {codes}{stage} ({})",
                    reason.label()
                ),
                (None, false) => format!("delivery has not succeeded yet{stage} {why}"),
            };
            let retry = match (&stop.will_retry_until, reporter) {
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
    let travelled = match hop_count {
        0 => "the returned message's headers are not included".to_string(),
        1 => "the message had travelled 1 hop".to_string(),
        n => format!("the message had travelled {n} hops"),
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
