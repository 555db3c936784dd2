//! The primitives a ticket format implements, and the one walk over the
//! document that calls them ([`write`]): a format says how a heading, a
//! field list, a table, a list, a paragraph or preformatted text looks,
//! never what the report holds or in which order.

use std::io;

use super::document::{
    Block, Document, Field, List, Preformatted, Route, Section, Subheading, Table, Timeline,
};

pub trait Markup {
    /// The document's start: its title, the input's name, the verdict.
    fn title(&mut self, doc: &Document) -> io::Result<()>;
    /// A section's heading, with its caption.
    fn heading(&mut self, section: &Section) -> io::Result<()>;
    fn subheading(&mut self, subheading: &Subheading) -> io::Result<()>;
    fn fields(&mut self, fields: &[Field]) -> io::Result<()>;
    fn table(&mut self, table: &Table) -> io::Result<()>;
    fn list(&mut self, list: &List) -> io::Result<()>;
    fn paragraph(&mut self, text: &str) -> io::Result<()>;
    fn preformatted(&mut self, block: &Preformatted) -> io::Result<()>;

    /// Whether the format draws charts; without, sections holding one
    /// are left out.
    fn draws_charts(&self) -> bool {
        false
    }

    fn timeline(&mut self, _timeline: &Timeline) -> io::Result<()> {
        Ok(())
    }

    fn route(&mut self, _route: &Route) -> io::Result<()> {
        Ok(())
    }

    /// After a section's last block.
    fn end_section(&mut self, _section: &Section) -> io::Result<()> {
        Ok(())
    }

    /// After the last section.
    fn end(&mut self, _doc: &Document) -> io::Result<()> {
        Ok(())
    }
}

/// Writes a document with a format's primitives.
pub fn write(doc: &Document, markup: &mut impl Markup) -> io::Result<()> {
    markup.title(doc)?;
    for section in &doc.sections {
        if !markup.draws_charts() && section.blocks.iter().any(Block::is_chart) {
            continue;
        }
        markup.heading(section)?;
        for block in &section.blocks {
            match block {
                Block::Fields(fields) => markup.fields(fields)?,
                Block::Table(table) => markup.table(table)?,
                Block::Subheading(subheading) => markup.subheading(subheading)?,
                Block::List(list) => markup.list(list)?,
                Block::Paragraph(text) => markup.paragraph(text)?,
                Block::Preformatted(block) => markup.preformatted(block)?,
                Block::Timeline(timeline) => markup.timeline(timeline)?,
                Block::Route(route) => markup.route(route)?,
            }
        }
        markup.end_section(section)?;
    }
    markup.end(doc)
}
