//! Output formats, one file each behind [`Renderer`]. Renderers format the
//! report model and decide nothing: every fact comes from [`Report`].

mod dns_text;
mod json;
mod table;

use std::io::{self, Write};

use crate::report::Report;

pub use json::{Json, JsonLines};
pub use table::Table;

/// One output format.
pub trait Renderer {
    /// Writes the reports, in input order.
    fn render(&self, reports: &[Report], out: &mut dyn Write) -> io::Result<()>;
}

/// The formats users can choose with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
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
pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(Table { style }),
        Format::Json => Box::new(Json),
        Format::Jsonl => Box::new(JsonLines),
    }
}
