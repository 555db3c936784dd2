//! Every bundled sample against hop values worked out by hand from the
//! sample itself (not from the tool's output): sender, receiver, protocol,
//! time in UTC, signed delay, and the trustworthy hop.

use crate::support::{json_report, sample};
use serde_json::Value;

/// One hop, oldest first: `helo | rdns | ip | by host | with | HH:MM:SS | delay`.
/// `-` means none/null; the date is 2026-11-23 for every sample.
type Hops = &'static [&'static str];

/// Sample, trustworthy hop (`None`: originated inside), hops.
const EXPECTED: &[(&str, Option<usize>, Hops)] = &[
    (
        "postfix-relay.eml",
        Some(3),
        &[
            "[192.168.1.23] | - | 198.51.100.23 | smtp.example.org | ESMTPSA | 09:15:22 | -",
            "smtp.example.org | smtp.example.org | 192.0.2.25 | out1.example.org | ESMTPS | 09:15:23 | 1",
            "out1.example.org | out1.example.org | 192.0.2.30 | mx.example.com | ESMTPS | 09:15:25 | 2",
            "mx.example.com | - | 10.0.0.25 | imap.example.com | LMTP | 09:15:26 | 1",
        ],
    ),
    (
        "exim.eml",
        Some(3),
        &[
            "- | - | - | carol-laptop.home.example.org | LOCAL | 14:02:08 | -",
            "carol-laptop.home.example.org | - | 198.51.100.58 | smtp.example.org | ESMTPSA | 14:02:11 | 3",
            "smtp.example.org | mail.example.org | 192.0.2.77 | mx1.example.net | ESMTPS | 14:02:14 | 3",
        ],
    ),
    (
        "sendmail.eml",
        Some(4),
        &[
            "- | - | - | ws1.example.org | - | 15:01:36 | -",
            "ws1.example.org | localhost | 127.0.0.1 | ws1.example.org | ESMTP | 15:01:37 | 1",
            "ws1.example.org | ws1.example.org | 192.0.2.60 | relay.example.org | ESMTPSA | 15:01:39 | 2",
            "relay.example.org | relay.example.org | 192.0.2.61 | mx.example.com | ESMTPS | 15:01:41 | 2",
        ],
    ),
    (
        "qmail.eml",
        Some(2),
        &[
            "- | - | - | - | - | 08:30:09 | -",
            "mail.example.org | - | 198.51.100.7 | mx.example.com | SMTP | 08:30:12 | 3",
            "- | - | - | - | - | 08:30:12 | 0",
            "- | - | - | - | - | 08:30:14 | 2",
        ],
    ),
    (
        "office365.eml",
        Some(6),
        &[
            "am0pr02mb5678.eurprd02.prod.outlook.example | - | fe80::5a3c:1d2e:7f4b:9c0d | am0pr02mb5678.eurprd02.prod.outlook.example | MAPI | 15:20:05 | -",
            "am0pr02mb5678.eurprd02.prod.outlook.example | - | 2001:db8:10a6:208::15 | am0pr02mb5678.eurprd02.prod.outlook.example | ESMTPS | 15:20:06 | 1",
            "eur05-am6-obe.outbound.protection.outlook.example | - | 203.0.113.101 | bn2pepf00001234.mail.protection.outlook.example | ESMTPS | 15:20:08 | 2",
            "bn2pepf00001234.mail.protection.outlook.example | - | 2001:db8:10b6:408:fe:cafe:0:a1 | bn9pr03ca0123.namprd03.prod.outlook.example | ESMTPS | 15:20:09 | 1",
            "bn9pr03ca0123.namprd03.prod.outlook.example | - | 2001:db8:10b6:408:fe::8 | ch3pr01mb5678.namprd01.prod.outlook.example | ESMTPS | 15:20:10 | 1",
            "ch3pr01mb5678.namprd01.prod.outlook.example | - | 2001:db8:10b6:610:1ce::2a | sa1pr01mb9012.namprd01.prod.outlook.example | HTTPS | 15:20:11 | 1",
        ],
    ),
    (
        "gmail.eml",
        Some(1),
        &[
            "[192.168.1.23] | 198-51-100-23.dsl.example.net | 198.51.100.23 | smtp.google.example | ESMTPSA | 10:15:30 | -",
            "mail-sor-f41.google.example | mail-sor-f41.google.example | 198.51.100.41 | mx.google.example | SMTPS | 10:15:31 | 1",
            "- | - | - | - | SMTP | 10:15:32 | 1",
        ],
    ),
    (
        "yahoo.eml",
        Some(3),
        &[
            "- | - | - | hermes--production-gq1-5c57879fdf-x7k2p | ESMTPA | 09:40:10 | -",
            "sonic.gate.mail.ne1.yahoo.example | - | - | sonic317-39.consmr.mail.gq1.yahoo.example | HTTP | 09:40:12 | 2",
            "sonic317-39.consmr.mail.gq1.yahoo.example | sonic317-39.consmr.mail.gq1.yahoo.example | 203.0.113.165 | mx.example.net | ESMTPS | 09:40:14 | 2",
        ],
    ),
    (
        "amazon-ses.eml",
        Some(1),
        &[
            "a8-12.smtp-out.amazonses.example | a8-12.smtp-out.amazonses.example | 203.0.113.12 | mx.example.net | ESMTPS | 20:44:03 | -",
            "mx.example.net | - | - | mx.example.net | LMTP | 20:44:04 | 1",
        ],
    ),
    (
        "zimbra-amavis.eml",
        Some(2),
        &[
            "[192.168.178.20] | - | 198.51.100.77 | mail.example.org | ESMTPSA | 10:02:13 | -",
            "mail.example.org | mail.example.org | 192.0.2.44 | zimbra.example.com | ESMTPS | 10:02:16 | 3",
            "zimbra.example.com | - | 127.0.0.1 | localhost | ESMTP | 10:02:17 | 1",
            "localhost | localhost | 127.0.0.1 | zimbra.example.com | ESMTP | 10:02:18 | 1",
            "zimbra.example.com | zimbra.example.com | 127.0.0.1 | zimbra.example.com | LMTP | 10:02:19 | 1",
        ],
    ),
    (
        "courier.eml",
        Some(3),
        &[
            "[192.168.10.5] | pc-bob.office.example.org | 192.168.10.5 | mail.example.org | ESMTP | 09:12:01 | -",
            "mail.example.org | mail.example.org | 192.0.2.7 | courier.example.com | ESMTPSA | 09:12:03 | 2",
            "courier.example.com | courier.example.com | 192.0.2.8 | mx.example.com | ESMTPS | 09:12:05 | 2",
        ],
    ),
    (
        "mdaemon.eml",
        Some(2),
        &[
            "ws-uma | - | 192.168.1.50 | mail.example.org | ESMTPSA | 14:33:09 | -",
            "mail.example.org | - | 192.0.2.91 | mdaemon.example.com | ESMTPS | 14:33:12 | 3",
        ],
    ),
    (
        "lotus-domino.eml",
        Some(2),
        &[
            "gina-laptop.example.org | - | 198.51.100.31 | mail.example.org | ESMTPSA | 09:15:27 | -",
            "mail.example.org | - | 192.0.2.120 | notes.example.com | ESMTP | 09:15:30 | 3",
        ],
    ),
    (
        "proofpoint-gateway.eml",
        Some(4),
        &[
            "laptop-ivy.example.org | - | 198.51.100.144 | mail.example.org | ESMTPSA | 15:20:12 | -",
            "mail.example.org | mail.example.org | 192.0.2.150 | mx0a-00123401.pphosted.example | ESMTPS | 15:20:14 | 2",
            "pps.filterd | m0123456.ppops.example | 127.0.0.1 | mx0a-00123401.pphosted.example | SMTP | 15:20:14 | 0",
            "mx0a-00123401.pphosted.example | - | 203.0.113.201 | exch01.corp.example.com | ESMTPS | 15:20:16 | 2",
            "exch01.corp.example.com | - | 10.1.2.10 | exch02.corp.example.com | ESMTPS | 15:20:17 | 1",
            "exch02.corp.example.com | - | 10.1.2.11 | exch02.corp.example.com | ESMTPS | 15:20:18 | 1",
        ],
    ),
    (
        "mimecast-gateway.eml",
        Some(3),
        &[
            "[192.168.1.64] | - | 198.51.100.90 | mail.example.org | ESMTPSA | 09:45:09 | -",
            "mail.example.org | mail.example.org | 192.0.2.160 | relay.mimecast.example | ESMTPS | 09:45:12 | 3",
            "eu-smtp-delivery-151.mimecast.example | - | 198.51.100.151 | exch01.corp.example.com | ESMTPS | 09:45:14 | 2",
            "exch01.corp.example.com | - | 10.2.0.10 | exch01.corp.example.com | ESMTPS | 09:45:15 | 1",
        ],
    ),
    (
        "barracuda-gateway.eml",
        Some(2),
        &[
            "- | - | - | app1.example.org | - | 15:10:38 | -",
            "app1.example.org | app1.example.org | 192.0.2.170 | barracuda.example.com | ESMTP | 15:10:41 | 3",
            "barracuda.example.com | barracuda.example.com | 10.5.0.2 | mail.corp.example.com | ESMTPS | 15:10:43 | 2",
        ],
    ),
    (
        "webmail-http.eml",
        Some(3),
        &[
            "[198.51.100.23] | - | 198.51.100.23 | webmail.example.com | HTTP | 10:30:04 | -",
            "webmail.example.com | localhost | 127.0.0.1 | mail.example.com | ESMTPA | 10:30:05 | 1",
            "mail.example.com | mail.example.com | 192.0.2.180 | mx.example.net | ESMTPS | 10:30:07 | 2",
        ],
    ),
    (
        "forged-chain.eml",
        Some(3),
        &[
            "user | - | 198.51.100.201 | mail.example.com | ESMTP | 13:02:11 | -",
            "mail.example.com | mail.example.com | 10.34.7.19 | smtp-relay.bigmail.example | ESMTP | 13:02:13 | 2",
            "mail.example.com | - | 203.0.113.66 | mx.example.net | ESMTP | 13:04:51 | 158",
        ],
    ),
    (
        "clock-skew.eml",
        Some(2),
        &[
            "[192.168.0.40] | - | 198.51.100.140 | smtp.example.org | ESMTPSA | 13:25:10 | -",
            "smtp.example.org | smtp.example.org | 192.0.2.190 | mx1.example.net | ESMTPS | 13:22:20 | -170",
            "mx1.example.net | mx1.example.net | 192.0.2.201 | mbox.example.net | ESMTPS | 13:25:14 | 174",
            "mbox.example.net | - | - | mbox.example.net | LMTP | 13:25:15 | 1",
        ],
    ),
    (
        "ipv6-path.eml",
        Some(2),
        &[
            "[2001:db8:5:1:8d3:2e4f:61a0:9b7c] | - | 2001:db8:5:1:8d3:2e4f:61a0:9b7c | smtp.example.org | ESMTPSA | 17:05:41 | -",
            "smtp.example.org | smtp.example.org | 2001:db8:1::25 | mx1.example.net | ESMTPS | 17:05:43 | 2",
            "mx1.example.net | - | fd12:3456:789a:1::25 | imap.example.net | LMTP | 17:05:44 | 1",
        ],
    ),
    (
        "local-delivery.eml",
        None,
        &[
            "- | - | - | host.example.com | - | 02:00:01 | -",
            "- | - | - | host.example.com | - | 02:00:02 | 1",
        ],
    ),
    (
        "crlf-line-endings.eml",
        Some(2),
        &[
            "[192.168.0.31] | - | 198.51.100.120 | smtp.example.org | ESMTPSA | 10:05:19 | -",
            "smtp.example.org | smtp.example.org | 192.0.2.230 | mx.example.com | ESMTPS | 10:05:22 | 3",
            "mx.example.com | - | - | mx.example.com | LMTP | 10:05:23 | 1",
        ],
    ),
    (
        "headers-only.txt",
        Some(3),
        &[
            "localhost | localhost | - | ws.example.org | ESMTPA | 09:40:00 | -",
            "ws.example.org | ws.example.org | 192.0.2.210 | mail.example.org | ESMTPS | 09:40:01 | 1",
            "mail.example.org | mail.example.org | 192.0.2.211 | mx.example.com | ESMTPS | 09:40:03 | 2",
        ],
    ),
    (
        "odd-dates.eml",
        Some(3),
        &[
            "- | - | - | gw.example.org | - | 13:00:41 | -",
            "gw.example.org | gw.example.org | 192.0.2.220 | relay.example.org | SMTP | 13:01:00 | 19",
            "relay.example.org | relay.example.org | 192.0.2.221 | mx.example.com | ESMTP | 13:01:09 | 9",
            "mx.example.com | mx.example.com | 192.0.2.222 | store.example.com | ESMTP | 13:01:12 | 3",
            "store.example.com | store.example.com | 192.0.2.223 | archive.example.com | ESMTP | - | -",
            "archive.example.com | archive.example.com | 192.0.2.224 | imap.example.com | ESMTP | 13:01:20 | -",
        ],
    ),
];

fn text(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn row(hop: &Value) -> String {
    let time = match hop["timestamp"].as_str() {
        Some(t) => {
            assert!(t.starts_with("2026-11-23T") && t.ends_with('Z'), "{t}");
            t[11..19].to_string()
        }
        None => "-".to_string(),
    };
    [
        text(&hop["from"]["helo"]),
        text(&hop["from"]["rdns"]),
        text(&hop["from"]["ip"]),
        text(&hop["by"]["host"]),
        text(&hop["with"]),
        time,
        text(&hop["delay_seconds"]),
    ]
    .join(" | ")
}

#[test]
fn every_sample_traces_to_its_expected_hops() {
    let mut failures = Vec::new();
    for (name, trustworthy, hops) in EXPECTED {
        let report = json_report(&[sample(name).to_str().unwrap()]);
        let got: Vec<String> = report["hops"].as_array().unwrap().iter().map(row).collect();
        if got != *hops {
            failures.push(format!("{name}:\n  got  {got:#?}\n  want {hops:#?}"));
        }
        if report["trustworthy_hop"].as_u64() != trustworthy.map(|n| n as u64) {
            failures.push(format!(
                "{name}: trustworthy hop {} != {trustworthy:?}",
                report["trustworthy_hop"]
            ));
        }
        let marked = report["hops"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["trust"] == "trustworthy")
            .count();
        if marked != usize::from(trustworthy.is_some()) {
            failures.push(format!("{name}: {marked} hops marked trustworthy"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn trust_options_move_the_trustworthy_hop_as_documented() {
    for (name, trust, expected) in [
        // Trusting the outbound relay out1.example.org makes example.org the
        // receiving organisation: its verified smtp.example.org is walked
        // too, down to the submission.
        ("postfix-relay.eml", &["--trust", "out1.example.org"][..], 1),
        ("zimbra-amavis.eml", &["--trust", "mail.example.org"][..], 1),
        ("office365.eml", &["--trust", "2001:db8:10b6::/48"][..], 3),
        ("proofpoint-gateway.eml", &["--trust", "10.1.2.0/24"][..], 4),
        (
            "proofpoint-gateway.eml",
            &["--trust", "203.0.113.0/24"][..],
            2,
        ),
        // Exchange records only the gateway's HELO, from a public address:
        // a claim anyone connecting to the Exchange server could make, so
        // the gateway's name alone does not move the trustworthy hop.
        (
            "proofpoint-gateway.eml",
            &["--trust", "*.pphosted.example"][..],
            4,
        ),
        (
            "mimecast-gateway.eml",
            &["--trust", "198.51.100.151"][..],
            2,
        ),
    ] {
        let mut args: Vec<&str> = trust.to_vec();
        let path = sample(name);
        args.push(path.to_str().unwrap());
        let report = json_report(&args);
        assert_eq!(report["trustworthy_hop"], expected, "{name} with {trust:?}");
    }
}

#[test]
fn forged_chain_is_flagged_where_it_breaks() {
    let report = json_report(&[sample("forged-chain.eml").to_str().unwrap()]);
    let codes = |i: usize| -> Vec<String> {
        report["hops"][i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(1), ["private-address"]);
    assert_eq!(codes(2), ["chain-break"]);
    assert_eq!(report["hops"][2]["trust"], "trustworthy");
    assert_eq!(report["hops"][1]["trust"], "unverified");
}

#[test]
fn clock_skew_and_bad_dates_are_flagged_not_hidden() {
    let skew = json_report(&[sample("clock-skew.eml").to_str().unwrap()]);
    assert_eq!(skew["hops"][1]["findings"][0]["code"], "clock-skew");
    let odd = json_report(&[sample("odd-dates.eml").to_str().unwrap()]);
    let hop5 = &odd["hops"][4];
    assert_eq!(hop5["timestamp"], Value::Null);
    assert_eq!(hop5["timestamp_raw"], "Mon, 31 Nov 2026 25:61:00 +0100");
    assert_eq!(hop5["findings"][0]["code"], "invalid-date");
    assert_eq!(odd["hops"][0]["utc_offset_minutes"], -300);
}
