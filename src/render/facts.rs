//! The facts every format shows, in one place, and the document they
//! make ([`document`]): the summary, the hop table, the DNS results, where
//! the message stopped, the findings grouped by severity and the raw
//! headers, with their headings, captions and columns. What is shown, in
//! which order and in which words is decided here, from the report alone;
//! formats choose only layout and escaping.
//!
//! Every string here is plain text with control characters already escaped
//! ([`escape_controls`]); a renderer adds only its own escaping (Markdown,
//! HTML) on top.

use super::auth_text;
use super::checked_now_text;
use super::dns_text;
use super::document::{
    Align, Bar, Block, Boundary, Caption, Cell, Column, Delay, DnsCell, Document, End, Field, Item,
    List, NONE, Narrow, Preformatted, Row, Section, Subheading, Table, Timeline, TrustLabel,
};
use super::document::{Leg, Machine, Route, Step};
use super::renderer::display_name;
use crate::duration::human_duration;
use crate::model::Report;
use crate::model::Severity;
use crate::model::Trust;
use crate::model::{Action, Disposition, FindingCode, Reason, SmtpStage, Stop, StopKind};
use crate::model::{Hop, format_utc};
use crate::text::escape_controls;

/// What the tool calls a report (a page title, plain text's first line).
pub const REPORT: &str = "trace-path report";

fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field::new(label, value)
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
    /// The sender IP, when the hop records one.
    pub ip: Option<String>,
    /// The host of yours that recorded it.
    pub by: Option<String>,
}

pub fn trustworthy(report: &Report) -> Option<Trustworthy> {
    let hop = report.trustworthy()?;
    Some(Trustworthy {
        number: hop.number,
        ip: hop.from.ip_text(),
        by: hop.by.host.as_deref().map(safe),
    })
}

impl Trustworthy {
    /// `sender IP 192.0.2.7`, or that the hop records none.
    pub fn sender(&self) -> String {
        match &self.ip {
            Some(ip) => format!("sender IP {ip}"),
            None => "no sender IP recorded".to_string(),
        }
    }
}

/// The total transit time, when known.
pub fn total_transit(report: &Report) -> Option<String> {
    report.total_transit_seconds.map(|t| match t {
        0.. => human_duration(t),
        // A negative total is the servers' clocks disagreeing, never a duration.
        _ => "unknown: the servers' clocks disagree".to_string(),
    })
}

/// Transit time and the trustworthy hop, as summary fields.
pub fn outcome(report: &Report) -> Vec<Field> {
    let mut fields = Vec::new();
    if let Some(total) = total_transit(report) {
        fields.push(field("Total transit", total));
    }
    if let Some(t) = trustworthy(report) {
        let by =
            t.by.as_ref()
                .map(|b| format!(", recorded by {b}"))
                .unwrap_or_default();
        let value = format!("hop {}, {}{by}", t.number, t.sender());
        fields.push(field("Trustworthy", value));
    }
    fields
}

/// The hop table, oldest hop first: number, time, delay, sender,
/// receiver, protocol, trust, DNS (only when DNS ran) and notes.
pub fn hop_table(report: &Report) -> Table {
    let mut columns = vec![
        column("#", Align::Right, Narrow::InRow(5)),
        column("Time (UTC)", Align::Left, Narrow::InRow(20)),
        column("Delay", Align::Right, Narrow::InRow(16)),
        column(
            "From (HELO / rDNS / IP)",
            Align::Left,
            Narrow::Below("From"),
        ),
        column("By", Align::Left, Narrow::Below("By")),
        column("With", Align::Left, Narrow::Below("With")),
        column("Trust", Align::Left, Narrow::InRow(0)),
    ];
    let with_dns = report.dns.is_some();
    if with_dns {
        columns.push(column("DNS", Align::Left, Narrow::Below("DNS")));
    }
    columns.push(column("Notes", Align::Left, Narrow::Below("Notes")));
    let rows: Vec<Row> = report.hops.iter().map(|h| hop_row(h, with_dns)).collect();
    // The boundary sets the outside claims apart: with nothing below the
    // trustworthy hop, there is nothing to set apart.
    let boundary = report
        .hops
        .iter()
        .position(|h| h.trust == Trust::Trustworthy)
        .filter(|&row| row > 0)
        .map(|row| Boundary {
            row,
            hop: report.hops[row].number,
            label: "Trust boundary",
            text: BOUNDARY,
        });
    Table {
        name: "hops",
        columns,
        rows,
        boundary,
        end: end_of_path(report),
    }
}

/// Where the journey ended, the hop list's last row in every format: the
/// server that refused the message (`✗ mx.example.net [192.0.2.9]
/// refused at RCPT: 550 5.1.1 unknown user`), the one delaying it (`…`),
/// or the delivery (`✓ delivered to the mailbox`). `None` when the outcome
/// is unknown. The "Where it stopped" section says the rest.
pub fn end_of_path(report: &Report) -> Option<End> {
    let stop = &report.stop;
    let p = &stop.primary;
    // A server that answered refused (or is delaying); one never reached
    // (no such domain, no connection, retries given up) did not.
    let answered = p.reply_code.is_some();
    let unreachable = matches!(
        p.reason,
        Some(Reason::Expired | Reason::DomainNotFound | Reason::HostUnreachable)
    );
    let (mark, verb) = match stop.kind {
        StopKind::Unknown => return None,
        StopKind::Delivered if !stop.is_report() => {
            // Filed away from the inbox is reached, but not read.
            let filtered = matches!(
                stop.folder,
                Some(Disposition::Junk | Disposition::Quarantine | Disposition::Rejected)
            );
            return Some(End {
                kind: StopKind::Delivered,
                mark: if filtered { "⚠" } else { "✓" },
                host: None,
                what: delivered(report),
            });
        }
        StopKind::Delivered => {
            let relayed = stop.recipients.first().and_then(|r| r.action) == Some(Action::Relayed);
            (
                "✓",
                if relayed {
                    "relayed it on"
                } else {
                    "delivered"
                },
            )
        }
        StopKind::Delayed if answered => ("…", "delaying"),
        StopKind::Delayed => ("…", "not reached yet"),
        StopKind::Bounced if answered && !unreachable => ("✗", "refused"),
        StopKind::Bounced if unreachable => ("✗", "not reached"),
        StopKind::Bounced => ("✗", "not delivered"),
    };
    let mut details: Vec<String> = p.reply_code.map(|c| c.to_string()).into_iter().collect();
    details.extend(p.status.map(|s| s.to_string()));
    details.extend(
        p.reason
            .filter(|r| *r != Reason::Delivered)
            .map(|r| r.label().to_string()),
    );
    // The stage of the dialogue, for a server that answered.
    let stage = p
        .smtp_stage
        .filter(|_| answered && !unreachable)
        .map(|s| format!(" {}", stage_words(s)))
        .unwrap_or_default();
    let what = if details.is_empty() {
        format!("{verb}{stage}")
    } else {
        format!("{verb}{stage}: {}", details.join(" "))
    };
    Some(End {
        kind: stop.kind,
        mark,
        host: stop.remote_display().map(|h| safe(&h)),
        what,
    })
}

/// Where a message that reached its mailbox was put, in words: `delivered
/// to the mailbox`. The one place to name the folder (`to Junk`) or a
/// quarantine when the report knows it; every format's end row shows it.
pub fn delivered(report: &Report) -> String {
    let filter = &report.auth.filter;
    let by = filter
        .by
        .as_deref()
        .unwrap_or("the receiving side's filter");
    match report.stop.folder {
        Some(Disposition::Junk) if filter.folder_stated => {
            format!("delivered to the Junk folder by {by}")
        }
        Some(Disposition::Junk) => {
            format!("delivered, marked as spam by {by} (normally filed in Junk)")
        }
        Some(Disposition::Quarantine) => {
            format!("quarantined by {by}: held, not in the mailbox")
        }
        Some(Disposition::Rejected) => {
            format!("delivered, though {by} marked it for rejection")
        }
        Some(Disposition::Inbox) => match report.auth.custom_folder() {
            Some(c) => format!("delivered to a custom folder (dest:{c})"),
            None => "delivered to the inbox".to_string(),
        },
        Some(Disposition::Unknown) | None => "delivered to the mailbox".to_string(),
    }
}

/// The SMTP stage in an end row's few words: `at RCPT`.
fn stage_words(stage: SmtpStage) -> &'static str {
    match stage {
        SmtpStage::Connect => "at connection",
        SmtpStage::Helo => "at HELO",
        SmtpStage::Mail => "at MAIL FROM",
        SmtpStage::Rcpt => "at RCPT",
        SmtpStage::Data => "at DATA",
        SmtpStage::EndOfData => "after DATA",
    }
}

fn column(heading: &'static str, align: Align, narrow: Narrow) -> Column {
    Column {
        heading,
        align,
        narrow,
    }
}

fn hop_row(hop: &Hop, with_dns: bool) -> Row {
    let mut cells = vec![
        Cell::Text(hop.number.to_string()),
        Cell::Time(
            hop.timestamp
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_else(|| "unknown".to_string()),
        ),
        Cell::Delay(Delay {
            seconds: hop.delay_seconds,
        }),
        // HELO, rDNS and IP on separate lines, so a HELO that disagrees
        // with the rDNS the receiver saw stands out.
        Cell::Lines(sender_lines(hop)),
        Cell::Lines(receiver_lines(hop)),
        Cell::Words(protocol_lines(hop)),
        Cell::Trust(trust_label(hop.trust)),
    ];
    if with_dns {
        cells.push(Cell::Dns(dns_cell(hop)));
    }
    cells.push(Cell::Notes(
        hop.findings
            .iter()
            .map(|f| (f.severity, f.code.as_str()))
            .collect(),
    ));
    Row {
        cells,
        hop: Some((hop.number, hop.trust)),
    }
}

/// A hop's trust in words, marked and strong for the trustworthy hop.
pub fn trust_label(trust: Trust) -> TrustLabel {
    let trustworthy = trust == Trust::Trustworthy;
    TrustLabel {
        trust,
        mark: trustworthy.then_some("✔"),
        words: trust.as_str(),
        strong: trustworthy,
    }
}

/// The marks of a hop's DNS checks, as the DNS stage decided them.
fn dns_cell(hop: &Hop) -> DnsCell {
    match &hop.dns {
        Some(dns) => {
            let (lines, worst) = dns_text::cell(hop, dns);
            DnsCell {
                lines,
                worst: Some(worst),
            }
        }
        None => DnsCell {
            lines: Vec::new(),
            worst: None,
        },
    }
}

/// One bar per hop: positive delays one way, negative ones the other, to
/// the scale of the longest.
pub fn timeline(report: &Report) -> Timeline {
    let delays = || report.hops.iter().filter_map(|h| h.delay_seconds);
    let longest = delays().map(i64::unsigned_abs).max().unwrap_or(0);
    let negative = delays().any(|d| d < 0);
    let caption = format!(
        "The delay before each hop, to scale (the longest is {}).{}",
        human_duration(longest as i64),
        if negative {
            " Negative delays point left, hatched: a clock is wrong or a header is forged."
        } else {
            ""
        }
    );
    let bars = report
        .hops
        .iter()
        .map(|h| Bar {
            hop: h.number,
            trust: trust_label(h.trust),
            delay: Delay {
                seconds: h.delay_seconds,
            },
            permille: h
                .delay_seconds
                .filter(|d| *d != 0)
                .map(|d| (d.unsigned_abs() * 1000).div_ceil(longest.max(1)).max(5)),
        })
        .collect();
    Timeline {
        caption,
        negative,
        bars,
    }
}

/// The route as a picture draws it, top to bottom: the origin (hop 1's
/// sender), then for each hop the hand-off (with the address the receiver
/// saw the sender at) and the machine that received it; where the chain
/// breaks, a break and the machine the next hop names as its sender; the
/// end of the journey below.
pub fn route(report: &Report) -> Route {
    let hops = &report.hops;
    let mut steps = Vec::new();
    for (i, hop) in hops.iter().enumerate() {
        let broken = i > 0 && breaks_chain(hop);
        if broken {
            steps.push(Step::Break);
        }
        if i == 0 || broken {
            steps.push(Step::Machine(sender_machine(hop)));
        }
        steps.push(Step::Hop(leg(hop)));
        steps.push(Step::Machine(receiver_machine(hop)));
    }
    Route {
        caption: ROUTE.to_string(),
        steps,
        end: end_of_path(report),
    }
}

/// The route's caption.
const ROUTE: &str = "The route, from where the message came from (top) to where it stopped: solid boxes and arrows are what your servers recorded, dashed ones claims by outside machines; the green line is the trust boundary; small boxes are steps that are no hand-off (a filter, a local delivery).";

fn breaks_chain(hop: &Hop) -> bool {
    hop.findings
        .iter()
        .any(|f| f.code == FindingCode::ChainBreak)
}

/// The machine that sent a hop, by the name it gave or was given (its
/// address is on the hop's arrow).
fn sender_machine(hop: &Hop) -> Machine {
    let name = hop
        .from
        .rdns
        .as_deref()
        .or(hop.from.helo.as_deref())
        .map(safe)
        .or_else(|| hop.from.ip_text())
        .unwrap_or_else(|| sender_lines(hop).join(" "));
    Machine {
        name,
        ip: None,
        outside: hop.trust != Trust::Internal,
        small: !hop.kind.is_hand_off(),
    }
}

/// The machine that received a hop, with the address it gave itself.
fn receiver_machine(hop: &Hop) -> Machine {
    let ip = hop.by.ip_text();
    let name = hop
        .by
        .host
        .as_deref()
        .map(safe)
        .or_else(|| ip.clone())
        .unwrap_or_else(|| "(unknown)".to_string());
    Machine {
        ip: ip.filter(|ip| *ip != name),
        name,
        outside: hop.trust == Trust::Unverified,
        small: !hop.kind.is_hand_off(),
    }
}

/// A hop as an arrow: its delay, protocol and whether it was encrypted.
fn leg(hop: &Hop) -> Leg {
    let small = !hop.kind.is_hand_off();
    let with = hop.with.as_deref().map(safe);
    let tls = match (&hop.tls, with.as_deref().map(str::to_ascii_uppercase)) {
        // Inside one machine, encryption is beside the point.
        _ if small => None,
        (Some(_), _) => Some(true),
        (None, Some(w)) if w.contains("SMTPS") || w.contains("LMTPS") || w == "HTTPS" => Some(true),
        (None, Some(w))
            if matches!(
                w.as_str(),
                "SMTP" | "ESMTP" | "ESMTPA" | "LMTP" | "LMTPA" | "UTF8SMTP" | "UTF8SMTPA" | "HTTP"
            ) =>
        {
            Some(false)
        }
        _ => None,
    };
    let mut parts = vec![format!("hop {}", hop.number)];
    if small {
        parts.push(hop.kind.as_str().to_string());
    }
    if hop.delay_seconds.is_some() {
        parts.push(
            Delay {
                seconds: hop.delay_seconds,
            }
            .text(),
        );
    }
    parts.extend(with);
    if !small {
        match (&hop.tls, tls) {
            (Some(version), _) => {
                let version = version.split_whitespace().next().unwrap_or(version);
                parts.push(safe(version));
            }
            (None, Some(true)) => parts.push("TLS".to_string()),
            (None, Some(false)) => parts.push("no TLS".to_string()),
            (None, None) => {}
        }
    }
    Leg {
        hop: hop.number,
        trust: trust_label(hop.trust),
        label: parts.join(" · "),
        from_ip: hop.from.ip_text(),
        verified: hop.trust == Trust::Trustworthy,
        tls,
        outside: hop.trust == Trust::Unverified,
        small,
        boundary: hop.trust == Trust::Trustworthy,
        notes: hop
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| (f.severity, f.code.as_str()))
            .collect(),
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
    let stop = &report.stop;
    // A delivered message whose filter named a folder says which.
    let outcome = match stop.folder {
        Some(folder) if !stop.is_report() && folder != Disposition::Unknown => delivered(report),
        _ => stop_outcome(stop).to_string(),
    };
    let mut fields = vec![field("Outcome", outcome)];
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

/// One row per recipient of a delivery report, when it names several
/// (with one, [`stop_rows`] says it all).
pub fn recipients(report: &Report) -> Option<Table> {
    let recipients = &report.stop.recipients;
    if recipients.len() < 2 {
        return None;
    }
    let show = |v: Option<String>| Cell::Text(v.unwrap_or_else(|| NONE.to_string()));
    let rows = recipients
        .iter()
        .map(|r| Row {
            cells: vec![
                show(r.address.as_deref().map(safe)),
                show(r.action.map(|a| a.as_str().to_string())),
                show(r.status.map(|s| s.to_string())),
                show(r.reason.map(|s| s.as_str().to_string())),
            ],
            hop: None,
        })
        .collect();
    let columns = ["Recipient", "Action", "Status", "Reason"]
        .map(|heading| column(heading, Align::Left, Narrow::InRow(0)))
        .to_vec();
    Some(Table {
        name: "recipients",
        columns,
        rows,
        boundary: None,
        end: None,
    })
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
/// message.
pub fn raw_headers(report: &Report) -> Vec<String> {
    let mut hops: Vec<&Hop> = report.hops.iter().collect();
    hops.sort_by_key(|h| h.header_index);
    hops.into_iter()
        .map(|h| format!("Received: {}", safe(&h.raw)))
        .collect()
}

/// The hop table's caption.
const HOPS: Caption = Caption {
    long: "Oldest first: hop 1 is the bottom Received header. Times are UTC; a negative delay means a wrong clock or a forged header.",
    short: "Oldest first: hop 1 is the bottom Received header. Times are UTC.",
    phrase: "oldest first (hop 1 is the bottom Received header)",
};

/// The raw headers' caption.
const RAW: Caption = Caption {
    long: "Newest first, as in the message.",
    short: "Newest first, as in the message.",
    phrase: "newest first, as in the message",
};

/// The report as a document, in this order: the summary; the route, the
/// timeline and the hops (when there are hops); DNS (when it ran); where it
/// stopped; the findings by severity (when there are any); the raw
/// headers (when there are hops).
pub fn document(report: &Report) -> Document {
    let mut summary = summary(report);
    summary.extend(outcome(report));
    let mut sections = vec![section("summary", "Summary", vec![Block::Fields(summary)])];
    if !report.hops.is_empty() {
        let route = Block::Route(route(report));
        sections.push(section("route", "Route", vec![route]));
        let timeline = Block::Timeline(timeline(report));
        sections.push(section("timeline", "Timeline", vec![timeline]));
        let hops = Block::Table(hop_table(report));
        sections.push(captioned(section("hops", "Hops", vec![hops]), HOPS));
    }
    sections.extend(dns_section(report));
    let mut stopped = vec![Block::Fields(stop(report))];
    stopped.extend(recipients(report).map(Block::Table));
    sections.push(section("stop", "Where it stopped", stopped));
    // After the stop: it explains a Junk folder or a quarantine.
    if auth_text::has_any(&report.auth) {
        sections.push(section(
            "auth",
            "Authentication and filtering",
            auth_blocks(report),
        ));
    }
    sections.extend(findings_section(report));
    let raw = raw_headers(report);
    if !raw.is_empty() {
        let lines = Preformatted {
            name: "raw",
            lines: raw,
        };
        let raw = section("raw", "Received headers", vec![Block::Preformatted(lines)]);
        sections.push(captioned(raw, RAW));
    }
    Document {
        title: "Mail trace",
        label: REPORT,
        name: input_name(report),
        verdict: verdict(report),
        sections,
    }
}

/// What the receiving side recorded, then what was checked now, under a
/// heading of its own so the two are never read as one.
fn auth_blocks(report: &Report) -> Vec<Block> {
    let mut blocks = Vec::new();
    let recorded = auth_text::fields(report);
    if !recorded.is_empty() {
        blocks.push(Block::Fields(recorded));
    }
    let now = checked_now_text::fields(report);
    if !now.is_empty() {
        blocks.push(Block::Subheading(Subheading {
            text: checked_now_text::HEADING,
            severity: None,
        }));
        blocks.push(Block::Fields(now));
    }
    blocks
}

fn section(id: &'static str, heading: &'static str, blocks: Vec<Block>) -> Section {
    Section {
        id,
        heading,
        caption: None,
        blocks,
    }
}

fn captioned(section: Section, caption: Caption) -> Section {
    Section {
        caption: Some(caption),
        ..section
    }
}

/// Who was asked, then a line per checked hop and the recipient domain's.
fn dns_section(report: &Report) -> Option<Section> {
    let dns = dns(report)?;
    let mut items: Vec<Item> = dns
        .hops
        .into_iter()
        .map(|(number, detail)| item(Some(format!("hop {number}")), None, detail))
        .collect();
    items.extend(dns.mx.map(|mx| item(None, None, mx)));
    let list = Block::List(List { name: "dns", items });
    Some(section(
        "dns",
        "DNS",
        vec![Block::Paragraph(dns.heading), list],
    ))
}

/// A heading and a list per severity, worst first.
fn findings_section(report: &Report) -> Option<Section> {
    let groups = findings_by_severity(report);
    if groups.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    for (severity, lines) in groups {
        blocks.push(Block::Subheading(Subheading {
            text: severity_heading(severity),
            severity: Some(severity),
        }));
        let items = lines
            .into_iter()
            .map(|f| Item {
                severity: Some(f.severity),
                ..item(Some(f.place), Some(f.code), f.message)
            })
            .collect();
        blocks.push(Block::List(List {
            name: "findings",
            items,
        }));
    }
    Some(section("findings", "Findings", blocks))
}

fn item(place: Option<String>, code: Option<&'static str>, text: String) -> Item {
    Item {
        place,
        code,
        text,
        severity: None,
    }
}
