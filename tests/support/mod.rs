//! Helpers shared by the DNS tests.

pub mod dns_server;
pub mod heldout_zones;
pub mod reports;
pub mod zones;
