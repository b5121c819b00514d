//! The result types: one [`Analysis`] per call, with every finding as a [`Span`].
//! These are the only types that cross to JS or JSON; all offsets in them are UTF-16 code units there.

use serde::{Deserialize, Serialize};

/// What a span is. Serialized in lower case (`"person"`, `"date"`, …).
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person's name ("Jim Mattis", "Bajwa").
    Person,
    /// A company, agency, party, team or other body ("CIA", "Republican Party").
    Organization,
    /// A country, city, region, geographic feature or facility ("Pakistan", "Khorasan Province").
    Place,
    /// A nationality, religious or political group ("Pakistani", "American", "Republicans").
    Group,
    /// Another proper name: events, works, laws, products ("World Cup", "Windows").
    Misc,
    /// A calendar date, partial date or relative date ("February 11, 2017", "2007", "last week").
    Date,
    /// A clock time or time of day ("3:30 p.m.", "noon").
    Time,
    /// A percentage ("88%", "12.5 per cent").
    Percent,
    /// An amount of money ("$1.2 billion", "£40m").
    Money,
    /// A number with the noun it counts ("424 airstrikes", "some 4,000 people").
    Quantity,
    /// A bare number ("two hundred and five", "1,500").
    Cardinal,
    /// An ordinal ("third", "21st").
    Ordinal,
    /// A quotation, including its quotation marks.
    Quote,
    /// Style layer: a verb phrase in the passive voice ("were ordered").
    Passive,
    /// Style layer: an adverb ending in -ly ("routinely").
    Adverb,
    /// Style layer: a hedge or weasel word ("reportedly", "so-called").
    Hedge,
}

impl Kind {
    /// Every kind, in legend order.
    pub const ALL: [Kind; 16] = [
        Kind::Person,
        Kind::Organization,
        Kind::Place,
        Kind::Group,
        Kind::Misc,
        Kind::Date,
        Kind::Time,
        Kind::Percent,
        Kind::Money,
        Kind::Quantity,
        Kind::Cardinal,
        Kind::Ordinal,
        Kind::Quote,
        Kind::Passive,
        Kind::Adverb,
        Kind::Hedge,
    ];

    /// The lower-case name used in JSON and in `data-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Group => "group",
            Kind::Misc => "misc",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Quantity => "quantity",
            Kind::Cardinal => "cardinal",
            Kind::Ordinal => "ordinal",
            Kind::Quote => "quote",
            Kind::Passive => "passive",
            Kind::Adverb => "adverb",
            Kind::Hedge => "hedge",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// True for the named-entity kinds.
    pub fn is_name(self) -> bool {
        matches!(self, Kind::Person | Kind::Organization | Kind::Place | Kind::Group | Kind::Misc)
    }

    /// True for the number kinds (statistics).
    pub fn is_number(self) -> bool {
        matches!(self, Kind::Percent | Kind::Money | Kind::Quantity | Kind::Cardinal | Kind::Ordinal)
    }

    /// True for the style layer.
    pub fn is_style(self) -> bool {
        matches!(self, Kind::Passive | Kind::Adverb | Kind::Hedge)
    }
}

/// A normalized value: a number for statistics, an ISO 8601 string for dates and times.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// Whether a number is a lower or upper bound ("more than 200" → lower, "up to 50" → upper).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Lower,
    Upper,
}

/// A quotation's role: speech, or a scare/cited term.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteRole {
    Statement,
    Term,
}

/// Who said a quotation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Speaker {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The entity id of the speaker, when the speaker is a tagged name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entity: Option<usize>,
}

/// One finding. `start..end` is the half-open range of `text` in the input.
///
/// Kind-specific fields are present only where they apply (absent, not `null`, in JSON).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub text: String,
    /// Index into `Analysis::sentences` of the sentence that holds the span's start.
    #[serde(default)]
    pub sentence: usize,
    /// Dates: ISO 8601 (`"2017"`, `"2017-02"`, `"2017-02-11"`, `"199X"` for a decade).
    /// Numbers: the number (absent for ranges, which have `min`/`max`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<Value>,
    /// Ranges and bounds: the smallest value.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub min: Option<f64>,
    /// Ranges and bounds: the largest value.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max: Option<f64>,
    /// Numbers: "some", "about", "nearly", "tens of …": the figure is not exact.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub approximate: Option<bool>,
    /// Numbers: "more than" → lower, "up to"/"fewer than" → upper.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bound: Option<Bound>,
    /// Numbers: the unit ("km", "percent", "tonnes").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<String>,
    /// Money: ISO 4217 code where known ("USD", "GBP", "PKR").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub currency: Option<String>,
    /// Quantities: the counted noun as written ("airstrikes", "people").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub counted: Option<String>,
    /// Dates: the year (or more) was taken from the article's anchor date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub inferred: Option<bool>,
    /// Dates: a relative expression ("yesterday", "last week") resolved against the anchor.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub relative: Option<bool>,
    /// Quotes: statement or term.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<QuoteRole>,
    /// Quotes: who said it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<Box<Speaker>>,
    /// Names: the title before the name ("General", "Defense Secretary").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// Names: index into `Analysis::entities`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub entity: Option<usize>,
    /// Names: the tagger's confidence in this span and kind, 0..1.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidence: Option<f32>,
}

impl Span {
    /// A span with only the common fields set; `text` is filled from `source`.
    pub fn new(source: &str, start: usize, end: usize, kind: Kind) -> Span {
        Span {
            start,
            end,
            kind,
            text: source.get(start..end).unwrap_or("").to_string(),
            sentence: 0,
            value: None,
            min: None,
            max: None,
            approximate: None,
            bound: None,
            unit: None,
            currency: None,
            counted: None,
            inferred: None,
            relative: None,
            role: None,
            speaker: None,
            title: None,
            entity: None,
            confidence: None,
        }
    }
}

/// A named entity: the mentions of one person, organization, place, group or other name.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entity {
    pub id: usize,
    pub kind: Kind,
    /// The canonical name (the longest or the known full form).
    pub name: String,
    /// Indices into `Analysis::spans`.
    pub mentions: Vec<usize>,
    pub count: usize,
    /// Ranking weight from frequency, first position and headline / first-paragraph presence; 0..1.
    pub salience: f32,
    /// Titles and roles seen before the name ("General", "Defense Secretary").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub roles: Vec<String>,
    /// Other spellings seen ("Bajwa", "CIA").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<String>,
}

/// A sentence with its readability.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub words: usize,
    /// Flesch–Kincaid grade of this sentence alone.
    pub grade: f32,
    /// "ok", "hard" (grade 10–13) or "very-hard" (grade 14+), as Hemingway marks them.
    pub difficulty: Difficulty,
}

/// How hard a sentence is to read. Serialized as `"ok"`, `"hard"` or `"very-hard"`
/// (one byte in memory, where a string took 24 and an allocation per sentence).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Difficulty {
    Ok,
    /// Grade 10–13.
    Hard,
    /// Grade 14 and up.
    VeryHard,
}

impl Difficulty {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Ok => "ok",
            Difficulty::Hard => "hard",
            Difficulty::VeryHard => "very-hard",
        }
    }
}

impl PartialEq<str> for Difficulty {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Difficulty {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A paragraph.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
}

/// A keyword with its count and where it occurs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Keyword {
    pub word: String,
    pub count: usize,
    /// Start offsets of each occurrence.
    pub positions: Vec<usize>,
}

/// Text metrics and readability.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Stats {
    pub characters: usize,
    pub characters_no_spaces: usize,
    pub letters: usize,
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub syllables: usize,
    pub complex_words: usize,
    pub avg_sentence_words: f32,
    pub longest_sentence_words: usize,
    pub avg_word_letters: f32,
    /// Seconds, at 238 words per minute.
    pub reading_time_s: f32,
    /// Seconds, at 150 words per minute.
    pub speaking_time_s: f32,
    pub flesch_reading_ease: f32,
    pub flesch_kincaid_grade: f32,
    pub gunning_fog: f32,
    pub smog: f32,
    pub coleman_liau: f32,
    pub ari: f32,
    pub type_token_ratio: f32,
    pub mtld: f32,
    pub keywords: Vec<Keyword>,
}

/// The whole result of one `analyze` call.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The crate version that produced this.
    pub version: String,
    /// The unit of every offset: `"utf-16"` (JS string indices).
    pub offsets: String,
    /// Length of the input in that unit.
    pub length: usize,
    /// The date relative dates were resolved against (ISO), and where it came from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor_date: Option<String>,
    /// "option", "dateline" or "first-date".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor_source: Option<String>,
    /// Every finding of every kind, sorted by `start` (then longer first).
    pub spans: Vec<Span>,
    pub entities: Vec<Entity>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    pub stats: Stats,
    /// Notes for the user (input truncated, control characters removed, …).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
}
