//! Held-out tests: data written by someone other than the code's author,
//! with the expectations committed before the first run (protocol and
//! first-run figures: tests/heldout/README.md and RESULTS.md).

mod bounces;
mod chains;
mod dns1;
mod dns2;
mod received;
