//! What the trust stage tells the user: which evidence moved the boundary,
//! where the message entered or that it originated inside, and what looks
//! wrong about the hop that can be trusted.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::chain::continuity::same_organisation;
use crate::host::organisational_domain;
use crate::ip_kind::IpKind;
use crate::model::{EvidenceCode, Finding, FindingCode, Hop, Trust};

use super::relays::{TrustedRelay, TrustedRelays};

/// `trust-inferred`: the hops counted as internal on evidence other than
/// `--trust` and their own shape, with the evidence for each.
pub fn inferred(hops: &[Hop]) -> Option<Finding> {
    let list: Vec<String> = hops
        .iter()
        .rev()
        .filter_map(|h| {
            let e = h.trust_evidence.as_ref()?;
            let inferred = matches!(
                e.code,
                EvidenceCode::PrivateNetwork
                    | EvidenceCode::SameOrganisation
                    | EvidenceCode::ProviderNetwork
                    | EvidenceCode::ReceiverRecord
            );
            inferred.then(|| format!("hop {} ({})", h.number, e.detail))
        })
        .collect();
    if list.is_empty() {
        return None;
    }
    Some(Finding::new(
        FindingCode::TrustInferred,
        format!(
            "Counted as inside the receiving organisation without --trust: {}.",
            list.join(", ")
        ),
    ))
}

/// `originated-inside`: no hop hands the message in from outside.
pub fn originated_inside(hops: &[Hop]) -> Finding {
    let oldest = &hops[0];
    let client = oldest
        .from
        .ip_text()
        .or_else(|| oldest.sender_name().map(str::to_string));
    let at = match (client, oldest.by.host.as_deref()) {
        (Some(c), Some(by)) => format!("hop 1, from {c} to {by}"),
        (Some(c), None) => format!("hop 1, from {c}"),
        (None, Some(by)) => format!("hop 1, on {by}"),
        (None, None) => "hop 1".to_string(),
    };
    Finding::new(
        FindingCode::OriginatedInside,
        format!(
            "No hop hands the message in from outside: it was written inside the receiving organisation and first recorded at {at}; no hop is marked trustworthy."
        ),
    )
}

/// Findings on the trustworthy hop itself: no IP, a private IP over public
/// hand-offs, or a hand-off that only looks internal by its HELO name
/// (one of your `--trust` names, or the receiver's domain).
pub fn on_trustworthy(hops: &mut [Hop], entry: usize, relays: &TrustedRelays) {
    let hop = &hops[entry];
    let finding = match hop.from.ip {
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
                "The trustworthy hop's IP {ip} is {}, yet public hand-offs lie below it: it is one of your own relays whose header below does not name it, so the real hand-off from outside is lower. Name your internal relays with --trust (a host or a network such as {}).",
                IpKind::of(ip).describe(),
                suggested_network(ip)
            ),
        ),
        Some(ip) => match (claims_trusted_name(hop, relays), helo_only_internal(hop)) {
            (Some(relay), _) => Finding::new(
                FindingCode::TrustHint,
                format!(
                    "This hop's client calls itself {}, which your --trust '{relay}' names, but it connected from the public address {ip} and the receiver recorded no verified name for it: a HELO is a claim anyone can make, so it is not trusted. If it is your server, name its network with --trust {} to see where the message entered.",
                    hop.from.helo.as_deref().unwrap_or_default(),
                    suggested_network(ip)
                ),
            ),
            (None, Some(domain)) => Finding::new(FindingCode::TrustHint, trust_hint(ip, &domain)),
            (None, None) => return,
        },
    };
    hops[entry].findings.push(finding);
}

/// The user's `--trust` name that the client's HELO (from a public
/// address, so not believed) matches.
fn claims_trusted_name<'r>(hop: &Hop, relays: &'r TrustedRelays) -> Option<&'r TrustedRelay> {
    let helo = hop.from.helo.as_deref()?;
    relays.0.iter().find(|r| r.matches_name(helo))
}

/// The organisational domain shared by the client's HELO name and the
/// receiver, when the receiver recorded no rDNS name at all (servers such
/// as Exchange record only the HELO): it may be the organisation's own
/// relay, but a HELO is a claim, so it is only pointed out.
fn helo_only_internal(hop: &Hop) -> Option<String> {
    let receiver = hop.by.host.as_deref()?;
    let claimed = hop.from.helo.as_deref()?;
    // A client that calls itself by the receiver's own name is the oldest
    // forger's trick, not a relay of the organisation.
    if hop.from.rdns.is_some() || claimed.eq_ignore_ascii_case(receiver) {
        return None;
    }
    let by = organisational_domain(receiver)?;
    let helo = organisational_domain(claimed)?;
    same_organisation(&helo, &by).then_some(by)
}

fn trust_hint(ip: IpAddr, domain: &str) -> String {
    format!(
        "The trustworthy hop looks like a hand-off inside {domain}'s own servers: its client calls itself by a name in {domain}, but the receiver recorded no verified name, and a HELO alone is never trusted. If it is your own or your provider's server, name its network with --trust {} to see where the message entered.",
        suggested_network(ip)
    )
}

fn suggested_network(ip: IpAddr) -> String {
    let prefix = if ip.is_ipv4() { 24 } else { 64 };
    IpNet::new(ip, prefix)
        .map(|n| n.trunc().to_string())
        .unwrap_or_else(|_| ip.to_string())
}

/// `private-address`: below the boundary, a private client named in
/// another organisation than its receiver, or (when names say nothing)
/// between two hand-offs from public addresses. Nobody reaches a server
/// from a private address across the Internet, so such a header was not
/// written by the machines it names. A private hop inside one network
/// (the sender's relays) is ordinary; on or above the boundary the
/// receiving side recorded it itself.
pub fn private_addresses(hops: &mut [Hop]) {
    let public: Vec<bool> = hops
        .iter()
        .map(|h| h.kind.is_hand_off() && h.from.ip.is_some_and(|ip| IpKind::of(ip).is_public()))
        .collect();
    for i in 0..hops.len() {
        if hops[i].trust != Trust::Unverified {
            continue;
        }
        let Some(ip) = hops[i].from.ip else { continue };
        let kind = IpKind::of(ip);
        if kind.is_public() || kind == IpKind::Loopback {
            continue;
        }
        let between_public = public[..i].iter().any(|&p| p) && public[i + 1..].iter().any(|&p| p);
        let suspicious = crosses_organisations(&hops[i]).unwrap_or(between_public);
        if suspicious {
            hops[i].findings.push(Finding::new(
                FindingCode::PrivateAddress,
                format!(
                    "The sender address {ip} is {}, yet this hop is a hand-off across the Internet, below the trustworthy hop: this header is likely forged.",
                    kind.describe()
                ),
            ));
        }
    }
}

/// Whether the client's names and the receiver sit in different
/// organisational domains; `None` when either side has no name (a HELO
/// address literal is not a name).
fn crosses_organisations(hop: &Hop) -> Option<bool> {
    let by = organisational_domain(hop.by.host.as_deref()?)?;
    let names: Vec<String> = [hop.from.rdns.as_deref(), hop.from.helo.as_deref()]
        .into_iter()
        .flatten()
        .filter(|n| !n.starts_with('['))
        .filter_map(organisational_domain)
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(!names.iter().any(|n| same_organisation(n, &by)))
}

/// `trust-unused`: a `--trust` entry that matches nothing (most likely a
/// typo), or only names that clients claimed from public addresses (which
/// a forger can claim too, so they never count).
pub fn unused_relays(hops: &[Hop], relays: &TrustedRelays) -> Vec<Finding> {
    relays
        .0
        .iter()
        .filter_map(|relay| {
            if hops.iter().any(|h| counts_for(relay, h)) {
                return None;
            }
            let claimed: Vec<String> = hops
                .iter()
                .filter(|h| h.from.helo.as_deref().is_some_and(|n| relay.matches_name(n)))
                .map(|h| format!("hop {}", h.number))
                .collect();
            let message = if claimed.is_empty() {
                format!("The trusted relay '{relay}' matches no host or address in this message.")
            } else {
                format!(
                    "The trusted relay '{relay}' matches only HELO names that clients gave from public addresses ({}); a HELO is a claim anyone can make, so it does not count. Name those relays by network instead (their IPs are in the table).",
                    claimed.join(", ")
                )
            };
            Some(Finding::new(FindingCode::TrustUnused, message))
        })
        .collect()
}

/// Whether a `--trust` entry names something the walk believes: a
/// receiver, an rDNS name, an address, or a HELO given from inside.
fn counts_for(relay: &TrustedRelay, h: &Hop) -> bool {
    let from_inside = h.from.ip.is_none_or(|ip| !IpKind::of(ip).is_public());
    let names = [
        h.by.host.as_deref(),
        h.from.rdns.as_deref(),
        h.from.helo.as_deref().filter(|_| from_inside),
    ];
    names.into_iter().flatten().any(|n| relay.matches_name(n))
        || [h.by.ip, h.from.ip]
            .into_iter()
            .flatten()
            .any(|ip| relay.matches_ip(ip))
}
