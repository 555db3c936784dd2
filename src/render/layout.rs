//! `--format table`'s hop list fitted to the terminal's width: a grid when
//! its columns fit side by side, else a block of lines per hop (stacked,
//! as `-f text` does). Nothing that must be read whole is ever cut: an IP
//! address, a host name with its label (`HELO`, `IP`), a date, a time, a
//! delay, a protocol, a trust label, a finding code.
//!
//! The grid leaves out columns empty in every row and shows the date once,
//! above it, when every hop is on one day. When it is too wide, the notes
//! move under the trust label, then the receiver under the sender, then
//! the DNS marks under the trust label; when even that does not fit, the
//! hops are stacked.

use super::document::{Align, Cell, DnsCell, Table, TrustLabel};
use super::facts;
use crate::dns::findings::Mark;
use crate::model::{Severity, StopKind, Trust};
use crate::text::{display_width, fill, glue, outdent};

/// An ANSI SGR code for a piece of text (`1;32`: bold green).
pub type Sgr = Option<&'static str>;

/// `text` in colour when colour is on.
pub fn paint(text: &str, sgr: Sgr, color: bool) -> String {
    match sgr {
        Some(sgr) if color && !text.is_empty() => format!("\x1b[{sgr}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}

/// The hop list as lines of at most `width` columns (a word longer than
/// that stands alone on its line): a caption when there is one, then the
/// grid or the stacked blocks, the table's end as the last row.
pub fn hop_list(table: &Table, width: usize, color: bool) -> Vec<String> {
    let day = one_day(table);
    let columns: Vec<Column> = columns(table, day.is_some())
        .into_iter()
        .filter(|c| c.cells.iter().any(|cell| !cell.is_empty()))
        .collect();
    let end = table.end.as_ref().map(|end| EndLine {
        mark: end.mark,
        text: end.text(),
        sgr: Some(match end.kind {
            StopKind::Bounced => "1;31",
            StopKind::Delayed => "1;33",
            StopKind::Delivered => "1;32",
            StopKind::Unknown => "1",
        }),
    });
    let list = List {
        columns: &columns,
        boundary: table.boundary.map(|b| b.row),
        end: end.as_ref(),
        width,
        color,
    };
    // The grid as it is, then narrower, a step at a time.
    let steps = [merge_notes, merge_receiver, merge_dns];
    let mut grid = columns.clone();
    for k in 0..=steps.len() {
        if let Some(widths) = fit(&grid, width) {
            let mut lines: Vec<String> = day
                .map(|d| format!("All hops on {d} (UTC)."))
                .into_iter()
                .collect();
            lines.extend(list.grid(&grid, &widths));
            return lines;
        }
        if let Some(step) = steps.get(k) {
            grid = step(grid);
        }
    }
    let caption = match day {
        Some(d) => format!("Oldest hop first; all on {d}, times in UTC."),
        None => "Oldest hop first; times in UTC.".to_string(),
    };
    let mut lines = fill(&caption, width, "", "");
    lines.extend(list.stacked());
    lines
}

/// A table of short values (the recipients of a bounce) as a grid, if it
/// fits in `width`.
pub fn plain_grid(table: &Table, width: usize, color: bool) -> Option<Vec<String>> {
    let columns = columns(table, false);
    let widths = fit(&columns, width)?;
    let list = List {
        columns: &columns,
        boundary: None,
        end: None,
        width,
        color,
    };
    Some(list.grid(&columns, &widths))
}

/// The end row as drawn: its mark, its words, its colour.
struct EndLine {
    mark: &'static str,
    text: String,
    sgr: Sgr,
}

/// What a column holds, from the kind of its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Number,
    Time,
    Delay,
    From,
    By,
    With,
    Trust,
    Dns,
    Notes,
}

/// One line of a cell: parts that may go on lines of their own are apart
/// by plain spaces, what must stay whole is [`glue`]d; a line that wraps
/// goes on after `indent`.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    indent: &'static str,
    sgr: Sgr,
}

impl Line {
    fn new(text: String, sgr: Sgr) -> Line {
        Line {
            text,
            indent: "",
            sgr,
        }
    }

    /// A line that must stay whole.
    fn whole(text: &str, sgr: Sgr) -> Line {
        Line::new(glue(text), sgr)
    }
}

#[derive(Debug, Clone)]
struct Column {
    role: Role,
    heading: &'static str,
    /// The heading when the column is narrower than it (`From`).
    short: &'static str,
    align: Align,
    cells: Vec<Vec<Line>>,
}

/// The day every hop's time falls on, when they all do (and at least one
/// is known): the grid then shows it once, above, and times alone.
fn one_day(table: &Table) -> Option<String> {
    let mut day: Option<&str> = None;
    for row in &table.rows {
        for cell in &row.cells {
            let Cell::Time(time) = cell else { continue };
            let (date, _) = time.split_once(' ')?;
            match day {
                Some(d) if d != date => return None,
                _ => day = Some(date),
            }
        }
    }
    day.map(str::to_string)
}

/// The table's columns with their cells as lines, times without their
/// date when `one_day`.
fn columns(table: &Table, one_day: bool) -> Vec<Column> {
    let mut lines_seen = 0;
    table
        .columns
        .iter()
        .enumerate()
        .map(|(j, column)| {
            let first = table.rows.first().and_then(|r| r.cells.get(j));
            let role = match first {
                Some(Cell::Time(_)) => Role::Time,
                Some(Cell::Delay(_)) => Role::Delay,
                Some(Cell::Lines(_)) => {
                    lines_seen += 1;
                    if lines_seen == 1 {
                        Role::From
                    } else {
                        Role::By
                    }
                }
                Some(Cell::Words(_)) => Role::With,
                Some(Cell::Trust(_)) => Role::Trust,
                Some(Cell::Dns(_)) => Role::Dns,
                Some(Cell::Notes(_)) => Role::Notes,
                Some(Cell::Text(_)) | None => Role::Number,
            };
            let cells = table
                .rows
                .iter()
                .map(|row| {
                    row.cells
                        .get(j)
                        .map(|c| cell(c, one_day))
                        .unwrap_or_default()
                })
                .collect();
            Column {
                role,
                heading: column.heading,
                short: column.heading.split(" (").next().unwrap_or(column.heading),
                align: column.align,
                cells,
            }
        })
        .collect()
}

/// A cell as lines, coloured by what it says.
fn cell(cell: &Cell, one_day: bool) -> Vec<Line> {
    match cell {
        Cell::Text(text) => vec![Line::whole(text, None)],
        // Date and time may go on two lines, never cut.
        Cell::Time(text) => {
            let time = match text.split_once(' ') {
                Some((_, time)) if one_day => time,
                _ => text,
            };
            vec![Line::new(time.to_string(), None)]
        }
        Cell::Delay(delay) => {
            let sgr = delay.is_negative().then_some("1;31");
            vec![Line::whole(&delay.text(), sgr)]
        }
        Cell::Lines(lines) | Cell::Words(lines) => {
            lines.iter().map(|l| Line::whole(l, None)).collect()
        }
        Cell::Trust(label) => vec![Line::whole(&label.text(), trust_sgr(*label))],
        Cell::Dns(dns) => {
            let sgr = dns_sgr(dns);
            dns.lines.iter().map(|l| Line::whole(l, sgr)).collect()
        }
        Cell::Notes(notes) => notes
            .iter()
            .map(|(severity, code)| {
                let text = format!("{} {code}", facts::severity_mark(*severity));
                Line::whole(&text, severity_sgr(*severity))
            })
            .collect(),
    }
}

fn trust_sgr(label: TrustLabel) -> Sgr {
    Some(match label.trust {
        Trust::Trustworthy => "1;32",
        Trust::Internal => "36",
        Trust::Unverified => "90",
    })
}

fn dns_sgr(dns: &DnsCell) -> Sgr {
    match dns.worst {
        Some(Mark::Warn | Mark::Fail) => Some("31"),
        Some(Mark::Unknown) => Some("33"),
        Some(Mark::Pass) => Some("32"),
        Some(Mark::Info) | None => None,
    }
}

/// The colour of a finding of this severity, here and below the table.
pub fn severity_sgr(severity: Severity) -> Sgr {
    match severity {
        Severity::Error => Some("31"),
        Severity::Warning => Some("33"),
        Severity::Info => Some("2"),
    }
}

/// The words of a line, apart (each must stay whole).
fn words(line: &Line) -> impl Iterator<Item = &str> {
    line.text.split(' ').filter(|w| !w.is_empty())
}

impl Column {
    fn lines(&self) -> impl Iterator<Item = &Line> {
        self.cells.iter().flatten()
    }

    /// The narrowest the column can be: its longest word (or line's
    /// indent and word), its short heading.
    fn least(&self) -> usize {
        let words = self.lines().flat_map(|l| {
            let indent = display_width(l.indent);
            words(l)
                .enumerate()
                .map(move |(i, w)| display_width(w) + if i > 0 { indent } else { 0 })
        });
        words.chain([display_width(self.short)]).max().unwrap_or(1)
    }

    /// As wide as its longest line and its heading.
    fn natural(&self) -> usize {
        let lines = self.lines().map(|l| display_width(&l.text));
        lines
            .chain([display_width(self.heading)])
            .max()
            .unwrap_or(1)
    }
}

/// The grid's width with these column widths: each column padded by a
/// space either side, a rule between and around them.
fn grid_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + 3 * widths.len() + 1
}

/// Column widths for a grid within `width`, if it fits: every column as
/// wide as it likes when that fits, else the room left goes to the
/// sender and receiver first.
fn fit(columns: &[Column], width: usize) -> Option<Vec<usize>> {
    let natural: Vec<usize> = columns.iter().map(Column::natural).collect();
    if grid_width(&natural) <= width {
        return Some(natural);
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::least).collect();
    let mut room = width.checked_sub(grid_width(&widths))?;
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&j| match columns[j].role {
        Role::From | Role::By => 0,
        Role::Time => 1,
        _ => 2,
    });
    for j in order {
        let more = natural[j].saturating_sub(widths[j]).min(room);
        widths[j] += more;
        room -= more;
    }
    Some(widths)
}

/// Moves one column's lines under another's first `after` lines (all
/// when it has fewer), in every row, and drops the column.
fn merge(
    mut columns: Vec<Column>,
    from: Role,
    into: Role,
    after: usize,
    map: fn(&[Line]) -> Vec<Line>,
) -> Vec<Column> {
    let (Some(src), Some(dst)) = (
        columns.iter().position(|c| c.role == from),
        columns.iter().position(|c| c.role == into),
    ) else {
        return columns;
    };
    let moved = columns.remove(src);
    let dst = if src < dst { dst - 1 } else { dst };
    for (cell, extra) in columns[dst].cells.iter_mut().zip(moved.cells) {
        let at = after.min(cell.len());
        cell.splice(at..at, map(&extra));
    }
    columns
}

/// The notes under the trust label.
fn merge_notes(columns: Vec<Column>) -> Vec<Column> {
    merge(
        columns,
        Role::Notes,
        Role::Trust,
        usize::MAX,
        <[Line]>::to_vec,
    )
}

/// The DNS marks under the trust label, above the notes.
fn merge_dns(columns: Vec<Column>) -> Vec<Column> {
    merge(columns, Role::Dns, Role::Trust, 1, <[Line]>::to_vec)
}

/// The receiver under the sender: `by   host [ip]` (the IP on a line of
/// its own when the column is narrow).
fn merge_receiver(columns: Vec<Column>) -> Vec<Column> {
    let mut columns = merge(columns, Role::By, Role::From, usize::MAX, |lines| {
        receiver_line(lines).into_iter().collect()
    });
    if let Some(from) = columns.iter_mut().find(|c| c.role == Role::From) {
        from.heading = "From (HELO / rDNS / IP) → By";
        from.short = "From → By";
    }
    columns
}

/// A receiver's lines (name, IP) as one line labelled like the sender's
/// (`by   mx.example.net [192.0.2.9]`); none when it is unknown.
fn receiver_line(lines: &[Line]) -> Option<Line> {
    let parts: Vec<&str> = lines
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| *t != super::document::NONE)
        .collect();
    let text = match parts.as_slice() {
        [] => return None,
        [one] => format!("by\u{a0}\u{a0}\u{a0}{one}"),
        [host, ip, ..] => format!("by\u{a0}\u{a0}\u{a0}{host} [{ip}]"),
    };
    Some(Line {
        text,
        indent: "     ",
        sgr: None,
    })
}

/// What the grid and the blocks are drawn from.
struct List<'a> {
    columns: &'a [Column],
    boundary: Option<usize>,
    end: Option<&'a EndLine>,
    width: usize,
    color: bool,
}

/// The rules of the grid (rounded corners, dashed lines between cells).
const TOP: [&str; 4] = ["╭", "─", "┬", "╮"];
const HEAD: [&str; 4] = ["╞", "═", "╪", "╡"];
const BETWEEN: [&str; 4] = ["├", "╌", "┼", "┤"];
const BOUNDARY: [&str; 4] = ["┝", "━", "┿", "┥"];
const BOTTOM: [&str; 4] = ["╰", "─", "┴", "╯"];

/// What the trust boundary line says, where it has room.
const BOUNDARY_LABEL: &str = " trust boundary ";

impl List<'_> {
    fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.cells.len())
    }

    fn grid(&self, columns: &[Column], widths: &[usize]) -> Vec<String> {
        let mut out = vec![rule(TOP, widths, None)];
        let headings: Vec<Vec<String>> = columns
            .iter()
            .zip(widths)
            .map(|(c, &w)| {
                let heading = if display_width(c.heading) <= w {
                    c.heading
                } else {
                    c.short
                };
                vec![paint(heading, Some("1"), self.color)]
            })
            .collect();
        out.extend(self.grid_row(&headings, widths, &vec![Align::Left; widths.len()]));
        out.push(rule(HEAD, widths, None));
        // Numbers to the right; everything else (a delay's `—` too) to the left.
        let aligns: Vec<Align> = columns
            .iter()
            .map(|c| match c.role {
                Role::Number => c.align,
                _ => Align::Left,
            })
            .collect();
        let widest = (0..widths.len()).max_by_key(|&j| widths[j]);
        for i in 0..self.rows() {
            if i > 0 {
                if self.boundary == Some(i) {
                    let label = widest.map(|j| (j, BOUNDARY_LABEL));
                    out.push(paint(
                        &rule(BOUNDARY, widths, label),
                        Some("32"),
                        self.color,
                    ));
                } else {
                    out.push(rule(BETWEEN, widths, None));
                }
            }
            let cells: Vec<Vec<String>> = columns
                .iter()
                .zip(widths)
                .map(|(c, &w)| {
                    c.cells[i]
                        .iter()
                        .flat_map(|line| {
                            fill(&line.text, w, "", line.indent)
                                .into_iter()
                                .map(|l| paint(&l, line.sgr, self.color))
                        })
                        .collect()
                })
                .collect();
            out.extend(self.grid_row(&cells, widths, &aligns));
        }
        match self.end {
            Some(end) => out.extend(self.grid_end(end, widths)),
            None => out.push(rule(BOTTOM, widths, None)),
        }
        out
    }

    /// One row of cells (each already lines no wider than its column).
    fn grid_row(&self, cells: &[Vec<String>], widths: &[usize], aligns: &[Align]) -> Vec<String> {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..height)
            .map(|k| {
                let mut line = String::from("│");
                for (j, (cell, &w)) in cells.iter().zip(widths).enumerate() {
                    let text = cell.get(k).map(String::as_str).unwrap_or("");
                    let pad = " ".repeat(w.saturating_sub(display_width(text)));
                    let sep = if j + 1 == widths.len() { "│" } else { "┆" };
                    match aligns[j] {
                        Align::Left => line.push_str(&format!(" {text}{pad} {sep}")),
                        Align::Right => line.push_str(&format!(" {pad}{text} {sep}")),
                    }
                }
                line
            })
            .collect()
    }

    /// The end row: its mark in the number column, its words across the
    /// others.
    fn grid_end(&self, end: &EndLine, widths: &[usize]) -> Vec<String> {
        let first = widths[0];
        let span = grid_width(widths) - first - 7;
        let mut out = Vec::new();
        let mut rule_line = format!("├{}┼", "╌".repeat(first + 2));
        for (j, w) in widths.iter().enumerate().skip(1) {
            rule_line.push_str(&"╌".repeat(w + 2));
            rule_line.push_str(if j + 1 == widths.len() { "┤" } else { "┴" });
        }
        out.push(rule_line);
        for (k, text) in fill(&end.text, span, "", "  ").iter().enumerate() {
            let mark = if k == 0 { end.mark } else { "" };
            let mark_pad = " ".repeat(first.saturating_sub(display_width(mark)));
            let pad = " ".repeat(span.saturating_sub(display_width(text)));
            out.push(format!(
                "│ {mark_pad}{} ┆ {}{pad} │",
                paint(mark, end.sgr, self.color),
                paint(text, end.sgr, self.color)
            ));
        }
        out.push(format!(
            "╰{}┴{}╯",
            "─".repeat(first + 2),
            "─".repeat(span + 2)
        ));
        out
    }

    fn column(&self, role: Role) -> Option<&Column> {
        self.columns.iter().find(|c| c.role == role)
    }

    /// The lines of one cell, if the column is shown.
    fn cell(&self, role: Role, row: usize) -> &[Line] {
        self.column(role).map_or(&[], |c| &c.cells[row])
    }

    /// A block per hop: its number, time, delay, protocol and trust on
    /// the first line; under it the sender's lines, the receiver, the DNS
    /// marks and the notes, behind a rule that runs down the hop list.
    fn stacked(&self) -> Vec<String> {
        let numbers = self.column(Role::Number);
        let number_width = numbers
            .map(|c| c.lines().map(|l| display_width(&l.text)).max().unwrap_or(1))
            .unwrap_or(1)
            .max(1);
        let indent = number_width + 2;
        let gutter = format!(
            "{}{}  ",
            " ".repeat(number_width - 1),
            paint("│", Some("2"), self.color)
        );
        let room = self.width.saturating_sub(indent).max(1);
        let mut out = Vec::new();
        for i in 0..self.rows() {
            if self.boundary == Some(i) {
                let rest = self.width.saturating_sub(2 + BOUNDARY_LABEL.len());
                let line = format!("━━{BOUNDARY_LABEL}{}", "━".repeat(rest));
                out.push(paint(&line, Some("32"), self.color));
            }
            // The first line: number, time, delay, protocol, trust.
            let number = self
                .cell(Role::Number, i)
                .first()
                .map_or("", |l| l.text.as_str());
            let mut head: Vec<String> = Vec::new();
            let mut paints: Vec<(String, Sgr)> = Vec::new();
            for role in [Role::Time, Role::Delay, Role::With, Role::Trust] {
                let lines = self.cell(role, i);
                if lines.is_empty() {
                    continue;
                }
                let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
                head.push(text.join(" "));
                for line in lines.iter().filter(|l| l.sgr.is_some()) {
                    paints.push((line.text.replace(crate::text::GLUE, " "), line.sgr));
                }
            }
            let head = fill(&head.join("  "), room, "", "");
            for (k, line) in head.iter().enumerate() {
                let mut line = line.clone();
                for (text, sgr) in &paints {
                    if let Some(at) = line.find(text.as_str()) {
                        let painted = paint(text, *sgr, self.color);
                        line.replace_range(at..at + text.len(), &painted);
                    }
                }
                if k == 0 {
                    let pad = " ".repeat(number_width - display_width(number).min(number_width));
                    out.push(format!(
                        "{pad}{}  {line}",
                        paint(number, Some("1"), self.color)
                    ));
                } else {
                    out.push(format!("{gutter}{line}"));
                }
            }
            // Then the evidence, a line each.
            let mut body: Vec<Line> = self.cell(Role::From, i).to_vec();
            body.extend(receiver_line(self.cell(Role::By, i)));
            for (role, label) in [(Role::Dns, "DNS  "), (Role::Notes, "")] {
                let lines = self.cell(role, i);
                if lines.is_empty() {
                    continue;
                }
                let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
                let sgr = lines.iter().find_map(|l| l.sgr);
                body.push(Line {
                    text: format!("{}{}", glue(label), text.join("  ")),
                    indent: if label.is_empty() { "" } else { "     " },
                    sgr,
                });
            }
            for line in &body {
                for text in fill(&line.text, room, "", line.indent) {
                    if display_width(&text) > room {
                        let text = outdent(text.trim_start(), self.width);
                        out.push(paint(&text, line.sgr, self.color));
                    } else {
                        out.push(format!("{gutter}{}", paint(&text, line.sgr, self.color)));
                    }
                }
            }
        }
        if let Some(end) = self.end {
            let blank = " ".repeat(indent);
            for (k, text) in fill(&end.text, room, "", "").iter().enumerate() {
                let text = paint(text, end.sgr, self.color);
                if k == 0 {
                    let pad = " ".repeat(number_width - display_width(end.mark).min(number_width));
                    out.push(format!(
                        "{pad}{}  {text}",
                        paint(end.mark, end.sgr, self.color)
                    ));
                } else {
                    out.push(format!("{blank}{text}"));
                }
            }
        }
        out
    }
}

/// A horizontal rule of the grid: `[left, line, joint, right]`, with a
/// label in one column's stretch when it has room.
fn rule(parts: [&str; 4], widths: &[usize], label: Option<(usize, &str)>) -> String {
    let [left, line, joint, right] = parts;
    let mut out = String::from(left);
    for (j, &w) in widths.iter().enumerate() {
        match label {
            Some((at, text)) if at == j && w + 2 >= display_width(text) + 2 => {
                out.push_str(line);
                out.push_str(text);
                out.push_str(&line.repeat(w + 1 - display_width(text)));
            }
            _ => out.push_str(&line.repeat(w + 2)),
        }
        out.push_str(if j + 1 == widths.len() { right } else { joint });
    }
    out
}
