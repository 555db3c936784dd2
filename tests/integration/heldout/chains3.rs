//! Held-out chains, batch 3 (tests/heldout/chains/batch-3/): twenty paths
//! written from the documentation alone, with kinds, trust evidence and
//! finding codes per hop. The expectations are the batch's EXPECTED.txt,
//! read as data; every field of every case is compared and every miss is
//! listed.

use super::heldout_path;
use crate::support::json_report;
use serde_json::Value;

/// One block of EXPECTED.txt.
#[derive(Debug, Default)]
struct Case {
    file: String,
    trust: Vec<String>,
    trustworthy: Option<u64>,
    kinds: Vec<String>,
    /// (hop number, evidence code) for every internal hop.
    evidence: Vec<(u64, String)>,
    /// Finding codes per hop, hop 1 first, sorted.
    hop_findings: Vec<Vec<String>>,
    message_findings: Vec<String>,
}

fn sorted(list: &str, separator: char) -> Vec<String> {
    let mut v: Vec<String> = list
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

fn cases() -> Vec<Case> {
    let text =
        std::fs::read_to_string(heldout_path("chains/batch-3/EXPECTED.txt")).expect("EXPECTED.txt");
    let mut cases = Vec::new();
    let mut case: Option<Case> = None;
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key {
            "file" => {
                cases.extend(case.take());
                case = Some(Case {
                    file: value.to_string(),
                    ..Case::default()
                });
            }
            _ if line.starts_with('#') => {}
            key => {
                let c = case.as_mut().expect("a file: line first");
                match key {
                    "trust" => {
                        c.trust = value
                            .trim_matches(['[', ']'])
                            .split(',')
                            .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
                            .filter(|s| !s.is_empty())
                            .collect()
                    }
                    "trustworthy" => c.trustworthy = value.parse().ok(),
                    "kinds" => c.kinds = value.split(',').map(|s| s.trim().to_string()).collect(),
                    "evidence" => {
                        c.evidence = value
                            .split(',')
                            .filter_map(|pair| {
                                let (hop, code) = pair.trim().split_once('=')?;
                                Some((hop.trim().parse().ok()?, code.trim().to_string()))
                            })
                            .collect()
                    }
                    "hop findings" => {
                        c.hop_findings = value
                            .split(';')
                            .map(|hop| sorted(hop.split_once('=').map_or("", |(_, v)| v), ','))
                            .collect()
                    }
                    "message findings" => c.message_findings = sorted(value, ','),
                    _ => {}
                }
            }
        }
    }
    cases.extend(case);
    cases
}

fn codes(findings: &Value) -> Vec<String> {
    let mut v = crate::support::codes(findings);
    v.sort();
    v
}

#[test]
fn held_out_chains_batch_3() {
    let cases = cases();
    assert_eq!(cases.len(), 20, "every case of EXPECTED.txt is read");
    let mut failures = Vec::new();
    for case in &cases {
        let mut args: Vec<String> = Vec::new();
        for t in &case.trust {
            args.push("--trust".into());
            args.push(t.clone());
        }
        let path = heldout_path(&format!("chains/batch-3/{}", case.file));
        args.push(path.to_string_lossy().into_owned());
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let report = json_report(&argv);
        let label = &case.file;
        let mut miss = |what: String| failures.push(format!("{label}: {what}"));
        if report["trustworthy_hop"].as_u64() != case.trustworthy {
            miss(format!(
                "trustworthy {} != {:?}",
                report["trustworthy_hop"], case.trustworthy
            ));
        }
        let hops = report["hops"].as_array().expect("hops");
        if hops.len() != case.kinds.len() || hops.len() != case.hop_findings.len() {
            miss(format!(
                "{} hops, expected {}",
                hops.len(),
                case.kinds.len()
            ));
            continue;
        }
        for (i, hop) in hops.iter().enumerate() {
            let n = i as u64 + 1;
            if hop["kind"] != case.kinds[i].as_str() {
                miss(format!("hop {n} kind {} != {}", hop["kind"], case.kinds[i]));
            }
            let want = case.evidence.iter().find(|(h, _)| *h == n).map(|(_, c)| c);
            let got = hop["trust_evidence"]["code"].as_str();
            if got != want.map(String::as_str) {
                miss(format!("hop {n} evidence {got:?} != {want:?}"));
            }
            let got = codes(&hop["findings"]);
            if got != case.hop_findings[i] {
                miss(format!(
                    "hop {n} findings {got:?} != {:?}",
                    case.hop_findings[i]
                ));
            }
        }
        let got = codes(&report["findings"]);
        if got != case.message_findings {
            miss(format!(
                "message findings {got:?} != {:?}",
                case.message_findings
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
