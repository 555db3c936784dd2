//! The outputs quoted in docs/reading-a-trace.md are the tool's real
//! outputs: a change in a format shows up here, so the guide stays true.

use crate::support::{stdout_of, trace_path};

fn output(args: &[&str]) -> String {
    stdout_of(
        trace_path()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--color", "never"])
            .args(args),
    )
}

/// The lines of `text` from the one starting with `from` up to (not
/// including) the blank line before the one starting with `to`.
fn section(text: &str, from: &str, to: &str) -> String {
    let start = text.find(from).expect("section start");
    let end = text[start..]
        .find(&format!("\n\n{to}"))
        .expect("section end");
    text[start..start + end].to_string()
}

#[test]
fn reading_a_trace_quotes_real_outputs() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/reading-a-trace.md"
    ))
    .unwrap();
    let table = output(&["samples/forged-chain.eml"]);
    assert!(
        doc.contains(table.trim_end()),
        "the table of forged-chain.eml"
    );
    let text = output(&["-f", "text", "samples/clock-skew.eml"]);
    let hops = section(&text, "Hops, oldest first", "Where it stopped");
    assert!(doc.contains(&hops), "the hops of clock-skew.eml");
    let redacted = output(&[
        "-f",
        "text",
        "--redact",
        "--trust",
        "*.example.com",
        "samples/postfix-relay.eml",
    ]);
    let summary = section(&redacted, "Summary", "Hops");
    assert!(doc.contains(&summary), "the redacted summary");
}
