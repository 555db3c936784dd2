//! Second held-out DNS batch (tests/dns_heldout2.rs): shapes neither the
//! standard zones nor the first held-out batch have. Example domains and
//! documentation addresses only.
//!
//! | sender IP          | shape |
//! |--------------------|-------|
//! | 192.0.2.101        | PTR alpha (A .199) and zulu (A .101): only the second name, in sorted order, confirms |
//! | 192.0.2.102        | PTR good.example.org. and `bad.example.org` (no trailing dot: broken) |
//! | 192.0.2.103        | PTR mx.sick.example.com, whose A question is answered SERVFAIL |
//! | 192.0.2.104        | the reverse name exists with a TXT record only (PTR NODATA) |
//! | 192.0.2.105        | PTR lit.example.org (A .105); literal HELOs; blocklisted in odd ways |
//! | 192.0.2.107        | `107` CNAME to a reverse name that does not exist |
//! | 198.51.100.6       | PTR multi.example.org: A .5 and .6, AAAA 2001:db8::6 |
//! | 2001:db8::105      | PTR lit6.example.org (AAAA); listed on v6.bl.example.com |
//! | 2001:db8::106      | PTR v4only.example.org, which has an A record only |
//!
//! Recipient domains under example.net: dualmx (MX host with A and AAAA),
//! backup (MX 10 mxp, 20 mxr, 20 mxs), cnamedom (only a CNAME to
//! mx1.example.net, which has no MX), aliasdom (a CNAME to realdom, which
//! has MX 10 mx1).
//! Blocklists: refusing.bl.example.com (127.255.255.254), sick.bl.example.com
//! (SERVFAIL), notxt.bl.example.com (127.0.0.3 without TXT), v6.bl.example.com
//! (an IPv6 entry, 127.0.0.2 with TXT).

#![allow(dead_code)]

use super::dns_server::ServerConfig;

const SOA: &str = "@ IN SOA ns.example.net. hostmaster.example.net. 1 3600 600 86400 300\n@ IN NS ns.example.net.\n";

fn zone(origin: &str, body: &str) -> String {
    format!("$ORIGIN {origin}\n$TTL 300\n{SOA}{body}")
}

/// The nibble name of 2001:db8::105 under a zone.
pub const V6_105_NIBBLES: &str = "5.0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2";

pub fn example_org() -> String {
    zone(
        "example.org.",
        "alpha IN A 192.0.2.199
zulu IN A 192.0.2.101
good IN A 192.0.2.102
lit IN A 192.0.2.105
multi IN A 198.51.100.5
multi IN A 198.51.100.6
multi IN AAAA 2001:db8::6
lit6 IN AAAA 2001:db8::105
v4only IN A 192.0.2.106
",
    )
}

pub fn example_com() -> String {
    zone(
        "example.com.",
        "mx.sick IN A 192.0.2.103
",
    )
}

pub fn example_net() -> String {
    zone(
        "example.net.",
        "ns IN A 198.51.100.53
mx1 IN A 198.51.100.10
dualmx IN MX 10 mxd.example.net.
mxd IN A 198.51.100.60
mxd IN AAAA 2001:db8:1::60
backup IN MX 20 mxs.example.net.
backup IN MX 10 mxp.example.net.
backup IN MX 20 mxr.example.net.
mxp IN A 198.51.100.61
mxr IN A 198.51.100.62
mxs IN A 198.51.100.63
cnamedom IN CNAME mx1.example.net.
aliasdom IN CNAME realdom.example.net.
realdom IN MX 10 mx1.example.net.
",
    )
}

pub fn reverse_192_0_2() -> String {
    zone(
        "2.0.192.in-addr.arpa.",
        "101 IN PTR zulu.example.org.
101 IN PTR alpha.example.org.
102 IN PTR good.example.org.
102 IN PTR bad.example.org
103 IN PTR mx.sick.example.com.
104 IN TXT \"reserved, no PTR\"
105 IN PTR lit.example.org.
107 IN CNAME 107.gone.2.0.192.in-addr.arpa.
",
    )
}

pub fn reverse_198_51_100() -> String {
    zone(
        "100.51.198.in-addr.arpa.",
        "6 IN PTR multi.example.org.
",
    )
}

pub fn reverse_2001_db8() -> String {
    zone(
        "8.b.d.0.1.0.0.2.ip6.arpa.",
        "5.0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR lit6.example.org.
6.0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR v4only.example.org.
",
    )
}

pub fn blocklists() -> Vec<String> {
    vec![
        zone(
            "refusing.bl.example.com.",
            "105.2.0.192 IN A 127.255.255.254
105.2.0.192 IN TXT \"Queries through public resolvers are refused\"
",
        ),
        zone("sick.bl.example.com.", "105.2.0.192 IN A 127.0.0.2\n"),
        zone("notxt.bl.example.com.", "105.2.0.192 IN A 127.0.0.3\n"),
        zone(
            "v6.bl.example.com.",
            &format!(
                "{V6_105_NIBBLES} IN A 127.0.0.2\n{V6_105_NIBBLES} IN TXT \"IPv6 spam source\"\n"
            ),
        ),
    ]
}

pub fn heldout2() -> ServerConfig {
    let mut zones = vec![
        example_org(),
        example_com(),
        example_net(),
        reverse_192_0_2(),
        reverse_198_51_100(),
        reverse_2001_db8(),
    ];
    zones.extend(blocklists());
    ServerConfig {
        zones,
        servfail: vec![
            "mx.sick.example.com.".to_string(),
            "105.2.0.192.sick.bl.example.com.".to_string(),
        ],
        delay: std::time::Duration::ZERO,
    }
}
