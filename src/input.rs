//! Reading what the user gives us: files, stdin, pasted text.
//!
//! This module only gets bytes in and refuses what cannot be mail; cleaning
//! up pasted text is [`crate::normalise`]'s job.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The largest input read, in bytes. Bigger inputs are refused rather than
/// silently cut, because a cut message could trace differently.
pub const MAX_INPUT_BYTES: u64 = 128 * 1024 * 1024;

/// Where a message comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-`, a pipe or an interactive paste).
    Stdin,
}

impl Source {
    /// The name shown in reports: the path as given, or `-` for stdin.
    pub fn name(&self) -> String {
        match self {
            Source::Path(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// The bytes of one input, with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    /// The message's number within an mbox (1 = first); `None` for a
    /// single-message file or paste.
    pub position: Option<usize>,
    pub bytes: Vec<u8>,
}

impl Input {
    /// A single message (not part of an mbox).
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Input {
        Input {
            name: name.into(),
            position: None,
            bytes,
        }
    }
}

/// Why an input could not be read as mail. Each maps to exit code 3.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{name}: no such file")]
    NotFound { name: String },
    #[error("{name}: is a directory, not a message file")]
    IsDirectory { name: String },
    #[error("{name}: cannot read: {source}")]
    Unreadable { name: String, source: io::Error },
    #[error("{name}: input is empty")]
    Empty { name: String },
    #[error("{name}: input is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{name}: not an e-mail message: {why}")]
    NotMail { name: String, why: String },
}

/// Reads one source whole, refusing directories, missing files and inputs
/// over [`MAX_INPUT_BYTES`].
pub fn read(source: &Source) -> Result<Input, InputError> {
    let name = source.name();
    let bytes = match source {
        Source::Path(path) => read_file(path, &name)?,
        Source::Stdin => read_limited(io::stdin().lock(), &name)?,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty { name });
    }
    Ok(Input::new(name, bytes))
}

fn read_file(path: &Path, name: &str) -> Result<Vec<u8>, InputError> {
    let unreadable = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => InputError::NotFound {
            name: name.to_string(),
        },
        _ => InputError::Unreadable {
            name: name.to_string(),
            source,
        },
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(InputError::IsDirectory {
            name: name.to_string(),
        });
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            name: name.to_string(),
            size: meta.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    read_limited(File::open(path).map_err(unreadable)?, name)
}

/// Reads to the end, but never more than the limit plus one byte, so a
/// endless pipe (`/dev/zero`) ends in an error instead of filling memory.
fn read_limited(reader: impl Read, name: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Unreadable {
            name: name.to_string(),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Refuses bytes that are plainly not text: a message has no NUL bytes and
/// few control characters in its first kilobytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    controls * 10 > head.len() || head.iter().take(1024).filter(|&&b| b == 0).count() > 4
}
