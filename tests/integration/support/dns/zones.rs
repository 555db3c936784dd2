//! The test DNS data: example domains and documentation addresses only.
//!
//! | sender IP        | PTR                                   | what it tests |
//! |------------------|---------------------------------------|---------------|
//! | 192.0.2.7        | mail.example.org (A 192.0.2.7)        | FCrDNS pass |
//! | 192.0.2.20       | multi-a (→ .20) and multi-b (→ .21)   | several PTRs, one confirms |
//! | 192.0.2.30       | liar.example.org (A 192.0.2.99)       | FCrDNS fail; listed on bl.example.net |
//! | 192.0.2.40       | `mail.example.org` without the dot    | PTR ending in in-addr.arpa |
//! | 192.0.2.50       | none (NXDOMAIN)                       | no PTR |
//! | 198.51.100.10    | mx1.example.net                       | the recipient's MX |
//! | 198.51.100.77    | other.example.org                     | |
//! | 203.0.113.5      | dsl-5.example.com (A 203.0.113.5)     | |
//! | 203.0.113.66     | host-66-.example.com                  | PTR not a host name |
//! | 203.0.113.99     | SERVFAIL                              | server failure |
//! | 2001:db8::25     | v6.example.org (AAAA 2001:db8::25)    | IPv6 FCrDNS pass |
//!
//! HELO names: alias.example.org is a CNAME of mail.example.org;
//! textonly.example.org has no address (NODATA); nothing.example.org does
//! not exist (NXDOMAIN); broken.example.com answers SERVFAIL; relay.example
//! is in no zone (REFUSED).
//!
//! Recipient domains: example.net (MX 10 mx1, 20 mx2), nomx.example.net
//! (no MX, an A: implicit MX), nullmx.example.net (RFC 7505 null MX),
//! empty.example.net (no MX, no address), gone.example.net (NXDOMAIN).

#![allow(dead_code)]

use super::dns_server::ServerConfig;

const SOA: &str = "@ IN SOA ns.example.net. hostmaster.example.net. 1 3600 600 86400 300\n@ IN NS ns.example.net.\n";

/// A zone file: `$ORIGIN`, a TTL of 300 s, the SOA and NS, then `body`.
pub fn zone(origin: &str, body: &str) -> String {
    format!("$ORIGIN {origin}\n$TTL 300\n{SOA}{body}")
}

pub fn example_org() -> String {
    zone(
        "example.org.",
        "mail IN A 192.0.2.7
alias IN CNAME mail.example.org.
multi-a IN A 192.0.2.20
multi-b IN A 192.0.2.21
liar IN A 192.0.2.99
other IN A 198.51.100.77
v6 IN AAAA 2001:db8::25
textonly IN TXT \"no address here\"
",
    )
}

pub fn example_net() -> String {
    zone(
        "example.net.",
        "@ IN MX 10 mx1.example.net.
@ IN MX 20 mx2.example.net.
ns IN A 198.51.100.53
mx1 IN A 198.51.100.10
mx2 IN A 198.51.100.11
mailbox IN A 198.51.100.20
nomx IN A 198.51.100.30
nullmx IN MX 0 .
empty IN TXT \"no mail here\"
",
    )
}

pub fn example_com() -> String {
    zone(
        "example.com.",
        "dsl-5 IN A 203.0.113.5
broken IN A 203.0.113.1
",
    )
}

pub fn reverse_192_0_2() -> String {
    zone(
        "2.0.192.in-addr.arpa.",
        "7 IN PTR mail.example.org.
20 IN PTR multi-a.example.org.
20 IN PTR multi-b.example.org.
30 IN PTR liar.example.org.
40 IN PTR mail.example.org
",
    )
}

pub fn reverse_198_51_100() -> String {
    zone(
        "100.51.198.in-addr.arpa.",
        "10 IN PTR mx1.example.net.
11 IN PTR mx2.example.net.
77 IN PTR other.example.org.
",
    )
}

pub fn reverse_203_0_113() -> String {
    zone(
        "113.0.203.in-addr.arpa.",
        "5 IN PTR dsl-5.example.com.
66 IN PTR host-66-.example.com.
99 IN PTR never-served.example.com.
",
    )
}

pub fn reverse_2001_db8() -> String {
    zone(
        "8.b.d.0.1.0.0.2.ip6.arpa.",
        "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR v6.example.org.
",
    )
}

/// The blocklist: 192.0.2.30 and the RFC 5782 test entry 127.0.0.2.
pub fn blocklist() -> String {
    zone(
        "bl.example.net.",
        "30.2.0.192 IN A 127.0.0.2
30.2.0.192 IN TXT \"Listed: spam source, see https://bl.example.net/192.0.2.30\"
2.0.0.127 IN A 127.0.0.2
2.0.0.127 IN TXT \"RFC 5782 test entry\"
",
    )
}

/// All zones, with SERVFAIL for broken.example.com and 203.0.113.99.
pub fn standard() -> ServerConfig {
    ServerConfig {
        zones: vec![
            example_org(),
            example_net(),
            example_com(),
            reverse_192_0_2(),
            reverse_198_51_100(),
            reverse_203_0_113(),
            reverse_2001_db8(),
            blocklist(),
        ],
        servfail: vec![
            "broken.example.com.".to_string(),
            "99.113.0.203.in-addr.arpa.".to_string(),
        ],
        delay: std::time::Duration::ZERO,
    }
}
