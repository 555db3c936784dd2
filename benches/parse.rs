//! Throughput of the offline path: Received lines per second, whole
//! messages per second. Run with `cargo bench --bench parse`; figures go
//! in docs/performance.md.

use std::hint::black_box;

use chrono::DateTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use trace_path::chain::received::parse_received;
use trace_path::input::Input;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

const SAMPLES: &[&str] = &[
    include_str!("../samples/postfix-relay.eml"),
    include_str!("../samples/exim.eml"),
    include_str!("../samples/office365.eml"),
    include_str!("../samples/gmail.eml"),
    include_str!("../samples/qmail.eml"),
    include_str!("../samples/proofpoint-gateway.eml"),
];

/// Every Received value of the samples, unfolded.
fn received_lines() -> Vec<String> {
    SAMPLES
        .iter()
        .flat_map(|m| {
            let parsed = trace_path::message::parse(m.as_bytes()).expect("sample parses");
            parsed.received
        })
        .collect()
}

fn received(c: &mut Criterion) {
    let lines = received_lines();
    let mut group = c.benchmark_group("received");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("parse_received", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(parse_received(black_box(line)));
            }
        })
    });
    group.finish();
}

fn message(c: &mut Criterion) {
    let options = TraceOptions {
        trusted: TrustedRelays::default(),
        now: DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
        redact: false,
        keep_signed: false,
    };
    let inputs: Vec<Input> = SAMPLES
        .iter()
        .map(|m| Input::new("bench", m.as_bytes().to_vec()))
        .collect();
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let mut group = c.benchmark_group("message");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("trace", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(trace(black_box(input), &options).unwrap());
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("trace_bytes", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(trace(black_box(input), &options).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, received, message);
criterion_main!(benches);
