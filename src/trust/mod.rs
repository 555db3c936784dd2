//! Which hop can be trusted.
//!
//! The topmost header was written by the server that holds the message: the
//! receiving organisation's. Walking down from it, every hop that is
//! evidently one of that organisation's own steps is `internal`; the first
//! hand-off whose client is outside it is the single `trustworthy` hop: its
//! connecting IP was seen by the receiving side and cannot be forged.
//! Everything below is `unverified`, a claim by machines nobody can check.
//! When the walk reaches the oldest hop without meeting an outside client,
//! the message originated inside the organisation and no hop is marked.
//!
//! The evidence that a hop is the organisation's own ([`evidence`]) is
//! recorded on the hop (`trust_evidence`) and summed up in a finding, so
//! the user sees what moved the boundary. The user's own relays, named with
//! `--trust` or in the config file ([`relays`]), always count.

mod evidence;
mod findings;
pub mod relays;

pub use relays::{BadTrustedRelay, TrustedRelay, TrustedRelays};

use crate::chain::records::ReceiverRecord;
use crate::model::{Finding, Hop, Trust};

use evidence::Walk;

/// What the trust stage found.
#[derive(Debug, Default)]
pub struct Boundary {
    /// The trustworthy hop's number; `None` without hops, or when the
    /// message originated inside the receiving organisation.
    pub trustworthy: Option<usize>,
    pub findings: Vec<Finding>,
}

/// Marks every hop's trust, walking down from the top on evidence.
pub fn apply(hops: &mut [Hop], relays: &TrustedRelays, records: &[ReceiverRecord]) -> Boundary {
    let mut found = Boundary {
        trustworthy: None,
        findings: findings::unused_relays(hops, relays),
    };
    if hops.is_empty() {
        return found;
    }
    let mut walk = Walk::new(relays, records);
    let mut entry = None;
    for i in (0..hops.len()).rev() {
        walk.enter(&hops[i]);
        let below = i.checked_sub(1).map(|j| &hops[j]);
        match walk.evidence(&hops[i], below, &hops[..i]) {
            Some(evidence) => {
                hops[i].trust = Trust::Internal;
                hops[i].trust_evidence = Some(evidence);
            }
            None => {
                entry = Some(i);
                break;
            }
        }
    }
    if let Some(e) = entry {
        hops[e].trust = Trust::Trustworthy;
        for hop in &mut hops[..e] {
            hop.trust = Trust::Unverified;
            hop.trust_evidence = None;
        }
        findings::on_trustworthy(hops, e, relays);
        findings::private_addresses(&mut hops[..=e]);
        found.trustworthy = Some(hops[e].number);
    } else {
        found.findings.push(findings::originated_inside(hops));
    }
    found.findings.extend(findings::inferred(hops));
    found
}
