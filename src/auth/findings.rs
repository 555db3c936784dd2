//! What the authentication stage tells the user: failed checks, where the
//! filter put the message, and headers from outside that were not counted.

use crate::model::{Auth, Disposition, Finding, FindingCode, Hop, Trust};

pub fn findings(auth: &Auth, hops: &[Hop]) -> Vec<Finding> {
    let mut found = Vec::new();
    // An SPF check of a client inside the organisation (a gateway in front
    // of the server that checked) says nothing about the sender.
    let checked_inside = auth
        .spf
        .as_ref()
        .and_then(|s| s.client_ip)
        .is_some_and(|ip| {
            hops.iter()
                .any(|h| h.trust == Trust::Internal && h.from.ip == Some(ip))
        });
    if let Some(spf) = auth
        .spf
        .as_ref()
        .filter(|s| matches!(s.result.as_str(), "fail" | "softfail") && !checked_inside)
    {
        let domain = spf
            .domain
            .as_deref()
            .unwrap_or("the envelope sender's domain");
        let ip = spf
            .client_ip
            .map(|ip| format!("client {ip}, "))
            .unwrap_or_default();
        found.push(Finding::new(
            FindingCode::SpfFail,
            format!(
                "SPF {} for {domain} ({ip}{}): that domain does not list the sending server as allowed.",
                spf.result, spf.header
            ),
        ));
    }
    for d in auth
        .dkim
        .iter()
        .filter(|d| dkim_failed(&d.result, d.reason.as_deref()))
    {
        let signer = d.domain.as_deref().unwrap_or("an unnamed domain");
        let why = d
            .reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        found.push(Finding::new(
            FindingCode::DkimFail,
            format!(
                "The DKIM signature of {signer} did not verify ({}{why}): the message was changed on the way (a list footer, a rewritten subject) or not signed by that domain.",
                d.result
            ),
        ));
    }
    if let Some(dmarc) = auth.dmarc.as_ref().filter(|d| d.result == "fail") {
        let domain = dmarc.from_domain.as_deref().unwrap_or("the From domain");
        let policy = dmarc
            .policy
            .as_deref()
            .map(|p| format!(" (its policy: {p})"))
            .unwrap_or_default();
        found.push(Finding::new(
            FindingCode::DmarcFail,
            format!(
                "DMARC failed for {domain}{policy}: neither an aligned SPF nor an aligned DKIM pass vouches for the From address."
            ),
        ));
    }
    if let Some(arc) = &auth.arc {
        let broken_seal = arc
            .instances
            .iter()
            .find(|i| i.cv.as_deref() == Some("fail"));
        let why = if arc.result.as_deref() == Some("fail") {
            Some("the receiving side's ARC check failed".to_string())
        } else if let Some(i) = broken_seal {
            Some(format!(
                "instance {} ({}) recorded cv=fail",
                i.instance,
                i.signer.as_deref().unwrap_or("unnamed")
            ))
        } else if arc.result.is_none() {
            // The receiving side's own ARC check, when it wrote one, says
            // more than the headers left in the message.
            arc.problems.first().cloned()
        } else {
            None
        };
        if let Some(why) = why {
            found.push(Finding::new(
                FindingCode::ArcBroken,
                format!("The ARC chain is broken: {why}."),
            ));
        }
    }
    let by = auth
        .filter
        .by
        .as_deref()
        .unwrap_or("the receiving side's filter");
    let evidence = auth.filter.evidence.as_deref().unwrap_or_default();
    match auth.filter.decision {
        Disposition::Junk if auth.filter.folder_stated => found.push(Finding::new(
            FindingCode::FiledAsJunk,
            format!("{by} delivered the message to the Junk folder ({evidence})."),
        )),
        Disposition::Junk => found.push(Finding::new(
            FindingCode::FiledAsJunk,
            format!(
                "{by} marked the message as spam ({evidence}); mail so marked is normally filed in Junk by the mailbox's rules."
            ),
        )),
        Disposition::Quarantine => found.push(Finding::new(
            FindingCode::Quarantined,
            format!(
                "{by} quarantined the message ({evidence}): only an administrator can release it."
            ),
        )),
        _ => {}
    }
    let boundary = hops
        .iter()
        .find(|h| h.trust == Trust::Trustworthy)
        .map(|h| h.number);
    let claims: Vec<String> = auth
        .verdict_claims()
        .map(|h| match h.hop {
            // A claim placed at or above the boundary is an earlier copy of
            // a header the receiver writes below the Received headers
            // (Microsoft's trailer): the sending organisation's own.
            Some(n) if boundary.is_some_and(|b| n >= b) => {
                format!("{} (an earlier copy, below the Received headers)", h.name)
            }
            Some(n) => format!("{} (hop {n})", h.name),
            None => h.name.clone(),
        })
        .collect();
    if !claims.is_empty() {
        found.push(Finding::new(
            FindingCode::AuthClaimBelowBoundary,
            format!(
                "Written by the sending side (or forged), below the trustworthy hop, so not counted: {}.",
                claims.join(", ")
            ),
        ));
    }
    found
}

/// A DKIM result that says the signature does not hold: `fail`,
/// `permerror`, or Gmail's `neutral (body hash did not verify)`.
fn dkim_failed(result: &str, reason: Option<&str>) -> bool {
    matches!(result, "fail" | "permerror")
        || (result == "neutral" && reason.is_some_and(|r| r.contains("did not verify")))
}
