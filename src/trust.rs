//! Which hop can be trusted.
//!
//! The topmost header was written by the user's own MTA. Walking down from
//! it, a hop whose client is one of the user's own machines is `internal`;
//! the first hop whose client is outside is the single `trustworthy` hop: its
//! connecting IP was seen by the user's own server and cannot be forged.
//! Everything below is `unverified`, a claim by machines we cannot check.
//!
//! Own machines are those named with `--trust` (host names or networks),
//! plus two kinds that need no naming: a loopback client (a server handing
//! the message to itself, e.g. through a content filter) and a local hop
//! that names no client at all (mailbox delivery, local pickup).

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;
use thiserror::Error;

use crate::chain::continuity::{links_to, same_organisation};
use crate::host::organisational_domain;
use crate::ip_kind::IpKind;
use crate::model::Hop;
use crate::model::ParseQuality;
use crate::model::{Finding, FindingCode, Trust};

/// One of the user's own relays, named on the command line or in the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustedRelay {
    /// A host name; `*.example.com` or `.example.com` matches every name under it.
    Host(String),
    /// A network (`10.0.0.0/8`) or a single address.
    Network(IpNet),
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("'{0}' is neither a host name nor an IP address or network (CIDR)")]
pub struct BadTrustedRelay(String);

impl FromStr for TrustedRelay {
    type Err = BadTrustedRelay;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(net) = s.parse::<IpNet>() {
            return Ok(TrustedRelay::Network(net.trunc()));
        }
        if let Ok(ip) = s
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return Ok(TrustedRelay::Network(IpNet::from(ip)));
        }
        let name = s.trim_end_matches('.').to_ascii_lowercase();
        let body = name.trim_start_matches("*.").trim_start_matches('.');
        let valid = !body.is_empty()
            && body.len() <= 253
            && body.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if valid {
            Ok(TrustedRelay::Host(name))
        } else {
            Err(BadTrustedRelay(s.to_string()))
        }
    }
}

impl fmt::Display for TrustedRelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrustedRelay::Host(h) => f.write_str(h),
            TrustedRelay::Network(n) => write!(f, "{n}"),
        }
    }
}

impl TrustedRelay {
    /// Whether a host name is this relay (or under it, for `*.domain`).
    pub fn matches_name(&self, name: &str) -> bool {
        let TrustedRelay::Host(pattern) = self else {
            return false;
        };
        let name = name.trim_end_matches('.');
        match pattern
            .strip_prefix("*.")
            .or_else(|| pattern.strip_prefix('.'))
        {
            Some(domain) => {
                name.len() > domain.len()
                    && name[name.len() - domain.len()..].eq_ignore_ascii_case(domain)
                    && name.as_bytes()[name.len() - domain.len() - 1] == b'.'
            }
            None => name.eq_ignore_ascii_case(pattern),
        }
    }

    /// Whether an address is in this relay's network.
    pub fn matches_ip(&self, ip: IpAddr) -> bool {
        match self {
            TrustedRelay::Network(net) => {
                net.contains(&ip) || ipv4_mapped(ip).is_some_and(|v4| net.contains(&v4))
            }
            TrustedRelay::Host(_) => false,
        }
    }
}

fn ipv4_mapped(ip: IpAddr) -> Option<IpAddr> {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4),
        IpAddr::V4(_) => None,
    }
}

/// The user's own relays.
#[derive(Debug, Clone, Default)]
pub struct TrustedRelays(pub Vec<TrustedRelay>);

impl TrustedRelays {
    fn name(&self, name: Option<&str>) -> bool {
        name.is_some_and(|n| self.0.iter().any(|r| r.matches_name(n)))
    }

    fn ip(&self, ip: Option<IpAddr>) -> bool {
        ip.is_some_and(|ip| self.0.iter().any(|r| r.matches_ip(ip)))
    }
}

/// Marks every hop's trust. Returns the trustworthy hop's number (there is
/// exactly one whenever there is a hop) and message-level findings.
pub fn apply(hops: &mut [Hop], relays: &TrustedRelays) -> (Option<usize>, Vec<Finding>) {
    let mut findings = unused_relays(hops, relays);
    let Some(mut index) = hops.len().checked_sub(1) else {
        return (None, findings);
    };
    let mut inferred = Vec::new();
    while index > 0 {
        let Some(why) = internal_client(&hops[index], &hops[index - 1], relays) else {
            break;
        };
        if why == Internal::Inferred {
            inferred.push(&hops[index]);
        }
        index -= 1;
    }
    findings.extend(describe_inferred(&inferred));
    for (i, hop) in hops.iter_mut().enumerate() {
        hop.trust = match i.cmp(&index) {
            std::cmp::Ordering::Less => Trust::Unverified,
            std::cmp::Ordering::Equal => Trust::Trustworthy,
            std::cmp::Ordering::Greater => Trust::Internal,
        };
    }
    check_trustworthy_ip(&mut hops[index]);
    (Some(hops[index].number), findings)
}

/// Why a hop's client counts as one of the user's own machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Internal {
    /// The hop names no network client, or a client with no address that
    /// is the receiver itself or speaks a local protocol (LMTP, local).
    Local,
    /// A loopback client: the server handed the message to itself.
    Loopback,
    /// The user named it with `--trust` or in the config file.
    Named,
    /// A private client address that wrote the header below in the same
    /// organisational domain: a relay inside the user's network.
    Inferred,
}

/// Whether the client of `hop` (written by one of the user's servers) is
/// itself one of the user's machines, and why. `below` is the header that
/// client wrote.
fn internal_client(hop: &Hop, below: &Hop, relays: &TrustedRelays) -> Option<Internal> {
    if hop.parsed == ParseQuality::Failed {
        return None;
    }
    let from = &hop.from;
    if from.is_empty() || (from.ip.is_none() && is_local_handoff(hop)) {
        return Some(Internal::Local);
    }
    if from.ip.is_some_and(|ip| IpKind::of(ip) == IpKind::Loopback) {
        return Some(Internal::Loopback);
    }
    // A HELO name is a claim; believe it only for a connection from inside
    // (no public IP), where an outsider cannot be the client.
    let from_inside = from.ip.is_none_or(|ip| !IpKind::of(ip).is_public());
    let named = relays.ip(from.ip)
        || (!hop.may_be_forged && relays.name(from.rdns.as_deref()))
        || (from_inside && relays.name(from.helo.as_deref()))
        || wrote_trusted_header(hop, below, relays, from_inside);
    if named {
        return Some(Internal::Named);
    }
    let private = from.ip.is_some_and(|ip| !IpKind::of(ip).is_public());
    let same_org = match (hop.by.host.as_deref(), below.by.host.as_deref()) {
        (Some(a), Some(b)) => {
            organisational_domain(a).is_some()
                && organisational_domain(a) == organisational_domain(b)
        }
        _ => false,
    };
    (private && same_org && links_to(hop, below) == Some(true)).then_some(Internal::Inferred)
}

/// The header below was written by a trusted host (`--trust` matches its
/// by-host name or address), and this hop's client is that same host: its
/// IP is the by-host address, its rDNS (looked up by your server) is the
/// by-host name, or, for a connection from inside, its HELO is. A HELO
/// from a public address is a claim: a forger connecting to your MX can
/// name itself after your relay and write a matching header below.
fn wrote_trusted_header(hop: &Hop, below: &Hop, relays: &TrustedRelays, from_inside: bool) -> bool {
    let by_name = below.by.host.as_deref();
    if !(relays.name(by_name) || relays.ip(below.by.ip)) {
        return false;
    }
    let same_ip = hop.from.ip.is_some() && hop.from.ip == below.by.ip;
    let rdns = hop.from.rdns.as_deref().filter(|_| !hop.may_be_forged);
    let helo = hop.from.helo.as_deref().filter(|_| from_inside);
    let same_name = [helo, rdns]
        .into_iter()
        .flatten()
        .any(|n| by_name.is_some_and(|b| b.eq_ignore_ascii_case(n)));
    same_ip || same_name
}

/// A client without an address that is the receiving host itself, or that
/// speaks a protocol never used across the Internet.
fn is_local_handoff(hop: &Hop) -> bool {
    let self_named = [hop.from.helo.as_deref(), hop.from.rdns.as_deref()]
        .into_iter()
        .flatten()
        .any(|n| {
            hop.by
                .host
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case(n))
        });
    let local_protocol = hop
        .with
        .as_deref()
        .is_some_and(|w| w.starts_with("LMTP") || w.starts_with("LOCAL"));
    self_named || local_protocol
}

fn describe_inferred(hops: &[&Hop]) -> Option<Finding> {
    if hops.is_empty() {
        return None;
    }
    let list: Vec<String> = hops
        .iter()
        .map(|h| {
            let ip = h.from.ip.map(|ip| ip.to_string()).unwrap_or_default();
            format!("hop {} ({ip})", h.number)
        })
        .collect();
    Some(Finding::new(
        FindingCode::TrustInferred,
        format!(
            "Counted as internal without --trust: {}. A private client address that wrote the header below it in your own domain is a relay inside your network; name your relays with --trust to make this explicit.",
            list.join(", ")
        ),
    ))
}

fn check_trustworthy_ip(hop: &mut Hop) {
    let finding = match hop.from.ip {
        // Mail written on the server itself has no network sender to pin down.
        None if hop.from.is_empty() || is_local_handoff(hop) || hop.ident.is_some() => return,
        None => Finding::new(
            FindingCode::TrustworthyIpMissing,
            format!(
                "The trustworthy hop (hop {}) records no connecting IP, so the sender cannot be pinned down.",
                hop.number
            ),
        ),
        Some(ip) if !IpKind::of(ip).is_public() => Finding::new(
            FindingCode::TrustworthyIpInternal,
            format!(
                "The trustworthy hop's IP {ip} is {}: it is one of your own relays, so the real hand-off from outside is lower. Name your internal relays with --trust (a host or a network such as {}).",
                IpKind::of(ip).describe(),
                suggested_network(ip)
            ),
        ),
        Some(ip) => match provider_internal_handoff(hop) {
            Some(domain) => Finding::new(FindingCode::TrustHint, trust_hint(hop, ip, &domain)),
            None => return,
        },
    };
    hop.findings.push(finding);
}

/// The organisational domain shared by the hop's client (HELO or rDNS) and
/// its receiver, when they share one: a public-address hand-off between
/// two machines of one organisation, such as a large provider's internal
/// hops. Not trusted by inference (a HELO is a claim), only pointed out.
fn provider_internal_handoff(hop: &Hop) -> Option<String> {
    let by = organisational_domain(hop.by.host.as_deref()?)?;
    [hop.from.rdns.as_deref(), hop.from.helo.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(organisational_domain)
        .any(|client| same_organisation(&client, &by))
        .then_some(by)
}

/// What to pass to `--trust` to look past a hand-off inside `domain`: the
/// domain when the receiver recorded a verified name in it (names are
/// trusted only through rDNS), else the network the client connected from.
fn trust_hint(hop: &Hop, ip: IpAddr, domain: &str) -> String {
    let verified_name = !hop.may_be_forged
        && hop
            .from
            .rdns
            .as_deref()
            .and_then(organisational_domain)
            .is_some_and(|d| same_organisation(&d, domain));
    let how = if verified_name {
        format!("--trust '*.{domain}'")
    } else {
        format!(
            "--trust {} (the network its client connected from: this receiver recorded no verified name, and a HELO alone is never trusted)",
            suggested_network(ip)
        )
    };
    format!(
        "The trustworthy hop looks like a hand-off inside {domain}'s own servers (client and receiver share the domain). If those are your mail provider's or your own servers, name them with {how} to see where the message entered."
    )
}

fn suggested_network(ip: IpAddr) -> String {
    let prefix = if ip.is_ipv4() { 24 } else { 64 };
    IpNet::new(ip, prefix)
        .map(|n| n.trunc().to_string())
        .unwrap_or_else(|_| ip.to_string())
}

/// A `--trust` entry that matches no host or address in the chain is most
/// likely a typo; say so rather than silently trusting nothing.
fn unused_relays(hops: &[Hop], relays: &TrustedRelays) -> Vec<Finding> {
    relays
        .0
        .iter()
        .filter(|relay| {
            !hops.iter().any(|h| {
                [
                    h.by.host.as_deref(),
                    h.from.rdns.as_deref(),
                    h.from.helo.as_deref(),
                ]
                .into_iter()
                .flatten()
                .any(|n| relay.matches_name(n))
                    || [h.by.ip, h.from.ip]
                        .into_iter()
                        .flatten()
                        .any(|ip| relay.matches_ip(ip))
            })
        })
        .map(|relay| {
            Finding::new(
                FindingCode::TrustUnused,
                format!("The trusted relay '{relay}' matches no host or address in this message."),
            )
        })
        .collect()
}
