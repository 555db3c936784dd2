//! Held-out DNS data: real-world shapes the standard zones do not have,
//! written by someone other than the checks' author (tests/dns_heldout.rs).
//! Example domains and documentation addresses only.
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

#![allow(dead_code)]

use super::dns_server::ServerConfig;

const SOA: &str = "@ IN SOA ns.example.net. hostmaster.example.net. 1 3600 600 86400 300\n@ IN NS ns.example.net.\n";

fn zone(origin: &str, body: &str) -> String {
    format!("$ORIGIN {origin}\n$TTL 300\n{SOA}{body}")
}

/// The 25 PTR names of 203.0.113.25, long enough that the set is over 1232 bytes.
pub fn farm_name(i: usize) -> String {
    format!("shared-web-hosting-customer-virtual-host-number-{i:02}.farm.example.org")
}

pub fn example_org() -> String {
    let mut body = String::from(
        "mail IN A 192.0.2.7
cls-b IN A 192.0.2.70
ptralias IN CNAME real.example.org.
real IN A 192.0.2.9
c1 IN CNAME c2.example.org.
c2 IN CNAME c3.example.org.
c3 IN A 192.0.2.10
loop1 IN CNAME loop2.example.org.
loop2 IN CNAME loop1.example.org.
dangling IN CNAME nowhere.example.org.
MIXED IN A 192.0.2.11
xn--bcher-kva IN A 192.0.2.12
xn--mnchen-3ya IN A 192.0.2.12
192-0-2-13.dynamic IN A 192.0.2.13
17.2.0.192.pool IN A 192.0.2.17
dual IN A 192.0.2.60
dual IN AAAA 2001:db8::60
mapped IN A 192.0.2.61
v6only IN AAAA 2001:db8::77
",
    );
    for i in 1..=40 {
        body.push_str(&format!("big IN A 198.51.100.{i}\n"));
    }
    for i in 1..=25 {
        let ip = if i == 1 {
            "203.0.113.25"
        } else {
            "203.0.113.250"
        };
        let name = farm_name(i);
        body.push_str(&format!("{name}. IN A {ip}\n"));
    }
    zone("example.org.", &body)
}

pub fn example_net() -> String {
    zone(
        "example.net.",
        "@ IN MX 10 mx1.example.net.
ns IN A 198.51.100.53
mx1 IN A 198.51.100.10
*.dyn IN A 198.51.100.50
ties IN MX 10 mx-b.example.net.
ties IN MX 10 mx-a.example.net.
ties IN MX 20 mx-c.example.net.
mx-a IN A 198.51.100.21
mx-b IN A 198.51.100.22
mx-c IN A 198.51.100.23
cnamemx IN MX 10 mxalias.example.net.
mxalias IN CNAME mx1.example.net.
deadmx IN MX 10 nonexistent.example.net.
deadmx IN MX 20 mx1.example.net.
literalmx IN MX 10 192.0.2.9.
",
    )
}

pub fn reverse_192_0_2() -> String {
    zone(
        "2.0.192.in-addr.arpa.",
        "7 IN CNAME 7.0-26.2.0.192.in-addr.arpa.
7.0-26 IN PTR mail.example.org.
70 IN CNAME 70.64-26.2.0.192.in-addr.arpa.
9 IN PTR ptralias.example.org.
10 IN PTR c1.example.org.
11 IN PTR MiXeD.Example.ORG.
12 IN PTR xn--bcher-kva.example.org.
13 IN PTR 192-0-2-13.dynamic.example.org.
14 IN PTR loop1.example.org.
15 IN CNAME 15b.2.0.192.in-addr.arpa.
15b IN CNAME 15.2.0.192.in-addr.arpa.
17 IN PTR 17.2.0.192.pool.example.org.
60 IN PTR dual.example.org.
61 IN PTR mapped.example.org.
18 IN PTR v6only.example.org.
",
    )
}

/// RFC 2317: the /26 delegated as a zone of its own.
pub fn reverse_192_0_2_64_26() -> String {
    zone(
        "64-26.2.0.192.in-addr.arpa.",
        "70 IN PTR cls-b.example.org.
",
    )
}

pub fn reverse_198_51_100() -> String {
    zone(
        "100.51.198.in-addr.arpa.",
        "40 IN PTR big.example.org.
50 IN PTR client-50.dyn.example.net.
",
    )
}

pub fn reverse_203_0_113() -> String {
    let mut body = String::new();
    for i in 1..=25 {
        body.push_str(&format!("25 IN PTR {}.\n", farm_name(i)));
    }
    zone("113.0.203.in-addr.arpa.", &body)
}

pub fn reverse_2001_db8() -> String {
    zone(
        "8.b.d.0.1.0.0.2.ip6.arpa.",
        "7.7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR v6only.example.org.
0.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR dual.example.org.
",
    )
}

pub fn blocklists() -> Vec<String> {
    vec![
        zone(
            "multi.bl.example.com.",
            "7.2.0.192 IN A 127.0.0.2
7.2.0.192 IN A 127.0.0.10
7.2.0.192 IN A 127.0.0.4
7.2.0.192 IN TXT \"Listed in SBL: snowshoe range\"
7.2.0.192 IN TXT \"Listed in XBL: infected host\"
9.2.0.192 IN A 127.0.0.3
9.2.0.192 IN TXT \"Listed since 2026-11-01: \" \"see https://bl.example.com/192.0.2.9\"
",
        ),
        zone("odd.bl.example.com.", "7.2.0.192 IN A 0.0.0.0\n"),
        zone("parked.bl.example.com.", "* IN A 198.51.100.200\n"),
        zone("empty.bl.example.com.", ""),
    ]
}

pub fn heldout() -> ServerConfig {
    let mut zones = vec![
        example_org(),
        example_net(),
        reverse_192_0_2(),
        reverse_192_0_2_64_26(),
        reverse_198_51_100(),
        reverse_203_0_113(),
        reverse_2001_db8(),
    ];
    zones.extend(blocklists());
    ServerConfig {
        zones,
        servfail: Vec::new(),
        delay: std::time::Duration::ZERO,
    }
}
