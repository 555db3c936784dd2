//! Helpers shared by the DNS tests.

pub mod dns_server;
pub mod reports;
pub mod zones;
