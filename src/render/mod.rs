//! Output formats, one file each behind [`Renderer`]. Renderers format the
//! report model and decide nothing: every fact comes from [`Report`], and
//! the facts every format shows are chosen once, in [`facts`].

mod dns_text;
pub mod facts;
mod html;
mod json;
mod markdown;
mod summary;
mod table;
mod text;

use std::io::{self, Write};

use crate::report::Report;

pub use html::Html;
pub use json::{Json, JsonLines};
pub use markdown::Markdown;
pub use summary::write_summary;
pub use table::Table;
pub use text::Text;

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

/// The formats users can choose with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Text,
    Markdown,
    Json,
    Jsonl,
    Html,
}

impl Format {
    /// Every format, for tests and fuzzing.
    pub const ALL: [Format; 6] = [
        Format::Table,
        Format::Text,
        Format::Markdown,
        Format::Json,
        Format::Jsonl,
        Format::Html,
    ];
}

/// How the terminal looks, for the formats that care.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// Terminal width to fit the table into; `None` means no wrapping.
    pub width: Option<u16>,
}

/// The renderer for a format.
pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer + Send + Sync> {
    match format {
        Format::Table => Box::new(Table { style }),
        Format::Text => Box::new(Text),
        Format::Markdown => Box::new(Markdown),
        Format::Json => Box::new(Json),
        Format::Jsonl => Box::new(JsonLines),
        Format::Html => Box::new(Html),
    }
}
