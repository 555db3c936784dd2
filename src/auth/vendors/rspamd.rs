//! Rspamd, through its milter headers module.
//!
//! * `X-Spamd-Result: default: False [3.20 / 15.00]; SYMBOL(score)[options];
//!   ...`: the metric, whether the action is `reject` (`True`; `False` says
//!   only that it is not), the score and the reject threshold, then each
//!   symbol that fired (older versions write `SYMBOL (score) [options]`
//!   one per line).
//! * `X-Rspamd-Action` (`no action`, `greylist`, `add header`, `rewrite
//!   subject`, `soft reject`, `reject`), `X-Rspamd-Score`,
//!   `X-Rspamd-Server` (names the host that ran Rspamd),
//!   `X-Rspamd-Queue-Id`, `X-Spamd-Bar`, and `X-Spam: Yes` (added when the
//!   action is neither `no action` nor `greylist`).
//! * Any other `X-Rspamd-*` header is kept raw.

use crate::model::{FieldMeaning, FilterVerdict};

use super::common::{Vendor, has_prefix, is, number, raw_verdict, yes_no};

pub const VENDOR: Vendor = Vendor {
    name: "Rspamd",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    let raw = value.trim();
    if is(name, "X-Spamd-Result") {
        return Some(result(name, value));
    } else if is(name, "X-Rspamd-Action") {
        let (spam, meaning) = action(raw);
        v.spam = spam;
        v.fields.push(FieldMeaning::new("action", raw, meaning));
    } else if is(name, "X-Rspamd-Score") {
        v.score = number(raw);
        let meaning = v.score.map(|_| "the message's score");
        v.fields.push(FieldMeaning::new("score", raw, meaning));
    } else if is(name, "X-Rspamd-Server") {
        v.fields.push(FieldMeaning::new(
            "server",
            raw,
            Some("the host that ran Rspamd"),
        ));
    } else if is(name, "X-Spam") {
        v.spam = yes_no(raw).filter(|s| *s);
        let meaning = v
            .spam
            .map(|_| "spam: the action was neither no action nor greylist");
        v.fields.push(FieldMeaning::new("spam", raw, meaning));
    } else if has_prefix(name, "X-Rspamd-") || is(name, "X-Spamd-Bar") {
        return Some(raw_verdict(VENDOR.name, name, value));
    } else {
        return None;
    }
    Some(v)
}

/// An action: (spam?, meaning). Rspamd itself calls every action but
/// `no action` and `greylist` spam.
fn action(raw: &str) -> (Option<bool>, Option<&'static str>) {
    match raw.to_ascii_lowercase().as_str() {
        "no action" => (Some(false), Some("no action: delivered as not spam")),
        "greylist" => (Some(false), Some("greylisted: delivery delayed, not spam")),
        "add header" => (Some(true), Some("spam: delivered with a spam header")),
        "rewrite subject" => (Some(true), Some("spam: delivered with a rewritten subject")),
        "soft reject" => (Some(true), Some("temporarily rejected")),
        "reject" => (Some(true), Some("rejected as spam")),
        _ => (None, None),
    }
}

fn result(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    let mut rest = value.trim_start();
    // `default: False [3.20 / 15.00]`
    if let Some((metric, after)) = rest.split_once(':')
        && !metric.contains(|c: char| c.is_whitespace() || c == ';' || c == '(' || c == '[')
    {
        let after = after.trim_start();
        let word_end = after
            .find(|c: char| c.is_whitespace() || c == '[' || c == ';')
            .unwrap_or(after.len());
        let word = &after[..word_end];
        if let Some(reject) = yes_no(word) {
            v.fields.push(FieldMeaning::new(
                metric,
                word,
                Some(if reject {
                    "the action is reject"
                } else {
                    "the action is not reject"
                }),
            ));
            if reject {
                v.spam = Some(true);
            }
            rest = after[word_end..].trim_start();
            if let Some(inner) = rest.strip_prefix('[')
                && let Some(close) = inner.find(']')
            {
                let (score, threshold) = match inner[..close].split_once('/') {
                    Some((s, t)) => (s.trim(), t.trim()),
                    None => (inner[..close].trim(), ""),
                };
                v.score = number(score);
                v.threshold = number(threshold);
                v.fields.push(FieldMeaning::new(
                    "score",
                    score,
                    v.score.map(|_| "the message's score"),
                ));
                if !threshold.is_empty() {
                    v.fields.push(FieldMeaning::new(
                        "threshold",
                        threshold,
                        v.threshold.map(|_| "the score from which Rspamd rejects"),
                    ));
                }
                rest = &inner[close + 1..];
            }
        }
    }
    symbols(rest, &mut v.fields);
    v
}

/// `SYM(1.5)[a,b]; SYM2 (0.0) []; ...`: each symbol as a field named
/// after it, its text raw.
fn symbols(text: &str, fields: &mut Vec<FieldMeaning>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < bytes.len() && (bytes[*i].is_ascii_whitespace() || bytes[*i] == b';') {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        if i >= bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'(' | b'[' | b';')
        {
            i += 1;
        }
        let name_end = i;
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'(' {
            i = text[j..].find(')').map_or(bytes.len(), |c| j + c + 1);
            j = i;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
        }
        if j < bytes.len() && bytes[j] == b'[' {
            // Options run to the matching `]` (options can hold brackets).
            let mut depth = 0usize;
            let mut k = j;
            while k < bytes.len() {
                match bytes[k] {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            i = (k + 1).min(bytes.len());
        }
        if i == start {
            // A lone `(` or `[` with nothing before it: keep it and move on.
            i += 1;
        }
        fields.push(FieldMeaning::new(
            &text[start..name_end],
            text[start..i].trim(),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spamd_result() {
        let v = read(
            "X-Spamd-Result",
            "default: False [3.20 / 15.00]; R_SPF_ALLOW(-0.20)[+ip4:192.0.2.0/24]; DMARC_POLICY_ALLOW(-0.50)[example.org,none]; BAYES_SPAM(3.90)[89.12%]; MIME_GOOD(-0.10)[text/plain]; RCVD_COUNT_TWO(0.00)[2]; ARC_NA(0.00)[]",
        )
        .unwrap();
        assert_eq!(v.vendor, "Rspamd");
        assert_eq!(v.spam, None);
        assert_eq!(v.score, Some(3.2));
        assert_eq!(v.threshold, Some(15.0));
        assert_eq!(v.fields[0].key, "default");
        assert_eq!(
            v.fields[0].meaning.as_deref(),
            Some("the action is not reject")
        );
        let sym = v.field("BAYES_SPAM").unwrap();
        assert_eq!(sym.raw, "BAYES_SPAM(3.90)[89.12%]");
        assert_eq!(sym.meaning, None);
        assert_eq!(v.field("ARC_NA").unwrap().raw, "ARC_NA(0.00)[]");
        assert_eq!(
            v.field("R_SPF_ALLOW").unwrap().raw,
            "R_SPF_ALLOW(-0.20)[+ip4:192.0.2.0/24]"
        );
        assert_eq!(v.fields.len(), 3 + 6);
    }

    #[test]
    fn rejected_and_older_form() {
        let v = read(
            "X-Spamd-Result",
            "default: True [16.80 / 15.00]\n SPAM_FLAG (5.00) [x, y]\n URIBL (4.00) [a[1].example]",
        )
        .unwrap();
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.score, Some(16.8));
        assert_eq!(v.field("SPAM_FLAG").unwrap().raw, "SPAM_FLAG (5.00) [x, y]");
        assert_eq!(v.field("URIBL").unwrap().raw, "URIBL (4.00) [a[1].example]");
        // Without the metric head the symbols are still read.
        let v = read("X-Spamd-Result", "SYM(1.0)[]; OTHER(2.0)").unwrap();
        assert_eq!(v.score, None);
        assert_eq!(v.fields.len(), 2);
        // Garbage survives.
        let v = read("X-Spamd-Result", "default: maybe ([ (; [[").unwrap();
        assert!(v.spam.is_none() && !v.fields.is_empty());
        assert!(read("X-Spamd-Result", "").unwrap().fields.is_empty());
    }

    #[test]
    fn actions_scores_and_flags() {
        for (action, spam) in [
            ("no action", Some(false)),
            ("greylist", Some(false)),
            ("add header", Some(true)),
            ("rewrite subject", Some(true)),
            ("soft reject", Some(true)),
            ("reject", Some(true)),
            ("quarantine", None),
        ] {
            assert_eq!(
                read("X-Rspamd-Action", action).unwrap().spam,
                spam,
                "{action}"
            );
        }
        assert_eq!(read("X-Rspamd-Score", "7.5").unwrap().score, Some(7.5));
        assert_eq!(read("X-Spam", "Yes").unwrap().spam, Some(true));
        assert_eq!(read("X-Spam", "No").unwrap().spam, None);
        let v = read("X-Rspamd-Server", "filter1.example.net").unwrap();
        assert_eq!(
            v.fields[0].meaning.as_deref(),
            Some("the host that ran Rspamd")
        );
        let v = read("X-Rspamd-Queue-Id", "4F1A2B3C4D").unwrap();
        assert_eq!(v.fields[0].raw, "4F1A2B3C4D");
        assert!(read("X-Spamd-Bar", "+++").is_some());
        assert!(read("X-Rspamd-Pre-Result", "action=reject; module=x").is_some());
        assert_eq!(read("X-Rspamd-", "x"), None);
        assert_eq!(read("X-Spam-Status", "Yes"), None);
    }
}
