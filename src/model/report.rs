//! The report: one serde model of everything the pipeline found. It is the
//! JSON contract (docs/json.md); renderers only format it.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::auth::Auth;
use super::dns::ReportDns;
use super::finding::{Finding, Severity};
use super::hop::Hop;
use super::message::MessageSummary;
use super::stop::Stop;

/// Bumped only when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "trace-path",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// What was read: its name, digest and size, so a report can be matched to its file.
#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    pub name: String,
    /// The message's number within an mbox (1 = first); `null` otherwise.
    pub position: Option<usize>,
    pub sha256: String,
    pub bytes: usize,
}

impl InputInfo {
    /// The input's name, its number within an mbox, and its bytes' digest and size.
    pub fn of(name: &str, position: Option<usize>, bytes: &[u8]) -> InputInfo {
        let digest = Sha256::digest(bytes);
        InputInfo {
            name: name.to_string(),
            position,
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            bytes: bytes.len(),
        }
    }
}

/// The options that changed the result, so a report says how it was made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportOptions {
    /// The user's own relays (`--trust` and the config file's `trust`), as
    /// given; under `--redact` their names and networks are tokens too.
    pub trusted: Vec<String>,
    /// `--redact`: addresses, subject, message-id and internal names are tokens.
    pub redacted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub input: InputInfo,
    pub options: ReportOptions,
    pub message: MessageSummary,
    /// Oldest first: `hops[0]` is hop 1, the bottom Received header.
    pub hops: Vec<Hop>,
    pub trustworthy_hop: Option<usize>,
    pub total_transit_seconds: Option<i64>,
    pub stop: Stop,
    /// Authentication and filtering along the path, as the receiving side
    /// recorded them.
    pub auth: Auth,
    pub findings: Vec<Finding>,
    /// How the DNS stage ran and the recipient domain's MX; `null` when DNS did not run.
    pub dns: Option<ReportDns>,
    pub verdict: String,
    /// When the report was made; shown by ticket formats, not part of the JSON.
    #[serde(skip)]
    pub generated_at: DateTime<Utc>,
    /// What the DNS stage's authentication checks need from the traced
    /// message; not part of the JSON, and emptied once DNS has run.
    #[serde(skip)]
    pub traced: TracedMessage,
}

/// What the checks done now (`auth.checked_now`) read from the message
/// that was traced: for a bounce, the returned copy, not the bounce.
#[derive(Debug, Clone, Default)]
pub struct TracedMessage {
    /// Its From header, as written.
    pub from: Option<String>,
    pub signed: Signed,
}

/// Whether the traced message carries DKIM signatures, and the bytes they
/// are verified against.
#[derive(Clone, Default)]
pub enum Signed {
    /// No DKIM-Signature header.
    #[default]
    Unsigned,
    /// The whole input as read (after the repairs a paste needs), shared
    /// rather than copied again. `repaired` says whether the repairs
    /// changed lines a signature covers (quoting, indentation, folding).
    Bytes { bytes: Arc<[u8]>, repaired: bool },
    /// Signed, but the bytes were not kept: the trace ran without DNS, or
    /// DNS has run already.
    NotKept,
    /// The signatures are on the copy returned inside a bounce, which is
    /// usually cut or re-encoded: they are not verified.
    ReturnedCopy,
}

impl fmt::Debug for Signed {
    // The bytes can be megabytes: show their length only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Signed::Unsigned => f.write_str("Unsigned"),
            Signed::Bytes { bytes, repaired } => f
                .debug_struct("Bytes")
                .field("len", &bytes.len())
                .field("repaired", repaired)
                .finish(),
            Signed::NotKept => f.write_str("NotKept"),
            Signed::ReturnedCopy => f.write_str("ReturnedCopy"),
        }
    }
}

impl Report {
    pub fn trustworthy(&self) -> Option<&Hop> {
        self.trustworthy_hop
            .and_then(|n| self.hops.iter().find(|h| h.number == n))
    }

    /// Every finding, message-level and per hop, with the hop it belongs to.
    pub fn all_findings(&self) -> impl Iterator<Item = (Option<usize>, &Finding)> {
        self.findings.iter().map(|f| (None, f)).chain(
            self.hops
                .iter()
                .flat_map(|h| h.findings.iter().map(move |f| (Some(h.number), f))),
        )
    }

    /// The most severe finding level present, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.all_findings().map(|(_, f)| f.severity).max()
    }
}
