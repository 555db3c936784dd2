//! Reading one value of a header: an address (with a port, a zone, in a
//! literal), a HELO name, a TLS version or cipher, a sender.

use std::net::IpAddr;

use crate::host;
use crate::words::Lower;

/// Words of a comment: split on whitespace and (nested) parentheses, with
/// trailing `,`/`;` removed.
pub(super) fn flat_words(text: &str) -> Vec<&str> {
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
pub(super) fn parse_ip_text(t: &str) -> Option<(IpAddr, Option<String>)> {
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
pub(super) fn literal_word_ip(w: &str) -> Option<(IpAddr, Option<String>)> {
    let inner = w.strip_prefix('[')?;
    let close = inner.find(']')?;
    address_with_port(inner.get(..close)?)
}

/// An address as [`parse_ip_text`] reads it, or an IPv4 address written
/// with the client's port: `192.0.2.1:2525` (Ecelerity, XMail) or Exim 3's
/// `192.0.2.1.2525` (five dotted numbers). The port is not kept.
pub(super) fn address_with_port(t: &str) -> Option<(IpAddr, Option<String>)> {
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
pub(super) fn norm_literal(inner: &str) -> String {
    match parse_ip_text(inner) {
        Some((ip, _)) => format!("[{ip}]"),
        None => format!("[{}]", inner.to_lowercase()),
    }
}

/// A HELO value from a comment (`helo=x`, `HELO x`): literal or host name.
pub(super) fn norm_helo(w: &str) -> Option<String> {
    match w.strip_prefix('[') {
        Some(rest) => Some(norm_literal(rest.split(']').next().unwrap_or(rest))),
        None => host::normalise(w),
    }
}

/// Strips one pair of angle brackets and trailing punctuation; `None` if empty.
pub(super) fn clean_value(v: &str) -> Option<String> {
    let v = v.trim().trim_end_matches([',', ';']);
    let v = v.strip_prefix('<').unwrap_or(v);
    let v = v.strip_suffix('>').unwrap_or(v).trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// An envelope sender; the null sender `<>` is kept as `"<>"`.
pub(super) fn clean_sender(v: &str) -> String {
    clean_value(v).unwrap_or_else(|| "<>".to_string())
}

/// `TLSv1.3`, `TLS1_2`, `TLSv1`, `TLS1.0`, `SSLv3`, ... in one spelling.
pub(super) fn norm_tls_version(w: &str) -> Option<String> {
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
pub(super) fn looks_like_cipher(w: &str) -> bool {
    (w.contains('_') || w.contains('-'))
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && w.chars().any(|c| c.is_ascii_uppercase())
}

/// Could `w` be the rDNS name (or `ident@name`) written before an `[ip]`?
/// InterMail's `(really [ip])` is a keyword, not a name.
pub(super) fn rdns_candidate(w: &str) -> bool {
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
pub(super) fn looks_like_host_name(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    rdns_candidate(w)
        && !w.contains('@')
        && w.contains('.')
        && !w.starts_with('.')
        && w.rsplit('.')
            .next()
            .is_some_and(|top| top.chars().any(char::is_alphabetic))
}
