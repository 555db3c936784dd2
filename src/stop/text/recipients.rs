//! Finding each recipient's piece of the text: `<bob@example.net>:` in
//! Postfix, qmail and Courier; an address on its own line in Exim,
//! Exchange and Domino, or followed by what the system adds (a date, the
//! reason in parentheses, `; Failed; 4.4.7`); an address a phrase
//! introduces ("Could not be delivered to: <bob@example.net>"); else the
//! first address the text names, or the names listed under "the following
//! recipients:". An address the text gives as the sender ("A message sent
//! by <alice@example.org>") is none.

use std::collections::HashMap;

use crate::mailbox;
use crate::stop::phrases;
use crate::words::indent;

/// The most recipients read from a text bounce.
pub const MAX_RECIPIENTS: usize = 500;

/// The text of each recipient's piece, keyed by address, in order.
pub(super) fn segments(lines: &[&str]) -> Vec<(String, String)> {
    let mut order: Vec<String> = Vec::new();
    let mut chunks: HashMap<String, String> = HashMap::new();
    let mut i = 0;
    while i < lines.len() {
        let found = recipient_line(lines[i]).or_else(|| introduced_recipient(lines[i]));
        let Some((address, rest)) = found.filter(|_| !names_the_sender(lines, i)) else {
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
/// `<bob@example.net>`, or an address alone (`  bob@example.net`); or an
/// address followed by what a system writes after it: the reason in
/// parentheses (GroupWise `bob@example.net (user not found)`, a gateway's
/// `<bob@example.net>   (No such user)`), the date of the attempt
/// (Exchange `bob@example.net on 25/11/2026 10:15`), or fields after a
/// semicolon (Messaging Server `bob@example.net; Failed; 4.4.7 (delivery
/// time expired)`). Returns the address and the text that starts the piece.
pub(super) fn recipient_line(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    if let Some(inner) = t.strip_prefix('<') {
        let close = inner.find('>')?;
        let address = &inner[..close];
        let rest = inner[close + 1..].trim_start();
        let rest = match rest.strip_prefix(':') {
            Some(r) => r.trim_start(),
            None if rest.is_empty() => rest,
            None => parenthesised(rest)?,
        };
        return mailbox::is_address(address).then_some((address, rest));
    }
    let end = t
        .find(|c: char| c.is_whitespace() || c == ';')
        .unwrap_or(t.len());
    let (word, after) = t.split_at(end);
    let address = word.strip_suffix(':').unwrap_or(word);
    if !mailbox::is_address(address) {
        return None;
    }
    let rest = after.trim_start();
    let rest = if rest.is_empty() {
        rest
    } else if let Some(fields) = rest.strip_prefix(';') {
        fields.trim_start()
    } else if rest.starts_with("on ") && rest.contains(|c: char| c.is_ascii_digit()) {
        ""
    } else {
        parenthesised(rest)?
    };
    Some((address, rest))
}

/// The words inside `(...)` when that is all `text` holds.
fn parenthesised(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('(')?.strip_suffix(')')?;
    (!inner.contains(['(', ')'])).then(|| inner.trim())
}

/// A line where a phrase introduces the recipient: `Could not be delivered
/// to: <bob@example.net>` (KDDI), `Failed to deliver to '<bob@example.net>'`
/// (CommuniGate Pro). Returns the address and the rest of the line.
fn introduced_recipient(line: &str) -> Option<(&str, &str)> {
    // ASCII lowercase keeps byte offsets valid in `line`.
    let lower = line.to_ascii_lowercase();
    let after = phrases::all(|p| p.recipient_intros)
        .find_map(|intro| lower.find(intro).map(|at| at + intro.len()))?;
    let rest = line[after..].trim_start();
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let address = rest[..end].trim_matches(|c| matches!(c, '<' | '>' | '\'' | '"' | ',' | '.'));
    mailbox::is_address(address).then(|| (address, rest[end..].trim()))
}

/// Whether the address on line `i` is the one the text gives as the
/// sender: the line before it (skipping blank lines), or its own start,
/// ends with a phrase such as "A message sent by".
fn names_the_sender(lines: &[&str], i: usize) -> bool {
    let ends_with_intro = |text: &str| {
        let lower = text.trim().to_lowercase();
        phrases::all(|p| p.sender_intros).any(|s| lower.ends_with(s))
    };
    let own_start = lines[i]
        .find(['<', '@'])
        .is_some_and(|at| ends_with_intro(&lines[i][..at]));
    own_start
        || lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| ends_with_intro(l))
}

/// The names listed, one per indented line, under a heading such as "Your
/// mail to the following recipients could not be delivered because ...:"
/// when they carry no domain (AOL writes screen names).
pub(super) fn listed_names(lines: &[&str]) -> Vec<String> {
    let Some(heading) = lines.iter().position(|l| {
        let lower = l.trim_end().to_lowercase();
        lower.ends_with(':')
            && (lower.contains("following recipient") || lower.contains("following address"))
    }) else {
        return Vec::new();
    };
    lines[heading + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
        .map(|l| l.trim())
        .filter(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        })
        .map(str::to_string)
        .take(MAX_RECIPIENTS)
        .collect()
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
    fn what_systems_write_after_the_address() {
        assert_eq!(
            recipient_line("\tquinn@example.net (user not found)"),
            Some(("quinn@example.net", "user not found"))
        );
        assert_eq!(
            recipient_line("<frank@example.net>   (No such user frank@example.net)"),
            Some(("frank@example.net", "No such user frank@example.net"))
        );
        assert_eq!(
            recipient_line("LENA@EXAMPLE.NET on Wed, 25 Nov 2026 14:25:29 +0000"),
            Some(("LENA@EXAMPLE.NET", ""))
        );
        assert_eq!(
            recipient_line("tor@example.net; Failed; 4.4.7 (delivery time expired)"),
            Some(("tor@example.net", "Failed; 4.4.7 (delivery time expired)"))
        );
        assert_eq!(recipient_line("bob@example.net said hello"), None);
        assert_eq!(recipient_line("<bob@example.net> wrote:"), None);
    }

    #[test]
    fn phrases_introduce_recipients_and_the_sender() {
        assert_eq!(
            introduced_recipient("     Could not be delivered to: <taro@mobile.example>"),
            Some(("taro@mobile.example", ""))
        );
        assert_eq!(
            introduced_recipient("Failed to deliver to '<rita@example.net>'"),
            Some(("rita@example.net", ""))
        );
        let text = "A message sent by\n\n  <alice@example.org>\n\ncould not be delivered. The following address(es) failed:\n\n  henry@example.net\n    550 no\n";
        let lines: Vec<&str> = text.lines().collect();
        let got: Vec<String> = segments(&lines).into_iter().map(|(a, _)| a).collect();
        assert_eq!(got, ["henry@example.net"]);
    }

    #[test]
    fn names_listed_without_a_domain() {
        let text = "Sorry alice@example.org. Your mail to the following recipients could not be delivered because they do not take attachments:\n\tpaulscreenname\n";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(listed_names(&lines), ["paulscreenname"]);
    }

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
