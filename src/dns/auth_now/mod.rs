//! Authentication checked now, with today's DNS (`auth.checked_now`): SPF
//! for the trustworthy hop's IP ([`spf`]), the From domain's DMARC record
//! ([`dmarc`]) and each DKIM signature against today's key ([`dkim`]).
//!
//! They run inside the DNS stage, at the same time as the hop and MX
//! checks, on the same resolver (so `--resolver` and the resolver's
//! timeouts apply), charged to the same question cap and under the same
//! deadline; a check stopped by either says `capped` or `timeout`, never
//! a result it did not reach. mail-auth (pinned at 0.13.3) evaluates SPF and
//! verifies signatures; the DMARC record and the DKIM keys are asked
//! through the [`Engine`] like every other question.
//!
//! None of it is what the receiver saw when the message arrived: keys
//! are rotated, records change, signatures expire. Reports label it so.

pub mod caches;
pub mod dkim;
pub mod dmarc;
pub mod findings;
pub mod spf;

use mail_auth::MessageAuthenticator;

use crate::dns::resolver::Engine;
use crate::model::{CheckedNow, DkimNow, Report, Signed};

use dkim::DkimPlan;
use dmarc::DmarcPlan;
use spf::SpfPlan;

/// What to check for one report.
#[derive(Debug, Clone)]
pub struct AuthPlan {
    spf: SpfPlan,
    dmarc: DmarcPlan,
    /// `None` when the message carries no DKIM signature.
    dkim: Option<DkimPlan>,
}

impl AuthPlan {
    /// `None` when there is nothing to check: no trustworthy hop, no From
    /// header and no signature.
    pub fn of(report: &Report) -> Option<AuthPlan> {
        let nothing = report.trustworthy().is_none()
            && report.traced.from.is_none()
            && matches!(report.traced.signed, Signed::Unsigned);
        (!nothing).then(|| AuthPlan {
            spf: SpfPlan::of(report),
            dmarc: DmarcPlan::of(report.traced.from.as_deref()),
            dkim: DkimPlan::of(&report.traced.signed),
        })
    }
}

/// Runs the three checks at once.
pub async fn check(
    engine: &Engine,
    authenticator: &MessageAuthenticator,
    plan: &AuthPlan,
) -> CheckedNow {
    let dkim = async {
        match &plan.dkim {
            Some(dkim) => dkim::check(engine, authenticator, dkim).await,
            None => DkimNow::not_checked("the message carries no DKIM signature"),
        }
    };
    let (spf, dmarc, dkim) = tokio::join!(
        spf::check(engine, authenticator, &plan.spf),
        dmarc::check(engine, &plan.dmarc),
        dkim,
    );
    CheckedNow { spf, dmarc, dkim }
}

/// Writes the results into the report, with their findings.
pub fn apply(report: &mut Report, checked: Option<CheckedNow>) {
    if let Some(checked) = &checked {
        report.findings.extend(findings::findings(checked));
    }
    report.auth.checked_now = checked;
}
