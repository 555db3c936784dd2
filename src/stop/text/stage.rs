//! The SMTP stage at which the server answered: from a transcript
//! (`>>> RCPT TO`, `<<< 550 ...`), else from the earliest phrase that
//! names it ("in reply to RCPT TO command", "after MAIL FROM").

use crate::model::SmtpStage;
use crate::stop::phrases;
use crate::words::contains_ignore_case;

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
    })
}

fn transcript_stage(chunk: &str) -> Option<SmtpStage> {
    let (command, _) = transcript_refusals(chunk).next()?;
    match command {
        None => Some(SmtpStage::Connect),
        Some(cmd) => command_stage(cmd),
    }
}

/// The stage at which a transcript shows a command naming `address`
/// refused (`>>> RCPT To:<address>`, `<<< 550 ...`): for a report of
/// several recipients, whose one transcript follows them all.
pub(super) fn transcript_stage_for(text: &str, address: &str) -> Option<SmtpStage> {
    let address = address.to_ascii_lowercase();
    transcript_refusals(text)
        .filter_map(|(command, _)| command)
        .find(|cmd| contains_ignore_case(cmd, &address))
        .and_then(command_stage)
}

/// Each 4xx/5xx reply of an SMTP transcript (`>>>`/`<<<`, MDaemon's
/// `-->`/`<--`), with the command it answered (`None` before any: the
/// greeting).
fn transcript_refusals(text: &str) -> impl Iterator<Item = (Option<&str>, &str)> {
    let mut last_command: Option<&str> = None;
    text.lines().filter_map(move |line| {
        let t = line.trim_start();
        // MDaemon: ` Mon 2026-11-23 10:15:07.521: --> RCPT To:<bob@example.net>`.
        let t = match t.find(": --> ").or_else(|| t.find(": <-- ")) {
            Some(i) => &t[i + 2..],
            None => t,
        };
        if let Some(cmd) = t.strip_prefix(">>>").or_else(|| t.strip_prefix("--> ")) {
            last_command = Some(cmd.trim());
            None
        } else if let Some(reply) = t.strip_prefix("<<<").or_else(|| t.strip_prefix("<-- ")) {
            let reply = reply.trim_start();
            reply
                .starts_with(['4', '5'])
                .then_some((last_command, reply))
        } else {
            None
        }
    })
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
        assert_eq!(
            transcript_stage_for(text, "judy@example.net"),
            Some(SmtpStage::Rcpt)
        );
        assert_eq!(
            transcript_stage_for(text, "kim@example.net"),
            Some(SmtpStage::Rcpt)
        );
        assert_eq!(transcript_stage_for(text, "kurt@example.com"), None);
        assert_eq!(transcript_stage(text), Some(SmtpStage::Rcpt));
    }
}
