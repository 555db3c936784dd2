//! What kind of notice the text is: whose layout it has (a vendor's
//! wording, or generic words that say delivery failed), and whether it
//! says delivery is only delayed.

/// Which kind of bounce text was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Postfix,
    Exim,
    Sendmail,
    Qmail,
    Exchange,
    Gmail,
    Yahoo,
    Courier,
    Domino,
    /// No vendor's wording, but the text says delivery failed or was delayed.
    Generic,
}

const FAMILY_MARKERS: &[(&str, Family)] = &[
    ("this is the qmail-send program", Family::Qmail),
    ("running the courier mail server", Family::Courier),
    ("this is the mail system at host", Family::Postfix),
    ("(in reply to ", Family::Postfix),
    ("smtp error from remote mail server", Family::Exim),
    (
        "created automatically by mail delivery software",
        Family::Exim,
    ),
    ("the following address(es) failed", Family::Exim),
    ("transcript of session follows", Family::Sendmail),
    ("had permanent fatal errors", Family::Sendmail),
    (
        "diagnostic information for administrators",
        Family::Exchange,
    ),
    (
        "diagnoseinformationen für administratoren",
        Family::Exchange,
    ),
    (
        "informations de diagnostic pour les administrateurs",
        Family::Exchange,
    ),
    ("remote server returned", Family::Exchange),
    ("delivery has failed to these recipients", Family::Exchange),
    ("the response from the remote server was", Family::Gmail),
    ("the response was:", Family::Gmail),
    ("** address not found **", Family::Gmail),
    ("** message not delivered **", Family::Gmail),
    ("** message blocked **", Family::Gmail),
    (
        "we were unable to deliver your message to the following address",
        Family::Yahoo,
    ),
    ("not listed in domino directory", Family::Domino),
    ("was not delivered to:", Family::Domino),
];

/// Words that say a message was not delivered, in several languages.
const FAILURE_WORDS: &[&str] = &[
    "could not be delivered",
    "couldn't be delivered",
    "cannot be delivered",
    "was not delivered",
    "wasn't delivered",
    "undeliverable",
    "undelivered",
    "delivery failed",
    "delivery has failed",
    "delivery failure",
    "unable to deliver",
    "permanent error",
    "returned mail",
    "not yet been delivered",
    "delivery status notification",
    "failure notice",
    "unzustellbar",
    "nicht zugestellt",
    "non remis",
    "pas pu être remis",
    "no se puede entregar",
    "no se ha podido entregar",
    "no entregado",
    "onbestelbaar",
    "non recapitabile",
];

pub(super) fn family(lower: &str, subject_lower: &str) -> Option<Family> {
    FAMILY_MARKERS
        .iter()
        .find(|(m, _)| lower.contains(m))
        .map(|(_, f)| *f)
        .or_else(|| {
            FAILURE_WORDS
                .iter()
                .any(|w| lower.contains(w) || subject_lower.contains(w))
                .then_some(Family::Generic)
        })
}

pub(super) const DELAY_TEXT: &[&str] = &[
    "this is a warning only",
    "warning message only",
    "has not yet been delivered",
    "not yet been delivered",
    "delivery attempts will continue",
    "will be retried",
    "will retry",
    "will continue to try",
    "still trying",
    "delivery is delayed",
    "delivery has been delayed",
    "no action is required on your part",
    // Other languages: German, French, Dutch, Spanish, Italian.
    "noch nicht zugestellt",
    "pas encore été distribué",
    "nog niet afgeleverd",
    "todavía no se ha entregado",
    "non è ancora stato consegnato",
];

pub(super) const DELAY_SUBJECT: &[&str] = &[
    "delayed",
    "(delay)",
    "still being retried",
    "warning: could not send",
    "verzögert",
    "retardé",
    "vertraagd",
    "ritardata",
    "retrasada",
];
