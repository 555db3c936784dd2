//! The report as a document: a title, then sections of blocks (fields,
//! tables, lists, paragraphs, preformatted text), with their captions and
//! column specs. Plain data, laid out once by [`super::facts::document`];
//! each ticket format draws it with the primitives of
//! [`super::markup::Markup`], and the terminal table reuses its tables.
//!
//! Every string is plain text with control characters already escaped; a
//! format adds only its own escaping (Markdown, HTML) on top.

use crate::dns::findings::Mark;
use crate::duration::human_duration;
use crate::model::{Severity, StopKind, Trust};

/// Shown for a value the report does not have.
pub const NONE: &str = "—";

/// One report, as every ticket format writes it.
#[derive(Debug, Clone)]
pub struct Document {
    /// What the document is: `Mail trace`.
    pub title: &'static str,
    /// What the tool calls it (a page title, plain text's first line):
    /// `trace-path report`.
    pub label: &'static str,
    /// The input's name, with the message's number inside an mbox.
    pub name: String,
    /// The one-line verdict.
    pub verdict: String,
    pub sections: Vec<Section>,
}

/// A part of the document under a heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// A short name that does not change (`hops`): an anchor for HTML.
    pub id: &'static str,
    pub heading: &'static str,
    pub caption: Option<Caption>,
    pub blocks: Vec<Block>,
}

/// What to know before reading a section, at three lengths: the formats
/// have said it differently since they were written, and keep their words.
#[derive(Debug, Clone, Copy)]
pub struct Caption {
    /// The whole note, under the heading (Markdown).
    pub long: &'static str,
    /// Without what another section says already (HTML, whose timeline
    /// explains negative delays).
    pub short: &'static str,
    /// A phrase that follows the heading (`Hops, oldest first (...)`), for
    /// plain text.
    pub phrase: &'static str,
}

#[derive(Debug, Clone)]
pub enum Block {
    Fields(Vec<Field>),
    Table(Table),
    /// A heading inside a section (a group of findings).
    Subheading(Subheading),
    List(List),
    Paragraph(String),
    Preformatted(Preformatted),
    /// A chart of the delays: drawn only by formats that draw charts
    /// (HTML); the others leave its section out.
    Timeline(Timeline),
    /// The route as a picture, a chart like the timeline.
    Route(Route),
}

impl Block {
    /// A chart: drawn only by formats that draw charts.
    pub fn is_chart(&self) -> bool {
        matches!(self, Block::Timeline(_) | Block::Route(_))
    }
}

/// A labelled value: one line of a summary or stop block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

impl Field {
    pub fn new(label: &'static str, value: impl Into<String>) -> Field {
        Field {
            label,
            value: value.into(),
        }
    }
}

/// A heading inside a section, with the severity it groups (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subheading {
    pub text: &'static str,
    pub severity: Option<Severity>,
}

/// A table: its columns, its rows, where the trust boundary runs and,
/// for the hops, where the journey ended (its last row).
#[derive(Debug, Clone)]
pub struct Table {
    /// A short name that does not change (`hops`): a class for HTML.
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub boundary: Option<Boundary>,
    pub end: Option<End>,
}

/// Where the journey ended, shown as the last row of the hop list: the
/// server that refused or is delaying the message, or the delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct End {
    pub kind: StopKind,
    /// `✗` refused, `…` delayed, `✓` delivered: it goes in the hop
    /// number's column.
    pub mark: &'static str,
    /// The server where it ended (`mx.example.net [192.0.2.9]`), when known.
    pub host: Option<String>,
    /// What happened there: `refused at RCPT: 550 5.1.1 unknown user`,
    /// `delivered to the mailbox`.
    pub what: String,
}

impl End {
    /// The server and what happened there, as one line.
    pub fn text(&self) -> String {
        match &self.host {
            Some(host) => format!("{host} {}", self.what),
            None => self.what.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub heading: &'static str,
    pub align: Align,
    pub narrow: Narrow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Where a column goes when the table is too wide to be one (plain text:
/// a block per row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Narrow {
    /// On the row's own line, padded to this width.
    InRow(usize),
    /// On a line of its own under the row's, after this label.
    Below(&'static str),
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// The hop the row shows, and its trust (HTML: anchor and colour).
    pub hop: Option<(usize, Trust)>,
}

/// One cell, by what it holds; each format shows each kind its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// A date and time.
    Time(String),
    Delay(Delay),
    /// Names and addresses, one a line.
    Lines(Vec<String>),
    /// Short words that fit on one line (`ESMTPS`, `TLSv1.3`, `auth`).
    Words(Vec<String>),
    Trust(TrustLabel),
    Dns(DnsCell),
    /// Finding codes with their severity.
    Notes(Vec<(Severity, &'static str)>),
}

/// The line where the trust boundary runs: above the trustworthy hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boundary {
    /// The row (index) it runs above.
    pub row: usize,
    /// That row's hop number.
    pub hop: usize,
    /// `Trust boundary`.
    pub label: &'static str,
    /// What it means.
    pub text: &'static str,
}

/// A hop's delay after the hop below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delay {
    pub seconds: Option<i64>,
}

impl Delay {
    /// The mark of a negative delay.
    pub const NEGATIVE: &'static str = "⚠";

    /// `+4 s`, `-2 min 50 s`, or [`NONE`] when unknown (and for hop 1).
    pub fn text(self) -> String {
        match self.seconds {
            Some(d) if d < 0 => human_duration(d),
            Some(d) => format!("+{}", human_duration(d)),
            None => NONE.to_string(),
        }
    }

    /// Time ran backwards: a wrong clock or a forged header.
    pub fn is_negative(self) -> bool {
        self.seconds.is_some_and(|d| d < 0)
    }
}

/// A hop's trust in words: `✔ trustworthy`, `internal`, `unverified`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustLabel {
    pub trust: Trust,
    /// `✔` for the trustworthy hop.
    pub mark: Option<&'static str>,
    pub words: &'static str,
    /// Shown strong: the trustworthy hop.
    pub strong: bool,
}

impl TrustLabel {
    /// The mark and the words: `✔ trustworthy`.
    pub fn text(self) -> String {
        match self.mark {
            Some(mark) => format!("{mark} {}", self.words),
            None => self.words.to_string(),
        }
    }
}

/// A hop's DNS marks (`PTR ✓`, `HELO ✗ not FQDN`) and the worst of them
/// (`None`: nothing checked for this hop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsCell {
    pub lines: Vec<String>,
    pub worst: Option<Mark>,
}

/// A list: DNS details per hop, findings.
#[derive(Debug, Clone)]
pub struct List {
    /// A short name that does not change (`findings`): a class for HTML.
    pub name: &'static str,
    pub items: Vec<Item>,
}

/// One item: where it applies (`hop 3`), a finding's code, the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub place: Option<String>,
    pub code: Option<&'static str>,
    pub text: String,
    pub severity: Option<Severity>,
}

/// Lines to show as they are (the raw headers).
#[derive(Debug, Clone)]
pub struct Preformatted {
    /// A short name that does not change (`raw`): a class for HTML.
    pub name: &'static str,
    pub lines: Vec<String>,
}

/// The delay before each hop, to scale.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub caption: String,
    /// Some delay is negative: bars point both ways.
    pub negative: bool,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub hop: usize,
    pub trust: TrustLabel,
    pub delay: Delay,
    /// The bar's length in thousandths of the longest; `None`: no bar.
    pub permille: Option<u64>,
}

/// The route from the origin to where the message stopped, as a picture
/// draws it: machines and the hops between them, top to bottom.
#[derive(Debug, Clone)]
pub struct Route {
    /// What the picture shows, in words (its caption and alternative text).
    pub caption: String,
    pub steps: Vec<Step>,
    /// Where the journey ended, below the last machine.
    pub end: Option<End>,
}

/// One step down the route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A machine the message was on.
    Machine(Machine),
    /// A hop: the machine above handed the message to the one below.
    Hop(Leg),
    /// The chain breaks: the machine below is not the one the hop above
    /// handed the message to (`chain-break`): a header is missing or forged.
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// Its name (the receiver's, or the sender's rDNS or HELO), or an IP.
    pub name: String,
    /// The address it gave for itself as a receiver, when it did (the
    /// address it was seen at is on the hop that leaves it).
    pub ip: Option<String>,
    /// Known only from outside claims (unverified hops), not from what the
    /// user's servers recorded.
    pub outside: bool,
    /// Reached by a step that is no hand-off (a filter, a local step, a
    /// retrieval): drawn small.
    pub small: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leg {
    pub hop: usize,
    pub trust: TrustLabel,
    /// `hop 3 · +2 s · ESMTPS · TLSv1.3`: the delay, the protocol, TLS.
    pub label: String,
    /// The address the receiver saw the sender connect from.
    pub from_ip: Option<String>,
    /// That address was recorded by the user's servers (the trustworthy
    /// hop): the one fact about the sender that cannot be forged.
    pub verified: bool,
    /// Encrypted (`Some(true)`), in the clear (`Some(false)`), or unknown.
    pub tls: Option<bool>,
    /// A claim by an outside machine (unverified): drawn dashed.
    pub outside: bool,
    /// Not a hand-off (filter, local, retrieval): drawn small, its kind
    /// in the label.
    pub small: bool,
    /// The trust boundary crosses this hop: above it, outside claims.
    pub boundary: bool,
    /// The codes of the hop's warnings and errors.
    pub notes: Vec<(Severity, &'static str)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_read_with_their_sign() {
        assert_eq!(Delay { seconds: Some(4) }.text(), "+4 s");
        assert_eq!(
            Delay {
                seconds: Some(-170)
            }
            .text(),
            "-2 min 50 s"
        );
        assert_eq!(Delay { seconds: None }.text(), NONE);
        assert!(Delay { seconds: Some(-1) }.is_negative());
        assert!(!Delay { seconds: Some(0) }.is_negative());
    }
}
