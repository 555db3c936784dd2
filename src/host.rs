//! Host names: the one place where a name from a header or a notice is
//! cleaned up for a report ([`clean`], [`normalise`]), validated before DNS
//! is asked about it ([`HostName`]), and where an IP address or a host is
//! picked out of free text ([`find_ip`], [`name_and_ip`]).
//!
//! Every name that comes from a message (HELO, recipient domain) or from a
//! DNS answer (PTR and MX targets) passes through [`HostName::parse`] before
//! it is queried, so the resolver never sees garbage: RFC 1035 "LDH" labels
//! (letters, digits, hyphen), a label at most 63 octets, a name at most 253.

use std::fmt;
use std::net::IpAddr;

use thiserror::Error;

/// A name as the header wrote it, in the form reports use: lowercase,
/// without a trailing dot; `None` when nothing is left. Not validated: a
/// Received header's odd names are kept as written.
pub fn normalise(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.').to_lowercase();
    (!name.is_empty()).then_some(name)
}

/// A host name named in a notice or a DSN field, as reports show it:
/// lowercase, no trailing dot, no brackets or quotes around it; `None`
/// unless it is made of host-name characters.
pub fn clean(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '<' | '>' | '(' | ')' | '\'' | '"'))
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && !name.starts_with('.')
        && !name.contains("..");
    valid.then_some(name)
}

/// The organisational domain of a host name, as DMARC defines it
/// (RFC 7489 §3.2): the public suffix from the Public Suffix List plus one
/// label (`mx1.mail.example.co.uk` → `example.co.uk`). `None` for a name
/// of one label, a public suffix itself, or an address written as a name.
pub fn organisational_domain(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = name.split('.').collect();
    let numeric = labels
        .last()
        .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()));
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) || numeric {
        return None;
    }
    psl::domain_str(&name).map(str::to_string)
}

/// Words of generic (end-user, dynamically assigned) reverse DNS names.
const GENERIC_WORDS: &[&str] = &[
    "dynamic",
    "dyn",
    "dhcp",
    "dsl",
    "adsl",
    "vdsl",
    "xdsl",
    "pool",
    "cable",
    "ppp",
    "pppoe",
    "dialup",
    "client",
    "broadband",
    "residential",
];

/// Whether a PTR name looks generic: a name an access provider gives to
/// every address of a pool, which receivers read as "an end-user
/// connection, not a mail server". Only the labels left of the last two
/// (the registered domain) count: they embed the IP's four octets (in
/// order or reversed, joined by `-` or `.`, or zero-padded), or a word of
/// [`GENERIC_WORDS`] (digits around it ignored: `dsl5`, `ppp-123`).
pub fn looks_generic(name: &str, ip: IpAddr) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 3 {
        return false;
    }
    let host = labels[..labels.len() - 2].join(".");
    if let IpAddr::V4(v4) = ip {
        let [a, b, c, d] = v4.octets();
        let mut forms = Vec::new();
        for [w, x, y, z] in [[a, b, c, d], [d, c, b, a]] {
            for sep in ["-", ".", "_"] {
                forms.push(format!("{w}{sep}{x}{sep}{y}{sep}{z}"));
                forms.push(format!("{w:03}{sep}{x:03}{sep}{y:03}{sep}{z:03}"));
            }
            forms.push(format!("{w:03}{x:03}{y:03}{z:03}"));
        }
        if forms.iter().any(|f| contains_number(&host, f)) {
            return true;
        }
    }
    host.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|token| token.trim_matches(|c: char| c.is_ascii_digit()))
        .any(|word| GENERIC_WORDS.contains(&word))
}

/// Whether `needle` occurs in `text` with no digit right before or after it.
fn contains_number(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// The first IP address in a piece of text: `[192.0.2.9]`, `192.0.2.9:25`,
/// `(192.0.2.9, ...)`, `[IPv6:2001:db8::9]`.
pub fn find_ip(text: &str) -> Option<IpAddr> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '[' | ']' | '(' | ')' | ',' | ';' | '<' | '>' | '=' | '"' | '\''
            )
    })
    .find_map(|token| {
        let token = token.trim_end_matches(['.', ':']);
        let token = match token.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("ipv6:") => &token[5..],
            _ => token,
        };
        token.parse::<IpAddr>().ok().or_else(|| {
            // `192.0.2.9:25`
            let (host, port) = token.rsplit_once(':')?;
            (host.contains('.') && port.bytes().all(|b| b.is_ascii_digit()))
                .then(|| host.parse().ok())
                .flatten()
        })
    })
}

/// The host named at the start of `text`, as notices write it after a
/// phrase ("host ", "connect to "): `mx.example.net[192.0.2.9]`,
/// `mx.example.net [192.0.2.9]`, `mx.example.net (192.0.2.9)`,
/// `mx.example.net.:`, `[192.0.2.9]`, `192.0.2.9`. Its name (with a dot,
/// cleaned as [`clean`] does), its IP, or both; `None` when `text` starts
/// with neither.
pub fn name_and_ip(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
    let text = text.trim_start();
    let name_end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '[' | '(' | ',' | ';' | '\'' | '"'))
        .unwrap_or(text.len());
    let name = text[..name_end].trim_end_matches([':', ',']);
    let after = text[name_end..].trim_start_matches([' ', '\t']);
    let bracket_ip = if after.starts_with(['[', '(']) {
        let close = after.find([']', ')']).unwrap_or(after.len());
        find_ip(&after[..close])
    } else {
        None
    };
    if name.is_empty() {
        return bracket_ip.map(|ip| (None, Some(ip)));
    }
    if let Some(ip) =
        find_ip(name).filter(|_| name.trim_matches(['[', ']', '.']).parse::<IpAddr>().is_ok())
    {
        return Some((None, Some(ip)));
    }
    let host = clean(name).filter(|h| h.contains('.'))?;
    Some((Some(host), bracket_ip))
}

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

    /// A name built by the tool itself from parts known to be valid (the
    /// digits and hex nibbles of a reverse-lookup name): not checked again.
    pub(crate) fn from_valid_parts(name: String) -> HostName {
        HostName(name)
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
            let _ = clean(&text);
            let _ = find_ip(&text);
            let _ = name_and_ip(&text);
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
    fn organisational_domains_follow_the_public_suffix_list() {
        let org = |n: &str| organisational_domain(n);
        assert_eq!(org("mx1.mail.example.org").as_deref(), Some("example.org"));
        assert_eq!(org("a.b.example.co.uk").as_deref(), Some("example.co.uk"));
        // Suffixes the two-label guess got wrong: a three-letter second
        // level under a country code, and private suffixes.
        assert_eq!(org("mx.example.com.au").as_deref(), Some("example.com.au"));
        assert_eq!(
            org("smtp.example.org.uk").as_deref(),
            Some("example.org.uk")
        );
        assert_eq!(org("mail.example.ne.jp").as_deref(), Some("example.ne.jp"));
        assert_eq!(
            org("mx.myapp.herokuapp.com").as_deref(),
            Some("myapp.herokuapp.com")
        );
        assert_eq!(org("host.example.de").as_deref(), Some("example.de"));
        assert_eq!(org("MX.Example.NET.").as_deref(), Some("example.net"));
        assert_eq!(org("co.uk"), None);
        assert_eq!(org("localhost"), None);
        assert_eq!(org("bad..name"), None);
        assert_eq!(org("192.0.2.1"), None);
    }

    #[test]
    fn looks_generic_names() {
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(looks_generic("192-0-2-7.dynamic.example.net", ip));
        assert!(looks_generic("7.2.0.192.static.example.net", ip));
        assert!(looks_generic("host-192-000-002-007.example.net", ip));
        assert!(looks_generic("ppp123.isp.example.net", ip));
        assert!(looks_generic("dsl-5.example.com", ip));
        assert!(!looks_generic("mail.example.org", ip));
        assert!(
            !looks_generic("mail.pool.com", ip),
            "the registered domain does not count"
        );
        assert!(
            !looks_generic("192-0-2-77.example.net", ip),
            "another address"
        );
        assert!(!looks_generic("mx.dyn.com", ip));
        let v6: IpAddr = "2001:db8::7".parse().unwrap();
        assert!(looks_generic("dynamic-2001-db8--7.example.net", v6));
        assert!(!looks_generic("mail.example.org", v6));
    }

    #[test]
    fn a_host_named_after_a_phrase() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(
            name_and_ip("mx.example.net[192.0.2.9]:25"),
            Some((Some("mx.example.net".into()), ip("192.0.2.9")))
        );
        assert_eq!(
            name_and_ip("192.0.2.9[192.0.2.9] said"),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(
            name_and_ip("mx.example.net.:"),
            Some((Some("mx.example.net".into()), None))
        );
        assert_eq!(name_and_ip("said: 550"), None);
        assert_eq!(
            name_and_ip("[192.0.2.9] blocked"),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(name_and_ip(""), None);
    }

    #[test]
    fn ips_and_hosts_in_text() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(find_ip("mx.example.net[192.0.2.9]:25:"), ip("192.0.2.9"));
        assert_eq!(find_ip("192.0.2.9:25"), ip("192.0.2.9"));
        assert_eq!(find_ip("(192.0.2.9, the server)"), ip("192.0.2.9"));
        assert_eq!(find_ip("[IPv6:2001:db8::9]"), ip("2001:db8::9"));
        assert_eq!(find_ip("Giving up on 192.0.2.9."), ip("192.0.2.9"));
        assert_eq!(find_ip("at 10:15:02 version 4.96"), None);
        assert_eq!(clean("MX.Example.NET."), Some("mx.example.net".into()));
        assert_eq!(clean("[mx.example.net]"), Some("mx.example.net".into()));
        assert_eq!(clean("bad host"), None);
        assert_eq!(clean(".."), None);
        assert_eq!(normalise("MX.Example.NET."), Some("mx.example.net".into()));
        assert_eq!(normalise("."), None);
    }
}
