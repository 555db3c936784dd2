//! Where the message stopped: the `stop` object of the JSON contract, and
//! the words it is made of (kind, SMTP stage, DSN action, reason).

use std::net::IpAddr;

use serde::{Serialize, Serializer};

use super::auth::Disposition;
use crate::smtp_codes::{EnhancedStatus, ReplyCode};

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

/// Declares the reasons in one table: the variant, its JSON name (the
/// JSON vocabulary) and a few words for sentences.
macro_rules! reasons {
    ($($variant:ident = $name:literal, $label:literal;)*) => {
        /// The classified reason, serialised as the JSON vocabulary.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum Reason {
            $(#[serde(rename = $name)] $variant,)*
        }

        impl Reason {
            /// Every reason, in vocabulary order.
            pub const ALL: &[Reason] = &[$(Reason::$variant,)*];

            /// The JSON name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Reason::$variant => $name,)*
                }
            }

            /// A few words for sentences: "unknown user".
            pub fn label(self) -> &'static str {
                match self {
                    $(Reason::$variant => $label,)*
                }
            }
        }
    };
}

reasons! {
    UnknownUser = "unknown-user", "unknown user";
    MailboxFull = "mailbox-full", "mailbox full";
    MailboxDisabled = "mailbox-disabled", "mailbox disabled";
    DomainNotFound = "domain-not-found", "domain not found";
    HostUnreachable = "host-unreachable", "host unreachable";
    Greylisted = "greylisted", "greylisted";
    RelayDenied = "relay-denied", "relay denied";
    Blocklisted = "blocklisted", "blocklisted";
    RdnsOrHelo = "rdns-or-helo", "reverse DNS or HELO policy";
    SenderRejected = "sender-rejected", "sender rejected";
    ContentRejected = "content-rejected", "content rejected";
    MessageTooLarge = "message-too-large", "message too large";
    RateLimited = "rate-limited", "rate limited";
    Expired = "expired", "gave up retrying";
    Policy = "policy", "refused by policy";
    SystemError = "system-error", "receiving system error";
    Loop = "loop", "mail loop";
    Delivered = "delivered", "delivered";
    Other = "other", "unclassified";
}

/// What a delivery report says about one recipient: an entry of
/// `stop.recipients[]`, and (as [`Stop::primary`]) the top-level fields of
/// `stop`. The stop stage builds one per recipient from each account the
/// report gives (its delivery-status part, its text) and merges them. The
/// fields after `remote_mta` are not in `recipients[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// `Final-Recipient`, else `Original-Recipient`, or the address the text lists.
    pub address: Option<String>,
    pub action: Option<Action>,
    pub status: Option<EnhancedStatus>,
    pub reply_code: Option<ReplyCode>,
    /// The classified reason, once the stage has classified the recipient.
    pub reason: Option<Reason>,
    /// The remote server's words (or the reporting MTA's, when it never connected).
    pub diagnostic: Option<String>,
    /// The host that refused (or deferred, or took) the message. While the
    /// stage reads the report this is its name only; the finished report
    /// gives its IP here when no name is known.
    pub remote_mta: Option<String>,
    /// That host's IP, when the report gives it.
    #[serde(skip)]
    pub remote_ip: Option<IpAddr>,
    #[serde(skip)]
    pub smtp_stage: Option<SmtpStage>,
    /// Until when the reporting MTA keeps trying (delays).
    #[serde(skip)]
    pub will_retry_until: Option<String>,
    /// `Original-Recipient` beside a `Final-Recipient`: another address
    /// the text may list the recipient under. Read only to merge the
    /// accounts: empty in a finished report.
    #[serde(skip)]
    pub original_address: Option<String>,
    /// The notice's own explanation. Read only to classify: empty in a
    /// finished report.
    #[serde(skip)]
    pub explanation: Option<String>,
}

impl Recipient {
    /// Whether anything beyond the address is known.
    pub fn has_details(&self) -> bool {
        self.status.is_some()
            || self.reply_code.is_some()
            || self.diagnostic.is_some()
            || self.smtp_stage.is_some()
            || self.remote_mta.is_some()
            || self.remote_ip.is_some()
    }
}

/// Where the message stopped: the `stop` object of the JSON contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub kind: StopKind,
    pub reporting_mta: Option<String>,
    /// The recipient the top-level fields describe: the first that failed,
    /// else the first delayed, else the first. Empty for a plain message.
    pub primary: Recipient,
    /// What to do, for the primary recipient's reason.
    pub advice: Option<String>,
    pub recipients: Vec<Recipient>,
    /// For a delivered message, where the receiving side's filter put it
    /// (inbox, junk, quarantine), when a header on its side says so.
    pub folder: Option<Disposition>,
}

const ADVICE_JUNK: &str = "Look in the Junk folder and mark the message as not junk (that teaches the filter); if the sender's mail keeps landing there, its administrator must fix what the filter and the authentication results below point at (SPF, DKIM, DMARC, a bad reputation).";
const ADVICE_QUARANTINE: &str = "The message is held in quarantine: an administrator can review and release it (Microsoft 365: the Defender portal's quarantine); ask them if it was expected, and do not release a phishing message.";
const ADVICE_REJECTED: &str = "The receiving side's filter would have refused this copy: check why in its verdict below before trusting the message.";

impl Serialize for Stop {
    /// The contract's object: the primary recipient's fields at the top
    /// level, with the status's meaning, in the documented order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            kind: StopKind,
            reporting_mta: &'a Option<String>,
            remote_mta: &'a Option<String>,
            remote_ip: Option<IpAddr>,
            reply_code: Option<ReplyCode>,
            status: Option<EnhancedStatus>,
            status_meaning: Option<String>,
            smtp_stage: Option<SmtpStage>,
            diagnostic: &'a Option<String>,
            reason: Option<Reason>,
            advice: &'a Option<String>,
            recipients: &'a [Recipient],
            folder: Option<Disposition>,
        }
        let p = &self.primary;
        Json {
            kind: self.kind,
            reporting_mta: &self.reporting_mta,
            remote_mta: &p.remote_mta,
            remote_ip: p.remote_ip,
            reply_code: p.reply_code,
            status: p.status,
            status_meaning: self.status_meaning(),
            smtp_stage: p.smtp_stage,
            diagnostic: &p.diagnostic,
            reason: p.reason,
            advice: &self.advice,
            recipients: &self.recipients,
            folder: self.folder,
        }
        .serialize(serializer)
    }
}

impl Stop {
    pub fn of_kind(kind: StopKind) -> Stop {
        Stop {
            kind,
            reporting_mta: None,
            primary: Recipient::default(),
            advice: None,
            recipients: Vec::new(),
            folder: None,
        }
    }

    /// The stop of a message that is not a bounce: delivered when it passed
    /// through at least one server, unknown otherwise (a draft); with the
    /// folder the receiving side's filter chose, and advice when that is
    /// not the inbox.
    pub fn for_message(hop_count: usize, disposition: Disposition) -> Stop {
        if hop_count == 0 {
            return Stop::of_kind(StopKind::Unknown);
        }
        let mut stop = Stop::of_kind(StopKind::Delivered);
        stop.folder = (disposition != Disposition::Unknown).then_some(disposition);
        stop.advice = match disposition {
            Disposition::Junk => Some(ADVICE_JUNK.to_string()),
            Disposition::Quarantine => Some(ADVICE_QUARANTINE.to_string()),
            Disposition::Rejected => Some(ADVICE_REJECTED.to_string()),
            Disposition::Inbox | Disposition::Unknown => None,
        };
        stop
    }

    /// Whether this stop was read from a delivery report (a bounce, a delay
    /// notice or a success DSN) rather than assumed for a plain message.
    pub fn is_report(&self) -> bool {
        self.primary.reason.is_some()
    }

    /// The enhanced status's meaning, from the registry.
    pub fn status_meaning(&self) -> Option<String> {
        self.primary.status.map(EnhancedStatus::meaning)
    }

    /// The reply code's meaning (RFC 5321).
    pub fn reply_meaning(&self) -> Option<String> {
        self.primary.reply_code.map(ReplyCode::meaning)
    }

    /// The refusing host as `name [ip]`, `name`, or `ip`.
    pub fn remote_display(&self) -> Option<String> {
        match (&self.primary.remote_mta, self.primary.remote_ip) {
            (Some(name), Some(ip)) if *name != ip.to_string() => Some(format!("{name} [{ip}]")),
            (Some(name), _) => Some(name.clone()),
            (None, Some(ip)) => Some(ip.to_string()),
            (None, None) => None,
        }
    }
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
        let text = serde_json::to_string(&Stop::for_message(2, Disposition::Unknown)).unwrap();
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
                "recipients",
                "folder"
            ]
        );
        assert_eq!(v["kind"], "delivered");
        assert_eq!(v["reason"], serde_json::Value::Null);
        assert_eq!(
            serde_json::to_value(Stop::for_message(0, Disposition::Unknown)).unwrap()["kind"],
            "unknown"
        );
    }
}
