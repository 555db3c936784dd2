//! The evidence that a hop is one of the receiving organisation's own
//! steps, so that the trust boundary lies below it. Each rule is one small
//! function; [`Walk::evidence`] tries them in order. None of them believes
//! a claim the client made (its HELO name) about a connection from a public
//! address, nor anything written below the boundary.

use std::net::IpAddr;

use crate::chain::continuity::{links_to, same_organisation};
use crate::chain::records::ReceiverRecord;
use crate::host::{self, organisational_domain};
use crate::ip_kind::IpKind;
use crate::model::{EvidenceCode, Hop, HopKind, ParseQuality, TrustEvidence};
use crate::providers::{self, Role};

use super::relays::TrustedRelays;

/// The walk down the chain: what is known of the receiving side so far.
pub struct Walk<'a> {
    relays: &'a TrustedRelays,
    records: &'a [ReceiverRecord],
    /// Organisational domains of the receiving side's hosts seen so far.
    organisation: Vec<String>,
}

fn evidence(code: EvidenceCode, detail: impl Into<String>) -> TrustEvidence {
    TrustEvidence {
        code,
        detail: detail.into(),
    }
}

impl<'a> Walk<'a> {
    pub fn new(relays: &'a TrustedRelays, records: &'a [ReceiverRecord]) -> Walk<'a> {
        Walk {
            relays,
            records,
            organisation: Vec::new(),
        }
    }

    /// A hop the walk reaches: its receiver is on the receiving side.
    pub fn enter(&mut self, hop: &Hop) {
        if let Some(by) = hop.by.host.as_deref() {
            self.add_organisation(by);
        }
    }

    fn add_organisation(&mut self, name: &str) {
        if let Some(org) = organisational_domain(name)
            && !self.organisation.contains(&org)
        {
            self.organisation.push(org);
        }
    }

    fn in_organisation(&self, name: &str) -> bool {
        organisational_domain(name)
            .is_some_and(|org| self.organisation.iter().any(|o| same_organisation(o, &org)))
    }

    /// Why `hop`'s client is the receiving organisation's own, if it is.
    /// `below` is the hop under it; `lower` every hop under it.
    pub fn evidence(
        &mut self,
        hop: &Hop,
        below: Option<&Hop>,
        lower: &[Hop],
    ) -> Option<TrustEvidence> {
        if hop.parsed == ParseQuality::Failed {
            return None;
        }
        if let Some(e) = self.named_by_user(hop, below) {
            return Some(e);
        }
        if let Some(e) = self.not_a_hand_off(hop) {
            return Some(e);
        }
        let ip = hop.from.ip.map(|ip| ip.to_canonical());
        if let Some(e) = ip.and_then(|ip| private_client(hop, ip, below, lower, self)) {
            return Some(e);
        }
        // A client handing in a new message from a network address is
        // where the message entered the mail system: the sender itself.
        if hop.kind == HopKind::Submission {
            return None;
        }
        // A gateway the organisation's mail goes through is its entry,
        // even though the server behind it judged the gateway's
        // connection; otherwise, where the receiving side recorded this
        // hop's client as the connection it judged, that is where the
        // message came in.
        if let Some(e) = gateway(hop, below) {
            return Some(e);
        }
        if self.recorded_as_entry(hop) {
            return None;
        }
        if let Some(e) = provider_network(hop) {
            return Some(e);
        }
        self.same_organisation(hop)
            .or_else(|| self.named_without_address(hop, below))
            .or_else(|| self.receiver_record(hop, lower))
    }

    /// Named with `--trust`: by address, by the rDNS name the receiver
    /// looked up, by HELO only from inside (no public address), or as the
    /// host that wrote the header below.
    fn named_by_user(&self, hop: &Hop, below: Option<&Hop>) -> Option<TrustEvidence> {
        let from = &hop.from;
        let from_inside = from.ip.is_none_or(|ip| !IpKind::of(ip).is_public());
        let rdns = from.rdns.as_deref().filter(|_| !hop.may_be_forged);
        let named = self.relays.ip(from.ip)
            || self.relays.name(rdns)
            || (from_inside && self.relays.name(from.helo.as_deref()))
            || below.is_some_and(|b| wrote_trusted_header(hop, b, self.relays, from_inside));
        named.then(|| evidence(EvidenceCode::TrustedRelay, "named with --trust"))
    }

    /// A filter, a local step or a retrieval; or a submission that records
    /// no network client (a web application on the server).
    fn not_a_hand_off(&mut self, hop: &Hop) -> Option<TrustEvidence> {
        let detail = match hop.kind {
            HopKind::Filter => "a content filter handing the message back".to_string(),
            HopKind::Local => "a local step (submission or delivery on one machine)".to_string(),
            HopKind::Retrieval => {
                // The message entered the world at the mailbox provider it
                // was fetched from: walk on into that provider's hops.
                let provider = hop.from.rdns.as_deref().or(hop.from.helo.as_deref());
                if let Some(name) = provider {
                    self.add_organisation(name);
                }
                format!(
                    "mail fetched from {} (it entered the world there)",
                    provider.unwrap_or("a mailbox provider")
                )
            }
            HopKind::Submission if hop.from.ip.is_none() => {
                "handed in by an application that records no network address".to_string()
            }
            HopKind::Relay | HopKind::Submission => return None,
        };
        Some(evidence(EvidenceCode::NotAHandOff, detail))
    }

    /// The client's rDNS name, looked up and recorded by the receiver (not
    /// its HELO claim) and not a generic end-user name, is in the
    /// receiving organisation's domain.
    fn same_organisation(&self, hop: &Hop) -> Option<TrustEvidence> {
        let rdns = hop.from.rdns.as_deref().filter(|_| !hop.may_be_forged)?;
        let ip = hop.from.ip?;
        if host::looks_generic(rdns, ip) || !self.in_organisation(rdns) {
            return None;
        }
        let org = organisational_domain(rdns).unwrap_or_default();
        Some(evidence(
            EvidenceCode::SameOrganisation,
            format!("verified rDNS {rdns} in {org}"),
        ))
    }

    /// A relay that records no client address, whose client is named in
    /// the receiving organisation's domain (or by an internal name of one
    /// label) and wrote the header below: an internal hop whose server
    /// logs names only. Stopping here would pin nothing down.
    fn named_without_address(&self, hop: &Hop, below: Option<&Hop>) -> Option<TrustEvidence> {
        let below = below?;
        if hop.from.ip.is_some() || links_to(hop, below) != Some(true) {
            return None;
        }
        let name = hop.sender_name()?;
        // A receiver known only by an internal name of one label (a pod,
        // a container) cannot be reached from outside either.
        let internal_receiver = hop.by.host.as_deref().is_some_and(|b| !b.contains('.'));
        let internal_name = !name.contains('.') || internal_receiver || self.in_organisation(name);
        internal_name.then(|| {
            evidence(
                EvidenceCode::SameOrganisation,
                format!("client {name}, named in the organisation and with no address recorded, wrote the header below"),
            )
        })
    }

    /// A header above this hop, on the receiving side, records this hop's
    /// client as the connecting IP it judged (SPF, a filter's CIP).
    fn recorded_as_entry(&self, hop: &Hop) -> bool {
        let Some(ip) = hop.from.ip.map(|ip| ip.to_canonical()) else {
            return false;
        };
        self.records
            .iter()
            .any(|r| r.received_above <= hop.header_index && r.ip == ip)
    }

    /// A header written above this hop, on the receiving side, records that
    /// the connection it judged came from a lower hop's client.
    fn receiver_record(&self, hop: &Hop, lower: &[Hop]) -> Option<TrustEvidence> {
        let own_ip = hop.from.ip.map(|ip| ip.to_canonical());
        self.records
            .iter()
            .filter(|r| r.received_above <= hop.header_index && Some(r.ip) != own_ip)
            .find_map(|r| {
                let named = lower.iter().rev().find(|h| {
                    h.kind.is_hand_off() && h.from.ip.map(|ip| ip.to_canonical()) == Some(r.ip)
                })?;
                Some(evidence(
                    EvidenceCode::ReceiverRecord,
                    format!(
                        "{} above it records {}, hop {}'s client",
                        r.header, r.ip, named.number
                    ),
                ))
            })
    }
}

/// A private (not public, not loopback) client is inside the network: no
/// one reaches a server from a private address across the Internet. It
/// counts when it wrote the header below, or when it is the oldest hop, or
/// when no hand-off from a public address lies below it; otherwise (a
/// private hop over public ones) the walk stops and says so.
fn private_client(
    hop: &Hop,
    ip: IpAddr,
    below: Option<&Hop>,
    lower: &[Hop],
    organisation: &Walk<'_>,
) -> Option<TrustEvidence> {
    let kind = IpKind::of(ip);
    if kind.is_public() {
        return None;
    }
    if kind == IpKind::Loopback {
        return Some(evidence(
            EvidenceCode::SameMachine,
            "loopback client: the server handed the message to itself",
        ));
    }
    let linked = below.is_some_and(|b| links_to(hop, b) == Some(true));
    // Or the header below is the organisation's own anyway: a filter or
    // local step, or received by a host named in the organisation.
    let own_below = below.is_some_and(|b| {
        !b.kind.is_hand_off()
            || b.by
                .host
                .as_deref()
                .is_some_and(|h| organisation.in_organisation(h) || names_private_ip(h))
            || b.by.ip.is_some_and(|ip| !IpKind::of(ip).is_public())
    });
    let public_below = lower
        .iter()
        .any(|h| h.kind.is_hand_off() && h.from.ip.is_some_and(|ip| IpKind::of(ip).is_public()));
    let detail = if linked {
        format!("private client {ip} that wrote the header below")
    } else if own_below {
        format!("private client {ip}, inside the network with the hop below")
    } else if below.is_none() || !public_below {
        format!("private client {ip}, inside the network")
    } else {
        return None;
    };
    Some(evidence(EvidenceCode::PrivateNetwork, detail))
}

/// A host name that is a private address (providers name internal hosts
/// by their address: `by 10.217.135.120 with SMTPs`).
fn names_private_ip(name: &str) -> bool {
    name.trim_matches(['[', ']'])
        .parse::<IpAddr>()
        .is_ok_and(|ip| !IpKind::of(ip).is_public())
}

/// The client is in the published relay network of the mail provider that
/// also runs the receiver, and the receiver is not the provider's inbound
/// edge (where mail enters its service, even from its own outbound
/// servers: another tenant, another user).
fn provider_network(hop: &Hop) -> Option<TrustEvidence> {
    let ip = hop.from.ip?;
    providers::all().find_map(|p| {
        let network = p.network_of(ip)?;
        let at_edge = hop.by.host.as_deref().is_some_and(|b| p.receives_as(b));
        let receiver_is_theirs = hop.by.host.as_deref().is_some_and(|b| p.owns_name(b))
            || hop.by.ip.is_some_and(|b| p.network_of(b).is_some());
        let receiver_is_theirs = receiver_is_theirs && !at_edge;
        receiver_is_theirs.then(|| {
            evidence(
                EvidenceCode::ProviderNetwork,
                format!("client {ip} in {}'s relay network {network}", p.name),
            )
        })
    })
}

/// The client is a filtering gateway (by the rDNS name the receiver
/// recorded, or by the gateway's published network), and the hop below was received by that gateway's inbound
/// service for the same recipient domain: the message entered the
/// organisation at the gateway.
fn gateway(hop: &Hop, below: Option<&Hop>) -> Option<TrustEvidence> {
    let below = below?;
    let rdns = hop.from.rdns.as_deref().filter(|_| !hop.may_be_forged);
    let by_network = || {
        let ip = hop.from.ip?;
        providers::all().find(|p| p.role == Role::Gateway && p.network_of(ip).is_some())
    };
    let gateway = rdns
        .and_then(providers::by_name)
        .filter(|p| p.role == Role::Gateway)
        .or_else(by_network)?;
    let client = rdns
        .map(str::to_string)
        .or_else(|| hop.from.ip.map(|ip| ip.to_string()))
        .unwrap_or_default();
    let received_by_gateway = below
        .by
        .host
        .as_deref()
        .is_some_and(|b| gateway.receives_as(b));
    let domain = |h: &Hop| {
        h.for_addr
            .as_deref()
            .and_then(|a| a.rsplit_once('@'))
            .map(|(_, d)| d.to_ascii_lowercase())
    };
    let same_recipient = match (domain(hop), domain(below)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    (received_by_gateway && same_recipient).then(|| {
        evidence(
            EvidenceCode::ProviderNetwork,
            format!(
                "client {client} is {}, the filtering gateway that received the message below",
                gateway.name
            ),
        )
    })
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
