//! Expanding what the user names into messages: files, `-`, directories
//! (recursively: `.eml` files, `.mbox` files and Maildir `cur/`/`new/`), and
//! mbox files, streamed one message at a time in a stable order.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::input::{self, Input, InputError, MAX_INPUT_BYTES, Source};
use crate::mbox::{self, MboxMessage, MboxReader};

/// How deep directories are followed; deeper ones are skipped.
const MAX_DEPTH: usize = 32;

/// Every message named by the sources, in order: files as given,
/// directory entries sorted by name, mbox messages in file order.
pub struct Messages {
    pending: VecDeque<Pending>,
    mbox: Option<OpenMbox>,
    /// Items yielded so far.
    yielded: usize,
}

enum Pending {
    Source(Source),
    /// A directory found inside a directory, with its depth.
    Dir(PathBuf, usize),
    /// A message file found inside a directory.
    Found(PathBuf),
    /// The end of a directory named by the user, with the count of items
    /// yielded before it: an empty one is an error, not silence.
    EndOfDir(PathBuf, usize),
}

struct OpenMbox {
    name: String,
    reader: MboxReader<Box<dyn BufRead + Send>>,
    position: usize,
}

impl Messages {
    pub fn new(sources: Vec<Source>) -> Messages {
        Messages {
            pending: sources.into_iter().map(Pending::Source).collect(),
            mbox: None,
            yielded: 0,
        }
    }

    fn next_from_mbox(&mut self) -> Option<Result<Input, InputError>> {
        let open = self.mbox.as_mut()?;
        let item = open.reader.next();
        let Some(item) = item else {
            self.mbox = None;
            return None;
        };
        open.position += 1;
        let name = open.name.clone();
        let position = Some(open.position);
        Some(match item {
            Ok(MboxMessage::Message(bytes)) => Ok(Input {
                name,
                position,
                bytes,
            }),
            Ok(MboxMessage::TooLarge { size }) => Err(InputError::TooLarge {
                name: format!("{name} (message {})", open.position),
                size,
                limit: MAX_INPUT_BYTES,
            }),
            Err(source) => {
                self.mbox = None;
                Err(InputError::Unreadable { name, source })
            }
        })
    }

    /// Opens a file and reads its first bytes: an mbox is split here, a
    /// single message is left to be read on a worker thread.
    fn open_file(&mut self, path: &Path) -> Option<Message> {
        let name = path.display().to_string();
        let mut file = match input::open(path, &name) {
            Ok(f) => f,
            Err(e) => return Some(Message::Read(Err(e))),
        };
        let mut head = Vec::with_capacity(mbox::SEPARATOR_START.len());
        if let Err(source) = (&mut file)
            .take(mbox::SEPARATOR_START.len() as u64)
            .read_to_end(&mut head)
        {
            return Some(Message::Read(Err(InputError::Unreadable { name, source })));
        }
        if !mbox::is_separator(&head) {
            return Some(Message::Opened { name, file, head });
        }
        let rest = io::Cursor::new(head).chain(file);
        self.mbox = Some(OpenMbox {
            name,
            reader: MboxReader::new(Box::new(BufReader::with_capacity(64 * 1024, rest))),
            position: 0,
        });
        self.next_from_mbox().map(Message::Read)
    }

    /// Stdin is read whole (within the size limit); when it is an mbox,
    /// its messages are split like an mbox file's.
    fn open_stdin(&mut self) -> Option<Result<Input, InputError>> {
        let input = match input::read(&Source::Stdin) {
            Ok(i) => i,
            Err(e) => return Some(Err(e)),
        };
        if !mbox::is_separator(&input.bytes) {
            return Some(Ok(input));
        }
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(input.bytes));
        self.mbox = Some(OpenMbox {
            name: input.name,
            reader: MboxReader::new(reader),
            position: 0,
        });
        self.next_from_mbox()
    }

    /// Queues a directory's messages, sorted by name, ahead of what follows.
    fn expand_dir(&mut self, dir: &Path, depth: usize) -> Option<InputError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(source) => {
                return Some(InputError::Unreadable {
                    name: dir.display().to_string(),
                    source,
                });
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut found = Vec::new();
        for path in paths {
            // Symbolic links are not followed: they can loop.
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() && depth < MAX_DEPTH && !is_maildir_tmp(&path) {
                found.push(Pending::Dir(path, depth + 1));
            } else if meta.is_file() && is_message_file(&path) {
                found.push(Pending::Found(path));
            }
        }
        for item in found.into_iter().rev() {
            self.pending.push_front(item);
        }
        None
    }
}

/// Files found in directories are single messages unless named `.mbox`.
fn is_mbox_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("mbox") || e.eq_ignore_ascii_case("mbx"))
}

/// `.eml` and `.mbox` files, and files in a Maildir's `cur/` or `new/`.
fn is_message_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("eml" | "mbox" | "mbx")) {
        return true;
    }
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    !hidden && path.parent().is_some_and(is_maildir_subdir)
}

fn is_maildir_subdir(dir: &Path) -> bool {
    let named = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == "cur" || n == "new");
    named
        && dir
            .parent()
            .is_some_and(|m| m.join("cur").is_dir() && m.join("new").is_dir())
}

/// Maildir's `tmp/` holds messages still being written: skipped.
fn is_maildir_tmp(dir: &Path) -> bool {
    dir.file_name().is_some_and(|n| n == "tmp")
        && dir
            .parent()
            .is_some_and(|m| m.join("cur").is_dir() && m.join("new").is_dir())
}

/// One message to trace: already read (from an mbox or stdin), or a file
/// whose reading is left to the caller, so that files can be read on
/// several threads.
#[derive(Debug)]
pub enum Message {
    Read(Result<Input, InputError>),
    File(PathBuf),
    /// A file already opened, with its first bytes read.
    Opened {
        name: String,
        file: File,
        head: Vec<u8>,
    },
}

impl Message {
    /// The message's bytes.
    pub fn load(self) -> Result<Input, InputError> {
        match self {
            Message::Read(result) => result,
            Message::File(path) => input::read(&Source::Path(path)),
            Message::Opened { name, file, head } => input::read_rest(file, &head, name),
        }
    }
}

impl Iterator for Messages {
    type Item = Message;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(Pending::Found(path)) = self.pending.front()
            && !is_mbox_name(path)
            && self.mbox.is_none()
        {
            let path = path.clone();
            self.pending.pop_front();
            self.yielded += 1;
            return Some(Message::File(path));
        }
        let item = self.next_item();
        self.yielded += usize::from(item.is_some());
        item
    }
}

impl Messages {
    fn next_item(&mut self) -> Option<Message> {
        loop {
            if let Some(item) = self.next_from_mbox() {
                return Some(Message::Read(item));
            }
            let item = match self.pending.pop_front()? {
                Pending::Source(Source::Stdin) => self.open_stdin().map(Message::Read),
                Pending::Source(Source::Path(path)) => match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => {
                        self.pending.push_front(Pending::EndOfDir(path.clone(), self.yielded));
                        self.expand_dir(&path, 0).map(|e| Message::Read(Err(e)))
                    }
                    Ok(_) => self.open_file(&path),
                    // Let the ordinary reader word the error.
                    Err(_) => Some(Message::File(path)),
                },
                Pending::Dir(path, depth) => {
                    self.expand_dir(&path, depth).map(|e| Message::Read(Err(e)))
                }
                Pending::Found(path) => self.open_file(&path),
                Pending::EndOfDir(path, before) => (before == self.yielded).then(|| {
                    Message::Read(Err(InputError::NotMail {
                        name: path.display().to_string(),
                        why: "no messages found (looked for .eml and .mbox files and Maildir cur/ and new/)".into(),
                    }))
                }),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}
