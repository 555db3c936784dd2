//! One account of each recipient from the two a bounce gives, and the
//! [`Stop`] they sum up to.
//!
//! The delivery-status part ([`super::dsn`]) is preferred; the human text
//! ([`super::text`]) fills what it lacks (stage, remote IP) and
//! stands alone when there is no such part. Each recipient is then
//! classified ([`super::reason`]), and the first failure (else the first
//! delay, else the first recipient) gives the top-level fields.

use std::collections::HashMap;

use super::dsn::DsnReport;
use super::outcome::Outcome;
use super::reason;
use super::text::{self, TextReport};
use crate::model::{Action, RecipientStatus, Stop, StopKind};
use crate::smtp_codes::{EnhancedStatus, ReplyCode};

/// The outcomes of a bounce: one per DSN recipient, completed from the
/// text's account of the same recipient; or the text's alone.
pub fn merge(dsn: Option<&DsnReport>, text: &TextReport) -> Vec<Outcome> {
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

/// Fills what no account says: the stage from the server's words, and the
/// action from the status class, else from whether the text says delayed.
/// `from_dsn` when the outcomes come from a delivery-status part.
pub fn complete(outcomes: &mut [Outcome], delayed: bool, from_dsn: bool) {
    let default_action = if delayed {
        Action::Delayed
    } else {
        Action::Failed
    };
    for o in outcomes {
        if o.stage.is_none() {
            o.stage = o.diagnostic.as_deref().and_then(text::stage_of);
        }
        if o.action.is_none() {
            o.action = Some(match o.status.map(|s| s.class) {
                Some(2) => Action::Delivered,
                Some(4) if from_dsn => Action::Delayed,
                _ => default_action,
            });
        }
    }
}

/// Classifies each outcome and sums them up: the first failure (else the
/// first delay, else the first recipient) gives the top-level fields.
/// Also says whether the report is unreadable: a failure or delay with
/// no detail at all.
pub fn sum_up(mut outcomes: Vec<Outcome>, reporting_mta: Option<String>) -> (Stop, bool) {
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
