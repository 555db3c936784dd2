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
        return;
    }
    if let Ok((_, Some(zone))) = date::read_date(text) {
        hop.findings
            .push(zone_finding(&zone, hop.utc_offset_minutes));
    }
}

/// The `zone-assumed` note: how a zone name outside RFC 5322 was read.
fn zone_finding(zone: &date::AssumedZone, offset_minutes: Option<i32>) -> Finding {
    let name = &zone.name;
    let message = match zone.guess {
        date::ZoneGuess::Common => {
            let m = offset_minutes.unwrap_or(0);
            let sign = if m < 0 { '-' } else { '+' };
            let (h, mm) = (m.abs() / 60, m.abs() % 60);
            format!(
                "The date's zone \"{name}\" is not one RFC 5322 defines; it was read with its usual offset, {sign}{h:02}:{mm:02}."
            )
        }
        date::ZoneGuess::Ambiguous => format!(
            "The date's zone \"{name}\" names more than one time zone; it was read as -0000 (UTC), as RFC 5322 says, so this hop's time may be off by hours."
        ),
        date::ZoneGuess::Unknown => format!(
            "The date's zone \"{name}\" is not a known zone; it was read as -0000 (UTC), as RFC 5322 says, so this hop's time may be off by hours."
        ),
    };
    Finding::new(FindingCode::ZoneAssumed, message)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_and_messages(raw: &str) -> Vec<(FindingCode, String)> {
        let ctx = ChainContext {
            message_date: None,
            now: chrono::DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        };
        let hops = build(&[raw.to_string()], &ctx);
        hops[0]
            .findings
            .iter()
            .map(|f| (f.code, f.message.clone()))
            .collect()
    }

    #[test]
    fn a_zone_name_outside_rfc_5322_gets_a_note() {
        let known = codes_and_messages(
            "from a.example.org by b.example.net; Mon, 23 Nov 2026 17:44:39 JST",
        );
        assert_eq!(known.len(), 1, "{known:?}");
        assert_eq!(known[0].0, FindingCode::ZoneAssumed);
        assert!(known[0].1.contains("\"JST\""), "{}", known[0].1);
        assert!(known[0].1.contains("+09:00"), "{}", known[0].1);

        let long =
            codes_and_messages("by b.example.net; Mon, 23 Nov 2026 15:01:02 Pacific Standard Time");
        assert!(long[0].1.contains("-08:00"), "{long:?}");

        let unknown = codes_and_messages(
            "from a.example.org by b.example.net; Mon, 23 Nov 2026 12:13:12 IST",
        );
        assert_eq!(unknown[0].0, FindingCode::ZoneAssumed);
        assert!(unknown[0].1.contains("-0000"), "{}", unknown[0].1);

        // RFC 5322's own names and numeric offsets need no note.
        for raw in [
            "from a.example.org by b.example.net; Mon, 23 Nov 2026 10:15:02 EST",
            "from a.example.org by b.example.net; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        ] {
            assert!(codes_and_messages(raw).is_empty(), "{raw}");
        }
    }
}
