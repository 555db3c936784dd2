//! The facts every format shows, in one place: the summary, the hop rows,
//! where the message stopped, the findings grouped by severity and the raw
//! headers. Renderers choose layout, marks and escaping; what is shown, in
//! which order and in which words is decided here, from the report alone.
//!
//! Every string here is plain text with control characters already escaped
//! ([`escape_controls`]); a renderer adds only its own escaping (Markdown,
//! HTML) on top.

use super::dns_text::{self, Mark};
use super::renderer::display_name;
use crate::duration::human_duration;
use crate::model::Report;
use crate::model::Severity;
use crate::model::Trust;
use crate::model::{Hop, format_utc};
use crate::model::{Reason, Stop, StopKind};
use crate::text::escape_controls;

/// Shown for a value the report does not have.
pub const NONE: &str = "—";

/// A labelled value: one line of a summary or stop block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field {
        label,
        value: value.into(),
    }
}

fn safe(s: &str) -> String {
    escape_controls(s).into_owned()
}

fn safe_or_none(s: Option<&str>) -> String {
    s.map(safe).unwrap_or_else(|| "(none)".to_string())
}

/// The verdict sentence, safe to print.
pub fn verdict(report: &Report) -> String {
    safe(&report.verdict)
}

/// The input's name (with the message's number inside an mbox), safe to print.
pub fn input_name(report: &Report) -> String {
    safe(&display_name(report))
}

/// What was traced, when, with which options: the header of a ticket report.
pub fn summary(report: &Report) -> Vec<Field> {
    let m = &report.message;
    let options = &report.options;
    let trusted = if options.trusted.is_empty() {
        "none (the topmost Received header is taken as your server's)".to_string()
    } else {
        safe(&options.trusted.join(", "))
    };
    let redacted = if options.redacted {
        "yes: addresses, subject, message-id and your own hosts are tokens"
    } else {
        "no"
    };
    vec![
        field("Subject", safe_or_none(m.subject.as_deref())),
        field("From", safe_or_none(m.from.as_deref())),
        field("To", safe_or_none(m.to.as_deref())),
        field("Date", safe_or_none(m.date.as_deref())),
        field("Message-ID", safe_or_none(m.message_id.as_deref())),
        field("Input", input_name(report)),
        field("SHA-256", report.input.sha256.clone()),
        field("Size", format!("{} bytes", report.input.bytes)),
        field("Generated at", format_utc(&report.generated_at)),
        field(
            "Tool",
            format!("{} {}", report.tool.name, report.tool.version),
        ),
        field("Trusted relays", trusted),
        field("Redacted", redacted),
    ]
}

/// The trustworthy hop: the one fact the sender cannot forge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trustworthy {
    pub number: usize,
    /// The sender IP, or "no IP recorded".
    pub ip: String,
    /// The host of yours that recorded it.
    pub by: Option<String>,
}

pub fn trustworthy(report: &Report) -> Option<Trustworthy> {
    let hop = report.trustworthy()?;
    Some(Trustworthy {
        number: hop.number,
        ip: hop
            .from
            .ip_text()
            .unwrap_or_else(|| "no IP recorded".to_string()),
        by: hop.by.host.as_deref().map(safe),
    })
}

/// The total transit time, when known.
pub fn total_transit(report: &Report) -> Option<String> {
    report.total_transit_seconds.map(human_duration)
}

/// Transit time and the trustworthy hop, as summary fields.
pub fn outcome(report: &Report) -> Vec<Field> {
    let mut fields = Vec::new();
    if let Some(total) = total_transit(report) {
        fields.push(field("Total transit", total));
    }
    if let Some(t) = trustworthy(report) {
        let by =
            t.by.map(|b| format!(", recorded by {b}"))
                .unwrap_or_default();
        let value = format!("hop {}, sender IP {}{by}", t.number, t.ip);
        fields.push(field("Trustworthy", value));
    }
    fields
}

/// One hop as a row of the hop table. Multi-line cells are lists of lines.
#[derive(Debug, Clone)]
pub struct HopRow<'a> {
    pub hop: &'a Hop,
    pub number: usize,
    /// `2026-11-23 09:15:22` (UTC) or `unknown`.
    pub time: String,
    pub delay: Delay,
    /// HELO, rDNS and IP on separate lines, so a HELO that disagrees with
    /// the rDNS the receiver saw stands out.
    pub from: Vec<String>,
    pub by: Vec<String>,
    pub with: Vec<String>,
    pub trust: Trust,
    /// The DNS checks' marks (`PTR ✓`, `HELO ✗ not FQDN`); `None` when DNS did not run.
    pub dns: Option<DnsCell>,
    /// Finding codes of this hop, with their severity.
    pub notes: Vec<(Severity, &'static str)>,
    /// The most severe of them.
    pub worst: Option<Severity>,
}

/// A hop's DNS marks and the worst of them (`None`: nothing checked for this hop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsCell {
    pub lines: Vec<String>,
    pub worst: Option<Mark>,
}

/// The hop table's column headings; DNS only when DNS ran.
pub fn hop_columns(report: &Report) -> Vec<&'static str> {
    let mut columns = vec![
        "#",
        "Time (UTC)",
        "Delay",
        "From (HELO / rDNS / IP)",
        "By",
        "With",
        "Trust",
    ];
    if report.dns.is_some() {
        columns.push("DNS");
    }
    columns.push("Notes");
    columns
}

/// A hop's delay after the hop below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delay {
    pub seconds: Option<i64>,
}

impl Delay {
    /// `+4 s`, `-2 min 50 s`, or [`NONE`] when unknown (and for hop 1).
    pub fn text(self) -> String {
        match self.seconds {
            Some(d) if d < 0 => human_duration(d),
            Some(d) => format!("+{}", human_duration(d)),
            None => NONE.to_string(),
        }
    }

    /// Time ran backwards: a wrong clock or a forged header.
    pub fn is_negative(self) -> bool {
        self.seconds.is_some_and(|d| d < 0)
    }
}

/// The hop table, oldest hop first.
pub fn hop_rows(report: &Report) -> Vec<HopRow<'_>> {
    let with_dns = report.dns.is_some();
    report.hops.iter().map(|h| hop_row(h, with_dns)).collect()
}

fn hop_row(hop: &Hop, with_dns: bool) -> HopRow<'_> {
    let notes: Vec<(Severity, &'static str)> = hop
        .findings
        .iter()
        .map(|f| (f.severity, f.code.as_str()))
        .collect();
    HopRow {
        hop,
        number: hop.number,
        time: hop
            .timestamp
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "unknown".to_string()),
        delay: Delay {
            seconds: hop.delay_seconds,
        },
        from: sender_lines(hop),
        by: receiver_lines(hop),
        with: protocol_lines(hop),
        trust: hop.trust,
        dns: with_dns.then(|| match &hop.dns {
            Some(dns) => {
                let (lines, worst) = dns_text::cell(dns);
                DnsCell {
                    lines,
                    worst: Some(worst),
                }
            }
            None => DnsCell {
                lines: Vec::new(),
                worst: None,
            },
        }),
        worst: notes.iter().map(|(s, _)| *s).max(),
        notes,
    }
}

fn sender_lines(hop: &Hop) -> Vec<String> {
    if hop.from.is_empty() {
        return vec![match &hop.ident {
            Some(ident) => format!("local ({})", safe(ident)),
            None => "(local)".to_string(),
        }];
    }
    let mut lines = Vec::new();
    if let Some(helo) = &hop.from.helo {
        lines.push(format!("HELO {}", safe(helo)));
    }
    let ip = hop.from.ip_text();
    match (&hop.from.rdns, &ip) {
        (Some(rdns), _) => lines.push(format!("rDNS {}", safe(rdns))),
        (None, Some(_)) => lines.push("rDNS (none)".to_string()),
        _ => {}
    }
    if let Some(ip) = ip {
        lines.push(format!("IP   {ip}"));
    }
    lines
}

fn receiver_lines(hop: &Hop) -> Vec<String> {
    let mut lines: Vec<String> = hop.by.host.iter().map(|h| safe(h)).collect();
    lines.extend(hop.by.ip_text());
    if lines.is_empty() {
        lines.push(NONE.to_string());
    }
    lines
}

fn protocol_lines(hop: &Hop) -> Vec<String> {
    let mut lines: Vec<String> = hop.with.iter().map(|w| safe(w)).collect();
    if let Some(tls) = &hop.tls {
        let version = tls.split_whitespace().next().unwrap_or(tls);
        lines.push(safe(version));
    }
    if hop.auth.is_some() {
        lines.push("auth".to_string());
    }
    lines
}

/// What the DNS stage found, in words: who was asked, one line per checked
/// hop, and the recipient domain's mail hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsFacts {
    pub heading: String,
    pub hops: Vec<(usize, String)>,
    pub mx: Option<String>,
}

/// `None` when DNS did not run (`--no-dns`).
pub fn dns(report: &Report) -> Option<DnsFacts> {
    let dns = report.dns.as_ref()?;
    Some(DnsFacts {
        heading: safe(&dns_text::heading(dns)),
        hops: report
            .hops
            .iter()
            .filter_map(|h| h.dns.as_ref().map(|d| (h.number, dns_text::detail(d))))
            .collect(),
        mx: dns.mx.as_ref().map(dns_text::mx_detail),
    })
}

/// What the trust boundary (drawn above the trustworthy hop) means.
pub const BOUNDARY: &str =
    "the hops above it are claims by outside machines; your own servers recorded the rest.";

/// The `stop` block: the outcome in words, then [`stop_rows`].
pub fn stop(report: &Report) -> Vec<Field> {
    let mut fields = vec![field("Outcome", stop_outcome(&report.stop))];
    fields.extend(stop_rows(report));
    fields
}

/// One word for where the message stopped.
pub fn stop_kind(kind: StopKind) -> &'static str {
    match kind {
        StopKind::Bounced => "bounced",
        StopKind::Delayed => "delayed",
        StopKind::Delivered => "delivered",
        StopKind::Unknown => "unknown",
    }
}

/// The outcome in words, claiming no more than the report says: a
/// server refused only when one answered with a refusal, and a notice
/// that gave up retrying says so.
fn stop_outcome(stop: &Stop) -> &'static str {
    let refused = stop.primary.reply_code.is_some_and(|c| c.class() == 5);
    match stop.kind {
        StopKind::Delivered if stop.is_report() => "delivered: the delivery report says so",
        StopKind::Delivered => "delivered: it reached the mailbox it was taken from",
        StopKind::Bounced if stop.primary.reason == Some(Reason::Expired) => {
            "bounced: the sending server gave up retrying"
        }
        StopKind::Bounced if refused => "bounced: a server refused it for good",
        StopKind::Bounced => "bounced: it could not be delivered",
        StopKind::Delayed => "delayed: a server is still retrying",
        StopKind::Unknown => "unknown: it did not pass through a mail server",
    }
}

/// What a delivery report says about where the message stopped: who
/// reported it, which server refused and how, why, and what to do.
/// Unknown values are left out; empty for a plain message.
pub fn stop_rows(report: &Report) -> Vec<Field> {
    let stop = &report.stop;
    let mut rows = Vec::new();
    if let Some(r) = &stop.reporting_mta {
        rows.push(field("Reported by", safe(r)));
    }
    if let Some(remote) = stop.remote_display() {
        rows.push(field("Remote server", safe(&remote)));
    }
    if let Some(code) = stop.primary.reply_code {
        let meaning = stop.reply_meaning().unwrap_or_default();
        rows.push(field(
            "Reply code",
            safe(format!("{code} {meaning}").trim_end()),
        ));
    }
    if let Some(status) = stop.primary.status {
        let meaning = stop.status_meaning().unwrap_or_default();
        rows.push(field(
            "Status",
            safe(format!("{status} {meaning}").trim_end()),
        ));
    }
    if let Some(stage) = stop.primary.smtp_stage {
        rows.push(field("SMTP stage", stage.describe()));
    }
    if let Some(d) = &stop.primary.diagnostic {
        rows.push(field("Diagnostic", safe(d)));
    }
    if let Some(until) = &stop.primary.will_retry_until {
        rows.push(field("Retried until", safe(until)));
    }
    if let Some(reason) = stop.primary.reason {
        let name = reason.as_str();
        let text = if reason.label() == name.replace('-', " ") {
            name.to_string()
        } else {
            format!("{name} ({})", reason.label())
        };
        rows.push(field("Reason", text));
    }
    if let Some(advice) = &stop.advice {
        rows.push(field("Advice", safe(advice)));
    }
    rows
}

/// The headings of [`recipients`]' columns.
pub const RECIPIENT_COLUMNS: [&str; 4] = ["Recipient", "Action", "Status", "Reason"];

/// One row per recipient of a delivery report, when it names several
/// (with one, [`stop_rows`] says it all).
pub fn recipients(report: &Report) -> Vec<[String; 4]> {
    let recipients = &report.stop.recipients;
    if recipients.len() < 2 {
        return Vec::new();
    }
    let show = |v: Option<String>| v.unwrap_or_else(|| NONE.to_string());
    recipients
        .iter()
        .map(|r| {
            [
                show(r.address.as_deref().map(safe)),
                show(r.action.map(|a| a.as_str().to_string())),
                show(r.status.map(|s| s.to_string())),
                show(r.reason.map(|s| s.as_str().to_string())),
            ]
        })
        .collect()
}

/// One finding, placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingLine {
    /// `message` or `hop 3`.
    pub place: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

/// Every finding, most severe first; message-level before hops, hops in order.
pub fn findings(report: &Report) -> Vec<FindingLine> {
    let mut all: Vec<_> = report.all_findings().collect();
    all.sort_by_key(|(hop, f)| (std::cmp::Reverse(f.severity), hop.unwrap_or(0)));
    all.into_iter()
        .map(|(hop, f)| FindingLine {
            place: hop
                .map(|n| format!("hop {n}"))
                .unwrap_or_else(|| "message".to_string()),
            severity: f.severity,
            code: f.code.as_str(),
            message: safe(&f.message),
        })
        .collect()
}

/// The findings in groups of one severity, most severe first; empty groups left out.
pub fn findings_by_severity(report: &Report) -> Vec<(Severity, Vec<FindingLine>)> {
    let mut groups: Vec<(Severity, Vec<FindingLine>)> = Vec::new();
    for line in findings(report) {
        match groups.last_mut() {
            Some((severity, lines)) if *severity == line.severity => lines.push(line),
            _ => groups.push((line.severity, vec![line])),
        }
    }
    groups
}

/// The mark of a severity in the table, Markdown and HTML.
pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "·",
    }
}

/// A heading for a group of findings.
pub fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Notes",
    }
}

/// The Received headers as read (unfolded), newest first as in the
/// message, each with the hop it became.
pub fn raw_headers(report: &Report) -> Vec<(usize, String)> {
    let mut hops: Vec<&Hop> = report.hops.iter().collect();
    hops.sort_by_key(|h| h.header_index);
    hops.into_iter()
        .map(|h| (h.number, format!("Received: {}", safe(&h.raw))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_read_with_their_sign() {
        assert_eq!(Delay { seconds: Some(4) }.text(), "+4 s");
        assert_eq!(
            Delay {
                seconds: Some(-170)
            }
            .text(),
            "-2 min 50 s"
        );
        assert_eq!(Delay { seconds: None }.text(), NONE);
        assert!(Delay { seconds: Some(-1) }.is_negative());
        assert!(!Delay { seconds: Some(0) }.is_negative());
    }
}
