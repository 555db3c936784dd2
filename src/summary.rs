//! `--summary`: what a batch of messages looks like as a whole. Fed one
//! report at a time, so memory stays flat however large the batch is (one
//! number per message is kept, for the transit-time percentiles).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::ParseQuality;
use crate::model::Report;

/// Counts over a batch. Maps are sorted by key so output is deterministic.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Messages traced.
    pub messages: usize,
    /// Inputs that could not be read as mail (each also reported on stderr).
    pub unreadable: usize,
    /// Hops over all messages.
    pub hops: usize,
    /// Hops by parse quality: `full`, `partial`, `failed`.
    pub parsed: BTreeMap<&'static str, usize>,
    /// Messages by `stop.kind`.
    pub stop_kinds: BTreeMap<String, usize>,
    /// Bounced or delayed messages by `stop.reason`.
    pub reasons: BTreeMap<String, usize>,
    /// Messages carrying each finding code (a message counts once per code).
    pub findings: BTreeMap<&'static str, usize>,
    /// Median total transit time, over messages where it is known.
    pub transit_median_seconds: Option<i64>,
    /// 95th percentile of the total transit time.
    pub transit_p95_seconds: Option<i64>,
    #[serde(skip)]
    transits: Vec<i64>,
}

impl Summary {
    pub fn add(&mut self, report: &Report) {
        self.messages += 1;
        self.hops += report.hops.len();
        for hop in &report.hops {
            let quality = match hop.parsed {
                ParseQuality::Full => "full",
                ParseQuality::Partial => "partial",
                ParseQuality::Failed => "failed",
            };
            *self.parsed.entry(quality).or_default() += 1;
        }
        let kind = serde_json::to_value(report.stop.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        *self.stop_kinds.entry(kind).or_default() += 1;
        let stopped = matches!(
            report.stop.kind,
            crate::model::StopKind::Bounced | crate::model::StopKind::Delayed
        );
        if let Some(reason) = report.stop.primary.reason.filter(|_| stopped) {
            let reason = reason.as_str().to_string();
            *self.reasons.entry(reason).or_default() += 1;
        }
        let mut codes: Vec<&'static str> = report
            .all_findings()
            .map(|(_, f)| f.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        for code in codes {
            *self.findings.entry(code).or_default() += 1;
        }
        // A negative total is a clock error, not a transit time.
        if let Some(t) = report.total_transit_seconds.filter(|t| *t >= 0) {
            self.transits.push(t);
        }
    }

    pub fn add_unreadable(&mut self) {
        self.unreadable += 1;
    }

    /// Computes the percentiles; call once the batch is done.
    pub fn finish(mut self) -> Summary {
        self.transits.sort_unstable();
        self.transit_median_seconds = percentile(&self.transits, 50);
        self.transit_p95_seconds = percentile(&self.transits, 95);
        self
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<i64> = (1..=20).collect();
        assert_eq!(percentile(&v, 50), Some(10));
        assert_eq!(percentile(&v, 95), Some(19));
        assert_eq!(percentile(&[7], 95), Some(7));
        assert_eq!(percentile(&[], 50), None);
    }
}
