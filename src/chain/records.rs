//! The receiving side's own record of the IP that connected to it, from
//! the headers it writes next to its Received header: Microsoft's
//! `X-Forefront-Antispam-Report: CIP:`, an SPF result's client IP
//! (`Received-SPF: ... client-ip=`, `Authentication-Results: spf=pass
//! (sender IP is ...)`, Google's `designates ... as permitted sender`).
//!
//! Each record keeps its place among the Received headers: a record counts
//! only where it sits above the hop it names, on the receiving side (the
//! trust stage decides that), because one below the entry was written by
//! the sender and proves nothing.

use std::net::IpAddr;

use crate::ip_kind::IpKind;
use crate::message::Field;
use crate::words::strip_prefix_ignore_case;

/// A connecting IP as a header recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiverRecord {
    /// The header's name, as written.
    pub header: String,
    pub ip: IpAddr,
    /// Received headers above the record (0: above them all).
    pub received_above: usize,
}

/// Every recorded connecting IP in the message's placed fields.
pub fn records(fields: &[Field]) -> Vec<ReceiverRecord> {
    fields
        .iter()
        .filter_map(|f| {
            let ip = recorded_ip(&f.name, &f.value)?;
            Some(ReceiverRecord {
                header: f.name.clone(),
                ip,
                received_above: f.received_above,
            })
        })
        .collect()
}

/// The connecting IP a header records, when it is one that records it.
fn recorded_ip(name: &str, value: &str) -> Option<IpAddr> {
    let ip = if name.eq_ignore_ascii_case("X-Forefront-Antispam-Report") {
        value
            .split(';')
            .find_map(|part| strip_prefix_ignore_case(part.trim(), "CIP:"))
            .and_then(parse_ip)
    } else if name.eq_ignore_ascii_case("Received-SPF")
        || name.eq_ignore_ascii_case("Authentication-Results")
    {
        after(value, "client-ip=")
            .or_else(|| after(value, "sender IP is "))
            .or_else(|| after(value, "designates "))
    } else {
        None
    }?;
    // Microsoft writes 255.255.255.255 for mail made inside its own
    // service: no connection to name.
    matches!(
        IpKind::of(ip),
        IpKind::Public | IpKind::Private | IpKind::SharedCgnat
    )
    .then_some(ip)
}

/// The IP right after `key` in `text`, any case.
fn after(text: &str, key: &str) -> Option<IpAddr> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find(&key.to_ascii_lowercase())?;
    parse_ip(&text[at + key.len()..])
}

/// An IP at the start of `text`, up to a delimiter.
fn parse_ip(text: &str) -> Option<IpAddr> {
    let token = text
        .trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ';' | ')' | '(' | ',' | '[' | ']'))
        .next()?;
    let token = token.trim_end_matches('.');
    token.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, value: &str) -> Field {
        Field {
            name: name.to_string(),
            value: value.to_string(),
            received_above: 2,
        }
    }

    fn ip_of(name: &str, value: &str) -> Option<String> {
        records(&[field(name, value)])
            .first()
            .map(|r| r.ip.to_string())
    }

    #[test]
    fn the_forms_receivers_write() {
        assert_eq!(
            ip_of(
                "X-Forefront-Antispam-Report",
                "CIP:209.85.128.54;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail-wm1-f54.google.com;PTR:mail-wm1-f54.google.com;CAT:NONE;SFS:;DIR:INB;"
            )
            .as_deref(),
            Some("209.85.128.54")
        );
        assert_eq!(
            ip_of(
                "Received-SPF",
                "Pass (protection.outlook.com: domain of example.org designates 198.51.100.7 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.7; helo=mail.example.org; pr=C"
            )
            .as_deref(),
            Some("198.51.100.7")
        );
        assert_eq!(
            ip_of(
                "Authentication-Results",
                "spf=pass (sender IP is 2001:db8:20::5) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100"
            )
            .as_deref(),
            Some("2001:db8:20::5")
        );
        assert_eq!(
            ip_of(
                "Authentication-Results",
                "mx.google.com; spf=pass (google.com: domain of a@example.org designates 192.0.2.10 as permitted sender) smtp.mailfrom=a@example.org"
            )
            .as_deref(),
            Some("192.0.2.10")
        );
        assert_eq!(
            records(&[field(
                "X-Forefront-Antispam-Report",
                "CIP:255.255.255.255;CTRY:;DIR:OUT;"
            )]),
            vec![]
        );
        assert_eq!(
            ip_of(
                "Authentication-Results",
                "mx.example.net; dkim=pass header.d=example.org"
            ),
            None
        );
        assert_eq!(ip_of("Subject", "client-ip=192.0.2.1"), None);
    }
}
