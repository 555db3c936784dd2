//! `--redact`: no original value of a redacted kind survives in any
//! format, and what support needs (public relays, codes, times) stays.

use crate::support::{fixture, formats, trace_path};

/// Local parts, recipients, the subject, the message-id, display names,
/// internal host names and addresses, and the `--trust` values.
const HIDDEN: [&str; 19] = [
    "dana.ross",
    "dana ross",
    "ops-team",
    "corp.example.com",
    "gw2.corp",
    "mbox1",
    "filter.corp",
    "10.20.0.5",
    "172.16.4.9",
    "172.16.0.0",
    "192.168.7.20",
    "erik",
    "Contract renewal",
    "Bluebird",
    "CAK7x",
    "9q=ZrT",
    "Erik Sender",
    "10.20.0.",
    "172.16.",
];

/// Public relays, the sender's domain, queue ids, times, protocols.
const KEPT: [&str; 8] = [
    "mail.sender.example",
    "192.0.2.44",
    "198.51.100.77",
    "sender.example",
    "5B6E7F",
    "2026-11-23",
    "ESMTPSA",
    "TLSv1.3",
];

fn redacted(format: &str) -> String {
    let out = trace_path()
        .args(["--color", "never", "--redact", "--format", format])
        .args([
            "--trust",
            "172.16.0.0/12",
            "--trust",
            "gw2.corp.example.com",
        ])
        .arg(fixture("redact/corp.eml"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // Undo each format's own escaping, so an escaped leak is still found.
    match format {
        "markdown" => text.replace('\\', ""),
        "html" => text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
        _ => text,
    }
}

#[test]
fn no_original_value_remains_in_any_format() {
    for format in formats() {
        let out = redacted(&format).to_lowercase();
        for hidden in HIDDEN {
            assert!(
                !out.contains(&hidden.to_lowercase()),
                "{format} output still contains {hidden:?}"
            );
        }
    }
}

#[test]
fn public_relays_codes_and_times_are_kept() {
    for format in formats() {
        let out = redacted(&format);
        for kept in KEPT {
            // The terminal table shows no queue ids (it has no raw headers).
            if format == "table" && kept == "5B6E7F" {
                continue;
            }
            assert!(out.contains(kept), "{format} output lost {kept:?}");
        }
    }
}

#[test]
fn tokens_are_stable_and_hops_stay_linkable() {
    let report: serde_json::Value = serde_json::from_str(&redacted("json")).unwrap();
    let hops = report["hops"].as_array().unwrap();
    // The host that received hop 3 is the one that sent hop 4: same token.
    assert_eq!(hops[2]["by"]["host"], hops[3]["from"]["helo"]);
    assert!(hops[3]["from"]["ip"].as_str().unwrap().starts_with("ip-"));
    assert!(
        hops[0]["for"]
            .as_str()
            .unwrap()
            .ends_with("@domain-1.example")
    );
    let fors: Vec<&str> = hops.iter().map(|h| h["for"].as_str().unwrap()).collect();
    assert!(fors.windows(2).all(|w| w[0] == w[1]), "{fors:?}");
    assert_eq!(report["options"]["redacted"], true);
    assert_eq!(report["message"]["subject"], "subject-1");
    assert_eq!(
        report["options"]["trusted"],
        serde_json::json!(["net-1", "host-1.example"])
    );
    // Two runs give the same bytes.
    assert_eq!(redacted("json"), redacted("json"));
}

#[test]
fn without_redact_nothing_is_replaced() {
    let out = trace_path()
        .args(["--format", "json"])
        .arg(fixture("redact/corp.eml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("dana.ross@corp.example.com"));
    assert!(!text.contains("host-1.example"));
}

#[test]
fn bounce_recipients_are_redacted_in_every_format() {
    for format in formats() {
        let out = trace_path()
            .args(["--color", "never", "--redact", "--format", &format])
            .arg(crate::support::sample("bounces/dsn-multi-recipient.eml"))
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap().replace('\\', "");
        for hidden in ["bob@", "carol@", "dave@", "@example.net", "@example.com"] {
            assert!(!text.contains(hidden), "{format} leaks {hidden}");
        }
        assert!(text.contains("5.2.2"), "{format} keeps status codes");
    }
}
