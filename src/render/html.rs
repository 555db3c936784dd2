//! `--format html`: one self-contained page to attach to a ticket or print.
//! Inline CSS only (no script, font, image or anything else fetched; a
//! Content-Security-Policy forbids it too), light and dark by
//! `prefers-color-scheme`, light on paper. The document of
//! [`super::facts::document`] in HTML's primitives, with its timeline: one
//! bar per hop's delay, negative delays pointing the other way in hatched
//! red. Every value is HTML-escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::document::{
    Cell, Document, Field, List, Preformatted, Row, Section, Subheading, Table, Timeline,
};
use super::facts;
use super::markup::{self, Markup};
use super::renderer::{Place, Renderer};
use crate::dns::findings::Mark;
use crate::model::Report;

pub struct Html;

const STYLE: &str = include_str!("html.css");

impl Renderer for Html {
    fn begin(&self, several: bool, out: &mut dyn Write) -> io::Result<()> {
        let title = if several {
            format!("{}s", facts::REPORT)
        } else {
            facts::REPORT.to_string()
        };
        let mut head = String::new();
        head.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        head.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        head.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
        let _ = writeln!(head, "<title>{title}</title>");
        let _ = writeln!(head, "<style>\n{STYLE}</style>\n</head>\n<body>");
        out.write_all(head.as_bytes())
    }

    fn report(&self, report: &Report, _place: Place, out: &mut dyn Write) -> io::Result<()> {
        let mut page = Page(String::new());
        markup::write(&facts::document(report), &mut page)?;
        out.write_all(page.0.as_bytes())
    }

    fn end(&self, _several: bool, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"</body>\n</html>\n")
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One report as an `<article>`, built in memory and written at once.
struct Page(String);

/// Writing to a `String` cannot fail.
fn ok() -> io::Result<()> {
    Ok(())
}

impl Markup for Page {
    fn title(&mut self, doc: &Document) -> io::Result<()> {
        let _ = writeln!(
            self.0,
            "<article class=\"report\">\n<header>\n<h1>{}</h1>\n<p class=\"verdict\">{}</p>\n</header>",
            doc.title,
            esc(&doc.verdict)
        );
        ok()
    }

    fn heading(&mut self, section: &Section) -> io::Result<()> {
        let _ = writeln!(
            self.0,
            "<section id=\"{}\">\n<h2>{}</h2>",
            section.id, section.heading
        );
        if let Some(caption) = section.caption {
            self.paragraph(caption.short)?;
        }
        ok()
    }

    fn subheading(&mut self, subheading: &Subheading) -> io::Result<()> {
        let class = subheading.severity.map(|s| s.as_str()).unwrap_or_default();
        let _ = writeln!(self.0, "<h3 class=\"{class}\">{}</h3>", subheading.text);
        ok()
    }

    fn fields(&mut self, fields: &[Field]) -> io::Result<()> {
        self.0.push_str("<dl class=\"fields\">\n");
        for f in fields {
            let _ = writeln!(self.0, "<dt>{}</dt><dd>{}</dd>", f.label, esc(&f.value));
        }
        self.0.push_str("</dl>\n");
        ok()
    }

    fn table(&mut self, table: &Table) -> io::Result<()> {
        let _ = write!(self.0, "<table class=\"{}\">\n<thead><tr>", table.name);
        for column in &table.columns {
            let _ = write!(self.0, "<th>{}</th>", column.heading);
        }
        self.0.push_str("</tr></thead>\n<tbody>\n");
        for (i, row) in table.rows.iter().enumerate() {
            // The boundary separates unverified hops (above) from the rest;
            // with the trustworthy hop first there is nothing to separate.
            if let Some(b) = table.boundary.filter(|b| b.row == i && i > 0) {
                let _ = writeln!(
                    self.0,
                    "<tr class=\"boundary\"><td colspan=\"{}\">▲ {}: {}</td></tr>",
                    table.columns.len(),
                    b.label,
                    esc(b.text)
                );
            }
            self.row(row);
        }
        // Where the journey ended: its mark where a hop's number goes.
        if let Some(end) = &table.end {
            let _ = writeln!(
                self.0,
                "<tr class=\"end {}\"><td>{}</td><td colspan=\"{}\">{}</td></tr>",
                end.kind.as_str(),
                end.mark,
                table.columns.len().saturating_sub(1).max(1),
                esc(&end.text())
            );
        }
        self.0.push_str("</tbody>\n</table>\n");
        ok()
    }

    fn list(&mut self, list: &List) -> io::Result<()> {
        let _ = writeln!(self.0, "<ul class=\"{}\">", list.name);
        for item in &list.items {
            match item.severity {
                Some(severity) => {
                    let _ = write!(self.0, "<li class=\"{}\">", severity.as_str());
                }
                None => self.0.push_str("<li>"),
            }
            if let Some(place) = &item.place {
                let _ = write!(self.0, "<strong>{}</strong> ", esc(place));
            }
            if let Some(code) = item.code {
                let _ = write!(self.0, "<code>{code}</code> ");
            }
            let _ = writeln!(self.0, "{}</li>", esc(&item.text));
        }
        self.0.push_str("</ul>\n");
        ok()
    }

    fn paragraph(&mut self, text: &str) -> io::Result<()> {
        let _ = writeln!(self.0, "<p class=\"note\">{}</p>", esc(text));
        ok()
    }

    fn preformatted(&mut self, block: &Preformatted) -> io::Result<()> {
        let _ = write!(self.0, "<pre class=\"{}\">", block.name);
        // Block spans break the lines; a newline too would double them.
        for line in &block.lines {
            let _ = write!(self.0, "<span>{}</span>", esc(line));
        }
        self.0.push_str("</pre>\n");
        ok()
    }

    fn draws_charts(&self) -> bool {
        true
    }

    /// One bar per hop, to scale: positive delays to the right of the
    /// axis, negative ones to the left, hatched.
    fn timeline(&mut self, timeline: &Timeline) -> io::Result<()> {
        self.paragraph(&timeline.caption)?;
        let class = if timeline.negative {
            "timeline with-negative"
        } else {
            "timeline"
        };
        let _ = writeln!(
            self.0,
            "<div class=\"{class}\" role=\"img\" aria-label=\"Delays per hop\">"
        );
        for bar in &timeline.bars {
            let span = |class: &str, permille: u64| {
                format!(
                    "<span class=\"{class}\" style=\"width:{}.{}%\"></span>",
                    permille / 10,
                    permille % 10
                )
            };
            let (left, right) = match bar.permille {
                Some(p) if bar.delay.is_negative() => (span("bar negative", p), String::new()),
                Some(p) => (String::new(), span("bar", p)),
                None => (String::new(), String::new()),
            };
            let mark = bar.trust.mark.map(|m| format!(" {m}")).unwrap_or_default();
            let value_class = if bar.delay.is_negative() {
                "value negative"
            } else {
                "value"
            };
            let _ = writeln!(
                self.0,
                "<div class=\"tl-row {}\"><span class=\"label\">hop {}{mark}</span><span class=\"left\">{left}</span><span class=\"right\">{right}</span><span class=\"{value_class}\">{}</span></div>",
                bar.trust.trust.as_str(),
                bar.hop,
                esc(&bar.delay.text())
            );
        }
        self.0.push_str("</div>\n");
        ok()
    }

    fn end_section(&mut self, _section: &Section) -> io::Result<()> {
        self.0.push_str("</section>\n");
        ok()
    }

    fn end(&mut self, _doc: &Document) -> io::Result<()> {
        self.0.push_str("</article>\n");
        ok()
    }
}

impl Page {
    fn row(&mut self, row: &Row) {
        match row.hop {
            Some((number, trust)) => {
                let _ = write!(
                    self.0,
                    "<tr class=\"hop {}\" id=\"hop-{number}\">",
                    trust.as_str()
                );
            }
            None => self.0.push_str("<tr>"),
        }
        for c in &row.cells {
            self.0.push_str(&cell(c));
        }
        self.0.push_str("</tr>\n");
    }
}

/// A table cell, its class saying what it holds.
fn cell(cell: &Cell) -> String {
    let td = |class: &str, content: String| {
        if class.is_empty() {
            format!("<td>{content}</td>")
        } else {
            format!("<td class=\"{class}\">{content}</td>")
        }
    };
    match cell {
        Cell::Text(text) => td("", esc(text)),
        Cell::Time(text) => td("time", esc(text)),
        Cell::Delay(delay) => {
            let class = if delay.is_negative() { "negative" } else { "" };
            td(class, esc(&delay.text()))
        }
        Cell::Lines(l) => td("mono", lines(l)),
        Cell::Words(l) => td("", lines(l)),
        Cell::Trust(label) => td(
            "",
            format!(
                "<span class=\"badge {}\">{}</span>",
                label.trust.as_str(),
                esc(&label.text())
            ),
        ),
        Cell::Dns(dns) => {
            let class = match dns.worst {
                Some(Mark::Warn | Mark::Fail) => "dns fail",
                Some(Mark::Unknown) => "dns unknown",
                Some(Mark::Info) => "dns info",
                Some(Mark::Pass) => "dns pass",
                None => "dns",
            };
            td(class, lines(&dns.lines))
        }
        Cell::Notes(notes) => {
            let spans: Vec<String> = notes
                .iter()
                .map(|(severity, code)| {
                    format!(
                        "<span class=\"finding {}\">{} {code}</span>",
                        severity.as_str(),
                        facts::severity_mark(*severity)
                    )
                })
                .collect();
            td("", spans.join("<br>"))
        }
    }
}

fn lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| esc(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<img src=\"x\" onerror='y'> & co"),
            "&lt;img src=&quot;x&quot; onerror=&#39;y&#39;&gt; &amp; co"
        );
    }
}
