//! The words that explain a failure when no SMTP reply is quoted: a
//! recipient's piece as written, or the text a reason marker ("Reason:",
//! "The response was:") introduces; and the whole text on one line, which
//! the classification reads.

use super::recipients::recipient_line;
use crate::stop::phrases;
use crate::stop::reply::truncate;
use crate::words::strip_prefix_ignore_case;

/// When no reply code was found, the piece's own words: the lines that
/// are not headings, addresses, transcript or a vendor's bookkeeping,
/// joined.
pub(super) fn diagnostic_without_reply(lines: &[&str]) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut in_noise = false;
    for line in lines.iter().map(|l| l.trim()) {
        let lower = line.to_lowercase();
        if phrases::all(|p| p.noise).any(|n| lower.starts_with(n)) {
            in_noise = true;
            continue;
        }
        // A bookkeeping line wrapped onto the next: `;p=example;l=...`.
        if in_noise && line.starts_with(';') {
            continue;
        }
        in_noise = false;
        if !line.is_empty() && recipient_line(line).is_none() {
            words.push(line);
        }
    }
    let text = words.join(" ");
    // Sendmail's `(reason: X)` is X; with nothing inside it says nothing.
    let text = unwrap_label(&text);
    text.contains(char::is_alphanumeric).then(|| truncate(text))
}

/// `X` from `(reason: X)`; other text as it is.
fn unwrap_label(text: &str) -> &str {
    text.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .and_then(|t| {
            phrases::all(|p| p.reason_markers)
                .find_map(|m| strip_prefix_ignore_case(t.trim_start(), m.trim()))
        })
        .map_or(text, str::trim)
}

/// The text after a reason marker: the rest of its line, or the lines
/// after it up to a blank line.
pub(super) fn introduced_diagnostic(lines: &[&str]) -> Option<String> {
    for (i, line) in lines.iter().enumerate() {
        // ASCII lowercase keeps byte offsets valid in `line`.
        let lower = line.to_ascii_lowercase();
        let Some(pos) =
            phrases::all(|p| p.reason_markers).find_map(|m| lower.find(m).map(|p| p + m.len()))
        else {
            continue;
        };
        // "... because they do not take attachments:".
        let same_line = line.get(pos..).unwrap_or("").trim().trim_end_matches(':');
        let text = if same_line.is_empty() {
            lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .skip_while(|l| l.is_empty())
                .take_while(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            same_line.to_string()
        };
        if !text.is_empty() {
            return Some(truncate(&text));
        }
    }
    None
}

/// The most lines, and characters, of a notice that is its own reason:
/// "You sent mail to bob@example.net, which is not a valid user here."
const SHORT_NOTICE_LINES: usize = 3;
const SHORT_NOTICE_CHARS: usize = 400;

/// A notice so short that it is all reason, on one line.
pub(super) fn short_notice(human: &str) -> Option<String> {
    let lines: Vec<&str> = human
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let text = lines.join(" ");
    (!lines.is_empty()
        && lines.len() <= SHORT_NOTICE_LINES
        && text.chars().count() <= SHORT_NOTICE_CHARS)
        .then_some(text)
}

/// The human text, on one line, for classification.
pub(super) fn explanation(human: &str) -> String {
    truncate(&crate::words::collapse_whitespace(human))
}
