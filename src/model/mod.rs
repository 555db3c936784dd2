//! The report model: everything the pipeline finds, as plain data.
//!
//! Each stage fills its part of a [`Report`]; renderers only format it.
//! These types are the JSON contract (docs/json.md): field names are
//! promises to users' scripts. The model imports no stage, only the small
//! helpers below the pipeline ([`crate::smtp_codes`]), so any stage can
//! be read and tested with the model alone.

pub mod auth;
pub mod checked_now;
pub mod dns;
pub mod finding;
pub mod hop;
pub mod message;
pub mod report;
pub mod stop;

pub use auth::{
    ArcInstance, ArcMessageSignature, ArcSeal, ArcVerdict, Auth, AuthResults, Canonicalization,
    Compauth, Disposition, DkimSignature, DkimVerdict, DmarcVerdict, Envelope, FieldMeaning,
    FilterDecision, FilterVerdict, Folder, MethodResult, Pair, Parsed, PlacedHeader, ReceivedSpf,
    Side, SpfVerdict, Timestamp,
};
pub use checked_now::{
    CheckedNow, DkimCause, DkimNow, DkimNowResult, DkimSignatureNow, DmarcNow, DmarcNowStatus,
    DmarcRecordNow, NameLookup, SpfIdentityNow, SpfNow, SpfNowResult, SpfSource,
};
pub use dns::{
    BrokenPtr, DnsblCheck, Fcrdns, FcrdnsCheck, ForwardCheck, HeloCheck, HeloKind, HopDns,
    LookupStatus, MxCheck, MxHost, MxKind, PtrCheck, RecipientSource, ReportDns,
};
pub use finding::{Finding, FindingCode, Severity};
pub use hop::{
    EvidenceCode, Hop, HopKind, ParseQuality, Receiver, Sender, Trust, TrustEvidence, format_utc,
};
pub use message::MessageSummary;
pub use report::{InputInfo, Report, ReportOptions, SCHEMA_VERSION, Signed, Tool, TracedMessage};
pub use stop::{Action, Reason, Recipient, SmtpStage, Stop, StopKind};
