//! DNS blocklists: IP a.b.c.d is listed on `zone` when `d.c.b.a.zone` has
//! an A record (the return code, usually 127.0.0.x); the TXT record of the
//! same name often says why. IPv6 uses the 32-nibble reversed form.
//!
//! Off by default: every question tells the list's operator the IP.

use std::net::{IpAddr, Ipv4Addr};

use super::names;
use super::resolver::{Engine, QueryType, Rdata, status_of};
use crate::host::HostName;
use crate::model::{DnsblCheck, LookupStatus};

/// Asks `zone` about `ip`, and for the reason when it is listed.
pub async fn check(engine: &Engine, ip: IpAddr, zone: &HostName) -> DnsblCheck {
    let mut check = DnsblCheck {
        zone: zone.to_string(),
        query: format!("{}.{zone}", names::reversed(ip)),
        status: LookupStatus::NotAsked,
        listed: None,
        codes: Vec::new(),
        reason: None,
    };
    // An IPv6 query name under a long zone can exceed 253 characters.
    let Ok(query) = HostName::prefixed(&names::reversed(ip), zone) else {
        return check;
    };
    let answer = engine.ask(&query, QueryType::A).await;
    check.status = status_of(&answer);
    check.codes = answer
        .iter()
        .flat_map(|records| records.iter())
        .filter_map(|r| match r {
            Rdata::A(a) => Some(*a),
            _ => None,
        })
        .collect();
    check.codes.sort();
    check.codes.dedup();
    check.listed = listed(check.status, &check.codes);
    if check.listed == Some(true) {
        check.reason = reason(engine, &query).await;
    }
    check
}

/// Listed when a return code is in 127.0.0.0/8. Codes in 127.255.255.0/24
/// are how lists refuse a query (often one sent through a public
/// resolver), so they say nothing about the IP.
fn listed(status: LookupStatus, codes: &[Ipv4Addr]) -> Option<bool> {
    match status {
        LookupStatus::Ok => {
            let listing = codes
                .iter()
                .any(|c| c.octets()[0] == 127 && c.octets()[..3] != [127, 255, 255]);
            listing.then_some(true)
        }
        s if s.is_missing() => Some(false),
        _ => None,
    }
}

async fn reason(engine: &Engine, query: &HostName) -> Option<String> {
    let answer = engine.ask(query, QueryType::Txt).await.ok()?;
    let texts: Vec<&str> = answer
        .iter()
        .filter_map(|r| match r {
            Rdata::Txt(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    (!texts.is_empty()).then(|| texts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_by_return_code() {
        let code = |s: &str| s.parse::<Ipv4Addr>().unwrap();
        assert_eq!(listed(LookupStatus::Ok, &[code("127.0.0.2")]), Some(true));
        assert_eq!(listed(LookupStatus::Ok, &[code("127.255.255.254")]), None);
        assert_eq!(listed(LookupStatus::Ok, &[code("192.0.2.1")]), None);
        assert_eq!(listed(LookupStatus::NxDomain, &[]), Some(false));
        assert_eq!(listed(LookupStatus::NoRecords, &[]), Some(false));
        assert_eq!(listed(LookupStatus::Timeout, &[]), None);
    }
}
