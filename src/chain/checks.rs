//! Checks on the chain that need no network: parse quality, time, continuity
//! and addresses. Each adds findings to the hop it is about.

use chrono::{DateTime, Duration, FixedOffset, Utc};

use super::continuity::{links_to, same_organisation};
use crate::duration::human_duration;
use crate::host::organisational_domain;
use crate::ip_kind::IpKind;
use crate::model::ParseQuality;
use crate::model::{Finding, FindingCode};
use crate::model::{Hop, format_utc};

/// A hop slower than this gets a `long-delay` note.
const LONG_DELAY_SECONDS: i64 = 3600;
/// How far a hop may be ahead of the report's clock before it is `future-date`.
const FUTURE_TOLERANCE: Duration = Duration::days(1);
/// How far the first hop may be before the Date: header (clocks drift).
const BEFORE_DATE_TOLERANCE: Duration = Duration::minutes(15);

/// Facts from outside the Received headers that the checks compare against.
#[derive(Debug, Clone, Copy)]
pub struct ChainContext {
    /// The message's own Date: header, when it parses.
    pub message_date: Option<DateTime<FixedOffset>>,
    /// When the report is made (`SOURCE_DATE_EPOCH` or the clock).
    pub now: DateTime<Utc>,
}

/// Runs every check on the chain (oldest hop first).
pub fn run(hops: &mut [Hop], ctx: &ChainContext) {
    for hop in hops.iter_mut() {
        check_parse_quality(hop);
        check_delay(hop);
        check_future(hop, ctx);
        check_may_be_forged(hop);
    }
    check_before_message_date(hops, ctx);
    check_continuity(hops);
    check_private_addresses(hops);
}

fn check_parse_quality(hop: &mut Hop) {
    let finding = match hop.parsed {
        ParseQuality::Full => return,
        ParseQuality::Partial => Finding::new(
            FindingCode::ParsePartial,
            "Part of this header could not be read; see its raw text.",
        ),
        ParseQuality::Failed => Finding::new(
            FindingCode::ParseFailed,
            "This header could not be read as a Received header; see its raw text.",
        ),
    };
    hop.findings.push(finding);
}

fn check_delay(hop: &mut Hop) {
    let Some(delay) = hop.delay_seconds else {
        return;
    };
    if delay < 0 {
        hop.findings.push(Finding::new(
            FindingCode::NegativeDelay,
            format!(
                "This hop is dated {} before the hop below it: one of the two clocks is wrong, or a header is forged.",
                human_duration(-delay)
            ),
        ));
    } else if delay > LONG_DELAY_SECONDS {
        hop.findings.push(Finding::new(
            FindingCode::LongDelay,
            format!(
                "The message waited {} before this hop (a queue, retries or greylisting).",
                human_duration(delay)
            ),
        ));
    }
}

fn check_future(hop: &mut Hop, ctx: &ChainContext) {
    if let Some(t) = hop.timestamp
        && t > ctx.now + FUTURE_TOLERANCE
    {
        hop.findings.push(Finding::new(
            FindingCode::FutureDate,
            format!(
                "This hop is dated {}, after the time of this report ({}): a wrong clock or a forged header.",
                format_utc(&t),
                format_utc(&ctx.now)
            ),
        ));
    }
}

fn check_may_be_forged(hop: &mut Hop) {
    if hop.may_be_forged {
        hop.findings.push(Finding::new(
            FindingCode::MayBeForged,
            "The receiving server noted that the sender's reverse DNS name may be forged (it does not resolve back to the IP).",
        ));
    }
}

/// The oldest dated hop should not be much earlier than the Date: header,
/// which the sender wrote before sending.
fn check_before_message_date(hops: &mut [Hop], ctx: &ChainContext) {
    let Some(date) = ctx.message_date else {
        return;
    };
    let date = date.to_utc();
    let Some(first) = hops.iter_mut().find(|h| h.timestamp.is_some()) else {
        return;
    };
    let t = first.timestamp.expect("found a dated hop");
    if t + BEFORE_DATE_TOLERANCE < date {
        first.findings.push(Finding::new(
            FindingCode::BeforeMessageDate,
            format!(
                "The first dated hop ({}) is {} before the message's Date: header ({}): the sender's clock is ahead, or a header is forged.",
                format_utc(&t),
                human_duration((date - t).num_seconds()),
                format_utc(&date)
            ),
        ));
    }
}

/// A hop's sender should be the machine that wrote the header below it.
fn check_continuity(hops: &mut [Hop]) {
    for i in 1..hops.len() {
        if links_to(&hops[i], &hops[i - 1]) == Some(false) {
            let below = hops[i - 1].by.host.clone().unwrap_or_default();
            let sender = describe_sender(&hops[i]);
            hops[i].findings.push(Finding::new(
                FindingCode::ChainBreak,
                format!(
                    "The sender of this hop ({sender}) is not the host that received the message in the hop below ({below}): a header is missing or forged below this point."
                ),
            ));
        }
    }
}

fn describe_sender(hop: &Hop) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(hop.from.helo.clone());
    parts.extend(
        hop.from
            .rdns
            .clone()
            .filter(|r| Some(r) != hop.from.helo.as_ref()),
    );
    parts.extend(hop.from.ip.map(|ip| ip.to_string()));
    parts.join(" ")
}

/// A private address cannot cross the Internet: a hop from a private (not
/// loopback) address into another organisation's server, or one sitting
/// between public hops, was not written by the machines it names.
fn check_private_addresses(hops: &mut [Hop]) {
    let public: Vec<bool> = hops
        .iter()
        .map(|h| h.from.ip.is_some_and(|ip| IpKind::of(ip).is_public()))
        .collect();
    for i in 0..hops.len() {
        let Some(ip) = hops[i].from.ip else { continue };
        let kind = IpKind::of(ip);
        if kind.is_public() || kind == IpKind::Loopback {
            continue;
        }
        let suspicious = match crosses_organisations(&hops[i]) {
            Some(crosses) => crosses,
            None => public[..i].iter().any(|&p| p) && public[i + 1..].iter().any(|&p| p),
        };
        if suspicious {
            hops[i].findings.push(Finding::new(
                FindingCode::PrivateAddress,
                format!(
                    "The sender address {ip} is {}, yet this hop is a hand-off across the Internet: this header is likely forged.",
                    kind.describe()
                ),
            ));
        }
    }
}

/// Whether the sender's names and the receiver sit in different
/// organisational domains; `None` when either side has no name (a HELO
/// address literal is not a name).
fn crosses_organisations(hop: &Hop) -> Option<bool> {
    let by = organisational_domain(hop.by.host.as_deref()?)?;
    let names: Vec<String> = [hop.from.rdns.as_deref(), hop.from.helo.as_deref()]
        .into_iter()
        .flatten()
        // An address literal (`[10.4.12.88]`) names no domain.
        .filter(|n| !n.starts_with('['))
        .filter_map(organisational_domain)
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(!names.iter().any(|n| same_organisation(n, &by)))
}
