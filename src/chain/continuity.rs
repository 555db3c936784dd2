//! Continuity between neighbouring hops: is a hop's sender the host that
//! wrote the header below it? Used by the chain checks (`chain-break`) and
//! by trust inference.

use super::hop::Hop;
use crate::address::AddressKind;

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
        .is_some_and(|ip| AddressKind::of(ip) == AddressKind::Loopback)
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
    match (organisational_domain(a), organisational_domain(b)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(&y),
        _ => false,
    }
}

/// An approximation of the registered domain: the last two labels, or three
/// under a two-letter country code with a short second level (`co.uk`).
pub fn organisational_domain(name: &str) -> Option<String> {
    let labels: Vec<&str> = name.trim_end_matches('.').split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    let n = labels.len();
    let take = if n >= 3 && labels[n - 1].len() == 2 && labels[n - 2].len() <= 3 {
        3
    } else {
        2
    };
    Some(labels[n - take..].join(".").to_ascii_lowercase())
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
    fn organisational_domains() {
        assert_eq!(
            organisational_domain("mx1.mail.example.org").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            organisational_domain("a.b.example.co.uk").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(organisational_domain("localhost"), None);
        assert_eq!(organisational_domain("bad..name"), None);
    }
}
