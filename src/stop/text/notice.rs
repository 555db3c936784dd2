//! What kind of notice the text is: whose layout it has (a vendor's
//! wording, or generic words that say delivery failed), and whether it
//! says delivery is only delayed.

use super::vendors;

/// Whose layout a notice has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A vendor's wording, by the vendor's name ([`super::vendors::VENDORS`]).
    Vendor(&'static str),
    /// No vendor's wording, but words that say delivery failed.
    Generic,
}

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

/// The layout of a text: the first vendor whose phrases it contains, else
/// generic when it or its subject says delivery failed; `None` when it
/// reads like no bounce at all.
pub(super) fn layout(lower: &str, subject_lower: &str) -> Option<Layout> {
    vendors::recognise(lower)
        .map(|v| Layout::Vendor(v.name))
        .or_else(|| {
            FAILURE_WORDS
                .iter()
                .any(|w| lower.contains(w) || subject_lower.contains(w))
                .then_some(Layout::Generic)
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
