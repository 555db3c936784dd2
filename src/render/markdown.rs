//! `--format markdown`: a report to paste into a support ticket (GitHub,
//! GitLab, Jira and other Markdown editors): the document of
//! [`super::facts::document`] in Markdown's primitives, the raw Received
//! headers in a fenced block. Every message-derived value is escaped so it
//! cannot break the table or turn into markup, links or mentions.

use std::io::{self, Write};

use super::document::{
    Align, Cell, Delay, Document, Field, List, Narrow, Preformatted, Section, Subheading, Table,
};
use super::facts;
use super::markup::{self, Markup};
use super::renderer::{Place, Renderer};
use crate::model::Report;

pub struct Markdown;

impl Renderer for Markdown {
    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()> {
        if place.index > 0 {
            writeln!(out, "\n---\n")?;
        }
        markup::write(&facts::document(report), &mut Page { out })
    }
}

/// Markdown's primitives: blocks apart by a blank line, message-derived
/// text escaped, our own words (headings, labels, places, codes) as they are.
struct Page<'a> {
    out: &'a mut dyn Write,
}

impl Markup for Page<'_> {
    fn title(&mut self, doc: &Document) -> io::Result<()> {
        writeln!(self.out, "# {}: {}", doc.title, escape(&doc.verdict))
    }

    fn heading(&mut self, section: &Section) -> io::Result<()> {
        writeln!(self.out, "\n## {}", section.heading)?;
        if let Some(caption) = section.caption {
            writeln!(self.out, "\n{}", caption.long)?;
        }
        Ok(())
    }

    fn subheading(&mut self, subheading: &Subheading) -> io::Result<()> {
        writeln!(self.out, "\n### {}", subheading.text)
    }

    fn fields(&mut self, fields: &[Field]) -> io::Result<()> {
        writeln!(self.out)?;
        for f in fields {
            writeln!(self.out, "- **{}:** {}", f.label, escape(&f.value))?;
        }
        Ok(())
    }

    fn table(&mut self, table: &Table) -> io::Result<()> {
        let headings: Vec<&str> = table.columns.iter().map(|c| c.heading).collect();
        writeln!(self.out, "\n| {} |", headings.join(" | "))?;
        let align: Vec<&str> = table
            .columns
            .iter()
            .map(|c| match c.align {
                Align::Right => "--:",
                Align::Left => "---",
            })
            .collect();
        writeln!(self.out, "|{}|", align.join("|"))?;
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(cell).collect();
            writeln!(self.out, "| {} |", cells.join(" | "))?;
        }
        // Where the journey ended: its mark where a hop's number goes,
        // its words in the sender's column (no cell spans in Markdown).
        if let Some(end) = &table.end {
            let mut cells = vec![String::new(); table.columns.len()];
            let at = table
                .columns
                .iter()
                .position(|c| matches!(c.narrow, Narrow::Below(_)))
                .unwrap_or(cells.len() - 1);
            cells[0] = end.mark.to_string();
            cells[at] = format!("**{}**", escape(&end.text()));
            writeln!(self.out, "| {} |", cells.join(" | "))?;
        }
        if let Some(b) = table.boundary {
            writeln!(
                self.out,
                "\n**{}** above hop {}: {}",
                b.label, b.hop, b.text
            )?;
        }
        Ok(())
    }

    fn list(&mut self, list: &List) -> io::Result<()> {
        writeln!(self.out)?;
        for item in &list.items {
            let text = escape(&item.text);
            match (&item.place, item.code) {
                (Some(place), Some(code)) => writeln!(self.out, "- **{place}** `{code}`: {text}")?,
                (Some(place), None) => writeln!(self.out, "- **{place}:** {text}")?,
                (None, Some(code)) => writeln!(self.out, "- `{code}`: {text}")?,
                (None, None) => writeln!(self.out, "- {text}")?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "\n{}", escape(text))
    }

    /// A fenced block, with a fence longer than any run of backticks
    /// inside, so nothing can close it early.
    fn preformatted(&mut self, block: &Preformatted) -> io::Result<()> {
        let longest_run = block
            .lines
            .iter()
            .flat_map(|l| l.split(|c| c != '`'))
            .map(str::len)
            .max()
            .unwrap_or(0);
        let fence = "`".repeat((longest_run + 1).max(3));
        writeln!(self.out, "\n{fence}text")?;
        for line in &block.lines {
            writeln!(self.out, "{line}")?;
        }
        writeln!(self.out, "{fence}")
    }
}

fn cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) | Cell::Time(text) => escape(text),
        Cell::Delay(delay) if delay.is_negative() => {
            format!("**{}** {}", escape(&delay.text()), Delay::NEGATIVE)
        }
        Cell::Delay(delay) => escape(&delay.text()),
        Cell::Lines(lines) | Cell::Words(lines) => one_line(lines),
        Cell::Trust(label) if label.strong => format!("**{}**", label.text()),
        Cell::Trust(label) => label.text(),
        Cell::Dns(dns) => one_line(&dns.lines),
        Cell::Notes(notes) => notes
            .iter()
            .map(|(severity, code)| format!("{} `{code}`", facts::severity_mark(*severity)))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A multi-line cell on one line (Markdown table cells cannot hold line
/// breaks that every editor understands).
fn one_line(lines: &[String]) -> String {
    let joined = lines
        .iter()
        .map(|l| crate::words::collapse_whitespace(l))
        .collect::<Vec<_>>()
        .join("; ");
    escape(&joined)
}

/// Escapes text for Markdown: every character that could start markup, a
/// table cell, a link, an HTML tag, an entity, math or a mention gets a
/// backslash (CommonMark allows one before any ASCII punctuation).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut previous = ' ';
    for c in s.chars() {
        let mention = c == '@' && !(previous.is_alphanumeric() || "._-+".contains(previous));
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#'
        ) || mention
        {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_break_a_table_or_become_markup() {
        assert_eq!(escape("a|b`c"), "a\\|b\\`c");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape("*_~&$#"), "\\*\\_\\~\\&\\$\\#");
        assert_eq!(escape("alice@example.org"), "alice@example.org");
        assert_eq!(escape("hi @team"), "hi \\@team");
        assert_eq!(escape("mx.example.com"), "mx.example.com");
    }
}
