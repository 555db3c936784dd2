//! `--format text`: plain ASCII, at most 80 columns, for tickets that take
//! only plain text and for e-mail. The same facts as every format
//! ([`super::facts`]): a block per hop instead of a wide table, long values
//! wrapped with a hanging indent.

use std::io::{self, Write};

use super::facts::{self, Field, HopRow};
use super::renderer::{Place, Renderer};
use crate::model::Report;
use crate::model::Trust;
use crate::text::{to_ascii, wrap, wrap_hanging};

/// The widest line written.
pub const WIDTH: usize = 80;

pub struct Text;

impl Renderer for Text {
    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()> {
        let mut w = Lines { out };
        if place.index > 0 {
            w.blank()?;
            w.line(&"=".repeat(WIDTH))?;
            w.blank()?;
        }
        render_one(report, &mut w)
    }
}

/// Every line goes through here: made ASCII, then wrapped to [`WIDTH`].
struct Lines<'a> {
    out: &'a mut dyn Write,
}

impl Lines<'_> {
    fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// One line, wrapped only if it does not fit.
    fn line(&mut self, s: &str) -> io::Result<()> {
        self.hanging("", 0, s)
    }

    /// `first` then `text`: as is when it fits, else wrapped with the
    /// continuation lines indented by `indent`.
    fn hanging(&mut self, first: &str, indent: usize, text: &str) -> io::Result<()> {
        let first = to_ascii(first);
        let text = to_ascii(text);
        let whole = format!("{first}{text}");
        if whole.len() <= WIDTH {
            return writeln!(self.out, "{}", whole.trim_end());
        }
        let indent = indent.min(WIDTH / 2);
        if first.len() + 10 > WIDTH {
            for line in wrap(&first, WIDTH) {
                writeln!(self.out, "{line}")?;
            }
            return self.hanging(&" ".repeat(indent), indent, &text);
        }
        let first_width = WIDTH - first.len();
        for (i, line) in wrap_hanging(&text, first_width, WIDTH - indent)
            .iter()
            .enumerate()
        {
            let lead = if i == 0 {
                first.to_string()
            } else {
                " ".repeat(indent)
            };
            writeln!(self.out, "{}", format!("{lead}{line}").trim_end())?;
        }
        Ok(())
    }

    fn heading(&mut self, title: &str) -> io::Result<()> {
        self.blank()?;
        self.line(title)?;
        self.line(&"-".repeat(title.len().min(WIDTH)))
    }

    fn fields(&mut self, fields: &[Field]) -> io::Result<()> {
        let width = fields.iter().map(|f| f.label.len() + 2).max().unwrap_or(0);
        for f in fields {
            let label = format!("{}:", f.label);
            self.hanging(&format!("{label:<width$}"), width, &f.value)?;
        }
        Ok(())
    }
}

fn render_one(report: &Report, w: &mut Lines<'_>) -> io::Result<()> {
    let title = format!("trace-path report: {}", facts::input_name(report));
    w.line(&title)?;
    w.line(&"=".repeat(to_ascii(&title).len().min(WIDTH)))?;
    w.blank()?;
    w.hanging("Verdict: ", 9, &facts::verdict(report))?;

    w.heading("Summary")?;
    let mut summary = facts::summary(report);
    summary.extend(facts::outcome(report));
    w.fields(&summary)?;

    if !report.hops.is_empty() {
        w.heading("Hops, oldest first (hop 1 is the bottom Received header)")?;
        w.line(&row_line("#", "Time (UTC)", "Delay", "Trust"))?;
        for row in facts::hop_rows(report) {
            hop_block(&row, w)?;
        }
    }

    if let Some(dns) = facts::dns(report) {
        w.heading("DNS")?;
        w.line(&dns.heading)?;
        for (number, detail) in dns.hops {
            w.hanging(&format!("  hop {number:<5}"), 11, &detail)?;
        }
        if let Some(mx) = dns.mx {
            w.hanging("  ", 4, &mx)?;
        }
    }

    w.heading("Where it stopped")?;
    w.fields(&facts::stop(report))?;
    for [address, rest @ ..] in facts::recipients(report) {
        w.hanging(&format!("  {address}: "), 4, &rest.join(", "))?;
    }

    let groups = facts::findings_by_severity(report);
    if !groups.is_empty() {
        w.heading("Findings")?;
        for (severity, lines) in groups {
            w.line(&format!("{}:", facts::severity_heading(severity)))?;
            for f in lines {
                w.hanging(&format!("  {:<9}", f.place), 11, f.code)?;
                w.hanging(&" ".repeat(11), 11, &f.message)?;
            }
        }
    }

    let raw = facts::raw_headers(report);
    if !raw.is_empty() {
        w.heading("Received headers, newest first, as in the message")?;
        for (_, header) in raw {
            w.hanging("", 4, &header)?;
        }
    }
    Ok(())
}

fn row_line(number: &str, time: &str, delay: &str, trust: &str) -> String {
    format!("{number:<5} {time:<20} {delay:<16} {trust}")
}

fn hop_block(row: &HopRow<'_>, w: &mut Lines<'_>) -> io::Result<()> {
    if row.trust == Trust::Trustworthy {
        w.hanging("---- ", 5, &format!("Trust boundary: {}", facts::BOUNDARY))?;
    }
    let mut delay = row.delay.text();
    if row.delay.is_negative() {
        delay.push_str(" (!)");
    }
    let trust = match row.trust {
        Trust::Trustworthy => "TRUSTWORTHY",
        other => other.as_str(),
    };
    w.line(&row_line(&row.number.to_string(), &row.time, &delay, trust))?;
    cell(w, "From", &row.from)?;
    cell(w, "By", &row.by)?;
    if !row.with.is_empty() {
        w.hanging("      With  ", 12, &row.with.join(", "))?;
    }
    if let Some(dns) = row.dns.as_ref().filter(|d| !d.lines.is_empty()) {
        w.hanging("      DNS   ", 12, &dns.lines.join(", "))?;
    }
    if !row.notes.is_empty() {
        let notes: Vec<String> = row
            .notes
            .iter()
            .map(|(severity, code)| format!("{code} ({})", severity.as_str()))
            .collect();
        w.hanging("      Notes ", 12, &notes.join(", "))?;
    }
    Ok(())
}

/// A multi-line cell: the label on the first line, one value per line.
fn cell(w: &mut Lines<'_>, label: &str, lines: &[String]) -> io::Result<()> {
    for (i, line) in lines.iter().enumerate() {
        let lead = if i == 0 {
            format!("      {label:<6}")
        } else {
            " ".repeat(12)
        };
        w.hanging(&lead, 12, line)?;
    }
    Ok(())
}
