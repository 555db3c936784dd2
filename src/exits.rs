//! Exit codes, a promise to scripts (README and `--help` list them).
//!
//! | code | meaning |
//! |---|---|
//! | 0 | report written |
//! | 1 | report written, and the `--fail-on` level was reached |
//! | 2 | usage error: a bad option or value, or a bad config file |
//! | 3 | input problem: unreadable, empty, too large, not mail |
//! | 4 | output problem: cannot write the report |

/// Report written.
pub const OK: i32 = 0;
/// Report written, and a finding reached the `--fail-on` level.
pub const FINDINGS: i32 = 1;
/// Bad option or value, or a bad config file.
pub const USAGE: i32 = 2;
/// An input could not be read as mail.
pub const INPUT: i32 = 3;
/// The report could not be written.
pub const OUTPUT: i32 = 4;
