//! The receiving side's verdicts, from its placed headers: SPF, each DKIM
//! signature, DMARC, composite authentication, ARC and the envelope. Only
//! headers on the receiving side of the trust boundary count; where
//! several copies exist, the topmost (the last server's) wins.

use crate::message::Field;
use crate::model::{
    ArcInstance, ArcVerdict, Auth, AuthResults, Compauth, DkimVerdict, DmarcVerdict, Envelope,
    MethodResult, Parsed, PlacedHeader, Side, SpfSource, SpfVerdict,
};

use super::arc;
use super::results::compauth_reason;

/// The receiving side's Authentication-Results, topmost first, with the
/// header's name and hop.
fn receiver_results(headers: &[PlacedHeader]) -> Vec<(&AuthResults, &PlacedHeader)> {
    headers
        .iter()
        .filter(|h| h.side == Side::Receiver)
        .filter_map(|h| match &h.reading {
            Parsed::AuthenticationResults(r) => Some((r, h)),
            _ => None,
        })
        .collect()
}

/// The domain of an address or a domain: `a@example.org` → `example.org`.
fn domain_of(value: &str) -> String {
    let v = value.trim().trim_matches(['<', '>']);
    v.rsplit_once('@')
        .map_or(v, |(_, d)| d)
        .to_ascii_lowercase()
}

/// A property naming a domain, unless it names none (Microsoft writes
/// `header.d=none` for an unsigned message).
fn domain_property(m: &MethodResult, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| m.property(n))
        .filter(|v| !v.is_empty() && !v.eq_ignore_ascii_case("none"))
        .map(domain_of)
}

/// A `key=value` word in a method's comments (`(p=REJECT sp=NONE dis=NONE)`).
fn comment_value(m: &MethodResult, key: &str) -> Option<String> {
    m.comments.iter().find_map(|c| {
        c.split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';')
            .find_map(|w| {
                let (k, v) = w.split_once('=')?;
                k.eq_ignore_ascii_case(key).then(|| {
                    v.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase()
                })
            })
    })
}

pub fn spf(headers: &[PlacedHeader]) -> Option<SpfVerdict> {
    let from_results = receiver_results(headers).into_iter().find_map(|(r, h)| {
        let m = r.spf()?;
        Some(SpfVerdict {
            result: m.result.clone(),
            domain: domain_property(m, &["smtp.mailfrom", "smtp.mail", "smtp.helo"]),
            client_ip: m.client_ip(),
            header: h.name.clone(),
            hop: h.hop,
        })
    });
    let from_received_spf = headers
        .iter()
        .filter(|h| h.side == Side::Receiver)
        .find_map(|h| match &h.reading {
            Parsed::ReceivedSpf(s) => Some(SpfVerdict {
                result: s.result.clone()?,
                domain: s
                    .envelope_from()
                    .or(s.helo())
                    .filter(|v| !v.is_empty())
                    .map(domain_of),
                client_ip: s.client_ip(),
                header: h.name.clone(),
                hop: h.hop,
            }),
            _ => None,
        });
    match (from_results, from_received_spf) {
        // Authentication-Results without the IP: Received-SPF of the same
        // result records it (Yahoo).
        (Some(mut r), Some(s)) if r.client_ip.is_none() && s.result == r.result => {
            r.client_ip = s.client_ip;
            Some(r)
        }
        (r, s) => r.or(s),
    }
}

/// The signatures the receiving side checked, from its topmost
/// Authentication-Results with DKIM results. A `dkim=none` result says
/// the message was not signed (RFC 8601 §2.7.1): no signature, so no entry
/// (the reports still say "none", from the header).
pub fn dkim(headers: &[PlacedHeader]) -> Vec<DkimVerdict> {
    receiver_results(headers)
        .into_iter()
        .find(|(r, _)| !r.dkim().is_empty())
        .map(|(r, h)| {
            r.dkim()
                .into_iter()
                .filter(|m| m.result != "none")
                .map(|m| DkimVerdict {
                    result: m.result.clone(),
                    domain: domain_property(m, &["header.d", "header.i"]),
                    selector: m.property("header.s").map(str::to_string),
                    reason: m.reason.clone().or_else(|| m.comments.first().cloned()),
                    header: h.name.clone(),
                    hop: h.hop,
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn dmarc(headers: &[PlacedHeader]) -> Option<DmarcVerdict> {
    receiver_results(headers).into_iter().find_map(|(r, h)| {
        let m = r.dmarc()?;
        // `header.from` is the message's From domain, whichever result of
        // the header carries it (Gmail writes `arc=pass` between them).
        let from = m
            .property("header.from")
            .or_else(|| r.results.iter().find_map(|o| o.property("header.from")));
        Some(DmarcVerdict {
            result: m.result.clone(),
            from_domain: from.map(domain_of),
            // `policy.p=` (RFC 8601 registry), Gmail's and OpenDMARC's
            // `(p=REJECT ...)`, rspamd's `(policy=reject)`.
            policy: m
                .property("policy.p")
                .map(str::to_ascii_lowercase)
                .or_else(|| comment_value(m, "p"))
                .or_else(|| comment_value(m, "policy")),
            disposition: m
                .property("action")
                .or(m.property("policy.dmarc"))
                .map(str::to_ascii_lowercase)
                .or_else(|| comment_value(m, "dis")),
            header: h.name.clone(),
            hop: h.hop,
        })
    })
}

pub fn compauth(headers: &[PlacedHeader]) -> Option<Compauth> {
    receiver_results(headers).into_iter().find_map(|(r, _)| {
        let m = r.compauth()?;
        let reason = m
            .reason
            .clone()
            .or(m.property("reason").map(str::to_string));
        Some(Compauth {
            result: m.result.clone(),
            meaning: reason
                .as_deref()
                .and_then(compauth_reason)
                .map(str::to_string),
            reason,
        })
    })
}

/// The ARC chain: each instance with who sealed it, its `cv`, what it saw,
/// and the receiving side's `arc=` result.
pub fn arc_verdict(
    fields: &[Field],
    headers: &[PlacedHeader],
    hop_at: impl Fn(usize) -> Option<usize>,
) -> Option<ArcVerdict> {
    let chain = arc::chain(fields);
    let result = receiver_results(headers)
        .into_iter()
        .find_map(|(r, _)| r.arc().map(|m| m.result.clone()));
    if chain.sets.is_empty() && chain.problems.is_empty() && result.is_none() {
        return None;
    }
    let instances = chain
        .sets
        .iter()
        .map(|set| ArcInstance {
            instance: set.instance,
            signer: set
                .seal
                .as_ref()
                .and_then(|s| s.header.domain.clone())
                .or_else(|| {
                    set.message_signature
                        .as_ref()
                        .and_then(|s| s.header.domain.clone())
                }),
            cv: set.cv().map(str::to_string),
            saw: set
                .results
                .as_ref()
                .map(|r| {
                    r.header
                        .results
                        .iter()
                        .map(|m| format!("{}={}", m.method, m.result))
                        .collect()
                })
                .unwrap_or_default(),
            // Where the set's results were placed (they name the
            // forwarder), else where the seal sits.
            hop: arc_results_hop(headers, set.instance)
                .or_else(|| set.seal.as_ref().and_then(|s| hop_at(s.received_above))),
        })
        .collect();
    Some(ArcVerdict {
        result,
        instances,
        problems: chain
            .problems
            .iter()
            .map(|p| serde_json::to_value(p).map_or_else(|_| String::new(), describe_problem))
            .collect(),
    })
}

/// The hop on which the ARC-Authentication-Results of `instance` was placed.
fn arc_results_hop(headers: &[PlacedHeader], instance: u32) -> Option<usize> {
    headers.iter().find_map(|h| match &h.reading {
        Parsed::ArcAuthenticationResults(r) if r.instance == Some(instance) => h.hop,
        _ => None,
    })
}

/// An ARC problem in a few words: `missing seal in instance 2`.
fn describe_problem(v: serde_json::Value) -> String {
    let problem = v["problem"].as_str().unwrap_or("problem").replace('-', " ");
    let header = v["header"].as_str().unwrap_or("header");
    match v["instance"].as_u64() {
        Some(i) => format!("{problem}: {header} of instance {i}"),
        None => format!("{problem}: {header}"),
    }
}

/// The envelope headers, the topmost of each.
pub fn envelope(fields: &[Field]) -> Envelope {
    let first = |name: &str| {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Envelope {
        return_path: first("Return-Path"),
        delivered_to: first("Delivered-To"),
        original_to: first("X-Original-To"),
        originating_ip: first("X-Originating-IP").map(|v| v.trim_matches(['[', ']']).to_string()),
    }
}

/// The envelope sender (RFC 5321 MAIL FROM) as the receiving side
/// recorded it, and where: the Return-Path the delivering server wrote,
/// else the `smtp.mailfrom` of its Authentication-Results or the
/// `envelope-from` of its Received-SPF. The value is as written, angle
/// brackets removed: `""` is the null sender (`<>`), and the receiver's
/// record may give a domain alone (Microsoft writes
/// `smtp.mailfrom=example.org`).
pub fn envelope_sender(auth: &Auth) -> Option<(String, SpfSource)> {
    let unbracketed = |v: &str| v.trim().trim_matches(['<', '>']).trim().to_string();
    if let Some(path) = &auth.envelope.return_path {
        return Some((unbracketed(path), SpfSource::ReturnPath));
    }
    let from_results = receiver_results(&auth.headers)
        .into_iter()
        .find_map(|(r, _)| r.spf()?.property("smtp.mailfrom").map(str::to_string));
    let from_received_spf = || {
        auth.headers
            .iter()
            .filter(|h| h.side == Side::Receiver)
            .find_map(|h| match &h.reading {
                Parsed::ReceivedSpf(s) => s.envelope_from().map(str::to_string),
                _ => None,
            })
    };
    from_results
        .or_else(from_received_spf)
        .map(|v| (unbracketed(&v), SpfSource::SmtpMailfrom))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Auth;

    fn receiver(name: &str, value: &str) -> PlacedHeader {
        PlacedHeader {
            name: name.to_string(),
            hop: Some(2),
            side: Side::Receiver,
            raw: value.to_string(),
            reading: super::super::read_header(name, value).unwrap(),
        }
    }

    #[test]
    fn dmarc_policy_in_each_writer_s_words() {
        for (value, want) in [
            // Gmail, OpenDMARC.
            (
                "mx.example.net; dmarc=fail (p=REJECT sp=NONE dis=NONE) header.from=example.org",
                "reject",
            ),
            // rspamd, before and after header.from.
            (
                "mx.example.net; dmarc=pass (policy=reject) header.from=example.org",
                "reject",
            ),
            (
                "mx.example.net; dmarc=fail reason=\"No valid SPF\" header.from=example.org (policy=quarantine)",
                "quarantine",
            ),
            (
                "mx.example.net; dmarc=pass policy.p=NONE header.from=example.org",
                "none",
            ),
        ] {
            let d = dmarc(&[receiver("Authentication-Results", value)]).unwrap();
            assert_eq!(d.policy.as_deref(), Some(want), "{value}");
        }
        let d = dmarc(&[receiver(
            "Authentication-Results",
            "spf=pass smtp.mailfrom=example.org;dmarc=pass action=none header.from=example.org",
        )])
        .unwrap();
        assert_eq!(d.policy, None, "Microsoft writes no policy");
    }

    #[test]
    fn dkim_none_is_no_signature() {
        for value in [
            "mx.example.net; dkim=none; spf=pass smtp.mailfrom=example.org",
            "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.org",
        ] {
            let headers = [receiver("Authentication-Results", value)];
            assert!(dkim(&headers).is_empty(), "{value}");
            let auth = Auth {
                headers: headers.to_vec(),
                ..Auth::default()
            };
            assert_eq!(
                auth.dkim_unsigned().map(|m| m.result.as_str()),
                Some("none")
            );
        }
        let headers = [receiver(
            "Authentication-Results",
            "mx.example.net; dkim=fail header.d=example.org; dkim=pass header.d=esp.example.net",
        )];
        let found: Vec<_> = dkim(&headers)
            .into_iter()
            .map(|d| (d.domain.unwrap(), d.result))
            .collect();
        assert_eq!(
            found,
            [
                ("example.org".to_string(), "fail".to_string()),
                ("esp.example.net".to_string(), "pass".to_string())
            ]
        );
        let auth = Auth {
            headers: headers.to_vec(),
            ..Auth::default()
        };
        assert_eq!(auth.dkim_unsigned(), None);
    }

    /// The `auth` of a traced message: one hop from 192.0.2.7 into
    /// mx.example.net, below it `lower` (more headers), above it `upper`.
    fn auth_of(upper: &str, lower: &str) -> Auth {
        let text = format!(
            "{upper}Received: from out.example.org (out.example.org [192.0.2.7]) by mx.example.net with ESMTP id 1; Mon, 23 Nov 2026 10:00:05 +0000\n{lower}From: a@example.org\n\nx\n"
        );
        let options = crate::TraceOptions {
            trusted: Default::default(),
            now: chrono::DateTime::from_timestamp(1_796_083_200, 0).unwrap(),
            redact: false,
            keep_signed: false,
        };
        crate::trace(&crate::input::Input::new("t", text.into_bytes()), &options)
            .unwrap()
            .auth
    }

    #[test]
    fn the_envelope_sender_is_the_receiving_sides_record() {
        let sender = |upper: &str, lower: &str| envelope_sender(&auth_of(upper, lower));
        assert_eq!(
            sender(
                "Return-Path: <>\nAuthentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org\n",
                ""
            ),
            Some((String::new(), SpfSource::ReturnPath))
        );
        assert_eq!(
            sender(
                "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org\n",
                ""
            ),
            Some(("example.org".to_string(), SpfSource::SmtpMailfrom))
        );
        assert_eq!(
            sender(
                "Received-SPF: pass (mx.example.net) envelope-from=\"<b@example.org>\"; receiver=mx.example.net\n",
                ""
            ),
            Some(("b@example.org".to_string(), SpfSource::SmtpMailfrom))
        );
        assert_eq!(sender("", ""), None);
    }
}
