//! The From domain's DMARC record now (RFC 7489 §6.6.3): `_dmarc.<From
//! domain>`, else `_dmarc.<organisational domain>` (Public Suffix List).
//!
//! Asked through the [`Engine`] like every other question, not through
//! mail-auth's DMARC check: that one walks the DNS tree up to the TLD
//! (DMARCbis) and turns any error on the way into a temporary error,
//! while here NXDOMAIN, no record, SERVFAIL and timeout stay apart. The
//! record is read with mail-auth's parser.

use mail_auth::common::parse::TxtRecordParser;
use mail_auth::dmarc::{Alignment, Dmarc, Policy};

use crate::dns::resolver::{DnsAnswer, DnsFailure, Engine, QueryType, Rdata, Records};
use crate::host::{self, HostName};
use crate::mailbox;
use crate::model::{DmarcNow, DmarcNowStatus, DmarcRecordNow, LookupStatus, NameLookup};

/// What to look up for one report, or why nothing.
#[derive(Debug, Clone)]
pub enum DmarcPlan {
    Skip {
        from_domain: Option<String>,
        why: String,
    },
    Ask {
        from_domain: HostName,
        /// `None` when the From domain is its own organisational domain.
        organisational: Option<HostName>,
    },
}

impl DmarcPlan {
    /// From the traced message's From header, as written.
    pub fn of(from: Option<&str>) -> DmarcPlan {
        let skip = |from_domain: Option<String>, why: &str| DmarcPlan::Skip {
            from_domain,
            why: why.to_string(),
        };
        let mut domains: Vec<String> = from
            .into_iter()
            .flat_map(mailbox::addresses_in)
            .filter_map(|a| a.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()))
            .collect();
        domains.sort();
        domains.dedup();
        let domain = match domains.as_slice() {
            [] => return skip(None, "the message has no From address"),
            [one] => one,
            _ => {
                return skip(
                    None,
                    &format!(
                        "the From header names several domains ({}): DMARC applies to one",
                        domains.join(", ")
                    ),
                );
            }
        };
        match HostName::parse(domain) {
            Ok(from_domain) if from_domain.is_fqdn() => {
                let organisational = host::organisational_domain(from_domain.as_str())
                    .filter(|org| org != from_domain.as_str())
                    .and_then(|org| HostName::parse(&org).ok());
                DmarcPlan::Ask {
                    from_domain,
                    organisational,
                }
            }
            Ok(_) => skip(Some(domain.clone()), "the From domain is not a full domain"),
            Err(problem) => skip(
                Some(domain.clone()),
                &format!("the From domain is not a domain name: {problem}"),
            ),
        }
    }
}

/// Looks the record up: at the From domain, then at its organisational
/// domain when the first has none. A failure stops the search: a record
/// higher up says nothing while the lower one is unknown.
pub async fn check(engine: &Engine, plan: &DmarcPlan) -> DmarcNow {
    let (from_domain, organisational) = match plan {
        DmarcPlan::Skip { from_domain, why } => {
            return DmarcNow::not_checked(from_domain.clone(), why);
        }
        DmarcPlan::Ask {
            from_domain,
            organisational,
        } => (from_domain, organisational),
    };
    let mut now = DmarcNow {
        not_checked: None,
        from_domain: Some(from_domain.to_string()),
        organisational_domain: organisational.as_ref().map(HostName::to_string),
        status: None,
        lookups: Vec::new(),
        records: Vec::new(),
        record: None,
    };
    let places =
        std::iter::once((from_domain, false)).chain(organisational.iter().map(|org| (org, true)));
    for (domain, is_organisational) in places {
        let (name, answer) = ask(engine, domain).await;
        now.lookups.push(NameLookup {
            name: name.clone(),
            status: status_of(&answer),
        });
        let records = match answer {
            Ok(records) => dmarc_records(&records),
            Err(DnsFailure::NxDomain | DnsFailure::NoRecords) => Vec::new(),
            Err(failure) => {
                now.status = Some(failure_status(failure.status()));
                return now;
            }
        };
        if records.is_empty() {
            continue;
        }
        let (status, record) = read(&records, name, is_organisational);
        now.status = Some(status);
        now.records = records;
        now.record = record;
        return now;
    }
    now.status = Some(DmarcNowStatus::None);
    now
}

/// Asks for `_dmarc.<domain>`: the name and its answer.
async fn ask(engine: &Engine, domain: &HostName) -> (String, DnsAnswer<Records>) {
    let name = format!("_dmarc.{domain}");
    // Built from a valid domain; only its length can be over the limit.
    if name.len() > 253 {
        return (
            name,
            Err(DnsFailure::Other("the name is too long".to_string())),
        );
    }
    let answer = engine
        .ask(&HostName::from_valid_parts(name.clone()), QueryType::Txt)
        .await;
    (name, answer)
}

fn status_of(answer: &DnsAnswer<Records>) -> LookupStatus {
    crate::dns::resolver::status_of(answer)
}

/// The TXT strings that are DMARC records (`v=DMARC1`, RFC 7489 §6.6.3
/// step 4: others are discarded).
fn dmarc_records(records: &Records) -> Vec<String> {
    records
        .iter()
        .filter_map(|r| match r {
            Rdata::Txt(text) => Some(text.trim()),
            _ => None,
        })
        .filter(|text| {
            let tag: String = text
                .split(';')
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            tag.eq_ignore_ascii_case("v=DMARC1")
        })
        .map(str::to_string)
        .collect()
}

/// One record is read; several mean no policy applies (RFC 7489 §6.6.3).
fn read(
    records: &[String],
    name: String,
    organisational: bool,
) -> (DmarcNowStatus, Option<DmarcRecordNow>) {
    let [record] = records else {
        return (DmarcNowStatus::Several, None);
    };
    match Dmarc::parse(record.as_bytes()) {
        Ok(dmarc) => (
            DmarcNowStatus::Found,
            Some(record_now(&dmarc, name, organisational)),
        ),
        Err(_) => (DmarcNowStatus::Unreadable, None),
    }
}

fn record_now(dmarc: &Dmarc, name: String, organisational: bool) -> DmarcRecordNow {
    let policy = policy_word(dmarc.p);
    let subdomain_policy = policy_word(dmarc.sp);
    DmarcRecordNow {
        name,
        organisational,
        policy,
        subdomain_policy,
        // Found above the From domain, the record's subdomain policy applies.
        applies: if organisational {
            subdomain_policy
        } else {
            policy
        },
        adkim: alignment_word(dmarc.adkim),
        aspf: alignment_word(dmarc.aspf),
        reports: !dmarc.rua.is_empty(),
        testing: dmarc.t,
    }
}

fn policy_word(policy: Policy) -> Option<&'static str> {
    match policy {
        Policy::None => Some("none"),
        Policy::Quarantine => Some("quarantine"),
        Policy::Reject => Some("reject"),
        Policy::Unspecified => None,
    }
}

fn alignment_word(alignment: Alignment) -> &'static str {
    match alignment {
        Alignment::Relaxed => "relaxed",
        Alignment::Strict => "strict",
    }
}

fn failure_status(status: LookupStatus) -> DmarcNowStatus {
    match status {
        LookupStatus::ServFail => DmarcNowStatus::ServFail,
        LookupStatus::Refused => DmarcNowStatus::Refused,
        LookupStatus::Timeout => DmarcNowStatus::Timeout,
        LookupStatus::Capped => DmarcNowStatus::Capped,
        _ => DmarcNowStatus::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_from_header_gives_one_domain_or_a_reason() {
        let plan = DmarcPlan::of(Some("Alice <alice@Mail.Example.co.uk>"));
        let DmarcPlan::Ask {
            from_domain,
            organisational,
        } = plan
        else {
            panic!("{plan:?}")
        };
        assert_eq!(from_domain.as_str(), "mail.example.co.uk");
        assert_eq!(organisational.unwrap().as_str(), "example.co.uk");

        let DmarcPlan::Ask { organisational, .. } = DmarcPlan::of(Some("bob@example.org")) else {
            panic!()
        };
        assert_eq!(organisational, None);

        for (from, why) in [
            (None, "no From address"),
            (Some("Undisclosed"), "no From address"),
            (Some("a@example.org, b@example.net"), "several domains"),
            (Some("a@exa_mple.org"), "not a domain name"),
            (Some("a@localhost"), "not a full domain"),
        ] {
            match DmarcPlan::of(from) {
                DmarcPlan::Skip { why: w, .. } => assert!(w.contains(why), "{from:?}: {w}"),
                other => panic!("{from:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn only_dmarc_records_count() {
        let records: Records = vec![
            Rdata::Txt("v=spf1 -all".into()),
            Rdata::Txt(" v = DMARC1 ; p=none".into()),
            Rdata::Txt("v=DMARC10; p=reject".into()),
        ]
        .into();
        assert_eq!(dmarc_records(&records), vec!["v = DMARC1 ; p=none"]);
    }

    #[test]
    fn a_record_is_read_with_its_defaults() {
        let (status, record) = read(
            &["v=DMARC1; p=reject; rua=mailto:d@example.org".to_string()],
            "_dmarc.example.org".into(),
            true,
        );
        assert_eq!(status, DmarcNowStatus::Found);
        let r = record.unwrap();
        assert_eq!(
            (r.policy, r.subdomain_policy, r.applies),
            (Some("reject"), Some("reject"), Some("reject"))
        );
        assert_eq!(
            (r.adkim, r.aspf, r.reports, r.testing),
            ("relaxed", "relaxed", true, false)
        );

        let (_, record) = read(
            &["v=DMARC1; p=reject; sp=none; adkim=s; t=y".to_string()],
            "_dmarc.example.org".into(),
            true,
        );
        let r = record.unwrap();
        assert_eq!(
            (r.applies, r.adkim, r.testing),
            (Some("none"), "strict", true)
        );

        let two = [
            "v=DMARC1; p=none".to_string(),
            "v=DMARC1; p=reject".to_string(),
        ];
        assert_eq!(
            read(&two, "n".into(), false),
            (DmarcNowStatus::Several, None)
        );
        let bad = ["v=DMARC1; p=maybe".to_string()];
        assert_eq!(
            read(&bad, "n".into(), false),
            (DmarcNowStatus::Unreadable, None)
        );
    }
}
