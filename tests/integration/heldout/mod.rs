//! Held-out tests: data written by someone other than the code's author,
//! with the expectations committed before the first run (protocol and
//! first-run figures: tests/heldout/README.md and RESULTS.md).

mod auth;
mod bounces;
mod chains;
mod chains3;
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

/// The zone files (`*.zone`) of `dir` under tests/heldout/, as text, in
/// name order.
pub fn zones(dir: &str) -> Vec<String> {
    let dir = heldout_path(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "zone"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no zones in {}", dir.display());
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}
