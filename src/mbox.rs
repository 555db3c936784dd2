//! Reading mbox files one message at a time.
//!
//! An mbox is messages back to back, each after a `From sender date` line.
//! Body lines that began with `From ` were escaped as `>From ` (mboxo) or
//! every `>*From ` got one more `>` (mboxrd); one `>` is removed again here
//! (the mboxrd rule, which also reads mboxo correctly for `>From `). A
//! `From ` line starts the next message only after a blank line and only
//! when it carries a date ([`is_from_line`]; words after the date are
//! fine) or, with a sender alone, when a header field follows it, so an
//! unescaped body line such as `From time to time` stays in its message. The file is streamed: memory holds one message, never the
//! whole file.

use std::io::{self, BufRead};

use crate::input::MAX_INPUT_BYTES;

/// One message of an mbox: its bytes, or a notice that it was too large.
#[derive(Debug)]
pub enum MboxMessage {
    Message(Vec<u8>),
    /// The message was larger than [`MAX_INPUT_BYTES`] and was skipped.
    TooLarge {
        size: u64,
    },
}

/// Iterates over the messages of an mbox stream.
pub struct MboxReader<R> {
    reader: R,
    line: Vec<u8>,
    /// The `From ` line that starts the next message has been read.
    at_separator: bool,
    done: bool,
}

impl<R: BufRead> MboxReader<R> {
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            line: Vec::new(),
            at_separator: false,
            done: false,
        }
    }

    /// Whether the next line, already buffered, is a header field
    /// (`Name: value`). Unknown (not buffered, or a read error) is no.
    fn header_follows(&mut self) -> bool {
        let Ok(ahead) = self.reader.fill_buf() else {
            return false;
        };
        let line = ahead.split(|&b| b == b'\n').next().unwrap_or_default();
        let name_len = line
            .iter()
            .take_while(|&&b| b.is_ascii_graphic() && b != b':')
            .count();
        name_len > 0 && line.get(name_len) == Some(&b':')
    }

    fn read_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        Ok(self.reader.read_until(b'\n', &mut self.line)? > 0)
    }
}

/// How a separator line starts (`From ` but not a `From:` header).
pub const SEPARATOR_START: &[u8] = b"From ";

/// True for the first line of an mbox.
pub fn is_separator(line: &[u8]) -> bool {
    line.starts_with(SEPARATOR_START)
}

/// A `From ` line that starts another message: `From sender date`, the
/// date as `asctime` writes it (`Sun Aug  7 11:40:37 2022`: a month name
/// and a time among the words after the sender). Words after the date (a
/// zone, `remote from host`, anything) are accepted. Netscape and
/// Thunderbird write `From - ` with the date or with nothing after it: the
/// `-` sender marks their separators. A body line such as `From time to
/// time` that an mboxo writer left unescaped is not one.
pub fn is_from_line(line: &[u8]) -> bool {
    const MONTHS: [&[u8]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let Some(rest) = line.strip_prefix(SEPARATOR_START) else {
        return false;
    };
    let mut words = rest
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty());
    match words.next() {
        None => return false,
        Some(b"-") => return true,
        Some(_) => {}
    }
    let (mut month, mut time) = (false, false);
    for w in words.take(8) {
        month |= w.len() == 3 && MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m));
        time |= is_clock_time(w);
    }
    month && time
}

/// A `From ` line with a sender and no date (`From 1844@xxx`, as some
/// exports write it): a separator only when a header field follows.
fn is_dateless_from_line(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(SEPARATOR_START) else {
        return false;
    };
    let mut words = rest
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty());
    matches!((words.next(), words.next()), (Some(sender), None) if sender.contains(&b'@'))
}

/// `h:mm` or `hh:mm:ss`.
fn is_clock_time(w: &[u8]) -> bool {
    let parts: Vec<&[u8]> = w.split(|&b| b == b':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().enumerate().all(|(i, p)| {
            (if i == 0 { 1..=2 } else { 2..=2 }).contains(&p.len())
                && p.iter().all(u8::is_ascii_digit)
        })
}

/// `>From `, `>>From `...: an escaped body line.
fn unescape(line: &[u8]) -> &[u8] {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    if quotes > 0 && line[quotes..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = io::Result<MboxMessage>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        // Skip to the first separator (text before it is not a message).
        while !self.at_separator {
            match self.read_line() {
                Ok(true) if is_separator(&self.line) => self.at_separator = true,
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return Some(Err(e)),
            }
        }
        let mut message = crate::input::spare_buffer(0);
        let mut size: u64 = 0;
        let mut previous_blank = true;
        loop {
            match self.read_line() {
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Ok(true) => {}
                Err(e) => return Some(Err(e)),
            }
            // A separator counts only after a blank line (or the previous
            // separator), and only with a date, so a stray unescaped `From `
            // in a body stays body.
            if previous_blank
                && (is_from_line(&self.line)
                    || (is_dateless_from_line(&self.line) && self.header_follows()))
            {
                break;
            }
            previous_blank = self.line.iter().all(|b| b.is_ascii_whitespace());
            size += self.line.len() as u64;
            if size <= MAX_INPUT_BYTES {
                message.extend_from_slice(unescape(&self.line));
            } else {
                message = Vec::new();
            }
        }
        self.at_separator = !self.done;
        // The blank line before the next separator belongs to the format.
        if message.ends_with(b"\n\n") {
            message.pop();
        } else if message.ends_with(b"\r\n\r\n") {
            message.truncate(message.len() - 2);
        }
        Some(Ok(if size > MAX_INPUT_BYTES {
            MboxMessage::TooLarge { size }
        } else {
            MboxMessage::Message(message)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(mbox: &str) -> Vec<String> {
        MboxReader::new(mbox.as_bytes())
            .map(|m| match m.unwrap() {
                MboxMessage::Message(b) => String::from_utf8(b).unwrap(),
                MboxMessage::TooLarge { .. } => panic!("not too large"),
            })
            .collect()
    }

    #[test]
    fn splits_on_from_lines_after_blank_lines() {
        let mbox = "From a@example.org Mon Nov 23 10:00:00 2026\nSubject: one\n\nbody\nFrom here on, a body line\n\nFrom b@example.org Mon Nov 23 10:01:00 2026\nSubject: two\n\n>From the escaped line\n>>From twice\n";
        assert_eq!(
            messages(mbox),
            vec![
                "Subject: one\n\nbody\nFrom here on, a body line\n",
                "Subject: two\n\nFrom the escaped line\n>From twice\n",
            ]
        );
    }

    /// Words after the date are accepted; an unescaped body line that
    /// starts with `From ` after a blank line is not a separator.
    #[test]
    fn from_lines_need_a_date_and_may_carry_more_words() {
        let mbox = "From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info\nFrom: a@example.org\nSubject: unquoted From in body\n\nHello\n\nFrom time to time\n\nFrom b@example.org Mon Nov 23 10:01:00 2026 +0000 remote from example.org\nSubject: two\n\nbody\n";
        assert_eq!(
            messages(mbox),
            vec![
                "From: a@example.org\nSubject: unquoted From in body\n\nHello\n\nFrom time to time\n",
                "Subject: two\n\nbody\n",
            ]
        );
        assert!(is_from_line(b"From - Mon Jan  1 00:00 2024"));
        assert!(!is_from_line(b"From time to time"));
        // Netscape / Thunderbird separators, with or without a date.
        assert!(is_from_line(b"From - Mon Jun  3 12:50:27 1996"));
        assert!(is_from_line(b"From - "));
        assert!(!is_from_line(b"From here on, a body line"));
    }

    /// An export that writes the sender alone: the line separates when a
    /// header follows it, and stays body text when prose follows.
    #[test]
    fn dateless_from_lines_separate_before_headers_only() {
        let mbox = "From 1001@xxx\nSubject: one\n\nbody\n\nFrom bob@example.org\nsaid hello\n\nFrom 1002@xxx\nSubject: two\n\nbody\n";
        assert_eq!(
            messages(mbox),
            vec![
                "Subject: one\n\nbody\n\nFrom bob@example.org\nsaid hello\n",
                "Subject: two\n\nbody\n",
            ]
        );
    }

    #[test]
    fn empty_and_separator_only_inputs() {
        assert!(messages("").is_empty());
        assert_eq!(messages("From x Mon Nov 23 10:00:00 2026\n"), vec![""]);
    }
}
