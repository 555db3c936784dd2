#![no_main]
//! The bounce readers on arbitrary text: the RFC 3464 field parser, the
//! plain-text bounce reader, the Amazon SES notification reader, the
//! pasted-notice reader and the SMTP reply splitters never panic.

use libfuzzer_sys::fuzz_target;
use trace_path::stop::{self, dsn, reply, ses, text};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let _ = dsn::parse(&input);
    let _ = reply::parse(&input);
    let _ = reply::quoted(&input);
    let _ = ses::parse(&input);
    let _ = stop::read_pasted_notice(data);
    let _ = text::read(
        &input,
        Some("Undelivered Mail Returned to Sender"),
        &[],
        &[],
    );
});
