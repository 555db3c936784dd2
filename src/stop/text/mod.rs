//! Plain-text bounces: the human-readable words of Postfix, Exim,
//! Sendmail, qmail, Exchange / Office 365, Gmail, Yahoo, Courier, Lotus
//! Domino and generic "Mail delivery failed" notices.
//!
//! The text is read in steps, one module each:
//! 1. [`returned`]: cut off the returned copy of the message, keeping its
//!    header block for the hop chain;
//! 2. [`notice`]: whose layout the text has (the first of the named
//!    [`vendors`] whose phrases it contains, else generic failure words),
//!    and whether it says delayed;
//! 3. [`recipients`]: split the rest into one piece per recipient;
//! 4. in each piece, [`quoted_reply`] finds the SMTP reply (code, enhanced
//!    status, the server's words), [`stage`] the SMTP stage, [`remote`] the
//!    remote host and IP, and [`diagnostic`] the words when no reply is
//!    quoted. With a single recipient, what its piece lacks is taken from
//!    the whole text (Sendmail's transcript, Gmail's "The response was:");
//! 5. [`reporting_mta`]: who wrote the notice.
//!
//! What only one vendor's wording says (Exchange's `LastAttemptedIP=`,
//! qmail's `Giving up on 192.0.2.9.`) is read by that vendor's readers in
//! [`vendors`], which the steps try in the list's order.
//!
//! Every step is a plain scan over lines: no input can make it fail, panic
//! or take more than linear-ish time; the text read is capped.

pub mod diagnostic;
pub mod notice;
pub mod quoted_reply;
pub mod recipients;
pub mod remote;
pub mod reporting_mta;
pub mod returned;
pub mod stage;
pub mod vendors;

pub use notice::Layout;
pub use quoted_reply::reply_within;
pub use recipients::MAX_RECIPIENTS;
pub use remote::remote_named_in;
pub use stage::stage_of;

use diagnostic::{diagnostic_without_reply, explanation, introduced_diagnostic, short_notice};
use notice::{layout, says_delayed};
use quoted_reply::{bare_status, find_reply};
use recipients::{first_address, listed_names, segments};
use remote::remote;
use reporting_mta::reporting_mta;
use returned::returned_copy;
use stage::transcript_reply_for;

use crate::model::Recipient;
use crate::stop::merge::fill;
use crate::stop::reply;

/// The most bytes of bounce text read.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// What a bounce's text says.
#[derive(Debug, Clone, Default)]
pub struct TextReport {
    /// Whose layout the text has; `None` when it reads like no bounce at all.
    pub layout: Option<Layout>,
    /// Who wrote the bounce, when the text names it.
    pub reporting_mta: Option<String>,
    /// The text says delivery is only delayed and still being tried.
    pub delayed: bool,
    pub recipients: Vec<Recipient>,
    /// The header block of the returned message quoted in the text.
    pub quoted_headers: Option<String>,
}

/// Reads a bounce's human-readable text. `subject` helps to tell delays;
/// `known_recipients` (from `X-Failed-Recipients`) and `not_recipients`
/// (the bounce's own addressee, that is the original sender) help to find
/// the recipient when the text lists none.
pub fn read(
    text: &str,
    subject: Option<&str>,
    known_recipients: &[String],
    not_recipients: &[String],
) -> TextReport {
    let text = cap(text);
    let lines: Vec<&str> = text.lines().collect();
    let (cut, quoted_headers) = returned_copy(&lines);
    let human_lines = &lines[..cut];
    let human = human_lines.join("\n");
    let lower = human.to_lowercase();
    let subject_lower = subject.unwrap_or("").to_lowercase();

    let layout = layout(&lower, &subject_lower);
    let delayed = says_delayed(&lower, &subject_lower);

    let mut recipients: Vec<Recipient> = segments(human_lines)
        .into_iter()
        .map(|(address, chunk)| {
            let mut o = extract(&chunk, false);
            o.address = Some(address);
            o
        })
        .collect();
    let global = extract(&human, true);
    match recipients.as_mut_slice() {
        [] if global.has_details() || layout.is_some() => {
            let mut o = global;
            o.address = known_recipients
                .first()
                .cloned()
                .or_else(|| first_address(&human, not_recipients))
                .or_else(|| listed_names(human_lines).into_iter().next());
            if o.diagnostic.is_none() {
                o.diagnostic = short_notice(&human);
            }
            o.explanation = Some(explanation(&human));
            recipients.push(o);
        }
        [only] => {
            fill(only, &global);
            only.explanation = Some(explanation(&human));
        }
        several => {
            // One transcript after them all (Sendmail): each recipient's
            // reply is the one to the command that names it.
            for o in several.iter_mut() {
                let Some((stage, reply)) = o
                    .address
                    .as_deref()
                    .and_then(|a| transcript_reply_for(&human, a))
                else {
                    continue;
                };
                o.smtp_stage.get_or_insert(stage);
                if o.reply_code.is_none() && o.diagnostic.is_none() {
                    let r = reply::parse(&reply);
                    o.reply_code = r.code;
                    o.status = o.status.or(r.status);
                    o.diagnostic = Some(r.cleaned);
                }
                // The host the transcript was talking to.
                if o.remote_mta.is_none() && o.remote_ip.is_none() {
                    o.remote_mta.clone_from(&global.remote_mta);
                    o.remote_ip = global.remote_ip;
                }
            }
            // Recipients listed together above one reason (Gmail's
            // "Delivery to the following recipients failed permanently"):
            // the reason is each one's.
            if several.iter().all(|o| !o.has_details()) && global.has_details() {
                for o in several.iter_mut() {
                    fill(o, &global);
                }
            }
        }
    }
    TextReport {
        layout,
        reporting_mta: reporting_mta(&human),
        delayed,
        recipients,
        quoted_headers,
    }
}

/// At most [`MAX_TEXT_BYTES`] of `text`, cut at a character boundary.
fn cap(text: &str) -> &str {
    &text[..text.floor_char_boundary(MAX_TEXT_BYTES)]
}

/// Reply, stage, remote host and diagnostic from one piece of text; `whole`
/// for the whole bounce text rather than one recipient's piece.
fn extract(chunk: &str, whole: bool) -> Recipient {
    let lines: Vec<&str> = chunk.lines().collect();
    let found = find_reply(&lines);
    let mut recipient = Recipient::default();
    let outside: String = match &found {
        Some(f) => {
            recipient.reply_code = f.reply.code;
            recipient.status = f.reply.status;
            recipient.diagnostic = Some(f.reply.cleaned.clone());
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == f.line {
                        &l[..f.column]
                    } else if i > f.line && i <= f.last_line {
                        ""
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        None => chunk.to_string(),
    };
    if recipient.status.is_none() {
        recipient.status = bare_status(chunk);
    }
    if recipient.diagnostic.is_none() {
        recipient.diagnostic = if whole {
            introduced_diagnostic(&lines)
        } else {
            diagnostic_without_reply(&lines)
        };
    }
    recipient.smtp_stage = stage_of(chunk);
    let (mut host, mut ip) = remote(chunk, &outside);
    // A host's address right before its reply: SurfControl's
    // `bob@example.net: [192.0.2.9], 554 Service unavailable`.
    if (host.is_none() && ip.is_none())
        && let Some(f) = &found
    {
        (host, ip) = remote::bracketed_ip_at_end(&lines[f.line][..f.column]);
    }
    recipient.remote_mta = host;
    recipient.remote_ip = ip;
    recipient
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use super::*;
    use crate::model::SmtpStage;

    fn one(text: &str) -> Recipient {
        let r = read(text, None, &[], &[]);
        assert_eq!(r.recipients.len(), 1, "{:?}", r.recipients);
        r.recipients.into_iter().next().unwrap()
    }

    fn code(o: &Recipient) -> Option<u16> {
        o.reply_code.map(|c| c.value())
    }

    fn status(o: &Recipient) -> Option<String> {
        o.status.map(|s| s.to_string())
    }

    /// The reply code and the enhanced status.
    fn codes(o: &Recipient) -> (Option<u16>, Option<String>) {
        (code(o), status(o))
    }

    /// The remote host's name and IP.
    fn remote(o: &Recipient) -> (Option<&str>, Option<IpAddr>) {
        (o.remote_mta.as_deref(), o.remote_ip)
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn postfix_said_in_reply_to() {
        let o = one("This is the mail system at host mail.example.org.\n\n\
<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1\n    <bob@example.net>: Recipient address rejected: User unknown in virtual\n    mailbox table (in reply to RCPT TO command)\n");
        assert_eq!(o.address.as_deref(), Some("bob@example.net"));
        assert_eq!(code(&o), Some(550));
        assert_eq!(status(&o).as_deref(), Some("5.1.1"));
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(o.remote_ip, ip("192.0.2.9"));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some(
                "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table"
            )
        );
    }

    #[test]
    fn postfix_connect_failure_has_no_code() {
        let o = one(
            "<bob@example.com>: connect to mx.example.com[198.51.100.20]:25: Connection refused\n",
        );
        assert_eq!(code(&o), None);
        assert_eq!(o.smtp_stage, Some(SmtpStage::Connect));
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.com"));
        assert_eq!(o.remote_ip, ip("198.51.100.20"));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("connect to mx.example.com[198.51.100.20]:25: Connection refused")
        );
    }

    #[test]
    fn exim_new_and_old_layouts() {
        let o = one(
            "A message that you sent could not be delivered.\n\n  bob@example.net\n    host mx.example.net [192.0.2.9]\n    SMTP error from remote mail server after RCPT TO:<bob@example.net>:\n    550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n",
        );
        assert_eq!(codes(&o), (Some(550), Some("5.1.1".into())));
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(remote(&o), (Some("mx.example.net"), ip("192.0.2.9")));

        let o = one(
            "  bob@example.com\n    SMTP error from remote mail server after MAIL FROM:<alice@example.org> SIZE=31457280:\n    host mx.example.com [198.51.100.20]: 552 5.3.4 Message size exceeds fixed limit\n",
        );
        assert_eq!(codes(&o), (Some(552), Some("5.3.4".into())));
        assert_eq!(o.smtp_stage, Some(SmtpStage::Mail));
        assert_eq!(remote(&o), (Some("mx.example.com"), ip("198.51.100.20")));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("552 5.3.4 Message size exceeds fixed limit")
        );
    }

    #[test]
    fn sendmail_transcript() {
        let o = one(
            "   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>\n    (reason: 550 5.1.1 <bob@example.net>... User unknown)\n\n   ----- Transcript of session follows -----\n... while talking to mx.example.net.:\n>>> RCPT To:<bob@example.net>\n<<< 550 5.1.1 <bob@example.net>... User unknown\n550 5.1.1 bob@example.net... User unknown\n",
        );
        assert_eq!(codes(&o), (Some(550), Some("5.1.1".into())));
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(remote(&o), (Some("mx.example.net"), None));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>... User unknown")
        );
    }

    #[test]
    fn qmail_remote_is_an_ip() {
        let o = one(
            "Hi. This is the qmail-send program at mail.example.org.\n\n<bob@example.net>:\n192.0.2.9 does not like recipient.\nRemote host said: 550 5.1.1 <bob@example.net>: User unknown\nGiving up on 192.0.2.9.\n",
        );
        assert_eq!(codes(&o), (Some(550), Some("5.1.1".into())));
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(remote(&o), (None, ip("192.0.2.9")));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.1.1 <bob@example.net>: User unknown")
        );
    }

    #[test]
    fn qmail_bare_status() {
        let o = one(
            "<bob@nohost.example>:\nSorry, I couldn't find any host named nohost.example. (#5.1.2)\n",
        );
        assert_eq!(codes(&o), (None, Some("5.1.2".into())));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("Sorry, I couldn't find any host named nohost.example. (#5.1.2)")
        );
        assert_eq!(remote(&o), (None, None));
    }

    #[test]
    fn exchange_remote_server_returned() {
        let o = one(
            "Delivery has failed to these recipients or groups:\n\nbob@example.net\nThe e-mail address you entered couldn't be found.\n\nDiagnostic information for administrators:\n\nGenerating server: mail.example.org\n\nbob@example.net\nRemote Server returned '550 5.7.26 Unauthenticated email is not accepted'\n",
        );
        assert_eq!(codes(&o), (Some(550), Some("5.7.26".into())));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.7.26 Unauthenticated email is not accepted")
        );
        assert_eq!(o.smtp_stage, None);
        let r = read(
            "Generating server: mail.example.org\n\nbob@example.net\nmx.example.net #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n",
            None,
            &[],
            &[],
        );
        assert_eq!(r.reporting_mta.as_deref(), Some("mail.example.org"));
        let o = &r.recipients[0];
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.net"));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")
        );
    }

    #[test]
    fn gmail_response_was() {
        let o = one(
            "** Address not found **\n\nYour message wasn't delivered to bob@example.net because the address couldn't be found.\n\nThe response from the remote server was:\n550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n",
        );
        assert_eq!(o.address.as_deref(), Some("bob@example.net"));
        assert_eq!(codes(&o), (Some(550), Some("5.1.1".into())));
    }

    #[test]
    fn multi_line_reply_lines_are_joined() {
        let o = one(
            "The response was:\n\n550-5.7.26 This mail is unauthenticated.\n550-5.7.26 To protect our users from spam, mail sent\n550 5.7.26 must pass SPF or DKIM.\n",
        );
        assert_eq!(
            o.diagnostic.as_deref(),
            Some(
                "550 5.7.26 This mail is unauthenticated. To protect our users from spam, mail sent must pass SPF or DKIM."
            )
        );
    }

    #[test]
    fn yahoo_and_courier_stages() {
        let o = one(
            "<bob@example.net>:\nRemote host said: 554 5.7.9 Message not accepted for policy reasons [BODY]\n",
        );
        assert_eq!(o.smtp_stage, Some(SmtpStage::EndOfData));
        let o = one(
            "<bob@example.net>:\n    mx.example.net [192.0.2.9]:\n>>> RCPT TO:<bob@example.net>\n<<< 552 5.2.2 <bob@example.net>: Mailbox full\n",
        );
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(remote(&o), (Some("mx.example.net"), ip("192.0.2.9")));
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("552 5.2.2 <bob@example.net>: Mailbox full")
        );
    }

    #[test]
    fn the_senders_ip_in_a_reply_is_not_the_remote() {
        let o = one(
            "<bob@example.com>: host mx.example.com[198.51.100.20] said: 554 5.7.1\n    Service unavailable; Client host [203.0.113.5] blocked using\n    zen.spamhaus.example (in reply to RCPT TO command)\n",
        );
        assert_eq!(o.remote_ip, ip("198.51.100.20"));
        let o = one("Mail delivery failed.\nReason: 554 5.7.1 Client host [203.0.113.5] blocked\n");
        assert_eq!(o.remote_ip, None);
    }

    #[test]
    fn several_recipients_keep_their_own_details() {
        let r = read(
            "<bob@example.net>: host mx.example.net[192.0.2.9] said: 550 5.1.1 User\n    unknown (in reply to RCPT TO command)\n\n<carol@example.com>: host mx.example.com[198.51.100.20] said: 452 4.2.2\n    Mailbox full (in reply to RCPT TO command)\n",
            None,
            &[],
            &[],
        );
        let got: Vec<_> = r
            .recipients
            .iter()
            .map(|o| (o.address.clone().unwrap(), code(o), o.remote_ip))
            .collect();
        assert_eq!(
            got,
            [
                ("bob@example.net".to_string(), Some(550), ip("192.0.2.9")),
                (
                    "carol@example.com".to_string(),
                    Some(452),
                    ip("198.51.100.20")
                ),
            ]
        );
    }

    #[test]
    fn returned_copy_is_cut_and_its_headers_kept() {
        let text = "Something failed: 550 5.1.1 no\n\n------ This is a copy of the message, including all the headers. ------\n\nReturn-path: <alice@example.org>\nReceived: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: hi\n\nbody 554 5.7.1 spam\n";
        let r = read(text, None, &[], &[]);
        assert_eq!(
            r.quoted_headers.as_deref(),
            Some(
                "Return-path: <alice@example.org>\nReceived: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: hi"
            )
        );
        assert_eq!(r.recipients[0].reply_code.map(|c| c.value()), Some(550));
    }

    #[test]
    fn delays_are_told_from_failures() {
        assert!(
            read(
                "This is a warning only. 451 4.7.1 try later",
                None,
                &[],
                &[]
            )
            .delayed
        );
        assert!(read("x", Some("Delayed Mail (still being retried)"), &[], &[]).delayed);
        assert!(!read("This is a permanent error; I've given up.", None, &[], &[]).delayed);
    }

    #[test]
    fn plain_letters_are_no_bounce() {
        let r = read(
            "Hi Bob,\n\nI am out of the office until Monday.\n\nAlice\n",
            Some("Out of Office: Lunch"),
            &[],
            &[],
        );
        assert_eq!(r.layout, None);
        assert!(r.recipients.is_empty());
    }

    #[test]
    fn recipient_from_text_skips_the_sender() {
        let r = read(
            "Your message to bob@example.net could not be delivered.\nReason: 550 5.1.1 unknown",
            None,
            &[],
            &["alice@example.org".to_string()],
        );
        assert_eq!(r.recipients[0].address.as_deref(), Some("bob@example.net"));
    }

    #[test]
    fn exchange_2003_names_the_reporting_server_not_the_remote() {
        let o = one(
            "      bob@example.com on 23/11/2026 10:15\n            You do not have permission to send to this recipient.\n            <mail.example.org #5.7.1 smtp;550 5.7.1 Unable to relay for bob@example.com>\n",
        );
        assert_eq!(codes(&o), (Some(550), Some("5.7.1".into())));
        assert_eq!(o.remote_mta, None);
        assert_eq!(
            o.diagnostic.as_deref(),
            Some("550 5.7.1 Unable to relay for bob@example.com")
        );
    }

    #[test]
    fn held_out_layouts_name_stage_and_remote() {
        // MDaemon: timestamped `-->`/`<--` transcript and the MX lookup.
        let o = one(
            "The attached message had PERMANENT fatal delivery errors!\n\n--- Session Transcript ---\n Mon 2026-11-23 10:15:07.230: Attempting SMTP connection to [example.net]\n Mon 2026-11-23 10:15:07.250: *  P=010 D=example.net TTL=(300) MX=[mx.example.net] {192.0.2.9}\n Mon 2026-11-23 10:15:07.251: Attempting SMTP connection to [192.0.2.9:25]\n Mon 2026-11-23 10:15:07.420: <-- 220 mx.example.net ESMTP\n Mon 2026-11-23 10:15:07.521: --> RCPT To:<bob@example.net>\n Mon 2026-11-23 10:15:07.580: <-- 550 5.1.1 <bob@example.net>: User unknown\n--- End Transcript ---\n",
        );
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(remote(&o), (Some("mx.example.net"), ip("192.0.2.9")));
        // hMailServer.
        let o = one(
            "The following recipient(s) could not be reached:\n\nbob@example.net\n   Error Type: SMTP\n   Remote server (192.0.2.77) issued an error.\n   hMailServer sent: RCPT TO:<bob@example.net>\n   Remote server replied: 554 5.7.1 <bob@example.net>: Relay access denied\n",
        );
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(o.remote_ip, ip("192.0.2.77"));
        // GMX / web.de.
        let o = one(
            "bob@example.net:\nSMTP error from remote server for RCPT TO command, host: mx.example.net (192.0.2.9) reason: 552 5.2.2 Mailbox full\n",
        );
        assert_eq!(o.smtp_stage, Some(SmtpStage::Rcpt));
        assert_eq!(remote(&o), (Some("mx.example.net"), ip("192.0.2.9")));
        assert_eq!(code(&o), Some(552));
        // Lotus Domino.
        let o = one(
            "was not delivered to:\n\n  bob@example.net\n\nbecause:\n\n  Error transferring to mx.example.net; SMTP Protocol Returned a Permanent Error 552 5.2.2 Mailbox quota exceeded\n",
        );
        assert_eq!(o.remote_mta.as_deref(), Some("mx.example.net"));
        // Exim with pipelining.
        let o = one(
            "  bob@example.com\n    host mx.example.com [198.51.100.27]\n    SMTP error from remote mail server after pipelined end of data:\n    550 5.7.25 PTR record missing\n",
        );
        assert_eq!(o.smtp_stage, Some(SmtpStage::EndOfData));
    }

    #[test]
    fn sample_bounces_are_never_taken_for_another_vendor_s() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        let entries = ["samples/bounces", "tests/heldout/bounces"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap());
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "eml") {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
            let family = name
                .trim_start_matches("heldout-")
                .split('-')
                .next()
                .unwrap();
            let Some(vendor) = vendors::VENDORS
                .iter()
                .find(|v| v.name.to_lowercase() == family)
            else {
                continue;
            };
            let bytes = std::fs::read(&path).unwrap();
            // A notice pasted without its headers is all text.
            let (human, subject) = match crate::message::parse(&bytes) {
                Some(parsed) => (
                    crate::stop::parts::split(&bytes).human_text,
                    parsed.summary.subject,
                ),
                None => (String::from_utf8_lossy(&bytes).into_owned(), None),
            };
            let r = read(&human, subject.as_deref(), &[], &[]);
            let ok = [Some(Layout::Vendor(vendor.name)), Some(Layout::Generic)];
            assert!(ok.contains(&r.layout), "{name}: {:?}", r.layout);
            checked += 1;
        }
        assert!(checked >= 50, "only {checked} samples");
    }
}
