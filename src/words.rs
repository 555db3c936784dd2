//! Small text helpers for the header and notice parsers: collapsing
//! whitespace, measuring indentation and comparing words without regard to
//! ASCII case.
//!
//! The parsers compare every word of every header with keywords; doing it
//! without allocating a lower-cased copy each time is a large share of
//! batch speed.

use std::borrow::Cow;

/// `text` with each run of whitespace (folding included) turned into one
/// space, and none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    collapsed(text).into_owned()
}

/// The same, borrowing `text` when it is collapsed already (as header
/// values unfolded by [`crate::message`] are).
pub fn collapsed(text: &str) -> Cow<'_, str> {
    if !text.is_ascii() {
        return Cow::Owned(collapse_unicode_whitespace(text));
    }
    let bytes = text.as_bytes();
    let clean = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.iter().any(|b| matches!(b, b'\t'..=b'\r'))
        && !bytes.windows(2).any(|w| w == b"  ");
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(collapse_ascii_whitespace(text))
    }
}

fn collapse_unicode_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The same for ASCII text (nearly every header), a byte at a time: the
/// whitespace characters are those `char::is_whitespace` knows in ASCII.
fn collapse_ascii_whitespace(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut space = false;
    for &b in text.as_bytes() {
        if matches!(b, b' ' | b'\t'..=b'\r') {
            space = !out.is_empty();
        } else {
            if space {
                out.push(b' ');
                space = false;
            }
            out.push(b);
        }
    }
    // Only ASCII bytes were copied.
    String::from_utf8(out).unwrap_or_default()
}

/// The width of a line's leading white space, in bytes.
pub fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// True when `haystack` contains `needle`, ignoring ASCII case. `needle`
/// must be lower case.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// True when `text` starts with `prefix`, ignoring ASCII case.
pub fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    strip_prefix_ignore_case(text, prefix).is_some()
}

/// `text` after `prefix`, when it starts with it (ignoring ASCII case).
pub fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.as_bytes().get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// The first bytes of a word, lower-cased on the stack, for matching
/// against keywords and keyword prefixes.
///
/// Only the first [`Lower::CAPACITY`] bytes are kept (cut at a character
/// boundary): every keyword compared is shorter, so a longer word can
/// still match a keyword *prefix* (`version=...`) but never equal a whole
/// keyword by being cut.
pub struct Lower {
    buf: [u8; Lower::CAPACITY],
    len: usize,
}

impl Lower {
    pub const CAPACITY: usize = 32;

    pub fn of(word: &str) -> Lower {
        let mut len = word.len().min(Self::CAPACITY);
        while !word.is_char_boundary(len) {
            len -= 1;
        }
        let mut buf = [0; Self::CAPACITY];
        buf[..len].copy_from_slice(&word.as_bytes()[..len]);
        buf[..len].make_ascii_lowercase();
        Lower { buf, len }
    }

    pub fn as_str(&self) -> &str {
        // Cut at a character boundary and changed only in ASCII letters.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_runs_of_whitespace() {
        assert_eq!(collapse_whitespace("  a \t\r\n b  c "), "a b c");
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(collapse_whitespace("a\x0bb\x0cc"), "a b c");
        // The ASCII path and the Unicode one agree.
        for text in ["x \u{a0}y", "\u{2003}z  w\t", " q\r\n\tr "] {
            let ascii: String = text.chars().filter(char::is_ascii).collect();
            let words: Vec<&str> = ascii.split_whitespace().collect();
            assert_eq!(collapse_whitespace(&ascii), words.join(" "));
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapse_whitespace(text), words.join(" "));
        }
    }

    #[test]
    fn borrows_text_that_is_collapsed_already() {
        assert!(matches!(collapsed("from a by b; Mon"), Cow::Borrowed(_)));
        for text in [" a", "a ", "a  b", "a\tb", "a\r\n b", "a\u{a0}b", ""] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapsed(text), words.join(" "), "{text:?}");
        }
    }

    #[test]
    fn indents_are_measured_in_bytes() {
        assert_eq!(indent("    host"), 4);
        assert_eq!(indent("\t x"), 2);
        assert_eq!(indent("x  "), 0);
        assert_eq!(indent("   "), 3);
    }

    #[test]
    fn compares_without_case() {
        assert!(contains_ignore_case("host May Be Forged)", "may be forged"));
        assert!(!contains_ignore_case("may be", "may be forged"));
        assert!(starts_with_ignore_case(
            "Envelope-From <a@b>",
            "envelope-from"
        ));
        assert!(!starts_with_ignore_case("Env", "envelope-from"));
        assert_eq!(
            strip_prefix_ignore_case("IDENT:root@h", "ident:"),
            Some("root@h")
        );
        assert_eq!(strip_prefix_ignore_case("é", "e"), None);
    }

    #[test]
    fn lowers_the_head_of_a_word_at_a_character_boundary() {
        assert_eq!(Lower::of("HELO=Mail.Example").as_str(), "helo=mail.example");
        let long = format!("Version={}", "A".repeat(40));
        let lower = Lower::of(&long);
        assert_eq!(lower.as_str().len(), Lower::CAPACITY);
        assert!(lower.as_str().starts_with("version=aaa"));
        // 31 ASCII bytes then a two-byte character: cut before it.
        let cut = format!("{}é", "x".repeat(31));
        assert_eq!(Lower::of(&cut).as_str(), "x".repeat(31));
        assert_eq!(
            Lower::of("Ünïcode").as_str(),
            "Ünïcode".to_ascii_lowercase()
        );
    }
}
