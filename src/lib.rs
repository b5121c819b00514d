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
            return Err(Error::BadOption(format!("anchor_date must be a date like 2017-02-11, not {d:?}")));
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
    // (Grown from the name spans' own vector, which realloc can often extend in place: a new vector
    // meant copying every name span.)
    let n_names = names.len();
    let mut spans: Vec<Span> = names;
    let wanted = n_names.max(doc.tokens.len() / 4);
    spans.reserve_exact(wanted - n_names);
    let dates = extract::dates::extract(&doc, opts.anchor_date.as_deref(), &spans);
    let (anchor_date, anchor_source) = (dates.anchor, dates.anchor_source);
    append(&mut spans, dates.spans);
    let numbers = {
        let taken = sorted_ranges(&spans[..n_names], &spans[n_names..]);
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
    assemble(&doc, &mut spans);
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

/// The assembly step of [`analyze_bytes`]: sorts the spans of every stage (by start, longer
/// first, then kind) and sets each one's sentence. Public for `examples/bench.rs`, which times it.
#[doc(hidden)]
pub fn assemble(doc: &text::Doc, spans: &mut [Span]) {
    sort_spans(spans);
    set_sentences(doc, spans);
}

/// Moves `more` to the end of `spans`, growing it by exactly that much.
fn append(spans: &mut Vec<Span>, more: Vec<Span>) {
    spans.reserve_exact(more.len());
    spans.extend(more);
}

/// The `(start, end)` ranges of `a` and `b`, sorted: a merge when each is sorted by them (the
/// stages' outputs are), a sort otherwise.
fn sorted_ranges(a: &[Span], b: &[Span]) -> Vec<(usize, usize)> {
    let range = |s: &Span| (s.start, s.end);
    let mut out = Vec::with_capacity(a.len() + b.len());
    if !a.is_sorted_by_key(range) || !b.is_sorted_by_key(range) {
        out.extend(a.iter().chain(b).map(range));
        out.sort_unstable();
        return out;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (range(&a[i]), range(&b[j]));
        if x <= y {
            out.push(x);
            i += 1;
        } else {
            out.push(y);
            j += 1;
        }
    }
    out.extend(a[i..].iter().chain(&b[j..]).map(range));
    out
}

/// Sets each span's `sentence` (as [`text::Doc::sentence_at`]); `spans` are sorted by start, so
/// one walk over the sentences serves them all when sentence starts strictly increase.
fn set_sentences(doc: &text::Doc, spans: &mut [Span]) {
    let sents = &doc.sentences;
    if !sents.windows(2).all(|w| w[0].start < w[1].start) || !spans.is_sorted_by_key(|s| s.start) {
        for s in spans.iter_mut() {
            s.sentence = doc.sentence_at(s.start);
        }
        return;
    }
    // The last sentence starting at or before the span (or the first sentence).
    let mut c = 0;
    for s in spans.iter_mut() {
        while c + 1 < sents.len() && sents[c + 1].start <= s.start {
            c += 1;
        }
        s.sentence = c;
    }
}

/// Sorts spans by start, then longer first, then kind, keeping the input order among equals
/// (the order of a stable sort), without the stable sort's buffer of half the spans: the four keys
/// of each span are packed into one `u128` (16 bytes a span, the position last, so an unstable sort
/// of them is stable), sorted, and the permutation applied in place by following its cycles.
fn sort_spans(spans: &mut [Span]) {
    let n = spans.len();
    let small = |x: usize| x <= u32::MAX as usize;
    if n < 2 || !small(n) || !spans.iter().all(|s| small(s.start) && small(s.end)) {
        spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
        return;
    }
    let mut keys: Vec<u128> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (s.start as u128) << 96 | ((u32::MAX as usize - s.end) as u128) << 64 | (s.kind as u128) << 32 | i as u128
        })
        .collect();
    keys.sort_unstable();
    // Position i takes the span now at the position in the low bits of keys[i]; a finished
    // position is marked keys[i] = i.
    for i in 0..n {
        let mut j = i;
        loop {
            let k = keys[j] as u32 as usize;
            keys[j] = j as u128;
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
    "us$", "a$", "c$", "hk$", "s$", "nz$", "r$", "rs", "usd", "gbp", "eur", "jpy", "cny", "rmb", "inr", "pkr", "chf",
    "aud", "cad", "sek", "nok", "dkk", "rub", "brl", "zar", "krw", "mxn", "gmt", "utc", "est", "edt", "cst", "cdt",
    "mst", "mdt", "pst", "pdt", "cet", "cest", "bst", "ist", "jst", "aest",
];

/// The longest of [`UNIT_NAMES`], in bytes.
const UNIT_MAX_LEN: usize = 4;

/// Drops name spans that are a currency, time zone or unit right next to a number
/// ("US$5", "Rs. 250", "15:00 GMT"), so the number or time around them is found whole.
fn drop_unit_names(doc: &text::Doc, names: &mut Vec<Span>) {
    names.retain(|n| {
        let t = n.text.trim_end_matches('.');
        let unit = if t.is_ascii() {
            t.len() <= UNIT_MAX_LEN && UNIT_NAMES.iter().any(|u| u.eq_ignore_ascii_case(t))
        } else {
            // Some non-ASCII letters lower-case to ASCII ones (the Kelvin sign to "k").
            UNIT_NAMES.contains(&t.to_lowercase().as_str())
        };
        if !unit {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_max_len() {
        assert_eq!(UNIT_NAMES.iter().map(|u| u.len()).max(), Some(UNIT_MAX_LEN));
    }

    fn spans_of(ranges: &[(usize, usize, Kind)]) -> Vec<Span> {
        let text = "x".repeat(64);
        ranges.iter().map(|&(s, e, k)| Span::new(&text, s, e, k)).collect()
    }

    #[test]
    fn sort_spans_as_a_stable_sort() {
        // A few pseudo-random spans with many ties; `sentence` records the input position.
        let mut state = 7u32;
        let mut next = |m: u32| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((state >> 16) % m) as usize
        };
        for len in [0, 1, 2, 3, 10, 50, 300] {
            let mut spans: Vec<Span> = (0..len)
                .map(|i| {
                    let s = next(20);
                    let mut sp = Span::new("", s, s + next(5), Kind::ALL[next(3)]);
                    sp.sentence = i;
                    sp
                })
                .collect();
            let mut want = spans.clone();
            want.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.kind.cmp(&b.kind)));
            sort_spans(&mut spans);
            assert_eq!(spans, want, "len {len}");
        }
    }

    #[test]
    fn sorted_ranges_merges_or_sorts() {
        let a = spans_of(&[(0, 3, Kind::Person), (5, 9, Kind::Place), (5, 7, Kind::Place), (20, 22, Kind::Misc)]);
        let b = spans_of(&[(1, 2, Kind::Date), (5, 8, Kind::Date), (30, 31, Kind::Date)]);
        for (x, y) in [(&a, &b), (&b, &a), (&a, &a), (&b, &b)] {
            let mut want: Vec<(usize, usize)> = x.iter().chain(y.iter()).map(|s| (s.start, s.end)).collect();
            want.sort_unstable();
            assert_eq!(sorted_ranges(x, y), want);
        }
    }
}
