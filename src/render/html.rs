//! `--format html`: one self-contained page to attach to a ticket or print.
//! Inline CSS only (no script, font, image or anything else fetched; a
//! Content-Security-Policy forbids it too), light and dark by
//! `prefers-color-scheme`, light on paper. The same facts as every format
//! ([`super::facts`]), plus a timeline: one bar per hop's delay, negative
//! delays pointing the other way in hatched red. Every value is HTML-escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::facts::{self, Field, HopRow};
use super::renderer::{Place, Renderer};
use crate::dns::findings::Mark;
use crate::model::Report;
use crate::model::Severity;
use crate::model::Trust;

pub struct Html;

const STYLE: &str = include_str!("html.css");

impl Renderer for Html {
    fn begin(&self, several: bool, out: &mut dyn Write) -> io::Result<()> {
        let title = if several {
            "trace-path reports"
        } else {
            "trace-path report"
        };
        let mut head = String::new();
        head.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        head.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        head.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
        let _ = writeln!(head, "<title>{title}</title>");
        let _ = writeln!(head, "<style>\n{STYLE}</style>\n</head>\n<body>");
        out.write_all(head.as_bytes())
    }

    fn report(&self, report: &Report, _place: Place, out: &mut dyn Write) -> io::Result<()> {
        let mut page = String::new();
        article(&mut page, report);
        out.write_all(page.as_bytes())
    }

    fn end(&self, _several: bool, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"</body>\n</html>\n")
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn article(page: &mut String, report: &Report) {
    page.push_str("<article class=\"report\">\n<header>\n<h1>Mail trace</h1>\n");
    let _ = writeln!(
        page,
        "<p class=\"verdict\">{}</p>\n</header>",
        esc(&facts::verdict(report))
    );
    let mut summary = facts::summary(report);
    summary.extend(facts::outcome(report));
    section(page, "summary", "Summary", |p| fields(p, &summary));
    let rows = facts::hop_rows(report);
    if !rows.is_empty() {
        section(page, "timeline", "Timeline", |p| timeline(p, &rows));
        let columns = facts::hop_columns(report);
        section(page, "hops", "Hops", |p| hop_table(p, &columns, &rows));
    }
    if let Some(dns) = facts::dns(report) {
        section(page, "dns", "DNS", |p| {
            let _ = writeln!(
                p,
                "<p class=\"note\">{}</p>\n<ul class=\"dns\">",
                esc(&dns.heading)
            );
            for (number, detail) in dns.hops {
                let _ = writeln!(p, "<li><strong>hop {number}</strong> {}</li>", esc(&detail));
            }
            if let Some(mx) = dns.mx {
                let _ = writeln!(p, "<li>{}</li>", esc(&mx));
            }
            p.push_str("</ul>\n");
        });
    }
    section(page, "stop", "Where it stopped", |p| stop(p, report));
    let groups = facts::findings_by_severity(report);
    if !groups.is_empty() {
        section(page, "findings", "Findings", |p| findings(p, groups));
    }
    let raw = facts::raw_headers(report);
    if !raw.is_empty() {
        section(page, "raw", "Received headers", |p| {
            p.push_str(
                "<p class=\"note\">Newest first, as in the message.</p>\n<pre class=\"raw\">",
            );
            // Block spans break the lines; a newline too would double them.
            for (_, header) in raw {
                let _ = write!(p, "<span>{}</span>", esc(&header));
            }
            p.push_str("</pre>\n");
        });
    }
    page.push_str("</article>\n");
}

fn section(page: &mut String, id: &str, title: &str, body: impl FnOnce(&mut String)) {
    let _ = writeln!(page, "<section id=\"{id}\">\n<h2>{title}</h2>");
    body(page);
    page.push_str("</section>\n");
}

fn fields(page: &mut String, fields: &[Field]) {
    page.push_str("<dl class=\"fields\">\n");
    for f in fields {
        let _ = writeln!(page, "<dt>{}</dt><dd>{}</dd>", f.label, esc(&f.value));
    }
    page.push_str("</dl>\n");
}

/// One bar per hop, to scale: positive delays to the right of the axis,
/// negative ones to the left, hatched.
fn timeline(page: &mut String, rows: &[HopRow<'_>]) {
    let longest = rows
        .iter()
        .filter_map(|r| r.delay.seconds)
        .map(i64::unsigned_abs)
        .max()
        .unwrap_or(0);
    let negative = rows.iter().any(|r| r.delay.is_negative());
    let _ = writeln!(
        page,
        "<p class=\"note\">The delay before each hop, to scale (the longest is {}).{}</p>",
        esc(&crate::duration::human_duration(longest as i64)),
        if negative {
            " Negative delays point left, hatched: a clock is wrong or a header is forged."
        } else {
            ""
        }
    );
    let class = if negative {
        "timeline with-negative"
    } else {
        "timeline"
    };
    let _ = writeln!(
        page,
        "<div class=\"{class}\" role=\"img\" aria-label=\"Delays per hop\">"
    );
    for row in rows {
        let width = |d: i64| {
            let permille = (d.unsigned_abs() * 1000).div_ceil(longest.max(1)).max(5);
            format!("width:{}.{}%", permille / 10, permille % 10)
        };
        let (left, right) = match row.delay.seconds {
            Some(d) if d < 0 => (
                format!(
                    "<span class=\"bar negative\" style=\"{}\"></span>",
                    width(d)
                ),
                String::new(),
            ),
            Some(d) if d > 0 => (
                String::new(),
                format!("<span class=\"bar\" style=\"{}\"></span>", width(d)),
            ),
            _ => (String::new(), String::new()),
        };
        let mark = if row.trust == Trust::Trustworthy {
            " ✔"
        } else {
            ""
        };
        let value_class = if row.delay.is_negative() {
            "value negative"
        } else {
            "value"
        };
        let _ = writeln!(
            page,
            "<div class=\"tl-row {}\"><span class=\"label\">hop {}{mark}</span><span class=\"left\">{left}</span><span class=\"right\">{right}</span><span class=\"{value_class}\">{}</span></div>",
            row.trust.as_str(),
            row.number,
            esc(&row.delay.text())
        );
    }
    page.push_str("</div>\n");
}

fn hop_table(page: &mut String, columns: &[&str], rows: &[HopRow<'_>]) {
    page.push_str(
        "<p class=\"note\">Oldest first: hop 1 is the bottom Received header. Times are UTC.</p>\n",
    );
    page.push_str("<table class=\"hops\">\n<thead><tr>");
    for column in columns {
        let _ = write!(page, "<th>{column}</th>");
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for (i, row) in rows.iter().enumerate() {
        // The boundary separates unverified hops (above) from the rest;
        // with the trustworthy hop first there is nothing to separate.
        if row.trust == Trust::Trustworthy && i > 0 {
            let _ = writeln!(
                page,
                "<tr class=\"boundary\"><td colspan=\"{}\">▲ Trust boundary: {}</td></tr>",
                columns.len(),
                esc(facts::BOUNDARY)
            );
        }
        let delay_class = if row.delay.is_negative() {
            " class=\"negative\""
        } else {
            ""
        };
        let trust = match row.trust {
            Trust::Trustworthy => {
                "<span class=\"badge trustworthy\">✔ trustworthy</span>".to_string()
            }
            other => format!("<span class=\"badge {0}\">{0}</span>", other.as_str()),
        };
        let notes: Vec<String> = row
            .notes
            .iter()
            .map(|(severity, code)| {
                format!(
                    "<span class=\"finding {}\">{} {code}</span>",
                    severity.as_str(),
                    facts::severity_mark(*severity)
                )
            })
            .collect();
        let dns = row
            .dns
            .as_ref()
            .map(|d| {
                let mark = match d.worst {
                    Some(Mark::Warn | Mark::Fail) => " fail",
                    Some(Mark::Unknown) => " unknown",
                    Some(Mark::Info) => " info",
                    Some(Mark::Pass) => " pass",
                    None => "",
                };
                format!("<td class=\"dns{mark}\">{}</td>", lines(&d.lines))
            })
            .unwrap_or_default();
        let _ = writeln!(
            page,
            "<tr class=\"hop {}\" id=\"hop-{}\"><td>{}</td><td class=\"time\">{}</td><td{delay_class}>{}</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td><td>{trust}</td>{dns}<td>{}</td></tr>",
            row.trust.as_str(),
            row.number,
            row.number,
            esc(&row.time),
            esc(&row.delay.text()),
            lines(&row.from),
            lines(&row.by),
            lines(&row.with),
            notes.join("<br>")
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

fn lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| esc(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn stop(page: &mut String, report: &Report) {
    fields(page, &facts::stop(report));
    let recipients = facts::recipients(report);
    if !recipients.is_empty() {
        page.push_str("<table class=\"recipients\">\n<thead><tr>");
        for column in facts::RECIPIENT_COLUMNS {
            let _ = write!(page, "<th>{column}</th>");
        }
        page.push_str("</tr></thead>\n<tbody>\n");
        for row in recipients {
            let cells: Vec<String> = row.iter().map(|c| format!("<td>{}</td>", esc(c))).collect();
            let _ = writeln!(page, "<tr>{}</tr>", cells.concat());
        }
        page.push_str("</tbody>\n</table>\n");
    }
}

fn findings(page: &mut String, groups: Vec<(Severity, Vec<facts::FindingLine>)>) {
    for (severity, lines) in groups {
        let _ = writeln!(
            page,
            "<h3 class=\"{}\">{}</h3>\n<ul class=\"findings\">",
            severity.as_str(),
            facts::severity_heading(severity)
        );
        for f in lines {
            let _ = writeln!(
                page,
                "<li class=\"{}\"><strong>{}</strong> <code>{}</code> {}</li>",
                f.severity.as_str(),
                esc(&f.place),
                f.code,
                esc(&f.message)
            );
        }
        page.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<img src=\"x\" onerror='y'> & co"),
            "&lt;img src=&quot;x&quot; onerror=&#39;y&#39;&gt; &amp; co"
        );
    }
}
