//! Held-out DNS tests, batch 1: real-world DNS shapes (RFC 2317 classless
//! reverse delegation, CNAME chains and loops, mixed case, IPv6-only and
//! mapped senders, answers too big for UDP, wildcards, odd MX and blocklist
//! answers, IDN and generic rDNS), each against a real DNS server on
//! 127.0.0.1 serving the zone files of tests/heldout/dns/batch-1/ (example
//! domains and documentation addresses only). The expected verdicts were
//! written before the checks were run against them.
//!
//! Fields and codes added for these shapes (`ptr.generic`, the MX hosts'
//! `status`/`addresses`/`cname`/`problem`, `ptr-generic`,
//! `mx-host-unresolvable`, `mx-cname`) are read through the JSON form of
//! the model, as docs/json.md documents them.
//!
//! | sender IP          | shape |
//! |--------------------|-------|
//! | 192.0.2.7          | RFC 2317: `7` CNAME `7.0-26` in the same zone, PTR mail.example.org (hickory's zone parser refuses the `0/26` spelling) |
//! | 192.0.2.70         | RFC 2317: `70` CNAME `70.64-26`, a zone of its own, PTR cls-b.example.org |
//! | 192.0.2.9          | PTR ptralias.example.org, a CNAME of real.example.org (A 192.0.2.9) |
//! | 192.0.2.10         | PTR c1.example.org: c1 → c2 → c3 (A 192.0.2.10) |
//! | 192.0.2.11         | PTR `MiXeD.Example.ORG.`, A under `MIXED.example.org` |
//! | 192.0.2.12         | PTR xn--bcher-kva.example.org (IDN A-label) |
//! | 192.0.2.13         | PTR 192-0-2-13.dynamic.example.org (generic rDNS) |
//! | 192.0.2.14         | PTR loop1.example.org: loop1 ⇄ loop2 CNAME loop |
//! | 192.0.2.15         | the PTR name itself loops: `15` CNAME `15b` CNAME `15` |
//! | 192.0.2.17         | PTR 17.2.0.192.pool.example.org (generic, reversed IP) |
//! | 192.0.2.18         | PTR v6only.example.org, which has no A record |
//! | 192.0.2.60 / 2001:db8::60 | dual.example.org, A and AAAA |
//! | 192.0.2.61         | mapped.example.org (asked as `::ffff:192.0.2.61`) |
//! | 2001:db8::77       | v6only.example.org: AAAA, no A |
//! | 198.51.100.40      | big.example.org: 40 A records (over 512 bytes: TCP) |
//! | 198.51.100.50      | client-50.dyn.example.net, from `*.dyn.example.net` |
//! | 203.0.113.25       | 25 long PTR names (over 1232 bytes: TCP); the first confirms |
//!
//! Recipient domains under example.net: ties (two MX at 10), cnamemx (MX
//! → CNAME), deadmx (MX → NXDOMAIN host), literalmx (MX `192.0.2.9.`).
//! Blocklists: multi.bl.example.com (three codes, two TXT), odd.bl.example.com
//! (0.0.0.0), parked.bl.example.com (a wildcard public IP), empty.bl.example.com
//! (NXDOMAIN for all); refused.bl.example is served by no zone (REFUSED).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use trace_path::dns::DnsOptions;
use trace_path::dns::check_report;
use trace_path::host::HostName;
use trace_path::model::{Fcrdns, HeloKind, LookupStatus, MxKind};
use trace_path::model::{HopDns, MxCheck};

use crate::support::dns::dns_server::{ServerConfig, TestServer};
use crate::support::dns::reports::{self, Client, no_helo, sender};

/// The batch's zones, served as they are.
fn heldout() -> ServerConfig {
    ServerConfig {
        zones: super::zones("dns/batch-1"),
        servfail: Vec::new(),
        delay: Duration::ZERO,
    }
}

/// The 25 PTR names of 203.0.113.25, long enough that the set is over 1232
/// bytes (as written in 113.0.203.in-addr.arpa.zone and example.org.zone).
fn farm_name(i: usize) -> String {
    format!("shared-web-hosting-customer-virtual-host-number-{i:02}.farm.example.org")
}

static SERVER: LazyLock<TestServer> = LazyLock::new(|| TestServer::start(heldout()));

fn options(server: &TestServer) -> DnsOptions {
    DnsOptions {
        deadline: Duration::from_secs(4),
        ..server.dns_options()
    }
}

/// One hop checked against the shared server: its DNS and finding codes.
fn check(from: Client) -> (HopDns, Vec<String>) {
    let mut r = reports::one_hop(&from, None, "mx1.example.net");
    check_report(&mut r, &options(&SERVER));
    let hop = r.hops.remove(0);
    let codes = hop
        .findings
        .iter()
        .map(|f| f.code.as_str().to_string())
        .collect();
    (hop.dns.expect("DNS ran"), codes)
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn ips(list: &[&str]) -> Vec<IpAddr> {
    list.iter().map(|s| ip(s)).collect()
}

fn as_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

// ---------------------------------------------------------------- reverse

#[test]
fn rfc2317_classless_ptr_in_the_same_zone_is_followed() {
    let (dns, codes) = check(sender("mail.example.org", "192.0.2.7"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.query, "7.2.0.192.in-addr.arpa");
    assert_eq!(ptr.status, LookupStatus::Ok);
    assert_eq!(ptr.names, ["mail.example.org"]);
    assert!(ptr.broken.is_empty(), "{:?}", ptr.broken);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.confirmed.as_deref(), Some("mail.example.org"));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn rfc2317_classless_ptr_in_a_delegated_zone_is_followed() {
    let (dns, codes) = check(sender("cls-b.example.org", "192.0.2.70"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.query, "70.2.0.192.in-addr.arpa");
    assert_eq!(ptr.status, LookupStatus::Ok);
    assert_eq!(ptr.names, ["cls-b.example.org"]);
    assert_eq!(dns.fcrdns.as_ref().unwrap().result, Fcrdns::Pass);
    assert_eq!(dns.helo.as_ref().unwrap().matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn ptr_name_that_is_a_cname_confirms_through_it() {
    let (dns, codes) = check(no_helo("192.0.2.9"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.names, ["ptralias.example.org"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.confirmed.as_deref(), Some("ptralias.example.org"));
    assert_eq!(f.names[0].status, LookupStatus::Ok);
    assert_eq!(f.names[0].addresses, ips(&["192.0.2.9"]));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn cname_chain_of_three_hops_resolves_for_ptr_and_helo() {
    let (dns, codes) = check(sender("c1.example.org", "192.0.2.10"));
    assert_eq!(dns.ptr.as_ref().unwrap().names, ["c1.example.org"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.names[0].addresses, ips(&["192.0.2.10"]));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.status, LookupStatus::Ok);
    assert_eq!(helo.addresses, ips(&["192.0.2.10"]));
    assert_eq!(helo.cname.as_deref(), Some("c2.example.org"));
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(true));
    assert_eq!(codes, ["helo-cname"]);
}

#[test]
fn cname_loop_ends_in_an_error_not_a_hang_nor_a_verdict() {
    let started = Instant::now();
    let (dns, codes) = check(sender("loop1.example.org", "192.0.2.14"));
    assert!(started.elapsed() < Duration::from_secs(4 + 2));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.names, ["loop1.example.org"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Error, "{f:?}");
    assert!(!f.names[0].status.is_answer(), "{:?}", f.names[0]);
    let helo = dns.helo.as_ref().unwrap();
    assert!(!helo.status.is_answer(), "{helo:?}");
    assert_eq!(helo.matches_ip, None);
    assert!(
        codes.iter().any(|c| c == "dns-error" || c == "dns-timeout"),
        "{codes:?}"
    );
    for wrong in ["fcrdns-fail", "helo-no-address", "helo-mismatch"] {
        assert!(!codes.iter().any(|c| c == wrong), "{codes:?}");
    }
}

#[test]
fn ptr_query_that_loops_is_an_error_not_a_missing_ptr() {
    let started = Instant::now();
    let (dns, codes) = check(no_helo("192.0.2.15"));
    assert!(started.elapsed() < Duration::from_secs(4 + 2));
    let ptr = dns.ptr.as_ref().unwrap();
    assert!(!ptr.status.is_answer(), "{ptr:?}");
    assert!(ptr.names.is_empty());
    assert_eq!(dns.fcrdns.as_ref().unwrap().result, Fcrdns::Error);
    assert!(!codes.iter().any(|c| c == "no-ptr"), "{codes:?}");
    assert!(
        codes.iter().any(|c| c == "dns-error" || c == "dns-timeout"),
        "{codes:?}"
    );
}

#[test]
fn helo_cname_to_nowhere_has_no_address() {
    let (dns, codes) = check(sender("dangling.example.org", "192.0.2.7"));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.status, LookupStatus::NxDomain);
    assert!(helo.addresses.is_empty());
    assert_eq!(helo.matches_ip, Some(false));
    assert_eq!(codes, ["helo-no-address"]);
}

#[test]
fn names_compare_without_case_or_trailing_dot() {
    let (dns, codes) = check(Client {
        helo: Some("MIXED.EXAMPLE.ORG."),
        rdns: Some("Mixed.Example.Org."),
        ip: Some("192.0.2.11"),
    });
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.names, ["mixed.example.org"]);
    assert_eq!(ptr.changed, Some(false));
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.confirmed.as_deref(), Some("mixed.example.org"));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.name, "MIXED.EXAMPLE.ORG.");
    assert_eq!(helo.kind, HeloKind::Fqdn);
    assert_eq!(helo.addresses, ips(&["192.0.2.11"]));
    assert_eq!(helo.cname, None);
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");

    let (dns, codes) = check(sender("mixed.example.org", "192.0.2.11"));
    assert_eq!(dns.helo.unwrap().matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn names_with_stray_spaces_from_the_header_still_compare() {
    let (dns, codes) = check(Client {
        helo: Some(" mail.example.org "),
        rdns: Some("mail.example.org. "),
        ip: Some("192.0.2.7"),
    });
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.recorded.as_deref(), Some("mail.example.org"));
    assert_eq!(ptr.changed, Some(false));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.kind, HeloKind::Fqdn);
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

// ---------------------------------------------------------------- generic rDNS

#[test]
fn generic_ptr_embedding_the_ip_and_a_dynamic_word_is_noted() {
    let (dns, codes) = check(no_helo("192.0.2.13"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.names, ["192-0-2-13.dynamic.example.org"]);
    assert_eq!(
        as_json(ptr)["generic"],
        json!(["192-0-2-13.dynamic.example.org"])
    );
    assert_eq!(dns.fcrdns.as_ref().unwrap().result, Fcrdns::Pass);
    assert_eq!(codes, ["ptr-generic"]);

    let (dns, codes) = check(no_helo("192.0.2.17"));
    assert_eq!(
        as_json(dns.ptr.as_ref().unwrap())["generic"],
        json!(["17.2.0.192.pool.example.org"])
    );
    assert_eq!(codes, ["ptr-generic"]);
}

#[test]
fn ordinary_ptr_names_are_not_generic() {
    for (ip, name) in [
        ("192.0.2.7", "mail.example.org"),
        ("192.0.2.12", "xn--bcher-kva.example.org"),
        ("198.51.100.40", "big.example.org"),
    ] {
        let (dns, codes) = check(no_helo(ip));
        let ptr = dns.ptr.as_ref().unwrap();
        assert_eq!(ptr.names, [name]);
        assert_eq!(as_json(ptr)["generic"], json!([]), "{ip}");
        assert!(!codes.contains(&"ptr-generic".to_string()), "{codes:?}");
    }
}

// ---------------------------------------------------------------- wildcard, IDN

#[test]
fn wildcard_record_serves_helo_and_ptr_name() {
    let (dns, codes) = check(sender("host-1.dyn.example.net", "198.51.100.50"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.names, ["client-50.dyn.example.net"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.names[0].addresses, ips(&["198.51.100.50"]));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.status, LookupStatus::Ok);
    assert_eq!(helo.addresses, ips(&["198.51.100.50"]));
    assert_eq!(helo.cname, None);
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(false));
    // client-NN.dyn.…: a dynamic pool name.
    assert_eq!(codes, ["ptr-generic"]);
}

#[test]
fn idn_a_labels_are_valid_helo_and_ptr_names() {
    let (dns, codes) = check(sender("xn--mnchen-3ya.example.org", "192.0.2.12"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.names, ["xn--bcher-kva.example.org"]);
    assert!(ptr.broken.is_empty());
    assert_eq!(dns.fcrdns.as_ref().unwrap().result, Fcrdns::Pass);
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.kind, HeloKind::Fqdn);
    assert_eq!(helo.status, LookupStatus::Ok);
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(false));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn helo_with_underscore_or_a_64_character_label_is_invalid_and_not_asked() {
    let server = TestServer::start(heldout());
    let long = format!("{}.example.org", "a".repeat(64));
    let too_long = vec!["abcdefghij"; 25].join(".") + ".example.org";
    for helo in ["smtp_relay.example.org", long.as_str(), too_long.as_str()] {
        let before = server.queries();
        // 192.0.2.50 has no PTR: the PTR question is the only one.
        let mut r = reports::one_hop(&sender(helo, "192.0.2.50"), None, "mx1.example.net");
        check_report(&mut r, &options(&server));
        let hop = &r.hops[0];
        let h = hop.dns.as_ref().unwrap().helo.as_ref().unwrap();
        assert_eq!(h.kind, HeloKind::Invalid, "{helo}");
        assert_eq!(h.status, LookupStatus::NotAsked, "{helo}");
        assert!(h.problem.is_some());
        let codes: Vec<&str> = hop.findings.iter().map(|f| f.code.as_str()).collect();
        assert!(codes.contains(&"helo-syntax"), "{helo}: {codes:?}");
        assert_eq!(server.queries() - before, 1, "{helo}: only the PTR");
    }
}

#[test]
fn special_use_helo_names_are_never_sent() {
    let server = TestServer::start(heldout());
    // hickory answers *.invalid itself: NXDOMAIN, nothing on the wire.
    let mut r = reports::one_hop(
        &sender("mail.invalid", "192.0.2.50"),
        None,
        "mx1.example.net",
    );
    check_report(&mut r, &options(&server));
    let hop = &r.hops[0];
    let h = hop.dns.as_ref().unwrap().helo.as_ref().unwrap();
    assert_eq!(h.status, LookupStatus::NxDomain);
    assert_eq!(h.matches_ip, Some(false));
    let codes: Vec<&str> = hop.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"helo-no-address"), "{codes:?}");
    assert_eq!(server.queries(), 1, "only the PTR reached the server");

    let mut r = reports::one_hop(
        &sender("mx.localhost", "192.0.2.50"),
        None,
        "mx1.example.net",
    );
    check_report(&mut r, &options(&server));
    let hop = &r.hops[0];
    let h = hop.dns.as_ref().unwrap().helo.as_ref().unwrap();
    assert_eq!(h.kind, HeloKind::Localhost);
    assert_eq!(h.status, LookupStatus::NotAsked);
    let codes: Vec<&str> = hop.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"helo-localhost"), "{codes:?}");
    // The PTR of 192.0.2.50 is cached from the first report? No: one
    // checker per report, so it is asked again; the HELO is not.
    assert_eq!(server.queries(), 2, "only the PTRs reached the server");
}

// ---------------------------------------------------------------- IPv6

#[test]
fn ipv6_only_sender_confirms_with_aaaa() {
    let (dns, codes) = check(sender("v6only.example.org", "2001:db8::77"));
    let ptr = dns.ptr.as_ref().unwrap();
    assert!(ptr.query.ends_with(".ip6.arpa"), "{}", ptr.query);
    assert_eq!(ptr.names, ["v6only.example.org"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.names[0].addresses, ips(&["2001:db8::77"]));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.status, LookupStatus::Ok);
    assert_eq!(helo.addresses, ips(&["2001:db8::77"]));
    assert_eq!(helo.matches_ip, Some(true));
    assert_eq!(helo.matches_ptr, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn dual_stack_name_confirms_both_families() {
    for sender_ip in ["192.0.2.60", "2001:db8::60"] {
        let (dns, codes) = check(sender("dual.example.org", sender_ip));
        assert_eq!(dns.ptr.as_ref().unwrap().names, ["dual.example.org"]);
        let f = dns.fcrdns.as_ref().unwrap();
        assert_eq!(f.result, Fcrdns::Pass, "{sender_ip}");
        assert_eq!(f.names[0].addresses, ips(&[sender_ip]), "{sender_ip}");
        let helo = dns.helo.as_ref().unwrap();
        assert_eq!(helo.addresses, ips(&["192.0.2.60", "2001:db8::60"]));
        assert_eq!(helo.matches_ip, Some(true));
        assert!(codes.is_empty(), "{sender_ip}: {codes:?}");
    }
}

#[test]
fn ipv4_sender_with_an_ipv6_only_helo_is_a_mismatch_not_a_missing_address() {
    // A: NODATA, AAAA: data.
    let (dns, codes) = check(sender("v6only.example.org", "192.0.2.7"));
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.status, LookupStatus::Ok);
    assert_eq!(helo.addresses, ips(&["2001:db8::77"]));
    assert_eq!(helo.matches_ip, Some(false));
    assert_eq!(helo.matches_ptr, Some(false));
    assert_eq!(codes, ["helo-mismatch"]);
}

#[test]
fn ipv4_sender_whose_ptr_name_has_only_aaaa_fails_fcrdns() {
    let (dns, codes) = check(no_helo("192.0.2.18"));
    assert_eq!(dns.ptr.as_ref().unwrap().names, ["v6only.example.org"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Fail);
    assert_eq!(f.names[0].status, LookupStatus::NoRecords);
    assert!(f.names[0].addresses.is_empty());
    assert_eq!(codes, ["fcrdns-fail"]);
}

#[test]
fn ipv4_mapped_ipv6_sender_is_asked_in_in_addr_arpa() {
    let (dns, codes) = check(sender("mapped.example.org", "::ffff:192.0.2.61"));
    assert_eq!(dns.ip, Some(ip("192.0.2.61")));
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.query, "61.2.0.192.in-addr.arpa");
    assert_eq!(ptr.names, ["mapped.example.org"]);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.names[0].addresses, ips(&["192.0.2.61"]));
    assert_eq!(dns.helo.as_ref().unwrap().matches_ip, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn mapped_address_literals_match_the_ipv4_sender() {
    for (helo, sender_ip) in [
        ("[IPv6:::ffff:192.0.2.61]", "192.0.2.61"),
        ("[192.0.2.61]", "::ffff:192.0.2.61"),
    ] {
        let (dns, codes) = check(sender(helo, sender_ip));
        let h = dns.helo.as_ref().unwrap();
        assert_eq!(h.kind, HeloKind::AddressLiteral, "{helo}");
        assert_eq!(h.status, LookupStatus::NotAsked, "{helo}");
        assert_eq!(h.matches_ip, Some(true), "{helo} from {sender_ip}");
        assert!(codes.is_empty(), "{helo}: {codes:?}");
    }
}

// ---------------------------------------------------------------- truncation

/// One hop checked against a server of its own, to count TCP questions.
fn check_alone(from: Client) -> (HopDns, Vec<String>, TestServer) {
    let server = TestServer::start(heldout());
    let mut r = reports::one_hop(&from, None, "mx1.example.net");
    check_report(&mut r, &options(&server));
    let hop = r.hops.remove(0);
    let codes = hop
        .findings
        .iter()
        .map(|f| f.code.as_str().to_string())
        .collect();
    (hop.dns.expect("DNS ran"), codes, server)
}

#[test]
fn small_answers_stay_on_udp() {
    let (dns, _, server) = check_alone(sender("mail.example.org", "192.0.2.7"));
    assert_eq!(dns.fcrdns.unwrap().result, Fcrdns::Pass);
    assert_eq!(server.tcp_queries(), 0);
}

#[test]
fn forty_a_records_over_udp_size_still_confirm() {
    let (dns, codes, server) = check_alone(sender("big.example.org", "198.51.100.40"));
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.names[0].status, LookupStatus::Ok);
    assert_eq!(f.names[0].addresses.len(), 40);
    let helo = dns.helo.as_ref().unwrap();
    assert_eq!(helo.addresses.len(), 40);
    assert_eq!(helo.matches_ip, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
    // Over 512 bytes, but within the EDNS size hickory offers (1232), so
    // it may come over UDP: the point is that the whole set is read.
    drop(server);
}

#[test]
fn a_ptr_set_too_big_for_udp_is_read_whole_and_capped_forward() {
    let (dns, codes, server) = check_alone(no_helo("203.0.113.25"));
    assert!(
        server.tcp_queries() >= 1,
        "the truncated answer is asked again over TCP"
    );
    let ptr = dns.ptr.as_ref().unwrap();
    assert_eq!(ptr.status, LookupStatus::Ok);
    let expected: Vec<String> = (1..=25).map(farm_name).collect();
    assert_eq!(ptr.names, expected);
    let f = dns.fcrdns.as_ref().unwrap();
    assert_eq!(f.result, Fcrdns::Pass);
    assert_eq!(f.confirmed.as_deref(), Some(farm_name(1).as_str()));
    assert_eq!(f.names.len(), 25);
    assert!(f.names[..8].iter().all(|n| n.status == LookupStatus::Ok));
    assert!(
        f.names[8..]
            .iter()
            .all(|n| n.status == LookupStatus::NotAsked)
    );
    assert!(codes.is_empty(), "{codes:?}");
}

// ---------------------------------------------------------------- DNSBL

#[test]
fn blocklist_answers_of_every_shape() {
    let zones = [
        "multi.bl.example.com",
        "odd.bl.example.com",
        "parked.bl.example.com",
        "empty.bl.example.com",
        "refused.bl.example",
    ];
    let mut r = reports::one_hop(
        &sender("mail.example.org", "192.0.2.7"),
        None,
        "mx1.example.net",
    );
    let mut opts = options(&SERVER);
    opts.dnsbl = zones.iter().map(|z| HostName::parse(z).unwrap()).collect();
    check_report(&mut r, &opts);
    let hop = &r.hops[0];
    let bl = &hop.dns.as_ref().unwrap().dnsbl;
    assert_eq!(bl.len(), 5);
    let v4 = |s: &str| s.parse::<Ipv4Addr>().unwrap();

    let multi = &bl[0];
    assert_eq!(multi.query, "7.2.0.192.multi.bl.example.com");
    assert_eq!(multi.status, LookupStatus::Ok);
    assert_eq!(multi.listed, Some(true));
    assert_eq!(
        multi.codes,
        [v4("127.0.0.2"), v4("127.0.0.4"), v4("127.0.0.10")]
    );
    let reason = multi.reason.as_deref().unwrap();
    assert!(reason.contains("SBL") && reason.contains("XBL"), "{reason}");

    let odd = &bl[1];
    assert_eq!(odd.status, LookupStatus::Ok);
    assert_eq!(odd.listed, None, "0.0.0.0 is no listing");
    assert_eq!(odd.codes, [v4("0.0.0.0")]);
    assert_eq!(odd.reason, None);

    let parked = &bl[2];
    assert_eq!(parked.listed, None, "a public IP is no listing");
    assert_eq!(parked.codes, [v4("198.51.100.200")]);

    let empty = &bl[3];
    assert_eq!(empty.status, LookupStatus::NxDomain);
    assert_eq!(empty.listed, Some(false));

    let refused = &bl[4];
    assert_eq!(refused.status, LookupStatus::Refused);
    assert_eq!(refused.listed, None, "REFUSED is not 'not listed'");

    let listed: Vec<&str> = hop
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "dnsbl-listed")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].contains("multi.bl.example.com"), "{}", listed[0]);
    assert!(listed[0].contains("127.0.0.4"), "{}", listed[0]);
    let errors: Vec<&str> = hop
        .findings
        .iter()
        .filter(|f| f.code.as_str() == "dns-error")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("refused.bl.example"), "{}", errors[0]);
    assert!(!errors[0].contains("odd.bl"), "{}", errors[0]);
}

#[test]
fn blocklist_reason_split_over_several_strings_is_joined() {
    let mut r = reports::one_hop(&no_helo("192.0.2.9"), None, "mx1.example.net");
    let mut opts = options(&SERVER);
    opts.dnsbl = vec![HostName::parse("multi.bl.example.com").unwrap()];
    check_report(&mut r, &opts);
    let bl = &r.hops[0].dns.as_ref().unwrap().dnsbl[0];
    assert_eq!(bl.listed, Some(true));
    assert_eq!(bl.codes, ["127.0.0.3".parse::<Ipv4Addr>().unwrap()]);
    assert_eq!(
        bl.reason.as_deref(),
        Some("Listed since 2026-11-01: see https://bl.example.com/192.0.2.9")
    );
}

#[test]
fn ipv6_sender_is_asked_of_a_blocklist_in_nibbles() {
    let mut r = reports::one_hop(&no_helo("2001:db8::77"), None, "mx1.example.net");
    let mut opts = options(&SERVER);
    opts.dnsbl = vec![HostName::parse("multi.bl.example.com").unwrap()];
    check_report(&mut r, &opts);
    let bl = &r.hops[0].dns.as_ref().unwrap().dnsbl[0];
    assert_eq!(
        bl.query,
        "7.7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.multi.bl.example.com"
    );
    assert_eq!(bl.status, LookupStatus::NxDomain);
    assert_eq!(bl.listed, Some(false));
}

// ---------------------------------------------------------------- MX

fn mx_of(to: &str, by: &str) -> (MxCheck, Vec<String>) {
    let mut r = reports::one_hop(&sender("mail.example.org", "192.0.2.7"), Some(to), by);
    check_report(&mut r, &options(&SERVER));
    let codes = r
        .findings
        .iter()
        .map(|f| f.code.as_str().to_string())
        .collect();
    (r.dns.unwrap().mx.expect("MX checked"), codes)
}

#[test]
fn mx_preference_ties_are_sorted_by_name_and_all_resolve() {
    let (mx, codes) = mx_of("bob@ties.example.net", "mx-b.example.net");
    assert_eq!(mx.kind, MxKind::Mx);
    let hosts = as_json(&mx)["hosts"].clone();
    assert_eq!(
        hosts,
        json!([
            {"preference": 10, "host": "mx-a.example.net", "status": "ok", "addresses": ["198.51.100.21"], "cname": null, "problem": null},
            {"preference": 10, "host": "mx-b.example.net", "status": "ok", "addresses": ["198.51.100.22"], "cname": null, "problem": null},
            {"preference": 20, "host": "mx-c.example.net", "status": "ok", "addresses": ["198.51.100.23"], "cname": null, "problem": null},
        ])
    );
    assert_eq!(mx.receiver_listed, Some(true));
    assert!(codes.is_empty(), "{codes:?}");
}

#[test]
fn mx_pointing_at_a_cname_is_noted_and_its_target_counts_as_the_host() {
    let (mx, codes) = mx_of("bob@cnamemx.example.net", "mx1.example.net");
    assert_eq!(mx.kind, MxKind::Mx);
    let host = &as_json(&mx)["hosts"][0];
    assert_eq!(host["host"], "mxalias.example.net");
    assert_eq!(host["status"], "ok");
    assert_eq!(host["addresses"], json!(["198.51.100.10"]));
    assert_eq!(host["cname"], "mx1.example.net");
    assert_eq!(mx.receiver_listed, Some(true));
    assert_eq!(codes, ["mx-cname"]);
}

#[test]
fn mx_host_that_does_not_exist_is_a_warning() {
    let (mx, codes) = mx_of("bob@deadmx.example.net", "mx1.example.net");
    assert_eq!(mx.kind, MxKind::Mx);
    let hosts = as_json(&mx)["hosts"].clone();
    assert_eq!(hosts[0]["host"], "nonexistent.example.net");
    assert_eq!(hosts[0]["status"], "nxdomain");
    assert_eq!(hosts[0]["addresses"], json!([]));
    assert_eq!(hosts[1]["host"], "mx1.example.net");
    assert_eq!(hosts[1]["status"], "ok");
    assert_eq!(mx.receiver_listed, Some(true));
    assert_eq!(codes, ["mx-host-unresolvable"]);
}

#[test]
fn mx_target_written_as_an_ip_address_is_not_a_host_and_not_asked() {
    let (mx, codes) = mx_of("bob@literalmx.example.net", "mx1.example.net");
    assert_eq!(mx.kind, MxKind::Mx);
    let host = &as_json(&mx)["hosts"][0];
    assert_eq!(host["host"], "192.0.2.9");
    assert_eq!(host["status"], "not-asked");
    assert!(
        host["problem"].as_str().unwrap().contains("all digits"),
        "{host}"
    );
    assert_eq!(mx.receiver_listed, Some(false));
    assert!(
        codes.contains(&"mx-host-unresolvable".to_string()),
        "{codes:?}"
    );
}

// ---------------------------------------------------------------- the binary

#[test]
fn binary_reads_mapped_mixed_case_and_wildcard_hops() {
    let message = "Received: from mapped.example.org (mapped.example.org [IPv6:::ffff:192.0.2.61]) by mx1.example.net (Postfix) with ESMTP id A1 for <bob@ties.example.net>; Mon, 23 Nov 2026 10:00:03 +0000\n\
Received: from MIXED.EXAMPLE.ORG (Mixed.Example.Org [192.0.2.11]) by mapped.example.org (Postfix) with ESMTP id A0; Mon, 23 Nov 2026 10:00:02 +0000\n\
Received: from host-1.dyn.example.net (client-50.dyn.example.net [198.51.100.50]) by mixed.example.org (Postfix) with ESMTP id Z9; Mon, 23 Nov 2026 10:00:01 +0000\n\
From: a@example.org\nTo: bob@ties.example.net\nSubject: held-out\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\nhi\n";
    let dir = std::env::temp_dir().join(format!("trace-path-heldout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("heldout.eml");
    std::fs::write(&path, message).unwrap();
    let out = crate::support::trace_path_online()
        .args(["--format", "json", "--resolver", &SERVER.resolver_arg()])
        .arg(&path)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hops = r["hops"].as_array().unwrap();
    let by_ip = |want: &str| {
        hops.iter()
            .find(|h| h["dns"]["ip"] == want)
            .unwrap_or_else(|| panic!("no hop checked as {want}: {hops:?}"))
    };
    let mapped = by_ip("192.0.2.61");
    assert_eq!(mapped["dns"]["ptr"]["query"], "61.2.0.192.in-addr.arpa");
    assert_eq!(mapped["dns"]["fcrdns"]["result"], "pass");
    assert_eq!(mapped["dns"]["helo"]["matches_ip"], true);
    let mixed = by_ip("192.0.2.11");
    assert_eq!(mixed["dns"]["ptr"]["changed"], false);
    assert_eq!(mixed["dns"]["helo"]["matches_ptr"], true);
    assert_eq!(mixed["dns"]["fcrdns"]["result"], "pass");
    let wild = by_ip("198.51.100.50");
    assert_eq!(wild["dns"]["helo"]["matches_ip"], true);
    assert_eq!(
        wild["dns"]["ptr"]["generic"],
        json!(["client-50.dyn.example.net"])
    );
    let mx = &r["dns"]["mx"];
    assert_eq!(mx["domain"], "ties.example.net");
    assert_eq!(mx["receiver_listed"], false, "mx1 is not a ties MX host");
    assert_eq!(mx["hosts"][0]["host"], "mx-a.example.net");
}
