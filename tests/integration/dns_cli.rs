//! DNS through the built binary, against a DNS server the test starts on
//! 127.0.0.1 (in a background thread while the binary runs): per-hop
//! verdicts end to end, the deadline with a silent server, and `--no-dns`
//! sending nothing at all.

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use crate::support::dns::dns_server::{SilentServer, TestServer};
use crate::support::dns::zones;
use crate::support::{codes, fixture, trace_path_online};
use serde_json::Value;

fn path_message() -> String {
    fixture("dns/path.eml").to_str().unwrap().to_string()
}

/// Runs the binary with DNS on (`--format FORMAT --resolver RESOLVER`
/// and `args`); the run must succeed. Returns its standard output.
fn stdout_with_dns<A: AsRef<OsStr>>(
    format: &str,
    resolver: &str,
    args: impl IntoIterator<Item = A>,
) -> Vec<u8> {
    let out = trace_path_online()
        .args(["--format", format, "--resolver", resolver])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs the binary with DNS on and returns the parsed JSON report.
fn json_with_dns(resolver: &str, extra: &[&str]) -> Value {
    let path = path_message();
    let args = extra.iter().copied().chain([path.as_str()]);
    serde_json::from_slice(&stdout_with_dns("json", resolver, args)).expect("valid JSON")
}

/// The hop whose sender IP is `ip`.
fn hop<'a>(report: &'a Value, ip: &str) -> &'a Value {
    report["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["from"]["ip"] == ip)
        .unwrap_or_else(|| panic!("no hop from {ip}"))
}

#[test]
fn every_hop_gets_its_dns_verdict() {
    let server = TestServer::start(zones::standard());
    let r = json_with_dns(&server.resolver_arg(), &[]);
    assert_eq!(r["hops"].as_array().unwrap().len(), 7);

    let top = hop(&r, "192.0.2.7");
    assert_eq!(top["trust"], "trustworthy");
    assert_eq!(top["dns"]["ptr"]["names"][0], "mail.example.org");
    assert_eq!(top["dns"]["fcrdns"]["result"], "pass");
    assert_eq!(top["dns"]["helo"]["matches_ip"], true);
    assert_eq!(top["dns"]["dnsbl"], Value::Array(vec![]));
    assert!(codes(&top["findings"]).is_empty(), "{}", top["findings"]);

    let liar = hop(&r, "192.0.2.30");
    assert_eq!(liar["dns"]["fcrdns"]["result"], "fail");
    assert_eq!(liar["dns"]["helo"]["cname"], "mail.example.org");
    let liar_codes = codes(&liar["findings"]);
    for code in ["fcrdns-fail", "helo-cname", "helo-mismatch"] {
        assert!(liar_codes.contains(&code.to_string()), "{liar_codes:?}");
    }

    let v6 = hop(&r, "2001:db8::25");
    assert_eq!(v6["dns"]["fcrdns"]["result"], "pass");

    let no_ptr = hop(&r, "192.0.2.50");
    assert_eq!(no_ptr["dns"]["ptr"]["status"], "nxdomain");
    assert_eq!(no_ptr["dns"]["fcrdns"]["result"], "no-ptr");
    assert_eq!(no_ptr["dns"]["helo"]["kind"], "not-fqdn");
    let c = codes(&no_ptr["findings"]);
    assert!(
        c.contains(&"no-ptr".into()) && c.contains(&"helo-not-fqdn".into()),
        "{c:?}"
    );

    let literal = hop(&r, "203.0.113.66");
    assert_eq!(
        literal["dns"]["ptr"]["broken"][0]["name"],
        "host-66-.example.com"
    );
    assert_eq!(literal["dns"]["helo"]["kind"], "address-literal");
    assert_eq!(literal["dns"]["helo"]["matches_ip"], false);
    let c = codes(&literal["findings"]);
    assert!(
        c.contains(&"ptr-broken".into()) && c.contains(&"helo-literal-mismatch".into()),
        "{c:?}"
    );

    let dotless = hop(&r, "192.0.2.40");
    assert_eq!(
        dotless["dns"]["ptr"]["names"][0],
        "mail.example.org.2.0.192.in-addr.arpa"
    );
    let c = codes(&dotless["findings"]);
    assert!(
        c.contains(&"ptr-broken".into()) && c.contains(&"helo-localhost".into()),
        "{c:?}"
    );

    let private = hop(&r, "10.0.0.5");
    assert!(
        private["dns"]["skipped"]
            .as_str()
            .unwrap()
            .starts_with("private"),
        "{}",
        private["dns"]
    );
    assert_eq!(private["dns"]["ptr"], Value::Null);

    let dns = &r["dns"];
    assert_eq!(dns["resolvers"][0], server.resolver_arg());
    assert_eq!(dns["deadline_seconds"], 3.0);
    assert_eq!(dns["deadline_passed"], false);
    assert!(dns["queries"].as_u64().unwrap() > 10);
    let mx = &dns["mx"];
    assert_eq!(mx["domain"], "example.net");
    assert_eq!(mx["source"], "for");
    assert_eq!(mx["kind"], "mx");
    assert_eq!(mx["hosts"][0]["host"], "mx1.example.net");
    assert_eq!(mx["hosts"][0]["preference"], 10);
    assert_eq!(mx["receiver"], "mx1.example.net");
    assert_eq!(mx["receiver_listed"], true);
    assert!(
        r["verdict"].as_str().unwrap().contains("FCrDNS ok"),
        "{}",
        r["verdict"]
    );
}

#[test]
fn dnsbl_through_the_command_line() {
    let server = TestServer::start(zones::standard());
    let r = json_with_dns(
        &server.resolver_arg(),
        &["--dnsbl", "bl.example.net", "--dnsbl-all"],
    );
    let top = hop(&r, "192.0.2.7");
    assert_eq!(top["dns"]["dnsbl"][0]["listed"], false);
    let liar = hop(&r, "192.0.2.30");
    let bl = &liar["dns"]["dnsbl"][0];
    assert_eq!(bl["zone"], "bl.example.net");
    assert_eq!(bl["query"], "30.2.0.192.bl.example.net");
    assert_eq!(bl["listed"], true);
    assert_eq!(bl["codes"][0], "127.0.0.2");
    assert!(bl["reason"].as_str().unwrap().starts_with("Listed:"));
    assert!(codes(&liar["findings"]).contains(&"dnsbl-listed".into()));
    let private = hop(&r, "10.0.0.5");
    assert_eq!(private["dns"]["dnsbl"], Value::Array(vec![]));
}

#[test]
fn the_table_shows_dns_marks_and_details() {
    let server = TestServer::start(zones::standard());
    let out = trace_path_online()
        .env("COLUMNS", "250")
        .args(["--color", "never", "--resolver", &server.resolver_arg()])
        .arg(path_message())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    for text in [
        "DNS",
        "PTR ✓",
        "FCrDNS ✓",
        "FCrDNS ✗",
        "PTR ✗ none",
        "PTR ✗ broken",
        "HELO ✗ not FQDN",
        "HELO · CNAME",
        "HELO ✗ localhost",
        "— skipped",
        "DNS (resolver 127.0.0.1:",
        "PTR mail.example.org → 192.0.2.7 (FCrDNS pass)",
        "skipped: private (RFC 1918) address",
        "recipient bob@example.net (for): MX 10 mx1.example.net, 20 mx2.example.net; mx1.example.net is one of them ✓",
    ] {
        assert!(table.contains(text), "missing {text:?} in\n{table}");
    }
}

#[test]
fn a_silent_resolver_costs_the_deadline_plus_a_small_margin() {
    let silent = SilentServer::start();
    let started = Instant::now();
    let out = trace_path_online()
        .args(["--format", "json", "--dns-timeout", "1"])
        .args(["--resolver", &silent.resolver_arg()])
        .arg(path_message())
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs");
    let took = started.elapsed();
    // A bound, not a speed test: deadline 1 s, margin for process start-up.
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).expect("report printed");
    assert_eq!(r["dns"]["deadline_passed"], true);
    assert_eq!(r["dns"]["mx"]["status"], "timeout");
    let top = hop(&r, "192.0.2.7");
    assert_eq!(top["dns"]["ptr"]["status"], "timeout");
    assert_eq!(top["dns"]["helo"]["status"], "timeout");
    assert!(codes(&top["findings"]).contains(&"dns-timeout".into()));
}

#[test]
fn no_dns_sends_no_packet_at_all() {
    let server = TestServer::start(zones::standard());
    let out = trace_path_online()
        .args(["--format", "json", "--no-dns"])
        .args(["--resolver", &server.resolver_arg()])
        .args(["--dnsbl", "bl.example.net"])
        .arg(path_message())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["dns"], Value::Null);
    assert!(
        r["hops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["dns"].is_null())
    );
    assert_eq!(server.queries(), 0, "--no-dns must send nothing");

    // The same run with DNS on reaches the server, so the count above means something.
    json_with_dns(&server.resolver_arg(), &[]);
    assert!(server.queries() > 0);
}

#[test]
fn dns_options_are_checked() {
    let message = path_message();
    for args in [
        vec!["--dns-timeout", "0"],
        vec!["--dns-timeout", "-2"],
        vec!["--dns-timeout", "soon"],
        vec!["--resolver", "dns.example.net"],
        vec!["--resolver", "192.0.2.53:99999"],
        vec!["--dnsbl", "bl_x.example.net"],
        vec!["--dnsbl-all"],
    ] {
        let out = trace_path_online()
            .args(&args)
            .arg(&message)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// A one-hop message from 198.51.100.`n` (no PTR in the test zones) to a
/// recipient at example.net.
fn one_hop_message(n: u8) -> String {
    format!(
        "Received: from client{n}.example.org (unknown [198.51.100.{n}])\n\
         \tby mx1.example.net (Postfix) with ESMTP id 4Bat{n:02}\n\
         \tfor <bob@example.net>; Mon, 23 Nov 2026 10:00:{n:02} +0000\n\
         From: Alice <alice@example.org>\n\
         To: Bob <bob@example.net>\n\
         Subject: Batch message {n}\n\
         Date: Mon, 23 Nov 2026 09:59:00 +0000\n\
         Message-ID: <batch-{n}@example.org>\n\n\
         Body {n}.\n"
    )
}

/// `(input name, hops' DNS, MX check)` of each report of a JSON Lines run.
fn dns_results(stdout: &[u8]) -> Vec<(String, Value, Value)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| {
            let r: Value = serde_json::from_str(line).expect("a JSON line");
            let dns: Vec<Value> = r["hops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["dns"].clone())
                .collect();
            let name = r["input"]["name"].as_str().unwrap().to_string();
            (name, Value::from(dns), r["dns"]["mx"].clone())
        })
        .collect()
}

fn run_jsonl(server: &TestServer, inputs: &[std::path::PathBuf]) -> Vec<(String, Value, Value)> {
    dns_results(&stdout_with_dns("jsonl", &server.resolver_arg(), inputs))
}

#[test]
fn a_batch_checks_several_messages_at_once_with_the_results_of_each_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = (21..=28u8)
        .map(|n| {
            let path = dir.path().join(format!("m{n}.eml"));
            std::fs::write(&path, one_hop_message(n)).unwrap();
            path
        })
        .collect();
    // Each answer waits, so questions from messages checked at the same
    // time are seen in flight together.
    let config = || crate::support::dns::dns_server::ServerConfig {
        delay: Duration::from_millis(150),
        ..zones::standard()
    };

    let mut alone = Vec::new();
    let mut most_questions_of_one = 0;
    for file in &files {
        let server = TestServer::start(config());
        alone.extend(run_jsonl(&server, std::slice::from_ref(file)));
        most_questions_of_one = most_questions_of_one.max(server.queries());
    }
    let server = TestServer::start(config());
    let batch = run_jsonl(&server, &files);

    assert_eq!(
        batch, alone,
        "a message's DNS results depend on being in a batch"
    );
    assert_eq!(batch.len(), 8);
    assert_eq!(batch[0].1[0]["ptr"]["status"], "nxdomain");
    assert_eq!(batch[0].2["hosts"][0]["host"], "mx1.example.net");
    // Checked one after another, the server could never hold more
    // questions at once than a single message asks in all.
    assert!(
        server.peak_in_flight() > most_questions_of_one,
        "peak {} questions in flight, one message asks at most {}",
        server.peak_in_flight(),
        most_questions_of_one
    );
}
