//! Reading what the user gives us: files, stdin, pasted text.
//!
//! This module only gets bytes in and refuses what cannot be mail; cleaning
//! up pasted text is [`crate::normalise`]'s job.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

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
    /// Whether the message came from standard input (a paste or a pipe).
    pub fn is_stdin(&self) -> bool {
        self.name == "-"
    }

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
        Source::Path(path) => read_file(open(path, &name)?, &[], &name)?,
        Source::Stdin => read_limited(io::stdin().lock(), &name, 0)?,
    };
    non_empty(name, bytes)
}

/// Finishes reading a file whose first bytes (`head`) were read already
/// (to tell an mbox from a single message).
pub fn read_rest(file: File, head: &[u8], name: String) -> Result<Input, InputError> {
    let bytes = read_file(file, head, &name)?;
    non_empty(name, bytes)
}

fn non_empty(name: String, bytes: Vec<u8>) -> Result<Input, InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        recycle(bytes);
        return Err(InputError::Empty { name });
    }
    Ok(Input::new(name, bytes))
}

/// Opens a file to read, wording the errors for the user.
pub fn open(path: &Path, name: &str) -> Result<File, InputError> {
    File::open(path).map_err(|source| {
        if path.is_dir() {
            // Opening a directory fails on some systems.
            InputError::IsDirectory {
                name: name.to_string(),
            }
        } else if source.kind() == io::ErrorKind::NotFound {
            InputError::NotFound {
                name: name.to_string(),
            }
        } else {
            InputError::Unreadable {
                name: name.to_string(),
                source,
            }
        }
    })
}

/// Reads an open file (after the `head` already read from it), refusing
/// directories and files over the size limit. The size is asked of the
/// handle, so the buffer is allocated once.
fn read_file(file: File, head: &[u8], name: &str) -> Result<Vec<u8>, InputError> {
    let meta = file.metadata().map_err(|source| InputError::Unreadable {
        name: name.to_string(),
        source,
    })?;
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
    let expected = if meta.is_file() {
        meta.len() as usize
    } else {
        0
    };
    read_limited(head.chain(file), name, expected)
}

/// Reads to the end, but never more than the limit plus one byte, so a
/// endless pipe (`/dev/zero`) ends in an error instead of filling memory.
fn read_limited(reader: impl Read, name: &str, expected: usize) -> Result<Vec<u8>, InputError> {
    // One byte more than expected, so reading to the end needs no regrowth.
    let mut bytes = spare_buffer(expected + 1);
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

/// The largest buffer kept for reuse; bigger ones go back to the allocator.
const MAX_SPARE_BYTES: usize = 4 * 1024 * 1024;

/// The most memory the spare buffers may hold together.
const MAX_POOL_BYTES: usize = 32 * 1024 * 1024;

/// Read buffers given back by [`recycle`], for the next reads on any
/// thread. A batch then reads files (and splits mboxes) into memory that is
/// already mapped, instead of asking for fresh zeroed pages each time
/// (which costs more than the read) or freeing on one thread what another
/// allocated (which makes the allocator hold on to memory).
static SPARES: Mutex<Spares> = Mutex::new(Spares {
    buffers: Vec::new(),
    bytes: 0,
});

struct Spares {
    buffers: Vec<Vec<u8>>,
    /// The capacity of `buffers`, added up.
    bytes: usize,
}

fn spares() -> std::sync::MutexGuard<'static, Spares> {
    // The pool holds no invariant a panic could break.
    SPARES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Gives an input's bytes back once the input is traced, for a later
/// read. Optional: a buffer not given back is simply freed.
pub fn recycle(mut bytes: Vec<u8>) {
    let capacity = bytes.capacity();
    if capacity == 0 || capacity > MAX_SPARE_BYTES {
        return;
    }
    bytes.clear();
    let mut pool = spares();
    if pool.bytes + capacity <= MAX_POOL_BYTES {
        pool.bytes += capacity;
        pool.buffers.push(bytes);
    }
}

/// An empty buffer with room for `capacity` bytes, given back earlier if
/// one is spare.
pub fn spare_buffer(capacity: usize) -> Vec<u8> {
    let spare = {
        let mut pool = spares();
        let spare = pool.buffers.pop();
        pool.bytes -= spare.as_ref().map_or(0, Vec::capacity);
        spare
    };
    let mut bytes = spare.unwrap_or_default();
    bytes.reserve(capacity);
    bytes
}

/// Refuses bytes that are plainly not text: a message has no NUL bytes and
/// few control characters in its first kilobytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // A sum over a plain predicate (NUL is below 0x20 too): compiles to a
    // vector loop, unlike a filtered count.
    let controls: usize = head
        .iter()
        .map(|&b| usize::from(b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .sum();
    controls * 10 > head.len() || head.iter().take(1024).filter(|&&b| b == 0).count() > 4
}
