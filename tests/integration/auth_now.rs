//! Authentication checked now (`auth.checked_now`), end to end: messages
//! signed in the test with keys it generates, a DNS server started by the
//! test serving the SPF, DMARC and DKIM key records, and the built binary
//! (or the library, where a limit has no option) asking it.
//!
//! The world: example.org signs (`ed` Ed25519, `rsa` RSA-2048; `revoked`
//! has an empty key, `nodata` has no TXT, `gone` does not exist), its SPF
//! allows 192.0.2.0/25 and includes _spf.example.com (203.0.113.0/24)
//! with `-all`; out.example.org (192.0.2.7) is its server and passes SPF
//! for its own name (`a -all`); lists.example.org soft-fails everything;
//! its DMARC record is `p=reject; sp=quarantine` with reports.
//! example.com has no SPF and no DMARC record; example.net receives
//! (`mx.example.net`).

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::dns::dns_server::{ServerConfig, SilentServer, TestServer};
use crate::support::dns::zones::zone;
use crate::support::signing::{self, Key};
use crate::support::trace_path_online;

const BODY: &str = "Hello Bob,\r\nthe quarterly report is attached.\r\n";

/// The message as the sender's server signs it.
fn original(from: &str) -> String {
    format!(
        "From: Alice <{from}>\r\nTo: bob@example.net\r\nSubject: quarterly report\r\n\
         Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <r1@example.org>\r\n\r\n{BODY}"
    )
}

/// `message` signed by example.org with `key` under `selector`.
fn signed(key: Key, selector: &str, message: &str) -> String {
    let signature = key.sign(message, "example.org", selector, None);
    format!("{}{message}", signing::header(&signature))
}

/// How the message reached the receiver: the envelope sender, and the
/// client's HELO and IP as mx.example.net recorded them.
struct Delivery<'a> {
    return_path: &'a str,
    helo: &'a str,
    ip: &'a str,
}

const FROM_OUT: Delivery = Delivery {
    return_path: "bounce@example.org",
    helo: "out.example.org",
    ip: "192.0.2.7",
};

/// The message as delivered: the receiver's Return-Path and Received
/// header on top of what was sent.
fn delivered(d: &Delivery, sent: &str) -> String {
    format!(
        "Return-Path: <{}>\r\nReceived: from {helo} ({helo} [{ip}])\r\n\
         \tby mx.example.net (Postfix) with ESMTPS id 4XyZ1\r\n\
         \tfor <bob@example.net>; Mon, 23 Nov 2026 10:00:05 +0000\r\n{sent}",
        d.return_path,
        helo = d.helo,
        ip = d.ip,
    )
}

fn zones() -> ServerConfig {
    ServerConfig {
        zones: vec![
            zone(
                "example.org.",
                &format!(
                    "@ IN TXT \"v=spf1 ip4:192.0.2.0/25 include:_spf.example.com -all\"
out IN A 192.0.2.7
out IN TXT \"v=spf1 a -all\"
lists IN TXT \"v=spf1 ~all\"
mail IN A 192.0.2.8
_dmarc IN TXT \"v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.org\"
ed._domainkey IN TXT {}
rsa._domainkey IN TXT {}
revoked._domainkey IN TXT \"v=DKIM1; k=rsa; p=\"
nodata._domainkey IN A 192.0.2.1
",
                    Key::Ed25519.zone_value(),
                    Key::Rsa.zone_value()
                ),
            ),
            zone(
                "example.com.",
                "_spf IN TXT \"v=spf1 ip4:203.0.113.0/24 -all\"\n",
            ),
            zone(
                "example.net.",
                "@ IN MX 10 mx.example.net.\nmx IN A 198.51.100.10\n",
            ),
            zone("2.0.192.in-addr.arpa.", "7 IN PTR out.example.org.\n"),
            zone("100.51.198.in-addr.arpa.", ""),
            zone("113.0.203.in-addr.arpa.", ""),
        ],
        ..ServerConfig::default()
    }
}

/// Runs the binary on `message` (standard input) with DNS asked of
/// `resolver`, and returns the JSON report.
fn report(resolver: &str, message: &str, extra: &[&str]) -> Value {
    let out = trace_path_online()
        .args(["--format", "json", "--resolver", resolver])
        .args(extra)
        .arg("-")
        .write_stdin(message.to_string())
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn codes(report: &Value) -> Vec<String> {
    crate::support::codes(&report["findings"])
}

fn finding<'a>(report: &'a Value, code: &str) -> &'a str {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .and_then(|f| f["message"].as_str())
        .unwrap_or_else(|| panic!("no {code} in {}", report["findings"]))
}

#[test]
fn signatures_spf_and_dmarc_pass_with_todays_records() {
    let server = TestServer::start(zones());
    let sent = signed(
        Key::Rsa,
        "rsa",
        &signed(Key::Ed25519, "ed", &original("alice@example.org")),
    );
    let r = report(&server.resolver_arg(), &delivered(&FROM_OUT, &sent), &[]);
    let now = &r["auth"]["checked_now"];

    let spf = &now["spf"];
    assert_eq!(spf["not_checked"], Value::Null);
    assert_eq!(spf["ip"], "192.0.2.7");
    assert_eq!(spf["hop"], 1);
    assert_eq!(spf["receiver"], "mx.example.net");
    assert_eq!(
        spf["mail_from"],
        serde_json::json!({"source": "return-path", "identity": "bounce@example.org",
            "domain": "example.org", "result": "pass", "note": null})
    );
    assert_eq!(
        spf["helo"],
        serde_json::json!({"source": "helo", "identity": "out.example.org",
            "domain": "out.example.org", "result": "pass", "note": null})
    );

    let dmarc = &now["dmarc"];
    assert_eq!(dmarc["status"], "found");
    assert_eq!(dmarc["from_domain"], "example.org");
    assert_eq!(dmarc["organisational_domain"], Value::Null);
    assert_eq!(
        dmarc["lookups"],
        serde_json::json!([{"name": "_dmarc.example.org", "status": "ok"}])
    );
    assert_eq!(
        dmarc["records"][0],
        "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.org"
    );
    assert_eq!(
        dmarc["record"],
        serde_json::json!({"name": "_dmarc.example.org", "organisational": false,
            "policy": "reject", "subdomain_policy": "quarantine", "applies": "reject",
            "adkim": "relaxed", "aspf": "relaxed", "reports": true, "testing": false})
    );

    let dkim = &now["dkim"];
    assert_eq!(dkim["not_checked"], Value::Null);
    assert_eq!(dkim["input_repaired"], false);
    let signatures = dkim["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 2);
    for (s, (selector, algorithm)) in signatures
        .iter()
        .zip([("rsa", "rsa-sha256"), ("ed", "ed25519-sha256")])
    {
        assert_eq!(s["domain"], "example.org");
        assert_eq!(s["selector"], selector);
        assert_eq!(s["algorithm"], algorithm);
        assert_eq!(s["key"], format!("{selector}._domainkey.example.org"));
        assert_eq!(s["key_status"], "ok");
        assert_eq!(s["expires"], Value::Null);
        assert_eq!(s["result"], "pass", "{s}");
        assert_eq!(s["cause"], "verified");
    }
    let c = codes(&r);
    for code in [
        "spf-fail-now",
        "dkim-fail-now",
        "dkim-unverifiable-now",
        "dmarc-record-missing",
    ] {
        assert!(!c.contains(&code.to_string()), "{c:?}");
    }
    // The checks' questions count with the report's: 6 for the hop and
    // the MX (PTR; A and AAAA of out.example.org; MX example.net, A and
    // AAAA of mx.example.net), 4 for SPF and DMARC, 2 for the DKIM keys
    // (`the_questions_of_each_check` has each alone). SPF's `a` asks for
    // the A record of out.example.org again, on its own: counted, and
    // usually answered by the resolver's cache without a packet.
    assert_eq!(r["dns"]["capped"], false);
    assert_eq!(r["dns"]["queries"], 12);
    assert!(
        (11..=12).contains(&server.queries()),
        "{}",
        server.queries()
    );
}

#[test]
fn a_message_saved_with_lf_line_ends_still_verifies() {
    let server = TestServer::start(zones());
    let sent = signed(Key::Ed25519, "ed", &original("alice@example.org"));
    let lf = delivered(&FROM_OUT, &sent).replace("\r\n", "\n");
    let r = report(&server.resolver_arg(), &lf, &[]);
    let s = &r["auth"]["checked_now"]["dkim"]["signatures"][0];
    assert_eq!(
        (&s["result"], &s["cause"]),
        (&"pass".into(), &"verified".into()),
        "{s}"
    );
}

#[test]
fn spf_now_follows_todays_records() {
    let server = TestServer::start(zones());
    let unsigned = original("alice@example.org");
    for (return_path, helo, ip, want, helo_want) in [
        // ip4: outside 192.0.2.0/25 and not in the include: -all.
        (
            "bounce@example.org",
            "relay.example.com",
            "198.51.100.99",
            "fail",
            "none",
        ),
        // ~all.
        (
            "news@lists.example.org",
            "relay.example.com",
            "198.51.100.99",
            "softfail",
            "none",
        ),
        // include:_spf.example.com matches.
        (
            "bounce@example.org",
            "relay.example.com",
            "203.0.113.9",
            "pass",
            "none",
        ),
        // example.com publishes no SPF record.
        (
            "alice@example.com",
            "relay.example.com",
            "198.51.100.99",
            "none",
            "none",
        ),
    ] {
        let d = Delivery {
            return_path,
            helo,
            ip,
        };
        let r = report(&server.resolver_arg(), &delivered(&d, &unsigned), &[]);
        let spf = &r["auth"]["checked_now"]["spf"];
        assert_eq!(spf["ip"], ip);
        assert_eq!(spf["mail_from"]["identity"], return_path);
        assert_eq!(spf["mail_from"]["result"], want, "{return_path} from {ip}");
        assert_eq!(spf["helo"]["result"], helo_want, "{helo}");
        let failed = codes(&r).contains(&"spf-fail-now".to_string());
        assert_eq!(
            failed,
            want == "fail" || want == "softfail",
            "{return_path}"
        );
        if failed {
            let text = finding(&r, "spf-fail-now");
            assert!(text.starts_with("Checked now: SPF"), "{text}");
            assert!(text.contains(ip), "{text}");
        }
        assert_eq!(
            r["auth"]["checked_now"]["dkim"]["not_checked"],
            "the message carries no DKIM signature"
        );
    }

    // The null sender (a bounce's `<>`) is checked as the HELO name.
    let null = Delivery {
        return_path: "",
        ..FROM_OUT
    };
    let r = report(&server.resolver_arg(), &delivered(&null, &unsigned), &[]);
    let mail_from = &r["auth"]["checked_now"]["spf"]["mail_from"];
    assert_eq!(mail_from["source"], "null-sender");
    assert_eq!(mail_from["identity"], "postmaster@out.example.org");
    assert_eq!(mail_from["domain"], "out.example.org");
    assert_eq!(mail_from["result"], "pass");
}

#[test]
fn dmarc_is_looked_for_at_the_organisational_domain_too() {
    let server = TestServer::start(zones());
    let r = report(
        &server.resolver_arg(),
        &delivered(&FROM_OUT, &original("alice@mail.example.org")),
        &[],
    );
    let dmarc = &r["auth"]["checked_now"]["dmarc"];
    assert_eq!(dmarc["from_domain"], "mail.example.org");
    assert_eq!(dmarc["organisational_domain"], "example.org");
    assert_eq!(
        dmarc["lookups"],
        serde_json::json!([
            {"name": "_dmarc.mail.example.org", "status": "nxdomain"},
            {"name": "_dmarc.example.org", "status": "ok"}
        ])
    );
    assert_eq!(dmarc["status"], "found");
    assert_eq!(dmarc["record"]["organisational"], true);
    // Below the domain that publishes it, the subdomain policy applies.
    assert_eq!(dmarc["record"]["applies"], "quarantine");

    let r = report(
        &server.resolver_arg(),
        &delivered(&FROM_OUT, &original("alice@example.com")),
        &[],
    );
    let dmarc = &r["auth"]["checked_now"]["dmarc"];
    assert_eq!(dmarc["status"], "none");
    assert_eq!(dmarc["record"], Value::Null);
    assert_eq!(
        dmarc["lookups"],
        serde_json::json!([{"name": "_dmarc.example.com", "status": "nxdomain"}])
    );
    let text = finding(&r, "dmarc-record-missing");
    assert!(
        text.starts_with("Checked now: example.com publishes no DMARC record today"),
        "{text}"
    );
}

/// The one signature of `message`, verified now against the test zones.
fn only_signature(server: &TestServer, message: &str) -> (Value, Value) {
    let r = report(&server.resolver_arg(), &delivered(&FROM_OUT, message), &[]);
    let signatures = r["auth"]["checked_now"]["dkim"]["signatures"].clone();
    assert_eq!(signatures.as_array().unwrap().len(), 1, "{signatures}");
    (signatures[0].clone(), r)
}

#[test]
fn each_dkim_failure_is_named() {
    let server = TestServer::start(zones());
    let sent = original("alice@example.org");
    let good = signed(Key::Ed25519, "ed", &sent);

    // A list footer: the body changed; the key is not even needed.
    let footer = good.replace("attached.\r\n", "attached.\r\n-- \r\nteam list\r\n");
    let (s, r) = only_signature(&server, &footer);
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("neutral"), Some("body-changed"))
    );
    assert_eq!(s["key_status"], Value::Null);
    assert!(s["explanation"].as_str().unwrap().contains("list footer"));
    assert!(finding(&r, "dkim-fail-now").contains("no longer matches the message"));

    // A subject tag: a signed header changed.
    let tagged = good.replace("Subject: quarterly", "Subject: [team] quarterly");
    let (s, r) = only_signature(&server, &tagged);
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("fail"), Some("headers-changed"))
    );
    assert_eq!(s["key_status"], "ok");
    assert!(codes(&r).contains(&"dkim-fail-now".to_string()));

    // The headers alone: nothing says the body changed.
    let headers_only = &good[..good.find("\r\n\r\n").unwrap() + 2];
    let (s, r) = only_signature(&server, headers_only);
    assert_eq!(s["cause"], "body-not-given");
    assert!(s["explanation"].as_str().unwrap().contains("not given"));
    assert!(!codes(&r).contains(&"dkim-fail-now".to_string()));

    // The selector is gone from the zone (rotated away).
    let (s, r) = only_signature(&server, &signed(Key::Ed25519, "gone", &sent));
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("permerror"), Some("key-not-published"))
    );
    assert_eq!(s["key"], "gone._domainkey.example.org");
    assert_eq!(s["key_status"], "nxdomain");
    assert!(
        s["explanation"]
            .as_str()
            .unwrap()
            .contains("the key is gone")
    );
    assert!(finding(&r, "dkim-unverifiable-now").contains("cannot be verified today"));

    // The name is there, without a TXT record.
    let (s, _) = only_signature(&server, &signed(Key::Ed25519, "nodata", &sent));
    assert_eq!(s["cause"], "key-not-published");
    assert_eq!(s["key_status"], "no-records");

    // The domain revoked the key (empty p=).
    let (s, r) = only_signature(&server, &signed(Key::Rsa, "revoked", &sent));
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("permerror"), Some("key-revoked"))
    );
    assert!(codes(&r).contains(&"dkim-unverifiable-now".to_string()));
}

#[test]
fn a_failing_lookup_is_a_dns_failure_never_a_missing_record() {
    let server = TestServer::start(ServerConfig {
        servfail: vec![
            "broken._domainkey.example.org.".into(),
            "_dmarc.example.com.".into(),
        ],
        ..zones()
    });
    let sent = signed(Key::Ed25519, "broken", &original("alice@example.com"));
    let (s, r) = only_signature(&server, &sent);
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("temperror"), Some("dns-failure"))
    );
    assert_eq!(s["key_status"], "servfail");
    assert!(
        s["explanation"]
            .as_str()
            .unwrap()
            .contains("server failure (SERVFAIL)")
    );
    let dmarc = &r["auth"]["checked_now"]["dmarc"];
    assert_eq!(dmarc["status"], "servfail");
    assert_eq!(
        dmarc["lookups"],
        serde_json::json!([{"name": "_dmarc.example.com", "status": "servfail"}])
    );
    let c = codes(&r);
    assert!(!c.contains(&"dmarc-record-missing".to_string()), "{c:?}");
    assert!(!c.contains(&"dkim-unverifiable-now".to_string()), "{c:?}");
    assert!(c.contains(&"dns-error".to_string()), "{c:?}");
}

#[test]
fn an_expired_signature_is_named_without_asking_for_its_key() {
    let server = TestServer::start(zones());
    let signature = Key::Ed25519.sign(&original("alice@example.org"), "example.org", "ed", Some(1));
    // A real signature, valid for one second: wait until it has expired.
    while std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        <= signature.x
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let message = format!(
        "{}{}",
        signing::header(&signature),
        original("alice@example.org")
    );
    let (s, r) = only_signature(&server, &message);
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("neutral"), Some("expired"))
    );
    assert_eq!(s["key_status"], Value::Null);
    let expires = chrono::DateTime::from_timestamp(signature.x as i64, 0).unwrap();
    assert_eq!(s["expires"], trace_path::model::format_utc(&expires));
    assert!(s["explanation"].as_str().unwrap().contains("expired at"));
    assert!(finding(&r, "dkim-unverifiable-now").contains("says nothing about the message"));
}

#[test]
fn a_returned_copy_in_a_bounce_is_not_verified() {
    let server = TestServer::start(zones());
    let returned = delivered(
        &FROM_OUT,
        &signed(Key::Ed25519, "ed", &original("alice@example.org")),
    );
    let bounce = format!(
        "Received: from mx.example.net (mx.example.net [198.51.100.10])\r\n\
         \tby mail.example.org (Postfix) with ESMTP id 9B; Mon, 23 Nov 2026 10:01:00 +0000\r\n\
         From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n\
         To: bounce@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n\
         Date: Mon, 23 Nov 2026 10:01:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n\
         --b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n\
         Final-Recipient: rfc822; bob@example.net\r\nAction: failed\r\nStatus: 5.2.2\r\n\
         Diagnostic-Code: smtp; 552 5.2.2 mailbox full\r\n\r\n\
         --b\r\nContent-Type: message/rfc822\r\n\r\n{returned}\r\n--b--\r\n"
    );
    let r = report(&server.resolver_arg(), &bounce, &[]);
    assert_eq!(r["stop"]["kind"], "bounced");
    let now = &r["auth"]["checked_now"];
    let why = now["dkim"]["not_checked"].as_str().unwrap();
    assert!(why.starts_with("a returned copy inside a bounce"), "{why}");
    assert_eq!(now["dkim"]["signatures"], serde_json::json!([]));
    // The returned message's own path and From are still checked.
    assert_eq!(now["spf"]["ip"], "192.0.2.7");
    assert_eq!(now["spf"]["mail_from"]["result"], "pass");
    assert_eq!(now["dmarc"]["from_domain"], "example.org");
}

#[test]
fn a_silent_resolver_stops_every_check_at_the_deadline() {
    let silent = SilentServer::start();
    let sent = signed(Key::Ed25519, "ed", &original("alice@example.org"));
    let started = Instant::now();
    let r = report(
        &silent.resolver_arg(),
        &delivered(&FROM_OUT, &sent),
        &["--dns-timeout", "1"],
    );
    // A bound, not a speed test: deadline 1 s, margin for process start-up.
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(r["dns"]["deadline_passed"], true);
    let now = &r["auth"]["checked_now"];
    assert_eq!(now["spf"]["mail_from"]["result"], "timeout");
    assert_eq!(now["spf"]["helo"]["result"], "timeout");
    assert_eq!(now["dmarc"]["status"], "timeout");
    assert_eq!(
        now["dmarc"]["lookups"],
        serde_json::json!([{"name": "_dmarc.example.org", "status": "timeout"}])
    );
    let s = &now["dkim"]["signatures"][0];
    assert_eq!(
        (s["result"].as_str(), s["cause"].as_str()),
        (Some("timeout"), Some("not-finished"))
    );
    assert_eq!(s["key_status"], "timeout");
    // Never a result it did not reach.
    assert!(
        !codes(&r).iter().any(|c| c.ends_with("-now")),
        "{:?}",
        codes(&r)
    );
    assert!(codes(&r).contains(&"dns-timeout".to_string()));
}

#[test]
fn no_dns_sends_nothing_for_a_signed_message() {
    let server = TestServer::start(zones());
    let message = delivered(
        &FROM_OUT,
        &signed(Key::Ed25519, "ed", &original("alice@example.org")),
    );
    let r = report(&server.resolver_arg(), &message, &["--no-dns"]);
    assert_eq!(r["auth"]["checked_now"], Value::Null);
    assert_eq!(r["dns"], Value::Null);
    assert_eq!(server.queries(), 0, "--no-dns must send nothing");

    // The same message with DNS on reaches the server.
    let r = report(&server.resolver_arg(), &message, &[]);
    assert_eq!(
        r["auth"]["checked_now"]["dkim"]["signatures"][0]["result"],
        "pass"
    );
    assert!(server.queries() > 0);
}

mod library {
    //! Where the command line has no option: the question cap, and the
    //! questions each check costs.

    use std::sync::Arc;
    use std::time::Duration;

    use mail_auth::MessageAuthenticator;
    use proptest::prelude::*;
    use trace_path::dns::auth_now::{self, AuthPlan};
    use trace_path::dns::resolver::{self, Engine, Limits, ResolverAddr};
    use trace_path::dns::{DnsOptions, check_report};
    use trace_path::input::Input;
    use trace_path::model::{DkimCause, DkimNowResult, DmarcNowStatus, Report, SpfNowResult};

    use super::*;

    fn analysed(message: &str) -> Report {
        let options = trace_path::TraceOptions {
            trusted: Default::default(),
            now: chrono::DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
            redact: false,
            keep_signed: true,
        };
        trace_path::analyse(&Input::new("m.eml", message.as_bytes().to_vec()), &options)
            .expect("traced")
    }

    fn options(server: &TestServer, total: usize) -> DnsOptions {
        DnsOptions {
            limits: Limits {
                in_flight: 8,
                total,
            },
            ..server.dns_options()
        }
    }

    #[test]
    fn at_the_question_cap_every_check_says_capped_and_nothing_is_sent() {
        let server = TestServer::start(zones());
        let sent = original("alice@example.org");
        let good = Key::Ed25519.sign(&sent, "example.org", "ed", None);
        let mut expired = good.clone();
        // Expiry is read before any key is needed: a cap changes nothing.
        expired.t -= 7200;
        expired.x = expired.t + 60;
        let message = delivered(
            &FROM_OUT,
            &format!(
                "{}{}{sent}",
                signing::header(&good),
                signing::header(&expired)
            ),
        );
        let mut r = analysed(&message);
        check_report(&mut r, &options(&server, 0));

        let dns = r.dns.as_ref().unwrap();
        assert!(dns.capped);
        assert_eq!(dns.queries, 0);
        assert_eq!(server.queries(), 0);
        let now = r.auth.checked_now.as_ref().unwrap();
        let spf = &now.spf;
        assert_eq!(spf.mail_from.as_ref().unwrap().result, SpfNowResult::Capped);
        assert_eq!(spf.helo.as_ref().unwrap().result, SpfNowResult::Capped);
        assert_eq!(now.dmarc.status, Some(DmarcNowStatus::Capped));
        let [first, second] = now.dkim.signatures.as_slice() else {
            panic!("{:?}", now.dkim)
        };
        assert_eq!(
            (first.result, first.cause),
            (DkimNowResult::Capped, DkimCause::NotFinished)
        );
        assert_eq!(
            (second.result, second.cause),
            (DkimNowResult::Neutral, DkimCause::Expired)
        );
        assert!(
            r.findings
                .iter()
                .any(|f| f.message.starts_with("Checked now: SPF for example.org could not be evaluated: not finished: the report's query cap")),
            "{:?}",
            r.findings
        );
    }

    /// A tag of a DKIM-Signature, well-formed or not.
    fn tag() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("v=1".to_string()),
            Just("a=rsa-sha256".to_string()),
            Just("a=ed25519-sha256".to_string()),
            Just("c=relaxed/simple".to_string()),
            Just("d=example.org".to_string()),
            Just("s=ed".to_string()),
            Just("h=From:To".to_string()),
            Just("i=@example.org".to_string()),
            Just("bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=".to_string()),
            "b=[A-Za-z0-9+/=]{0,40}",
            "[xtl]=[0-9]{0,22}",
            "[a-z]{1,3}=[ -:<-~]{0,20}",
            "[ -~]{0,30}",
        ]
    }

    proptest! {
        #![proptest_config(crate::support::proptest_config(64))]

        /// Whatever a signature holds, verifying it now gives it one
        /// entry with a cause, and never panics. The cap is 0: nothing is
        /// sent, every stage still runs.
        #[test]
        fn any_signature_is_read_without_panic(
            tags in proptest::collection::vec(tag(), 0..12),
            body in "[ -~\r\n]{0,120}",
        ) {
            let sent = format!("From: a@example.org\r\nTo: b@example.net\r\n\r\n{body}");
            let header = format!("DKIM-Signature: {}\r\n", tags.join("; "));
            let mut r = analysed(&delivered(&FROM_OUT, &format!("{header}{sent}")));
            let mut opts = DnsOptions {
                resolvers: vec!["127.0.0.1:9".parse().unwrap()],
                ..DnsOptions::default()
            };
            opts.limits.total = 0;
            check_report(&mut r, &opts);
            let now = r.auth.checked_now.as_ref().unwrap();
            prop_assert_eq!(now.dkim.not_checked.as_deref(), None);
            prop_assert_eq!(now.dkim.signatures.len(), 1, "{:?}", tags);
            prop_assert_eq!(r.dns.as_ref().unwrap().queries, 0);
            crate::support::assert_renders_safely(&r);
        }
    }

    /// The questions one plan's checks ask, on a fresh resolver: what the
    /// engine counts and what the server received.
    fn questions(server: &TestServer, message: &str) -> (usize, usize) {
        let report = analysed(message);
        let plan = AuthPlan::of(&report).expect("something to check");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let before = server.queries();
        let asked = runtime.block_on(async {
            let addr = server.resolver_arg().parse::<ResolverAddr>().unwrap();
            let resolver = resolver::build(&[addr], Duration::from_secs(3)).unwrap();
            let engine = Engine::new(
                resolver.clone(),
                tokio::time::Instant::now() + Duration::from_secs(3),
                Limits::default(),
                Arc::new(tokio::sync::Semaphore::new(8)),
            );
            let now = auth_now::check(&engine, &MessageAuthenticator(resolver), &plan).await;
            assert_eq!(now.spf.mail_from.unwrap().result, SpfNowResult::Pass);
            engine.asked()
        });
        (asked, server.queries() - before)
    }

    #[test]
    fn the_questions_of_each_check() {
        let server = TestServer::start(zones());
        let sent = original("alice@example.org");
        // SPF: TXT example.org (ip4 matches before the include); HELO: TXT
        // and A out.example.org. DMARC: TXT _dmarc.example.org.
        assert_eq!(questions(&server, &delivered(&FROM_OUT, &sent)), (4, 4));
        // DKIM: one TXT per key.
        let two = signed(Key::Rsa, "rsa", &signed(Key::Ed25519, "ed", &sent));
        assert_eq!(questions(&server, &delivered(&FROM_OUT, &two)), (6, 6));
        // include: costs one more TXT.
        let via = Delivery {
            ip: "203.0.113.9",
            helo: "out.example.org",
            ..FROM_OUT
        };
        // The HELO check fails there (out.example.org is 192.0.2.7) but asks the same.
        assert_eq!(questions(&server, &delivered(&via, &sent)), (5, 5));
    }
}

/// Runs the binary on `message` with DNS on, in `format`.
fn rendered(server: &TestServer, message: &str, format: &str) -> String {
    let out = trace_path_online()
        .env("COLUMNS", "200")
        .args(["--color", "never", "--format", format])
        .args(["--resolver", &server.resolver_arg(), "-"])
        .write_stdin(message.to_string())
        .output()
        .expect("runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_format_labels_the_checks_as_done_now() {
    let server = TestServer::start(zones());
    let message = delivered(
        &FROM_OUT,
        &signed(Key::Ed25519, "ed", &original("alice@example.org")),
    );
    let table = rendered(&server, &message, "table");
    assert!(
        table.contains(
            "Checked now: SPF pass (example.org, 192.0.2.7) · HELO pass · DMARC p=reject · DKIM example.org pass\n"
        ),
        "{table}"
    );
    let markdown = rendered(&server, &message, "markdown");
    for line in [
        "### Checked now (today's DNS, not what the receiver saw)",
        "- **SPF now:** pass for example.org (bounce@example.org, from the Return-Path) and IP 192.0.2.7 (hop 1)",
        "- **SPF now (HELO):** pass for out.example.org (the HELO name)",
        "- **DMARC now:** example.org publishes policy reject (\\_dmarc.example.org: p=reject, sp=quarantine, adkim relaxed, aspf relaxed, aggregate reports requested)",
        "- **DKIM now:** pass for example.org (selector ed): verified with today's key: the signed headers and body are as example.org signed them",
    ] {
        assert!(markdown.contains(line), "missing {line:?} in\n{markdown}");
    }
    let text = rendered(&server, &message, "text");
    assert!(
        text.contains("Checked now (today's DNS, not what the receiver saw):\nSPF now:"),
        "{text}"
    );
    let html = rendered(&server, &message, "html");
    assert!(
        html.contains("<h3 class=\"\">Checked now (today's DNS, not what the receiver saw)</h3>")
    );
    assert!(html.contains("<dt>DKIM now</dt><dd>pass for example.org (selector ed)"));
}

#[test]
fn redaction_hides_addresses_and_own_hosts_and_keeps_results() {
    let server = TestServer::start(zones());
    let message = delivered(
        &FROM_OUT,
        &signed(Key::Ed25519, "ed", &original("alice@example.org")),
    );
    let r = report(&server.resolver_arg(), &message, &["--redact"]);
    let now = &r["auth"]["checked_now"];
    let identity = now["spf"]["mail_from"]["identity"].as_str().unwrap();
    assert!(
        identity.starts_with("user-") && identity.ends_with("@example.org"),
        "{identity}"
    );
    // The receiving host is the user's own.
    assert!(
        now["spf"]["receiver"]
            .as_str()
            .unwrap()
            .starts_with("host-")
    );
    assert_eq!(now["spf"]["mail_from"]["result"], "pass");
    assert_eq!(now["dmarc"]["record"]["policy"], "reject");
    let record = now["dmarc"]["records"][0].as_str().unwrap();
    assert!(!record.contains("dmarc@example.org"), "{record}");
    assert_eq!(now["dkim"]["signatures"][0]["result"], "pass");
    let json = r.to_string();
    assert!(!json.contains("bounce@example.org") && !json.contains("mx.example.net"));
}

#[test]
fn hostile_signatures_are_named_unreadable_never_a_panic() {
    let server = TestServer::start(zones());
    let sent = original("alice@example.org");
    for (signature, cause) in [
        // No d=: mail-auth drops it without a result; it is reported anyway.
        (
            "v=1; a=ed25519-sha256; s=ed; h=From; bh=AAAA; b=AAAA",
            "unreadable",
        ),
        (
            "v=1; a=rsa-sha256; d=example.org; s=ed; h=From; bh=@@@; b=!!!",
            "unreadable",
        ),
        ("garbage without any tag", "unreadable"),
        // A domain no resolver should see.
        (
            "v=1; a=ed25519-sha256; d=exa mple..org; s=ed; h=From; bh=AAAA; b=AAAA",
            "unreadable",
        ),
        (
            "v=1; a=ed25519-sha256; d=example.org; s=ed; l=5; h=From; bh=AAAA; b=AAAA",
            "unsupported",
        ),
        (
            "v=9; a=ed25519-sha256; d=example.org; s=ed; h=From; bh=AAAA; b=AAAA",
            "unsupported",
        ),
    ] {
        let message = delivered(&FROM_OUT, &format!("DKIM-Signature: {signature}\r\n{sent}"));
        let r = report(&server.resolver_arg(), &message, &[]);
        let signatures = r["auth"]["checked_now"]["dkim"]["signatures"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(signatures.len(), 1, "{signature}: {signatures:?}");
        assert_eq!(signatures[0]["cause"], cause, "{signature}");
        assert_ne!(signatures[0]["key_status"], "ok");
        // No key was asked for: the hop and MX (6), SPF (3) and DMARC (1).
        assert_eq!(r["dns"]["queries"], 10, "{signature}");
    }
    // Bytes that are no text in a signature, and a signature alone.
    let mut bytes = delivered(&FROM_OUT, "").into_bytes();
    bytes.extend_from_slice(b"DKIM-Signature: v=1; d=\xff\xfe; s=\x00\r\n\r\n");
    let out = trace_path_online()
        .args([
            "--format",
            "json",
            "--resolver",
            &server.resolver_arg(),
            "-",
        ])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
