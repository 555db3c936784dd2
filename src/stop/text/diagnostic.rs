//! The words that explain a failure when no SMTP reply is quoted: a
//! recipient's piece as written, or the text a reason marker ("Reason:",
//! "The response was:") introduces; and the whole text on one line, which
//! the classification reads.

use super::recipients::recipient_line;
use crate::stop::phrases;
use crate::stop::reply::truncate;

/// When no reply code was found, the piece's own words: the lines that
/// are not headings, addresses or transcript, joined.
pub(super) fn diagnostic_without_reply(lines: &[&str]) -> Option<String> {
    let words: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && recipient_line(l).is_none())
        .collect();
    let text = words.join(" ");
    (!text.is_empty()).then(|| truncate(&text))
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
        let same_line = line.get(pos..).unwrap_or("").trim();
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

/// The human text, on one line, for classification.
pub(super) fn explanation(human: &str) -> String {
    truncate(&crate::words::collapse_whitespace(human))
}
