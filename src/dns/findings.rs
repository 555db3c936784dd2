//! From DNS results to findings and marks: what a person should know, in
//! a sentence, and each check's verdict next to it (`PTR ✓`, `HELO ✗ not
//! FQDN`). A check's mark is derived from the findings the same rule
//! raises, here, so the two never disagree; renderers only display marks.
//! Pure functions of the model, so every wording is testable without DNS.

use std::net::IpAddr;

use crate::model::{Finding, FindingCode, Hop, Severity};

use crate::model::{
    DnsblCheck, Fcrdns, HeloCheck, HeloKind, HopDns, LookupStatus, MxCheck, MxKind, PtrCheck,
    RecipientSource,
};

/// The verdict of one DNS check, worst last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Answered, and nothing to say.
    Pass,
    /// Worth knowing: an info finding, or a result an authenticated
    /// client is not judged by.
    Info,
    /// Could not be found out (timeout, SERVFAIL, not asked).
    Unknown,
    /// A warning finding.
    Warn,
    /// An error finding.
    Fail,
}

impl Mark {
    /// The mark of a check that raised a finding of this severity.
    pub fn of(severity: Severity) -> Mark {
        match severity {
            Severity::Info => Mark::Info,
            Severity::Warning => Mark::Warn,
            Severity::Error => Mark::Fail,
        }
    }
}

/// One check of a hop with its mark: `HELO` [`Mark::Warn`] `not FQDN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckMark {
    /// What was checked: `PTR`, `FCrDNS`, `HELO` or `DNSBL`.
    pub check: &'static str,
    pub mark: Mark,
    /// A few words on the mark (`not FQDN`, `timeout`, a blocklist zone);
    /// empty when the mark says it all.
    pub note: String,
}

/// One check of a hop, judged: the findings it raises, each with the few
/// words its mark shows, and what it says when it raises none.
struct Judged {
    check: &'static str,
    raised: Vec<(Finding, String)>,
    /// Not judged: the client authenticated (see [`hop_findings`]).
    exempt: bool,
    /// The lookup got no answer: the note of its [`Mark::Unknown`].
    unanswered: Option<String>,
    /// The note of a pass (`literal`); usually empty.
    pass: &'static str,
}

impl Judged {
    fn new(check: &'static str) -> Judged {
        Judged {
            check,
            raised: Vec::new(),
            exempt: false,
            unanswered: None,
            pass: "",
        }
    }

    fn raise(&mut self, code: FindingCode, words: impl Into<String>, message: String) {
        self.raised
            .push((Finding::new(code, message), words.into()));
    }

    /// The mark: the worst finding raised (the first of equals), capped at
    /// [`Mark::Info`] when exempt; else unknown, or a pass.
    fn mark(&self) -> CheckMark {
        let mut worst: Option<&(Finding, String)> = None;
        for raised in &self.raised {
            if worst.is_none_or(|(w, _)| raised.0.severity > w.severity) {
                worst = Some(raised);
            }
        }
        let (mark, note) = match (worst, &self.unanswered) {
            (Some((f, words)), _) if self.exempt => {
                (Mark::of(f.severity).min(Mark::Info), words.clone())
            }
            (Some((f, words)), _) => (Mark::of(f.severity), words.clone()),
            (None, Some(status)) => (Mark::Unknown, status.clone()),
            (None, None) => (Mark::Pass, self.pass.to_string()),
        };
        CheckMark {
            check: self.check,
            mark,
            note,
        }
    }

    /// The findings that count: none when exempt.
    fn findings(self) -> impl Iterator<Item = Finding> {
        let exempt = self.exempt;
        self.raised
            .into_iter()
            .filter(move |_| !exempt)
            .map(|(f, _)| f)
    }
}

/// Every check of a hop, judged in order: PTR, FCrDNS, HELO, then one per
/// blocklist. Empty when the hop was skipped. An authenticated client (a
/// user submitting from home or a phone) is not judged by its PTR, FCrDNS
/// or HELO: receivers accept logged-in clients whatever their DNS.
fn judge(dns: &HopDns, authenticated: bool) -> Vec<Judged> {
    let Some(ip) = dns.ip.filter(|_| dns.skipped.is_none()) else {
        return Vec::new();
    };
    let mut sender = Vec::new();
    if let Some(ptr) = &dns.ptr {
        sender.push(judge_ptr(ptr, ip));
    }
    sender.extend(dns.fcrdns.as_ref().and_then(|f| judge_fcrdns(f, ip)));
    if let Some(helo) = &dns.helo {
        sender.push(judge_helo(helo, ip));
    }
    for check in &mut sender {
        check.exempt = authenticated;
    }
    sender.extend(dns.dnsbl.iter().map(|bl| judge_dnsbl(bl, ip)));
    sender
}

/// The findings of one hop's DNS checks; an authenticated client's PTR,
/// FCrDNS and HELO results stay in `dns` without findings.
pub fn hop_findings(dns: &HopDns, authenticated: bool) -> Vec<Finding> {
    if dns.ip.is_none() || dns.skipped.is_some() {
        return Vec::new();
    }
    let mut out: Vec<Finding> = judge(dns, authenticated)
        .into_iter()
        .flat_map(Judged::findings)
        .collect();
    out.extend(trouble(&lookups(dns)));
    out
}

/// Whether the hop's client logged in, so that its sender's DNS is not
/// judged (see [`hop_findings`]).
pub fn authenticated(hop: &Hop) -> bool {
    hop.auth.is_some()
}

/// The marks of a hop's DNS checks, by the rules of [`hop_findings`]:
/// PTR, FCrDNS, HELO, then the blocklists (one `DNSBL` pass for all of
/// them when none lists the IP). Empty when DNS did not check the hop.
pub fn hop_marks(hop: &Hop) -> Vec<CheckMark> {
    match &hop.dns {
        Some(dns) => marks(dns, authenticated(hop)),
        None => Vec::new(),
    }
}

fn marks(dns: &HopDns, authenticated: bool) -> Vec<CheckMark> {
    let (blocklists, mut marks): (Vec<CheckMark>, Vec<CheckMark>) = judge(dns, authenticated)
        .iter()
        .map(Judged::mark)
        .partition(|m| m.check == DNSBL);
    if !blocklists.is_empty() && blocklists.iter().all(|m| m.mark == Mark::Pass) {
        marks.push(CheckMark {
            check: DNSBL,
            mark: Mark::Pass,
            note: String::new(),
        });
    } else {
        marks.extend(blocklists.into_iter().filter(|m| m.mark != Mark::Pass));
    }
    marks
}

const DNSBL: &str = "DNSBL";

/// The status of a lookup that got no answer, for the mark's note.
fn unanswered(status: LookupStatus) -> Option<String> {
    (!status.is_answer()).then(|| status.as_str().to_string())
}

fn judge_ptr(ptr: &PtrCheck, ip: IpAddr) -> Judged {
    let mut check = Judged::new("PTR");
    if ptr.status.is_missing() {
        check.raise(
            FindingCode::NoPtr,
            "none",
            format!(
                "{ip} has no PTR record (reverse DNS: {}); many receivers refuse mail from such hosts.",
                ptr.status.describe()
            ),
        );
    } else {
        check.unanswered = unanswered(ptr.status);
    }
    for broken in &ptr.broken {
        check.raise(
            FindingCode::PtrBroken,
            "broken",
            format!(
                "The PTR name of {ip}, {}, is broken: {}.",
                broken.name, broken.why
            ),
        );
    }
    for name in &ptr.generic {
        check.raise(
            FindingCode::PtrGeneric,
            "generic",
            format!(
                "The PTR name of {ip}, {name}, looks generic (it embeds the address, or a word like dynamic, dsl or pool): receivers that refuse mail from end-user connections will refuse it."
            ),
        );
    }
    if let (Some(true), Some(recorded)) = (ptr.changed, &ptr.recorded) {
        let now = if ptr.names.is_empty() {
            "no PTR name".to_string()
        } else {
            ptr.names.join(", ")
        };
        check.raise(
            FindingCode::RdnsChanged,
            "changed",
            format!(
                "The receiver recorded the rDNS name {recorded} for {ip}; today its PTR gives {now}."
            ),
        );
    }
    check
}

/// `None` when there is no PTR name to confirm.
fn judge_fcrdns(f: &crate::model::FcrdnsCheck, ip: IpAddr) -> Option<Judged> {
    let mut check = Judged::new("FCrDNS");
    match f.result {
        Fcrdns::NoPtr => return None,
        Fcrdns::Pass => {}
        Fcrdns::Error => check.unanswered = Some(String::new()),
        Fcrdns::Fail => {
            let names: Vec<&str> = f.names.iter().map(|n| n.name.as_str()).collect();
            check.raise(
                FindingCode::FcrdnsFail,
                "",
                format!(
                    "Forward-confirmed reverse DNS fails for {ip}: its PTR name {} does not resolve back to it (\"Forward != Reverse\", a common reason for refusal).",
                    names.join(", ")
                ),
            );
        }
    }
    Some(check)
}

fn judge_helo(helo: &HeloCheck, ip: IpAddr) -> Judged {
    let mut check = Judged::new("HELO");
    let name = &helo.name;
    let problem = helo.problem.as_deref().unwrap_or("");
    match helo.kind {
        HeloKind::NotFqdn => check.raise(
            FindingCode::HeloNotFqdn,
            "not FQDN",
            format!("The HELO name {name} is {problem}; strict receivers refuse it."),
        ),
        HeloKind::Invalid => check.raise(
            FindingCode::HeloSyntax,
            "syntax",
            format!("The HELO name {name} is not a valid host name: {problem}."),
        ),
        HeloKind::Localhost => check.raise(
            FindingCode::HeloLocalhost,
            "localhost",
            format!("The sender greeted with HELO {name}: {problem}."),
        ),
        HeloKind::AddressLiteral if helo.matches_ip == Some(false) => check.raise(
            FindingCode::HeloLiteralMismatch,
            "literal ≠ IP",
            format!("The HELO address literal {name} is not the connecting IP {ip}."),
        ),
        HeloKind::AddressLiteral => check.pass = "literal",
        HeloKind::Fqdn => judge_fqdn_helo(helo, ip, &mut check),
    }
    check
}

fn judge_fqdn_helo(helo: &HeloCheck, ip: IpAddr, check: &mut Judged) {
    let name = &helo.name;
    if helo.status.is_missing() {
        check.raise(
            FindingCode::HeloNoAddress,
            "no address",
            format!(
                "The HELO name {name} has no A/AAAA record ({}).",
                helo.status.describe()
            ),
        );
    } else {
        check.unanswered = unanswered(helo.status);
    }
    if let Some(target) = &helo.cname {
        check.raise(
            FindingCode::HeloCname,
            "CNAME",
            format!("The HELO name {name} is an alias (CNAME) of {target}; RFC 5321 wants a name with its own A/AAAA record."),
        );
    }
    if helo.status == LookupStatus::Ok && helo.matches_ip == Some(false) {
        let ptr = match helo.matches_ptr {
            Some(true) => ", though it is the IP's PTR name",
            Some(false) => ", and it is not the IP's PTR name either",
            None => "",
        };
        let addresses: Vec<String> = helo.addresses.iter().map(|a| a.to_string()).collect();
        check.raise(
            FindingCode::HeloMismatch,
            "other IP",
            format!(
                "The HELO name {name} resolves to {}, not to the connecting IP {ip}{ptr}.",
                addresses.join(", ")
            ),
        );
    }
}

fn judge_dnsbl(bl: &DnsblCheck, ip: IpAddr) -> Judged {
    let mut check = Judged::new(DNSBL);
    match bl.listed {
        Some(true) => {
            let reason = bl.reason.as_deref().map(|r| format!(": \"{r}\""));
            check.raise(
                FindingCode::DnsblListed,
                bl.zone.clone(),
                format!(
                    "{ip} is listed on {} (return code {}){}.",
                    bl.zone,
                    bl.codes_text(),
                    reason.unwrap_or_default()
                ),
            );
        }
        Some(false) => {}
        None => check.unanswered = Some(format!("{} {}", bl.zone, bl.status.as_str())),
    }
    check
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

/// The mark after the MX line's "is (not) one of them", from the rule of
/// [`mx_findings`]; `None` when there is no receiver to compare.
pub fn mx_receiver_mark(mx: &MxCheck) -> Option<Mark> {
    let finding = match mx.receiver_listed? {
        true => None,
        // With no mail host at all, `mx-missing`/`null-mx` say why.
        false => receiver_not_listed(mx).or_else(|| no_mail_host(mx)),
    };
    Some(finding.map_or(Mark::Pass, |f| Mark::of(f.severity)))
}

/// `mx-missing` or `null-mx`: the domain has no mail host at all.
fn no_mail_host(mx: &MxCheck) -> Option<Finding> {
    let domain = &mx.domain;
    match mx.kind {
        MxKind::None => Some(Finding::new(
            FindingCode::MxMissing,
            format!(
                "The recipient domain {domain} has no MX record and no address ({}): mail to it cannot be delivered.",
                mx.status.describe()
            ),
        )),
        MxKind::NullMx => Some(Finding::new(
            FindingCode::NullMx,
            format!(
                "The recipient domain {domain} publishes a null MX (RFC 7505): it accepts no mail."
            ),
        )),
        _ => None,
    }
}

/// `mx-receiver-not-listed`: the host that received (or refused) the
/// message is not one of the domain's mail hosts. With no mail host at
/// all, `mx-missing`/`null-mx` already say it.
fn receiver_not_listed(mx: &MxCheck) -> Option<Finding> {
    let domain = &mx.domain;
    let has_hosts = matches!(mx.kind, MxKind::Mx | MxKind::Implicit);
    let (true, Some(false), Some(receiver)) = (has_hosts, mx.receiver_listed, &mx.receiver) else {
        return None;
    };
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
    Some(Finding::new(
        FindingCode::MxReceiverNotListed,
        format!(
            "{receiver}, which {role} the message for {domain}, is not one of the domain's mail hosts: {listed} (a gateway, forwarding, or a stale MX)."
        ),
    ))
}

/// The findings of the recipient domain's MX check.
pub fn mx_findings(mx: &MxCheck) -> Vec<Finding> {
    let domain = &mx.domain;
    let mut out: Vec<Finding> = no_mail_host(mx).into_iter().collect();
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
    out.extend(receiver_not_listed(mx));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DnsblCheck, HeloCheck, PtrCheck};

    fn ptr(status: LookupStatus, names: &[&str]) -> PtrCheck {
        PtrCheck {
            query: "7.2.0.192.in-addr.arpa".into(),
            status,
            names: names.iter().map(|n| n.to_string()).collect(),
            broken: Vec::new(),
            generic: Vec::new(),
            recorded: None,
            changed: None,
        }
    }

    fn helo(name: &str, kind: HeloKind, status: LookupStatus) -> HeloCheck {
        HeloCheck {
            name: name.into(),
            kind,
            problem: None,
            status,
            addresses: vec!["192.0.2.7".parse().unwrap()],
            cname: None,
            matches_ip: Some(true),
            matches_ptr: Some(true),
        }
    }

    fn hop(ptr: Option<PtrCheck>, helo: Option<HeloCheck>) -> HopDns {
        HopDns {
            ip: Some("192.0.2.7".parse().unwrap()),
            skipped: None,
            ptr,
            fcrdns: None,
            helo,
            dnsbl: Vec::new(),
        }
    }

    fn shown(dns: &HopDns, authenticated: bool) -> Vec<(&'static str, Mark, String)> {
        marks(dns, authenticated)
            .into_iter()
            .map(|m| (m.check, m.mark, m.note))
            .collect()
    }

    /// Every finding of a check shows in its mark, at its severity or
    /// worse; a mark worse than a pass has a finding behind it.
    fn assert_agree(dns: &HopDns) {
        let findings = hop_findings(dns, false);
        for check in judge(dns, false) {
            let mark = check.mark().mark;
            for (f, _) in &check.raised {
                assert!(findings.contains(f), "{f:?}");
                assert!(mark >= Mark::of(f.severity), "{f:?} under {mark:?}");
            }
            if matches!(mark, Mark::Info | Mark::Warn | Mark::Fail) {
                assert!(
                    check
                        .raised
                        .iter()
                        .any(|(f, _)| Mark::of(f.severity) == mark)
                );
            }
        }
    }

    /// The marks of a client that did not log in, checked against its findings.
    fn marked(dns: &HopDns, expected: &[(&'static str, Mark, &str)]) {
        let expected: Vec<_> = expected
            .iter()
            .map(|(check, mark, note)| (*check, *mark, note.to_string()))
            .collect();
        assert_eq!(shown(dns, false), expected);
        assert_agree(dns);
    }

    #[test]
    fn a_generic_ptr_is_worth_knowing_not_a_pass() {
        let mut p = ptr(LookupStatus::Ok, &["dsl-192-0-2-7.example.net"]);
        p.generic = p.names.clone();
        marked(&hop(Some(p), None), &[("PTR", Mark::Info, "generic")]);
    }

    #[test]
    fn a_helo_cname_is_worth_knowing_not_a_problem() {
        let mut h = helo("alias.example.org", HeloKind::Fqdn, LookupStatus::Ok);
        h.cname = Some("mail.example.org".into());
        marked(
            &hop(None, Some(h.clone())),
            &[("HELO", Mark::Info, "CNAME")],
        );
        // A mismatch is an info finding too: the first one names the mark.
        h.matches_ip = Some(false);
        marked(&hop(None, Some(h)), &[("HELO", Mark::Info, "CNAME")]);
    }

    #[test]
    fn warnings_are_problems_and_unanswered_lookups_unknown() {
        let mut h = helo("mailserver2", HeloKind::NotFqdn, LookupStatus::NotAsked);
        h.problem = Some("a bare name".into());
        marked(
            &hop(Some(ptr(LookupStatus::NxDomain, &[])), Some(h)),
            &[
                ("PTR", Mark::Warn, "none"),
                ("HELO", Mark::Warn, "not FQDN"),
            ],
        );
        let fqdn = helo("mail.example.org", HeloKind::Fqdn, LookupStatus::Ok);
        marked(
            &hop(Some(ptr(LookupStatus::Timeout, &[])), Some(fqdn)),
            &[("PTR", Mark::Unknown, "timeout"), ("HELO", Mark::Pass, "")],
        );
    }

    #[test]
    fn an_authenticated_client_is_shown_but_not_judged() {
        let dns = hop(Some(ptr(LookupStatus::NxDomain, &[])), None);
        assert_eq!(shown(&dns, true), [("PTR", Mark::Info, "none".into())]);
        assert!(hop_findings(&dns, true).is_empty());
    }

    #[test]
    fn a_receiver_missing_from_the_mx_is_worth_knowing() {
        let mut mx = MxCheck {
            recipient: "bob@example.net".into(),
            source: RecipientSource::For,
            domain: "example.net".into(),
            status: LookupStatus::Ok,
            kind: MxKind::Implicit,
            hosts: Vec::new(),
            address_status: Some(LookupStatus::Ok),
            addresses: Vec::new(),
            receiver: Some("gw.example.net".into()),
            receiver_listed: Some(false),
        };
        assert_eq!(mx_receiver_mark(&mx), Some(Mark::Info));
        assert!(
            mx_findings(&mx)
                .iter()
                .any(|f| f.code == FindingCode::MxReceiverNotListed)
        );
        mx.receiver_listed = Some(true);
        assert_eq!(mx_receiver_mark(&mx), Some(Mark::Pass));
        mx.receiver_listed = None;
        assert_eq!(mx_receiver_mark(&mx), None);
        // With no mail host at all, mx-missing (a warning) says why.
        mx.kind = MxKind::None;
        mx.receiver_listed = Some(false);
        assert_eq!(mx_receiver_mark(&mx), Some(Mark::Warn));
    }

    #[test]
    fn blocklists_pass_together_and_fail_by_zone() {
        let zone = |zone: &str, listed: Option<bool>| DnsblCheck {
            zone: zone.into(),
            query: format!("7.2.0.192.{zone}"),
            status: match listed {
                Some(true) => LookupStatus::Ok,
                Some(false) => LookupStatus::NxDomain,
                None => LookupStatus::Timeout,
            },
            listed,
            codes: Vec::new(),
            reason: None,
        };
        let mut dns = hop(None, None);
        dns.dnsbl = vec![zone("a.example", Some(false)), zone("b.example", None)];
        marked(&dns, &[("DNSBL", Mark::Unknown, "b.example timeout")]);
        dns.dnsbl = vec![
            zone("a.example", Some(false)),
            zone("b.example", Some(false)),
        ];
        marked(&dns, &[("DNSBL", Mark::Pass, "")]);
        dns.dnsbl = vec![
            zone("a.example", Some(true)),
            zone("b.example", Some(false)),
        ];
        marked(&dns, &[("DNSBL", Mark::Warn, "a.example")]);
    }
}
