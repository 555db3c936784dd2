//! What kind of network an IP address belongs to.
//!
//! The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
//! 2001:db8::/32) are reserved, but samples and tests everywhere use them as
//! stand-ins for public addresses, so they count as public here.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The kinds of non-public address a mail path can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpKind {
    Public,
    /// RFC 1918 private networks.
    Private,
    Loopback,
    LinkLocal,
    /// Carrier-grade NAT, 100.64.0.0/10 (RFC 6598).
    SharedCgnat,
    /// IPv6 unique local addresses, fc00::/7.
    UniqueLocal,
    /// Unspecified, broadcast, multicast, "this network" and other reserved space.
    Reserved,
}

impl IpKind {
    pub fn of(ip: IpAddr) -> IpKind {
        match ip {
            IpAddr::V4(v4) => v4_kind(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4_kind(v4),
                None => v6_kind(v6),
            },
        }
    }

    pub fn is_public(self) -> bool {
        self == IpKind::Public
    }

    /// A short description for messages: "private (RFC 1918)".
    pub fn describe(self) -> &'static str {
        match self {
            IpKind::Public => "public",
            IpKind::Private => "private (RFC 1918)",
            IpKind::Loopback => "loopback",
            IpKind::LinkLocal => "link-local",
            IpKind::SharedCgnat => "carrier-grade NAT (RFC 6598)",
            IpKind::UniqueLocal => "unique local (IPv6 ULA)",
            IpKind::Reserved => "reserved",
        }
    }
}

fn v4_kind(ip: Ipv4Addr) -> IpKind {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        IpKind::Loopback
    } else if ip.is_private() {
        IpKind::Private
    } else if ip.is_link_local() {
        IpKind::LinkLocal
    } else if a == 100 && (64..128).contains(&b) {
        IpKind::SharedCgnat
    } else if a == 0
        || a >= 224
        || ip.is_broadcast()
        || (a == 192 && b == 0 && ip.octets()[2] == 0)
        || (a == 198 && (b == 18 || b == 19))
    {
        IpKind::Reserved
    } else {
        IpKind::Public
    }
}

fn v6_kind(ip: Ipv6Addr) -> IpKind {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        IpKind::Loopback
    } else if first & 0xffc0 == 0xfe80 {
        IpKind::LinkLocal
    } else if first & 0xfe00 == 0xfc00 {
        IpKind::UniqueLocal
    } else if ip.is_unspecified() || ip.is_multicast() {
        IpKind::Reserved
    } else {
        IpKind::Public
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> IpKind {
        IpKind::of(s.parse().unwrap())
    }

    #[test]
    fn classifies_the_usual_ranges() {
        assert_eq!(kind("10.1.2.3"), IpKind::Private);
        assert_eq!(kind("172.16.0.1"), IpKind::Private);
        assert_eq!(kind("192.168.1.23"), IpKind::Private);
        assert_eq!(kind("127.0.0.1"), IpKind::Loopback);
        assert_eq!(kind("::1"), IpKind::Loopback);
        assert_eq!(kind("169.254.0.9"), IpKind::LinkLocal);
        assert_eq!(kind("fe80::1"), IpKind::LinkLocal);
        assert_eq!(kind("100.64.0.1"), IpKind::SharedCgnat);
        assert_eq!(kind("100.128.0.1"), IpKind::Public);
        assert_eq!(kind("fd12:3456::1"), IpKind::UniqueLocal);
        assert_eq!(kind("::ffff:10.0.0.1"), IpKind::Private);
        assert_eq!(kind("0.0.0.0"), IpKind::Reserved);
        assert_eq!(kind("198.18.0.1"), IpKind::Reserved);
    }

    #[test]
    fn documentation_ranges_count_as_public() {
        for ip in ["192.0.2.7", "198.51.100.23", "203.0.113.66", "2001:db8::1"] {
            assert_eq!(kind(ip), IpKind::Public, "{ip}");
        }
    }
}
