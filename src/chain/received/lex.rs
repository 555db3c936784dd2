//! The tokenizer: words, `[...]` literals, `<...>` addresses, nested
//! `(...)` comments with quoted pairs, quoted strings and `;`.

use crate::words::starts_with_ignore_case;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of characters up to whitespace or a delimiter.
    Word,
    /// `[...]`, text without the brackets (a `:port` after `]` is dropped).
    Literal,
    /// `<...>`, text without the brackets.
    Angle,
    /// `(...)` with nested comments, text without the outer parentheses.
    Comment,
    /// `"..."`, text without the quotes.
    Quoted,
    /// A top-level `;`.
    Semi,
    /// A top-level `,`.
    Comma,
    /// A character that could not start a token (stray `)`, unbalanced opener).
    Junk,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) kind: Kind,
    pub(super) text: &'a str,
    /// Byte offsets of the whole token in the unfolded text.
    pub(super) start: usize,
    pub(super) end: usize,
}

/// `s[a..b]`, or "" when that is not a valid slice (never panics).
/// Start of a run of comments ending `tail` whose first comment carries
/// clause data (`envelope-from`, `using TLS...`, `key=value`, `<addr>`), as
/// opposed to a zone comment such as `(CET)` or `(GMT+01:00)`.
pub(super) fn trailing_clause_comments(tail: &[Token<'_>]) -> Option<usize> {
    let first = tail.iter().position(|t| {
        t.kind == Kind::Comment && {
            let text = t.text.trim_start();
            starts_with_ignore_case(text, "envelope-from")
                || starts_with_ignore_case(text, "using ")
                || text.contains('<')
                || text.contains('=')
        }
    })?;
    tail.get(first..)?
        .iter()
        .all(|t| t.kind == Kind::Comment)
        .then_some(first)
}

pub(super) fn sub(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or("")
}

pub(super) fn is_word_delim(c: u8) -> bool {
    matches!(c, b' ' | b'(' | b')' | b'[' | b'<' | b'"' | b';' | b',')
}

/// Index just after the `)` closing the comment opened at `start`, or, when
/// it never closes, the positions of every `(` left open at the end.
pub(super) fn scan_comment(b: &[u8], start: usize) -> Result<usize, Vec<usize>> {
    let mut open = Vec::new();
    let mut j = start;
    while let Some(&c) = b.get(j) {
        match c {
            b'\\' => {
                j += 2;
                continue;
            }
            b'(' => open.push(j),
            b')' => {
                open.pop();
                if open.is_empty() {
                    return Ok(j + 1);
                }
            }
            _ => {}
        }
        j += 1;
    }
    Err(open)
}

/// Index just after `close` for a bracket opened at `start`; `None` when a
/// character of `stops` or the end comes first.
pub(super) fn scan_delimited(b: &[u8], start: usize, close: u8, stops: &[u8]) -> Option<usize> {
    let mut j = start + 1;
    while let Some(&c) = b.get(j) {
        if c == close {
            return Some(j + 1);
        }
        if stops.contains(&c) {
            return None;
        }
        j += if c == b'\\' { 2 } else { 1 };
    }
    None
}

/// Index just after the `>` of an angle address opened at `start`; `None`
/// when a space, `<`, `(`, `)`, `;` or the end comes first. A quoted local
/// part (`<"john doe"@example.com>`) may hold those, if it closes within
/// [`MAX_QUOTED_LOCAL`] bytes (which keeps the scan linear overall).
pub(super) fn scan_angle(b: &[u8], start: usize) -> Option<usize> {
    let mut j = start + 1;
    while let Some(&c) = b.get(j) {
        match c {
            b'>' => return Some(j + 1),
            b'"' => {
                let rest = b.get(j + 1..)?;
                let close = rest
                    .iter()
                    .take(MAX_QUOTED_LOCAL)
                    .position(|&q| q == b'"')?;
                j += close + 2;
            }
            b'\\' => j += 2,
            b' ' | b'<' | b'(' | b')' | b';' => return None,
            _ => j += 1,
        }
    }
    None
}

/// A non-empty run of ASCII digits.
pub(super) fn is_number(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Longest quoted local part accepted inside `<...>`.
pub(super) const MAX_QUOTED_LOCAL: usize = 64;

/// Splits unfolded text (single spaces only) into tokens.
///
/// Linear time: an unclosed comment is scanned once, and every `(` it left
/// open is then treated as a stray character; literals and angle addresses
/// stop at the next opener of their own kind; an unclosed quote is scanned
/// once, after which `"` is an ordinary stray character.
/// A `"` inside `<...>` is handled by [`scan_angle`].
pub(super) fn lex(s: &str) -> Vec<Token<'_>> {
    const LITERAL_STOPS: &[u8] = b" [()<>;\"";
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut never_comment: Vec<bool> = Vec::new();
    let mut comment_failures = 0;
    let mut quote_failed = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let mut push = |kind, text_start: usize, text_end: usize, end: usize| {
            out.push(Token {
                kind,
                text: sub(s, text_start, text_end),
                start: i,
                end,
            });
            end
        };
        i = match c {
            b' ' => i + 1,
            b'(' if comment_failures < 2 && !never_comment.get(i).copied().unwrap_or(false) => {
                match scan_comment(b, i) {
                    Ok(end) => push(Kind::Comment, i + 1, end - 1, end),
                    Err(open) => {
                        comment_failures += 1;
                        if never_comment.is_empty() {
                            never_comment = vec![false; b.len()];
                        }
                        for p in open {
                            if let Some(slot) = never_comment.get_mut(p) {
                                *slot = true;
                            }
                        }
                        push(Kind::Junk, i, i + 1, i + 1)
                    }
                }
            }
            b'[' => match scan_delimited(b, i, b']', LITERAL_STOPS) {
                Some(end) => {
                    // `[192.0.2.1]:2525`: the port is not kept.
                    let mut after = end;
                    if b.get(end) == Some(&b':') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
                        after = end + 1;
                        while b.get(after).is_some_and(u8::is_ascii_digit) {
                            after += 1;
                        }
                    }
                    push(Kind::Literal, i + 1, end - 1, after)
                }
                None => push(Kind::Junk, i, i + 1, i + 1),
            },
            b'<' => match scan_angle(b, i) {
                Some(end) => push(Kind::Angle, i + 1, end - 1, end),
                None => push(Kind::Junk, i, i + 1, i + 1),
            },
            b'"' if !quote_failed => match scan_delimited(b, i, b'"', &[]) {
                Some(end) => push(Kind::Quoted, i + 1, end - 1, end),
                None => {
                    quote_failed = true;
                    push(Kind::Junk, i, i + 1, i + 1)
                }
            },
            b';' => push(Kind::Semi, i, i + 1, i + 1),
            b',' => push(Kind::Comma, i, i + 1, i + 1),
            b'(' | b')' | b'"' => push(Kind::Junk, i, i + 1, i + 1),
            _ => {
                let mut j = i;
                while let Some(&d) = b.get(j) {
                    if is_word_delim(d) {
                        break;
                    }
                    j += if d == b'\\' { 2 } else { 1 };
                }
                let j = j.min(b.len());
                push(Kind::Word, i, j, j)
            }
        };
    }
    out
}
