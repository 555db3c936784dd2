//! `--summary` output: a short text block for the terminal, one JSON
//! object for `json`/`jsonl`.

use std::io::{self, Write};

use super::json::write_safe_json;
use super::renderer::Format;
use crate::duration::human_duration;
use crate::summary::Summary;

pub fn write_summary(summary: &Summary, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json | Format::Jsonl => write_safe_json(summary, format == Format::Json, out),
        _ => write_text(summary, out),
    }
}

fn write_text(s: &Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Messages traced: {}  (unreadable: {})",
        s.messages, s.unreadable
    )?;
    let parsed: Vec<String> = s.parsed.iter().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(out, "Hops: {}  ({})", s.hops, parsed.join(", "))?;
    let time = |t: Option<i64>| t.map(human_duration).unwrap_or_else(|| "unknown".into());
    writeln!(
        out,
        "Transit time: median {}, 95th percentile {}",
        time(s.transit_median_seconds),
        time(s.transit_p95_seconds)
    )?;
    write_counts(out, "Outcome", &s.stop_kinds)?;
    write_counts(out, "Bounce reasons", &s.reasons)?;
    write_counts(out, "Findings (messages)", &s.findings)
}

fn write_counts<K: AsRef<str>>(
    out: &mut dyn Write,
    title: &str,
    counts: &std::collections::BTreeMap<K, usize>,
) -> io::Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    writeln!(out, "{title}:")?;
    let mut rows: Vec<(&K, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.as_ref().cmp(b.0.as_ref())));
    for (key, count) in rows {
        writeln!(out, "  {count:>7}  {}", key.as_ref())?;
    }
    Ok(())
}
