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
//! Everything is iterative and linear in the input length. One file per
//! step: `lex.rs` (tokens), `walk.rs` (clauses), `mine.rs` (comments),
//! `values.rs` (one address, name or TLS version), `assemble.rs` (which word
//! is the HELO, the rDNS name, the receiver), `fields.rs` (the result).
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

mod assemble;
mod fields;
mod lex;
mod mine;
mod values;
mod walk;

use super::date::parse_date;
use crate::model::ParseQuality;
use crate::words::{collapsed, starts_with_ignore_case};
use assemble::{assign_by, assign_from, exim_names_verified_host, written_by_exim};
use lex::{Kind, lex, sub, trailing_clause_comments};
use mine::Mined;
use values::{clean_sender, clean_value};
use walk::{Walk, is_auth_protocol};

pub use fields::Received;

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
