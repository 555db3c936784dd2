//! `--format table`: the terminal view. One row per hop, oldest first, then
//! the transit time, the trustworthy hop, the verdict and the findings.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, presets};

use super::document::{self, Delay, TrustLabel};
use super::facts;
use super::renderer::{Place, Renderer, Style};
use crate::dns::findings::Mark;
use crate::model::Report;
use crate::model::Severity;
use crate::model::StopKind;
use crate::model::Trust;

pub struct Table {
    pub style: Style,
}

impl Renderer for Table {
    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()> {
        if place.several {
            if place.index > 0 {
                writeln!(out)?;
            }
            let heading = format!("== {} ==", facts::input_name(report));
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
        self.fit(&mut table);
        // The DNS column appears only when DNS ran, so offline output stays as it was.
        fill(&mut table, &facts::hop_table(report));
        table
    }

    /// DNS details below the table: one line per hop, then the recipient domain.
    fn dns_details(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Some(dns) = facts::dns(report) else {
            return Ok(());
        };
        writeln!(out, "{}", dns.heading)?;
        for (number, detail) in dns.hops {
            let place = format!("hop {number}");
            writeln!(out, "  {place:<8} {detail}")?;
        }
        if let Some(mx) = dns.mx {
            writeln!(out, "  {mx}")?;
        }
        Ok(())
    }

    fn summary_lines(&self, report: &Report) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(total) = facts::total_transit(report) {
            lines.push(format!("Total transit: {total}"));
        }
        if let Some(t) = facts::trustworthy(report) {
            let by =
                t.by.map(|b| format!(", recorded by {b}"))
                    .unwrap_or_default();
            lines.push(format!(
                "Trustworthy hop: {} — sender IP {}{}",
                t.number,
                self.paint(&t.ip, "1;32"),
                by
            ));
        }
        if let Some(auth) = super::auth_text::line(report) {
            lines.push(format!("Authentication: {auth}"));
        }
        lines.push(format!(
            "Verdict: {}",
            self.paint(&facts::verdict(report), "1")
        ));
        lines
    }

    fn findings(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let all = facts::findings(report);
        if all.is_empty() {
            return Ok(());
        }
        writeln!(out, "Findings:")?;
        for f in all {
            let colour = match f.severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "2",
            };
            let label = format!("{} {}", facts::severity_mark(f.severity), f.code);
            writeln!(
                out,
                "  {:<8} {} {}",
                f.place,
                self.paint(&label, colour),
                f.message
            )?;
        }
        Ok(())
    }

    /// The "stopped here" block of a delivery report: who reported it,
    /// which server refused and how, why, and what to do; then one line
    /// per recipient when there are several.
    fn stopped_here(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let colour = match report.stop.kind {
            StopKind::Bounced => "1;31",
            StopKind::Delayed => "1;33",
            StopKind::Delivered => "1;32",
            StopKind::Unknown => "1",
        };
        let label = facts::stop_kind(report.stop.kind);
        writeln!(out, "Stopped here: {}", self.paint(label, colour))?;
        let mut table = self.plain_table();
        for f in facts::stop_rows(report) {
            table.add_row(vec![
                Cell::new(f.label).add_attribute(Attribute::Bold),
                Cell::new(f.value),
            ]);
        }
        writeln!(out, "{table}")?;
        if let Some(recipients) = facts::recipients(report) {
            let mut table = self.plain_table();
            fill(&mut table, &recipients);
            writeln!(out, "{table}")?;
        }
        Ok(())
    }

    /// A compact table in the report's style, fitted to the terminal when known.
    fn plain_table(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
        self.fit(&mut table);
        table
    }

    /// Colour and width as the terminal allows.
    fn fit(&self, table: &mut comfy_table::Table) {
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

/// A table of the document: headings in bold, then the rows.
fn fill(table: &mut comfy_table::Table, from: &document::Table) {
    let headings = from.columns.iter().map(|c| c.heading);
    table.set_header(headings.map(|h| Cell::new(h).add_attribute(Attribute::Bold)));
    for row in &from.rows {
        table.add_row(row.cells.iter().map(cell));
    }
}

/// A cell of the document's tables, coloured by what it says.
fn cell(cell: &document::Cell) -> Cell {
    use document::Cell as C;
    match cell {
        C::Text(text) | C::Time(text) => Cell::new(text),
        C::Delay(delay) => delay_cell(*delay),
        C::Lines(lines) | C::Words(lines) => Cell::new(lines.join("\n")),
        C::Trust(label) => trust_cell(*label),
        C::Dns(dns) => {
            let cell = Cell::new(dns.lines.join("\n"));
            match dns.worst {
                Some(Mark::Warn | Mark::Fail) => cell.fg(Color::Red),
                Some(Mark::Unknown) => cell.fg(Color::Yellow),
                Some(Mark::Pass) => cell.fg(Color::Green),
                Some(Mark::Info) | None => cell,
            }
        }
        C::Notes(notes) => {
            let text = notes
                .iter()
                .map(|(severity, code)| format!("{} {code}", facts::severity_mark(*severity)))
                .collect::<Vec<_>>()
                .join("\n");
            match notes.iter().map(|(s, _)| *s).max() {
                Some(Severity::Error) => Cell::new(text).fg(Color::Red),
                Some(Severity::Warning) => Cell::new(text).fg(Color::Yellow),
                _ => Cell::new(text),
            }
        }
    }
}

fn delay_cell(delay: Delay) -> Cell {
    let cell = Cell::new(delay.text());
    if delay.is_negative() {
        cell.fg(Color::Red).add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn trust_cell(label: TrustLabel) -> Cell {
    let cell = Cell::new(label.text());
    match label.trust {
        Trust::Trustworthy => cell.fg(Color::Green).add_attribute(Attribute::Bold),
        Trust::Internal => cell.fg(Color::Cyan),
        Trust::Unverified => cell.fg(Color::DarkGrey),
    }
}
