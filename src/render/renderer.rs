//! What every output format shares: the [`Renderer`] trait, the formats
//! users choose, where a report stands in a batch, and the terminal style.

use std::io::{self, Write};

use clap::ValueEnum;

use crate::model::Report;

/// Where a report stands in the output: batches are written one report at
/// a time, so a format that frames several reports (a JSON array, headings
/// per file) is told whether more than one report is coming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 0 for the first report written.
    pub index: usize,
    /// More than one report is written in all.
    pub several: bool,
}

/// One output format. Batches call `begin`, then `report` for each report
/// in input order, then `end`; [`Renderer::render`] does all three for a
/// list in memory.
pub trait Renderer {
    /// Writes what comes before the first report.
    fn begin(&self, _several: bool, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes one report.
    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()>;

    /// Writes what comes after the last report.
    fn end(&self, _several: bool, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes a whole list of reports.
    fn render(&self, reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
        let several = reports.len() > 1;
        self.begin(several, out)?;
        for (index, report) in reports.iter().enumerate() {
            self.report(report, Place { index, several }, out)?;
        }
        self.end(several, out)
    }
}

/// The name a report is shown under: the input name, and the message's
/// number for a message inside an mbox (`inbox.mbox #3`).
pub fn display_name(report: &Report) -> String {
    match report.input.position {
        Some(n) => format!("{} #{n}", report.input.name),
        None => report.input.name.clone(),
    }
}

/// The formats users can choose with `--format`. Each variant's doc comment
/// is its `--help` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal, fitted to its width (COLUMNS when set; 100 columns through a pipe).
    Table,
    /// Plain ASCII text, at most 80 columns, for e-mail and plain-text tickets.
    Text,
    /// Markdown (GitHub, GitLab, Jira) for support tickets.
    #[value(alias = "md")]
    Markdown,
    /// One JSON object (an array for several inputs).
    Json,
    /// One compact JSON object per line, per input.
    Jsonl,
    /// One self-contained HTML page with a timeline, to attach or print.
    Html,
}

impl Format {
    /// Every format, in `--help` order.
    pub fn all() -> &'static [Format] {
        Format::value_variants()
    }

    /// The name users give `--format` (`markdown`).
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    /// Whether the format writes the report document that
    /// [`super::facts::document`] lays out (the ticket formats); the
    /// terminal table and JSON have layouts of their own.
    pub fn is_document(self) -> bool {
        !matches!(self, Format::Table | Format::Json | Format::Jsonl)
    }
}

/// How the terminal looks, for the formats that care.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// The width to fit the table into, in columns; `None`: [`DEFAULT_WIDTH`].
    pub width: Option<u16>,
}

/// The width the table is fitted to when nothing says otherwise (output
/// to a pipe or a file, `COLUMNS` unset).
pub const DEFAULT_WIDTH: u16 = 100;

/// The table is never fitted to fewer columns than this.
pub const MIN_WIDTH: u16 = 20;

/// The width to fit the table to: `COLUMNS` when set to a number (even
/// when the output is a pipe), else the terminal's width (`None` when the
/// output is no terminal, or one that reports no width), else
/// [`DEFAULT_WIDTH`].
pub fn output_width(columns: Option<&str>, terminal: Option<u16>) -> u16 {
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .or(terminal)
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_then_the_terminal_then_a_default() {
        assert_eq!(output_width(Some("72"), Some(200)), 72);
        assert_eq!(output_width(Some(" 90 "), None), 90);
        assert_eq!(output_width(Some("wide"), Some(120)), 120);
        assert_eq!(output_width(None, Some(120)), 120);
        assert_eq!(output_width(None, None), DEFAULT_WIDTH);
        assert_eq!(output_width(Some("0"), None), DEFAULT_WIDTH);
        assert_eq!(output_width(None, Some(0)), DEFAULT_WIDTH);
    }
}
