//! `--format table`: the terminal view. One row per hop, oldest first, then
//! the transit time, the trustworthy hop, the verdict and the findings.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, presets};

use super::dns_text::{self, Mark};
use super::{Place, Renderer, Style, display_name};
use crate::chain::checks::human_duration;
use crate::chain::hop::Hop;
use crate::finding::Severity;
use crate::report::Report;
use crate::stop::{Stop, StopKind};
use crate::text::escape_controls;
use crate::trust::Trust;

pub struct Table {
    pub style: Style,
}

impl Renderer for Table {
    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()> {
        if place.several {
            if place.index > 0 {
                writeln!(out)?;
            }
            let heading = format!("== {} ==", escape_controls(&display_name(report)));
            writeln!(out, "{}", self.paint(&heading, "1"))?;
        }
        self.render_one(report, out)
    }
}

impl Table {
    fn render_one(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        if !report.hops.is_empty() {
            writeln!(out, "{}", self.hop_table(report))?;
        }
        if report.stop.is_report() {
            self.stopped_here(report, out)?;
        }
        for line in self.summary_lines(report) {
            writeln!(out, "{line}")?;
        }
        self.dns_details(report, out)?;
        self.findings(report, out)
    }

    fn hop_table(&self, report: &Report) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table.load_style(presets::UTF8_FULL.with_rounded_corners());
        if self.style.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        match self.style.width {
            Some(w) if w > 20 => {
                table.set_width(w);
                table.set_content_arrangement(ContentArrangement::Dynamic);
            }
            _ => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        // The DNS column appears only when DNS ran, so offline output stays as it was.
        let with_dns = report.dns.is_some();
        let mut header = vec![
            "#",
            "Time (UTC)",
            "Delay",
            "From (HELO / rDNS / IP)",
            "By",
            "With",
            "Trust",
        ];
        if with_dns {
            header.push("DNS");
        }
        header.push("Notes");
        table.set_header(
            header
                .into_iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
        for hop in &report.hops {
            let mut row = self.hop_row(hop);
            if with_dns {
                row.insert(row.len() - 1, dns_cell(hop));
            }
            table.add_row(row);
        }
        table
    }

    fn hop_row(&self, hop: &Hop) -> Vec<Cell> {
        let time = hop
            .timestamp
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "unknown".to_string());
        let delay = match hop.delay_seconds {
            Some(d) if d < 0 => Cell::new(human_duration(d))
                .fg(Color::Red)
                .add_attribute(Attribute::Bold),
            Some(d) => Cell::new(format!("+{}", human_duration(d))),
            None => Cell::new("—"),
        };
        let trust = match hop.trust {
            Trust::Trustworthy => Cell::new("✔ trustworthy")
                .fg(Color::Green)
                .add_attribute(Attribute::Bold),
            Trust::Internal => Cell::new("internal").fg(Color::Cyan),
            Trust::Unverified => Cell::new("unverified").fg(Color::DarkGrey),
        };
        let worst = hop.findings.iter().map(|f| f.severity).max();
        let notes = hop
            .findings
            .iter()
            .map(|f| format!("{} {}", severity_mark(f.severity), f.code.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        let notes = match worst {
            Some(Severity::Error) => Cell::new(notes).fg(Color::Red),
            Some(Severity::Warning) => Cell::new(notes).fg(Color::Yellow),
            _ => Cell::new(notes),
        };
        vec![
            Cell::new(hop.number),
            Cell::new(time),
            delay,
            Cell::new(sender_cell(hop)),
            Cell::new(receiver_cell(hop)),
            Cell::new(protocol_cell(hop)),
            trust,
            notes,
        ]
    }

    fn summary_lines(&self, report: &Report) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(total) = report.total_transit_seconds {
            lines.push(format!("Total transit: {}", human_duration(total)));
        }
        if let Some(hop) = report.trustworthy() {
            let ip = hop
                .from
                .ip
                .map(|ip| ip.to_string())
                .unwrap_or_else(|| "no IP recorded".to_string());
            let by = hop
                .by
                .host
                .as_deref()
                .map(|b| format!(", recorded by {}", escape_controls(b)))
                .unwrap_or_default();
            lines.push(format!(
                "Trustworthy hop: {} — sender IP {}{}",
                hop.number,
                self.paint(&ip, "1;32"),
                by
            ));
        }
        lines.push(format!(
            "Verdict: {}",
            self.paint(&escape_controls(&report.verdict), "1")
        ));
        lines
    }

    /// DNS details below the table: one line per hop, then the recipient domain.
    fn dns_details(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Some(dns) = &report.dns else {
            return Ok(());
        };
        writeln!(out, "{}", dns_text::heading(dns))?;
        for hop in &report.hops {
            if let Some(hop_dns) = &hop.dns {
                let place = format!("hop {}", hop.number);
                writeln!(out, "  {place:<8} {}", dns_text::detail(hop_dns))?;
            }
        }
        if let Some(mx) = &dns.mx {
            writeln!(out, "  {}", dns_text::mx_detail(mx))?;
        }
        Ok(())
    }

    fn findings(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut all: Vec<_> = report.all_findings().collect();
        if all.is_empty() {
            return Ok(());
        }
        all.sort_by_key(|(hop, f)| (std::cmp::Reverse(f.severity), hop.unwrap_or(0)));
        writeln!(out, "Findings:")?;
        for (hop, f) in all {
            let place = hop
                .map(|n| format!("hop {n}"))
                .unwrap_or_else(|| "message".to_string());
            let colour = match f.severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "2",
            };
            let label = format!("{} {}", severity_mark(f.severity), f.code.as_str());
            writeln!(
                out,
                "  {place:<8} {} {}",
                self.paint(&label, colour),
                escape_controls(&f.message)
            )?;
        }
        Ok(())
    }

    /// The "stopped here" block of a delivery report: who reported it,
    /// which server refused and how, why, and what to do; then one line
    /// per recipient when there are several.
    fn stopped_here(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let stop = &report.stop;
        let (label, colour) = match stop.kind {
            StopKind::Bounced => ("bounced", "1;31"),
            StopKind::Delayed => ("delayed", "1;33"),
            StopKind::Delivered => ("delivered", "1;32"),
            StopKind::Unknown => ("unknown", "1"),
        };
        writeln!(out, "Stopped here: {}", self.paint(label, colour))?;
        let mut table = self.plain_table();
        for (key, value) in stop_rows(stop) {
            table.add_row(vec![
                Cell::new(key).add_attribute(Attribute::Bold),
                Cell::new(escape_controls(&value)),
            ]);
        }
        writeln!(out, "{table}")?;
        if stop.recipients.len() > 1 {
            let mut table = self.plain_table();
            table.set_header(
                ["Recipient", "Action", "Status", "Reason"]
                    .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
            );
            for r in &stop.recipients {
                let show = |v: Option<String>| v.unwrap_or_else(|| "—".to_string());
                table.add_row(vec![
                    Cell::new(escape_controls(&show(r.address.clone()))),
                    Cell::new(show(r.action.map(|a| a.as_str().to_string()))),
                    Cell::new(show(r.status.map(|s| s.to_string()))),
                    Cell::new(show(r.reason.map(|s| s.as_str().to_string()))),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        Ok(())
    }

    /// A compact table in the report's style, fitted to the terminal when known.
    fn plain_table(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
        if self.style.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        match self.style.width {
            Some(w) if w > 20 => {
                table.set_width(w);
                table.set_content_arrangement(ContentArrangement::Dynamic);
            }
            _ => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table
    }

    /// Wraps text in an ANSI colour when colour is on.
    fn paint(&self, text: &str, sgr: &str) -> String {
        if self.style.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "·",
    }
}

/// HELO, rDNS and IP on separate lines, so a HELO that disagrees with the
/// rDNS the receiver saw stands out.
fn sender_cell(hop: &Hop) -> String {
    if hop.from.is_empty() {
        return match &hop.ident {
            Some(ident) => format!("local ({})", escape_controls(ident)),
            None => "(local)".to_string(),
        };
    }
    let mut lines = Vec::new();
    if let Some(helo) = &hop.from.helo {
        lines.push(format!("HELO {}", escape_controls(helo)));
    }
    match (&hop.from.rdns, hop.from.ip) {
        (Some(rdns), _) => lines.push(format!("rDNS {}", escape_controls(rdns))),
        (None, Some(_)) => lines.push("rDNS (none)".to_string()),
        _ => {}
    }
    if let Some(ip) = hop.from.ip {
        lines.push(format!("IP   {ip}"));
    }
    lines.join("\n")
}

fn dns_cell(hop: &Hop) -> Cell {
    let Some(dns) = &hop.dns else {
        return Cell::new("");
    };
    let (lines, worst) = dns_text::cell(dns);
    let cell = Cell::new(lines.join("\n"));
    match worst {
        Mark::Fail => cell.fg(Color::Red),
        Mark::Unknown => cell.fg(Color::Yellow),
        Mark::Pass => cell.fg(Color::Green),
    }
}

fn receiver_cell(hop: &Hop) -> String {
    let mut lines: Vec<String> = hop
        .by
        .host
        .iter()
        .map(|h| escape_controls(h).into_owned())
        .collect();
    lines.extend(hop.by.ip.map(|ip| ip.to_string()));
    if lines.is_empty() {
        "—".to_string()
    } else {
        lines.join("\n")
    }
}

fn protocol_cell(hop: &Hop) -> String {
    let mut lines: Vec<String> = hop
        .with
        .iter()
        .map(|w| escape_controls(w).into_owned())
        .collect();
    if let Some(tls) = &hop.tls {
        let version = tls.split_whitespace().next().unwrap_or(tls);
        lines.push(escape_controls(version).into_owned());
    }
    if hop.auth.is_some() {
        lines.push("auth".to_string());
    }
    lines.join("\n")
}

/// The rows of the "stopped here" block; unknown values are left out.
fn stop_rows(stop: &Stop) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    if let Some(r) = &stop.reporting_mta {
        rows.push(("Reported by", r.clone()));
    }
    if let Some(remote) = stop.remote_display() {
        rows.push(("Remote server", remote));
    }
    if let Some(code) = stop.reply_code {
        let meaning = stop.reply_meaning.as_deref().unwrap_or("");
        rows.push((
            "Reply code",
            format!("{code} {meaning}").trim_end().to_string(),
        ));
    }
    if let Some(status) = stop.status {
        let meaning = stop.status_meaning.as_deref().unwrap_or("");
        rows.push((
            "Status",
            format!("{status} {meaning}").trim_end().to_string(),
        ));
    }
    if let Some(stage) = stop.smtp_stage {
        rows.push(("SMTP stage", stage.describe().to_string()));
    }
    if let Some(d) = &stop.diagnostic {
        rows.push(("Diagnostic", d.clone()));
    }
    if let Some(until) = &stop.will_retry_until {
        rows.push(("Retried until", until.clone()));
    }
    if let Some(reason) = stop.reason {
        let name = reason.as_str();
        let text = if reason.label() == name.replace('-', " ") {
            name.to_string()
        } else {
            format!("{name} ({})", reason.label())
        };
        rows.push(("Reason", text));
    }
    if let Some(advice) = &stop.advice {
        rows.push(("Advice", advice.clone()));
    }
    rows
}
