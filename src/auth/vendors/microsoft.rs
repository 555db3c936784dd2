//! Microsoft 365 / Exchange Online Protection.
//!
//! * `X-Forefront-Antispam-Report`: `;`-separated `KEY:VALUE` fields, in
//!   three generations: the current one (`CIP CTRY LANG SCL SRV IPV SFV H
//!   PTR CAT SFTY SFS DIR`), the 2012 FOPE one (`CIP KIP UIP IPV H RD
//!   EFVD`, with `RD` where `PTR` is now) and the internal-outbound one
//!   (`SFV SFS DIR SFP SCL SRVR H FPR SPF PTR MX A LANG`).
//! * `X-Microsoft-Antispam`: `BCL:N;` (bulk complaint level) and fields
//!   for Microsoft's own diagnostics.
//! * `X-MS-Exchange-Organization-SCL`: the spam confidence level alone.
//! * `X-Microsoft-Antispam-Mailbox-Delivery`: where the mailbox put the
//!   message (`dest:I` Inbox, `dest:J` Junk, `dest:C` a custom folder);
//!   Microsoft documents none of it, so values beyond these stay raw.
//!
//! Meanings come from Microsoft's pages "Anti-spam message headers",
//! "Spam confidence level" and "Bulk complaint level"; Microsoft says the
//! fields it does not describe are for its anti-spam team's diagnostics,
//! and they are shown raw.

use crate::model::{FieldMeaning, FilterVerdict, Folder};

use super::common::{Vendor, is, key_values};

pub const VENDOR: Vendor = Vendor {
    name: "Microsoft 365",
    read,
};

fn read(name: &str, value: &str) -> Option<FilterVerdict> {
    if is(name, "X-Forefront-Antispam-Report") {
        Some(forefront(name, value))
    } else if is(name, "X-Microsoft-Antispam") {
        Some(antispam(name, value))
    } else if is(name, "X-Microsoft-Antispam-Mailbox-Delivery") {
        Some(mailbox_delivery(name, value))
    } else if is(name, "X-MS-Exchange-Organization-SCL") {
        let mut v = FilterVerdict::new(VENDOR.name, name);
        apply_scl(&mut v, value.trim());
        v.fields
            .push(FieldMeaning::new("SCL", value.trim(), scl_meaning(value)));
        Some(v)
    } else {
        None
    }
}

fn forefront(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    let mut sfv_spam = None;
    for (key, raw) in key_values(value, ';', ':') {
        let upper = key.to_ascii_uppercase();
        let meaning = match upper.as_str() {
            "CIP" => cip_meaning(raw),
            "CTRY" => non_empty(raw, "the country or region of the connecting IP"),
            "LANG" => non_empty(raw, "the language the message is written in"),
            "SCL" => {
                apply_scl(&mut v, raw);
                scl_meaning(raw)
            }
            "SRV" => raw.eq_ignore_ascii_case("BULK").then_some(
                "bulk mail, by the bulk complaint level (BCL) threshold; marked as spam when bulk mail is (the default)",
            ),
            "IPV" => match raw.to_ascii_uppercase().as_str() {
                "CAL" => Some("the connecting IP is on the IP Allow List: spam filtering was skipped"),
                "NLI" => Some("the connecting IP is on no IP reputation list"),
                _ => None,
            },
            "SFV" => {
                let (spam, meaning) = sfv(raw);
                sfv_spam = spam;
                meaning
            }
            "H" => non_empty(raw, "the HELO/EHLO name the connecting server gave"),
            "PTR" => raw
                .contains('.')
                .then_some("the reverse DNS (PTR) name of the connecting IP"),
            "RD" => raw
                .contains('.')
                .then_some("the reverse DNS name of the connecting IP (older form of PTR)"),
            "CAT" => category(raw),
            "SFTY" => safety_tip(raw),
            "DIR" => match raw.to_ascii_uppercase().as_str() {
                "INB" => Some("inbound"),
                "OUT" => Some("outbound"),
                "INT" => Some("internal"),
                _ => None,
            },
            _ => None,
        };
        v.fields.push(FieldMeaning::new(key, raw, meaning));
    }
    // The SCL is the final level; the filtering verdict speaks when
    // there is none.
    if v.spam.is_none() {
        v.spam = sfv_spam;
    }
    v
}

fn non_empty(raw: &str, meaning: &'static str) -> Option<&'static str> {
    (!raw.is_empty()).then_some(meaning)
}

fn cip_meaning(raw: &str) -> Option<&'static str> {
    if raw == "255.255.255.255" {
        Some("made inside Microsoft's service: no outside client connected")
    } else if raw.parse::<std::net::IpAddr>().is_ok() {
        Some("the connecting IP address")
    } else {
        None
    }
}

/// The spam filtering verdict: (spam?, meaning).
fn sfv(raw: &str) -> (Option<bool>, Option<&'static str>) {
    match raw.to_ascii_uppercase().as_str() {
        "SPM" => (
            Some(true),
            Some("spam: spam filtering marked the message as spam"),
        ),
        "NSPM" => (
            Some(false),
            Some("not spam: spam filtering marked the message as not spam"),
        ),
        "SKS" => (
            Some(true),
            Some("marked as spam before spam filtering (for example by a mail flow rule)"),
        ),
        "SKN" => (
            Some(false),
            Some("marked as not spam before spam filtering (for example by a mail flow rule)"),
        ),
        "SKA" => (
            Some(false),
            Some(
                "spam filtering skipped: the sender is on an allowed senders or domains list of an anti-spam policy",
            ),
        ),
        "SKB" => (
            Some(true),
            Some(
                "marked as spam: the sender is on a blocked senders or domains list of an anti-spam policy",
            ),
        ),
        "SKI" => (
            None,
            Some("spam filtering skipped for another reason, such as mail inside the organisation"),
        ),
        "SKQ" => (None, Some("released from quarantine")),
        "BLK" => (
            Some(true),
            Some("blocked: the sender is on the user's Blocked Senders list"),
        ),
        "SFE" => (
            Some(false),
            Some("allowed: the sender is on the user's Safe Senders list"),
        ),
        _ => (None, None),
    }
}

fn category(raw: &str) -> Option<&'static str> {
    Some(match raw.to_ascii_uppercase().as_str() {
        "NONE" => "no category",
        "AMP" => "anti-malware",
        "BIMP" => "brand impersonation",
        "BULK" => "bulk mail",
        "DIMP" => "domain impersonation",
        "FTBP" => "anti-malware common attachments filter",
        "GIMP" => "mailbox intelligence impersonation",
        "HPHSH" | "HPHISH" => "high confidence phishing",
        "HSPM" => "high confidence spam",
        "INTOS" => "intra-organisation phishing",
        "MALW" => "malware",
        "OSPM" => "outbound spam",
        "PHSH" => "phishing",
        "SAP" => "Safe Attachments",
        "SPM" => "spam",
        "SPOOF" => "spoofing",
        "UIMP" => "user impersonation",
        _ => return None,
    })
}

fn safety_tip(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "9.19" => {
            "phishing: domain impersonation (the sending domain impersonates a protected domain)"
        }
        "9.20" => "phishing: user impersonation (the sender impersonates a protected user)",
        "9.25" => "first contact safety tip (might be suspicious or phishing)",
        _ => return None,
    })
}

/// What a spam confidence level means, and its default action.
fn scl_meaning(raw: &str) -> Option<&'static str> {
    Some(match raw.trim() {
        "-1" => {
            "spam filtering skipped (safe sender, safe recipient or IP Allow List): delivered to the Inbox"
        }
        "0" | "1" => "not spam: delivered to the Inbox",
        "5" | "6" => {
            "spam: delivered to the Junk Email folder by default (quarantined under the Strict preset policy)"
        }
        "7" | "8" | "9" => {
            "high confidence spam: delivered to the Junk Email folder by default (quarantined under the preset policies)"
        }
        _ => return None,
    })
}

/// Sets the score, spam flag and folder a spam confidence level gives.
fn apply_scl(v: &mut FilterVerdict, raw: &str) {
    let Ok(scl) = raw.trim().parse::<i32>() else {
        return;
    };
    v.score = Some(f64::from(scl));
    let (spam, folder) = match scl {
        -1..=1 => (Some(false), Some(Folder::Inbox)),
        5..=9 => (Some(true), Some(Folder::Junk)),
        _ => (None, None),
    };
    v.spam = spam;
    v.folder = folder;
}

fn antispam(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    for (key, raw) in key_values(value, ';', ':') {
        let meaning = if key.eq_ignore_ascii_case("BCL") {
            bcl_meaning(raw)
        } else {
            None
        };
        v.fields.push(FieldMeaning::new(key, raw, meaning));
    }
    v
}

/// What a bulk complaint level means (the default threshold is 7).
fn bcl_meaning(raw: &str) -> Option<&'static str> {
    Some(match raw.trim() {
        "0" => "not from a bulk sender",
        "1" | "2" | "3" => "from a bulk sender that generates few complaints",
        "4" | "5" | "6" | "7" => "from a bulk sender that generates a mixed number of complaints",
        "8" | "9" => "from a bulk sender that generates many complaints",
        _ => return None,
    })
}

fn mailbox_delivery(name: &str, value: &str) -> FilterVerdict {
    let mut v = FilterVerdict::new(VENDOR.name, name);
    for (key, raw) in key_values(value, ';', ':') {
        let mut meaning = None;
        if key.eq_ignore_ascii_case("dest") {
            (meaning, v.folder) = match raw.to_ascii_uppercase().as_str() {
                "I" => (Some("delivered to the Inbox"), Some(Folder::Inbox)),
                "J" => (
                    Some("delivered to the Junk Email folder"),
                    Some(Folder::Junk),
                ),
                "C" => (
                    Some("delivered to a custom folder (undocumented by Microsoft)"),
                    Some(Folder::Custom(raw.to_string())),
                ),
                _ => (None, v.folder.take()),
            };
        }
        v.fields.push(FieldMeaning::new(key, raw, meaning));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meaning<'v>(v: &'v FilterVerdict, key: &str) -> Option<&'v str> {
        v.field(key).and_then(|f| f.meaning.as_deref())
    }

    #[test]
    fn current_forefront_report() {
        let v = read(
            "X-Forefront-Antispam-Report",
            " CIP:192.0.2.44;CTRY:NL;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.org;PTR:mail.example.org;CAT:NONE;SFS:(13230031)(4636009);DIR:INB;SFP:1102;",
        )
        .unwrap();
        assert_eq!(v.vendor, "Microsoft 365");
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.score, Some(1.0));
        assert_eq!(v.threshold, None);
        assert_eq!(v.folder, Some(Folder::Inbox));
        assert_eq!(meaning(&v, "CIP"), Some("the connecting IP address"));
        assert_eq!(
            meaning(&v, "CTRY"),
            Some("the country or region of the connecting IP")
        );
        assert_eq!(meaning(&v, "SRV"), None);
        assert_eq!(
            meaning(&v, "IPV"),
            Some("the connecting IP is on no IP reputation list")
        );
        assert_eq!(
            meaning(&v, "SFV"),
            Some("not spam: spam filtering marked the message as not spam")
        );
        assert_eq!(meaning(&v, "CAT"), Some("no category"));
        assert_eq!(meaning(&v, "DIR"), Some("inbound"));
        assert_eq!(v.field("SFS").unwrap().raw, "(13230031)(4636009)");
        assert_eq!(meaning(&v, "SFS"), None);
        assert_eq!(meaning(&v, "SFP"), None);
        assert_eq!(v.fields.len(), 13);
    }

    #[test]
    fn spam_verdicts_and_categories() {
        let v = read(
            "x-forefront-antispam-report",
            "CIP:2001:db8:5::1;CTRY:;LANG:de;SCL:5;SRV:BULK;IPV:CAL;SFV:SPM;H:bulk.example.org;PTR:;CAT:BULK;SFTY:9.25;DIR:INB;",
        )
        .unwrap();
        assert_eq!(v.field("CIP").unwrap().raw, "2001:db8:5::1");
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.folder, Some(Folder::Junk));
        assert_eq!(meaning(&v, "CTRY"), None);
        assert_eq!(meaning(&v, "PTR"), None);
        assert!(meaning(&v, "SRV").unwrap().starts_with("bulk mail"));
        assert_eq!(meaning(&v, "CAT"), Some("bulk mail"));
        assert_eq!(
            meaning(&v, "SFTY"),
            Some("first contact safety tip (might be suspicious or phishing)")
        );
        for (sfv, spam) in [
            ("SKS", Some(true)),
            ("SKN", Some(false)),
            ("SKA", Some(false)),
            ("SKB", Some(true)),
            ("SKI", None),
            ("SKQ", None),
            ("BLK", Some(true)),
            ("SFE", Some(false)),
            ("XYZ", None),
        ] {
            let v = read("X-Forefront-Antispam-Report", &format!("SFV:{sfv};")).unwrap();
            assert_eq!(v.spam, spam, "{sfv}");
            assert_eq!(meaning(&v, "SFV").is_some(), sfv != "XYZ", "{sfv}");
            assert_eq!(v.score, None);
        }
        for cat in [
            "SPM", "HSPM", "PHSH", "HPHSH", "HPHISH", "MALW", "SPOOF", "DIMP", "GIMP", "UIMP",
            "AMP", "SAP", "OSPM", "BIMP", "FTBP", "INTOS",
        ] {
            assert!(category(cat).is_some(), "{cat}");
        }
        assert_eq!(category("NEWCAT"), None);
        assert!(safety_tip("9.19").unwrap().contains("domain impersonation"));
        assert!(safety_tip("9.20").unwrap().contains("user impersonation"));
        assert_eq!(safety_tip("9.1"), None);
    }

    #[test]
    fn scl_decides_over_sfv_and_high_confidence_spam() {
        let v = read("X-Forefront-Antispam-Report", "SFV:NSPM;SCL:9;CAT:HPHSH").unwrap();
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.score, Some(9.0));
        assert_eq!(v.folder, Some(Folder::Junk));
        assert!(
            meaning(&v, "SCL")
                .unwrap()
                .starts_with("high confidence spam")
        );
        assert_eq!(meaning(&v, "CAT"), Some("high confidence phishing"));
        // SCL 2 to 4 is never written by spam filtering: no meaning.
        let v = read("X-Forefront-Antispam-Report", "SCL:3;SFV:SPM").unwrap();
        assert_eq!(meaning(&v, "SCL"), None);
        assert_eq!(v.spam, Some(true));
        assert_eq!(v.folder, None);
    }

    #[test]
    fn made_inside_microsoft() {
        let v = read(
            "X-Forefront-Antispam-Report",
            "CIP:255.255.255.255;CTRY:;LANG:en;SCL:-1;SRV:;IPV:NLI;SFV:SKI;H:mail.protection.example;PTR:;CAT:NONE;SFS:;DIR:OUT;",
        )
        .unwrap();
        assert_eq!(
            meaning(&v, "CIP"),
            Some("made inside Microsoft's service: no outside client connected")
        );
        assert_eq!(meaning(&v, "DIR"), Some("outbound"));
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.score, Some(-1.0));
    }

    #[test]
    fn older_generations() {
        let v = read(
            "X-Forefront-Antispam-Report",
            "CIP:198.51.100.2;KIP:(null);UIP:(null);IPV:NLI;H:out.example.org;RD:out.example.org;EFVD:NLI",
        )
        .unwrap();
        assert_eq!(
            meaning(&v, "RD"),
            Some("the reverse DNS name of the connecting IP (older form of PTR)")
        );
        assert_eq!(v.field("KIP").unwrap().raw, "(null)");
        assert_eq!(meaning(&v, "KIP"), None);
        assert_eq!(meaning(&v, "EFVD"), None);
        assert_eq!(v.spam, None);
        let v = read(
            "x-forefront-antispam-report",
            "SFV:NSPM;SFS:(10019020)(98900003);DIR:OUT;SFP:1102;SCL:1;SRVR:AB1PR01MB0001;H:AB1PR01MB0001.example.prod;FPR:;SPF:None;PTR:InfoNoRecords;MX:1;A:1;LANG:en;",
        )
        .unwrap();
        for key in ["SRVR", "FPR", "SPF", "PTR", "MX", "A"] {
            assert_eq!(meaning(&v, key), None, "{key}");
        }
        assert_eq!(v.field("SPF").unwrap().raw, "None");
        assert_eq!(v.spam, Some(false));
    }

    #[test]
    fn bulk_complaint_level() {
        let v = read(
            "X-Microsoft-Antispam",
            "UriScan:;BCL:8;PCL:0;RULEID:(22001)(2017031322404);SRVR:AB1PR01MB0001;",
        )
        .unwrap();
        assert_eq!(
            meaning(&v, "BCL"),
            Some("from a bulk sender that generates many complaints")
        );
        assert_eq!(meaning(&v, "PCL"), None);
        assert_eq!(v.field("RULEID").unwrap().raw, "(22001)(2017031322404)");
        assert_eq!(v.spam, None);
        assert_eq!(v.score, None);
        let v = read("X-Microsoft-Antispam", "BCL:0;").unwrap();
        assert_eq!(meaning(&v, "BCL"), Some("not from a bulk sender"));
        assert_eq!(
            bcl_meaning("5").unwrap(),
            "from a bulk sender that generates a mixed number of complaints"
        );
        assert_eq!(
            bcl_meaning("2").unwrap(),
            "from a bulk sender that generates few complaints"
        );
        assert_eq!(bcl_meaning("10"), None);
    }

    #[test]
    fn exchange_organisation_scl() {
        let v = read("X-MS-Exchange-Organization-SCL", " -1").unwrap();
        assert_eq!(v.score, Some(-1.0));
        assert_eq!(v.spam, Some(false));
        assert_eq!(v.folder, Some(Folder::Inbox));
        assert!(
            meaning(&v, "SCL")
                .unwrap()
                .starts_with("spam filtering skipped")
        );
        let v = read("X-MS-Exchange-Organization-SCL", "x").unwrap();
        assert_eq!(v.score, None);
        assert_eq!(v.field("SCL").unwrap().raw, "x");
    }

    #[test]
    fn mailbox_delivery_destination() {
        let v = read(
            "X-Microsoft-Antispam-Mailbox-Delivery",
            " ucf:0;jmr:0;auth:0;dest:J;ENG:(910001)(944506478)(944626604);",
        )
        .unwrap();
        assert_eq!(v.folder, Some(Folder::Junk));
        assert_eq!(
            meaning(&v, "dest"),
            Some("delivered to the Junk Email folder")
        );
        for key in ["ucf", "jmr", "auth", "ENG"] {
            assert_eq!(meaning(&v, key), None, "{key}");
        }
        assert_eq!(v.spam, None);
        let v = read(
            "X-Microsoft-Antispam-Mailbox-Delivery",
            "dest:I;OFR:SpamFilterAuthJ;",
        )
        .unwrap();
        assert_eq!(v.folder, Some(Folder::Inbox));
        assert_eq!(v.field("OFR").unwrap().raw, "SpamFilterAuthJ");
        assert_eq!(meaning(&v, "OFR"), None);
        let v = read(
            "X-Microsoft-Antispam-Mailbox-Delivery",
            "dest:C;OFR:CustomRules;",
        )
        .unwrap();
        assert_eq!(v.folder, Some(Folder::Custom("C".into())));
        let v = read("X-Microsoft-Antispam-Mailbox-Delivery", "dest:Q;").unwrap();
        assert_eq!(v.folder, None);
        assert_eq!(meaning(&v, "dest"), None);
    }

    #[test]
    fn other_headers_are_not_microsofts() {
        assert_eq!(read("X-Spam-Status", "Yes"), None);
        assert_eq!(read("X-Forefront-PRVS", "abc"), None);
    }
}
