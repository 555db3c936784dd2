//! Output formats, one file each behind [`Renderer`]. Renderers format the
//! report model and decide nothing: every fact comes from [`Report`](crate::model::Report), and
//! the facts every format shows are chosen once, in [`facts`], which lays
//! them out as one [`document`]. The ticket formats (Markdown, text, HTML)
//! implement only the primitives of [`markup::Markup`]; the terminal table
//! and JSON have layouts of their own.

mod auth_text;
mod checked_now_text;
mod dns_text;
pub mod document;
pub mod facts;
mod html;
mod json;
mod layout;
mod markdown;
pub mod markup;
mod renderer;
mod summary;
mod table;
mod text;

pub use html::Html;
pub use json::{Json, JsonLines};
pub use markdown::Markdown;
pub use renderer::{
    DEFAULT_WIDTH, Format, MIN_WIDTH, Place, Renderer, Style, display_name, output_width,
};
pub use summary::write_summary;
pub use table::Table;
pub use text::Text;

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
