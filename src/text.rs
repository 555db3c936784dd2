//! Making message-derived text safe to print.
//!
//! A message can carry escape sequences that would move the cursor, change
//! colours or retitle the user's terminal, and bidirectional overrides that
//! make text read differently from what it is. Every renderer passes
//! message-derived strings through here.

use std::borrow::Cow;

/// Characters that must never reach a terminal as themselves: C0 and C1
/// controls, DEL, and the Unicode bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Replaces unsafe characters with visible escapes (`\x1b`, `\u{202e}`).
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&visible_escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `\x1b` for ASCII, `\u{202e}` beyond.
fn visible_escape(c: char) -> String {
    if (c as u32) < 0x80 {
        format!("\\x{:02x}", c as u32)
    } else {
        format!("\\u{{{:x}}}", c as u32)
    }
}

/// The tool's own typographic marks and their ASCII stand-ins.
const ASCII_STAND_INS: &[(char, &str)] = &[
    ('—', "-"),
    ('–', "-"),
    ('→', "->"),
    ('≠', "!="),
    ('…', "..."),
    ('✔', "ok"),
    ('✓', "ok"),
    ('✗', "FAIL"),
    ('✖', "x"),
    ('⚠', "!"),
    ('·', "-"),
    ('▲', "^"),
    ('▼', "v"),
];

/// Plain ASCII: the tool's marks become ASCII stand-ins and any other
/// non-ASCII character a visible escape (`caf\u{e9}`), so the text survives
/// any mail or ticket system. Apply after [`escape_controls`].
pub fn to_ascii(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some((_, ascii)) = ASCII_STAND_INS.iter().find(|(m, _)| *m == c) {
            out.push_str(ascii);
        } else {
            out.push_str(&visible_escape(c));
        }
    }
    Cow::Owned(out)
}

/// Breaks text into lines of at most `width` characters, at spaces where it
/// can, inside a word when a word is longer than a line. Counts characters,
/// so pass ASCII (see [`to_ascii`]) for an exact column count.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_hanging(text, width, width)
}

/// [`wrap`] with a different width for the first line (which follows a label).
pub fn wrap_hanging(text: &str, first_width: usize, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let limit = |lines: &Vec<String>| if lines.is_empty() { first_width } else { width }.max(1);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.len() <= limit(&lines) {
            line.push(' ');
            line.extend(word);
            continue;
        }
        if len > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > limit(&lines) {
            let rest = word.split_off(limit(&lines));
            lines.push(word.into_iter().collect());
            word = rest;
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stand_ins_and_escapes() {
        assert_eq!(to_ascii("plain"), "plain");
        assert_eq!(to_ascii("a — b → c ✔"), "a - b -> c ok");
        assert_eq!(to_ascii("café"), "caf\\u{e9}");
    }

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("x  y", 10), vec!["x y"]);
        assert_eq!(wrap_hanging("aa bb cc dd", 2, 5), vec!["aa", "bb cc", "dd"]);
        for line in wrap(&"word ".repeat(50), 13) {
            assert!(line.len() <= 13, "{line}");
        }
    }

    #[test]
    fn escapes_terminal_controls_and_bidi() {
        assert_eq!(escape_controls("plain"), "plain");
        assert_eq!(escape_controls("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(escape_controls("x\u{9b}31m\u{7f}"), "x\\u{9b}31m\\x7f");
        assert_eq!(escape_controls("\u{202e}gpj.exe"), "\\u{202e}gpj.exe");
        assert_eq!(escape_controls("tab\there\0"), "tab\\x09here\\x00");
    }
}
