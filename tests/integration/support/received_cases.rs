//! Reads Received parser cases from the line-oriented data files
//! (tests/data/received/*.txt, tests/heldout/received/*.txt); the format is
//! in tests/data/received/README.md.

use std::collections::HashSet;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use trace_path::chain::date::parse_date;
use trace_path::chain::received::Received;
use trace_path::model::ParseQuality;

/// One case: a raw Received value and what the parser must make of it.
pub struct Case {
    /// Where the case starts, `file:line`, for messages.
    pub at: String,
    /// The file's name without `.txt`.
    pub file: String,
    /// The `[group]` the case is under, else the file's name.
    pub group: String,
    /// The raw header value.
    pub raw: String,
    /// Every field; those the file does not name are `None` (`false`), the
    /// quality `Full` unless named, and `date` is `date_text` read as a date.
    pub expected: Received,
}

impl Case {
    /// `file` or `file/group`.
    pub fn label(&self) -> String {
        if self.group == self.file {
            self.file.clone()
        } else {
            format!("{}/{}", self.file, self.group)
        }
    }
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:?}", self.at, self.raw)
    }
}

/// The crate-relative directory `dir` (e.g. `tests/data/received`).
pub fn dir(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

/// Every case of every `*.txt` file in `dir`, files in name order.
pub fn read_dir(dir: &Path) -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    files.iter().flat_map(|f| read_file(f)).collect()
}

/// Every case of one file. Panics, naming the line, on anything malformed.
pub fn read_file(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let shown = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let mut cases: Vec<Case> = Vec::new();
    let mut group = stem.clone();
    // Field names already given for the last case.
    let mut named: HashSet<String> = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("{shown}:{}", n + 1);
        let fail = |what: &str| -> ! { panic!("{at}: {what}: {line:?}") };
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with([' ', '\t']) {
            let Some(case) = cases.last_mut() else {
                fail("fields before any case")
            };
            if case.group != group {
                fail("fields after a group line")
            }
            for (key, value) in fields(trimmed).unwrap_or_else(|e| fail(&e)) {
                if !named.insert(key.clone()) {
                    fail(&format!("{key} given twice"))
                }
                set(&mut case.expected, &key, value).unwrap_or_else(|e| fail(&e));
            }
        } else if let Some(name) = trimmed.strip_prefix('[') {
            let Some(name) = name.strip_suffix(']') else {
                fail("a group line ends with `]`")
            };
            group = name.to_string();
        } else {
            let raw = if trimmed.starts_with('"') {
                match quoted(trimmed) {
                    Ok((s, "")) => s,
                    Ok(_) => fail("text after the quoted value"),
                    Err(e) => fail(&e),
                }
            } else {
                trimmed.to_string()
            };
            named.clear();
            cases.push(Case {
                at,
                file: stem.clone(),
                group: group.clone(),
                raw,
                expected: nothing(),
            });
        }
    }
    for case in &mut cases {
        case.expected.date = case
            .expected
            .date_text
            .as_deref()
            .and_then(|d| parse_date(d).ok());
    }
    assert!(!cases.is_empty(), "{shown}: no cases");
    cases
}

/// Nothing known, quality Full.
fn nothing() -> Received {
    Received {
        helo: None,
        rdns: None,
        ip: None,
        ip_zone: None,
        may_be_forged: false,
        ident: None,
        by_host: None,
        by_ip: None,
        via: None,
        with: None,
        id: None,
        for_addr: None,
        envelope_from: None,
        auth: None,
        tls: None,
        date_text: None,
        date: None,
        quality: ParseQuality::Full,
    }
}

/// Sets the field a data file names `key`; `value` is `None` for a flag.
fn set(r: &mut Received, key: &str, value: Option<String>) -> Result<(), String> {
    if key == "forged" {
        return match value {
            None => {
                r.may_be_forged = true;
                Ok(())
            }
            Some(_) => Err("`forged` takes no value".into()),
        };
    }
    let value = value.ok_or_else(|| format!("`{key}` needs a value"))?;
    let ip = |v: &str| {
        v.parse::<IpAddr>()
            .map_err(|e| format!("bad address {v:?}: {e}"))
    };
    let slot = match key {
        "helo" => &mut r.helo,
        "rdns" => &mut r.rdns,
        "zone" => &mut r.ip_zone,
        "ident" => &mut r.ident,
        "by_host" => &mut r.by_host,
        "via" => &mut r.via,
        "with" => &mut r.with,
        "id" => &mut r.id,
        "for_addr" => &mut r.for_addr,
        "env_from" => &mut r.envelope_from,
        "auth" => &mut r.auth,
        "tls" => &mut r.tls,
        "date" => &mut r.date_text,
        "ip" => {
            r.ip = Some(ip(&value)?);
            return Ok(());
        }
        "by_ip" => {
            r.by_ip = Some(ip(&value)?);
            return Ok(());
        }
        "q" => {
            r.quality = match value.as_str() {
                "full" => ParseQuality::Full,
                "partial" => ParseQuality::Partial,
                "failed" => ParseQuality::Failed,
                other => return Err(format!("unknown quality {other:?}")),
            };
            return Ok(());
        }
        other => return Err(format!("unknown field {other:?}")),
    };
    *slot = Some(value);
    Ok(())
}

/// The `key=value` (or bare `key`) items of a field line.
fn fields(mut s: &str) -> Result<Vec<(String, Option<String>)>, String> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(out);
        }
        let end = s
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(s.len());
        let key = s[..end].to_string();
        if key.is_empty() {
            return Err("a field without a name".into());
        }
        s = &s[end..];
        let Some(rest) = s.strip_prefix('=') else {
            out.push((key, None));
            continue;
        };
        let (value, rest) = if rest.starts_with('"') {
            quoted(rest)?
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (rest[..end].to_string(), &rest[end..])
        };
        if value.is_empty() {
            return Err(format!("`{key}` has an empty value"));
        }
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            return Err(format!("no space after the value of `{key}`"));
        }
        out.push((key, Some(value)));
        s = rest;
    }
}

/// A double-quoted string at the start of `s` (escapes `\\ \" \n \r \t
/// \u{hex}`), and the text after it.
fn quoted(s: &str) -> Result<(String, &str), String> {
    let mut chars = s.char_indices();
    assert_eq!(chars.next().map(|c| c.1), Some('"'));
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &s[i + 1..])),
            '\\' => match chars.next().map(|c| c.1) {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let rest = &s[i + 2..];
                    let close = rest
                        .strip_prefix('{')
                        .and_then(|r| r.find('}'))
                        .ok_or("`\\u` without `{hex}`")?;
                    let hex = &rest[1..=close];
                    let c = u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad `\\u{{{hex}}}`"))?;
                    out.push(c);
                    for _ in 0..close + 2 {
                        chars.next();
                    }
                }
                other => return Err(format!("unknown escape {other:?}")),
            },
            c => out.push(c),
        }
    }
    Err("unterminated quoted value".into())
}
