//! The hop: one Received header, placed in the chain, with what later
//! stages found about it (its trust, its DNS, its findings).

use std::net::IpAddr;

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::dns::HopDns;
use super::finding::Finding;

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

/// What a Received header records: a hand-off between two machines, or a
/// step that only looks like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HopKind {
    /// One server handing the message to another over the network.
    Relay,
    /// A mail client or web application handing in a new message
    /// (authenticated SMTP, webmail over HTTP, MAPI).
    Submission,
    /// A content filter (amavis, spam and virus scanners, milters) giving
    /// the message back to the server it runs on.
    Filter,
    /// A step inside one machine: local submission (`from userid`, `by
    /// uid`, pickup), delivery to the mailbox (LMTP, a pipe), a spool.
    Local,
    /// Mail fetched from a mailbox provider (fetchmail, getmail over POP3
    /// or IMAP): it entered the world at that provider.
    Retrieval,
}

impl HopKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HopKind::Relay => "relay",
            HopKind::Submission => "submission",
            HopKind::Filter => "filter",
            HopKind::Local => "local",
            HopKind::Retrieval => "retrieval",
        }
    }

    /// A hand-off from a client over the network: the only kinds whose
    /// client can be the one the user's servers cannot be wrong about.
    pub fn is_hand_off(self) -> bool {
        matches!(self, HopKind::Relay | HopKind::Submission)
    }
}

/// Why a hop counts as a step inside the receiving organisation, when it
/// does: the evidence that moved the trust boundary below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustEvidence {
    /// Which kind of evidence (documented in docs/json.md).
    pub code: EvidenceCode,
    /// The evidence in words: "client 10.0.0.5 wrote the header below".
    pub detail: String,
}

/// The kinds of evidence that a hop is inside the receiving organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceCode {
    /// Named with `--trust` or in the config file.
    TrustedRelay,
    /// Not a hand-off: a filter, a local step or a retrieval.
    NotAHandOff,
    /// The client is the receiving machine itself (loopback, same name).
    SameMachine,
    /// A private, loopback or link-local client that wrote the header below.
    PrivateNetwork,
    /// The client's name, as the receiver verified it (rDNS), is in the
    /// receiver's organisational domain.
    SameOrganisation,
    /// The client is in the published relay network of the receiver's
    /// mail provider or filtering gateway.
    ProviderNetwork,
    /// A header written by the receiving side, above this hop, records that
    /// the connection it judged came from a lower hop's client.
    ReceiverRecord,
}

impl EvidenceCode {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceCode::TrustedRelay => "trusted-relay",
            EvidenceCode::NotAHandOff => "not-a-hand-off",
            EvidenceCode::SameMachine => "same-machine",
            EvidenceCode::PrivateNetwork => "private-network",
            EvidenceCode::SameOrganisation => "same-organisation",
            EvidenceCode::ProviderNetwork => "provider-network",
            EvidenceCode::ReceiverRecord => "receiver-record",
        }
    }
}

/// How far a hop can be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trust {
    /// Written by one of the user's own servers, with an own machine as client.
    Internal,
    /// The hand-off from the outside world into the user's servers.
    Trustworthy,
    /// Written by a machine outside the user's control: a claim.
    Unverified,
}

impl Trust {
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Internal => "internal",
            Trust::Trustworthy => "trustworthy",
            Trust::Unverified => "unverified",
        }
    }
}

/// The machine that handed the message over, as the receiver recorded it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sender {
    /// What the sender called itself in HELO/EHLO: a claim, forgeable.
    pub helo: Option<String>,
    /// The reverse-DNS name the receiver looked up.
    pub rdns: Option<String>,
    /// The connecting IP the receiver saw.
    pub ip: Option<IpAddr>,
    /// Set by `--redact` in place of `ip` (which is then `None`): `ip-1`.
    /// JSON shows it as `ip`.
    pub ip_token: Option<String>,
}

impl Sender {
    pub fn is_empty(&self) -> bool {
        self.helo.is_none() && self.rdns.is_none() && self.ip_text().is_none()
    }

    /// The IP as shown in reports: the address, or its redaction token.
    pub fn ip_text(&self) -> Option<String> {
        ip_text(self.ip, &self.ip_token)
    }
}

/// The machine that accepted the message and wrote the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receiver {
    pub host: Option<String>,
    pub ip: Option<IpAddr>,
    /// Set by `--redact` in place of `ip`, as for [`Sender::ip_token`].
    pub ip_token: Option<String>,
}

impl Receiver {
    /// The IP as shown in reports: the address, or its redaction token.
    pub fn ip_text(&self) -> Option<String> {
        ip_text(self.ip, &self.ip_token)
    }
}

fn ip_text(ip: Option<IpAddr>, token: &Option<String>) -> Option<String> {
    ip.map(|ip| ip.to_string()).or_else(|| token.clone())
}

impl Serialize for Sender {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Sender", 3)?;
        st.serialize_field("helo", &self.helo)?;
        st.serialize_field("rdns", &self.rdns)?;
        st.serialize_field("ip", &self.ip_text())?;
        st.end()
    }
}

impl Serialize for Receiver {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Receiver", 2)?;
        st.serialize_field("host", &self.host)?;
        st.serialize_field("ip", &self.ip_text())?;
        st.end()
    }
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
    /// What the header records: a hand-off or a step that only looks like one.
    pub kind: HopKind,
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
    /// For an `internal` hop: why it counts as inside the receiving
    /// organisation; `null` otherwise.
    pub trust_evidence: Option<TrustEvidence>,
    /// DNS results; `null` until the DNS stage runs (and with `--no-dns`).
    pub dns: Option<HopDns>,
    pub findings: Vec<Finding>,
    /// The receiver noted that the sender's rDNS may be forged (kept for checks).
    #[serde(skip)]
    pub may_be_forged: bool,
}

impl Hop {
    /// The best single name for the sender: rDNS (seen by the receiver), else HELO (claimed).
    pub fn sender_name(&self) -> Option<&str> {
        self.from.rdns.as_deref().or(self.from.helo.as_deref())
    }
}

/// RFC 3339 in UTC with whole seconds: `2024-03-05T10:15:02Z`.
pub fn format_utc(t: &DateTime<Utc>) -> String {
    // Written field by field: chrono's `format` re-reads the pattern on
    // every call, a visible cost when every hop of a batch is written.
    // Years outside four digits and leap seconds keep chrono's spelling.
    if !(0..=9999).contains(&t.year()) || t.nanosecond() >= 1_000_000_000 {
        return t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn utc_seconds<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_utc(t)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn utc_times_are_written_as_chrono_would() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1_000))
            .map(|t| Utc.from_utc_datetime(&t))
            .unwrap();
        let times = [
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 5, 7).unwrap(),
            Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(99, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(12345, 6, 7, 8, 9, 10).unwrap(),
            leap,
        ];
        for t in times {
            assert_eq!(format_utc(&t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
        assert_eq!(format_utc(&times[0]), "2026-11-23T09:05:07Z");
        assert_eq!(format_utc(&leap), "2016-12-31T23:59:60Z");
    }
}
