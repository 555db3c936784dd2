//! What kind of notice the text is: whose layout it has (a vendor's
//! wording, or generic words that say delivery failed), and whether it
//! says delivery is only delayed.

use super::vendors;
use crate::stop::{phrases, reason};

/// Whose layout a notice has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A vendor's wording, by the vendor's name ([`super::vendors::VENDORS`]).
    Vendor(&'static str),
    /// No vendor's wording, but words that say delivery failed.
    Generic,
}

/// The layout of a text: the first vendor whose phrases it contains, else
/// generic when it or its subject says delivery failed, or it names why
/// (a router's one line "... is not a valid user here."); `None` when it
/// reads like no bounce at all.
pub(super) fn layout(lower: &str, subject_lower: &str) -> Option<Layout> {
    vendors::recognise(lower)
        .map(|v| Layout::Vendor(v.name))
        .or_else(|| {
            (phrases::all(|p| p.bounce_words)
                .any(|(w, c)| c.in_notice() && (lower.contains(w) || subject_lower.contains(w)))
                || reason::names_a_cause(lower))
            .then_some(Layout::Generic)
        })
}

/// Whether the text (or its subject) says delivery is only delayed and
/// still being tried.
pub(super) fn says_delayed(lower: &str, subject_lower: &str) -> bool {
    phrases::all(|p| p.delay_text).any(|w| lower.contains(w))
        || phrases::all(|p| p.delay_subject).any(|w| subject_lower.contains(w))
}
