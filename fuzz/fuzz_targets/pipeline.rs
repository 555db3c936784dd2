#![no_main]
//! The whole pipeline on arbitrary bytes: a report or an input error, never
//! a panic; every format renders without control characters.

use chrono::DateTime;
use libfuzzer_sys::fuzz_target;
use trace_path::input::Input;
use trace_path::render::{self, Format, Style};
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

fuzz_target!(|data: &[u8]| {
    let options = TraceOptions {
        trusted: TrustedRelays::default(),
        now: DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
        redact: data.first().is_some_and(|b| b & 1 == 1),
        keep_signed: false,
    };
    let input = Input::new("fuzz", data.to_vec());
    let Ok(report) = trace(&input, &options) else { return };
    for &format in Format::all() {
        let mut out = Vec::new();
        render::renderer(format, Style::default())
            .render(std::slice::from_ref(&report), &mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
});
