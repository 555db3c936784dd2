//! A 10,000-message mbox end to end (read, trace on all cores, JSON Lines
//! written to nowhere): messages per second. `cargo bench --bench batch`.

use std::hint::black_box;
use std::io::Write;

use chrono::DateTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use indicatif::ProgressBar;
use trace_path::TraceOptions;
use trace_path::batch::{self, DnsStage, ReportWriter};
use trace_path::input::Source;
use trace_path::render::{self, Format, Style};
use trace_path::sources::Messages;
use trace_path::trust::TrustedRelays;

const MESSAGES: usize = 10_000;

/// An mbox of the bundled samples, repeated, each with a short body.
fn mbox() -> tempfile::NamedTempFile {
    let samples = [
        include_str!("../samples/postfix-relay.eml"),
        include_str!("../samples/exim.eml"),
        include_str!("../samples/office365.eml"),
        include_str!("../samples/gmail.eml"),
        include_str!("../samples/proofpoint-gateway.eml"),
    ];
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for i in 0..MESSAGES {
        let text = samples[i % samples.len()].replace("\nFrom ", "\n>From ");
        writeln!(
            f,
            "From sender@example.org Mon Nov 23 10:00:00 2026\n{text}"
        )
        .unwrap();
    }
    f.flush().unwrap();
    f
}

fn end_to_end(c: &mut Criterion) {
    let file = mbox();
    let options = TraceOptions {
        trusted: TrustedRelays::default(),
        now: DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
        redact: false,
        keep_signed: false,
    };
    let mut group = c.benchmark_group("mbox");
    group.sample_size(10);
    group.throughput(Throughput::Elements(MESSAGES as u64));
    group.bench_function("10k_messages_jsonl", |b| {
        b.iter(|| {
            let mut writer = ReportWriter::new(
                render::renderer(Format::Jsonl, Style::default()),
                Box::new(std::io::sink()),
                None,
                ProgressBar::hidden(),
                Box::new(|_| {}),
            );
            let messages = Messages::new(vec![Source::Path(file.path().to_path_buf())]);
            batch::run(messages, &options, &DnsStage::Off, &mut writer).unwrap();
            black_box(writer.worst);
        })
    });
    group.finish();
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);
