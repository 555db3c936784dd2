//! The hop: one Received header, placed in the chain.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use super::received::{ParseQuality, Received};
use crate::dns::HopDns;
use crate::finding::Finding;
use crate::trust::Trust;

/// The machine that handed the message over, as the receiver recorded it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sender {
    /// What the sender called itself in HELO/EHLO: a claim, forgeable.
    pub helo: Option<String>,
    /// The reverse-DNS name the receiver looked up.
    pub rdns: Option<String>,
    /// The connecting IP the receiver saw.
    pub ip: Option<IpAddr>,
}

impl Sender {
    pub fn is_empty(&self) -> bool {
        self.helo.is_none() && self.rdns.is_none() && self.ip.is_none()
    }
}

/// The machine that accepted the message and wrote the header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Receiver {
    pub host: Option<String>,
    pub ip: Option<IpAddr>,
}

/// One step of the message's journey.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    /// 1 = oldest (bottom header).
    pub number: usize,
    /// Position among the Received headers, 0 = topmost.
    pub header_index: usize,
    pub raw: String,
    pub parsed: ParseQuality,
    pub from: Sender,
    pub by: Receiver,
    pub with: Option<String>,
    pub via: Option<String>,
    pub id: Option<String>,
    #[serde(rename = "for")]
    pub for_addr: Option<String>,
    pub envelope_from: Option<String>,
    pub ident: Option<String>,
    pub auth: Option<String>,
    pub tls: Option<String>,
    #[serde(serialize_with = "utc_seconds")]
    pub timestamp: Option<DateTime<Utc>>,
    pub timestamp_raw: Option<String>,
    pub utc_offset_minutes: Option<i32>,
    pub delay_seconds: Option<i64>,
    pub trust: Trust,
    /// DNS results; `null` until the DNS stage runs (and with `--no-dns`).
    pub dns: Option<HopDns>,
    pub findings: Vec<Finding>,
    /// The receiver noted that the sender's rDNS may be forged (kept for checks).
    #[serde(skip)]
    pub may_be_forged: bool,
}

impl Hop {
    /// A hop from a parsed header; timestamps, delays and trust are filled in later.
    pub fn new(number: usize, header_index: usize, raw: String, r: Received) -> Hop {
        Hop {
            number,
            header_index,
            raw,
            parsed: r.quality,
            from: Sender {
                helo: r.helo,
                rdns: r.rdns,
                ip: r.ip,
            },
            by: Receiver {
                host: r.by_host,
                ip: r.by_ip,
            },
            with: r.with,
            via: r.via,
            id: r.id,
            for_addr: r.for_addr,
            envelope_from: r.envelope_from,
            ident: r.ident,
            auth: r.auth,
            tls: r.tls,
            timestamp: None,
            timestamp_raw: r.date_text,
            utc_offset_minutes: None,
            delay_seconds: None,
            trust: Trust::Unverified,
            dns: None,
            findings: Vec::new(),
            may_be_forged: r.may_be_forged,
        }
    }

    /// The best single name for the sender: rDNS (seen by the receiver), else HELO (claimed).
    pub fn sender_name(&self) -> Option<&str> {
        self.from.rdns.as_deref().or(self.from.helo.as_deref())
    }
}

/// RFC 3339 in UTC with whole seconds: `2024-03-05T10:15:02Z`.
pub fn format_utc(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn utc_seconds<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_utc(t)),
        None => s.serialize_none(),
    }
}
