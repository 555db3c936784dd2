//! One recipient's outcome as a bounce tells it, before classification:
//! what the delivery-status part and the human text each say, merged.

use std::net::IpAddr;

use crate::model::{Action, SmtpStage};
use crate::smtp_codes::{EnhancedStatus, ReplyCode};

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
    pub fn evidence_text(&self) -> String {
        [self.diagnostic.as_deref(), self.explanation.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
