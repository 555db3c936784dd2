//! Assembling the fields from the walk and the mined comments: which
//! word is the HELO, the rDNS name, the address, the receiver.

use super::fields::Received;
use super::lex::Kind;
use super::mine::Mined;
use super::values::{address_with_port, clean_value, norm_literal, parse_ip_text, rdns_candidate};
use super::walk::Walk;
use crate::host;

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
pub(super) fn assign_from(r: &mut Received, walk: &Walk<'_>, mined: &Mined) {
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
pub(super) fn qmail_without_helo(r: &Received, walk: &Walk<'_>, mined: &Mined) -> bool {
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
pub(super) fn written_by_exim(walk: &Walk<'_>) -> bool {
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
pub(super) fn exim_names_verified_host(r: &mut Received, mined: &Mined) {
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
pub(super) fn assign_by(r: &mut Received, walk: &Walk<'_>, mined: &Mined) {
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
