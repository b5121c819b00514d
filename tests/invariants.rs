//! Invariants of the "Reliability and security" issue that tests/props.rs does not check (or checks
//! only loosely): sentences ≤ words without exceptions, the full sort order (start, then longer
//! first), entity back-references from spans and speakers, reading time as a function of the word
//! count, invariants and determinism under arbitrary options, and no state carried between calls.
#![cfg(not(target_arch = "wasm32"))]

use article_lens::{analyze, Analysis, Kind, Options};
use common::check_invariants;
use proptest::prelude::*;

mod common;
#[path = "common/strategy.rs"]
mod strategy;
use strategy::text_strategy;

fn options_strategy() -> impl Strategy<Value = Options> {
    (
        prop_oneof![
            Just(None),
            Just(Some(String::new())),
            Just(Some("2017-02-11".to_string())),
            Just(Some("2016-02-29".to_string())),
            Just(Some("2017-02-30".to_string())),
            any::<String>().prop_map(Some),
        ],
        proptest::option::of(any::<u16>()),
        any::<bool>(),
    )
        .prop_map(|(anchor_date, bits, no_style)| Options {
            anchor_date,
            kinds: bits
                .map(|b| Kind::ALL.iter().enumerate().filter(|(i, _)| b & (1 << i) != 0).map(|(_, &k)| k).collect()),
            no_style,
        })
}

/// The checks beyond `check_invariants`.
fn check_more(a: &Analysis) {
    let st = &a.stats;
    assert!(st.sentences <= st.words, "{} sentences but {} words", st.sentences, st.words);
    for w in a.spans.windows(2) {
        assert!(
            w[0].start < w[1].start || (w[0].start == w[1].start && w[0].end >= w[1].end),
            "spans not sorted by start, then longer first: {:?} before {:?}",
            (w[0].start, w[0].end, w[0].kind),
            (w[1].start, w[1].end, w[1].kind)
        );
    }
    for (i, s) in a.spans.iter().enumerate() {
        if let Some(e) = s.entity {
            assert!(e < a.entities.len(), "span {i} points at missing entity {e}");
            assert!(a.entities[e].mentions.contains(&i), "span {i} not among entity {e}'s mentions");
        }
        if let Some(e) = s.speaker.as_ref().and_then(|sp| sp.entity) {
            assert!(e < a.entities.len(), "speaker of span {i} points at missing entity {e}");
        }
    }
    for e in &a.entities {
        assert!(!e.mentions.is_empty(), "entity without mentions: {e:?}");
        assert!(e.mentions.windows(2).all(|w| w[0] < w[1]), "mentions not sorted/unique: {:?}", e.mentions);
    }
    // Reading time is a function of the word count only (238 words per minute).
    let want = st.words as f32 / 238.0 * 60.0;
    assert!(
        (st.reading_time_s - want).abs() <= want * 1e-4 + 1e-3,
        "reading time {} for {} words",
        st.reading_time_s,
        st.words
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn stricter_invariants(text in text_strategy()) {
        let a = analyze(&text, &Options::default());
        check_invariants(&text, &a);
        check_more(&a);
    }

    #[test]
    fn invariants_and_determinism_under_options(text in text_strategy(), opts in options_strategy()) {
        let a = analyze(&text, &opts);
        check_invariants(&text, &a);
        check_more(&a);
        for s in &a.spans {
            if let Some(k) = &opts.kinds {
                prop_assert!(k.contains(&s.kind), "kind {:?} not asked for", s.kind);
            }
            prop_assert!(!(opts.no_style && s.kind.is_style()), "style span with no_style");
        }
        prop_assert_eq!(&a, &analyze(&text, &opts));
    }

    #[test]
    fn no_state_between_calls(x in text_strategy(), y in text_strategy()) {
        let first = analyze(&x, &Options::default());
        let _ = analyze(&y, &Options { anchor_date: Some("1999-12-31".into()), kinds: None, no_style: true });
        let _ = analyze(&y, &Options::default());
        prop_assert_eq!(first, analyze(&x, &Options::default()));
    }

    #[test]
    fn more_words_more_reading_time(text in text_strategy(), extra in 1usize..20) {
        let a = analyze(&text, &Options::default());
        let longer = format!("{text}\n\n{}", "word ".repeat(extra));
        let b = analyze(&longer, &Options::default());
        prop_assert!(b.stats.words > a.stats.words, "{} then {} words", a.stats.words, b.stats.words);
        prop_assert!(b.stats.reading_time_s > a.stats.reading_time_s);
        prop_assert!(b.stats.speaking_time_s > a.stats.speaking_time_s);
    }
}

#[test]
fn punctuation_only_has_no_more_sentences_than_words() {
    for t in ["...", "!!! ??? ...", "“”", "\n\n.\n\n.", "😀. 😀!", "- - -", "1. 2. 3."] {
        let a = analyze(t, &Options::default());
        check_invariants(t, &a);
        check_more(&a);
    }
}
