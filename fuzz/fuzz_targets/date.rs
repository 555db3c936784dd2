#![no_main]
//! The date parser on arbitrary text: never panics; what it accepts has an
//! offset within a day.

use libfuzzer_sys::fuzz_target;
use trace_path::chain::date::parse_date;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = parse_date(&String::from_utf8_lossy(data)) {
        assert!(t.offset().local_minus_utc().abs() < 86_400);
    }
});
