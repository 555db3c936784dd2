//! From Received headers to a hop chain: parsing, dates, delays and checks.

pub mod checks;
pub mod continuity;
pub mod date;
pub mod hop;
pub mod received;

use chrono::{DateTime, FixedOffset, Utc};

use crate::finding::{Finding, FindingCode};
use hop::Hop;

/// Facts from outside the Received headers that the checks compare against.
#[derive(Debug, Clone, Copy)]
pub struct ChainContext {
    /// The message's own Date: header, when it parses.
    pub message_date: Option<DateTime<FixedOffset>>,
    /// When the report is made (`SOURCE_DATE_EPOCH` or the clock).
    pub now: DateTime<Utc>,
}

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
            Hop::new(count - index, index, raw.clone(), parsed)
        })
        .collect();
    for hop in &mut hops {
        read_timestamp(hop);
    }
    fill_delays(&mut hops);
    checks::run(&mut hops, ctx);
    hops
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
