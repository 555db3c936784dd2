//! Who wrote the notice, when its text names it ("This is the mail system
//! at host mail.example.org", "Generating server: ..."), or a vendor names
//! it its own way.

use super::vendors;
use crate::host;
use crate::stop::phrases;

/// Who wrote the bounce, when the text says.
pub(super) fn reporting_mta(human: &str) -> Option<String> {
    let lower = human.to_ascii_lowercase();
    phrases::all(|p| p.reporter_keys)
        .find_map(|key| {
            let pos = lower.find(key)?;
            let rest = human.get(pos + key.len()..)?;
            let word = rest.split(|c: char| c.is_whitespace() || c == ',').next()?;
            host::clean(word.trim_end_matches(['.', ':'])).filter(|h| h.contains('.'))
        })
        .or_else(|| vendors::reporting_mta(human))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_mta_phrases() {
        assert_eq!(
            reporting_mta("This is the mail system at host mail.example.org.\n"),
            Some("mail.example.org".into())
        );
        assert_eq!(
            reporting_mta("Hi. This is the qmail-send program at mail.example.org.\n"),
            Some("mail.example.org".into())
        );
        assert_eq!(
            reporting_mta(
                "This is a delivery status notification from mail.example.org,\nrunning the Courier mail server"
            ),
            Some("mail.example.org".into())
        );
        assert_eq!(reporting_mta("nothing here"), None);
    }

    #[test]
    fn exchange_2003_names_the_reporting_server() {
        assert_eq!(
            reporting_mta("            <mail.example.org #5.7.1 smtp;550 5.7.1 Unable to relay>"),
            Some("mail.example.org".into())
        );
    }
}
