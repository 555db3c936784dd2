//! Finding the SMTP reply a piece of text quotes: the most likely 4xx/5xx
//! code (after "said:", "returned '", `<<<`... or opening a line, and
//! followed by an enhanced status), and the reply's extent over wrapped and
//! multi-line continuations. Without a code, a bare enhanced status.

use super::recipients::recipient_line;
use crate::normalise::is_header_line;
use crate::smtp_codes::EnhancedStatus;
use crate::stop::phrases;
use crate::stop::reply;
use crate::words::indent;

/// An SMTP reply found in text, with where it sits.
pub(super) struct Found {
    pub reply: reply::Reply,
    pub line: usize,
    pub column: usize,
    pub last_line: usize,
}

pub(super) fn find_reply(lines: &[&str]) -> Option<Found> {
    // (score, length of the text after the code, line, column)
    let mut best: Option<(u8, usize, usize, usize)> = None;
    for (li, line) in lines.iter().enumerate() {
        // A continuation line of a multi-line reply (`550-...` above it) is
        // part of the reply that starts above, not a reply of its own.
        let continues_above = li > 0 && {
            let above = lines[li - 1].trim_start();
            let here = line.trim_start();
            let code = above
                .get(..3)
                .filter(|c| c.bytes().all(|b| b.is_ascii_digit()));
            code.is_some()
                && here.get(..3) == code
                && above.get(3..).is_some_and(|r| r.starts_with('-'))
        };
        if continues_above {
            continue;
        }
        let line_indent = indent(line);
        for column in code_positions(line) {
            // Only the last few words before the code matter; a bounded
            // window keeps a line full of codes linear.
            let before = window_before(line, column).trim_end().to_lowercase();
            let previous_line_ends_marker =
                column == line_indent && li > 0 && lines[li - 1].trim_end().ends_with(':');
            let after = &line[column + 3..];
            // The enhanced status follows the code, or opens the next line
            // when the reply was wrapped right after its code.
            let next_word = match after.strip_prefix(['-', ' ']) {
                Some(rest) => rest.split_whitespace().next(),
                None if after.is_empty() => {
                    lines.get(li + 1).and_then(|l| l.split_whitespace().next())
                }
                None => None,
            };
            let mut score = 0u8;
            if next_word.is_some_and(|w| w.parse::<EnhancedStatus>().is_ok()) {
                score += 2;
            }
            if phrases::all(|p| p.reply_markers).any(|m| before.ends_with(m))
                || before.ends_with(':')
                || previous_line_ends_marker
            {
                score += 1;
            }
            if column == line_indent {
                score += 1;
            }
            // In a transcript the `<<<` lines are the server's; Sendmail's
            // unprefixed line below them is its own translation.
            if before.ends_with("<<<") {
                score += 1;
            }
            let length = after.len().min(MAX_REPLY_SCORE_LEN);
            let better = best.is_none_or(|(s, l, _, _)| score > s || (score == s && length > l));
            if score > 0 && better {
                best = Some((score, length, li, column));
            }
        }
    }
    let (_, _, li, column) = best?;
    let (text, last_line) = reply_extent(lines, li, column);
    Some(Found {
        reply: reply::parse(&text),
        line: li,
        column,
        last_line,
    })
}

/// The SMTP reply quoted in a text (`host mx.example.net[192.0.2.9] said:
/// 553-... (in reply to RCPT TO command)`), as [`find_reply`] finds it.
pub fn reply_within(text: &str) -> Option<reply::Reply> {
    let lines: Vec<&str> = text.lines().collect();
    find_reply(&lines).map(|f| f.reply)
}

/// Text after a code beyond this length does not make a reply more likely.
const MAX_REPLY_SCORE_LEN: usize = 200;

/// At most the 48 bytes of `line` before `column`, cut at a character boundary.
fn window_before(line: &str, column: usize) -> &str {
    &line[line.ceil_char_boundary(column.saturating_sub(48))..column]
}

/// Byte offsets in `line` where a 4xx/5xx reply code token starts.
pub(super) fn code_positions(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= b.len() {
        let boundary_before = i == 0
            || matches!(
                b[i - 1],
                b' ' | b'\t' | b'\'' | b'"' | b'#' | b'(' | b':' | b';' | b'>' | b'['
            );
        let digits = b[i..i + 3].iter().all(u8::is_ascii_digit);
        let boundary_after = i + 3 == b.len() || matches!(b[i + 3], b' ' | b'-');
        if boundary_before
            && digits
            && boundary_after
            && matches!(b[i], b'4' | b'5')
            && b[i + 1] <= b'5'
        {
            out.push(i);
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// The reply's text from its code to its end: the rest of its line, then
/// lines that continue it (a multi-line reply `550-`, transcript lines
/// `<<< `, or indented wrapped lines), up to a blank line. Cut before
/// Postfix's "(in reply to ...)", Exchange's closing quote or ` ##`.
fn reply_extent(lines: &[&str], li: usize, column: usize) -> (String, usize) {
    let first = &lines[li][column..];
    let in_transcript = lines[li][..column].trim_end().ends_with("<<<");
    let code = &first[..3];
    let mut multiline = first[3..].starts_with('-');
    let mut parts = vec![first.to_string()];
    let mut last = li;
    let reply_indented = lines[li].starts_with([' ', '\t']);
    for (offset, line) in lines[li + 1..].iter().enumerate() {
        let t = line.trim_start();
        if t.is_empty() {
            break;
        }
        let wrapped = line.starts_with([' ', '\t'])
            && !t.starts_with(">>>")
            && !t.starts_with("<<<")
            && !looks_like_header(t)
            && (!reply_indented || recipient_line(line).is_none());
        let continues = if in_transcript {
            t.strip_prefix("<<<")
                .map(str::trim_start)
                .filter(|r| r.starts_with(code))
        } else if (multiline && t.starts_with(code)) || wrapped {
            Some(t)
        } else {
            None
        };
        let Some(part) = continues else { break };
        multiline = part.get(3..).is_some_and(|r| r.starts_with('-'));
        parts.push(part.to_string());
        last = li + 1 + offset;
    }
    let mut text = parts.join(" ");
    for end in phrases::all(|p| p.reply_ends) {
        if let Some(pos) = text.find(end) {
            text.truncate(pos);
        }
    }
    let before = &lines[li][..column];
    if before.trim_end().ends_with("returned '")
        && let Some(pos) = text.rfind('\'')
    {
        text.truncate(pos);
    }
    // `(reason: 550 5.1.1 ... User unknown)` and Exchange 2003's
    // `<host #5.7.1 smtp;550 ...>`: drop the bracket closing the wrapper.
    for (open, close) in [('(', ')'), ('<', '>')] {
        let trimmed = text.trim_end();
        if before.matches(open).count() > before.matches(close).count()
            && trimmed.ends_with(close)
            && trimmed.matches(close).count() > trimmed.matches(open).count()
        {
            text.truncate(trimmed.len() - 1);
        }
    }
    (text.trim().to_string(), last)
}

/// `Name: value` (a quoted header block starting), but not `https://...`.
fn looks_like_header(line: &str) -> bool {
    is_header_line(line.as_bytes())
        && line
            .split_once(':')
            .is_some_and(|(_, rest)| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// An enhanced status without a reply code: qmail's `(#5.1.2)`, or a word
/// such as `5.4.4` on its own.
pub(super) fn bare_status(chunk: &str) -> Option<EnhancedStatus> {
    chunk
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '#' | ',' | ';' | '[' | ']'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .find_map(|w| w.parse().ok())
}
