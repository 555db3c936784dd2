//! Dates of Received headers: RFC 5322 and its obsolete forms.

use chrono::{DateTime, FixedOffset};
use thiserror::Error;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    /// The text is not a date in any form we know.
    #[error("not a valid RFC 5322 date: {0}")]
    Invalid(String),
}

/// Parses a Received date (the text after the last `;`).
pub fn parse_date(text: &str) -> Result<DateTime<FixedOffset>, DateError> {
    DateTime::parse_from_rfc2822(text.trim())
        .map_err(|_| DateError::Invalid(text.trim().to_string()))
}
