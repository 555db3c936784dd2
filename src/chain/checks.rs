//! Checks on the chain that need no network: parse quality, time, continuity
//! and addresses. Each adds findings to the hop it is about.

use chrono::{DateTime, Duration, FixedOffset, Utc};

use super::continuity::links_to;
use crate::duration::human_duration;
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
    let delays = delay_findings(hops);
    for (hop, delay) in hops.iter_mut().zip(delays) {
        check_parse_quality(hop);
        hop.findings.extend(delay);
        check_future(hop, ctx);
        check_may_be_forged(hop);
    }
    check_before_message_date(hops, ctx);
    check_continuity(hops);
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

/// Negative delays of a few minutes are clock skew; a whole number of
/// hours is a time written in the wrong zone; a long delay that the next
/// hop takes back is one server's wrong clock, not a queue.
fn delay_findings(hops: &[Hop]) -> Vec<Option<Finding>> {
    let delays: Vec<Option<i64>> = hops.iter().map(|h| h.delay_seconds).collect();
    (0..hops.len())
        .map(|i| {
            let delay = delays[i]?;
            let next = delays.get(i + 1).copied().flatten();
            let previous = i.checked_sub(1).and_then(|p| delays[p]);
            let taken_back = |other: Option<i64>| other.is_some_and(|o| cancels(delay, o));
            if delay < 0 {
                let wrong_clock = if taken_back(previous) {
                    hops[i - 1].by.host.as_deref()
                } else if taken_back(next) {
                    hops[i].by.host.as_deref()
                } else {
                    None
                };
                Some(negative_delay(
                    delay,
                    wrong_clock.map(|h| h.to_string()),
                    taken_back(previous) || taken_back(next),
                ))
            } else if delay > LONG_DELAY_SECONDS && !taken_back(previous) && !taken_back(next) {
                Some(Finding::new(
                    FindingCode::LongDelay,
                    format!(
                        "The message waited {} before this hop (a queue, retries or greylisting).",
                        human_duration(delay)
                    ),
                ))
            } else {
                None
            }
        })
        .collect()
}

/// Skews up to this are clocks that differ slightly, not a problem.
const CLOCK_SKEW_SECONDS: i64 = 300;

/// Whether two neighbouring delays cancel out (within the clock-skew
/// margin): one server between them has a wrong clock, and the time the
/// message spent there is not a queue.
fn cancels(a: i64, b: i64) -> bool {
    a.abs() > CLOCK_SKEW_SECONDS && (a + b).abs() <= CLOCK_SKEW_SECONDS
}

/// The finding for a hop dated before the hop below it. `wrong_clock` is
/// the server whose clock a neighbouring delay shows to be off.
fn negative_delay(delay: i64, wrong_clock: Option<String>, cancelled: bool) -> Finding {
    let gap = human_duration(-delay);
    if -delay <= CLOCK_SKEW_SECONDS {
        return Finding::new(
            FindingCode::ClockSkew,
            format!(
                "This hop is dated {gap} before the hop below it: the two servers' clocks differ slightly."
            ),
        );
    }
    let message = if cancelled {
        let host = wrong_clock.unwrap_or_else(|| "one server".to_string());
        format!(
            "This hop is dated {gap} before the hop below it, and a neighbouring hop gains that time back: the clock or time zone of {host} is off by about {gap}."
        )
    } else if whole_hours(-delay) {
        format!(
            "This hop is dated {gap} before the hop below it, a whole number of hours: one of the two servers wrote its time in the wrong time zone."
        )
    } else {
        format!(
            "This hop is dated {gap} before the hop below it: one of the two servers' clocks is wrong, or (below the trustworthy hop) a header is forged."
        )
    };
    Finding::new(FindingCode::NegativeDelay, message)
}

/// Within the clock-skew margin of a whole number of hours (a zone error).
fn whole_hours(seconds: i64) -> bool {
    let rest = seconds % 3600;
    seconds >= 3600 - CLOCK_SKEW_SECONDS
        && (rest <= CLOCK_SKEW_SECONDS || rest >= 3600 - CLOCK_SKEW_SECONDS)
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
        // Only two hand-offs must link: a filter, a local step or a
        // retrieval is not a connection from the host below, and a
        // placeholder client (`unknown`, `source`) names nobody.
        let comparable = hops[i].kind.is_hand_off()
            && hops[i - 1].kind.is_hand_off()
            && !names_placeholder(&hops[i]);
        if comparable && links_to(&hops[i], &hops[i - 1]) == Some(false) {
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

/// A client name that is a placeholder, not a host: Postini's `source`,
/// `unknown`, `localhost`.
fn names_placeholder(hop: &Hop) -> bool {
    let placeholder =
        |n: &str| matches!(n, "source" | "unknown" | "localhost") || n.starts_with("localhost.");
    let names: Vec<&str> = [hop.from.helo.as_deref(), hop.from.rdns.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    !names.is_empty() && names.iter().all(|n| placeholder(n))
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
