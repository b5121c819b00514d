//! # Article Lens
//!
//! An article analyzer: named entities grouped across mentions, dates normalized, numbers and
//! statistics understood, quotations with their speakers, and text metrics — in one call.
//!
//! ```
//! use article_lens::{analyze, Options, Kind};
//! let a = analyze("88% of the 424 airstrikes since 2004 were ordered by Obama.", &Options::default());
//! assert!(a.spans.iter().any(|s| s.kind == Kind::Percent && s.text == "88%"));
//! assert!(a.spans.iter().any(|s| s.kind == Kind::Date && s.text == "2004"));
//! ```
//!
//! ## Offsets
//! The core works in UTF-8 byte offsets. [`analyze`] converts every offset of the result to
//! UTF-16 code units (JavaScript string indices) in one place, [`offsets::to_utf16`].
//!
//! ## Untrusted input
//! Every stage is linear in the input. Input longer than [`MAX_INPUT_BYTES`] is refused with
//! [`Error::TooLong`] by [`try_analyze`]; [`analyze`] analyzes its first `MAX_INPUT_BYTES` and says so
//! in `warnings`.

#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
pub mod extract;
#[cfg(not(target_arch = "wasm32"))]
pub mod jsonl;
pub mod link;
pub mod model;
pub mod ner;
pub mod offsets;
pub mod stats;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::*;

use serde::{Deserialize, Serialize};

/// Largest input analyzed, in UTF-8 bytes (16 MiB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Options for [`analyze`]. All fields are optional in JSON.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct Options {
    /// The publication date ("2017-02-11") that relative dates resolve against.
    /// Default: the article's dateline, else its first full date.
    pub anchor_date: Option<String>,
    /// Only report these kinds (default: all).
    pub kinds: Option<Vec<Kind>>,
    /// Skip the style layer (passive, adverbs, hedges).
    pub no_style: bool,
}

/// Why an analysis was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is longer than [`MAX_INPUT_BYTES`]; holds its length in bytes.
    TooLong(usize),
    /// An option could not be understood (for example a malformed `anchor_date`).
    BadOption(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::TooLong(n) => write!(
                f,
                "The text is too long to analyze: {:.1} MB; the limit is {} MB.",
                *n as f64 / 1_048_576.0,
                MAX_INPUT_BYTES / 1_048_576
            ),
            Error::BadOption(m) => write!(f, "Bad option: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Analyzes `text`; refuses input over [`MAX_INPUT_BYTES`] or with bad options.
pub fn try_analyze(text: &str, opts: &Options) -> Result<Analysis, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLong(text.len()));
    }
    if let Some(d) = &opts.anchor_date {
        if !d.is_empty() && extract::dates::parse_iso(d).is_none() {
            return Err(Error::BadOption(format!(
                "anchor_date must be a date like 2017-02-11, not {d:?}"
            )));
        }
    }
    let mut a = analyze_bytes(text, opts);
    offsets::to_utf16(text, &mut a);
    Ok(a)
}

/// Analyzes `text`. Never panics on any input; offsets in the result are UTF-16 code units.
pub fn analyze(text: &str, opts: &Options) -> Analysis {
    match try_analyze(text, opts) {
        Ok(a) => a,
        Err(Error::TooLong(n)) => {
            let mut cut = MAX_INPUT_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut a = analyze(&text[..cut], opts);
            a.warnings.push(format!(
                "Only the first {} MB of {:.1} MB were analyzed.",
                MAX_INPUT_BYTES / 1_048_576,
                n as f64 / 1_048_576.0
            ));
            a
        }
        Err(e @ Error::BadOption(_)) => {
            let mut o = opts.clone();
            o.anchor_date = None;
            let mut a = analyze(text, &o);
            a.warnings.push(e.to_string());
            a
        }
    }
}

/// The pipeline, with byte offsets: text → segments → findings → entities → one `Analysis`.
pub fn analyze_bytes(text: &str, opts: &Options) -> Analysis {
    let doc = text::segment(text);
    // Metrics depend on the segments alone: computed first, their word tables are freed before
    // the spans of the other stages exist (a lower peak of memory).
    let (stats, sentences) = stats::compute(&doc);

    // Names first: numbers and dates inside names are not findings of their own.
    let mut names = ner::tag(&doc);
    drop_unit_names(&doc, &mut names);
    // The name spans' vector grows to hold every stage's spans, each stage's vector moved in
    // and freed as soon as that stage is done: no two stages' vectors are alive at once
    // (a lower peak of memory on long inputs).
    // Sized once from the token count (findings run at about one per 5 tokens in news text): growing
    // it stage by stage would copy it each time, and in wasm the old block is never given back.
    let n_names = names.len();
    let mut spans: Vec<Span> = Vec::with_capacity(n_names.max(doc.tokens.len() / 4));
    spans.extend(names);
    let dates = extract::dates::extract(&doc, opts.anchor_date.as_deref(), &spans);
    let (anchor_date, anchor_source) = (dates.anchor, dates.anchor_source);
    append(&mut spans, dates.spans);
    let numbers = {
        let mut taken: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        taken.sort_unstable();
        extract::numbers::extract(&doc, &taken)
    };
    append(&mut spans, numbers);
    let quotes = extract::quotes::extract(&doc, &spans[..n_names]);
    append(&mut spans, quotes);
    if !opts.no_style {
        append(&mut spans, extract::style::extract(&doc));
    }
    if let Some(kinds) = &opts.kinds {
        spans.retain(|s| kinds.contains(&s.kind));
    }
    sort_spans(&mut spans);
    for s in spans.iter_mut() {
        s.sentence = doc.sentence_at(s.start);
    }
    let entities = link::group(&doc, &mut spans);
    Analysis {
        version: env!("CARGO_PKG_VERSION").to_string(),
        offsets: "utf-8".to_string(),
        length: text.len(),
        anchor_date,
        anchor_source: anchor_source.map(str::to_string),
        spans,
        entities,
        sentences,
        paragraphs: doc.paragraphs.iter().map(|p| Paragraph { start: p.start, end: p.end }).collect(),
        stats,
        warnings: Vec::new(),
    }
}

/// Moves `more` to the end of `spans`, growing it by exactly that much.
fn append(spans: &mut Vec<Span>, more: Vec<Span>) {
    spans.reserve_exact(more.len());
    spans.extend(more);
}

/// Sorts spans by start, then longer first, then kind, keeping the input order among equals
/// (the order of a stable sort), without the stable sort's buffer of half the spans: an index
/// permutation is sorted (4 bytes a span) and applied in place by following its cycles.
fn sort_spans(spans: &mut [Span]) {
    let n = spans.len();
    if n < 2 || n > u32::MAX as usize {
        spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
        return;
    }
    let mut idx: Vec<u32> = (0..n as u32).collect();
    idx.sort_unstable_by(|&x, &y| {
        let (a, b) = (&spans[x as usize], &spans[y as usize]);
        a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)).then(x.cmp(&y))
    });
    // Position i takes the span now at idx[i]; a finished position is marked idx[i] = i.
    for i in 0..n {
        let mut j = i;
        loop {
            let k = idx[j] as usize;
            idx[j] = j as u32;
            if k == i {
                break;
            }
            spans.swap(j, k);
            j = k;
        }
    }
}

/// Currency codes and symbols, time zones and units that the tagger may take for a name.
const UNIT_NAMES: &[&str] = &[
    "us$", "a$", "c$", "hk$", "s$", "nz$", "r$", "rs", "usd", "gbp", "eur", "jpy", "cny", "rmb", "inr",
    "pkr", "chf", "aud", "cad", "sek", "nok", "dkk", "rub", "brl", "zar", "krw", "mxn", "gmt", "utc",
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "bst", "ist", "jst", "aest",
];

/// Drops name spans that are a currency, time zone or unit right next to a number
/// ("US$5", "Rs. 250", "15:00 GMT"), so the number or time around them is found whole.
fn drop_unit_names(doc: &text::Doc, names: &mut Vec<Span>) {
    names.retain(|n| {
        let key = n.text.trim_end_matches('.').to_lowercase();
        if !UNIT_NAMES.contains(&key.as_str()) {
            return true;
        }
        let first = doc.token_at_or_after(n.start);
        let mut last = first;
        while last + 1 < doc.tokens.len() && doc.tokens[last + 1].end <= n.end {
            last += 1;
        }
        let is_number = |i: usize| doc.tokens.get(i).is_some_and(|t| t.kind == text::TokKind::Number);
        let before = first.checked_sub(1).is_some_and(is_number);
        let after = is_number(last + 1);
        !(before || after)
    });
}
