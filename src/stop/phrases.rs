//! Every phrase the stop stage looks for in a bounce, in one place: one
//! section per vendor and one per language, each a [`Phrases`] of tables.
//!
//! This is data only: a step asks for one table across all sections
//! ([`all`]), and a vendor in `text/vendors.rs` takes its markers from its
//! section. All phrases are lowercase: they are matched against lowercased
//! text. [`SECTIONS`] gives the order in which the sections are read: the
//! vendors, then English for any system, then the other languages. Order
//! counts only where a step takes the first phrase of a table that
//! matches anywhere (the reason markers, the report writer's names): the
//! most specific wording comes first. The stage phrases and host keys are
//! searched for the earliest match in the text, so their order does not
//! count (the unit tests check that none is a prefix of another).
//!
//! The tables are Rust constants rather than a file parsed at run time:
//! the compiler checks them (an SMTP stage is an enum, not a string), they
//! cost nothing to load, and reading them can never fail.

use crate::model::SmtpStage;

/// The phrases of one vendor or one language, table by table.
#[derive(Debug)]
pub struct Phrases {
    /// Senders of notices: anywhere in the From: header.
    pub senders: &'static [&'static str],
    /// Subjects of auto-replies, which are no bounces: at the start of the subject.
    pub auto_replies: &'static [&'static str],
    /// Words that say bounce, and where they count.
    pub bounce_words: &'static [(&'static str, Counts)],
    /// Phrases only this vendor's notices contain: they name its layout.
    pub markers: &'static [&'static str],
    /// Phrases of a notice's text that say delivery is only delayed.
    pub delay_text: &'static [&'static str],
    /// Phrases of a challenge-response system asking the sender to prove
    /// itself before the message is delivered.
    pub challenges: &'static [&'static str],
    /// Phrases of a notice's subject that say delivery is only delayed.
    pub delay_subject: &'static [&'static str],
    /// Lines that introduce the returned copy of the message.
    pub copy_markers: &'static [&'static str],
    /// Words right before a reply code that say "this is the server's reply".
    pub reply_markers: &'static [&'static str],
    /// The notice's own words right after a quoted reply, where it ends.
    pub reply_ends: &'static [&'static str],
    /// Words that introduce the reason, when no reply is quoted.
    pub reason_markers: &'static [&'static str],
    /// Words right before a recipient's address that start its piece
    /// ("Could not be delivered to: <bob@example.net>").
    pub recipient_intros: &'static [&'static str],
    /// Words that end the line before the original sender's address ("A
    /// message sent by"): that address is no recipient.
    pub sender_intros: &'static [&'static str],
    /// Lines of a vendor's bookkeeping inside a recipient's piece, which are
    /// no part of the reason (Exchange's "The MTS-ID of the original message
    /// is: ..."); a next line starting with `;` continues them.
    pub noise: &'static [&'static str],
    /// Phrases that name the SMTP stage.
    pub stages: &'static [(&'static str, SmtpStage)],
    /// Words right before the remote host's name.
    pub host_keys: &'static [&'static str],
    /// Words right after the remote host's name.
    pub host_followers: &'static [&'static str],
    /// Words right before the name of the notice's writer.
    pub reporter_keys: &'static [&'static str],
}

/// Where a bounce word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// In a subject, it makes the message worth reading as a bounce; in a
    /// notice (its text or subject), it says delivery failed.
    Both,
    /// Only in a subject: "delayed mail" suggests a notice but says no
    /// failure.
    Subject,
    /// Only in a notice already suspected: as the subject of an ordinary
    /// message, "permanent error" is no reason to read it as a bounce.
    Notice,
}

impl Counts {
    pub fn in_subject(self) -> bool {
        matches!(self, Counts::Both | Counts::Subject)
    }

    pub fn in_notice(self) -> bool {
        matches!(self, Counts::Both | Counts::Notice)
    }
}

impl Phrases {
    const NONE: Phrases = Phrases {
        senders: &[],
        auto_replies: &[],
        bounce_words: &[],
        markers: &[],
        delay_text: &[],
        challenges: &[],
        delay_subject: &[],
        copy_markers: &[],
        reply_markers: &[],
        reply_ends: &[],
        reason_markers: &[],
        recipient_intros: &[],
        sender_intros: &[],
        noise: &[],
        stages: &[],
        host_keys: &[],
        host_followers: &[],
        reporter_keys: &[],
    };
}

/// The sections in the order they are read.
pub const SECTIONS: &[&Phrases] = &[
    &POSTFIX,
    &QMAIL,
    &COURIER,
    &DOMINO,
    &GMAIL,
    &EXIM,
    &EXCHANGE,
    &SENDMAIL,
    &YAHOO,
    &HMAILSERVER,
    &GMX,
    &COMMUNIGATE,
    &DOVECOT,
    &JAMES,
    &GOOGLE_GROUPS,
    &ENGLISH,
    &GERMAN,
    &FRENCH,
    &SPANISH,
    &ITALIAN,
    &DUTCH,
];

/// One table, from every section in order.
pub fn all<T>(table: fn(&'static Phrases) -> &'static [T]) -> impl Iterator<Item = &'static T> {
    SECTIONS.iter().flat_map(move |p| table(p))
}

use Counts::{Both, Notice, Subject};
use SmtpStage::{Connect, Data, EndOfData, Helo, Mail, Rcpt};

// ---------------------------------------------------------------------
// Vendors
// ---------------------------------------------------------------------

/// Postfix: "This is the mail system at host ...", `host X said: 550 ...
/// (in reply to RCPT TO command)`.
pub const POSTFIX: Phrases = Phrases {
    markers: &["this is the mail system at host", "(in reply to "],
    bounce_words: &[("returned to sender", Subject), ("delayed mail", Subject)],
    delay_text: &["this is a warning only"],
    delay_subject: &["still being retried"],
    reply_ends: &["(in reply to "],
    stages: &[
        ("in reply to rcpt to command", Rcpt),
        ("in reply to mail from command", Mail),
        ("in reply to end of data command", EndOfData),
        ("in reply to data command", Data),
        ("in reply to ehlo command", Helo),
        ("in reply to helo command", Helo),
        ("in reply to starttls command", Helo),
        ("refused to talk to me", Connect),
        ("initial server greeting", Connect),
        ("while performing the ehlo handshake", Helo),
        ("while sending mail from", Mail),
        ("while sending rcpt to", Rcpt),
        ("while sending data command", Data),
        ("while sending message body", EndOfData),
        ("while sending end of data", EndOfData),
    ],
    host_keys: &[
        "connect to ",
        "conversation with ",
        "connection with ",
        "delivery via ",
        // "message size 31457280 exceeds size limit 26214400 of server
        // mx.example.net[192.0.2.9]": the limit the server announced.
        "of server ",
    ],
    reporter_keys: &["this is the mail system at host "],
    ..Phrases::NONE
};

/// qmail: "Hi. This is the qmail-send program at ...".
pub const QMAIL: Phrases = Phrases {
    markers: &["this is the qmail-send program"],
    bounce_words: &[("failure notice", Both)],
    copy_markers: &["below this line is a copy of the message"],
    stages: &[
        ("does not like recipient", Rcpt),
        ("does not like sender", Mail),
        ("failed after i sent the message", EndOfData),
        ("but greeting failed", Connect),
        ("but my name was rejected", Helo),
        ("but sender was rejected", Mail),
        ("establish an smtp connection", Connect),
    ],
    reporter_keys: &["this is the qmail-send program at "],
    ..Phrases::NONE
};

/// Courier: "This is a delivery status notification from ..., running the
/// Courier mail server".
pub const COURIER: Phrases = Phrases {
    senders: &["courier mail server"],
    markers: &["running the courier mail server"],
    bounce_words: &[("mail delivery status", Subject)],
    reporter_keys: &["delivery status notification from "],
    ..Phrases::NONE
};

/// Lotus Domino: "Your message ... was not delivered to: ... because: ...".
pub const DOMINO: Phrases = Phrases {
    markers: &["not listed in domino directory", "was not delivered to:"],
    reason_markers: &["because:"],
    host_keys: &["error transferring to "],
    ..Phrases::NONE
};

/// Gmail: "** Address not found **", "The response was: ...".
pub const GMAIL: Phrases = Phrases {
    markers: &[
        "the response from the remote server was",
        "the response was:",
        "** address not found **",
        "** message not delivered **",
        "** message blocked **",
    ],
    delay_text: &["will retry"],
    delay_subject: &["(delay)"],
    copy_markers: &["--- original message ---"],
    reply_markers: &["was:"],
    reason_markers: &[
        "the response from the remote server was:",
        "the response was:",
    ],
    stages: &[("did not accept our requests to connect", Connect)],
    ..Phrases::NONE
};

/// Exim: "This message was created automatically by mail delivery
/// software", "SMTP error from remote mail server after RCPT TO:...".
pub const EXIM: Phrases = Phrases {
    markers: &[
        "smtp error from remote mail server",
        "created automatically by mail delivery software",
        "the following address(es) failed",
    ],
    bounce_words: &[
        ("not yet been delivered", Notice),
        ("warning: message", Subject),
    ],
    delay_text: &[
        "has not yet been delivered",
        "not yet been delivered",
        "delivery attempts will continue",
        "no action is required on your part",
    ],
    copy_markers: &[
        "this is a copy of the message",
        "this is a copy of the headers",
    ],
    reason_markers: &["delay reason:"],
    // Exim 4.9x names the sender when it is not the notice's addressee.
    sender_intros: &["a message sent by"],
    stages: &[
        ("after rcpt to", Rcpt),
        ("after pipelined rcpt to", Rcpt),
        ("after mail from", Mail),
        ("after pipelined mail from", Mail),
        ("after end of data", EndOfData),
        ("after pipelined end of data", EndOfData),
        ("after pipelined data", Data),
        ("after data", Data),
        ("after initial connection", Connect),
        ("after ehlo", Helo),
        ("after helo", Helo),
    ],
    ..Phrases::NONE
};

/// Exchange and Office 365, in English, German and French: "Delivery has
/// failed to these recipients or groups", "Diagnostic information for
/// administrators", "Remote Server returned '550 ...'".
pub const EXCHANGE: Phrases = Phrases {
    senders: &["microsoftexchange"],
    markers: &[
        "diagnostic information for administrators",
        "diagnoseinformationen für administratoren",
        "informations de diagnostic pour les administrateurs",
        "remote server returned",
        "delivery has failed to these recipients",
        // Exchange 5.5 to 2003 (Internet Mail Service).
        "did not reach the following recipient",
    ],
    bounce_words: &[
        ("delivery has failed", Both),
        ("couldn't be delivered", Notice),
        ("undeliverable", Notice),
    ],
    delay_text: &["delivery is delayed"],
    copy_markers: &[
        "original message headers",
        "original message header",
        "ursprüngliche nachrichtenkopfzeilen",
        "en-têtes de message d'origine",
        "encabezados del mensaje original",
    ],
    reply_markers: &["returned '", "returned \""],
    reply_ends: &[" ##"],
    noise: &["the mts-id of the original message is:"],
    host_keys: &["receiving server: ", "message rejected by:"],
    reporter_keys: &[
        "generating server: ",
        "generierender server: ",
        "serveur de génération : ",
    ],
    ..Phrases::NONE
};

/// Sendmail: "----- The following addresses had permanent fatal errors
/// -----", "----- Transcript of session follows -----".
pub const SENDMAIL: Phrases = Phrases {
    markers: &[
        "transcript of session follows",
        "had permanent fatal errors",
    ],
    bounce_words: &[("returned mail", Both)],
    delay_text: &["warning message only"],
    delay_subject: &["warning: could not send"],
    host_keys: &["talking to "],
    ..Phrases::NONE
};

/// Yahoo: "We were unable to deliver your message to the following
/// address", stages in brackets (`[RCPT_TO]`, `[BODY]`).
pub const YAHOO: Phrases = Phrases {
    markers: &["we were unable to deliver your message to the following address"],
    bounce_words: &[("unable to deliver", Notice)],
    stages: &[
        ("[rcpt_to]", Rcpt),
        ("[mail_from]", Mail),
        ("[body]", EndOfData),
        ("[data]", Data),
        ("[connect]", Connect),
        ("[helo]", Helo),
        ("[ehlo]", Helo),
    ],
    ..Phrases::NONE
};

/// hMailServer: "Remote server (192.0.2.9) issued an error.",
/// "hMailServer sent: RCPT TO:<bob@example.net>", "Remote server replied: ...".
pub const HMAILSERVER: Phrases = Phrases {
    reply_markers: &["replied:"],
    stages: &[
        ("sent: rcpt to", Rcpt),
        ("sent: mail from", Mail),
        ("sent: data", Data),
    ],
    host_keys: &["remote server "],
    ..Phrases::NONE
};

/// GMX and web.de: "SMTP error from remote server for RCPT TO command,
/// host: mx.example.net (192.0.2.9) reason: 550 ...".
pub const GMX: Phrases = Phrases {
    stages: &[
        ("for rcpt to command", Rcpt),
        ("for mail from command", Mail),
        ("for data command", Data),
    ],
    host_keys: &["host: "],
    ..Phrases::NONE
};

/// CommuniGate Pro: "message text rejected by mx.example.net: 554 ...",
/// "Failed to deliver to '<bob@example.net>'".
pub const COMMUNIGATE: Phrases = Phrases {
    recipient_intros: &["failed to deliver to "],
    stages: &[("message text rejected", EndOfData)],
    host_keys: &["text rejected by "],
    ..Phrases::NONE
};

/// Dovecot's LDA and Sieve: "Your message to <bob@example.net> was
/// automatically rejected:" and the reason on the next line.
pub const DOVECOT: Phrases = Phrases {
    reason_markers: &["was automatically rejected:"],
    ..Phrases::NONE
};

/// Apache James: "Hi. This is the James mail server at ...", "Error
/// message below:" and the reply on the next line.
pub const JAMES: Phrases = Phrases {
    markers: &["this is the james mail server"],
    reason_markers: &["error message below:"],
    ..Phrases::NONE
};

/// Google Groups: "We're writing to let you know that the group you tried
/// to contact (...) may not exist, or you may not have permission to post".
pub const GOOGLE_GROUPS: Phrases = Phrases {
    reason_markers: &["we're writing to let you know that"],
    ..Phrases::NONE
};

// ---------------------------------------------------------------------
// Languages: the words of any system
// ---------------------------------------------------------------------

/// English.
pub const ENGLISH: Phrases = Phrases {
    senders: &[
        "mailer-daemon",
        "postmaster@",
        "mail delivery",
        "mail administrator",
    ],
    auto_replies: &[
        "out of office",
        "out of the office",
        "automatic reply",
        "auto:",
        "autoreply",
        "auto-reply",
        "auto reply",
        "vacation",
    ],
    bounce_words: &[
        ("undeliver", Subject),
        ("undelivered", Both),
        ("delivery status notification", Both),
        ("bounce notification", Subject),
        ("delivery failure", Both),
        ("delivery failed", Both),
        ("could not be delivered", Both),
        ("cannot be delivered", Notice),
        ("was not delivered", Notice),
        ("wasn't delivered", Notice),
        ("not delivered", Subject),
        ("permanent error", Notice),
        ("delivery delayed", Subject),
    ],
    delay_text: &[
        "will be retried",
        "will continue to try",
        "still trying",
        "delivery has been delayed",
    ],
    // Boxbe, and challenge-response systems alike.
    challenges: &["waitlisted", "add yourself to my", "guest list"],
    delay_subject: &["delayed"],
    copy_markers: &[
        "original message follows",
        "unsent message follows",
        "message header follows",
        "-----original message-----",
        "------ original message ------",
    ],
    reply_markers: &[
        "said:",
        "said",
        "<<<",
        "reason:",
        "]:",
        // SurfControl: "bob@example.net: [192.0.2.9], 554 ...".
        "],",
        "#",
        "error:",
        "reply:",
        "answered:",
        "response:",
    ],
    // "could not be delivered because they are not accepting mail with
    // attachments:" (AOL), "wasn't delivered to ... because the address
    // couldn't be found" (Gmail).
    reason_markers: &["reason:", " because "],
    recipient_intros: &["could not be delivered to: "],
    stages: &[
        ("did not like our rcpt to", Rcpt),
        ("did not like our mail from", Mail),
        ("did not like our data", Data),
        ("connection refused", Connect),
        ("connection timed out", Connect),
        ("no route to host", Connect),
        ("network is unreachable", Connect),
    ],
    host_keys: &["host ", "remote server: ", "remote host: "],
    host_followers: &[" did not like our ", " didn't like our "],
    // RFC 3464 fields quoted in the text.
    reporter_keys: &["reporting-mta: dns; ", "reporting-mta: dns;"],
    ..Phrases::NONE
};

/// German.
pub const GERMAN: Phrases = Phrases {
    auto_replies: &["abwesenheit"],
    bounce_words: &[("unzustellbar", Both), ("nicht zugestellt", Notice)],
    delay_text: &["noch nicht zugestellt"],
    delay_subject: &["verzögert"],
    reply_markers: &["grund:"],
    reason_markers: &["grund:"],
    // "nach dem Befehl RCPT TO:<...> abgelehnt".
    stages: &[
        ("befehl rcpt to", Rcpt),
        ("befehl mail from", Mail),
        ("befehl data", Data),
    ],
    ..Phrases::NONE
};

/// French.
pub const FRENCH: Phrases = Phrases {
    auto_replies: &["réponse automatique"],
    bounce_words: &[("non remis", Both), ("pas pu être remis", Notice)],
    delay_text: &["pas encore été distribué"],
    delay_subject: &["retardé"],
    reply_markers: &["répondu :", "répondu:"],
    reason_markers: &["raison :", "raison:", "a répondu :"],
    ..Phrases::NONE
};

/// Spanish.
pub const SPANISH: Phrases = Phrases {
    auto_replies: &["respuesta automática"],
    bounce_words: &[
        ("no se puede entregar", Both),
        ("no se ha podido entregar", Notice),
        ("no entregado", Both),
    ],
    delay_text: &["todavía no se ha entregado"],
    delay_subject: &["retrasada"],
    reply_markers: &["respondió:"],
    reason_markers: &["motivo:", "respondió:"],
    ..Phrases::NONE
};

/// Italian.
pub const ITALIAN: Phrases = Phrases {
    bounce_words: &[("non recapitabile", Both)],
    delay_text: &["non è ancora stato consegnato"],
    delay_subject: &["ritardata"],
    ..Phrases::NONE
};

/// Dutch.
pub const DUTCH: Phrases = Phrases {
    bounce_words: &[("onbestelbaar", Both)],
    delay_text: &["nog niet afgeleverd"],
    delay_subject: &["vertraagd"],
    // "De ontvangende mailserver mx.example.net [192.0.2.9] antwoordde:".
    host_keys: &["ontvangende mailserver "],
    ..Phrases::NONE
};

#[cfg(test)]
mod tests {
    use super::*;

    fn words<T>(
        table: fn(&'static Phrases) -> &'static [T],
        word: fn(&'static T) -> &'static str,
    ) -> Vec<&'static str> {
        all(table).map(word).collect()
    }

    #[test]
    fn phrases_are_lowercase_and_each_table_lists_a_phrase_once() {
        let tables: Vec<(&str, Vec<&str>)> = vec![
            ("senders", words(|p| p.senders, |w| w)),
            ("auto_replies", words(|p| p.auto_replies, |w| w)),
            ("bounce_words", words(|p| p.bounce_words, |w| w.0)),
            ("markers", words(|p| p.markers, |w| w)),
            ("delay_text", words(|p| p.delay_text, |w| w)),
            ("challenges", words(|p| p.challenges, |w| w)),
            ("delay_subject", words(|p| p.delay_subject, |w| w)),
            ("copy_markers", words(|p| p.copy_markers, |w| w)),
            ("reply_markers", words(|p| p.reply_markers, |w| w)),
            ("reply_ends", words(|p| p.reply_ends, |w| w)),
            ("reason_markers", words(|p| p.reason_markers, |w| w)),
            ("recipient_intros", words(|p| p.recipient_intros, |w| w)),
            ("sender_intros", words(|p| p.sender_intros, |w| w)),
            ("noise", words(|p| p.noise, |w| w)),
            ("stages", words(|p| p.stages, |w| w.0)),
            ("host_keys", words(|p| p.host_keys, |w| w)),
            ("host_followers", words(|p| p.host_followers, |w| w)),
            ("reporter_keys", words(|p| p.reporter_keys, |w| w)),
        ];
        for (name, phrases) in tables {
            let mut seen = std::collections::HashSet::new();
            for p in phrases {
                assert!(!p.is_empty(), "{name}");
                assert_eq!(p, p.to_lowercase(), "{name}: {p:?}");
                assert!(seen.insert(p), "{name}: {p:?} twice");
            }
        }
    }

    #[test]
    fn earliest_match_tables_need_no_order() {
        // Two phrases can match at the same place only when one is a
        // prefix of the other; without that, the earliest match in the
        // text is the same whatever the order of the sections.
        for (name, phrases) in [
            ("stages", words(|p| p.stages, |w| w.0)),
            ("host_keys", words(|p| p.host_keys, |w| w)),
        ] {
            for a in &phrases {
                for b in &phrases {
                    assert!(a == b || !b.starts_with(a), "{name}: {a:?} / {b:?}");
                }
            }
        }
    }
}
