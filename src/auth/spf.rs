//! `Received-SPF` (RFC 7208 §9.1): the receiver's SPF result.
//!
//! ```text
//! result [(comment)] [key=value; key=value; ...]
//! ```
//!
//! Keys (RFC 7208 §9.1): `client-ip` (the receiver's record of the
//! connecting IP), `envelope-from`, `helo`, `receiver`, `identity`,
//! `mechanism`, `problem`; others (Microsoft's `pr=`) are kept as
//! written. Read leniently, in the forms receivers write: a capitalised
//! result (`Pass`, Microsoft), nested parentheses in the comment (pyspf),
//! quoted and unquoted values, no key=value pairs at all (Microsoft's
//! `None (...: example.org does not designate permitted sender hosts)`,
//! sendmail's spf-milter), where the client IP is only in the comment, no
//! comment, and trailing garbage after the last pair.

use std::net::IpAddr;

use super::lex::{self, ItemKind};
use crate::model::{Pair, ReceivedSpf};

impl ReceivedSpf {
    /// The first value of key `name` (any case).
    pub fn pair(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value.as_str())
    }

    /// The comment after the result.
    pub fn comment(&self) -> Option<&str> {
        self.comments.first().map(String::as_str)
    }

    /// The connecting IP the receiver recorded: `client-ip=`, else the
    /// one its comment names (`designates 192.0.2.1 as permitted
    /// sender`), as sendmail's spf-milter and Microsoft write it.
    pub fn client_ip(&self) -> Option<IpAddr> {
        self.pair("client-ip")
            .and_then(lex::ip_word)
            .or_else(|| self.comments.iter().find_map(|c| lex::recorded_ip(c)))
    }

    pub fn envelope_from(&self) -> Option<&str> {
        self.pair("envelope-from")
    }

    pub fn helo(&self) -> Option<&str> {
        self.pair("helo")
    }

    /// The host that checked: `receiver=`.
    pub fn receiver(&self) -> Option<&str> {
        self.pair("receiver")
    }

    /// Which identity was checked: `mailfrom` or `helo`.
    pub fn identity(&self) -> Option<&str> {
        self.pair("identity")
    }

    /// The mechanism that matched.
    pub fn mechanism(&self) -> Option<&str> {
        self.pair("mechanism")
    }

    /// Why the check failed, for an error result.
    pub fn problem(&self) -> Option<&str> {
        self.pair("problem")
    }
}

/// Reads a Received-SPF value.
pub fn parse(value: &str) -> ReceivedSpf {
    let tokens = lex::tokens(value, Some(b';'));
    let items = lex::items(&tokens);
    let mut out = ReceivedSpf::default();
    let mut first = true;
    for item in &items {
        match &item.kind {
            ItemKind::Word(w) if first => {
                out.result = Some(w.trim_end_matches([',', ':']).to_ascii_lowercase());
            }
            ItemKind::Pair { key, value } => {
                out.pairs
                    .push(Pair::new(key.trim().to_ascii_lowercase(), value.clone()));
            }
            ItemKind::Comment(c) => out.comments.push((*c).to_string()),
            ItemKind::Separator => {}
            ItemKind::Word(_) | ItemKind::Quoted(_) => out.unread.push(
                value
                    .get(item.start..item.end)
                    .unwrap_or_default()
                    .to_string(),
            ),
        }
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(r: &ReceivedSpf) -> Option<String> {
        r.client_ip().map(|i| i.to_string())
    }

    #[test]
    fn gmail_with_client_ip() {
        let r = parse(
            "pass (google.com: domain of a@example.org designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from=a@example.org; helo=mail.example.org;",
        );
        assert_eq!(r.result.as_deref(), Some("pass"));
        assert_eq!(
            r.comment(),
            Some("google.com: domain of a@example.org designates 192.0.2.10 as permitted sender")
        );
        assert_eq!(ip(&r).as_deref(), Some("192.0.2.10"));
        assert_eq!(r.envelope_from(), Some("a@example.org"));
        assert_eq!(r.helo(), Some("mail.example.org"));
        assert!(r.unread.is_empty());
        let r = parse(
            "neutral (google.com: 198.51.100.9 is neither permitted nor denied by best guess record for domain of b@example.org) client-ip=198.51.100.9;",
        );
        assert_eq!(r.result.as_deref(), Some("neutral"));
        assert_eq!(ip(&r).as_deref(), Some("198.51.100.9"));
    }

    #[test]
    fn zoho_null_sender() {
        let r = parse(
            "none (mx.zoho.example: 192.0.2.8 is neither permitted nor denied by domain of @) client-ip=192.0.2.8; envelope-from=@; helo=mta.example.org;",
        );
        assert_eq!(r.result.as_deref(), Some("none"));
        assert_eq!(r.envelope_from(), Some("@"));
    }

    #[test]
    fn pyspf_with_nested_parentheses_and_quotes() {
        let r = parse(
            "pass (mail.example.net: 192.0.2.77 is authorized to use 'a@example.org' in 'mfrom' identity (mechanism 'ip4:192.0.2.0/24' matched)) receiver=mail.example.net; identity=mailfrom; envelope-from=\"a@example.org\"; helo=out.example.org; client-ip=192.0.2.77",
        );
        assert_eq!(r.result.as_deref(), Some("pass"));
        assert_eq!(r.comments.len(), 1);
        assert!(r.comments[0].ends_with("(mechanism 'ip4:192.0.2.0/24' matched)"));
        assert_eq!(r.receiver(), Some("mail.example.net"));
        assert_eq!(r.identity(), Some("mailfrom"));
        assert_eq!(r.envelope_from(), Some("a@example.org"));
        assert_eq!(ip(&r).as_deref(), Some("192.0.2.77"));
    }

    #[test]
    fn microsoft_forms() {
        let r = parse(
            "Pass (protection.outlook.com: domain of example.org designates 198.51.100.7 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.7; helo=mail.example.org; pr=C",
        );
        assert_eq!(r.result.as_deref(), Some("pass"));
        assert_eq!(r.pair("pr"), Some("C"));
        assert_eq!(ip(&r).as_deref(), Some("198.51.100.7"));
        // No key=value pairs at all.
        let r = parse(
            "None (protection.outlook.com: example.org does not designate permitted sender hosts)",
        );
        assert_eq!(r.result.as_deref(), Some("none"));
        assert!(r.pairs.is_empty());
        assert_eq!(ip(&r), None);
        // IPv6 client.
        let r = parse(
            "Fail (protection.outlook.com: domain of example.org does not designate 2001:db8::9 as permitted sender) receiver=protection.outlook.com; client-ip=2001:db8::9; helo=mail.example.org;",
        );
        assert_eq!(r.result.as_deref(), Some("fail"));
        assert_eq!(ip(&r).as_deref(), Some("2001:db8::9"));
    }

    #[test]
    fn spf_milter_style_takes_the_ip_from_the_comment() {
        let r = parse(
            "pass (mx.example.net: SPF record at example.org designates 203.0.113.25 as permitted sender)",
        );
        assert_eq!(ip(&r).as_deref(), Some("203.0.113.25"));
        let r = parse(
            "none (mx.example.net: domain at example.org does not designate permitted sender hosts)",
        );
        assert_eq!(r.result.as_deref(), Some("none"));
        assert_eq!(ip(&r), None);
        let r = parse("pass (: local policy designates 192.0.2.3 as permitted sender)");
        assert_eq!(ip(&r).as_deref(), Some("192.0.2.3"));
    }

    #[test]
    fn no_comment_host_name_client_and_trailing_garbage() {
        let r = parse(
            "softfail receiver=mx.example.net; client-ip=mail.example.org; envelope-from=a@example.org",
        );
        assert_eq!(r.result.as_deref(), Some("softfail"));
        assert!(r.comments.is_empty());
        assert_eq!(r.pair("client-ip"), Some("mail.example.org"));
        assert_eq!(ip(&r), None);
        let r = parse(
            "pass (pod-1: domain of example.org designates 192.0.2.5 as permitted sender) client-ip=192.0.2.5; envelope-from=a@example.org; helo=mail.example.org ;x1y2 ;",
        );
        assert_eq!(r.helo(), Some("mail.example.org"));
        assert_eq!(r.unread, ["x1y2"]);
        assert_eq!(ip(&r).as_deref(), Some("192.0.2.5"));
    }

    #[test]
    fn errors_and_odd_values() {
        let r = parse(
            "permerror (mx.example.net: permanent error in processing) problem=\"too many DNS lookups\"; mechanism=include:_spf.example.org; identity=mailfrom",
        );
        assert_eq!(r.result.as_deref(), Some("permerror"));
        assert_eq!(r.problem(), Some("too many DNS lookups"));
        assert_eq!(r.mechanism(), Some("include:_spf.example.org"));
        assert_eq!(parse(""), ReceivedSpf::default());
        let r = parse("(invalid)");
        assert_eq!(r.result, None);
        assert_eq!(r.comments, ["invalid"]);
        let r = parse("client-ip=192.0.2.1");
        assert_eq!(r.result, None);
        assert_eq!(ip(&r).as_deref(), Some("192.0.2.1"));
    }
}
