//! Property tests: on arbitrary Unicode, `analyze` never panics, every span lies inside the text on
//! UTF-16 character boundaries with the right text, spans are sorted, entities point at their spans,
//! metrics are consistent, and the same input gives the same output.

use article_lens::{analyze, Options};
use common::check_invariants;

mod common;
#[path = "common/strategy.rs"]
mod strategy;
use proptest::prelude::*;
use strategy::text_strategy;

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn never_panics_and_keeps_invariants(text in text_strategy()) {
        let a = analyze(&text, &Options::default());
        check_invariants(&text, &a);
    }

    #[test]
    fn deterministic(text in text_strategy()) {
        let a = analyze(&text, &Options::default());
        let b = analyze(&text, &Options::default());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn reading_time_grows_with_words(text in text_strategy()) {
        let a = analyze(&text, &Options::default());
        let doubled = format!("{text}\n\n{text} more words here");
        let b = analyze(&doubled, &Options::default());
        prop_assert!(b.stats.words >= a.stats.words);
        prop_assert!(b.stats.reading_time_s >= a.stats.reading_time_s);
    }
}
