//! `--format markdown`: a report to paste into a support ticket (GitHub,
//! GitLab, Jira and other Markdown editors). A heading with the verdict, the
//! summary, the hop table, where it stopped, the findings by severity and
//! the raw Received headers in a fenced block, from [`super::facts`].
//! Every message-derived value is escaped so it cannot break the table or
//! turn into markup, links or mentions.

use std::io::{self, Write};

use super::facts::{self, Field, HopRow};
use super::renderer::{Place, Renderer};
use crate::model::Report;
use crate::model::Trust;

pub struct Markdown;

impl Renderer for Markdown {
    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()> {
        if place.index > 0 {
            writeln!(out, "\n---\n")?;
        }
        render_one(report, out)
    }
}

fn render_one(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Mail trace: {}", escape(&facts::verdict(report)))?;
    writeln!(out)?;
    writeln!(out, "## Summary")?;
    writeln!(out)?;
    fields(out, &facts::summary(report))?;
    fields(out, &facts::outcome(report))?;
    hops(report, out)?;

    if let Some(dns) = facts::dns(report) {
        writeln!(out)?;
        writeln!(out, "## DNS")?;
        writeln!(out)?;
        writeln!(out, "{}", escape(&dns.heading))?;
        writeln!(out)?;
        for (number, detail) in dns.hops {
            writeln!(out, "- **hop {number}:** {}", escape(&detail))?;
        }
        if let Some(mx) = dns.mx {
            writeln!(out, "- {}", escape(&mx))?;
        }
    }

    writeln!(out)?;
    writeln!(out, "## Where it stopped")?;
    writeln!(out)?;
    fields(out, &facts::stop(report))?;
    let recipients = facts::recipients(report);
    if !recipients.is_empty() {
        writeln!(out)?;
        writeln!(out, "| {} |", facts::RECIPIENT_COLUMNS.join(" | "))?;
        writeln!(out, "|---|---|---|---|")?;
        for row in recipients {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }

    let groups = facts::findings_by_severity(report);
    if !groups.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Findings")?;
        for (severity, lines) in groups {
            writeln!(out)?;
            writeln!(out, "### {}", facts::severity_heading(severity))?;
            writeln!(out)?;
            for f in lines {
                writeln!(
                    out,
                    "- **{}** `{}`: {}",
                    f.place,
                    f.code,
                    escape(&f.message)
                )?;
            }
        }
    }
    raw_headers(report, out)
}

fn fields(out: &mut dyn Write, fields: &[Field]) -> io::Result<()> {
    for f in fields {
        writeln!(out, "- **{}:** {}", f.label, escape(&f.value))?;
    }
    Ok(())
}

fn hops(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rows = facts::hop_rows(report);
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "## Hops")?;
    writeln!(out)?;
    writeln!(
        out,
        "Oldest first: hop 1 is the bottom Received header. Times are UTC; a negative delay means a wrong clock or a forged header."
    )?;
    writeln!(out)?;
    let columns = facts::hop_columns(report);
    writeln!(out, "| {} |", columns.join(" | "))?;
    let align: Vec<&str> = columns
        .iter()
        .map(|c| {
            if matches!(*c, "#" | "Delay") {
                "--:"
            } else {
                "---"
            }
        })
        .collect();
    writeln!(out, "|{}|", align.join("|"))?;
    for row in &rows {
        writeln!(out, "{}", hop_row(row))?;
    }
    if let Some(t) = rows.iter().find(|r| r.trust == Trust::Trustworthy) {
        writeln!(out)?;
        writeln!(
            out,
            "**Trust boundary** above hop {}: {}",
            t.number,
            facts::BOUNDARY
        )?;
    }
    Ok(())
}

fn hop_row(row: &HopRow<'_>) -> String {
    let delay = if row.delay.is_negative() {
        format!("**{}** ⚠", escape(&row.delay.text()))
    } else {
        escape(&row.delay.text())
    };
    let trust = match row.trust {
        Trust::Trustworthy => "**✔ trustworthy**",
        other => other.as_str(),
    };
    let notes: Vec<String> = row
        .notes
        .iter()
        .map(|(severity, code)| format!("{} `{code}`", facts::severity_mark(*severity)))
        .collect();
    let mut cells = vec![
        row.number.to_string(),
        escape(&row.time),
        delay,
        cell(&row.from),
        cell(&row.by),
        cell(&row.with),
        trust.to_string(),
    ];
    if let Some(dns) = &row.dns {
        cells.push(cell(&dns.lines));
    }
    cells.push(notes.join(" "));
    format!("| {} |", cells.join(" | "))
}

/// A multi-line cell on one line (Markdown table cells cannot hold line
/// breaks that every editor understands).
fn cell(lines: &[String]) -> String {
    let joined = lines
        .iter()
        .map(|l| crate::words::collapse_whitespace(l))
        .collect::<Vec<_>>()
        .join("; ");
    escape(&joined)
}

/// The raw headers in a fenced block, with a fence longer than any run of
/// backticks inside, so nothing can close it early.
fn raw_headers(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let raw = facts::raw_headers(report);
    if raw.is_empty() {
        return Ok(());
    }
    let longest_run = raw
        .iter()
        .flat_map(|(_, h)| h.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat((longest_run + 1).max(3));
    writeln!(out)?;
    writeln!(out, "## Received headers")?;
    writeln!(out)?;
    writeln!(out, "Newest first, as in the message.")?;
    writeln!(out)?;
    writeln!(out, "{fence}text")?;
    for (_, header) in raw {
        writeln!(out, "{header}")?;
    }
    writeln!(out, "{fence}")
}

/// Escapes text for Markdown: every character that could start markup, a
/// table cell, a link, an HTML tag, an entity, math or a mention gets a
/// backslash (CommonMark allows one before any ASCII punctuation).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut previous = ' ';
    for c in s.chars() {
        let mention = c == '@' && !(previous.is_alphanumeric() || "._-+".contains(previous));
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#'
        ) || mention
        {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_break_a_table_or_become_markup() {
        assert_eq!(escape("a|b`c"), "a\\|b\\`c");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape("*_~&$#"), "\\*\\_\\~\\&\\$\\#");
        assert_eq!(escape("alice@example.org"), "alice@example.org");
        assert_eq!(escape("hi @team"), "hi \\@team");
        assert_eq!(escape("mx.example.com"), "mx.example.com");
    }
}
