//! Authentication and filtering along the path, end to end: the receiving
//! side's verdicts at the hop that wrote them, the filter's decision as
//! the end of the journey, in every format; claims below the boundary
//! listed and never counted. The samples run with the providers' stand-in
//! config (tests/fixtures/providers/config.toml), as in the golden tests.

use crate::support::{formats, sample, trace_path_with_providers};
use serde_json::Value;

fn run(format: &str, name: &str) -> String {
    let out = trace_path_with_providers()
        .args(["--color", "never", "-f", format])
        .arg(sample(name))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{name}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn report(name: &str) -> Value {
    serde_json::from_str(&run("json", name)).expect("JSON")
}

fn codes(r: &Value) -> Vec<String> {
    crate::support::codes(&r["findings"])
}

#[test]
fn microsoft_365_junk_with_its_scores_and_failures() {
    let r = report("m365-inbound-junk.eml");
    let a = &r["auth"];
    assert_eq!(a["spf"]["result"], "softfail");
    assert_eq!(a["spf"]["domain"], "news.smartdeals.example");
    assert_eq!(a["spf"]["client_ip"], "203.0.113.77");
    // Written above the entry hop (2), by the receiver of hop 3.
    assert_eq!(a["spf"]["hop"], 3);
    assert_eq!(a["dmarc"]["result"], "fail");
    assert_eq!(a["dmarc"]["from_domain"], "smartdeals.example");
    assert_eq!(a["dmarc"]["disposition"], "none");
    assert_eq!(a["compauth"]["result"], "fail");
    assert_eq!(a["compauth"]["reason"], "001");
    assert_eq!(a["filter"]["decision"], "junk");
    assert_eq!(a["filter"]["by"], "Microsoft 365");
    assert_eq!(
        a["filter"]["evidence"],
        "X-Microsoft-Antispam-Mailbox-Delivery: dest:J"
    );
    let summary = a["filter"]["summary"].as_str().unwrap();
    assert!(
        summary.contains("SCL 5") && summary.contains("SFV:SPM"),
        "{summary}"
    );
    assert_eq!(r["stop"]["kind"], "delivered");
    assert_eq!(r["stop"]["folder"], "junk");
    assert!(
        r["stop"]["advice"]
            .as_str()
            .unwrap()
            .contains("Junk folder")
    );
    let verdict = r["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with("Delivered to Junk by Microsoft 365 in 4 s over 5 hops; SCL 5"),
        "{verdict}"
    );
    assert!(
        verdict.contains("DMARC fail for smartdeals.example"),
        "{verdict}"
    );
    let codes = codes(&r);
    for code in ["spf-fail", "dmarc-fail", "filed-as-junk"] {
        assert!(codes.contains(&code.to_string()), "{code} in {codes:?}");
    }
    // Every Microsoft header counts: Exchange is on the receiving side.
    assert!(
        a["headers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["name"] != "DKIM-Signature")
            .all(|h| h["side"] == "receiver")
    );
}

#[test]
fn the_end_of_the_journey_reads_the_same_in_every_format() {
    for format in formats() {
        let out = run(&format, "m365-inbound-junk.eml");
        assert!(
            out.contains("Delivered to Junk by Microsoft 365"),
            "{format}: no verdict"
        );
        if format != "json" && format != "jsonl" {
            assert!(out.contains("dest:J"), "{format}: no evidence");
        }
    }
}

#[test]
fn inbox_quarantine_and_best_guess() {
    let inbox = report("m365-inbound-inbox.eml");
    assert_eq!(inbox["auth"]["filter"]["decision"], "inbox");
    assert_eq!(inbox["stop"]["folder"], "inbox");
    assert_eq!(inbox["auth"]["dmarc"]["result"], "pass");
    assert_eq!(inbox["auth"]["compauth"]["reason"], "100");
    assert!(!codes(&inbox).iter().any(|c| c.ends_with("-fail")));

    let phish = report("m365-quarantine-phish.eml");
    assert_eq!(phish["auth"]["filter"]["decision"], "quarantine");
    assert_eq!(phish["stop"]["folder"], "quarantine");
    assert!(codes(&phish).contains(&"quarantined".to_string()));
    assert!(
        phish["verdict"]
            .as_str()
            .unwrap()
            .starts_with("Quarantined by Microsoft 365")
    );

    let guess = report("m365-bestguesspass.eml");
    assert_eq!(guess["auth"]["dmarc"]["result"], "bestguesspass");
    assert_eq!(guess["auth"]["compauth"]["reason"], "109");
    assert!(!codes(&guess).contains(&"dmarc-fail".to_string()));
}

#[test]
fn a_list_that_broke_dkim_shows_on_the_arc_instance_that_saw_it_pass() {
    let r = report("gmail-list-arc.eml");
    let a = &r["auth"];
    assert_eq!(a["dkim"][0]["result"], "neutral");
    assert_eq!(a["dkim"][0]["domain"], "example.com");
    assert_eq!(a["dmarc"]["result"], "fail");
    assert_eq!(a["dmarc"]["policy"], "reject");
    assert_eq!(a["arc"]["result"], "pass");
    let first = &a["arc"]["instances"][0];
    assert_eq!(first["instance"], 1);
    assert_eq!(first["signer"], "lists.example.org");
    assert_eq!(first["cv"], "none");
    assert!(
        first["saw"]
            .as_array()
            .unwrap()
            .contains(&Value::from("dkim=pass"))
    );
    assert_eq!(a["arc"]["instances"][1]["cv"], "pass");
    // Gmail writes no spam header: the folder is not known.
    assert_eq!(a["filter"]["decision"], "unknown");
    assert_eq!(r["stop"]["folder"], Value::Null);
    assert!(codes(&r).contains(&"dkim-fail".to_string()));
    assert!(!codes(&r).contains(&"arc-broken".to_string()));
}

#[test]
fn spamassassin_and_rspamd_verdicts() {
    let sa = report("postfix-spamassassin-spam.eml");
    assert_eq!(sa["auth"]["filter"]["decision"], "junk");
    assert_eq!(sa["auth"]["filter"]["by"], "SpamAssassin");
    assert_eq!(
        sa["auth"]["filter"]["summary"],
        "SpamAssassin: score 9.3 / 5"
    );
    let rspamd = report("rspamd-mailcow.eml");
    assert_eq!(rspamd["auth"]["filter"]["decision"], "junk");
    assert_eq!(rspamd["auth"]["filter"]["by"], "Rspamd");
}

#[test]
fn a_gateway_in_front_explains_the_spf_result_of_the_server_behind_it() {
    let r = report("proofpoint-m365.eml");
    // Microsoft checked SPF against Proofpoint's address, inside the
    // organisation: not the sender's failure.
    assert_eq!(r["auth"]["spf"]["result"], "fail");
    assert_eq!(r["auth"]["spf"]["client_ip"], "203.0.113.201");
    assert!(!codes(&r).contains(&"spf-fail".to_string()));
    assert_eq!(r["trustworthy_hop"], 2);
}

#[test]
fn forged_pass_results_below_the_entry_change_nothing() {
    let r = report("forged-auth-below.eml");
    let a = &r["auth"];
    // The receiver's own results, above the entry hop (3).
    assert_eq!(a["spf"]["result"], "fail");
    assert_eq!(a["dmarc"]["result"], "fail");
    assert_eq!(a["spf"]["hop"], 3);
    // The forged pass-everything copy (with the receiver's own
    // authserv-id) and the forged Received-SPF sit below it: claims.
    let claims: Vec<&Value> = a["headers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["side"] == "claim")
        .collect();
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert!(
        claims
            .iter()
            .any(|h| h["raw"].as_str().unwrap().contains("dmarc=pass"))
    );
    let codes = codes(&r);
    assert!(codes.contains(&"auth-claim-below-boundary".to_string()));
    assert!(codes.contains(&"dmarc-fail".to_string()));
    // Without the forged headers the verdicts are the same.
    let text = std::fs::read_to_string(sample("forged-auth-below.eml")).unwrap();
    let mut kept = Vec::new();
    let mut skipping = false;
    for line in text.lines() {
        let forged = line.starts_with("Received-SPF: pass")
            || (line.starts_with("Authentication-Results:") && !line.contains("="));
        if forged {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with(char::is_whitespace) {
            continue;
        }
        skipping = false;
        kept.push(line);
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, (kept.join("\n") + "\n").as_bytes()).unwrap();
    let out = trace_path_with_providers()
        .args(["-f", "json"])
        .arg(file.path())
        .output()
        .unwrap();
    let without: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        without["auth"]["headers"].as_array().unwrap().len(),
        a["headers"].as_array().unwrap().len() - 2,
        "the two forged headers were taken out"
    );
    for key in ["spf", "dkim", "dmarc", "filter"] {
        assert_eq!(without["auth"][key], a[key], "{key}");
    }
    assert_eq!(without["trustworthy_hop"], r["trustworthy_hop"]);
}
