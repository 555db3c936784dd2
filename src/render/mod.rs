//! Output formats, one file each behind [`Renderer`]. Renderers format the
//! report model and decide nothing: every fact comes from [`Report`], and
//! the facts every format shows are chosen once, in [`facts`].

pub mod facts;
mod html;
mod json;
mod markdown;
mod table;
mod text;

use std::io::{self, Write};

use crate::report::Report;

pub use html::Html;
pub use json::{Json, JsonLines};
pub use markdown::Markdown;
pub use table::Table;
pub use text::Text;

/// One output format.
pub trait Renderer {
    /// Writes the reports, in input order.
    fn render(&self, reports: &[Report], out: &mut dyn Write) -> io::Result<()>;
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
pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(Table { style }),
        Format::Text => Box::new(Text),
        Format::Markdown => Box::new(Markdown),
        Format::Json => Box::new(Json),
        Format::Jsonl => Box::new(JsonLines),
        Format::Html => Box::new(Html),
    }
}
