//! What a Received header records: a hand-off between two machines, or a
//! step that only looks like one (a content filter giving the message back,
//! local submission or delivery, mail fetched from a mailbox provider).
//!
//! Only hand-offs can be the trustworthy hop, and only hand-offs are
//! checked for continuity: the others are read from the header's shape
//! (its protocol, its client, the product that wrote it).

use crate::host::organisational_domain;
use crate::ip_kind::IpKind;
use crate::model::{Hop, HopKind};
use crate::words::contains_ignore_case;

/// Protocols of mail fetched from a mailbox.
const RETRIEVAL_PROTOCOLS: &[&str] = &["POP3", "POP", "IMAP", "IMAP4", "POP3S", "IMAPS", "IMAP4S"];

/// Protocols of a step inside one machine or of delivery to the mailbox.
const LOCAL_PROTOCOLS: &[&str] = &[
    "LOCAL",
    "LOCAL-RMAIL",
    "LOCAL-BSMTP",
    "LOCAL-ESMTP",
    "LOCAL-SMTP",
    "SPOOL",
    "NJE",
    "UUCP",
    "PIPE",
];

/// Protocols of a client handing in a new message: web mail, MAPI.
const SUBMISSION_PROTOCOLS: &[&str] = &["HTTP", "HTTPS", "HTTP-DAV", "MAPI", "HTTPREST"];

/// Words in a header that only a content filter's re-injection writes.
const FILTER_MARKS: &[&str] = &[
    "amavisd",
    "amavis",
    "spam-scanned",
    "qmail-scanner",
    "simscan",
    "mailscanner",
    "pps.filterd",
    "authentication milter",
    "clamsmtp",
    "formatmessage",
    "messageswitch",
];

/// Words in a header of a step inside one machine.
const LOCAL_MARKS: &[&str] = &[
    "invoked by uid",
    "invoked by alias",
    "invoked for bounce",
    "invoked from network",
    "[unix socket]",
    "[local]",
    "/submit)",
    "mail pickup service",
];

/// Reads what a hop records from its parsed fields and raw text.
pub fn classify(hop: &Hop) -> HopKind {
    let with = hop.with.as_deref().unwrap_or("");
    let raw = hop.raw.as_str();
    let retrieved = RETRIEVAL_PROTOCOLS.contains(&with)
        || contains_ignore_case(raw, "fetchmail")
        || contains_ignore_case(raw, "getmail");
    if retrieved {
        return HopKind::Retrieval;
    }
    if FILTER_MARKS.iter().any(|m| contains_ignore_case(raw, m)) {
        return HopKind::Filter;
    }
    if with.starts_with("LMTP") || LOCAL_PROTOCOLS.contains(&with) || is_local_client(hop) {
        return HopKind::Local;
    }
    if LOCAL_MARKS.iter().any(|m| contains_ignore_case(raw, m)) {
        return HopKind::Local;
    }
    if is_submission(hop, with) {
        return HopKind::Submission;
    }
    if is_filter(hop) {
        return HopKind::Filter;
    }
    if hop.from.is_empty() {
        // Nothing names a client: an internal step (a queue, an alias
        // expansion, a provider's processing stage).
        return HopKind::Local;
    }
    HopKind::Relay
}

/// An authenticated client, or a web or MAPI client handing in a message.
/// Servers of one organisation also talk HTTPS to each other (Exchange
/// Online's mailbox delivery): a client named in the receiver's domain is
/// a relay, not a submission.
fn is_submission(hop: &Hop, with: &str) -> bool {
    if hop.auth.is_some() {
        return true;
    }
    let web = SUBMISSION_PROTOCOLS.contains(&with)
        || hop.via.as_deref().is_some_and(|v| {
            SUBMISSION_PROTOCOLS
                .iter()
                .any(|p| v.eq_ignore_ascii_case(p))
        });
    web && !(with.starts_with("HTTP") && client_in_receivers_domain(hop))
}

fn client_in_receivers_domain(hop: &Hop) -> bool {
    let Some(by) = hop.by.host.as_deref().and_then(organisational_domain) else {
        return false;
    };
    [hop.from.helo.as_deref(), hop.from.rdns.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(organisational_domain)
        .any(|client| client == by)
}

/// A local user or process as the client: `from userid 1000`, `by uid 89`,
/// `(from user@localhost)`, a mailer's own daemon (`sims-ms-daemon`).
fn is_local_client(hop: &Hop) -> bool {
    let ident_is_local = hop.ident.as_deref().is_some_and(|i| {
        i.starts_with("userid ") || i.starts_with("uid ") || i.ends_with("@localhost")
    });
    let daemon = [hop.from.helo.as_deref(), hop.from.rdns.as_deref()]
        .into_iter()
        .flatten()
        .any(|n| n.ends_with("-daemon") || n.contains("-daemon."));
    (ident_is_local && hop.from.ip.is_none()) || daemon
}

/// A content filter handing the message back (its product unnamed): a
/// loopback client (the server talking to itself), or a client that is
/// the receiving machine by name and connects from no public address.
fn is_filter(hop: &Hop) -> bool {
    let ip_kind = hop.from.ip.map(IpKind::of);
    if ip_kind == Some(IpKind::Loopback) {
        return true;
    }
    let names = [hop.from.helo.as_deref(), hop.from.rdns.as_deref()];
    let localhost = names
        .iter()
        .flatten()
        .any(|n| *n == "localhost" || n.starts_with("localhost."));
    let same_machine = hop
        .by
        .host
        .as_deref()
        .is_some_and(|by| names.iter().flatten().any(|n| n.eq_ignore_ascii_case(by)));
    let not_public = ip_kind.is_none_or(|k| !k.is_public());
    (localhost || same_machine) && not_public
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::{hop_of, received::parse_received};

    fn kind(raw: &str) -> HopKind {
        classify(&hop_of(1, 0, raw.to_string(), parse_received(raw)))
    }

    #[test]
    fn hand_offs() {
        assert_eq!(
            kind(
                "from mail.example.org (mail.example.org [192.0.2.7]) by mx.example.net (Postfix) with ESMTPS id 1; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Relay
        );
        assert_eq!(
            kind(
                "from [192.168.1.23] (unknown [198.51.100.23]) by smtp.example.org (Postfix) with ESMTPSA id 2; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Submission
        );
        assert_eq!(
            kind(
                "from [198.51.100.5] by web82107.mail.example.com via HTTP; Mon, 23 Nov 2026 10:00:00 -0800"
            ),
            HopKind::Submission
        );
    }

    #[test]
    fn steps_that_are_not_hand_offs() {
        assert_eq!(
            kind(
                "from localhost (localhost [127.0.0.1]) by mx.example.net (Postfix) with ESMTP id 3; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Filter
        );
        assert_eq!(
            kind(
                "from mx.example.net ([127.0.0.1]) by localhost (mx.example.net [127.0.0.1]) (amavisd-new, port 10024) with ESMTP id 4; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Filter
        );
        assert_eq!(
            kind(
                "from alice@example.org by mail.example.org by uid 502 with qmail-scanner-1.25 (clamdscan: 0.99. Clear:RC:0(192.0.2.56):. Processed in 1.2 secs); 23 Nov 2026 10:00:00 -0000"
            ),
            HopKind::Filter
        );
        assert_eq!(
            kind(
                "by mail.example.org (Postfix, from userid 1000) id 5; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Local
        );
        assert_eq!(
            kind("(qmail 1234 invoked by uid 89); 23 Nov 2026 10:00:00 -0000"),
            HopKind::Local
        );
        assert_eq!(
            kind(
                "from mx.example.net (mx.example.net [10.0.0.25]) by imap.example.net (Dovecot) with LMTP id 6; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Local
        );
        assert_eq!(
            kind(
                "from pop.example.net [192.0.2.110] by localhost with POP3 (fetchmail-6.4.38) for <bob@localhost> (single-drop); Mon, 23 Nov 2026 10:05:00 +0100"
            ),
            HopKind::Retrieval
        );
        assert_eq!(
            kind(
                "from mail pickup service by EXCH01.corp.example.com with Microsoft SMTPSVC; Mon, 23 Nov 2026 10:00:00 +0000"
            ),
            HopKind::Local
        );
    }
}
