//! Helpers shared by the DNS tests.

pub mod dns_server;
pub mod zones;
pub mod heldout_zones;
