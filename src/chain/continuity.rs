//! Continuity between neighbouring hops: is a hop's sender the host that
//! wrote the header below it? Used by the chain checks (`chain-break`) and
//! by trust inference.

use crate::host;
use crate::ip_kind::IpKind;
use crate::model::Hop;
use crate::providers;

/// Whether `upper`'s sender is the host that wrote `lower`. `None` when the
/// two headers give nothing comparable (local hops, an IP against a name,
/// a receiver that is not a fully qualified name).
pub fn links_to(upper: &Hop, lower: &Hop) -> Option<bool> {
    if upper.from.is_empty() {
        return None;
    }
    // A loopback client is the same machine under whatever name it wrote.
    if upper
        .from
        .ip
        .is_some_and(|ip| IpKind::of(ip) == IpKind::Loopback)
    {
        return Some(true);
    }
    if let (Some(ip), Some(by_ip)) = (upper.from.ip, lower.by.ip)
        && ip == by_ip
    {
        return Some(true);
    }
    let by_host = lower.by.host.as_deref()?;
    let names: Vec<&str> = [upper.from.helo.as_deref(), upper.from.rdns.as_deref()]
        .into_iter()
        .flatten()
        .filter(|n| !n.starts_with('['))
        .collect();
    if names.is_empty() {
        return None;
    }
    if names.iter().any(|n| same_host(n, by_host)) {
        return Some(true);
    }
    // Internal names such as container ids say nothing either way.
    if !by_host.contains('.') {
        return None;
    }
    Some(false)
}

/// Names match when equal, when one is the other's short form (`mx1` and
/// `mx1.example.org`), or when both sit in the same organisational domain
/// (clusters send from a sibling of the machine that received).
pub fn same_host(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let first = |s: &str| s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if (!a.contains('.') || !b.contains('.')) && first(a) == first(b) {
        return true;
    }
    match (
        host::organisational_domain(a),
        host::organisational_domain(b),
    ) {
        (Some(x), Some(y)) => same_organisation(&x, &y),
        _ => false,
    }
}

/// Two organisational domains of the same organisation: the same domain,
/// or two domains of one large provider ([`providers`]), which hands mail
/// between machines named under several of its own domains.
pub fn same_organisation(a: &str, b: &str) -> bool {
    providers::same_operator(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_match_loosely_but_not_across_domains() {
        assert!(same_host("mx1", "mx1.example.org"));
        assert!(same_host("smtp-out-7.example.org", "smtp-in-3.example.org"));
        assert!(same_host("a.example.co.uk", "b.example.co.uk"));
        assert!(!same_host("mail.example.com", "mx.example.net"));
        assert!(!same_host("a.example.co.uk", "b.other.co.uk"));
    }

    #[test]
    fn providers_hand_over_between_their_own_domains() {
        assert!(same_host("smtp.gmail.com", "mail-sor-f41.google.com"));
        assert!(same_host(
            "am6pr01mb1234.eurprd01.prod.exchangelabs.com",
            "eur05-am6-obe.outbound.protection.outlook.com"
        ));
        assert!(same_host(
            "sonic301.consmr.mail.yahoo.com",
            "mta7.am0.yahoodns.net"
        ));
        assert!(!same_host("smtp.gmail.com", "mx.example.com"));
        assert!(!same_host("mail.yahoo.com", "smtp.office365.com"));
    }
}
