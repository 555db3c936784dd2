//! What kind of network an IP address belongs to.
//!
//! The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
//! 2001:db8::/32) are reserved, but samples and tests everywhere use them as
//! stand-ins for public addresses, so they count as public here.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The kinds of non-public address a mail path can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
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

impl AddressKind {
    pub fn of(ip: IpAddr) -> AddressKind {
        match ip {
            IpAddr::V4(v4) => v4_kind(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4_kind(v4),
                None => v6_kind(v6),
            },
        }
    }

    pub fn is_public(self) -> bool {
        self == AddressKind::Public
    }

    /// A short description for messages: "private (RFC 1918)".
    pub fn describe(self) -> &'static str {
        match self {
            AddressKind::Public => "public",
            AddressKind::Private => "private (RFC 1918)",
            AddressKind::Loopback => "loopback",
            AddressKind::LinkLocal => "link-local",
            AddressKind::SharedCgnat => "carrier-grade NAT (RFC 6598)",
            AddressKind::UniqueLocal => "unique local (IPv6 ULA)",
            AddressKind::Reserved => "reserved",
        }
    }
}

fn v4_kind(ip: Ipv4Addr) -> AddressKind {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        AddressKind::Loopback
    } else if ip.is_private() {
        AddressKind::Private
    } else if ip.is_link_local() {
        AddressKind::LinkLocal
    } else if a == 100 && (64..128).contains(&b) {
        AddressKind::SharedCgnat
    } else if a == 0
        || a >= 224
        || ip.is_broadcast()
        || (a == 192 && b == 0 && ip.octets()[2] == 0)
        || (a == 198 && (b == 18 || b == 19))
    {
        AddressKind::Reserved
    } else {
        AddressKind::Public
    }
}

fn v6_kind(ip: Ipv6Addr) -> AddressKind {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        AddressKind::Loopback
    } else if first & 0xffc0 == 0xfe80 {
        AddressKind::LinkLocal
    } else if first & 0xfe00 == 0xfc00 {
        AddressKind::UniqueLocal
    } else if ip.is_unspecified() || ip.is_multicast() {
        AddressKind::Reserved
    } else {
        AddressKind::Public
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> AddressKind {
        AddressKind::of(s.parse().unwrap())
    }

    #[test]
    fn classifies_the_usual_ranges() {
        assert_eq!(kind("10.1.2.3"), AddressKind::Private);
        assert_eq!(kind("172.16.0.1"), AddressKind::Private);
        assert_eq!(kind("192.168.1.23"), AddressKind::Private);
        assert_eq!(kind("127.0.0.1"), AddressKind::Loopback);
        assert_eq!(kind("::1"), AddressKind::Loopback);
        assert_eq!(kind("169.254.0.9"), AddressKind::LinkLocal);
        assert_eq!(kind("fe80::1"), AddressKind::LinkLocal);
        assert_eq!(kind("100.64.0.1"), AddressKind::SharedCgnat);
        assert_eq!(kind("100.128.0.1"), AddressKind::Public);
        assert_eq!(kind("fd12:3456::1"), AddressKind::UniqueLocal);
        assert_eq!(kind("::ffff:10.0.0.1"), AddressKind::Private);
        assert_eq!(kind("0.0.0.0"), AddressKind::Reserved);
        assert_eq!(kind("198.18.0.1"), AddressKind::Reserved);
    }

    #[test]
    fn documentation_ranges_count_as_public() {
        for ip in ["192.0.2.7", "198.51.100.23", "203.0.113.66", "2001:db8::1"] {
            assert_eq!(kind(ip), AddressKind::Public, "{ip}");
        }
    }
}
