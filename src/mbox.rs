//! Reading mbox files one message at a time.
//!
//! An mbox is messages back to back, each after a `From sender date` line.
//! Body lines that began with `From ` were escaped as `>From ` (mboxo) or
//! every `>*From ` got one more `>` (mboxrd); one `>` is removed again here
//! (the mboxrd rule, which also reads mboxo correctly for `>From `). The
//! file is streamed: memory holds one message, never the whole file.

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
            // separator), so a stray unescaped `From ` in a body stays body.
            if previous_blank && is_separator(&self.line) {
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

    #[test]
    fn empty_and_separator_only_inputs() {
        assert!(messages("").is_empty());
        assert_eq!(messages("From x Mon Nov 23 10:00:00 2026\n"), vec![""]);
    }
}
