//! Reports built by hand for the DNS tests: senders as a receiver would
//! record them, in hops received by a given host, the top one trustworthy
//! (as `trace` makes them).

#![allow(dead_code)]

use trace_path::chain::received::Received;
use trace_path::input::Input;
use trace_path::model::Hop;
use trace_path::model::MessageSummary;
use trace_path::model::ParseQuality;
use trace_path::model::Trust;
use trace_path::model::{Disposition, Stop};
use trace_path::model::{InputInfo, Report, ReportOptions, SCHEMA_VERSION, Tool};

/// A sender as a receiver would record it.
pub struct Client<'a> {
    pub helo: Option<&'a str>,
    pub rdns: Option<&'a str>,
    pub ip: Option<&'a str>,
}

pub fn sender<'a>(helo: &'a str, ip: &'a str) -> Client<'a> {
    Client {
        helo: Some(helo),
        rdns: None,
        ip: Some(ip),
    }
}

pub fn no_helo(ip: &str) -> Client<'_> {
    Client {
        helo: None,
        rdns: None,
        ip: Some(ip),
    }
}

/// One hop from `from`, received by `by` over ESMTP.
pub fn hop(number: usize, from: &Client, by: &str) -> Hop {
    let received = Received {
        helo: from.helo.map(String::from),
        rdns: from.rdns.map(String::from),
        ip: from.ip.map(|ip| ip.parse().expect("test IP")),
        ip_zone: None,
        may_be_forged: false,
        ident: None,
        by_host: Some(by.to_string()),
        by_ip: None,
        via: None,
        with: Some("ESMTP".to_string()),
        id: None,
        for_addr: None,
        envelope_from: None,
        auth: None,
        tls: None,
        date_text: None,
        date: None,
        quality: ParseQuality::Full,
    };
    trace_path::chain::hop_of(number, 0, String::new(), received)
}

/// A one-hop report, the hop trustworthy, received by `by`.
pub fn one_hop(from: &Client, to: Option<&str>, by: &str) -> Report {
    report(std::slice::from_ref(from), to, by)
}

/// A report of one hop per sender (oldest first), each received by `by`;
/// the top hop trustworthy, the rest unverified.
pub fn report(senders: &[Client], to: Option<&str>, by: &str) -> Report {
    let count = senders.len();
    let mut hops: Vec<Hop> = senders
        .iter()
        .enumerate()
        .map(|(i, s)| hop(i + 1, s, by))
        .collect();
    for (i, h) in hops.iter_mut().enumerate() {
        h.header_index = count - 1 - i;
        h.trust = if i + 1 == count {
            Trust::Trustworthy
        } else {
            Trust::Unverified
        };
    }
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::default(),
        input: InputInfo::of("test", None, &[]),
        options: ReportOptions::default(),
        message: MessageSummary {
            to: to.map(String::from),
            ..MessageSummary::default()
        },
        hops,
        trustworthy_hop: (count > 0).then_some(count),
        total_transit_seconds: None,
        stop: Stop::for_message(count, Disposition::Unknown),
        auth: Default::default(),
        findings: Vec::new(),
        dns: None,
        verdict: String::new(),
        generated_at: chrono::Utc::now(),
        traced: Default::default(),
    }
}

/// A DSN written by `reporter` for `recipient`, refused by `remote`, as a
/// mail server writes it, traced (returned headers included).
pub fn bounce(reporter: &str, recipient: &str, remote: &str) -> Report {
    let text = format!(
        "Received: from {reporter} ({reporter} [192.0.2.7]) by mx.example.org (Postfix) with ESMTP id 1A; Mon, 23 Nov 2026 10:00:05 +0000\n\
         From: Mail Delivery System <MAILER-DAEMON@{reporter}>\n\
         To: alice@example.org\n\
         Subject: Undelivered Mail Returned to Sender\n\
         Date: Mon, 23 Nov 2026 10:00:05 +0000\n\
         MIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n\
         --b\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n\
         --b\nContent-Type: message/delivery-status\n\n\
         Reporting-MTA: dns; {reporter}\n\n\
         Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.1.1\n\
         Remote-MTA: dns; {remote}\nDiagnostic-Code: smtp; 550 5.1.1 <{recipient}>: User unknown\n\n\
         --b\nContent-Type: text/rfc822-headers\n\n\
         Received: from [198.51.100.23] by {reporter} with ESMTPSA id 1B; Mon, 23 Nov 2026 10:00:01 +0000\n\
         From: alice@example.org\nTo: someone-else@example.com\nSubject: hello\n\n--b--\n"
    );
    let options = trace_path::TraceOptions {
        trusted: Default::default(),
        now: chrono::DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
        redact: false,
        keep_signed: false,
    };
    trace_path::trace(&Input::new("bounce.eml", text.into_bytes()), &options).expect("traced")
}
