//! The recipient domain: where its mail goes (MX records, or its own
//! A/AAAA as an implicit MX, or nowhere with a null MX), and whether the
//! host that received or refused the message is one of those hosts.

use futures_util::future::join_all;

use crate::model::Hop;
use crate::model::Report;
use crate::model::StopKind;

use super::checks;
use super::resolver::{Engine, QueryType, Rdata, status_of};
use crate::host::HostName;
use crate::mailbox;
use crate::model::{LookupStatus, MxCheck, MxHost, MxKind, RecipientSource};

/// The recipient whose domain is checked, and the host to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MxQuestion {
    pub recipient: String,
    pub source: RecipientSource,
    pub domain: HostName,
    /// The host that received (or refused) the message, lowercase.
    pub receiver: Option<String>,
}

impl MxQuestion {
    /// The recipient, from a bounce's final recipient, else a `for` clause
    /// (the trustworthy hop's first: it entered the recipient's servers
    /// there), else the To: header. `None` when none has a valid domain.
    pub fn of(report: &Report) -> Option<MxQuestion> {
        let bounced = matches!(report.stop.kind, StopKind::Bounced | StopKind::Delayed);
        let from_bounce = bounced
            .then(|| {
                report
                    .stop
                    .recipients
                    .first()
                    .and_then(|r| r.address.as_deref())
            })
            .flatten()
            .map(|a| (a, RecipientSource::Bounce));
        let from_for = report
            .trustworthy()
            .and_then(|h| h.for_addr.as_deref())
            .or_else(|| report.hops.iter().rev().find_map(|h| h.for_addr.as_deref()))
            .map(|a| (a, RecipientSource::For));
        let from_to = report
            .message
            .to
            .as_deref()
            .map(|a| (a, RecipientSource::To));
        let (address, source) = [from_bounce, from_for, from_to]
            .into_iter()
            .flatten()
            .find_map(|(text, source)| mailbox::first_in_list(text).map(|a| (a, source)))?;
        let domain = HostName::parse(address.rsplit('@').next()?).ok()?;
        let receiver = if bounced {
            report.stop.primary.remote_mta.as_deref().and_then(dns_name)
        } else {
            report.trustworthy().and_then(receiver_of)
        };
        Some(MxQuestion {
            recipient: address,
            source,
            domain,
            receiver,
        })
    }
}

/// The receiver's name when it is a host name DNS can be asked about
/// (hop and stop fields are cleaned already; a `by` word can still be a
/// product name).
fn receiver_of(hop: &Hop) -> Option<String> {
    hop.by.host.as_deref().and_then(dns_name)
}

fn dns_name(name: &str) -> Option<String> {
    HostName::parse(name).ok().map(|h| h.to_string())
}

/// Looks the recipient domain up.
pub async fn check(engine: &Engine, q: &MxQuestion) -> MxCheck {
    let answer = engine.ask(&q.domain, QueryType::Mx).await;
    let status = status_of(&answer);
    let mut hosts: Vec<MxHost> = answer
        .iter()
        .flat_map(|records| records.iter())
        .filter_map(|r| match r {
            Rdata::Mx {
                preference,
                exchange,
            } => Some(MxHost {
                preference: *preference,
                host: exchange.clone(),
                status: LookupStatus::NotAsked,
                addresses: Vec::new(),
                cname: None,
                problem: None,
            }),
            _ => None,
        })
        .collect();
    hosts.sort_by(|a, b| (a.preference, &a.host).cmp(&(b.preference, &b.host)));
    hosts.dedup();
    let mut check = MxCheck {
        recipient: q.recipient.clone(),
        source: q.source,
        domain: q.domain.to_string(),
        status,
        kind: MxKind::Unknown,
        hosts,
        address_status: None,
        addresses: Vec::new(),
        receiver: q.receiver.clone(),
        receiver_listed: None,
    };
    let kind = match status {
        // RFC 7505: a single MX whose exchange is the root, ".".
        LookupStatus::Ok if check.hosts.iter().any(|h| h.host.is_empty()) => MxKind::NullMx,
        LookupStatus::Ok if !check.hosts.is_empty() => MxKind::Mx,
        LookupStatus::Ok | LookupStatus::NoRecords => implicit(engine, &q.domain, &mut check).await,
        LookupStatus::NxDomain => MxKind::None,
        _ => MxKind::Unknown,
    };
    check.kind = kind;
    if kind == MxKind::Mx {
        let resolved = join_all(
            check
                .hosts
                .iter()
                .take(MAX_MX_HOSTS)
                .map(|h| resolve_host(engine, h.clone())),
        )
        .await;
        for (slot, host) in check.hosts.iter_mut().zip(resolved) {
            *slot = host;
        }
    }
    check.receiver_listed = receiver_listed(&check);
    check
}

/// At most this many MX hosts are looked up.
const MAX_MX_HOSTS: usize = 8;

/// One MX host's addresses, and whether it is an alias; a name that is
/// not a host name (`192.0.2.9.` written as a name) is not asked.
async fn resolve_host(engine: &Engine, mut host: MxHost) -> MxHost {
    if host.host.is_empty() {
        return host;
    }
    let name = match HostName::parse(&host.host) {
        Ok(name) => name,
        Err(problem) => {
            host.problem = Some(format!("it is not a host name: {problem}"));
            return host;
        }
    };
    let found = checks::addresses_of(engine, &name).await;
    host.status = found.status;
    host.addresses = found.addresses;
    host.cname = found.cname;
    host
}

/// No MX: mail goes to the domain's own address, if it has one (RFC 5321 §5.1).
async fn implicit(engine: &Engine, domain: &HostName, check: &mut MxCheck) -> MxKind {
    let found = checks::addresses_of(engine, domain).await;
    check.addresses = found.addresses;
    let status = found.status;
    check.address_status = Some(status);
    match status {
        LookupStatus::Ok if !check.addresses.is_empty() => MxKind::Implicit,
        s if s.is_answer() => MxKind::None,
        _ => MxKind::Unknown,
    }
}

fn receiver_listed(check: &MxCheck) -> Option<bool> {
    let receiver = check.receiver.as_deref()?;
    match check.kind {
        // An MX host that is an alias is reached under its target's name.
        MxKind::Mx => Some(
            check
                .hosts
                .iter()
                .any(|h| h.host == receiver || h.cname.as_deref() == Some(receiver)),
        ),
        MxKind::Implicit => Some(receiver == check.domain),
        MxKind::NullMx | MxKind::None => Some(false),
        MxKind::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dns_names_are_receivers() {
        assert_eq!(
            dns_name("mx.example.net").as_deref(),
            Some("mx.example.net")
        );
        assert_eq!(dns_name("[192.0.2.7]"), None);
        assert_eq!(dns_name("websense email security gateway"), None);
    }
}
