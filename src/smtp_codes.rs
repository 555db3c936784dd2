//! SMTP reply codes (RFC 5321 §4.2, with RFC 3030, RFC 4954 and RFC 7504)
//! and enhanced mail system status codes (RFC 3463, the IANA registry of
//! RFC 5248 and the RFCs that added to it), as data.
//!
//! A code that is not in a table is still explained: a reply code by its
//! first two digits (RFC 5321 §4.2.1), an enhanced status by its class and
//! subject (RFC 3463 §3).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A three-digit SMTP reply code such as `550`. Serialised as an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReplyCode(u16);

impl ReplyCode {
    /// A reply code: first digit 2 to 5, second digit 0 to 5 (RFC 5321 §4.2).
    pub fn new(code: u16) -> Option<ReplyCode> {
        let (first, second) = (code / 100, (code / 10) % 10);
        ((2..=5).contains(&first) && second <= 5).then_some(ReplyCode(code))
    }

    pub fn value(self) -> u16 {
        self.0
    }

    /// The first digit: 2 success, 3 intermediate, 4 transient, 5 permanent.
    pub fn class(self) -> u8 {
        (self.0 / 100) as u8
    }

    /// The meaning from RFC 5321 (or the RFC that defined the code), else
    /// what its first two digits say.
    pub fn meaning(self) -> String {
        match REPLY_CODES.iter().find(|(c, _)| *c == self.0) {
            Some((_, text)) => (*text).to_string(),
            None => format!(
                "{} ({}; code not defined in the standards)",
                REPLY_CLASSES[usize::from(self.class() - 2)],
                REPLY_TOPICS[usize::from((self.0 / 10) % 10)]
            ),
        }
    }
}

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for ReplyCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

/// An enhanced status code `class.subject.detail` such as `5.1.1`.
/// Serialised as that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnhancedStatus {
    pub class: u8,
    pub subject: u16,
    pub detail: u16,
}

impl EnhancedStatus {
    /// Class 2, 4 or 5; subject and detail of at most three digits (RFC 3463 §2).
    pub fn new(class: u8, subject: u16, detail: u16) -> Option<EnhancedStatus> {
        (matches!(class, 2 | 4 | 5) && subject <= 999 && detail <= 999).then_some(EnhancedStatus {
            class,
            subject,
            detail,
        })
    }

    /// The registry meaning: the class, then the detail's title, or the
    /// subject's when the detail is not registered.
    pub fn meaning(self) -> String {
        let class = match self.class {
            2 => "Success",
            4 => "Persistent transient failure",
            _ => "Permanent failure",
        };
        if let Some(title) = status_title(self.subject, self.detail) {
            return format!("{class}: {title}");
        }
        match SUBJECTS.iter().find(|(s, _)| *s == self.subject) {
            Some((_, subject)) => format!(
                "{class}: {subject} (detail {} is not in the registry)",
                self.detail
            ),
            None => format!("{class} (subject {} is not in the registry)", self.subject),
        }
    }

    /// `X.0.0`: nothing beyond the class (Exim, OpenSMTPD and some gateways
    /// write it where the server's reply has the specific status).
    pub fn is_generic(self) -> bool {
        self.subject == 0 && self.detail == 0
    }

    /// `X.Y.0`: "other or undefined" within its subject (Amazon SES's
    /// 5.1.0 around the server's 5.2.2): a more specific status of the
    /// same class, where one is given, says more.
    pub fn is_vague(self) -> bool {
        self.detail == 0
    }

    /// Whether the registry lists this subject and detail.
    pub fn is_registered(self) -> bool {
        status_title(self.subject, self.detail).is_some()
    }
}

impl fmt::Display for EnhancedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

impl Serialize for EnhancedStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for EnhancedStatus {
    type Err = ();

    /// Parses `5.1.1` exactly (no surrounding text).
    fn from_str(s: &str) -> Result<Self, ()> {
        let mut parts = s.split('.');
        let (Some(c), Some(sub), Some(det), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(());
        };
        let number = |t: &str, max: usize| -> Result<u16, ()> {
            if t.is_empty() || t.len() > max || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            t.parse().map_err(|_| ())
        };
        let class = number(c, 1)?;
        EnhancedStatus::new(class as u8, number(sub, 3)?, number(det, 3)?).ok_or(())
    }
}

fn status_title(subject: u16, detail: u16) -> Option<&'static str> {
    STATUS_CODES
        .iter()
        .find(|(s, d, _)| *s == subject && *d == detail)
        .map(|(_, _, title)| *title)
}

/// Reply codes and their meaning. RFC 5321 §4.2.2 and §4.2.3 unless noted.
pub const REPLY_CODES: &[(u16, &str)] = &[
    (211, "System status, or system help reply"),
    (214, "Help message"),
    (220, "Service ready"),
    (221, "Service closing transmission channel"),
    (235, "Authentication succeeded (RFC 4954)"),
    (250, "Requested mail action okay, completed"),
    (251, "User not local; will forward"),
    (
        252,
        "Cannot verify the user, but will accept the message and attempt delivery",
    ),
    (334, "Server challenge for authentication (RFC 4954)"),
    (354, "Start mail input; end with <CRLF>.<CRLF>"),
    (421, "Service not available, closing transmission channel"),
    (432, "A password transition is needed (RFC 4954)"),
    (
        450,
        "Requested mail action not taken: mailbox unavailable (busy, or temporarily blocked for policy reasons)",
    ),
    (451, "Requested action aborted: local error in processing"),
    (
        452,
        "Requested action not taken: insufficient system storage",
    ),
    (454, "Temporary authentication failure (RFC 4954)"),
    (455, "Server unable to accommodate parameters"),
    (
        500,
        "Syntax error, command unrecognised (or command line too long)",
    ),
    (501, "Syntax error in parameters or arguments"),
    (502, "Command not implemented"),
    (503, "Bad sequence of commands"),
    (504, "Command parameter not implemented"),
    (521, "Host does not accept mail (RFC 7504)"),
    (530, "Authentication required (RFC 4954)"),
    (534, "Authentication mechanism is too weak (RFC 4954)"),
    (535, "Authentication credentials invalid (RFC 4954)"),
    (
        538,
        "Encryption required for requested authentication mechanism (RFC 4954)",
    ),
    (
        550,
        "Requested action not taken: mailbox unavailable (not found, no access, or refused for policy reasons)",
    ),
    (551, "User not local; please try another path"),
    (
        552,
        "Requested mail action aborted: exceeded storage allocation",
    ),
    (553, "Requested action not taken: mailbox name not allowed"),
    (
        554,
        "Transaction failed (or, at connection, no SMTP service here)",
    ),
    (
        555,
        "MAIL FROM/RCPT TO parameters not recognised or not implemented",
    ),
    (556, "Domain does not accept mail (RFC 7504)"),
];

/// What the first digit of a reply code says (RFC 5321 §4.2.1), for codes 2xx to 5xx.
const REPLY_CLASSES: [&str; 4] = [
    "Positive completion",
    "Positive intermediate",
    "Transient negative completion: the command may succeed if repeated",
    "Permanent negative completion: the command will not succeed as sent",
];

/// What the second digit of a reply code says (RFC 5321 §4.2.1).
const REPLY_TOPICS: [&str; 6] = [
    "syntax",
    "information",
    "connections",
    "unspecified",
    "unspecified",
    "mail system",
];

/// Status code subjects (RFC 3463 §3).
pub const SUBJECTS: &[(u16, &str)] = &[
    (0, "Other or undefined status"),
    (1, "Addressing status"),
    (2, "Mailbox status"),
    (3, "Mail system status"),
    (4, "Network and routing status"),
    (5, "Mail delivery protocol status"),
    (6, "Message content or media status"),
    (7, "Security or policy status"),
];

/// Every enumerated status code of the IANA "SMTP Enhanced Status Codes"
/// registry (RFC 5248), as `(subject, detail, title)`. The titles are the
/// registry's; they apply to every class the code is used with.
pub const STATUS_CODES: &[(u16, u16, &str)] = &[
    // RFC 3463
    (0, 0, "Other undefined status"),
    (1, 0, "Other address status"),
    (1, 1, "Bad destination mailbox address"),
    (1, 2, "Bad destination system address"),
    (1, 3, "Bad destination mailbox address syntax"),
    (1, 4, "Destination mailbox address ambiguous"),
    (1, 5, "Destination address valid"),
    (1, 6, "Destination mailbox has moved, no forwarding address"),
    (1, 7, "Bad sender's mailbox address syntax"),
    (1, 8, "Bad sender's system address"),
    // RFC 3886
    (1, 9, "Message relayed to non-compliant mailer"),
    // RFC 7505
    (1, 10, "Recipient address has null MX"),
    // RFC 3463
    (2, 0, "Other or undefined mailbox status"),
    (2, 1, "Mailbox disabled, not accepting messages"),
    (2, 2, "Mailbox full"),
    (2, 3, "Message length exceeds administrative limit"),
    (2, 4, "Mailing list expansion problem"),
    (3, 0, "Other or undefined mail system status"),
    (3, 1, "Mail system full"),
    (3, 2, "System not accepting network messages"),
    (3, 3, "System not capable of selected features"),
    (3, 4, "Message too big for system"),
    (3, 5, "System incorrectly configured"),
    // RFC 6710
    (3, 6, "Requested priority was changed"),
    // RFC 3463
    (4, 0, "Other or undefined network or routing status"),
    (4, 1, "No answer from host"),
    (4, 2, "Bad connection"),
    (4, 3, "Directory server failure"),
    (4, 4, "Unable to route"),
    (4, 5, "Mail system congestion"),
    (4, 6, "Routing loop detected"),
    (4, 7, "Delivery time expired"),
    (5, 0, "Other or undefined protocol status"),
    (5, 1, "Invalid command"),
    (5, 2, "Syntax error"),
    (5, 3, "Too many recipients"),
    (5, 4, "Invalid command arguments"),
    (5, 5, "Wrong protocol version"),
    // RFC 4954
    (5, 6, "Authentication exchange line is too long"),
    // RFC 3463
    (6, 0, "Other or undefined media error"),
    (6, 1, "Media not supported"),
    (6, 2, "Conversion required and prohibited"),
    (6, 3, "Conversion required but not supported"),
    (6, 4, "Conversion with loss performed"),
    (6, 5, "Conversion failed"),
    // RFC 4468
    (6, 6, "Message content not available"),
    // RFC 6531
    (
        6,
        7,
        "Non-ASCII addresses not permitted for that sender/recipient",
    ),
    (
        6,
        8,
        "UTF-8 string reply is required, but not permitted by the SMTP client",
    ),
    (
        6,
        9,
        "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected",
    ),
    (
        6,
        10,
        "UTF-8 string reply is required, but not permitted by the SMTP client (deprecated duplicate of X.6.8)",
    ),
    // RFC 3463
    (7, 0, "Other or undefined security status"),
    (7, 1, "Delivery not authorized, message refused"),
    (7, 2, "Mailing list expansion prohibited"),
    (7, 3, "Security conversion required but not possible"),
    (7, 4, "Security features not supported"),
    (7, 5, "Cryptographic failure"),
    (7, 6, "Cryptographic algorithm not supported"),
    (7, 7, "Message integrity failure"),
    // RFC 4954
    (7, 8, "Authentication credentials invalid"),
    (7, 9, "Authentication mechanism is too weak"),
    // RFC 5248
    (7, 10, "Encryption needed"),
    // RFC 4954
    (
        7,
        11,
        "Encryption required for requested authentication mechanism",
    ),
    (7, 12, "A password transition is needed"),
    // RFC 5248
    (7, 13, "User account disabled"),
    (7, 14, "Trust relationship required"),
    // RFC 6710
    (7, 15, "Priority level is too low"),
    (7, 16, "Message is too big for the specified priority"),
    // RFC 7293
    (7, 17, "Mailbox owner has changed"),
    (7, 18, "Domain owner has changed"),
    (7, 19, "RRVS test cannot be completed"),
    // RFC 7372
    (7, 20, "No passing DKIM signature found"),
    (7, 21, "No acceptable DKIM signature found"),
    (7, 22, "No valid author-matched DKIM signature found"),
    (7, 23, "SPF validation failed"),
    (7, 24, "SPF validation error"),
    (7, 25, "Reverse DNS validation failed"),
    (7, 26, "Multiple authentication checks failed"),
    // RFC 7505
    (7, 27, "Sender address has null MX"),
    // IANA registry
    (7, 28, "Mail flood detected"),
    // RFC 8617
    (7, 29, "ARC validation failure"),
    // RFC 8689
    (7, 30, "REQUIRETLS support required"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: &str) -> EnhancedStatus {
        s.parse().unwrap()
    }

    #[test]
    fn reply_codes_are_valid_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (code, text) in REPLY_CODES {
            assert!(ReplyCode::new(*code).is_some(), "{code}");
            assert!(seen.insert(code), "duplicate {code}");
            assert!(!text.is_empty());
        }
    }

    #[test]
    fn status_codes_are_unique_and_cover_rfc_3463() {
        let mut seen = std::collections::HashSet::new();
        for (s, d, _) in STATUS_CODES {
            assert!(seen.insert((s, d)), "duplicate {s}.{d}");
        }
        // Every subject/detail RFC 3463 defines.
        let rfc3463 = [
            (0, 0),
            (1, 8),
            (2, 4),
            (3, 5),
            (4, 7),
            (5, 5),
            (6, 5),
            (7, 7),
        ];
        for (s, last) in rfc3463 {
            for d in 0..=last {
                assert!(seen.contains(&(&s, &d)), "missing X.{s}.{d}");
            }
        }
        // The later registrations the domain brief names.
        for (s, d) in [(1, 10), (7, 23), (7, 25), (7, 26), (7, 27), (7, 30)] {
            assert!(seen.contains(&(&s, &d)), "missing X.{s}.{d}");
        }
        assert_eq!(STATUS_CODES.len(), 81);
    }

    #[test]
    fn known_reply_codes_have_their_rfc_meaning() {
        let m = |c| ReplyCode::new(c).unwrap().meaning();
        assert!(m(550).starts_with("Requested action not taken: mailbox unavailable"));
        assert_eq!(
            m(421),
            "Service not available, closing transmission channel"
        );
        assert_eq!(m(556), "Domain does not accept mail (RFC 7504)");
    }

    #[test]
    fn unknown_reply_codes_are_explained_by_their_digits() {
        let m = ReplyCode::new(529).unwrap().meaning();
        assert_eq!(
            m,
            "Permanent negative completion: the command will not succeed as sent (connections; code not defined in the standards)"
        );
        let m = ReplyCode::new(459).unwrap().meaning();
        assert!(m.starts_with("Transient negative completion"), "{m}");
        assert!(m.contains("mail system"), "{m}");
    }

    #[test]
    fn reply_code_bounds() {
        assert!(ReplyCode::new(199).is_none());
        assert!(ReplyCode::new(600).is_none());
        assert!(ReplyCode::new(560).is_none());
        assert_eq!(ReplyCode::new(554).unwrap().class(), 5);
        assert_eq!(serde_json::to_value(ReplyCode::new(550)).unwrap(), 550);
    }

    #[test]
    fn enhanced_status_meanings_come_from_the_registry() {
        assert_eq!(
            status("5.1.1").meaning(),
            "Permanent failure: Bad destination mailbox address"
        );
        assert_eq!(
            status("4.2.2").meaning(),
            "Persistent transient failure: Mailbox full"
        );
        assert_eq!(
            status("5.7.25").meaning(),
            "Permanent failure: Reverse DNS validation failed"
        );
        assert_eq!(
            status("5.7.26").meaning(),
            "Permanent failure: Multiple authentication checks failed"
        );
        assert_eq!(
            status("5.1.10").meaning(),
            "Permanent failure: Recipient address has null MX"
        );
        assert_eq!(status("2.0.0").meaning(), "Success: Other undefined status");
    }

    #[test]
    fn unknown_enhanced_status_is_explained_by_class_and_subject() {
        assert_eq!(
            status("5.4.14").meaning(),
            "Permanent failure: Network and routing status (detail 14 is not in the registry)"
        );
        assert_eq!(
            status("4.9.1").meaning(),
            "Persistent transient failure (subject 9 is not in the registry)"
        );
        assert!(!status("5.7.708").is_registered());
        assert!(status("5.7.1").is_registered());
    }

    #[test]
    fn enhanced_status_parsing_is_strict() {
        assert_eq!(status("5.7.26").to_string(), "5.7.26");
        for bad in [
            "3.1.1", "5.1", "5.1.1.1", "5..1", "5.1.1000", "55.1.1", "a.b.c", "",
        ] {
            assert!(bad.parse::<EnhancedStatus>().is_err(), "{bad}");
        }
        assert_eq!(
            serde_json::to_value(status("5.1.1")).unwrap(),
            serde_json::json!("5.1.1")
        );
    }
}
