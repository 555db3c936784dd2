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
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_bidi() {
        assert_eq!(escape_controls("plain"), "plain");
        assert_eq!(escape_controls("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(escape_controls("x\u{9b}31m\u{7f}"), "x\\u{9b}31m\\x7f");
        assert_eq!(escape_controls("\u{202e}gpj.exe"), "\\u{202e}gpj.exe");
        assert_eq!(escape_controls("tab\there\0"), "tab\\x09here\\x00");
    }
}
