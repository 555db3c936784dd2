//! trace-path: how an e-mail travelled and where it stopped.
//!
//! # The pipeline
//!
//! Data flows one way, and this is the order the stages run in (each a
//! module, each importing only the model, the helpers and earlier stages):
//!
//! ```text
//! input ─► normalise ─► message ─► chain ─► trust ─► auth ─► stop ─► dns ─► redact ─► verdict ─► render
//! bytes    cleaned      headers,   hops,    the one  SPF,    where   PTR,   tokens    one        table, text,
//!          paste        parts      delays,  trust-   DKIM,   it      FCrDNS, for      sentence   markdown, html,
//!                                  checks   worthy   DMARC,  stopped HELO,  --redact            json, jsonl
//!                                           hop      filter          MX
//! ```
//!
//! * [`input`] reads files, standard input, mboxes ([`mbox`]) and
//!   directories ([`sources`]); [`normalise`] repairs pasted text.
//! * [`message`] reads the headers (and a bounce's parts) with mail-parser.
//! * [`chain`] parses the Received headers into hops, with dates, delays
//!   and the checks that need no network.
//! * [`trust`] finds the single trustworthy hop.
//! * [`auth`] reads the authentication and filter headers, places each on
//!   the hop that wrote it and keeps only the receiving side's verdicts.
//! * [`stop`] reads a bounce: where and why the message stopped (for a
//!   delivered message, the filter's folder from `auth`). It runs before
//!   DNS because the MX check asks about the bounce's recipient.
//! * [`dns`] (optional, `--no-dns` turns it off) checks each hop's sender,
//!   the recipient domain's MX and, as they stand today, the message's
//!   SPF, DMARC record and DKIM signatures, on its own runtime.
//! * [`redact`] (`--redact`) replaces personal and internal values in the
//!   model with tokens.
//! * [`verdict`] writes the one-line verdict from the finished model, so
//!   it is built once, from redacted values, and never rewritten.
//! * [`render`] formats the report; renderers decide nothing.
//!
//! Every stage reads and fills the [`model`]; small helpers ([`text`],
//! [`words`], [`duration`], [`ip_kind`], [`smtp_codes`]) sit below it.
//! [`analyse`] runs the stages up to `stop`; [`conclude`] runs `redact`
//! and `verdict`; [`trace`] does both for one input, offline, and
//! [`batch::run`] runs the whole pipeline (DNS included) over many.

pub mod auth;
pub mod batch;
pub mod chain;
pub mod cli;
pub mod config;
pub mod dns;
pub mod duration;
pub mod exits;
pub mod host;
pub mod input;
pub mod ip_kind;
pub mod mailbox;
pub mod manual;
pub mod mbox;
pub mod message;
pub mod model;
pub mod normalise;
pub mod providers;
pub mod redact;
pub mod render;
pub mod smtp_codes;
pub mod sources;
pub mod stop;
pub mod summary;
pub mod text;
pub mod trust;
pub mod verdict;
pub mod words;

use chrono::{DateTime, Utc};

use chain::ChainContext;
use input::{Input, InputError};
use model::{Finding, FindingCode, InputInfo, Report, ReportOptions, Signed, Stop, TracedMessage};
use trust::TrustedRelays;

/// What changes a trace besides the input.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    /// The user's own relays, from `--trust` and the config file.
    pub trusted: TrustedRelays,
    /// The report's time: `SOURCE_DATE_EPOCH` or the clock.
    pub now: DateTime<Utc>,
    /// `--redact`: replace addresses, subject, message-id and internal
    /// names with stable tokens. Applied by [`conclude`], after every
    /// other stage (DNS included).
    pub redact: bool,
    /// Keep a DKIM-signed message's text on the report, for the DNS stage
    /// to verify its signatures against today's keys; set when DNS runs.
    /// Off, the text is not copied, and the report says the signatures
    /// were not checked.
    pub keep_signed: bool,
}

/// Traces one input, offline: every stage but DNS, verdict included.
pub fn trace(input: &Input, options: &TraceOptions) -> Result<Report, InputError> {
    let mut report = analyse(input, options)?;
    conclude(&mut report, options);
    Ok(report)
}

/// The last stages, after DNS: redaction when asked, then the verdict.
/// The signed text kept for DNS is let go first.
pub fn conclude(report: &mut Report, options: &TraceOptions) {
    if matches!(report.traced.signed, Signed::Bytes { .. }) {
        report.traced.signed = Signed::NotKept;
    }
    if options.redact {
        redact::redact(report, &options.trusted);
    }
    verdict::conclude(report);
}

/// The stages up to `stop`: the hops, their trust and where the message
/// stopped. The verdict is left empty: [`conclude`] writes it once the
/// DNS stage (if any) has run.
pub fn analyse(input: &Input, options: &TraceOptions) -> Result<Report, InputError> {
    let not_mail = |why: &str| InputError::NotMail {
        name: input.name.clone(),
        why: why.to_string(),
    };
    if input::looks_binary(&input.bytes) {
        return Err(not_mail("it looks like binary data"));
    }
    // A notice's visible text pasted without its headers is read as a
    // bounce with no headers of its own (and its text as it was pasted).
    let pasted_notice = stop::read_pasted_notice(&normalise::line_feeds(&input.bytes));
    let has_headers = pasted_notice.is_none();
    let (parsed, bounce, repaired, cleaned) = match pasted_notice {
        Some(bounce) => (message::ParsedMessage::default(), Some(bounce), None, None),
        None => {
            let cleaned = normalise::normalise(&input.bytes);
            if !cleaned
                .bytes
                .split(|&b| b == b'\n')
                .next()
                .is_some_and(normalise::is_header_line)
            {
                return Err(not_mail(
                    "no header lines (`Name: value`) found, and it is not the text of a delivery notice",
                ));
            }
            let parsed =
                message::parse(&cleaned.bytes).ok_or_else(|| not_mail("no header lines found"))?;
            let repaired = normalise::finding(&cleaned.repairs, input.is_stdin());
            let bounce = stop::read_bounce(&cleaned.bytes, &parsed);
            (parsed, bounce, repaired, Some(cleaned))
        }
    };

    // A bounce tells the story of the message it returns: its hops are the
    // returned message's. Without a copy of it, they are the bounce's own,
    // which show how the notice reached you.
    let traced = match &bounce {
        Some(b) => b.returned.as_ref().map_or(&parsed, |r| &r.headers),
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
    let records = chain::records::records(&traced.fields);
    let boundary = trust::apply(&mut hops, &options.trusted, &records);
    let trustworthy_hop = boundary.trustworthy;

    let mut findings = match &bounce {
        None => message_findings(&parsed, repaired.as_ref(), message_date.is_some()),
        Some(b) => bounce_findings(b, &parsed, repaired.as_ref(), message_date.is_some()),
    };
    if !has_headers {
        findings.push(Finding::new(
            FindingCode::NoticeWithoutHeaders,
            "The input has no header lines: it was read as the text of a delivery notice pasted without its headers, so who sent the notice and how it reached you are not known.",
        ));
    }
    findings.extend(boundary.findings);
    let (auth, auth_findings) = auth::apply(&traced.fields, &hops);
    findings.extend(auth_findings);

    let traced_message = TracedMessage {
        from: traced.summary.from.clone(),
        signed: signed(
            traced,
            bounce.is_some(),
            cleaned.as_ref(),
            options.keep_signed,
        ),
    };
    let total_transit_seconds = chain::total_transit_seconds(&hops);
    let stop = match bounce {
        Some(b) => b.stop,
        None => Stop::for_message(hops.len(), auth.filter.decision),
    };
    Ok(Report {
        schema_version: model::SCHEMA_VERSION,
        tool: model::Tool::default(),
        input: InputInfo::of(&input.name, input.position, &input.bytes),
        options: ReportOptions {
            trusted: options.trusted.0.iter().map(|r| r.to_string()).collect(),
            redacted: false,
        },
        message: parsed.summary,
        hops,
        trustworthy_hop,
        total_transit_seconds,
        stop,
        auth,
        findings,
        dns: None,
        verdict: String::new(),
        generated_at: options.now,
        traced: traced_message,
    })
}

/// Whether the traced message is DKIM-signed, and the text its signatures
/// are verified against: the input as read, repairs included (a paste
/// cannot be verified at all without them), shared with the DNS stage.
fn signed(
    traced: &message::ParsedMessage,
    bounce: bool,
    cleaned: Option<&normalise::Normalised<'_>>,
    keep: bool,
) -> Signed {
    let has_signature = traced
        .fields
        .iter()
        .any(|f| f.name.eq_ignore_ascii_case("DKIM-Signature"));
    match (has_signature, bounce, cleaned.filter(|_| keep)) {
        (false, _, _) => Signed::Unsigned,
        (true, true, _) => Signed::ReturnedCopy,
        (true, false, None) => Signed::NotKept,
        (true, false, Some(cleaned)) => Signed::Bytes {
            bytes: cleaned.bytes.as_ref().into(),
            repaired: cleaned.repairs.iter().any(|r| r.alters_message()),
        },
    }
}

/// The message-level findings of a bounce (`own` is the bounce's own
/// headers): where its hops come from, and the usual checks applied to
/// the message they are from.
fn bounce_findings(
    bounce: &stop::Bounce,
    own: &message::ParsedMessage,
    repaired: Option<&Finding>,
    date_ok: bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    match &bounce.returned {
        Some(returned) => {
            let own_hidden = if own.received.is_empty() {
                ""
            } else {
                "; the bounce's own Received headers are not shown"
            };
            findings.push(Finding::new(
                FindingCode::ReturnedMessage,
                format!(
                    "This is a bounce: the hops are those of the returned message (from {}), showing how far it got{own_hidden}.",
                    returned.source.describe()
                ),
            ));
            let mut rest = message_findings(&returned.headers, repaired, date_ok);
            for f in &mut rest {
                if f.code == FindingCode::BadMessageDate || f.code == FindingCode::NoReceived {
                    f.message = f.message.replacen("The message", "The returned message", 1);
                }
            }
            findings.extend(rest);
        }
        None => {
            findings.extend(message_findings(
                own,
                repaired,
                date_ok || own.received.is_empty(),
            ));
            findings.retain(|f| f.code != FindingCode::NoReceived);
            let message = if own.received.is_empty() {
                "This is a bounce without the returned message or its headers, so the path the message took cannot be shown."
            } else {
                "This is a bounce without the returned message or its headers, so the path the message took cannot be shown; the hops are the bounce's own Received headers, showing how the notice reached you."
            };
            findings.push(Finding::new(FindingCode::ReturnedMessageMissing, message));
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
    repaired: Option<&Finding>,
    date_ok: bool,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(repaired.cloned());
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
