//! The message's headers, via mail-parser, with every Received header kept raw.

use crate::model::MessageSummary;
use mail_parser::{Address, HeaderName, MessageParser};

/// The most Received headers read from one message. Real mail has fewer
/// than 30; more is a loop or an attack, and the newest (top) headers are
/// the ones that matter, so the oldest beyond the cap are dropped and the
/// report says so.
pub const MAX_RECEIVED: usize = 1000;

/// What the later stages need from the message's headers.
#[derive(Debug, Clone, Default)]
pub struct ParsedMessage {
    pub summary: MessageSummary,
    /// Raw, unfolded values of the Received headers, topmost (newest) first.
    pub received: Vec<String>,
    /// How many Received headers the message had before the cap.
    pub received_total: usize,
    /// The Content-Type header as written (tells a delivery report).
    pub content_type: Option<String>,
    /// Exim's `X-Failed-Recipients` header (tells a bounce).
    pub failed_recipients: Option<String>,
    /// The authentication, filter and envelope headers, in order, each
    /// with its place among the Received headers.
    pub fields: Vec<Field>,
}

/// One header field that later stages place on the path: its name as
/// written, its unfolded value, and how many Received headers sit above it
/// (0: above every Received header, written by the last server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub received_above: usize,
}

/// Headers whose place on the path matters: what receivers write about
/// authentication, their filters' verdicts and the envelope. Matched
/// without regard to case; an entry ending in `-` is a prefix.
const PLACED_FIELDS: &[&str] = &[
    "authentication-results",
    "authentication-results-original",
    "x-original-authentication-results",
    "arc-authentication-results",
    "arc-seal",
    "arc-message-signature",
    "received-spf",
    "dkim-signature",
    "domainkey-signature",
    "return-path",
    "delivered-to",
    "x-original-to",
    "x-originating-ip",
    "x-forefront-antispam-report",
    "x-microsoft-antispam",
    "x-microsoft-antispam-mailbox-delivery",
    "x-ms-exchange-organization-scl",
    "x-ms-exchange-organization-authas",
    "x-spam",
    // SpamAssassin's family (X-Spam-Status, -Flag, -Level, -Score,
    // -Report, -Checker-Version; Exim's X-Spam_score...) and the copies a
    // forwarder renames (X-Remote-Spam-Status).
    "x-spam-",
    "x-spam_",
    "x-remote-spam-",
    "x-spamd-",
    "x-rspamd-",
    "x-proofpoint-",
    "x-mimecast-",
    "x-barracuda-",
    "x-ironport-",
];

/// The most placed fields kept from one message (a crafted message could
/// carry thousands).
pub const MAX_FIELDS: usize = 500;

/// Whether a header field is one the later stages read in place (the
/// authentication and filter families).
pub fn is_placed(name: &str) -> bool {
    PLACED_FIELDS.iter().any(|f| {
        // An entry ending in a separator names a family by its prefix.
        if f.ends_with(['-', '_']) {
            name.len() > f.len()
                && name
                    .get(..f.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(f))
        } else {
            name.eq_ignore_ascii_case(f)
        }
    })
}

/// Reads the header block of a (normalised) message. Returns `None` when
/// there is no header at all.
pub fn parse(bytes: &[u8]) -> Option<ParsedMessage> {
    let message = header_parser().parse_headers(bytes)?;
    let headers = message.headers();
    if headers.is_empty() {
        return None;
    }
    let raw_value = |name: &HeaderName| {
        headers
            .iter()
            .find(|h| &h.name == name)
            .map(|h| unfold(&bytes[h.offset_start as usize..h.offset_end as usize]))
            .filter(|v| !v.is_empty())
    };
    let mut received: Vec<String> = headers
        .iter()
        .filter(|h| h.name == HeaderName::Received)
        .map(|h| unfold(&bytes[h.offset_start as usize..h.offset_end as usize]))
        .collect();
    let received_total = received.len();
    received.truncate(MAX_RECEIVED);

    let summary = MessageSummary {
        subject: message.subject().map(clean),
        from: message.from().and_then(format_address),
        to: message.to().and_then(format_address),
        date: raw_value(&HeaderName::Date),
        message_id: message.message_id().map(|id| format!("<{}>", clean(id))),
    };
    let failed_recipients = headers
        .iter()
        .find(|h| h.name.as_str().eq_ignore_ascii_case("X-Failed-Recipients"))
        .map(|h| unfold(&bytes[h.offset_start as usize..h.offset_end as usize]))
        .filter(|v| !v.is_empty());
    let mut received_above = 0;
    let mut fields = Vec::new();
    for h in headers {
        if h.name == HeaderName::Received {
            received_above += 1;
        } else if fields.len() < MAX_FIELDS && is_placed(h.name.as_str()) {
            fields.push(Field {
                name: h.name.as_str().to_string(),
                value: unfold(&bytes[h.offset_start as usize..h.offset_end as usize]),
                received_above,
            });
        }
    }
    Some(ParsedMessage {
        summary,
        received,
        received_total,
        content_type: raw_value(&HeaderName::ContentType),
        failed_recipients,
        fields,
    })
}

/// Decodes only the fields the summary shows; every other header, Received
/// included, stays raw (the Received clauses are parsed by `chain`).
fn header_parser() -> MessageParser {
    MessageParser::new()
        .with_mime_headers()
        .header_text(HeaderName::Subject)
        .header_address(HeaderName::From)
        .header_address(HeaderName::To)
        .header_id(HeaderName::MessageId)
}

/// Header bytes to one line: invalid UTF-8 replaced, folding and runs of
/// white space collapsed to one space.
pub fn unfold(raw: &[u8]) -> String {
    clean(&String::from_utf8_lossy(raw))
}

fn clean(text: &str) -> String {
    crate::words::collapse_whitespace(text)
}

/// `Name <address>` for each address, comma-separated.
fn format_address(address: &Address<'_>) -> Option<String> {
    let parts: Vec<String> = address
        .iter()
        .filter_map(|a| match (a.name(), a.address()) {
            (Some(name), Some(addr)) if !name.is_empty() => {
                Some(format!("{} <{addr}>", clean(name)))
            }
            (_, Some(addr)) => Some(addr.to_string()),
            (Some(name), None) => Some(clean(name)),
            (None, None) => None,
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_received_raw_and_in_order() {
        let msg = b"Received: from b.example.org\r\n\tby c.example.net; Mon, 23 Nov 2026 10:00:05 +0000\r\nReceived: from a.example.org by b.example.org;\r\n Mon, 23 Nov 2026 10:00:00 +0000\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\nFrom: \"Alice\" <alice@example.org>\r\nTo: bob@example.net, carol@example.net\r\nMessage-ID: <1@example.org>\r\nDate: Mon, 23 Nov 2026 09:59:58 +0000\r\n\r\nbody";
        let m = parse(msg).unwrap();
        assert_eq!(
            m.received,
            vec![
                "from b.example.org by c.example.net; Mon, 23 Nov 2026 10:00:05 +0000",
                "from a.example.org by b.example.org; Mon, 23 Nov 2026 10:00:00 +0000",
            ]
        );
        assert_eq!(m.summary.subject.as_deref(), Some("café"));
        assert_eq!(m.summary.from.as_deref(), Some("Alice <alice@example.org>"));
        assert_eq!(
            m.summary.to.as_deref(),
            Some("bob@example.net, carol@example.net")
        );
        assert_eq!(m.summary.message_id.as_deref(), Some("<1@example.org>"));
        assert_eq!(
            m.summary.date.as_deref(),
            Some("Mon, 23 Nov 2026 09:59:58 +0000")
        );
    }
}
