//! The DNS stage: checks each hop's sender (PTR, forward-confirmed rDNS,
//! HELO, optional blocklists), the recipient domain's MX, and the
//! message's authentication as it stands today ([`auth_now`]: SPF, DMARC
//! record, DKIM signatures).
//!
//! It runs after [`crate::trace`] (which stays offline) and before
//! rendering. All questions of a report run concurrently on tokio with
//! hickory-resolver, asked once each, capped, and under ONE deadline: when
//! it passes, unfinished checks say `timeout` and the report is printed
//! anyway. Names from the message are validated before they are asked
//! about, and nothing from the message ever chooses the resolver.

pub mod auth_now;
pub mod checks;
pub mod dnsbl;
pub mod findings;
pub mod mx;
pub mod names;
pub mod resolver;

use std::cell::Cell;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use mail_auth::MessageAuthenticator;
use tokio::runtime::Runtime;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::host::HostName;
use crate::ip_kind::IpKind;
use crate::model::Hop;
use crate::model::{CheckedNow, Finding, FindingCode, HopDns, Report, ReportDns, Trust};

use auth_now::AuthPlan;
use checks::HopQuestion;
use mx::MxQuestion;
pub use resolver::{DnsError, Limits, ResolverAddr};

/// The default deadline for all DNS work of one report.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(3);

/// Margin past the deadline for the outer guard: per-question deadlines
/// end every lookup first, so this fires only if something else hangs.
const GUARD_MARGIN: Duration = Duration::from_millis(500);

/// Reports of a batch whose DNS checks run at the same time. Enough to
/// hide the answer time of one report behind the others'; few enough that
/// their questions (sharing the in-flight cap) finish well within each
/// report's deadline.
pub const REPORTS_AT_ONCE: usize = 8;

/// How DNS runs, from the command line.
#[derive(Debug, Clone)]
pub struct DnsOptions {
    /// Servers to ask; empty means the system's resolver configuration.
    pub resolvers: Vec<ResolverAddr>,
    /// One deadline for all DNS work of a report.
    pub deadline: Duration,
    /// Blocklist zones to ask about the trustworthy IP.
    pub dnsbl: Vec<HostName>,
    /// Also ask the blocklists about every unverified public IP.
    pub dnsbl_all: bool,
    pub limits: Limits,
}

impl Default for DnsOptions {
    fn default() -> Self {
        DnsOptions {
            resolvers: Vec::new(),
            deadline: DEFAULT_DEADLINE,
            dnsbl: Vec::new(),
            dnsbl_all: false,
            limits: Limits::default(),
        }
    }
}

/// Runs the DNS stage on reports; set up once, used for each report.
pub struct DnsChecker {
    runtime: Option<Runtime>,
    resolver: hickory_resolver::TokioResolver,
    /// mail-auth's checks, on the same resolver (and its cache).
    authenticator: MessageAuthenticator,
    options: DnsOptions,
    /// Questions on the wire at once, across the reports checked together.
    in_flight: Arc<Semaphore>,
    /// Set when a report's questions all went unanswered until the
    /// deadline: the resolver is dead, and later reports of the same run
    /// (an mbox, a Maildir) skip DNS instead of each waiting the deadline.
    silent: Cell<bool>,
}

impl DnsChecker {
    pub fn new(options: &DnsOptions) -> Result<DnsChecker, DnsError> {
        // One thread is plenty: the work is waiting for packets.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let resolver = {
            let _inside = runtime.enter();
            resolver::build(&options.resolvers, options.deadline)?
        };
        Ok(DnsChecker {
            runtime: Some(runtime),
            authenticator: MessageAuthenticator(resolver.clone()),
            resolver,
            in_flight: resolver::in_flight_permits(options.limits),
            options: options.clone(),
            silent: Cell::new(false),
        })
    }

    /// Fills `hop.dns`, the hops' DNS findings, `report.dns`,
    /// `report.auth.checked_now` and the message-level findings.
    pub fn check(&self, report: &mut Report) {
        self.check_all(std::iter::once(report));
    }

    /// Checks the reports of a batch together: up to [`REPORTS_AT_ONCE`]
    /// reports have questions in the air at the same time, sharing the
    /// in-flight cap. Each report keeps its own question cap and its own
    /// deadline, counted from when its checks start, and its results are
    /// the same as when checked alone.
    pub fn check_all<'r>(&self, reports: impl IntoIterator<Item = &'r mut Report>) {
        let Some(runtime) = &self.runtime else {
            return;
        };
        let mut reports: Vec<&mut Report> = reports.into_iter().collect();
        let plans: Vec<Plan> = reports.iter().map(|r| Plan::of(r, &self.options)).collect();
        let checks = plans.iter().map(|plan| self.run_unless_silent(plan));
        let results: Vec<_> = runtime.block_on(
            futures_util::stream::iter(checks)
                .buffered(REPORTS_AT_ONCE)
                .collect(),
        );
        for (report, result) in reports.iter_mut().zip(results) {
            match result {
                Some(found) => apply(report, found),
                None => report.findings.push(Finding::new(
                    FindingCode::DnsUnavailable,
                    "DNS checks skipped: the resolver answered nothing before the deadline for an earlier message of this run.",
                )),
            }
        }
    }

    /// One report's checks, or `None` once the resolver has proved dead:
    /// later reports of the same run (an mbox, a Maildir) then skip DNS
    /// instead of each waiting the deadline.
    async fn run_unless_silent(&self, plan: &Plan) -> Option<Found> {
        if self.silent.get() {
            return None;
        }
        let found = self.run(plan, self.resolver_names()).await;
        let summary = &found.summary;
        if summary.deadline_passed && summary.queries > 0 && found.answered == 0 {
            self.silent.set(true);
        }
        Some(found)
    }

    fn resolver_names(&self) -> Vec<String> {
        if self.options.resolvers.is_empty() {
            vec!["system".to_string()]
        } else {
            self.options
                .resolvers
                .iter()
                .map(|r| r.to_string())
                .collect()
        }
    }

    async fn run(&self, plan: &Plan, resolvers: Vec<String>) -> Found {
        let deadline = Instant::now() + self.options.deadline;
        let engine = resolver::Engine::new(
            self.resolver.clone(),
            deadline,
            self.options.limits,
            self.in_flight.clone(),
        );
        let hops = futures_util::future::join_all(plan.hops.iter().map(|q| async {
            match q {
                HopPlan::Ask(q) => checks::check_hop(&engine, q).await,
                HopPlan::Skip(ip, why) => HopDns::skipped(*ip, why.clone()),
            }
        }));
        let mx = async {
            match &plan.mx {
                Some(q) => Some(mx::check(&engine, q).await),
                None => None,
            }
        };
        let auth = async {
            match &plan.auth {
                Some(auth) => Some(auth_now::check(&engine, &self.authenticator, auth).await),
                None => None,
            }
        };
        let all = async { tokio::join!(hops, mx, auth) };
        let guard = self.options.deadline + GUARD_MARGIN;
        let (hops, mx, auth, guard_fired) = match tokio::time::timeout(guard, all).await {
            Ok((hops, mx, auth)) => (hops, mx, auth, false),
            Err(_) => (plan.unfinished(), None, plan.auth_unfinished(), true),
        };
        let summary = ReportDns {
            resolvers,
            deadline_seconds: self.options.deadline.as_secs_f64(),
            queries: engine.asked(),
            capped: engine.was_capped(),
            deadline_passed: guard_fired || engine.deadline_passed(),
            mx,
        };
        Found {
            hops,
            summary,
            auth,
            answered: engine.answered(),
        }
    }
}

impl Drop for DnsChecker {
    fn drop(&mut self) {
        // Lookups abandoned at the deadline may still hold sockets; do not
        // wait for them when the program ends.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Runs the DNS stage on one report. When DNS cannot start, the report
/// gets a `dns-unavailable` finding and `dns` stays `null`.
pub fn check_report(report: &mut Report, options: &DnsOptions) {
    match DnsChecker::new(options) {
        Ok(checker) => checker.check(report),
        Err(e) => unavailable(report, &e),
    }
}

/// Notes on a report that DNS could not run, and why.
pub fn unavailable(report: &mut Report, error: &DnsError) {
    report.findings.push(Finding::new(
        FindingCode::DnsUnavailable,
        format!("DNS checks did not run: {error}."),
    ));
}

/// What one report's checks found.
struct Found {
    hops: Vec<HopDns>,
    summary: ReportDns,
    auth: Option<CheckedNow>,
    /// Questions that got an answer: none at all means a dead resolver.
    answered: usize,
}

/// What to ask for one report: per hop a question or the reason to skip
/// it, the recipient domain, and the authentication checked now.
struct Plan {
    hops: Vec<HopPlan>,
    mx: Option<MxQuestion>,
    auth: Option<AuthPlan>,
}

impl Plan {
    fn of(report: &Report, options: &DnsOptions) -> Plan {
        Plan {
            hops: report
                .hops
                .iter()
                .map(|h| hop_question(h, options))
                .collect(),
            mx: MxQuestion::of(report),
            auth: AuthPlan::of(report),
        }
    }

    /// The authentication checks' result when the guard had to stop everything.
    fn auth_unfinished(&self) -> Option<CheckedNow> {
        self.auth
            .as_ref()
            .map(|_| CheckedNow::not_done("DNS checks did not finish before the deadline"))
    }

    /// Every hop's result when the guard had to stop everything.
    fn unfinished(&self) -> Vec<HopDns> {
        self.hops
            .iter()
            .map(|q| match q {
                HopPlan::Ask(q) => {
                    HopDns::skipped(Some(q.ip), "DNS checks did not finish before the deadline")
                }
                HopPlan::Skip(ip, why) => HopDns::skipped(*ip, why.clone()),
            })
            .collect()
    }
}

/// One hop's part of the plan: its questions, or why it has none.
enum HopPlan {
    Ask(HopQuestion),
    Skip(Option<IpAddr>, String),
}

fn hop_question(hop: &Hop, options: &DnsOptions) -> HopPlan {
    let Some(ip) = hop.from.ip.map(|ip| ip.to_canonical()) else {
        return HopPlan::Skip(None, "the hop records no connecting IP".to_string());
    };
    let kind = IpKind::of(ip);
    if !kind.is_public() {
        return HopPlan::Skip(
            Some(ip),
            format!("{} address: not in public DNS", kind.describe()),
        );
    }
    let blocklisted = match hop.trust {
        Trust::Trustworthy => true,
        Trust::Unverified => options.dnsbl_all,
        Trust::Internal => false,
    };
    HopPlan::Ask(HopQuestion {
        ip,
        helo: hop.from.helo.clone(),
        recorded_rdns: hop.from.rdns.clone(),
        dnsbl_zones: if blocklisted {
            options.dnsbl.clone()
        } else {
            Vec::new()
        },
    })
}

fn apply(report: &mut Report, found: Found) {
    let Found {
        hops,
        summary,
        auth,
        ..
    } = found;
    for (hop, dns) in report.hops.iter_mut().zip(hops) {
        hop.findings
            .extend(findings::hop_findings(&dns, findings::authenticated(hop)));
        hop.dns = Some(dns);
    }
    if let Some(mx) = &summary.mx {
        report.findings.extend(findings::mx_findings(mx));
    }
    auth_now::apply(report, auth);
    report.dns = Some(summary);
}
