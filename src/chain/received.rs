//! The Received header clause parser.
//!
//! Parses the raw text of one `Received:` header value into its clauses
//! (`from`, `by`, `via`, `with`, `id`, `for`, `envelope-from`, comments,
//! date). Real MTAs disagree on order, spelling and what goes in comments, so
//! the parser is tolerant: it never fails and never panics; what it cannot
//! place lowers the [`ParseQuality`] instead.
//!
//! It is a hand-written tokenizer (words, `[...]` literals, `<...>`
//! addresses, nested `(...)` comments with quoted pairs, quoted strings, `;`)
//! followed by a walk over the clause keywords, then mining of the comments.
//! Everything is iterative and linear in the input length.
//!
//! Decisions worth knowing:
//!
//! * `envelope_from` of the null sender `<>` is `Some("<>")`.
//! * `with`: words are uppercased (`esmtpsa` -> `ESMTPSA`). Microsoft's
//!   `with Microsoft SMTP Server` (and IIS `Microsoft SMTPSVC`) is reported
//!   as `ESMTPS` when the header shows TLS (`version=...` or a bare `(TLS)`),
//!   else `ESMTP`; other Microsoft products name the protocol last
//!   (`with Microsoft Exchange Server HTTP-DAV` -> `HTTP-DAV`). Mimecast's
//!   `with ESMTP with STARTTLS` gives `ESMTPS`, and `with ESMTP with both
//!   STARTTLS and AUTH` gives `ESMTPSA`.
//! * `tls` is `"<version> <cipher>"` with the version spelt `TLSv1.x`, or
//!   whichever of the two is known; `None` when the header gives no details
//!   (`ESMTPS` alone, or a bare `(TLS)`). A comment that starts with a
//!   version and a cipher (`(TLSv1.3 TLS13_AES_256_GCM_SHA384)`) gives both,
//!   and so do colon-separated details in either order
//!   (`(TLS1.2:CIPHER:256)`, qpsmtpd's `(CIPHER:TLSv1.3:Kx=any:...)`).
//! * `auth` is the authenticated identity when written, else
//!   `"authenticated"` when a comment or the protocol (`ESMTPA`, `ESMTPSA`,
//!   `LMTPA`, `UTF8SMTPSA`, ...) says the client authenticated. CommuniGate
//!   Pro writes the identity as `(account user@domain ...)`, qpsmtpd as
//!   `(smtp-auth username carol, mechanism ...)`.
//! * HELO vs rDNS: the from word is the HELO name unless a comment gives the
//!   HELO (`helo=x`, `HELO x`): then the from word is the rDNS name (Exim,
//!   qmail). `from name ([ip])` therefore gives `helo = name`, no rDNS.
//!   `unknown` is never a name. A bare IP from word (webmail) is an address,
//!   not a HELO; an address literal from word is both the HELO (`[ip]`,
//!   IPv6 without the `IPv6:` tag) and, failing a better one, the address.
//!   ZMailer's quoted `"EHLO name"` counts as a comment's HELO; a name
//!   written against its literal without a space (`(name[192.0.2.1])`) is
//!   read as `name [192.0.2.1]`.
//! * IPv4-mapped IPv6 addresses (`::ffff:192.0.2.7`) become IPv4.
//! * `ident`: `from userid 1000` -> `userid 1000`; `(from user@localhost)`
//!   and `(root@localhost)` -> the whole `user@host`; `(ident@host [ip])` ->
//!   `ident` (with `host` as rDNS; old Sendmail's `IDENT:` label dropped);
//!   qmail `invoked by uid 89` and qmail-scanner `(..., uid 89)` -> `uid 89`;
//!   Exim `from alice ... with local` -> `alice`.
//! * `(name [local])` (OpenSMTPD) and `(name [unix socket])` (Cyrus): the
//!   name is the rDNS name, with no address. Gmail's `from N named X`: X
//!   is the rDNS name (`unknown`: none).
//! * Aliyun's `(mailfrom:x fp:...)` gives the envelope sender; T-Online's
//!   `with (TLSv1.3:CIPHER encrypted) esmtp` gives the TLS version and cipher.
//! * `with Product PROTO` (`with MailEnable ESMTP`) gives `PROTO`; IronPort's
//!   `with ESMTP/TLS/CIPHER` gives `ESMTPS` and the cipher.
//! * The date is the text after the last top-level `;` (Courier's trailing
//!   `id ...` removed, and so is a run of comments after it that carries
//!   clause data: Postmark's and Sendmail's `(envelope-from x)`, Yandex's
//!   `(using TLS with cipher X)`; zone comments such as `(CET)` stay). A
//!   header with neither `;` nor a date was cut short: Partial. Without any `;`, a trailing date is still taken but
//!   the header is [`ParseQuality::Partial`]; so is a date that does not
//!   parse. A header with a good date and nothing else wrong is `Full`.

use std::net::IpAddr;

use chrono::{DateTime, FixedOffset};

use super::date::parse_date;
use crate::host;
use crate::model::ParseQuality;
use crate::words::{
    Lower, collapsed, contains_ignore_case, starts_with_ignore_case, strip_prefix_ignore_case,
};

/// What one Received header says.
///
/// Host names are lowercase without a trailing dot. `None` means the header
/// does not say (or says "unknown").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Name (or address literal such as `[192.0.2.1]`) the client gave in HELO/EHLO.
    pub helo: Option<String>,
    /// Reverse-DNS name the receiving MTA looked up for the client.
    pub rdns: Option<String>,
    /// Connecting IP address as recorded by the receiving MTA.
    pub ip: Option<IpAddr>,
    /// IPv6 zone id (`%eth0`) when one was written after the address.
    pub ip_zone: Option<String>,
    /// The receiver marked the rDNS name as not forward-confirmed (`may be forged`).
    pub may_be_forged: bool,
    /// RFC 1413 ident or local user (`from userid 1000`, `from user@localhost`).
    pub ident: Option<String>,
    /// The receiving host (the `by` clause).
    pub by_host: Option<String>,
    /// The receiving host's IP when the header gives it.
    pub by_ip: Option<IpAddr>,
    /// The `via` clause (`Frontend Transport`, `mapi`).
    pub via: Option<String>,
    /// Protocol, normalised: `SMTP`, `ESMTP`, `ESMTPS`, `ESMTPSA`, `LMTP`, `HTTP`, ...
    pub with: Option<String>,
    /// The receiver's queue id.
    pub id: Option<String>,
    /// Envelope recipient (`for <user@example.net>`), without angle brackets.
    pub for_addr: Option<String>,
    /// Envelope sender when the header gives it (`envelope-from <...>`).
    pub envelope_from: Option<String>,
    /// Authentication: the authenticated user, or a short description of it.
    pub auth: Option<String>,
    /// TLS version and cipher when given (`TLSv1.3 TLS_AES_256_GCM_SHA384`).
    pub tls: Option<String>,
    /// The date text after the last `;`, whitespace collapsed.
    pub date_text: Option<String>,
    /// `date_text` read as a date, with the offset as written; `None` when
    /// it is not a valid date.
    pub date: Option<DateTime<FixedOffset>>,
    /// How much of the header was understood.
    pub quality: ParseQuality,
}

/// Parses the value of one Received header (without the `Received:` name).
///
/// Folding (CRLF/LF plus whitespace) and runs of whitespace are collapsed
/// first, so the raw header value can be passed as is. Never panics; runs in
/// time linear in the input length.
pub fn parse_received(raw: &str) -> Received {
    let text = collapsed(raw);
    let mut walk_tokens = lex(&text);

    // The date is after the last top-level `;`. Courier writes its queue id
    // after the date (`...; Tue, 05 Mar 2024 10:00:00 +0100 id 000A1B2C...`):
    // an `id` word there ends the date and starts an id clause.
    let mut date_text = None;
    let last_semi = walk_tokens.iter().rposition(|t| t.kind == Kind::Semi);
    if let Some(si) = last_semi {
        let tail = walk_tokens.split_off(si + 1);
        let date_start = walk_tokens.pop().map_or(text.len(), |semi| semi.end);
        // Postmark and Yandex write comments after the date
        // (`(envelope-from <x>)`, `(using TLS with cipher X)`): a run of
        // such comments that ends the header is mined, not part of the date.
        let id_pos = tail
            .iter()
            .position(|t| t.kind == Kind::Word && t.text.eq_ignore_ascii_case("id"))
            .or_else(|| trailing_clause_comments(&tail));
        let date_end = id_pos
            .and_then(|p| tail.get(p))
            .map_or(text.len(), |t| t.start);
        let date = sub(&text, date_start, date_end).trim();
        if !date.is_empty() {
            date_text = Some(date.to_string());
        }
        if let Some(p) = id_pos {
            walk_tokens.extend_from_slice(tail.get(p..).unwrap_or(&[]));
        }
    }

    let mut walk = Walk::run(&walk_tokens);
    let mined = Mined::from_comments(&walk.comments);
    let tls_hint = mined.tls_version.is_some() || mined.tls_flag;
    let with = walk.protocol(tls_hint);

    // No `;` at all: a date may still end the text (`... id X Mon, 23 Nov ...`,
    // or a header that is only a date). Accepted, but the header is Partial.
    let mut missing_semi = false;
    let mut date = None;
    if last_semi.is_none()
        && let Some(start) = walk.trailing_unplaced(&walk_tokens)
        && let Some(tok) = walk_tokens.get(start)
    {
        let candidate = sub(&text, tok.start, text.len()).trim();
        if let Ok(found) = parse_date(candidate) {
            date = Some(found);
            date_text = Some(candidate.to_string());
            missing_semi = true;
            for p in walk.placed.iter_mut().skip(start) {
                *p = true;
            }
        }
    }

    let mut r = Received {
        helo: None,
        rdns: None,
        ip: None,
        ip_zone: None,
        may_be_forged: mined.may_be_forged,
        ident: None,
        by_host: None,
        by_ip: None,
        via: None,
        with,
        id: walk.id.and_then(clean_value),
        for_addr: walk.for_addr.and_then(clean_value),
        envelope_from: walk.env_from.map(clean_sender).or(mined.env_from.clone()),
        auth: None,
        tls: None,
        date: date.or_else(|| date_text.as_deref().and_then(|d| parse_date(d).ok())),
        date_text,
        quality: ParseQuality::Failed,
    };
    if !walk.via.is_empty() {
        r.via = Some(walk.via.join(" "));
    }
    assign_from(&mut r, &walk, &mined);
    if written_by_exim(&walk) {
        exim_names_verified_host(&mut r, &mined);
    }
    assign_by(&mut r, &walk, &mined);
    r.ident = r.ident.take().or(mined.ident.clone());

    let authenticated_proto = r.with.as_deref().is_some_and(is_auth_protocol);
    r.auth = mined.auth_id.clone().or(walk.auth_id.clone()).or_else(|| {
        (mined.auth_weak || walk.auth_weak || authenticated_proto)
            .then(|| "authenticated".to_string())
    });

    let cipher = mined
        .tls_cipher
        .clone()
        .or(walk.tls_cipher.map(str::to_string));
    r.tls = match (mined.tls_version.clone(), cipher) {
        (Some(v), Some(c)) => Some(format!("{v} {c}")),
        (v, c) => v.or(c),
    };

    let date_ok = r.date.is_some();
    let date_bad = r.date_text.is_some() && !date_ok;
    // No `;` and no date at all: the header was cut short.
    let truncated = last_semi.is_none() && r.date_text.is_none();
    let unplaced =
        walk.junk || walk.placed.iter().any(|p| !p) || missing_semi || date_bad || truncated;
    let recognised = walk.from_word.is_some() || walk.by_word.is_some() || date_ok;
    r.quality = match (recognised, unplaced) {
        (false, _) => ParseQuality::Failed,
        (true, true) => ParseQuality::Partial,
        (true, false) => ParseQuality::Full,
    };
    r
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    /// Byte offsets of the whole token in the unfolded text.
    start: usize,
    end: usize,
}

/// `s[a..b]`, or "" when that is not a valid slice (never panics).
/// Start of a run of comments ending `tail` whose first comment carries
/// clause data (`envelope-from`, `using TLS...`, `key=value`, `<addr>`), as
/// opposed to a zone comment such as `(CET)` or `(GMT+01:00)`.
fn trailing_clause_comments(tail: &[Token<'_>]) -> Option<usize> {
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

fn sub(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or("")
}

fn is_word_delim(c: u8) -> bool {
    matches!(c, b' ' | b'(' | b')' | b'[' | b'<' | b'"' | b';' | b',')
}

/// Index just after the `)` closing the comment opened at `start`, or, when
/// it never closes, the positions of every `(` left open at the end.
fn scan_comment(b: &[u8], start: usize) -> Result<usize, Vec<usize>> {
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
fn scan_delimited(b: &[u8], start: usize, close: u8, stops: &[u8]) -> Option<usize> {
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
fn scan_angle(b: &[u8], start: usize) -> Option<usize> {
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

/// Longest quoted local part accepted inside `<...>`.
const MAX_QUOTED_LOCAL: usize = 64;

/// Splits unfolded text (single spaces only) into tokens.
///
/// Linear time: an unclosed comment is scanned once, and every `(` it left
/// open is then treated as a stray character; literals and angle addresses
/// stop at the next opener of their own kind; an unclosed quote is scanned
/// once, after which `"` is an ordinary stray character.
/// A `"` inside `<...>` is handled by [`scan_angle`].
fn lex(s: &str) -> Vec<Token<'_>> {
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

// ---------------------------------------------------------------------------
// Clause walk
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clause {
    /// Before the first keyword (or after a `;` that is not the last one).
    Pre,
    From,
    By,
    Via,
    With,
    Id,
    For,
    EnvFrom,
    /// Exim's `tls CIPHER`.
    Tls,
    /// A repeated clause keyword: its values are not used.
    Dup,
}

impl Clause {
    fn index(self) -> usize {
        self as usize
    }
}

fn keyword(w: &str) -> Option<Clause> {
    const KEYWORDS: [(&str, Clause); 9] = [
        ("from", Clause::From),
        ("by", Clause::By),
        ("via", Clause::Via),
        ("with", Clause::With),
        ("id", Clause::Id),
        ("for", Clause::For),
        ("envelope-from", Clause::EnvFrom),
        ("envelope-sender", Clause::EnvFrom),
        ("tls", Clause::Tls),
    ];
    // Called for every word of every header: compared in place, lengths
    // first, nothing allocated or copied.
    KEYWORDS
        .iter()
        .find(|(k, _)| w.eq_ignore_ascii_case(k))
        .map(|&(_, clause)| clause)
}

/// What the clause walk collected.
#[derive(Default)]
struct Walk<'a> {
    from_word: Option<Token<'a>>,
    from_literal: Option<Token<'a>>,
    /// Gmail `from 1041958209847 named unknown`: the name after `named`.
    from_named: Option<&'a str>,
    /// The previous token was `named` after the from word.
    expect_named: bool,
    /// `from userid 0` (a local job): the number after `userid`.
    from_userid: Option<&'a str>,
    by_word: Option<Token<'a>>,
    by_literal: Option<Token<'a>>,
    via: Vec<&'a str>,
    /// One group of (token index, word) per `with` keyword.
    with_groups: Vec<Vec<(usize, &'a str)>>,
    id: Option<&'a str>,
    for_addr: Option<&'a str>,
    env_from: Option<&'a str>,
    tls_cipher: Option<&'a str>,
    /// OpenSMTPD-style `auth=yes user=alice` words.
    auth_id: Option<String>,
    auth_weak: bool,
    comments: Vec<(Clause, &'a str)>,
    /// Per token: was it used?
    placed: Vec<bool>,
    /// Something other than a token was wrong (an empty clause, a repeated one).
    junk: bool,
}

impl<'a> Walk<'a> {
    fn run(tokens: &[Token<'a>]) -> Walk<'a> {
        let mut w = Walk {
            placed: vec![false; tokens.len()],
            ..Walk::default()
        };
        let mut seen = [false; 10];
        let mut clause = Clause::Pre;
        let mut has_value = true;
        for (idx, t) in tokens.iter().enumerate() {
            if t.kind == Kind::Word
                && let Some(k) = keyword(t.text)
            {
                // `tls` is a keyword only before a cipher word (Exim).
                let next_is_value = tokens
                    .get(idx + 1)
                    .is_some_and(|n| n.kind == Kind::Word && keyword(n.text).is_none());
                if k != Clause::Tls || next_is_value {
                    if !has_value {
                        w.junk = true;
                    }
                    // `with` may repeat (Mimecast: `with ESMTP with STARTTLS`).
                    if seen[k.index()] && k != Clause::With {
                        w.junk = true;
                        clause = Clause::Dup;
                    } else {
                        seen[k.index()] = true;
                        clause = k;
                        if k == Clause::With {
                            w.with_groups.push(Vec::new());
                        }
                    }
                    has_value = false;
                    w.placed[idx] = true;
                    continue;
                }
            }
            match t.kind {
                Kind::Comment => {
                    w.comments.push((clause, t.text));
                    w.placed[idx] = true;
                    continue;
                }
                Kind::Semi => {
                    if !has_value {
                        w.junk = true;
                    }
                    clause = Clause::Pre;
                    has_value = true;
                    w.placed[idx] = true;
                    continue;
                }
                Kind::Comma => {
                    w.placed[idx] = true;
                    continue;
                }
                Kind::Junk => continue,
                Kind::Word | Kind::Literal | Kind::Angle | Kind::Quoted => {}
            }
            if t.kind == Kind::Word && w.key_value(t.text) {
                w.placed[idx] = true;
                continue;
            }
            let used = match clause {
                Clause::From if w.expect_named && t.kind == Kind::Word => {
                    w.expect_named = false;
                    w.from_named = Some(t.text);
                    true
                }
                Clause::From
                    if w.from_word.is_some()
                        && w.from_named.is_none()
                        && t.kind == Kind::Word
                        && t.text.eq_ignore_ascii_case("named") =>
                {
                    w.expect_named = true;
                    true
                }
                Clause::From
                    if w.from_userid.is_none()
                        && w.from_word
                            .is_some_and(|f| f.text.eq_ignore_ascii_case("userid"))
                        && t.kind == Kind::Word
                        && t.text.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    w.from_userid = Some(t.text);
                    true
                }
                Clause::From => Self::host_slot(&mut w.from_word, &mut w.from_literal, t),
                Clause::By => Self::host_slot(&mut w.by_word, &mut w.by_literal, t),
                Clause::Via => {
                    let ok = t.kind == Kind::Word;
                    if ok {
                        w.via.push(t.text);
                    }
                    ok
                }
                Clause::With => {
                    let ok = t.kind == Kind::Word;
                    if ok && let Some(g) = w.with_groups.last_mut() {
                        g.push((idx, t.text));
                    }
                    ok
                }
                Clause::Id => Self::value_slot(&mut w.id, t),
                Clause::EnvFrom => Self::value_slot(&mut w.env_from, t),
                // Further recipients (`for <a>, <b>`, `for a@x, b@y`) are
                // accepted and dropped.
                Clause::For => {
                    Self::value_slot(&mut w.for_addr, t)
                        || t.kind == Kind::Angle
                        || (t.kind == Kind::Word && t.text.contains('@'))
                }
                Clause::Tls => {
                    let ok = w.tls_cipher.is_none() && t.kind == Kind::Word;
                    if ok {
                        w.tls_cipher = Some(t.text);
                    }
                    ok
                }
                Clause::Pre | Clause::Dup => false,
            };
            if used {
                w.placed[idx] = true;
                has_value = true;
            }
        }
        if !has_value {
            w.junk = true;
        }
        w
    }

    /// The host word of `from`/`by`, then an optional top-level `[ip]`.
    fn host_slot(
        word: &mut Option<Token<'a>>,
        literal: &mut Option<Token<'a>>,
        t: &Token<'a>,
    ) -> bool {
        match (word.is_some(), t.kind) {
            (false, Kind::Word | Kind::Literal) => *word = Some(*t),
            (true, Kind::Literal) if literal.is_none() => *literal = Some(*t),
            _ => return false,
        }
        true
    }

    fn value_slot(slot: &mut Option<&'a str>, t: &Token<'a>) -> bool {
        if slot.is_some() || t.kind == Kind::Literal {
            return false;
        }
        *slot = Some(t.text);
        true
    }

    /// OpenSMTPD writes `auth=yes user=alice` as top-level words.
    fn key_value(&mut self, word: &str) -> bool {
        let Some((key, value)) = word.split_once('=') else {
            return false;
        };
        match Lower::of(key).as_str() {
            "auth" => {
                if !value.eq_ignore_ascii_case("no") {
                    self.auth_weak = true;
                }
                true
            }
            "user" => {
                if self.auth_id.is_none() {
                    self.auth_id = clean_value(value);
                }
                true
            }
            _ => false,
        }
    }

    /// Normalised protocol from the `with` clauses; marks extra words unplaced.
    ///
    /// * Words are uppercased (`esmtpsa` -> `ESMTPSA`, `local` -> `LOCAL`).
    /// * `Microsoft SMTP Server` (and IIS `Microsoft SMTPSVC`) become `ESMTPS`
    ///   when the header shows TLS (`version=...` or `(TLS)`), else `ESMTP`.
    /// * A later `with STARTTLS` (Mimecast) upgrades SMTP/ESMTP to `ESMTPS`,
    ///   ESMTPA to `ESMTPSA`, LMTP(A) to `LMTPS(A)`; any other second protocol
    ///   is kept out and makes the header Partial.
    fn protocol(&mut self, tls_hint: bool) -> Option<String> {
        let mut proto: Option<String> = None;
        for group in &self.with_groups {
            let Some(&(_, first)) = group.first() else {
                continue;
            };
            if let Some(p) = &proto
                && let Some(upgraded) = upgraded_by(p, group)
            {
                proto = Some(upgraded);
                continue;
            }
            let microsoft = first.eq_ignore_ascii_case("microsoft");
            // `with MailEnable ESMTP`: a product name, then the protocol.
            let mut skip = 1;
            let mut first = first;
            if !microsoft
                && !looks_like_protocol(first)
                && let Some(&(_, second)) = group.get(1)
                && looks_like_protocol(second)
            {
                first = second;
                skip = 2;
            }
            // IronPort `ESMTP/TLS/ECDHE-RSA-AES256-GCM-SHA384`.
            let mut slash_tls = false;
            if let Some((base, rest)) = first.split_once('/') {
                let mut parts = rest.split('/');
                if parts.next().is_some_and(|p| p.eq_ignore_ascii_case("tls")) {
                    slash_tls = true;
                    first = base;
                    if let Some(c) = parts.next().filter(|c| looks_like_cipher(c))
                        && self.tls_cipher.is_none()
                    {
                        self.tls_cipher = Some(c);
                    }
                }
            }
            if !microsoft {
                for &(idx, _) in group.get(skip..).unwrap_or(&[]) {
                    if let Some(p) = self.placed.get_mut(idx) {
                        *p = false;
                    }
                }
            }
            // `Microsoft SMTP Server` / `Microsoft SMTPSVC` are ESMTP; other
            // Microsoft products name the protocol last
            // (`Microsoft Exchange Server HTTP-DAV`).
            let microsoft_smtp =
                microsoft && group.iter().any(|&(_, w)| contains_ignore_case(w, "smtp"));
            let word = if microsoft && !microsoft_smtp {
                group.last().map_or(first, |&(_, w)| w).to_uppercase()
            } else if microsoft {
                if tls_hint {
                    "ESMTPS".to_string()
                } else {
                    "ESMTP".to_string()
                }
            } else if slash_tls {
                upgrade_to_tls(first.to_uppercase())
            } else {
                first.to_uppercase()
            };
            proto = match proto {
                None => Some(word),
                Some(p) => {
                    self.junk = true;
                    Some(p)
                }
            };
        }
        proto
    }

    /// Start of the run of unplaced tokens (comments and commas are
    /// transparent) that ends the text, if that run holds an unplaced token.
    fn trailing_unplaced(&self, tokens: &[Token<'_>]) -> Option<usize> {
        let mut start = self.placed.len().min(tokens.len());
        let mut any = false;
        while start > 0 {
            let placed = self.placed.get(start - 1).copied().unwrap_or(true);
            let transparent = tokens
                .get(start - 1)
                .is_some_and(|t| matches!(t.kind, Kind::Comment | Kind::Comma));
            if placed && !transparent {
                break;
            }
            any |= !placed;
            start -= 1;
        }
        any.then_some(start)
    }
}

/// A protocol name as written after `with` (`SMTP`, `esmtpsa`, `LMTP`,
/// `UTF8SMTPS`, `HTTP`), as opposed to a product name.
fn looks_like_protocol(w: &str) -> bool {
    let u = w.to_ascii_uppercase();
    let core = u.strip_prefix("UTF8").unwrap_or(&u);
    let core = core.strip_prefix('E').unwrap_or(core);
    let core = core
        .strip_prefix("SMTP")
        .or_else(|| core.strip_prefix("LMTP"));
    match core {
        Some(rest) => matches!(rest, "" | "S" | "A" | "SA"),
        None => matches!(u.as_str(), "HTTP" | "HTTPS" | "IMAP" | "POP3"),
    }
}

/// The protocol `p` upgraded by a later `with` group made only of
/// `STARTTLS`/`TLS` and `AUTH` (Mimecast: `with ESMTP with STARTTLS`,
/// `with ESMTP with both STARTTLS and AUTH`); `None` for any other group.
fn upgraded_by(p: &str, group: &[(usize, &str)]) -> Option<String> {
    let (mut tls, mut auth) = (false, false);
    for &(_, w) in group {
        match Lower::of(w).as_str() {
            "starttls" | "tls" => tls = true,
            "auth" => auth = true,
            "both" | "and" => {}
            _ => return None,
        }
    }
    let p = p.to_string();
    let p = if tls { upgrade_to_tls(p) } else { p };
    (tls || auth).then(|| if auth { upgrade_to_auth(p) } else { p })
}

fn upgrade_to_auth(p: String) -> String {
    match p.as_str() {
        "SMTP" | "ESMTP" => "ESMTPA".to_string(),
        "ESMTPS" => "ESMTPSA".to_string(),
        "LMTP" => "LMTPA".to_string(),
        "LMTPS" => "LMTPSA".to_string(),
        _ => p,
    }
}

fn upgrade_to_tls(p: String) -> String {
    match p.as_str() {
        "SMTP" | "ESMTP" => "ESMTPS".to_string(),
        "ESMTPA" => "ESMTPSA".to_string(),
        "LMTP" => "LMTPS".to_string(),
        "LMTPA" => "LMTPSA".to_string(),
        _ => p,
    }
}

/// `ESMTPA`, `ESMTPSA`, `LMTPA`, `LMTPSA`, `UTF8SMTPA`, `UTF8SMTPSA`, ...
fn is_auth_protocol(p: &str) -> bool {
    (p.contains("SMTP") || p.contains("LMTP")) && (p.ends_with("PA") || p.ends_with("SA"))
}

// ---------------------------------------------------------------------------
// Comment mining
// ---------------------------------------------------------------------------

/// Words of a comment: split on whitespace and (nested) parentheses, with
/// trailing `,`/`;` removed.
fn flat_words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        // ZMailer quotes its HELO: `"EHLO mail.example.net"`.
        .map(|w| w.trim_end_matches([',', ';']).trim_matches('"'))
        // Written without a space: `name[192.0.2.1]` is a name and an
        // address literal (not `helo=[192.0.2.1]`).
        .flat_map(|w| match w.find('[') {
            Some(at) if at > 0 && w.ends_with(']') && rdns_candidate(&w[..at]) => {
                [&w[..at], &w[at..]]
            }
            _ => [w, ""],
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Address and zone of `192.0.2.1`, `IPv6:2001:db8::1`, `2001:db8::1%eth0`.
/// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.7`) become IPv4.
fn parse_ip_text(t: &str) -> Option<(IpAddr, Option<String>)> {
    let t = t.trim();
    let t = match t.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("ipv6:") => t.get(5..).unwrap_or(""),
        _ => t,
    };
    let (addr, zone) = match t.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (t, None),
    };
    let ip: IpAddr = addr.parse().ok()?;
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    };
    Some((ip, zone.filter(|z| !z.is_empty()).map(str::to_string)))
}

/// Address of a `[...]` word (anything after `]`, such as `:port`, ignored).
fn literal_word_ip(w: &str) -> Option<(IpAddr, Option<String>)> {
    let inner = w.strip_prefix('[')?;
    let close = inner.find(']')?;
    parse_ip_text(inner.get(..close)?)
}

/// Canonical `[ip]` for an address literal's inner text, else the text
/// lowercased in brackets.
fn norm_literal(inner: &str) -> String {
    match parse_ip_text(inner) {
        Some((ip, _)) => format!("[{ip}]"),
        None => format!("[{}]", inner.to_lowercase()),
    }
}

/// A HELO value from a comment (`helo=x`, `HELO x`): literal or host name.
fn norm_helo(w: &str) -> Option<String> {
    match w.strip_prefix('[') {
        Some(rest) => Some(norm_literal(rest.split(']').next().unwrap_or(rest))),
        None => host::normalise(w),
    }
}

/// Strips one pair of angle brackets and trailing punctuation; `None` if empty.
fn clean_value(v: &str) -> Option<String> {
    let v = v.trim().trim_end_matches([',', ';']);
    let v = v.strip_prefix('<').unwrap_or(v);
    let v = v.strip_suffix('>').unwrap_or(v).trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// An envelope sender; the null sender `<>` is kept as `"<>"`.
fn clean_sender(v: &str) -> String {
    clean_value(v).unwrap_or_else(|| "<>".to_string())
}

/// `TLSv1.3`, `TLS1_2`, `TLSv1`, `TLS1.0`, `SSLv3`, ... in one spelling.
fn norm_tls_version(w: &str) -> Option<String> {
    let u = w.to_ascii_uppercase();
    if u == "SSLV3" || u == "SSL3" {
        return Some("SSLv3".to_string());
    }
    let rest = u.strip_prefix("TLS")?;
    let rest = rest.strip_prefix('V').unwrap_or(rest);
    let rest = rest.strip_prefix(['_', ' ']).unwrap_or(rest);
    let minor = match rest {
        "1" | "1.0" | "1_0" | "10" => "0",
        "1.1" | "1_1" | "11" => "1",
        "1.2" | "1_2" | "12" => "2",
        "1.3" | "1_3" | "13" => "3",
        _ => return None,
    };
    Some(format!("TLSv1.{minor}"))
}

/// A cipher suite name (`TLS_AES_256_GCM_SHA384`, `ECDHE-RSA-AES256-GCM-SHA384`).
fn looks_like_cipher(w: &str) -> bool {
    (w.contains('_') || w.contains('-'))
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && w.chars().any(|c| c.is_ascii_uppercase())
}

/// Could `w` be the rDNS name (or `ident@name`) written before an `[ip]`?
fn rdns_candidate(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
        && !matches!(
            Lower::of(w).as_str(),
            "helo" | "ehlo" | "from" | "by" | "port"
        )
        && parse_ip_text(w).is_none()
}

/// What the comments say.
#[derive(Default)]
struct Mined {
    /// First address in a `from` comment.
    from_ip: Option<(IpAddr, Option<String>)>,
    /// Name before that address: `Some(None)` when it is `unknown`.
    from_rdns: Option<Option<String>>,
    /// `helo=x`, `HELO x`, `EHLO x`, `LHLO x`.
    helo: Option<String>,
    ident: Option<String>,
    by_ip: Option<IpAddr>,
    may_be_forged: bool,
    tls_version: Option<String>,
    tls_cipher: Option<String>,
    /// A bare `(TLS)` comment.
    tls_flag: bool,
    auth_id: Option<String>,
    auth_weak: bool,
    env_from: Option<String>,
}

impl Mined {
    fn from_comments(comments: &[(Clause, &str)]) -> Mined {
        let mut m = Mined::default();
        for &(clause, text) in comments {
            let words = flat_words(text);
            m.general(text, &words);
            match clause {
                Clause::From => m.client_comment(&words),
                Clause::By => m.by_comment(&words),
                _ => {}
            }
        }
        m
    }

    fn set_ident(&mut self, v: impl Into<String>) {
        if self.ident.is_none() {
            let v: String = v.into();
            if !v.is_empty() {
                self.ident = Some(v);
            }
        }
    }

    fn set_version(&mut self, w: &str) {
        if self.tls_version.is_none() {
            self.tls_version =
                norm_tls_version(w).or_else(|| (!w.is_empty()).then(|| w.to_string()));
        }
    }

    fn set_cipher(&mut self, w: &str) {
        if self.tls_cipher.is_none() && !w.is_empty() {
            self.tls_cipher = Some(w.to_string());
        }
    }

    fn set_auth_id(&mut self, w: Option<&&str>) {
        match w.and_then(|w| clean_value(w)) {
            Some(id) if self.auth_id.is_none() => self.auth_id = Some(id),
            Some(_) => {}
            None => self.auth_weak = true,
        }
    }

    /// Facts that may appear in any comment: TLS, authentication, envelope
    /// sender, local senders, `may be forged`.
    fn general(&mut self, text: &str, words: &[&str]) {
        if contains_ignore_case(text, "may be forged") {
            self.may_be_forged = true;
        }
        // Colon-separated TLS details opening a comment: Exim `(TLS1.3)`,
        // `(TLS1.2:CIPHER:256)`, OpenSMTPD `(TLSv1.3:CIPHER:256:NO)`, and
        // with the cipher first, qpsmtpd `(CIPHER:TLSv1.3:Kx=any:...)`.
        // Exchange's bare `(TLS)` only says TLS was used.
        if let Some(first) = words.first() {
            let parts = first.split(':');
            if let Some(v) = parts.clone().find_map(norm_tls_version) {
                self.set_version(&v);
                if let Some(c) = parts.clone().find(|c| looks_like_cipher(c)) {
                    self.set_cipher(c);
                }
            } else if words.len() == 1 && first.eq_ignore_ascii_case("tls") {
                self.tls_flag = true;
            }
        }
        // Stalwart `(TLSv1.3 TLS13_AES_256_GCM_SHA384)`: a version, a cipher.
        if let [version, cipher, ..] = words
            && let Some(v) = norm_tls_version(version)
            && looks_like_cipher(cipher)
        {
            self.set_version(&v);
            self.set_cipher(cipher);
        }
        for (k, w) in words.iter().enumerate() {
            let lower = Lower::of(w);
            let lw = lower.as_str();
            let next = words.get(k + 1);
            match lw {
                "envelope-from" | "envelope-sender" => {
                    if self.env_from.is_none()
                        && let Some(n) = next
                    {
                        self.env_from = Some(clean_sender(n));
                    }
                }
                // Postfix `using TLSv1.3 with cipher X`.
                "using" => {
                    if let Some(v) = next.and_then(|n| norm_tls_version(n)) {
                        self.set_version(&v);
                    }
                }
                "cipher" => {
                    if let Some(n) = next {
                        self.set_cipher(n);
                    }
                }
                // qmail TLS patches: `(DHE-RSA-AES256-GCM-SHA384 encrypted)`;
                // T-Online `(TLSv1.3:TLS_AES_256_GCM_SHA384 encrypted)`.
                "encrypted" => {
                    let first = if k == 1 { words.first() } else { None };
                    if let Some(c) = first.filter(|c| looks_like_cipher(c)) {
                        self.set_cipher(c);
                    } else if let Some((v, c)) = first.and_then(|f| f.split_once(':'))
                        && let Some(v) = norm_tls_version(v)
                    {
                        self.set_version(&v);
                        if let Some(c) = c.split(':').next().filter(|c| looks_like_cipher(c)) {
                            self.set_cipher(c);
                        }
                    }
                }
                // Courier `TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384`.
                "tls:" => {
                    for part in next.map_or("", |n| *n).split(',') {
                        if let Some(v) = norm_tls_version(part) {
                            self.set_version(&v);
                        } else if looks_like_cipher(part) {
                            self.set_cipher(part);
                        }
                    }
                }
                // Postfix `Authenticated sender: x`, `authenticated as x`,
                // SquirrelMail `authenticated user x`, Sendmail `authenticated bits=0`.
                "authenticated" => {
                    let kind = next.map(|n| Lower::of(n));
                    match kind.as_ref().map(Lower::as_str) {
                        Some("sender:" | "sender" | "user:" | "user" | "as") => {
                            self.set_auth_id(words.get(k + 2))
                        }
                        _ => self.auth_weak = true,
                    }
                }
                "authenticated-sender:" | "authenticated-user:" => self.set_auth_id(next),
                // qpsmtpd `(smtp-auth username carol, mechanism cram-md5)`.
                "username" if k > 0 && words[k - 1].eq_ignore_ascii_case("smtp-auth") => {
                    self.set_auth_id(next)
                }
                // CommuniGate Pro `(account alice@example.com HELO ...)`.
                "account" if next.is_some_and(|n| n.contains('@')) => self.set_auth_id(next),
                // qmail-scanner `(envelope-from <x>, uid 89)`, as qmail's
                // `invoked by uid 89`.
                "uid" => {
                    if let Some(n) = next.filter(|n| n.bytes().all(|b| b.is_ascii_digit())) {
                        self.set_ident(format!("uid {n}"));
                    }
                }
                // Courier `AUTH: LOGIN user@example.org`.
                "auth:" => self.set_auth_id(words.get(k + 2)),
                // qmail `qmail 1234 invoked by uid 89` (`invoked from network`: nothing).
                "invoked" => {
                    if self.ident.is_none() && next.is_some_and(|n| n.eq_ignore_ascii_case("by")) {
                        self.set_ident(words.get(k + 2..).unwrap_or(&[]).join(" "));
                    }
                }
                "from" => {
                    // Postfix `(Postfix, from userid 1000)`.
                    if next.is_some_and(|n| n.eq_ignore_ascii_case("userid")) {
                        if let Some(uid) = words.get(k + 2) {
                            self.set_ident(format!("userid {uid}"));
                        }
                    } else if k == 0
                        && let Some(n) = next
                        && n.contains('@')
                    {
                        // Sendmail `(from user@localhost)`.
                        self.set_ident(*n);
                    }
                }
                _ => {
                    if lw.starts_with("version=") {
                        self.set_version(w.get(8..).unwrap_or(""));
                    } else if lw.starts_with("cipher=") {
                        self.set_cipher(w.get(7..).unwrap_or(""));
                    } else if lw.starts_with("mailfrom:") {
                        // Aliyun `(mailfrom:user@example.com fp:...)`.
                        if self.env_from.is_none() {
                            self.env_from = clean_value(w.get(9..).unwrap_or(""));
                        }
                    } else if lw.starts_with("ident=") {
                        self.set_ident(w.get(6..).unwrap_or(""));
                    } else if lw.starts_with("a=") {
                        // Exim `A=login:user`.
                        let v = w.get(2..).unwrap_or("");
                        let user = v.split_once(':').map_or(v, |(_, u)| u);
                        self.set_auth_id(Some(&user));
                    }
                }
            }
        }
    }

    /// The comment after `from`: what the receiver saw about the client.
    fn client_comment(&mut self, words: &[&str]) {
        let mut helo_value_at = None;
        for (k, w) in words.iter().enumerate() {
            let lower = Lower::of(w);
            let lw = lower.as_str();
            if self.helo.is_none() {
                if lw.starts_with("helo=") || lw.starts_with("ehlo=") {
                    self.helo = w.get(5..).and_then(norm_helo);
                } else if matches!(lw, "helo" | "ehlo" | "lhlo")
                    && let Some(n) = words.get(k + 1)
                {
                    self.helo = norm_helo(n);
                    helo_value_at = Some(k + 1);
                }
            }
        }
        if self.from_ip.is_some() {
            return;
        }
        for (k, w) in words.iter().enumerate() {
            if w.contains('=') || Some(k) == helo_value_at {
                continue;
            }
            if w.starts_with('[') {
                let Some(found) = literal_word_ip(w) else {
                    // OpenSMTPD `(localhost [local])`, Cyrus `(name [unix
                    // socket])`: a peer name without an address.
                    let lower = Lower::of(w);
                    if matches!(lower.as_str(), "[local]" | "[unix")
                        && self.from_rdns.is_none()
                        && let Some(prev) = k.checked_sub(1).and_then(|p| words.get(p))
                        && Some(k - 1) != helo_value_at
                        && rdns_candidate(prev)
                        && !prev.contains('@')
                    {
                        self.from_rdns = Some(host::normalise(prev).filter(|h| h != "unknown"));
                    }
                    continue;
                };
                self.from_ip = Some(found);
                // Old Sendmail labels the ident: `(IDENT:root@host [ip])`.
                let prev = k
                    .checked_sub(1)
                    .and_then(|p| words.get(p))
                    .map(|w| strip_prefix_ignore_case(w, "ident:").unwrap_or(w));
                if let Some(prev) = prev
                    && Some(k - 1) != helo_value_at
                    && rdns_candidate(prev)
                {
                    // Sendmail `(ident@host [ip])`.
                    let host = match prev.rsplit_once('@') {
                        Some((user, host)) => {
                            self.set_ident(user);
                            host
                        }
                        None => prev,
                    };
                    self.from_rdns = Some(host::normalise(host).filter(|h| h != "unknown"));
                }
                return;
            }
            if k == 0 {
                // qmail `(192.0.2.1)` / `(ident@192.0.2.1)`, Exchange `(2001:db8::15)`.
                if let Some(found) = parse_ip_text(w) {
                    self.from_ip = Some(found);
                    return;
                }
                if let Some((user, host)) = w.rsplit_once('@')
                    && let Some(found) = parse_ip_text(host)
                {
                    self.from_ip = Some(found);
                    self.set_ident(user);
                    return;
                }
            }
        }
        // `from localhost (root@localhost)`: a local sender, no address.
        if let [only] = words
            && only.contains('@')
            && rdns_candidate(only)
        {
            self.set_ident(*only);
        }
    }

    /// The comment after `by`: an address of the receiver (Exchange
    /// `(2001:db8::20)`, amavis `(name [127.0.0.1])`).
    fn by_comment(&mut self, words: &[&str]) {
        if self.by_ip.is_some() {
            return;
        }
        for (k, w) in words.iter().enumerate() {
            let found = if w.starts_with('[') {
                literal_word_ip(w)
            } else if k == 0 {
                parse_ip_text(w)
            } else {
                None
            };
            if let Some((ip, _)) = found {
                self.by_ip = Some(ip);
                return;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Assembling the fields
// ---------------------------------------------------------------------------

/// helo, rdns, ip, ip_zone (and ident for local senders).
///
/// * The IP in the from-comment (what the receiver saw) wins over a top-level
///   `[ip]` after the from word, which wins over the from word itself.
/// * HELO: `helo=`/`HELO`/`EHLO`/`LHLO` in the comment, else the from word (an
///   address literal normalised to `[ip]`; a bare IP or `unknown` is no HELO).
/// * rDNS: the name before `[ip]` in the comment; else, when the comment
///   gave the HELO explicitly (Exim, qmail), the from word.
/// * `from alice by h with local`: the from word is a local user (ident).
fn assign_from(r: &mut Received, walk: &Walk<'_>, mined: &Mined) {
    let local = r.with.as_deref().is_some_and(|w| w.starts_with("LOCAL"));
    let mut word_ip = None;
    let mut word_helo = None;
    let mut word_name = None;
    if let Some(uid) = walk.from_userid {
        r.ident = Some(format!("userid {uid}"));
    } else if let Some(t) = walk.from_word {
        if t.kind == Kind::Literal {
            word_ip = parse_ip_text(t.text);
            word_helo = Some(norm_literal(t.text));
        } else if let Some(found) = parse_ip_text(t.text) {
            word_ip = Some(found);
        } else if local && !t.text.contains('.') && !t.text.eq_ignore_ascii_case("localhost") {
            r.ident = Some(t.text.to_string());
        } else if !t.text.eq_ignore_ascii_case("unknown") {
            word_name = host::normalise(t.text);
            word_helo.clone_from(&word_name);
        }
    }
    let top_literal_ip = walk.from_literal.and_then(|t| parse_ip_text(t.text));
    if let Some((ip, zone)) = mined.from_ip.clone().or(top_literal_ip).or(word_ip) {
        r.ip = Some(ip);
        r.ip_zone = zone;
    }
    r.helo = mined.helo.clone().or(word_helo);
    r.rdns = match &mined.from_rdns {
        Some(rdns) => rdns.clone(),
        None if mined.helo.is_some() => word_name,
        None => walk
            .from_named
            .and_then(host::normalise)
            .filter(|h| h != "unknown"),
    };
}

/// Exim names the software it runs in a by-comment: `(Exim 4.96)`.
fn written_by_exim(walk: &Walk<'_>) -> bool {
    walk.comments.iter().any(|(_, c)| {
        c.trim_start()
            .trim_start_matches('(')
            .trim_start()
            .starts_with("Exim ")
    })
}

/// Exim writes a client name before `([ip])` only when it looked the name
/// up in DNS, and leaves out `helo=` when the HELO equals it: so
/// `from mx.example.org ([192.0.2.1])` means rDNS and HELO are both
/// `mx.example.org`. (Other MTAs use the same shape for the HELO alone.)
fn exim_names_verified_host(r: &mut Received, mined: &Mined) {
    if r.rdns.is_none()
        && mined.helo.is_none()
        && mined.from_ip.is_some()
        && r.helo.as_deref().is_some_and(|h| !h.starts_with('['))
    {
        r.rdns.clone_from(&r.helo);
    }
}

/// by_host and by_ip: the by word (an address goes to by_ip), then a
/// top-level `[ip]`, then an address in the by-comment.
fn assign_by(r: &mut Received, walk: &Walk<'_>, mined: &Mined) {
    if let Some(t) = walk.by_word {
        match parse_ip_text(t.text) {
            Some((ip, _)) => r.by_ip = Some(ip),
            None if t.kind == Kind::Literal => {}
            None => r.by_host = host::normalise(t.text),
        }
    }
    if r.by_ip.is_none() {
        r.by_ip = walk
            .by_literal
            .and_then(|t| parse_ip_text(t.text))
            .map(|(ip, _)| ip)
            .or(mined.by_ip);
    }
}
