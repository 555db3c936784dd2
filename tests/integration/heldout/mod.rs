//! Held-out tests: data written by someone other than the code's author,
//! with the expectations committed before the first run (protocol and
//! first-run figures: tests/heldout/README.md and RESULTS.md).

mod bounces;
mod chains;
mod dns1;
mod dns2;
mod received;

use std::path::PathBuf;

/// `name` under tests/heldout/.
pub fn heldout_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("heldout")
        .join(name)
}
