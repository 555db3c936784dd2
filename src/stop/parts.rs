//! Finding the pieces of a bounce with mail-parser's full MIME parse: the
//! human-readable text, the machine-readable delivery-status part, and the
//! returned message (`message/rfc822`, `message/global`) or its headers
//! (`text/rfc822-headers`, `message/global-headers`).
//!
//! Only the bounce's own top-level parts are looked at; a message nested
//! inside the returned message is never walked, so nesting depth costs
//! nothing here.

use std::borrow::Cow;

use mail_parser::decoders::html::html_to_text;
use mail_parser::{Encoding, Message, MessageParser, MessagePart, MimeHeaders, PartType};

/// Where the hop chain of a bounce comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnedSource {
    /// A `message/rfc822` (or RFC 6533 `message/global`) part.
    MessagePart,
    /// A `text/rfc822-headers` (or `message/global-headers`) part.
    HeadersPart,
    /// Headers quoted in the bounce's text.
    QuotedText,
}

impl ReturnedSource {
    pub fn describe(self) -> &'static str {
        match self {
            ReturnedSource::MessagePart => "its message/rfc822 part",
            ReturnedSource::HeadersPart => "its text/rfc822-headers part",
            ReturnedSource::QuotedText => "the headers quoted in its text",
        }
    }
}

/// The most `message/rfc822` (or `message/global`) parts a bounce may
/// contain for the full MIME parse to run. Real bounces nest one to three;
/// crafted ones nest thousands, and the parse then costs memory many times
/// the input (and, dropped recursively, stack).
pub const MAX_NESTED_MESSAGES: usize = 100;

/// The pieces of a bounce.
#[derive(Debug, Default)]
pub struct BounceParts {
    /// More than [`MAX_NESTED_MESSAGES`] nested messages: nothing was parsed.
    pub too_nested: bool,
    /// The text of the first delivery-status part.
    pub delivery_status: Option<String>,
    /// The human-readable text (text/plain parts, else text/html as text).
    pub human_text: String,
    /// The returned message or its headers, as bytes.
    pub returned: Option<(Vec<u8>, ReturnedSource)>,
}

/// Splits a bounce into its pieces. Never fails: what is missing stays empty.
pub fn split(bytes: &[u8]) -> BounceParts {
    if nested_messages(bytes) > MAX_NESTED_MESSAGES {
        return BounceParts {
            too_nested: true,
            ..BounceParts::default()
        };
    }
    let Some(message) = MessageParser::default().parse(bytes) else {
        return BounceParts::default();
    };
    let out = pieces(&message);
    drop_flat(message);
    out
}

fn pieces(message: &Message<'_>) -> BounceParts {
    let mut out = BounceParts::default();
    let mut plain: Vec<String> = Vec::new();
    let mut html: Vec<String> = Vec::new();
    for (index, part) in message.parts.iter().enumerate() {
        let (ctype, subtype) = match part.content_type() {
            Some(ct) => (
                ct.ctype().to_ascii_lowercase(),
                ct.subtype().unwrap_or("").to_ascii_lowercase(),
            ),
            None if index == 0 || !matches!(part.body, PartType::Multipart(_)) => {
                ("text".to_string(), "plain".to_string())
            }
            None => continue,
        };
        match (ctype.as_str(), subtype.as_str()) {
            ("multipart", _) => {}
            // `delivery-status`, `global-delivery-status`, and vendors'
            // experimental names for it (XWall's `xdelivery-status`).
            ("message", sub)
                if sub.ends_with("delivery-status") && out.delivery_status.is_none() =>
            {
                let raw = part_bytes(message, part);
                let text = String::from_utf8_lossy(&raw).into_owned();
                // A part so labelled that holds prose, not RFC 3464 fields,
                // is human text; a later such part may hold the fields.
                if has_recipient_fields(&text) {
                    out.delivery_status = Some(text);
                } else {
                    plain.push(text);
                }
            }
            ("message", "rfc822" | "global") if out.returned.is_none() => {
                let raw = undo_transfer_encoding(part, part_bytes(message, part).into_owned());
                out.returned = Some((raw, ReturnedSource::MessagePart));
            }
            ("text", "rfc822-headers") | ("message", "global-headers")
                if out.returned.is_none() =>
            {
                let raw = undo_transfer_encoding(part, part_bytes(message, part).into_owned());
                out.returned = Some((raw, ReturnedSource::HeadersPart));
            }
            ("text", "plain") => {
                if let PartType::Text(t) = &part.body {
                    plain.push(t.to_string());
                }
            }
            ("text", "html") => {
                if let PartType::Html(h) | PartType::Text(h) = &part.body {
                    html.push(html_to_text(h));
                }
            }
            _ => {}
        }
    }
    out.human_text = if plain.is_empty() { html } else { plain }.join("\n\n");
    out
}

impl BounceParts {
    /// A report whose MIME structure could not be read (a boundary that no
    /// line uses, a part's headers broken) yields no part at all: then the
    /// whole body is its text, and the RFC 3464 fields in it are read as
    /// its delivery-status part. The server's reply and `Status: 5.1.1`
    /// are still there.
    pub fn or_whole_body(self, bytes: &[u8]) -> BounceParts {
        if self.too_nested || self.delivery_status.is_some() || !self.human_text.trim().is_empty() {
            return self;
        }
        let body = body_of(bytes);
        let text = String::from_utf8_lossy(body).into_owned();
        BounceParts {
            delivery_status: has_recipient_fields(&text).then(|| text.clone()),
            human_text: text,
            ..self
        }
    }
}

/// Whether a text holds RFC 3464 per-recipient fields (`Final-Recipient:`,
/// `Original-Recipient:`, `Action:`, `Status:`).
pub fn has_recipient_fields(text: &str) -> bool {
    text.lines().any(|l| {
        [
            "final-recipient:",
            "original-recipient:",
            "action:",
            "status:",
        ]
        .iter()
        .any(|f| l.get(..f.len()).is_some_and(|p| p.eq_ignore_ascii_case(f)))
    })
}

/// The bytes after the header block (after its first empty line).
fn body_of(bytes: &[u8]) -> &[u8] {
    let mut at = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        at += line.len();
        if line.trim_ascii().is_empty() {
            return &bytes[at..];
        }
    }
    &[]
}

/// How many parts declare a nested message type: a cheap count over the
/// raw lines, before any parsing.
fn nested_messages(bytes: &[u8]) -> usize {
    const NAME: &[u8] = b"content-type:";
    bytes
        .split(|&b| b == b'\n')
        .filter(|line| {
            line.len() > NAME.len() && line[..NAME.len()].eq_ignore_ascii_case(NAME) && {
                let value = line[NAME.len()..].trim_ascii_start();
                ["message/rfc822", "message/global"].iter().any(|t| {
                    value.len() >= t.len()
                        && value[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                        && value.get(t.len()) != Some(&b'-')
                })
            }
        })
        .count()
}

/// Drops a parsed message without recursion: mail-parser's messages nest
/// one `Message` per `message/rfc822` level, and the default drop recurses
/// once per level.
fn drop_flat(message: Message<'_>) {
    let mut stack = vec![message];
    while let Some(mut m) = stack.pop() {
        for part in &mut m.parts {
            if matches!(part.body, PartType::Message(_))
                && let PartType::Message(nested) = std::mem::take(&mut part.body)
            {
                stack.push(nested);
            }
        }
    }
}

/// A part's content: decoded text or bytes, or, for a nested message, its
/// raw bytes in the bounce.
fn part_bytes<'a>(message: &'a Message<'a>, part: &'a MessagePart<'a>) -> Cow<'a, [u8]> {
    match &part.body {
        PartType::Text(t) | PartType::Html(t) => Cow::Borrowed(t.as_bytes()),
        PartType::Binary(b) | PartType::InlineBinary(b) => Cow::Borrowed(b.as_ref()),
        PartType::Message(nested) if part.encoding != Encoding::None => {
            Cow::Borrowed(nested.raw_message.as_ref())
        }
        PartType::Message(_) => {
            let raw = message.raw_message.as_ref();
            let start = part.offset_body as usize;
            let end = part.offset_end as usize;
            Cow::Borrowed(
                raw.get(start..end)
                    .or_else(|| raw.get(start..))
                    .unwrap_or(&[]),
            )
        }
        PartType::Multipart(_) => Cow::Borrowed(&[]),
    }
}

/// The returned message as sent, when it was sent quoted-printable or
/// base64 (RFC 2046 §5.2.1 forbids encoding a message/rfc822 part, but
/// gateways do it) and mail-parser kept the encoded text: it gives up on
/// a part whose closing boundary is missing (a truncated bounce) or whose
/// quoted-printable is broken (`==`). Decoded here leniently: what cannot
/// be decoded is kept as written.
fn undo_transfer_encoding(part: &MessagePart<'_>, raw: Vec<u8>) -> Vec<u8> {
    if matches!(part.body, PartType::Message(_)) || part.encoding != Encoding::None {
        return raw;
    }
    let declared = part
        .content_transfer_encoding()
        .map(|e| e.trim().to_ascii_lowercase());
    match declared.as_deref() {
        Some("quoted-printable") => {
            let mut out = Vec::with_capacity(raw.len());
            let mut i = 0;
            while let Some(&b) = raw.get(i) {
                let hex = |at: usize| raw.get(at).and_then(|c| (*c as char).to_digit(16));
                match (b, raw.get(i + 1)) {
                    // A soft line break: `=` at the end of a line.
                    (b'=', Some(b'\n')) => i += 2,
                    (b'=', Some(b'\r')) if raw.get(i + 2) == Some(&b'\n') => i += 3,
                    (b'=', _) => match (hex(i + 1), hex(i + 2)) {
                        (Some(h), Some(l)) => {
                            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                            i += 3;
                        }
                        _ => {
                            out.push(b'=');
                            i += 1;
                        }
                    },
                    _ => {
                        out.push(b);
                        i += 1;
                    }
                }
            }
            out
        }
        Some("base64") => {
            let value = |c: u8| match c {
                b'A'..=b'Z' => Some(c - b'A'),
                b'a'..=b'z' => Some(c - b'a' + 26),
                b'0'..=b'9' => Some(c - b'0' + 52),
                b'+' => Some(62),
                b'/' => Some(63),
                _ => None,
            };
            let sextets: Vec<u8> = raw.iter().filter_map(|&c| value(c)).collect();
            let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
            for group in sextets.chunks(4) {
                let n = group
                    .iter()
                    .enumerate()
                    .fold(0u32, |n, (k, &v)| n | (u32::from(v) << (18 - 6 * k)));
                let bytes = n.to_be_bytes();
                out.extend_from_slice(&bytes[1..group.len()]);
            }
            out
        }
        _ => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "From: MAILER-DAEMON@mail.example.org\r\n\
Subject: Undelivered Mail Returned to Sender\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\
\r\n\
--B\r\n\
Content-Type: text/plain; charset=us-ascii\r\n\
\r\n\
This is the mail system at host mail.example.org.\r\n\
\r\n\
--B\r\n\
Content-Type: message/delivery-status\r\n\
\r\n\
Reporting-MTA: dns; mail.example.org\r\n\
\r\n\
Final-Recipient: rfc822; bob@example.net\r\n\
Action: failed\r\n\
Status: 5.1.1\r\n\
\r\n\
--B\r\n\
Content-Type: message/rfc822\r\n\
\r\n\
Received: from a by mail.example.org; Mon, 23 Nov 2026 10:00:00 +0000\r\n\
Subject: Lunch\r\n\
\r\n\
See you.\r\n\
--B--\r\n";

    #[test]
    fn finds_the_three_parts_of_a_report() {
        let p = split(REPORT.as_bytes());
        assert!(
            p.human_text
                .contains("This is the mail system at host mail.example.org.")
        );
        let ds = p.delivery_status.unwrap();
        assert!(
            ds.contains("Final-Recipient: rfc822; bob@example.net"),
            "{ds}"
        );
        let (returned, source) = p.returned.unwrap();
        assert_eq!(source, ReturnedSource::MessagePart);
        let returned = String::from_utf8(returned).unwrap();
        assert!(
            returned.starts_with("Received: from a by mail.example.org"),
            "{returned:?}"
        );
        assert!(returned.contains("See you."));
    }

    /// A quoted-printable returned message that mail-parser leaves
    /// encoded (the bounce is cut before its closing boundary, or the
    /// encoding is broken) is decoded here; so is a cut base64 one.
    #[test]
    fn encoded_returned_messages_are_decoded() {
        let encoded = "Received: from host.example.com (=5B192.0.2.1=5D) by mx.example.net\r\n \
with ESMTP id 4ZAbCd; Mon, 23 Nov 2026 10:15:02 -000=\r\n0\r\nSubject: Lunch =3D soon, == broken\r\n\r\nSee you.\r\n";
        let report = REPORT.replace(
            "Content-Type: message/rfc822\r\n\r\n",
            "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
        );
        let start = report.find("Received: from a").unwrap();
        let qp = format!("{}{encoded}", &report[..start]);
        for text in [qp.clone(), format!("{qp}--B--\r\n")] {
            let (returned, _) = split(text.as_bytes()).returned.unwrap();
            let returned = String::from_utf8(returned).unwrap();
            assert!(
                returned.starts_with("Received: from host.example.com ([192.0.2.1]) by"),
                "{returned:?}"
            );
            assert!(returned.contains("10:15:02 -0000\r\n"), "{returned:?}");
            assert!(returned.contains("Lunch = soon, == broken"), "{returned:?}");
        }

        let plain = "Received: from a by mail.example.org; Mon, 23 Nov 2026 10:00:00 +0000\r\nSubject: Lunch\r\n\r\nSee you.\r\n";
        let b64 = "UmVjZWl2ZWQ6IGZyb20gYSBieSBtYWlsLmV4YW1wbGUub3JnOyBNb24sIDIzIE5vdiAyMDI2IDEw\r\nOjAwOjAwICswMDAwDQpTdWJqZWN0OiBMdW5jaA0KDQpTZWUgeW91Lg0K\r\n";
        let cut = format!(
            "{}{b64}",
            &report[..start].replace("quoted-printable", "base64")
        );
        let (returned, _) = split(cut.as_bytes()).returned.unwrap();
        assert_eq!(String::from_utf8(returned).unwrap(), plain);
    }

    #[test]
    fn headers_only_and_global_parts() {
        let text = REPORT
            .replace("message/delivery-status", "message/global-delivery-status")
            .replace(
                "Content-Type: message/rfc822",
                "Content-Type: text/rfc822-headers",
            );
        let p = split(text.as_bytes());
        assert!(p.delivery_status.is_some());
        assert_eq!(p.returned.unwrap().1, ReturnedSource::HeadersPart);
    }

    #[test]
    fn a_single_part_bounce_is_all_text() {
        let p = split(b"From: MAILER-DAEMON@example.org\nSubject: failure\n\nHi. This is the qmail-send program.\n");
        assert_eq!(p.human_text.trim(), "Hi. This is the qmail-send program.");
        assert!(p.delivery_status.is_none());
        assert!(p.returned.is_none());
    }

    #[test]
    fn nesting_is_counted_before_parsing() {
        let nested = "Content-Type: message/rfc822\n\n".repeat(MAX_NESTED_MESSAGES + 1);
        let msg = format!(
            "From: MAILER-DAEMON@example.org\nContent-Type: multipart/report; boundary=B\n\n--B\n{nested}"
        );
        let p = split(msg.as_bytes());
        assert!(p.too_nested);
        assert_eq!(nested_messages(b"content-type: Message/Global\nContent-Type: message/global-headers\nContent-Type:message/rfc822; x\n"), 2);
        assert!(!split(REPORT.as_bytes()).too_nested);
    }

    #[test]
    fn deep_parses_are_dropped_without_recursion() {
        let level = "Content-Type: message/rfc822\n\n";
        let msg = format!(
            "Subject: x\n{}Subject: bottom\n\nbody\n",
            level.repeat(20_000)
        );
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let parsed = MessageParser::default().parse(msg.as_bytes()).unwrap();
                drop_flat(parsed);
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
    }

    #[test]
    fn a_delivery_status_part_of_prose_is_text_and_the_next_one_is_read() {
        let text = REPORT.replace(
            "--B\r\nContent-Type: message/delivery-status\r\n",
            "--B\r\nContent-Type: message/delivery-status;\r\n\r\nbob has restricted incoming mail\r\n\r\n--B\r\nContent-Type: message/delivery-status\r\n",
        );
        let p = split(text.as_bytes());
        assert!(
            p.human_text.contains("has restricted incoming mail"),
            "{}",
            p.human_text
        );
        assert!(p.delivery_status.unwrap().contains("Status: 5.1.1"));
        // A vendor's experimental name for the part.
        let text = REPORT.replace("message/delivery-status", "message/xdelivery-status");
        assert!(split(text.as_bytes()).delivery_status.is_some());
    }

    #[test]
    fn a_broken_structure_is_read_whole() {
        let text = REPORT.replace("--B", "--LOST");
        let p = split(text.as_bytes()).or_whole_body(text.as_bytes());
        assert!(p.human_text.contains("This is the mail system"));
        assert!(p.delivery_status.unwrap().contains("Final-Recipient"));
    }

    #[test]
    fn html_only_bounces_are_read_as_text() {
        let msg = "From: postmaster@example.org\nContent-Type: text/html\n\n<p>Delivery has failed to these recipients:</p><p>bob@example.net</p>\n";
        let p = split(msg.as_bytes());
        assert!(
            p.human_text.contains("Delivery has failed"),
            "{}",
            p.human_text
        );
        assert!(!p.human_text.contains("<p>"));
    }
}
