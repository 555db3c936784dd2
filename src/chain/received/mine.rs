//! Mining the comments: what the receiver wrote in parentheses (the
//! HELO, the address, the rDNS name, TLS and authentication details).

use super::values::{
    address_with_port, clean_sender, clean_value, flat_words, literal_word_ip, looks_like_cipher,
    looks_like_host_name, norm_helo, norm_tls_version, parse_ip_text, rdns_candidate,
};
use super::walk::Clause;
use crate::host;
use crate::words::{Lower, contains_ignore_case, strip_prefix_ignore_case};
use std::net::IpAddr;

/// What the comments say.
#[derive(Default)]
pub(super) struct Mined {
    /// First address in a `from` comment.
    pub(super) from_ip: Option<(IpAddr, Option<String>)>,
    /// Name before that address: `Some(None)` when it is `unknown`.
    pub(super) from_rdns: Option<Option<String>>,
    /// `helo=x`, `HELO x`, `EHLO x`, `LHLO x`.
    pub(super) helo: Option<String>,
    pub(super) ident: Option<String>,
    pub(super) by_ip: Option<IpAddr>,
    pub(super) may_be_forged: bool,
    pub(super) tls_version: Option<String>,
    pub(super) tls_cipher: Option<String>,
    /// A bare `(TLS)` comment.
    pub(super) tls_flag: bool,
    pub(super) auth_id: Option<String>,
    pub(super) auth_weak: bool,
    pub(super) env_from: Option<String>,
    /// qmail's `(HELO )`: the client's HELO was empty.
    pub(super) helo_empty: bool,
    /// The address was written bare in the comment (`(192.0.2.1)`), as
    /// qmail and Exchange write it, not as a literal.
    pub(super) from_ip_bare: bool,
    /// A from-comment that is one host name and nothing else.
    pub(super) from_name_only: Option<String>,
    /// A `[...]` in a from-comment that holds no readable address.
    pub(super) bad_literal: bool,
}

impl Mined {
    pub(super) fn from_comments(comments: &[(Clause, &str)]) -> Mined {
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
