//! `--redact`: a report that can be attached to a ticket without giving
//! away who wrote to whom or how the user's own network is laid out.
//!
//! Redaction is a transformation of the [`Report`], applied after every
//! stage and before any renderer, so every format (JSON and the raw header
//! text included) shows the same tokens. Replaced with stable tokens (the
//! same value gets the same token everywhere in one report, so hops stay
//! linkable):
//!
//! * every e-mail address's local part (`user-1@example.org`);
//! * recipient addresses whole (To:, `for`, bounce recipients):
//!   `user-2@domain-1.example`, and their domains wherever they appear;
//! * authenticated user names (`user-3`);
//! * the subject (`subject-1`) and the message-id
//!   (`<message-id-1@redacted.example>`); display names are dropped;
//! * the user's own host names (both ends of internal hops, the receiver of
//!   the trustworthy hop, anything matching `--trust`): `host-1.example`;
//! * their IP addresses, addresses matching a `--trust` network, and every
//!   private, link-local, CGNAT or ULA address: `ip-1`; `--trust` networks
//!   themselves: `net-1`.
//!
//! Public relay names and addresses, queue ids, protocols, TLS, dates,
//! codes, finding codes and the input's digest are kept: support needs them.
//! docs/redaction.md is the user-facing statement of these rules.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use crate::ip_kind::IpKind;
use crate::mailbox;
use crate::model::HopDns;
use crate::model::MxCheck;
use crate::model::Report;
use crate::model::Trust;
use crate::model::{Auth, CheckedNow, Hop, SpfIdentityNow};
use crate::trust::{TrustedRelay, TrustedRelays};

/// Replaces personal and internal values in `report` with tokens.
pub fn redact(report: &mut Report, relays: &TrustedRelays) {
    let mut r = Redactor::collect(report, relays);
    r.apply(report);
}

/// Tokens handed out so far, one numbering per kind.
#[derive(Default)]
struct Tokens {
    map: HashMap<(Kind, String), String>,
    counts: HashMap<Kind, usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Host,
    Domain,
    User,
    Ip,
    Net,
    MessageId,
}

impl Tokens {
    fn get(&mut self, kind: Kind, key: &str) -> String {
        if let Some(t) = self.map.get(&(kind, key.to_string())) {
            return t.clone();
        }
        let n = self.counts.entry(kind).or_insert(0);
        *n += 1;
        let token = match kind {
            Kind::Host => format!("host-{n}.example"),
            Kind::Domain => format!("domain-{n}.example"),
            Kind::User => format!("user-{n}"),
            Kind::Ip => format!("ip-{n}"),
            Kind::Net => format!("net-{n}"),
            Kind::MessageId => format!("message-id-{n}@redacted.example"),
        };
        self.map.insert((kind, key.to_string()), token.clone());
        token
    }
}

struct Redactor<'a> {
    relays: &'a TrustedRelays,
    /// The user's own host names, lowercase.
    hosts: HashSet<String>,
    /// The user's own addresses.
    ips: HashSet<IpAddr>,
    /// Recipient addresses, lowercase.
    recipients: HashSet<String>,
    /// The user's own domains: the recipients' domains and `--trust *.domain`.
    domains: HashSet<String>,
    /// Authenticated user names that are not addresses, lowercase.
    users: HashSet<String>,
    /// The message-id without angle brackets, as written.
    message_id: Option<String>,
    tokens: Tokens,
}

impl<'a> Redactor<'a> {
    /// First pass: what counts as internal or personal in this report.
    fn collect(report: &Report, relays: &'a TrustedRelays) -> Redactor<'a> {
        let mut r = Redactor {
            relays,
            hosts: HashSet::new(),
            ips: HashSet::new(),
            recipients: HashSet::new(),
            domains: HashSet::new(),
            users: HashSet::new(),
            message_id: report
                .message
                .message_id
                .as_deref()
                .map(|id| id.trim_matches(['<', '>']).to_string())
                .filter(|id| !id.is_empty()),
            tokens: Tokens::default(),
        };
        for hop in &report.hops {
            r.collect_hop(hop);
        }
        for relay in &relays.0 {
            if let TrustedRelay::Host(pattern) = relay {
                match wildcard_domain(pattern) {
                    Some(domain) => r.domains.insert(domain.to_string()),
                    None => r.hosts.insert(pattern.clone()),
                };
            }
        }
        let recipients = report
            .message
            .to
            .iter()
            .flat_map(|to| mailbox::addresses_in(to).map(str::to_string))
            .chain(report.hops.iter().filter_map(|h| h.for_addr.clone()))
            .chain(
                report
                    .stop
                    .recipients
                    .iter()
                    .filter_map(|r| r.address.clone()),
            );
        for address in recipients {
            let address = address.trim_matches(['<', '>']).to_lowercase();
            if let Some((_, domain)) = address.rsplit_once('@') {
                r.domains.insert(domain.to_string());
                r.recipients.insert(address);
            }
        }
        r
    }

    fn collect_hop(&mut self, hop: &Hop) {
        if hop.trust == Trust::Internal {
            for name in [&hop.from.helo, &hop.from.rdns, &hop.by.host]
                .into_iter()
                .flatten()
            {
                self.add_host(name);
            }
            self.ips.extend(hop.from.ip);
            self.ips.extend(hop.by.ip);
        }
        if hop.trust == Trust::Trustworthy {
            if let Some(by) = &hop.by.host {
                self.add_host(by);
            }
            self.ips.extend(hop.by.ip);
        }
        if let Some(auth) = &hop.auth
            && !auth.contains('@')
            && auth != "authenticated"
        {
            self.users.insert(auth.to_lowercase());
        }
    }

    fn add_host(&mut self, name: &str) {
        let name = name.trim_end_matches('.').to_lowercase();
        let literal = name.starts_with('[');
        let local = name == "localhost" || name.starts_with("localhost.");
        if !name.is_empty() && !literal && !local {
            self.hosts.insert(name);
        }
    }

    /// Second pass: every string of the report, in a fixed order so the
    /// numbering is the same on every run.
    fn apply(&mut self, report: &mut Report) {
        report.input.name = self.text(&report.input.name);
        let m = &mut report.message;
        if m.subject.is_some() {
            m.subject = Some("subject-1".to_string());
        }
        m.from = m.from.take().map(|v| self.address_list(&v));
        m.to = m.to.take().map(|v| self.address_list(&v));
        if let Some(id) = self.message_id.clone() {
            m.message_id = Some(format!("<{}>", self.tokens.get(Kind::MessageId, &id)));
        }
        let relays = self.relays;
        report.options.trusted = relays.0.iter().map(|r| self.relay(r)).collect();
        report.options.redacted = true;
        for hop in &mut report.hops {
            self.hop(hop);
        }
        for f in &mut report.findings {
            f.message = self.text(&f.message);
        }
        let stop = &mut report.stop;
        for field in [
            &mut stop.reporting_mta,
            &mut stop.primary.remote_mta,
            &mut stop.primary.diagnostic,
            &mut stop.advice,
        ] {
            self.opt(field);
        }
        for rcpt in &mut stop.recipients {
            self.opt(&mut rcpt.address);
            self.opt(&mut rcpt.diagnostic);
            self.opt(&mut rcpt.remote_mta);
        }
        // Listed among the recipients above, so it gets the same token.
        self.opt(&mut stop.primary.address);
        for rcpt in std::iter::once(&mut stop.primary).chain(&mut stop.recipients) {
            if rcpt.remote_ip.is_some_and(|ip| self.sensitive_ip(ip)) {
                rcpt.remote_ip = None;
            }
        }
        if let Some(dns) = &mut report.dns
            && let Some(mx) = &mut dns.mx
        {
            self.mx(mx);
        }
        self.auth(&mut report.auth);
    }

    /// The authentication headers and verdicts: every address and name in
    /// them goes through [`Self::text`]; each header is read again from its
    /// redacted text, so its decoded fields carry the same tokens.
    fn auth(&mut self, auth: &mut Auth) {
        for header in &mut auth.headers {
            header.raw = self.text(&header.raw);
            if let Some(reading) = crate::auth::read_header(&header.name, &header.raw) {
                header.reading = reading;
            }
        }
        if let Some(spf) = &mut auth.spf {
            self.opt(&mut spf.domain);
            if spf.client_ip.is_some_and(|ip| self.sensitive_ip(ip)) {
                spf.client_ip = None;
            }
        }
        for d in &mut auth.dkim {
            self.opt(&mut d.domain);
            self.opt(&mut d.reason);
        }
        if let Some(dmarc) = &mut auth.dmarc {
            self.opt(&mut dmarc.from_domain);
        }
        let filter = &mut auth.filter;
        self.opt(&mut filter.evidence);
        self.opt(&mut filter.summary);
        let env = &mut auth.envelope;
        for field in [
            &mut env.return_path,
            &mut env.delivered_to,
            &mut env.original_to,
            &mut env.originating_ip,
        ] {
            self.opt(field);
        }
        if let Some(now) = &mut auth.checked_now {
            self.checked_now(now);
        }
    }

    /// The checks done now: every name and address through
    /// [`Self::text`], the user's own addresses withheld; results, causes
    /// and policies stay.
    fn checked_now(&mut self, now: &mut CheckedNow) {
        let spf = &mut now.spf;
        self.opt(&mut spf.not_checked);
        self.opt(&mut spf.receiver);
        if spf.ip.is_some_and(|ip| self.sensitive_ip(ip)) {
            spf.ip = None;
        }
        for identity in spf.mail_from.iter_mut().chain(spf.helo.iter_mut()) {
            self.spf_identity(identity);
        }
        let dmarc = &mut now.dmarc;
        for field in [
            &mut dmarc.not_checked,
            &mut dmarc.from_domain,
            &mut dmarc.organisational_domain,
        ] {
            self.opt(field);
        }
        for lookup in &mut dmarc.lookups {
            lookup.name = self.text(&lookup.name);
        }
        for record in &mut dmarc.records {
            *record = self.text(record);
        }
        if let Some(record) = &mut dmarc.record {
            record.name = self.text(&record.name);
        }
        let dkim = &mut now.dkim;
        self.opt(&mut dkim.not_checked);
        for s in &mut dkim.signatures {
            self.opt(&mut s.domain);
            self.opt(&mut s.key);
            s.explanation = self.text(&s.explanation);
        }
    }

    fn spf_identity(&mut self, identity: &mut SpfIdentityNow) {
        for field in [
            &mut identity.identity,
            &mut identity.domain,
            &mut identity.note,
        ] {
            self.opt(field);
        }
    }

    /// A hop's DNS checks: withheld whole when they involve one of the
    /// user's own addresses (or the hop is internal), else every name
    /// goes through [`Self::text`].
    fn hop_dns(&mut self, dns: &mut HopDns, internal: bool) {
        let addresses = dns
            .ip
            .iter()
            .chain(
                dns.fcrdns
                    .iter()
                    .flat_map(|f| f.names.iter())
                    .flat_map(|n| &n.addresses),
            )
            .chain(dns.helo.iter().flat_map(|h| &h.addresses));
        if internal || addresses.copied().any(|ip| self.sensitive_ip(ip)) {
            *dns = HopDns::skipped(None, "withheld by --redact (one of your own hosts)");
            return;
        }
        if let Some(ptr) = &mut dns.ptr {
            ptr.names = ptr.names.iter().map(|n| self.text(n)).collect();
            for broken in &mut ptr.broken {
                broken.name = self.text(&broken.name);
            }
            self.opt(&mut ptr.recorded);
        }
        if let Some(fcrdns) = &mut dns.fcrdns {
            self.opt(&mut fcrdns.confirmed);
            for name in &mut fcrdns.names {
                name.name = self.text(&name.name);
            }
        }
        if let Some(helo) = &mut dns.helo {
            helo.name = self.text(&helo.name);
            self.opt(&mut helo.cname);
            self.opt(&mut helo.problem);
        }
        self.opt(&mut dns.skipped);
    }

    /// The recipient domain's MX: the recipient and its domain are
    /// redacted like everywhere, and so are the mail hosts under that
    /// domain and the user's own addresses.
    fn mx(&mut self, mx: &mut MxCheck) {
        mx.recipient = self.text(&mx.recipient);
        mx.domain = self.text(&mx.domain);
        let domains: Vec<String> = self.domains.iter().cloned().collect();
        for host in &mut mx.hosts {
            let lower = host.host.to_lowercase();
            host.host = if domains.iter().any(|d| lower.ends_with(&format!(".{d}"))) {
                self.tokens.get(Kind::Host, &lower)
            } else {
                self.text(&host.host)
            };
        }
        mx.addresses.retain(|ip| !self.sensitive_ip(*ip));
        self.opt(&mut mx.receiver);
    }

    fn hop(&mut self, hop: &mut Hop) {
        for field in [&mut hop.from.helo, &mut hop.from.rdns] {
            self.opt(field);
        }
        if let Some(ip) = hop.from.ip
            && self.sensitive_ip(ip)
        {
            hop.from.ip = None;
            hop.from.ip_token = Some(self.tokens.get(Kind::Ip, &ip.to_string()));
        }
        self.opt(&mut hop.by.host);
        if let Some(ip) = hop.by.ip
            && self.sensitive_ip(ip)
        {
            hop.by.ip = None;
            hop.by.ip_token = Some(self.tokens.get(Kind::Ip, &ip.to_string()));
        }
        for field in [
            &mut hop.for_addr,
            &mut hop.envelope_from,
            &mut hop.ident,
            &mut hop.auth,
        ] {
            self.opt(field);
        }
        hop.raw = self.text(&hop.raw);
        let internal = hop.trust == Trust::Internal;
        if let Some(dns) = &mut hop.dns {
            self.hop_dns(dns, internal);
        }
        for f in &mut hop.findings {
            f.message = self.text(&f.message);
        }
    }

    fn opt(&mut self, field: &mut Option<String>) {
        if let Some(v) = field {
            *v = self.text(v);
        }
    }

    fn relay(&mut self, relay: &TrustedRelay) -> String {
        match relay {
            TrustedRelay::Network(net) => self.tokens.get(Kind::Net, &net.to_string()),
            TrustedRelay::Host(pattern) => match wildcard_domain(pattern) {
                Some(domain) => format!("*.{}", self.tokens.get(Kind::Domain, domain)),
                None => self.tokens.get(Kind::Host, pattern),
            },
        }
    }

    /// `Name <a@b>, c@d` becomes `user-1@b, user-2@domain-1.example`:
    /// display names are dropped, addresses redacted.
    fn address_list(&mut self, value: &str) -> String {
        let addresses: Vec<&str> = mailbox::addresses_in(value).collect();
        if addresses.is_empty() {
            return "(redacted)".to_string();
        }
        addresses
            .iter()
            .map(|a| self.text(a))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Free text: the message-id wherever it appears, then word by word.
    fn text(&mut self, s: &str) -> String {
        if let Some(id) = self.message_id.clone()
            && s.contains(id.as_str())
        {
            let token = self.tokens.get(Kind::MessageId, &id);
            let parts: Vec<String> = s.split(id.as_str()).map(|p| self.words(p)).collect();
            return parts.join(&token);
        }
        self.words(s)
    }

    /// Each run of host-name, address or IP characters is looked up
    /// whole; everything else is kept.
    fn words(&mut self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut word_start = None;
        for (i, c) in s.char_indices() {
            match (is_word_char(c), word_start) {
                (true, None) => word_start = Some(i),
                (false, Some(start)) => {
                    out.push_str(&self.word(&s[start..i]));
                    out.push(c);
                    word_start = None;
                }
                (false, None) => out.push(c),
                (true, Some(_)) => {}
            }
        }
        if let Some(start) = word_start {
            out.push_str(&self.word(&s[start..]));
        }
        out
    }

    fn word(&mut self, w: &str) -> String {
        if let Some(t) = self.core(w) {
            return t;
        }
        let core = w.trim_matches(['.', ':', '-']);
        if !core.is_empty() && core.len() < w.len() {
            let lead = &w[..w.find(core).unwrap_or(0)];
            let trail = &w[lead.len() + core.len()..];
            if let Some(t) = self.core(core) {
                return format!("{lead}{t}{trail}");
            }
        }
        if let Some(prefix) = w.get(..5)
            && prefix.eq_ignore_ascii_case("ipv6:")
            && w.len() > 5
        {
            return format!("{prefix}{}", self.word(&w[5..]));
        }
        w.to_string()
    }

    /// The token for one word, if it is something to hide.
    fn core(&mut self, w: &str) -> Option<String> {
        if let Ok(ip) = w.parse::<IpAddr>() {
            return self
                .sensitive_ip(ip)
                .then(|| self.tokens.get(Kind::Ip, &ip.to_string()));
        }
        let lower = w.to_lowercase();
        if let Some((local, domain)) = w.rsplit_once('@')
            && !local.is_empty()
            && !domain.is_empty()
        {
            let user = self.tokens.get(Kind::User, &lower);
            let domain = if self.recipients.contains(&lower) {
                self.tokens.get(Kind::Domain, &domain.to_lowercase())
            } else {
                self.core(domain).unwrap_or_else(|| domain.to_string())
            };
            return Some(format!("{user}@{domain}"));
        }
        if self.hosts.contains(&lower) || self.relays.0.iter().any(|r| r.matches_name(&lower)) {
            return Some(self.tokens.get(Kind::Host, &lower));
        }
        if self.domains.contains(&lower) {
            return Some(self.tokens.get(Kind::Domain, &lower));
        }
        if self.users.contains(&lower) {
            return Some(self.tokens.get(Kind::User, &lower));
        }
        None
    }

    /// The user's own addresses, anything in a `--trust` network, and every
    /// address that only exists inside a network (private, link-local,
    /// CGNAT, ULA). Loopback and public addresses are kept.
    fn sensitive_ip(&self, ip: IpAddr) -> bool {
        let inside = matches!(
            IpKind::of(ip),
            IpKind::Private | IpKind::LinkLocal | IpKind::SharedCgnat | IpKind::UniqueLocal
        );
        inside || self.ips.contains(&ip) || self.relays.0.iter().any(|r| r.matches_ip(ip))
    }
}

/// `example.com` for the pattern `*.example.com` or `.example.com`.
fn wildcard_domain(pattern: &str) -> Option<&str> {
    pattern
        .strip_prefix("*.")
        .or_else(|| pattern.strip_prefix('.'))
}

/// Characters of host names, addresses and IPs (IPv6 included).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | '+' | ':' | '%')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor<'a>(relays: &'a TrustedRelays) -> Redactor<'a> {
        Redactor {
            relays,
            hosts: ["mx.example.com".to_string()].into(),
            ips: HashSet::new(),
            recipients: ["bob@example.com".to_string()].into(),
            domains: ["example.com".to_string()].into(),
            users: ["alice".to_string()].into(),
            message_id: Some("1$x=@example.org".to_string()),
            tokens: Tokens::default(),
        }
    }

    #[test]
    fn words_are_replaced_whole_and_consistently() {
        let relays = TrustedRelays(vec!["*.corp.example.net".parse().unwrap()]);
        let mut r = redactor(&relays);
        let text = "from imx.example.com (MX.example.com. [10.0.0.25]) by gw.corp.example.net \
                    for <bob@example.com>; (Authenticated sender: alice) from <carol@example.org> \
                    [IPv6:fd00::1] 192.0.2.7 mx.example.com";
        assert_eq!(
            r.text(text),
            "from imx.example.com (host-1.example. [ip-1]) by host-2.example \
             for <user-1@domain-1.example>; (Authenticated sender: user-2) from <user-3@example.org> \
             [IPv6:ip-2] 192.0.2.7 host-1.example"
        );
    }

    #[test]
    fn message_id_and_address_lists() {
        let relays = TrustedRelays::default();
        let mut r = redactor(&relays);
        assert_eq!(
            r.text("id <1$x=@example.org>; x"),
            "id <message-id-1@redacted.example>; x"
        );
        assert_eq!(
            r.address_list("Bob Example <bob@example.com>, \"Doe, Jane\" <jane@example.org>"),
            "user-1@domain-1.example, user-2@example.org"
        );
        assert_eq!(r.address_list("Undisclosed recipients"), "(redacted)");
    }

    #[test]
    fn trusted_networks_and_public_addresses() {
        let relays = TrustedRelays(vec!["198.51.100.0/24".parse().unwrap()]);
        let r = redactor(&relays);
        assert!(r.sensitive_ip("198.51.100.9".parse().unwrap()));
        assert!(r.sensitive_ip("192.168.1.1".parse().unwrap()));
        assert!(r.sensitive_ip("100.64.1.1".parse().unwrap()));
        assert!(!r.sensitive_ip("192.0.2.7".parse().unwrap()));
        assert!(!r.sensitive_ip("127.0.0.1".parse().unwrap()));
    }
}
