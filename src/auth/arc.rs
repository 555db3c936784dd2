//! ARC (RFC 8617): the `ARC-Seal` and `ARC-Message-Signature` tag lists,
//! and the three ARC headers of a message grouped into sets by instance.
//!
//! Each forwarder that takes part adds one set, numbered `i=1`, `i=2`...:
//! an ARC-Authentication-Results (what it saw on arrival, read by
//! [`results::parse_arc`]), an ARC-Message-Signature (a DKIM-like
//! signature of the message) and an ARC-Seal (a signature over the sets,
//! with `cv=`, the chain's state as that forwarder found it). Read in
//! order they show where authentication broke.
//!
//! Writers order a set's headers differently (Fastmail, Microsoft and
//! Zoho write seal, signature, results from the top; mailcow writes
//! signature, results, seal), so sets are grouped by `i=`, never by
//! adjacency. Signatures are kept, not verified. What is wrong with the
//! structure is reported: a set missing a header or holding two of one, an
//! instance outside RFC 8617's 1 to 50, a gap in the numbering, and a
//! `cv=` that does not fit its place (the first seal says `none`, later
//! ones `pass` or `fail`).

use serde::Serialize;

use crate::message::Field;

use super::dkim;
use super::lex;
use super::results;
use crate::model::AuthResults;
use crate::model::{ArcMessageSignature, ArcSeal, Timestamp};

/// The highest instance RFC 8617 allows (§5.1.1 limits a chain to 50
/// sets).
pub const MAX_INSTANCE: u32 = 50;

fn instance(raw: Option<&str>) -> Option<u32> {
    raw.and_then(|i| lex::without_space(i).parse().ok())
}

/// Reads an ARC-Seal value.
pub fn parse_seal(value: &str) -> ArcSeal {
    let list = lex::tag_list(value);
    let text = |name: &str| list.get(name).map(str::to_string);
    ArcSeal {
        instance: instance(list.get("i")),
        cv: list
            .get("cv")
            .map(|c| lex::without_space(c).to_ascii_lowercase()),
        algorithm: list
            .get("a")
            .map(|a| lex::without_space(a).to_ascii_lowercase()),
        domain: text("d"),
        selector: text("s"),
        timestamp: list.get("t").map(Timestamp::parse),
        signature: list.get("b").map(lex::without_space),
        tags: list.tags,
        duplicates: list.duplicates,
        unread: list.unread,
    }
}

/// Reads an ARC-Message-Signature value.
pub fn parse_message_signature(value: &str) -> ArcMessageSignature {
    let list = lex::tag_list(value);
    let text = |name: &str| list.get(name).map(str::to_string);
    ArcMessageSignature {
        instance: instance(list.get("i")),
        algorithm: list
            .get("a")
            .map(|a| lex::without_space(a).to_ascii_lowercase()),
        canonicalization: list.get("c").map(|c| dkim::canonicalization(c, false)),
        domain: text("d"),
        selector: text("s"),
        timestamp: list.get("t").map(Timestamp::parse),
        headers: list.get("h").map(dkim::header_list).unwrap_or_default(),
        body_hash: list.get("bh").map(lex::without_space),
        signature: list.get("b").map(lex::without_space),
        tags: list.tags,
        duplicates: list.duplicates,
        unread: list.unread,
    }
}

/// The three headers of an ARC set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArcHeader {
    Seal,
    MessageSignature,
    AuthenticationResults,
}

impl ArcHeader {
    /// The header's name.
    pub fn name(self) -> &'static str {
        match self {
            ArcHeader::Seal => "ARC-Seal",
            ArcHeader::MessageSignature => "ARC-Message-Signature",
            ArcHeader::AuthenticationResults => "ARC-Authentication-Results",
        }
    }

    fn of(name: &str) -> Option<ArcHeader> {
        [
            ArcHeader::Seal,
            ArcHeader::MessageSignature,
            ArcHeader::AuthenticationResults,
        ]
        .into_iter()
        .find(|h| name.trim().eq_ignore_ascii_case(h.name()))
    }
}

/// A parsed header with its place among the Received headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placed<T> {
    /// Received headers above it (0: above them all).
    pub received_above: usize,
    pub header: T,
}

/// One instance's headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArcSet {
    pub instance: u32,
    pub seal: Option<Placed<ArcSeal>>,
    pub message_signature: Option<Placed<ArcMessageSignature>>,
    pub results: Option<Placed<AuthResults>>,
}

impl ArcSet {
    fn new(instance: u32) -> ArcSet {
        ArcSet {
            instance,
            seal: None,
            message_signature: None,
            results: None,
        }
    }

    /// All three headers are there.
    pub fn is_complete(&self) -> bool {
        self.seal.is_some() && self.message_signature.is_some() && self.results.is_some()
    }

    /// The seal's `cv=`.
    pub fn cv(&self) -> Option<&str> {
        self.seal.as_ref().and_then(|s| s.header.cv.as_deref())
    }
}

/// What is wrong with a message's ARC headers as a structure (signatures
/// are not checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum ArcProblem {
    /// A header with no readable `i=`; it is in no set.
    NoInstance {
        header: ArcHeader,
        received_above: usize,
    },
    /// `i=0` or above [`MAX_INSTANCE`]; it is in no set.
    OutOfRange { header: ArcHeader, instance: u32 },
    /// A second header of the same kind in one set; the first is kept.
    Duplicate { header: ArcHeader, instance: u32 },
    /// A set without one of its three headers.
    Missing { header: ArcHeader, instance: u32 },
    /// No set with this instance, though a higher one exists.
    Gap { instance: u32 },
    /// The seal's `cv=` does not fit its place: the first set must say
    /// `none`, later ones `pass` or `fail`.
    UnexpectedCv { instance: u32, cv: Option<String> },
}

/// A message's ARC sets, lowest instance first, and what is wrong with
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArcChain {
    pub sets: Vec<ArcSet>,
    pub problems: Vec<ArcProblem>,
}

impl ArcChain {
    /// The newest set (highest instance).
    pub fn latest(&self) -> Option<&ArcSet> {
        self.sets.last()
    }

    /// The chain state the newest seal claims (`cv=` of the highest set).
    pub fn cv(&self) -> Option<&str> {
        self.latest().and_then(ArcSet::cv)
    }
}

/// Groups the ARC headers among `fields` into sets by instance; other
/// fields are ignored.
pub fn chain(fields: &[Field]) -> ArcChain {
    // Index `i - 1` holds instance `i`.
    let mut slots: Vec<Option<ArcSet>> = vec![None; MAX_INSTANCE as usize];
    let mut problems = Vec::new();
    for field in fields {
        let Some(kind) = ArcHeader::of(&field.name) else {
            continue;
        };
        let at = field.received_above;
        let (instance, parsed) = match kind {
            ArcHeader::Seal => {
                let h = parse_seal(&field.value);
                (h.instance, Part::Seal(h))
            }
            ArcHeader::MessageSignature => {
                let h = parse_message_signature(&field.value);
                (h.instance, Part::MessageSignature(h))
            }
            ArcHeader::AuthenticationResults => {
                let h = results::parse_arc(&field.value);
                (h.instance, Part::Results(h))
            }
        };
        let Some(i) = instance else {
            problems.push(ArcProblem::NoInstance {
                header: kind,
                received_above: at,
            });
            continue;
        };
        if i == 0 || i > MAX_INSTANCE {
            problems.push(ArcProblem::OutOfRange {
                header: kind,
                instance: i,
            });
            continue;
        }
        let set = slots[(i - 1) as usize].get_or_insert_with(|| ArcSet::new(i));
        let taken = match parsed {
            Part::Seal(h) => put(&mut set.seal, h, at),
            Part::MessageSignature(h) => put(&mut set.message_signature, h, at),
            Part::Results(h) => put(&mut set.results, h, at),
        };
        if taken {
            problems.push(ArcProblem::Duplicate {
                header: kind,
                instance: i,
            });
        }
    }

    let highest = slots.iter().rposition(Option::is_some).map_or(0, |p| p + 1);
    let mut sets = Vec::new();
    for (n, slot) in slots.into_iter().take(highest).enumerate() {
        let instance = n as u32 + 1;
        let Some(set) = slot else {
            problems.push(ArcProblem::Gap { instance });
            continue;
        };
        for (missing, header) in [
            (set.seal.is_none(), ArcHeader::Seal),
            (set.message_signature.is_none(), ArcHeader::MessageSignature),
            (set.results.is_none(), ArcHeader::AuthenticationResults),
        ] {
            if missing {
                problems.push(ArcProblem::Missing { header, instance });
            }
        }
        if set.seal.is_some() {
            let cv = set.cv();
            let fits = if instance == 1 {
                cv == Some("none")
            } else {
                matches!(cv, Some("pass" | "fail"))
            };
            if !fits {
                problems.push(ArcProblem::UnexpectedCv {
                    instance,
                    cv: cv.map(str::to_string),
                });
            }
        }
        sets.push(set);
    }
    ArcChain { sets, problems }
}

enum Part {
    Seal(ArcSeal),
    MessageSignature(ArcMessageSignature),
    Results(AuthResults),
}

/// Puts `header` in an empty slot; says whether the slot was taken.
fn put<T>(slot: &mut Option<Placed<T>>, header: T, received_above: usize) -> bool {
    if slot.is_some() {
        return true;
    }
    *slot = Some(Placed {
        received_above,
        header,
    });
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, value: &str, received_above: usize) -> Field {
        Field {
            name: name.to_string(),
            value: value.to_string(),
            received_above,
        }
    }

    const SEAL1: &str =
        "i=1; a=rsa-sha256; t=1700000000; cv=none; d=forwarder.example; s=arc1; b=c2VhbA\r\n\t==";
    const AMS1: &str = "i=1; a=rsa-sha256; c=relaxed/relaxed; d=forwarder.example; s=arc1; t=1700000000; h=Date:Date:From:From:Subject:\r\n\t To; bh=Ym9keQ==; b=c2ln";
    const AAR1: &str = "i=1; mx.forwarder.example; spf=pass smtp.mailfrom=a@example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org";

    #[test]
    fn seal_tags() {
        let s = parse_seal(SEAL1);
        assert_eq!(s.instance, Some(1));
        assert_eq!(s.cv.as_deref(), Some("none"));
        assert_eq!(s.algorithm.as_deref(), Some("rsa-sha256"));
        assert_eq!(s.domain.as_deref(), Some("forwarder.example"));
        assert_eq!(s.selector.as_deref(), Some("arc1"));
        assert_eq!(
            s.timestamp.unwrap().time.unwrap().timestamp(),
            1_700_000_000
        );
        assert_eq!(s.signature.as_deref(), Some("c2VhbA=="));
        // White space after `=` and another tag order.
        let s = parse_seal(
            "i= 2; s=k; d= forwarder.example; t= 1700000001; a=rsa-sha256; cv=Pass; b=x",
        );
        assert_eq!(s.instance, Some(2));
        assert_eq!(s.cv.as_deref(), Some("pass"));
        assert_eq!(s.domain.as_deref(), Some("forwarder.example"));
        assert_eq!(s.timestamp.unwrap().raw, "1700000001");
    }

    #[test]
    fn message_signature_tags() {
        let m = parse_message_signature(AMS1);
        assert_eq!(m.instance, Some(1));
        assert_eq!(m.headers, ["Date", "Date", "From", "From", "Subject", "To"]);
        assert_eq!(m.canonicalization.unwrap().header, "relaxed");
        assert_eq!(m.body_hash.as_deref(), Some("Ym9keQ=="));
        assert_eq!(m.signature.as_deref(), Some("c2ln"));
        assert_eq!(parse_message_signature("i=abc").instance, None);
    }

    #[test]
    fn groups_sets_by_instance_whatever_the_order() {
        let seal2 = "i=2; a=rsa-sha256; cv=pass; d=list.example; s=k2; b=eA==";
        let ams2 =
            "i=2; a=rsa-sha256; c=relaxed/relaxed; d=list.example; s=k2; h=From; bh=eQ==; b=eg==";
        let aar2 = "i=2; mx.list.example; dkim=pass header.d=example.org; arc=pass";
        let fields = [
            field("Received", "from x by y", 0),
            // mailcow order for instance 2: signature, results, seal.
            field("ARC-Message-Signature", ams2, 1),
            field("ARC-Authentication-Results", aar2, 1),
            field("arc-seal", seal2, 1),
            field("ARC-Seal", SEAL1, 3),
            field("ARC-Message-Signature", AMS1, 3),
            field("ARC-Authentication-Results", AAR1, 3),
        ];
        let c = chain(&fields);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.sets.len(), 2);
        assert!(c.sets.iter().all(ArcSet::is_complete));
        assert_eq!(c.sets[0].instance, 1);
        assert_eq!(c.sets[0].seal.as_ref().unwrap().received_above, 3);
        assert_eq!(
            c.sets[0]
                .results
                .as_ref()
                .unwrap()
                .header
                .authserv_id
                .as_deref(),
            Some("mx.forwarder.example")
        );
        assert_eq!(c.latest().unwrap().instance, 2);
        assert_eq!(c.cv(), Some("pass"));
    }

    #[test]
    fn reports_incomplete_duplicate_and_out_of_range_sets() {
        let fields = [
            field("ARC-Seal", SEAL1, 0),
            field("ARC-Seal", SEAL1, 0),
            field("ARC-Authentication-Results", AAR1, 0),
            field("ARC-Seal", "i=3; cv=pass; d=x.example; s=s; b=", 0),
            field("ARC-Seal", "i=51; cv=pass", 0),
            field("ARC-Seal", "i=0; cv=none", 0),
            field("ARC-Message-Signature", "a=rsa-sha256; d=x.example", 2),
        ];
        let c = chain(&fields);
        use ArcHeader::*;
        assert_eq!(
            c.problems,
            vec![
                ArcProblem::Duplicate {
                    header: Seal,
                    instance: 1
                },
                ArcProblem::OutOfRange {
                    header: Seal,
                    instance: 51
                },
                ArcProblem::OutOfRange {
                    header: Seal,
                    instance: 0
                },
                ArcProblem::NoInstance {
                    header: MessageSignature,
                    received_above: 2
                },
                ArcProblem::Missing {
                    header: MessageSignature,
                    instance: 1
                },
                ArcProblem::Gap { instance: 2 },
                ArcProblem::Missing {
                    header: MessageSignature,
                    instance: 3
                },
                ArcProblem::Missing {
                    header: AuthenticationResults,
                    instance: 3
                },
            ]
        );
        assert_eq!(c.sets.len(), 2);
        assert!(!c.sets[0].is_complete());
        assert_eq!(c.sets[1].instance, 3);
    }

    #[test]
    fn cv_must_fit_its_place() {
        let fields = [
            field("ARC-Seal", "i=1; cv=pass", 0),
            field("ARC-Message-Signature", "i=1", 0),
            field(
                "ARC-Authentication-Results",
                "i=1; mx.example.net; arc=none",
                0,
            ),
            field("ARC-Seal", "i=2; cv=none", 0),
            field("ARC-Message-Signature", "i=2", 0),
            field(
                "ARC-Authentication-Results",
                "i=2; mx.example.net; arc=pass",
                0,
            ),
        ];
        let c = chain(&fields);
        assert_eq!(
            c.problems,
            vec![
                ArcProblem::UnexpectedCv {
                    instance: 1,
                    cv: Some("pass".into())
                },
                ArcProblem::UnexpectedCv {
                    instance: 2,
                    cv: Some("none".into())
                },
            ]
        );
        assert_eq!(chain(&[]), ArcChain::default());
        let json = serde_json::to_value(&c.problems[0]).unwrap();
        assert_eq!(json["problem"], "unexpected-cv");
    }
}
