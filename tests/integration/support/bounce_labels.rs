//! The labelled-bounce machinery shared by the `bounces` and
//! `heldout::bounces` modules: the label type, the `labels!` table macro,
//! tracing a sample, and the per-family accuracy check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use trace_path::input::Input;
use trace_path::model::Report;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, trace};

/// One labelled sample.
pub struct Label {
    pub file: &'static str,
    pub kind: &'static str,
    pub reply_code: Option<u16>,
    pub status: Option<&'static str>,
    pub stage: Option<&'static str>,
    /// `None` for messages that are not delivery reports.
    pub reason: Option<&'static str>,
    pub remote_mta: Option<&'static str>,
    pub remote_ip: Option<&'static str>,
    /// Received headers of the returned message (for a non-bounce: of the message).
    pub hops: usize,
}

pub const N: Option<&str> = None;

/// A table of labels, one line each:
/// `file: kind, reply code, status, stage, reason, remote MTA, remote IP, hops;`
macro_rules! labels {
    ($( $file:literal: $kind:literal, $code:expr, $status:expr, $stage:expr, $reason:expr, $mta:expr, $ip:expr, $hops:literal; )*) => {
        &[$( $crate::support::bounce_labels::Label {
            file: $file,
            kind: $kind,
            reply_code: $code,
            status: $status,
            stage: $stage,
            reason: $reason,
            remote_mta: $mta,
            remote_ip: $ip,
            hops: $hops,
        }, )*]
    };
}
pub(crate) use labels;

pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join("bounces")
}

/// A sample of `samples/bounces/`, traced.
pub fn trace_sample(file: &str) -> Report {
    trace_file(&samples_dir().join(file))
}

pub fn trace_file(path: &Path) -> Report {
    let bytes = std::fs::read(path).expect("sample exists");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let options = TraceOptions {
        trusted: TrustedRelays::default(),
        now: Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        redact: false,
        keep_signed: false,
    };
    trace(&Input::new(name, bytes), &options).expect("a report")
}

/// The fields of a report that a label speaks about, in label order.
pub fn observed(r: &Report) -> Vec<(&'static str, String)> {
    let json = serde_json::to_value(&r.stop).unwrap();
    let text = |key: &str| match &json[key] {
        serde_json::Value::Null => "null".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    vec![
        ("kind", text("kind")),
        ("reply_code", text("reply_code")),
        ("status", text("status")),
        ("smtp_stage", text("smtp_stage")),
        ("reason", text("reason")),
        ("remote_mta", text("remote_mta")),
        ("remote_ip", text("remote_ip")),
        ("hops", r.hops.len().to_string()),
    ]
}

pub fn expected(l: &Label) -> Vec<(&'static str, String)> {
    let opt = |v: Option<&str>| v.unwrap_or("null").to_string();
    vec![
        ("kind", l.kind.to_string()),
        (
            "reply_code",
            l.reply_code.map_or("null".into(), |c| c.to_string()),
        ),
        ("status", opt(l.status)),
        ("smtp_stage", opt(l.stage)),
        ("reason", opt(l.reason)),
        ("remote_mta", opt(l.remote_mta)),
        ("remote_ip", opt(l.remote_ip)),
        ("hops", l.hops.to_string()),
    ]
}

/// Checks every label against its sample in `dir`, prints the accuracy per
/// family (the file name up to its first `-`) and fails on any difference.
pub fn check_labels(dir: &Path, labels: &[Label]) {
    // family -> (samples, samples fully right, fields, fields right)
    let mut families: BTreeMap<&str, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for label in labels {
        let report = trace_file(&dir.join(label.file));
        let got = observed(&report);
        let want = expected(label);
        let wrong: Vec<String> = got
            .iter()
            .zip(&want)
            .filter(|(g, w)| g.1 != w.1)
            .map(|(g, w)| format!("{}: got {}, expected {}", g.0, g.1, w.1))
            .collect();
        let family = label.file.split('-').next().unwrap();
        let e = families.entry(family).or_default();
        e.0 += 1;
        e.2 += want.len();
        e.3 += want.len() - wrong.len();
        if wrong.is_empty() {
            e.1 += 1;
        } else {
            failures.push(format!("{}: {}", label.file, wrong.join("; ")));
        }
    }
    println!("family      samples  all fields right  field accuracy");
    let (mut s, mut r, mut f, mut fr) = (0, 0, 0, 0);
    for (family, (samples, right, fields, fields_right)) in &families {
        println!(
            "{family:<11} {samples:>7}  {right:>7} ({:>5.1}%)   {:>5.1}%",
            100.0 * *right as f64 / *samples as f64,
            100.0 * *fields_right as f64 / *fields as f64
        );
        (s, r, f, fr) = (s + samples, r + right, f + fields, fr + fields_right);
    }
    println!(
        "{:<11} {s:>7}  {r:>7} ({:>5.1}%)   {:>5.1}%",
        "all",
        100.0 * r as f64 / s as f64,
        100.0 * fr as f64 / f as f64
    );
    assert!(failures.is_empty(), "mislabelled:\n{}", failures.join("\n"));
}

/// Asserts that the labels name exactly the sample files in `dir`. Returns
/// how many labels are bounces (have a reason).
pub fn assert_labels_cover_samples(dir: &Path, labels: &[Label]) -> usize {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml") || n.ends_with(".txt"))
        .collect();
    files.sort();
    let mut labelled: Vec<String> = labels.iter().map(|l| l.file.to_string()).collect();
    labelled.sort();
    assert_eq!(files, labelled);
    labels.iter().filter(|l| l.reason.is_some()).count()
}
