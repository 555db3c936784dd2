//! Spam and content filters' verdict headers, one file per vendor.
//!
//! Each vendor exports a [`Vendor`]: its name and a `read(name, value)`
//! that turns one of its headers into a [`FilterVerdict`] (and says
//! `None` to any other header). [`read`] asks each in turn.
//!
//! Every field is kept raw beside its meaning; a meaning is given only
//! where the vendor (or, for Microsoft's undocumented mailbox header,
//! long practice recorded in the domain brief) says what the value means.
//! Scores keep the vendor's own scale.

pub mod barracuda;
pub mod common;
pub mod ironport;
pub mod microsoft;
pub mod mimecast;
pub mod proofpoint;
pub mod rspamd;
pub mod spamassassin;

use crate::model::FilterVerdict;

pub use common::Vendor;

/// Every vendor reader, in the order they are asked.
pub const VENDORS: &[Vendor] = &[
    microsoft::VENDOR,
    spamassassin::VENDOR,
    rspamd::VENDOR,
    proofpoint::VENDOR,
    mimecast::VENDOR,
    barracuda::VENDOR,
    ironport::VENDOR,
];

/// The verdict in header `name` (any case), from the vendor that writes
/// it; `None` for a header no vendor here writes.
pub fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    VENDORS.iter().find_map(|v| (v.read)(name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_header_goes_to_its_vendor() {
        for (name, vendor) in [
            ("X-Forefront-Antispam-Report", "Microsoft 365"),
            ("x-microsoft-antispam", "Microsoft 365"),
            ("X-Microsoft-Antispam-Mailbox-Delivery", "Microsoft 365"),
            ("X-MS-Exchange-Organization-SCL", "Microsoft 365"),
            ("X-Spam-Status", "SpamAssassin"),
            ("X-Spam-Flag", "SpamAssassin"),
            ("X-Spam-Level", "SpamAssassin"),
            ("X-Spam-Score", "SpamAssassin"),
            ("X-Spam_score", "SpamAssassin"),
            ("X-Remote-Spam-Status", "SpamAssassin"),
            ("X-Spam_score_int", "SpamAssassin"),
            ("X-Spam-Report", "SpamAssassin"),
            ("X-Spam-Checker-Version", "SpamAssassin"),
            ("X-Spamd-Bar", "Rspamd"),
            ("X-Spamd-Result", "Rspamd"),
            ("X-Spam", "Rspamd"),
            ("X-Rspamd-Action", "Rspamd"),
            ("X-Rspamd-Queue-Id", "Rspamd"),
            ("X-Proofpoint-Spam-Details", "Proofpoint"),
            ("X-Proofpoint-Virus-Version", "Proofpoint"),
            ("X-Mimecast-Spam-Score", "Mimecast"),
            ("X-Barracuda-Spam-Status", "Barracuda"),
            ("X-IronPort-AV", "Cisco IronPort"),
        ] {
            let v = read(name, "1").unwrap_or_else(|| panic!("{name}"));
            assert_eq!(v.vendor, vendor, "{name}");
            assert_eq!(v.header, name);
            // What a reader understands, the message stage must keep.
            assert!(crate::message::is_placed(name), "{name} not kept");
        }
        for name in [
            "Subject",
            "X-Virus-Scanned",
            "X-KSMG-AntiSpam-Status",
            "X-Spam-Foo",
            "",
        ] {
            assert_eq!(read(name, "1"), None, "{name}");
        }
    }

    #[test]
    fn vendor_names_are_distinct() {
        let mut names: Vec<&str> = VENDORS.iter().map(|v| v.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), VENDORS.len());
    }
}
