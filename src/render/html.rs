//! `--format html`: one self-contained page to attach to a ticket or print.
//! Inline CSS only (no script, font, image or anything else fetched; a
//! Content-Security-Policy forbids it too), light and dark by
//! `prefers-color-scheme`, light on paper. The document of
//! [`super::facts::document`] in HTML's primitives, with its charts: the
//! route as an inline SVG picture (a box per machine, an arrow per hop, the
//! trust boundary across the path, the end of the journey at the bottom),
//! and the timeline, one bar per hop's delay, negative delays pointing the
//! other way in hatched red. Every value is HTML-escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::document::{
    Cell, Document, Field, List, Preformatted, Row, Section, Subheading, Table, Timeline,
};
use super::document::{End, Leg, Machine, Route, Step};
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

    /// The route as an inline SVG, drawn top to bottom; its colours come
    /// from the page's CSS (light, dark, print).
    fn route(&mut self, route: &Route) -> io::Result<()> {
        self.paragraph(&route.caption)?;
        let mut svg = Svg::default();
        for step in &route.steps {
            match step {
                Step::Machine(machine) => svg.machine(machine),
                Step::Hop(leg) => svg.leg(leg),
                Step::Break => svg.chain_break(),
            }
        }
        if let Some(end) = &route.end {
            svg.end(end);
        }
        let height = svg.y + svg::PAD;
        let _ = writeln!(
            self.0,
            "<svg class=\"route\" role=\"img\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\">\n<title>{}</title>\n{}</svg>",
            esc(&route.caption),
            svg.body,
            w = svg::WIDTH,
        );
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

/// The route's geometry, in SVG user units (px at full size).
mod svg {
    pub const WIDTH: u32 = 720;
    /// Space above the first box and below the last.
    pub const PAD: u32 = 12;
    /// The boxes' left edge, width and centre (where the arrows run).
    pub const BOX_X: u32 = 40;
    pub const BOX_W: u32 = 440;
    pub const CX: u32 = BOX_X + BOX_W / 2;
    pub const MACHINE_H: u32 = 44;
    pub const SMALL_H: u32 = 26;
    pub const LEG_H: u32 = 60;
    pub const SMALL_LEG_H: u32 = 36;
    pub const BREAK_H: u32 = 40;
    /// Characters that fit in a box at 13 px (monospace), in a hop's
    /// label at 12 px: beyond, the text is squeezed to fit.
    pub const BOX_CHARS: usize = 54;
    pub const LABEL_CHARS: usize = 44;
}

/// The SVG's elements, drawn downwards from `y`.
#[derive(Default)]
struct Svg {
    body: String,
    y: u32,
}

impl Svg {
    /// A text element, squeezed to `chars` characters' width when longer.
    fn text(&mut self, class: &str, x: u32, y: u32, anchor: &str, text: &str, chars: usize) {
        let fit = if crate::text::display_width(text) > chars {
            // 12-13 px monospace: about 7.5 px a character.
            format!(
                " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
                chars * 15 / 2
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\"{fit}>{}</text>",
            esc(text)
        );
    }

    /// An arrow straight down the path, from `y1` to its head at `y2`.
    fn arrow(&mut self, y1: u32, y2: u32) {
        let cx = svg::CX;
        let _ = writeln!(
            self.body,
            "<line x1=\"{cx}\" y1=\"{y1}\" x2=\"{cx}\" y2=\"{}\"/><polygon points=\"{},{} {},{} {cx},{y2}\"/>",
            y2 - 7,
            cx - 5,
            y2 - 8,
            cx + 5,
            y2 - 8,
        );
    }

    fn machine(&mut self, m: &Machine) {
        if self.y == 0 {
            self.y = svg::PAD;
        }
        let mut class = String::from("machine");
        for (on, name) in [(m.outside, " outside"), (m.small, " small")] {
            if on {
                class.push_str(name);
            }
        }
        let h = if m.small {
            svg::SMALL_H
        } else {
            svg::MACHINE_H
        };
        let _ = writeln!(
            self.body,
            "<g class=\"{class}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{h}\" rx=\"6\"/>",
            svg::BOX_X,
            self.y,
            svg::BOX_W
        );
        if m.small {
            let text = match &m.ip {
                Some(ip) => format!("{} · {ip}", m.name),
                None => m.name.clone(),
            };
            self.text(
                "name",
                svg::CX,
                self.y + 17,
                "middle",
                &text,
                svg::BOX_CHARS + 8,
            );
        } else if let Some(ip) = &m.ip {
            self.text(
                "name",
                svg::CX,
                self.y + 18,
                "middle",
                &m.name,
                svg::BOX_CHARS,
            );
            self.text("ip", svg::CX, self.y + 36, "middle", ip, svg::BOX_CHARS);
        } else {
            self.text(
                "name",
                svg::CX,
                self.y + 27,
                "middle",
                &m.name,
                svg::BOX_CHARS,
            );
        }
        self.body.push_str("</g>\n");
        self.y += h;
    }

    fn leg(&mut self, leg: &Leg) {
        let mut class = format!("leg {}", leg.trust.trust.as_str());
        for (on, name) in [(leg.outside, " outside"), (leg.small, " small")] {
            if on {
                class.push_str(name);
            }
        }
        match leg.tls {
            Some(true) => class.push_str(" tls"),
            Some(false) => class.push_str(" cleartext"),
            None => {}
        }
        let h = match (leg.small, leg.boundary) {
            (true, _) => svg::SMALL_LEG_H,
            // Room below the labels for the boundary line.
            (false, true) => svg::LEG_H + 14,
            (false, false) => svg::LEG_H,
        };
        let (top, bottom) = (self.y, self.y + h);
        let _ = writeln!(self.body, "<g class=\"{class}\">");
        self.arrow(top, bottom);
        let x = svg::CX + 14;
        self.text(
            "label",
            x,
            top + if leg.small { 22 } else { 24 },
            "start",
            &leg.label,
            svg::LABEL_CHARS,
        );
        if !leg.small {
            let right = svg::WIDTH - 12;
            let trust = leg.trust.text();
            let class = format!("trust {}", leg.trust.trust.as_str());
            self.text(&class, right, top + 24, "end", &trust, 16);
            if let Some(ip) = &leg.from_ip {
                let (class, text) = if leg.verified {
                    (
                        "from verified",
                        format!("from {ip} ✔ recorded by your server"),
                    )
                } else {
                    ("from", format!("from {ip}"))
                };
                self.text(class, x, top + 40, "start", &text, svg::LABEL_CHARS);
            }
            if !leg.notes.is_empty() {
                let notes: Vec<String> = leg
                    .notes
                    .iter()
                    .map(|(severity, code)| format!("{} {code}", facts::severity_mark(*severity)))
                    .collect();
                let worst = leg.notes.iter().map(|(s, _)| *s).max();
                let class = format!("note {}", worst.map(|s| s.as_str()).unwrap_or_default());
                self.text(&class, right, top + 40, "end", &notes.join("  "), 24);
            }
        }
        self.body.push_str("</g>\n");
        if leg.boundary {
            // Across the whole path, through this hop's arrow.
            let y = top + h - 14;
            let _ = writeln!(
                self.body,
                "<g class=\"boundary\"><line x1=\"8\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
                svg::WIDTH - 8
            );
            self.text(
                "",
                svg::WIDTH - 12,
                y - 6,
                "end",
                "trust boundary: outside claims above",
                40,
            );
            self.body.push_str("</g>\n");
        }
        self.y = bottom;
    }

    fn chain_break(&mut self) {
        let (top, bottom) = (self.y, self.y + svg::BREAK_H);
        let _ = writeln!(
            self.body,
            "<g class=\"break\"><line x1=\"{cx}\" y1=\"{top}\" x2=\"{cx}\" y2=\"{bottom}\"/>",
            cx = svg::CX
        );
        self.text(
            "label",
            svg::CX + 14,
            top + 25,
            "start",
            "⚠ chain break: the next sender is not this machine",
            60,
        );
        self.body.push_str("</g>\n");
        self.y = bottom;
    }

    /// The end of the journey: an arrow to a box saying where it stopped.
    fn end(&mut self, end: &End) {
        let top = self.y;
        let box_top = top + svg::SMALL_LEG_H;
        let _ = writeln!(self.body, "<g class=\"end {}\">", end.kind.as_str());
        self.arrow(top, box_top);
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{box_top}\" width=\"{}\" height=\"{}\" rx=\"6\"/>",
            svg::BOX_X,
            svg::BOX_W,
            svg::MACHINE_H
        );
        match &end.host {
            Some(host) => {
                let head = format!("{} {host}", end.mark);
                self.text(
                    "name",
                    svg::CX,
                    box_top + 18,
                    "middle",
                    &head,
                    svg::BOX_CHARS,
                );
                self.text(
                    "what",
                    svg::CX,
                    box_top + 36,
                    "middle",
                    &end.what,
                    svg::BOX_CHARS,
                );
            }
            None => {
                let line = format!("{} {}", end.mark, end.what);
                self.text(
                    "name",
                    svg::CX,
                    box_top + 27,
                    "middle",
                    &line,
                    svg::BOX_CHARS,
                );
            }
        }
        self.body.push_str("</g>\n");
        self.y = box_top + svg::MACHINE_H;
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
