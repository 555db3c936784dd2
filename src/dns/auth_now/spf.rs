//! SPF now (RFC 7208): the trustworthy hop's connecting IP, the one fact
//! the sender cannot forge, evaluated against today's SPF records of the
//! envelope sender's domain and of the HELO name. mail-auth evaluates;
//! this module decides what to ask about and reads the answer.

use std::net::IpAddr;

use mail_auth::spf::verify::SpfParameters;
use mail_auth::{MessageAuthenticator, SpfResult};

use super::caches::{Budget, Caches, Stopped};
use crate::dns::resolver::Engine;
use crate::host::HostName;
use crate::ip_kind::IpKind;
use crate::model::{Hop, HopKind, Report, SpfIdentityNow, SpfNow, SpfNowResult, SpfSource};

/// What to check for one report, or why nothing.
#[derive(Debug, Clone)]
pub enum SpfPlan {
    Skip(String),
    Ask(Box<SpfQuestion>),
}

/// The trustworthy hop's client and the identities to check for it.
#[derive(Debug, Clone)]
pub struct SpfQuestion {
    ip: IpAddr,
    hop: usize,
    /// The receiving host, as the check is made (`%{r}` in SPF macros).
    receiver: Option<String>,
    /// The HELO name when it is a domain, else empty (`%{h}`).
    helo_name: String,
    mail_from: Option<Identity>,
    helo: Option<Identity>,
}

/// One identity to check: where it came from, what it is, and the domain
/// and MAIL FROM argument to evaluate, or why it cannot be.
#[derive(Debug, Clone)]
struct Identity {
    source: SpfSource,
    identity: Option<String>,
    target: Result<Target, String>,
}

#[derive(Debug, Clone)]
struct Target {
    domain: HostName,
    /// The MAIL FROM argument as mail-auth takes it: an address, or empty
    /// for the null sender (mail-auth then checks the HELO domain).
    sender: String,
}

impl SpfPlan {
    pub fn of(report: &Report) -> SpfPlan {
        match client(report) {
            Ok((hop, ip)) => SpfPlan::Ask(Box::new(question(report, hop, ip))),
            Err(why) => SpfPlan::Skip(why),
        }
    }
}

/// The trustworthy hop and its IP, when SPF applies to it.
fn client(report: &Report) -> Result<(&Hop, IpAddr), String> {
    let hop = report.trustworthy().ok_or(
        "no trustworthy hop: no hand-off from outside the receiving organisation was found",
    )?;
    let ip = hop
        .from
        .ip
        .map(|ip| ip.to_canonical())
        .ok_or("the trustworthy hop records no connecting IP")?;
    let kind = IpKind::of(ip);
    if !kind.is_public() {
        return Err(format!(
            "the trustworthy hop's IP {ip} is a {} address: SPF is about public senders",
            kind.describe()
        ));
    }
    if hop.kind == HopKind::Submission {
        return Err("the trustworthy hop is a submission (a mail client or web application handing in the message): SPF does not apply to it".to_string());
    }
    Ok((hop, ip))
}

/// The identities to check for the client: its HELO name and the
/// envelope sender.
fn question(report: &Report, hop: &Hop, ip: IpAddr) -> SpfQuestion {
    let helo_domain = hop.from.helo.as_deref().map(helo_domain);
    let helo = hop
        .from
        .helo
        .as_deref()
        .zip(helo_domain.clone())
        .map(|(name, domain)| Identity {
            source: SpfSource::Helo,
            identity: Some(name.to_string()),
            target: domain.map(|domain| Target {
                sender: format!("postmaster@{domain}"),
                domain,
            }),
        });
    let helo_name = match &helo_domain {
        Some(Ok(name)) => name.to_string(),
        _ => String::new(),
    };
    let mail_from = crate::auth::envelope_sender(&report.auth)
        .map(|(sender, source)| mail_from(&sender, source, helo_domain));
    SpfQuestion {
        ip,
        hop: hop.number,
        receiver: hop.by.host.clone(),
        helo_name,
        mail_from,
        helo,
    }
}

/// The HELO name as a domain to check, or why it is none.
fn helo_domain(name: &str) -> Result<HostName, String> {
    if name.starts_with('[') {
        return Err("the HELO is an address literal, not a domain".to_string());
    }
    match HostName::parse(name) {
        Ok(host) if host.is_fqdn() => Ok(host),
        Ok(_) => Err("the HELO name is not a fully qualified domain name".to_string()),
        Err(problem) => Err(format!("the HELO name is not a domain name: {problem}")),
    }
}

/// The envelope sender's identity: an address, a domain alone (checked
/// as `postmaster@domain`, RFC 7208 §4.3), or the null sender (checked
/// as the HELO name, RFC 7208 §2.4).
fn mail_from(sender: &str, source: SpfSource, helo: Option<Result<HostName, String>>) -> Identity {
    if sender.is_empty() {
        let target = match helo {
            Some(Ok(domain)) => Ok(Target {
                domain,
                sender: String::new(),
            }),
            Some(Err(why)) => Err(format!("the envelope sender is empty (<>) and {why}")),
            None => Err(
                "the envelope sender is empty (<>) and the hop records no HELO name to check instead"
                    .to_string(),
            ),
        };
        let identity = target
            .as_ref()
            .ok()
            .map(|t| format!("postmaster@{}", t.domain));
        return Identity {
            source: SpfSource::NullSender,
            identity,
            target,
        };
    }
    let (local, domain) = match sender.rsplit_once('@') {
        Some((local, domain)) => (Some(local), domain),
        None => (None, sender),
    };
    let target = match HostName::parse(domain) {
        Ok(host) if host.is_fqdn() && local.is_none_or(|l| !l.is_empty()) => {
            let sender = match local {
                Some(local) => format!("{local}@{host}"),
                None => format!("postmaster@{host}"),
            };
            Ok(Target {
                domain: host,
                sender,
            })
        }
        Ok(_) => Err(format!("{sender} is not an address with a domain")),
        Err(problem) => Err(format!("{domain} is not a domain name: {problem}")),
    };
    Identity {
        source,
        identity: Some(sender.to_string()),
        target,
    }
}

/// Evaluates each identity, one after another so the second reuses the
/// first's answers.
pub async fn check(
    engine: &Engine,
    authenticator: &MessageAuthenticator,
    plan: &SpfPlan,
) -> SpfNow {
    let q = match plan {
        SpfPlan::Skip(why) => return SpfNow::not_checked(why),
        SpfPlan::Ask(q) => q,
    };
    let budget = Budget::new(engine);
    let caches = Caches::new(&budget);
    let mut results = Vec::new();
    for identity in [&q.mail_from, &q.helo] {
        results.push(match identity {
            Some(identity) => Some(evaluate(authenticator, &budget, &caches, q, identity).await),
            None => None,
        });
    }
    let helo = results.pop().flatten();
    let mail_from = results.pop().flatten();
    SpfNow {
        not_checked: None,
        ip: Some(q.ip),
        hop: Some(q.hop),
        receiver: q.receiver.clone(),
        mail_from,
        helo,
    }
}

async fn evaluate(
    authenticator: &MessageAuthenticator,
    budget: &Budget<'_>,
    caches: &Caches<'_, '_>,
    q: &SpfQuestion,
    identity: &Identity,
) -> SpfIdentityNow {
    let checked =
        |result: SpfNowResult, note: Option<String>, domain: Option<&HostName>| SpfIdentityNow {
            source: identity.source,
            identity: identity.identity.clone(),
            domain: domain.map(HostName::to_string),
            result,
            note,
        };
    let target = match &identity.target {
        Ok(target) => target,
        Err(why) => return checked(SpfNowResult::NotChecked, Some(why.clone()), None),
    };
    // SPF macros may name the receiving host; an unknown one is "unknown" (RFC 7208 §7.3).
    let receiver = q.receiver.as_deref().unwrap_or("unknown");
    let params = match identity.source {
        SpfSource::Helo => SpfParameters::verify_ehlo(q.ip, target.domain.as_str(), receiver),
        _ => SpfParameters::verify_mail_from(q.ip, &q.helo_name, receiver, &target.sender),
    };
    let outcome = budget
        .bounded(authenticator.verify_spf(caches.params(params)))
        .await;
    let (result, note) = match outcome {
        Ok(output) => (result_of(output.result()), None),
        Err(Stopped::Capped) => (
            SpfNowResult::Capped,
            Some("not finished: the report's query cap was reached".to_string()),
        ),
        Err(Stopped::Timeout) => (
            SpfNowResult::Timeout,
            Some("not finished: no DNS answer before the deadline".to_string()),
        ),
    };
    checked(result, note, Some(&target.domain))
}

fn result_of(result: SpfResult) -> SpfNowResult {
    match result {
        SpfResult::Pass => SpfNowResult::Pass,
        SpfResult::Fail => SpfNowResult::Fail,
        SpfResult::SoftFail => SpfNowResult::SoftFail,
        SpfResult::Neutral => SpfNowResult::Neutral,
        SpfResult::TempError => SpfNowResult::TempError,
        SpfResult::PermError => SpfNowResult::PermError,
        SpfResult::None => SpfNowResult::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn helo(name: &str) -> Option<Result<HostName, String>> {
        Some(helo_domain(name))
    }

    #[test]
    fn the_envelope_sender_becomes_an_identity() {
        let i = mail_from("Bounce@Example.org", SpfSource::ReturnPath, None);
        let t = i.target.unwrap();
        assert_eq!(t.domain.as_str(), "example.org");
        assert_eq!(t.sender, "Bounce@example.org");
        assert_eq!(i.identity.as_deref(), Some("Bounce@Example.org"));

        // A domain alone (Microsoft's smtp.mailfrom) is postmaster@ it.
        let i = mail_from("example.net", SpfSource::SmtpMailfrom, None);
        assert_eq!(i.target.unwrap().sender, "postmaster@example.net");

        // The null sender is checked as the HELO name.
        let i = mail_from("", SpfSource::ReturnPath, helo("out.example.org"));
        assert_eq!(i.source, SpfSource::NullSender);
        assert_eq!(i.identity.as_deref(), Some("postmaster@out.example.org"));
        let t = i.target.unwrap();
        assert_eq!(
            (t.domain.as_str(), t.sender.as_str()),
            ("out.example.org", "")
        );
    }

    #[test]
    fn what_is_not_a_domain_is_never_asked() {
        for (sender, helo_name, why) in [
            ("", None, "records no HELO name"),
            ("", Some("[192.0.2.1]"), "address literal"),
            ("bounce@exa_mple.org", None, "not a domain name"),
            ("bounce@localhost", None, "not an address with a domain"),
            ("@example.org", None, "not an address with a domain"),
        ] {
            let i = mail_from(sender, SpfSource::ReturnPath, helo_name.map(helo_domain));
            let err = i.target.unwrap_err();
            assert!(err.contains(why), "{sender}: {err}");
        }
        assert!(helo_domain("mailserver2").is_err());
        assert!(helo_domain("mail.example.org").is_ok());
    }
}
