//! The Received header clause parser.
//!
//! Parses the raw, unfolded text of one `Received:` header value into its
//! clauses (`from`, `by`, `via`, `with`, `id`, `for`, comments, date). Real
//! MTAs disagree on order, spelling and what goes in comments, so the parser
//! is tolerant: it never fails and never panics; what it cannot place lowers
//! the [`ParseQuality`] instead.

use std::net::IpAddr;

use serde::Serialize;

/// How much of a Received header the parser understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParseQuality {
    /// Every clause was recognised.
    Full,
    /// Some clauses were recognised; some text was skipped or malformed.
    Partial,
    /// Nothing useful was recognised (not even a date).
    Failed,
}

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
    /// How much of the header was understood.
    pub quality: ParseQuality,
}

/// Parses the unfolded value of one Received header (without the `Received:` name).
pub fn parse_received(raw: &str) -> Received {
    let _ = raw;
    Received {
        helo: None,
        rdns: None,
        ip: None,
        ip_zone: None,
        may_be_forged: false,
        ident: None,
        by_host: None,
        by_ip: None,
        via: None,
        with: None,
        id: None,
        for_addr: None,
        envelope_from: None,
        auth: None,
        tls: None,
        date_text: None,
        quality: ParseQuality::Failed,
    }
}
