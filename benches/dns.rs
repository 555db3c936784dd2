//! DNS wall time of a 12-hop message against the local test server with an
//! artificial delay on every answer. Not a timed test: it prints figures
//! for docs/performance.md. Run with `scripts/bench-dns.sh`.
//!
//! The same report is checked three ways:
//! * concurrent: the engine as shipped (all questions at once, deduplicated);
//! * one in flight: the same engine limited to one question at a time,
//!   which is what asking the questions one after another costs;
//! * the arithmetic: questions × delay.
//!
//! Then a batch of distinct one-hop messages is checked one report after
//! another (`DnsChecker::check` on each) and together
//! (`DnsChecker::check_all`, as `trace-path` does for a batch).

#[path = "../tests/integration/support/dns/mod.rs"]
mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use trace_path::dns::{DnsChecker, DnsOptions, Limits, ResolverAddr, check_report};
use trace_path::host::HostName;
use trace_path::input::Input;
use trace_path::model::Report;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

use support::dns_server::{ServerConfig, TestServer};
use support::zones;

const RUNS: usize = 5;

/// Messages in the batch part.
const BATCH: u8 = 32;

fn main() {
    let delay = Duration::from_millis(
        std::env::var("DNS_BENCH_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(50),
    );
    let server = TestServer::start(ServerConfig {
        delay,
        ..zones::standard()
    });
    let resolver: ResolverAddr = server.resolver_arg().parse().expect("resolver");
    let report = twelve_hop_report();
    assert_eq!(report.hops.len(), 12, "the fixture has 12 hops");

    println!("delay per answer: {} ms; runs: {RUNS}", delay.as_millis());
    println!(
        "| checks | questions | concurrent (median) | one in flight (median) | questions × delay |"
    );
    println!("|---|---:|---:|---:|---:|");
    let zone = HostName::parse("bl.example.net").unwrap();
    for (label, dnsbl) in [
        ("PTR, FCrDNS, HELO, MX, SPF and DMARC now", Vec::new()),
        ("+ --dnsbl --dnsbl-all", vec![zone]),
    ] {
        let options = DnsOptions {
            resolvers: vec![resolver],
            deadline: Duration::from_secs(120),
            dnsbl_all: !dnsbl.is_empty(),
            dnsbl,
            limits: Limits::default(),
        };
        let (concurrent, questions) = median_run(&report, &options);
        let sequential_options = DnsOptions {
            limits: Limits {
                in_flight: 1,
                ..Limits::default()
            },
            ..options.clone()
        };
        let (sequential, _) = median_run(&report, &sequential_options);
        println!(
            "| {label} | {questions} | {} ms | {} ms | {} ms |",
            concurrent.as_millis(),
            sequential.as_millis(),
            (delay * questions as u32).as_millis()
        );
    }
    batch(resolver);
}

/// Wall time of checking [`BATCH`] distinct messages one report after
/// another, then all of them as a batch; a fresh resolver (empty cache)
/// for each.
fn batch(resolver: ResolverAddr) {
    let options = DnsOptions {
        resolvers: vec![resolver],
        deadline: Duration::from_secs(120),
        ..DnsOptions::default()
    };
    let reports: Vec<Report> = (0..BATCH).map(one_hop_report).collect();

    let checker = DnsChecker::new(&options).expect("resolver");
    let mut one_by_one = reports.clone();
    let started = Instant::now();
    for report in &mut one_by_one {
        checker.check(report);
    }
    let sequential = started.elapsed();

    let checker = DnsChecker::new(&options).expect("resolver");
    let mut together = reports;
    let started = Instant::now();
    checker.check_all(together.iter_mut());
    let batched = started.elapsed();

    let dns = |rs: &[Report]| -> Vec<_> { rs.iter().map(|r| r.hops[0].dns.clone()).collect() };
    assert_eq!(dns(&one_by_one), dns(&together), "same results either way");
    println!();
    println!("| {BATCH} one-hop messages | one report after another | as a batch |");
    println!("|---|---:|---:|");
    println!(
        "| PTR, FCrDNS, HELO, MX, SPF and DMARC now | {} ms | {} ms |",
        sequential.as_millis(),
        batched.as_millis()
    );
}

/// A message from 198.51.100.(100 + n): no PTR, a HELO that does not
/// resolve, the recipient at example.net (MX in the test zones).
fn one_hop_report(n: u8) -> Report {
    let ip = 100 + u16::from(n);
    let text = format!(
        "Received: from client{n}.example.org (unknown [198.51.100.{ip}])\n\
         \tby mx1.example.net (Postfix) with ESMTP id 4Bat{n:02}\n\
         \tfor <bob@example.net>; Mon, 23 Nov 2026 10:00:00 +0000\n\
         From: <alice@example.org>\nTo: <bob@example.net>\nSubject: {n}\n\n.\n"
    );
    trace(
        &Input::new(format!("m{n}.eml"), text.into_bytes()),
        &trace_options(),
    )
    .expect("traces")
}

fn trace_options() -> TraceOptions {
    TraceOptions {
        trusted: TrustedRelays::default(),
        now: chrono::Utc::now(),
        redact: false,
        keep_signed: true,
    }
}

/// The median wall time of the DNS stage over several runs, and the
/// number of questions one run asks. Each run builds a fresh resolver, so
/// no answer comes from a cache.
fn median_run(report: &Report, options: &DnsOptions) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut questions = 0;
    for _ in 0..RUNS {
        let mut r = report.clone();
        let started = Instant::now();
        check_report(&mut r, options);
        times.push(started.elapsed());
        let dns = r.dns.expect("DNS ran");
        assert!(
            !dns.deadline_passed,
            "the deadline must not cut the benchmark"
        );
        questions = dns.queries;
    }
    times.sort();
    (times[RUNS / 2], questions)
}

fn twelve_hop_report() -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dns/twelve-hops.eml");
    let input = Input::new("twelve-hops.eml", std::fs::read(path).expect("fixture"));
    trace(&input, &trace_options()).expect("traces")
}
