//! Why a message stopped: one table of clues, each mapping to a [`Reason`]
//! from the JSON vocabulary (docs/json.md) and one sentence of advice.
//!
//! [`RULES`] is read top to bottom and the first clue that matches wins, so
//! specific clues (a blocklist's name, "Relay access denied") come before
//! general ones (a 5.7.1 status, the word "policy"). To teach the tool a new
//! bounce text, add a row with a realistic `example`: the unit tests check
//! that every row's example is classified by that very row.

use crate::model::{Action, Reason};
use crate::smtp_codes::{EnhancedStatus, ReplyCode};

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clue {
    /// The report says the message was delivered, relayed or expanded
    /// (or a 2.x.x status / 2xx reply with no action).
    Success,
    /// The report says `failed` with a transient (4.x.x or 4xx) code: the
    /// reporting server retried until it gave up.
    GaveUp,
    /// A phrase in the remote server's words or the bounce's explanation;
    /// lowercase, matched case-insensitively anywhere in the text.
    Text(&'static str),
    /// An enhanced status of any class: `Status(1, 1)` is X.1.1.
    Status(u16, u16),
    /// Any enhanced status in this subject (X.7.*).
    Subject(u16),
    /// A reply code, when nothing more specific matched.
    Reply(u16),
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub clue: Clue,
    pub reason: Reason,
    pub advice: &'static str,
    /// A realistic diagnostic this row (and no row above it) classifies:
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
    /// The remote server's words and the bounce's own explanation.
    pub text: &'a str,
}

/// The classification of one outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    pub reason: Reason,
    pub advice: &'static str,
    /// Index of the matching row in [`RULES`], `None` for the fallback.
    pub rule: Option<usize>,
}

/// Classifies an outcome: the first matching row of [`RULES`], else `other`.
pub fn classify(evidence: &Evidence<'_>) -> Classified {
    let text = evidence.text.to_lowercase();
    for (index, rule) in RULES.iter().enumerate() {
        // A delay has not expired yet, whatever its text says about time.
        if rule.reason == Reason::Expired && evidence.action == Some(Action::Delayed) {
            continue;
        }
        if matches(rule.clue, evidence, &text) {
            return Classified {
                reason: rule.reason,
                advice: rule.advice,
                rule: Some(index),
            };
        }
    }
    Classified {
        reason: Reason::Other,
        advice: ADVICE_OTHER,
        rule: None,
    }
}

fn matches(clue: Clue, e: &Evidence<'_>, lower_text: &str) -> bool {
    let status_class = e.status.map(|s| s.class);
    let reply_class = e.reply_code.map(|r| r.class());
    match clue {
        Clue::Success => match e.action {
            Some(a) => a.is_success(),
            None => status_class == Some(2) || (status_class.is_none() && reply_class == Some(2)),
        },
        Clue::GaveUp => {
            e.action == Some(Action::Failed)
                && (status_class == Some(4) || (status_class.is_none() && reply_class == Some(4)))
        }
        Clue::Text(phrase) => lower_text.contains(phrase),
        Clue::Status(subject, detail) => e
            .status
            .is_some_and(|s| s.subject == subject && s.detail == detail),
        Clue::Subject(subject) => e.status.is_some_and(|s| s.subject == subject),
        Clue::Reply(code) => e.reply_code.is_some_and(|r| r.value() == code),
    }
}

const ADVICE_DELIVERED: &str = "Nothing to do: the message was delivered, or handed on to a system that sends no further reports.";
const ADVICE_EXPIRED: &str = "Your server retried for days and gave up; the last error says why: fix that (or check the address), then send the message again.";
const ADVICE_UNKNOWN_USER: &str = "Check the address for typing errors; if it is right, the mailbox no longer exists: ask the recipient for a current address.";
const ADVICE_MAILBOX_FULL: &str = "The recipient must make room in the mailbox; send again later (a temporary refusal is retried automatically).";
const ADVICE_MAILBOX_DISABLED: &str = "The mailbox is switched off: reach the recipient another way; only they or their administrator can turn it back on.";
const ADVICE_DOMAIN: &str = "Check the spelling of the recipient's domain; if it is right, the domain's owner must fix its DNS (MX or A records).";
const ADVICE_UNREACHABLE: &str = "The receiving server did not answer: if it stays down, the recipient's administrator must check the server, its firewall and the domain's MX records.";
const ADVICE_GREYLISTED: &str = "Nothing to do: the receiver asks new senders to come back later, and your server retries on its own.";
const ADVICE_RELAY: &str = "The server would not relay: authenticate to your own outgoing server, or, if this is the recipient's MX, its administrator must configure it to accept the domain.";
const ADVICE_BLOCKLIST: &str = "Your sending IP or domain is on a blocklist: your mail administrator must look it up on the list's site, fix the cause and request removal, or send through the provider's relay.";
const ADVICE_SPAMHAUS: &str = "Your sending IP is listed by Spamhaus: your mail administrator must look it up on the Spamhaus site, fix the cause (an infected or misconfigured host) and request removal.";
const ADVICE_BARRACUDA: &str = "Your sending IP is on the Barracuda Reputation Block List: your mail administrator must fix the cause and request removal on the Barracuda Central site.";
const ADVICE_SPAMCOP: &str = "Your sending IP is listed by SpamCop after spam reports: your mail administrator must stop the spam at its source; SpamCop listings expire on their own.";
const ADVICE_HELO: &str = "The receiver rejected your server's name: your mail administrator must make the HELO name, the PTR record of the sending IP and that name's A record agree.";
const ADVICE_SENDER: &str = "The receiver did not accept the sender: use a real return address, and your domain's administrator must fix SPF, DKIM and DMARC so your mail authenticates.";
const ADVICE_CONTENT: &str = "The content was refused (spam, virus, links or malformed headers): remove what looks suspicious or fix the sending software, then send again.";
const ADVICE_SIZE: &str = "The message is too large for the receiver: send big files as a link or make them smaller, then send again.";
const ADVICE_RATE: &str = "The receiver is limiting how much you send: slow down, send to fewer recipients at a time, and let your server retry later.";
const ADVICE_LOOP: &str = "The message went round in circles: the recipient domain's MX, forwarding or alias setup is wrong, and its administrator must fix it.";
const ADVICE_POLICY: &str = "The receiver refused the message by its own policy: the diagnostic says which; ask the recipient's postmaster through another channel if it is unclear.";
const ADVICE_SYSTEM: &str = "The receiving system had a problem of its own: try again later; if it persists, the recipient's administrator must act.";
const ADVICE_OTHER: &str =
    "Read the diagnostic text; if it does not explain the failure, ask the recipient's postmaster.";

macro_rules! rules {
    ($( $clue:expr => $reason:ident, $advice:expr, $example:expr; )*) => {
        &[$( Rule { clue: $clue, reason: Reason::$reason, advice: $advice, example: $example }, )*]
    };
}

use Clue::{GaveUp, Reply, Status, Subject, Success, Text};

/// The classification table, most specific first.
pub const RULES: &[Rule] = rules![
    // What the report itself says.
    Success => Delivered, ADVICE_DELIVERED, "delivered: 250 2.0.0 Ok: queued as 4XyzD";
    GaveUp => Expired, ADVICE_EXPIRED, "failed: 451 4.4.1 connect to mx.example.net[192.0.2.9]:25: Connection timed out";
    Text("retry timeout exceeded") => Expired, ADVICE_EXPIRED, "retry timeout exceeded";
    Text("failing for a long time") => Expired, ADVICE_EXPIRED, "all hosts for 'example.net' have been failing for a long time (and retry time not reached)";
    Text("in the queue too long") => Expired, ADVICE_EXPIRED, "I'm not going to try again; this message has been in the queue too long.";
    Text("could not be delivered for") => Expired, ADVICE_EXPIRED, "Message could not be delivered for 5 days";
    Text("message expired") => Expired, ADVICE_EXPIRED, "Message expired after 48 hours";
    // Blocklists by name, then blocklists in general.
    Text("spamhaus") => Blocklisted, ADVICE_SPAMHAUS, "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.example";
    Text("barracuda") => Blocklisted, ADVICE_BARRACUDA, "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using b.barracudacentral.example";
    Text("spamcop") => Blocklisted, ADVICE_SPAMCOP, "550 5.7.1 Rejected: 203.0.113.5 listed at bl.spamcop.example";
    Text("sorbs") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Blocked by dnsbl.sorbs.example";
    Text("uceprotect") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 IP listed on dnsbl-1.uceprotect.example";
    Text("blocked using") => Blocklisted, ADVICE_BLOCKLIST, "554 5.7.1 Client host [203.0.113.5] blocked using bl.example.org";
    Text("blacklist") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Your IP is blacklisted";
    Text("blocklist") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Sending IP is on our blocklist";
    Text("block list") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Part of their network is on our block list (S3150)";
    Text("dnsbl") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Rejected by DNSBL";
    Text("listed at") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 203.0.113.5 is listed at bl.example.org";
    Text("is listed on") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 203.0.113.5 is listed on bl.example.org";
    Text("ip reputation") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.1 Rejected due to poor IP reputation";
    Text("banned sending ip") => Blocklisted, ADVICE_BLOCKLIST, "550 5.7.606 Access denied, banned sending IP [203.0.113.5]";
    // Temporary by design.
    Text("greylist") => Greylisted, ADVICE_GREYLISTED, "450 4.2.0 <bob@example.net>: Recipient address rejected: Greylisted, see https://greylist.example.org/";
    Text("graylist") => Greylisted, ADVICE_GREYLISTED, "451 4.7.1 Graylisted, please try again in 300 seconds";
    Text("grey-list") => Greylisted, ADVICE_GREYLISTED, "451 4.7.1 Grey-listed, come back later";
    Text("gray-list") => Greylisted, ADVICE_GREYLISTED, "451 4.7.1 Gray-listed, come back later";
    // Relaying.
    Text("relay access denied") => RelayDenied, ADVICE_RELAY, "554 5.7.1 <bob@example.com>: Relay access denied";
    Text("relaying denied") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Relaying denied";
    Text("relay denied") => RelayDenied, ADVICE_RELAY, "550 relay denied";
    Text("relay not permitted") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Relay not permitted";
    Text("not permitted to relay") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Unable to deliver: not permitted to relay";
    Text("unable to relay") => RelayDenied, ADVICE_RELAY, "550 5.7.1 Unable to relay for bob@example.com";
    Text("relaying not allowed") => RelayDenied, ADVICE_RELAY, "550 Relaying not allowed";
    Text("we do not relay") => RelayDenied, ADVICE_RELAY, "553 sorry, we do not relay for example.com";
    // The sender's address, even when the reason given is its domain.
    Text("sender address rejected") => SenderRejected, ADVICE_SENDER, "553 5.7.1 <alice@example.org>: Sender address rejected: Domain not found";
    // The recipient's domain.
    Text("host or domain name not found") => DomainNotFound, ADVICE_DOMAIN, "Host or domain name not found. Name service error for name=nohost.example type=MX: Host not found";
    Text("name service error") => DomainNotFound, ADVICE_DOMAIN, "Name service error for name=nohost.example type=A";
    Text("domain name not found") => DomainNotFound, ADVICE_DOMAIN, "DNS Error: Address resolution of nohost.example failed: Domain name not found";
    Text("domain not found") => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 Domain not found";
    Text("no such domain") => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 No such domain";
    Text("domain does not exist") => DomainNotFound, ADVICE_DOMAIN, "550 5.1.2 Recipient domain does not exist";
    Text("couldn't find any host named") => DomainNotFound, ADVICE_DOMAIN, "Sorry, I couldn't find any host named nohost.example. (#5.1.2)";
    Text("no mx or a records") => DomainNotFound, ADVICE_DOMAIN, "No MX or A records for nohost.example";
    Text("unrouteable address") => DomainNotFound, ADVICE_DOMAIN, "Unrouteable address";
    Text("unroutable address") => DomainNotFound, ADVICE_DOMAIN, "Unroutable address";
    Text("non-existent host") => DomainNotFound, ADVICE_DOMAIN, "all relevant MX records point to non-existent hosts";
    Text("nxdomain") => DomainNotFound, ADVICE_DOMAIN, "DNS type 'mx' lookup of nohost.example responded with code NXDOMAIN";
    Text("null mx") => DomainNotFound, ADVICE_DOMAIN, "556 5.1.10 Recipient address has null MX";
    Text("does not accept mail") => DomainNotFound, ADVICE_DOMAIN, "556 Domain does not accept mail";
    // Sender verification names an unknown user too, but it is the sender's.
    Text("sender verify failed") => SenderRejected, ADVICE_SENDER, "550-Verification failed for <alice@example.org> 550-No Such User Here 550 Sender verify failed";
    Text("sender verification") => SenderRejected, ADVICE_SENDER, "550 Sender verification failed";
    // The recipient's mailbox.
    Text("user unknown") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table";
    Text("unknown user") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Unknown user";
    Text("no such user") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 No such user here";
    Text("no such mailbox") => UnknownUser, ADVICE_UNKNOWN_USER, "550 No such mailbox";
    Text("no such recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 No such recipient";
    Text("mailbox not found") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Mailbox not found";
    Text("recipient not found") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 Recipient not found";
    Text("user not found") => UnknownUser, ADVICE_UNKNOWN_USER, "The message that you sent was undeliverable to the following: bob (user not found)";
    // Microsoft 365 directory-based edge blocking: the tenant has no such recipient.
    Text("as(201806281)") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)";
    Text("recipnotfound") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found";
    Text("unknown recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Unknown recipient";
    Text("invalid recipient") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Invalid recipient <bob@example.net>";
    Text("invalid mailbox") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Invalid mailbox";
    Text("unknown local part") => UnknownUser, ADVICE_UNKNOWN_USER, "550 Unknown local part bob in <bob@example.net>";
    Text("no mailbox here by that name") => UnknownUser, ADVICE_UNKNOWN_USER, "Sorry, no mailbox here by that name. (#5.1.1)";
    Text("not listed in domino directory") => UnknownUser, ADVICE_UNKNOWN_USER, "User bob (bob@example.net) not listed in Domino Directory";
    Text("address couldn't be found") => UnknownUser, ADVICE_UNKNOWN_USER, "The email account couldn't be reached: the address couldn't be found";
    Text("does not exist") => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 The email account that you tried to reach does not exist";
    Text("doesn't exist") => UnknownUser, ADVICE_UNKNOWN_USER, "550 The mailbox doesn't exist";
    Text("mailbox full") => MailboxFull, ADVICE_MAILBOX_FULL, "552 5.2.2 <bob@example.net>: Mailbox full";
    Text("mailbox is full") => MailboxFull, ADVICE_MAILBOX_FULL, "452 4.2.2 The email account that you tried to reach is over quota: mailbox is full";
    Text("quota") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Requested mail action aborted: quota exceeded";
    Text("insufficient system storage") => MailboxFull, ADVICE_MAILBOX_FULL, "452 Insufficient system storage";
    Text("exceeded storage allocation") => MailboxFull, ADVICE_MAILBOX_FULL, "552 Exceeded storage allocation";
    Text("postfach ist voll") => MailboxFull, ADVICE_MAILBOX_FULL, "Das Postfach ist voll";
    Text("mailbox disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Mailbox disabled, not accepting messages";
    Text("mailbox is disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 This mailbox is disabled (554.30)";
    Text("account disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Account disabled";
    Text("account has been disabled") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 The email account that you tried to reach has been disabled: account has been disabled";
    Text("inactive") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 5.2.1 Mailbox inactive";
    Text("deactivated") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 Account deactivated";
    Text("account suspended") => MailboxDisabled, ADVICE_MAILBOX_DISABLED, "550 Account suspended";
    // Reaching the server.
    Text("connection refused") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.com[198.51.100.20]:25: Connection refused";
    Text("timed out") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.net[192.0.2.9]:25: Connection timed out";
    Text("no route to host") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.net[192.0.2.9]:25: No route to host";
    Text("network is unreachable") => HostUnreachable, ADVICE_UNREACHABLE, "connect to mx.example.net[2001:db8::9]:25: Network is unreachable";
    Text("host unreachable") => HostUnreachable, ADVICE_UNREACHABLE, "Host unreachable";
    Text("lost connection") => HostUnreachable, ADVICE_UNREACHABLE, "lost connection with mx.example.net[192.0.2.9] while receiving the initial server greeting";
    Text("connection reset") => HostUnreachable, ADVICE_UNREACHABLE, "Connection reset by peer";
    Text("unable to connect") => HostUnreachable, ADVICE_UNREACHABLE, "Unable to connect to mx.example.net";
    Text("couldn't connect") => HostUnreachable, ADVICE_UNREACHABLE, "Couldn't connect to mx.example.net";
    Text("could not connect") => HostUnreachable, ADVICE_UNREACHABLE, "Could not connect to any MX host";
    Text("establish an smtp connection") => HostUnreachable, ADVICE_UNREACHABLE, "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)";
    // The sending server's name.
    Text("reverse dns") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 Rejected: no reverse DNS for 203.0.113.5";
    Text("reverse hostname") => RdnsOrHelo, ADVICE_HELO, "550 5.7.25 Client host rejected: cannot find your reverse hostname, [203.0.113.5]";
    Text("cannot find your hostname") => RdnsOrHelo, ADVICE_HELO, "450 4.7.25 Client host rejected: cannot find your hostname, [203.0.113.5]";
    Text("rdns") => RdnsOrHelo, ADVICE_HELO, "550 Missing rDNS";
    Text("ptr record") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 IP has no PTR record";
    Text("forward != reverse") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 Forward != Reverse";
    Text("helo command rejected") => RdnsOrHelo, ADVICE_HELO, "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname";
    Text("fully-qualified") => RdnsOrHelo, ADVICE_HELO, "550 Please use a fully-qualified domain name in EHLO";
    Text("invalid helo") => RdnsOrHelo, ADVICE_HELO, "550 Invalid HELO name";
    Text("bad helo") => RdnsOrHelo, ADVICE_HELO, "550 Bad HELO";
    Text("helo name") => RdnsOrHelo, ADVICE_HELO, "550 5.7.1 HELO name does not resolve";
    // The sender's identity.
    Text("dmarc") => SenderRejected, ADVICE_SENDER, "550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy";
    Text("spf") => SenderRejected, ADVICE_SENDER, "550 5.7.23 Message rejected due to: SPF fail - not authorized";
    Text("dkim") => SenderRejected, ADVICE_SENDER, "550 5.7.20 No passing DKIM signature found";
    Text("unauthenticated") => SenderRejected, ADVICE_SENDER, "550 5.7.1 This mail has been blocked because the sender is unauthenticated";
    Text("authentication required") => SenderRejected, ADVICE_SENDER, "530 5.7.0 Authentication required";
    // Limits.
    Text("rate limit") => RateLimited, ADVICE_RATE, "450 4.7.1 Rate limit exceeded";
    Text("ratelimit") => RateLimited, ADVICE_RATE, "451 4.7.1 Ratelimit reached";
    Text("too many messages") => RateLimited, ADVICE_RATE, "421 4.7.0 Too many messages from 203.0.113.5";
    Text("too many connections") => RateLimited, ADVICE_RATE, "421 Too many connections from your IP";
    Text("too many recipients") => RateLimited, ADVICE_RATE, "452 4.5.3 Too many recipients";
    Text("unusual rate") => RateLimited, ADVICE_RATE, "550 5.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address";
    Text("unexpected volume") => RateLimited, ADVICE_RATE, "421 4.7.0 Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints";
    Text("try again later, closing connection") => RateLimited, ADVICE_RATE, "421 4.7.0 Try again later, closing connection. (rate)";
    Text("throttl") => RateLimited, ADVICE_RATE, "451 Throttling failure: Maximum sending rate exceeded";
    Text("message size exceeds") => MessageTooLarge, ADVICE_SIZE, "552 5.3.4 Message size exceeds fixed limit";
    Text("size limit") => MessageTooLarge, ADVICE_SIZE, "552 Message exceeds the size limit";
    Text("too large") => MessageTooLarge, ADVICE_SIZE, "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient";
    Text("too big") => MessageTooLarge, ADVICE_SIZE, "552 Message too big";
    Text("exceeds the maximum") => MessageTooLarge, ADVICE_SIZE, "552 The message exceeds the maximum allowed";
    // Loops.
    Text("mail loop") => Loop, ADVICE_LOOP, "554 5.4.14 Hop count exceeded - possible mail loop";
    Text("loops back") => Loop, ADVICE_LOOP, "554 5.4.6 mail for example.net loops back to myself";
    Text("too many hops") => Loop, ADVICE_LOOP, "554 5.4.6 Too many hops";
    Text("hop count") => Loop, ADVICE_LOOP, "554 Maximum hop count exceeded";
    Text("routing loop") => Loop, ADVICE_LOOP, "554 Routing loop detected";
    Text("too many \"received\"") => Loop, ADVICE_LOOP, "554 Too many \"Received\" headers";
    // Content.
    Text("spam") => ContentRejected, ADVICE_CONTENT, "554 5.7.1 Message rejected as spam by Content Filtering";
    Text("virus") => ContentRejected, ADVICE_CONTENT, "554 5.7.0 Virus found in message";
    Text("malware") => ContentRejected, ADVICE_CONTENT, "554 Malware detected";
    Text("infected") => ContentRejected, ADVICE_CONTENT, "554 Infected attachment";
    Text("phishing") => ContentRejected, ADVICE_CONTENT, "550 Suspected phishing";
    Text("security issue") => ContentRejected, ADVICE_CONTENT, "552 5.7.0 This message was blocked because its content presents a potential security issue";
    Text("content") => ContentRejected, ADVICE_CONTENT, "554 Message content rejected";
    Text("rfc 5322") => ContentRejected, ADVICE_CONTENT, "550 5.7.1 Message not RFC 5322 compliant";
    Text("rfc5322") => ContentRejected, ADVICE_CONTENT, "550 Messages must be RFC5322 compliant";
    Text("rfc 2822") => ContentRejected, ADVICE_CONTENT, "550 Message not RFC 2822 compliant";
    Text("header") => ContentRejected, ADVICE_CONTENT, "550 Invalid header found";
    Text("attachment") => ContentRejected, ADVICE_CONTENT, "552 Banned attachment type";
    Text("distant future") => ContentRejected, "The message's date is wrong: fix the sending computer's clock and time zone, then send again.", "554 Mail is very old or from the distant future";
    // Refusals by policy, and trouble on the far side.
    Text("policy") => Policy, ADVICE_POLICY, "554 5.7.9 Message not accepted for policy reasons";
    Text("access denied") => Policy, ADVICE_POLICY, "550 5.7.1 Access denied";
    Text("administrative prohibition") => Policy, ADVICE_POLICY, "550 Administrative prohibition";
    Text("local error") => SystemError, ADVICE_SYSTEM, "451 4.3.0 Requested action aborted: local error in processing";
    Text("local problem") => SystemError, ADVICE_SYSTEM, "451 4.3.0 Temporary local problem - please try later";
    Text("internal error") => SystemError, ADVICE_SYSTEM, "451 Internal error";
    Text("lookup failure") => SystemError, ADVICE_SYSTEM, "451 4.3.0 Temporary lookup failure";
    Text("system error") => SystemError, ADVICE_SYSTEM, "451 System error";
    // The enhanced status alone (any class), then its subject.
    Status(1, 1) => UnknownUser, ADVICE_UNKNOWN_USER, "550 5.1.1 Rejected";
    Status(1, 3) => UnknownUser, ADVICE_UNKNOWN_USER, "553 5.1.3 Bad recipient address syntax";
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
    Status(7, 1) => Policy, ADVICE_POLICY, "550 5.7.1 Refused";
    Subject(6) => ContentRejected, ADVICE_CONTENT, "554 5.6.0 Refused";
    Subject(7) => Policy, ADVICE_POLICY, "550 5.7.0 Refused";
    Subject(3) => SystemError, ADVICE_SYSTEM, "451 4.3.0 Refused";
    Subject(4) => HostUnreachable, ADVICE_UNREACHABLE, "4.4.0 Refused";
    Reply(421) => SystemError, ADVICE_SYSTEM, "421 Closing";
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp_codes::ReplyCode;

    /// Evidence from a rule example: an optional `failed:`/`delivered:`
    /// action prefix, then a reply code and enhanced status as they come.
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
            text: rest,
        }
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
            if let Clue::Text(t) = rule.clue {
                assert_eq!(t, t.to_lowercase(), "{t}");
                assert!(seen.insert(t), "duplicate {t}");
            }
            assert!(!rule.advice.is_empty());
        }
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
            text: "452 4.2.2 Mailbox full",
            ..Evidence::default()
        };
        assert_eq!(classify(&e).reason, Reason::Expired);
        let delayed = Evidence {
            action: Some(Action::Delayed),
            ..e
        };
        assert_eq!(classify(&delayed).reason, Reason::MailboxFull);
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
