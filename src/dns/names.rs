//! Host names fit to be asked about, and the rules a HELO name must follow.
//!
//! Every name that comes from a message (HELO, recipient domain) or from a
//! DNS answer (PTR and MX targets) passes through [`HostName::parse`] before
//! it is queried, so the resolver never sees garbage: RFC 1035 "LDH" labels
//! (letters, digits, hyphen), a label at most 63 octets, a name at most 253.

use std::fmt;
use std::net::IpAddr;

use thiserror::Error;

/// A syntactically valid host name: ASCII, lowercase, no trailing dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostName(String);

/// Why a text is not a valid host name; the message is shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameProblem {
    #[error("it is empty")]
    Empty,
    #[error("it is {0} characters long (at most 253 are allowed)")]
    TooLong(usize),
    #[error("it has an empty label (two dots in a row, or a leading dot)")]
    EmptyLabel,
    #[error("the label '{0}' is longer than 63 characters")]
    LabelTooLong(String),
    #[error("the label '{label}' contains '{ch}' (only letters, digits and '-' are allowed)")]
    BadCharacter { label: String, ch: char },
    #[error("the label '{0}' starts or ends with '-'")]
    HyphenAtEdge(String),
    #[error(
        "its last label '{0}' is all digits, so it is no domain (an IP address needs brackets: [{1}])"
    )]
    NumericTopLabel(String, String),
}

impl HostName {
    /// Validates and normalises a name: one trailing dot is dropped and
    /// letters are lowercased.
    pub fn parse(text: &str) -> Result<HostName, NameProblem> {
        let name = text.strip_suffix('.').unwrap_or(text);
        if name.is_empty() {
            return Err(NameProblem::Empty);
        }
        let char_count = name.chars().count();
        if char_count > 253 {
            return Err(NameProblem::TooLong(char_count));
        }
        let name = name.to_ascii_lowercase();
        for label in name.split('.') {
            check_label(label)?;
        }
        let last = name.rsplit('.').next().unwrap_or_default();
        if last.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NameProblem::NumericTopLabel(last.to_string(), name));
        }
        Ok(HostName(name))
    }

    /// The name as text: lowercase, no trailing dot.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the name has at least two labels (`mail.example.org`, not `mail`).
    pub fn is_fqdn(&self) -> bool {
        self.0.contains('.')
    }

    /// `name.zone`, checked again because the result can be too long.
    pub fn prefixed(prefix: &str, zone: &HostName) -> Result<HostName, NameProblem> {
        HostName::parse(&format!("{prefix}.{}", zone.0))
    }

    /// Whether this name lies in (or is) `zone`.
    pub fn is_under(&self, zone: &str) -> bool {
        self.0 == zone || self.0.ends_with(&format!(".{zone}"))
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn check_label(label: &str) -> Result<(), NameProblem> {
    if label.is_empty() {
        return Err(NameProblem::EmptyLabel);
    }
    if label.len() > 63 {
        return Err(NameProblem::LabelTooLong(label.to_string()));
    }
    if let Some(ch) = label
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(NameProblem::BadCharacter {
            label: label.to_string(),
            ch,
        });
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(NameProblem::HyphenAtEdge(label.to_string()));
    }
    Ok(())
}

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
    HostName(format!("{}.{zone}", reversed(ip)))
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
        /// Any text: no panic, and whatever passes is a name DNS accepts.
        #[test]
        fn any_text_is_judged_without_panic(text in "\\PC{0,300}") {
            if let Ok(name) = HostName::parse(&text) {
                prop_assert!(name.as_str().len() <= 253);
                prop_assert!(name.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
            }
            let _ = helo_syntax(&text);
        }

        #[test]
        fn name_like_text_round_trips(labels in prop::collection::vec("[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", 2..6)) {
            let text = labels.join(".");
            prop_assume!(!labels.last().unwrap().bytes().all(|b| b.is_ascii_digit()));
            let name = HostName::parse(&text).unwrap();
            prop_assert_eq!(name.as_str(), text.as_str());
        }
    }

    fn name(s: &str) -> Result<String, NameProblem> {
        HostName::parse(s).map(|n| n.0)
    }

    #[test]
    fn valid_names_are_normalised() {
        assert_eq!(name("Mail.Example.ORG.").unwrap(), "mail.example.org");
        assert_eq!(name("a-b.example.net").unwrap(), "a-b.example.net");
        assert_eq!(name("mailserver2").unwrap(), "mailserver2");
    }

    #[test]
    fn invalid_names_say_why() {
        assert_eq!(name(""), Err(NameProblem::Empty));
        assert_eq!(name("a..b"), Err(NameProblem::EmptyLabel));
        assert!(matches!(
            name("mail_1.example.org"),
            Err(NameProblem::BadCharacter { ch: '_', .. })
        ));
        assert!(matches!(
            name("user@localhost"),
            Err(NameProblem::BadCharacter { ch: '@', .. })
        ));
        assert!(matches!(
            name("-a.example.org"),
            Err(NameProblem::HyphenAtEdge(_))
        ));
        assert!(matches!(
            name(&format!("{}.example.org", "a".repeat(64))),
            Err(NameProblem::LabelTooLong(_))
        ));
        let long = vec!["abcdefghi"; 26].join(".");
        assert!(matches!(name(&long), Err(NameProblem::TooLong(259))));
        assert!(matches!(
            name("192.0.2.1"),
            Err(NameProblem::NumericTopLabel(..))
        ));
        assert!(matches!(
            name("caf\u{e9}.example"),
            Err(NameProblem::BadCharacter { .. })
        ));
        assert!(matches!(
            name("a\x1bb.example"),
            Err(NameProblem::BadCharacter { .. })
        ));
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
