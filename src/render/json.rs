//! `--format json` (one pretty object, or an array for several inputs) and
//! `--format jsonl` (one compact object per line).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::renderer::{Place, Renderer};
use crate::model::Report;
use crate::text::is_unsafe;

pub struct Json;
pub struct JsonLines;

impl Renderer for Json {
    fn begin(&self, several: bool, out: &mut dyn Write) -> io::Result<()> {
        if several {
            out.write_all(b"[\n")
        } else {
            Ok(())
        }
    }

    fn report(&self, report: &Report, place: Place, out: &mut dyn Write) -> io::Result<()> {
        if place.index > 0 {
            out.write_all(b",\n")?;
        }
        serialize_safe(report, true, out)?;
        if place.several {
            Ok(())
        } else {
            out.write_all(b"\n")
        }
    }

    fn end(&self, several: bool, out: &mut dyn Write) -> io::Result<()> {
        if several {
            out.write_all(b"\n]\n")
        } else {
            Ok(())
        }
    }
}

impl Renderer for JsonLines {
    fn report(&self, report: &Report, _place: Place, out: &mut dyn Write) -> io::Result<()> {
        write_safe_json(report, false, out)
    }
}

/// Writes any value as JSON (pretty or compact) with the safe escaping
/// below, and a final newline.
pub fn write_safe_json<T: Serialize + ?Sized>(
    value: &T,
    pretty: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    serialize_safe(value, pretty, out)?;
    out.write_all(b"\n")
}

fn serialize_safe<T: Serialize + ?Sized>(
    value: &T,
    pretty: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Written into a buffer first: serde_json makes many small writes,
    // and into a `Vec` they compile to plain copies, where each one through
    // `dyn Write` would be a call of its own.
    let mut buffer = Vec::with_capacity(16 * 1024);
    let result = if pretty {
        let formatter = SafeFormatter(PrettyFormatter::with_indent(b"  "));
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut buffer,
            formatter,
        ))
    } else {
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut buffer,
            SafeFormatter(CompactFormatter),
        ))
    };
    result.map_err(io::Error::other)?;
    out.write_all(&buffer)
}

/// serde_json escapes C0 controls; this also escapes DEL, C1 controls and
/// bidirectional overrides as `\uXXXX`, so JSON printed to a terminal
/// cannot drive it. The JSON value is unchanged.
struct SafeFormatter<F>(F);

macro_rules! delegate {
    ($($name:ident),*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.$name(w)
        }
    )*};
}

impl<F: Formatter> Formatter for SafeFormatter<F> {
    delegate!(
        begin_array,
        end_array,
        end_array_value,
        begin_object,
        end_object,
        end_object_value,
        begin_object_value
    );

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Plain ASCII below DEL (nearly every fragment) needs no search.
        if fragment.bytes().all(|b| b < 0x7f) {
            return w.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(pos) = rest.find(is_unsafe) {
            w.write_all(&rest.as_bytes()[..pos])?;
            let c = rest[pos..].chars().next().expect("found a char at pos");
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[pos + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_round_trip() {
        let value = "a\u{9b}b\u{7f}c\u{202e}d\x1be";
        let mut out = Vec::new();
        let mut ser =
            serde_json::Serializer::with_formatter(&mut out, SafeFormatter(CompactFormatter));
        value.serialize(&mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#""a\u009bb\u007fc\u202ed\u001be""#);
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
