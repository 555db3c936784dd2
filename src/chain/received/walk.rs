//! The walk over the clause keywords (`from`, `by`, `via`, `with`, `id`,
//! `for`...), and the protocol word after `with`.

use super::lex::{Kind, Token, is_number};
use super::values::{clean_value, looks_like_cipher};
use crate::words::{Lower, contains_ignore_case};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Clause {
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

pub(super) fn keyword(w: &str) -> Option<Clause> {
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
pub(super) struct Walk<'a> {
    pub(super) from_word: Option<Token<'a>>,
    pub(super) from_literal: Option<Token<'a>>,
    /// Gmail `from 1041958209847 named unknown`: the name after `named`.
    pub(super) from_named: Option<&'a str>,
    /// The previous token was `named` after the from word.
    pub(super) expect_named: bool,
    /// `from userid 0` (a local job): the number after `userid`.
    pub(super) from_userid: Option<&'a str>,
    /// Plain words after the from word (IIS `from mail pickup service`).
    pub(super) from_extra: Vec<usize>,
    /// Those words with the from word, when they name a local process.
    pub(super) from_phrase: Option<String>,
    /// Obtuse smtpd's `from name(ip), claiming to be "helo"`.
    pub(super) from_claimed: Option<&'a str>,
    /// A comment in the from clause.
    pub(super) from_comment: bool,
    pub(super) by_word: Option<Token<'a>>,
    /// A plain word right after the by word (`by NeXT Mailer`).
    pub(super) by_extra: bool,
    /// qmail-scanner's second by clause, `by uid 64011`: the number.
    pub(super) by_uid: Option<&'a str>,
    pub(super) by_literal: Option<Token<'a>>,
    pub(super) via: Vec<&'a str>,
    /// One group of (token index, word) per `with` keyword.
    pub(super) with_groups: Vec<Vec<(usize, &'a str)>>,
    /// Per group: written as a bracketed banner (XMail `with [XMail 1.27
    /// ESMTP Server]`).
    pub(super) with_banner: Vec<bool>,
    /// Inside such a banner.
    pub(super) in_banner: bool,
    pub(super) id: Option<&'a str>,
    pub(super) for_addr: Option<&'a str>,
    pub(super) env_from: Option<&'a str>,
    pub(super) tls_cipher: Option<&'a str>,
    /// OpenSMTPD-style `auth=yes user=alice` words.
    pub(super) auth_id: Option<String>,
    pub(super) auth_weak: bool,
    pub(super) comments: Vec<(Clause, &'a str)>,
    /// Per token: was it used?
    pub(super) placed: Vec<bool>,
    /// Something other than a token was wrong (an empty clause, a repeated one).
    pub(super) junk: bool,
}

impl<'a> Walk<'a> {
    pub(super) fn run(tokens: &[Token<'a>]) -> Walk<'a> {
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
    pub(super) fn protocol(&mut self, tls_hint: bool) -> Option<String> {
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
    pub(super) fn trailing_unplaced(&self, tokens: &[Token<'_>]) -> Option<usize> {
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
pub(super) fn looks_like_protocol(w: &str) -> bool {
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
pub(super) fn upgraded_by(p: &str, group: &[(usize, &str)]) -> Option<String> {
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

pub(super) fn upgrade_to_auth(p: String) -> String {
    match p.as_str() {
        "SMTP" | "ESMTP" => "ESMTPA".to_string(),
        "ESMTPS" => "ESMTPSA".to_string(),
        "LMTP" => "LMTPA".to_string(),
        "LMTPS" => "LMTPSA".to_string(),
        _ => p,
    }
}

pub(super) fn upgrade_to_tls(p: String) -> String {
    match p.as_str() {
        "SMTP" | "ESMTP" => "ESMTPS".to_string(),
        "ESMTPA" => "ESMTPSA".to_string(),
        "LMTP" => "LMTPS".to_string(),
        "LMTPA" => "LMTPSA".to_string(),
        _ => p,
    }
}

/// `ESMTPA`, `ESMTPSA`, `LMTPA`, `LMTPSA`, `UTF8SMTPA`, `UTF8SMTPSA`, ...
pub(super) fn is_auth_protocol(p: &str) -> bool {
    (p.contains("SMTP") || p.contains("LMTP")) && (p.ends_with("PA") || p.ends_with("SA"))
}
