//! Telling a bounce from other mail.
//!
//! [`hint`] runs on every message and reads only its headers (the content
//! type, the sender, the subject, `X-Failed-Recipients`), so the full MIME
//! parse ([`super::parts`]) is paid only for messages that may be bounces.
//! Auto-replies and read receipts are not bounces. A notice whose headers
//! say nothing ([`body_hint`]) still has an RFC 3464 part, or an Amazon SES
//! bounce notification, in the first bytes of its body. Once the parts are
//! read, [`is_bounce`] decides whether what they say makes the message one.

use super::phrases;
use crate::message::ParsedMessage;
use crate::{host, mailbox};

/// Why the headers suggest a bounce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `multipart/report; report-type=delivery-status` (or global).
    Report,
    /// A mailer-daemon sender, a bounce subject or `X-Failed-Recipients`.
    Likely,
}

/// Whether the headers say the message may be a bounce, and why.
pub fn hint(p: &ParsedMessage) -> Option<Hint> {
    let content_type = p.content_type.as_deref().unwrap_or("").to_ascii_lowercase();
    if content_type.starts_with("multipart/report") {
        // Read receipts (disposition-notification) and other reports are not bounces.
        return if content_type.contains("delivery-status") {
            Some(Hint::Report)
        } else if content_type.contains("report-type") {
            None
        } else {
            Some(Hint::Likely)
        };
    }
    let subject = p.summary.subject.as_deref().unwrap_or("").to_lowercase();
    if phrases::all(|p| p.auto_replies).any(|s| subject.starts_with(s)) {
        return None;
    }
    let from = p.summary.from.as_deref().unwrap_or("").to_lowercase();
    let likely = phrases::all(|p| p.senders).any(|s| from.contains(s))
        || phrases::all(|p| p.bounce_words).any(|(w, c)| c.in_subject() && subject.contains(w))
        || p.failed_recipients.is_some()
        || null_sender(p);
    likely.then_some(Hint::Likely)
}

/// Whether the message came with the null reverse-path `<>`: delivery
/// reports must (RFC 5321 §4.5.5, RFC 3464 §2), and so do auto-replies,
/// which the text then tells apart. The topmost `Return-Path:` is the
/// one the final delivery wrote.
fn null_sender(p: &ParsedMessage) -> bool {
    p.fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case("return-path"))
        .is_some_and(|f| f.value.trim() == "<>")
}

/// How far into the body [`body_hint`] looks: reports put their parts
/// near the top, and the scan must cost no more for a large message.
pub const BODY_HINT_BYTES: usize = 64 * 1024;

/// For a message whose headers suggest nothing: a part typed
/// `message/delivery-status` (a gateway's report sent as
/// `multipart/mixed` by an ordinary sender) makes it a report, and an
/// Amazon SES bounce notification (`"notificationType":"Bounce"`, plain
/// or quoted inside an SNS envelope) a likely one.
pub fn body_hint(bytes: &[u8]) -> Option<Hint> {
    let head = &bytes[..bytes.len().min(BODY_HINT_BYTES)];
    let status_part = head.split(|&b| b == b'\n').any(|line| {
        const NAME: &[u8] = b"content-type:";
        line.len() > NAME.len() && line[..NAME.len()].eq_ignore_ascii_case(NAME) && {
            let value = line[NAME.len()..].trim_ascii_start();
            [
                &b"message/delivery-status"[..],
                b"message/global-delivery-status",
            ]
            .iter()
            .any(|t| value.len() >= t.len() && value[..t.len()].eq_ignore_ascii_case(t))
        }
    });
    if status_part {
        return Some(Hint::Report);
    }
    const KEY: &[u8] = b"notificationType";
    let ses_bounce = head
        .windows(KEY.len())
        .enumerate()
        .filter(|(_, w)| *w == KEY)
        .any(|(at, _)| {
            // `"notificationType":"Bounce"`, or `\"notificationType\":\"Bounce\"`
            // inside an SNS envelope, spaced as the writer likes.
            let value: Vec<u8> = head[at + KEY.len()..]
                .iter()
                .take(40)
                .filter(|b| !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\\'))
                .copied()
                .collect();
            value.starts_with(b":Bounce")
        });
    ses_bounce.then_some(Hint::Likely)
}

/// What the parts of a hinted message say, for [`is_bounce`].
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    pub hint: Hint,
    /// Recipient blocks in the delivery-status part.
    pub dsn_recipients: usize,
    /// The text reads like a bounce (a known layout, or words that say
    /// delivery failed).
    pub text_recognised: bool,
    /// The text quotes a refusal (a reply code, a status...).
    pub refusal_quoted: bool,
    /// The message nests too many messages to be parsed.
    pub too_nested: bool,
    /// The text asks the sender to answer a challenge ("add yourself to my
    /// Guest List") and no code in it is a permanent failure: the message
    /// is held, not refused (Boxbe sends such notices as reports).
    pub challenge: bool,
}

/// Whether a hinted message is a bounce. A report in a layout the reader
/// does not know (another language) still counts when its sender or
/// subject says bounce and its text quotes a refusal.
pub fn is_bounce(e: &Evidence) -> bool {
    !e.challenge
        && (e.dsn_recipients > 0
            || e.text_recognised
            || e.refusal_quoted
            || e.hint == Hint::Report
            || e.too_nested)
}

/// Whether a notice is a challenge-response: its text asks the sender to
/// prove itself, and none of `recipients` failed for good.
pub fn is_challenge(human: &str, recipients: &[&crate::model::Recipient]) -> bool {
    let lower = human.to_lowercase();
    let permanent = recipients.iter().any(|r| {
        r.status.is_some_and(|s| s.class == 5) || r.reply_code.is_some_and(|c| c.class() == 5)
    });
    !permanent && phrases::all(|p| p.challenges).any(|c| lower.contains(c))
}

/// `mail.example.org` from `Mail Delivery System <MAILER-DAEMON@mail.example.org>`:
/// the host of a mail-daemon sender, the notice's writer.
pub fn daemon_host(from: Option<&str>) -> Option<String> {
    mailbox::addresses_in(from?)
        .filter(|a| mailbox::is_daemon(a))
        .find_map(|a| host::clean(a.rsplit_once('@')?.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message;

    #[test]
    fn daemon_host_is_the_notice_writer_s_domain() {
        assert_eq!(
            daemon_host(Some(
                "Mail Delivery System <MAILER-DAEMON@Mail.Example.org>"
            )),
            Some("mail.example.org".into())
        );
        assert_eq!(daemon_host(Some("Alice <alice@example.org>")), None);
    }

    fn parsed(headers: &str) -> ParsedMessage {
        message::parse(headers.as_bytes()).unwrap()
    }

    #[test]
    fn ordinary_messages_auto_replies_and_receipts_are_no_bounce_hint() {
        assert_eq!(
            hint(&parsed("From: alice@example.org\nSubject: Lunch\n\nhi\n")),
            None
        );
        assert_eq!(
            hint(&parsed(
                "From: MAILER-DAEMON@example.org\nSubject: Automatic reply: Lunch\n\nhi\n"
            )),
            None
        );
        assert_eq!(
            hint(&parsed(
                "From: bob@example.net\nContent-Type: multipart/report; report-type=disposition-notification; boundary=x\n\n"
            )),
            None
        );
        assert_eq!(
            hint(&parsed(
                "From: x@example.net\nContent-Type: multipart/report; report-type=\"delivery-status\"; boundary=x\n\n"
            )),
            Some(Hint::Report)
        );
        assert_eq!(
            hint(&parsed(
                "From: Mail Delivery System <MAILER-DAEMON@example.org>\nSubject: x\n\n"
            )),
            Some(Hint::Likely)
        );
        assert_eq!(
            hint(&parsed(
                "From: a@example.org\nX-Failed-Recipients: bob@example.net\n\n"
            )),
            Some(Hint::Likely)
        );
        assert_eq!(
            hint(&parsed(
                "From: a@example.org\nSubject: Unzustellbar: Mittagessen\n\n"
            )),
            Some(Hint::Likely)
        );
    }
}
