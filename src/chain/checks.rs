//! Checks on the chain that need no network: parse quality, time, continuity
//! and addresses. Each adds findings to the hop it is about.

use chrono::Duration;

use super::ChainContext;
use super::hop::{Hop, format_utc};
use super::received::ParseQuality;
use crate::address::AddressKind;
use crate::finding::{Finding, FindingCode};

/// A hop slower than this gets a `long-delay` note.
const LONG_DELAY_SECONDS: i64 = 3600;
/// How far a hop may be ahead of the report's clock before it is `future-date`.
const FUTURE_TOLERANCE: Duration = Duration::days(1);
/// How far the first hop may be before the Date: header (clocks drift).
const BEFORE_DATE_TOLERANCE: Duration = Duration::minutes(15);

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

/// Whether `upper`'s sender is the host that wrote `lower`. `None` when the
/// two headers give nothing comparable (local hops, an IP against a name).
fn links_to(upper: &Hop, lower: &Hop) -> Option<bool> {
    if upper.from.is_empty() {
        return None;
    }
    if let (Some(ip), Some(by_ip)) = (upper.from.ip, lower.by.ip)
        && ip == by_ip
    {
        return Some(true);
    }
    let by_host = lower.by.host.as_deref()?;
    let names: Vec<&str> = [upper.from.helo.as_deref(), upper.from.rdns.as_deref()]
        .into_iter()
        .flatten()
        .filter(|n| !n.starts_with('['))
        .collect();
    if names.is_empty() {
        return None;
    }
    let loopback_pair = by_host == "localhost"
        && upper
            .from
            .ip
            .is_some_and(|ip| AddressKind::of(ip) == AddressKind::Loopback);
    Some(loopback_pair || names.iter().any(|n| same_host(n, by_host)))
}

/// Names match when equal, when one is the other's short form (`mx1` and
/// `mx1.example.org`), or when both sit in the same organisational domain
/// (clusters send from a sibling of the machine that received).
fn same_host(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let first = |s: &str| s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if (!a.contains('.') || !b.contains('.')) && first(a) == first(b) {
        return true;
    }
    match (organisational_domain(a), organisational_domain(b)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(&y),
        _ => false,
    }
}

/// An approximation of the registered domain: the last two labels, or three
/// under a two-letter country code with a short second level (`co.uk`).
fn organisational_domain(name: &str) -> Option<String> {
    let labels: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    if labels.len() < 2 {
        return None;
    }
    let n = labels.len();
    let take = if n >= 3 && labels[n - 1].len() == 2 && labels[n - 2].len() <= 3 {
        3
    } else {
        2
    };
    Some(labels[n - take..].join("."))
}

/// A private or loopback address between public hops cannot be real: the
/// message would have had to leave the public Internet and come back.
fn check_private_addresses(hops: &mut [Hop]) {
    let public: Vec<bool> = hops
        .iter()
        .map(|h| h.from.ip.is_some_and(|ip| AddressKind::of(ip).is_public()))
        .collect();
    for i in 0..hops.len() {
        let Some(ip) = hops[i].from.ip else { continue };
        let kind = AddressKind::of(ip);
        if kind.is_public() {
            continue;
        }
        if public[..i].iter().any(|&p| p) && public[i + 1..].iter().any(|&p| p) {
            hops[i].findings.push(Finding::new(
                FindingCode::PrivateAddress,
                format!(
                    "The sender address {ip} is {} but sits between public hops: this header is likely forged.",
                    kind.describe()
                ),
            ));
        }
    }
}

/// `3 min 10 s`, `2 h 5 min`, `4 s`: delays as people say them.
pub fn human_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let text = match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        3600..86400 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => format!("{} d {} h", s / 86400, (s % 86400) / 3600),
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(4), "4 s");
        assert_eq!(human_duration(-170), "-2 min 50 s");
        assert_eq!(human_duration(7500), "2 h 5 min");
        assert_eq!(human_duration(90000), "1 d 1 h");
    }

    #[test]
    fn host_names_match_loosely_but_not_across_domains() {
        assert!(same_host("mx1", "mx1.example.org"));
        assert!(same_host("smtp-out-7.example.org", "smtp-in-3.example.org"));
        assert!(same_host("a.example.co.uk", "b.example.co.uk"));
        assert!(!same_host("mail.example.com", "mx.example.net"));
        assert!(!same_host("a.example.co.uk", "b.other.co.uk"));
    }
}
