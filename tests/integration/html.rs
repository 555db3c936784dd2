//! The HTML report, parsed as a browser would: its structure, the trust
//! marks, the timeline, and that it runs nothing and fetches nothing.

use std::io::Write;

use crate::support::{json_report, sample, stdout_of, trace_path};
use scraper::{Html, Selector};

fn html(args: &[&str]) -> Html {
    Html::parse_document(&stdout_of(
        trace_path().args(["--format", "html"]).args(args),
    ))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn samples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sample(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn one_row_per_hop_and_the_trustworthy_row_marked() {
    for path in samples() {
        let doc = html(&[&path]);
        let report = json_report(&[&path]);
        let hops = report["hops"].as_array().unwrap().len();
        assert_eq!(
            select(&doc, "table.hops tbody tr.hop").len(),
            hops,
            "{path}"
        );
        assert_eq!(select(&doc, ".timeline .tl-row").len(), hops, "{path}");
        let trusted = select(&doc, "tr.hop.trustworthy");
        if report["trustworthy_hop"].is_null() {
            assert!(trusted.is_empty(), "{path}");
            continue;
        }
        assert_eq!(trusted.len(), 1, "{path}: exactly one trustworthy row");
        let number = report["trustworthy_hop"].as_u64().unwrap();
        assert_eq!(
            trusted[0].value().id(),
            Some(format!("hop-{number}").as_str())
        );
        // The boundary row sits right above it, unless the trustworthy hop
        // is hop 1 and no unverified hop is above it to be set apart.
        let previous = trusted[0]
            .prev_siblings()
            .find_map(scraper::ElementRef::wrap);
        if number == 1 {
            assert!(previous.is_none(), "{path}");
            assert!(select(&doc, "tr.boundary").is_empty(), "{path}");
        } else {
            let previous = previous.expect("a row above the trustworthy one");
            assert!(
                previous.value().classes().any(|c| c == "boundary"),
                "{path}"
            );
            assert_eq!(select(&doc, "tr.boundary").len(), 1, "{path}");
        }
    }
}

#[test]
fn nothing_runs_and_nothing_is_fetched() {
    for path in samples() {
        let doc = html(&[&path]);
        for tag in [
            "script", "iframe", "object", "embed", "img", "link", "base", "form",
        ] {
            assert!(select(&doc, tag).is_empty(), "{path}: <{tag}>");
        }
        for element in select(&doc, "*") {
            for (name, value) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{path}: event handler {name}");
                if matches!(name, "src" | "href" | "srcset" | "action" | "poster") {
                    panic!("{path}: {name}={value}");
                }
                assert!(!value.contains("url("), "{path}: url() in {name}");
            }
        }
        for style in select(&doc, "style") {
            let css = style.inner_html();
            assert!(!css.contains("url(") && !css.contains("@import"), "{path}");
        }
        let csp = select(&doc, "meta[http-equiv=Content-Security-Policy]");
        assert_eq!(csp.len(), 1, "{path}");
        assert!(
            csp[0]
                .value()
                .attr("content")
                .unwrap()
                .contains("default-src 'none'")
        );
    }
}

#[test]
fn negative_delays_are_drawn_differently() {
    let doc = html(&[sample("clock-skew.eml").to_str().unwrap()]);
    assert_eq!(select(&doc, ".timeline .bar.negative").len(), 1);
    assert_eq!(select(&doc, "table.hops td.negative").len(), 1);
    assert!(!select(&doc, ".timeline.with-negative").is_empty());
    let doc = html(&[sample("postfix-relay.eml").to_str().unwrap()]);
    assert!(select(&doc, ".bar.negative").is_empty());
    assert_eq!(
        select(&doc, ".timeline .bar").len(),
        3,
        "hop 1 has no delay"
    );
}

#[test]
fn hostile_text_is_escaped() {
    let hostile = "<script>alert(1)</script><img src=http://evil.example/x onerror=alert(2)>";
    let message = format!(
        "Received: from <b>x</b> (mail.example.org [192.0.2.7]) by mx.example.net with ESMTP id \"'&amp;; Mon, 23 Nov 2026 10:00:00 +0000\n\
         Subject: {hostile}\nFrom: \"{hostile}\" <a@example.org>\nMessage-ID: <x\"onmouseover=alert(3)@example.org>\n\n"
    );
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(message.as_bytes()).unwrap();
    let doc = html(&[f.path().to_str().unwrap()]);
    assert!(select(&doc, "script").is_empty());
    assert!(select(&doc, "img").is_empty());
    assert!(select(&doc, "b").is_empty());
    let text: String = doc.root_element().text().collect();
    assert!(text.contains(hostile), "the subject shows as text");
    assert!(
        text.contains("\"'&amp;"),
        "quotes and entities show as written"
    );
    assert!(text.contains("<b>x</b>"));
}

#[test]
fn several_reports_are_one_page() {
    let a = sample("postfix-relay.eml");
    let b = sample("forged-chain.eml");
    let doc = html(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(select(&doc, "html").len(), 1);
    assert_eq!(select(&doc, "article.report").len(), 2);
}

/// The route picture, for every sample and a bounce of each outcome: a
/// box per machine (the origin, each hop's receiver, the sender a broken
/// chain jumps to), an arrow per hop, outside claims dashed (class
/// `outside`), steps that are no hand-off small, the trust boundary across
/// the path, and where the journey ended at the bottom.
#[test]
fn the_route_is_drawn_box_by_box() {
    let mut paths = samples();
    for bounce in [
        "dsn-unknown-user.eml",
        "dsn-delayed-greylist.eml",
        "dsn-delivered.eml",
        "exchange-365-spamhaus.eml",
    ] {
        paths.push(
            sample(&format!("bounces/{bounce}"))
                .to_string_lossy()
                .into_owned(),
        );
    }
    for path in paths {
        let doc = html(&[&path]);
        let report = json_report(&[&path]);
        let hops = report["hops"].as_array().unwrap();
        if hops.is_empty() {
            assert!(select(&doc, "svg").is_empty(), "{path}");
            continue;
        }
        assert_eq!(select(&doc, "svg.route").len(), 1, "{path}");
        assert_eq!(select(&doc, "svg.route g.leg").len(), hops.len(), "{path}");
        let breaks = hops
            .iter()
            .skip(1)
            .filter(|h| {
                h["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["code"] == "chain-break")
            })
            .count();
        let machines = select(&doc, "svg.route g.machine");
        assert_eq!(machines.len(), hops.len() + 1 + breaks, "{path}");
        assert!(
            machines
                .iter()
                .all(|m| m.select(&Selector::parse("rect").unwrap()).count() == 1)
        );
        let count = |key: &str, values: &[&str]| {
            hops.iter()
                .filter(|h| values.contains(&h[key].as_str().unwrap()))
                .count()
        };
        assert_eq!(
            select(&doc, "svg.route g.leg.outside").len(),
            count("trust", &["unverified"]),
            "{path}: outside claims dashed"
        );
        assert_eq!(
            select(&doc, "svg.route g.leg.small").len(),
            count("kind", &["filter", "local", "retrieval"]),
            "{path}: pseudo-hops small"
        );
        let trustworthy = usize::from(!report["trustworthy_hop"].is_null());
        assert_eq!(
            select(&doc, "svg.route g.boundary").len(),
            trustworthy,
            "{path}"
        );
        let kind = report["stop"]["kind"].as_str().unwrap();
        let end = select(&doc, &format!("svg.route g.end.{kind}"));
        assert_eq!(end.len(), 1, "{path}: the end, {kind}");
        let words: String = end[0].text().collect();
        let expected = match (kind, report["stop"]["folder"].as_str()) {
            ("bounced", _) => "refused",
            ("delayed", _) => "delaying",
            (_, Some("quarantine")) => "quarantined",
            _ => "delivered",
        };
        assert!(words.contains(expected), "{path}: {words}");
    }
}
