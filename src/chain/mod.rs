//! From Received headers to a hop chain: parsing, dates, delays and checks.

pub mod checks;
pub mod continuity;
pub mod date;
pub mod kind;
pub mod received;
pub mod records;

pub use checks::ChainContext;

use chrono::Utc;

use crate::model::{Finding, FindingCode};
use crate::model::{Hop, HopKind, Receiver, Sender, Trust};

/// Builds the hop chain from raw Received values given topmost first.
/// The result is oldest first: `hops[0]` is hop 1, the bottom header.
pub fn build(received_top_first: &[String], ctx: &ChainContext) -> Vec<Hop> {
    let count = received_top_first.len();
    let mut hops: Vec<Hop> = received_top_first
        .iter()
        .enumerate()
        .rev()
        .map(|(index, raw)| {
            let parsed = received::parse_received(raw);
            hop_of(count - index, index, raw.clone(), parsed)
        })
        .collect();
    for hop in &mut hops {
        read_timestamp(hop);
    }
    fill_delays(&mut hops);
    checks::run(&mut hops, ctx);
    hops
}

/// A hop from a parsed header, with its kind; delays, findings and trust
/// are filled in later.
pub fn hop_of(number: usize, header_index: usize, raw: String, r: received::Received) -> Hop {
    let mut hop = Hop {
        number,
        header_index,
        raw,
        parsed: r.quality,
        kind: HopKind::Relay,
        from: Sender {
            helo: r.helo,
            rdns: r.rdns,
            ip: r.ip,
            ip_token: None,
        },
        by: Receiver {
            host: r.by_host,
            ip: r.by_ip,
            ip_token: None,
        },
        with: r.with,
        via: r.via,
        id: r.id,
        for_addr: r.for_addr,
        envelope_from: r.envelope_from,
        ident: r.ident,
        auth: r.auth,
        tls: r.tls,
        timestamp: r.date.map(|t| t.with_timezone(&Utc)),
        timestamp_raw: r.date_text,
        utc_offset_minutes: r.date.map(|t| t.offset().local_minus_utc() / 60),
        delay_seconds: None,
        trust: Trust::Unverified,
        trust_evidence: None,
        dns: None,
        findings: Vec::new(),
        may_be_forged: r.may_be_forged,
    };
    hop.kind = kind::classify(&hop);
    hop
}

/// A hop without a date, or with one that does not parse (its time stays
/// `None`, never a guess), gets a finding saying so.
fn read_timestamp(hop: &mut Hop) {
    let Some(text) = hop.timestamp_raw.as_deref() else {
        hop.findings.push(Finding::new(
            FindingCode::MissingDate,
            "This header has no date, so the delay around this hop is unknown.",
        ));
        return;
    };
    if hop.timestamp.is_none() {
        hop.findings.push(Finding::new(
            FindingCode::InvalidDate,
            format!("The date \"{text}\" is not a valid date; its time is left unknown."),
        ));
    }
}

/// Each hop's delay is its time minus the previous (older) hop's time,
/// signed. Unknown when either time is unknown.
fn fill_delays(hops: &mut [Hop]) {
    for i in 1..hops.len() {
        if let (Some(prev), Some(this)) = (hops[i - 1].timestamp, hops[i].timestamp) {
            hops[i].delay_seconds = Some((this - prev).num_seconds());
        }
    }
}

/// Time from the oldest dated hop to the newest dated hop (`None` with fewer than two dated hops).
pub fn total_transit_seconds(hops: &[Hop]) -> Option<i64> {
    let first = hops.iter().position(|h| h.timestamp.is_some())?;
    let last = hops.iter().rposition(|h| h.timestamp.is_some())?;
    let (Some(a), Some(b)) = (hops[first].timestamp, hops[last].timestamp) else {
        return None;
    };
    (last > first).then(|| (b - a).num_seconds())
}
