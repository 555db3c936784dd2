//! Pasted text in the shapes people really paste must trace exactly like
//! the clean message it came from.

use crate::support::{fixture, json_report};
use serde_json::Value;

fn hops_of(name: &str) -> Value {
    let path = fixture(&format!("paste/{name}"));
    let report = json_report(&[path.to_str().unwrap()]);
    report["hops"].clone()
}

fn codes(report: &Value) -> Vec<String> {
    crate::support::codes(&report["findings"])
}

#[test]
fn every_paste_shape_traces_like_the_clean_message() {
    let clean = hops_of("clean.txt");
    assert!(
        clean.as_array().unwrap().len() >= 4,
        "clean sample has its hops"
    );
    for shape in [
        "crlf.txt",
        "quoted.txt",
        "double-quoted.txt",
        "leading-blank.txt",
        "no-body.txt",
        "no-separator.txt",
        "rewrapped.txt",
        "gmail-show-original.txt",
        "outlook-lost-folding.txt",
        "web-indented.txt",
        "web-nbsp-indented.txt",
        "thunderbird-source.txt",
        "apple-mail-raw-source.txt",
    ] {
        assert_eq!(
            hops_of(shape),
            clean,
            "{shape} traces differently from clean.txt"
        );
    }
}

#[test]
fn repairs_are_reported_and_clean_input_is_not_flagged() {
    let clean = json_report(&[fixture("paste/clean.txt").to_str().unwrap()]);
    assert!(!codes(&clean).contains(&"input-normalised".to_string()));
    let apple = json_report(&[fixture("paste/apple-mail-raw-source.txt").to_str().unwrap()]);
    assert!(
        !codes(&apple).contains(&"input-normalised".to_string()),
        "Apple Mail's raw source is a clean message"
    );
    let crlf = json_report(&[fixture("paste/crlf.txt").to_str().unwrap()]);
    assert!(
        !codes(&crlf).contains(&"input-normalised".to_string()),
        "CRLF is normal for .eml files"
    );
    for (shape, says) in [
        ("quoted.txt", "removed `>` quoting"),
        ("web-indented.txt", "removed indentation"),
        ("outlook-lost-folding.txt", "re-joined header lines"),
        ("no-separator.txt", "added the missing blank line"),
        ("gmail-show-original.txt", "skipped text before the headers"),
        ("web-nbsp-indented.txt", "non-breaking spaces"),
    ] {
        let report = json_report(&[fixture(&format!("paste/{shape}")).to_str().unwrap()]);
        let finding = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "input-normalised")
            .unwrap_or_else(|| panic!("{shape}: no input-normalised finding"));
        assert!(
            finding["message"].as_str().unwrap().contains(says),
            "{shape}: {finding}"
        );
    }
}

#[test]
fn paste_keeps_the_message_summary() {
    let clean = json_report(&[fixture("paste/clean.txt").to_str().unwrap()]);
    for shape in [
        "quoted.txt",
        "web-indented.txt",
        "gmail-show-original.txt",
        "outlook-lost-folding.txt",
        "thunderbird-source.txt",
        "apple-mail-raw-source.txt",
    ] {
        let report = json_report(&[fixture(&format!("paste/{shape}")).to_str().unwrap()]);
        assert_eq!(
            report["message"]["subject"], clean["message"]["subject"],
            "{shape}"
        );
        assert_eq!(
            report["message"]["message_id"], clean["message"]["message_id"],
            "{shape}"
        );
    }
}
