//! Turning what people paste into a message the parser can read.
//!
//! Headers reach us copied out of mail clients, web pages and replies:
//! quoted with `> `, indented, with CRLF, behind a summary table (Gmail's
//! "Show original"), with folding whitespace lost (Outlook's "Internet
//! headers"), or with the body glued to the headers. Each repair here is
//! one small function; a clean message passes through untouched.

use std::borrow::Cow;

use crate::model::{Finding, FindingCode};

/// The repairs a paste can need; reported so the user knows what was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    BareCarriageReturns,
    MboxFromLine,
    NonBreakingSpaces,
    LeadingText,
    Quoting,
    Indentation,
    LostFolding,
    MissingSeparator,
}

impl Repair {
    /// Whether the repair changed lines of the message itself, so that the
    /// text read is not the text that was sent (and signed): dropping what
    /// came before the headers does not.
    pub fn alters_message(self) -> bool {
        !matches!(self, Repair::MboxFromLine | Repair::LeadingText)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Repair::BareCarriageReturns => {
                "read carriage returns alone (old Mac line ends) as line ends"
            }
            Repair::MboxFromLine => "dropped an mbox `From ` line",
            Repair::NonBreakingSpaces => {
                "turned non-breaking spaces used as indentation into spaces"
            }
            Repair::LeadingText => "skipped text before the headers",
            Repair::Quoting => "removed `>` quoting",
            Repair::Indentation => "removed indentation",
            Repair::LostFolding => "re-joined header lines whose folding was lost",
            Repair::MissingSeparator => "added the missing blank line between headers and body",
        }
    }
}

/// The `input-normalised` finding: what was repaired. A saved message that
/// starts with an mbox `From ` line (as mail clients save one) is not
/// worth a note; pasted text is, and says so.
pub fn finding(repairs: &[Repair], pasted: bool) -> Option<Finding> {
    let what: Vec<&str> = repairs
        .iter()
        .filter(|r| pasted || **r != Repair::MboxFromLine)
        .map(|r| r.describe())
        .collect();
    if what.is_empty() {
        return None;
    }
    let input = if pasted {
        "The pasted text"
    } else {
        "The input"
    };
    Some(Finding::new(
        FindingCode::InputNormalised,
        format!(
            "{input} was cleaned up before reading: {}.",
            what.join("; ")
        ),
    ))
}

/// The input after repairs, and which repairs were made.
#[derive(Debug)]
pub struct Normalised<'a> {
    pub bytes: Cow<'a, [u8]>,
    pub repairs: Vec<Repair>,
}

/// Repairs a pasted or saved message so that its header block is well formed.
pub fn normalise(input: &[u8]) -> Normalised<'_> {
    // Text saved with carriage returns alone (classic Mac OS, some web
    // forms) has no line feed in its header block: every repair below
    // works on lines, so those become line feeds first.
    if let Cow::Owned(unix) = line_feeds(input) {
        let mut repaired = normalise(&unix);
        repaired.repairs.insert(0, Repair::BareCarriageReturns);
        return Normalised {
            bytes: Cow::Owned(repaired.bytes.into_owned()),
            repairs: repaired.repairs,
        };
    }
    // Most input is a saved message: leave it (and its body) untouched.
    if has_clean_header_block(input) {
        return Normalised {
            bytes: Cow::Borrowed(input),
            repairs: Vec::new(),
        };
    }
    let mut lines: Vec<Cow<'_, [u8]>> = split_lines(input).map(Cow::Borrowed).collect();
    let mut repairs = Vec::new();

    if replace_leading_nbsp(&mut lines) {
        repairs.push(Repair::NonBreakingSpaces);
    }
    drop_leading_blanks(&mut lines);
    if lines.first().is_some_and(|l| is_mbox_from_line(l)) {
        lines.remove(0);
        repairs.push(Repair::MboxFromLine);
    }
    if strip_quoting(&mut lines) {
        repairs.push(Repair::Quoting);
    }
    drop_leading_blanks(&mut lines);
    if strip_indentation(&mut lines) {
        repairs.push(Repair::Indentation);
    }
    let start = header_start(&lines);
    if start > 0 {
        lines.drain(..start);
        repairs.push(Repair::LeadingText);
    }
    repairs.extend(repair_header_block(&mut lines));

    let bytes = if repairs.is_empty() && starts_clean(input) {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(join_lines(&lines))
    };
    Normalised { bytes, repairs }
}

/// The input with line feeds for line ends: carriage returns alone become
/// line feeds; anything else is returned as it is.
pub fn line_feeds(input: &[u8]) -> Cow<'_, [u8]> {
    if !has_bare_cr_line_ends(input) {
        return Cow::Borrowed(input);
    }
    Cow::Owned(
        input
            .iter()
            .map(|&b| if b == b'\r' { b'\n' } else { b })
            .collect(),
    )
}

/// Line ends are carriage returns alone: the first line ends in a CR that
/// no LF follows, and no LF comes before it.
fn has_bare_cr_line_ends(input: &[u8]) -> bool {
    match input.iter().position(|&b| b == b'\r' || b == b'\n') {
        Some(at) => input[at] == b'\r' && input.get(at + 1) != Some(&b'\n'),
        None => false,
    }
}

/// The header block is already well formed: it starts with a header line,
/// every line up to the first blank one is a header or a continuation, and
/// it is not an mbox `From ` line. Only the header lines are looked at.
fn has_clean_header_block(input: &[u8]) -> bool {
    let mut lines = split_lines(input);
    let Some(first) = lines.next() else {
        return false;
    };
    if !is_header_line(first) {
        return false;
    }
    lines
        .take_while(|l| !l.is_empty())
        .all(|l| is_header_line(l) || is_continuation(l))
}

/// True when the input starts directly with a header (so nothing before it was dropped).
fn starts_clean(input: &[u8]) -> bool {
    split_lines(input).next().is_some_and(is_header_line)
}

/// Splits on LF, dropping a CR before it.
fn split_lines(input: &[u8]) -> impl Iterator<Item = &[u8]> {
    let input = input.strip_suffix(b"\n").unwrap_or(input);
    input
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}

fn join_lines(lines: &[Cow<'_, [u8]>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| b.is_ascii_whitespace())
}

fn drop_leading_blanks(lines: &mut Vec<Cow<'_, [u8]>>) {
    let blanks = lines.iter().take_while(|l| is_blank(l)).count();
    lines.drain(..blanks);
}

/// U+00A0 in UTF-8.
const NBSP: &[u8] = b"\xc2\xa0";

/// Web pages indent (and fill empty lines) with non-breaking spaces, and a
/// copy keeps them: in the header block, leading ones become plain spaces,
/// so folding is folding again and an NBSP-only line is the blank separator.
fn replace_leading_nbsp(lines: &mut [Cow<'_, [u8]>]) -> bool {
    let mut changed = false;
    let mut seen_text = false;
    for line in lines.iter_mut() {
        let mut rest: &[u8] = line;
        let mut lead = Vec::new();
        loop {
            if let Some(r) = rest.strip_prefix(NBSP) {
                lead.push(b' ');
                rest = r;
            } else if let Some((&b, r)) = rest
                .split_first()
                .filter(|(b, _)| matches!(b, b' ' | b'\t'))
            {
                lead.push(b);
                rest = r;
            } else {
                break;
            }
        }
        if lead.len() < line.len() - rest.len() {
            *line = Cow::Owned([lead.as_slice(), rest].concat());
            changed = true;
        }
        if is_blank(line) {
            if seen_text {
                break;
            }
        } else {
            seen_text = true;
        }
    }
    changed
}

/// `From sender date` as written before each message in an mbox file.
fn is_mbox_from_line(line: &[u8]) -> bool {
    line.starts_with(b"From ") && !is_header_line(line)
}

/// A header field's first line: `Name: value`, with a name of the usual
/// characters. Stricter than RFC 5322 on purpose, so that continuation
/// text such as `h=From:To` or `Created at: ...` is not taken for a header.
/// The obsolete syntax's white space before the colon (RFC 5322 §4.5.1:
/// `From  : alice@example.org`) is accepted after a well-known field name
/// only, so that body text such as `Thanks :)` stays body.
pub fn is_header_line(line: &[u8]) -> bool {
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    let written = &line[..colon];
    let name = written.trim_ascii_end();
    let spaced = name.len() < written.len();
    (1..=76).contains(&name.len())
        && name[0].is_ascii_alphabetic()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && (!spaced || is_well_known_field(name))
}

/// Field names of RFC 5322, MIME and the trace fields, which a line may
/// start with even when white space comes before the colon.
fn is_well_known_field(name: &[u8]) -> bool {
    const NAMES: &[&str] = &[
        "from",
        "to",
        "cc",
        "bcc",
        "sender",
        "reply-to",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "received",
        "return-path",
        "delivered-to",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "content-id",
        "comments",
        "keywords",
    ];
    NAMES
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

fn is_continuation(line: &[u8]) -> bool {
    line.first().is_some_and(|&b| b == b' ' || b == b'\t')
}

/// Removes reply quoting (`> `, `>> `, `> > `) as long as the first line is quoted.
fn strip_quoting(lines: &mut [Cow<'_, [u8]>]) -> bool {
    let mut changed = false;
    while lines
        .iter()
        .find(|l| !is_blank(l))
        .is_some_and(|l| l.starts_with(b">"))
    {
        for line in lines.iter_mut() {
            if let Some(rest) = line.strip_prefix(b">") {
                let rest = rest.strip_prefix(b" ").unwrap_or(rest);
                *line = Cow::Owned(rest.to_vec());
            }
        }
        changed = true;
    }
    changed
}

/// Headers copied from a web page come indented; a header name then sits
/// after spaces, and its continuation lines after more. Only applies when
/// the first line is an indented header.
fn strip_indentation(lines: &mut [Cow<'_, [u8]>]) -> bool {
    let first_indented_header = lines
        .first()
        .is_some_and(|l| is_continuation(l) && is_header_line(trim_start(l)));
    if !first_indented_header {
        return false;
    }
    for line in lines.iter_mut() {
        if is_blank(line) {
            break;
        }
        let trimmed = trim_start(line);
        let fixed = if is_header_line(trimmed) {
            trimmed.to_vec()
        } else {
            [b" ".as_slice(), trimmed].concat()
        };
        *line = Cow::Owned(fixed);
    }
    true
}

fn trim_start(line: &[u8]) -> &[u8] {
    let n = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &line[n..]
}

fn is_received(line: &[u8]) -> bool {
    line.len() >= 9 && line[..9].eq_ignore_ascii_case(b"received:")
}

/// Index of the first line of the header block. When there is text before
/// the headers (a summary table, "here are the headers:"), the block is
/// found by walking back from the first Received header over header-shaped
/// lines; otherwise it is the first header line.
fn header_start(lines: &[Cow<'_, [u8]>]) -> usize {
    if lines.first().is_some_and(|l| is_header_line(l)) {
        return 0;
    }
    if let Some(received) = lines.iter().position(|l| is_received(l)) {
        let mut start = received;
        while start > 0 && (is_header_line(&lines[start - 1]) || is_continuation(&lines[start - 1]))
        {
            start -= 1;
        }
        // A continuation line cannot open the block.
        while start < received && !is_header_line(&lines[start]) {
            start += 1;
        }
        return start;
    }
    lines.iter().position(|l| is_header_line(l)).unwrap_or(0)
}

/// Within the header block, a line at column 0 that is not a header is
/// either a header whose folding whitespace was lost, or the body glued to
/// the headers. It is a lost fold when more headers follow, or when it
/// continues a Received header in an obvious way.
fn repair_header_block(lines: &mut Vec<Cow<'_, [u8]>>) -> Vec<Repair> {
    let mut repairs = Vec::new();
    let mut current_is_received = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if is_blank(line) {
            break;
        }
        if is_header_line(line) {
            current_is_received = is_received(line);
        } else if !is_continuation(line) {
            if i > 0
                && (more_headers_follow(&lines[i + 1..])
                    || (current_is_received && continues_received(line)))
            {
                lines[i] = Cow::Owned([b" ".as_slice(), line].concat());
                if !repairs.contains(&Repair::LostFolding) {
                    repairs.push(Repair::LostFolding);
                }
            } else {
                lines.insert(i, Cow::Borrowed(b"".as_slice()));
                repairs.push(Repair::MissingSeparator);
                break;
            }
        }
        i += 1;
    }
    repairs
}

fn more_headers_follow(rest: &[Cow<'_, [u8]>]) -> bool {
    rest.iter()
        .take_while(|l| !is_blank(l))
        .any(|l| is_header_line(l))
}

/// Words that start the next clause of a Received header or its date.
fn continues_received(line: &[u8]) -> bool {
    const STARTS: [&str; 16] = [
        "by ", "with ", "id ", "for ", "via ", "from ", "(", "[", ";", "mon,", "tue,", "wed,",
        "thu,", "fri,", "sat,", "sun,",
    ];
    let lower = line.to_ascii_lowercase();
    STARTS.iter().any(|s| lower.starts_with(s.as_bytes()))
        || lower.first().is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, Vec<Repair>) {
        let n = normalise(s.as_bytes());
        (String::from_utf8(n.bytes.into_owned()).unwrap(), n.repairs)
    }

    #[test]
    fn bare_carriage_returns_are_line_ends() {
        let (text, repairs) = norm(
            "Received: from a.example.org by b.example.net;\r Mon, 23 Nov 2026 10:00:00 +0000\rSubject: x\r\rbody\r",
        );
        assert_eq!(
            text,
            "Received: from a.example.org by b.example.net;\n Mon, 23 Nov 2026 10:00:00 +0000\nSubject: x\n\nbody\n"
        );
        assert_eq!(repairs, [Repair::BareCarriageReturns]);
        // CRLF is not bare CR.
        assert!(norm("Subject: x\r\n\r\nbody\r\n").1.is_empty());
    }

    #[test]
    fn clean_message_is_untouched() {
        let msg = "Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: x\n\nbody\n";
        let n = normalise(msg.as_bytes());
        assert!(matches!(n.bytes, Cow::Borrowed(_)));
        assert!(n.repairs.is_empty());
    }

    #[test]
    fn quoting_and_leading_blanks_removed() {
        let (out, repairs) =
            norm("\n  \n> Received: from a\n>  by b; date\n> Subject: x\n>\n> body\n");
        assert_eq!(out, "Received: from a\n by b; date\nSubject: x\n\nbody\n");
        assert_eq!(repairs, vec![Repair::Quoting]);
    }

    #[test]
    fn lost_folding_is_rejoined() {
        let (out, repairs) = norm(
            "Received: from a (a [192.0.2.1])\nby b with ESMTP;\nMon, 23 Nov 2026 10:00:00 +0000\nSubject: x\n",
        );
        assert_eq!(
            out,
            "Received: from a (a [192.0.2.1])\n by b with ESMTP;\n Mon, 23 Nov 2026 10:00:00 +0000\nSubject: x\n"
        );
        assert_eq!(repairs, vec![Repair::LostFolding]);
    }

    #[test]
    fn body_glued_to_headers_gets_a_separator() {
        let (out, repairs) = norm("Received: from a by b; date\nSubject: x\nHi Bob,\nsee you\n");
        assert_eq!(
            out,
            "Received: from a by b; date\nSubject: x\n\nHi Bob,\nsee you\n"
        );
        assert_eq!(repairs, vec![Repair::MissingSeparator]);
    }

    #[test]
    fn indented_headers_are_dedented() {
        let (out, repairs) = norm("    Received: from a\n        by b; date\n  Subject: x \n");
        assert_eq!(out, "Received: from a\n by b; date\nSubject: x \n");
        assert_eq!(repairs, vec![Repair::Indentation]);
    }

    #[test]
    fn summary_before_headers_is_skipped() {
        let text = "Message ID\t<1@example.org>\nFrom:\tA <a@example.org>\nDownload Original\n\nDelivered-To: b@example.com\nReceived: from a by b; date\n\nbody\n";
        let (out, repairs) = norm(text);
        assert_eq!(
            out,
            "Delivered-To: b@example.com\nReceived: from a by b; date\n\nbody\n"
        );
        assert_eq!(repairs, vec![Repair::LeadingText]);
    }

    #[test]
    fn non_breaking_indentation_becomes_folding() {
        let (out, repairs) =
            norm("Received: from a\n\u{a0}\u{a0}by b; date\nSubject: x\n\u{a0}\n\u{a0}body\n");
        assert_eq!(
            out,
            "Received: from a\n  by b; date\nSubject: x\n \n\u{a0}body\n"
        );
        assert_eq!(repairs, vec![Repair::NonBreakingSpaces]);
    }

    #[test]
    fn header_shape_is_strict() {
        assert!(is_header_line(b"X-MS-Exchange-Organization-SCL: 1"));
        assert!(!is_header_line(b"h=From:To:Subject"));
        assert!(!is_header_line(b"Created at:\tMon"));
        assert!(!is_header_line(b" Received: x"));
        // Obsolete white space before the colon, after a known name only.
        assert!(is_header_line(b"From  : alice@example.org"));
        assert!(is_header_line(b"Subject\t: x"));
        assert!(!is_header_line(b"Thanks :)"));
        assert!(!is_header_line(b"From time to time : x"));
    }

    /// A `From  :` header below a Received header whose folding was lost
    /// is a header of its own, not a continuation glued to the Received.
    #[test]
    fn obsolete_header_name_is_not_glued_to_the_line_above() {
        let (out, repairs) = norm(
            "Received: from a (a [192.0.2.1])\nby b with ESMTP;\nMon, 23 Nov 2026 10:00:00 +0000\nFrom  : alice@example.org\nSubject: x\n\nbody\n",
        );
        assert_eq!(
            out,
            "Received: from a (a [192.0.2.1])\n by b with ESMTP;\n Mon, 23 Nov 2026 10:00:00 +0000\nFrom  : alice@example.org\nSubject: x\n\nbody\n"
        );
        assert_eq!(repairs, vec![Repair::LostFolding]);
        // Saved as is, it is a clean header block: untouched.
        let clean = "Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nFrom  : alice@example.org\n\nbody\n";
        assert!(norm(clean).1.is_empty());
    }
}
