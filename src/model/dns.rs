//! What the DNS stage found, as it appears in the report (JSON `hop.dns`
//! and the top-level `dns` object). Every field is documented in docs/json.md.

use std::net::{IpAddr, Ipv4Addr};

use serde::Serialize;

/// How one DNS question ended. `nxdomain` (the name does not exist),
/// `no-records` (it exists but has no record of that type), `servfail`,
/// `refused` and `timeout` are different answers for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LookupStatus {
    /// Records came back.
    Ok,
    #[serde(rename = "nxdomain")]
    NxDomain,
    NoRecords,
    #[serde(rename = "servfail")]
    ServFail,
    Refused,
    /// No answer before the deadline.
    Timeout,
    /// Not asked: the report's query cap was reached.
    Capped,
    /// Not asked: the name is not a valid host name, or asking makes no sense.
    NotAsked,
    /// Any other failure (network error, malformed answer).
    Error,
}

impl LookupStatus {
    /// A definite answer about the name (records, or none exist), as
    /// opposed to a failure to find out.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            LookupStatus::Ok | LookupStatus::NxDomain | LookupStatus::NoRecords
        )
    }

    /// Whether the name or its records are missing.
    pub fn is_missing(self) -> bool {
        matches!(self, LookupStatus::NxDomain | LookupStatus::NoRecords)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LookupStatus::Ok => "ok",
            LookupStatus::NxDomain => "nxdomain",
            LookupStatus::NoRecords => "no-records",
            LookupStatus::ServFail => "servfail",
            LookupStatus::Refused => "refused",
            LookupStatus::Timeout => "timeout",
            LookupStatus::Capped => "capped",
            LookupStatus::NotAsked => "not-asked",
            LookupStatus::Error => "error",
        }
    }

    /// Words for people: "does not exist (NXDOMAIN)".
    pub fn describe(self) -> &'static str {
        match self {
            LookupStatus::Ok => "answered",
            LookupStatus::NxDomain => "does not exist (NXDOMAIN)",
            LookupStatus::NoRecords => "exists but has no such record",
            LookupStatus::ServFail => "server failure (SERVFAIL)",
            LookupStatus::Refused => "the DNS server refused to answer (REFUSED)",
            LookupStatus::Timeout => "no answer before the deadline (timeout)",
            LookupStatus::Capped => "not asked: the query cap was reached",
            LookupStatus::NotAsked => "not asked",
            LookupStatus::Error => "DNS error",
        }
    }
}

/// The DNS checks of one hop (`hop.dns`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HopDns {
    /// The connecting IP that was checked; `null` when the hop records none.
    pub ip: Option<IpAddr>,
    /// Why nothing was looked up for this hop (no IP, a private address...); `null` when checked.
    pub skipped: Option<String>,
    pub ptr: Option<PtrCheck>,
    pub fcrdns: Option<FcrdnsCheck>,
    pub helo: Option<HeloCheck>,
    /// One entry per `--dnsbl` zone when this hop's IP was looked up; else empty.
    pub dnsbl: Vec<DnsblCheck>,
}

impl HopDns {
    pub fn skipped(ip: Option<IpAddr>, why: impl Into<String>) -> HopDns {
        HopDns {
            ip,
            skipped: Some(why.into()),
            ptr: None,
            fcrdns: None,
            helo: None,
            dnsbl: Vec::new(),
        }
    }
}

/// Reverse DNS of the connecting IP, now, against what the header recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PtrCheck {
    /// The PTR query name, e.g. `7.2.0.192.in-addr.arpa`.
    pub query: String,
    pub status: LookupStatus,
    /// Every PTR name, lowercase without the trailing dot.
    pub names: Vec<String>,
    /// The PTR names that are obviously broken, with the reason.
    pub broken: Vec<BrokenPtr>,
    /// The PTR names that look generic (they embed the IP, or a word like
    /// `dynamic`, `dsl`, `pool`): an end-user connection, not a mail server.
    pub generic: Vec<String>,
    /// The rDNS name the receiving MTA wrote in the header, if any.
    pub recorded: Option<String>,
    /// `true` when the recorded name is not among today's PTR names;
    /// `null` when there is nothing to compare.
    pub changed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenPtr {
    pub name: String,
    pub why: String,
}

/// Result of forward-confirmed reverse DNS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fcrdns {
    /// A PTR name resolves back to the IP.
    Pass,
    /// PTR names exist, but none resolves back to the IP.
    Fail,
    /// The IP has no PTR record.
    NoPtr,
    /// The answer could not be found out (timeout, SERVFAIL...).
    Error,
}

impl Fcrdns {
    pub fn as_str(self) -> &'static str {
        match self {
            Fcrdns::Pass => "pass",
            Fcrdns::Fail => "fail",
            Fcrdns::NoPtr => "no-ptr",
            Fcrdns::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FcrdnsCheck {
    pub result: Fcrdns,
    /// The first PTR name whose addresses include the IP.
    pub confirmed: Option<String>,
    /// The forward lookup of each PTR name.
    pub names: Vec<ForwardCheck>,
}

/// One PTR name looked up forward (A for an IPv4 sender, AAAA for IPv6).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForwardCheck {
    pub name: String,
    pub status: LookupStatus,
    pub addresses: Vec<IpAddr>,
    /// Whether `addresses` contains the connecting IP.
    pub matches: bool,
}

/// What kind of HELO argument the sender gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeloKind {
    /// A fully qualified domain name.
    Fqdn,
    /// An address literal such as `[192.0.2.1]`.
    AddressLiteral,
    /// A valid name of one label (`mailserver2`).
    NotFqdn,
    /// `localhost`, `localhost.localdomain`...
    Localhost,
    /// Not a valid host name or literal.
    Invalid,
}

/// The HELO/EHLO name: syntax, resolution and agreement with IP and PTR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeloCheck {
    /// The HELO argument as recorded.
    pub name: String,
    pub kind: HeloKind,
    /// Why the name is not acceptable; `null` for a good FQDN or literal.
    pub problem: Option<String>,
    /// The A/AAAA lookup: `ok`, a failure, or `not-asked` for literals and invalid names.
    pub status: LookupStatus,
    /// A and AAAA addresses of the name.
    pub addresses: Vec<IpAddr>,
    /// The CNAME target when the name is an alias (RFC 5321 wants a real A/AAAA name).
    pub cname: Option<String>,
    /// Whether the name (or literal) points at the connecting IP; `null` when unknown.
    pub matches_ip: Option<bool>,
    /// Whether the name equals one of the IP's PTR names; `null` when unknown.
    pub matches_ptr: Option<bool>,
}

/// One DNS blocklist asked about one IP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DnsblCheck {
    pub zone: String,
    /// The name asked, e.g. `7.2.0.192.bl.example.net`.
    pub query: String,
    /// Status of the A lookup; `nxdomain` means not listed.
    pub status: LookupStatus,
    /// `true` listed, `false` not listed, `null` unknown (timeout, error).
    pub listed: Option<bool>,
    /// The A answers (return codes), e.g. `127.0.0.2`.
    pub codes: Vec<Ipv4Addr>,
    /// The TXT reason when the list gives one.
    pub reason: Option<String>,
}

impl DnsblCheck {
    /// The return codes as text: `127.0.0.2, 127.0.0.4`.
    pub fn codes_text(&self) -> String {
        let codes: Vec<String> = self.codes.iter().map(|c| c.to_string()).collect();
        codes.join(", ")
    }
}

/// The top-level `dns` object: how DNS ran, and the recipient domain's MX.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDns {
    /// `--resolver` addresses asked, or `["system"]` for the system configuration.
    pub resolvers: Vec<String>,
    /// The one deadline for all DNS work of this report.
    pub deadline_seconds: f64,
    /// Distinct questions sent (the same name and type are asked once).
    pub queries: usize,
    /// Whether the query cap stopped some questions.
    pub capped: bool,
    /// Whether the deadline passed with questions unanswered.
    pub deadline_passed: bool,
    pub mx: Option<MxCheck>,
}

/// Where the recipient address for the MX check came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecipientSource {
    /// A bounce's final recipient.
    Bounce,
    /// A Received header's `for` clause.
    For,
    /// The message's To: header.
    To,
}

/// How the recipient domain receives mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MxKind {
    /// MX records.
    Mx,
    /// No MX, so the domain's own A/AAAA (RFC 5321 §5.1 implicit MX).
    Implicit,
    /// RFC 7505 null MX: the domain accepts no mail.
    NullMx,
    /// No MX and no address: mail to it cannot be delivered.
    None,
    /// Could not be found out (timeout, SERVFAIL...).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MxCheck {
    pub recipient: String,
    pub source: RecipientSource,
    pub domain: String,
    /// Status of the MX lookup.
    pub status: LookupStatus,
    pub kind: MxKind,
    /// MX hosts, lowest preference first.
    pub hosts: Vec<MxHost>,
    /// Status of the domain's own A/AAAA lookup, asked only when it has no MX; else `null`.
    pub address_status: Option<LookupStatus>,
    /// For an implicit MX: the domain's own addresses.
    pub addresses: Vec<IpAddr>,
    /// The host that received (or, in a bounce, refused) the message for this domain.
    pub receiver: Option<String>,
    /// Whether `receiver` is one of the MX hosts (or the domain itself for an implicit MX).
    pub receiver_listed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MxHost {
    pub preference: u16,
    pub host: String,
    /// The host's A/AAAA lookup; `not-asked` for a null MX, a name that is
    /// not a host name (`problem`), or hosts past the first 8.
    pub status: LookupStatus,
    /// The host's A and AAAA addresses.
    pub addresses: Vec<IpAddr>,
    /// The CNAME target when the host is an alias (RFC 2181 §10.3 forbids it).
    pub cname: Option<String>,
    /// Why the exchange is not a host name (an IP address written as a name...).
    pub problem: Option<String>,
}
