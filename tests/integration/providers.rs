//! The large providers' and gateways' layouts, traced without `--trust`:
//! the trustworthy hop is the entry into the provider (or into the
//! organisation's gateway), and every hop above it names its evidence.
//!
//! The samples use example names and documentation addresses, so they run
//! with tests/fixtures/providers/config.toml, which names stand-ins for the
//! providers exactly as a user adds an operator the built-in list does not
//! know (`[[provider]]` in the config file).

use crate::support::{PROVIDERS_CONFIG as CONFIG, sample, trace_path};
use serde_json::Value;

fn report(args: &[&str], name: &str, config: Option<&str>) -> Value {
    let mut cmd = trace_path();
    if let Some(config) = config {
        cmd.env("TRACE_PATH_CONFIG", config);
    }
    let out = cmd
        .args(["-f", "json"])
        .args(args)
        .arg(sample(name))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{name}: {out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// `hop:code` for every internal hop, newest first.
fn evidence(r: &Value) -> Vec<String> {
    r["hops"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .filter_map(|h| {
            let code = h["trust_evidence"]["code"].as_str()?;
            Some(format!("{}:{code}", h["number"]))
        })
        .collect()
}

#[test]
fn each_provider_layout_enters_where_an_expert_says() {
    // (sample, trustworthy hop, evidence of the hops above it, newest first)
    let cases: &[(&str, u64, &[&str])] = &[
        (
            "m365-inbound-inbox.eml",
            2,
            &[
                "5:provider-network",
                "4:provider-network",
                "3:provider-network",
            ],
        ),
        (
            "m365-inbound-junk.eml",
            2,
            &[
                "5:provider-network",
                "4:provider-network",
                "3:provider-network",
            ],
        ),
        (
            "m365-quarantine-phish.eml",
            1,
            &["3:provider-network", "2:provider-network"],
        ),
        (
            "m365-bestguesspass.eml",
            2,
            &[
                "5:provider-network",
                "4:provider-network",
                "3:provider-network",
            ],
        ),
        // Proofpoint is the organisation's MX: the message entered at it.
        (
            "proofpoint-m365.eml",
            2,
            &[
                "7:provider-network",
                "6:provider-network",
                "5:provider-network",
                "4:provider-network",
                "3:not-a-hand-off",
            ],
        ),
        (
            "mimecast-m365.eml",
            2,
            &[
                "6:provider-network",
                "5:provider-network",
                "4:provider-network",
                "3:provider-network",
            ],
        ),
        ("gmail-list-arc.eml", 4, &["5:not-a-hand-off"]),
        ("icloud-inbound.eml", 2, &["3:same-organisation"]),
        ("yahoo-inbound.eml", 2, &["3:private-network"]),
        (
            "fetchmail-mailbox.eml",
            2,
            &["5:not-a-hand-off", "4:not-a-hand-off", "3:not-a-hand-off"],
        ),
        (
            "qmail-scanner.eml",
            2,
            &["4:not-a-hand-off", "3:not-a-hand-off"],
        ),
        ("mailman-list.eml", 4, &["5:not-a-hand-off"]),
    ];
    let mut failures = Vec::new();
    for (name, trustworthy, walked) in cases {
        let r = report(&[], name, Some(CONFIG));
        if r["trustworthy_hop"] != *trustworthy {
            failures.push(format!(
                "{name}: trustworthy {} != {trustworthy}",
                r["trustworthy_hop"]
            ));
        }
        let got = evidence(&r);
        if got != *walked {
            failures.push(format!("{name}: evidence {got:?} != {walked:?}"));
        }
        let inferred = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "trust-inferred");
        let provider_walked = walked.iter().any(|w| w.ends_with("provider-network"));
        if provider_walked {
            let text = inferred.map_or("", |f| f["message"].as_str().unwrap());
            if !(text.contains("Microsoft 365") || text.contains("Proofpoint")) {
                failures.push(format!("{name}: trust-inferred names no provider: {text}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn without_the_provider_known_the_report_says_what_would_walk_on() {
    let r = report(&[], "m365-inbound-inbox.eml", None);
    // The top hop is Microsoft's internal HTTPS hop, named only by HELO on
    // a public address: not trusted, pointed out.
    assert_eq!(r["trustworthy_hop"], 5);
    let top = &r["hops"][4];
    assert_eq!(top["findings"][0]["code"], "trust-hint");
    // Naming the network walks the same hops the provider data does.
    let r = report(
        &["--trust", "2001:db8:10b6::/48"],
        "m365-inbound-inbox.eml",
        None,
    );
    assert_eq!(r["trustworthy_hop"], 2);
    assert_eq!(evidence(&r)[0], "5:trusted-relay");
}

#[test]
fn a_trusted_name_that_only_matches_helo_claims_says_why_it_does_not_count() {
    let r = report(
        &["--trust", "*.outlook.example"],
        "m365-inbound-inbox.eml",
        None,
    );
    // The top hop's client is the receiver below it (same address): it
    // is walked. Hop 4's client only claims an outlook.example name from
    // a public address, and the header below was written by a host under
    // another name: the walk stops there and says why, naming the network.
    assert_eq!(r["trustworthy_hop"], 4);
    assert_eq!(evidence(&r), ["5:trusted-relay"]);
    let hint = &r["hops"][3]["findings"][0];
    assert_eq!(hint["code"], "trust-hint");
    let text = hint["message"].as_str().unwrap();
    assert!(text.contains("--trust '*.outlook.example'"), "{text}");
    assert!(text.contains("--trust 2001:db8:10b6:a03::/64"), "{text}");
}

#[test]
fn forged_records_below_the_entry_change_nothing() {
    let r = report(&[], "forged-auth-below.eml", Some(CONFIG));
    // The forged Received-SPF below the entry names 192.0.2.200, a lower
    // hop's client: it must not move the boundary.
    assert_eq!(r["trustworthy_hop"], 3);
    assert_eq!(r["hops"][2]["from"]["ip"], "203.0.113.45");
    assert!(evidence(&r).is_empty(), "{:?}", evidence(&r));
}
