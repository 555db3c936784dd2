//! Asking DNS: the hickory resolver, and the engine every check goes
//! through. The engine asks each question once (concurrent askers share the
//! answer), caps the questions in flight and in total, and stops waiting at
//! the report's one deadline, so a silent server can never hold a report up.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError as HickoryDnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{Name, RData, RecordType};
use thiserror::Error;
use tokio::sync::{OnceCell, Semaphore, SemaphorePermit};
use tokio::time::Instant;

use crate::host::HostName;
use crate::model::LookupStatus;

/// A DNS server to ask, from `--resolver IP[:PORT]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolverAddr(pub SocketAddr);

#[derive(Debug, Error, PartialEq, Eq)]
#[error(
    "'{0}' is not an IP address with an optional port (192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53)"
)]
pub struct BadResolverAddr(String);

impl FromStr for ResolverAddr {
    type Err = BadResolverAddr;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(addr) = s.parse::<SocketAddr>() {
            return Ok(ResolverAddr(addr));
        }
        let bare = s.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
        match bare.unwrap_or(s).parse::<IpAddr>() {
            Ok(ip) => Ok(ResolverAddr(SocketAddr::new(ip, 53))),
            Err(_) => Err(BadResolverAddr(s.to_string())),
        }
    }
}

impl fmt::Display for ResolverAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a question got no records. NXDOMAIN, no records (NODATA),
/// SERVFAIL, REFUSED and timeout are told apart because they mean
/// different things to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DnsFailure {
    #[error("the name does not exist (NXDOMAIN)")]
    NxDomain,
    #[error("the name has no record of this type")]
    NoRecords,
    #[error("server failure (SERVFAIL)")]
    ServFail,
    #[error("the server refused to answer (REFUSED)")]
    Refused,
    #[error("no answer before the deadline")]
    Timeout,
    #[error("not asked: the report's query cap was reached")]
    Capped,
    #[error("{0}")]
    Other(String),
}

impl DnsFailure {
    pub fn status(&self) -> LookupStatus {
        match self {
            DnsFailure::NxDomain => LookupStatus::NxDomain,
            DnsFailure::NoRecords => LookupStatus::NoRecords,
            DnsFailure::ServFail => LookupStatus::ServFail,
            DnsFailure::Refused => LookupStatus::Refused,
            DnsFailure::Timeout => LookupStatus::Timeout,
            DnsFailure::Capped => LookupStatus::Capped,
            DnsFailure::Other(_) => LookupStatus::Error,
        }
    }

    fn of(error: &NetError) -> DnsFailure {
        // NXDOMAIN also counts as "no records found" in hickory: test it first.
        if error.is_nx_domain() {
            return DnsFailure::NxDomain;
        }
        if error.is_no_records_found() {
            return DnsFailure::NoRecords;
        }
        match error {
            NetError::Timeout => DnsFailure::Timeout,
            NetError::Dns(HickoryDnsError::ResponseCode(ResponseCode::Refused)) => {
                DnsFailure::Refused
            }
            NetError::Dns(HickoryDnsError::ResponseCode(ResponseCode::ServFail)) => {
                DnsFailure::ServFail
            }
            other => DnsFailure::Other(other.to_string()),
        }
    }
}

/// Why DNS checks could not run at all.
#[derive(Debug, Error)]
pub enum DnsError {
    #[error("cannot read the system's DNS configuration ({0}); name a server with --resolver")]
    SystemConfig(String),
    #[error("cannot set up the DNS resolver: {0}")]
    Resolver(String),
    #[error("cannot start the DNS runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

/// The answer to one question: its records, or why there are none.
pub type DnsAnswer<T> = Result<T, DnsFailure>;

/// How a question ended, as the report shows it.
pub fn status_of<T>(answer: &DnsAnswer<T>) -> LookupStatus {
    match answer {
        Ok(_) => LookupStatus::Ok,
        Err(failure) => failure.status(),
    }
}

/// The record types the checks ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueryType {
    A,
    Aaaa,
    Ptr,
    Mx,
    Txt,
}

impl QueryType {
    fn record_type(self) -> RecordType {
        match self {
            QueryType::A => RecordType::A,
            QueryType::Aaaa => RecordType::AAAA,
            QueryType::Ptr => RecordType::PTR,
            QueryType::Mx => RecordType::MX,
            QueryType::Txt => RecordType::TXT,
        }
    }

    /// The address type matching an IP's family.
    pub fn address_of(ip: IpAddr) -> QueryType {
        if ip.is_ipv4() {
            QueryType::A
        } else {
            QueryType::Aaaa
        }
    }
}

/// One answer record, with names lowercase and without the trailing dot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rdata {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Ptr(String),
    /// An alias met on the way: `owner` is an alias of `target`.
    Cname {
        owner: String,
        target: String,
    },
    /// An empty exchange is the root, `.` (a null MX).
    Mx {
        preference: u16,
        exchange: String,
    },
    Txt(String),
}

impl Rdata {
    pub fn address(&self) -> Option<IpAddr> {
        match self {
            Rdata::A(a) => Some(IpAddr::V4(*a)),
            Rdata::Aaaa(a) => Some(IpAddr::V6(*a)),
            _ => None,
        }
    }
}

/// The records of a successful answer, shared between askers.
pub type Records = Arc<[Rdata]>;

/// Limits of the DNS work of one report.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Questions on the wire at once.
    pub in_flight: usize,
    /// Questions per report; more are answered `capped` without being sent.
    pub total: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            in_flight: 64,
            total: 400,
        }
    }
}

type Slot = Arc<OnceCell<DnsAnswer<Records>>>;

/// The permits for questions on the wire at once, for all reports of a run.
pub fn in_flight_permits(limits: Limits) -> Arc<Semaphore> {
    Arc::new(Semaphore::new(limits.in_flight.max(1)))
}

/// Asks questions for one report: deduplicated, capped, under one deadline.
pub struct Engine {
    resolver: TokioResolver,
    deadline: Instant,
    /// Shared by every report checked at the same time.
    in_flight: Arc<Semaphore>,
    remaining: AtomicUsize,
    asked: AtomicUsize,
    answered: AtomicUsize,
    capped: AtomicBool,
    timed_out: AtomicBool,
    answers: Mutex<HashMap<(HostName, QueryType), Slot>>,
}

impl Engine {
    /// `in_flight` holds [`Limits::in_flight`] permits, shared with the
    /// other reports checked at the same time (see [`in_flight_permits`]).
    pub fn new(
        resolver: TokioResolver,
        deadline: Instant,
        limits: Limits,
        in_flight: Arc<Semaphore>,
    ) -> Engine {
        Engine {
            resolver,
            deadline,
            in_flight,
            remaining: AtomicUsize::new(limits.total),
            asked: AtomicUsize::new(0),
            answered: AtomicUsize::new(0),
            capped: AtomicBool::new(false),
            timed_out: AtomicBool::new(false),
            answers: Mutex::new(HashMap::new()),
        }
    }

    /// The records of `name` of type `kind`. Asking again, even while the
    /// first question is still out, waits for the same answer.
    pub async fn ask(&self, name: &HostName, kind: QueryType) -> DnsAnswer<Records> {
        let slot = self.slot(name, kind);
        slot.get_or_init(|| self.send(name, kind)).await.clone()
    }

    /// Distinct questions sent so far, with those charged by checks that
    /// ask outside [`Engine::ask`] ([`Engine::charge`]).
    pub fn asked(&self) -> usize {
        self.asked.load(Ordering::Relaxed)
    }

    /// Questions that got any answer from a server (records, NXDOMAIN,
    /// SERVFAIL...), as opposed to none before the deadline.
    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::Relaxed)
    }

    pub fn was_capped(&self) -> bool {
        self.capped.load(Ordering::Relaxed)
    }

    pub fn deadline_passed(&self) -> bool {
        self.timed_out.load(Ordering::Relaxed)
    }

    /// When every question of the report must be answered.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Claims one question of the report's cap for a check that asks DNS
    /// through the resolver itself (mail-auth's SPF evaluation) and counts
    /// it as asked; `false`, and the report marked capped, when the cap is
    /// reached: the caller must then not ask.
    pub fn charge(&self) -> bool {
        if self.claim() {
            self.asked.fetch_add(1, Ordering::Relaxed);
            true
        } else {
            self.capped.store(true, Ordering::Relaxed);
            false
        }
    }

    /// Notes an answer to a question asked outside [`Engine::ask`].
    pub fn note_answered(&self) {
        self.answered.fetch_add(1, Ordering::Relaxed);
    }

    /// Notes that a check asking outside [`Engine::ask`] was stopped by
    /// the deadline.
    pub fn note_deadline_passed(&self) {
        self.timed_out.store(true, Ordering::Relaxed);
    }

    /// One of the shared places for a question in flight, held by a check
    /// that asks one question at a time outside [`Engine::ask`].
    pub async fn in_flight_place(&self) -> Option<SemaphorePermit<'_>> {
        self.in_flight.acquire().await.ok()
    }

    /// Takes one question off the report's cap; `false` when none is left.
    fn claim(&self) -> bool {
        self.remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }

    fn slot(&self, name: &HostName, kind: QueryType) -> Slot {
        // A poisoned lock only means another question panicked; the map is still usable.
        let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        answers
            .entry((name.clone(), kind))
            .or_insert_with(|| Arc::new(OnceCell::new()))
            .clone()
    }

    async fn send(&self, name: &HostName, kind: QueryType) -> DnsAnswer<Records> {
        if !self.claim() {
            self.capped.store(true, Ordering::Relaxed);
            return Err(DnsFailure::Capped);
        }
        let fqdn = Name::from_ascii(format!("{name}."))
            .map_err(|e| DnsFailure::Other(format!("cannot ask about {name}: {e}")))?;
        let asked = async {
            let _permit = self.in_flight.acquire().await;
            self.asked.fetch_add(1, Ordering::Relaxed);
            self.resolver.lookup(fqdn.clone(), kind.record_type()).await
        };
        match tokio::time::timeout_at(self.deadline, asked).await {
            Err(_) => {
                self.timed_out.store(true, Ordering::Relaxed);
                Err(DnsFailure::Timeout)
            }
            Ok(Err(e)) => {
                let failure = DnsFailure::of(&e);
                if failure == DnsFailure::NoRecords
                    && may_be_a_cname_loop(&e)
                    && let Some(chain) = self.cname_loop(&fqdn).await
                {
                    self.answered.fetch_add(1, Ordering::Relaxed);
                    return Err(DnsFailure::Other(format!("a CNAME loop: {chain}")));
                }
                match failure {
                    DnsFailure::Timeout => self.timed_out.store(true, Ordering::Relaxed),
                    DnsFailure::Other(_) => {}
                    _ => {
                        self.answered.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Err(failure)
            }
            Ok(Ok(lookup)) => {
                self.answered.fetch_add(1, Ordering::Relaxed);
                Ok(lookup.answers().iter().filter_map(convert).collect())
            }
        }
    }
}

impl Engine {
    /// Follows the CNAMEs from `start` one question at a time, under the
    /// same cap and deadline as every question; the chain as text when it
    /// comes back to a name already seen, `None` when it ends (or the
    /// walk cannot finish).
    async fn cname_loop(&self, start: &Name) -> Option<String> {
        let mut seen = vec![plain(start)];
        let mut current = start.clone();
        for _ in 0..MAX_CNAME_HOPS {
            if !self.claim() {
                return None;
            }
            let asked = async {
                let _permit = self.in_flight.acquire().await;
                self.asked.fetch_add(1, Ordering::Relaxed);
                self.resolver
                    .lookup(current.clone(), RecordType::CNAME)
                    .await
            };
            let lookup = tokio::time::timeout_at(self.deadline, asked)
                .await
                .ok()?
                .ok()?;
            let owner = plain(&current);
            let target = lookup.answers().iter().find_map(|r| match &r.data {
                RData::CNAME(c) if plain(&r.name) == owner => Some(c.0.clone()),
                _ => None,
            })?;
            let text = plain(&target);
            let looped = seen.contains(&text);
            seen.push(text);
            if looped {
                return Some(seen.join(" → "));
            }
            current = target;
        }
        None
    }
}

/// CNAME hops followed when looking for a loop (hickory follows 8).
const MAX_CNAME_HOPS: usize = 10;

/// Whether a "no records" answer may be hickory giving up on a CNAME
/// chain: it reports a loop (8 hops) the same way as a name without the
/// type, but without the SOA that every real NODATA answer carries
/// (RFC 2308). Only then are the CNAMEs walked to look for a loop.
fn may_be_a_cname_loop(error: &NetError) -> bool {
    match error {
        NetError::Dns(HickoryDnsError::NoRecordsFound(no_records)) => no_records.soa.is_none(),
        _ => false,
    }
}

fn convert(record: &hickory_resolver::proto::rr::Record) -> Option<Rdata> {
    Some(match &record.data {
        RData::A(a) => Rdata::A(a.0),
        RData::AAAA(a) => Rdata::Aaaa(a.0),
        RData::PTR(p) => Rdata::Ptr(plain(&p.0)),
        RData::CNAME(c) => Rdata::Cname {
            owner: plain(&record.name),
            target: plain(&c.0),
        },
        RData::MX(mx) => Rdata::Mx {
            preference: mx.preference,
            exchange: plain(&mx.exchange),
        },
        RData::TXT(txt) => Rdata::Txt(
            txt.txt_data
                .iter()
                .map(|part| String::from_utf8_lossy(part))
                .collect::<Vec<_>>()
                .concat(),
        ),
        _ => return None,
    })
}

/// A DNS name as text: lowercase, no trailing dot (the root is "").
fn plain(name: &Name) -> String {
    let text = name.to_ascii().to_ascii_lowercase();
    text.strip_suffix('.').unwrap_or(&text).to_string()
}

/// Builds the resolver: the given servers, or the system configuration.
/// Timeouts are set so that one question, retry included, gives up by the
/// deadline; the engine's own deadline is the hard stop.
pub fn build(servers: &[ResolverAddr], deadline: Duration) -> Result<TokioResolver, DnsError> {
    let mut builder = if servers.is_empty() {
        TokioResolver::builder_tokio().map_err(|e| DnsError::SystemConfig(e.to_string()))?
    } else {
        let name_servers = servers.iter().map(|s| name_server(s.0)).collect();
        TokioResolver::builder_with_config(
            ResolverConfig::from_name_servers(name_servers),
            TokioRuntimeProvider::default(),
        )
    };
    tune(builder.options_mut(), deadline);
    builder
        .build()
        .map_err(|e| DnsError::Resolver(e.to_string()))
}

fn name_server(addr: SocketAddr) -> NameServerConfig {
    // The port belongs to each connection, not to the server.
    let mut udp = ConnectionConfig::udp();
    udp.port = addr.port();
    let mut tcp = ConnectionConfig::tcp();
    tcp.port = addr.port();
    NameServerConfig::new(addr.ip(), true, vec![udp, tcp])
}

fn tune(opts: &mut ResolverOpts, deadline: Duration) {
    // Give-up time is timeout × (attempts + 1): one retry, both within the deadline.
    opts.attempts = 1;
    opts.timeout = (deadline / 2).max(Duration::from_millis(50));
    // Answers must come from DNS, never from /etc/hosts.
    opts.use_hosts_file = ResolveHosts::Never;
    // Keep CNAMEs in answers: a HELO name that is an alias is flagged.
    opts.preserve_intermediates = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolver_addresses() {
        let parse = |s: &str| s.parse::<ResolverAddr>().map(|a| a.0.to_string());
        assert_eq!(parse("192.0.2.53").unwrap(), "192.0.2.53:53");
        assert_eq!(parse("192.0.2.53:5353").unwrap(), "192.0.2.53:5353");
        assert_eq!(parse("[2001:db8::53]:5353").unwrap(), "[2001:db8::53]:5353");
        assert_eq!(parse("2001:db8::53").unwrap(), "[2001:db8::53]:53");
        assert_eq!(parse("[2001:db8::53]").unwrap(), "[2001:db8::53]:53");
        assert!(parse("dns.example.net").is_err());
        assert!(parse("192.0.2.53:99999").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn failures_map_to_statuses() {
        assert_eq!(DnsFailure::of(&NetError::Timeout), DnsFailure::Timeout);
        assert_eq!(
            DnsFailure::of(&NetError::Dns(HickoryDnsError::ResponseCode(
                ResponseCode::Refused
            ))),
            DnsFailure::Refused
        );
        assert_eq!(
            DnsFailure::of(&NetError::Dns(HickoryDnsError::ResponseCode(
                ResponseCode::ServFail
            ))),
            DnsFailure::ServFail
        );
        assert!(matches!(
            DnsFailure::of(&NetError::NoConnections),
            DnsFailure::Other(_)
        ));
    }
}
