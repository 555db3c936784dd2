//! E-mail addresses found in header values (`Alice <alice@example.org>,
//! bob@example.net`) and in the free text of notices: the one place that
//! decides what looks like an address.

/// Characters that never belong to an address as mail software writes it
/// in text: white space and the delimiters around or between addresses.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '"' | '\''
        )
}

/// Every word of `text` shaped like `local@domain`, in order: split at
/// white space and delimiters, with a sentence's full stop dropped.
pub fn addresses_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_delimiter)
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| {
            w.split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        })
}

/// A full address in text: a local part, and a domain with a dot (so not
/// `user@localhost`, nor a message-id fragment), with nothing else around.
pub fn is_address(word: &str) -> bool {
    let Some((local, domain)) = word.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !word.contains(is_delimiter)
}

/// The first address of an address list such as a To: header, the one in
/// angle brackets when a display name comes with it, lowercase.
pub fn first_in_list(value: &str) -> Option<String> {
    let first = value.split(',').find(|part| part.contains('@'))?;
    let inner = match (first.find('<'), first.rfind('>')) {
        (Some(open), Some(close)) if open < close => &first[open + 1..close],
        _ => first,
    };
    let address = inner.trim().trim_matches(|c| c == '<' || c == '>');
    let (local, domain) = address.rsplit_once('@')?;
    (!local.is_empty() && !domain.is_empty() && !address.contains(char::is_whitespace))
        .then(|| address.to_ascii_lowercase())
}

/// Whether an address belongs to a mail system rather than a person
/// (`MAILER-DAEMON@`, `postmaster@`): the writer of a notice, never its
/// failed recipient.
pub fn is_daemon(address: &str) -> bool {
    let local = address.rsplit_once('@').map_or(address, |(l, _)| l);
    local.eq_ignore_ascii_case("mailer-daemon") || local.eq_ignore_ascii_case("postmaster")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_lists_and_sentences() {
        let found: Vec<&str> =
            addresses_in("Alice <alice@example.org>, bob@example.net; mailto:carol@example.com.")
                .collect();
        assert_eq!(
            found,
            ["alice@example.org", "bob@example.net", "carol@example.com"]
        );
        assert_eq!(addresses_in("no address @ all, a@").count(), 0);
        assert_eq!(
            addresses_in("root@localhost").collect::<Vec<_>>(),
            ["root@localhost"]
        );
    }

    #[test]
    fn full_addresses() {
        assert!(is_address("bob@example.net"));
        assert!(!is_address("root@localhost"));
        assert!(!is_address("<bob@example.net>"));
        assert!(!is_address("@example.net"));
        assert!(!is_address("bob@example."));
    }

    #[test]
    fn first_of_a_list_prefers_the_bracketed_address() {
        assert_eq!(
            first_in_list("\"Bob\" <Bob@Example.NET>, carol@example.com"),
            Some("bob@example.net".into())
        );
        assert_eq!(first_in_list("undisclosed-recipients:;"), None);
    }

    #[test]
    fn addresses_from_header_values() {
        assert_eq!(
            first_in_list("Bob <Bob@Example.NET>, carol@example.net").as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(
            first_in_list("bob@example.net").as_deref(),
            Some("bob@example.net")
        );
        assert_eq!(
            first_in_list("undisclosed-recipients:;, <x@example.org>").as_deref(),
            Some("x@example.org")
        );
        assert_eq!(first_in_list("Bob"), None);
        assert_eq!(first_in_list("@example.net"), None);
    }

    #[test]
    fn daemons() {
        assert!(is_daemon("MAILER-DAEMON@example.org"));
        assert!(is_daemon("postmaster@example.org"));
        assert!(!is_daemon("alice@example.org"));
    }
}
