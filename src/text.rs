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

/// Glues the parts of something that must stay on one line (`HELO
/// host`, `✔ trustworthy`, `+2 min 50 s`): [`fill`] breaks lines only at
/// plain spaces, and turns the glue back into spaces.
pub const GLUE: char = '\u{a0}';

/// `s` with its spaces made [`GLUE`], so [`fill`] keeps it on one line.
pub fn glue(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

/// Columns `s` takes on a terminal (wide characters count two, ANSI
/// colour sequences none).
pub fn display_width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// textwrap's options for lines that break only at plain spaces, first
/// fit (the next word goes on the line when it fits), words never cut.
fn at_spaces(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
}

/// Prose for the terminal: `text` wrapped at spaces (with textwrap) to
/// lines of at most `width` columns, the first line after `first`, the
/// others after `indent` (a hanging indent). Nothing between two spaces is
/// ever cut, nor anything [`glue`]d: an address, a host name or a code
/// longer than a line stands on a line of its own, moved left as far as it
/// takes to fit ([`outdent`]).
pub fn fill(text: &str, width: usize, first: &str, indent: &str) -> Vec<String> {
    let options = at_spaces(width.max(1))
        .initial_indent(first)
        .subsequent_indent(indent);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| {
            let line = line.replace(GLUE, " ");
            let trimmed = line.trim_start();
            if display_width(&line) > width && !trimmed.contains(' ') {
                outdent(trimmed, width)
            } else {
                line
            }
        })
        .collect()
}

/// A word too long for its indented line, moved left just enough to fit
/// (to the margin, and past it, when it is longer than a line).
pub fn outdent(word: &str, width: usize) -> String {
    let room = width.saturating_sub(display_width(word));
    format!("{}{word}", " ".repeat(room))
}

/// Breaks text into lines of at most `width` characters, at spaces where it
/// can (see [`wrap_hanging`]). Counts characters, so pass ASCII (see
/// [`to_ascii`]) for an exact column count.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_hanging(text, width, width)
}

/// Lines of at most `first_width` (the first, which follows a label) and
/// `width` (the others) characters, for plain text that must keep its
/// width whatever it holds. Lines break at spaces (textwrap, first fit); a
/// word longer than a line is cut where it reads best: before an `@` (a
/// message-id or address: local part, then domain), else after a `.`,
/// `-`, `/` or other punctuation, and only as a last resort inside a run
/// of letters.
pub fn wrap_hanging(text: &str, first_width: usize, width: usize) -> Vec<String> {
    use textwrap::WordSeparator;
    use textwrap::core::Word;
    let (first_width, width) = (first_width.max(1), width.max(1));
    let limit = first_width.min(width);
    let mut words: Vec<Word> = Vec::new();
    for word in WordSeparator::AsciiSpace.find_words(text) {
        if word.width <= limit {
            words.push(word);
            continue;
        }
        let mut pieces = Vec::new();
        split_long(word.word, limit, 0, &mut pieces);
        let last = pieces.len() - 1;
        for (i, piece) in pieces.into_iter().enumerate() {
            words.push(Word {
                word: piece,
                whitespace: if i == last { word.whitespace } else { "" },
                penalty: "",
                width: display_width(piece),
            });
        }
    }
    let widths = [first_width as f64, width as f64];
    let mut lines: Vec<String> = textwrap::wrap_algorithms::wrap_first_fit(&words, &widths)
        .iter()
        .map(|line| {
            let mut out = String::new();
            for (i, word) in line.iter().enumerate() {
                out.push_str(word.word);
                // Runs of spaces become one, as they always have.
                if i + 1 < line.len() && !word.whitespace.is_empty() {
                    out.push(' ');
                }
            }
            out
        })
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Where a long word may be cut, best first: before an `@`, then after
/// punctuation.
const CUTS: [(&[char], bool); 2] = [
    (&['@'], true),
    (
        &['.', '-', '/', ',', ';', '=', ':', '_', '+', '&', '?', ')'],
        false,
    ),
];

/// Pieces of `word` of at most `limit` columns, cut at the places of
/// [`CUTS`] from `class` on, packed greedily; cut anywhere (textwrap) when
/// none is left.
fn split_long<'a>(word: &'a str, limit: usize, class: usize, out: &mut Vec<&'a str>) {
    if display_width(word) <= limit {
        out.push(word);
        return;
    }
    let Some(&(marks, before)) = CUTS.get(class) else {
        let whole = textwrap::core::Word::from(word);
        out.extend(whole.break_apart(limit).map(|w| w.word));
        return;
    };
    // Segment ends: byte offsets where a cut may fall.
    let mut ends: Vec<usize> = word
        .char_indices()
        .filter(|(_, c)| marks.contains(c))
        .map(|(i, c)| if before { i } else { i + c.len_utf8() })
        .filter(|&i| i > 0 && i < word.len())
        .collect();
    ends.push(word.len());
    let mut start = 0;
    let mut end = 0;
    for &next in &ends {
        if display_width(&word[start..next]) <= limit {
            end = next;
            continue;
        }
        if end > start {
            out.push(&word[start..end]);
            start = end;
        }
        if display_width(&word[start..next]) <= limit {
            end = next;
        } else {
            split_long(&word[start..next], limit, class + 1, out);
            start = next;
            end = next;
        }
    }
    if end > start {
        out.push(&word[start..end]);
    }
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
    fn long_words_are_cut_where_they_read_best() {
        let id = "<AM0PR02MB56788B25A5321BD677CDFB319F40F289@AM0PR02MB5678.eurprd02.prod.outlook.example>";
        assert_eq!(
            wrap_hanging(id, 64, 64),
            vec![
                "<AM0PR02MB56788B25A5321BD677CDFB319F40F289",
                "@AM0PR02MB5678.eurprd02.prod.outlook.example>"
            ]
        );
        assert_eq!(
            wrap("see mail.eur05.prod.outlook.example now", 16),
            vec!["see", "mail.eur05.prod.", "outlook.example", "now"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn fill_never_cuts_a_word() {
        assert_eq!(
            fill("Verdict went through mx.example.net fine", 20, "V: ", "   "),
            vec![
                "V: Verdict went",
                "   through",
                "   mx.example.net",
                "   fine"
            ]
        );
        // Longer than the line: alone, and without the indent.
        let long = "a-very-long-host-name.example.net";
        assert_eq!(
            fill(&format!("by {long} ok"), 20, "", "    "),
            vec!["by", long, "    ok"]
        );
        // Longer than the indented line only: moved left just enough.
        assert_eq!(
            fill("by the mail.example.org", 20, "", "      "),
            vec!["by the", "    mail.example.org"]
        );
        // Glued words stay together.
        let lines = fill(&format!("x {} y", glue("IP   192.0.2.1")), 12, "", "");
        assert_eq!(lines, vec!["x", "IP   192.0.2.1", "y"]);
        assert_eq!(display_width("✔ ok"), 4);
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
