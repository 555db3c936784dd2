//! The remote host, the server that refused: its name and IP, from a
//! vendor's own fields ([`super::vendors`]), else from the phrases that
//! introduce it ("host mx.example.net[192.0.2.9] said") outside the quoted
//! reply (which often names the *sender's* IP), else from the other ways
//! vendors name it.

use super::vendors::{self, Remote, Where};
use crate::host;
use crate::stop::phrases;

/// The remote host named in one recipient's piece. `outside` is the piece
/// without the server's reply: a reply often names the *sender's* IP
/// ("Client host [203.0.113.5] blocked"). Vendors that write their own
/// fields inside the reply they quote (Exchange Online) are read first,
/// over the whole piece.
pub(super) fn remote(piece: &str, outside: &str) -> Remote {
    vendors::remote(Where::InPiece, piece).unwrap_or_else(|| remote_outside_reply(outside))
}

/// The remote host named in a report's words (a Diagnostic-Code such as
/// Postfix's `message size 31457280 exceeds size limit 26214400 of server
/// mx.example.net[192.0.2.9]`), when its Remote-MTA field names none.
pub fn remote_named_in(text: &str) -> Remote {
    introduced(text)
        .or_else(|| followed(text))
        .unwrap_or((None, None))
}

/// The remote host's name and IP, from phrases that introduce it, else
/// from a vendor's way of naming it in the text, else in one line.
fn remote_outside_reply(text: &str) -> Remote {
    introduced(text)
        .or_else(|| followed(text))
        .or_else(|| vendors::remote(Where::InText, text))
        .or_else(|| {
            text.lines()
                .find_map(|line| vendors::remote(Where::InLine, line.trim()))
        })
        .unwrap_or((None, None))
}

/// The IP in brackets that ends `text` (trailing `,`, `:` and spaces
/// aside): written right before the reply it gave.
pub(super) fn bracketed_ip_at_end(text: &str) -> Remote {
    let t = text.trim_end_matches([',', ':', ';', ' ', '\t']);
    let Some(open) = t.strip_suffix(']').and_then(|inner| inner.rfind('[')) else {
        return (None, None);
    };
    (None, t[open + 1..t.len() - 1].parse().ok())
}

/// The host right before a phrase that follows it (`host_followers`):
/// `mail-inbound.example.net [192.0.2.25] did not like our RCPT TO`.
fn followed(text: &str) -> Option<Remote> {
    text.lines().find_map(|line| {
        // ASCII lowercase keeps byte offsets valid in `line`.
        let lower = line.to_ascii_lowercase();
        let at = phrases::all(|p| p.host_followers).find_map(|f| lower.find(f))?;
        let words: Vec<&str> = line[..at].split_whitespace().collect();
        // `name [ip]`, `name[ip]` or `name`, as the last words.
        let from = match words.as_slice() {
            [.., name, ip] if ip.starts_with('[') && !name.starts_with('[') => words.len() - 2,
            [.., _] => words.len() - 1,
            [] => return None,
        };
        host::name_and_ip(&words[from..].join(" "))
    })
}

/// The host the earliest of the phrases that name it (`host_keys`) introduces.
fn introduced(text: &str) -> Option<Remote> {
    // ASCII lowercase keeps byte offsets valid in `text`.
    let lower = text.to_ascii_lowercase();
    let mut best: Option<(usize, Remote)> = None;
    for key in phrases::all(|p| p.host_keys) {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(key) {
            let at = from + pos;
            from = at + key.len();
            if best.as_ref().is_some_and(|(b, _)| *b <= at) {
                break;
            }
            // A whole word: not the end of `localhost `; and not Postfix's
            // own name in "This is the mail system at host ...".
            if lower[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-')
                || lower[..at].ends_with("at ")
            {
                continue;
            }
            if let Some(found) = host::name_and_ip(&text[at + key.len()..]) {
                best = Some((at, found));
                break;
            }
        }
    }
    best.map(|(_, found)| found)
}
