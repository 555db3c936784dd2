//! trace-path: how an e-mail travelled and where it stopped.
//!
//! The pipeline runs one way: [`input`] bytes are cleaned up by
//! [`normalise`], read by [`message`], turned into hops by [`chain`], marked
//! by [`trust`], summed up by [`stop`] into a [`report::Report`], and
//! formatted by [`render`]. [`trace`] runs it for one input, offline;
//! [`dns::check_report`] adds the DNS checks to a report, and
//! [`redact::redact_if_asked`] (`--redact`) comes last, before rendering.

pub mod address;
pub mod batch;
pub mod chain;
pub mod cli;
pub mod config;
pub mod dns;
pub mod exits;
pub mod finding;
pub mod input;
pub mod manual;
pub mod mbox;
pub mod message;
pub mod normalise;
pub mod redact;
pub mod render;
pub mod report;
pub mod sources;
pub mod stop;
pub mod summary;
pub mod text;
pub mod trust;
pub mod words;

use chrono::{DateTime, Utc};

use chain::ChainContext;
use finding::{Finding, FindingCode};
use input::{Input, InputError};
use report::{InputInfo, Report, ReportOptions};
use stop::Stop;
use trust::TrustedRelays;

/// What changes a trace besides the input.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    /// The user's own relays, from `--trust` and the config file.
    pub trusted: TrustedRelays,
    /// The report's time: `SOURCE_DATE_EPOCH` or the clock.
    pub now: DateTime<Utc>,
    /// `--redact`: replace addresses, subject, message-id and internal
    /// names with stable tokens. Applied by [`redact::redact_if_asked`]
    /// after every other stage (DNS included), not by [`trace`].
    pub redact: bool,
}

/// Traces one input: its hops, their trust, where it stopped, and a verdict.
pub fn trace(input: &Input, options: &TraceOptions) -> Result<Report, InputError> {
    let not_mail = |why: &str| InputError::NotMail {
        name: input.name.clone(),
        why: why.to_string(),
    };
    if input::looks_binary(&input.bytes) {
        return Err(not_mail("it looks like binary data"));
    }
    let cleaned = normalise::normalise(&input.bytes);
    if !cleaned
        .bytes
        .split(|&b| b == b'\n')
        .next()
        .is_some_and(normalise::is_header_line)
    {
        return Err(not_mail("no header lines (`Name: value`) found"));
    }
    let parsed = message::parse(&cleaned.bytes).ok_or_else(|| not_mail("no header lines found"))?;

    // A bounce tells the story of the message it returns: its hops are
    // the returned message's, not the bounce's own.
    let bounce = stop::read_bounce(&cleaned.bytes, &parsed);
    let empty = message::ParsedMessage::default();
    let traced = match &bounce {
        Some(b) => b.returned.as_ref().map_or(&empty, |r| &r.headers),
        None => &parsed,
    };

    let message_date = traced
        .summary
        .date
        .as_deref()
        .and_then(|d| chain::date::parse_date(d).ok());
    let ctx = ChainContext {
        message_date,
        now: options.now,
    };
    let mut hops = chain::build(&traced.received, &ctx);
    let (trustworthy_hop, trust_findings) = trust::apply(&mut hops, &options.trusted);

    let mut findings = match &bounce {
        None => message_findings(&parsed, &cleaned.repairs, message_date.is_some()),
        Some(b) => bounce_findings(b, &cleaned.repairs, message_date.is_some()),
    };
    findings.extend(trust_findings);

    let total_transit_seconds = chain::total_transit_seconds(&hops);
    let stop = match bounce {
        Some(b) => b.stop,
        None => Stop::for_message(hops.len()),
    };
    let trustworthy = trustworthy_hop.and_then(|n| hops.iter().find(|h| h.number == n));
    let verdict = report::verdict(&hops, trustworthy, total_transit_seconds, &stop);
    Ok(Report {
        schema_version: report::SCHEMA_VERSION,
        tool: report::Tool::default(),
        input: InputInfo::of(input),
        options: ReportOptions {
            trusted: options.trusted.0.iter().map(|r| r.to_string()).collect(),
            redacted: false,
        },
        message: parsed.summary,
        hops,
        trustworthy_hop,
        total_transit_seconds,
        stop,
        findings,
        dns: None,
        verdict,
        generated_at: options.now,
    })
}

/// The message-level findings of a bounce: where its hops come from, and
/// the usual checks applied to the returned message.
fn bounce_findings(
    bounce: &stop::Bounce,
    repairs: &[normalise::Repair],
    date_ok: bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    match &bounce.returned {
        Some(returned) => {
            findings.push(Finding::new(
                FindingCode::ReturnedMessage,
                format!(
                    "This is a bounce: the hops are those of the returned message (from {}), showing how far it got; the bounce's own Received headers are not shown.",
                    returned.source.describe()
                ),
            ));
            let mut rest = message_findings(&returned.headers, repairs, date_ok);
            for f in &mut rest {
                if f.code == FindingCode::BadMessageDate || f.code == FindingCode::NoReceived {
                    f.message = f.message.replacen("The message", "The returned message", 1);
                }
            }
            findings.extend(rest);
        }
        None => {
            findings.extend(message_findings(
                &message::ParsedMessage::default(),
                repairs,
                true,
            ));
            findings.retain(|f| f.code != FindingCode::NoReceived);
            findings.push(Finding::new(
                FindingCode::ReturnedMessageMissing,
                "This is a bounce without the returned message or its headers, so the path the message took cannot be shown.",
            ));
        }
    }
    if bounce.too_nested {
        findings.push(Finding::new(
            FindingCode::BounceUnreadable,
            format!(
                "This looks like a bounce, but it nests more than {} messages inside each other, so it was not read (a crafted message?).",
                stop::parts::MAX_NESTED_MESSAGES
            ),
        ));
    } else if bounce.unreadable {
        findings.push(Finding::new(
            FindingCode::BounceUnreadable,
            "This looks like a bounce, but no status, reply code or diagnostic could be read from it.",
        ));
    }
    if bounce.recipients_dropped > 0 {
        findings.push(Finding::new(
            FindingCode::TooManyRecipients,
            format!(
                "The bounce lists {} more recipients than the {} shown.",
                bounce.recipients_dropped,
                stop::dsn::MAX_RECIPIENTS
            ),
        ));
    }
    findings
}

fn message_findings(
    parsed: &message::ParsedMessage,
    repairs: &[normalise::Repair],
    date_ok: bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !repairs.is_empty() {
        let what: Vec<&str> = repairs.iter().map(|r| r.describe()).collect();
        findings.push(Finding::new(
            FindingCode::InputNormalised,
            format!(
                "The pasted text was cleaned up before reading: {}.",
                what.join("; ")
            ),
        ));
    }
    if parsed.received.is_empty() {
        findings.push(Finding::new(
            FindingCode::NoReceived,
            "The message has no Received header: it has not passed through a mail server.",
        ));
    }
    if parsed.received_total > parsed.received.len() {
        findings.push(Finding::new(
            FindingCode::TooManyReceived,
            format!(
                "The message has {} Received headers; only the newest {} were read (a mail loop or a crafted message).",
                parsed.received_total,
                parsed.received.len()
            ),
        ));
    }
    if !date_ok {
        let why = match &parsed.summary.date {
            Some(d) => format!("The Date: header \"{d}\" is not a valid date."),
            None => "The message has no Date: header.".to_string(),
        };
        findings.push(Finding::new(FindingCode::BadMessageDate, why));
    }
    findings
}
