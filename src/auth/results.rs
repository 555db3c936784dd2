//! `Authentication-Results` (RFC 8601) and `ARC-Authentication-Results`
//! (RFC 8617 §4.1.1: the same body after an `i=N;` instance tag).
//!
//! ```text
//! authserv-id [version] [(comment)] ; method[/version]=result [(comment)]
//!     [reason=...] [ptype.property=value ...] ; ... | ; none
//! ```
//!
//! Read leniently, in the forms receivers really write:
//!
//! * no authserv-id at all (Microsoft 365: the header starts with
//!   `spf=`), a version after it (`mx.microsoft.com 1;`), a comment after
//!   it (amavisd-new: `mx.example.net (amavisd-new);`);
//! * `;` with or without a space after it, a trailing `;`, a comma after
//!   the result (`dkim=pass, header.i=...`), no space before a comment
//!   (`dmarc=pass(p=none)`), white space around `=`;
//! * properties with no ptype: Microsoft's `action=` and `reason=`, and
//!   old Yahoo's `from=<domain>` written in a segment of its own *before*
//!   the method it belongs to (such properties are given to the next
//!   method);
//! * old Gmail's `smtp.mail=` (empty when MAIL FROM was `<>`), Zoho's
//!   `header.from=<a@example.org>`, quoted values (`header.b="..."`,
//!   OpenDKIM's `reason="..."`), `x-*` and other unknown methods, nested
//!   comments, results carried only in comments (`(sender IP is ...)`).
//!
//! Every method result keeps its raw text beside the decoded parts; text
//! that is no method result is kept raw in `unread`, never guessed at.

use std::net::IpAddr;

use super::lex::{self, Item, ItemKind};
use crate::model::{AuthResults, MethodResult, Pair};

impl MethodResult {
    /// The first value of property `name` (any case): `smtp.mailfrom`.
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value.as_str())
    }

    /// The client IP this result records: `smtp.remote-ip=`,
    /// `policy.iprev=`, `client-ip=`, or one written in a comment
    /// (`sender IP is ...`, `designates ... as permitted sender`).
    pub fn client_ip(&self) -> Option<IpAddr> {
        const IP_PROPERTIES: &[&str] = &["smtp.remote-ip", "policy.iprev", "client-ip"];
        self.properties
            .iter()
            .filter(|p| IP_PROPERTIES.iter().any(|n| p.name.eq_ignore_ascii_case(n)))
            .find_map(|p| lex::ip_word(&p.value))
            .or_else(|| self.comments.iter().find_map(|c| lex::recorded_ip(c)))
    }
}

impl AuthResults {
    /// Every result of method `name` (any case), in order.
    pub fn method<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a MethodResult> + 'a {
        self.results
            .iter()
            .filter(move |r| r.method.eq_ignore_ascii_case(name))
    }

    pub fn spf(&self) -> Option<&MethodResult> {
        self.method("spf").next()
    }

    /// Every DKIM result: a message often carries several signatures.
    pub fn dkim(&self) -> Vec<&MethodResult> {
        self.method("dkim").collect()
    }

    pub fn dmarc(&self) -> Option<&MethodResult> {
        self.method("dmarc").next()
    }

    pub fn arc(&self) -> Option<&MethodResult> {
        self.method("arc").next()
    }

    /// Microsoft's composite authentication (`compauth=pass reason=100`).
    pub fn compauth(&self) -> Option<&MethodResult> {
        self.method("compauth").next()
    }

    /// The client IP the header records, from the first method result
    /// that records one ([`MethodResult::client_ip`]), else from the
    /// comments after the authserv-id.
    pub fn client_ip(&self) -> Option<IpAddr> {
        self.results
            .iter()
            .find_map(MethodResult::client_ip)
            .or_else(|| self.comments.iter().find_map(|c| lex::recorded_ip(c)))
    }
}

/// What a Microsoft `compauth` reason code means, from Microsoft's
/// "Anti-spam message headers" page: the first digit gives the class,
/// the other two are internal codes.
pub fn compauth_reason(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match code {
        "000" => "failed explicit authentication (DMARC failed with a reject or quarantine policy)",
        "001" => "failed implicit authentication (no or weak SPF, DKIM or DMARC records)",
        "002" => "the organisation prohibits this sender/domain pair from sending spoofed mail",
        "010" => {
            "failed DMARC with a reject or quarantine policy, from one of the organisation's own domains"
        }
        "130" => "passed: the ARC result overrode a DMARC failure",
        _ => match code.as_bytes()[0] {
            b'1' | b'7' => "passed authentication",
            b'2' => "soft-passed implicit authentication",
            b'3' => "not checked for composite authentication",
            b'4' | b'9' => "bypassed composite authentication",
            b'6' => "failed implicit authentication, from one of the organisation's own domains",
            _ => return None,
        },
    })
}

/// Joins the headers one writer split up: consecutive headers with the
/// same authserv-id (any case) and instance become one, their results in
/// order (Fastmail writes one header per method). Headers without an
/// authserv-id are never joined. Which headers belong to one hop is
/// decided by their place, before this.
pub fn merge_adjacent(headers: impl IntoIterator<Item = AuthResults>) -> Vec<AuthResults> {
    let mut out: Vec<AuthResults> = Vec::new();
    for h in headers {
        if let Some(last) = out.last_mut()
            && let (Some(a), Some(b)) = (&last.authserv_id, &h.authserv_id)
            && a.eq_ignore_ascii_case(b)
            && last.instance == h.instance
        {
            let AuthResults {
                version,
                mut comments,
                none,
                mut results,
                mut unread,
                ..
            } = h;
            last.version = last.version.take().or(version);
            last.comments.append(&mut comments);
            last.results.append(&mut results);
            last.unread.append(&mut unread);
            last.none = last.results.is_empty() && (last.none || none);
            continue;
        }
        out.push(h);
    }
    out
}

/// Methods that start a new result wherever they occur as `method=`, even
/// without a `;` before them.
const KNOWN_METHODS: &[&str] = &[
    "spf",
    "dkim",
    "dmarc",
    "arc",
    "iprev",
    "auth",
    "bimi",
    "compauth",
    "domainkeys",
    "dkim-atps",
    "dkim-adsp",
    "x-dkim-adsp",
    "sender-id",
    "senderid",
    "smime",
    "vbr",
    "rrvs",
    "dnswl",
];

/// Keys with no ptype that are properties, not methods.
const PLAIN_PROPERTIES: &[&str] = &["reason", "action", "from"];

/// Reads an Authentication-Results value.
pub fn parse(value: &str) -> AuthResults {
    read(value, false)
}

/// Reads an ARC-Authentication-Results value: `i=N;` then the same body.
pub fn parse_arc(value: &str) -> AuthResults {
    read(value, true)
}

fn read(value: &str, arc: bool) -> AuthResults {
    let tokens = lex::tokens(value, Some(b';'));
    let items = lex::items(&tokens);
    let mut segments = items
        .split(|i| i.kind == ItemKind::Separator)
        .filter(|s| !s.is_empty())
        .peekable();
    let mut out = AuthResults::default();
    let mut reader = Reader {
        value,
        pending: Vec::new(),
        pending_comments: Vec::new(),
    };

    // ARC: `i=N` first; the authserv-id follows after a `;` (or, when
    // the `;` is missing, in the same segment).
    let mut header = None;
    if arc
        && let Some(first) = segments.peek()
        && let Some(Item {
            kind: ItemKind::Pair { key, value: i },
            ..
        }) = first.first()
        && key.eq_ignore_ascii_case("i")
    {
        out.instance = i.trim().parse().ok();
        if out.instance.is_none() {
            out.unread.push(reader.raw(&first[0]));
        }
        let rest = &first[1..];
        segments.next();
        if !rest.is_empty() {
            header = Some(rest);
        }
    }

    if let Some(first) = header.or_else(|| segments.next()) {
        let rest = reader.header(first, &mut out);
        reader.segment(rest, &mut out);
    }
    for segment in segments {
        reader.segment(segment, &mut out);
    }
    for p in reader.pending.drain(..) {
        out.unread.push(format!("{}={}", p.name, p.value));
    }
    out.comments.append(&mut reader.pending_comments);
    out
}

struct Reader<'v> {
    value: &'v str,
    /// Properties met before any method (old Yahoo's `from=` segment):
    /// they go to the next method.
    pending: Vec<Pair>,
    pending_comments: Vec<String>,
}

impl Reader<'_> {
    fn raw(&self, item: &Item) -> String {
        self.value
            .get(item.start..item.end)
            .unwrap_or_default()
            .to_string()
    }

    /// Reads the authserv-id segment (or finds there is none) and returns
    /// the items left to read as method results.
    fn header<'i, 'a>(&mut self, items: &'i [Item<'a>], out: &mut AuthResults) -> &'i [Item<'a>] {
        let mut k = 0;
        while let Some(ItemKind::Comment(c)) = items.get(k).map(|i| &i.kind) {
            out.comments.push((*c).to_string());
            k += 1;
        }
        let id = match items.get(k).map(|i| &i.kind) {
            Some(ItemKind::Word(w)) => w.trim_end_matches(',').to_string(),
            Some(ItemKind::Quoted(q)) => q.clone(),
            // `spf=pass ...` (Microsoft) or `smtp.mail=...` (no id).
            _ => return &items[k..],
        };
        if id.eq_ignore_ascii_case("none") && items.len() == k + 1 {
            // `; none` with the id left out.
            out.none = true;
            return &[];
        }
        out.authserv_id = Some(id);
        k += 1;
        // `[CFWS version]`: comments may stand on either side of it.
        while let Some(item) = items.get(k) {
            match &item.kind {
                ItemKind::Comment(c) => out.comments.push((*c).to_string()),
                ItemKind::Word(v)
                    if out.version.is_none()
                        && !v.is_empty()
                        && v.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    out.version = Some((*v).to_string());
                }
                _ => break,
            }
            k += 1;
        }
        &items[k..]
    }

    /// Reads one `;`-separated segment: normally one method result, but
    /// properties alone (old Yahoo), `none`, and method results missing
    /// their `;` are read too.
    fn segment(&mut self, items: &[Item], out: &mut AuthResults) {
        // `none`, perhaps with comments.
        let mut words = items
            .iter()
            .filter(|i| !matches!(i.kind, ItemKind::Comment(_)));
        if let (
            Some(Item {
                kind: ItemKind::Word(w),
                ..
            }),
            None,
        ) = (words.next(), words.next())
            && w.eq_ignore_ascii_case("none")
        {
            out.none = true;
            for item in items {
                if let ItemKind::Comment(c) = &item.kind {
                    out.comments.push((*c).to_string());
                }
            }
            return;
        }
        let mut current: Option<MethodResult> = None;
        let mut current_start = 0;
        let mut last_end = 0;
        let mut first_pair = true;
        for item in items {
            match &item.kind {
                ItemKind::Pair { key, value } => {
                    let starts = starts_method(key, value, first_pair);
                    first_pair = false;
                    if starts {
                        if let Some(done) = current.take() {
                            out.results.push(self.finish(done, current_start, last_end));
                        }
                        current = Some(self.method(key, value));
                        current_start = item.start;
                    } else if let Some(m) = current.as_mut() {
                        if key.eq_ignore_ascii_case("reason") && m.reason.is_none() {
                            m.reason = Some(value.clone());
                        } else {
                            m.properties
                                .push(Pair::new(key.to_ascii_lowercase(), value.clone()));
                        }
                    } else {
                        self.pending
                            .push(Pair::new(key.to_ascii_lowercase(), value.clone()));
                    }
                }
                ItemKind::Comment(c) => match current.as_mut() {
                    Some(m) => m.comments.push((*c).to_string()),
                    None => self.pending_comments.push((*c).to_string()),
                },
                ItemKind::Word(_) | ItemKind::Quoted(_) | ItemKind::Separator => {
                    out.unread.push(self.raw(item));
                }
            }
            last_end = item.end;
        }
        if let Some(done) = current.take() {
            out.results.push(self.finish(done, current_start, last_end));
        }
    }

    /// A new method result from `key=value`, with the properties and
    /// comments met before it.
    fn method(&mut self, key: &str, value: &str) -> MethodResult {
        let (method, version) = match key.split_once('/') {
            Some((m, v)) => (m, Some(v.trim().to_string())),
            None => (key, None),
        };
        MethodResult {
            method: method.trim().to_ascii_lowercase(),
            method_version: version,
            result: value
                .trim_end_matches([',', ';'])
                .trim()
                .to_ascii_lowercase(),
            properties: std::mem::take(&mut self.pending),
            comments: std::mem::take(&mut self.pending_comments),
            ..MethodResult::default()
        }
    }

    fn finish(&self, mut m: MethodResult, start: usize, end: usize) -> MethodResult {
        m.raw = self
            .value
            .get(start..end.max(start))
            .unwrap_or_default()
            .to_string();
        m
    }
}

/// Whether `key=value` starts a method result: a known method anywhere;
/// else, as the first pair of a segment, a key with no ptype (no `.`)
/// that is no plain property, with a result-like value.
fn starts_method(key: &str, value: &str, first_pair: bool) -> bool {
    let method = key.split('/').next().unwrap_or(key);
    if KNOWN_METHODS.iter().any(|m| method.eq_ignore_ascii_case(m)) {
        return true;
    }
    if !first_pair
        || method.is_empty()
        || method.contains('.')
        || PLAIN_PROPERTIES
            .iter()
            .any(|p| method.eq_ignore_ascii_case(p))
    {
        return false;
    }
    let result = value.trim_end_matches([',', ';']);
    !result.is_empty()
        && result
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `method=result` of each result, for short assertions.
    fn summary(r: &AuthResults) -> Vec<String> {
        r.results
            .iter()
            .map(|m| format!("{}={}", m.method, m.result))
            .collect()
    }

    fn props(m: &MethodResult) -> Vec<(&str, &str)> {
        m.properties
            .iter()
            .map(|p| (p.name.as_str(), p.value.as_str()))
            .collect()
    }

    #[test]
    fn rfc_8601_form() {
        let r = parse(
            "mx.example.net; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org header.s=s1; dmarc=pass (p=REJECT) header.from=example.org",
        );
        assert_eq!(r.authserv_id.as_deref(), Some("mx.example.net"));
        assert_eq!(r.version, None);
        assert_eq!(summary(&r), ["spf=pass", "dkim=pass", "dmarc=pass"]);
        assert_eq!(
            props(r.dkim()[0]),
            [("header.d", "example.org"), ("header.s", "s1")]
        );
        let dmarc = r.dmarc().unwrap();
        assert_eq!(dmarc.comments, ["p=REJECT"]);
        assert_eq!(dmarc.raw, "dmarc=pass (p=REJECT) header.from=example.org");
        assert!(r.unread.is_empty());
        assert!(!r.none);
    }

    #[test]
    fn microsoft_without_authserv_id() {
        let r = parse(
            "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100",
        );
        assert_eq!(r.authserv_id, None);
        assert_eq!(
            summary(&r),
            ["spf=pass", "dkim=pass", "dmarc=pass", "compauth=pass"]
        );
        assert_eq!(r.spf().unwrap().comments, ["sender IP is 192.0.2.1"]);
        assert_eq!(
            props(r.dmarc().unwrap()),
            [("action", "none"), ("header.from", "example.org")]
        );
        let compauth = r.compauth().unwrap();
        assert_eq!(compauth.reason.as_deref(), Some("100"));
        assert!(compauth.properties.is_empty());
        assert_eq!(compauth_reason("100"), Some("passed authentication"));
        assert_eq!(r.client_ip().unwrap().to_string(), "192.0.2.1");
        assert!(r.unread.is_empty());
    }

    #[test]
    fn microsoft_empty_sender_ip_and_trailing_semicolon() {
        let r = parse(
            "spf=none (sender IP is ) smtp.helo=mail.example.org; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.org;",
        );
        assert_eq!(summary(&r), ["spf=none", "dkim=none", "dmarc=none"]);
        assert_eq!(r.client_ip(), None);
        assert_eq!(r.dkim()[0].property("header.d"), Some("none"));
        assert!(r.unread.is_empty());
    }

    #[test]
    fn arc_results_with_version() {
        let r = parse_arc(
            "i=1; mx.microsoft.com 1; spf=none; dmarc=none action=none header.from=example.org; dkim=none (message not signed); arc=none",
        );
        assert_eq!(r.instance, Some(1));
        assert_eq!(r.authserv_id.as_deref(), Some("mx.microsoft.com"));
        assert_eq!(r.version.as_deref(), Some("1"));
        assert_eq!(
            summary(&r),
            ["spf=none", "dmarc=none", "dkim=none", "arc=none"]
        );
        assert_eq!(r.arc().unwrap().result, "none");
        // An A-R does not read `i=`.
        let r = parse("i=1; mx.example.net; spf=pass");
        assert_eq!(r.instance, None);
        // A broken instance is kept raw.
        let r = parse_arc("i=x; mx.example.net; spf=pass");
        assert_eq!(r.instance, None);
        assert_eq!(r.unread, ["i=x"]);
        assert_eq!(summary(&r), ["spf=pass"]);
        // No `;` after the instance.
        let r = parse_arc("i=2 mx.example.net; spf=pass");
        assert_eq!(r.instance, Some(2));
        assert_eq!(r.authserv_id.as_deref(), Some("mx.example.net"));
        // No `i=` at all: read as an A-R.
        let r = parse_arc("mx.example.net; spf=pass");
        assert_eq!(r.instance, None);
        assert_eq!(r.authserv_id.as_deref(), Some("mx.example.net"));
    }

    #[test]
    fn comment_after_the_authserv_id() {
        let r = parse(
            r#"mail.example.net (amavisd-new); dkim=pass (2048-bit key) header.d=example.org header.b="AbCdEf12"; dkim=pass (1024-bit key) header.d=lists.example.org header.b="Zz9+/Yy8""#,
        );
        assert_eq!(r.authserv_id.as_deref(), Some("mail.example.net"));
        assert_eq!(r.comments, ["amavisd-new"]);
        let dkim = r.dkim();
        assert_eq!(dkim.len(), 2);
        assert_eq!(dkim[0].property("header.b"), Some("AbCdEf12"));
        assert_eq!(dkim[1].property("header.b"), Some("Zz9+/Yy8"));
        assert_eq!(dkim[1].comments, ["1024-bit key"]);
    }

    #[test]
    fn gmail_old_form_with_results_in_comments() {
        let r = parse(
            "mx.google.com; spf=pass (google.com: best guess record for domain of bounce@example.org designates 192.0.2.10 as permitted sender) smtp.mail=bounce@example.org",
        );
        let spf = r.spf().unwrap();
        assert_eq!(spf.property("smtp.mail"), Some("bounce@example.org"));
        assert_eq!(r.client_ip().unwrap().to_string(), "192.0.2.10");
        // Null sender: the header ends with an empty `smtp.mail=`.
        let r = parse(
            "mx.google.com; spf=neutral (google.com: 198.51.100.4 is neither permitted nor denied by best guess record for domain of mta.example.org) smtp.mail=",
        );
        assert_eq!(summary(&r), ["spf=neutral"]);
        assert_eq!(r.spf().unwrap().property("smtp.mail"), Some(""));
        assert_eq!(r.client_ip().unwrap().to_string(), "198.51.100.4");
    }

    #[test]
    fn gmail_later_form() {
        let r = parse(
            "mx.google.com; dkim=pass header.i=@example.org header.s=s2 header.b=Ab12Cd34; spf=pass (google.com: domain of a@example.org designates 2001:db8:4860::a as permitted sender) smtp.mailfrom=a@example.org; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.org",
        );
        assert_eq!(summary(&r), ["dkim=pass", "spf=pass", "dmarc=pass"]);
        assert_eq!(r.dkim()[0].property("header.i"), Some("@example.org"));
        assert_eq!(r.client_ip().unwrap().to_string(), "2001:db8:4860::a");
        assert_eq!(r.dmarc().unwrap().comments, ["p=NONE sp=NONE dis=NONE"]);
    }

    #[test]
    fn yahoo_old_form_without_ptype() {
        let r = parse(
            "mta1.example.net  from=example.org; domainkeys=neutral (no sig);  from=example.org; dkim=pass (ok)",
        );
        assert_eq!(r.authserv_id.as_deref(), Some("mta1.example.net"));
        assert_eq!(summary(&r), ["domainkeys=neutral", "dkim=pass"]);
        assert_eq!(props(&r.results[0]), [("from", "example.org")]);
        assert_eq!(r.results[0].comments, ["no sig"]);
        assert_eq!(props(&r.results[1]), [("from", "example.org")]);
        assert!(r.unread.is_empty());
        // A property before the first `;` goes to the method after it.
        let r = parse("mx.example.net smtp.mail=a@example.org; spf=fail");
        assert_eq!(props(r.spf().unwrap()), [("smtp.mail", "a@example.org")]);
    }

    #[test]
    fn zoho_forms() {
        let r = parse(
            "mx.zoho.example;  spf=pass (zoho.example: domain of example.org designates 192.0.2.44 as permitted sender)  smtp.mailfrom=a@example.org; dmarc=pass(p=quarantine dis=none)  header.from=example.org",
        );
        assert_eq!(summary(&r), ["spf=pass", "dmarc=pass"]);
        assert_eq!(r.dmarc().unwrap().comments, ["p=quarantine dis=none"]);
        let r = parse_arc(
            "i=1; mx.zoho.example; dmarc=pass header.from=<a@example.org> (p=none dis=none)",
        );
        assert_eq!(
            r.dmarc().unwrap().property("header.from"),
            Some("<a@example.org>")
        );
        assert_eq!(r.dmarc().unwrap().comments, ["p=none dis=none"]);
        // A null sender written as `@`.
        let r = parse(
            "mx.zoho.example; spf=none (mx.zoho.example: 192.0.2.8 is neither permitted nor denied by domain of @)  smtp.mailfrom=@",
        );
        assert_eq!(r.spf().unwrap().property("smtp.mailfrom"), Some("@"));
        assert_eq!(r.client_ip().unwrap().to_string(), "192.0.2.8");
    }

    #[test]
    fn opendkim_reason_and_atps() {
        let r = parse(
            r#"mail.example.net; dkim=fail reason="signature verification failed" (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.b="xYz12345"; dkim-atps=neutral"#,
        );
        let dkim = r.dkim()[0];
        assert_eq!(dkim.result, "fail");
        assert_eq!(
            dkim.reason.as_deref(),
            Some("signature verification failed")
        );
        assert_eq!(dkim.comments, ["2048-bit key; unprotected"]);
        assert_eq!(dkim.property("header.b"), Some("xYz12345"));
        assert_eq!(summary(&r), ["dkim=fail", "dkim-atps=neutral"]);
    }

    #[test]
    fn fastmail_long_form_with_vendor_methods_and_policy_properties() {
        let r = parse(
            "mx3.messagingengine.example; x-csa=none; x-me-sender=fail; x-ptr=pass smtp.helo=mail.example.org policy.ptr=mail.example.org; bimi=skipped (DMARC not enforcing); arc=none (no signatures found); dkim=fail (message has been altered, 1024-bit rsa key sha256) header.d=example.org header.i=@example.org header.b=Ab12Cd34 header.a=rsa-sha256 header.s=sel1; dmarc=pass policy.published-domain-policy=none policy.applied-disposition=none policy.evaluated-disposition=none (p=none,has-list-id=yes,d=none,d.eval=none) policy.policy-from=p header.from=example.org; iprev=pass smtp.remote-ip=2001:db8:1::25 (mail.example.org); spf=pass smtp.mailfrom=a@example.org smtp.helo=mail.example.org",
        );
        assert_eq!(
            summary(&r),
            [
                "x-csa=none",
                "x-me-sender=fail",
                "x-ptr=pass",
                "bimi=skipped",
                "arc=none",
                "dkim=fail",
                "dmarc=pass",
                "iprev=pass",
                "spf=pass"
            ]
        );
        let dmarc = r.dmarc().unwrap();
        assert_eq!(
            dmarc.property("policy.published-domain-policy"),
            Some("none")
        );
        assert_eq!(dmarc.property("policy.policy-from"), Some("p"));
        assert_eq!(dmarc.properties.len(), 5);
        assert_eq!(r.client_ip().unwrap().to_string(), "2001:db8:1::25");
        assert!(r.unread.is_empty());
    }

    #[test]
    fn submission_side_forms() {
        let r = parse(
            "smtp.example.org; auth=pass smtp.auth=a@example.org smtp.mailfrom=a@example.org; iprev=pass policy.iprev=198.51.100.20",
        );
        assert_eq!(summary(&r), ["auth=pass", "iprev=pass"]);
        assert_eq!(r.client_ip().unwrap().to_string(), "198.51.100.20");
    }

    #[test]
    fn comma_after_the_result_and_short_forms() {
        let r = parse("dkim=pass, header.i=@example.org");
        assert_eq!(r.authserv_id, None);
        assert_eq!(summary(&r), ["dkim=pass"]);
        assert_eq!(r.dkim()[0].property("header.i"), Some("@example.org"));
        for (text, want) in [
            ("mx.example.net; spf=pass", "spf=pass"),
            (
                "mx.example.net; dmarc=fail header.from=example.org",
                "dmarc=fail",
            ),
            (
                "mx.example.net; bimi=skipped (no BIMI record)",
                "bimi=skipped",
            ),
            (
                "mx.example.net; dkim=fail (bodyhash) header.d=example.org",
                "dkim=fail",
            ),
            ("mx.example.net; x-dkim-adsp=pass", "x-dkim-adsp=pass"),
            ("mx.example.net; dkim/1=Pass", "dkim=pass"),
        ] {
            assert_eq!(summary(&parse(text)), [want], "{text}");
        }
        assert_eq!(
            parse("mx.example.net; dkim/1=pass").results[0]
                .method_version
                .as_deref(),
            Some("1")
        );
    }

    #[test]
    fn none_and_empty() {
        let r = parse("mx.example.net; none");
        assert!(r.none);
        assert!(r.results.is_empty());
        assert_eq!(r.authserv_id.as_deref(), Some("mx.example.net"));
        let r = parse("mx.example.net 1; none");
        assert!(r.none);
        assert_eq!(r.version.as_deref(), Some("1"));
        // `spf=none` is a result, not the `none` of no results.
        assert!(!parse("mx.example.net; spf=none").none);
        let r = parse("");
        assert_eq!(r, AuthResults::default());
        let r = parse("mx.example.net");
        assert_eq!(r.authserv_id.as_deref(), Some("mx.example.net"));
        assert!(r.results.is_empty());
        let r = parse(";;;");
        assert_eq!(r, AuthResults::default());
    }

    #[test]
    fn missing_semicolons_and_spaces_around_equals() {
        let r = parse(
            "mx.example.net spf=pass smtp.mailfrom=example.org dkim=pass header.d=example.org",
        );
        assert_eq!(r.authserv_id.as_deref(), Some("mx.example.net"));
        assert_eq!(summary(&r), ["spf=pass", "dkim=pass"]);
        assert_eq!(r.spf().unwrap().raw, "spf=pass smtp.mailfrom=example.org");
        let r = parse("mx.example.net; spf = pass smtp.mailfrom = a@example.org");
        assert_eq!(summary(&r), ["spf=pass"]);
        assert_eq!(
            r.spf().unwrap().property("smtp.mailfrom"),
            Some("a@example.org")
        );
    }

    #[test]
    fn nested_comments_quoted_ids_and_stray_words() {
        let r = parse(
            r#""mx example"; dkim=pass (good (really; yes)) header.d=example.org stray; "loose""#,
        );
        assert_eq!(r.authserv_id.as_deref(), Some("mx example"));
        assert_eq!(r.dkim()[0].comments, ["good (really; yes)"]);
        assert_eq!(r.unread, ["stray", r#""loose""#]);
        // A property after every method is kept raw.
        let r = parse("mx.example.net; spf=pass; header.from=example.org");
        assert_eq!(summary(&r), ["spf=pass"]);
        assert_eq!(r.unread, ["header.from=example.org"]);
    }

    #[test]
    fn anonymised_property_names_do_not_break_reading() {
        let r = parse(
            "example.test; spf=pass example.test=a@example.test; dmarc=pass example.test=example.test",
        );
        assert_eq!(summary(&r), ["spf=pass", "dmarc=pass"]);
        assert_eq!(
            r.spf().unwrap().property("example.test"),
            Some("a@example.test")
        );
    }

    #[test]
    fn batv_values_keep_their_equals_signs() {
        let r = parse("mx.example.net; spf=pass smtp.mailfrom=prvs=1234abcd=a@example.org");
        assert_eq!(
            r.spf().unwrap().property("smtp.mailfrom"),
            Some("prvs=1234abcd=a@example.org")
        );
    }

    #[test]
    fn one_header_per_method_is_merged() {
        let headers = [
            "mx2.example.net; arc=none (no signatures found)",
            "MX2.example.net; dkim=pass header.d=example.org",
            "mx2.example.net; dmarc=pass header.from=example.org",
            "mx2.example.net; spf=pass smtp.mailfrom=a@example.org",
            "other.example.net; spf=fail",
            "spf=pass (sender IP is 192.0.2.1)",
            "spf=pass (sender IP is 192.0.2.1)",
            "mx2.example.net; none",
        ]
        .map(parse);
        let merged = merge_adjacent(headers);
        assert_eq!(merged.len(), 5);
        assert_eq!(
            summary(&merged[0]),
            ["arc=none", "dkim=pass", "dmarc=pass", "spf=pass"]
        );
        assert_eq!(merged[0].authserv_id.as_deref(), Some("mx2.example.net"));
        assert!(!merged[0].none);
        assert_eq!(summary(&merged[1]), ["spf=fail"]);
        assert!(merged[4].none);
        // ARC results of different instances stay apart.
        let arc = [
            "i=1; mx.example.net; spf=pass",
            "i=2; mx.example.net; spf=fail",
        ]
        .map(parse_arc);
        assert_eq!(merge_adjacent(arc).len(), 2);
    }

    #[test]
    fn quoted_separators_and_comments_around_the_version() {
        let r = parse(
            r#"mx.example.net (filter) 1 (v1); dkim=fail reason="bad; really" header.d=example.org"#,
        );
        assert_eq!(r.version.as_deref(), Some("1"));
        assert_eq!(r.comments, ["filter", "v1"]);
        assert_eq!(r.dkim()[0].reason.as_deref(), Some("bad; really"));
        assert_eq!(r.dkim()[0].property("header.d"), Some("example.org"));
        let r = parse("mx.example.net; none (nothing to check)");
        assert!(r.none);
        assert_eq!(r.comments, ["nothing to check"]);
    }

    #[test]
    fn compauth_reasons() {
        assert_eq!(
            compauth_reason("000"),
            Some(
                "failed explicit authentication (DMARC failed with a reject or quarantine policy)"
            )
        );
        assert_eq!(
            compauth_reason("202"),
            Some("soft-passed implicit authentication")
        );
        assert_eq!(compauth_reason("701"), Some("passed authentication"));
        assert_eq!(
            compauth_reason("905"),
            Some("bypassed composite authentication")
        );
        assert_eq!(
            compauth_reason("301"),
            Some("not checked for composite authentication")
        );
        assert_eq!(compauth_reason("5xx"), None);
        assert_eq!(compauth_reason("512"), None);
        assert_eq!(compauth_reason("1000"), None);
    }
}
