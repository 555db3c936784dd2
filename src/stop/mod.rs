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

pub mod codes;
pub mod dsn;
pub mod parts;
pub mod reason;
pub mod reply;
pub mod text_bounce;

use std::collections::HashMap;
use std::net::IpAddr;

use serde::Serialize;

pub use codes::{EnhancedStatus, ReplyCode};
pub use parts::ReturnedSource;
pub use reason::Reason;

use crate::message::{self, ParsedMessage};
use crate::normalise;

/// What happened to the message, as far as the input tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StopKind {
    Delivered,
    Bounced,
    Delayed,
    Unknown,
}

impl StopKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StopKind::Delivered => "delivered",
            StopKind::Bounced => "bounced",
            StopKind::Delayed => "delayed",
            StopKind::Unknown => "unknown",
        }
    }
}

/// The point of the SMTP conversation where the server answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SmtpStage {
    /// The greeting, or the connection itself.
    Connect,
    /// HELO / EHLO (and STARTTLS).
    Helo,
    /// MAIL FROM.
    Mail,
    /// RCPT TO.
    Rcpt,
    /// The DATA command.
    Data,
    /// After the message was sent (the final `.`).
    EndOfData,
}

impl SmtpStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpStage::Connect => "connect",
            SmtpStage::Helo => "helo",
            SmtpStage::Mail => "mail",
            SmtpStage::Rcpt => "rcpt",
            SmtpStage::Data => "data",
            SmtpStage::EndOfData => "end-of-data",
        }
    }

    /// "after RCPT TO", for sentences.
    pub fn describe(self) -> &'static str {
        match self {
            SmtpStage::Connect => "at connection",
            SmtpStage::Helo => "after HELO/EHLO",
            SmtpStage::Mail => "after MAIL FROM",
            SmtpStage::Rcpt => "after RCPT TO",
            SmtpStage::Data => "after DATA",
            SmtpStage::EndOfData => "at the end of DATA",
        }
    }
}

/// What the reporting MTA did for one recipient (RFC 3464 §2.3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Failed,
    Delayed,
    Delivered,
    Relayed,
    Expanded,
}

impl Action {
    /// The first word of an Action value, any case: `failed (bad)` → failed.
    pub fn parse(value: &str) -> Option<Action> {
        let word = value
            .trim_start()
            .split(|c: char| c.is_whitespace() || c == '(' || c == ';')
            .next()?
            .to_ascii_lowercase();
        Some(match word.as_str() {
            "failed" | "failure" => Action::Failed,
            "delayed" => Action::Delayed,
            "delivered" => Action::Delivered,
            "relayed" => Action::Relayed,
            "expanded" => Action::Expanded,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Failed => "failed",
            Action::Delayed => "delayed",
            Action::Delivered => "delivered",
            Action::Relayed => "relayed",
            Action::Expanded => "expanded",
        }
    }

    /// Delivered, relayed or expanded: no failure to report.
    pub fn is_success(self) -> bool {
        matches!(self, Action::Delivered | Action::Relayed | Action::Expanded)
    }
}

/// What a bounce says about one recipient, before classification; filled
/// from the delivery-status part and the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub recipient: Option<String>,
    pub action: Option<Action>,
    pub status: Option<EnhancedStatus>,
    pub reply_code: Option<ReplyCode>,
    pub remote_mta: Option<String>,
    pub remote_ip: Option<IpAddr>,
    pub stage: Option<SmtpStage>,
    /// The remote server's words (or the reporting MTA's, when it never connected).
    pub diagnostic: Option<String>,
    /// The bounce's own explanation, used for classification only.
    pub explanation: Option<String>,
    pub will_retry_until: Option<String>,
    pub last_attempt: Option<String>,
}

impl Outcome {
    /// Whether anything beyond the address is known.
    pub fn has_details(&self) -> bool {
        self.status.is_some()
            || self.reply_code.is_some()
            || self.diagnostic.is_some()
            || self.stage.is_some()
            || self.remote_mta.is_some()
            || self.remote_ip.is_some()
    }

    /// Fills what this outcome lacks from another account of the same
    /// recipient. A remote IP is taken only when it belongs to the same host.
    pub fn fill_from(&mut self, other: &Outcome) {
        fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        fill(&mut self.recipient, &other.recipient);
        fill(&mut self.action, &other.action);
        match (self.status, other.status) {
            // A generic `X.0.0` gives way to the other account's specific
            // status of the same class (OpenSMTPD's report says 5.0.0, its
            // notice quotes the server's 5.1.1).
            (Some(mine), Some(theirs))
                if mine.is_generic() && !theirs.is_generic() && theirs.class == mine.class =>
            {
                self.status = Some(theirs);
            }
            _ => fill(&mut self.status, &other.status),
        }
        fill(&mut self.reply_code, &other.reply_code);
        fill(&mut self.stage, &other.stage);
        fill(&mut self.diagnostic, &other.diagnostic);
        fill(&mut self.explanation, &other.explanation);
        fill(&mut self.will_retry_until, &other.will_retry_until);
        fill(&mut self.last_attempt, &other.last_attempt);
        match (&self.remote_mta, self.remote_ip) {
            (None, None) => {
                self.remote_mta.clone_from(&other.remote_mta);
                self.remote_ip = other.remote_ip;
            }
            (Some(name), None) if other.remote_mta.as_ref() == Some(name) => {
                self.remote_ip = other.remote_ip;
            }
            (None, Some(ip)) if other.remote_ip == Some(ip) => {
                self.remote_mta.clone_from(&other.remote_mta);
            }
            _ => {}
        }
    }

    /// The text the classification reads: the server's words and the bounce's explanation.
    fn evidence_text(&self) -> String {
        [self.diagnostic.as_deref(), self.explanation.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One recipient's outcome in a bounce (`stop.recipients[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipientStatus {
    pub address: Option<String>,
    pub action: Option<Action>,
    pub status: Option<EnhancedStatus>,
    pub reply_code: Option<ReplyCode>,
    pub reason: Option<Reason>,
    pub diagnostic: Option<String>,
    pub remote_mta: Option<String>,
}

/// The `stop` object of the JSON contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stop {
    pub kind: StopKind,
    pub reporting_mta: Option<String>,
    /// The host that refused: its name, or its IP when no name is known.
    pub remote_mta: Option<String>,
    /// The refusing host's IP when known (an addition to the DESIGN contract).
    pub remote_ip: Option<IpAddr>,
    pub reply_code: Option<ReplyCode>,
    pub status: Option<EnhancedStatus>,
    pub status_meaning: Option<String>,
    pub smtp_stage: Option<SmtpStage>,
    pub diagnostic: Option<String>,
    pub reason: Option<Reason>,
    pub advice: Option<String>,
    pub recipients: Vec<RecipientStatus>,
    /// The reply code's meaning (RFC 5321), for the table.
    #[serde(skip)]
    pub reply_meaning: Option<String>,
    /// Until when the reporting MTA keeps trying (delays).
    #[serde(skip)]
    pub will_retry_until: Option<String>,
}

impl Stop {
    fn of_kind(kind: StopKind) -> Stop {
        Stop {
            kind,
            reporting_mta: None,
            remote_mta: None,
            remote_ip: None,
            reply_code: None,
            status: None,
            status_meaning: None,
            smtp_stage: None,
            diagnostic: None,
            reason: None,
            advice: None,
            recipients: Vec::new(),
            reply_meaning: None,
            will_retry_until: None,
        }
    }

    /// The stop of a message that is not a bounce: delivered when it passed
    /// through at least one server, unknown otherwise (a draft).
    pub fn for_message(hop_count: usize) -> Stop {
        let kind = if hop_count > 0 {
            StopKind::Delivered
        } else {
            StopKind::Unknown
        };
        Stop::of_kind(kind)
    }

    /// Whether this stop was read from a delivery report (a bounce, a delay
    /// notice or a success DSN) rather than assumed for a plain message.
    pub fn is_report(&self) -> bool {
        self.reason.is_some()
    }

    /// The refusing host as `name [ip]`, `name`, or `ip`.
    pub fn remote_display(&self) -> Option<String> {
        match (&self.remote_mta, self.remote_ip) {
            (Some(name), Some(ip)) if *name != ip.to_string() => Some(format!("{name} [{ip}]")),
            (Some(name), _) => Some(name.clone()),
            (None, Some(ip)) => Some(ip.to_string()),
            (None, None) => None,
        }
    }
}

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
    let sender = addresses(parsed.summary.to.as_deref().unwrap_or(""));
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
        Some((raw, source)) => message::parse(&raw).map(|headers| Returned { headers, source }),
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
    addresses(from?).into_iter().find_map(|a| {
        let (local, domain) = a.rsplit_once('@')?;
        let local = local.to_ascii_lowercase();
        (local == "mailer-daemon" || local == "postmaster")
            .then(|| clean_host(domain))
            .flatten()
    })
}

/// The e-mail addresses in a header value such as `Alice <alice@example.org>, bob@example.net`.
fn addresses(value: &str) -> Vec<String> {
    value
        .split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"' | '(' | ')'))
        .filter(|w| w.contains('@') && w.len() > 2)
        .map(str::to_string)
        .collect()
}

/// A host name as reports show it: lowercase, no trailing dot, no
/// brackets; `None` unless it is made of host-name characters.
pub(crate) fn clean_host(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '<' | '>' | '(' | ')' | '\'' | '"'))
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let valid = !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && !name.starts_with('.')
        && !name.contains("..");
    valid.then_some(name)
}

/// The first IP address in a piece of text: `[192.0.2.9]`, `192.0.2.9:25`,
/// `(192.0.2.9, ...)`, `[IPv6:2001:db8::9]`.
pub(crate) fn find_ip(text: &str) -> Option<IpAddr> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '[' | ']' | '(' | ')' | ',' | ';' | '<' | '>' | '=' | '"' | '\''
            )
    })
    .find_map(|token| {
        let token = token.trim_end_matches(['.', ':']);
        let token = match token.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("ipv6:") => &token[5..],
            _ => token,
        };
        token.parse::<IpAddr>().ok().or_else(|| {
            // `192.0.2.9:25`
            let (host, port) = token.rsplit_once(':')?;
            (host.contains('.') && port.bytes().all(|b| b.is_ascii_digit()))
                .then(|| host.parse().ok())
                .flatten()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_and_actions_serialise_to_the_contract() {
        let stages = [
            SmtpStage::Connect,
            SmtpStage::Helo,
            SmtpStage::Mail,
            SmtpStage::Rcpt,
            SmtpStage::Data,
            SmtpStage::EndOfData,
        ];
        for s in stages {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(
            serde_json::to_value(SmtpStage::EndOfData).unwrap(),
            "end-of-data"
        );
        for k in [
            StopKind::Delivered,
            StopKind::Bounced,
            StopKind::Delayed,
            StopKind::Unknown,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        assert_eq!(Action::parse("Failed (bad mailbox)"), Some(Action::Failed));
        assert_eq!(Action::parse("  relayed"), Some(Action::Relayed));
        assert_eq!(Action::parse("bogus"), None);
        assert_eq!(serde_json::to_value(Action::Expanded).unwrap(), "expanded");
    }

    #[test]
    fn a_plain_stop_has_every_key_null() {
        let text = serde_json::to_string(&Stop::for_message(2)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = text
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|k| v.get(k).is_some())
            .collect();
        assert_eq!(
            keys,
            [
                "kind",
                "reporting_mta",
                "remote_mta",
                "remote_ip",
                "reply_code",
                "status",
                "status_meaning",
                "smtp_stage",
                "diagnostic",
                "reason",
                "advice",
                "recipients"
            ]
        );
        assert_eq!(v["kind"], "delivered");
        assert_eq!(v["reason"], serde_json::Value::Null);
        assert_eq!(
            serde_json::to_value(Stop::for_message(0)).unwrap()["kind"],
            "unknown"
        );
    }

    #[test]
    fn ips_and_hosts_in_text() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(find_ip("mx.example.net[192.0.2.9]:25:"), ip("192.0.2.9"));
        assert_eq!(find_ip("192.0.2.9:25"), ip("192.0.2.9"));
        assert_eq!(find_ip("(192.0.2.9, the server)"), ip("192.0.2.9"));
        assert_eq!(find_ip("[IPv6:2001:db8::9]"), ip("2001:db8::9"));
        assert_eq!(find_ip("Giving up on 192.0.2.9."), ip("192.0.2.9"));
        assert_eq!(find_ip("at 10:15:02 version 4.96"), None);
        assert_eq!(clean_host("MX.Example.NET."), Some("mx.example.net".into()));
        assert_eq!(
            clean_host("[mx.example.net]"),
            Some("mx.example.net".into())
        );
        assert_eq!(clean_host("bad host"), None);
        assert_eq!(clean_host(".."), None);
        assert_eq!(
            daemon_host(Some(
                "Mail Delivery System <MAILER-DAEMON@Mail.Example.org>"
            )),
            Some("mail.example.org".into())
        );
        assert_eq!(daemon_host(Some("Alice <alice@example.org>")), None);
    }

    #[test]
    fn fill_takes_the_ip_only_for_the_same_host() {
        let mut dsn = Outcome {
            remote_mta: Some("mx.example.net".into()),
            ..Outcome::default()
        };
        let text = Outcome {
            remote_mta: Some("mx2.example.net".into()),
            remote_ip: "192.0.2.10".parse().ok(),
            stage: Some(SmtpStage::Rcpt),
            ..Outcome::default()
        };
        dsn.fill_from(&text);
        assert_eq!(dsn.remote_ip, None);
        assert_eq!(dsn.stage, Some(SmtpStage::Rcpt));
        let same = Outcome {
            remote_mta: Some("mx.example.net".into()),
            remote_ip: "192.0.2.9".parse().ok(),
            ..Outcome::default()
        };
        dsn.fill_from(&same);
        assert_eq!(dsn.remote_ip, "192.0.2.9".parse().ok());
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
