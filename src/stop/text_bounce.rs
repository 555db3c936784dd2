//! Plain-text bounces: the human-readable words of Postfix, Exim,
//! Sendmail, qmail, Exchange / Office 365, Gmail, Yahoo, Courier, Lotus
//! Domino and generic "Mail delivery failed" notices.
//!
//! The text is read in three steps:
//! 1. cut off the returned copy of the message (after "This is a copy of
//!    the message", "Below this line is a copy", "Original message
//!    headers", or the first block of headers with a `Received:` line),
//!    keeping that header block for the hop chain;
//! 2. split the rest into one piece per recipient (`<bob@example.net>:`
//!    in Postfix, qmail and Courier; an address on its own line in Exim,
//!    Exchange and Domino);
//! 3. in each piece find the SMTP reply (code, enhanced status, the
//!    server's words), the SMTP stage, and the remote host and IP. With a
//!    single recipient, what its piece lacks is taken from the whole text
//!    (Sendmail's transcript, Gmail's "The response was:").
//!
//! Every step is a plain scan over lines: no input can make it fail, panic
//! or take more than linear-ish time; the text read is capped.

use std::collections::HashMap;
use std::net::IpAddr;

use super::outcome::Outcome;
use super::reply::{self, truncate};
use crate::model::SmtpStage;
use crate::normalise::is_header_line;
use crate::smtp_codes::EnhancedStatus;
use crate::words::{contains_ignore_case, strip_prefix_ignore_case};
use crate::{host, mailbox};

/// The most bytes of bounce text read.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
/// The most recipients read from a text bounce.
pub const MAX_RECIPIENTS: usize = 500;

/// Which kind of bounce text was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Postfix,
    Exim,
    Sendmail,
    Qmail,
    Exchange,
    Gmail,
    Yahoo,
    Courier,
    Domino,
    /// No vendor's wording, but the text says delivery failed or was delayed.
    Generic,
}

/// What a bounce's text says.
#[derive(Debug, Clone, Default)]
pub struct TextReport {
    /// `None` when the text reads like no bounce at all.
    pub family: Option<Family>,
    /// Who wrote the bounce, when the text names it.
    pub reporting_mta: Option<String>,
    /// The text says delivery is only delayed and still being tried.
    pub delayed: bool,
    pub outcomes: Vec<Outcome>,
    /// The header block of the returned message quoted in the text.
    pub quoted_headers: Option<String>,
}

/// Reads a bounce's human-readable text. `subject` helps to tell delays;
/// `known_recipients` (from `X-Failed-Recipients`) and `not_recipients`
/// (the bounce's own addressee, that is the original sender) help to find
/// the recipient when the text lists none.
pub fn read(
    text: &str,
    subject: Option<&str>,
    known_recipients: &[String],
    not_recipients: &[String],
) -> TextReport {
    let text = cap(text);
    let lines: Vec<&str> = text.lines().collect();
    let (cut, quoted_headers) = returned_copy(&lines);
    let human_lines = &lines[..cut];
    let human = human_lines.join("\n");
    let lower = human.to_lowercase();
    let subject_lower = subject.unwrap_or("").to_lowercase();

    let family = family(&lower, &subject_lower);
    let delayed = DELAY_TEXT.iter().any(|p| lower.contains(p))
        || DELAY_SUBJECT.iter().any(|p| subject_lower.contains(p));

    let mut outcomes: Vec<Outcome> = segments(human_lines)
        .into_iter()
        .map(|(address, chunk)| {
            let mut o = extract(&chunk, false);
            o.recipient = Some(address);
            o
        })
        .collect();
    let global = extract(&human, true);
    match outcomes.as_mut_slice() {
        [] if global.has_details() || family.is_some() => {
            let mut o = global;
            o.recipient = known_recipients
                .first()
                .cloned()
                .or_else(|| first_address(&human, not_recipients));
            o.explanation = Some(explanation(&human));
            outcomes.push(o);
        }
        [only] => {
            only.fill_from(&global);
            only.explanation = Some(explanation(&human));
        }
        several => {
            for o in several.iter_mut().filter(|o| o.stage.is_none()) {
                o.stage = o
                    .recipient
                    .as_deref()
                    .and_then(|a| transcript_stage_for(&human, a));
            }
        }
    }
    TextReport {
        family,
        reporting_mta: reporting_mta(&human),
        delayed,
        outcomes,
        quoted_headers,
    }
}

fn cap(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Lines that introduce the returned copy of the message.
const COPY_MARKERS: &[&str] = &[
    "this is a copy of the message",
    "this is a copy of the headers",
    "below this line is a copy of the message",
    "original message follows",
    "unsent message follows",
    "message header follows",
    "original message headers",
    "original message header",
    "ursprüngliche nachrichtenkopfzeilen",
    "en-têtes de message d'origine",
    "encabezados del mensaje original",
    "-----original message-----",
    "------ original message ------",
    "--- original message ---",
];

/// Where the returned copy starts (as a line index; `lines.len()` when
/// there is none), and the header block quoted there.
fn returned_copy(lines: &[&str]) -> (usize, Option<String>) {
    let marker = lines.iter().position(|l| {
        let l = l.to_lowercase();
        COPY_MARKERS.iter().any(|m| l.contains(m))
    });
    let received = lines.iter().position(|l| {
        let t = l.trim_start().trim_start_matches('>').trim_start();
        t.get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("received:"))
    });
    let Some(received) = received else {
        return (marker.unwrap_or(lines.len()), None);
    };
    let headerish = |l: &str| {
        is_header_line(
            l.trim_start()
                .trim_start_matches('>')
                .trim_start()
                .as_bytes(),
        )
    };
    let continued = |l: &str| l.starts_with([' ', '\t']) && !l.trim().is_empty();
    let mut start = received;
    while start > 0 && (headerish(lines[start - 1]) || continued(lines[start - 1])) {
        start -= 1;
    }
    while start < received && !headerish(lines[start]) {
        start += 1;
    }
    let end = lines[received..]
        .iter()
        .position(|l| l.trim().is_empty())
        .map_or(lines.len(), |n| received + n);
    let block = lines[start..end].join("\n");
    let cut = marker.map_or(start, |m| m.min(start));
    (cut, Some(block))
}

const FAMILY_MARKERS: &[(&str, Family)] = &[
    ("this is the qmail-send program", Family::Qmail),
    ("running the courier mail server", Family::Courier),
    ("this is the mail system at host", Family::Postfix),
    ("(in reply to ", Family::Postfix),
    ("smtp error from remote mail server", Family::Exim),
    (
        "created automatically by mail delivery software",
        Family::Exim,
    ),
    ("the following address(es) failed", Family::Exim),
    ("transcript of session follows", Family::Sendmail),
    ("had permanent fatal errors", Family::Sendmail),
    (
        "diagnostic information for administrators",
        Family::Exchange,
    ),
    (
        "diagnoseinformationen für administratoren",
        Family::Exchange,
    ),
    (
        "informations de diagnostic pour les administrateurs",
        Family::Exchange,
    ),
    ("remote server returned", Family::Exchange),
    ("delivery has failed to these recipients", Family::Exchange),
    ("the response from the remote server was", Family::Gmail),
    ("the response was:", Family::Gmail),
    ("** address not found **", Family::Gmail),
    ("** message not delivered **", Family::Gmail),
    ("** message blocked **", Family::Gmail),
    (
        "we were unable to deliver your message to the following address",
        Family::Yahoo,
    ),
    ("not listed in domino directory", Family::Domino),
    ("was not delivered to:", Family::Domino),
];

/// Words that say a message was not delivered, in several languages.
const FAILURE_WORDS: &[&str] = &[
    "could not be delivered",
    "couldn't be delivered",
    "cannot be delivered",
    "was not delivered",
    "wasn't delivered",
    "undeliverable",
    "undelivered",
    "delivery failed",
    "delivery has failed",
    "delivery failure",
    "unable to deliver",
    "permanent error",
    "returned mail",
    "not yet been delivered",
    "delivery status notification",
    "failure notice",
    "unzustellbar",
    "nicht zugestellt",
    "non remis",
    "pas pu être remis",
    "no se puede entregar",
    "no se ha podido entregar",
    "no entregado",
    "onbestelbaar",
    "non recapitabile",
];

fn family(lower: &str, subject_lower: &str) -> Option<Family> {
    FAMILY_MARKERS
        .iter()
        .find(|(m, _)| lower.contains(m))
        .map(|(_, f)| *f)
        .or_else(|| {
            FAILURE_WORDS
                .iter()
                .any(|w| lower.contains(w) || subject_lower.contains(w))
                .then_some(Family::Generic)
        })
}

const DELAY_TEXT: &[&str] = &[
    "this is a warning only",
    "warning message only",
    "has not yet been delivered",
    "not yet been delivered",
    "delivery attempts will continue",
    "will be retried",
    "will retry",
    "will continue to try",
    "still trying",
    "delivery is delayed",
    "delivery has been delayed",
    "no action is required on your part",
    // Other languages: German, French, Dutch, Spanish, Italian.
    "noch nicht zugestellt",
    "pas encore été distribué",
    "nog niet afgeleverd",
    "todavía no se ha entregado",
    "non è ancora stato consegnato",
];

const DELAY_SUBJECT: &[&str] = &[
    "delayed",
    "(delay)",
    "still being retried",
    "warning: could not send",
    "verzögert",
    "retardé",
    "vertraagd",
    "ritardata",
    "retrasada",
];

/// The text of each recipient's piece, keyed by address, in order.
fn segments(lines: &[&str]) -> Vec<(String, String)> {
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

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A line that starts one recipient's piece: `<bob@example.net>: text`,
/// `<bob@example.net>`, or an address alone (`  bob@example.net`).
fn recipient_line(line: &str) -> Option<(&str, &str)> {
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

/// Reply, stage, remote host and diagnostic from one piece of text; `whole`
/// for the whole bounce text rather than one recipient's piece.
fn extract(chunk: &str, whole: bool) -> Outcome {
    let lines: Vec<&str> = chunk.lines().collect();
    let found = find_reply(&lines);
    let mut outcome = Outcome::default();
    let outside: String = match &found {
        Some(f) => {
            outcome.reply_code = f.reply.code;
            outcome.status = f.reply.status;
            outcome.diagnostic = Some(f.reply.cleaned.clone());
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == f.line {
                        &l[..f.column]
                    } else if i > f.line && i <= f.last_line {
                        ""
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        None => chunk.to_string(),
    };
    if outcome.status.is_none() {
        outcome.status = bare_status(chunk);
    }
    if outcome.diagnostic.is_none() {
        outcome.diagnostic = if whole {
            introduced_diagnostic(&lines)
        } else {
            diagnostic_without_reply(&lines)
        };
    }
    outcome.stage = stage_of(chunk);
    // Exchange writes its own fields inside the reply it quotes; the
    // reply's own words are never searched for the remote host.
    let (host, ip) = exchange_last_attempt(chunk).unwrap_or_else(|| remote(&outside));
    outcome.remote_mta = host;
    outcome.remote_ip = ip;
    outcome
}

/// An SMTP reply found in text, with where it sits.
struct Found {
    reply: reply::Reply,
    line: usize,
    column: usize,
    last_line: usize,
}

/// Words right before a reply code that say "this is the server's reply".
const REPLY_MARKERS: &[&str] = &[
    "said:",
    "said",
    "returned '",
    "returned \"",
    "<<<",
    "was:",
    "reason:",
    "]:",
    "#",
    "error:",
    "reply:",
    "replied:",
    "answered:",
    "response:",
    "grund:",
    "répondu :",
    "répondu:",
    "respondió:",
];

fn find_reply(lines: &[&str]) -> Option<Found> {
    // (score, length of the text after the code, line, column)
    let mut best: Option<(u8, usize, usize, usize)> = None;
    for (li, line) in lines.iter().enumerate() {
        // A continuation line of a multi-line reply (`550-...` above it) is
        // part of the reply that starts above, not a reply of its own.
        let continues_above = li > 0 && {
            let above = lines[li - 1].trim_start();
            let here = line.trim_start();
            let code = above
                .get(..3)
                .filter(|c| c.bytes().all(|b| b.is_ascii_digit()));
            code.is_some()
                && here.get(..3) == code
                && above.get(3..).is_some_and(|r| r.starts_with('-'))
        };
        if continues_above {
            continue;
        }
        let line_indent = indent(line);
        for column in code_positions(line) {
            // Only the last few words before the code matter; a bounded
            // window keeps a line full of codes linear.
            let before = window_before(line, column).trim_end().to_lowercase();
            let previous_line_ends_marker =
                column == line_indent && li > 0 && lines[li - 1].trim_end().ends_with(':');
            let after = &line[column + 3..];
            // The enhanced status follows the code, or opens the next line
            // when the reply was wrapped right after its code.
            let next_word = match after.strip_prefix(['-', ' ']) {
                Some(rest) => rest.split_whitespace().next(),
                None if after.is_empty() => {
                    lines.get(li + 1).and_then(|l| l.split_whitespace().next())
                }
                None => None,
            };
            let mut score = 0u8;
            if next_word.is_some_and(|w| w.parse::<EnhancedStatus>().is_ok()) {
                score += 2;
            }
            if REPLY_MARKERS.iter().any(|m| before.ends_with(m))
                || before.ends_with(':')
                || previous_line_ends_marker
            {
                score += 1;
            }
            if column == line_indent {
                score += 1;
            }
            let length = after.len().min(MAX_REPLY_SCORE_LEN);
            let better = best.is_none_or(|(s, l, _, _)| score > s || (score == s && length > l));
            if score > 0 && better {
                best = Some((score, length, li, column));
            }
        }
    }
    let (_, _, li, column) = best?;
    let (text, last_line) = reply_extent(lines, li, column);
    Some(Found {
        reply: reply::parse(&text),
        line: li,
        column,
        last_line,
    })
}

/// Text after a code beyond this length does not make a reply more likely.
const MAX_REPLY_SCORE_LEN: usize = 200;

/// At most the 48 bytes of `line` before `column`, cut at a character boundary.
fn window_before(line: &str, column: usize) -> &str {
    let mut start = column.saturating_sub(48);
    while !line.is_char_boundary(start) {
        start += 1;
    }
    &line[start..column]
}

/// Byte offsets in `line` where a 4xx/5xx reply code token starts.
fn code_positions(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= b.len() {
        let boundary_before = i == 0
            || matches!(
                b[i - 1],
                b' ' | b'\t' | b'\'' | b'"' | b'#' | b'(' | b':' | b';' | b'>' | b'['
            );
        let digits = b[i..i + 3].iter().all(u8::is_ascii_digit);
        let boundary_after = i + 3 == b.len() || matches!(b[i + 3], b' ' | b'-');
        if boundary_before
            && digits
            && boundary_after
            && matches!(b[i], b'4' | b'5')
            && b[i + 1] <= b'5'
        {
            out.push(i);
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// The reply's text from its code to its end: the rest of its line, then
/// lines that continue it (a multi-line reply `550-`, transcript lines
/// `<<< `, or indented wrapped lines), up to a blank line. Cut before
/// Postfix's "(in reply to ...)", Exchange's closing quote or ` ##`.
fn reply_extent(lines: &[&str], li: usize, column: usize) -> (String, usize) {
    let first = &lines[li][column..];
    let in_transcript = lines[li][..column].trim_end().ends_with("<<<");
    let code = &first[..3];
    let mut multiline = first[3..].starts_with('-');
    let mut parts = vec![first.to_string()];
    let mut last = li;
    let reply_indented = lines[li].starts_with([' ', '\t']);
    for (offset, line) in lines[li + 1..].iter().enumerate() {
        let t = line.trim_start();
        if t.is_empty() {
            break;
        }
        let wrapped = line.starts_with([' ', '\t'])
            && !t.starts_with(">>>")
            && !t.starts_with("<<<")
            && !looks_like_header(t)
            && (!reply_indented || recipient_line(line).is_none());
        let continues = if in_transcript {
            t.strip_prefix("<<<")
                .map(str::trim_start)
                .filter(|r| r.starts_with(code))
        } else if (multiline && t.starts_with(code)) || wrapped {
            Some(t)
        } else {
            None
        };
        let Some(part) = continues else { break };
        multiline = part.get(3..).is_some_and(|r| r.starts_with('-'));
        parts.push(part.to_string());
        last = li + 1 + offset;
    }
    let mut text = parts.join(" ");
    for end in ["(in reply to ", " ##"] {
        if let Some(pos) = text.find(end) {
            text.truncate(pos);
        }
    }
    let before = &lines[li][..column];
    if before.trim_end().ends_with("returned '")
        && let Some(pos) = text.rfind('\'')
    {
        text.truncate(pos);
    }
    // `(reason: 550 5.1.1 ... User unknown)` and Exchange 2003's
    // `<host #5.7.1 smtp;550 ...>`: drop the bracket closing the wrapper.
    for (open, close) in [('(', ')'), ('<', '>')] {
        let trimmed = text.trim_end();
        if before.matches(open).count() > before.matches(close).count()
            && trimmed.ends_with(close)
            && trimmed.matches(close).count() > trimmed.matches(open).count()
        {
            text.truncate(trimmed.len() - 1);
        }
    }
    (text.trim().to_string(), last)
}

/// `Name: value` (a quoted header block starting), but not `https://...`.
fn looks_like_header(line: &str) -> bool {
    is_header_line(line.as_bytes())
        && line
            .split_once(':')
            .is_some_and(|(_, rest)| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// An enhanced status without a reply code: qmail's `(#5.1.2)`, or a word
/// such as `5.4.4` on its own.
fn bare_status(chunk: &str) -> Option<EnhancedStatus> {
    chunk
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '#' | ',' | ';' | '[' | ']'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .find_map(|w| w.parse().ok())
}

/// When no reply code was found, the piece's own words: the lines that
/// are not headings, addresses or transcript, joined.
fn diagnostic_without_reply(lines: &[&str]) -> Option<String> {
    let words: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && recipient_line(l).is_none())
        .collect();
    let text = words.join(" ");
    (!text.is_empty()).then(|| truncate(&text))
}

/// Words that introduce the reason in a bounce's text.
const REASON_MARKERS: &[&str] = &[
    "because:",
    "the response from the remote server was:",
    "the response was:",
    "delay reason:",
    "reason:",
    "grund:",
    "raison :",
    "raison:",
    "motivo:",
    "a répondu :",
    "respondió:",
];

/// The text after a reason marker: the rest of its line, or the lines
/// after it up to a blank line.
fn introduced_diagnostic(lines: &[&str]) -> Option<String> {
    for (i, line) in lines.iter().enumerate() {
        // ASCII lowercase keeps byte offsets valid in `line`.
        let lower = line.to_ascii_lowercase();
        let Some(pos) = REASON_MARKERS
            .iter()
            .find_map(|m| lower.find(m).map(|p| p + m.len()))
        else {
            continue;
        };
        let same_line = line.get(pos..).unwrap_or("").trim();
        let text = if same_line.is_empty() {
            lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .skip_while(|l| l.is_empty())
                .take_while(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            same_line.to_string()
        };
        if !text.is_empty() {
            return Some(truncate(&text));
        }
    }
    None
}

/// Phrases that name the SMTP stage, lowercase.
const STAGE_PHRASES: &[(&str, SmtpStage)] = &[
    ("in reply to rcpt to command", SmtpStage::Rcpt),
    ("in reply to mail from command", SmtpStage::Mail),
    ("in reply to end of data command", SmtpStage::EndOfData),
    ("in reply to data command", SmtpStage::Data),
    ("in reply to ehlo command", SmtpStage::Helo),
    ("in reply to helo command", SmtpStage::Helo),
    ("in reply to starttls command", SmtpStage::Helo),
    ("refused to talk to me", SmtpStage::Connect),
    ("initial server greeting", SmtpStage::Connect),
    ("while performing the ehlo handshake", SmtpStage::Helo),
    ("while sending mail from", SmtpStage::Mail),
    ("while sending rcpt to", SmtpStage::Rcpt),
    ("while sending data command", SmtpStage::Data),
    ("while sending message body", SmtpStage::EndOfData),
    ("while sending end of data", SmtpStage::EndOfData),
    ("after rcpt to", SmtpStage::Rcpt),
    ("after pipelined rcpt to", SmtpStage::Rcpt),
    ("after mail from", SmtpStage::Mail),
    ("after pipelined mail from", SmtpStage::Mail),
    ("after end of data", SmtpStage::EndOfData),
    ("after pipelined end of data", SmtpStage::EndOfData),
    // GMX / web.de: "SMTP error from remote server for RCPT TO command".
    ("for rcpt to command", SmtpStage::Rcpt),
    ("for mail from command", SmtpStage::Mail),
    ("for data command", SmtpStage::Data),
    // hMailServer: "hMailServer sent: RCPT TO:<bob@example.net>".
    ("sent: rcpt to", SmtpStage::Rcpt),
    ("sent: mail from", SmtpStage::Mail),
    ("sent: data", SmtpStage::Data),
    ("after pipelined data", SmtpStage::Data),
    ("after data", SmtpStage::Data),
    ("after initial connection", SmtpStage::Connect),
    ("after ehlo", SmtpStage::Helo),
    ("after helo", SmtpStage::Helo),
    ("[rcpt_to]", SmtpStage::Rcpt),
    ("[mail_from]", SmtpStage::Mail),
    ("[body]", SmtpStage::EndOfData),
    ("[data]", SmtpStage::Data),
    ("[connect]", SmtpStage::Connect),
    ("[helo]", SmtpStage::Helo),
    ("[ehlo]", SmtpStage::Helo),
    ("does not like recipient", SmtpStage::Rcpt),
    ("does not like sender", SmtpStage::Mail),
    ("failed after i sent the message", SmtpStage::EndOfData),
    ("but greeting failed", SmtpStage::Connect),
    ("but my name was rejected", SmtpStage::Helo),
    ("but sender was rejected", SmtpStage::Mail),
    ("connection refused", SmtpStage::Connect),
    ("connection timed out", SmtpStage::Connect),
    ("no route to host", SmtpStage::Connect),
    ("network is unreachable", SmtpStage::Connect),
    ("establish an smtp connection", SmtpStage::Connect),
    ("did not accept our requests to connect", SmtpStage::Connect),
    // CommuniGate Pro: "message text rejected by mx.example.net: 554 ...".
    ("message text rejected", SmtpStage::EndOfData),
    // German: "nach dem Befehl RCPT TO:<...> abgelehnt".
    ("befehl rcpt to", SmtpStage::Rcpt),
    ("befehl mail from", SmtpStage::Mail),
    ("befehl data", SmtpStage::Data),
];

/// The SMTP stage: from a transcript (`>>> RCPT TO` before the first
/// `<<< 5xx`), else the earliest stage phrase.
pub fn stage_of(chunk: &str) -> Option<SmtpStage> {
    transcript_stage(chunk).or_else(|| {
        // Wrapped text: "(in reply to\n    RCPT TO command)".
        let lower = crate::words::collapse_whitespace(chunk).to_lowercase();
        STAGE_PHRASES
            .iter()
            .filter_map(|(p, s)| lower.find(p).map(|pos| (pos, *s)))
            .min_by_key(|(pos, _)| *pos)
            .map(|(_, s)| s)
    })
}

fn transcript_stage(chunk: &str) -> Option<SmtpStage> {
    let (command, _) = transcript_refusals(chunk).next()?;
    match command {
        None => Some(SmtpStage::Connect),
        Some(cmd) => command_stage(cmd),
    }
}

/// The stage at which a transcript shows a command naming `address`
/// refused (`>>> RCPT To:<address>`, `<<< 550 ...`): for a report of
/// several recipients, whose one transcript follows them all.
fn transcript_stage_for(text: &str, address: &str) -> Option<SmtpStage> {
    let address = address.to_ascii_lowercase();
    transcript_refusals(text)
        .filter_map(|(command, _)| command)
        .find(|cmd| contains_ignore_case(cmd, &address))
        .and_then(command_stage)
}

/// Each 4xx/5xx reply of an SMTP transcript (`>>>`/`<<<`, MDaemon's
/// `-->`/`<--`), with the command it answered (`None` before any: the
/// greeting).
fn transcript_refusals(text: &str) -> impl Iterator<Item = (Option<&str>, &str)> {
    let mut last_command: Option<&str> = None;
    text.lines().filter_map(move |line| {
        let t = line.trim_start();
        // MDaemon: ` Mon 2026-11-23 10:15:07.521: --> RCPT To:<bob@example.net>`.
        let t = match t.find(": --> ").or_else(|| t.find(": <-- ")) {
            Some(i) => &t[i + 2..],
            None => t,
        };
        if let Some(cmd) = t.strip_prefix(">>>").or_else(|| t.strip_prefix("--> ")) {
            last_command = Some(cmd.trim());
            None
        } else if let Some(reply) = t.strip_prefix("<<<").or_else(|| t.strip_prefix("<-- ")) {
            let reply = reply.trim_start();
            reply
                .starts_with(['4', '5'])
                .then_some((last_command, reply))
        } else {
            None
        }
    })
}

fn command_stage(cmd: &str) -> Option<SmtpStage> {
    let upper = cmd.to_ascii_uppercase();
    let stage = if upper.starts_with("RCPT") {
        SmtpStage::Rcpt
    } else if upper.starts_with("MAIL") {
        SmtpStage::Mail
    } else if upper.starts_with("DATA") {
        SmtpStage::Data
    } else if upper.starts_with('.') || upper.contains("END OF DATA") || upper.starts_with("BDAT") {
        SmtpStage::EndOfData
    } else if upper.starts_with("EHLO")
        || upper.starts_with("HELO")
        || upper.starts_with("STARTTLS")
    {
        SmtpStage::Helo
    } else {
        return None;
    };
    Some(stage)
}

/// Words right before the remote host's name.
const HOST_KEYS: &[&str] = &[
    "host ",
    "connect to ",
    "conversation with ",
    "connection with ",
    "delivery via ",
    "talking to ",
    "receiving server: ",
    "remote server: ",
    "remote host: ",
    "message rejected by:",
    // GMX / web.de: "host: mx.example.net (192.0.2.9) reason: 550 ...".
    "host: ",
    // hMailServer: "Remote server (192.0.2.9) issued an error."
    "remote server ",
    // Lotus Domino: "Error transferring to mx.example.net; SMTP Protocol Returned ...".
    "error transferring to ",
    // CommuniGate Pro: "message text rejected by mx.example.net: 554 ...".
    "text rejected by ",
    // Dutch: "De ontvangende mailserver mx.example.net [192.0.2.9] antwoordde:".
    "ontvangende mailserver ",
];

/// Exchange Online's own account of its last try, written after the reply
/// it quotes: `[LastAttemptedServerName=mx.example.net]
/// [LastAttemptedIP=192.0.2.9:25]`.
fn exchange_last_attempt(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
    // ASCII lowercase keeps byte offsets valid in `text`.
    let lower = text.to_ascii_lowercase();
    let field = |name: &str| {
        let start = lower.find(name)? + name.len();
        let rest = &text[start..];
        Some(&rest[..rest.find(']')?])
    };
    let host = field("[lastattemptedservername=").and_then(host::clean);
    let ip = field("[lastattemptedip=").and_then(host::find_ip);
    (host.is_some() || ip.is_some()).then_some((host, ip))
}

/// The remote host's name and IP, from phrases that introduce it. Text
/// inside the server's reply is not searched: a reply often names the
/// *sender's* IP ("Client host [203.0.113.5] blocked").
fn remote(text: &str) -> (Option<String>, Option<IpAddr>) {
    // ASCII lowercase keeps byte offsets valid in `text`.
    let lower = text.to_ascii_lowercase();
    let mut best: Option<(usize, Option<String>, Option<IpAddr>)> = None;
    for key in HOST_KEYS {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(key) {
            let at = from + pos;
            from = at + key.len();
            if best.as_ref().is_some_and(|(b, _, _)| *b <= at) {
                break;
            }
            // A whole word: not the end of `localhost `; and not Postfix's
            // own name in "This is the mail system at host ...".
            if lower[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-')
                || lower[..at].ends_with("at ")
            {
                continue;
            }
            if let Some((host, ip)) = host_after(&text[at + key.len()..]) {
                best = Some((at, host, ip));
                break;
            }
        }
    }
    if let Some((_, host, ip)) = best {
        return (host, ip);
    }
    if let Some(found) = mdaemon_remote(text) {
        return found;
    }
    for line in text.lines() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        // qmail: `192.0.2.9 does not like recipient.`, `Giving up on 192.0.2.9.`,
        // `Connected to 192.0.2.9 but greeting failed.`
        let candidate = if lower.contains("does not like") || lower.contains("failed after i sent")
        {
            t.split_whitespace().next()
        } else if let Some(rest) = lower.strip_prefix("giving up on ") {
            Some(&t[t.len() - rest.len()..])
        } else if let Some(rest) = lower.strip_prefix("connected to ") {
            t[t.len() - rest.len()..].split_whitespace().next()
        } else {
            None
        };
        if let Some(ip) = candidate.and_then(host::find_ip) {
            return (None, Some(ip));
        }
        // A `Server:` label line (T-Online): `Server:  mx.example.net [192.0.2.9]`.
        if let Some(rest) = strip_prefix_ignore_case(t, "server:")
            && let Some((host, ip)) = host_after(rest)
            && host.is_some()
            && ip.is_some()
        {
            return (host, ip);
        }
        // Courier: `    mx.example.net [192.0.2.9]:`
        if let Some(head) = t.strip_suffix(':')
            && let Some((host, ip)) = host_after(head)
            && host.is_some()
            && ip.is_some()
            && head.split_whitespace().count() == 2
        {
            return (host, ip);
        }
        // Exchange 2010: `mx.example.net #550 5.1.1 ...` (the reply itself
        // is cut off here). Not Exchange 2003's `<mail.example.org #5.7.1
        // smtp;550 ...>`, which names the server that wrote the report.
        if let Some((name, after)) = t.split_once(" #")
            && (after.is_empty() || code_positions(after).first() == Some(&0))
            && !name.starts_with('<')
            && !name.contains(char::is_whitespace)
            && let Some(host) = host::clean(name)
        {
            return (Some(host), None);
        }
    }
    (None, None)
}

/// MDaemon's session transcript: the last `Attempting SMTP connection to
/// [192.0.2.9:25]` names the address, and the `MX=[mx.example.net] {192.0.2.9}`
/// line of the MX lookup its name.
fn mdaemon_remote(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
    const CONNECT: &str = "attempting smtp connection to [";
    let ip = text.lines().rev().find_map(|line| {
        let lower = line.to_ascii_lowercase();
        let at = lower.find(CONNECT)? + CONNECT.len();
        let inner = &line[at..];
        let inner = &inner[..inner.find(']')?];
        // `192.0.2.9:25`; an IPv6 literal keeps its colons.
        inner
            .parse::<IpAddr>()
            .ok()
            .or_else(|| inner.rsplit_once(':')?.0.parse().ok())
    })?;
    let host = text.lines().find_map(|line| {
        let at = line.find("MX=[")? + 4;
        let rest = &line[at..];
        let (name, after) = rest.split_once(']')?;
        let braced = after.trim_start().strip_prefix('{')?;
        let listed: IpAddr = braced[..braced.find('}')?].trim().parse().ok()?;
        (listed == ip).then(|| host::clean(name)).flatten()
    });
    Some((host, Some(ip)))
}

/// `mx.example.net[192.0.2.9]`, `mx.example.net [192.0.2.9]`,
/// `mx.example.net (192.0.2.9)`, `mx.example.net.:`, `[192.0.2.9]`, `192.0.2.9`.
fn host_after(text: &str) -> Option<(Option<String>, Option<IpAddr>)> {
    let text = text.trim_start();
    let name_end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '[' | '(' | ',' | ';' | '\'' | '"'))
        .unwrap_or(text.len());
    let name = text[..name_end].trim_end_matches([':', ',']);
    let after = text[name_end..].trim_start_matches([' ', '\t']);
    let bracket_ip = if after.starts_with(['[', '(']) {
        let close = after.find([']', ')']).unwrap_or(after.len());
        host::find_ip(&after[..close])
    } else {
        None
    };
    if name.is_empty() {
        return bracket_ip.map(|ip| (None, Some(ip)));
    }
    if let Some(ip) =
        host::find_ip(name).filter(|_| name.trim_matches(['[', ']', '.']).parse::<IpAddr>().is_ok())
    {
        return Some((None, Some(ip)));
    }
    let host = host::clean(name).filter(|h| h.contains('.'))?;
    Some((Some(host), bracket_ip))
}

/// Who wrote the bounce, when the text says.
fn reporting_mta(human: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "this is the mail system at host ",
        "this is the qmail-send program at ",
        "delivery status notification from ",
        "generating server: ",
        "generierender server: ",
        "serveur de génération : ",
        "reporting-mta: dns; ",
        "reporting-mta: dns;",
    ];
    let lower = human.to_ascii_lowercase();
    KEYS.iter()
        .find_map(|key| {
            let pos = lower.find(key)?;
            let rest = human.get(pos + key.len()..)?;
            let word = rest.split(|c: char| c.is_whitespace() || c == ',').next()?;
            host::clean(word.trim_end_matches(['.', ':'])).filter(|h| h.contains('.'))
        })
        .or_else(|| {
            // Exchange 2003: `<mail.example.org #5.7.1 smtp;550 ...>`.
            human.lines().find_map(|line| {
                let (name, after) = line.trim().strip_prefix('<')?.split_once(" #")?;
                after
                    .starts_with(|c: char| c.is_ascii_digit())
                    .then(|| host::clean(name))
                    .flatten()
                    .filter(|h| h.contains('.'))
            })
        })
}

/// The first address in the text that is not the original sender or a
/// mail daemon.
fn first_address(human: &str, not_recipients: &[String]) -> Option<String> {
    mailbox::addresses_in(human)
        .filter(|w| mailbox::is_address(w) && !mailbox::is_daemon(w))
        .find(|w| !not_recipients.iter().any(|n| n.eq_ignore_ascii_case(w)))
        .map(str::to_string)
}

/// The human text, on one line, for classification.
fn explanation(human: &str) -> String {
    truncate(&crate::words::collapse_whitespace(human))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Outcome {
        let r = read(text, None, &[], &[]);
        assert_eq!(r.outcomes.len(), 1, "{:?}", r.outcomes);
        r.outcomes.into_iter().next().unwrap()
    }

    fn code(o: &Outcome) -> Option<u16> {
        o.reply_code.map(|c| c.value())
    }

    fn status(o: &Outcome) -> Option<String> {
        o.status.map(|s| s.to_string())
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn postfix_said_in_reply_to() {
        let o = one("This is the mail system at host mail.example.org.\n\n\
<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1\n    <bob@example.net>: Recipient address rejected: User unknown in virtual\n    mailbox table (in reply to RCPT TO command)\n");
        assert_eq!(o.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(code(&o), Some(550));
        assert_eq!(status(&o).as_deref(), Some("5.1.1"));
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(o.remote_ip, ip("192.0.2.9"));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some(
                "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table"
            )
        );
    }

    #[test]
    fn postfix_connect_failure_has_no_code() {
        let o = one(
            "<bob@example.com>: connect to mx.example.com[198.51.100.20]:25: Connection refused\n",
        );
        assert_eq!(code(&o), None);
        assert_eq!(o.stage, Some(SmtpStage::Connect));
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.com"));
        assert_eq!(o.remote_ip, ip("198.51.100.20"));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("connect to mx.example.com[198.51.100.20]:25: Connection refused")
        );
    }

    #[test]
    fn exim_new_and_old_layouts() {
        let o = one(
            "A message that you sent could not be delivered.\n\n  bob@example.net\n    host mx.example.net [192.0.2.9]\n    SMTP error from remote mail server after RCPT TO:<bob@example.net>:\n    550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n",
        );
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(550), Some("5.1.1"))
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (Some("mx.example.net"), ip("192.0.2.9"))
        );

        let o = one(
            "  bob@example.com\n    SMTP error from remote mail server after MAIL FROM:<alice@example.org> SIZE=31457280:\n    host mx.example.com [198.51.100.20]: 552 5.3.4 Message size exceeds fixed limit\n",
        );
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(552), Some("5.3.4"))
        );
        assert_eq!(o.stage, Some(SmtpStage::Mail));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (Some("mx.example.com"), ip("198.51.100.20"))
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("552 5.3.4 Message size exceeds fixed limit")
        );
    }

    #[test]
    fn sendmail_transcript() {
        let o = one(
            "   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>\n    (reason: 550 5.1.1 <bob@example.net>... User unknown)\n\n   ----- Transcript of session follows -----\n... while talking to mx.example.net.:\n>>> RCPT To:<bob@example.net>\n<<< 550 5.1.1 <bob@example.net>... User unknown\n550 5.1.1 bob@example.net... User unknown\n",
        );
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(550), Some("5.1.1"))
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (Some("mx.example.net"), None)
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>... User unknown")
        );
    }

    #[test]
    fn transcript_without_command_is_the_greeting() {
        assert_eq!(
            transcript_stage("<<< 554 go away\n"),
            Some(SmtpStage::Connect)
        );
        assert_eq!(
            transcript_stage(">>> DATA\n<<< 354 go\n>>> .\n<<< 554 spam\n"),
            Some(SmtpStage::EndOfData)
        );
        assert_eq!(
            transcript_stage(">>> MAIL From:<a@b.example>\n<<< 553 no\n"),
            Some(SmtpStage::Mail)
        );
        assert_eq!(
            transcript_stage(">>> EHLO x\n<<< 550 bad helo\n"),
            Some(SmtpStage::Helo)
        );
        assert_eq!(transcript_stage(">>> NOOP\n<<< 550 x\n"), None);
    }

    #[test]
    fn qmail_remote_is_an_ip() {
        let o = one(
            "Hi. This is the qmail-send program at mail.example.org.\n\n<bob@example.net>:\n192.0.2.9 does not like recipient.\nRemote host said: 550 5.1.1 <bob@example.net>: User unknown\nGiving up on 192.0.2.9.\n",
        );
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(550), Some("5.1.1"))
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (None, ip("192.0.2.9"))
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>: User unknown")
        );
    }

    #[test]
    fn qmail_bare_status() {
        let o = one(
            "<bob@nohost.example>:\nSorry, I couldn't find any host named nohost.example. (#5.1.2)\n",
        );
        assert_eq!((code(&o), status(&o).as_deref()), (None, Some("5.1.2")));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("Sorry, I couldn't find any host named nohost.example. (#5.1.2)")
        );
        assert_eq!((o.remote_mta.as_deref(), o.remote_ip), (None, None));
    }

    #[test]
    fn exchange_remote_server_returned() {
        let o = one(
            "Delivery has failed to these recipients or groups:\n\nbob@example.net\nThe e-mail address you entered couldn't be found.\n\nDiagnostic information for administrators:\n\nGenerating server: mail.example.org\n\nbob@example.net\nRemote Server returned '550 5.7.26 Unauthenticated email is not accepted'\n",
        );
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(550), Some("5.7.26"))
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.7.26 Unauthenticated email is not accepted")
        );
        assert_eq!(o.stage, None);
        let r = read(
            "Generating server: mail.example.org\n\nbob@example.net\nmx.example.net #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n",
            None,
            &[],
            &[],
        );
        assert_eq!(r.reporting_mta.as_deref(), Some("mail.example.org"));
        let o = &r.outcomes[0];
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")
        );
    }

    #[test]
    fn gmail_response_was() {
        let o = one(
            "** Address not found **\n\nYour message wasn't delivered to bob@example.net because the address couldn't be found.\n\nThe response from the remote server was:\n550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n",
        );
        assert_eq!(o.recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(550), Some("5.1.1"))
        );
    }

    #[test]
    fn multi_line_reply_lines_are_joined() {
        let o = one(
            "The response was:\n\n550-5.7.26 This mail is unauthenticated.\n550-5.7.26 To protect our users from spam, mail sent\n550 5.7.26 must pass SPF or DKIM.\n",
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some(
                "550 5.7.26 This mail is unauthenticated. To protect our users from spam, mail sent must pass SPF or DKIM."
            )
        );
    }

    #[test]
    fn yahoo_and_courier_stages() {
        let o = one(
            "<bob@example.net>:\nRemote host said: 554 5.7.9 Message not accepted for policy reasons [BODY]\n",
        );
        assert_eq!(o.stage, Some(SmtpStage::EndOfData));
        let o = one(
            "<bob@example.net>:\n    mx.example.net [192.0.2.9]:\n>>> RCPT TO:<bob@example.net>\n<<< 552 5.2.2 <bob@example.net>: Mailbox full\n",
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (Some("mx.example.net"), ip("192.0.2.9"))
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("552 5.2.2 <bob@example.net>: Mailbox full")
        );
    }

    #[test]
    fn the_senders_ip_in_a_reply_is_not_the_remote() {
        let o = one(
            "<bob@example.com>: host mx.example.com[198.51.100.20] said: 554 5.7.1\n    Service unavailable; Client host [203.0.113.5] blocked using\n    zen.spamhaus.example (in reply to RCPT TO command)\n",
        );
        assert_eq!(o.remote_ip, ip("198.51.100.20"));
        let o = one("Mail delivery failed.\nReason: 554 5.7.1 Client host [203.0.113.5] blocked\n");
        assert_eq!(o.remote_ip, None);
    }

    #[test]
    fn several_recipients_keep_their_own_details() {
        let r = read(
            "<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1 User\n    unknown (in reply to RCPT TO command)\n\n<carol@example.com>: host mx.example.com[198.51.100.20] said: 452 4.2.2\n    Mailbox full (in reply to RCPT TO command)\n",
            None,
            &[],
            &[],
        );
        let got: Vec<_> = r
            .outcomes
            .iter()
            .map(|o| (o.recipient.clone().unwrap(), code(o), o.remote_ip))
            .collect();
        assert_eq!(
            got,
            [
                ("bob@example.net".to_string(), Some(550), ip("192.0.2.9")),
                (
                    "carol@example.com".to_string(),
                    Some(452),
                    ip("198.51.100.20")
                ),
            ]
        );
    }

    #[test]
    fn returned_copy_is_cut_and_its_headers_kept() {
        let text = "Something failed: 550 5.1.1 no\n\n------ This is a copy of the message, including all the headers. ------\n\nReturn-path: <alice@example.org>\nReceived: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: hi\n\nbody 554 5.7.1 spam\n";
        let r = read(text, None, &[], &[]);
        assert_eq!(
            r.quoted_headers.as_deref(),
            Some(
                "Return-path: <alice@example.org>\nReceived: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: hi"
            )
        );
        assert_eq!(r.outcomes[0].reply_code.map(|c| c.value()), Some(550));
    }

    #[test]
    fn delays_are_told_from_failures() {
        assert!(
            read(
                "This is a warning only. 451 4.7.1 try later",
                None,
                &[],
                &[]
            )
            .delayed
        );
        assert!(read("x", Some("Delayed Mail (still being retried)"), &[], &[]).delayed);
        assert!(!read("This is a permanent error; I've given up.", None, &[], &[]).delayed);
    }

    #[test]
    fn plain_letters_are_no_bounce() {
        let r = read(
            "Hi Bob,\n\nI am out of the office until Monday.\n\nAlice\n",
            Some("Out of Office: Lunch"),
            &[],
            &[],
        );
        assert_eq!(r.family, None);
        assert!(r.outcomes.is_empty());
    }

    #[test]
    fn recipient_from_text_skips_the_sender() {
        let r = read(
            "Your message to bob@example.net could not be delivered.\nReason: 550 5.1.1 unknown",
            None,
            &[],
            &["alice@example.org".to_string()],
        );
        assert_eq!(r.outcomes[0].recipient.as_deref(), Some("bob@example.net"));
        assert_eq!(
            first_address(
                "From alice@example.org to MAILER-DAEMON@example.org and carol@example.com.",
                &["alice@example.org".into()]
            ),
            Some("carol@example.com".into())
        );
    }

    #[test]
    fn reporting_mta_phrases() {
        assert_eq!(
            reporting_mta("This is the mail system at host mail.example.org.\n"),
            Some("mail.example.org".into())
        );
        assert_eq!(
            reporting_mta("Hi. This is the qmail-send program at mail.example.org.\n"),
            Some("mail.example.org".into())
        );
        assert_eq!(
            reporting_mta(
                "This is a delivery status notification from mail.example.org,\nrunning the Courier mail server"
            ),
            Some("mail.example.org".into())
        );
        assert_eq!(reporting_mta("nothing here"), None);
    }

    #[test]
    fn exchange_2003_names_the_reporting_server_not_the_remote() {
        let o = one(
            "      bob@example.com on 23/11/2026 10:15\n            You do not have permission to send to this recipient.\n            <mail.example.org #5.7.1 smtp;550 5.7.1 Unable to relay for bob@example.com>\n",
        );
        assert_eq!(
            (code(&o), status(&o).as_deref()),
            (Some(550), Some("5.7.1"))
        );
        assert_eq!(o.remote_mta, None);
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.7.1 Unable to relay for bob@example.com")
        );
        assert_eq!(
            reporting_mta("            <mail.example.org #5.7.1 smtp;550 5.7.1 Unable to relay>"),
            Some("mail.example.org".into())
        );
    }

    #[test]
    fn gmail_connect_wording() {
        assert_eq!(
            stage_of(
                "The recipient server did not accept our requests to connect. [mx.example.net. 192.0.2.9: timed out]"
            ),
            Some(SmtpStage::Connect)
        );
    }

    #[test]
    fn host_shapes() {
        assert_eq!(
            host_after("mx.example.net[192.0.2.9]:25"),
            Some((Some("mx.example.net".into()), ip("192.0.2.9")))
        );
        assert_eq!(
            host_after("192.0.2.9[192.0.2.9] said"),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(
            host_after("mx.example.net.:"),
            Some((Some("mx.example.net".into()), None))
        );
        assert_eq!(host_after("said: 550"), None);
        assert_eq!(
            host_after("[192.0.2.9] blocked"),
            Some((None, ip("192.0.2.9")))
        );
        assert_eq!(host_after(""), None);
    }

    #[test]
    fn one_transcript_after_several_recipients_gives_each_its_stage() {
        let text = "... while talking to mx.example.net.:\n>>> MAIL From:<a@example.org>\n<<< 250 OK\n>>> RCPT To:<Judy@example.net>\n<<< 550 5.1.1 User unknown\n>>> RCPT To:<kim@example.net>\n<<< 452 4.2.2 Over quota\n";
        assert_eq!(
            transcript_stage_for(text, "judy@example.net"),
            Some(SmtpStage::Rcpt)
        );
        assert_eq!(
            transcript_stage_for(text, "kim@example.net"),
            Some(SmtpStage::Rcpt)
        );
        assert_eq!(transcript_stage_for(text, "kurt@example.com"), None);
        assert_eq!(transcript_stage(text), Some(SmtpStage::Rcpt));
    }

    #[test]
    fn exchange_names_its_last_attempt_inside_the_quoted_reply() {
        let text = "Remote Server returned '550 4.4.7 QUEUE.Expired; message expired [LastAttemptedServerName=MX.example.net.] [LastAttemptedIP=192.0.2.9:25]'";
        assert_eq!(
            exchange_last_attempt(text),
            Some((
                Some("mx.example.net".into()),
                Some("192.0.2.9".parse().unwrap())
            ))
        );
        assert_eq!(exchange_last_attempt("550 5.1.1 not found"), None);
    }

    #[test]
    fn held_out_layouts_name_stage_and_remote() {
        // MDaemon: timestamped `-->`/`<--` transcript and the MX lookup.
        let o = one(
            "The attached message had PERMANENT fatal delivery errors!\n\n--- Session Transcript ---\n Mon 2026-11-23 10:15:07.230: Attempting SMTP connection to [example.net]\n Mon 2026-11-23 10:15:07.250: *  P=010 D=example.net TTL=(300) MX=[mx.example.net] {192.0.2.9}\n Mon 2026-11-23 10:15:07.251: Attempting SMTP connection to [192.0.2.9:25]\n Mon 2026-11-23 10:15:07.420: <-- 220 mx.example.net ESMTP\n Mon 2026-11-23 10:15:07.521: --> RCPT To:<bob@example.net>\n Mon 2026-11-23 10:15:07.580: <-- 550 5.1.1 <bob@example.net>: User unknown\n--- End Transcript ---\n",
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (Some("mx.example.net"), ip("192.0.2.9"))
        );
        // hMailServer.
        let o = one(
            "The following recipient(s) could not be reached:\n\nbob@example.net\n   Error Type: SMTP\n   Remote server (192.0.2.77) issued an error.\n   hMailServer sent: RCPT TO:<bob@example.net>\n   Remote server replied: 554 5.7.1 <bob@example.net>: Relay access denied\n",
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(o.remote_ip, ip("192.0.2.77"));
        // GMX / web.de.
        let o = one(
            "bob@example.net:\nSMTP error from remote server for RCPT TO command, host: mx.example.net (192.0.2.9) reason: 552 5.2.2 Mailbox full\n",
        );
        assert_eq!(o.stage, Some(SmtpStage::Rcpt));
        assert_eq!(
            (o.remote_mta.as_deref(), o.remote_ip),
            (Some("mx.example.net"), ip("192.0.2.9"))
        );
        assert_eq!(code(&o), Some(552));
        // Lotus Domino.
        let o = one(
            "was not delivered to:\n\n  bob@example.net\n\nbecause:\n\n  Error transferring to mx.example.net; SMTP Protocol Returned a Permanent Error 552 5.2.2 Mailbox quota exceeded\n",
        );
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.net"));
        // Exim with pipelining.
        let o = one(
            "  bob@example.com\n    host mx.example.com [198.51.100.27]\n    SMTP error from remote mail server after pipelined end of data:\n    550 5.7.25 PTR record missing\n",
        );
        assert_eq!(o.stage, Some(SmtpStage::EndOfData));
    }
}
