//! Finding each recipient's piece of the text: `<bob@example.net>:` in
//! Postfix, qmail and Courier; an address on its own line in Exim,
//! Exchange and Domino; else the first address the text names.

use std::collections::HashMap;

use crate::mailbox;
use crate::words::indent;

/// The most recipients read from a text bounce.
pub const MAX_RECIPIENTS: usize = 500;

/// The text of each recipient's piece, keyed by address, in order.
pub(super) fn segments(lines: &[&str]) -> Vec<(String, String)> {
    let mut order: Vec<String> = Vec::new();
    let mut chunks: HashMap<String, String> = HashMap::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((address, rest)) = recipient_line(lines[i]) else {
            i += 1;
            continue;
        };
        let mut chunk = rest.to_string();
        let start_indent = indent(lines[i]);
        i += 1;
        // Wrapped lines are indented deeper than the address that starts
        // the piece, and may themselves start with `<address>:`.
        while i < lines.len()
            && !lines[i].trim().is_empty()
            && !(recipient_line(lines[i]).is_some() && indent(lines[i]) <= start_indent)
        {
            chunk.push('\n');
            chunk.push_str(lines[i]);
            i += 1;
        }
        let key = address.to_lowercase();
        match chunks.get_mut(&key) {
            Some(existing) => {
                existing.push('\n');
                existing.push_str(&chunk);
            }
            None if order.len() < MAX_RECIPIENTS => {
                order.push(key.clone());
                chunks.insert(key, chunk);
            }
            None => {}
        }
    }
    order
        .into_iter()
        .map(|k| {
            let chunk = chunks.remove(&k).unwrap_or_default();
            (k, chunk)
        })
        .collect()
}

/// A line that starts one recipient's piece: `<bob@example.net>: text`,
/// `<bob@example.net>`, or an address alone (`  bob@example.net`).
pub(super) fn recipient_line(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    if let Some(inner) = t.strip_prefix('<') {
        let close = inner.find('>')?;
        let address = &inner[..close];
        let rest = inner[close + 1..].trim_start();
        let rest = match rest.strip_prefix(':') {
            Some(r) => r.trim_start(),
            None if rest.is_empty() => rest,
            None => return None,
        };
        return mailbox::is_address(address).then_some((address, rest));
    }
    let address = t.strip_suffix(':').unwrap_or(t);
    mailbox::is_address(address).then_some((address, ""))
}

/// The first address in the text that is not the original sender or a
/// mail daemon.
pub(super) fn first_address(human: &str, not_recipients: &[String]) -> Option<String> {
    mailbox::addresses_in(human)
        .filter(|w| mailbox::is_address(w) && !mailbox::is_daemon(w))
        .find(|w| !not_recipients.iter().any(|n| n.eq_ignore_ascii_case(w)))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipient_from_text_skips_the_sender() {
        assert_eq!(
            first_address(
                "From alice@example.org to MAILER-DAEMON@example.org and carol@example.com.",
                &["alice@example.org".into()]
            ),
            Some("carol@example.com".into())
        );
    }
}
