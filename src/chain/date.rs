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
//!   bare zone abbreviation (`+0100 CET`); ISO 8601 (`2026-11-23T10:15:02Z`,
//!   `2026-11-23 10:15:02 +01:00`).
//! * Rejected: a missing zone (no guess), a non-RFC zone name on its own
//!   (`CET`: ambiguous names such as `IST` exist), impossible values (month
//!   13, 30 February, hour 25, minute 60, offset `+2500` or `+0160`), years
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

/// Parses a Received date (the text after the last `;`).
///
/// Returns the date with the offset as written (named zones mapped to their
/// offset). See the module documentation for the accepted forms.
pub fn parse_date(text: &str) -> Result<DateTime<FixedOffset>, DateError> {
    strip_comments(text)
        .and_then(|mut cleaned| {
            // Lower-cased once here, so that words are slices of it.
            cleaned.make_ascii_lowercase();
            let tokens = tokenize(&cleaned)?;
            Parser { t: &tokens, i: 0 }.date()
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
        // Military zones other than Z: meaning unknown (RFC 5322 §4.3), read as 0.
        _ if w.len() == 1 && w != "j" => 0,
        _ => return None,
    };
    Some(hours * 3600)
}

struct Parser<'a> {
    t: &'a [Tok<'a>],
    i: usize,
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

    fn date(mut self) -> Option<DateTime<FixedOffset>> {
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
    fn iso(mut self) -> Option<DateTime<FixedOffset>> {
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

    /// The zone, then the end of input (or one zone abbreviation after a
    /// numeric offset).
    fn zone(&mut self) -> Option<FixedOffset> {
        let secs = match self.next()? {
            Tok::Punct(c @ ('+' | '-')) => {
                let negative = *c == '-';
                let secs = self.numeric_offset(negative)?;
                if let Some(Tok::Alpha(w)) = self.peek()
                    && w.len() <= 5
                {
                    self.i += 1;
                }
                secs
            }
            Tok::Alpha(w) => {
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
