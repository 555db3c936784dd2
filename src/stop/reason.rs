//! Why a message stopped: one table of clues, each mapping to a [`Reason`]
//! from the JSON vocabulary (docs/json.md) and its [`Advice`].
//!
//! Evidence is weighed in passes, strongest first, and within a pass the
//! first row of [`RULES`] that matches wins:
//! 1. what the report itself says ([`Clue::Success`], [`Clue::GaveUp`]);
//! 2. words that name the cause outright ([`Clue::Said`] and the other
//!    phrase clues) in the remote server's reply: first in the reason a
//!    refusal states for itself ("Recipient address rejected: *X*" is X),
//!    then anywhere in the reply. The server's words name the cause more
//!    precisely than a status that a generic layer wrote (Postfix's 5.0.0,
//!    sendmail's own 5.1.1 under the server's SPF refusal, a catch-all
//!    5.7.1);
//! 3. a specific enhanced status (RFC 3463 subject and detail: 5.1.1,
//!    5.2.2, 5.7.26...);
//! 4. loose words ([`Clue::Word`]: "policy", "content", "spam") and the
//!    stock text of a reply code ([`Clue::Permanent`]: RFC 5321's 550
//!    "mailbox unavailable") in the server's reply: they never outweigh a
//!    specific status (`550 5.2.1 Mailbox unavailable: account closed` is
//!    a disabled mailbox);
//! 5. words that name the cause outright in the notice's own prose, when
//!    the server's words and the status are silent. The prose's loose
//!    words (a stock closing "Message headers follow.", an antivirus
//!    footer "scanned for viruses") never count;
//! 6. a catch-all status: `X.Y.0` and the ubiquitous 5.7.1, then the
//!    status's subject alone (X.7.*);
//! 7. the reply code alone.
//!
//! Phrases are matched in lowercase text with addresses removed (an
//! address's words are never the cause) and a few spellings made one
//! (`mail box`, `mail-box` → `mailbox`; `BAD_RECIPIENT` → `bad recipient`).
//! Within a pass, specific clues (a blocklist's name, "Relay access
//! denied") come before general ones. To teach the tool a new bounce text,
//! add a row with a realistic `example`: the unit tests check that every
//! row's example, read as the server's reply, is classified by that very
//! row.

use crate::model::{Action, Reason};
use crate::smtp_codes::{EnhancedStatus, ReplyCode};

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clue {
    /// The report says the message was delivered, relayed or expanded
    /// (or a 2.x.x status / 2xx reply with no action).
    Success,
    /// The report says `failed` with a transient (4.x.x or 4xx) code, or
    /// with X.4.7 "Delivery time expired" (RFC 3463): the reporting server
    /// retried until it gave up. A transient reply under a permanent
    /// status (Amazon SES's `5.4.7 - Delivery expired (message too old)
    /// 421-'4.7.0 ...'`) is the last answer of a server that never
    /// refused for good.
    GaveUp,
    /// A phrase that names the cause outright; lowercase. Counts in the
    /// server's words over any status, and in the notice's prose when
    /// nothing else speaks.
    Said(&'static str),
    /// Two phrases in the same words, in any order: `ip address` and
    /// `blocked`.
    SaidBoth(&'static str, &'static str),
    /// The stock text of a reply code, which names the cause only in a
    /// permanent refusal (a 5xx reply or 5.x.x status): RFC 5321's 550
    /// "mailbox unavailable" (its 450 is a busy mailbox). Like a loose
    /// word, it counts only in the server's words, and never over a
    /// specific status: servers write it before any reason.
    Permanent(&'static str),
    /// A vendor's documented pair of an enhanced status and words
    /// (Exchange Online's 5.4.1 "Access denied": no such recipient).
    StatusSaid(u16, u16, &'static str),
    /// A loose word ("policy", "content", "spam"): counts only in the
    /// server's words, and only when the status is not specific.
    Word(&'static str),
    /// An enhanced status of any class: `Status(1, 1)` is X.1.1.
    Status(u16, u16),
    /// Any enhanced status in this subject (X.7.*).
    Subject(u16),
    /// A reply code, when nothing more specific matched.
    Reply(u16),
}

/// What to tell the user, with and without the server's words to point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// When the report shows a diagnostic.
    pub with_diagnostic: &'static str,
    /// When it shows none: never points to one.
    pub without_diagnostic: &'static str,
}

impl Advice {
    /// The same words whether or not there is a diagnostic.
    const fn plain(text: &'static str) -> Advice {
        Advice {
            with_diagnostic: text,
            without_diagnostic: text,
        }
    }

    /// The sentence for a report that shows a diagnostic or not.
    pub fn text(self, has_diagnostic: bool) -> &'static str {
        if has_diagnostic {
            self.with_diagnostic
        } else {
            self.without_diagnostic
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub clue: Clue,
    pub reason: Reason,
    pub advice: Advice,
    /// A realistic diagnostic this row (and no row before it) classifies:
    /// `"550 5.1.1 <bob@example.net>: User unknown"`. For `Success` and
    /// `GaveUp` the action is given as `failed:` or `delivered:` first.
    pub example: &'static str,
}

/// What is known about one recipient's outcome.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence<'a> {
    pub action: Option<Action>,
    pub status: Option<EnhancedStatus>,
    pub reply_code: Option<ReplyCode>,
    /// The remote server's words (the diagnostic).
    pub said: &'a str,
    /// The notice's own prose around them.
    pub notice: &'a str,
}

/// The classification of one outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    pub reason: Reason,
    pub advice: Advice,
    /// Index of the matching row in [`RULES`], `None` for the fallback.
    pub rule: Option<usize>,
}

/// The passes, strongest evidence first (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    Report,
    StatedReason,
    Said,
    SpecificStatus,
    Words,
    Notice,
    CatchAllStatus,
    ReplyCode,
}

const PASSES: [Pass; 8] = [
    Pass::Report,
    Pass::StatedReason,
    Pass::Said,
    Pass::SpecificStatus,
    Pass::Words,
    Pass::Notice,
    Pass::CatchAllStatus,
    Pass::ReplyCode,
];

/// Classifies an outcome: the first matching row of [`RULES`] in the
/// strongest pass that has one, else `other`.
pub fn classify(evidence: &Evidence<'_>) -> Classified {
    let said = matchable(evidence.said);
    let notice = matchable(evidence.notice);
    let stated = stated_reason(&said);
    for pass in PASSES {
        let text = match pass {
            Pass::StatedReason => match stated {
                Some(s) => s,
                None => continue,
            },
            Pass::Notice => notice.as_str(),
            _ => said.as_str(),
        };
        for (index, rule) in RULES.iter().enumerate() {
            // A delay has not expired yet, whatever its text says about time.
            if rule.reason == Reason::Expired && evidence.action == Some(Action::Delayed) {
                continue;
            }
            if in_pass(rule.clue, pass, evidence) && matches(rule.clue, evidence, text) {
                return Classified {
                    reason: rule.reason,
                    advice: rule.advice,
                    rule: Some(index),
                };
            }
        }
    }
    // A delay that gives no reason: the reporting server is still trying.
    let advice = if evidence.action == Some(Action::Delayed) {
        ADVICE_DELAYED
    } else {
        ADVICE_OTHER
    };
    Classified {
        reason: Reason::Other,
        advice,
        rule: None,
    }
}

/// Whether a text names a cause outright: a phrase of the table, of more
/// than one word, that says why a delivery failed ("That's not a valid
/// user here", "As their mailbox is full"); one word ("DKIM", "quota")
/// is too little to tell a notice. Such words make a text from the null
/// sender a notice, whatever its layout.
pub fn names_a_cause(text: &str) -> bool {
    let text = matchable(text);
    RULES.iter().any(|r| match r.clue {
        Clue::Said(phrase) => phrase.trim().contains(' ') && text.contains(phrase),
        _ => false,
    })
}

/// Whether a status names the cause precisely: not `X.Y.0` ("other or
/// undefined") and not 5.7.1, which refusals of every kind carry.
fn is_specific(status: EnhancedStatus) -> bool {
    status.detail != 0 && (status.subject, status.detail) != (7, 1)
}

/// Whether the table has a row for this very status.
fn has_row(status: EnhancedStatus) -> bool {
    RULES
        .iter()
        .any(|r| r.clue == Clue::Status(status.subject, status.detail))
}

/// Whether a clue is weighed in a pass.
fn in_pass(clue: Clue, pass: Pass, e: &Evidence<'_>) -> bool {
    let specific = e.status.is_some_and(is_specific);
    match clue {
        Clue::Success | Clue::GaveUp => pass == Pass::Report,
        Clue::Said(_) | Clue::SaidBoth(..) | Clue::StatusSaid(..) => {
            matches!(pass, Pass::StatedReason | Pass::Said | Pass::Notice)
        }
        Clue::Word(_) | Clue::Permanent(_) => pass == Pass::Words,
        Clue::Status(..) => {
            (pass == Pass::SpecificStatus && specific)
                || (pass == Pass::CatchAllStatus && !specific)
        }
        // The subject alone speaks only for a detail the table does not
        // know: 4.4.7 of a delay is no unreachable host.
        Clue::Subject(_) => pass == Pass::CatchAllStatus && !e.status.is_some_and(has_row),
        Clue::Reply(_) => pass == Pass::ReplyCode,
    }
}

fn matches(clue: Clue, e: &Evidence<'_>, text: &str) -> bool {
    let status_class = e.status.map(|s| s.class);
    let reply_class = e.reply_code.map(|r| r.class());
    match clue {
        Clue::Success => match e.action {
            Some(a) => a.is_success(),
            None => status_class == Some(2) || (status_class.is_none() && reply_class == Some(2)),
        },
        Clue::GaveUp => {
            let expired = e.status.is_some_and(|s| (s.subject, s.detail) == (4, 7));
            e.action == Some(Action::Failed)
                && (status_class == Some(4) || reply_class == Some(4) || expired)
        }
        Clue::Said(phrase) | Clue::Word(phrase) => text.contains(phrase),
        Clue::SaidBoth(a, b) => text.contains(a) && text.contains(b),
        Clue::Permanent(phrase) => {
            let class = status_class.or(reply_class);
            class == Some(5) && text.contains(phrase)
        }
        Clue::StatusSaid(subject, detail, phrase) => {
            e.status
                .is_some_and(|s| s.subject == subject && s.detail == detail)
                && text.contains(phrase)
        }
        Clue::Status(subject, detail) => e
            .status
            .is_some_and(|s| s.subject == subject && s.detail == detail),
        Clue::Subject(subject) => e.status.is_some_and(|s| s.subject == subject),
        Clue::Reply(code) => e.reply_code.is_some_and(|r| r.value() == code),
    }
}

/// Text as the phrases are matched: lowercase, on one line, addresses
/// dropped, and the spellings of one word made one.
fn matchable(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| {
            let bare = w.trim_matches(|c: char| "<>()[]\"',;".contains(c));
            // An address (`<bob@example.net>:`, `"bob@example.net"`) is a name,
            // not words; `@` alone or `user@` is kept.
            match bare.split_once('@') {
                Some((local, domain)) if !local.is_empty() && domain.contains('.') => "",
                _ => w,
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    words
        .join(" ")
        .replace("mail box", "mailbox")
        .replace("mail-box", "mailbox")
        .replace("e-mail", "email")
        .replace('_', " ")
}

/// What a refusal gives as its own reason: the words after "Recipient
/// address rejected:" (Postfix, Exchange Online), which name the cause
/// better than the rest of the reply.
fn stated_reason(said: &str) -> Option<&str> {
    const STATED: &str = "recipient address rejected:";
    let at = said.rfind(STATED)? + STATED.len();
    Some(said[at..].trim()).filter(|s| !s.is_empty())
}

const ADVICE_DELIVERED: Advice = Advice::plain(
    "Nothing to do: the message was delivered, or handed on to a system that sends no further reports.",
);
const ADVICE_EXPIRED: Advice = Advice {
    with_diagnostic: "Your server retried for days and gave up; the last error says why: fix that (or check the address), then send the message again.",
    without_diagnostic: "Your server retried for days and gave up without saying why: check the recipient's address and domain, then send the message again; if it fails again, ask your mail administrator to look up the attempts in the server's log.",
};
const ADVICE_UNKNOWN_USER: Advice = Advice::plain(
    "Check the address for typing errors; if it is right, the mailbox no longer exists: ask the recipient for a current address.",
);
const ADVICE_MAILBOX_FULL: Advice = Advice::plain(
    "The recipient must make room in the mailbox; send again later (a temporary refusal is retried automatically).",
);
const ADVICE_MAILBOX_DISABLED: Advice = Advice::plain(
    "The mailbox is switched off: reach the recipient another way; only they or their administrator can turn it back on.",
);
const ADVICE_DOMAIN: Advice = Advice::plain(
    "Check the spelling of the recipient's domain; if it is right, the domain's owner must fix its DNS (MX or A records).",
);
const ADVICE_UNREACHABLE: Advice = Advice::plain(
    "The receiving server could not be reached: if it stays so, the recipient's administrator must check the server, its firewall and the domain's MX records.",
);
const ADVICE_GREYLISTED: Advice = Advice::plain(
    "Nothing to do: the receiver asks new senders to come back later, and your server retries on its own.",
);
const ADVICE_RELAY: Advice = Advice::plain(
    "The server would not relay: authenticate to your own outgoing server, or, if this is the recipient's MX, its administrator must configure it to accept the domain.",
);
const ADVICE_BLOCKLIST: Advice = Advice::plain(
    "Your sending IP or domain is on a blocklist: your mail administrator must look it up on the list's site, fix the cause and request removal, or send through the provider's relay.",
);
const ADVICE_SPAMHAUS: Advice = Advice::plain(
    "Your sending IP is listed by Spamhaus: your mail administrator must look it up on the Spamhaus site, fix the cause (an infected or misconfigured host) and request removal.",
);
const ADVICE_BARRACUDA: Advice = Advice::plain(
    "Your sending IP is on the Barracuda Reputation Block List: your mail administrator must fix the cause and request removal on the Barracuda Central site.",
);
const ADVICE_SPAMCOP: Advice = Advice::plain(
    "Your sending IP is listed by SpamCop after spam reports: your mail administrator must stop the spam at its source; SpamCop listings expire on their own.",
);
const ADVICE_REPUTATION: Advice = Advice::plain(
    "The receiver refuses your sending IP for its reputation: your mail administrator must check the IP on the receiver's postmaster pages and request delisting there, or send through the provider's relay.",
);
const ADVICE_HELO: Advice = Advice::plain(
    "The receiver rejected your server's name: your mail administrator must make the HELO name, the PTR record of the sending IP and that name's A record agree.",
);
const ADVICE_SENDER: Advice = Advice::plain(
    "The receiver did not accept the sender: use a real return address, and your domain's administrator must fix SPF, DKIM and DMARC so your mail authenticates.",
);
const ADVICE_CONTENT: Advice = Advice::plain(
    "The content was refused (spam, virus, links or malformed headers): remove what looks suspicious or fix the sending software, then send again.",
);
const ADVICE_CLOCK: Advice = Advice::plain(
    "The message's date is wrong: fix the sending computer's clock and time zone, then send again.",
);
const ADVICE_SIZE: Advice = Advice::plain(
    "The message is too large for the receiver: send big files as a link or make them smaller, then send again.",
);
const ADVICE_RATE: Advice = Advice::plain(
    "The receiver is limiting how much you send: slow down, send to fewer recipients at a time, and let your server retry later.",
);
const ADVICE_LOOP: Advice = Advice::plain(
    "The message went round in circles: the recipient domain's MX, forwarding or alias setup is wrong, and its administrator must fix it.",
);
const ADVICE_GROUP: Advice = Advice::plain(
    "The group does not take your message: check the group's address, then join the group or ask its owner for permission to post.",
);
const ADVICE_POLICY: Advice = Advice {
    with_diagnostic: "The receiver refused the message by its own policy: the diagnostic says which; ask the recipient's postmaster through another channel if it is unclear.",
    without_diagnostic: "The receiver refused the message by its own policy without saying which: ask the recipient, or their postmaster, through another channel.",
};
const ADVICE_SYSTEM: Advice = Advice::plain(
    "The receiving system had a problem of its own: try again later; if it persists, the recipient's administrator must act.",
);
const ADVICE_DELAYED: Advice = Advice {
    with_diagnostic: "Nothing to do yet: your server keeps trying; if the diagnostic names a problem on your side, fix it before the server gives up.",
    without_diagnostic: "Nothing to do yet: your server keeps trying, and will send another report if it gives up.",
};
const ADVICE_OTHER: Advice = Advice {
    with_diagnostic: "Read the diagnostic text; if it does not explain the failure, ask the recipient's postmaster.",
    without_diagnostic: "The report gives no reason: check the recipient's address, then ask the recipient or their postmaster through another channel.",
};

macro_rules! rules {
    ($( $clue:expr => $reason:ident, $advice:expr, $example:expr; )*) => {
        &[$( Rule { clue: $clue, reason: Reason::$reason, advice: $advice, example: $example }, )*]
    };
}

use Clue::{GaveUp, Permanent, Reply, Said, SaidBoth, Status, StatusSaid, Subject, Success, Word};

/// The classification table; within each pass, most specific first.
pub const RULES: &[Rule] = rules![
    // What the report itself says.
    Success => Delivered, ADVICE_DELIVERED, "delivered: 250 2.0.0 Ok: queued as 4XyzD";
    GaveUp => Expired, ADVICE_EXPIRED, "failed: 451 4.4.1 connect to mx.example.net[192.0.2.9]:25: Connection timed out";
    // Providers' own codes, as they document them.
    StatusSaid(4, 1, "access denied") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.example]";
    Said("as(201806281)") => UnknownUser, ADVICE_UNKNOWN_USER, "Recipient address rejected: Access denied. AS(201806281)";
    Said("unusual rate") => RateLimited, ADVICE_RATE, "550 5.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address";
    Said("ofr 506") => Blocklisted, ADVICE_REPUTATION, "550 5.7.1 Refused. OFR_506";
    // The reporting server gave up.
    Said("retry timeout exceeded") => Expired, ADVICE_EXPIRED, "retry timeout exceeded";
    Said("failing for a long time") => Expired, ADVICE_EXPIRED, "all hosts for 'example.net' have been failing for a long time (and retry time not reached)";
    Said("in the queue too long") => Expired, ADVICE_EXPIRED, "I'm not going to try again; this message has been in the queue too long.";
    Said("could not be delivered for") => Expired, ADVICE_EXPIRED, "Message could not be delivered for 5 days";
    Said("message expired") => Expired, ADVICE_EXPIRED, "Message expired after 48 hours";
    // Blocklists by name.
    Said("spamhaus") => Blocklisted, ADVICE_SPAMHAUS, "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.example";
    Said("barracuda") => Blocklisted, ADVICE_BARRACUDA, "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using b.barracudacentral.example";
    Said("spamcop") => Blocklisted, ADVICE_SPAMCOP, "550 5.7.1 Rejected: 203.0.113.5 listed at bl.spamcop.example";
    Said("sorbs") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Blocked by dnsbl.sorbs.example";
    Said("uceprotect") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 IP listed on dnsbl-1.uceprotect.example";
    // The message judged as spam, and lists of the links in messages:
    // the content, not the sending IP.
    Said("uribl") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 A link in the message is listed on URIBL";
    Said("surbl") => ContentRejected, ADVICE_CONTENT, "554 5.7.1 Message contains a link listed in multi.surbl.example";
    Said("as spam") => ContentRejected, ADVICE_CONTENT, "554 5.7.1 Message rejected as spam by Content Filtering";
    Said("like spam") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 Our system thinks this message looks like spam";
    Said("spam score") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 Rejected: spam score 12.4 over limit";
    Said("spam pattern") => ContentRejected, ADVICE_CONTENT, "550 Rejected: the message matches a spam pattern";
    Said("spam content") => ContentRejected, ADVICE_CONTENT, "550 Message refused: spam contents detected";
    Said("spam check") => ContentRejected, ADVICE_CONTENT, "554 5.7.1 The message failed our spam checks; mind your SPF record";
    Said("unsolicited") => ContentRejected, ADVICE_CONTENT, "554 5.7.1 Unsolicited message refused";
    Said("bulk mail") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 Refused: bulk mail is not accepted here";
    Said("bulk email") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 No bulk email accepted";
    // Blocklists in general.
    Said("blocked using") => Blocklisted, ADVICE_BLOCKLIST, "554 5.7.1 Client host [203.0.113.5] blocked using bl.example.org";
    Said("blacklist") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Your IP is blacklisted";
    Said("blocklist") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Sending IP is on our blocklist";
    Said("block list") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Part of their network is on our block list (S3150)";
    Said("dnsbl") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Rejected by DNSBL";
    Said("listed at") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 203.0.113.5 is listed at bl.example.org";
    Said("is listed on") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 203.0.113.5 is listed on bl.example.org";
    Said("listed by") => Blocklisted, ADVICE_BLOCKLIST, "550 203.0.113.5 listed by bl.example.org";
    Said("ip reputation") => Blocklisted, ADVICE_REPUTATION, "550 5.7.1 Rejected due to poor IP reputation";
    Said("banned sending ip") => Blocklisted, ADVICE_REPUTATION, "550 5.7.606 Access denied, banned sending IP [203.0.113.5]";
    SaidBoth("ip address", "blocked") => Blocklisted, ADVICE_REPUTATION, "550 Your IP address 203.0.113.5 is blocked here";
    // Temporary by design.
    Said("greylist") => Greylisted, ADVICE_GREYLISTED, "450 4.2.0 <bob@example.net>: Recipient address rejected: Greylisted, see https://greylist.example.org/";
    Said("graylist") => Greylisted, ADVICE_GREYLISTED, "451 4.7.1 Graylisted, please try again in 300 seconds";
    Said("grey-list") => Greylisted, ADVICE_GREYLISTED, "451 4.7.1 Grey-listed, come back later";
    Said("gray-list") => Greylisted, ADVICE_GREYLISTED, "451 4.7.1 Gray-listed, come back later";
    // Relaying.
    Said("relay access denied") => RelayDenied, ADVICE_RELAY, "554 5.7.1 <bob@example.com>: Relay access denied";
    Said("relaying denied") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Relaying denied";
    Said("relay denied") => RelayDenied, ADVICE_RELAY, "550 relay denied";
    Said("relay not permitted") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Relay not permitted";
    Said("not permitted to relay") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Unable to deliver: not permitted to relay";
    Said("unable to relay") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Unable to relay for bob@example.com";
    Said("relaying not allowed") => RelayDenied, ADVICE_RELAY, "550 Relaying not allowed";
    Said("we do not relay") => RelayDenied, ADVICE_RELAY, "553 sorry, we do not relay for example.com";
    Said("as a relay") => RelayDenied, ADVICE_RELAY, "550 You may not use this server as a relay";
    Said("rcpthosts") => RelayDenied, ADVICE_RELAY, "553 example.com is not among the allowed rcpthosts (#5.7.1)";
    // The sender's address, even when the reason given is its domain.
    Said("sender address") => SenderRejected, ADVICE_SENDER, "553 5.7.1 <alice@example.org>: Sender address rejected: Domain not found";
    Said("sending address") => SenderRejected, ADVICE_SENDER, "553 Sending address refused by our spam filter";
    // The recipient's domain.
    Said("host or domain name not found") => DomainNotFound, ADVICE_DOMAIN, "Host or domain name not found. Name service error for name=nohost.example type=MX: Host not found";
    Said("name service error") => DomainNotFound, ADVICE_DOMAIN, "Name service error for name=nohost.example type=A";
    Said("name or service not known") => DomainNotFound, ADVICE_DOMAIN, "[nohost.example]: Name or service not known";
    Said("domain name not found") => DomainNotFound, ADVICE_DOMAIN, "DNS Error: Address resolution of nohost.example failed: Domain name not found";
    Said("domain not found") => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 Domain not found";
    Said("no such domain") => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 No such domain";
    Said("domain does not exist") => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 Recipient domain does not exist";
    Said("domain is not reachable") => DomainNotFound, ADVICE_DOMAIN, "554 The domain is not reachable";
    Said("couldn't find any host named") => DomainNotFound, ADVICE_DOMAIN, "Sorry, I couldn't find any host named nohost.example. (#5.1.2)";
    Said("no mx") => DomainNotFound, ADVICE_DOMAIN, "No MX or A records for nohost.example";
    Said("host not found") => DomainNotFound, ADVICE_DOMAIN, "DNS lookup of nohost.example: Host not found";
    Said("unrouteable address") => DomainNotFound, ADVICE_DOMAIN, "Unrouteable address";
    Said("unroutable address") => DomainNotFound, ADVICE_DOMAIN, "Unroutable address";
    Said("non-existent host") => DomainNotFound, ADVICE_DOMAIN, "all relevant MX records point to non-existent hosts";
    Said("nxdomain") => DomainNotFound, ADVICE_DOMAIN, "DNS type 'mx' lookup of nohost.example responded with code NXDOMAIN";
    Said("null mx") => DomainNotFound, ADVICE_DOMAIN, "556 5.1.10 Recipient address has null MX";
    Said("does not accept mail") => DomainNotFound, ADVICE_DOMAIN, "556 Domain does not accept mail";
    // Sender verification names an unknown user too, but it is the sender's.
    Said("sender verify failed") => SenderRejected, ADVICE_SENDER, "550-Verification failed for <alice@example.org> 550-No Such User Here 550 Sender verify failed";
    Said("sender verification") => SenderRejected, ADVICE_SENDER, "550 Sender verification failed";
    // A group that refuses a poster, or may not exist (Google Groups).
    Said("permission to post") => Policy, ADVICE_GROUP, "The group you tried to contact (lunch) may not exist, or you may not have permission to post messages to the group.";
    // The recipient's mailbox.
    Said("user unknown") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table";
    Said("unknown user") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Unknown user";
    Said("no such user") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 No such user here";
    Said("nosuchuser") => UnknownUser, ADVICE_UNKNOWN_USER, "550 err.nosuchuser bob";
    Said("no such mailbox") => UnknownUser, ADVICE_UNKNOWN_USER, "550 No such mailbox";
    Said("no such recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 No such recipient";
    Said("no such account") => UnknownUser, ADVICE_UNKNOWN_USER, "550 No such account";
    Said("no account by that name") => UnknownUser, ADVICE_UNKNOWN_USER, "550 No account by that name on this host";
    Said("no mailbox") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.7.1 No mailbox by that name";
    Said("mailbox not found") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Mailbox not found";
    Said("recipient not found") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 Recipient not found";
    Said("user not found") => UnknownUser, ADVICE_UNKNOWN_USER, "The message that you sent was undeliverable to the following: bob (user not found)";
    Said("recipnotfound") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found";
    Said("unknown recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Unknown recipient";
    Said("invalid recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Invalid recipient <bob@example.net>";
    Said("bad recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 BAD_RECIPIENT bob";
    Said("invalid mailbox") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Invalid mailbox";
    Said("invalid address") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Invalid address";
    Said("unknown local part") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Unknown local part bob in <bob@example.net>";
    Said("not a known user") => UnknownUser, ADVICE_UNKNOWN_USER, "550 bob is not a known user";
    Said("not a valid user") => UnknownUser, ADVICE_UNKNOWN_USER, "You sent mail to bob@example.net, which is not a valid user here.";
    Said("not a valid recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 bob is not a valid recipient";
    Said("not a valid mailbox") => UnknownUser, ADVICE_UNKNOWN_USER, "550 That is not a valid mailbox";
    Said("not an active address") => UnknownUser, ADVICE_UNKNOWN_USER, "550 That is not an active address";
    Said("mailbox name not allowed") => UnknownUser, ADVICE_UNKNOWN_USER, "553 Requested action not taken: mailbox name not allowed";
    Said("not listed in domino directory") => UnknownUser, ADVICE_UNKNOWN_USER, "User bob (bob@example.net) not listed in Domino Directory";
    Said("address couldn't be found") => UnknownUser, ADVICE_UNKNOWN_USER, "The email account couldn't be reached: the address couldn't be found";
    Said("user doesn't have") => UnknownUser, ADVICE_UNKNOWN_USER, "554 delivery error: dd This user doesn't have a example.net account";
    Said("destinatario desconocido") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Destinatario desconocido: bob";
    Said("usuario desconocido") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Usuario desconocido";
    Said("utilisateur inconnu") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Utilisateur inconnu";
    Said("unbekannt") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Empfänger unbekannt";
    Said("does not exist") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 The email account that you tried to reach does not exist";
    Said("doesn't exist") => UnknownUser, ADVICE_UNKNOWN_USER, "550 The mailbox doesn't exist";
    Said("may not exist") => UnknownUser, ADVICE_UNKNOWN_USER, "The group lunch@example.net may not exist.";
    // A mailbox that is full, or holds as many messages as it may.
    Said("mailbox full") => MailboxFull, ADVICE_MAILBOX_FULL, "552 5.2.2 <bob@example.net>: Mailbox full";
    Said("mailbox is full") => MailboxFull, ADVICE_MAILBOX_FULL, "452 4.2.2 The email account that you tried to reach is over quota: mailbox is full";
    Said("quota") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Requested mail action aborted: quota exceeded";
    Said("insufficient system storage") => MailboxFull, ADVICE_MAILBOX_FULL, "452 Insufficient system storage";
    Said("exceeded storage allocation") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Exceeded storage allocation";
    Said("mailbox size") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Mailbox size limit exceeded";
    Said("mailbox exceeds") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Mailbox exceeds the size allowed for bob";
    Said("mailbox has exceeded") => MailboxFull, ADVICE_MAILBOX_FULL, "552 This mailbox has exceeded the limit its administrator set";
    Said("disk space") => MailboxFull, ADVICE_MAILBOX_FULL, "552 5.7.0 Disk space limit of the mailbox reached";
    Said("messages in mailbox") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Number of messages in mailbox exceeded the local limit";
    Said("messages on the server") => MailboxFull, ADVICE_MAILBOX_FULL, "452 There are too many messages on the server for bob";
    Said("zuviele mails") => MailboxFull, ADVICE_MAILBOX_FULL, "452 Postfach von bob: zuviele Mails gespeichert";
    Said("postfach ist voll") => MailboxFull, ADVICE_MAILBOX_FULL, "Das Postfach ist voll";
    Said("mailbox lleno") => MailboxFull, ADVICE_MAILBOX_FULL, "550 El mailbox lleno";
    // A mailbox switched off.
    Said("mailbox disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Mailbox disabled, not accepting messages";
    Said("is disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 This mailbox is disabled (554.30)";
    Said("account disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Account disabled";
    Said("has been disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 The email account that you tried to reach has been disabled";
    Said("inactive") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Mailbox inactive";
    Said("deactivated") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 Account deactivated";
    Said("suspended") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 Mailbox of bob is suspended";
    Said("falta de uso") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 Cuenta desactivada por falta de uso";
    // Reaching the server.
    Said("connection refused") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.com[198.51.100.20]:25: Connection refused";
    Said("timed out") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.net[192.0.2.9]:25: Connection timed out";
    Said("no route to host") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.net[192.0.2.9]:25: No route to host";
    Said("network is unreachable") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.net[2001:db8::9]:25: Network is unreachable";
    Said("host unreachable") => HostUnreachable, ADVICE_UNREACHABLE, "Host unreachable";
    Said("lost connection") => HostUnreachable, ADVICE_UNREACHABLE, "lost connection with mx.example.net[192.0.2.9] while receiving the initial server greeting";
    Said("connection reset") => HostUnreachable, ADVICE_UNREACHABLE, "Connection reset by peer";
    Said("socket error") => HostUnreachable, ADVICE_UNREACHABLE, "Socket error while talking to mx.example.net";
    Said("unable to connect") => HostUnreachable, ADVICE_UNREACHABLE, "Unable to connect to mx.example.net";
    Said("couldn't connect") => HostUnreachable, ADVICE_UNREACHABLE, "Couldn't connect to mx.example.net";
    Said("could not connect") => HostUnreachable, ADVICE_UNREACHABLE, "Could not connect to any MX host";
    Said("establish an smtp connection") => HostUnreachable, ADVICE_UNREACHABLE, "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)";
    // The sending server's name.
    Said("reverse dns") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 Rejected: no reverse DNS for 203.0.113.5";
    Said("reverse hostname") => RdnsOrHelo, ADVICE_HELO, "550 5.7.25 Client host rejected: cannot find your reverse hostname, [203.0.113.5]";
    Said("cannot find your hostname") => RdnsOrHelo, ADVICE_HELO, "450 4.7.25 Client host rejected: cannot find your hostname, [203.0.113.5]";
    Said("rdns") => RdnsOrHelo, ADVICE_HELO, "550 Missing rDNS";
    Said("ptr record") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 IP has no PTR record";
    Said("forward != reverse") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 Forward != Reverse";
    Said("helo command rejected") => RdnsOrHelo, ADVICE_HELO, "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname";
    Said("fully-qualified") => RdnsOrHelo, ADVICE_HELO, "550 Please use a fully-qualified domain name in EHLO";
    Said("invalid helo") => RdnsOrHelo, ADVICE_HELO, "550 Invalid HELO name";
    Said("bad helo") => RdnsOrHelo, ADVICE_HELO, "550 Bad HELO";
    Said("helo name") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 HELO name does not resolve";
    // The sender's identity.
    Said("dmarc") => SenderRejected, ADVICE_SENDER, "550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy";
    Said("spf") => SenderRejected, ADVICE_SENDER, "550 5.7.23 Message rejected due to: SPF fail - not authorized";
    Said("sender policy framework") => SenderRejected, ADVICE_SENDER, "550 Rejected by the Sender Policy Framework check";
    Said("dkim") => SenderRejected, ADVICE_SENDER, "550 5.7.20 No passing DKIM signature found";
    Said("unauthenticated") => SenderRejected, ADVICE_SENDER, "550 5.7.1 This mail has been blocked because the sender is unauthenticated";
    Said("authentication required") => SenderRejected, ADVICE_SENDER, "530 5.7.0 Authentication required";
    Said("authentication checks") => SenderRejected, ADVICE_SENDER, "550 5.7.1 Message failed the sender's authentication checks";
    Said("not allowed to send") => SenderRejected, ADVICE_SENDER, "550 203.0.113.5 is not allowed to send mail for example.org";
    Said("not authorized to send") => SenderRejected, ADVICE_SENDER, "550 5.7.1 203.0.113.5 is not authorized to send mail for example.org";
    // Limits.
    Said("rate limit") => RateLimited, ADVICE_RATE, "450 4.7.1 Rate limit exceeded";
    Said("ratelimit") => RateLimited, ADVICE_RATE, "451 4.7.1 Ratelimit reached";
    Said("frequency limit") => RateLimited, ADVICE_RATE, "550 Ip frequency limited [203.0.113.5]";
    Said("too many messages") => RateLimited, ADVICE_RATE, "421 4.7.0 Too many messages from 203.0.113.5";
    Said("too many connections") => RateLimited, ADVICE_RATE, "421 Too many connections from your IP";
    SaidBoth("concurrent", "connection") => RateLimited, ADVICE_RATE, "421 4.7.0 Too many concurrent SMTP connections from this IP address; please try again later";
    SaidBoth("simultaneous", "connection") => RateLimited, ADVICE_RATE, "421 4.3.2 Limit of simultaneous connections from your host reached";
    // Gmail's per-recipient limit (450 4.2.1): the recipient gets too much
    // mail, not a disabled mailbox.
    Said("receiving mail at a rate") => RateLimited, ADVICE_RATE, "450 4.2.1 The recipient is receiving mail at a rate that prevents more deliveries; try later";
    Said("too many recipients") => RateLimited, ADVICE_RATE, "452 4.5.3 Too many recipients";
    Said("unexpected volume") => RateLimited, ADVICE_RATE, "421 4.7.0 Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints";
    Said("try again later, closing connection") => RateLimited, ADVICE_RATE, "421 4.7.0 Try again later, closing connection. (rate)";
    Said("throttl") => RateLimited, ADVICE_RATE, "451 Throttling failure: Maximum sending rate exceeded";
    Said("message size") => MessageTooLarge, ADVICE_SIZE, "552 5.3.4 Message size exceeds fixed limit";
    Said("message length") => MessageTooLarge, ADVICE_SIZE, "552 5.2.3 Message length exceeds administrative limit";
    Said("size limit") => MessageTooLarge, ADVICE_SIZE, "552 Message exceeds the size limit";
    Said("too large") => MessageTooLarge, ADVICE_SIZE, "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient";
    Said("too big") => MessageTooLarge, ADVICE_SIZE, "552 Message too big";
    Said("exceeds the maximum") => MessageTooLarge, ADVICE_SIZE, "552 The message exceeds the maximum allowed";
    // Loops.
    Said("mail loop") => Loop, ADVICE_LOOP, "554 5.4.14 Hop count exceeded - possible mail loop";
    Said("loops back") => Loop, ADVICE_LOOP, "554 5.4.6 mail for example.net loops back to myself";
    Said("too many hops") => Loop, ADVICE_LOOP, "554 5.4.6 Too many hops";
    Said("hop count") => Loop, ADVICE_LOOP, "554 Maximum hop count exceeded";
    Said("routing loop") => Loop, ADVICE_LOOP, "554 Routing loop detected";
    Said("too many \"received\"") => Loop, ADVICE_LOOP, "554 Too many \"Received\" headers";
    // The message's date.
    Said("distant future") => ContentRejected, ADVICE_CLOCK, "554 Mail is very old or from the distant future";
    // The enhanced status, when it is specific.
    Status(1, 1) => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 Rejected";
    Status(1, 3) => UnknownUser, ADVICE_UNKNOWN_USER, "553 5.1.3 Refused";
    Status(1, 6) => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.6 Moved";
    Status(1, 2) => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 Bad destination system";
    Status(1, 10) => DomainNotFound, ADVICE_DOMAIN, "556 5.1.10 Refused";
    Status(1, 7) => SenderRejected, ADVICE_SENDER, "553 5.1.7 Bad sender";
    Status(1, 8) => SenderRejected, ADVICE_SENDER, "553 5.1.8 Bad sender system";
    Status(2, 1) => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Refused";
    Status(2, 2) => MailboxFull, ADVICE_MAILBOX_FULL, "552 5.2.2 Refused";
    Status(2, 3) => MessageTooLarge, ADVICE_SIZE, "552 5.2.3 Refused";
    Status(3, 4) => MessageTooLarge, ADVICE_SIZE, "552 5.3.4 Refused";
    Status(4, 1) => HostUnreachable, ADVICE_UNREACHABLE, "4.4.1 No answer";
    Status(4, 2) => HostUnreachable, ADVICE_UNREACHABLE, "4.4.2 Bad connection";
    Status(4, 3) => DomainNotFound, ADVICE_DOMAIN, "4.4.3 Directory server failure";
    Status(4, 4) => DomainNotFound, ADVICE_DOMAIN, "5.4.4 Unable to route";
    Status(4, 6) => Loop, ADVICE_LOOP, "5.4.6 Refused";
    Status(4, 7) => Expired, ADVICE_EXPIRED, "4.4.7 Delivery time expired";
    Status(5, 3) => RateLimited, ADVICE_RATE, "452 4.5.3 Refused";
    Status(7, 13) => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.7.13 Refused";
    Status(7, 17) => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.7.17 Refused";
    Status(7, 18) => DomainNotFound, ADVICE_DOMAIN, "550 5.7.18 Refused";
    Status(7, 25) => RdnsOrHelo, ADVICE_HELO, "550 5.7.25 Refused";
    Status(7, 28) => RateLimited, ADVICE_RATE, "421 4.7.28 Refused";
    Status(7, 20) => SenderRejected, ADVICE_SENDER, "550 5.7.20 Refused";
    Status(7, 21) => SenderRejected, ADVICE_SENDER, "550 5.7.21 Refused";
    Status(7, 22) => SenderRejected, ADVICE_SENDER, "550 5.7.22 Refused";
    Status(7, 23) => SenderRejected, ADVICE_SENDER, "550 5.7.23 Refused";
    Status(7, 24) => SenderRejected, ADVICE_SENDER, "451 4.7.24 Refused";
    Status(7, 26) => SenderRejected, ADVICE_SENDER, "550 5.7.26 Refused";
    Status(7, 27) => SenderRejected, ADVICE_SENDER, "550 5.7.27 Refused";
    Status(7, 29) => SenderRejected, ADVICE_SENDER, "550 5.7.29 Refused";
    Status(7, 8) => SenderRejected, ADVICE_SENDER, "535 5.7.8 Refused";
    // Loose words in the server's reply: the stock text of a 550 first,
    // then content, then policy and trouble on the far side.
    Permanent("mailbox unavailable") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Requested action not taken: mailbox unavailable";
    Word("spam") => ContentRejected, ADVICE_CONTENT, "554 5.7.1 Spam message rejected";
    Word("virus") => ContentRejected, ADVICE_CONTENT, "554 5.7.0 Virus found in message";
    Word("malware") => ContentRejected, ADVICE_CONTENT, "554 Malware detected";
    Word("infected") => ContentRejected, ADVICE_CONTENT, "554 Infected attachment";
    Word("phishing") => ContentRejected, ADVICE_CONTENT, "550 Suspected phishing";
    Word("security issue") => ContentRejected, ADVICE_CONTENT, "552 5.7.0 This message was blocked because its content presents a potential security issue";
    Word("content") => ContentRejected, ADVICE_CONTENT, "554 Message content rejected";
    Word("rfc 5322") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 Message not RFC 5322 compliant";
    Word("rfc5322") => ContentRejected, ADVICE_CONTENT, "550 Messages must be RFC5322 compliant";
    Word("rfc 2822") => ContentRejected, ADVICE_CONTENT, "550 Message not RFC 2822 compliant";
    Word("header") => ContentRejected, ADVICE_CONTENT, "550 Invalid header found";
    Word("attachment") => ContentRejected, ADVICE_CONTENT, "552 Banned attachment type";
    Word("policy") => Policy, ADVICE_POLICY, "554 5.7.9 Message not accepted for policy reasons";
    Word("access denied") => Policy, ADVICE_POLICY, "550 5.7.1 Access denied";
    Word("administrative prohibition") => Policy, ADVICE_POLICY, "550 Administrative prohibition";
    Word("whitelist") => Policy, ADVICE_POLICY, "550 Sender is not on the recipient's whitelist";
    Word("requires confirmation") => Policy, ADVICE_POLICY, "550 Delivery requires confirmation by the recipient";
    Word("restricted") => Policy, ADVICE_POLICY, "550 bob has restricted incoming mail";
    Word("local error") => SystemError, ADVICE_SYSTEM, "451 4.3.0 Requested action aborted: local error in processing";
    Word("local problem") => SystemError, ADVICE_SYSTEM, "451 4.3.0 Temporary local problem - please try later";
    Word("internal error") => SystemError, ADVICE_SYSTEM, "451 Internal error";
    Word("lookup failure") => SystemError, ADVICE_SYSTEM, "451 4.3.0 Temporary lookup failure";
    Word("system error") => SystemError, ADVICE_SYSTEM, "451 System error";
    Word("server error") => SystemError, ADVICE_SYSTEM, "451 Temporary server error, come back later";
    // A catch-all status, then its subject alone.
    Status(7, 1) => Policy, ADVICE_POLICY, "550 5.7.1 Refused";
    Subject(6) => ContentRejected, ADVICE_CONTENT, "554 5.6.0 Refused";
    Subject(7) => Policy, ADVICE_POLICY, "550 5.7.0 Refused";
    Subject(3) => SystemError, ADVICE_SYSTEM, "451 4.3.0 Refused";
    Subject(4) => HostUnreachable, ADVICE_UNREACHABLE, "4.4.0 Refused";
    Subject(1) => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.0 Refused";
    Reply(421) => SystemError, ADVICE_SYSTEM, "421 Closing";
];
#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp_codes::ReplyCode;

    /// Evidence from a rule example, read as the server's reply: an
    /// optional `failed:`/`delivered:` action prefix, then a reply code and
    /// enhanced status as they come.
    fn evidence(example: &str) -> Evidence<'_> {
        let (action, rest) = match example.split_once(": ") {
            Some(("failed", rest)) => (Some(Action::Failed), rest),
            Some(("delivered", rest)) => (Some(Action::Delivered), rest),
            _ => (None, example),
        };
        let mut words = rest.split_whitespace();
        let mut reply_code = None;
        let mut status = None;
        if let Some(first) = words.next() {
            if let Some(code) = first.parse().ok().and_then(ReplyCode::new) {
                reply_code = Some(code);
                status = words.next().and_then(|w| w.parse().ok());
            } else {
                status = first.parse().ok();
            }
        }
        Evidence {
            action,
            status,
            reply_code,
            said: rest,
            notice: "",
        }
    }

    fn reason(e: &Evidence<'_>) -> Reason {
        classify(e).reason
    }

    #[test]
    fn every_rule_classifies_its_own_example() {
        for (index, rule) in RULES.iter().enumerate() {
            let got = classify(&evidence(rule.example));
            assert_eq!(
                got.rule,
                Some(index),
                "rule {index} ({:?}) example {:?} was taken by {:?}",
                rule.clue,
                rule.example,
                got.rule.map(|i| RULES[i].clue)
            );
            assert_eq!(got.reason, rule.reason);
        }
    }

    #[test]
    fn text_clues_are_lowercase_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            let phrases: Vec<&str> = match rule.clue {
                Clue::Said(t) | Clue::Word(t) | Clue::Permanent(t) | Clue::StatusSaid(_, _, t) => {
                    vec![t]
                }
                Clue::SaidBoth(a, b) => vec![a, b],
                _ => vec![],
            };
            for t in phrases {
                assert_eq!(t, t.to_lowercase(), "{t}");
                assert_eq!(t, matchable(t), "{t} can never match");
            }
            if let Clue::Said(t) | Clue::Word(t) = rule.clue {
                assert!(seen.insert(t), "duplicate {t}");
            }
            assert!(!rule.advice.with_diagnostic.is_empty());
        }
    }

    #[test]
    fn advice_points_to_a_diagnostic_only_when_there_is_one() {
        let every = RULES
            .iter()
            .map(|r| r.advice)
            .chain([ADVICE_OTHER, ADVICE_DELAYED]);
        for advice in every {
            let silent = advice.text(false).to_lowercase();
            assert!(
                !silent.contains("diagnostic") && !silent.contains("last error says"),
                "{silent}"
            );
        }
        assert!(ADVICE_OTHER.text(true).contains("diagnostic"));
    }

    #[test]
    fn every_reason_but_other_has_a_rule() {
        for &reason in Reason::ALL {
            if reason != Reason::Other {
                assert!(RULES.iter().any(|r| r.reason == reason), "{reason:?}");
            }
        }
    }

    #[test]
    fn unmatched_evidence_is_other() {
        let got = classify(&evidence("550 Go away"));
        assert_eq!(got.reason, Reason::Other);
        assert_eq!(got.rule, None);
        let got = classify(&Evidence::default());
        assert_eq!(got.reason, Reason::Other);
    }

    #[test]
    fn a_transient_failure_that_was_given_up_is_expired() {
        let e = Evidence {
            action: Some(Action::Failed),
            status: "4.2.2".parse().ok(),
            said: "452 4.2.2 Mailbox full",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::Expired);
        let delayed = Evidence {
            action: Some(Action::Delayed),
            ..e
        };
        assert_eq!(reason(&delayed), Reason::MailboxFull);
    }

    #[test]
    fn a_permanent_status_over_a_transient_reply_was_given_up() {
        // Amazon SES gave up on a server that kept deferring: its own
        // 5.4.7 around the server's last 421.
        let e = Evidence {
            action: Some(Action::Failed),
            status: "5.4.7".parse().ok(),
            reply_code: ReplyCode::new(421),
            said: "421 4.7.0 [TSS04] Messages from 198.51.100.224 temporarily deferred due to unexpected volume or user complaints",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::Expired);
        // X.4.7 "Delivery time expired", with no reply at all.
        let e = Evidence {
            action: Some(Action::Failed),
            status: "5.4.7".parse().ok(),
            said: "Connection timed out",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::Expired);
        // A permanent refusal that was never retried is its own cause.
        let e = Evidence {
            action: Some(Action::Failed),
            status: "5.7.1".parse().ok(),
            reply_code: ReplyCode::new(554),
            said: "554 5.7.1 Messages from 198.51.100.224 refused due to unexpected volume",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::RateLimited);
    }

    #[test]
    fn a_delay_that_gives_no_reason_is_not_an_unreachable_host() {
        // Exchange's delay notice: 4.4.7 and "Delivery is delayed", nothing more.
        let e = Evidence {
            action: Some(Action::Delayed),
            status: "4.4.7".parse().ok(),
            notice: "Delivery is delayed to these recipients or groups: bob@example.net. This message hasn't been delivered yet. Delivery will continue to be attempted.",
            ..Evidence::default()
        };
        let got = classify(&e);
        assert_eq!(got.reason, Reason::Other);
        assert!(got.advice.text(false).starts_with("Nothing to do yet"));
    }

    #[test]
    fn the_server_s_words_outweigh_a_status_a_generic_layer_wrote() {
        // Sendmail's own 5.1.1 beneath the server's SPF refusal.
        let e = Evidence {
            status: "5.1.1".parse().ok(),
            reply_code: ReplyCode::new(553),
            said: "550 Failed the Sender Policy Framework (SPF) check",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::SenderRejected);
        // A catch-all 5.7.1 over "No mailbox found"; 5.7.0 over a full disk.
        assert_eq!(
            reason(&evidence("550 5.7.1 No mailbox by that name")),
            Reason::UnknownUser
        );
        assert_eq!(
            reason(&evidence(
                "552 5.7.0 Disk space limit of the mailbox reached"
            )),
            Reason::MailboxFull
        );
        assert_eq!(
            reason(&evidence(
                "550 5.1.1 RCPT TO:<bob@example.net> message size too big"
            )),
            Reason::MessageTooLarge
        );
    }

    #[test]
    fn a_specific_status_outweighs_loose_words() {
        assert_eq!(
            reason(&evidence("550 5.1.1 Rejected by content policy")),
            Reason::UnknownUser
        );
        assert_eq!(
            reason(&evidence("550 5.7.1 Rejected by content policy")),
            Reason::ContentRejected
        );
    }

    #[test]
    fn stock_phrases_and_footers_of_the_notice_never_decide() {
        let cases = [
            ("5.1.6", Reason::UnknownUser),
            ("5.1.2", Reason::DomainNotFound),
            ("5.2.3", Reason::MessageTooLarge),
            ("5.7.26", Reason::SenderRejected),
            ("5.3.0", Reason::SystemError),
            ("5.1.1", Reason::UnknownUser),
        ];
        for (status, want) in cases {
            let e = Evidence {
                action: Some(Action::Failed),
                status: status.parse().ok(),
                notice: "Delivery to the following recipients failed. bob@example.net. Message headers follow. This message was scanned for viruses and dangerous content by MailScanner, and is believed to be clean.",
                ..Evidence::default()
            };
            assert_eq!(reason(&e), want, "{status}");
        }
        // A delay warning with no reason and an antivirus footer.
        let e = Evidence {
            action: Some(Action::Delayed),
            notice: "A message that you sent has not yet been delivered to one or more of its recipients after more than 48 hours on the queue. This message has been scanned for viruses.",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::Other);
    }

    #[test]
    fn the_notice_s_own_words_count_when_nothing_else_speaks() {
        let e = Evidence {
            action: Some(Action::Failed),
            notice: "Your message to bob@example.net could not be delivered. As their mailbox is full, your message was not delivered.",
            ..Evidence::default()
        };
        assert_eq!(reason(&e), Reason::MailboxFull);
    }

    #[test]
    fn a_refusal_s_stated_reason_is_the_cause() {
        assert_eq!(
            reason(&evidence(
                "550 5.4.1 Recipient address rejected: Access denied. [AM0PR01MB1234.eurprd01.prod.example]"
            )),
            Reason::UnknownUser
        );
        assert_eq!(
            reason(&evidence(
                "554 5.7.1 <bob@example.net>: Recipient address rejected: Access denied"
            )),
            Reason::Policy
        );
        assert_eq!(
            reason(&evidence(
                "450 4.7.1 <spf-test@example.net>: Recipient address rejected: Mailbox is full"
            )),
            Reason::MailboxFull
        );
    }

    #[test]
    fn an_address_s_words_are_not_the_cause() {
        assert_eq!(
            reason(&evidence(
                "550 <blacklist-admin@example.net>: Requested action not taken: mailbox unavailable"
            )),
            Reason::UnknownUser
        );
    }

    #[test]
    fn mailbox_unavailable_is_unknown_only_when_permanent() {
        assert_eq!(
            reason(&evidence(
                "550 Requested action not taken: mailbox unavailable"
            )),
            Reason::UnknownUser
        );
        assert_eq!(
            reason(&evidence(
                "450 Requested mail action not taken: mailbox unavailable"
            )),
            Reason::Other
        );
        // The stock words come before the reason, and a specific status
        // says more than they do.
        assert_eq!(
            reason(&evidence(
                "550 5.2.1 Mailbox unavailable: account is closed"
            )),
            Reason::MailboxDisabled
        );
        assert_eq!(
            reason(&evidence(
                "550 5.5.0 Requested action not taken: mailbox unavailable"
            )),
            Reason::UnknownUser
        );
    }

    #[test]
    fn a_cause_is_named_in_words_not_in_a_token() {
        assert!(names_a_cause(
            "You sent mail to bob@example.net, which is not a valid user here."
        ));
        assert!(!names_a_cause(
            "'s1._domainkey.example.org:v=DKIM1;p=MIIBIjANBg:3600::"
        ));
        assert!(!names_a_cause("Your quota report for November"));
    }

    #[test]
    fn provider_codes() {
        for (said, want) in [
            ("550 5.7.1 Refused by policy. OFR_506", Reason::Blocklisted),
            ("550 Ip frequency limited", Reason::RateLimited),
            (
                "552 5.2.2 Number of messages in mailbox exceeded the local limit",
                Reason::MailboxFull,
            ),
            (
                "550 No mx record found for domain nohost.example",
                Reason::DomainNotFound,
            ),
            (
                "553 Unroutable sender address alice@example.org",
                Reason::SenderRejected,
            ),
            ("421 socket error", Reason::HostUnreachable),
            (
                "The group lunch@example.net may not exist, or you may not have permission to post messages to the group.",
                Reason::Policy,
            ),
            (
                "The group lunch@example.net does not exist.",
                Reason::UnknownUser,
            ),
        ] {
            assert_eq!(reason(&evidence(said)), want, "{said}");
        }
    }

    #[test]
    fn reasons_serialise_to_the_design_vocabulary() {
        let names: Vec<String> = Reason::ALL
            .iter()
            .map(|r| {
                serde_json::to_value(r)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "unknown-user",
                "mailbox-full",
                "mailbox-disabled",
                "domain-not-found",
                "host-unreachable",
                "greylisted",
                "relay-denied",
                "blocklisted",
                "rdns-or-helo",
                "sender-rejected",
                "content-rejected",
                "message-too-large",
                "rate-limited",
                "expired",
                "policy",
                "system-error",
                "loop",
                "delivered",
                "other"
            ]
        );
        for &r in Reason::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
    }
}
