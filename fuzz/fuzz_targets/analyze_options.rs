//! Arbitrary options (anchor date, kinds subset, no_style) with arbitrary text.
#![no_main]

use arbitrary::Arbitrary;
use article_lens::{analyze, try_analyze, Error, Kind, Options};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

#[derive(Arbitrary, Debug)]
enum Anchor {
    None,
    /// Date-shaped, including impossible ones (month 13, February 30, year 0).
    Ymd(u16, u8, u8),
    /// Anything at all.
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    anchor: Anchor,
    /// Bit i set: keep `Kind::ALL[i]`; `None` keeps every kind.
    kinds: Option<u16>,
    no_style: bool,
    text: String,
}

fuzz_target!(|input: Input| {
    let anchor_date = match input.anchor {
        Anchor::None => None,
        Anchor::Ymd(y, m, d) => Some(format!("{:04}-{:02}-{:02}", y % 10_000, m % 14, d % 33)),
        Anchor::Raw(s) => Some(s),
    };
    let kinds: Option<Vec<Kind>> = input
        .kinds
        .map(|bits| Kind::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, &k)| k).collect());
    let opts = Options { anchor_date, kinds, no_style: input.no_style };
    let text = input.text;

    let a = analyze(&text, &opts);
    common::check_invariants(&text, &a);
    for s in &a.spans {
        if let Some(k) = &opts.kinds {
            assert!(k.contains(&s.kind), "span of a kind not asked for: {s:?}");
        }
        if opts.no_style {
            assert!(!s.kind.is_style(), "style span with no_style: {s:?}");
        }
    }
    match try_analyze(&text, &opts) {
        Ok(b) => {
            assert_eq!(a, b, "analyze and try_analyze differ");
            if let Some(d) = opts.anchor_date.as_deref().filter(|d| !d.is_empty()) {
                assert_eq!(a.anchor_date.as_deref(), Some(d), "anchor option not used");
                assert_eq!(a.anchor_source.as_deref(), Some("option"));
            }
        }
        Err(e @ Error::BadOption(_)) => {
            assert!(!e.to_string().is_empty());
            assert!(!a.warnings.is_empty(), "bad option without a warning");
        }
        Err(e) => panic!("unexpected error {e:?}"),
    }
});
