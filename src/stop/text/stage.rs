//! The SMTP stage at which the server answered: from a transcript
//! (`>>> RCPT TO`, `<<< 550 ...`), else from the earliest phrase that
//! names it ("in reply to RCPT TO command", "after MAIL FROM").

use crate::model::SmtpStage;
use crate::stop::phrases;
use crate::words::{contains_ignore_case, strip_prefix_ignore_case};

/// The SMTP stage: from a transcript (`>>> RCPT TO` before the first
/// `<<< 5xx`), else the earliest stage phrase.
pub fn stage_of(chunk: &str) -> Option<SmtpStage> {
    transcript_stage(chunk).or_else(|| {
        // Wrapped text: "(in reply to\n    RCPT TO command)".
        let lower = crate::words::collapse_whitespace(chunk).to_lowercase();
        phrases::all(|p| p.stages)
            .filter_map(|(p, s)| lower.find(p).map(|pos| (pos, *s)))
            .min_by_key(|(pos, _)| *pos)
            .map(|(_, s)| s)
            .or_else(|| echoed_command(&lower))
    })
}

/// A reply that repeats the command it answers: `550 RCPT TO:<bob@example.net>
/// max message size exceeded`.
fn echoed_command(lower: &str) -> Option<SmtpStage> {
    let words: Vec<&str> = lower.split(' ').collect();
    words.windows(3).find_map(|w| {
        let code = w[0].len() == 3
            && w[0].starts_with(['4', '5'])
            && w[0].bytes().all(|b| b.is_ascii_digit());
        let command = match (w[1], w[2]) {
            ("rcpt", to) if to.starts_with("to:") => SmtpStage::Rcpt,
            ("mail", from) if from.starts_with("from:") => SmtpStage::Mail,
            _ => return None,
        };
        code.then_some(command)
    })
}

fn transcript_stage(chunk: &str) -> Option<SmtpStage> {
    let exchanges = last_session(chunk);
    let first = exchanges.iter().position(|e| e.refused())?;
    exchange_stage(&exchanges, first)
}

/// The stage and the server's reply (its lines joined) to the command of
/// a transcript that names `address` (`>>> RCPT To:<address>`, `<<< 550
/// ...`): for a report of several recipients, whose one transcript
/// follows them all.
pub(super) fn transcript_reply_for(text: &str, address: &str) -> Option<(SmtpStage, String)> {
    let address = address.to_ascii_lowercase();
    let exchanges = transcript(text);
    let at = exchanges.iter().position(|e| {
        e.refused() && e.command.is_some_and(|c| contains_ignore_case(c, &address))
    })?;
    Some((exchange_stage(&exchanges, at)?, exchanges[at].reply.clone()))
}

/// One command of an SMTP transcript and the server's reply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Exchange<'a> {
    /// `None` before any command: the greeting.
    command: Option<&'a str>,
    /// The reply, its lines (`550-...`, `550 ...`) joined.
    reply: String,
}

impl Exchange<'_> {
    fn refused(&self) -> bool {
        self.reply.starts_with(['4', '5'])
    }
}

/// The stage of the refusal `at`. A client that pipelines sends RCPT TO
/// and DATA together (RFC 2920): when the reply to DATA is followed by a
/// 503 ("need RCPT first") for DATA itself, the refusal before it
/// answered the RCPT TO sent in the same batch, which Sendmail's
/// transcript does not echo.
fn exchange_stage(exchanges: &[Exchange<'_>], at: usize) -> Option<SmtpStage> {
    let e = &exchanges[at];
    let Some(command) = e.command else {
        return Some(SmtpStage::Connect);
    };
    let stage = command_stage(command)?;
    let answered_for_rcpt = stage == SmtpStage::Data
        && !no_valid_recipients(&e.reply)
        && exchanges[at + 1..]
            .iter()
            .any(|later| later.command == e.command && no_valid_recipients(&later.reply));
    Some(if answered_for_rcpt {
        SmtpStage::Rcpt
    } else {
        stage
    })
}

/// A server's answer to DATA when every RCPT TO was refused (RFC 5321
/// §3.3): 503 "command out of sequence", or 554 "no valid recipients".
fn no_valid_recipients(reply: &str) -> bool {
    let lower = reply.to_ascii_lowercase();
    lower.starts_with("503")
        || lower.contains("5.5.1")
        || lower.contains("no valid recipients")
        || lower.contains("need rcpt")
}

/// The exchanges of the last session of a transcript: Sendmail writes one
/// block per host it tried (`... while talking to mx.example.net.:`), and
/// the last is the one whose refusal the report quotes.
fn last_session(text: &str) -> Vec<Exchange<'_>> {
    let start = text
        .to_ascii_lowercase()
        .rfind("while talking to ")
        .unwrap_or(0);
    transcript(&text[start..])
}

/// The exchanges of an SMTP transcript (`>>>`/`<<<`, MDaemon's
/// `-->`/`<--`, `send:`/`recv:`), in order; each reply's lines joined.
fn transcript(text: &str) -> Vec<Exchange<'_>> {
    let mut out: Vec<Exchange<'_>> = Vec::new();
    let mut last_command: Option<&str> = None;
    let mut open = false;
    for line in text.lines() {
        let t = line.trim_start();
        // MDaemon: ` Mon 2026-11-23 10:15:07.521: --> RCPT To:<bob@example.net>`.
        let t = match t.find(": --> ").or_else(|| t.find(": <-- ")) {
            Some(i) => &t[i + 2..],
            None => t,
        };
        let command = t
            .strip_prefix(">>>")
            .or_else(|| t.strip_prefix("--> "))
            .or_else(|| strip_prefix_ignore_case(t, "send:"));
        let answer = t
            .strip_prefix("<<<")
            .or_else(|| t.strip_prefix("<-- "))
            .or_else(|| strip_prefix_ignore_case(t, "recv:"));
        if let Some(cmd) = command {
            last_command = Some(cmd.trim());
            open = false;
        } else if let Some(reply) = answer {
            let reply = reply.trim();
            match out.last_mut() {
                // `550-first line` then `550 last line`.
                Some(e) if open && e.command == last_command => {
                    e.reply.push(' ');
                    e.reply.push_str(reply);
                }
                _ => out.push(Exchange {
                    command: last_command,
                    reply: reply.to_string(),
                }),
            }
            open = reply.get(3..4) == Some("-");
        }
    }
    out
}

fn command_stage(cmd: &str) -> Option<SmtpStage> {
    let upper = cmd.to_ascii_uppercase();
    let stage = if upper.starts_with("RCPT") {
        SmtpStage::Rcpt
    } else if upper.starts_with("MAIL") {
        SmtpStage::Mail
    } else if upper.starts_with("DATA") {
        SmtpStage::Data
    } else if upper.starts_with('.') || upper.contains("END OF DATA") || upper.starts_with("BDAT") {
        SmtpStage::EndOfData
    } else if upper.starts_with("EHLO")
        || upper.starts_with("HELO")
        || upper.starts_with("STARTTLS")
    {
        SmtpStage::Helo
    } else {
        return None;
    };
    Some(stage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_without_command_is_the_greeting() {
        assert_eq!(
            transcript_stage("<<< 554 go away\n"),
            Some(SmtpStage::Connect)
        );
        assert_eq!(
            transcript_stage(">>> DATA\n<<< 354 go\n>>> .\n<<< 554 spam\n"),
            Some(SmtpStage::EndOfData)
        );
        assert_eq!(
            transcript_stage(">>> MAIL From:<a@b.example>\n<<< 553 no\n"),
            Some(SmtpStage::Mail)
        );
        assert_eq!(
            transcript_stage(">>> EHLO x\n<<< 550 bad helo\n"),
            Some(SmtpStage::Helo)
        );
        assert_eq!(transcript_stage(">>> NOOP\n<<< 550 x\n"), None);
    }

    #[test]
    fn a_pipelined_refusal_answers_rcpt_to() {
        // Sendmail pipelines RCPT TO and DATA, and echoes only DATA.
        let text = "... while talking to mx.example.net.:\n>>> DATA\n<<< 550 5.1.1 <bob@example.net>... User unknown\n550 5.1.1 <bob@example.net>... User unknown\n<<< 503 5.5.1 need RCPT first\n";
        assert_eq!(transcript_stage(text), Some(SmtpStage::Rcpt));
        // Without the 503, a refusal of DATA is a refusal of DATA.
        assert_eq!(
            transcript_stage(">>> DATA\n<<< 554 5.7.1 no\n"),
            Some(SmtpStage::Data)
        );
    }

    #[test]
    fn other_transcripts_and_echoed_commands() {
        assert_eq!(
            stage_of(
                "<bob@example.net>\n   send: RCPT TO:<bob@example.net>\n   recv: 550 no mailbox bob\n"
            ),
            Some(SmtpStage::Rcpt)
        );
        assert_eq!(
            stage_of("550 RCPT TO:<bob@example.net> max message size exceeded"),
            Some(SmtpStage::Rcpt)
        );
        assert_eq!(stage_of("550 5.1.1 user unknown"), None);
        // Postfix answers DATA "no valid recipients" after refusing them all.
        let text = ">>> DATA\n<<< 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown\n<<< 554 5.5.1 Error: no valid recipients\n";
        assert_eq!(transcript_stage(text), Some(SmtpStage::Rcpt));
    }

    #[test]
    fn the_last_host_tried_gives_the_stage() {
        let text = "... while talking to mx1.example.net.:\n<<< 421 mx1.example.net busy, come back later\n... while talking to mx2.example.net.:\n>>> DATA\n<<< 550 5.1.1 unknown here\n<<< 503 5.5.1 need RCPT first\n";
        assert_eq!(transcript_stage(text), Some(SmtpStage::Rcpt));
    }

    #[test]
    fn gmail_connect_wording() {
        assert_eq!(
            stage_of(
                "The recipient server did not accept our requests to connect. [mx.example.net. 192.0.2.9: timed out]"
            ),
            Some(SmtpStage::Connect)
        );
    }

    #[test]
    fn one_transcript_after_several_recipients_gives_each_its_stage() {
        let text = "... while talking to mx.example.net.:\n>>> MAIL From:<a@example.org>\n<<< 250 OK\n>>> RCPT To:<Judy@example.net>\n<<< 550 5.1.1 User unknown\n>>> RCPT To:<kim@example.net>\n<<< 452 4.2.2 Over quota\n";
        let stage_for = |a| transcript_reply_for(text, a).map(|(s, _)| s);
        assert_eq!(stage_for("judy@example.net"), Some(SmtpStage::Rcpt));
        assert_eq!(stage_for("kim@example.net"), Some(SmtpStage::Rcpt));
        assert_eq!(stage_for("kurt@example.com"), None);
        assert_eq!(transcript_stage(text), Some(SmtpStage::Rcpt));
        assert_eq!(
            transcript_reply_for(text, "kim@example.net").map(|(_, r)| r),
            Some("452 4.2.2 Over quota".to_string())
        );
        let multi =
            ">>> RCPT To:<kim@example.net>\n<<< 550-5.2.1 The account is\n<<< 550 5.2.1 disabled\n";
        assert_eq!(
            transcript_reply_for(multi, "kim@example.net").map(|(_, r)| r),
            Some("550-5.2.1 The account is 550 5.2.1 disabled".to_string())
        );
    }
}
