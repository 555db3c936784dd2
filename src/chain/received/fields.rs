//! The fields read from one Received header.

use std::net::IpAddr;

use chrono::{DateTime, FixedOffset};

use crate::model::ParseQuality;

/// What one Received header says.
///
/// Host names are lowercase without a trailing dot. `None` means the header
/// does not say (or says "unknown").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Name (or address literal such as `[192.0.2.1]`) the client gave in HELO/EHLO.
    pub helo: Option<String>,
    /// Reverse-DNS name the receiving MTA looked up for the client.
    pub rdns: Option<String>,
    /// Connecting IP address as recorded by the receiving MTA.
    pub ip: Option<IpAddr>,
    /// IPv6 zone id (`%eth0`) when one was written after the address.
    pub ip_zone: Option<String>,
    /// The receiver marked the rDNS name as not forward-confirmed (`may be forged`).
    pub may_be_forged: bool,
    /// RFC 1413 ident or local user (`from userid 1000`, `from user@localhost`).
    pub ident: Option<String>,
    /// The receiving host (the `by` clause).
    pub by_host: Option<String>,
    /// The receiving host's IP when the header gives it.
    pub by_ip: Option<IpAddr>,
    /// The `via` clause (`Frontend Transport`, `mapi`).
    pub via: Option<String>,
    /// Protocol, normalised: `SMTP`, `ESMTP`, `ESMTPS`, `ESMTPSA`, `LMTP`, `HTTP`, ...
    pub with: Option<String>,
    /// The receiver's queue id.
    pub id: Option<String>,
    /// Envelope recipient (`for <user@example.net>`), without angle brackets.
    pub for_addr: Option<String>,
    /// Envelope sender when the header gives it (`envelope-from <...>`).
    pub envelope_from: Option<String>,
    /// Authentication: the authenticated user, or a short description of it.
    pub auth: Option<String>,
    /// TLS version and cipher when given (`TLSv1.3 TLS_AES_256_GCM_SHA384`).
    pub tls: Option<String>,
    /// The date text after the last `;`, whitespace collapsed.
    pub date_text: Option<String>,
    /// `date_text` read as a date, with the offset as written; `None` when
    /// it is not a valid date.
    pub date: Option<DateTime<FixedOffset>>,
    /// How much of the header was understood.
    pub quality: ParseQuality,
}
