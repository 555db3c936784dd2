//! The user's own relays, named with `--trust` or in the config file: host
//! names (`*.example.com` for a whole domain) and networks.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;
use thiserror::Error;

/// One of the user's own relays, named on the command line or in the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustedRelay {
    /// A host name; `*.example.com` or `.example.com` matches every name under it.
    Host(String),
    /// A network (`10.0.0.0/8`) or a single address.
    Network(IpNet),
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("'{0}' is neither a host name nor an IP address or network (CIDR)")]
pub struct BadTrustedRelay(String);

impl FromStr for TrustedRelay {
    type Err = BadTrustedRelay;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(net) = s.parse::<IpNet>() {
            return Ok(TrustedRelay::Network(net.trunc()));
        }
        if let Ok(ip) = s
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return Ok(TrustedRelay::Network(IpNet::from(ip)));
        }
        let name = s.trim_end_matches('.').to_ascii_lowercase();
        let body = name.trim_start_matches("*.").trim_start_matches('.');
        let valid = !body.is_empty()
            && body.len() <= 253
            && body.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if valid {
            Ok(TrustedRelay::Host(name))
        } else {
            Err(BadTrustedRelay(s.to_string()))
        }
    }
}

impl fmt::Display for TrustedRelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrustedRelay::Host(h) => f.write_str(h),
            TrustedRelay::Network(n) => write!(f, "{n}"),
        }
    }
}

impl TrustedRelay {
    /// Whether a host name is this relay (or under it, for `*.domain`).
    pub fn matches_name(&self, name: &str) -> bool {
        let TrustedRelay::Host(pattern) = self else {
            return false;
        };
        let name = name.trim_end_matches('.');
        match pattern
            .strip_prefix("*.")
            .or_else(|| pattern.strip_prefix('.'))
        {
            Some(domain) => {
                name.len() > domain.len()
                    && name[name.len() - domain.len()..].eq_ignore_ascii_case(domain)
                    && name.as_bytes()[name.len() - domain.len() - 1] == b'.'
            }
            None => name.eq_ignore_ascii_case(pattern),
        }
    }

    /// Whether an address is in this relay's network.
    pub fn matches_ip(&self, ip: IpAddr) -> bool {
        match self {
            TrustedRelay::Network(net) => {
                net.contains(&ip) || ipv4_mapped(ip).is_some_and(|v4| net.contains(&v4))
            }
            TrustedRelay::Host(_) => false,
        }
    }
}

fn ipv4_mapped(ip: IpAddr) -> Option<IpAddr> {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4),
        IpAddr::V4(_) => None,
    }
}

/// The user's own relays.
#[derive(Debug, Clone, Default)]
pub struct TrustedRelays(pub Vec<TrustedRelay>);

impl TrustedRelays {
    /// Whether a name is one of these relays.
    pub fn name(&self, name: Option<&str>) -> bool {
        name.is_some_and(|n| self.0.iter().any(|r| r.matches_name(n)))
    }

    /// Whether an address is in one of these relays' networks.
    pub fn ip(&self, ip: Option<IpAddr>) -> bool {
        ip.is_some_and(|ip| self.0.iter().any(|r| r.matches_ip(ip)))
    }
}
