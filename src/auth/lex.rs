//! Reading the structured header values the parsers share: comments and
//! quoted strings (RFC 5322 §3.2), `key=value` items, DKIM-style tag lists
//! (RFC 6376 §3.2), and the client IP that receivers write in free text.
//!
//! Real headers break the grammar, so everything here is lenient and
//! linear: a `(` without its `)`, or a `"` without its closing quote, is an
//! ordinary character (the rest of the header is not swallowed), and no
//! input makes a loop go back over text it has read.

use std::collections::HashSet;
use std::net::IpAddr;

use crate::model::Pair;

/// One piece of a header value, with its place in the text (byte offsets
/// of its first and past-last characters, delimiters included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind<'a>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind<'a> {
    /// A run of characters up to white space, a comment, a quoted string
    /// or the separator.
    Word(&'a str),
    /// A quoted string's content, quoted pairs (`\"`) resolved.
    Quoted(String),
    /// A comment's content without its outer parentheses, as written:
    /// nested comments and quoted pairs are kept.
    Comment(&'a str),
    /// The separator the caller named (`;`).
    Separator,
}

/// Marks "no closing parenthesis" in the table [`tokens`] builds.
const NONE: u32 = u32::MAX;

/// For each `(` in `bytes`, the offset of the `)` that closes it; [`NONE`]
/// for every other byte and for a `(` that is never closed. One pass with
/// a stack; a backslash escapes the next byte.
fn closing_parens(bytes: &[u8]) -> Vec<u32> {
    let mut close = vec![NONE; bytes.len()];
    let mut open = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => open.push(i),
            b')' => {
                if let Some(o) = open.pop() {
                    close[o] = u32::try_from(i).unwrap_or(NONE);
                }
            }
            _ => {}
        }
        i += 1;
    }
    close
}

/// Finds closing quotes, remembering when there are none left.
struct Quotes {
    /// No unescaped `"` follows this offset (set after a failed search).
    none_after: Option<usize>,
    /// The last search: the opening quote's offset and its closing one.
    last: Option<(usize, usize)>,
}

impl Quotes {
    /// The offset of the quote closing the one at `open`, if any.
    fn closing(&mut self, bytes: &[u8], open: usize) -> Option<usize> {
        if self.none_after.is_some_and(|n| open >= n) {
            return None;
        }
        if let Some((o, c)) = self.last
            && o == open
        {
            return Some(c);
        }
        let mut i = open + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'"' => {
                    self.last = Some((open, i));
                    return Some(i);
                }
                _ => {}
            }
            i += 1;
        }
        // Every later `"` was escaped in this scan, so none of them can
        // open a closed quoted string either.
        self.none_after = Some(open);
        None
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c')
}

/// Splits `text` into words, quoted strings, comments and (when `sep` is
/// given) separators outside comments and quoted strings. White space
/// between tokens and stray `)` are dropped.
pub fn tokens(text: &str, sep: Option<u8>) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let close = closing_parens(bytes);
    let mut quotes = Quotes {
        none_after: None,
        last: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_space(b) || b == b')' {
            i += 1;
            continue;
        }
        if Some(b) == sep {
            out.push(Token {
                kind: TokenKind::Separator,
                start: i,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        if b == b'(' && close[i] != NONE {
            let end = close[i] as usize;
            out.push(Token {
                kind: TokenKind::Comment(&text[i + 1..end]),
                start: i,
                end: end + 1,
            });
            i = end + 1;
            continue;
        }
        if b == b'"'
            && let Some(end) = quotes.closing(bytes, i)
        {
            out.push(Token {
                kind: TokenKind::Quoted(unquote(&text[i + 1..end])),
                start: i,
                end: end + 1,
            });
            i = end + 1;
            continue;
        }
        // A word: up to white space, the separator, a comment or a quoted
        // string that closes, or a stray `)`.
        let start = i;
        i += 1;
        while i < bytes.len() {
            let c = bytes[i];
            let ends = is_space(c)
                || c == b')'
                || Some(c) == sep
                || (c == b'(' && close[i] != NONE)
                || (c == b'"' && quotes.closing(bytes, i).is_some());
            if ends {
                break;
            }
            i += 1;
        }
        out.push(Token {
            kind: TokenKind::Word(&text[start..i]),
            start,
            end: i,
        });
    }
    out
}

/// A quoted string's content with its quoted pairs resolved.
fn unquote(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One item of a `key=value` list, with its place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    pub kind: ItemKind<'a>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind<'a> {
    /// `key=value`: split at the first `=`, so values may hold `=`
    /// (`prvs=1234=a@example.org`). White space is allowed after `=`
    /// (`header.from= example.org`), and the value may be quoted.
    Pair {
        key: &'a str,
        value: String,
    },
    /// A word with no `=`.
    Word(&'a str),
    /// A quoted string that is no pair's value.
    Quoted(String),
    Comment(&'a str),
    Separator,
}

/// Joins tokens into items: `key=value`, `key= value`, `key="value"`,
/// `key = value` and `key =value` are pairs.
pub fn items<'a>(tokens: &[Token<'a>]) -> Vec<Item<'a>> {
    let mut out: Vec<Item<'a>> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let token = &tokens[k];
        k += 1;
        let w: &'a str = match &token.kind {
            TokenKind::Word(w) => w,
            TokenKind::Quoted(q) => {
                out.push(item(ItemKind::Quoted(q.clone()), token));
                continue;
            }
            TokenKind::Comment(c) => {
                out.push(item(ItemKind::Comment(c), token));
                continue;
            }
            TokenKind::Separator => {
                out.push(item(ItemKind::Separator, token));
                continue;
            }
        };
        let (key, rest, start) = match w.find('=') {
            None => {
                out.push(item(ItemKind::Word(w), token));
                continue;
            }
            Some(0) => {
                // `key =value` or `key = value`: the key is the word before.
                let before = match out.last() {
                    Some(Item {
                        kind: ItemKind::Word(prev),
                        start,
                        ..
                    }) => Some((*prev, *start)),
                    _ => None,
                };
                match before {
                    Some((prev, start)) => {
                        out.pop();
                        (prev, &w[1..], start)
                    }
                    None => {
                        out.push(item(ItemKind::Word(w), token));
                        continue;
                    }
                }
            }
            Some(eq) => (&w[..eq], &w[eq + 1..], token.start),
        };
        let mut end = token.end;
        let value = if rest.is_empty() {
            match tokens.get(k) {
                Some(Token {
                    kind: TokenKind::Quoted(q),
                    end: e,
                    ..
                }) => {
                    end = *e;
                    k += 1;
                    q.clone()
                }
                Some(Token {
                    kind: TokenKind::Word(v),
                    end: e,
                    ..
                }) if !v.contains('=') => {
                    end = *e;
                    k += 1;
                    (*v).to_string()
                }
                _ => String::new(),
            }
        } else {
            rest.to_string()
        };
        out.push(Item {
            kind: ItemKind::Pair { key, value },
            start,
            end,
        });
    }
    out
}

fn item<'a>(kind: ItemKind<'a>, token: &Token<'_>) -> Item<'a> {
    Item {
        kind,
        start: token.start,
        end: token.end,
    }
}

/// A DKIM-style tag list (`a=rsa-sha256; d=example.org; b=...`): the tags
/// in order, the names that occur more than once, and the parts that are
/// no `tag=value`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagList {
    /// Names as written (tags are case-sensitive), values trimmed with
    /// folding inside kept.
    pub tags: Vec<Pair>,
    /// Each name that occurs more than once, once.
    pub duplicates: Vec<String>,
    pub unread: Vec<String>,
}

impl TagList {
    /// The first value of tag `name` (exact case, as RFC 6376 says).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.value.as_str())
    }
}

/// Reads a tag list: `;`-separated `name=value` parts, split at the first
/// `=` (base64 values end in `=`), white space around names and values
/// dropped.
pub fn tag_list(value: &str) -> TagList {
    let mut list = TagList::default();
    let mut seen = HashSet::new();
    let mut repeated = HashSet::new();
    for part in value.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match part.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                let name = name.trim();
                if !seen.insert(name) && repeated.insert(name) {
                    list.duplicates.push(name.to_string());
                }
                list.tags.push(Pair::new(name, value.trim()));
            }
            _ => list.unread.push(part.to_string()),
        }
    }
    list
}

/// `text` without any white space (folded base64: `b=`, `bh=`).
pub fn without_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// An IP address written as one word: brackets, angle brackets, quotes
/// and a trailing `.` or `,` around it, and an `IPv6:` prefix, are
/// dropped. IPv4-mapped IPv6 addresses are read as IPv4.
pub fn ip_word(word: &str) -> Option<IpAddr> {
    let word = word
        .trim_matches(|c| {
            matches!(
                c,
                '[' | ']' | '(' | ')' | '<' | '>' | '\'' | '"' | ',' | ';'
            )
        })
        .trim_end_matches('.');
    let word = match word.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("ipv6:") => &word[5..],
        _ => word,
    };
    word.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

/// The client IP a receiver wrote in free text (a comment), in the forms
/// receivers use: `sender IP is 192.0.2.1` (Microsoft), `designates
/// 192.0.2.1 as permitted sender` and `does not designate 192.0.2.1`
/// (Gmail, Microsoft, libspf2), `192.0.2.1 is neither permitted nor
/// denied` (Gmail), `192.0.2.1 is authorized to use` (pyspf),
/// `client-ip=192.0.2.1`. No other address in the text is taken: a
/// comment can name other machines.
pub fn recorded_ip(text: &str) -> Option<IpAddr> {
    let lower = text.to_ascii_lowercase();
    const AFTER: &[&str] = &["sender ip is ", "client-ip=", "designates ", "designate "];
    const BEFORE: &[&str] = &[
        " is neither permitted nor denied",
        " is authorized to use",
        " is not authorized to use",
    ];
    for key in AFTER {
        if let Some(at) = lower.find(key) {
            let rest = &text[at + key.len()..];
            if let Some(ip) = rest.split_whitespace().next().and_then(ip_word) {
                return Some(ip);
            }
        }
    }
    for key in BEFORE {
        if let Some(at) = lower.find(key)
            && let Some(ip) = text[..at].split_whitespace().next_back().and_then(ip_word)
        {
            return Some(ip);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind<'_>> {
        tokens(text, Some(b';'))
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn tokens_of_a_header() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"mx.example.net (amavis); dkim=pass (2048-bit key) header.b="ab\"c";x"#),
            vec![
                Word("mx.example.net"),
                Comment("amavis"),
                Separator,
                Word("dkim=pass"),
                Comment("2048-bit key"),
                Word("header.b="),
                Quoted("ab\"c".into()),
                Separator,
                Word("x"),
            ]
        );
        // Nested comments stay whole; `;` inside them does not separate.
        assert_eq!(
            kinds("a (b (c; d) e) f"),
            vec![Word("a"), Comment("b (c; d) e"), Word("f")]
        );
        // No space before a comment (Zoho: `dmarc=pass(p=none)`).
        assert_eq!(
            kinds("dmarc=pass(p=none dis=none)"),
            vec![Word("dmarc=pass"), Comment("p=none dis=none")]
        );
        // Offsets include the delimiters.
        let t = tokens("  (c) \"q\" w", None);
        assert_eq!((t[0].start, t[0].end), (2, 5));
        assert_eq!((t[1].start, t[1].end), (6, 9));
        assert_eq!((t[2].start, t[2].end), (10, 11));
    }

    #[test]
    fn unclosed_delimiters_are_ordinary_characters() {
        use TokenKind::*;
        // The stray `(` does not swallow the rest of the header.
        assert_eq!(
            kinds("spf=pass (oops; dkim=pass (ok)"),
            vec![
                Word("spf=pass"),
                Word("(oops"),
                Separator,
                Word("dkim=pass"),
                Comment("ok"),
            ]
        );
        assert_eq!(
            kinds("reason=\"cut; spf=pass"),
            vec![Word("reason=\"cut"), Separator, Word("spf=pass")]
        );
        // A stray `)` is dropped.
        assert_eq!(kinds("a) b"), vec![Word("a"), Word("b")]);
        // Escaped parentheses do not count.
        assert_eq!(kinds(r"(a \) b) c"), vec![Comment(r"a \) b"), Word("c")]);
        assert_eq!(kinds(""), vec![]);
        assert_eq!(kinds("\\"), vec![Word("\\")]);
    }

    #[test]
    fn items_join_keys_and_values() {
        let toks = tokens(r#"a=1 b= 2 c = 3 d =4 e="q r" f= g=h=i (c) w"#, Some(b';'));
        let got: Vec<String> = items(&toks)
            .into_iter()
            .map(|i| match i.kind {
                ItemKind::Pair { key, value } => format!("{key}={value}"),
                ItemKind::Word(w) => format!("word:{w}"),
                ItemKind::Comment(c) => format!("comment:{c}"),
                ItemKind::Quoted(q) => format!("quoted:{q}"),
                ItemKind::Separator => ";".into(),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                "a=1",
                "b=2",
                "c=3",
                "d=4",
                "e=q r",
                "f=",
                "g=h=i",
                "comment:c",
                "word:w"
            ]
        );
        // The span of a joined pair covers both words.
        let toks = tokens("x key= value y", None);
        let its = items(&toks);
        assert_eq!((its[1].start, its[1].end), (2, 12));
    }

    #[test]
    fn tag_lists() {
        let l =
            tag_list(" v=1; a = rsa-sha256 ;d= example.org; b=abc\r\n def==; ;junk; =x; d=again;");
        assert_eq!(l.get("a"), Some("rsa-sha256"));
        assert_eq!(l.get("d"), Some("example.org"));
        assert_eq!(l.get("b"), Some("abc\r\n def=="));
        assert_eq!(l.get("D"), None);
        assert_eq!(l.duplicates, vec!["d"]);
        assert_eq!(l.unread, vec!["junk", "=x"]);
        assert_eq!(without_space("abc\r\n def=="), "abcdef==");
    }

    #[test]
    fn ips_recorded_in_comments() {
        let ip = |t: &str| recorded_ip(t).map(|i| i.to_string());
        assert_eq!(ip("sender IP is 192.0.2.1").as_deref(), Some("192.0.2.1"));
        assert_eq!(ip("sender IP is "), None);
        assert_eq!(
            ip("example.com: domain of a@example.org designates 2001:db8::25 as permitted sender")
                .as_deref(),
            Some("2001:db8::25")
        );
        assert_eq!(
            ip("mx.example.net: domain of example.org does not designate 198.51.100.3 as permitted sender").as_deref(),
            Some("198.51.100.3")
        );
        assert_eq!(
            ip("google.com: 203.0.113.9 is neither permitted nor denied by best guess record for domain of x@example.org").as_deref(),
            Some("203.0.113.9")
        );
        assert_eq!(
            ip("mail.example.net: 192.0.2.77 is authorized to use 'a@example.org' in 'mfrom' identity (mechanism 'ip4:192.0.2.0/24' matched)").as_deref(),
            Some("192.0.2.77")
        );
        assert_eq!(
            ip("client-ip=[IPv6:2001:db8::1];").as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(
            ip("::ffff:192.0.2.5 is authorized to use").as_deref(),
            Some("192.0.2.5")
        );
        // Other addresses in a comment are not the client.
        assert_eq!(ip("resolver 192.0.2.53 timed out"), None);
        assert_eq!(
            ip("example.org does not designate permitted sender hosts"),
            None
        );
    }
}
