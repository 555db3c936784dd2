//! Helpers shared by the DNS tests.

pub mod dns_server;
pub mod heldout_zones;
pub mod heldout_zones2;
pub mod reports;
pub mod zones;
