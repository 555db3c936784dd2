//! Findings: what the tool noticed, each with a stable code and a severity.
//!
//! Codes are part of the JSON contract (users' scripts match on them), so
//! each one is a variant here and is documented in docs/json.md.

use serde::Serialize;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Something is odd: a wrong clock, a broken chain, a forged-looking hop.
    Warning,
    /// The trace cannot be trusted or the input is damaged.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Every finding the tool can report. The kebab-case name is the JSON `code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    /// The message carries no Received header at all.
    NoReceived,
    /// More Received headers than the tool reads; the oldest were dropped.
    TooManyReceived,
    /// A Received header could not be parsed at all.
    ParseFailed,
    /// Part of a Received header could not be parsed.
    ParsePartial,
    /// A hop has no date.
    MissingDate,
    /// A hop's date is not a valid date.
    InvalidDate,
    /// A hop's time is earlier than the hop below it.
    NegativeDelay,
    /// A hop took unusually long (more than an hour).
    LongDelay,
    /// A hop's date is more than a day after the report was made.
    FutureDate,
    /// A hop is dated well before the message's own Date: header.
    BeforeMessageDate,
    /// The Date: header is missing or not a valid date.
    BadMessageDate,
    /// A hop's sender matches nothing the hop below says about its receiver.
    ChainBreak,
    /// A private or reserved address appears between public hops.
    PrivateAddress,
    /// The receiving MTA itself noted that the sender's rDNS may be forged.
    MayBeForged,
    /// The trustworthy hop's IP is private or loopback: the real hand-off is lower.
    TrustworthyIpInternal,
    /// The trustworthy hop records no connecting IP.
    TrustworthyIpMissing,
    /// A `--trust` entry matched no hop.
    TrustUnused,
    /// Hops were counted as internal by inference (private client in the user's domain).
    TrustInferred,
    /// Pasted text was cleaned up (quoting, indentation, line endings...) before reading.
    InputNormalised,
    /// The sender's IP has no PTR record.
    NoPtr,
    /// A PTR name is obviously broken (ends in `in-addr.arpa`, not a host name).
    PtrBroken,
    /// No PTR name of the IP resolves back to it (forward-confirmed rDNS failed).
    FcrdnsFail,
    /// The rDNS name recorded in the header differs from the PTR today.
    RdnsChanged,
    /// The HELO name is a bare name, not fully qualified.
    HeloNotFqdn,
    /// The HELO name breaks host-name syntax (characters, lengths, a bare IP).
    HeloSyntax,
    /// The HELO name is `localhost` or alike.
    HeloLocalhost,
    /// The HELO address literal is not the connecting IP.
    HeloLiteralMismatch,
    /// The HELO name has no A/AAAA record.
    HeloNoAddress,
    /// The HELO name is a CNAME (an alias).
    HeloCname,
    /// The HELO name resolves, but not to the connecting IP.
    HeloMismatch,
    /// The IP is listed on a `--dnsbl` blocklist.
    DnsblListed,
    /// A DNS check got no answer before the deadline.
    DnsTimeout,
    /// A DNS check failed (SERVFAIL, REFUSED, network error).
    DnsError,
    /// DNS checks could not start (no resolver configuration).
    DnsUnavailable,
    /// The per-report query cap stopped some DNS checks.
    DnsCapped,
    /// The recipient domain has no MX and no address: mail to it cannot be delivered.
    MxMissing,
    /// The recipient domain publishes a null MX (RFC 7505): it accepts no mail.
    NullMx,
    /// The host that received or refused the message is not one of the recipient domain's MX hosts.
    MxReceiverNotListed,
    /// A bounce: the hops shown are the returned message's.
    ReturnedMessage,
    /// A bounce that carries neither the returned message nor its headers.
    ReturnedMessageMissing,
    /// A bounce whose status, reply code and diagnostic could not be read.
    BounceUnreadable,
    /// A bounce listing more recipients than the tool keeps.
    TooManyRecipients,
}

impl FindingCode {
    /// Every code, for documentation checks.
    pub const ALL: [FindingCode; 42] = {
        use FindingCode::*;
        [
            NoReceived,
            TooManyReceived,
            ParseFailed,
            ParsePartial,
            MissingDate,
            InvalidDate,
            NegativeDelay,
            LongDelay,
            FutureDate,
            BeforeMessageDate,
            BadMessageDate,
            ChainBreak,
            PrivateAddress,
            MayBeForged,
            TrustworthyIpInternal,
            TrustworthyIpMissing,
            TrustUnused,
            TrustInferred,
            InputNormalised,
            NoPtr,
            PtrBroken,
            FcrdnsFail,
            RdnsChanged,
            HeloNotFqdn,
            HeloSyntax,
            HeloLocalhost,
            HeloLiteralMismatch,
            HeloNoAddress,
            HeloCname,
            HeloMismatch,
            DnsblListed,
            DnsTimeout,
            DnsError,
            DnsUnavailable,
            DnsCapped,
            MxMissing,
            NullMx,
            MxReceiverNotListed,
            ReturnedMessage,
            ReturnedMessageMissing,
            BounceUnreadable,
            TooManyRecipients,
        ]
    };

    /// The severity this code normally carries.
    pub fn severity(self) -> Severity {
        use FindingCode::*;
        match self {
            NoReceived
            | ParsePartial
            | LongDelay
            | TrustUnused
            | TrustInferred
            | InputNormalised
            | RdnsChanged
            | HeloCname
            | HeloMismatch
            | DnsTimeout
            | DnsError
            | DnsCapped
            | MxReceiverNotListed
            | ReturnedMessage
            | ReturnedMessageMissing => Severity::Info,
            BounceUnreadable | TooManyRecipients => Severity::Warning,
            ParseFailed => Severity::Error,
            TooManyReceived
            | MissingDate
            | InvalidDate
            | NegativeDelay
            | FutureDate
            | BeforeMessageDate
            | BadMessageDate
            | ChainBreak
            | PrivateAddress
            | MayBeForged
            | TrustworthyIpInternal
            | TrustworthyIpMissing
            | NoPtr
            | PtrBroken
            | FcrdnsFail
            | HeloNotFqdn
            | HeloSyntax
            | HeloLocalhost
            | HeloLiteralMismatch
            | HeloNoAddress
            | DnsblListed
            | DnsUnavailable
            | MxMissing
            | NullMx => Severity::Warning,
        }
    }

    /// The kebab-case name used in JSON and in the table.
    pub fn as_str(self) -> &'static str {
        use FindingCode::*;
        match self {
            NoReceived => "no-received",
            TooManyReceived => "too-many-received",
            ParseFailed => "parse-failed",
            ParsePartial => "parse-partial",
            MissingDate => "missing-date",
            InvalidDate => "invalid-date",
            NegativeDelay => "negative-delay",
            LongDelay => "long-delay",
            FutureDate => "future-date",
            BeforeMessageDate => "before-message-date",
            BadMessageDate => "bad-message-date",
            ChainBreak => "chain-break",
            PrivateAddress => "private-address",
            MayBeForged => "may-be-forged",
            TrustworthyIpInternal => "trustworthy-ip-internal",
            TrustworthyIpMissing => "trustworthy-ip-missing",
            TrustUnused => "trust-unused",
            TrustInferred => "trust-inferred",
            InputNormalised => "input-normalised",
            NoPtr => "no-ptr",
            PtrBroken => "ptr-broken",
            FcrdnsFail => "fcrdns-fail",
            RdnsChanged => "rdns-changed",
            HeloNotFqdn => "helo-not-fqdn",
            HeloSyntax => "helo-syntax",
            HeloLocalhost => "helo-localhost",
            HeloLiteralMismatch => "helo-literal-mismatch",
            HeloNoAddress => "helo-no-address",
            HeloCname => "helo-cname",
            HeloMismatch => "helo-mismatch",
            DnsblListed => "dnsbl-listed",
            DnsTimeout => "dns-timeout",
            DnsError => "dns-error",
            DnsUnavailable => "dns-unavailable",
            DnsCapped => "dns-capped",
            MxMissing => "mx-missing",
            NullMx => "null-mx",
            MxReceiverNotListed => "mx-receiver-not-listed",
            ReturnedMessage => "returned-message",
            ReturnedMessageMissing => "returned-message-missing",
            BounceUnreadable => "bounce-unreadable",
            TooManyRecipients => "too-many-recipients",
        }
    }
}

/// One thing the tool noticed, with a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    pub message: String,
}

impl Finding {
    pub fn new(code: FindingCode, message: impl Into<String>) -> Self {
        Finding {
            severity: code.severity(),
            code,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_with_its_severity() {
        let doc = include_str!("../docs/json.md");
        for code in FindingCode::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.severity().as_str());
            assert!(doc.contains(&row), "docs/json.md lacks the row {row}");
        }
    }

    #[test]
    fn json_name_matches_as_str() {
        for code in FindingCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
