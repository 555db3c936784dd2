#![no_main]
//! The Received clause parser on arbitrary text: never panics, and a date
//! it hands over never panics the date parser.

use libfuzzer_sys::fuzz_target;
use trace_path::chain::{date::parse_date, received::parse_received};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = parse_received(&text);
    if let Some(date) = parsed.date_text {
        let _ = parse_date(&date);
    }
});
