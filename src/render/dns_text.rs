//! DNS results as short text: the marks of the DNS column (`PTR ✓`,
//! `HELO ✗ not FQDN`), as the DNS stage decided them
//! ([`crate::dns::findings`]), and one line of details per hop below it.

use crate::dns::findings::{self, Mark};
use crate::model::{
    DnsblCheck, HeloCheck, HeloKind, Hop, HopDns, LookupStatus, MxCheck, MxKind, PtrCheck,
    RecipientSource, ReportDns,
};
use crate::text::escape_controls;

/// How a mark is shown: `✓` pass, `·` worth knowing, `?` unknown, `✗` a problem.
pub fn symbol(mark: Mark) -> &'static str {
    match mark {
        Mark::Pass => "✓",
        Mark::Info => "·",
        Mark::Unknown => "?",
        Mark::Warn | Mark::Fail => "✗",
    }
}

/// The lines of a hop's DNS cell and its worst mark.
pub fn cell(hop: &Hop, dns: &HopDns) -> (Vec<String>, Mark) {
    if dns.skipped.is_some() {
        return (vec!["— skipped".to_string()], Mark::Pass);
    }
    let marks = findings::hop_marks(hop);
    let worst = marks.iter().map(|m| m.mark).max().unwrap_or(Mark::Pass);
    let lines = marks
        .into_iter()
        .map(|m| {
            let line = format!("{} {}", m.check, symbol(m.mark));
            if m.note.is_empty() {
                line
            } else {
                format!("{line} {}", m.note)
            }
        })
        .collect();
    (lines, worst)
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
            let reason = bl.reason.as_deref().map(|r| format!(" \"{r}\""));
            let codes = bl.codes_text();
            format!(
                "listed on {} ({codes}){}",
                bl.zone,
                reason.unwrap_or_default()
            )
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
    let receiver = match (
        &mx.receiver,
        mx.receiver_listed,
        findings::mx_receiver_mark(mx),
    ) {
        (Some(r), Some(true), Some(mark)) => format!("; {r} is one of them {}", symbol(mark)),
        (Some(r), Some(false), Some(mark)) => format!("; {r} is not one of them {}", symbol(mark)),
        _ => String::new(),
    };
    let line = format!("recipient {} ({source}): {hosts}{receiver}", mx.recipient);
    escape_controls(&line).into_owned()
}
