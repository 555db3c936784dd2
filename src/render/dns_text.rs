//! DNS results as short text for the table: marks for the DNS column
//! (`PTR ✓`, `HELO ✗ not FQDN`) and one detail line per hop below it.

use crate::model::{
    DnsblCheck, Fcrdns, HeloCheck, HeloKind, HopDns, LookupStatus, MxCheck, MxKind, PtrCheck,
    RecipientSource, ReportDns,
};
use crate::text::escape_controls;

pub const PASS: &str = "✓";
pub const FAIL: &str = "✗";
/// Could not be found out (timeout, SERVFAIL...).
pub const UNKNOWN: &str = "?";

/// The worst mark in a cell, to colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Pass,
    Unknown,
    Fail,
}

/// The lines of a hop's DNS cell and its worst mark.
pub fn cell(dns: &HopDns) -> (Vec<String>, Mark) {
    if dns.skipped.is_some() {
        return (vec!["— skipped".to_string()], Mark::Pass);
    }
    let mut lines: Vec<(Mark, String)> = Vec::new();
    if let Some(ptr) = &dns.ptr {
        lines.push(ptr_mark(ptr));
    }
    if let Some(f) = &dns.fcrdns {
        match f.result {
            Fcrdns::Pass => lines.push((Mark::Pass, format!("FCrDNS {PASS}"))),
            Fcrdns::Fail => lines.push((Mark::Fail, format!("FCrDNS {FAIL}"))),
            Fcrdns::Error => lines.push((Mark::Unknown, format!("FCrDNS {UNKNOWN}"))),
            Fcrdns::NoPtr => {}
        }
    }
    if let Some(helo) = &dns.helo {
        lines.push(helo_mark(helo));
    }
    lines.extend(dnsbl_marks(&dns.dnsbl));
    let worst = lines.iter().map(|(m, _)| *m).max().unwrap_or(Mark::Pass);
    (lines.into_iter().map(|(_, l)| l).collect(), worst)
}

fn failure(label: &str, status: LookupStatus) -> (Mark, String) {
    (
        Mark::Unknown,
        format!("{label} {UNKNOWN} {}", status.as_str()),
    )
}

fn ptr_mark(ptr: &PtrCheck) -> (Mark, String) {
    match ptr.status {
        LookupStatus::Ok if !ptr.broken.is_empty() => (Mark::Fail, format!("PTR {FAIL} broken")),
        LookupStatus::Ok => (Mark::Pass, format!("PTR {PASS}")),
        s if s.is_missing() => (Mark::Fail, format!("PTR {FAIL} none")),
        s => failure("PTR", s),
    }
}

fn helo_mark(helo: &HeloCheck) -> (Mark, String) {
    let fail = |why: &str| (Mark::Fail, format!("HELO {FAIL} {why}"));
    match helo.kind {
        HeloKind::NotFqdn => fail("not FQDN"),
        HeloKind::Localhost => fail("localhost"),
        HeloKind::Invalid => fail("syntax"),
        HeloKind::AddressLiteral if helo.matches_ip == Some(false) => fail("literal ≠ IP"),
        HeloKind::AddressLiteral => (Mark::Pass, format!("HELO {PASS} literal")),
        HeloKind::Fqdn => match helo.status {
            s if s.is_missing() => fail("no address"),
            LookupStatus::Ok if helo.matches_ip == Some(false) => fail("other IP"),
            LookupStatus::Ok if helo.cname.is_some() => (Mark::Fail, format!("HELO {FAIL} CNAME")),
            LookupStatus::Ok => (Mark::Pass, format!("HELO {PASS}")),
            s => failure("HELO", s),
        },
    }
}

fn dnsbl_marks(checks: &[DnsblCheck]) -> Vec<(Mark, String)> {
    if checks.is_empty() {
        return Vec::new();
    }
    if checks.iter().all(|c| c.listed == Some(false)) {
        return vec![(Mark::Pass, format!("DNSBL {PASS}"))];
    }
    checks
        .iter()
        .filter(|c| c.listed != Some(false))
        .map(|c| match c.listed {
            Some(true) => (Mark::Fail, format!("DNSBL {FAIL} {}", c.zone)),
            _ => (
                Mark::Unknown,
                format!("DNSBL {UNKNOWN} {} {}", c.zone, c.status.as_str()),
            ),
        })
        .collect()
}

/// The heading of the DNS details: who was asked, how much, how long.
pub fn heading(dns: &ReportDns) -> String {
    let plural = if dns.queries == 1 { "" } else { "s" };
    let mut notes = vec![
        format!("resolver {}", dns.resolvers.join(", ")),
        format!("{} question{plural}", dns.queries),
        format!("deadline {} s", dns.deadline_seconds),
    ];
    if dns.deadline_passed {
        notes.push("deadline passed".to_string());
    }
    if dns.capped {
        notes.push("query cap reached".to_string());
    }
    format!("DNS ({}):", notes.join(", "))
}

/// One line of details for a hop: what the names and addresses are.
pub fn detail(dns: &HopDns) -> String {
    if let Some(why) = &dns.skipped {
        return format!("skipped: {why}");
    }
    let mut parts = Vec::new();
    if let Some(ptr) = &dns.ptr {
        parts.push(ptr_detail(ptr, dns));
    }
    if let Some(helo) = &dns.helo {
        parts.push(helo_detail(helo));
    }
    for bl in &dns.dnsbl {
        parts.push(dnsbl_detail(bl));
    }
    escape_controls(&parts.join("; ")).into_owned()
}

fn ptr_detail(ptr: &PtrCheck, dns: &HopDns) -> String {
    if ptr.status != LookupStatus::Ok {
        return format!("PTR {}", ptr.status.describe());
    }
    let fcrdns = dns.fcrdns.as_ref();
    let names: Vec<String> = ptr
        .names
        .iter()
        .map(|name| {
            let forward = fcrdns.and_then(|f| f.names.iter().find(|n| &n.name == name));
            match forward {
                Some(f) if f.status == LookupStatus::Ok => {
                    let addrs: Vec<String> = f.addresses.iter().map(|a| a.to_string()).collect();
                    format!("{name} → {}", addrs.join(", "))
                }
                Some(f) if f.status == LookupStatus::NotAsked => format!("{name} (not looked up)"),
                Some(f) => format!("{name} → {}", f.status.as_str()),
                None => name.clone(),
            }
        })
        .collect();
    let result = fcrdns
        .map(|f| format!(" (FCrDNS {})", f.result.as_str()))
        .unwrap_or_default();
    format!("PTR {}{result}", names.join(", "))
}

fn helo_detail(helo: &HeloCheck) -> String {
    let name = &helo.name;
    if let Some(problem) = &helo.problem {
        return format!("HELO {name}: {problem}");
    }
    if helo.kind == HeloKind::AddressLiteral {
        let same = if helo.matches_ip == Some(true) {
            "the connecting IP"
        } else {
            "not the connecting IP"
        };
        return format!("HELO {name}: {same}");
    }
    let cname = helo
        .cname
        .as_deref()
        .map(|t| format!(" CNAME {t} →"))
        .unwrap_or_default();
    if helo.status == LookupStatus::Ok {
        let addrs: Vec<String> = helo.addresses.iter().map(|a| a.to_string()).collect();
        format!("HELO {name} →{cname} {}", addrs.join(", "))
    } else {
        format!("HELO {name}: {}", helo.status.describe())
    }
}

fn dnsbl_detail(bl: &DnsblCheck) -> String {
    match bl.listed {
        Some(true) => {
            let codes: Vec<String> = bl.codes.iter().map(|c| c.to_string()).collect();
            let reason = bl
                .reason
                .as_deref()
                .map(|r| format!(" \"{r}\""))
                .unwrap_or_default();
            format!("listed on {} ({}){reason}", bl.zone, codes.join(", "))
        }
        Some(false) => format!("not on {}", bl.zone),
        None => format!("{}: {}", bl.zone, bl.status.describe()),
    }
}

/// The recipient domain's line.
pub fn mx_detail(mx: &MxCheck) -> String {
    let source = match mx.source {
        RecipientSource::Bounce => "final recipient",
        RecipientSource::For => "for",
        RecipientSource::To => "To:",
    };
    let hosts = match mx.kind {
        MxKind::Mx => {
            let hosts: Vec<String> = mx
                .hosts
                .iter()
                .map(|h| format!("{} {}", h.preference, h.host))
                .collect();
            format!("MX {}", hosts.join(", "))
        }
        MxKind::Implicit => {
            let addrs: Vec<String> = mx.addresses.iter().map(|a| a.to_string()).collect();
            format!("no MX, implicit MX {} ({})", mx.domain, addrs.join(", "))
        }
        MxKind::NullMx => "null MX: accepts no mail".to_string(),
        MxKind::None => format!("no MX and no address ({})", mx.status.describe()),
        MxKind::Unknown => {
            let status = if mx.status.is_answer() {
                mx.address_status.unwrap_or(mx.status)
            } else {
                mx.status
            };
            format!("unknown ({})", status.describe())
        }
    };
    let receiver = match (&mx.receiver, mx.receiver_listed) {
        (Some(r), Some(true)) => format!("; {r} is one of them {PASS}"),
        (Some(r), Some(false)) => format!("; {r} is not one of them {FAIL}"),
        _ => String::new(),
    };
    let line = format!("recipient {} ({source}): {hosts}{receiver}", mx.recipient);
    escape_controls(&line).into_owned()
}
