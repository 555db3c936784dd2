//! The remote host, the server that refused: its name and IP, from the
//! phrases that introduce it ("host mx.example.net[192.0.2.9] said"),
//! outside the quoted reply (which often names the *sender's* IP), and from
//! the layouts of systems that name it their own way.

use std::net::IpAddr;

use super::quoted_reply::code_positions;
use crate::host;
use crate::words::strip_prefix_ignore_case;

/// Words right before the remote host's name.
const HOST_KEYS: &[&str] = &[
    "host ",
    "connect to ",
    "conversation with ",
    "connection with ",
    "delivery via ",
    "talking to ",
    "receiving server: ",
    "remote server: ",
    "remote host: ",
    "message rejected by:",
    // GMX / web.de: "host: mx.example.net (192.0.2.9) reason: 550 ...".
    "host: ",
    // hMailServer: "Remote server (192.0.2.9) issued an error."
    "remote server ",
    // Lotus Domino: "Error transferring to mx.example.net; SMTP Protocol Returned ...".
    "error transferring to ",
    // CommuniGate Pro: "message text rejected by mx.example.net: 554 ...".
    "text rejected by ",
    // Dutch: "De ontvangende mailserver mx.example.net [192.0.2.9] antwoordde:".
    "ontvangende mailserver ",
];

/// Exchange Online's own account of its last try, written after the reply
/// it quotes: `[LastAttemptedServerName=mx.example.net]
/// [LastAttemptedIP=192.0.2.9:25]`.
pub(super) fn exchange_last_attempt(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
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

/// The remote host's name and IP, from phrases that introduce it. Text
/// inside the server's reply is not searched: a reply often names the
/// *sender's* IP ("Client host [203.0.113.5] blocked").
pub(super) fn remote(text: &str) -> (Option<String>, Option<IpAddr>) {
    // ASCII lowercase keeps byte offsets valid in `text`.
    let lower = text.to_ascii_lowercase();
    let mut best: Option<(usize, Option<String>, Option<IpAddr>)> = None;
    for key in HOST_KEYS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(key) {
            let at = from + pos;
            from = at + key.len();
            if best.as_ref().is_some_and(|(b, _, _)| *b <= at) {
                break;
            }
            // A whole word: not the end of `localhost `; and not Postfix's
            // own name in "This is the mail system at host ...".
            if lower[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-')
                || lower[..at].ends_with("at ")
            {
                continue;
            }
            if let Some((host, ip)) = host_after(&text[at + key.len()..]) {
                best = Some((at, host, ip));
                break;
            }
        }
    }
    if let Some((_, host, ip)) = best {
        return (host, ip);
    }
    if let Some(found) = mdaemon_remote(text) {
        return found;
    }
    for line in text.lines() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        // qmail: `192.0.2.9 does not like recipient.`, `Giving up on 192.0.2.9.`,
        // `Connected to 192.0.2.9 but greeting failed.`
        let candidate = if lower.contains("does not like") || lower.contains("failed after i sent")
        {
            t.split_whitespace().next()
        } else if let Some(rest) = lower.strip_prefix("giving up on ") {
            Some(&t[t.len() - rest.len()..])
        } else if let Some(rest) = lower.strip_prefix("connected to ") {
            t[t.len() - rest.len()..].split_whitespace().next()
        } else {
            None
        };
        if let Some(ip) = candidate.and_then(host::find_ip) {
            return (None, Some(ip));
        }
        // A `Server:` label line (T-Online): `Server:  mx.example.net [192.0.2.9]`.
        if let Some(rest) = strip_prefix_ignore_case(t, "server:")
            && let Some((host, ip)) = host_after(rest)
            && host.is_some()
            && ip.is_some()
        {
            return (host, ip);
        }
        // Courier: `    mx.example.net [192.0.2.9]:`
        if let Some(head) = t.strip_suffix(':')
            && let Some((host, ip)) = host_after(head)
            && host.is_some()
            && ip.is_some()
            && head.split_whitespace().count() == 2
        {
            return (host, ip);
        }
        // Exchange 2010: `mx.example.net #550 5.1.1 ...` (the reply itself
        // is cut off here). Not Exchange 2003's `<mail.example.org #5.7.1
        // smtp;550 ...>`, which names the server that wrote the report.
        if let Some((name, after)) = t.split_once(" #")
            && (after.is_empty() || code_positions(after).first() == Some(&0))
            && !name.starts_with('<')
            && !name.contains(char::is_whitespace)
            && let Some(host) = host::clean(name)
        {
            return (Some(host), None);
        }
    }
    (None, None)
}

/// MDaemon's session transcript: the last `Attempting SMTP connection to
/// [192.0.2.9:25]` names the address, and the `MX=[mx.example.net] {192.0.2.9}`
/// line of the MX lookup its name.
fn mdaemon_remote(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
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

/// `mx.example.net[192.0.2.9]`, `mx.example.net [192.0.2.9]`,
/// `mx.example.net (192.0.2.9)`, `mx.example.net.:`, `[192.0.2.9]`, `192.0.2.9`.
fn host_after(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
    let text = text.trim_start();
    let name_end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '[' | '(' | ',' | ';' | '\'' | '"'))
        .unwrap_or(text.len());
    let name = text[..name_end].trim_end_matches([':', ',']);
    let after = text[name_end..].trim_start_matches([' ', '\t']);
    let bracket_ip = if after.starts_with(['[', '(']) {
        let close = after.find([']', ')']).unwrap_or(after.len());
        host::find_ip(&after[..close])
    } else {
        None
    };
    if name.is_empty() {
        return bracket_ip.map(|ip| (None, Some(ip)));
    }
    if let Some(ip) =
        host::find_ip(name).filter(|_| name.trim_matches(['[', ']', '.']).parse::<IpAddr>().is_ok())
    {
        return Some((None, Some(ip)));
    }
    let host = host::clean(name).filter(|h| h.contains('.'))?;
    Some((Some(host), bracket_ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn host_shapes() {
        assert_eq!(
            host_after("mx.example.net[192.0.2.9]:25"),
            Some((Some("mx.example.net".into()), ip("192.0.2.9")))
        );
        assert_eq!(
            host_after("192.0.2.9[192.0.2.9] said"),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(
            host_after("mx.example.net.:"),
            Some((Some("mx.example.net".into()), None))
        );
        assert_eq!(host_after("said: 550"), None);
        assert_eq!(
            host_after("[192.0.2.9] blocked"),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(host_after(""), None);
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
}
