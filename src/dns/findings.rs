//! From DNS results to findings: what a person should know, in a sentence.
//! Pure functions of the model, so every wording is testable without DNS.

use crate::model::{Finding, FindingCode};

use crate::model::{
    Fcrdns, HeloCheck, HeloKind, HopDns, LookupStatus, MxCheck, MxKind, RecipientSource,
};

/// The findings of one hop's DNS checks. An authenticated client (a user
/// submitting from home or a phone) is not judged by its PTR or HELO:
/// receivers accept logged-in clients whatever their DNS, so those results
/// stay in `dns` without findings.
pub fn hop_findings(dns: &HopDns, authenticated: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(ip) = dns.ip.filter(|_| dns.skipped.is_none()) else {
        return out;
    };
    if !authenticated {
        out.extend(sender_findings(dns, ip));
    }
    for bl in dns.dnsbl.iter().filter(|b| b.listed == Some(true)) {
        let codes: Vec<String> = bl.codes.iter().map(|c| c.to_string()).collect();
        let reason = bl
            .reason
            .as_deref()
            .map(|r| format!(": \"{r}\""))
            .unwrap_or_default();
        out.push(Finding::new(
            FindingCode::DnsblListed,
            format!(
                "{ip} is listed on {} (return code {}){reason}.",
                bl.zone,
                codes.join(", ")
            ),
        ));
    }
    out.extend(trouble(&lookups(dns)));
    out
}

/// PTR, FCrDNS, rDNS-then-now and HELO findings.
fn sender_findings(dns: &HopDns, ip: std::net::IpAddr) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(ptr) = &dns.ptr {
        if ptr.status.is_missing() {
            out.push(Finding::new(
                FindingCode::NoPtr,
                format!(
                    "{ip} has no PTR record (reverse DNS: {}); many receivers refuse mail from such hosts.",
                    ptr.status.describe()
                ),
            ));
        }
        for broken in &ptr.broken {
            out.push(Finding::new(
                FindingCode::PtrBroken,
                format!(
                    "The PTR name of {ip}, {}, is broken: {}.",
                    broken.name, broken.why
                ),
            ));
        }
        for name in &ptr.generic {
            out.push(Finding::new(
                FindingCode::PtrGeneric,
                format!(
                    "The PTR name of {ip}, {name}, looks generic (it embeds the address, or a word like dynamic, dsl or pool): receivers that refuse mail from end-user connections will refuse it."
                ),
            ));
        }
        if let (Some(true), Some(recorded)) = (ptr.changed, &ptr.recorded) {
            let now = if ptr.names.is_empty() {
                "no PTR name".to_string()
            } else {
                ptr.names.join(", ")
            };
            out.push(Finding::new(
                FindingCode::RdnsChanged,
                format!(
                    "The receiver recorded the rDNS name {recorded} for {ip}; today its PTR gives {now}."
                ),
            ));
        }
    }
    if let Some(f) = dns.fcrdns.as_ref().filter(|f| f.result == Fcrdns::Fail) {
        let names: Vec<&str> = f.names.iter().map(|n| n.name.as_str()).collect();
        out.push(Finding::new(
            FindingCode::FcrdnsFail,
            format!(
                "Forward-confirmed reverse DNS fails for {ip}: its PTR name {} does not resolve back to it (\"Forward != Reverse\", a common reason for refusal).",
                names.join(", ")
            ),
        ));
    }
    if let Some(helo) = &dns.helo {
        out.extend(helo_findings(helo, ip));
    }
    out
}

fn helo_findings(helo: &HeloCheck, ip: std::net::IpAddr) -> Vec<Finding> {
    let name = &helo.name;
    let problem = helo.problem.as_deref().unwrap_or("");
    let finding = match helo.kind {
        HeloKind::NotFqdn => Finding::new(
            FindingCode::HeloNotFqdn,
            format!("The HELO name {name} is {problem}; strict receivers refuse it."),
        ),
        HeloKind::Invalid => Finding::new(
            FindingCode::HeloSyntax,
            format!("The HELO name {name} is not a valid host name: {problem}."),
        ),
        HeloKind::Localhost => Finding::new(
            FindingCode::HeloLocalhost,
            format!("The sender greeted with HELO {name}: {problem}."),
        ),
        HeloKind::AddressLiteral if helo.matches_ip == Some(false) => Finding::new(
            FindingCode::HeloLiteralMismatch,
            format!("The HELO address literal {name} is not the connecting IP {ip}."),
        ),
        HeloKind::AddressLiteral => return Vec::new(),
        HeloKind::Fqdn => return fqdn_helo_findings(helo, ip),
    };
    vec![finding]
}

fn fqdn_helo_findings(helo: &HeloCheck, ip: std::net::IpAddr) -> Vec<Finding> {
    let name = &helo.name;
    let mut out = Vec::new();
    if helo.status.is_missing() {
        out.push(Finding::new(
            FindingCode::HeloNoAddress,
            format!(
                "The HELO name {name} has no A/AAAA record ({}).",
                helo.status.describe()
            ),
        ));
    }
    if let Some(target) = &helo.cname {
        out.push(Finding::new(
            FindingCode::HeloCname,
            format!("The HELO name {name} is an alias (CNAME) of {target}; RFC 5321 wants a name with its own A/AAAA record."),
        ));
    }
    if helo.status == LookupStatus::Ok && helo.matches_ip == Some(false) {
        let ptr = match helo.matches_ptr {
            Some(true) => ", though it is the IP's PTR name",
            Some(false) => ", and it is not the IP's PTR name either",
            None => "",
        };
        let addresses: Vec<String> = helo.addresses.iter().map(|a| a.to_string()).collect();
        out.push(Finding::new(
            FindingCode::HeloMismatch,
            format!(
                "The HELO name {name} resolves to {}, not to the connecting IP {ip}{ptr}.",
                addresses.join(", ")
            ),
        ));
    }
    out
}

/// Every lookup of a hop with what it was for, to report failures.
fn lookups(dns: &HopDns) -> Vec<(String, LookupStatus)> {
    let mut all = Vec::new();
    if let Some(ptr) = &dns.ptr {
        all.push(("PTR".to_string(), ptr.status));
    }
    if let Some(f) = &dns.fcrdns {
        all.extend(
            f.names
                .iter()
                .map(|n| (format!("address of {}", n.name), n.status)),
        );
    }
    if let Some(h) = &dns.helo {
        all.push((format!("HELO {}", h.name), h.status));
    }
    all.extend(
        dns.dnsbl
            .iter()
            .map(|b| (format!("blocklist {}", b.zone), b.status)),
    );
    all
}

/// `dns-timeout` and `dns-error` findings for lookups that got no answer.
fn trouble(lookups: &[(String, LookupStatus)]) -> Vec<Finding> {
    let timed_out: Vec<&str> = lookups
        .iter()
        .filter(|(_, s)| *s == LookupStatus::Timeout)
        .map(|(what, _)| what.as_str())
        .collect();
    let failed: Vec<String> = lookups
        .iter()
        .filter(|(_, s)| {
            matches!(
                s,
                LookupStatus::ServFail | LookupStatus::Refused | LookupStatus::Error
            )
        })
        .map(|(what, s)| format!("{what}: {}", s.describe()))
        .collect();
    let capped = lookups.iter().any(|(_, s)| *s == LookupStatus::Capped);
    let mut out = Vec::new();
    if !timed_out.is_empty() {
        out.push(Finding::new(
            FindingCode::DnsTimeout,
            format!(
                "No DNS answer before the deadline for: {} (raise --dns-timeout, or try another --resolver).",
                timed_out.join(", ")
            ),
        ));
    }
    if !failed.is_empty() {
        out.push(Finding::new(
            FindingCode::DnsError,
            format!("DNS lookups failed: {}.", failed.join("; ")),
        ));
    }
    if capped {
        out.push(Finding::new(
            FindingCode::DnsCapped,
            "Some DNS checks of this hop were not asked: the report's query cap was reached.",
        ));
    }
    out
}

/// The findings of the recipient domain's MX check.
pub fn mx_findings(mx: &MxCheck) -> Vec<Finding> {
    let domain = &mx.domain;
    let mut out = Vec::new();
    match mx.kind {
        MxKind::None => out.push(Finding::new(
            FindingCode::MxMissing,
            format!(
                "The recipient domain {domain} has no MX record and no address ({}): mail to it cannot be delivered.",
                mx.status.describe()
            ),
        )),
        MxKind::NullMx => out.push(Finding::new(
            FindingCode::NullMx,
            format!("The recipient domain {domain} publishes a null MX (RFC 7505): it accepts no mail."),
        )),
        _ => {}
    }
    if mx.kind == MxKind::Mx {
        for host in &mx.hosts {
            let name = &host.host;
            if let Some(problem) = &host.problem {
                out.push(Finding::new(
                    FindingCode::MxHostUnresolvable,
                    format!("The MX host {name} of {domain} cannot be used: {problem}; senders skip it or bounce."),
                ));
            } else if host.status.is_missing() {
                out.push(Finding::new(
                    FindingCode::MxHostUnresolvable,
                    format!(
                        "The MX host {name} of {domain} has no address (A/AAAA {}): senders that try it fail.",
                        host.status.describe()
                    ),
                ));
            }
            if let Some(target) = &host.cname {
                out.push(Finding::new(
                    FindingCode::MxCname,
                    format!("The MX host {name} of {domain} is an alias (CNAME) of {target}; RFC 2181 §10.3 says an MX must name a host with its own A/AAAA record, and some senders refuse it."),
                ));
            }
        }
    }
    // With no mail host at all, `mx-missing`/`null-mx` already say it.
    let has_hosts = matches!(mx.kind, MxKind::Mx | MxKind::Implicit);
    if let (true, Some(false), Some(receiver)) = (has_hosts, mx.receiver_listed, &mx.receiver) {
        let role = match mx.source {
            RecipientSource::Bounce => "refused",
            _ => "received",
        };
        let listed = match mx.kind {
            MxKind::Mx => {
                let hosts: Vec<&str> = mx.hosts.iter().map(|h| h.host.as_str()).collect();
                format!("its MX hosts are {}", hosts.join(", "))
            }
            _ => format!("it has no MX, so mail goes to {domain} itself"),
        };
        out.push(Finding::new(
            FindingCode::MxReceiverNotListed,
            format!(
                "{receiver}, which {role} the message for {domain}, is not one of the domain's mail hosts: {listed} (a gateway, forwarding, or a stale MX)."
            ),
        ));
    }
    // The failing lookup: the MX itself, or the fallback A/AAAA.
    let status = match mx.kind {
        MxKind::Unknown if mx.status.is_answer() => mx.address_status,
        MxKind::Unknown => Some(mx.status),
        _ => None,
    };
    match status {
        Some(LookupStatus::Timeout) => out.push(Finding::new(
            FindingCode::DnsTimeout,
            format!("No DNS answer before the deadline for the mail hosts of {domain}."),
        )),
        Some(LookupStatus::Capped) => out.push(Finding::new(
            FindingCode::DnsCapped,
            format!("The MX check of {domain} was not asked: the report's query cap was reached."),
        )),
        Some(s) => out.push(Finding::new(
            FindingCode::DnsError,
            format!("The MX lookup of {domain} failed: {}.", s.describe()),
        )),
        None => {}
    }
    out
}
