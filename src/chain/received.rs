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
//!   `(smtp-auth username carol, mechanism ...)`. Yahoo's SMTP AUTH
//!   `(carol@192.0.2.4 with login)` gives `auth = carol` (not an ident).
//! * HELO vs rDNS: the from word is the HELO name unless a comment gives the
//!   HELO (`helo=x`, `HELO x`, an empty `(HELO )`, smtpd's `claiming to be
//!   "x"`): then the from word is the rDNS name (Exim, qmail, smtpd).
//!   `from name ([ip])` therefore gives `helo = name`, no rDNS.
//!   `unknown` is never a name, nor is `<unknown.domain>` (as in
//!   `(<unknown.domain>[ip])`), nor InterMail's keyword in `(really
//!   [ip])`. An address literal from word is both the HELO (`[ip]`,
//!   IPv6 without the `IPv6:` tag) and, failing a better one, the address.
//!   ZMailer's quoted `"EHLO name"` counts as a comment's HELO; a name
//!   written against its literal without a space (`(name[192.0.2.1])`) is
//!   read as `name [192.0.2.1]`.
//! * A bare IP from word is the client's HELO, kept as written
//!   (`192.0.2.1`, not turned into `[192.0.2.1]`: the client broke RFC
//!   5321 §4.1.1.1 and the DNS stage's HELO check must see it), when the
//!   comment records the connecting address beside it (`from 192.0.2.1
//!   ([198.51.100.7])`, PowerMTA's `(192.0.2.4)`, `(name [ip])`,
//!   `(unknown[ip])`) and no comment names the HELO. Otherwise it is the
//!   client's address only: alone (`from 198.51.100.200 by`), over HTTP
//!   (no HELO there), or written twice in a header that names no protocol
//!   (Coremail's webmail `from ip ( [ip] )`).
//! * qmail writes `from RDNS (HELO helo) (ip)` and leaves the HELO part out
//!   when it equals the rDNS name: `from name (192.0.2.1) by host with
//!   SMTP; 23 Nov 2026 09:15:06 -0000` gives `rdns = helo = name`. Read
//!   so only when the rest is qmail's (an SMTP protocol, no queue id, no
//!   receiver address, qmail's weekday-less `-0000` date); Exchange's
//!   `from HELO (ip) by host (ip) with Microsoft SMTP Server id ...` and its
//!   HTTPS hops keep the HELO alone.
//! * A from comment that is one dotted host name and nothing else, with no
//!   address anywhere (SunOS sendmail 4.x `from helo (rdns.example.com)`,
//!   Sendmail 5 `from host. (host.example.EDU)`), is the rDNS name. A
//!   `[...]` that holds no readable address (`(name [192.0.2.300])`) keeps
//!   the name before it as the rDNS name and makes the header Partial.
//! * Addresses are read with the client's port written after them:
//!   `[192.0.2.1:25]`, `([192.0.2.1]:25)`, `(192.0.2.1:25)` (Ecelerity,
//!   XMail), Exim 3's `[192.0.2.1.25]` (five numbers, the last a port);
//!   SLmail's `(192.0.2.1::ident; ...)` gives the address before `::`. A
//!   from clause that is only a comment (`from ([192.0.2.1]:25) by`) is
//!   complete.
//! * IPv4-mapped IPv6 addresses (`::ffff:192.0.2.7`) become IPv4.
//! * `ident`: `from userid 1000` -> `userid 1000`; `(from user@localhost)`
//!   and `(root@localhost)` -> the whole `user@host`; `(ident@host [ip])` ->
//!   `ident` (with `host` as rDNS; old Sendmail's `IDENT:` label dropped);
//!   qmail `invoked by uid 89` and qmail-scanner `(..., uid 89)` or `by
//!   uid 89` -> `uid 89`; Exim `from alice ... with local` -> `alice`, and
//!   so a web application's `from mailer by www with HTTP`: one word (no
//!   dot, not `localhost` or `unknown`) with nothing beside it, over a
//!   local or HTTP protocol, is a local user or process, not a HELO (`from
//!   mx1 ([10.0.0.1]) by` stays a HELO). Several plain words and nothing
//!   else (IIS `from mail pickup service by`) name a local process: the
//!   words are the ident. An address as the client (AOL `from
//!   user@example.com by`) is the sender, not a host: the ident, except in
//!   qmail-scanner's header (`with qmail-scanner-N`), where it is the
//!   envelope sender. qmail-scanner's `Clear:RC:0(ip)` names the
//!   original client of the hop below; this pseudo-hop records no client
//!   address of its own, so `ip` stays `None` (the text stays in `raw`).
//! * A whole from clause written as a comment (`(from name [ip]) by ...`,
//!   Sendmail's `(from user@localhost) by ...`) is read as a from clause.
//! * `(name [local])` (OpenSMTPD) and `(name [unix socket])` (Cyrus): the
//!   name is the rDNS name, with no address. Gmail's `from N named X`: X
//!   is the rDNS name (`unknown`: none).
//! * `by`: a by word followed directly by more plain words (`by NeXT
//!   Mailer (1.63)`, a mail client's pseudo-header) names a product, not
//!   a host: no `by_host`, and the header is Partial. indimail-mta's
//!   preamble (`indimail-mta qmail-smtpd 4321 from ...`: plain words before
//!   the first clause, the last a process number) is accepted and not kept.
//! * XMail: `with [XMail 1.27 ESMTP Server]` gives the protocol inside the
//!   banner, and its trailing `from <sender>` the envelope sender.
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
//! * Zone names outside RFC 5322 (`JST`, `CEST`, `Pacific Standard Time`;
//!   ambiguous `IST`, unknown `PPE`) are read as [`super::date`] documents:
//!   a common name with its offset, any other as `-0000`, never as an
//!   invalid date; the chain gives such a hop a `zone-assumed` note.

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
    // Sendmail's `(from user@localhost) by ...` and NAVGW's `(from name
    // [ip]) by ...`: a whole from clause written as a comment.
    if let Some(first) = walk_tokens.first().filter(|t| t.kind == Kind::Comment)
        && starts_with_ignore_case(first.text, "from ")
        && !walk_tokens
            .iter()
            .any(|t| t.kind == Kind::Word && t.text.eq_ignore_ascii_case("from"))
    {
        let unwrapped = format!("{} {}", first.text, sub(&text, first.end, text.len()));
        return parse_received(&unwrapped);
    }

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
    let unplaced = walk.junk
        || walk.placed.iter().any(|p| !p)
        || missing_semi
        || date_bad
        || truncated
        || mined.bad_literal;
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

/// A non-empty run of ASCII digits.
fn is_number(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
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
    /// Plain words after the from word (IIS `from mail pickup service`).
    from_extra: Vec<usize>,
    /// Those words with the from word, when they name a local process.
    from_phrase: Option<String>,
    /// Obtuse smtpd's `from name(ip), claiming to be "helo"`.
    from_claimed: Option<&'a str>,
    /// A comment in the from clause.
    from_comment: bool,
    by_word: Option<Token<'a>>,
    /// A plain word right after the by word (`by NeXT Mailer`).
    by_extra: bool,
    /// qmail-scanner's second by clause, `by uid 64011`: the number.
    by_uid: Option<&'a str>,
    by_literal: Option<Token<'a>>,
    via: Vec<&'a str>,
    /// One group of (token index, word) per `with` keyword.
    with_groups: Vec<Vec<(usize, &'a str)>>,
    /// Per group: written as a bracketed banner (XMail `with [XMail 1.27
    /// ESMTP Server]`).
    with_banner: Vec<bool>,
    /// Inside such a banner.
    in_banner: bool,
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
        let mut skip = 0;
        for (idx, t) in tokens.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let word_at = |i: usize| {
                tokens
                    .get(i)
                    .filter(|n| n.kind == Kind::Word)
                    .map(|n| n.text)
            };
            if t.kind == Kind::Word && seen[Clause::By.index()] && t.text.eq_ignore_ascii_case("by")
            {
                // qmail-scanner: `from x by host by uid 64011 with ...`.
                if word_at(idx + 1).is_some_and(|n| n.eq_ignore_ascii_case("uid"))
                    && let Some(uid) = word_at(idx + 2).filter(|n| is_number(n))
                {
                    w.by_uid = Some(uid);
                    w.placed[idx..idx + 3].fill(true);
                    skip = 2;
                    continue;
                }
            }
            if t.kind == Kind::Word
                && seen[Clause::From.index()]
                && t.text.eq_ignore_ascii_case("from")
            {
                // XMail ends with the envelope sender: `... for <a> from <b>;`.
                if let Some(n) = tokens.get(idx + 1).filter(|n| n.kind == Kind::Angle)
                    && clause != Clause::From
                    && w.env_from.is_none()
                {
                    w.env_from = Some(n.text);
                    w.placed[idx..idx + 2].fill(true);
                    skip = 1;
                    continue;
                }
            }
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
                            w.with_banner.push(false);
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
                    // `from ([192.0.2.1]:2525) by`: the comment is the client.
                    if clause == Clause::From {
                        w.from_comment = true;
                        has_value = true;
                    }
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
                Kind::Junk if clause == Clause::With && t.text == "[" && !w.in_banner => {
                    w.in_banner = true;
                    if let Some(b) = w.with_banner.last_mut() {
                        *b = true;
                    }
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
                // Obtuse smtpd: `from name(ip), claiming to be "helo"`.
                Clause::From
                    if w.from_word.is_some()
                        && w.from_claimed.is_none()
                        && t.kind == Kind::Word
                        && t.text.eq_ignore_ascii_case("claiming")
                        && word_at(idx + 1).is_some_and(|n| n.eq_ignore_ascii_case("to"))
                        && word_at(idx + 2).is_some_and(|n| n.eq_ignore_ascii_case("be"))
                        && tokens
                            .get(idx + 3)
                            .is_some_and(|n| matches!(n.kind, Kind::Quoted | Kind::Word)) =>
                {
                    w.from_claimed = tokens.get(idx + 3).map(|n| n.text);
                    w.placed[idx..idx + 4].fill(true);
                    skip = 3;
                    true
                }
                Clause::From => {
                    let used = Self::host_slot(&mut w.from_word, &mut w.from_literal, t);
                    if !used && t.kind == Kind::Word {
                        w.from_extra.push(idx);
                    }
                    used
                }
                Clause::By => {
                    // Right after the by word: `by NeXT Mailer`.
                    let follows_word = w.by_word.is_some_and(|b| {
                        b.kind == Kind::Word
                            && idx
                                .checked_sub(1)
                                .and_then(|p| tokens.get(p))
                                .is_some_and(|p| p.start == b.start)
                    });
                    let used = Self::host_slot(&mut w.by_word, &mut w.by_literal, t);
                    if !used && t.kind == Kind::Word && follows_word {
                        w.by_extra = true;
                    }
                    used
                }
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
                        let text = if w.in_banner {
                            match t.text.strip_suffix(']') {
                                Some(inner) => {
                                    w.in_banner = false;
                                    inner
                                }
                                None => t.text,
                            }
                        } else {
                            t.text
                        };
                        g.push((idx, text));
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
        w.local_phrase(tokens);
        w.preamble(tokens);
        w
    }

    /// IIS's `from mail pickup service by`: several plain words and
    /// nothing else as the client name a local process, not a host.
    fn local_phrase(&mut self, tokens: &[Token<'a>]) {
        let Some(first) = self.from_word.filter(|t| t.kind == Kind::Word) else {
            return;
        };
        let plain = |t: &Token<'_>| {
            t.text.chars().all(|c| c.is_alphanumeric() || c == '-') && keyword(t.text).is_none()
        };
        let extras: Vec<&Token<'a>> = self
            .from_extra
            .iter()
            .filter_map(|&i| tokens.get(i))
            .collect();
        if extras.is_empty()
            || self.from_comment
            || self.from_literal.is_some()
            || self.from_claimed.is_some()
            || !plain(&first)
            || !extras.iter().all(|t| plain(t))
        {
            return;
        }
        let mut phrase = first.text.to_string();
        for t in extras {
            phrase.push(' ');
            phrase.push_str(t.text);
        }
        for &i in &self.from_extra {
            if let Some(p) = self.placed.get_mut(i) {
                *p = true;
            }
        }
        self.from_phrase = Some(phrase);
    }

    /// indimail-mta opens its header with the program and its process id
    /// (`indimail-mta qmail-smtpd 4321 from ...`): plain words before the
    /// first clause, the last a number, say who wrote the header.
    fn preamble(&mut self, tokens: &[Token<'a>]) {
        let run = tokens
            .iter()
            .take_while(|t| t.kind == Kind::Word && keyword(t.text).is_none())
            .count();
        let starts_clause = tokens
            .get(run)
            .is_some_and(|t| t.kind == Kind::Word && keyword(t.text).is_some());
        if run >= 2 && starts_clause && tokens.get(run - 1).is_some_and(|t| is_number(t.text)) {
            self.placed[..run].fill(true);
        }
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
        for (gi, group) in self.with_groups.iter().enumerate() {
            let Some(&(_, first)) = group.first() else {
                continue;
            };
            // XMail's banner `[XMail 1.27 ESMTP Server]`: the protocol
            // word inside it; the banner is read whole.
            if self.with_banner.get(gi).copied().unwrap_or(false) {
                let word = group
                    .iter()
                    .map(|&(_, w)| w)
                    .find(|w| looks_like_protocol(w))
                    .unwrap_or(first)
                    .to_uppercase();
                proto = match proto {
                    None => Some(word),
                    Some(p) => {
                        self.junk = true;
                        Some(p)
                    }
                };
                continue;
            }
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
        // So is `<unknown.domain>[192.0.2.1]`, a placeholder for no name.
        .flat_map(|w| match w.find('[') {
            Some(at)
                if at > 0
                    && w.ends_with(']')
                    && (rdns_candidate(&w[..at])
                        || (w.starts_with('<') && w[..at].ends_with('>'))) =>
            {
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
    address_with_port(inner.get(..close)?)
}

/// An address as [`parse_ip_text`] reads it, or an IPv4 address written
/// with the client's port: `192.0.2.1:2525` (Ecelerity, XMail) or Exim 3's
/// `192.0.2.1.2525` (five dotted numbers). The port is not kept.
fn address_with_port(t: &str) -> Option<(IpAddr, Option<String>)> {
    if let Some(found) = parse_ip_text(t) {
        return Some(found);
    }
    let t = t.trim();
    let (addr, port) = t.split_once(':').or_else(|| t.rsplit_once('.'))?;
    let is_port = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| p <= 65_535);
    match addr.parse::<std::net::Ipv4Addr>() {
        Ok(v4) if is_port => Some((IpAddr::V4(v4), None)),
        _ => None,
    }
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
/// InterMail's `(really [ip])` is a keyword, not a name.
fn rdns_candidate(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
        && !matches!(
            Lower::of(w).as_str(),
            "helo" | "ehlo" | "from" | "by" | "port" | "really"
        )
        && parse_ip_text(w).is_none()
}

/// A dotted host name (`rdns.example.com`, `host.example.EDU.`): host-name
/// characters, at least two labels, a top label that is not a number.
fn looks_like_host_name(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    rdns_candidate(w)
        && !w.contains('@')
        && w.contains('.')
        && !w.starts_with('.')
        && w.rsplit('.')
            .next()
            .is_some_and(|top| top.chars().any(char::is_alphabetic))
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
    /// qmail's `(HELO )`: the client's HELO was empty.
    helo_empty: bool,
    /// The address was written bare in the comment (`(192.0.2.1)`), as
    /// qmail and Exchange write it, not as a literal.
    from_ip_bare: bool,
    /// A from-comment that is one host name and nothing else.
    from_name_only: Option<String>,
    /// A `[...]` in a from-comment that holds no readable address.
    bad_literal: bool,
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
                } else if matches!(lw, "helo" | "ehlo" | "lhlo") {
                    match words.get(k + 1) {
                        Some(n) => {
                            self.helo = norm_helo(n);
                            helo_value_at = Some(k + 1);
                        }
                        // qmail's `(HELO )`: the client sent an empty HELO.
                        None => self.helo_empty = true,
                    }
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
                    // socket])`: a peer name without an address. Any other
                    // bracket that holds no readable address still leaves
                    // the name before it readable.
                    let lower = Lower::of(w);
                    if !matches!(lower.as_str(), "[local]" | "[unix") {
                        self.bad_literal = true;
                    }
                    if self.from_rdns.is_none()
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
                // qmail `(192.0.2.1)`, Exchange `(2001:db8::15)`, XMail
                // `(192.0.2.1:2525)`, SLmail `(192.0.2.1::ident; ...)`.
                let addr = w.split_once("::").map_or(*w, |(a, _)| a);
                let found = address_with_port(w).or_else(|| {
                    (addr.len() < w.len())
                        .then(|| addr.parse::<std::net::Ipv4Addr>().ok())
                        .flatten()
                        .map(|v4| (IpAddr::V4(v4), None))
                });
                if let Some(found) = found {
                    self.from_ip = Some(found);
                    self.from_ip_bare = true;
                    return;
                }
                // qmail `(ident@192.0.2.1)`; Yahoo's SMTP AUTH writes the
                // login the same way, then `with login` (or `plain`, ...).
                if let Some((user, host)) = w.rsplit_once('@')
                    && let Some(found) = address_with_port(host)
                {
                    self.from_ip = Some(found);
                    self.from_ip_bare = true;
                    if words.get(1).is_some_and(|n| n.eq_ignore_ascii_case("with")) {
                        self.set_auth_id(Some(&user));
                    } else {
                        self.set_ident(user);
                    }
                    return;
                }
            }
        }
        match words {
            // `from localhost (root@localhost)`: a local sender, no address.
            [only] if only.contains('@') && rdns_candidate(only) => self.set_ident(*only),
            // Old Sendmail `from helo (rdns.example.com)`: a looked-up name
            // alone, no address.
            [only] if looks_like_host_name(only) && self.from_name_only.is_none() => {
                self.from_name_only = host::normalise(only);
            }
            _ => {}
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

/// helo, rdns, ip, ip_zone (and ident or the envelope sender for local
/// senders).
///
/// * The IP in the from-comment (what the receiver saw) wins over a top-level
///   `[ip]` after the from word, which wins over the from word itself.
/// * HELO: `helo=`/`HELO`/`EHLO`/`LHLO` in the comment or smtpd's `claiming
///   to be`, else the from word (an address literal normalised to `[ip]`;
///   a bare IP only beside a recorded address, as written; `unknown` never).
/// * rDNS: the name before `[ip]` in the comment; else, when the comment
///   gave the HELO explicitly (Exim, qmail), the from word; else a lone
///   host name in the comment (old Sendmail); else qmail's shape without
///   its HELO part ([`qmail_without_helo`]).
/// * Local senders: `from alice by h with local` and `from mailer by www
///   with HTTP` (a local user), `from mail pickup service by` (a local
///   process), `from user@example.com by` (the sender).
fn assign_from(r: &mut Received, walk: &Walk<'_>, mined: &Mined) {
    let with = r.with.as_deref().unwrap_or("");
    let local = with.starts_with("LOCAL");
    let web = with.starts_with("HTTP");
    let helo_given = mined.helo.is_some() || mined.helo_empty || walk.from_claimed.is_some();
    let mut word_ip = None;
    let mut word_helo = None;
    let mut word_name = None;
    if let Some(uid) = walk.from_userid {
        r.ident = Some(format!("userid {uid}"));
    } else if let Some(phrase) = &walk.from_phrase {
        r.ident = Some(phrase.clone());
    } else if let Some(t) = walk.from_word {
        let single_label = !t.text.contains('.')
            && !t.text.eq_ignore_ascii_case("localhost")
            && !t.text.eq_ignore_ascii_case("unknown");
        let bare_client =
            !walk.from_comment && walk.from_literal.is_none() && walk.from_named.is_none();
        if t.kind == Kind::Literal {
            word_ip = address_with_port(t.text);
            word_helo = Some(norm_literal(t.text));
        } else if let Some(found) = parse_ip_text(t.text) {
            // `from 192.0.2.1 ([198.51.100.7])`: the client said HELO
            // 192.0.2.1 (a bare address, which RFC 5321 forbids) and the
            // receiver recorded the connection beside it. Over HTTP there
            // is no HELO, and a header that names no protocol and writes
            // one address twice (Coremail's webmail) records none either:
            // the word is the client's address again.
            let beside = mined
                .from_ip
                .clone()
                .or_else(|| walk.from_literal.and_then(|l| address_with_port(l.text)));
            let repeated_without_protocol =
                r.with.is_none() && beside.as_ref().is_some_and(|(ip, _)| *ip == found.0);
            if beside.is_some() && !helo_given && !web && !repeated_without_protocol {
                word_helo = Some(t.text.to_lowercase());
            }
            word_ip = Some(found);
        } else if t.text.contains('@') && rdns_candidate(t.text) {
            // `from user@example.com by`: the sender, not a host.
            // qmail-scanner writes the envelope sender there; AOL and
            // others the user who submitted.
            if with.starts_with("QMAIL-SCANNER") {
                if r.envelope_from.is_none() {
                    r.envelope_from = clean_value(t.text);
                }
            } else {
                r.ident = Some(t.text.to_string());
            }
        } else if single_label && (local || (web && bare_client)) {
            // `from alice by h with local`, `from mailer by www with HTTP`:
            // a local user or process.
            r.ident = Some(t.text.to_string());
        } else if !t.text.eq_ignore_ascii_case("unknown") {
            word_name = host::normalise(t.text);
            word_helo.clone_from(&word_name);
        }
    }
    if let Some(uid) = walk.by_uid
        && r.ident.is_none()
    {
        r.ident = Some(format!("uid {uid}"));
    }
    let top_literal_ip = walk.from_literal.and_then(|t| address_with_port(t.text));
    if let Some((ip, zone)) = mined.from_ip.clone().or(top_literal_ip).or(word_ip) {
        r.ip = Some(ip);
        r.ip_zone = zone;
    }
    let claimed = walk.from_claimed.and_then(host::normalise);
    // An explicit HELO (even an empty one) makes the from word the rDNS
    // name, not the HELO.
    let word_helo = if helo_given { None } else { word_helo };
    r.helo = mined.helo.clone().or(claimed).or(word_helo);
    r.rdns = match &mined.from_rdns {
        Some(rdns) => rdns.clone(),
        None if helo_given => word_name.clone(),
        None if r.ip.is_none() && mined.from_name_only.is_some() => mined.from_name_only.clone(),
        None => walk
            .from_named
            .and_then(host::normalise)
            .filter(|h| h != "unknown"),
    };
    if r.rdns.is_none() && qmail_without_helo(r, walk, mined) {
        r.rdns.clone_from(&word_name);
    }
}

/// qmail writes `from RDNS (HELO helo) (ip)` and leaves out the HELO part
/// when the HELO equals the rDNS name: `from name (192.0.2.1) by host
/// with SMTP; 23 Nov 2026 09:15:06 -0000` names the client both ways.
/// Read as qmail only when the rest is qmail's too: an SMTP protocol, no
/// queue id, nothing about the receiver's address, and qmail's date (no
/// weekday, `-0000`). Exchange's `from HELO (ip) by host (ip) with
/// Microsoft SMTP Server id ...` and its HTTPS hops keep the HELO alone.
fn qmail_without_helo(r: &Received, walk: &Walk<'_>, mined: &Mined) -> bool {
    let smtp = matches!(
        r.with.as_deref(),
        Some("SMTP" | "ESMTP" | "ESMTPA" | "ESMTPS" | "ESMTPSA")
    );
    let qmail_date = r
        .date_text
        .as_deref()
        .is_some_and(|d| d.starts_with(|c: char| c.is_ascii_digit()) && d.ends_with("-0000"));
    let name = walk
        .from_word
        .is_some_and(|t| t.kind == Kind::Word && parse_ip_text(t.text).is_none());
    name && smtp
        && qmail_date
        && mined.from_ip_bare
        && mined.helo.is_none()
        && !mined.helo_empty
        && walk.id.is_none()
        && walk.by_literal.is_none()
        && mined.by_ip.is_none()
        && r.helo.is_some()
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
        && r.helo
            .as_deref()
            .is_some_and(|h| !h.starts_with('[') && parse_ip_text(h).is_none())
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
            // `by NeXT Mailer (1.63)`: words that name a product, not a host.
            None if walk.by_extra && !t.text.contains('.') => {}
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
