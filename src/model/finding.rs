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

/// Declares the finding codes in one table: the variant, its JSON name and
/// its severity, so the list, the names and the severities cannot drift.
macro_rules! finding_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, $severity:ident;)*) => {
        /// Every finding the tool can report. The kebab-case name is the JSON `code`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum FindingCode {
            $($(#[doc = $doc])* #[serde(rename = $name)] $variant,)*
        }

        impl FindingCode {
            /// Every code, for documentation checks.
            pub const ALL: &[FindingCode] = &[$(FindingCode::$variant,)*];

            /// The severity this code normally carries.
            pub fn severity(self) -> Severity {
                match self {
                    $(FindingCode::$variant => Severity::$severity,)*
                }
            }

            /// The kebab-case name used in JSON and in the table.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $name,)*
                }
            }
        }
    };
}

finding_codes! {
    /// The message carries no Received header at all.
    NoReceived = "no-received", Info;
    /// More Received headers than the tool reads; the oldest were dropped.
    TooManyReceived = "too-many-received", Warning;
    /// A Received header could not be parsed at all.
    ParseFailed = "parse-failed", Error;
    /// Part of a Received header could not be parsed.
    ParsePartial = "parse-partial", Info;
    /// A hop has no date.
    MissingDate = "missing-date", Warning;
    /// A hop's date is not a valid date.
    InvalidDate = "invalid-date", Warning;
    /// A hop's date names its zone with a word RFC 5322 does not define; the zone was interpreted.
    ZoneAssumed = "zone-assumed", Info;
    /// A hop's time is earlier than the hop below it.
    NegativeDelay = "negative-delay", Warning;
    /// A hop is dated a few seconds or minutes before the hop below it: two clocks differ slightly.
    ClockSkew = "clock-skew", Info;
    /// A hop took unusually long (more than an hour).
    LongDelay = "long-delay", Info;
    /// A hop's date is more than a day after the report was made.
    FutureDate = "future-date", Warning;
    /// A hop is dated well before the message's own Date: header.
    BeforeMessageDate = "before-message-date", Warning;
    /// The Date: header is missing or not a valid date.
    BadMessageDate = "bad-message-date", Warning;
    /// A hop's sender matches nothing the hop below says about its receiver.
    ChainBreak = "chain-break", Warning;
    /// A private or reserved address appears between public hops.
    PrivateAddress = "private-address", Warning;
    /// The receiving MTA itself noted that the sender's rDNS may be forged.
    MayBeForged = "may-be-forged", Warning;
    /// The trustworthy hop's IP is private or loopback: the real hand-off is lower.
    TrustworthyIpInternal = "trustworthy-ip-internal", Warning;
    /// The trustworthy hop records no connecting IP.
    TrustworthyIpMissing = "trustworthy-ip-missing", Warning;
    /// A `--trust` entry matched no hop.
    TrustUnused = "trust-unused", Info;
    /// Hops were counted as internal by inference (private client in the user's domain).
    TrustInferred = "trust-inferred", Info;
    /// The trustworthy hop is a hand-off between two machines of one domain: `--trust` it to see further.
    TrustHint = "trust-hint", Info;
    /// No hop hands the message in from outside: it originated inside the receiving organisation.
    OriginatedInside = "originated-inside", Info;
    /// Pasted text was cleaned up (quoting, indentation, line endings...) before reading.
    InputNormalised = "input-normalised", Info;
    /// The sender's IP has no PTR record.
    NoPtr = "no-ptr", Warning;
    /// A PTR name is obviously broken (ends in `in-addr.arpa`, not a host name).
    PtrBroken = "ptr-broken", Warning;
    /// A PTR name looks generic (embeds the IP, or a word like dynamic/dsl/pool): an end-user connection.
    PtrGeneric = "ptr-generic", Info;
    /// No PTR name of the IP resolves back to it (forward-confirmed rDNS failed).
    FcrdnsFail = "fcrdns-fail", Warning;
    /// The rDNS name recorded in the header differs from the PTR today.
    RdnsChanged = "rdns-changed", Info;
    /// The HELO name is a bare name, not fully qualified.
    HeloNotFqdn = "helo-not-fqdn", Warning;
    /// The HELO name breaks host-name syntax (characters, lengths, a bare IP).
    HeloSyntax = "helo-syntax", Warning;
    /// The HELO name is `localhost` or alike.
    HeloLocalhost = "helo-localhost", Warning;
    /// The HELO address literal is not the connecting IP.
    HeloLiteralMismatch = "helo-literal-mismatch", Warning;
    /// The HELO name has no A/AAAA record.
    HeloNoAddress = "helo-no-address", Warning;
    /// The HELO name is a CNAME (an alias).
    HeloCname = "helo-cname", Info;
    /// The HELO name resolves, but not to the connecting IP.
    HeloMismatch = "helo-mismatch", Info;
    /// The IP is listed on a `--dnsbl` blocklist.
    DnsblListed = "dnsbl-listed", Warning;
    /// A DNS check got no answer before the deadline.
    DnsTimeout = "dns-timeout", Info;
    /// A DNS check failed (SERVFAIL, REFUSED, network error).
    DnsError = "dns-error", Info;
    /// DNS checks could not start (no resolver configuration).
    DnsUnavailable = "dns-unavailable", Warning;
    /// The per-report query cap stopped some DNS checks.
    DnsCapped = "dns-capped", Info;
    /// The recipient domain has no MX and no address: mail to it cannot be delivered.
    MxMissing = "mx-missing", Warning;
    /// The recipient domain publishes a null MX (RFC 7505): it accepts no mail.
    NullMx = "null-mx", Warning;
    /// An MX host of the recipient domain has no address, or is not a host name.
    MxHostUnresolvable = "mx-host-unresolvable", Warning;
    /// An MX host of the recipient domain is an alias (CNAME), which RFC 2181 §10.3 forbids.
    MxCname = "mx-cname", Info;
    /// The host that received or refused the message is not one of the recipient domain's MX hosts.
    MxReceiverNotListed = "mx-receiver-not-listed", Info;
    /// The receiving side's SPF check failed (or soft-failed) for the envelope sender's domain.
    SpfFail = "spf-fail", Warning;
    /// The receiving side found a DKIM signature that does not verify.
    DkimFail = "dkim-fail", Warning;
    /// The receiving side's DMARC check failed for the From domain.
    DmarcFail = "dmarc-fail", Warning;
    /// The ARC chain is broken: a seal says `cv=fail`, the receiver's `arc=` failed, or headers are missing.
    ArcBroken = "arc-broken", Warning;
    /// The receiving side's filter delivered the message to the Junk folder.
    FiledAsJunk = "filed-as-junk", Warning;
    /// The receiving side's filter quarantined the message.
    Quarantined = "quarantined", Warning;
    /// Authentication or filter headers sit below the trust boundary: claims from outside, not counted.
    AuthClaimBelowBoundary = "auth-claim-below-boundary", Info;
    /// Checked now: today's SPF record of the envelope sender's domain fails (or soft-fails) the trustworthy hop's IP.
    SpfFailNow = "spf-fail-now", Warning;
    /// Checked now: a DKIM signature no longer matches the message (its body or a signed header changed).
    DkimFailNow = "dkim-fail-now", Warning;
    /// Checked now: a DKIM signature cannot be verified today (its key is gone or revoked, or it expired); says nothing about the message.
    DkimUnverifiableNow = "dkim-unverifiable-now", Info;
    /// Checked now: the From domain publishes no DMARC record that applies.
    DmarcRecordMissing = "dmarc-record-missing", Info;
    /// A bounce: the hops shown are the returned message's.
    ReturnedMessage = "returned-message", Info;
    /// A bounce that carries neither the returned message nor its headers.
    ReturnedMessageMissing = "returned-message-missing", Info;
    /// The text of a notice pasted without its headers.
    NoticeWithoutHeaders = "notice-without-headers", Info;
    /// A bounce whose status, reply code and diagnostic could not be read.
    BounceUnreadable = "bounce-unreadable", Warning;
    /// A bounce listing more recipients than the tool keeps.
    TooManyRecipients = "too-many-recipients", Warning;
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
        let doc = include_str!("../../docs/json.md");
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
