//! From Received headers to a hop chain: parsing, dates, delays and checks.

pub mod date;
pub mod received;
