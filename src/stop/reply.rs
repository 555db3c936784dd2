//! One SMTP reply as quoted in a bounce: `550-5.1.1 first line 550-5.1.1
//! second line 550 5.1.1 last line`, unfolded to one line. Splits off the
//! reply code and enhanced status and drops the code prefixes that a
//! multi-line reply repeats on each line.

use crate::smtp_codes::{EnhancedStatus, ReplyCode};

/// The most characters of a diagnostic kept; longer text ends in `…`.
pub const MAX_DIAGNOSTIC_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: Option<ReplyCode>,
    pub status: Option<EnhancedStatus>,
    /// The reply on one line: code and status once, then the text.
    pub cleaned: String,
}

/// Parses a reply that starts with its code (`550 5.1.1 text`), or with an
/// enhanced status only (`5.1.1 text`), or has neither (the text is kept).
pub fn parse(text: &str) -> Reply {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut code = None;
    let mut status = None;
    let mut start = 0;
    if let Some(first) = words.first() {
        if let Some((c, continued)) = leading_code(first) {
            code = Some(c);
            start = 1;
            // `550-5.1.1` or `550 5.1.1`
            let next = if continued.is_empty() {
                words.get(1).copied()
            } else {
                Some(continued)
            };
            if let Some(s) = next.and_then(|w| w.parse::<EnhancedStatus>().ok()) {
                status = Some(s);
                if continued.is_empty() {
                    start = 2;
                }
            }
        } else if let Ok(s) = first.parse::<EnhancedStatus>() {
            status = Some(s);
            start = 1;
        }
    }
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    // `421-mx.example.net busy`: the text glued to the first code.
    if start == 1
        && status.is_none()
        && let Some((_, continued)) = words.first().and_then(|w| leading_code(w))
        && !continued.is_empty()
    {
        kept.push(continued);
    }
    let mut i = start;
    while i < words.len() {
        let w = words[i];
        if let Some(c) = code
            && let Some((again, continued)) = leading_code(w)
            && again == c
        {
            // A repeated line prefix: `550-5.1.1`, `550 5.1.1`, `550-`, `550`.
            let status_follows = status.is_some_and(|s| {
                if continued.is_empty() {
                    words.get(i + 1).and_then(|n| n.parse().ok()) == Some(s)
                } else {
                    continued.parse().ok() == Some(s)
                }
            });
            if status_follows && continued.is_empty() {
                i += 2;
                continue;
            }
            if status_follows || w.ends_with('-') || (status.is_none() && continued.is_empty()) {
                i += 1;
                continue;
            }
            if status.is_none() {
                kept.push(continued);
                i += 1;
                continue;
            }
        }
        kept.push(w);
        i += 1;
    }
    let mut head: Vec<String> = Vec::new();
    head.extend(code.map(|c| c.to_string()));
    head.extend(status.map(|s| s.to_string()));
    let mut cleaned = head.join(" ");
    if !kept.is_empty() {
        if !cleaned.is_empty() {
            cleaned.push(' ');
        }
        cleaned.push_str(&kept.join(" "));
    }
    Reply {
        code,
        status,
        cleaned: truncate(&cleaned),
    }
}

/// A reply that a reporter quotes in its own words: the code, then the
/// reply's text in single or double quotes (`550-'5.2.2 Mailbox full'`,
/// `550 "5.1.1 unknown"`), as `550 5.2.2 Mailbox full`.
pub fn quoted(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(4)).find_map(|i| {
        let digits = bytes[i..i + 3].iter().all(u8::is_ascii_digit);
        let boundary = i == 0 || bytes[i - 1].is_ascii_whitespace();
        if !digits || !boundary {
            return None;
        }
        let after = &text[i + 3..];
        let after = after.strip_prefix(['-', ' ']).unwrap_or(after);
        let quote = after.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
        let inner = &after[1..];
        let inner = &inner[..inner.find(quote)?];
        let code = leading_code(&text[i..i + 3])?.0;
        Some(format!("{code} {}", inner.trim()))
    })
}

/// `550`, `550-`, `550-5.1.1` → the code and what follows the hyphen.
fn leading_code(word: &str) -> Option<(ReplyCode, &str)> {
    let digits = word.get(..3)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &word[3..];
    let continued = match rest.strip_prefix('-') {
        Some(after) => after,
        None if rest.is_empty() => "",
        None => return None,
    };
    Some((ReplyCode::new(digits.parse().ok()?)?, continued))
}

/// Caps text at [`MAX_DIAGNOSTIC_CHARS`], marking the cut with `…`.
pub fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_DIAGNOSTIC_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<u16>, Option<String>, String) {
        let r = parse(s);
        (
            r.code.map(|c| c.value()),
            r.status.map(|s| s.to_string()),
            r.cleaned,
        )
    }

    #[test]
    fn single_line() {
        assert_eq!(
            p("550 5.1.1 <bob@example.net>: User unknown"),
            (
                Some(550),
                Some("5.1.1".into()),
                "550 5.1.1 <bob@example.net>: User unknown".into()
            )
        );
        assert_eq!(
            p("554 Transaction failed"),
            (Some(554), None, "554 Transaction failed".into())
        );
        assert_eq!(
            p("5.1.1 Bad destination"),
            (None, Some("5.1.1".into()), "5.1.1 Bad destination".into())
        );
        assert_eq!(
            p("Host or domain name not found"),
            (None, None, "Host or domain name not found".into())
        );
    }

    #[test]
    fn multi_line_prefixes_are_dropped() {
        assert_eq!(
            p("550-5.1.1 The email account that you tried to reach does not exist. 550-5.1.1 Please try 550 5.1.1 double-checking."),
            (
                Some(550),
                Some("5.1.1".into()),
                "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking.".into()
            )
        );
        assert_eq!(
            p("421-mx.example.net busy 421-try later 421- now 421 bye"),
            (
                Some(421),
                None,
                "421 mx.example.net busy try later now bye".into()
            )
        );
    }

    #[test]
    fn numbers_inside_the_text_stay() {
        assert_eq!(
            p("552 5.3.4 Message size exceeds fixed limit of 550 5.3.4 KB").2,
            "552 5.3.4 Message size exceeds fixed limit of 550 5.3.4 KB"
        );
        assert_eq!(p("450 4.2.0 try in 450 s").2, "450 4.2.0 try in 450 s");
    }

    #[test]
    fn not_a_code() {
        assert_eq!(p("5500 x").0, None);
        assert_eq!(p("650 x").0, None);
        assert_eq!(p("55 x").0, None);
        assert_eq!(p("").2, "");
    }

    #[test]
    fn a_reply_quoted_in_the_reporter_s_words() {
        assert_eq!(
            quoted("5.1.0 - Unknown address error 550-'5.2.2 The mailbox is full' (delivery attempts: 0)")
                .as_deref(),
            Some("550 5.2.2 The mailbox is full")
        );
        assert_eq!(quoted("550 5.1.1 plain"), None);
        assert_eq!(quoted("550-'unterminated"), None);
    }

    #[test]
    fn long_diagnostics_are_cut_visibly() {
        let long = format!("550 {}", "é".repeat(5000));
        let r = parse(&long);
        assert_eq!(r.cleaned.chars().count(), MAX_DIAGNOSTIC_CHARS + 1);
        assert!(r.cleaned.ends_with('…'));
    }
}
