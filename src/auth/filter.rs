//! The receiving side's filter decision: inbox, junk, quarantine or
//! rejected, with the header that says so. An explicit folder wins
//! (Microsoft's `X-Microsoft-Antispam-Mailbox-Delivery: dest:J`), then a
//! verdict that quarantines (Microsoft's high-confidence phishing and
//! malware categories), then any filter calling the message spam; when
//! every filter says "not spam" it went to the inbox. A custom folder
//! (Microsoft's `dest:C`) is none of these: the verdicts decide, and the
//! folder is not stated. Gmail and Yahoo write no such header: then the
//! decision is unknown.

use crate::model::{
    Disposition, FilterDecision, FilterVerdict, Folder, Parsed, PlacedHeader, Side,
};

/// Microsoft's categories that its default policies quarantine.
const QUARANTINED_CATEGORIES: &[&str] = &["HPHSH", "MALW"];

pub fn decide(headers: &[PlacedHeader]) -> FilterDecision {
    let placed: Vec<(&FilterVerdict, &PlacedHeader)> = headers
        .iter()
        .filter(|h| h.side == Side::Receiver)
        .filter_map(|h| match &h.reading {
            Parsed::Verdict(v) if !v.upstream_copy => Some((v, h)),
            _ => None,
        })
        .collect();
    if placed.is_empty() {
        return FilterDecision::default();
    }
    let verdicts: Vec<&FilterVerdict> = placed.iter().map(|(v, _)| *v).collect();
    let raw_of = |v: &FilterVerdict| {
        placed
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, v))
            .map_or(String::new(), |(_, h)| shorten(&h.raw))
    };
    let summary = summarise(&verdicts);
    let decided = |decision, v: &FilterVerdict, evidence: String| FilterDecision {
        decision,
        by: Some(v.vendor.to_string()),
        evidence: Some(format!("{}: {evidence}", v.header)),
        summary: summary.clone(),
        folder_stated: false,
    };
    let stated = |mut decision: FilterDecision| {
        decision.folder_stated = true;
        decision
    };
    // A custom folder (Microsoft's `dest:C`, the mailbox's own rules) is
    // none of the decisions: the filter's verdict below decides, and the
    // folder is not stated (reports name the custom folder).
    let explicit = verdicts.iter().find_map(|v| match &v.folder {
        Some(folder @ (Folder::Junk | Folder::Inbox)) if v.field("dest").is_some() => {
            Some((v, folder))
        }
        _ => None,
    });
    let quarantined = verdicts.iter().find_map(|v| {
        let cat = v.field("CAT")?;
        QUARANTINED_CATEGORIES
            .iter()
            .any(|c| cat.raw.eq_ignore_ascii_case(c))
            .then_some((v, cat))
    });
    if let Some((v, cat)) = quarantined
        && !explicit.is_some_and(|(_, f)| *f == Folder::Inbox)
    {
        return decided(
            Disposition::Quarantine,
            v,
            format!("CAT:{} ({})", cat.raw, cat.meaning.as_deref().unwrap_or("")),
        );
    }
    if let Some((v, folder)) = explicit {
        let dest = v.field("dest").map_or(String::new(), |d| d.raw.clone());
        let decision = match folder {
            Folder::Junk => Disposition::Junk,
            Folder::Quarantine => Disposition::Quarantine,
            Folder::Inbox | Folder::Custom(_) => Disposition::Inbox,
        };
        return stated(decided(decision, v, format!("dest:{dest}")));
    }
    if let Some(v) = verdicts
        .iter()
        .find(|v| v.folder == Some(Folder::Quarantine))
    {
        return stated(decided(Disposition::Quarantine, v, raw_of(v)));
    }
    if let Some(v) = verdicts.iter().find(|v| rejected(v)) {
        return decided(Disposition::Rejected, v, raw_of(v));
    }
    // The verdict that says most (a score and its threshold) speaks for
    // its filter.
    let mut by_weight = verdicts.clone();
    by_weight
        .sort_by_key(|v| std::cmp::Reverse(v.score.is_some() as u8 + v.threshold.is_some() as u8));
    if let Some(v) = by_weight.iter().find(|v| v.spam == Some(true)) {
        // A generic spam flag (`X-Spam-Flag`, no score of its own) speaks
        // for the filter that scored the message, when one did and did not
        // say "not spam". A verdict with its own score (Microsoft's SCL)
        // speaks for itself: another filter's bare score (Mimecast's, with
        // no threshold) is no verdict.
        let lead = by_weight
            .first()
            .filter(|l| v.score.is_none() && l.score.is_some() && l.spam != Some(false))
            .unwrap_or(v);
        let mut decision = decided(Disposition::Junk, v, raw_of(v));
        decision.by = Some(lead.vendor.to_string());
        return decision;
    }
    if let Some(v) = by_weight.iter().find(|v| v.spam == Some(false)) {
        return decided(Disposition::Inbox, v, raw_of(v));
    }
    FilterDecision {
        summary,
        ..FilterDecision::default()
    }
}

/// Rspamd's `reject` action, written on a copy that was delivered anyway
/// (a milter in "no reject" mode).
fn rejected(v: &FilterVerdict) -> bool {
    v.field("action")
        .or(v.field("X-Rspamd-Action"))
        .is_some_and(|a| a.raw.eq_ignore_ascii_case("reject"))
}

/// A header value short enough to quote as evidence.
fn shorten(raw: &str) -> String {
    const MAX: usize = 80;
    match raw.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &raw[..at]),
        None => raw.to_string(),
    }
}

/// The receiving side's scores in a few words, one filter after another:
/// `Microsoft 365: SCL 5, SFV:SPM, CAT:SPM, BCL 6`.
fn summarise(verdicts: &[&FilterVerdict]) -> Option<String> {
    let mut by_vendor: Vec<(&str, Vec<String>)> = Vec::new();
    for v in verdicts {
        let mut words = Vec::new();
        for key in ["SCL", "SFV", "CAT", "BCL", "SFTY"] {
            if let Some(f) = v.field(key).filter(|f| !f.raw.is_empty()) {
                let word = if key == "SCL" || key == "BCL" {
                    format!("{key} {}", f.raw)
                } else {
                    format!("{key}:{}", f.raw)
                };
                words.push(word);
            }
        }
        if words.is_empty()
            && let Some(score) = v.score
        {
            words.push(format!("score {score}"));
        }
        if let (Some(score), Some(t)) = (v.score, v.threshold) {
            words.retain(|w| !w.starts_with("score "));
            words.push(format!("score {score} / {t}"));
        }
        match by_vendor.iter_mut().find(|(name, _)| *name == v.vendor) {
            Some((_, all)) => {
                // A score with its threshold says more than the score alone.
                if words.iter().any(|w| w.contains(" / ")) {
                    all.retain(|w| !w.starts_with("score "));
                }
                for w in words {
                    let known = all.contains(&w)
                        || (w.starts_with("score ") && all.iter().any(|a| a.starts_with("score ")));
                    if !known {
                        all.push(w);
                    }
                }
            }
            None => by_vendor.push((v.vendor, words)),
        }
    }
    let parts: Vec<String> = by_vendor
        .into_iter()
        .filter(|(_, w)| !w.is_empty())
        .map(|(name, w)| format!("{name}: {}", w.join(", ")))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receiver(name: &str, value: &str) -> PlacedHeader {
        PlacedHeader {
            name: name.to_string(),
            hop: Some(3),
            side: Side::Receiver,
            raw: value.to_string(),
            reading: super::super::read_header(name, value).unwrap(),
        }
    }

    #[test]
    fn a_score_without_threshold_does_not_take_another_filter_s_verdict() {
        let d = decide(&[
            receiver("X-Mimecast-Spam-Score", "22"),
            receiver("X-MS-Exchange-Organization-SCL", "6"),
        ]);
        assert_eq!(d.decision, Disposition::Junk);
        assert_eq!(d.by.as_deref(), Some("Microsoft 365"));
        assert!(!d.folder_stated);
        // A bare flag is still credited to the filter that scored.
        let d = decide(&[
            receiver(
                "X-Spamd-Result",
                "default: False [8.39 / 15.00]; BAYES_SPAM(5.10)[99%]",
            ),
            receiver("X-Spam-Flag", "YES"),
        ]);
        assert_eq!(d.decision, Disposition::Junk);
        assert_eq!(d.by.as_deref(), Some("Rspamd"));
    }

    #[test]
    fn a_custom_folder_is_not_a_stated_inbox() {
        let d = decide(&[
            receiver("X-MS-Exchange-Organization-SCL", "1"),
            receiver(
                "X-Microsoft-Antispam-Mailbox-Delivery",
                "ucf:1;jmr:0;auth:0;dest:C;OFR:CustomRules;",
            ),
        ]);
        assert_eq!(d.decision, Disposition::Inbox);
        assert!(!d.folder_stated);
        let d = decide(&[
            receiver("X-MS-Exchange-Organization-SCL", "1"),
            receiver("X-Microsoft-Antispam-Mailbox-Delivery", "dest:I;"),
        ]);
        assert_eq!(d.decision, Disposition::Inbox);
        assert!(d.folder_stated);
    }
}
