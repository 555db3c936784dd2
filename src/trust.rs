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
use serde::Serialize;
use thiserror::Error;

use crate::address::AddressKind;
use crate::chain::hop::Hop;
use crate::chain::received::ParseQuality;
use crate::finding::{Finding, FindingCode};

/// How far a hop can be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trust {
    /// Written by one of the user's own servers, with an own machine as client.
    Internal,
    /// The hand-off from the outside world into the user's servers.
    Trustworthy,
    /// Written by a machine outside the user's control: a claim.
    Unverified,
}

impl Trust {
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Internal => "internal",
            Trust::Trustworthy => "trustworthy",
            Trust::Unverified => "unverified",
        }
    }
}

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
    fn matches_name(&self, name: &str) -> bool {
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

    fn matches_ip(&self, ip: IpAddr) -> bool {
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
    let findings = unused_relays(hops, relays);
    let Some(mut index) = hops.len().checked_sub(1) else {
        return (None, findings);
    };
    while index > 0 && client_is_internal(&hops[index], &hops[index - 1], relays) {
        hops[index].trust = Trust::Internal;
        index -= 1;
    }
    hops[index].trust = Trust::Trustworthy;
    for hop in &mut hops[..index] {
        hop.trust = Trust::Unverified;
    }
    check_trustworthy_ip(&mut hops[index]);
    (Some(hops[index].number), findings)
}

/// Whether the client of `hop` (written by one of the user's servers) is
/// itself one of the user's machines. `below` is the header that client wrote.
fn client_is_internal(hop: &Hop, below: &Hop, relays: &TrustedRelays) -> bool {
    if hop.parsed == ParseQuality::Failed {
        return false;
    }
    let from = &hop.from;
    if from.is_empty() {
        return true;
    }
    if from
        .ip
        .is_some_and(|ip| AddressKind::of(ip) == AddressKind::Loopback)
        || relays.ip(from.ip)
    {
        return true;
    }
    // A HELO name is a claim; believe it only for a connection from inside
    // (no public IP), where an outsider cannot be the client.
    let from_inside = from.ip.is_none_or(|ip| !AddressKind::of(ip).is_public());
    let rdns_trusted = !hop.may_be_forged && relays.name(from.rdns.as_deref());
    let helo_trusted = from_inside && relays.name(from.helo.as_deref());
    let below_by_trusted = relays.name(below.by.host.as_deref()) || relays.ip(below.by.ip);
    rdns_trusted || helo_trusted || (from_inside && below_by_trusted)
}

fn check_trustworthy_ip(hop: &mut Hop) {
    let finding = match hop.from.ip {
        None => Finding::new(
            FindingCode::TrustworthyIpMissing,
            format!(
                "The trustworthy hop (hop {}) records no connecting IP, so the sender cannot be pinned down.",
                hop.number
            ),
        ),
        Some(ip) if !AddressKind::of(ip).is_public() => Finding::new(
            FindingCode::TrustworthyIpInternal,
            format!(
                "The trustworthy hop's IP {ip} is {}: it is one of your own relays, so the real hand-off from outside is lower. Name your internal relays with --trust (a host or a network such as {}).",
                AddressKind::of(ip).describe(),
                suggested_network(ip)
            ),
        ),
        Some(_) => return,
    };
    hop.findings.push(finding);
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
