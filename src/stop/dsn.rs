//! The machine-readable part of a delivery status notification:
//! `message/delivery-status` (RFC 3464) and `message/global-delivery-status`
//! (RFC 6533).
//!
//! The part is a list of header-like fields: one block for the message
//! (Reporting-MTA, Arrival-Date, Received-From-MTA...), then one block per
//! recipient (Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code,
//! ...). Values carry a type prefix (`dns;`, `rfc822;`, `smtp;`, `utf-8;`,
//! `X-Postfix;`) and may be folded over several lines. Real reports are
//! sloppy: blocks run together without the blank line, field names change
//! case, statuses carry comments, the Remote-MTA holds an IP in brackets or
//! parentheses. The parser takes all of that, never fails and never panics.

use std::net::IpAddr;

use super::reply;
use crate::host;
use crate::model::{Action, Recipient};
use crate::smtp_codes::EnhancedStatus;

/// The most recipients read from one report; more are counted, not kept.
pub const MAX_RECIPIENTS: usize = 500;

/// Everything the delivery-status part says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DsnReport {
    /// Who wrote the report (`Reporting-MTA`), lowercase, no trailing dot.
    pub reporting_mta: Option<String>,
    /// The MTA that handed the message to the reporting MTA.
    pub received_from_mta: Option<String>,
    pub arrival_date: Option<String>,
    /// One per recipient block, its SMTP diagnostic split into reply code,
    /// status and the server's words.
    pub recipients: Vec<Recipient>,
    /// Recipient blocks beyond [`MAX_RECIPIENTS`], not kept.
    pub recipients_dropped: usize,
}

/// One per-recipient block, its fields as written (values unfolded, type
/// prefixes dropped); [`Block::into_recipient`] reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Block {
    final_recipient: Option<String>,
    original_recipient: Option<String>,
    action: Option<Action>,
    status: Option<EnhancedStatus>,
    /// The host named in Remote-MTA, lowercase, no trailing dot.
    remote_mta: Option<String>,
    /// An IP given in Remote-MTA (`[192.0.2.9]`, `(192.0.2.9, ...)`).
    remote_ip: Option<IpAddr>,
    /// The Diagnostic-Code text, unfolded.
    diagnostic: Option<String>,
    last_attempt_date: Option<String>,
    will_retry_until: Option<String>,
}

impl Block {
    fn has(&self, field: Field) -> bool {
        match field {
            Field::FinalRecipient => self.final_recipient.is_some(),
            Field::OriginalRecipient => self.original_recipient.is_some(),
            Field::Action => self.action.is_some(),
            Field::Status => self.status.is_some(),
            Field::RemoteMta => self.remote_mta.is_some() || self.remote_ip.is_some(),
            Field::DiagnosticCode => self.diagnostic.is_some(),
            Field::LastAttemptDate => self.last_attempt_date.is_some(),
            Field::WillRetryUntil => self.will_retry_until.is_some(),
            _ => false,
        }
    }

    fn is_empty(&self) -> bool {
        *self == Block::default()
    }

    /// The recipient this block describes: the address is Final-Recipient,
    /// else Original-Recipient; the reply code comes from an SMTP diagnostic.
    /// A Final-Recipient that is no mail address (CommuniGate's
    /// `LOCAL;<bob>`, Sun ONE's route to its internal channel
    /// `@host:bob@ims_daemon`) gives way to an Original-Recipient that is.
    fn into_recipient(self) -> Recipient {
        let plain = |a: &Option<String>| a.as_deref().is_some_and(is_plain_address);
        let (address, original_address) = match self.final_recipient {
            Some(_) if !plain(&self.final_recipient) && plain(&self.original_recipient) => {
                (self.original_recipient, self.final_recipient)
            }
            Some(address) => (Some(address), self.original_recipient),
            None => (self.original_recipient, None),
        };
        let mut recipient = Recipient {
            action: self.action,
            status: self.status,
            remote_mta: self.remote_mta,
            remote_ip: self.remote_ip,
            will_retry_until: self.will_retry_until,
            original_address,
            ..Recipient::default()
        };
        // Sendmail names the domain it could not resolve as the Remote-MTA
        // ("Remote-MTA: DNS; example.invalid" with 5.1.2): no server took
        // part, so nobody refused.
        if recipient.remote_ip.is_none()
            && recipient
                .status
                .is_some_and(|s| (s.subject, s.detail) == (1, 2) || (s.subject, s.detail) == (4, 4))
            && let (Some(host), Some(address)) = (&recipient.remote_mta, &address)
            && address
                .rsplit_once('@')
                .is_some_and(|(_, domain)| domain.trim_end_matches('.').eq_ignore_ascii_case(host))
        {
            recipient.remote_mta = None;
        }
        recipient.address = address;
        if let Some(text) = &self.diagnostic {
            let r = server_reply(text);
            recipient.reply_code = r.code;
            // A vague `Status: 5.0.0` (Exim, some gateways) or 5.1.0
            // (Amazon SES) gives way to the specific status of the same
            // class in the server's reply.
            let vague = recipient.status.is_none_or(EnhancedStatus::is_vague);
            if vague
                && let Some(specific) = r.status
                && recipient.status.is_none_or(|s| s.class == specific.class)
            {
                recipient.status = Some(specific);
            }
            recipient.diagnostic = Some(r.cleaned);
            // A report without Remote-MTA may name the server in its words
            // (Postfix: "... exceeds size limit 10485760 of server
            // mx.example.net[192.0.2.9]", "connect to mx.example.net[...]").
            if recipient.remote_mta.is_none() && recipient.remote_ip.is_none() {
                (recipient.remote_mta, recipient.remote_ip) = super::text::remote_named_in(text);
            }
        }
        recipient
    }
}

/// A plain mail address: `bob@example.net`, with no route and a domain.
fn is_plain_address(address: &str) -> bool {
    crate::mailbox::is_address(address) && !address.starts_with('@')
}

/// The server's reply in a Diagnostic-Code value: the value itself
/// (`550 5.1.1 ...`), or the reply the reporting MTA quotes inside its own
/// words: Amazon SES's `5.1.0 - Unknown address error 550-'5.2.2 ...'`,
/// Postfix's `host mx.example.net[192.0.2.9] said: 553-... (in reply to
/// RCPT TO command)`.
fn server_reply(text: &str) -> reply::Reply {
    let own = reply::parse(text);
    if own.code.is_some() {
        return own;
    }
    reply::quoted(text)
        .map(|quoted| reply::parse(&quoted))
        .or_else(|| super::text::reply_within(text))
        .unwrap_or(own)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ReportingMta,
    ReceivedFromMta,
    ArrivalDate,
    FinalRecipient,
    OriginalRecipient,
    Action,
    Status,
    RemoteMta,
    DiagnosticCode,
    LastAttemptDate,
    WillRetryUntil,
    Other,
}

impl Field {
    fn of(name: &str) -> Field {
        match name.to_ascii_lowercase().as_str() {
            "reporting-mta" => Field::ReportingMta,
            "received-from-mta" => Field::ReceivedFromMta,
            "arrival-date" => Field::ArrivalDate,
            "final-recipient" => Field::FinalRecipient,
            "original-recipient" => Field::OriginalRecipient,
            "action" => Field::Action,
            "status" => Field::Status,
            "remote-mta" => Field::RemoteMta,
            "diagnostic-code" => Field::DiagnosticCode,
            "last-attempt-date" => Field::LastAttemptDate,
            "will-retry-until" => Field::WillRetryUntil,
            _ => Field::Other,
        }
    }

    fn is_recipient_field(self) -> bool {
        !matches!(
            self,
            Field::ReportingMta | Field::ReceivedFromMta | Field::ArrivalDate | Field::Other
        )
    }
}

/// Parses the text of a delivery-status part.
pub fn parse(text: &str) -> DsnReport {
    let mut report = DsnReport::default();
    let mut current = Block::default();
    for (name, value) in fields(text) {
        let field = Field::of(&name);
        if field.is_recipient_field() && starts_new_recipient(&current, field) {
            push_recipient(&mut report, std::mem::take(&mut current));
        }
        apply(&mut report, &mut current, field, &value);
    }
    push_recipient(&mut report, current);
    report
}

/// A new block begins when the current one already has this field, so
/// blocks that run together without a blank line still split (blank lines
/// are not trusted: some MTAs leave them out, others add them inside a
/// block). Final- and Original-Recipient come in either order.
fn starts_new_recipient(current: &Block, field: Field) -> bool {
    current.has(field)
}

fn push_recipient(report: &mut DsnReport, block: Block) {
    if block.is_empty() {
        return;
    }
    if report.recipients.len() < MAX_RECIPIENTS {
        report.recipients.push(block.into_recipient());
    } else {
        report.recipients_dropped += 1;
    }
}

fn apply(report: &mut DsnReport, r: &mut Block, field: Field, value: &str) {
    let (kind, rest) = split_type(value);
    let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    match field {
        Field::ReportingMta => {
            report.reporting_mta = report.reporting_mta.take().or_else(|| host_of(rest).0)
        }
        Field::ReceivedFromMta => {
            report.received_from_mta = report.received_from_mta.take().or_else(|| host_of(rest).0)
        }
        Field::ArrivalDate => report.arrival_date = nonempty(value.trim()),
        Field::FinalRecipient => r.final_recipient = address(kind.as_deref(), rest),
        Field::OriginalRecipient => r.original_recipient = address(kind.as_deref(), rest),
        Field::Action => r.action = Action::parse(rest),
        Field::Status => r.status = first_status(rest),
        Field::RemoteMta => (r.remote_mta, r.remote_ip) = host_of(rest),
        Field::DiagnosticCode => r.diagnostic = nonempty(rest.trim()),
        Field::LastAttemptDate => r.last_attempt_date = nonempty(value.trim()),
        Field::WillRetryUntil => r.will_retry_until = nonempty(value.trim()),
        Field::Other => {}
    }
}

/// The fields of the part in order, names as written, values unfolded
/// (continuation lines joined with one space). Lines that are neither a
/// field nor a continuation are skipped.
fn fields(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if open && let Some((_, value)) = out.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if is_field_name(name.trim_end()) => {
                out.push((name.trim_end().to_string(), value.trim().to_string()));
                open = true;
            }
            _ => open = false,
        }
    }
    out
}

fn is_field_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 76
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// `rfc822; bob@example.net` → (`rfc822`, `bob@example.net`). A value
/// without a type prefix is returned whole.
fn split_type(value: &str) -> (Option<String>, &str) {
    if let Some((kind, rest)) = value.split_once(';') {
        let kind = kind.trim();
        let is_type = !kind.is_empty()
            && kind.len() <= 32
            && kind
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'+' | b'_'));
        if is_type {
            return (Some(kind.to_ascii_lowercase()), rest.trim());
        }
    }
    (None, value.trim())
}

/// An address from Final-/Original-Recipient: angle brackets and comments
/// dropped; `utf-8` addresses (RFC 6533) have their `\x{HEX}` escapes decoded.
fn address(kind: Option<&str>, value: &str) -> Option<String> {
    let value = value.split_whitespace().next().unwrap_or("");
    let value = value.trim_start_matches('<').trim_end_matches('>');
    let value = match kind {
        Some("utf-8") => decode_unicode_escapes(value),
        _ => value.to_string(),
    };
    (!value.is_empty()).then_some(value)
}

/// RFC 6533 `embedded-unicode-char`: `\x{E9}` → `é`.
fn decode_unicode_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("\\x{") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 3..];
        let decoded = after.find('}').and_then(|end| {
            u32::from_str_radix(&after[..end], 16)
                .ok()
                .and_then(char::from_u32)
                .map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\x{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first word that is an enhanced status (`5.1.1 (bad mailbox)` → 5.1.1).
fn first_status(value: &str) -> Option<EnhancedStatus> {
    value
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
        .find_map(|w| w.parse().ok())
}

/// The host and IP of a Remote-MTA / Reporting-MTA value:
/// `mx.example.net`, `mx.example.net.`, `[192.0.2.9]`,
/// `mx.example.net [192.0.2.9]`, `mx.example.net. (192.0.2.9, the server for the domain example.net.)`.
fn host_of(value: &str) -> (Option<String>, Option<IpAddr>) {
    let first = value.split_whitespace().next().unwrap_or("");
    let bracketed = first.starts_with('[') || first.starts_with('(');
    let first_ip = host::find_ip(first);
    let name = if bracketed || first_ip.is_some() {
        None
    } else {
        host::clean(first)
    };
    (name, first_ip.or_else(|| host::find_ip(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POSTFIX: &str = "\
Reporting-MTA: dns; mail.example.org
X-Postfix-Queue-ID: 4XyzA1
X-Postfix-Sender: rfc822; alice@example.org
Arrival-Date: Mon, 23 Nov 2026 10:15:02 +0000

Final-Recipient: rfc822; bob@example.net
Original-Recipient: rfc822;bob@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected:
    User unknown in virtual mailbox table
";

    #[test]
    fn reads_per_message_and_per_recipient_fields() {
        let r = parse(POSTFIX);
        assert_eq!(r.reporting_mta.as_deref(), Some("mail.example.org"));
        assert_eq!(
            r.arrival_date.as_deref(),
            Some("Mon, 23 Nov 2026 10:15:02 +0000")
        );
        assert_eq!(r.recipients.len(), 1);
        let b = &r.recipients[0];
        assert_eq!(b.address.as_deref(), Some("bob@example.net"));
        assert_eq!(b.original_address.as_deref(), Some("bob@example.net"));
        assert_eq!(b.action, Some(Action::Failed));
        assert_eq!(b.status.unwrap().to_string(), "5.1.1");
        assert_eq!(b.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(b.remote_ip, None);
        assert_eq!(b.reply_code.map(|c| c.value()), Some(550));
        assert_eq!(
            b.diagnostic.as_deref(),
            Some(
                "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table"
            )
        );
    }

    #[test]
    fn several_recipients_each_get_their_block() {
        let text = "Reporting-MTA: dns; mail.example.org\n\n\
Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\n\n\
Final-Recipient: rfc822; carol@example.com\nAction: delayed\nStatus: 4.2.2\nWill-Retry-Until: Sat, 28 Nov 2026 10:15:02 +0000\n\n\
Original-Recipient: rfc822; dave@example.org\nFinal-Recipient: rfc822; dave@example.org\nAction: delivered\nStatus: 2.0.0\n";
        let r = parse(text);
        let got: Vec<_> = r
            .recipients
            .iter()
            .map(|x| {
                (
                    x.address.as_deref().unwrap(),
                    x.action.unwrap(),
                    x.status.unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("bob@example.net", Action::Failed, "5.1.1".to_string()),
                ("carol@example.com", Action::Delayed, "4.2.2".to_string()),
                ("dave@example.org", Action::Delivered, "2.0.0".to_string()),
            ]
        );
        assert_eq!(
            r.recipients[1].will_retry_until.as_deref(),
            Some("Sat, 28 Nov 2026 10:15:02 +0000")
        );
    }

    #[test]
    fn sloppy_blocks_without_blank_lines_and_odd_case() {
        let text = "reporting-mta: DNS; MX-OUT.Example.COM.\r\n\
FINAL-RECIPIENT: RFC822; <bob@example.net>\r\n\
action: Failed (bad mailbox)\r\n\
status:   5.7.1   (delivery not authorized)\r\n\
remote-mta: dns; mx.example.net. (192.0.2.9, the server for the domain example.net.)\r\n\
diagnostic-code: smtp; 550-5.7.1 [203.0.113.5] blocked using\r\n\
 \t550-5.7.1 b.barracudacentral.example;\r\n\
\x20550 5.7.1 see https://barracuda.example.org/\r\n\
final-recipient: rfc822; carol@example.net\r\n\
action: failed\r\n\
status: 5.1.1\r\n";
        let r = parse(text);
        assert_eq!(r.reporting_mta.as_deref(), Some("mx-out.example.com"));
        assert_eq!(r.recipients.len(), 2);
        let b = &r.recipients[0];
        assert_eq!(b.address.as_deref(), Some("bob@example.net"));
        assert_eq!(b.action, Some(Action::Failed));
        assert_eq!(b.status.unwrap().to_string(), "5.7.1");
        assert_eq!(b.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(b.remote_ip, Some("192.0.2.9".parse().unwrap()));
        assert_eq!(b.reply_code.map(|c| c.value()), Some(550));
        assert_eq!(
            b.diagnostic.as_deref(),
            Some(
                "550 5.7.1 [203.0.113.5] blocked using b.barracudacentral.example; see https://barracuda.example.org/"
            )
        );
        assert_eq!(
            r.recipients[1].address.as_deref(),
            Some("carol@example.net")
        );
    }

    #[test]
    fn type_prefixes_are_dropped() {
        assert_eq!(
            split_type("rfc822; bob@example.net"),
            (Some("rfc822".into()), "bob@example.net")
        );
        assert_eq!(
            split_type("X-Postfix; Host or domain name not found"),
            (Some("x-postfix".into()), "Host or domain name not found")
        );
        assert_eq!(split_type("smtp;550 no"), (Some("smtp".into()), "550 no"));
        assert_eq!(split_type("no prefix here"), (None, "no prefix here"));
        assert_eq!(
            split_type("550 5.1.1 <a@b>; nope"),
            (None, "550 5.1.1 <a@b>; nope")
        );
    }

    #[test]
    fn remote_mta_shapes() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().unwrap());
        assert_eq!(
            host_of("mx.example.net."),
            (Some("mx.example.net".into()), None)
        );
        assert_eq!(host_of("[192.0.2.9]"), (None, ip("192.0.2.9")));
        assert_eq!(host_of("192.0.2.9"), (None, ip("192.0.2.9")));
        assert_eq!(
            host_of("mx.example.net [192.0.2.9]"),
            (Some("mx.example.net".into()), ip("192.0.2.9"))
        );
        assert_eq!(host_of("[IPv6:2001:db8::9]"), (None, ip("2001:db8::9")));
        assert_eq!(host_of(""), (None, None));
    }

    #[test]
    fn global_dsn_addresses_are_decoded() {
        let text = "Reporting-MTA: dns; mail.example.org\n\nFinal-Recipient: utf-8; jos\\x{E9}@example.net\nAction: failed\nStatus: 5.1.1\n";
        let r = parse(text);
        assert_eq!(r.recipients[0].address.as_deref(), Some("josé@example.net"));
        assert_eq!(decode_unicode_escapes("a\\x{zz}b\\x{"), "a\\x{zz}b\\x{");
    }

    #[test]
    fn junk_and_empty_input_give_an_empty_report() {
        assert_eq!(parse(""), DsnReport::default());
        let r = parse("this is not\na delivery status\n  continued\n:\n-: x\n");
        assert_eq!(r, DsnReport::default());
    }

    #[test]
    fn recipients_are_capped_and_counted() {
        let mut text = String::from("Reporting-MTA: dns; mail.example.org\n\n");
        for i in 0..MAX_RECIPIENTS + 7 {
            text.push_str(&format!(
                "Final-Recipient: rfc822; u{i}@example.net\nAction: failed\n\n"
            ));
        }
        let r = parse(&text);
        assert_eq!(r.recipients.len(), MAX_RECIPIENTS);
        assert_eq!(r.recipients_dropped, 7);
    }

    #[test]
    fn a_generic_status_gives_way_to_the_replys_specific_one() {
        let r = parse(
            "Reporting-MTA: dns;relay.example.com\n\nFinal-Recipient: rfc822;zoe@example.net\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp;550 5.1.1 <zoe@example.net>: User unknown\n",
        );
        assert_eq!(r.recipients[0].status.unwrap().to_string(), "5.1.1");
        // A specific Status stays, and so does a class the reply contradicts.
        let r = parse(
            "Final-Recipient: rfc822;zoe@example.net\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp;550 5.1.1 full\n",
        );
        assert_eq!(r.recipients[0].status.unwrap().to_string(), "5.2.2");
        let r = parse(
            "Final-Recipient: rfc822;zoe@example.net\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp;451 4.4.1 later\n",
        );
        assert_eq!(r.recipients[0].status.unwrap().to_string(), "5.0.0");
    }

    #[test]
    fn an_unresolvable_domain_is_no_remote_mta() {
        let r = parse(
            "Final-Recipient: RFC822; tina@example.invalid\nAction: failed\nStatus: 5.1.2\nRemote-MTA: DNS; example.invalid\nDiagnostic-Code: SMTP; 550 Host unknown\n",
        );
        assert_eq!(r.recipients[0].remote_mta, None);
        // A real server of the same name that refused stays.
        let r = parse(
            "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; example.net\n",
        );
        assert_eq!(r.recipients[0].remote_mta.as_deref(), Some("example.net"));
    }
}
