//! Property tests: on arbitrary Unicode, `analyze` never panics, every span lies inside the text on
//! UTF-16 character boundaries with the right text, spans are sorted, entities point at their spans,
//! metrics are consistent, and the same input gives the same output.

use article_lens::{analyze, Options};
use common::check_invariants;

mod common;
use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Article-like material with Unicode sprinkled in.
        proptest::collection::vec(
            prop_oneof![
                Just("The U.S. said on Tuesday".to_string()),
                Just(" that 88% of 1,200-1,800 people".to_string()),
                Just(" “were killed,” Dr. Zoë O'Neill said.".to_string()),
                Just(" \"".to_string()),
                Just("’".to_string()),
                Just("\n\n".to_string()),
                Just(" February 11, 2017 ".to_string()),
                Just(" 😀👍🏽 ".to_string()),
                Just(" مرحبا بالعالم ".to_string()),
                Just("e\u{301}\u{302}".to_string()),
                Just("\u{202E}\u{0}".to_string()),
                Just(" $1.2 billion ".to_string()),
                Just(" Jim Mattis. ".to_string()),
                any::<String>(),
            ],
            0..40
        )
        .prop_map(|v| v.concat()),
    ]
}

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
