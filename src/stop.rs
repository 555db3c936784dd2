//! Where the message stopped.
//!
//! A message that the user holds, with Received headers, was delivered to
//! the mailbox it was taken from. Reading bounces (DSNs and plain-text
//! ones) to say where and why a message stopped fills the rest of this
//! model; until a bounce is recognised the bounce fields stay `null`.

use serde::Serialize;

/// What happened to the message, as far as the input tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StopKind {
    Delivered,
    Bounced,
    Delayed,
    Unknown,
}

/// One recipient's outcome in a bounce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipientStatus {
    pub address: String,
    pub action: Option<String>,
    pub status: Option<String>,
    pub reply_code: Option<u16>,
    pub reason: Option<String>,
    pub diagnostic: Option<String>,
    pub remote_mta: Option<String>,
}

/// The `stop` object of the JSON contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stop {
    pub kind: StopKind,
    pub reporting_mta: Option<String>,
    pub remote_mta: Option<String>,
    pub reply_code: Option<u16>,
    pub status: Option<String>,
    pub status_meaning: Option<String>,
    pub smtp_stage: Option<String>,
    pub diagnostic: Option<String>,
    pub reason: Option<String>,
    pub advice: Option<String>,
    pub recipients: Vec<RecipientStatus>,
}

impl Stop {
    fn of_kind(kind: StopKind) -> Stop {
        Stop {
            kind,
            reporting_mta: None,
            remote_mta: None,
            reply_code: None,
            status: None,
            status_meaning: None,
            smtp_stage: None,
            diagnostic: None,
            reason: None,
            advice: None,
            recipients: Vec::new(),
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
}
