//! Amazon SES bounce notifications: the JSON that SES publishes for a
//! bounce (`"notificationType":"Bounce"`), mailed as it is or inside the
//! SNS envelope that quotes it in its `Message` field. The notification
//! is the machine-readable report of such a bounce: one entry per bounced
//! recipient (`emailAddress`, `action`, `status`, `diagnosticCode`), the
//! reporting MTA and the IP of the server that refused
//! (<https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html>).
//!
//! Its fields are the RFC 3464 fields by other names, so they are written
//! out as a delivery-status part and read by [`super::dsn`]: one reading
//! of every report, whatever it came in.

use serde_json::Value;

use super::dsn::{self, DsnReport};

/// The most bytes of a notification read: SES notifications are a few KB.
const MAX_JSON_BYTES: usize = 256 * 1024;

/// The bounce a notification reports, or `None` when the text is no SES
/// bounce notification.
pub fn parse(text: &str) -> Option<DsnReport> {
    let text = &text[..text.floor_char_boundary(MAX_JSON_BYTES)];
    let start = text.find('{')?;
    let value: Value = serde_json::Deserializer::from_str(&text[start..])
        .into_iter()
        .next()?
        .ok()?;
    // The SNS envelope quotes the SES notification as a string.
    let notification = match value.get("Message").and_then(Value::as_str) {
        Some(inner) => serde_json::from_str(inner).ok()?,
        None => value,
    };
    if notification.get("notificationType")?.as_str()? != "Bounce" {
        return None;
    }
    let report = dsn::parse(&delivery_status(notification.get("bounce")?));
    (!report.recipients.is_empty()).then_some(report)
}

/// The notification's `bounce` object as the fields of a delivery-status part.
fn delivery_status(bounce: &Value) -> String {
    let field = |v: &Value, name: &str| {
        v.get(name)
            .and_then(Value::as_str)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let mut out = String::new();
    if let Some(mta) = field(bounce, "reportingMTA") {
        // `dsn; a1-23.smtp-out.example.com`: already typed.
        out.push_str(&format!("Reporting-MTA: {mta}\n"));
    }
    let remote_ip = field(bounce, "remoteMtaIp");
    let recipients = bounce
        .get("bouncedRecipients")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for r in recipients {
        let Some(address) = field(r, "emailAddress") else {
            continue;
        };
        out.push_str(&format!("\nFinal-Recipient: rfc822; {address}\n"));
        let action = field(r, "action").unwrap_or_else(|| "failed".to_string());
        out.push_str(&format!("Action: {action}\n"));
        if let Some(status) = field(r, "status") {
            out.push_str(&format!("Status: {status}\n"));
        }
        if let Some(ip) = &remote_ip {
            out.push_str(&format!("Remote-MTA: dns; [{ip}]\n"));
        }
        if let Some(diagnostic) = field(r, "diagnosticCode") {
            out.push_str(&format!("Diagnostic-Code: {diagnostic}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNCE: &str = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"bob@example.net","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"},{"emailAddress":"carol@example.com","status":"5.2.2","diagnosticCode":"smtp; 552 5.2.2 Mailbox full"}],"remoteMtaIp":"192.0.2.9","reportingMTA":"dsn; a1-23.smtp-out.example.com"},"mail":{"source":"alice@example.org"}}"#;

    #[test]
    fn every_bounced_recipient_is_read() {
        let r = parse(BOUNCE).unwrap();
        assert_eq!(
            r.reporting_mta.as_deref(),
            Some("a1-23.smtp-out.example.com")
        );
        let got: Vec<_> = r
            .recipients
            .iter()
            .map(|x| {
                (
                    x.address.clone().unwrap(),
                    x.status.unwrap().to_string(),
                    x.reply_code.unwrap().value(),
                    x.remote_ip.unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "bob@example.net".into(),
                    "5.1.1".into(),
                    550,
                    "192.0.2.9".into()
                ),
                (
                    "carol@example.com".into(),
                    "5.2.2".into(),
                    552,
                    "192.0.2.9".into()
                ),
            ]
        );
        assert_eq!(
            r.recipients[0].diagnostic.as_deref(),
            Some("550 5.1.1 user unknown")
        );
    }

    #[test]
    fn the_sns_envelope_is_opened() {
        let envelope = serde_json::json!({"Type": "Notification", "Message": BOUNCE}).to_string();
        let text = format!("{envelope}\n\n--\nIf you wish to stop receiving notifications...\n");
        assert_eq!(parse(&text).unwrap().recipients.len(), 2);
    }

    #[test]
    fn other_notifications_and_text_are_no_bounce() {
        assert!(parse(r#"{"notificationType":"Complaint","complaint":{}}"#).is_none());
        assert!(parse("Hi {Bob}, lunch?").is_none());
        assert!(parse("").is_none());
    }
}
