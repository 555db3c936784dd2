//! `--format table`: the terminal view. One row per hop, oldest first (a
//! grid, or a block per hop when the terminal is narrow: [`layout`]), then
//! the transit time, the trustworthy hop, the verdict and the findings,
//! every line fitted to the terminal's width.

use std::io::{self, Write};

use super::document;
use super::facts;
use super::layout;
use super::renderer::{DEFAULT_WIDTH, MIN_WIDTH, Place, Renderer, Style};
use crate::model::Report;
use crate::model::StopKind;
use crate::text::{fill, glue};

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
            for line in fill(&heading, self.width(), "", "   ") {
                writeln!(out, "{}", self.paint(&line, "1"))?;
            }
        }
        self.render_one(report, out)
    }
}

impl Table {
    /// The width to fit: the style's, else [`DEFAULT_WIDTH`]; never less
    /// than [`MIN_WIDTH`].
    fn width(&self) -> usize {
        usize::from(self.style.width.unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH))
    }

    fn render_one(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        if !report.hops.is_empty() {
            for line in self.hop_table(report) {
                writeln!(out, "{line}")?;
            }
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

    /// The hops as a grid, or a block per hop when the terminal is too
    /// narrow for one (see [`layout`]).
    fn hop_table(&self, report: &Report) -> Vec<String> {
        // The DNS column appears only when DNS ran, so offline output stays as it was.
        let table = facts::hop_table(report);
        layout::hop_list(&table, self.width(), self.style.color)
    }

    /// DNS details below the table: one line per hop, then the recipient domain.
    fn dns_details(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let Some(dns) = facts::dns(report) else {
            return Ok(());
        };
        self.prose(out, "", "  ", &dns.heading)?;
        for (number, detail) in dns.hops {
            let place = format!("  {:<8} ", format!("hop {number}"));
            self.prose(out, &place, INDENT, &detail)?;
        }
        if let Some(mx) = dns.mx {
            self.prose(out, "  ", "    ", &mx)?;
        }
        Ok(())
    }

    fn summary_lines(&self, report: &Report) -> Vec<String> {
        let width = self.width();
        let mut lines = Vec::new();
        if let Some(total) = facts::total_transit(report) {
            lines.extend(fill(&format!("Total transit: {total}"), width, "", "  "));
        }
        if let Some(t) = facts::trustworthy(report) {
            let by =
                t.by.as_ref()
                    .map(|b| format!(", recorded by {b}"))
                    .unwrap_or_default();
            let text = format!("{} — {}{}", t.number, t.sender(), by);
            let mut wrapped = fill(&text, width, "Trustworthy hop: ", "  ");
            if let Some(ip) = &t.ip {
                self.paint_word(&mut wrapped, ip, "1;32");
            }
            lines.extend(wrapped);
        }
        if let Some(auth) = super::auth_text::line(report) {
            let label = "Authentication: ";
            lines.extend(fill(&auth, width, label, &" ".repeat(label.len())));
        }
        if let Some(now) = super::checked_now_text::line(report) {
            let label = "Checked now: ";
            lines.extend(fill(&now, width, label, &" ".repeat(label.len())));
        }
        let label = "Verdict: ";
        let indent = " ".repeat(label.len());
        for line in fill(&facts::verdict(report), width, label, &indent) {
            // The verdict in bold, not its label.
            let (lead, text) = match line.strip_prefix(label) {
                Some(text) => (label, text),
                None => match line.strip_prefix(indent.as_str()) {
                    Some(text) => (indent.as_str(), text),
                    None => ("", line.as_str()),
                },
            };
            lines.push(format!("{lead}{}", self.paint(text, "1")));
        }
        lines
    }

    fn findings(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let all = facts::findings(report);
        if all.is_empty() {
            return Ok(());
        }
        writeln!(out, "Findings:")?;
        for f in all {
            let label = format!("{} {}", facts::severity_mark(f.severity), f.code);
            let place = format!("  {:<8} ", f.place);
            let text = format!("{} {}", glue(&label), f.message);
            let mut lines = fill(&text, self.width(), &place, INDENT);
            if let Some(sgr) = layout::severity_sgr(f.severity) {
                self.paint_word(&mut lines, &label, sgr);
            }
            for line in lines {
                writeln!(out, "{line}")?;
            }
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
        let rows = facts::stop_rows(report);
        let label_width = rows.iter().map(|f| f.label.len()).max().unwrap_or(0);
        let indent = " ".repeat(label_width + 4);
        for f in rows {
            let lead = format!("  {}{}  ", f.label, " ".repeat(label_width - f.label.len()));
            let mut lines = fill(&f.value, self.width(), &lead, &indent);
            if let Some(first) = lines.first_mut()
                && let Some(value) = first.strip_prefix(lead.as_str())
            {
                let bold = self.paint(f.label, "1");
                let gap = &lead[2 + f.label.len()..];
                *first = format!("  {bold}{gap}{value}");
            }
            for line in lines {
                writeln!(out, "{line}")?;
            }
        }
        if let Some(recipients) = facts::recipients(report) {
            match layout::plain_grid(&recipients, self.width(), self.style.color) {
                Some(lines) => {
                    for line in lines {
                        writeln!(out, "{line}")?;
                    }
                }
                None => {
                    for row in &recipients.rows {
                        let cells: Vec<String> = row.cells.iter().map(plain).collect();
                        if let [first, rest @ ..] = cells.as_slice() {
                            self.prose(out, &format!("  {first}: "), "    ", &rest.join(", "))?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Prose wrapped to the width: `first` before the first line, `indent`
    /// before the others.
    fn prose(&self, out: &mut dyn Write, first: &str, indent: &str, text: &str) -> io::Result<()> {
        for line in fill(text, self.width(), first, indent) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// Paints the first whole occurrence of `word` in wrapped lines.
    fn paint_word(&self, lines: &mut [String], word: &str, sgr: &'static str) {
        if !self.style.color {
            return;
        }
        if let Some(line) = lines.iter_mut().find(|l| l.contains(word)) {
            *line = line.replacen(word, &self.paint(word, sgr), 1);
        }
    }

    /// Wraps text in an ANSI colour when colour is on.
    fn paint(&self, text: &str, sgr: &'static str) -> String {
        layout::paint(text, Some(sgr), self.style.color)
    }
}

/// Where wrapped lines of a hop's DNS details and findings go on.
const INDENT: &str = "           ";

/// A recipient's cell as text.
fn plain(cell: &document::Cell) -> String {
    match cell {
        document::Cell::Text(text) => text.clone(),
        _ => String::new(),
    }
}
