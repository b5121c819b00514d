//! Dates: absolute, partial and relative date expressions, normalized to ISO 8601.
//! Also finds the article's anchor date (dateline or first full date), and clock times.
//!
//! # What is found
//! * Absolute dates: "February 11, 2017", "Feb. 9, 2017", "11 Feb 2017", "the 9th of February 2017"
//!   (span starts at "9th"), "Tuesday, February 9, 2017" (weekday included), "2017-02-11",
//!   "2017/02/11", "11.02.2017" (day first), "25/12/2017" and "12/25/2017" (numeric day/month only
//!   when unambiguous: one part above 12, or both equal; "02/11/2017" is still a date, without
//!   `value`). "9/11" and other year-less slash forms are not dates.
//! * Partial dates: "February 9", "9 February" (year inferred), "February" (year inferred),
//!   "February 2017", "2007", "1990s", "'90s", "mid-2004", "early 2019", "late February",
//!   "spring 2020", "19th century".
//! * Ranges: "2004-2007", "2016-17", "February 9-11, 2017", "9-11 February".
//! * Relative dates: "yesterday", "today", "tomorrow", "last/this/next week|month|year|weekend",
//!   "last/this/next Tuesday", "last/next February", "last summer", "two years ago",
//!   "a week ago", "several years ago" (no value), and a weekday alone ("on Tuesday").
//! * Times (`Kind::Time`): "3:30 p.m.", "10 a.m.", "10am", "15:00 GMT", "1500 GMT", "0800 hours",
//!   "10 o'clock", "noon", "midnight", and (relative, without value) "this morning", "tonight",
//!   "last night", "this afternoon", "this evening".
//!
//! # Spans
//! Prepositions and articles are never part of a span: "since 2004" → "2004", "the 1990s" →
//! "1990s", "on Tuesday" → "Tuesday". Qualifiers and relative modifiers are: "early 2019",
//! "mid-2004", "early 1990s", "last week", "next Tuesday", "two years ago". A possessive "'s"
//! is not ("2004's" → "2004"). Spans never overlap; at each position the longest match wins.
//! No span is reported that overlaps a name span passed in `names`.
//!
//! # Values (`Value::Text`)
//! * Full date `"2017-02-11"`, year-month `"2017-02"`, year `"2007"`.
//! * Decade `"199X"` ("1990s", "'90s"); century `"18XX"` ("19th century", and "1800s"/"1900s" — a
//!   round hundred before 2000 is read as the century; "2000s" is the decade `"200X"`). This is
//!   the ISO 8601-2 / EDTF "unspecified digit" notation.
//! * Qualified and seasonal expressions carry the value of what they qualify: "early 2019" →
//!   `"2019"`, "mid-2004" → `"2004"`, "spring 2020" → `"2020"`, "late February" → `"2017-02"`.
//! * Ranges use the ISO 8601 interval form: `"2004/2007"`, `"2017-02-09/2017-02-11"`. A year-dash
//!   pair "YYYY-NN" is a range when NN is greater than YYYY's last two digits ("2016-17",
//!   "2004-08" → `"2004/2008"`), else a year-month ("1996-08" → `"1996-08"`).
//! * Weeks use the ISO week `"2017-W05"` ("last week", "this week", "next week", "two weeks
//!   ago", "last weekend" = the week holding that Saturday).
//! * A month or day whose year is unknown (no anchor) uses `X` for the year: `"XXXX-02-09"`,
//!   `"XXXX-02"`.
//! * Times: `"15:30"`; with a known zone the offset is added (`"15:00Z"` for GMT/UTC,
//!   `"15:00-05:00"` for EST).
//!
//! # Anchor and resolution
//! The anchor is the `anchor` option ("YYYY-MM-DD"), else the dateline (a full date in the first
//! five paragraphs that stands alone: its paragraph has no lower-case words besides it, like
//! "February 11, 2017", "LONDON 1996-08-30", "Published: Feb. 11, 2017"; or it opens the
//! paragraph after an upper-case place name, "LONDON, Feb. 11, 2017 - …"), else the first full date.
//!
//! * "yesterday" = anchor − 1 day, "two years ago" = anchor year − 2, "last month" = the month
//!   before the anchor's, and so on; these carry `relative: true`.
//! * A weekday alone takes the tense of its sentence (the nearest marker before it, else after it:
//!   "said", "told", "was", "were", "had", verbs in -ed → past; "will", "would", "shall",
//!   "expected", "scheduled", "is to", "plans to" → future). Past (and no marker, the usual news
//!   case "said Tuesday"): the latest such weekday on or before the anchor — an article dated
//!   on a Tuesday saying "said on Tuesday" means that day. Future: the first one after the
//!   anchor. "last Tuesday" is the latest one strictly before the anchor, "next Tuesday" the first
//!   one strictly after.
//! * A month or month-day without a year takes the anchor's year (`inferred: true`); in a past
//!   context a month after the anchor's month takes the year before, in a future context a
//!   month before the anchor's month takes the year after.
//! * With no anchor, relative dates are reported without `value`.

use std::sync::LazyLock;

use crate::extract::ranges::Ranges;
use crate::extract::wordset::{EdgeFilter, WordSet};
use crate::model::{Kind, Span, Value};
use crate::text::{Doc, TokKind, Token};

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

impl Ymd {
    fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    fn days(&self) -> i64 {
        days_from_civil(self.year as i64, self.month, self.day)
    }
}

/// Parses "YYYY-MM-DD" (a real calendar date, year 1–9999).
pub fn parse_iso(s: &str) -> Option<Ymd> {
    let mut it = s.trim().splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    let all_digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(y) || !all_digits(m) || !all_digits(d) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Ymd { year, month, day })
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01).

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let (m, d) = (m as i64, d as i64);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    Ymd { year: (if m <= 2 { y + 1 } else { y }) as i32, month: m as u32, day: d as u32 }
}

/// Monday = 1 … Sunday = 7.
fn iso_weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7) + 1
}

fn iso_week(days: i64) -> String {
    let thu = days + 4 - iso_weekday(days);
    let y = civil_from_days(thu).year;
    let jan1 = days_from_civil(y as i64, 1, 1);
    format!("{:04}-W{:02}", y, (thu - jan1) / 7 + 1)
}

fn add_months(y: i32, m: u32, k: i64) -> (i32, u32) {
    let total = y as i64 * 12 + (m as i64 - 1) + k;
    (total.div_euclid(12) as i32, (total.rem_euclid(12) + 1) as u32)
}

// ---------------------------------------------------------------------------------------------
// Word lists.

const MONTHS_FULL: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];
const MONTHS_ABBR: [(&str, u32); 13] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("may", 5),
];
/// Month names that are also common names or words: a bare one needs a date context.
const AMBIGUOUS_MONTHS: [u32; 5] = [3, 4, 5, 6, 8];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const WEEKDAYS_ABBR: [(&str, i64); 10] = [
    ("mon", 1),
    ("tue", 2),
    ("tues", 2),
    ("wed", 3),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("fri", 5),
    ("sat", 6),
    ("sun", 7),
];
/// Words before a weekday that make it a name ("Super Tuesday", "Good Friday").
const WEEKDAY_NAME_BEFORE: &[&str] = &[
    "super", "black", "good", "ash", "cyber", "bloody", "easter", "palm", "blue", "holy", "maundy", "shrove", "man",
    "giving", "whit", "low", "plough", "mothering", "manic",
];
/// Words after a weekday that make it a name ("Sunday Times", "Monday Night Football").
const WEEKDAY_NAME_AFTER: &[&str] = &[
    "Times", "Telegraph", "Mirror", "Express", "Herald", "Post", "Mail", "Independent", "Tribune", "Star", "Sport",
    "Observer", "Night", "School", "Mass", "Service", "Supplement", "Magazine", "Edition", "Review", "Club",
];
/// Words before an ambiguous month name ("May", "March") that make it a month.
const MONTH_TRIGGERS: &[&str] = &[
    "in", "on", "since", "by", "until", "till", "early", "late", "mid", "last", "next", "this", "of", "from",
    "through", "during", "before", "after", "between", "each", "every", "until", "around",
];
/// Before a bare year, these make it a year whatever follows (except a unit).
const YEAR_STRONG: &[&str] = &[
    "since", "until", "till", "til", "during", "circa", "ca.", "c.", "year", "fiscal", "fy", "spring", "summer",
    "autumn", "fall", "winter", "early", "late", "mid", "pre", "post", "year's",
];
/// Before a number, these make it a count.
const COUNT_BEFORE: &[&str] = &[
    "than", "least", "nearly", "almost", "approximately", "roughly", "estimated", "total", "another", "additional",
    "extra", "some", "no.", "no", "nos.", "number", "page", "pages", "p.", "pp.", "room", "flight", "route", "highway",
    "interstate", "platform", "gate", "bus", "channel", "suite", "apt", "apartment", "box", "row", "seat", "section",
    "article", "chapter", "verse", "model", "version", "rs", "rs.", "usd", "eur", "gbp", "inr", "pkr", "jpy", "cny",
    "us$", "score", "code", "zip", "tel", "phone", "ext", "resolution", "vol.", "issue", "exactly", "only", "just",
    "x",
];
/// Before a number, these make it a count when a noun follows ("around 2004 people").
const ABOUT_BEFORE: &[&str] = &["about", "around", "over", "under", "approx", "approx.", "nearly"];
/// Words that may follow a year in "around 2004 when …".
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "when", "while", "where", "as", "the", "a", "an", "to", "in", "on", "at", "for", "with",
    "from", "by", "of", "that", "which", "who", "was", "were", "is", "are", "had", "has", "have", "and", "after",
    "before", "until", "onwards", "onward", "through", "so", "then", "if",
];
/// Nouns after a 4-digit number that make it a count ("2004 people").
const COUNT_NOUNS: &[&str] = &[
    "people", "persons", "person", "children", "kids", "men", "women", "adults", "soldiers", "troops", "officers",
    "police", "policemen", "civilians", "residents", "citizens", "workers", "employees", "staff", "jobs", "students",
    "pupils", "teachers", "doctors", "nurses", "patients", "cases", "deaths", "dead", "casualties", "victims",
    "injured", "wounded", "refugees", "migrants", "immigrants", "prisoners", "detainees", "inmates", "fighters",
    "militants", "rebels", "members", "voters", "votes", "signatures", "supporters", "protesters", "demonstrators",
    "fans", "visitors", "tourists", "passengers", "users", "customers", "subscribers", "followers", "households",
    "families", "homes", "houses", "buildings", "units", "vehicles", "cars", "trucks", "planes", "aircraft", "ships",
    "boats", "tanks", "weapons", "guns", "rifles", "bombs", "missiles", "rockets", "shells", "airstrikes", "strikes",
    "raids", "attacks", "incidents", "arrests", "copies", "pages", "words", "items", "products", "shares", "points",
    "goals", "runs", "matches", "times", "animals", "birds", "trees", "sheep", "cattle", "cows", "acres", "hectares",
    "companies", "firms", "schools", "hospitals", "villages", "towns", "cities", "sites", "seats", "beds", "rooms",
    "tickets", "calls", "emails", "messages", "letters", "documents", "files", "samples", "tests", "doses", "species",
    "participants", "respondents", "delegates", "candidates", "applicants", "stores", "shops", "branches", "projects",
];
/// Units after a number that make it a measure, never a year.
const UNITS: &[&str] = &[
    "m", "km", "cm", "mm", "kg", "g", "mg", "lb", "lbs", "oz", "t", "metres", "meters", "metre", "meter", "kilometres",
    "kilometers", "miles", "mile", "feet", "foot", "ft", "inches", "yards", "tonnes", "tons", "tonne", "ton",
    "kilograms", "grams", "pounds", "litres", "liters", "gallons", "barrels", "hours", "hrs", "minutes", "mins",
    "seconds", "secs", "days", "weeks", "months", "years", "degrees", "mph", "kph", "calories", "watts", "mw", "gw",
    "kw", "kwh", "volts", "mb", "gb", "sq", "square", "cubic", "dollars", "euros", "yen", "yuan", "rupees", "pesos",
    "francs", "bn", "billion", "million", "thousand", "hundred", "percent", "pc", "per", "cc", "hp", "bhp", "rpm", "%",
    "°", "km/h", "mi", "sqm", "ha", "kcal", "psi", "bps",
];
const SEASONS: [&str; 5] = ["spring", "summer", "autumn", "fall", "winter"];
const PAST_IRREGULAR: &[&str] = &[
    "said", "told", "was", "were", "had", "did", "met", "went", "came", "left", "gave", "took", "made", "held",
    "began", "sent", "saw", "found", "spoke", "wrote", "won", "lost", "fell", "rose", "led", "struck", "got", "became",
    "brought", "bought", "built", "caught", "chose", "drove", "fought", "flew", "felt", "heard", "kept", "knew",
    "meant", "paid", "ran", "sat", "sold", "shot", "stood", "thought", "threw", "wore", "ago", "earlier", "yesterday",
    "last", "spent", "swore", "dealt", "arose", "awoke", "forgot", "froze", "hid", "lit", "rang", "sang", "sank",
    "shook", "slept", "split", "spun", "stole", "stuck", "swam", "taught", "tore", "woke", "wrote", "overtook",
    "withdrew", "undertook", "overthrew",
];
/// Words in -ed that are not past tenses.
const ED_NOT_PAST: &[&str] = &[
    "need", "seed", "feed", "speed", "bed", "red", "shed", "breed", "hundred", "indeed", "exceed", "proceed",
    "succeed", "weed", "bleed", "greed", "creed", "deed", "naked", "wicked", "sacred", "kindred", "embed", "sled",
    "wed", "fled", "led", "bred", "shred", "steed", "heed", "reed", "tweed", "biased", "alleged", "so-called",
    "supposed", "expected", "scheduled", "planned",
];
const FUTURE_WORDS: &[&str] = &[
    "will", "'ll", "\u{2019}ll", "shall", "would", "won't", "won\u{2019}t", "expected", "scheduled", "slated", "due",
    "planned", "upcoming", "next", "tomorrow",
];
/// Verbs of intention: future when followed by "to".
const FUTURE_BEFORE_TO: &[&str] = &[
    "going", "plans", "plan", "intends", "intend", "set", "is", "are", "am", "aims", "hopes", "wants", "seeks",
    "vowed", "vows", "promised", "promises", "pledged", "threatened", "threatens",
];
const TIME_ZONES: &[(&str, &str)] = &[
    ("GMT", "Z"),
    ("UTC", "Z"),
    ("Z", "Z"),
    ("BST", "+01:00"),
    ("CET", "+01:00"),
    ("CEST", "+02:00"),
    ("EET", "+02:00"),
    ("EEST", "+03:00"),
    ("MSK", "+03:00"),
    ("EST", "-05:00"),
    ("EDT", "-04:00"),
    ("CST", ""),
    ("CDT", "-05:00"),
    ("MST", "-07:00"),
    ("MDT", "-06:00"),
    ("PST", "-08:00"),
    ("PDT", "-07:00"),
    ("JST", "+09:00"),
    ("KST", "+09:00"),
    ("AEST", "+10:00"),
    ("AEDT", "+11:00"),
    ("IST", ""),
    ("ET", ""),
    ("PT", ""),
    ("CT", ""),
    ("MT", ""),
    ("HKT", "+08:00"),
    ("SGT", "+08:00"),
    ("WIB", "+07:00"),
    ("PKT", "+05:00"),
    ("WAT", "+01:00"),
    ("EAT", "+03:00"),
    ("SAST", "+02:00"),
];
const NUMBER_WORDS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
];

static COUNT_SET: LazyLock<WordSet> = LazyLock::new(|| COUNT_NOUNS.iter().copied().collect());
static UNIT_SET: LazyLock<WordSet> = LazyLock::new(|| UNITS.iter().copied().collect());
/// The tense word lists as sets (the tense test runs them over a window of up to 20 tokens).
static FUTURE_SET: LazyLock<WordSet> = LazyLock::new(|| FUTURE_WORDS.iter().copied().collect());
static FUTURE_BEFORE_TO_SET: LazyLock<WordSet> = LazyLock::new(|| FUTURE_BEFORE_TO.iter().copied().collect());
static PAST_IRREGULAR_SET: LazyLock<WordSet> = LazyLock::new(|| PAST_IRREGULAR.iter().copied().collect());
static ED_NOT_PAST_SET: LazyLock<WordSet> = LazyLock::new(|| ED_NOT_PAST.iter().copied().collect());

/// Lower-case words that can open a date or time; other words are skipped at once.
fn start_words() -> impl Iterator<Item = &'static str> {
    MONTHS_FULL
        .iter()
        .copied()
        .chain(MONTHS_ABBR.iter().map(|(a, _)| *a))
        .chain(WEEKDAYS.iter().copied())
        .chain(WEEKDAYS_ABBR.iter().map(|(a, _)| *a))
        .chain(SEASONS.iter().copied())
        .chain(NUMBER_WORDS.iter().map(|(w, _)| *w))
        .chain([
            "early", "late", "mid", "last", "this", "next", "yesterday", "today", "tomorrow", "tonight", "noon",
            "midnight", "midday", "several", "few", "many", "some", "days", "weeks", "months", "years", "decades", "'",
            "\u{2019}", "\u{2018}",
        ])
}
static START_WORDS: LazyLock<WordSet> = LazyLock::new(|| start_words().collect());

/// The start words, with and without a final period ("Feb", "Feb.").
static START_FILTER: LazyLock<EdgeFilter> = LazyLock::new(|| {
    let mut f: EdgeFilter = start_words().collect();
    for w in start_words() {
        if let Some(&first) = w.as_bytes().first() {
            f.insert_edges(first, b'.', w.len() + 1);
        }
    }
    f
});

/// "9th", "21st", "3RD": the number of a one- or two-digit ordinal written with digits.
fn digit_ordinal(s: &str) -> Option<u32> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) || s.len() != digits + 2 {
        return None;
    }
    let suffix = s[digits..].to_ascii_lowercase();
    if !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
        return None;
    }
    s[..digits].parse().ok()
}

// ---------------------------------------------------------------------------------------------
// Candidates.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// How a weekday alone is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WdMode {
    /// On or before the anchor (past / unknown context).
    OnOrBefore,
    /// Strictly before ("last Tuesday").
    Before,
    /// Strictly after ("next Tuesday", future context).
    After,
}

#[derive(Clone, Debug, PartialEq)]
enum Val {
    None,
    /// A value that needs no anchor.
    Iso(String),
    /// A full date (anchor material).
    Full(Ymd),
    /// Month and day, year from the anchor.
    MonthDay {
        m: u32,
        d: u32,
        d2: Option<u32>,
        tense: Tense,
    },
    /// Month, year from the anchor.
    Month {
        m: u32,
        tense: Tense,
    },
    RelDay(i64),
    RelWeek(i64),
    RelMonth(i64),
    RelYear(i64),
    RelWeekend(i64),
    Weekday {
        wd: i64,
        mode: WdMode,
    },
    NamedMonth {
        m: u32,
        dir: i64,
    },
    /// Season index 0 spring … 3 winter, with last/this/next.
    Season {
        s: usize,
        dir: i64,
    },
    /// Relative without a computable value ("several years ago", "tonight").
    RelNone,
}

impl Val {
    fn is_relative(&self) -> bool {
        matches!(
            self,
            Val::RelDay(_)
                | Val::RelWeek(_)
                | Val::RelMonth(_)
                | Val::RelYear(_)
                | Val::RelWeekend(_)
                | Val::Weekday { .. }
                | Val::NamedMonth { .. }
                | Val::Season { .. }
                | Val::RelNone
        )
    }
}

#[derive(Clone, Debug)]
struct Cand {
    /// Token range, end exclusive.
    s: usize,
    e: usize,
    kind: Kind,
    val: Val,
}

fn cand(s: usize, e: usize, val: Val) -> Option<Cand> {
    Some(Cand { s, e, kind: Kind::Date, val })
}

fn time_cand(s: usize, e: usize, val: Val) -> Option<Cand> {
    Some(Cand { s, e, kind: Kind::Time, val })
}

struct Scanner<'d, 'a> {
    doc: &'d Doc<'a>,
    toks: &'d [Token],
    /// Lower-cased texts of the tokens that need it (with capitals), one after another: token `i`'s
    /// is `low_text[low_at[i]..low_at[i + 1]]`. One buffer instead of a string per token.
    low_text: String,
    low_at: Vec<u32>,
    /// Bit `i`: token `i` is its own lower-case form (no capitals; most tokens), not copied.
    /// Tokens over 24 bytes are neither copied nor marked: their lower-case form is empty.
    own: Vec<u64>,
}

impl<'d, 'a> Scanner<'d, 'a> {
    /// The scanner of `doc`, with the lower-cased forms of its tokens.
    #[inline(never)]
    fn new(doc: &'d Doc<'a>) -> Self {
        let mut low_text = String::new();
        let mut low_at = Vec::with_capacity(doc.tokens.len() + 1);
        let mut own = vec![0u64; doc.tokens.len().div_ceil(64)];
        for (i, t) in doc.tokens.iter().enumerate() {
            low_at.push(low_text.len() as u32);
            let s = &doc.text[t.start..t.end];
            if s.len() > 24 {
                continue;
            }
            let b = s.as_bytes();
            let lower = if !b.iter().any(|&c| c.is_ascii_uppercase() || c >= 0x80) {
                true
            } else if s.is_ascii() {
                let at = low_text.len();
                low_text.push_str(s);
                low_text[at..].make_ascii_lowercase();
                false
            } else if !s.chars().any(char::is_uppercase) {
                true
            } else {
                low_text.push_str(&s.to_lowercase());
                false
            };
            if lower {
                own[i / 64] |= 1 << (i % 64);
            }
        }
        low_at.push(low_text.len() as u32);
        Scanner { doc, toks: &doc.tokens, low_text, low_at, own }
    }

    fn n(&self) -> usize {
        self.toks.len()
    }

    #[inline]
    fn tok(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.doc.text[t.start..t.end],
            None => "",
        }
    }

    #[inline]
    fn low(&self, i: usize) -> &str {
        if self.own.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0) {
            return self.tok(i);
        }
        match (self.low_at.get(i), self.low_at.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.low_text[a as usize..b as usize],
            _ => "",
        }
    }

    /// Token `i` follows token `i - 1` with no space.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.n() && !self.toks[i].space_before
    }

    fn prev_low(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.low(i - 1)
        }
    }

    #[inline]
    fn is_cap(&self, i: usize) -> bool {
        self.tok(i).chars().next().is_some_and(|c| c.is_uppercase())
    }

    #[inline]
    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Number)
    }

    fn digits(&self, i: usize) -> Option<&'a str> {
        let s = self.tok(i);
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.tok(i), "-" | "\u{2013}" | "\u{2014}" | "\u{2012}" | "\u{2010}")
    }

    /// Month at token `i`: (month, written in full). Must start with a capital.
    fn month_at(&self, i: usize) -> Option<(u32, bool)> {
        if !self.is_cap(i) || self.toks.get(i)?.kind != TokKind::Word {
            return None;
        }
        let l = self.low(i);
        if let Some(k) = MONTHS_FULL.iter().position(|m| *m == l) {
            return Some((k as u32 + 1, true));
        }
        let stem = l.strip_suffix('.').unwrap_or(l);
        MONTHS_ABBR.iter().find(|(a, _)| *a == stem).map(|&(_, m)| (m, false))
    }

    /// Weekday at `i`: (ISO number, written in full).
    fn weekday_at(&self, i: usize) -> Option<(i64, bool)> {
        // Every weekday and abbreviation starts with one of these letters (checked in the
        // tests): one byte rejects almost every token before any decoding.
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Word
            || !matches!(self.doc.text.as_bytes().get(t.start), Some(b'M' | b'T' | b'W' | b'F' | b'S'))
        {
            return None;
        }
        let l = self.low(i);
        // Weekdays and their abbreviations (with a period) are 3 to 9 bytes long.
        if !(3..=9).contains(&l.len()) {
            return None;
        }
        if let Some(k) = WEEKDAYS.iter().position(|w| *w == l) {
            return Some((k as i64 + 1, true));
        }
        let stem = l.strip_suffix('.').unwrap_or(l);
        WEEKDAYS_ABBR.iter().find(|(a, _)| *a == stem).map(|&(_, w)| (w, false))
    }

    /// A day of the month at `i` ("9", "09", "9th"): (day, is ordinal).
    fn day_at(&self, i: usize) -> Option<(u32, bool)> {
        if !self.is_num(i) {
            return None;
        }
        let s = self.tok(i);
        let (d, ord) = if let Some(d) = self.digits(i) {
            if d.len() > 2 {
                return None;
            }
            (d.parse::<u32>().ok()?, false)
        } else {
            (digit_ordinal(s)?, true)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        // Not a day: "9%", "9:30", "9.5", "9-year-old".
        if self.glued(i + 1) && matches!(self.tok(i + 1), "%" | ":" | "/" | "$") {
            return None;
        }
        if COUNT_SET.contains(self.low(i + 1)) {
            return None;
        }
        if UNIT_SET.contains(self.low(i + 1)) {
            return None;
        }
        Some((d, ord))
    }

    /// A four-digit year 1000–2099 at `i` (no context checks beyond "not followed by % or a unit").
    fn year_at(&self, i: usize) -> Option<i32> {
        let d = self.digits(i)?;
        if d.len() != 4 {
            return None;
        }
        let y: i32 = d.parse().ok()?;
        if !(1000..=2099).contains(&y) {
            return None;
        }
        if UNIT_SET.contains(self.low(i + 1)) {
            return None;
        }
        if self.glued(i + 1)
            && matches!(self.tok(i + 1), ":" | "." | "/" | "-" | "\u{2013}")
            && self.is_num(i + 2)
            && self.glued(i + 2)
        {
            return None;
        }
        Some(y)
    }

    /// The tense of the sentence around tokens `s..e`.
    fn tense(&self, s: usize, e: usize) -> Tense {
        let Some(t) = self.toks.get(s) else {
            return Tense::Unknown;
        };
        let si = self.doc.sentence_at(t.start);
        let range = match self.doc.sentences.get(si) {
            Some(seg) if seg.tokens.start <= s => seg.tokens.clone(),
            _ => s..e,
        };
        // The nearest strong marker wins; a participle in -ed counts only when no strong marker is
        // in the window ("will be released on Tuesday" is future).
        let mut weak = false;
        for j in (range.start.max(s.saturating_sub(12))..s).rev() {
            match self.marker(j) {
                Some((t, true)) => return t,
                Some((_, false)) => weak = true,
                None => {}
            }
        }
        if weak {
            return Tense::Past;
        }
        for j in e..range.end.min(e + 8) {
            match self.marker(j) {
                Some((t, true)) => return t,
                Some((_, false)) => weak = true,
                None => {}
            }
        }
        if weak {
            Tense::Past
        } else {
            Tense::Unknown
        }
    }

    /// A tense marker at token `j`: (tense, strong).
    fn marker(&self, j: usize) -> Option<(Tense, bool)> {
        if self.toks.get(j)?.kind != TokKind::Word {
            return None;
        }
        let l = self.low(j);
        if l.is_empty() {
            return None;
        }
        if FUTURE_SET.contains(l) {
            return Some((Tense::Future, true));
        }
        if FUTURE_BEFORE_TO_SET.contains(l) && self.low(j + 1) == "to" {
            return Some((Tense::Future, true));
        }
        if PAST_IRREGULAR_SET.contains(l) {
            return Some((Tense::Past, true));
        }
        if l.len() >= 4
            && l.ends_with("ed")
            && !ED_NOT_PAST_SET.contains(l)
            && l.bytes().all(|b| b.is_ascii_lowercase())
        {
            // Only lower-case words: "Ahmed" is a name.
            if self.tok(j).bytes().next().is_some_and(|b| b.is_ascii_lowercase()) {
                return Some((Tense::Past, false));
            }
        }
        None
    }

    // -----------------------------------------------------------------------------------------
    // Patterns. Each returns the candidate starting at token `i`, if any.

    /// The longest date or time starting at token `i`, else a weekday standing alone there.
    fn candidate_at(&self, i: usize) -> Option<Cand> {
        if !self.is_num(i) && !self.may_start(i) {
            // Not a start word: no pattern, and no weekday (every weekday is a start word).
            return None;
        }
        let word = self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word);
        // (A weekday is a word token.)
        self.best_at(i).or_else(|| if word { self.weekday_alone(i) } else { None })
    }

    /// Token `i` (not a number) is a start word, or one with its period ("Feb.", "Wed.").
    fn may_start(&self, i: usize) -> bool {
        // Most tokens are ASCII and fail the first/last-letter and length table: no lower-casing,
        // no hashing.
        let s = self.tok(i);
        if !START_FILTER.may_contain(s) && s.is_ascii() {
            return false;
        }
        let l = self.low(i);
        START_WORDS.contains(l) || (l.ends_with('.') && START_WORDS.contains(&l[..l.len() - 1]))
    }

    fn best_at(&self, i: usize) -> Option<Cand> {
        // Each pattern needs a certain first token; those that cannot match here are not tried
        // (the reason is noted at each; the result is the same as trying them all in order).
        let num = self.is_num(i);
        let word = self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word);
        let digit_first = self.tok(i).as_bytes().first().is_some_and(u8::is_ascii_digit);
        let l = self.low(i);
        let mut best: Option<Cand> = None;
        // In this order, a later candidate wins only when strictly longer.
        let mut take = |c: Option<Cand>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.e > b.e) {
                    best = Some(c);
                }
            }
        };
        // A weekday or a month: word tokens.
        if word {
            take(self.weekday_prefixed(i));
            take(self.month_first(i, true));
        }
        // A day: a number token.
        if num {
            take(self.day_first(i));
        }
        // Digits or a number token.
        if num || digit_first {
            take(self.numeric(i));
        }
        // "early", "late", "mid", seasons: letters first.
        if !digit_first {
            take(self.qualified(i));
            take(self.season(i));
        }
        // A number token or a quote ("'90s").
        if num || matches!(self.tok(i), "'" | "\u{2019}" | "\u{2018}") {
            take(self.decade(i));
        }
        // "19th": digits first.
        if digit_first {
            take(self.century(i));
        }
        take(self.relative(i));
        // "noon", "midnight", or a number token.
        if num || matches!(l, "noon" | "midday" | "midnight") {
            take(self.time(i));
        }
        // A year: digits first.
        if digit_first {
            take(self.year(i));
        }
        best
    }

    /// "Tuesday, February 9, 2017", "Wed., Feb. 8", "Sat 11 Feb 2017".
    fn weekday_prefixed(&self, i: usize) -> Option<Cand> {
        self.weekday_at(i)?;
        let mut j = i + 1;
        if self.tok(j) == "," {
            j += 1;
        }
        let with_day = |c: &Cand| matches!(c.val, Val::Full(_) | Val::MonthDay { .. });
        let inner = self.month_first(j, false).filter(with_day).or_else(|| self.day_first(j).filter(with_day))?;
        cand(i, inner.e, inner.val)
    }

    /// "February 11, 2017", "Feb. 9", "February 9-11, 2017", "February 2017", "February".
    fn month_first(&self, i: usize, allow_bare: bool) -> Option<Cand> {
        let (m, full) = self.month_at(i)?;
        let j = i + 1;
        if let Some((d, _)) = self.day_at(j) {
            let mut e = j + 1;
            let mut d2 = None;
            if self.is_dash(e) && self.glued(e) && self.glued(e + 1) {
                if let Some((x, _)) = self.day_at(e + 1) {
                    if x > d {
                        d2 = Some(x);
                        e += 2;
                    }
                }
            }
            let mut k = e;
            if self.tok(k) == "," {
                k += 1;
            }
            let year = self.year_at(k).filter(|_| !self.glued(k) || self.tok(k - 1) == ",");
            if let Some(y) = year {
                if d > days_in_month(y, m) || d2.is_some_and(|x| x > days_in_month(y, m)) {
                    return None;
                }
                let a = Ymd { year: y, month: m, day: d };
                return match d2 {
                    None => cand(i, k + 1, Val::Full(a)),
                    Some(x) => cand(i, k + 1, Val::Iso(format!("{}/{}", a.iso(), Ymd { day: x, ..a }.iso()))),
                };
            }
            if d > days_in_month(2000, m) || d2.is_some_and(|x| x > days_in_month(2000, m)) {
                return None;
            }
            // An abbreviation without a year needs its period or a capital context: "Jan 5" is fine.
            return cand(i, e, Val::MonthDay { m, d, d2, tense: self.tense(i, e) });
        }
        // "February 2017", "February of 2017", "February, 2017".
        let mut k = j;
        if self.low(k) == "of" || self.tok(k) == "," {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            if !COUNT_SET.contains(self.low(k + 1)) {
                return cand(i, k + 1, Val::Iso(format!("{y:04}-{m:02}")));
            }
        }
        if !allow_bare || !full {
            return None;
        }
        if !self.bare_month_ok(i, m) {
            return None;
        }
        cand(i, i + 1, Val::Month { m, tense: self.tense(i, i + 1) })
    }

    /// May a month name stand alone here?
    fn bare_month_ok(&self, i: usize, m: u32) -> bool {
        // Not "Februarys" etc.; not followed by a possessive name-like capital ("April Ryan").
        if !AMBIGUOUS_MONTHS.contains(&m) {
            return true;
        }
        let p = self.prev_low(i);
        if MONTH_TRIGGERS.contains(&p) {
            // "the late May" (a person) is not a month.
            return !(p == "late" && i >= 2 && self.low(i - 2) == "the");
        }
        if p == "-" && i >= 2 && self.low(i - 2) == "mid" {
            return true;
        }
        // "between March and May".
        if matches!(p, "and" | "or" | "to" | "through" | "-" | "\u{2013}") && i >= 2 && self.month_at(i - 2).is_some() {
            return true;
        }
        false
    }

    /// "11 February 2017", "9th of February", "9-11 February", "11 Feb".
    fn day_first(&self, i: usize) -> Option<Cand> {
        // The month comes at most four tokens on ("9-11 of February"), and is a word with a capital:
        // without one, no need to read the day.
        let capital_word = |j: usize| {
            self.toks.get(j).is_some_and(|t| {
                t.kind == TokKind::Word
                    && self.doc.text.as_bytes().get(t.start).is_some_and(|&b| b.is_ascii_uppercase() || b >= 0x80)
            })
        };
        if !(i + 1..=i + 4).any(capital_word) {
            return None;
        }
        let (d, ord) = self.day_at(i)?;
        if i > 0 && self.glued(i) && !matches!(self.tok(i - 1), "(" | "[" | "\"" | "\u{201C}") {
            return None;
        }
        let mut j = i + 1;
        let mut d2 = None;
        let mut ord2 = ord;
        if self.is_dash(j) && self.glued(j) && self.glued(j + 1) {
            if let Some((x, o)) = self.day_at(j + 1) {
                if x > d {
                    d2 = Some(x);
                    ord2 = o;
                    j += 2;
                }
            }
        }
        if self.low(j) == "of" && ord2 {
            j += 1;
        }
        let (m, _) = self.month_at(j)?;
        let e = j + 1;
        let mut k = e;
        if self.tok(k) == "," {
            k += 1;
        }
        let dmax = |y| days_in_month(y, m);
        if let Some(y) = self.year_at(k).filter(|_| !self.glued(k) || self.tok(k - 1) == ",") {
            if d > dmax(y) || d2.is_some_and(|x| x > dmax(y)) {
                return None;
            }
            let a = Ymd { year: y, month: m, day: d };
            return match d2 {
                None => cand(i, k + 1, Val::Full(a)),
                Some(x) => cand(i, k + 1, Val::Iso(format!("{}/{}", a.iso(), Ymd { day: x, ..a }.iso()))),
            };
        }
        if d > dmax(2000) || d2.is_some_and(|x| x > dmax(2000)) {
            return None;
        }
        cand(i, e, Val::MonthDay { m, d, d2, tense: self.tense(i, e) })
    }

    /// "2017-02-11", "2017/02/11", "1996-08", "2004-2007", "2016-17", "25/12/2017", "11.02.2017".
    fn numeric(&self, i: usize) -> Option<Cand> {
        let a = self.digits(i);
        if i > 0 && self.glued(i) && matches!(self.tok(i - 1), "-" | "/" | "." | ":" | "$" | "#" | "+") {
            return None;
        }
        // "11.02.2017" is one token.
        if a.is_none() {
            let s = self.tok(i);
            if self.is_num(i) && s.len() == 10 && s.as_bytes()[2] == b'.' && s.as_bytes()[5] == b'.' {
                let d: u32 = s.get(0..2)?.parse().ok()?;
                let m: u32 = s.get(3..5)?.parse().ok()?;
                let y: i32 = s.get(6..10)?.parse().ok()?;
                if (1..=12).contains(&m) && (1000..=2099).contains(&y) && d >= 1 && d <= days_in_month(y, m) {
                    return cand(i, i + 1, Val::Full(Ymd { year: y, month: m, day: d }));
                }
            }
            return None;
        }
        let a = a?;
        let sep = self.tok(i + 1);
        let is_sep = matches!(sep, "-" | "/" | "\u{2013}");
        if !is_sep || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let b = self.digits(i + 2)?;
        let three = self.tok(i + 3) == sep && self.glued(i + 3) && self.glued(i + 4);
        let c = if three { self.digits(i + 4) } else { None };
        // Nothing numeric may follow glued ("2017-02-11-5" is an identifier).
        let end = if c.is_some() { i + 5 } else { i + 3 };
        if self.glued(end) && (self.is_num(end) || matches!(self.tok(end), "-" | "/" | ".") && self.is_num(end + 1)) {
            return None;
        }
        if let Some(c) = c {
            if sep == "\u{2013}" {
                return None;
            }
            let (x, y, z): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
            if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
                let ymd = Ymd { year: x as i32, month: y, day: z };
                if (1000..=2099).contains(&ymd.year)
                    && (1..=12).contains(&y)
                    && z >= 1
                    && z <= days_in_month(ymd.year, y)
                {
                    return cand(i, i + 5, Val::Full(ymd));
                }
                return None;
            }
            if a.len() <= 2 && b.len() <= 2 && c.len() == 4 && sep == "/" {
                let year = z as i32;
                if !(1000..=2099).contains(&year) || x == 0 || y == 0 {
                    return None;
                }
                let dmy_ok = y <= 12 && x <= days_in_month(year, y);
                let mdy_ok = x <= 12 && y <= days_in_month(year, x);
                return match (dmy_ok, mdy_ok) {
                    (false, false) => None,
                    (true, false) => cand(i, i + 5, Val::Full(Ymd { year, month: y, day: x })),
                    (false, true) => cand(i, i + 5, Val::Full(Ymd { year, month: x, day: y })),
                    (true, true) if x == y => cand(i, i + 5, Val::Full(Ymd { year, month: x, day: y })),
                    (true, true) => cand(i, i + 5, Val::None),
                };
            }
            return None;
        }
        // Two parts: year ranges and year-months.
        if a.len() != 4 || sep == "/" {
            return None;
        }
        let y1: i32 = a.parse().ok()?;
        if !(1000..=2099).contains(&y1) {
            return None;
        }
        let after = self.low(i + 3);
        if UNIT_SET.contains(after) || COUNT_SET.contains(after) {
            return None;
        }
        if b.len() == 4 {
            let y2: i32 = b.parse().ok()?;
            if y2 > y1 && y2 <= 2099 && y2 - y1 <= 200 {
                return cand(i, i + 3, Val::Iso(format!("{y1:04}/{y2:04}")));
            }
            return None;
        }
        if b.len() == 2 {
            let nn: i32 = b.parse().ok()?;
            if nn > y1 % 100 {
                return cand(i, i + 3, Val::Iso(format!("{:04}/{:04}", y1, y1 - y1 % 100 + nn)));
            }
            if sep == "-" && (1..=12).contains(&nn) {
                return cand(i, i + 3, Val::Iso(format!("{y1:04}-{nn:02}")));
            }
        }
        None
    }

    /// "early 2019", "mid-2004", "late 1990s", "early February", "late last year".
    fn qualified(&self, i: usize) -> Option<Cand> {
        let l = self.low(i);
        if !matches!(l, "early" | "late" | "mid" | "mid-") {
            return None;
        }
        let mut j = i + 1;
        if l == "mid" {
            if !(self.tok(j) == "-" && self.glued(j) && self.glued(j + 1)) {
                return None;
            }
            j += 1;
        } else if self.tok(j) == "-" && self.glued(j) && self.glued(j + 1) {
            j += 1;
        }
        let the_late = l == "late" && self.prev_low(i) == "the";
        if let Some(c) = self.decade(j).or_else(|| self.century(j)) {
            return cand(i, c.e, c.val);
        }
        if let Some(y) = self.year_at(j) {
            if !COUNT_SET.contains(self.low(j + 1)) {
                return cand(i, j + 1, Val::Iso(format!("{y:04}")));
            }
        }
        if !the_late {
            if let Some(c) = self.month_first(j, true) {
                if matches!(c.val, Val::Month { .. } | Val::Iso(_)) {
                    return cand(i, c.e, c.val);
                }
            }
        }
        if let Some(c) = self.relative(j) {
            if matches!(c.val, Val::RelYear(_) | Val::RelMonth(_) | Val::RelWeek(_) | Val::NamedMonth { .. }) {
                return cand(i, c.e, c.val);
            }
        }
        None
    }

    /// "spring 2020", "summer of 2004".
    fn season(&self, i: usize) -> Option<Cand> {
        if !SEASONS.contains(&self.low(i)) {
            return None;
        }
        let mut j = i + 1;
        if self.low(j) == "of" {
            j += 1;
        }
        let y = self.year_at(j)?;
        if COUNT_SET.contains(self.low(j + 1)) {
            return None;
        }
        cand(i, j + 1, Val::Iso(format!("{y:04}")))
    }

    fn decade_value(&self, y: i32) -> String {
        if y % 100 == 0 && y < 2000 {
            format!("{}XX", y / 100)
        } else {
            format!("{}X", y / 10)
        }
    }

    /// "1990s", "'90s", "the 90s", "the 1990's".
    fn decade(&self, i: usize) -> Option<Cand> {
        let s = self.tok(i);
        if !self.is_num(i) {
            // "'90s".
            if matches!(s, "'" | "\u{2019}" | "\u{2018}") && self.glued(i + 1) {
                let t = self.tok(i + 1);
                if t.len() == 3 && t.ends_with('s') && t.as_bytes()[1] == b'0' && t.as_bytes()[0].is_ascii_digit() {
                    let dd: i32 = t.get(0..2)?.parse().ok()?;
                    let y = if 2000 + dd <= 2025 { 2000 + dd } else { 1900 + dd };
                    return cand(i, i + 2, Val::Iso(self.decade_value(y)));
                }
            }
            return None;
        }
        let p = self.prev_low(i);
        let decade_ctx =
            matches!(p, "the" | "early" | "late" | "mid") || (p == "-" && i >= 2 && self.low(i - 2) == "mid");
        let b = s.as_bytes();
        if s.len() == 5 && b[4] == b's' && b[..4].iter().all(u8::is_ascii_digit) && b[3] == b'0' {
            let y: i32 = s.get(0..4)?.parse().ok()?;
            if (1000..=2090).contains(&y) {
                return cand(i, i + 1, Val::Iso(self.decade_value(y)));
            }
            return None;
        }
        if s.len() == 3 && b[2] == b's' && b[1] == b'0' && b[0].is_ascii_digit() && decade_ctx {
            if matches!(self.low(i + 1), "degrees" | "°" | "f" | "c") {
                return None;
            }
            let dd: i32 = s.get(0..2)?.parse().ok()?;
            let y = if 2000 + dd <= 2025 { 2000 + dd } else { 1900 + dd };
            return cand(i, i + 1, Val::Iso(self.decade_value(y)));
        }
        // "the 1990's".
        if s.len() == 4 && b[3] == b'0' && b.iter().all(u8::is_ascii_digit) && decade_ctx {
            let y: i32 = s.parse().ok()?;
            if !(1000..=2090).contains(&y) || !self.glued(i + 1) {
                return None;
            }
            let t = self.tok(i + 1);
            if matches!(t, "'s" | "\u{2019}s") {
                return cand(i, i + 2, Val::Iso(self.decade_value(y)));
            }
            if matches!(t, "'" | "\u{2019}") && self.tok(i + 2) == "s" && self.glued(i + 2) {
                return cand(i, i + 3, Val::Iso(self.decade_value(y)));
            }
        }
        None
    }

    /// "19th century", "21st-century".
    fn century(&self, i: usize) -> Option<Cand> {
        let n = digit_ordinal(self.tok(i))? as i32;
        if !(1..=21).contains(&n) {
            return None;
        }
        let mut j = i + 1;
        if self.tok(j) == "-" && self.glued(j) && self.glued(j + 1) {
            j += 1;
        }
        if self.low(j) != "century" {
            return None;
        }
        cand(i, j + 1, Val::Iso(format!("{:02}XX", n - 1)))
    }

    /// Relative dates, and the relative times "this morning", "tonight", "last night".
    fn relative(&self, i: usize) -> Option<Cand> {
        let l = self.low(i);
        match l {
            "yesterday" => return cand(i, i + 1, Val::RelDay(-1)),
            "today" => return cand(i, i + 1, Val::RelDay(0)),
            "tomorrow" => return cand(i, i + 1, Val::RelDay(1)),
            "tonight" => return time_cand(i, i + 1, Val::RelNone),
            _ => {}
        }
        if matches!(l, "last" | "this" | "next") {
            let p = self.prev_low(i);
            if matches!(p, "the" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "whose") {
                return None;
            }
            let dir = match l {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            let j = i + 1;
            let w = self.low(j);
            match w {
                "week" => return cand(i, j + 1, Val::RelWeek(dir)),
                "month" => return cand(i, j + 1, Val::RelMonth(dir)),
                "year" => return cand(i, j + 1, Val::RelYear(dir)),
                "weekend" => return cand(i, j + 1, Val::RelWeekend(dir)),
                "night" if dir == -1 => return time_cand(i, j + 1, Val::RelNone),
                "morning" | "afternoon" | "evening" if dir == 0 => return time_cand(i, j + 1, Val::RelNone),
                _ => {}
            }
            if let Some((wd, true)) = self.weekday_at(j) {
                let mode = match dir {
                    -1 => WdMode::Before,
                    1 => WdMode::After,
                    _ => match self.tense(i, j + 1) {
                        Tense::Future => WdMode::After,
                        _ => WdMode::OnOrBefore,
                    },
                };
                return cand(i, j + 1, Val::Weekday { wd, mode });
            }
            if let Some((m, true)) = self.month_at(j) {
                return cand(i, j + 1, Val::NamedMonth { m, dir });
            }
            if let Some(s) = SEASONS.iter().position(|s| *s == w) {
                let s = if s == 4 { 3 } else { s.min(3) };
                let s = if w == "fall" { 2 } else { s };
                return cand(i, j + 1, Val::Season { s, dir });
            }
            return None;
        }
        // "two years ago", "a week ago", "3 days ago", "several years ago", "years ago".
        let mut j = i;
        let mut count: Option<i64> = None;
        if let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == l) {
            count = Some(n);
            j += 1;
            if l == "a" && self.low(j) == "few" {
                count = None;
                j += 1;
            }
        } else if matches!(l, "several" | "few" | "many" | "some") {
            j += 1;
        } else if let Some(d) = self.digits(i) {
            if d.len() <= 3 {
                count = d.parse().ok();
                j += 1;
            } else {
                return None;
            }
        }
        let unit = self.low(j);
        let unit_ok = matches!(
            unit,
            "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "decade" | "decades"
        );
        if !unit_ok || self.low(j + 1) != "ago" {
            return None;
        }
        if j == i && !unit.ends_with('s') {
            return None;
        }
        let n = match count {
            Some(n) if j > i => n,
            _ => return cand(i, j + 2, Val::RelNone),
        };
        let val = match unit.trim_end_matches('s') {
            "day" => Val::RelDay(-n),
            "week" => Val::RelWeek(-n),
            "month" => Val::RelMonth(-n),
            "year" => Val::RelYear(-n),
            _ => Val::RelYear(-10 * n),
        };
        let val = if unit.starts_with("decade") { Val::RelNone } else { val };
        cand(i, j + 2, val)
    }

    /// A weekday alone ("on Tuesday", "said Tuesday", "Tuesday's vote").
    #[inline(never)]
    fn weekday_alone(&self, i: usize) -> Option<Cand> {
        let (wd, full) = self.weekday_at(i)?;
        if !full {
            return None;
        }
        if i > 0 && WEEKDAY_NAME_BEFORE.contains(&self.prev_low(i)) && self.is_cap(i - 1) {
            return None;
        }
        if WEEKDAY_NAME_AFTER.contains(&self.tok(i + 1)) {
            return None;
        }
        let mode = match self.tense(i, i + 1) {
            Tense::Future => WdMode::After,
            _ => WdMode::OnOrBefore,
        };
        cand(i, i + 1, Val::Weekday { wd, mode })
    }

    fn ampm(&self, i: usize) -> Option<bool> {
        match self.low(i) {
            "am" | "a.m." | "a.m" => Some(false),
            "pm" | "p.m." | "p.m" => Some(true),
            _ => None,
        }
    }

    fn zone(&self, i: usize) -> Option<&'static str> {
        let t = self.tok(i);
        // Zones are upper case ("ET", not "et al."); "gmt" and "utc" are safe in any case.
        if matches!(self.low(i), "gmt" | "utc") {
            return Some("Z");
        }
        TIME_ZONES.iter().find(|(z, _)| *z == t).map(|&(_, off)| off)
    }

    /// Clock times.
    fn time(&self, i: usize) -> Option<Cand> {
        let l = self.low(i);
        match l {
            "noon" | "midday" => return time_cand(i, i + 1, Val::Iso("12:00".into())),
            "midnight" => return time_cand(i, i + 1, Val::Iso("00:00".into())),
            _ => {}
        }
        if !self.is_num(i) || (i > 0 && self.glued(i) && matches!(self.tok(i - 1), ":" | "." | "$" | "/" | "-")) {
            return None;
        }
        let s = self.tok(i);
        let finish = |h: u32, mi: u32, pm: Option<bool>, mut e: usize, needs_ctx: bool| -> Option<Cand> {
            let h = match pm {
                Some(p) => {
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    (h % 12) + if p { 12 } else { 0 }
                }
                None => h,
            };
            if h > 23 || mi > 59 {
                return None;
            }
            let mut off = None;
            if let Some(o) = self.zone(e) {
                off = Some(o);
                e += 1;
            } else if self.low(e) == "local" && self.low(e + 1) == "time" {
                off = Some("");
                e += 2;
            }
            if needs_ctx && pm.is_none() && off.is_none() {
                let p = self.prev_low(i);
                let ctx = matches!(
                    p,
                    "at" | "by"
                        | "from"
                        | "until"
                        | "till"
                        | "around"
                        | "about"
                        | "before"
                        | "after"
                        | "since"
                        | "to"
                        | "between"
                        | "and"
                        | "-"
                        | "\u{2013}"
                ) || matches!(self.low(e), "hours" | "hrs" | "local" | "h");
                if !ctx {
                    return None;
                }
            }
            time_cand(i, e, Val::Iso(format!("{h:02}:{mi:02}{}", off.unwrap_or(""))))
        };
        // "10am", "10pm".
        let b = s.as_bytes();
        let suffix = if b.len() >= 3 && b[b.len() - 1].eq_ignore_ascii_case(&b'm') {
            match b[b.len() - 2].to_ascii_lowercase() {
                b'a' => Some(false),
                b'p' => Some(true),
                _ => None,
            }
        } else {
            None
        };
        if let Some(pm) = suffix {
            // The last two bytes are ASCII letters, so this is a char boundary.
            let h = &s[..s.len() - 2];
            if let Some((hh, mm)) = h.split_once('.') {
                // "10.30pm".
                if mm.len() == 2 && hh.len() <= 2 {
                    return finish(hh.parse().ok()?, mm.parse().ok()?, Some(pm), i + 1, false);
                }
                return None;
            }
            if !h.is_empty() && h.len() <= 2 && h.bytes().all(|b| b.is_ascii_digit()) {
                return finish(h.parse().ok()?, 0, Some(pm), i + 1, false);
            }
            return None;
        }
        // "10.30 a.m." (one number token).
        if let Some((hh, mm)) = s.split_once('.') {
            if hh.len() <= 2 && mm.len() == 2 && hh.bytes().chain(mm.bytes()).all(|b| b.is_ascii_digit()) {
                let pm = self.ampm(i + 1)?;
                return finish(hh.parse().ok()?, mm.parse().ok()?, Some(pm), i + 2, false);
            }
            return None;
        }
        let d = self.digits(i)?;
        // "3:30 p.m.", "15:00 GMT", "at 15:30", "3:30pm".
        if d.len() <= 2 && self.tok(i + 1) == ":" && self.glued(i + 1) && self.glued(i + 2) {
            let h: u32 = d.parse().ok()?;
            let m_tok = self.low(i + 2);
            let (mm, suffix_pm) = if let Some(x) = m_tok.strip_suffix("am") {
                (x, Some(false))
            } else if let Some(x) = m_tok.strip_suffix("pm") {
                (x, Some(true))
            } else {
                (m_tok, None)
            };
            if mm.len() != 2 || !mm.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // Not "3:30:15" (seconds are fine, but keep it simple) nor a ratio chain.
            if self.tok(i + 3) == ":" && self.glued(i + 3) {
                return None;
            }
            let mi: u32 = mm.parse().ok()?;
            if let Some(p) = suffix_pm {
                return finish(h, mi, Some(p), i + 3, false);
            }
            if let Some(p) = self.ampm(i + 3) {
                return finish(h, mi, Some(p), i + 4, false);
            }
            return finish(h, mi, None, i + 3, true);
        }
        // "10 a.m.", "10 o'clock".
        if d.len() <= 2 {
            let h: u32 = d.parse().ok()?;
            if let Some(p) = self.ampm(i + 1) {
                return finish(h, 0, Some(p), i + 2, false);
            }
            if matches!(self.low(i + 1), "o'clock" | "o\u{2019}clock") && (1..=12).contains(&h) {
                return time_cand(i, i + 2, Val::Iso(format!("{h:02}:00")));
            }
            return None;
        }
        // "1500 GMT", "0800 hours".
        if d.len() == 4 {
            let h: u32 = d.get(0..2)?.parse().ok()?;
            let mi: u32 = d.get(2..4)?.parse().ok()?;
            if self.zone(i + 1).is_some() {
                return finish(h, mi, None, i + 1, false);
            }
            if matches!(self.low(i + 1), "hours" | "hrs") && h <= 23 && mi <= 59 {
                return time_cand(i, i + 2, Val::Iso(format!("{h:02}:{mi:02}")));
            }
            if self.low(i + 1) == "local" && self.low(i + 2) == "time" && h <= 23 && mi <= 59 {
                return time_cand(i, i + 3, Val::Iso(format!("{h:02}:{mi:02}")));
            }
        }
        None
    }

    /// A bare four-digit year, when used as one.
    fn year(&self, i: usize) -> Option<Cand> {
        let y = self.year_at(i)?;
        // Glued to a symbol before: "$2004", "#2004", "3.2004", "555-2004".
        if i > 0 && self.glued(i) {
            let p = self.tok(i - 1);
            let pc = p.chars().next().unwrap_or(' ');
            let symbol_ok =
                matches!(p, "(" | "[" | "\"" | "\u{201C}" | "'" | "\u{2018}" | "/" | "-" | "\u{2013}" | "\u{2014}");
            if !symbol_ok && self.toks[i - 1].kind == TokKind::Punct {
                return None;
            }
            if matches!(p, "-" | "/" | "\u{2013}") && i >= 2 && self.is_num(i - 2) && self.glued(i - 1) {
                return None;
            }
            if pc.is_ascii_digit() {
                return None;
            }
            // "FY2017" is a single token; "pre-2004" keeps the year.
        }
        if self.glued(i + 1) && matches!(self.tok(i + 1), "%" | "-" | "/") && self.is_num(i + 2) {
            return None;
        }
        if i > 0 && self.toks[i - 1].kind == TokKind::Punct {
            let p = self.tok(i - 1);
            if p.chars().next().is_some_and(|c| matches!(c, '$' | '£' | '€' | '¥' | '₹' | '#' | '₨' | '₩' | '₽'))
            {
                return None;
            }
        }
        let next = self.low(i + 1);
        if matches!(next, "%" | "percent" | "per" | "pc") || UNIT_SET.contains(next) {
            return None;
        }
        let p = self.prev_low(i);
        if YEAR_STRONG.contains(&p) || (i > 0 && self.month_at(i - 1).is_some()) {
            return cand(i, i + 1, Val::Iso(format!("{y:04}")));
        }
        if COUNT_BEFORE.contains(&p) {
            return None;
        }
        // "+27 11 482 1003", table rows "325 1021": a number after a number is not a year.
        if i > 0 && self.is_num(i - 1) {
            return None;
        }
        // Early years need a date preposition: "in 1066", "the 1215 charter".
        if y < 1500
            && !matches!(
                p,
                "in" | "by" | "from" | "of" | "before" | "after" | "the" | "around" | "about" | "to" | "and"
            )
        {
            return None;
        }
        if p == "to" {
            // "from 2004 to 2007", "dating back to 2004" keep the year; "rose to 1500" is a count.
            let pp = if i >= 2 { self.low(i - 2) } else { "" };
            let year_before = i >= 2 && (self.year_at(i - 2).is_some() || self.decade(i - 2).is_some());
            if !year_before && !matches!(pp, "back" | "dates" | "dating" | "date" | "dated" | "return" | "returned") {
                return None;
            }
        }
        if ABOUT_BEFORE.contains(&p) {
            let nt = self.toks.get(i + 1);
            let word_follows = nt.is_some_and(|t| t.kind == TokKind::Word)
                && self.tok(i + 1).bytes().next().is_some_and(|b| b.is_ascii_lowercase());
            if word_follows && !FUNCTION_WORDS.contains(&next) {
                return None;
            }
            return cand(i, i + 1, Val::Iso(format!("{y:04}")));
        }
        if COUNT_SET.contains(next) {
            return None;
        }
        // "2004 of them", "2004 others".
        if matches!(next, "of" | "others") && !matches!(p, "in" | "by" | "since" | "of" | "from" | "end") {
            return None;
        }
        cand(i, i + 1, Val::Iso(format!("{y:04}")))
    }
}

// ---------------------------------------------------------------------------------------------
// Resolution against the anchor.

/// The value, and whether the year was inferred from the anchor.
#[inline(never)]
fn resolve(val: &Val, anchor: Option<Ymd>) -> (Option<String>, bool) {
    let Some(a) = anchor else {
        return match val {
            Val::Iso(s) => (Some(s.clone()), false),
            Val::Full(d) => (Some(d.iso()), false),
            Val::MonthDay { m, d, d2: None, .. } => (Some(format!("XXXX-{m:02}-{d:02}")), false),
            Val::MonthDay { m, d, d2: Some(x), .. } => (Some(format!("XXXX-{m:02}-{d:02}/XXXX-{m:02}-{x:02}")), false),
            Val::Month { m, .. } => (Some(format!("XXXX-{m:02}")), false),
            _ => (None, false),
        };
    };
    let ad = a.days();
    let year_for = |m: u32, tense: Tense| -> i32 {
        match tense {
            Tense::Past if m > a.month => a.year - 1,
            Tense::Future if m < a.month => a.year + 1,
            _ => a.year,
        }
    };
    match val {
        Val::None | Val::RelNone => (None, false),
        Val::Iso(s) => (Some(s.clone()), false),
        Val::Full(d) => (Some(d.iso()), false),
        Val::MonthDay { m, d, d2, tense } => {
            let y = year_for(*m, *tense);
            let dm = days_in_month(y, *m);
            if *d > dm || d2.is_some_and(|x| x > dm) {
                return (None, false);
            }
            let s = Ymd { year: y, month: *m, day: *d };
            match d2 {
                None => (Some(s.iso()), true),
                Some(x) => (Some(format!("{}/{}", s.iso(), Ymd { day: *x, ..s }.iso())), true),
            }
        }
        Val::Month { m, tense } => (Some(format!("{:04}-{:02}", year_for(*m, *tense), m)), true),
        Val::RelDay(k) => (Some(civil_from_days(ad + k).iso()), false),
        Val::RelWeek(k) => (Some(iso_week(ad + 7 * k)), false),
        Val::RelMonth(k) => {
            let (y, m) = add_months(a.year, a.month, *k);
            (Some(format!("{y:04}-{m:02}")), false)
        }
        Val::RelYear(k) => (Some(format!("{:04}", a.year as i64 + k)), false),
        Val::RelWeekend(k) => {
            let wd = iso_weekday(ad);
            // Saturday of the anchor's ISO week, then shift by weeks.
            let sat = ad + (6 - wd);
            let sat = match k {
                -1 if sat >= ad => sat - 7,
                -1 => sat,
                0 => sat,
                _ => sat + 7,
            };
            (Some(iso_week(sat)), false)
        }
        Val::Weekday { wd, mode } => {
            let aw = iso_weekday(ad);
            let d = match mode {
                WdMode::OnOrBefore => ad - (aw - wd).rem_euclid(7),
                WdMode::Before => {
                    let b = (aw - wd).rem_euclid(7);
                    ad - if b == 0 { 7 } else { b }
                }
                WdMode::After => {
                    let f = (wd - aw).rem_euclid(7);
                    ad + if f == 0 { 7 } else { f }
                }
            };
            (Some(civil_from_days(d).iso()), false)
        }
        Val::NamedMonth { m, dir } => {
            let y = match dir {
                -1 if *m < a.month => a.year,
                -1 => a.year - 1,
                1 if *m > a.month => a.year,
                1 => a.year + 1,
                _ => a.year,
            };
            (Some(format!("{y:04}-{m:02}")), false)
        }
        Val::Season { s, dir } => {
            // Spring 3–5, summer 6–8, autumn 9–11; winter straddles two years: no value.
            if *s == 3 {
                return (None, false);
            }
            let (first, last) = [(3, 5), (6, 8), (9, 11)][*s];
            let y = match dir {
                -1 if a.month > last => a.year,
                -1 => a.year - 1,
                1 if a.month < first => a.year,
                1 => a.year + 1,
                _ => a.year,
            };
            (Some(format!("{y:04}")), false)
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// Finds date expressions. `anchor` overrides the article's own anchor date; `names` are name
/// spans already found (a date is not reported inside a name).
pub fn extract(doc: &Doc, anchor: Option<&str>, names: &[Span]) -> DateFindings {
    let sc = Scanner::new(doc);
    let names = Ranges::new(names.iter().map(|s| (s.start, s.end)).collect());
    let cands = candidates(&sc, &names);
    let (anchor_ymd, anchor_source) = find_anchor(&sc, anchor, &cands);
    let spans = to_spans(&sc, &cands, anchor_ymd);
    DateFindings { spans, anchor: anchor_ymd.map(|a| a.iso()), anchor_source }
}

/// The candidates of the document, left to right, none overlapping, none across a line break
/// or into a name.
#[inline(never)]
fn candidates(sc: &Scanner, names: &Ranges) -> Vec<Cand> {
    let n = sc.n();
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < n {
        match sc.candidate_at(i) {
            Some(c) if c.e > c.s && c.e <= n => {
                let (s, e) = (sc.toks[c.s].start, sc.toks[c.e - 1].end);
                // A date does not run across a line break, nor into a name.
                if names.overlaps(s, e) || sc.toks[c.s + 1..c.e].iter().any(|t| t.newline_before) {
                    i += 1;
                } else {
                    i = c.e;
                    cands.push(c);
                }
            }
            _ => i += 1,
        }
    }
    cands
}

/// The anchor date and where it came from: the `anchor` option, else the dateline, else the
/// first full date.
#[inline(never)]
fn find_anchor(sc: &Scanner, anchor: Option<&str>, cands: &[Cand]) -> (Option<Ymd>, Option<&'static str>) {
    let mut anchor_ymd = None;
    let mut anchor_source = None;
    if let Some(a) = anchor.and_then(parse_iso) {
        anchor_ymd = Some(a);
        anchor_source = Some("option");
    }
    if anchor_ymd.is_none() {
        if let Some(a) = find_dateline(sc, cands) {
            anchor_ymd = Some(a);
            anchor_source = Some("dateline");
        }
    }
    if anchor_ymd.is_none() {
        if let Some(a) = cands.iter().find_map(|c| match c.val {
            Val::Full(d) => Some(d),
            _ => None,
        }) {
            anchor_ymd = Some(a);
            anchor_source = Some("first-date");
        }
    }
    (anchor_ymd, anchor_source)
}

/// The spans of the candidates, their values resolved against `anchor_ymd`.
#[inline(never)]
fn to_spans(sc: &Scanner, cands: &[Cand], anchor_ymd: Option<Ymd>) -> Vec<Span> {
    cands
        .iter()
        .map(|c| {
            let (s, e) = (sc.toks[c.s].start, sc.toks[c.e - 1].end);
            let mut sp = Span::new(sc.doc.text, s, e, c.kind);
            let (v, inferred) = resolve(&c.val, anchor_ymd);
            sp.value = v.map(Value::Text);
            if inferred {
                sp.inferred = Some(true);
            }
            if c.val.is_relative() {
                sp.relative = Some(true);
            }
            sp
        })
        .collect()
}

/// A full date standing alone near the top: the article's dateline.
#[inline(never)]
fn find_dateline(sc: &Scanner, cands: &[Cand]) -> Option<Ymd> {
    let doc = sc.doc;
    let paras = &doc.paragraphs[..doc.paragraphs.len().min(5)];
    let last_tok = paras.last()?.tokens.end;
    for c in cands.iter().take_while(|c| c.s < last_tok) {
        let Val::Full(d) = c.val else { continue };
        let Some(p) = paras.iter().find(|p| p.tokens.contains(&c.s)) else {
            continue;
        };
        let is_lower_word = |j: usize| {
            sc.toks[j].kind == TokKind::Word
                && sc.tok(j).chars().next().is_some_and(|ch| ch.is_lowercase())
                && sc.ampm(j).is_none()
        };
        let outside = (p.tokens.start..c.s).chain(c.e..p.tokens.end);
        // (a) Nothing but capitals, numbers and punctuation around it in its paragraph.
        let alone = p.tokens.len() <= 40 && outside.clone().all(|j| !is_lower_word(j));
        // (b) Opens the paragraph after an upper-case place name: "LONDON, Feb. 11, 2017 - …".
        let before = p.tokens.start..c.s;
        let after_place = before.len() <= 6
            && before.clone().all(|j| {
                sc.toks[j].kind == TokKind::Punct
                    || (sc.toks[j].kind == TokKind::Word
                        && sc.tok(j).chars().filter(|ch| ch.is_alphabetic()).count() >= 2
                        && !sc.tok(j).chars().any(|ch| ch.is_lowercase()))
            })
            && (c.s > p.tokens.start || c.e < p.tokens.end && sc.toks[c.e].kind == TokKind::Punct);
        if alone || after_place {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    #[test]
    fn weekdays_start_with_the_filtered_letters() {
        for w in WEEKDAYS.iter().copied().chain(WEEKDAYS_ABBR.iter().map(|(a, _)| *a)) {
            assert!(matches!(w.as_bytes()[0], b'm' | b't' | b'w' | b'f' | b's'), "{w}");
        }
    }

    fn run(text: &str, anchor: Option<&str>) -> DateFindings {
        let doc = segment(text);
        let f = extract(&doc, anchor, &[]);
        for s in &f.spans {
            assert_eq!(&text[s.start..s.end], s.text);
        }
        f
    }

    /// (text, kind, value) of every span.
    fn found(text: &str, anchor: Option<&str>) -> Vec<(String, Kind, Option<String>)> {
        run(text, anchor)
            .spans
            .into_iter()
            .map(|s| {
                let v = match s.value {
                    Some(Value::Text(t)) => Some(t),
                    _ => None,
                };
                (s.text, s.kind, v)
            })
            .collect()
    }

    fn dates(text: &str, anchor: Option<&str>) -> Vec<(String, Option<String>)> {
        found(text, anchor).into_iter().filter(|x| x.1 == Kind::Date).map(|(t, _, v)| (t, v)).collect()
    }

    fn d(t: &str, v: &str) -> (String, Option<String>) {
        (t.to_string(), Some(v.to_string()))
    }

    #[test]
    fn scanner_lower_cases_each_token() {
        let text = "Feb. 9 ÉTÉ Zoë ΣΟΦΟΣ naïve SUPERCALIFRAGILISTICEXPIALIDOCIOUS x";
        let doc = crate::text::segment(text);
        let sc = Scanner::new(&doc);
        for i in 0..doc.tokens.len() + 2 {
            let want = match doc.tokens.get(i) {
                Some(t) if t.end - t.start <= 24 => doc.text[t.start..t.end].to_lowercase(),
                _ => String::new(),
            };
            assert_eq!(sc.low(i), want, "token {i}");
        }
    }

    #[test]
    fn calendar_math() {
        let a = Ymd { year: 2017, month: 2, day: 11 };
        assert_eq!(civil_from_days(a.days()), a);
        assert_eq!(iso_weekday(a.days()), 6); // Saturday
        assert_eq!(iso_week(a.days()), "2017-W06");
        assert_eq!(iso_week(Ymd { year: 2021, month: 1, day: 1 }.days()), "2020-W53");
        assert_eq!(civil_from_days(Ymd { year: 2016, month: 3, day: 1 }.days() - 1).iso(), "2016-02-29");
        assert_eq!(add_months(2017, 1, -1), (2016, 12));
        assert_eq!(parse_iso("2017-02-11"), Some(a));
        assert_eq!(parse_iso("2017-02-30"), None);
        assert_eq!(parse_iso("2017-2-1"), Some(Ymd { year: 2017, month: 2, day: 1 }));
        assert_eq!(parse_iso("soon"), None);
        assert_eq!(parse_iso("+017-02-01"), None);
    }

    #[test]
    fn seed_article() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/seed-article.txt"))
            .or_else(|_| std::fs::read_to_string("/work/shared/fixtures/seed-article.txt"));
        let Ok(text) = text else { return };
        let f = run(&text, None);
        assert_eq!(f.anchor.as_deref(), Some("2017-02-11"));
        assert_eq!(f.anchor_source, Some("dateline"));
        let got: Vec<(String, Option<String>)> = f
            .spans
            .iter()
            .map(|s| {
                (
                    s.text.clone(),
                    s.value.clone().map(|v| match v {
                        Value::Text(t) => t,
                        Value::Number(n) => n.to_string(),
                    }),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                d("February 11, 2017", "2017-02-11"),
                d("February 9", "2017-02-09"),
                d("2007", "2007"),
                d("February", "2017-02"),
                d("2004", "2004"),
                d("2004", "2004"),
            ]
        );
        assert_eq!(f.spans[1].inferred, Some(true));
        assert_eq!(f.spans[0].inferred, None);
        // Offsets in code points as in the gold file.
        let cp = |b: usize| text[..b].chars().count();
        let gold = [(84, 101), (215, 225), (1962, 1966), (1984, 1992), (2438, 2442), (2477, 2481)];
        for (s, g) in f.spans.iter().zip(gold) {
            assert_eq!((cp(s.start), cp(s.end)), g, "{}", s.text);
        }
    }

    #[test]
    fn absolute_forms() {
        let a = Some("2020-01-01");
        assert_eq!(dates("It was February 11, 2017.", a), [d("February 11, 2017", "2017-02-11")]);
        assert_eq!(dates("On 11 Feb 2017 they met.", a), [d("11 Feb 2017", "2017-02-11")]);
        assert_eq!(dates("By 2017-02-11 it ended.", a), [d("2017-02-11", "2017-02-11")]);
        assert_eq!(dates("Dated Feb. 9, 2017, the memo", a), [d("Feb. 9, 2017", "2017-02-09")]);
        assert_eq!(dates("Tuesday, February 9, 2017 was cold", a), [d("Tuesday, February 9, 2017", "2017-02-09")]);
        assert_eq!(dates("on the 9th of February 2017", a), [d("9th of February 2017", "2017-02-09")]);
        assert_eq!(dates("Sept. 11th, 2001", a), [d("Sept. 11th, 2001", "2001-09-11")]);
        assert_eq!(
            dates("on 25/12/2017 and 12/25/2017", a),
            [d("25/12/2017", "2017-12-25"), d("12/25/2017", "2017-12-25")]
        );
        assert_eq!(dates("on 02/11/2017", a), [("02/11/2017".to_string(), None)]);
        assert_eq!(dates("on 11.02.2017 in Berlin", a), [d("11.02.2017", "2017-02-11")]);
        assert_eq!(dates("after 9/11 everything changed", a), []);
        assert_eq!(dates("February 30, 2017", a), [d("2017", "2017")]);
        assert_eq!(dates("Wed., Feb. 8, 2017", a), [d("Wed., Feb. 8, 2017", "2017-02-08")]);
    }

    #[test]
    fn partial_forms() {
        let a = Some("2017-02-11");
        assert_eq!(dates("confirmed on February 9 in a call", a), [d("February 9", "2017-02-09")]);
        assert_eq!(dates("They met in May 2016.", a), [d("May 2016", "2016-05")]);
        assert_eq!(dates("since the 1990s and the '80s", a), [d("1990s", "199X"), d("'80s", "198X")]);
        assert_eq!(dates("in mid-2004 and early 2019", a), [d("mid-2004", "2004"), d("early 2019", "2019")]);
        assert_eq!(dates("in spring 2020", a), [d("spring 2020", "2020")]);
        assert_eq!(dates("LONDON 1996-08-30", None), [d("1996-08-30", "1996-08-30")]);
        assert_eq!(dates("in the late 1990s", a), [d("late 1990s", "199X")]);
        assert_eq!(dates("in the 19th century", a), [d("19th century", "18XX")]);
        assert_eq!(dates("since the 1800s", a), [d("1800s", "18XX")]);
        assert_eq!(dates("in the 2000s", a), [d("2000s", "200X")]);
        assert_eq!(dates("in late February", a), [d("late February", "2017-02")]);
        // A past event in a month after the anchor's month: the year before.
        assert_eq!(dates("They signed it on December 5.", a), [d("December 5", "2016-12-05")]);
        // A future one in a month before the anchor's: the year after.
        assert_eq!(dates("They will sign it in January.", a), [d("January", "2018-01")]);
        // No anchor: unknown year.
        assert_eq!(dates("on February 9 they met", None), [d("February 9", "XXXX-02-09")]);
    }

    #[test]
    fn ranges() {
        let a = Some("2017-02-11");
        assert_eq!(dates("from 2004-2007", a), [d("2004-2007", "2004/2007")]);
        assert_eq!(dates("the 2016-17 season", a), [d("2016-17", "2016/2017")]);
        assert_eq!(dates("the 2004\u{2013}08 war", a), [d("2004\u{2013}08", "2004/2008")]);
        assert_eq!(dates("on February 9-11, 2017", a), [d("February 9-11, 2017", "2017-02-09/2017-02-11")]);
        assert_eq!(dates("on 9-11 February", a), [d("9-11 February", "2017-02-09/2017-02-11")]);
        assert_eq!(dates("from 2004 to 2007", a), [d("2004", "2004"), d("2007", "2007")]);
        assert_eq!(dates("call 555-2004 now", a), []);
    }

    #[test]
    fn relative_forms() {
        let a = Some("2017-02-11"); // a Saturday
        let all = dates(
            "Yesterday, today and tomorrow. Last week, next month, this year, last year. It happened two years ago and 3 days ago.",
            a,
        );
        assert_eq!(
            all,
            [
                d("Yesterday", "2017-02-10"),
                d("today", "2017-02-11"),
                d("tomorrow", "2017-02-12"),
                d("Last week", "2017-W05"),
                d("next month", "2017-03"),
                d("this year", "2017"),
                d("last year", "2016"),
                d("two years ago", "2015"),
                d("3 days ago", "2017-02-08"),
            ]
        );
        let f = run("He said it yesterday.", a);
        assert_eq!(f.spans[0].relative, Some(true));
        assert_eq!(f.anchor_source, Some("option"));
        assert_eq!(dates("several years ago", a), [("several years ago".to_string(), None)]);
        assert_eq!(dates("last February", a), [d("last February", "2016-02")]);
        assert_eq!(dates("next February", a), [d("next February", "2018-02")]);
        assert_eq!(dates("last summer", a), [d("last summer", "2016")]);
        // No anchor: reported without value.
        assert_eq!(dates("He left yesterday.", None), [("yesterday".to_string(), None)]);
    }

    #[test]
    fn weekdays_by_tense() {
        let a = Some("2017-02-11"); // Saturday
        assert_eq!(dates("It was confirmed on Tuesday.", a), [d("Tuesday", "2017-02-07")]);
        assert_eq!(dates("Officials said on Tuesday that", a), [d("Tuesday", "2017-02-07")]);
        assert_eq!(dates("The ministers will meet on Tuesday.", a), [d("Tuesday", "2017-02-14")]);
        assert_eq!(dates("The vote is expected Tuesday.", a), [d("Tuesday", "2017-02-14")]);
        assert_eq!(dates("He said Saturday.", a), [d("Saturday", "2017-02-11")]);
        assert_eq!(dates("They met last Saturday.", a), [d("last Saturday", "2017-02-04")]);
        assert_eq!(dates("They meet next Monday.", a), [d("next Monday", "2017-02-13")]);
        assert_eq!(dates("On Tuesday, the minister resigned.", a), [d("Tuesday", "2017-02-07")]);
        assert_eq!(dates("Shops open on Super Tuesday and Good Friday.", a), []);
        assert_eq!(dates("The Sunday Times reported", a), []);
    }

    #[test]
    fn years_versus_counts() {
        let a = Some("2017-02-11");
        let y = |t: &str| dates(t, a).into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(y("in 2004, since 2004, by 2007"), ["2004", "2004", "2007"]);
        assert_eq!(y("2004's election"), ["2004"]);
        assert_eq!(y("the 2004 election"), ["2004"]);
        assert_eq!(y("2004 was a hard year"), ["2004"]);
        assert_eq!(y("around 2004, the war grew"), ["2004"]);
        assert!(y("killed 2004 people").is_empty());
        assert!(y("it cost $2004").is_empty());
        assert!(y("some 2,004 people").is_empty());
        assert!(y("2004 airstrikes were carried out").is_empty());
        assert!(y("at 2004 metres").is_empty());
        assert!(y("more than 2000 were killed").is_empty());
        assert!(y("around 2004 people").is_empty());
        assert!(y("rose 20% to 1500").is_empty());
        assert!(y("room 1204 and No. 2004").is_empty());
        assert!(y("a 2004% rise").is_empty());
        assert!(y("newsroom, +27 11 482 1003").is_empty());
        assert!(y("Workington 22 2 1 19 325 1021 5").is_empty());
        assert_eq!(y("in 1066 and in 1215"), ["1066", "1215"]);
        assert!(y("it has 1066 members and won 1215 times").is_empty());
    }

    #[test]
    fn may_and_friends() {
        let a = Some("2017-02-11");
        assert_eq!(dates("May said it may rain. Theresa May agreed.", a), []);
        assert_eq!(dates("It ended in May.", a), [d("May", "2016-05")]);
        assert_eq!(dates("On May 5 they met.", a), [d("May 5", "2016-05-05")]);
        assert_eq!(dates("Protesters March on.", a), []);
        assert_eq!(dates("between March and May", a), [d("March", "2017-03"), d("May", "2017-05")]);
        assert_eq!(dates("a February visit", a), [d("February", "2017-02")]);
        assert_eq!(dates("The Sun and Sat reported", a), []);
        // A name span hides a date inside it.
        let text = "Theresa May 2017 speech and May 2016";
        let doc = segment(text);
        let names = [Span::new(text, 0, 11, Kind::Person)];
        let f = extract(&doc, a, &names);
        let got: Vec<&str> = f.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(got, ["2017", "May 2016"]);
    }

    #[test]
    fn times() {
        let a = Some("2017-02-11");
        let t = |s: &str| -> Vec<(String, Option<String>)> {
            found(s, a).into_iter().filter(|x| x.1 == Kind::Time).map(|(t, _, v)| (t, v)).collect()
        };
        assert_eq!(t("at 3:30 p.m. on Tuesday"), [d("3:30 p.m.", "15:30")]);
        assert_eq!(t("at 10 a.m. and 10pm"), [d("10 a.m.", "10:00"), d("10pm", "22:00")]);
        assert_eq!(t("by 15:00 GMT"), [d("15:00 GMT", "15:00Z")]);
        assert_eq!(t("at 1500 GMT"), [d("1500 GMT", "15:00Z")]);
        assert_eq!(t("at noon and midnight"), [d("noon", "12:00"), d("midnight", "00:00")]);
        assert_eq!(t("at 12 a.m."), [d("12 a.m.", "00:00")]);
        assert_eq!(t("John 3:16 says; it won 2:1"), []);
        assert_eq!(t("at 9 o'clock"), [d("9 o'clock", "09:00")]);
        assert_eq!(t("this morning and tonight"), [("this morning".to_string(), None), ("tonight".to_string(), None)]);
        assert_eq!(t("at 10.30pm"), [d("10.30pm", "22:30")]);
        assert_eq!(t("start at 1415 local time (1315 GMT)"), [d("1415 local time", "14:15"), d("1315 GMT", "13:15Z")]);
        assert_eq!(t("by 9:30 local time"), [d("9:30 local time", "09:30")]);
        assert_eq!(t("opened at 7 a.m. (0400 gmt)"), [d("7 a.m.", "07:00"), d("0400 gmt", "04:00Z")]);
        assert!(dates("at 1500 GMT", a).is_empty());
    }

    #[test]
    fn anchors() {
        let f = run("Headline\n\nLONDON 1996-08-30\n\nThe talks ended yesterday.", None);
        assert_eq!(f.anchor.as_deref(), Some("1996-08-30"));
        assert_eq!(f.anchor_source, Some("dateline"));
        assert_eq!(f.spans[1].value, Some(Value::Text("1996-08-29".into())));
        let f = run("WASHINGTON, Feb. 11, 2017 - Officials said on Tuesday that", None);
        assert_eq!(f.anchor_source, Some("dateline"));
        assert_eq!(f.spans[1].value, Some(Value::Text("2017-02-07".into())));
        let f = run("The talks, which began on March 3, 2015, ended on Tuesday.", None);
        assert_eq!(f.anchor.as_deref(), Some("2015-03-03"));
        assert_eq!(f.anchor_source, Some("first-date"));
        let f = run("Published: February 11, 2017\n\nIt happened in 2004.", Some("2020-05-05"));
        assert_eq!(f.anchor.as_deref(), Some("2020-05-05"));
        assert_eq!(f.anchor_source, Some("option"));
        let f = run("It happened in 2004.", None);
        assert_eq!(f.anchor, None);
        assert_eq!(f.anchor_source, None);
    }

    #[test]
    fn no_overlaps_and_unicode() {
        let text = "🎉 Le 11 février? No — on February 11, 2017🙂, “May 5” and ‘2004’ — naïve 2004’s café at 3:30 p.m.🙂 東京 2017-02-11。";
        let f = run(text, Some("2017-02-11"));
        let got: Vec<&str> = f.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(got, ["February 11, 2017", "May 5", "2004", "2004", "3:30 p.m.", "2017-02-11"]);
        for w in f.spans.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_on_arbitrary_text(
            s in "(\\PC|[0-9 :/.,'’\\-–]|May |Feb\\. |Tuesday |2017|1990s|p\\.m\\.|\n){0,80}",
            anchor in proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        ) {
            let doc = segment(&s);
            let f = extract(&doc, anchor.as_deref(), &[]);
            let mut last = 0;
            for sp in &f.spans {
                proptest::prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                proptest::prop_assert_eq!(&s[sp.start..sp.end], sp.text.as_str());
                proptest::prop_assert!(sp.start >= last && sp.end > sp.start);
                last = sp.end;
            }
        }
    }

    #[test]
    fn random_text_is_fast_and_safe() {
        // 100 KB of pseudo-random words, digits, punctuation and non-ASCII.
        let pieces = [
            "May", "2004", "Tuesday", "on", "said", "-", "/", ":", "12", "3", "p.m.", "’", "'s", "🙂", "é", "February",
            "last", "week", "ago", "two", "years", "the", "1990s", "'", "90s", "mid", "早", ",", ".", "\n\n", "31",
            "2017", "9th", "of", "$", "%", "GMT", "noon", "early", "will", "Sept.", "2016-17", "1996-08-30",
        ];
        let mut x: u64 = 0x2545F4914F6CDD1D;
        let mut text = String::new();
        while text.len() < 100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            text.push_str(pieces[(x % pieces.len() as u64) as usize]);
            if !x.is_multiple_of(3) {
                text.push(' ');
            }
        }
        let t0 = std::time::Instant::now();
        let f = run(&text, None);
        assert!(!f.spans.is_empty());
        for w in f.spans.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for s in &f.spans {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        assert!(t0.elapsed().as_secs() < 5);
        // One giant run of digits and dashes, and a long run of month names.
        let long = "2004-".repeat(20_000) + &"May ".repeat(20_000);
        let f = run(&long, None);
        assert!(f.spans.len() < 20_001);
    }
}
