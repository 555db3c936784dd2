//! Names the DNS checks ask about: reverse-lookup names of addresses, and
//! the rules a HELO name must follow. Every name from a message or a DNS
//! answer is a [`HostName`] before it is queried.

use std::net::IpAddr;

use crate::host::HostName;

/// The reverse-lookup name of an IP without its zone suffix:
/// `7.2.0.192` for 192.0.2.7, 32 nibbles for IPv6. DNSBLs use the same form.
pub fn reversed(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            format!("{d}.{c}.{b}.{a}")
        }
        IpAddr::V6(v6) => {
            let hex: String = v6.octets().iter().map(|o| format!("{o:02x}")).collect();
            let nibbles: Vec<String> = hex.chars().rev().map(String::from).collect();
            nibbles.join(".")
        }
    }
}

/// The PTR query name of an IP: `7.2.0.192.in-addr.arpa` or `….ip6.arpa`.
pub fn reverse_name(ip: IpAddr) -> HostName {
    let zone = if ip.is_ipv4() {
        "in-addr.arpa"
    } else {
        "ip6.arpa"
    };
    // Digits, hex nibbles and dots only: always a valid name.
    HostName::from_valid_parts(format!("{}.{zone}", reversed(ip)))
}

/// What a HELO/EHLO argument is, by the rules of RFC 5321 §4.1.1.1 and §2.3.5.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeloSyntax {
    /// A fully qualified domain name.
    Fqdn(HostName),
    /// An address literal, `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
    Literal(IpAddr),
    /// A valid name with one label only (`mailserver2`).
    NotFqdn(HostName),
    /// `localhost`, `localhost.localdomain` and the like: says nothing about the sender.
    Localhost,
    /// Not a host name at all; the text says why.
    Invalid(String),
}

/// Classifies a HELO name as the receiver recorded it.
pub fn helo_syntax(helo: &str) -> HeloSyntax {
    let helo = helo.trim();
    if let Some(inner) = helo.strip_prefix('[') {
        return literal(inner);
    }
    if let Ok(ip) = helo.parse::<IpAddr>() {
        return HeloSyntax::Invalid(format!(
            "a bare IP address; RFC 5321 requires the literal form [{ip}]"
        ));
    }
    let lower = helo.trim_end_matches('.').to_ascii_lowercase();
    if is_localhost(&lower) {
        return HeloSyntax::Localhost;
    }
    match HostName::parse(helo) {
        Ok(name) if name.is_fqdn() => HeloSyntax::Fqdn(name),
        Ok(name) => HeloSyntax::NotFqdn(name),
        Err(problem) => HeloSyntax::Invalid(problem.to_string()),
    }
}

fn literal(inner: &str) -> HeloSyntax {
    let Some(body) = inner.strip_suffix(']') else {
        return HeloSyntax::Invalid("an address literal without its closing ']'".to_string());
    };
    // RFC 5321 wants the `IPv6:` tag, but header writers and parsers often
    // drop it; the address is what matters here.
    let body = match body.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("ipv6:") => &body[5..],
        _ => body,
    };
    match body.parse::<IpAddr>() {
        Ok(ip) => HeloSyntax::Literal(ip),
        Err(_) => HeloSyntax::Invalid(format!("'[{body}]' is not an IP address literal")),
    }
}

fn is_localhost(name: &str) -> bool {
    name == "localhost"
        || name.starts_with("localhost.")
        || name.ends_with(".localhost")
        || name == "localdomain"
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text: the HELO judge does not panic (host names
        /// themselves are checked in `host.rs`).
        #[test]
        fn any_text_is_judged_without_panic(text in "\\PC{0,300}") {
            let _ = helo_syntax(&text);
        }

    }

    #[test]
    fn reverse_names() {
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(reverse_name(v4).as_str(), "7.2.0.192.in-addr.arpa");
        let v6: IpAddr = "2001:db8::1".parse().unwrap();
        assert_eq!(
            reverse_name(v6).as_str(),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
        );
    }

    #[test]
    fn helo_kinds() {
        assert!(matches!(
            helo_syntax("mail.example.org"),
            HeloSyntax::Fqdn(_)
        ));
        assert!(matches!(helo_syntax("mailserver2"), HeloSyntax::NotFqdn(_)));
        assert_eq!(helo_syntax("localhost.localdomain"), HeloSyntax::Localhost);
        assert_eq!(helo_syntax("LOCALHOST"), HeloSyntax::Localhost);
        assert_eq!(
            helo_syntax("[192.0.2.1]"),
            HeloSyntax::Literal("192.0.2.1".parse().unwrap())
        );
        assert_eq!(
            helo_syntax("[IPv6:2001:db8::1]"),
            HeloSyntax::Literal("2001:db8::1".parse().unwrap())
        );
        assert_eq!(
            helo_syntax("[2001:db8::1]"),
            HeloSyntax::Literal("2001:db8::1".parse().unwrap())
        );
        assert!(matches!(helo_syntax("[192.0.2.1"), HeloSyntax::Invalid(_)));
        assert!(matches!(helo_syntax("[mail]"), HeloSyntax::Invalid(_)));
        assert!(matches!(helo_syntax("192.0.2.1"), HeloSyntax::Invalid(_)));
        assert!(matches!(
            helo_syntax("mail_1.example.org"),
            HeloSyntax::Invalid(_)
        ));
    }
}
