//! The mail systems whose notices the text reader knows by name, in the
//! order they are tried.
//!
//! Each [`Vendor`] has the phrases only its notices contain (the first
//! vendor with one in the text names the layout: [`recognise`]), and
//! [`Reader`]s for what only its wording says: where it names the remote
//! host or the notice's writer its own way. A reader answers only when its
//! wording is there, so the readers of every vendor are tried on every
//! text, in this order: a notice that one system relays from another still
//! reads.

use std::net::IpAddr;

use super::quoted_reply::code_positions;
use crate::host;
use crate::stop::phrases;
use crate::words::strip_prefix_ignore_case;

/// A host as a notice names it: its name, its IP, or both.
pub type Remote = (Option<String>, Option<IpAddr>);

/// What a vendor's own wording tells.
#[derive(Clone, Copy)]
pub enum Reader {
    /// The remote host, read from the text given at that point.
    Remote(Where, fn(&str) -> Option<Remote>),
    /// The notice's writer, when no phrase names it.
    ReportingMta(fn(&str) -> Option<String>),
}

/// Where in the reading a remote-host reader is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// On a recipient's whole piece, the quoted reply included, before
    /// any general phrase.
    InPiece,
    /// On the text outside the reply, when no general phrase names the host.
    InText,
    /// On each line (trimmed), when neither did.
    InLine,
}

/// One mail system's notices.
pub struct Vendor {
    pub name: &'static str,
    /// Phrases only this system's notices contain: its section's markers
    /// in [`crate::stop::phrases`].
    pub markers: &'static [&'static str],
    pub readers: &'static [Reader],
}

/// The vendors, in the order they are tried.
pub const VENDORS: &[Vendor] = &[
    Vendor {
        name: "qmail",
        markers: phrases::QMAIL.markers,
        readers: &[Reader::Remote(Where::InLine, qmail_remote)],
    },
    Vendor {
        name: "T-Online",
        markers: &[],
        readers: &[Reader::Remote(Where::InLine, server_label)],
    },
    Vendor {
        name: "Courier",
        markers: phrases::COURIER.markers,
        readers: &[Reader::Remote(Where::InLine, courier_remote)],
    },
    Vendor {
        name: "Postfix",
        markers: phrases::POSTFIX.markers,
        readers: &[],
    },
    Vendor {
        name: "Exim",
        markers: phrases::EXIM.markers,
        readers: &[],
    },
    Vendor {
        name: "Sendmail",
        markers: phrases::SENDMAIL.markers,
        readers: &[],
    },
    Vendor {
        name: "Exchange",
        markers: phrases::EXCHANGE.markers,
        readers: &[
            Reader::Remote(Where::InPiece, exchange_last_attempt),
            Reader::Remote(Where::InLine, exchange_2010_remote),
            Reader::Remote(Where::InLine, exchange_remote_server_at),
            Reader::ReportingMta(exchange_2003_writer),
        ],
    },
    Vendor {
        name: "Gmail",
        markers: phrases::GMAIL.markers,
        readers: &[],
    },
    Vendor {
        name: "Yahoo",
        markers: phrases::YAHOO.markers,
        readers: &[],
    },
    Vendor {
        name: "Domino",
        markers: phrases::DOMINO.markers,
        readers: &[],
    },
    Vendor {
        name: "MDaemon",
        markers: &[],
        readers: &[Reader::Remote(Where::InText, mdaemon_remote)],
    },
];

/// The first vendor whose phrases the lowercased text contains.
pub fn recognise(lower: &str) -> Option<&'static Vendor> {
    VENDORS
        .iter()
        .find(|v| v.markers.iter().any(|m| lower.contains(m)))
}

/// Every vendor's readers, in order.
fn readers() -> impl Iterator<Item = &'static Reader> {
    VENDORS.iter().flat_map(|v| v.readers)
}

/// The remote host, as the first vendor's reader for `place` that
/// answers reads it from `text`.
pub fn remote(place: Where, text: &str) -> Option<Remote> {
    readers().find_map(|r| match *r {
        Reader::Remote(at, read) if at == place => read(text),
        _ => None,
    })
}

/// The notice's writer, as the first vendor's reader that answers reads
/// it from `text`.
pub fn reporting_mta(text: &str) -> Option<String> {
    readers().find_map(|r| match *r {
        Reader::ReportingMta(read) => read(text),
        _ => None,
    })
}

/// qmail names the remote host by its IP: `192.0.2.9 does not like
/// recipient.`, `Giving up on 192.0.2.9.`, `Connected to 192.0.2.9 but
/// greeting failed.`
fn qmail_remote(line: &str) -> Option<Remote> {
    let lower = line.to_ascii_lowercase();
    let candidate = if lower.contains("does not like") || lower.contains("failed after i sent") {
        line.split_whitespace().next()
    } else if let Some(rest) = lower.strip_prefix("giving up on ") {
        Some(&line[line.len() - rest.len()..])
    } else if let Some(rest) = lower.strip_prefix("connected to ") {
        line[line.len() - rest.len()..].split_whitespace().next()
    } else {
        None
    };
    candidate.and_then(host::find_ip).map(|ip| (None, Some(ip)))
}

/// T-Online's `Server:` label line: `Server:  mx.example.net [192.0.2.9]`.
fn server_label(line: &str) -> Option<Remote> {
    let (host, ip) = host::name_and_ip(strip_prefix_ignore_case(line, "server:")?)?;
    (host.is_some() && ip.is_some()).then_some((host, ip))
}

/// Courier's line naming the host it talked to: `mx.example.net [192.0.2.9]:`.
fn courier_remote(line: &str) -> Option<Remote> {
    let head = line.strip_suffix(':')?;
    let (host, ip) = host::name_and_ip(head)?;
    (host.is_some() && ip.is_some() && head.split_whitespace().count() == 2).then_some((host, ip))
}

/// Exchange Online's own account of its last try, written after the reply
/// it quotes: `[LastAttemptedServerName=mx.example.net]
/// [LastAttemptedIP=192.0.2.9:25]`.
fn exchange_last_attempt(text: &str) -> Option<Remote> {
    // ASCII lowercase keeps byte offsets valid in `text`.
    let lower = text.to_ascii_lowercase();
    let field = |name: &str| {
        let start = lower.find(name)? + name.len();
        let rest = &text[start..];
        Some(&rest[..rest.find(']')?])
    };
    let host = field("[lastattemptedservername=").and_then(host::clean);
    let ip = field("[lastattemptedip=").and_then(host::find_ip);
    (host.is_some() || ip.is_some()).then_some((host, ip))
}

/// Exchange 2010: `mx.example.net #550 5.1.1 ...` (the reply itself is cut
/// off here). Not Exchange 2003's `<mail.example.org #5.7.1 smtp;550 ...>`,
/// which names the server that wrote the report ([`exchange_2003_writer`]).
fn exchange_2010_remote(line: &str) -> Option<Remote> {
    let (name, after) = line.split_once(" #")?;
    let names_the_remote = (after.is_empty() || code_positions(after).first() == Some(&0))
        && !name.starts_with('<')
        && !name.contains(char::is_whitespace);
    names_the_remote
        .then(|| host::clean(name))
        .flatten()
        .map(|host| (Some(host), None))
}

/// Exchange 2013 and later: `Remote Server at mx.example.net (192.0.2.9)
/// returned '...'`, the server it last tried even when that server never
/// answered (`550 5.4.316 Message expired, connection refused`); the lines
/// of earlier attempts open with their date (`11/26/2026 8:41:03 AM -
/// Remote Server at ...`).
fn exchange_remote_server_at(line: &str) -> Option<Remote> {
    const KEY: &str = "remote server at ";
    // ASCII lowercase keeps byte offsets valid in `line`.
    let lower = line.to_ascii_lowercase();
    let at = lower.find(KEY)? + KEY.len();
    if !lower[at..].contains(" returned") {
        return None;
    }
    let (host, ip) = host::name_and_ip(&line[at..])?;
    host.is_some().then_some((host, ip))
}

/// Exchange 2003: `<mail.example.org #5.7.1 smtp;550 ...>` names the
/// server that wrote the report.
fn exchange_2003_writer(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (name, after) = line.trim().strip_prefix('<')?.split_once(" #")?;
        after
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| host::clean(name))
            .flatten()
            .filter(|h| h.contains('.'))
    })
}

/// MDaemon's session transcript: the last `Attempting SMTP connection to
/// [192.0.2.9:25]` names the address, and the `MX=[mx.example.net] {192.0.2.9}`
/// line of the MX lookup its name.
fn mdaemon_remote(text: &str) -> Option<Remote> {
    const CONNECT: &str = "attempting smtp connection to [";
    let ip = text.lines().rev().find_map(|line| {
        let lower = line.to_ascii_lowercase();
        let at = lower.find(CONNECT)? + CONNECT.len();
        let inner = &line[at..];
        let inner = &inner[..inner.find(']')?];
        // `192.0.2.9:25`; an IPv6 literal keeps its colons.
        inner
            .parse::<IpAddr>()
            .ok()
            .or_else(|| inner.rsplit_once(':')?.0.parse().ok())
    })?;
    let host = text.lines().find_map(|line| {
        let at = line.find("MX=[")? + 4;
        let rest = &line[at..];
        let (name, after) = rest.split_once(']')?;
        let braced = after.trim_start().strip_prefix('{')?;
        let listed: IpAddr = braced[..braced.find('}')?].trim().parse().ok()?;
        (listed == ip).then(|| host::clean(name)).flatten()
    });
    Some((host, Some(ip)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_vendor_is_recognised_by_its_own_phrases() {
        for vendor in VENDORS {
            for marker in vendor.markers {
                assert_eq!(marker.to_lowercase(), *marker);
                let found = recognise(marker).map(|v| v.name);
                assert_eq!(found, Some(vendor.name), "{marker:?}");
            }
        }
        assert!(recognise("hi bob, lunch at noon?").is_none());
    }

    #[test]
    fn exchange_names_its_last_attempt_inside_the_quoted_reply() {
        let text = "Remote Server returned '550 4.4.7 QUEUE.Expired; message expired [LastAttemptedServerName=MX.example.net.] [LastAttemptedIP=192.0.2.9:25]'";
        assert_eq!(
            exchange_last_attempt(text),
            Some((
                Some("mx.example.net".into()),
                Some("192.0.2.9".parse().unwrap())
            ))
        );
        assert_eq!(exchange_last_attempt("550 5.1.1 not found"), None);
    }

    #[test]
    fn line_readers_answer_only_to_their_wording() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(
            qmail_remote("Giving up on 192.0.2.9."),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(
            server_label("Server:  mx.example.net [192.0.2.9]"),
            Some((Some("mx.example.net".into()), ip("192.0.2.9")))
        );
        assert_eq!(
            courier_remote("mx.example.net [192.0.2.9]:"),
            Some((Some("mx.example.net".into()), ip("192.0.2.9")))
        );
        assert_eq!(
            exchange_2010_remote("mx.example.net #550 5.1.1 RESOLVER.ADR.RecipNotFound"),
            Some((Some("mx.example.net".into()), None))
        );
        assert_eq!(
            exchange_2010_remote("<mail.example.org #5.7.1 smtp;550 5.7.1 no>"),
            None
        );
        assert_eq!(
            exchange_remote_server_at(
                "11/26/2026 8:41:03 AM - Remote Server at mx.example.net (192.0.2.9) returned '441 4.4.1 Error'"
            ),
            Some((Some("mx.example.net".into()), ip("192.0.2.9")))
        );
        assert_eq!(
            exchange_remote_server_at("Remote Server returned '550 5.1.1 not found'"),
            None
        );
        for line in ["Remote host said: 550 no", "host mx.example.net said: 550"] {
            assert_eq!(qmail_remote(line), None);
            assert_eq!(server_label(line), None);
            assert_eq!(courier_remote(line), None);
            assert_eq!(exchange_2010_remote(line), None);
            assert_eq!(exchange_remote_server_at(line), None);
        }
    }
}
