//! The module layout docs/architecture.md describes, checked on the source:
//! every module imports only modules below it in the pipeline, and no two
//! modules (files) import each other, directly or round a loop.
//!
//! A "module" here is one source file (`src/dns/checks.rs` is
//! `dns::checks`, `src/dns/mod.rs` is `dns`). An import is any path to
//! another module in the code: `use crate::model::Hop`, `super::names::x`,
//! `checks::run(...)` for a child module; comments and strings are not
//! code, and `#[cfg(test)]` modules at the end of a file are left out
//! (a unit test may reach wherever it likes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules from the bottom up. A module may import only
/// modules listed before it (and its own submodules).
const LAYERS: &[&str] = &[
    // Helpers: small, self-contained, used by everything above.
    "text",
    "words",
    "duration",
    "ip_kind",
    "host",
    "mailbox",
    "smtp_codes",
    "providers",
    // The report model: plain data, imports only the helpers.
    "model",
    // The stages, in pipeline order.
    "input",
    "mbox",
    "sources",
    "normalise",
    "message",
    "chain",
    "trust",
    "auth",
    "stop",
    "dns",
    "redact",
    "verdict",
    "summary",
    "render",
    // The pipeline and the command line.
    "",
    "batch",
    "config",
    "cli",
    "manual",
    "exits",
];

/// Every source file of the library, by module path.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("source is readable");
            found.insert(parts.join("::"), code_of(&text));
        }
    }
    found
}

/// The code of a file: without comments, string contents and the unit
/// test module at its end.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push('"');
            }
            // A char literal such as '"' must not open a string.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    let len = rest.find('\'').map_or(0, |i| i + 1);
                    for _ in 0..len.max(1) {
                        chars.next();
                    }
                    out.push_str("' '");
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                    out.push_str("' '");
                } else {
                    out.push('\'');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The paths written in the code: `a::b::c` runs, with `use` groups
/// (`use crate::x::{a, b::c}`) expanded.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let whole_word =
            at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if whole_word {
            let tree: String = after[..end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            expand("", &tree, &mut paths);
        }
        rest = &after[end.min(after.len())..];
    }
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (bytes[i].is_alphabetic() || bytes[i] == '_')
            && (i == 0
                || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len()
            && (bytes[j].is_alphanumeric()
                || bytes[j] == '_'
                || (bytes[j] == ':' && bytes.get(j + 1) == Some(&':'))
                || (bytes[j] == ':' && j > 0 && bytes[j - 1] == ':'))
        {
            j += 1;
        }
        let path: String = bytes[i..j].iter().collect();
        // `crate::{a, b}` ends in `::`: a `use` group, expanded above.
        if path.contains("::") && !path.ends_with("::") {
            paths.push(path);
        }
        i = j.max(i + 1);
    }
    paths
}

/// Expands a `use` tree into full paths.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let join = |p: &str| {
        if prefix.is_empty() {
            p.to_string()
        } else {
            format!("{prefix}::{p}")
        }
    };
    match tree.find('{') {
        None => {
            // `x as y` (white space is gone by now: `xasy`) is rare enough
            // in this crate to be read as written.
            let path = tree;
            if path == "self" {
                out.push(prefix.to_string());
            } else if !path.is_empty() {
                out.push(join(path));
            }
        }
        Some(open) => {
            let head = tree[..open].trim_end_matches("::");
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let base = if head.is_empty() {
                prefix.to_string()
            } else {
                join(head)
            };
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&base, &inner[start..k], out);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            expand(&base, &inner[start..], out);
        }
    }
}

/// The module a path points into, seen from module `from`.
fn target(from: &str, path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    match segments.first().copied() {
        Some("crate") => {
            base.clear();
            segments.remove(0);
        }
        Some("super") => {
            while segments.first() == Some(&"super") {
                base.pop();
                segments.remove(0);
            }
        }
        Some("self") => {
            segments.remove(0);
        }
        Some(first) => {
            // A path relative to this module: only a child module counts
            // (anything else is an external crate, a type or a variant).
            let mut child = base.clone();
            child.push(first);
            if !modules.contains_key(&child.join("::")) {
                return None;
            }
        }
        None => return None,
    }
    let full: Vec<&str> = base.into_iter().chain(segments).collect();
    (0..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|candidate| modules.contains_key(candidate))
}

/// Which module imports which.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    modules
        .iter()
        .map(|(name, code)| {
            let targets = paths_in(code)
                .iter()
                .filter_map(|p| target(name, p, &modules))
                .filter(|t| t != name)
                .collect();
            (name.clone(), targets)
        })
        .collect()
}

fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or("");
    LAYERS.iter().position(|l| *l == top).unwrap_or_else(|| {
        panic!("module {module} is not in LAYERS: place it there and in docs/architecture.md")
    })
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let mut upward = Vec::new();
    for (from, targets) in imports() {
        for to in targets {
            let same_top = from.split("::").next() == to.split("::").next() && !to.is_empty();
            if !same_top && layer(&to) >= layer(&from) {
                upward.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports up the pipeline:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = imports();
    // Tarjan's strongly connected components: any component of more than
    // one module is a loop of imports.
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        loops: Vec<Vec<&'g str>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.loops.push(component);
            }
        }
    }
    let mut state = State {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        loops: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    let loops: Vec<String> = state.loops.iter().map(|l| l.join(" <-> ")).collect();
    assert!(
        loops.is_empty(),
        "modules importing each other:\n{}",
        loops.join("\n")
    );
}

#[test]
fn the_checker_sees_imports() {
    // The checks above are only as good as the path reader: make sure it
    // finds each kind of import in this crate's own code.
    let graph = imports();
    let of = |m: &str| graph.get(m).cloned().unwrap_or_default();
    assert!(
        of("chain::checks").contains("model"),
        "use crate::model::.."
    );
    assert!(of("chain").contains("chain::checks"), "checks::run(..)");
    assert!(of("dns::checks").contains("dns::names"), "use super::names");
    assert!(of("stop").contains("stop::dsn"), "dsn::parse(..)");
    assert!(
        of("").contains("verdict"),
        "verdict::conclude(..) in lib.rs"
    );
    assert!(!of("model").iter().any(|m| layer(m) > layer("model")));
}
