//! `--format text`: plain ASCII, at most 80 columns, for tickets that take
//! only plain text and for e-mail: the document of
//! [`super::facts::document`] in plain text's primitives, a block per hop
//! instead of a wide table, long values wrapped with a hanging indent.

use std::io::{self, Write};

use super::document::{
    Cell, Column, Delay, Document, Field, List, Narrow, Preformatted, Row, Section, Subheading,
    Table,
};
use super::facts;
use super::markup::{self, Markup};
use super::renderer::{Place, Renderer};
use crate::model::Report;
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
        markup::write(&facts::document(report), &mut w)
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

    /// A block's label on its first line (`      From  `), the block's
    /// lines after it, indented alike.
    fn labelled(&mut self, label: &str, lines: &[String]) -> io::Result<()> {
        for (i, line) in lines.iter().enumerate() {
            let lead = if i == 0 {
                format!("      {label:<6}")
            } else {
                " ".repeat(12)
            };
            self.hanging(&lead, 12, line)?;
        }
        Ok(())
    }

    /// A row's cells that stay on its line, each padded to its column.
    fn row_line(&mut self, table: &Table, cells: &[String]) -> io::Result<()> {
        let padded: Vec<String> = table
            .columns
            .iter()
            .zip(cells)
            .filter_map(|(column, cell)| match column.narrow {
                Narrow::InRow(width) => Some(format!("{cell:<width$}")),
                Narrow::Below(_) => None,
            })
            .collect();
        self.line(&padded.join(" "))
    }

    /// A wide table as a block per row: the cells that fit on the row's
    /// line, then each other cell on lines of its own, labelled.
    fn blocks(&mut self, table: &Table) -> io::Result<()> {
        let headings: Vec<String> = table.columns.iter().map(|c| c.heading.into()).collect();
        self.row_line(table, &headings)?;
        for (i, row) in table.rows.iter().enumerate() {
            if let Some(b) = table.boundary.filter(|b| b.row == i) {
                self.hanging("---- ", 5, &format!("{}: {}", b.label, b.text))?;
            }
            self.block(table, row)?;
        }
        // Where the journey ended, its mark where a hop's number goes.
        if let Some(end) = &table.end {
            let mark = to_ascii(end.mark);
            self.hanging(&format!("{mark:<5} "), 6, &end.text())?;
        }
        Ok(())
    }

    fn block(&mut self, table: &Table, row: &Row) -> io::Result<()> {
        let cells: Vec<String> = row.cells.iter().map(inline).collect();
        self.row_line(table, &cells)?;
        for (column, cell) in table.columns.iter().zip(&row.cells) {
            let Narrow::Below(label) = column.narrow else {
                continue;
            };
            match cell {
                Cell::Lines(lines) => self.labelled(label, lines)?,
                cell => {
                    let text = inline(cell);
                    if !text.is_empty() {
                        self.labelled(label, &[text])?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// A cell on one line.
fn inline(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) | Cell::Time(text) => text.clone(),
        Cell::Delay(delay) if delay.is_negative() => {
            format!("{} ({})", delay.text(), Delay::NEGATIVE)
        }
        Cell::Delay(delay) => delay.text(),
        Cell::Lines(lines) | Cell::Words(lines) => lines.join(", "),
        // No bold in plain text: capitals, and no mark.
        Cell::Trust(label) if label.strong => label.words.to_uppercase(),
        Cell::Trust(label) => label.text(),
        Cell::Dns(dns) => dns.lines.join(", "),
        Cell::Notes(notes) => notes
            .iter()
            .map(|(severity, code)| format!("{code} ({})", severity.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Plain text's primitives: a heading underlined, blocks under it with no
/// blank line between, every line made ASCII and wrapped to [`WIDTH`].
impl Markup for Lines<'_> {
    fn title(&mut self, doc: &Document) -> io::Result<()> {
        let title = format!("{}: {}", doc.label, doc.name);
        self.line(&title)?;
        self.line(&"=".repeat(to_ascii(&title).len().min(WIDTH)))?;
        self.blank()?;
        self.hanging("Verdict: ", 9, &doc.verdict)
    }

    fn heading(&mut self, section: &Section) -> io::Result<()> {
        let heading = match section.caption {
            Some(caption) => format!("{}, {}", section.heading, caption.phrase),
            None => section.heading.to_string(),
        };
        self.blank()?;
        self.line(&heading)?;
        self.line(&"-".repeat(heading.len().min(WIDTH)))
    }

    fn subheading(&mut self, subheading: &Subheading) -> io::Result<()> {
        self.line(&format!("{}:", subheading.text))
    }

    fn fields(&mut self, fields: &[Field]) -> io::Result<()> {
        let width = fields.iter().map(|f| f.label.len() + 2).max().unwrap_or(0);
        for f in fields {
            let label = format!("{}:", f.label);
            self.hanging(&format!("{label:<width$}"), width, &f.value)?;
        }
        Ok(())
    }

    /// A table with columns that go below their row (the hops) as a block
    /// per row; a narrow one (the recipients) as a line per row, its
    /// first cell as the label.
    fn table(&mut self, table: &Table) -> io::Result<()> {
        let below = |c: &Column| matches!(c.narrow, Narrow::Below(_));
        if table.columns.iter().any(below) {
            return self.blocks(table);
        }
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(inline).collect();
            if let [first, rest @ ..] = cells.as_slice() {
                self.hanging(&format!("  {first}: "), 4, &rest.join(", "))?;
            }
        }
        Ok(())
    }

    /// Each item after its place (`  hop 3    `); a finding's code
    /// there, its text below.
    fn list(&mut self, list: &List) -> io::Result<()> {
        for item in &list.items {
            let Some(place) = &item.place else {
                let text = match item.code {
                    Some(code) => format!("{code}: {}", item.text),
                    None => item.text.clone(),
                };
                self.hanging("  ", 4, &text)?;
                continue;
            };
            let lead = format!("  {place:<9}");
            match item.code {
                Some(code) => {
                    self.hanging(&lead, 11, code)?;
                    self.hanging(&" ".repeat(11), 11, &item.text)?;
                }
                None => self.hanging(&lead, 11, &item.text)?,
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, text: &str) -> io::Result<()> {
        self.line(text)
    }

    fn preformatted(&mut self, block: &Preformatted) -> io::Result<()> {
        for line in &block.lines {
            self.hanging("", 4, line)?;
        }
        Ok(())
    }
}
