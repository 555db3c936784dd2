//! The checks of one hop's sender: PTR, forward-confirmed rDNS, the rDNS
//! recorded then against the PTR now, and the HELO name. Every question
//! that does not depend on another is asked at the same time.

use std::collections::BTreeSet;
use std::net::IpAddr;

use futures_util::future::join_all;

use super::dnsbl;
use super::names::{self, HeloSyntax};
use super::resolver::{DnsAnswer, Engine, QueryType, Rdata, Records, status_of};
use crate::host::{self, HostName};
use crate::model::{
    BrokenPtr, DnsblCheck, Fcrdns, FcrdnsCheck, ForwardCheck, HeloCheck, HeloKind, HopDns,
    LookupStatus, PtrCheck,
};

/// At most this many PTR names of one IP are looked up forward; an IP
/// with hundreds of PTRs (shared hosting) must not eat the query budget.
const MAX_PTR_NAMES: usize = 8;

/// What one hop's checks need to know.
#[derive(Debug, Clone)]
pub struct HopQuestion {
    /// The connecting IP, public, IPv4-mapped addresses already unwrapped.
    pub ip: IpAddr,
    pub helo: Option<String>,
    /// The rDNS name the receiver recorded.
    pub recorded_rdns: Option<String>,
    /// Blocklists to ask about this IP (empty for most hops).
    pub dnsbl_zones: Vec<HostName>,
}

/// Runs every check of one hop.
pub async fn check_hop(engine: &Engine, q: &HopQuestion) -> HopDns {
    let (reverse, helo, dnsbl) = tokio::join!(
        reverse_checks(engine, q.ip, q.recorded_rdns.as_deref()),
        async {
            match &q.helo {
                Some(h) => Some(helo_check(engine, h, q.ip).await),
                None => None,
            }
        },
        join_all(q.dnsbl_zones.iter().map(|z| dnsbl::check(engine, q.ip, z))),
    );
    let (ptr, fcrdns) = reverse;
    let helo = helo.map(|h| with_ptr_agreement(h, &ptr));
    HopDns {
        ip: Some(q.ip),
        skipped: None,
        ptr: Some(ptr),
        fcrdns: Some(fcrdns),
        helo,
        dnsbl: dnsbl.into_iter().collect::<Vec<DnsblCheck>>(),
    }
}

/// PTR of the IP, then each PTR name forward (FCrDNS).
async fn reverse_checks(
    engine: &Engine,
    ip: IpAddr,
    recorded: Option<&str>,
) -> (PtrCheck, FcrdnsCheck) {
    let query = names::reverse_name(ip);
    let answer = engine.ask(&query, QueryType::Ptr).await;
    let ptr = ptr_check(ip, query.as_str(), &answer, recorded);
    let fcrdns = fcrdns_check(engine, ip, &ptr).await;
    (ptr, fcrdns)
}

fn ptr_check(
    ip: IpAddr,
    query: &str,
    answer: &DnsAnswer<Records>,
    recorded: Option<&str>,
) -> PtrCheck {
    let status = status_of(answer);
    let names: Vec<String> = match answer {
        Ok(records) => records
            .iter()
            .filter_map(|r| match r {
                Rdata::Ptr(name) => Some(name.clone()),
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        Err(_) => Vec::new(),
    };
    // An answer with no PTR record in it (only a CNAME chain to nowhere) is no PTR.
    let status = if status == LookupStatus::Ok && names.is_empty() {
        LookupStatus::NoRecords
    } else {
        status
    };
    let broken = names
        .iter()
        .filter_map(|n| {
            broken_ptr(n).map(|why| BrokenPtr {
                name: n.clone(),
                why,
            })
        })
        .collect();
    let generic = names
        .iter()
        .filter(|n| broken_ptr(n).is_none() && host::looks_generic(n, ip))
        .cloned()
        .collect();
    let recorded = recorded.map(|r| r.trim().trim_end_matches('.').to_ascii_lowercase());
    let changed = match (&recorded, status) {
        (Some(r), LookupStatus::Ok) => Some(!names.contains(r)),
        (Some(_), s) if s.is_missing() => Some(true),
        _ => None,
    };
    PtrCheck {
        query: query.to_string(),
        status,
        names,
        broken,
        generic,
        recorded,
        changed,
    }
}

/// Why a PTR name is obviously wrong, if it is.
pub fn broken_ptr(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the PTR points at the root, '.'".to_string());
    }
    if name.ends_with(".in-addr.arpa") || name.ends_with(".ip6.arpa") {
        return Some(
            "it ends in the reverse zone: the reverse zone file forgot the trailing dot after the host name"
                .to_string(),
        );
    }
    HostName::parse(name)
        .err()
        .map(|problem| format!("it is not a valid host name: {problem}"))
}

async fn fcrdns_check(engine: &Engine, ip: IpAddr, ptr: &PtrCheck) -> FcrdnsCheck {
    if ptr.status.is_missing() {
        return FcrdnsCheck {
            result: Fcrdns::NoPtr,
            confirmed: None,
            names: Vec::new(),
        };
    }
    let lookups = ptr
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| forward(engine, ip, name, i < MAX_PTR_NAMES));
    let names: Vec<ForwardCheck> = join_all(lookups).await;
    let confirmed = names.iter().find(|f| f.matches).map(|f| f.name.clone());
    let result = if ptr.status != LookupStatus::Ok {
        Fcrdns::Error
    } else if confirmed.is_some() {
        Fcrdns::Pass
    } else if names
        .iter()
        .all(|f| f.status.is_answer() || f.status == LookupStatus::NotAsked)
    {
        Fcrdns::Fail
    } else {
        Fcrdns::Error
    };
    FcrdnsCheck {
        result,
        confirmed,
        names,
    }
}

/// One PTR name's addresses of the IP's family. Broken names are not asked.
async fn forward(engine: &Engine, ip: IpAddr, name: &str, within_cap: bool) -> ForwardCheck {
    let valid = HostName::parse(name)
        .ok()
        .filter(|_| within_cap && broken_ptr(name).is_none());
    let Some(host) = valid else {
        return ForwardCheck {
            name: name.to_string(),
            status: LookupStatus::NotAsked,
            addresses: Vec::new(),
            matches: false,
        };
    };
    let answer = engine.ask(&host, QueryType::address_of(ip)).await;
    let addresses = addresses(&answer);
    ForwardCheck {
        name: name.to_string(),
        status: status_of(&answer),
        matches: addresses.contains(&ip),
        addresses,
    }
}

/// A name's addresses: its A and AAAA answers together.
pub struct NameAddresses {
    /// Records if either question found some, else the failure.
    pub status: LookupStatus,
    /// A and AAAA addresses, sorted.
    pub addresses: Vec<IpAddr>,
    /// The CNAME target when the name is an alias.
    pub cname: Option<String>,
}

/// Asks A and AAAA for `name` at once: the one lookup of "the addresses
/// of a name" (a HELO name, an MX host, a domain without MX).
pub async fn addresses_of(engine: &Engine, name: &HostName) -> NameAddresses {
    let (a, aaaa) = tokio::join!(
        engine.ask(name, QueryType::A),
        engine.ask(name, QueryType::Aaaa)
    );
    let mut found = addresses(&a);
    found.extend(addresses(&aaaa));
    found.sort();
    found.dedup();
    let cname = [&a, &aaaa]
        .into_iter()
        .flat_map(|answer| answer.iter().flat_map(|records| records.iter()))
        .find_map(|r| match r {
            Rdata::Cname { owner, target } if owner == name.as_str() => Some(target.clone()),
            _ => None,
        });
    NameAddresses {
        status: combined_status(status_of(&a), status_of(&aaaa)),
        addresses: found,
        cname,
    }
}

/// The A/AAAA addresses in an answer, sorted.
pub fn addresses(answer: &DnsAnswer<Records>) -> Vec<IpAddr> {
    let mut found: Vec<IpAddr> = answer
        .iter()
        .flat_map(|records| records.iter().filter_map(Rdata::address))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The HELO name: syntax first; only a valid FQDN is looked up.
async fn helo_check(engine: &Engine, helo: &str, ip: IpAddr) -> HeloCheck {
    let mut check = HeloCheck {
        name: helo.to_string(),
        kind: HeloKind::Fqdn,
        problem: None,
        status: LookupStatus::NotAsked,
        addresses: Vec::new(),
        cname: None,
        matches_ip: None,
        matches_ptr: None,
    };
    match names::helo_syntax(helo) {
        HeloSyntax::Fqdn(name) => resolve_helo(engine, &name, ip, &mut check).await,
        HeloSyntax::Literal(literal) => {
            check.kind = HeloKind::AddressLiteral;
            check.matches_ip = Some(literal.to_canonical() == ip);
        }
        HeloSyntax::NotFqdn(_) => {
            check.kind = HeloKind::NotFqdn;
            check.problem = Some("a bare name, not a fully qualified domain name".to_string());
        }
        HeloSyntax::Localhost => {
            check.kind = HeloKind::Localhost;
            check.problem = Some("localhost says nothing about the sender".to_string());
        }
        HeloSyntax::Invalid(why) => {
            check.kind = HeloKind::Invalid;
            check.problem = Some(why);
        }
    }
    check
}

async fn resolve_helo(engine: &Engine, name: &HostName, ip: IpAddr, check: &mut HeloCheck) {
    let found = addresses_of(engine, name).await;
    check.status = found.status;
    check.addresses = found.addresses;
    check.cname = found.cname;
    check.matches_ip = if !check.addresses.is_empty() {
        Some(check.addresses.contains(&ip))
    } else if check.status.is_missing() {
        Some(false)
    } else {
        None
    };
}

/// One status for an A and an AAAA question: records if either has them,
/// NXDOMAIN or no records if both say so, else the failure.
pub fn combined_status(a: LookupStatus, aaaa: LookupStatus) -> LookupStatus {
    use LookupStatus::*;
    match (a, aaaa) {
        (Ok, _) | (_, Ok) => Ok,
        (NxDomain, x) | (x, NxDomain) if x.is_answer() => NxDomain,
        (NoRecords, NoRecords) => NoRecords,
        (x, y) if x.is_answer() => y,
        (x, _) => x,
    }
}

/// Whether the HELO name is one of the IP's PTR names, once both are known.
fn with_ptr_agreement(mut helo: HeloCheck, ptr: &PtrCheck) -> HeloCheck {
    let name = match helo.kind {
        HeloKind::Fqdn | HeloKind::NotFqdn => {
            helo.name.trim().trim_end_matches('.').to_ascii_lowercase()
        }
        _ => return helo,
    };
    helo.matches_ptr = match ptr.status {
        LookupStatus::Ok => Some(ptr.names.contains(&name)),
        s if s.is_missing() => Some(false),
        _ => None,
    };
    helo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_ptr_names() {
        assert!(broken_ptr("mail.example.org").is_none());
        assert!(
            broken_ptr("mail.example.org.7.2.0.192.in-addr.arpa")
                .unwrap()
                .contains("trailing dot")
        );
        assert!(broken_ptr("host_1.example.org").unwrap().contains("'_'"));
        assert!(broken_ptr("").is_some());
    }

    #[test]
    fn a_and_aaaa_statuses_combine() {
        use LookupStatus::*;
        assert_eq!(combined_status(Ok, NoRecords), Ok);
        assert_eq!(combined_status(Timeout, Ok), Ok);
        assert_eq!(combined_status(NxDomain, NxDomain), NxDomain);
        assert_eq!(combined_status(NoRecords, NoRecords), NoRecords);
        assert_eq!(combined_status(NoRecords, Timeout), Timeout);
        assert_eq!(combined_status(ServFail, NoRecords), ServFail);
        assert_eq!(combined_status(NxDomain, Timeout), Timeout);
    }

    #[test]
    fn ptr_changed_compares_recorded_and_current() {
        let records: Records = vec![Rdata::Ptr("mail.example.org".to_string())].into();
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let now = ptr_check(ip, "q", &Ok(records.clone()), Some("Mail.Example.org."));
        assert_eq!(now.changed, Some(false));
        let other = ptr_check(ip, "q", &Ok(records), Some("old.example.org"));
        assert_eq!(other.changed, Some(true));
        let none = ptr_check(
            ip,
            "q",
            &Err(super::super::resolver::DnsFailure::NxDomain),
            Some("x.example"),
        );
        assert_eq!(none.changed, Some(true));
        assert_eq!(none.status, LookupStatus::NxDomain);
        let unknown = ptr_check(
            ip,
            "q",
            &Err(super::super::resolver::DnsFailure::Timeout),
            Some("x.example"),
        );
        assert_eq!(unknown.changed, None);
    }
}
