//! Dates of Received headers: RFC 5322 and its obsolete forms.
//!
//! [`parse_date`] is a small hand-written parser, more lenient than chrono's
//! RFC 2822 parser where real MTAs deviate, and strict on the date fields
//! themselves:
//!
//! * Accepted: optional (even misspelt-case) weekday, which is **not**
//!   checked against the date (MTAs get it wrong; the date is what matters);
//!   a `,` without weekday; `day month year` and `month day [year]` orders
//!   (the year may also follow the time, as in `asctime`); `-` between day,
//!   month and year; full or abbreviated, any-case month names; two-digit
//!   years (`< 50` is 20xx, otherwise 19xx) and three-digit years (+1900),
//!   RFC 5322 §4.3; a one-digit hour; missing seconds; leap second `60`;
//!   fractional seconds (dropped); offsets `+hhmm`, `+hh:mm`, `-0000`
//!   (offset 0); the obsolete names `UT`, `GMT`, `Z`, `EST`/`EDT`, `CST`/`CDT`,
//!   `MST`/`MDT`, `PST`/`PDT`, military letters (other than `Z` and `J` they
//!   mean "unknown", read as offset 0 per RFC 5322 §4.3), plus `UTC` and
//!   `GMT+hhmm`; comments anywhere (`(CET)`); after a numeric offset, one
//!   bare zone abbreviation (`+0100 CET`) or zone name (`-0800 Pacific
//!   Standard Time`); ISO 8601 (`2026-11-23T10:15:02Z`,
//!   `2026-11-23 10:15:02 +01:00`).
//! * Zone names RFC 5322 does not define, on their own: RFC 5322 §4.3 reads
//!   an alphabetic zone whose meaning is not known as `-0000`. Common
//!   unambiguous abbreviations and Windows' long names are known and read
//!   with their offset (`JST` +0900, `CET` +0100, `CEST` +0200, `AEST`
//!   +1000, `HDT` -0900, `Pacific Standard Time` -0800, ...); ambiguous
//!   ones (`IST`: India, Israel or Ireland; `AST`: Atlantic or Arabia) and
//!   unknown ones (`PPE`, 2 to 5 letters, or a phrase ending in `Time`)
//!   are read as `-0000`. [`read_date`] says which reading was made, so a
//!   report can tell the user; [`parse_date`] gives the date alone.
//! * Rejected: a missing zone (no guess), impossible values (month 13, 30
//!   February, hour 25, minute 60, offset `+2500` or `+0160`), years
//!   before 1900, unbalanced comments and any other trailing text.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use thiserror::Error;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    /// The text is not a date in any form we know.
    #[error("not a valid RFC 5322 date: {0}")]
    Invalid(String),
}

/// Longest text quoted back in a [`DateError`].
const MAX_ERROR_TEXT: usize = 200;

/// How a zone name outside RFC 5322 was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneGuess {
    /// A common, unambiguous name (`JST`, `CEST`, `Pacific Standard
    /// Time`), read with its usual offset.
    Common,
    /// A name used for several zones (`IST`, `AST`): read as -0000.
    Ambiguous,
    /// A name whose meaning is not known (`PPE`, a military letter): read
    /// as -0000, as RFC 5322 §4.3 says.
    Unknown,
}

/// A date whose zone was a name the date itself does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumedZone {
    /// The name as read (abbreviations uppercased, long names in words).
    pub name: String,
    pub guess: ZoneGuess,
}

/// Parses a Received date (the text after the last `;`).
///
/// Returns the date with the offset as written (named zones mapped to their
/// offset). See the module documentation for the accepted forms.
pub fn parse_date(text: &str) -> Result<DateTime<FixedOffset>, DateError> {
    read_date(text).map(|(date, _)| date)
}

/// [`parse_date`], and the zone reading when the zone was a name outside
/// RFC 5322 (or a military letter): what the report should mention.
pub fn read_date(text: &str) -> Result<(DateTime<FixedOffset>, Option<AssumedZone>), DateError> {
    strip_comments(text)
        .and_then(|mut cleaned| {
            // Lower-cased once here, so that words are slices of it.
            cleaned.make_ascii_lowercase();
            let tokens = tokenize(&cleaned)?;
            let mut parser = Parser {
                t: &tokens,
                i: 0,
                assumed: None,
            };
            let date = parser.date()?;
            Some((date, parser.assumed))
        })
        .ok_or_else(|| DateError::Invalid(error_text(text)))
}

/// The input, whitespace collapsed and cut to [`MAX_ERROR_TEXT`] characters.
fn error_text(text: &str) -> String {
    let collapsed = crate::words::collapse_whitespace(text);
    if collapsed.chars().count() <= MAX_ERROR_TEXT {
        collapsed
    } else {
        let mut cut: String = collapsed.chars().take(MAX_ERROR_TEXT).collect();
        cut.push('…');
        cut
    }
}

/// Replaces every (possibly nested) comment with a space. `None` when the
/// parentheses do not balance.
fn strip_comments(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    out.push(' ');
                }
            }
            ')' => depth = depth.checked_sub(1)?,
            '\\' if depth > 0 => {
                chars.next();
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    (depth == 0).then_some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    /// A run of ASCII digits.
    Num(&'a str),
    /// A run of ASCII letters (the text is lower-cased before).
    Alpha(&'a str),
    /// One of `, : + - . /`.
    Punct(char),
}

/// Splits into numbers, words and punctuation; `None` on any other character.
fn tokenize(text: &str) -> Option<Vec<Tok<'_>>> {
    let mut out = Vec::with_capacity(16);
    let mut chars = text.char_indices().peekable();
    // The end of the run of characters matching `more` that starts at `start`.
    let run_end = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
                   more: fn(&char) -> bool| {
        while chars.next_if(|(_, c)| more(c)).is_some() {}
        chars.peek().map_or(text.len(), |&(i, _)| i)
    };
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_digit() {
            let end = run_end(&mut chars, char::is_ascii_digit);
            out.push(Tok::Num(&text[start..end]));
        } else if c.is_ascii_alphabetic() {
            let end = run_end(&mut chars, char::is_ascii_alphabetic);
            out.push(Tok::Alpha(&text[start..end]));
        } else if matches!(c, ',' | ':' | '+' | '-' | '.' | '/') {
            out.push(Tok::Punct(c));
            chars.next();
        } else {
            return None;
        }
    }
    Some(out)
}

/// Value of a run of at most `max_len` digits.
fn digits(s: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if s.len() < min_len || s.len() > max_len {
        return None;
    }
    s.parse().ok()
}

const MONTHS: [(&str, &str); 12] = [
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may", "may"),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
];

/// Month number (1-12) of an abbreviated or full month name.
fn month(w: &str) -> Option<u32> {
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|(short, long)| w == *short || w == *long)
        .and_then(|p| u32::try_from(p + 1).ok())
}

fn is_weekday(w: &str) -> bool {
    const DAYS: [(&str, &str); 7] = [
        ("mon", "monday"),
        ("tue", "tuesday"),
        ("wed", "wednesday"),
        ("thu", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    ];
    DAYS.iter().any(|(short, long)| w == *short || w == *long)
        || matches!(w, "tues" | "thur" | "thurs")
}

/// Offset in seconds of an RFC 5322 (or `UTC`) zone name.
fn named_zone(w: &str) -> Option<i32> {
    let hours = match w {
        "ut" | "utc" | "gmt" | "z" => 0,
        "edt" => -4,
        "est" | "cdt" => -5,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" => -8,
        _ => return None,
    };
    Some(hours * 3600)
}

/// Common zone names outside RFC 5322 that mean one offset only, with that
/// offset in minutes. RFC 822's US names (`EST` ... `PDT`) are
/// [`named_zone`]'s; long names are Windows' and the usual English ones,
/// lowercase, words separated by one space, dots dropped.
const COMMON_ZONES: &[(&str, i32)] = &[
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("met", 60),
    ("mez", 60),
    ("wat", 60),
    ("cest", 120),
    ("mest", 120),
    ("mesz", 120),
    ("eet", 120),
    ("sast", 120),
    ("cat", 120),
    ("eest", 180),
    ("msk", 180),
    ("eat", 180),
    ("msd", 240),
    ("pkt", 300),
    ("ict", 420),
    ("wib", 420),
    ("hkt", 480),
    ("sgt", 480),
    ("awst", 480),
    ("jst", 540),
    ("kst", 540),
    ("acst", 570),
    ("aest", 600),
    ("acdt", 630),
    ("aedt", 660),
    ("nzst", 720),
    ("nzdt", 780),
    ("brt", -180),
    ("art", -180),
    ("ndt", -150),
    ("nst", -210),
    ("akdt", -480),
    ("akst", -540),
    ("hdt", -540),
    ("hst", -600),
    ("greenwich mean time", 0),
    ("coordinated universal time", 0),
    ("gmt standard time", 0),
    ("gmt daylight time", 60),
    ("british summer time", 60),
    ("western european time", 0),
    ("central european time", 60),
    ("central european standard time", 60),
    ("central europe standard time", 60),
    ("w europe standard time", 60),
    ("romance standard time", 60),
    ("central european summer time", 120),
    ("central european daylight time", 120),
    ("central europe daylight time", 120),
    ("w europe daylight time", 120),
    ("romance daylight time", 120),
    ("eastern european time", 120),
    ("e europe standard time", 120),
    ("eastern european summer time", 180),
    ("e europe daylight time", 180),
    ("russian standard time", 180),
    ("moscow standard time", 180),
    ("india standard time", 330),
    ("china standard time", 480),
    ("tokyo standard time", 540),
    ("japan standard time", 540),
    ("korea standard time", 540),
    ("aus eastern standard time", 600),
    ("australian eastern standard time", 600),
    ("aus eastern daylight time", 660),
    ("australian eastern daylight time", 660),
    ("new zealand standard time", 720),
    ("new zealand daylight time", 780),
    ("atlantic daylight time", -180),
    ("atlantic standard time", -240),
    ("eastern daylight time", -240),
    ("eastern standard time", -300),
    ("central daylight time", -300),
    ("central standard time", -360),
    ("mountain daylight time", -360),
    ("mountain standard time", -420),
    ("pacific daylight time", -420),
    ("pacific standard time", -480),
    ("alaskan daylight time", -480),
    ("alaska daylight time", -480),
    ("alaskan standard time", -540),
    ("alaska standard time", -540),
    ("hawaiian standard time", -600),
    ("hawaii standard time", -600),
];

/// Abbreviations used for more than one zone.
const AMBIGUOUS_ZONES: &[&str] = &["ist", "ast", "adt", "gst", "sst", "amt", "bdt"];

/// A zone name outside RFC 5322 (one word or a phrase), read: its offset
/// in seconds and how it was read. `None` when the words are not a zone
/// name at all.
fn guessed_zone(words: &[&str]) -> Option<(i32, ZoneGuess)> {
    let name = words.join(" ");
    if let Some(&(_, minutes)) = COMMON_ZONES.iter().find(|(n, _)| *n == name) {
        return Some((minutes * 60, ZoneGuess::Common));
    }
    match words {
        [w] if AMBIGUOUS_ZONES.contains(w) => Some((0, ZoneGuess::Ambiguous)),
        // Military letters other than Z (and J, which is not one): meaning
        // unknown (RFC 5322 §4.3).
        [w] if w.len() == 1 && *w != "j" => Some((0, ZoneGuess::Unknown)),
        [w] if (2..=5).contains(&w.len()) => Some((0, ZoneGuess::Unknown)),
        [_, .., last] if *last == "time" && words.len() <= 6 => Some((0, ZoneGuess::Unknown)),
        _ => None,
    }
}

/// How a zone name is shown: an abbreviation uppercased, a phrase with
/// each word capitalised.
fn display_zone(words: &[&str]) -> String {
    match words {
        [w] => w.to_ascii_uppercase(),
        _ => words
            .iter()
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or_else(String::new, |f| {
                    f.to_ascii_uppercase().to_string() + c.as_str()
                })
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

struct Parser<'a> {
    t: &'a [Tok<'a>],
    i: usize,
    /// Set when the zone was a name outside RFC 5322.
    assumed: Option<AssumedZone>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a Tok<'a>> {
        self.t.get(self.i)
    }

    fn peek_at(&self, ahead: usize) -> Option<&'a Tok<'a>> {
        self.t.get(self.i + ahead)
    }

    fn next(&mut self) -> Option<&'a Tok<'a>> {
        let t = self.t.get(self.i);
        self.i += 1;
        t
    }

    /// Consumes the punctuation `c` if it is next.
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn num(&mut self, min_len: usize, max_len: usize) -> Option<u32> {
        match self.next()? {
            Tok::Num(s) => digits(s, min_len, max_len),
            _ => None,
        }
    }

    fn alpha(&mut self) -> Option<&str> {
        match self.next()? {
            Tok::Alpha(s) => Some(s),
            _ => None,
        }
    }

    fn date(&mut self) -> Option<DateTime<FixedOffset>> {
        while self.eat(',') {}
        if let Some(Tok::Alpha(w)) = self.peek()
            && is_weekday(w)
        {
            self.i += 1;
            while self.eat(',') || self.eat('.') {}
        }
        if let (Some(Tok::Num(y)), Some(Tok::Punct('-'))) = (self.peek(), self.peek_at(1))
            && y.len() == 4
        {
            return self.iso();
        }
        let (day, mon, mut year) = match self.peek()? {
            Tok::Num(_) => {
                let day = self.num(1, 2)?;
                self.eat('-');
                let mon = month(self.alpha()?)?;
                self.eat('-');
                (day, mon, Some(self.year()?))
            }
            Tok::Alpha(_) => {
                let mon = month(self.alpha()?)?;
                let day = self.num(1, 2)?;
                while self.eat(',') {}
                let year = match (self.peek(), self.peek_at(1)) {
                    (Some(Tok::Num(_)), Some(Tok::Punct(':'))) => None,
                    _ => Some(self.year()?),
                };
                (day, mon, year)
            }
            Tok::Punct(_) => return None,
        };
        let time = self.time()?;
        if year.is_none() {
            year = Some(self.year()?);
        }
        let offset = self.zone()?;
        let date = NaiveDate::from_ymd_opt(year?, mon, day)?;
        date.and_time(time).and_local_timezone(offset).single()
    }

    /// `yyyy-mm-dd[T| ]hh:mm[:ss[.frac]] zone`.
    fn iso(&mut self) -> Option<DateTime<FixedOffset>> {
        let year = i32::try_from(self.num(4, 4)?).ok()?;
        if year < 1900 || !self.eat('-') {
            return None;
        }
        let mon = self.num(2, 2)?;
        if !self.eat('-') {
            return None;
        }
        let day = self.num(2, 2)?;
        if matches!(self.peek(), Some(Tok::Alpha(w)) if *w == "t") {
            self.i += 1;
        }
        let time = self.time()?;
        let offset = self.zone()?;
        let date = NaiveDate::from_ymd_opt(year, mon, day)?;
        date.and_time(time).and_local_timezone(offset).single()
    }

    /// Year with the RFC 5322 §4.3 rules for 2 and 3 digits.
    fn year(&mut self) -> Option<i32> {
        let Some(Tok::Num(s)) = self.next() else {
            return None;
        };
        let v = i32::try_from(digits(s, 2, 4)?).ok()?;
        match s.len() {
            2 if v < 50 => Some(2000 + v),
            2 => Some(1900 + v),
            3 => Some(1900 + v),
            _ if v >= 1900 => Some(v),
            _ => None,
        }
    }

    /// `h[h]:mm[:ss[.frac]]`; a leap second 60 is kept as chrono's leap second.
    fn time(&mut self) -> Option<NaiveTime> {
        let hour = self.num(1, 2)?;
        if !self.eat(':') {
            return None;
        }
        let min = self.num(2, 2)?;
        let mut sec = 0;
        if self.eat(':') {
            sec = self.num(2, 2)?;
            if self.eat('.') {
                match self.next()? {
                    Tok::Num(_) => {}
                    _ => return None,
                }
            }
        }
        if sec == 60 {
            NaiveTime::from_hms_milli_opt(hour, min, 59, 1_000)
        } else {
            NaiveTime::from_hms_opt(hour, min, sec)
        }
    }

    /// `+hhmm`, `+hh:mm` after the sign.
    fn numeric_offset(&mut self, negative: bool) -> Option<i32> {
        let Some(Tok::Num(s)) = self.next() else {
            return None;
        };
        let (hh, mm) = if s.len() == 4 {
            (digits(s.get(..2)?, 2, 2)?, digits(s.get(2..)?, 2, 2)?)
        } else {
            let hh = digits(s, 2, 2)?;
            if !self.eat(':') {
                return None;
            }
            (hh, self.num(2, 2)?)
        };
        if hh > 23 || mm > 59 {
            return None;
        }
        let secs = i32::try_from(hh * 3600 + mm * 60).ok()?;
        Some(if negative { -secs } else { secs })
    }

    /// Words of a zone name from here: alphabetic words, dots between
    /// them dropped (`W. Europe Standard Time`).
    fn zone_words(&mut self) -> Vec<&'a str> {
        let mut words = Vec::new();
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Alpha(w) => words.push(*w),
                Tok::Punct('.') if !words.is_empty() => {}
                _ => break,
            }
            self.i += 1;
        }
        words
    }

    /// The zone, then the end of input (or one zone name after a numeric
    /// offset, which the offset overrides).
    fn zone(&mut self) -> Option<FixedOffset> {
        let secs = match self.peek()? {
            Tok::Punct(c @ ('+' | '-')) => {
                let negative = *c == '-';
                self.i += 1;
                let secs = self.numeric_offset(negative)?;
                let at = self.i;
                let words = self.zone_words();
                let named = match words.as_slice() {
                    [] => true,
                    [w] => w.len() <= 5,
                    _ => guessed_zone(&words).is_some(),
                };
                if !named {
                    self.i = at;
                }
                secs
            }
            Tok::Alpha(_) => {
                let words = self.zone_words();
                match words.as_slice() {
                    [w] if named_zone(w).is_some() => {
                        let base = named_zone(w)?;
                        let gmt_like = matches!(*w, "gmt" | "utc" | "ut");
                        match self.peek() {
                            Some(Tok::Punct(c @ ('+' | '-'))) if gmt_like => {
                                let negative = *c == '-';
                                self.i += 1;
                                self.numeric_offset(negative)?
                            }
                            _ => base,
                        }
                    }
                    _ => {
                        let (secs, guess) = guessed_zone(&words)?;
                        self.assumed = Some(AssumedZone {
                            name: display_zone(&words),
                            guess,
                        });
                        secs
                    }
                }
            }
            _ => return None,
        };
        if self.i < self.t.len() {
            return None;
        }
        FixedOffset::east_opt(secs)
    }
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
