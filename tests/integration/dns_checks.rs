//! Each DNS check's verdict, through the library, against a real DNS
//! server started by the test on 127.0.0.1 (see
//! tests/integration/support/dns/zones.rs for the data). No test touches
//! the internet or the system resolver.

use std::net::IpAddr;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use trace_path::dns::{DnsChecker, DnsOptions, Limits, ResolverAddr, check_report};
use trace_path::host::HostName;
use trace_path::model::Report;
use trace_path::model::{Fcrdns, HeloKind, LookupStatus, MxKind, RecipientSource};
use trace_path::model::{FindingCode, HopDns};

use crate::support::dns::dns_server::{ServerConfig, SilentServer, TestServer};
use crate::support::dns::reports::{self, Client, bounce, sender};
use crate::support::dns::zones;

/// One server for the tests that only read answers.
static SERVER: LazyLock<TestServer> = LazyLock::new(|| TestServer::start(zones::standard()));

/// A report received by the recipient's MX.
fn report(senders: &[Client], to: Option<&str>) -> Report {
    reports::report(senders, to, "mx1.example.net")
}

fn options(server: &str) -> DnsOptions {
    DnsOptions {
        resolvers: vec![server.parse::<ResolverAddr>().expect("resolver")],
        deadline: Duration::from_secs(5),
        ..DnsOptions::default()
    }
}

/// Checks one hop against the shared server.
fn check_one(from: Client) -> (HopDns, Vec<FindingCode>) {
    let mut r = report(&[from], None);
    check_report(&mut r, &options(&SERVER.resolver_arg()));
    let hop = r.hops.remove(0);
    let codes = hop.findings.iter().map(|f| f.code).collect();
    (hop.dns.expect("DNS ran"), codes)
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn matching_ptr_and_helo_pass_everything() {
    let (dns, codes) = check_one(Client {
        helo: Some("mail.example.org"),
        rdns: Some("mail.example.org"),
        ip: Some("192.0.2.7"),
    });
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.query, "7.2.0.192.in-addr.arpa");
    assert_eq!(ptr.status, LookupStatus::Ok);
    assert_eq!(ptr.names, ["mail.example.org"]);
    assert!(ptr.broken.is_empty());
    assert_eq!(ptr.changed, Some(false));
    let fcrdns = dns.fcrdns.unwrap();
    assert_eq!(fcrdns.result, Fcrdns::Pass);
    assert_eq!(fcrdns.confirmed.as_deref(), Some("mail.example.org"));
    assert_eq!(fcrdns.names[0].addresses, [ip("192.0.2.7")]);
    let helo = dns.helo.unwrap();
    assert_eq!(helo.kind, HeloKind::Fqdn);
    assert_eq!(helo.status, LookupStatus::Ok);
    assert_eq!(helo.addresses, [ip("192.0.2.7")]);
    assert_eq!(helo.cname, None);
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn several_ptr_names_one_confirms() {
    let (dns, codes) = check_one(sender("multi-a.example.org", "192.0.2.20"));
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.names, ["multi-a.example.org", "multi-b.example.org"]);
    let fcrdns = dns.fcrdns.unwrap();
    assert_eq!(fcrdns.result, Fcrdns::Pass);
    assert_eq!(fcrdns.confirmed.as_deref(), Some("multi-a.example.org"));
    assert!(fcrdns.names[0].matches);
    assert!(!fcrdns.names[1].matches);
    assert_eq!(fcrdns.names[1].addresses, [ip("192.0.2.21")]);
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn ptr_name_resolving_elsewhere_fails_fcrdns() {
    let (dns, codes) = check_one(sender("liar.example.org", "192.0.2.30"));
    let fcrdns = dns.fcrdns.unwrap();
    assert_eq!(fcrdns.result, Fcrdns::Fail);
    assert_eq!(fcrdns.confirmed, None);
    assert_eq!(fcrdns.names[0].addresses, [ip("192.0.2.99")]);
    assert!(codes.contains(&FindingCode::FcrdnsFail), "{codes:?}");
    assert!(codes.contains(&FindingCode::HeloMismatch), "{codes:?}");
}

#[test]
fn ptr_with_forgotten_trailing_dot_is_broken() {
    let (dns, codes) = check_one(sender("mail.example.org", "192.0.2.40"));
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.names, ["mail.example.org.2.0.192.in-addr.arpa"]);
    assert_eq!(ptr.broken.len(), 1);
    assert!(
        ptr.broken[0].why.contains("trailing dot"),
        "{:?}",
        ptr.broken
    );
    let fcrdns = dns.fcrdns.unwrap();
    assert_eq!(fcrdns.result, Fcrdns::Fail);
    assert_eq!(fcrdns.names[0].status, LookupStatus::NotAsked);
    assert!(codes.contains(&FindingCode::PtrBroken), "{codes:?}");
    assert!(codes.contains(&FindingCode::FcrdnsFail), "{codes:?}");
}

#[test]
fn ptr_that_is_not_a_host_name_is_broken() {
    let (dns, codes) = check_one(sender("dsl-5.example.com", "203.0.113.66"));
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.names, ["host-66-.example.com"]);
    assert!(ptr.broken[0].why.contains("ends with"), "{:?}", ptr.broken);
    assert!(codes.contains(&FindingCode::PtrBroken), "{codes:?}");
}

#[test]
fn missing_ptr_is_nxdomain_and_differs_from_the_recorded_rdns() {
    let (dns, codes) = check_one(Client {
        helo: Some("mail.example.org"),
        rdns: Some("old-name.example.org"),
        ip: Some("192.0.2.50"),
    });
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.status, LookupStatus::NxDomain);
    assert!(ptr.names.is_empty());
    assert_eq!(ptr.recorded.as_deref(), Some("old-name.example.org"));
    assert_eq!(ptr.changed, Some(true));
    assert_eq!(dns.fcrdns.unwrap().result, Fcrdns::NoPtr);
    assert_eq!(dns.helo.unwrap().matches_ptr, Some(false));
    assert!(codes.contains(&FindingCode::NoPtr), "{codes:?}");
    assert!(codes.contains(&FindingCode::RdnsChanged), "{codes:?}");
    assert!(!codes.contains(&FindingCode::FcrdnsFail), "{codes:?}");
}

#[test]
fn rdns_recorded_then_differs_from_ptr_now() {
    let (dns, codes) = check_one(Client {
        helo: None,
        rdns: Some("mail-old.example.org"),
        ip: Some("192.0.2.7"),
    });
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.changed, Some(true));
    assert!(dns.helo.is_none());
    assert_eq!(codes, [FindingCode::RdnsChanged]);
}

#[test]
fn servfail_on_the_ptr_is_an_error_not_a_missing_ptr() {
    let (dns, codes) = check_one(sender("dsl-5.example.com", "203.0.113.99"));
    let ptr = dns.ptr.unwrap();
    assert_eq!(ptr.status, LookupStatus::ServFail);
    assert_eq!(ptr.changed, None);
    assert_eq!(dns.fcrdns.unwrap().result, Fcrdns::Error);
    assert!(codes.contains(&FindingCode::DnsError), "{codes:?}");
    assert!(!codes.contains(&FindingCode::NoPtr), "{codes:?}");
}

#[test]
fn helo_cname_is_flagged() {
    let (dns, codes) = check_one(sender("alias.example.org", "192.0.2.7"));
    let helo = dns.helo.unwrap();
    assert_eq!(helo.cname.as_deref(), Some("mail.example.org"));
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(false));
    assert_eq!(codes, [FindingCode::HeloCname]);
}

#[test]
fn helo_resolving_elsewhere_is_a_mismatch() {
    let (dns, codes) = check_one(sender("other.example.org", "192.0.2.7"));
    let helo = dns.helo.unwrap();
    assert_eq!(helo.addresses, [ip("198.51.100.77")]);
    assert_eq!(helo.matches_ip, Some(false));
    assert_eq!(codes, [FindingCode::HeloMismatch]);
}

#[test]
fn helo_without_address_tells_nodata_from_nxdomain() {
    let (nodata, codes) = check_one(sender("textonly.example.org", "192.0.2.7"));
    assert_eq!(nodata.helo.unwrap().status, LookupStatus::NoRecords);
    assert_eq!(codes, [FindingCode::HeloNoAddress]);
    let (nx, codes) = check_one(sender("nothing.example.org", "192.0.2.7"));
    let helo = nx.helo.unwrap();
    assert_eq!(helo.status, LookupStatus::NxDomain);
    assert_eq!(helo.matches_ip, Some(false));
    assert_eq!(codes, [FindingCode::HeloNoAddress]);
}

#[test]
fn helo_refused_and_servfail_are_errors() {
    let (refused, codes) = check_one(sender("relay.example", "192.0.2.7"));
    assert_eq!(refused.helo.unwrap().status, LookupStatus::Refused);
    assert_eq!(codes, [FindingCode::DnsError]);
    let (servfail, codes) = check_one(sender("broken.example.com", "192.0.2.7"));
    assert_eq!(servfail.helo.unwrap().status, LookupStatus::ServFail);
    assert_eq!(codes, [FindingCode::DnsError]);
}

#[test]
fn helo_syntax_is_checked_without_asking() {
    let cases = [
        ("mailserver2", HeloKind::NotFqdn, FindingCode::HeloNotFqdn),
        (
            "localhost.localdomain",
            HeloKind::Localhost,
            FindingCode::HeloLocalhost,
        ),
        (
            "mail_1.example.org",
            HeloKind::Invalid,
            FindingCode::HeloSyntax,
        ),
        ("192.0.2.7", HeloKind::Invalid, FindingCode::HeloSyntax),
        (
            "[192.0.2.1]",
            HeloKind::AddressLiteral,
            FindingCode::HeloLiteralMismatch,
        ),
    ];
    for (name, kind, code) in cases {
        let (dns, codes) = check_one(sender(name, "192.0.2.7"));
        let helo = dns.helo.unwrap();
        assert_eq!(helo.kind, kind, "{name}");
        assert_eq!(helo.status, LookupStatus::NotAsked, "{name}");
        assert_eq!(codes, [code], "{name}");
    }
    let (dns, codes) = check_one(sender("[192.0.2.7]", "192.0.2.7"));
    assert_eq!(dns.helo.unwrap().matches_ip, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn ipv6_sender_is_confirmed_through_ip6_arpa() {
    let (dns, codes) = check_one(sender("v6.example.org", "2001:db8::25"));
    let ptr = dns.ptr.unwrap();
    assert!(
        ptr.query.ends_with(".8.b.d.0.1.0.0.2.ip6.arpa"),
        "{}",
        ptr.query
    );
    assert_eq!(ptr.names, ["v6.example.org"]);
    assert_eq!(dns.fcrdns.unwrap().result, Fcrdns::Pass);
    assert_eq!(dns.helo.unwrap().matches_ip, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn non_public_and_missing_ips_are_skipped_with_a_reason() {
    let mut r = report(
        &[
            sender("laptop", "192.168.1.23"),
            Client {
                helo: None,
                rdns: None,
                ip: None,
            },
            sender("relay", "127.0.0.1"),
        ],
        None,
    );
    let server = TestServer::start(zones::standard());
    check_report(&mut r, &options(&server.resolver_arg()));
    let reasons: Vec<String> = r
        .hops
        .iter()
        .map(|h| h.dns.as_ref().unwrap().skipped.clone().unwrap())
        .collect();
    assert!(reasons[0].starts_with("private"), "{reasons:?}");
    assert!(reasons[1].contains("no connecting IP"), "{reasons:?}");
    assert!(reasons[2].starts_with("loopback"), "{reasons:?}");
    assert!(r.hops.iter().all(|h| h.findings.is_empty()));
    assert_eq!(server.queries(), 0, "nothing is asked about skipped hops");
}

#[test]
fn dnsbl_checks_the_trustworthy_ip_and_reports_the_reason() {
    let mut r = report(
        &[
            sender("liar.example.org", "192.0.2.30"),
            sender("liar.example.org", "192.0.2.30"),
        ],
        None,
    );
    let mut opts = options(&SERVER.resolver_arg());
    opts.dnsbl = vec![HostName::parse("bl.example.net").unwrap()];
    check_report(&mut r, &opts);
    let unverified = r.hops[0].dns.as_ref().unwrap();
    assert!(
        unverified.dnsbl.is_empty(),
        "only the trustworthy hop by default"
    );
    let top = &r.hops[1];
    let bl = &top.dns.as_ref().unwrap().dnsbl[0];
    assert_eq!(bl.query, "30.2.0.192.bl.example.net");
    assert_eq!(bl.status, LookupStatus::Ok);
    assert_eq!(bl.listed, Some(true));
    assert_eq!(
        bl.codes,
        ["127.0.0.2".parse::<std::net::Ipv4Addr>().unwrap()]
    );
    assert!(
        bl.reason
            .as_deref()
            .unwrap()
            .starts_with("Listed: spam source")
    );
    let listed = top
        .findings
        .iter()
        .find(|f| f.code == FindingCode::DnsblListed)
        .expect("dnsbl-listed");
    assert!(
        listed.message.contains("bl.example.net"),
        "{}",
        listed.message
    );
}

#[test]
fn dnsbl_all_checks_unverified_hops_too() {
    let mut r = report(
        &[
            sender("liar.example.org", "192.0.2.30"),
            sender("mail.example.org", "192.0.2.7"),
        ],
        None,
    );
    let mut opts = options(&SERVER.resolver_arg());
    opts.dnsbl = vec![HostName::parse("bl.example.net").unwrap()];
    opts.dnsbl_all = true;
    check_report(&mut r, &opts);
    let low = &r.hops[0].dns.as_ref().unwrap().dnsbl[0];
    assert_eq!(low.listed, Some(true));
    let top = &r.hops[1].dns.as_ref().unwrap().dnsbl[0];
    assert_eq!(top.status, LookupStatus::NxDomain);
    assert_eq!(top.listed, Some(false));
    assert_eq!(top.reason, None);
}

/// The MX check of the report's recipient (To:), the top hop's `by` being the receiver.
fn mx_of(to: &str, by: &str) -> (trace_path::model::MxCheck, Vec<FindingCode>) {
    let mut r = report(&[sender("mail.example.org", "192.0.2.7")], Some(to));
    r.hops[0].by.host = Some(by.to_string());
    check_report(&mut r, &options(&SERVER.resolver_arg()));
    let codes = r.findings.iter().map(|f| f.code).collect();
    (r.dns.unwrap().mx.expect("MX checked"), codes)
}

#[test]
fn mx_hosts_with_preferences_and_the_receiver_among_them() {
    let (mx, codes) = mx_of("Bob <bob@example.net>", "mx1.example.net");
    assert_eq!(mx.recipient, "bob@example.net");
    assert_eq!(mx.source, RecipientSource::To);
    assert_eq!(mx.domain, "example.net");
    assert_eq!(mx.kind, MxKind::Mx);
    let hosts: Vec<(u16, &str)> = mx
        .hosts
        .iter()
        .map(|h| (h.preference, h.host.as_str()))
        .collect();
    assert_eq!(hosts, [(10, "mx1.example.net"), (20, "mx2.example.net")]);
    assert_eq!(mx.receiver.as_deref(), Some("mx1.example.net"));
    assert_eq!(mx.receiver_listed, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn receiver_outside_the_mx_hosts_is_noted() {
    let (mx, codes) = mx_of("bob@example.net", "mailbox.example.net");
    assert_eq!(mx.receiver_listed, Some(false));
    assert_eq!(codes, [FindingCode::MxReceiverNotListed]);
}

#[test]
fn implicit_null_and_missing_mx() {
    let (implicit, codes) = mx_of("a@nomx.example.net", "nomx.example.net");
    assert_eq!(implicit.status, LookupStatus::NoRecords);
    assert_eq!(implicit.kind, MxKind::Implicit);
    assert_eq!(implicit.addresses, [ip("198.51.100.30")]);
    assert_eq!(implicit.receiver_listed, Some(true));
    assert!(codes.is_empty(), "{codes:?}");

    let (null, codes) = mx_of("a@nullmx.example.net", "mx1.example.net");
    assert_eq!(null.kind, MxKind::NullMx);
    assert!(codes.contains(&FindingCode::NullMx), "{codes:?}");

    let (empty, codes) = mx_of("a@empty.example.net", "mx1.example.net");
    assert_eq!(empty.kind, MxKind::None);
    assert_eq!(empty.address_status, Some(LookupStatus::NoRecords));
    assert!(codes.contains(&FindingCode::MxMissing), "{codes:?}");

    let (gone, codes) = mx_of("a@gone.example.net", "mx1.example.net");
    assert_eq!(gone.status, LookupStatus::NxDomain);
    assert_eq!(gone.kind, MxKind::None);
    assert!(codes.contains(&FindingCode::MxMissing), "{codes:?}");
}

#[test]
fn recipient_from_the_for_clause_wins_over_to() {
    let mut r = report(
        &[sender("mail.example.org", "192.0.2.7")],
        Some("x@gone.example.net"),
    );
    r.hops[0].for_addr = Some("bob@example.net".to_string());
    check_report(&mut r, &options(&SERVER.resolver_arg()));
    let mx = r.dns.unwrap().mx.unwrap();
    assert_eq!(mx.source, RecipientSource::For);
    assert_eq!(mx.domain, "example.net");
}

#[test]
fn the_same_question_is_asked_once() {
    let server = TestServer::start(zones::standard());
    let mut r = report(
        &[
            sender("mail.example.org", "192.0.2.7"),
            sender("mail.example.org", "192.0.2.7"),
            sender("mail.example.org", "192.0.2.7"),
        ],
        Some("bob@example.net"),
    );
    check_report(&mut r, &options(&server.resolver_arg()));
    // PTR of 192.0.2.7, A and AAAA of mail.example.org, MX of example.net,
    // A and AAAA of its two MX hosts; and, checked now, the SPF record
    // (TXT) of the HELO name.
    assert_eq!(r.dns.as_ref().unwrap().queries, 9);
    assert_eq!(server.queries(), 9);
    assert!(
        r.hops
            .iter()
            .all(|h| h.dns.as_ref().unwrap().fcrdns.as_ref().unwrap().result == Fcrdns::Pass)
    );
    // The verdict is written after the DNS stage, from its results.
    trace_path::verdict::conclude(&mut r);
    assert!(r.verdict.contains("FCrDNS ok"), "{}", r.verdict);
}

#[test]
fn the_query_cap_is_reported_not_silent() {
    let server = TestServer::start(zones::standard());
    let mut r = report(
        &[
            sender("mail.example.org", "192.0.2.7"),
            sender("multi-a.example.org", "192.0.2.20"),
        ],
        None,
    );
    let mut opts = options(&server.resolver_arg());
    opts.limits = Limits {
        in_flight: 4,
        total: 2,
    };
    check_report(&mut r, &opts);
    let dns = r.dns.unwrap();
    assert!(dns.capped);
    assert_eq!(dns.queries, 2);
    assert!(server.queries() <= 2);
    let codes: Vec<FindingCode> = r
        .hops
        .iter()
        .flat_map(|h| h.findings.iter().map(|f| f.code))
        .collect();
    assert!(codes.contains(&FindingCode::DnsCapped), "{codes:?}");
}

#[test]
fn a_silent_server_costs_the_deadline_and_no_more() {
    let silent = SilentServer::start();
    let mut r = report(
        &[
            sender("mail.example.org", "192.0.2.7"),
            sender("other.example.org", "198.51.100.77"),
        ],
        Some("bob@example.net"),
    );
    let mut opts = options(&silent.resolver_arg());
    opts.deadline = Duration::from_millis(400);
    let started = Instant::now();
    check_report(&mut r, &opts);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(400 + 1500), "took {took:?}");
    let dns = r.dns.as_ref().unwrap();
    assert!(dns.deadline_passed);
    assert_eq!(dns.mx.as_ref().unwrap().status, LookupStatus::Timeout);
    for h in &r.hops {
        let d = h.dns.as_ref().unwrap();
        assert_eq!(d.ptr.as_ref().unwrap().status, LookupStatus::Timeout);
        assert_eq!(d.fcrdns.as_ref().unwrap().result, Fcrdns::Error);
        assert_eq!(d.helo.as_ref().unwrap().status, LookupStatus::Timeout);
        assert!(h.findings.iter().any(|f| f.code == FindingCode::DnsTimeout));
    }
    assert!(r.findings.iter().any(|f| f.code == FindingCode::DnsTimeout));
}

#[test]
fn answers_slower_than_the_deadline_are_timeouts() {
    let server = TestServer::start(ServerConfig {
        delay: Duration::from_millis(600),
        ..zones::standard()
    });
    let mut r = report(&[sender("mail.example.org", "192.0.2.7")], None);
    let mut opts = options(&server.resolver_arg());
    opts.deadline = Duration::from_millis(250);
    let started = Instant::now();
    check_report(&mut r, &opts);
    assert!(started.elapsed() < Duration::from_millis(250 + 1500));
    let d = r.hops[0].dns.as_ref().unwrap();
    assert_eq!(d.ptr.as_ref().unwrap().status, LookupStatus::Timeout);
}

#[test]
fn a_dead_resolver_next_to_a_live_one_does_not_spoil_the_answers() {
    let silent = SilentServer::start();
    let mut r = report(&[sender("mail.example.org", "192.0.2.7")], None);
    let mut opts = options(&silent.resolver_arg());
    opts.resolvers
        .push(SERVER.resolver_arg().parse::<ResolverAddr>().unwrap());
    opts.deadline = Duration::from_secs(2);
    check_report(&mut r, &opts);
    let d = r.hops[0].dns.as_ref().unwrap();
    assert_eq!(d.fcrdns.as_ref().unwrap().result, Fcrdns::Pass);
    assert_eq!(d.helo.as_ref().unwrap().matches_ip, Some(true));
    assert_eq!(r.dns.unwrap().resolvers.len(), 2);
}

#[test]
fn an_authenticated_client_is_not_judged_by_its_dns() {
    let mut r = report(&[sender("mailserver2", "192.0.2.50")], None);
    r.hops[0].auth = Some("alice@example.org".to_string());
    check_report(&mut r, &options(&SERVER.resolver_arg()));
    let hop = &r.hops[0];
    let dns = hop.dns.as_ref().unwrap();
    assert_eq!(dns.ptr.as_ref().unwrap().status, LookupStatus::NxDomain);
    assert_eq!(dns.helo.as_ref().unwrap().kind, HeloKind::NotFqdn);
    assert!(hop.findings.is_empty(), "{:?}", hop.findings);
}

#[test]
fn a_dead_resolver_costs_one_deadline_per_run_not_per_message() {
    let silent = SilentServer::start();
    let mut opts = options(&silent.resolver_arg());
    opts.deadline = Duration::from_millis(300);
    let checker = DnsChecker::new(&opts).expect("checker");
    let mut first = report(&[sender("mail.example.org", "192.0.2.7")], None);
    checker.check(&mut first);
    assert!(first.dns.as_ref().unwrap().deadline_passed);
    let started = Instant::now();
    let mut second = report(&[sender("mail.example.org", "192.0.2.7")], None);
    checker.check(&mut second);
    assert!(started.elapsed() < Duration::from_millis(300));
    assert!(second.dns.is_none());
    assert_eq!(second.findings[0].code, FindingCode::DnsUnavailable);
}

#[test]
fn a_bounce_checks_the_final_recipient_and_the_refusing_server() {
    let mut listed = bounce("mail.example.org", "bob@example.net", "mx1.example.net");
    check_report(&mut listed, &options(&SERVER.resolver_arg()));
    let mx = listed.dns.unwrap().mx.unwrap();
    assert_eq!(mx.source, RecipientSource::Bounce);
    assert_eq!(mx.recipient, "bob@example.net");
    assert_eq!(mx.receiver.as_deref(), Some("mx1.example.net"));
    assert_eq!(mx.receiver_listed, Some(true));

    let mut outside = bounce("mail.example.org", "bob@example.net", "mailbox.example.net");
    check_report(&mut outside, &options(&SERVER.resolver_arg()));
    let mx = outside.dns.unwrap().mx.unwrap();
    assert_eq!(mx.receiver.as_deref(), Some("mailbox.example.net"));
    assert_eq!(mx.receiver_listed, Some(false));

    let mut null = bounce(
        "mail.example.org",
        "bob@nullmx.example.net",
        "mx1.example.net",
    );
    check_report(&mut null, &options(&SERVER.resolver_arg()));
    assert_eq!(null.dns.unwrap().mx.unwrap().kind, MxKind::NullMx);
}
