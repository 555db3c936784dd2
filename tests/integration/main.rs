//! The integration tests, in one binary (one link instead of one per file,
//! as ripgrep's tests/ does). Each module was a test binary of its own;
//! helpers they share are in `support`, held-out tests in `heldout`.
//!
//! One module: `cargo test --test integration golden::`.

mod support;

mod architecture;
mod auth;
mod auth_now;
mod auth_verdicts;
mod batch;
mod bounce_robustness;
mod bounces;
mod cli;
mod conventions;
mod dns_checks;
mod dns_cli;
mod dns_formats;
mod docs;
mod formats;
mod golden;
mod heldout;
mod hostile;
mod html;
mod paste;
mod providers;
mod received;
mod redaction;
mod robustness;
mod samples;
mod sources;
mod terminal;
mod widths;
