//! What the vendor readers share: the [`Vendor`] entry each one exports,
//! and small readers for the shapes their headers have in common.

use crate::model::{FieldMeaning, FilterVerdict};

/// One vendor's reader: its name, and a function that reads one header
/// (name, value) into a verdict, or `None` when the header is not one of
/// this vendor's.
#[derive(Clone, Copy)]
pub struct Vendor {
    pub name: &'static str,
    pub read: fn(name: &str, value: &str) -> Option<FilterVerdict>,
}

/// Whether header `name` is `wanted` (any case, white space around
/// ignored).
pub fn is(name: &str, wanted: &str) -> bool {
    name.trim().eq_ignore_ascii_case(wanted)
}

/// Whether header `name` starts with `prefix` (any case) and has more.
pub fn has_prefix(name: &str, prefix: &str) -> bool {
    let name = name.trim();
    name.len() > prefix.len()
        && name
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// A number at the start of `text` (`9.3`, `-0.1`, `+2`, `5.0,`), when
/// it is a finite one.
pub fn number(text: &str) -> Option<f64> {
    let word = text.split_whitespace().next()?;
    let word = word.trim_matches(|c| matches!(c, ',' | ';' | '(' | ')' | '[' | ']'));
    let digits = word.trim_start_matches(['+', '-']);
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    word.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `Yes` / `No` (any case, `True` / `False` too).
pub fn yes_no(word: &str) -> Option<bool> {
    let word = word.trim().trim_end_matches(',');
    if word.eq_ignore_ascii_case("yes") || word.eq_ignore_ascii_case("true") {
        Some(true)
    } else if word.eq_ignore_ascii_case("no") || word.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A header this vendor writes but nobody documents: its value, raw.
pub fn raw_verdict(vendor: &'static str, name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(vendor, name);
    v.fields
        .push(FieldMeaning::new("value", value.trim(), None));
    v
}

/// `key<kv>value<sep>key<kv>value...` (Microsoft's `CIP:192.0.2.1;SCL:1;`,
/// Mimecast's `Policy=x;Similar Internal Domain=false`): the parts in
/// order, split at the first `kv`, trimmed; empty parts skipped; a part
/// without `kv` has an empty key.
pub fn key_values(text: &str, sep: char, kv: char) -> Vec<(&str, &str)> {
    text.split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once(kv) {
            Some((k, v)) => (k.trim(), v.trim()),
            None => ("", p),
        })
        .collect()
}

/// A SpamAssassin-style status line: `Yes, score=9.3 required=5.0
/// tests=A,B, C autolearn=no` (Barracuda writes the same shape with
/// upper-case keys).
#[derive(Debug, Default, PartialEq)]
pub struct StatusLine<'a> {
    /// The leading `Yes` or `No` as written.
    pub flag: Option<&'a str>,
    /// `key=value` in order; a `tests=` list runs on over folded words
    /// (and amavisd-new's `[NAME=score, ...]` brackets) until the next
    /// key.
    pub pairs: Vec<(&'a str, String)>,
    /// Words that belong to no key, joined by runs.
    pub stray: Vec<String>,
}

impl StatusLine<'_> {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

pub fn status_line<'a>(value: &'a str) -> StatusLine<'a> {
    let mut line = StatusLine::default();
    let mut words = value.split_whitespace().peekable();
    if let Some(first) = words.peek() {
        let first: &'a str = first.trim_end_matches(',');
        if first.eq_ignore_ascii_case("yes") || first.eq_ignore_ascii_case("no") {
            line.flag = Some(first);
            words.next();
        }
    }
    // Whether the current key's value takes more words, and how deep in
    // brackets it is.
    let mut open = false;
    let mut depth: i64 = 0;
    let mut stray: Vec<&str> = Vec::new();
    for word in words {
        let key = word
            .split_once('=')
            .map(|(k, _)| k)
            .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'));
        match key {
            Some(k) if depth <= 0 => {
                if !stray.is_empty() {
                    line.stray.push(stray.join(" "));
                    stray.clear();
                }
                let v = &word[k.len() + 1..];
                depth = brackets(v);
                open = k.eq_ignore_ascii_case("tests");
                line.pairs.push((k, v.to_string()));
            }
            _ if open || depth > 0 => {
                depth += brackets(word);
                if let Some((_, v)) = line.pairs.last_mut() {
                    if !v.is_empty() {
                        v.push(' ');
                    }
                    v.push_str(word);
                }
            }
            _ => stray.push(word),
        }
    }
    if !stray.is_empty() {
        line.stray.push(stray.join(" "));
    }
    line
}

fn brackets(word: &str) -> i64 {
    word.bytes().fold(0, |d, b| match b {
        b'[' => d + 1,
        b']' => d - 1,
        _ => d,
    })
}

/// Reads a status line ([`status_line`]) into a verdict of `vendor`: the
/// leading flag (spam or not), then each `key=value` with the meaning
/// `meaning` gives it (which may also record the score or a threshold on
/// the verdict), each test of a `tests=` list, and the words that belong
/// to no key, raw.
pub fn status_verdict(
    vendor: &'static str,
    name: &str,
    value: &str,
    mut meaning: impl FnMut(&mut FilterVerdict, &str, &str) -> Option<&'static str>,
) -> FilterVerdict {
    let mut v = FilterVerdict::new(vendor, name);
    let line = status_line(value);
    if let Some(flag) = line.flag {
        v.spam = yes_no(flag);
        let said = v.spam.map(|s| if s { "spam" } else { "not spam" });
        v.fields.push(FieldMeaning::new("status", flag, said));
    }
    for (key, raw) in &line.pairs {
        let said = meaning(&mut v, key, raw);
        v.fields.push(FieldMeaning::new(*key, raw.as_str(), said));
        if key.eq_ignore_ascii_case("tests") {
            for test in tests(raw) {
                v.fields.push(FieldMeaning::new("test", test, None));
            }
        }
    }
    for stray in line.stray {
        v.fields.push(FieldMeaning::new("", stray, None));
    }
    v
}

/// The tests of a `tests=` value: `A,B, C` or amavisd-new's
/// `[A=1.2, B=-0.1]`; `none` is none.
pub fn tests(list: &str) -> Vec<&str> {
    let list = list.trim().trim_start_matches('[').trim_end_matches(']');
    if list.eq_ignore_ascii_case("none") {
        return Vec::new();
    }
    list.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number("9.3"), Some(9.3));
        assert_eq!(number(" -0.1 (x)"), Some(-0.1));
        assert_eq!(number("+2,"), Some(2.0));
        assert_eq!(number(".5"), Some(0.5));
        for bad in ["", "inf", "NaN", "-inf", "x1", "1e999", "--1"] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_and_flags() {
        assert!(is(" x-spam-status ", "X-Spam-Status"));
        assert!(has_prefix("X-Proofpoint-GUID", "x-proofpoint-"));
        assert!(!has_prefix("X-Proofpoint-", "x-proofpoint-"));
        assert!(!has_prefix("X-É", "x-proofpoint-"));
        assert_eq!(yes_no("YES"), Some(true));
        assert_eq!(yes_no("False"), Some(false));
        assert_eq!(yes_no("maybe"), None);
    }

    #[test]
    fn key_value_lists() {
        assert_eq!(
            key_values(" CIP:2001:db8::1;CTRY:;junk;; SCL:1 ;", ';', ':'),
            vec![
                ("CIP", "2001:db8::1"),
                ("CTRY", ""),
                ("", "junk"),
                ("SCL", "1")
            ]
        );
    }

    #[test]
    fn status_lines() {
        let l = status_line(
            "Yes, score=9.3 required=5.0 tests=BAYES_99,HTML_MESSAGE,\n\tURIBL_BLACK autolearn=no version=3.4.6",
        );
        assert_eq!(l.flag, Some("Yes"));
        assert_eq!(l.get("score"), Some("9.3"));
        assert_eq!(l.get("tests"), Some("BAYES_99,HTML_MESSAGE, URIBL_BLACK"));
        assert_eq!(l.get("autolearn"), Some("no"));
        assert!(l.stray.is_empty());
        let l = status_line(
            "No, score=-1.2 tagged_above=-999 required=6.31 tests=[BAYES_00=-1.9, DKIM_SIGNED=0.1, DKIM_VALID=-0.1] autolearn=ham",
        );
        assert_eq!(
            l.get("tests"),
            Some("[BAYES_00=-1.9, DKIM_SIGNED=0.1, DKIM_VALID=-0.1]")
        );
        assert_eq!(l.get("autolearn"), Some("ham"));
        assert_eq!(
            tests(l.get("tests").unwrap()),
            ["BAYES_00=-1.9", "DKIM_SIGNED=0.1", "DKIM_VALID=-0.1"]
        );
        let l = status_line(
            "No, SCORE=0.50 using per-user scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=7.0 tests=HTML_MESSAGE, BSF_SC0_MISMATCH_TO",
        );
        assert_eq!(l.get("SCORE"), Some("0.50"));
        assert_eq!(l.stray, ["using per-user scores of"]);
        assert_eq!(l.get("KILL_LEVEL"), Some("7.0"));
        assert_eq!(
            tests(l.get("tests").unwrap()),
            ["HTML_MESSAGE", "BSF_SC0_MISMATCH_TO"]
        );
        assert_eq!(status_line("No").flag, Some("No"));
        assert_eq!(status_line(""), StatusLine::default());
        assert!(tests("none").is_empty());
    }
}
