//! Dates: absolute, partial and relative date expressions, normalized to ISO 8601.
//! Also finds the article's anchor date (dateline or first full date).

use crate::model::Span;
use crate::text::Doc;

/// What [`extract`] found.
#[derive(Debug, Default)]
pub struct DateFindings {
    pub spans: Vec<Span>,
    /// ISO date relative dates were resolved against.
    pub anchor: Option<String>,
    /// "option", "dateline" or "first-date".
    pub anchor_source: Option<&'static str>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Parses "YYYY-MM-DD".
pub fn parse_iso(s: &str) -> Option<Ymd> {
    let mut it = s.trim().splitn(3, '-');
    let year: i32 = it.next()?.parse().ok()?;
    let month: u32 = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > 31 {
        return None;
    }
    Some(Ymd { year, month, day })
}

/// Finds date expressions. `anchor` overrides the article's own anchor date; `names` are name
/// spans already found (a date is not reported inside a name).
pub fn extract(_doc: &Doc, _anchor: Option<&str>, _names: &[Span]) -> DateFindings {
    DateFindings::default()
}
