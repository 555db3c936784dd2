//! Where the message stopped.
//!
//! A message that the user holds, with Received headers, was delivered to
//! the mailbox it was taken from. A bounce (a delivery status
//! notification, RFC 3464 / RFC 6533, or the plain-text notices of Postfix,
//! Exim, Sendmail, qmail, Exchange, Gmail, Yahoo, Courier, Domino...) says
//! instead where another message stopped: who reported it, which server
//! refused it, the reply code and enhanced status with their meaning, the
//! SMTP stage, the server's words, a classified [`Reason`] and advice.
//!
//! The machine-readable part ([`dsn`]) is preferred; the human text
//! ([`text_bounce`]) fills what it lacks (stage, remote IP) and stands alone
//! when there is no such part. [`codes`] holds the reply code and enhanced
//! status tables, [`reason`] the classification table.
//!
//! The full MIME parse runs only when the headers say the message may be a
//! bounce (a `multipart/report` delivery status, a mailer-daemon sender, a
//! bounce-like subject or `X-Failed-Recipients`), so ordinary messages stay
//! as fast as a header parse. Auto-replies and read receipts are not bounces.

pub mod dsn;
pub mod outcome;
pub mod parts;
pub mod reason;
pub mod reply;
pub mod text_bounce;

use std::collections::HashMap;

pub use outcome::Outcome;
pub use parts::ReturnedSource;

use crate::message::{self, ParsedMessage};
use crate::model::{Action, RecipientStatus, Stop, StopKind};
use crate::normalise;
use crate::smtp_codes::{EnhancedStatus, ReplyCode};
use crate::{host, mailbox};

/// The returned message inside a bounce, whose hops tell how far it got.
#[derive(Debug, Clone)]
pub struct Returned {
    pub headers: ParsedMessage,
    pub source: ReturnedSource,
}

/// A bounce, read.
#[derive(Debug, Clone)]
pub struct Bounce {
    pub stop: Stop,
    pub returned: Option<Returned>,
    /// Neither a status, a reply code nor the server's words could be found.
    pub unreadable: bool,
    /// Recipients beyond the cap, counted but not listed.
    pub recipients_dropped: usize,
    /// The bounce nests more messages than [`parts::MAX_NESTED_MESSAGES`] and was not parsed.
    pub too_nested: bool,
}

/// Why the headers suggest a bounce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    /// `multipart/report; report-type=delivery-status` (or global).
    Report,
    /// A mailer-daemon sender, a bounce subject or `X-Failed-Recipients`.
    Likely,
}

const DAEMON_SENDERS: &[&str] = &[
    "mailer-daemon",
    "postmaster@",
    "mail delivery",
    "microsoftexchange",
    "mail administrator",
    "courier mail server",
];

const BOUNCE_SUBJECTS: &[&str] = &[
    "undeliver",
    "undelivered",
    "delivery status notification",
    "mail delivery status",
    "bounce notification",
    "delivery failure",
    "delivery failed",
    "delivery has failed",
    "failure notice",
    "returned mail",
    "returned to sender",
    "could not be delivered",
    "not delivered",
    "delayed mail",
    "delivery delayed",
    "warning: message",
    "unzustellbar",
    "non remis",
    "no se puede entregar",
    "no entregado",
    "onbestelbaar",
    "non recapitabile",
];

const AUTO_REPLY_SUBJECTS: &[&str] = &[
    "out of office",
    "out of the office",
    "automatic reply",
    "auto:",
    "autoreply",
    "auto-reply",
    "auto reply",
    "abwesenheit",
    "réponse automatique",
    "respuesta automática",
    "vacation",
];

fn hint(p: &ParsedMessage) -> Option<Hint> {
    let content_type = p.content_type.as_deref().unwrap_or("").to_ascii_lowercase();
    if content_type.starts_with("multipart/report") {
        // Read receipts (disposition-notification) and other reports are not bounces.
        return if content_type.contains("delivery-status") {
            Some(Hint::Report)
        } else if content_type.contains("report-type") {
            None
        } else {
            Some(Hint::Likely)
        };
    }
    let subject = p.summary.subject.as_deref().unwrap_or("").to_lowercase();
    if AUTO_REPLY_SUBJECTS.iter().any(|s| subject.starts_with(s)) {
        return None;
    }
    let from = p.summary.from.as_deref().unwrap_or("").to_lowercase();
    let likely = DAEMON_SENDERS.iter().any(|s| from.contains(s))
        || BOUNCE_SUBJECTS.iter().any(|s| subject.contains(s))
        || p.failed_recipients.is_some();
    likely.then_some(Hint::Likely)
}

/// Reads a message as a bounce. `None` when it is not one (an ordinary
/// message, an auto-reply, a read receipt), and then nothing beyond the
/// headers was parsed.
pub fn read_bounce(bytes: &[u8], parsed: &ParsedMessage) -> Option<Bounce> {
    let hint = hint(parsed)?;
    let parts = parts::split(bytes);
    let too_nested = parts.too_nested;
    let dsn = parts.delivery_status.as_deref().map(dsn::parse);
    let known: Vec<String> = parsed
        .failed_recipients
        .as_deref()
        .map(|v| {
            v.split(',')
                .map(|a| {
                    a.trim()
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                })
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let sender: Vec<String> = mailbox::addresses_in(parsed.summary.to.as_deref().unwrap_or(""))
        .map(str::to_string)
        .collect();
    let text = text_bounce::read(
        &parts.human_text,
        parsed.summary.subject.as_deref(),
        &known,
        &sender,
    );
    let dsn_recipients = dsn.as_ref().map_or(0, |d| d.recipients.len());
    // A bounce in a layout the reader does not know (another language)
    // still counts when its sender or subject says bounce and its text
    // quotes a refusal (a reply code or status).
    let refusal_quoted = text.outcomes.iter().any(Outcome::has_details);
    if dsn_recipients == 0
        && text.family.is_none()
        && !refusal_quoted
        && hint != Hint::Report
        && !too_nested
    {
        return None;
    }

    let mut outcomes = merge(dsn.as_ref(), &text);
    let default_action = if text.delayed {
        Action::Delayed
    } else {
        Action::Failed
    };
    for o in &mut outcomes {
        if o.stage.is_none() {
            o.stage = o.diagnostic.as_deref().and_then(text_bounce::stage_of);
        }
        if o.action.is_none() {
            o.action = Some(match o.status.map(|s| s.class) {
                Some(2) => Action::Delivered,
                Some(4) if dsn_recipients > 0 => Action::Delayed,
                _ => default_action,
            });
        }
    }
    let reporting_mta = dsn
        .as_ref()
        .and_then(|d| d.reporting_mta.clone())
        .or(text.reporting_mta.clone())
        .or_else(|| daemon_host(parsed.summary.from.as_deref()));
    let returned = match parts.returned {
        // Exchange NDRs sometimes return the headers with their folding
        // lost: repaired as pasted text is (a clean block is untouched).
        Some((raw, source)) => message::parse(&normalise::normalise(&raw).bytes)
            .map(|headers| Returned { headers, source }),
        None => text.quoted_headers.as_deref().and_then(|block| {
            let cleaned = normalise::normalise(block.as_bytes());
            message::parse(&cleaned.bytes).map(|headers| Returned {
                headers,
                source: ReturnedSource::QuotedText,
            })
        }),
    };
    let recipients_dropped = dsn.as_ref().map_or(0, |d| d.recipients_dropped);
    let (stop, unreadable) = build_stop(outcomes, reporting_mta);
    Some(Bounce {
        stop,
        returned,
        unreadable,
        recipients_dropped,
        too_nested,
    })
}

/// The outcomes of a bounce: one per DSN recipient, completed from the
/// text's account of the same recipient; or the text's alone.
fn merge(dsn: Option<&dsn::DsnReport>, text: &text_bounce::TextReport) -> Vec<Outcome> {
    let Some(dsn) = dsn.filter(|d| !d.recipients.is_empty()) else {
        return text.outcomes.clone();
    };
    let by_address: HashMap<String, &Outcome> = text
        .outcomes
        .iter()
        .filter_map(|o| Some((o.recipient.as_deref()?.to_lowercase(), o)))
        .collect();
    let single = dsn.recipients.len() == 1 && text.outcomes.len() == 1;
    dsn.recipients
        .iter()
        .map(|r| {
            let mut o = r.to_outcome();
            let matched = r
                .final_recipient
                .iter()
                .chain(r.original_recipient.iter())
                .find_map(|a| by_address.get(&a.to_lowercase()).copied())
                .or_else(|| single.then(|| &text.outcomes[0]));
            if let Some(t) = matched {
                o.fill_from(t);
            }
            o
        })
        .collect()
}

/// Classifies each outcome and sums them up: the first failure (else the
/// first delay, else the first recipient) gives the top-level fields.
fn build_stop(mut outcomes: Vec<Outcome>, reporting_mta: Option<String>) -> (Stop, bool) {
    if outcomes.is_empty() {
        outcomes.push(Outcome {
            action: Some(Action::Failed),
            ..Outcome::default()
        });
    }
    let classified: Vec<reason::Classified> = outcomes
        .iter()
        .map(|o| {
            let text = o.evidence_text();
            reason::classify(&reason::Evidence {
                action: o.action,
                status: o.status,
                reply_code: o.reply_code,
                text: &text,
            })
        })
        .collect();
    let position = |a: Action| outcomes.iter().position(|o| o.action == Some(a));
    let (kind, primary) = match (position(Action::Failed), position(Action::Delayed)) {
        (Some(i), _) => (StopKind::Bounced, i),
        (None, Some(i)) => (StopKind::Delayed, i),
        (None, None) => (StopKind::Delivered, 0),
    };
    let p = &outcomes[primary];
    let c = classified[primary];
    let unreadable = !p.has_details() && kind != StopKind::Delivered;
    let stop = Stop {
        kind,
        reporting_mta,
        remote_mta: p
            .remote_mta
            .clone()
            .or_else(|| p.remote_ip.map(|ip| ip.to_string())),
        remote_ip: p.remote_ip,
        reply_code: p.reply_code,
        status: p.status,
        status_meaning: p.status.map(EnhancedStatus::meaning),
        smtp_stage: p.stage,
        diagnostic: p.diagnostic.clone(),
        reason: Some(c.reason),
        advice: Some(c.advice.to_string()),
        recipients: outcomes
            .iter()
            .zip(&classified)
            .filter(|(o, _)| o.recipient.is_some() || o.has_details())
            .map(|(o, c)| RecipientStatus {
                address: o.recipient.clone(),
                action: o.action,
                status: o.status,
                reply_code: o.reply_code,
                reason: Some(c.reason),
                diagnostic: o.diagnostic.clone(),
                remote_mta: o
                    .remote_mta
                    .clone()
                    .or_else(|| o.remote_ip.map(|ip| ip.to_string())),
            })
            .collect(),
        reply_meaning: p.reply_code.map(ReplyCode::meaning),
        will_retry_until: p.will_retry_until.clone(),
    };
    (stop, unreadable)
}

/// `mail.example.org` from `Mail Delivery System <MAILER-DAEMON@mail.example.org>`.
fn daemon_host(from: Option<&str>) -> Option<String> {
    mailbox::addresses_in(from?)
        .filter(|a| mailbox::is_daemon(a))
        .find_map(|a| host::clean(a.rsplit_once('@')?.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daemon_host_is_the_notice_writer_s_domain() {
        assert_eq!(
            daemon_host(Some(
                "Mail Delivery System <MAILER-DAEMON@Mail.Example.org>"
            )),
            Some("mail.example.org".into())
        );
        assert_eq!(daemon_host(Some("Alice <alice@example.org>")), None);
    }

    fn parsed(headers: &str) -> ParsedMessage {
        message::parse(headers.as_bytes()).unwrap()
    }

    #[test]
    fn ordinary_messages_auto_replies_and_receipts_are_no_bounce_hint() {
        assert_eq!(
            hint(&parsed("From: alice@example.org\nSubject: Lunch\n\nhi\n")),
            None
        );
        assert_eq!(
            hint(&parsed(
                "From: MAILER-DAEMON@example.org\nSubject: Automatic reply: Lunch\n\nhi\n"
            )),
            None
        );
        assert_eq!(
            hint(&parsed(
                "From: bob@example.net\nContent-Type: multipart/report; report-type=disposition-notification; boundary=x\n\n"
            )),
            None
        );
        assert_eq!(
            hint(&parsed(
                "From: x@example.net\nContent-Type: multipart/report; report-type=\"delivery-status\"; boundary=x\n\n"
            )),
            Some(Hint::Report)
        );
        assert_eq!(
            hint(&parsed(
                "From: Mail Delivery System <MAILER-DAEMON@example.org>\nSubject: x\n\n"
            )),
            Some(Hint::Likely)
        );
        assert_eq!(
            hint(&parsed(
                "From: a@example.org\nX-Failed-Recipients: bob@example.net\n\n"
            )),
            Some(Hint::Likely)
        );
        assert_eq!(
            hint(&parsed(
                "From: a@example.org\nSubject: Unzustellbar: Mittagessen\n\n"
            )),
            Some(Hint::Likely)
        );
    }
}
