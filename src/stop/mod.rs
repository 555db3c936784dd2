//! Where the message stopped.
//!
//! A message that the user holds, with Received headers, was delivered to
//! the mailbox it was taken from. A bounce (a delivery status
//! notification, RFC 3464 / RFC 6533, or the plain-text notices of Postfix,
//! Exim, Sendmail, qmail, Exchange, Gmail, Yahoo, Courier, Domino...) says
//! instead where another message stopped: who reported it, which server
//! refused it, the reply code and enhanced status with their meaning, the
//! SMTP stage, the server's words, a classified reason and advice.
//!
//! [`read_bounce`] runs the steps in order:
//! 1. [`detect`]: do the headers say bounce? Ordinary messages stop here,
//!    as fast as a header parse.
//! 2. [`parts`]: the full MIME parse finds the human text, the
//!    delivery-status part and the returned message.
//! 3. [`dsn`] reads the delivery-status part, [`text`] the human
//!    text (each SMTP reply through [`reply`]).
//! 4. [`detect`] again: does what they say make it a bounce?
//! 5. [`merge`]: one account per recipient, classified by [`reason`], and
//!    the [`Stop`] they sum up to.
//!
//! Every phrase the steps look for (senders, subjects, vendors' markers,
//! stage phrases...) is in [`phrases`], one section per vendor and per
//! language.

pub mod detect;
pub mod dsn;
pub mod merge;
pub mod parts;
pub mod phrases;
pub mod reason;
pub mod reply;
pub mod ses;
pub mod text;

pub use parts::ReturnedSource;

use crate::mailbox;
use crate::message::{self, ParsedMessage};
use crate::model::{Recipient, Stop};
use crate::normalise;

/// The returned message inside a bounce, whose hops tell how far it got.
#[derive(Debug, Clone)]
pub struct Returned {
    pub headers: ParsedMessage,
    pub source: ReturnedSource,
}

/// A bounce, read.
#[derive(Debug, Clone)]
pub struct Bounce {
    pub stop: Stop,
    pub returned: Option<Returned>,
    /// Neither a status, a reply code nor the server's words could be found.
    pub unreadable: bool,
    /// Recipients beyond the cap, counted but not listed.
    pub recipients_dropped: usize,
    /// The bounce nests more messages than [`parts::MAX_NESTED_MESSAGES`] and was not parsed.
    pub too_nested: bool,
}

/// Reads a message as a bounce. `None` when it is not one (an ordinary
/// message, an auto-reply, a read receipt), and then nothing beyond the
/// headers was parsed.
pub fn read_bounce(bytes: &[u8], parsed: &ParsedMessage) -> Option<Bounce> {
    let hint = detect::hint(parsed).or_else(|| detect::body_hint(bytes))?;
    let parts = parts::split(bytes).or_whole_body(bytes);
    // An Amazon SES notification is the machine-readable report of its
    // bounce, and its text is only that JSON.
    let ses = match parts.delivery_status {
        Some(_) => None,
        None => ses::parse(&parts.human_text),
    };
    let sender: Vec<String> = mailbox::addresses_in(parsed.summary.to.as_deref().unwrap_or(""))
        .map(str::to_string)
        .collect();
    let text = match ses {
        Some(_) => text::TextReport::default(),
        None => text::read(
            &parts.human_text,
            parsed.summary.subject.as_deref(),
            &failed_recipients(parsed),
            &sender,
        ),
    };
    let dsn = parts.delivery_status.as_deref().map(dsn::parse).or(ses);
    let every_account: Vec<&Recipient> = dsn
        .iter()
        .flat_map(|d| &d.recipients)
        .chain(&text.recipients)
        .collect();
    let evidence = detect::Evidence {
        hint,
        dsn_recipients: dsn.as_ref().map_or(0, |d| d.recipients.len()),
        text_recognised: text.layout.is_some(),
        refusal_quoted: text.recipients.iter().any(Recipient::has_details),
        too_nested: parts.too_nested,
        challenge: detect::is_challenge(&parts.human_text, &every_account),
    };
    if !detect::is_bounce(&evidence) {
        return None;
    }

    let daemon = detect::daemon_host(parsed.summary.from.as_deref());
    Some(assemble(
        dsn,
        text,
        parts.returned,
        daemon,
        parts.too_nested,
    ))
}

/// Reads an input that starts with the visible text of a notice rather
/// than with headers (the Postfix "This is the mail system at host ..."
/// block, an Exim "This message was created automatically by mail
/// delivery software" text, pasted without the notice's headers): a
/// bounce with no headers of its own, whose text may go on to quote the
/// returned message. `None` when the input starts with headers (quoted or
/// not), or when the text before them reads like no notice (Gmail's "Show
/// original" summary, an mbox `From ` line).
pub fn read_pasted_notice(bytes: &[u8]) -> Option<Bounce> {
    // An ordinary message opens with its headers: two lines tell, before
    // the whole input is decoded.
    let mut head = bytes
        .splitn(3, |&b| b == b'\n')
        .map(String::from_utf8_lossy);
    let (first, second) = (head.next()?, head.next());
    if opens_header_block(first.trim_end_matches('\r'), second.as_deref()) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    // Only the lines before the first header block are looked at: an
    // ordinary message costs one line.
    let mut lines = text.lines().peekable();
    let mut before = Vec::new();
    while let Some(line) = lines.next() {
        if opens_header_block(line, lines.peek().copied()) {
            break;
        }
        before.push(line);
    }
    if before.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    read_notice_text(&before.join("\n"))?;
    read_notice_text(&text)
}

/// Whether a line of pasted text (quoting and indentation aside) opens a
/// header block: a header line that is a `Received:` line, or that a
/// header line or a folded continuation follows.
fn opens_header_block(line: &str, next: Option<&str>) -> bool {
    let bare = |l: &str| l.trim_start_matches(['>', ' ', '\t']).to_string();
    let is_header = |l: &str| normalise::is_header_line(bare(l).as_bytes());
    if line.trim().is_empty() || !is_header(line) {
        return false;
    }
    let received = bare(line)
        .get(..9)
        .is_some_and(|p| p.eq_ignore_ascii_case("received:"));
    let next = next.unwrap_or("");
    received || is_header(next) || next.starts_with([' ', '\t'])
}

/// Reads the visible text of a notice: `None` when it reads like no
/// notice, neither a known system's wording nor a refusal it quotes.
fn read_notice_text(text: &str) -> Option<Bounce> {
    let report = text::read(text, None, &[], &[]);
    // Generic words ("delivery failed") need a refusal to go with them: a
    // reply code, an enhanced status, or words that name why.
    let refusal = report
        .recipients
        .iter()
        .any(|r| r.reply_code.is_some() || r.status.is_some())
        || reason::names_a_cause(text);
    let known = match report.layout {
        Some(text::Layout::Vendor(_)) => true,
        Some(text::Layout::Generic) => refusal,
        None => false,
    };
    if !known {
        return None;
    }
    // The delivery-status fields may have been copied with the text.
    let dsn = parts::has_recipient_fields(text).then(|| dsn::parse(text));
    Some(assemble(dsn, report, None, None, false))
}

/// One bounce from what its parts say: each recipient from both
/// accounts, who wrote it (else `daemon`, the host of its mail-daemon
/// sender), and the returned message (a part, else the headers quoted in
/// the text).
fn assemble(
    dsn: Option<dsn::DsnReport>,
    text: text::TextReport,
    returned: Option<(Vec<u8>, ReturnedSource)>,
    daemon: Option<String>,
    too_nested: bool,
) -> Bounce {
    let dsn_recipients = dsn.as_ref().map_or(&[][..], |d| &d.recipients);
    let mut recipients = merge::merge(dsn_recipients, &text.recipients);
    merge::complete(&mut recipients, text.delayed, !dsn_recipients.is_empty());
    let reporting_mta = dsn
        .as_ref()
        .and_then(|d| d.reporting_mta.clone())
        .or(text.reporting_mta.clone())
        .or(daemon);
    let returned = match returned {
        // Exchange NDRs sometimes return the headers with their folding
        // lost: repaired as pasted text is (a clean block is untouched).
        Some((raw, source)) => message::parse(&normalise::normalise(&raw).bytes)
            .map(|headers| Returned { headers, source }),
        None => text.quoted_headers.as_deref().and_then(|block| {
            let cleaned = normalise::normalise(block.as_bytes());
            message::parse(&cleaned.bytes).map(|headers| Returned {
                headers,
                source: ReturnedSource::QuotedText,
            })
        }),
    };
    let (stop, unreadable) = merge::sum_up(recipients, reporting_mta);
    Bounce {
        stop,
        returned,
        unreadable,
        recipients_dropped: dsn.as_ref().map_or(0, |d| d.recipients_dropped),
        too_nested,
    }
}

/// The addresses of `X-Failed-Recipients`, angle brackets dropped.
fn failed_recipients(parsed: &ParsedMessage) -> Vec<String> {
    parsed
        .failed_recipients
        .as_deref()
        .map(|v| {
            v.split(',')
                .map(|a| {
                    a.trim()
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                })
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default()
}
