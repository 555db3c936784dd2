//! One account of each recipient from the two a bounce gives, and the
//! [`Stop`] they sum up to.
//!
//! The delivery-status part ([`super::dsn`]) is preferred; the human text
//! ([`super::text`]) fills what it lacks (stage, remote IP) and stands
//! alone when there is no such part. Each recipient is then classified
//! ([`super::reason`]), and the first failure (else the first delay, else
//! the first recipient) gives the top-level fields.

use std::collections::HashMap;

use super::reason;
use super::text::stage::stage_of;
use crate::model::{Action, Recipient, Stop, StopKind};

/// The recipients of a bounce: one per DSN recipient, completed from the
/// text's account of the same recipient; or the text's alone.
pub fn merge(dsn: &[Recipient], text: &[Recipient]) -> Vec<Recipient> {
    if dsn.is_empty() {
        return text.to_vec();
    }
    let by_address: HashMap<String, &Recipient> = text
        .iter()
        .filter_map(|t| Some((t.address.as_deref()?.to_lowercase(), t)))
        .collect();
    let single = dsn.len() == 1 && text.len() == 1;
    dsn.iter()
        .map(|d| {
            let mut merged = d.clone();
            let matched = d
                .address
                .iter()
                .chain(d.original_address.iter())
                .find_map(|a| by_address.get(&a.to_lowercase()).copied())
                .or_else(|| single.then(|| &text[0]));
            if let Some(t) = matched {
                fill(&mut merged, t);
            }
            merged
        })
        .collect()
}

/// Fills what one account of a recipient lacks from another account of
/// the same recipient. A remote IP is taken only when it belongs to the
/// same host.
pub fn fill(mine: &mut Recipient, theirs: &Recipient) {
    fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
    fill(&mut mine.address, &theirs.address);
    fill(&mut mine.action, &theirs.action);
    match (mine.status, theirs.status) {
        // A vague `X.Y.0` gives way to the other account's specific
        // status of the same class (OpenSMTPD's report says 5.0.0, its
        // notice quotes the server's 5.1.1).
        (Some(m), Some(t)) if m.is_vague() && !t.is_vague() && t.class == m.class => {
            mine.status = Some(t);
        }
        _ => fill(&mut mine.status, &theirs.status),
    }
    fill(&mut mine.reply_code, &theirs.reply_code);
    fill(&mut mine.smtp_stage, &theirs.smtp_stage);
    fill(&mut mine.diagnostic, &theirs.diagnostic);
    fill(&mut mine.explanation, &theirs.explanation);
    fill(&mut mine.will_retry_until, &theirs.will_retry_until);
    match (&mine.remote_mta, mine.remote_ip) {
        (None, None) => {
            mine.remote_mta.clone_from(&theirs.remote_mta);
            mine.remote_ip = theirs.remote_ip;
        }
        (Some(name), None) if theirs.remote_mta.as_ref() == Some(name) => {
            mine.remote_ip = theirs.remote_ip;
        }
        (None, Some(ip)) if theirs.remote_ip == Some(ip) => {
            mine.remote_mta.clone_from(&theirs.remote_mta);
        }
        _ => {}
    }
}

/// Fills what no account says: the stage from the server's words, and the
/// action from the status class, else from whether the text says delayed.
/// `from_dsn` when the recipients come from a delivery-status part.
pub fn complete(recipients: &mut [Recipient], delayed: bool, from_dsn: bool) {
    let default_action = if delayed {
        Action::Delayed
    } else {
        Action::Failed
    };
    for r in recipients {
        if r.smtp_stage.is_none() {
            r.smtp_stage = r.diagnostic.as_deref().and_then(stage_of);
        }
        if r.action.is_none() {
            r.action = Some(match r.status.map(|s| s.class) {
                Some(2) => Action::Delivered,
                Some(4) if from_dsn => Action::Delayed,
                _ => default_action,
            });
        }
    }
}

/// Classifies each recipient and sums them up: the first failure (else the
/// first delay, else the first recipient) gives the top-level fields.
/// Also says whether the report is unreadable: a failure or delay with
/// no detail at all.
pub fn sum_up(mut recipients: Vec<Recipient>, reporting_mta: Option<String>) -> (Stop, bool) {
    if recipients.is_empty() {
        recipients.push(Recipient {
            action: Some(Action::Failed),
            ..Recipient::default()
        });
    }
    let mut advice = Vec::with_capacity(recipients.len());
    for r in &mut recipients {
        let classified = classify(r);
        r.reason = Some(classified.reason);
        advice.push(classified.advice);
        // Reports name the host by its IP when they know no name.
        if r.remote_mta.is_none() {
            r.remote_mta = r.remote_ip.map(|ip| ip.to_string());
        }
        // Read to merge and classify only: not part of the report.
        r.original_address = None;
        r.explanation = None;
    }
    let position = |a: Action| recipients.iter().position(|r| r.action == Some(a));
    let (kind, primary) = match (position(Action::Failed), position(Action::Delayed)) {
        (Some(i), _) => (StopKind::Bounced, i),
        (None, Some(i)) => (StopKind::Delayed, i),
        (None, None) => (StopKind::Delivered, 0),
    };
    let p = recipients[primary].clone();
    let unreadable = !p.has_details() && kind != StopKind::Delivered;
    let advice = advice[primary].text(p.diagnostic.is_some()).to_string();
    let stop = Stop {
        kind,
        reporting_mta,
        primary: p,
        advice: Some(advice),
        recipients: recipients
            .into_iter()
            .filter(|r| r.address.is_some() || r.has_details())
            .collect(),
        folder: None,
    };
    (stop, unreadable)
}

/// The recipient's reason, from its codes, the server's words and the
/// notice's explanation.
fn classify(r: &Recipient) -> reason::Classified {
    reason::classify(&reason::Evidence {
        action: r.action,
        status: r.status,
        reply_code: r.reply_code,
        said: r.diagnostic.as_deref().unwrap_or(""),
        notice: r.explanation.as_deref().unwrap_or(""),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SmtpStage;

    #[test]
    fn fill_takes_the_ip_only_for_the_same_host() {
        let mut dsn = Recipient {
            remote_mta: Some("mx.example.net".into()),
            ..Recipient::default()
        };
        let text = Recipient {
            remote_mta: Some("mx2.example.net".into()),
            remote_ip: "192.0.2.10".parse().ok(),
            smtp_stage: Some(SmtpStage::Rcpt),
            ..Recipient::default()
        };
        fill(&mut dsn, &text);
        assert_eq!(dsn.remote_ip, None);
        assert_eq!(dsn.smtp_stage, Some(SmtpStage::Rcpt));
        let same = Recipient {
            remote_mta: Some("mx.example.net".into()),
            remote_ip: "192.0.2.9".parse().ok(),
            ..Recipient::default()
        };
        fill(&mut dsn, &same);
        assert_eq!(dsn.remote_ip, "192.0.2.9".parse().ok());
    }
}
