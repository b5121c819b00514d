//! The arbitrary texts of the property tests (`tests/props.rs`, `tests/invariants.rs`): any Unicode
//! string, or article-like fragments (names, dates, numbers, quotes, RTL, emoji, combining marks,
//! controls) concatenated with arbitrary strings between them.

use proptest::prelude::*;

pub fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("The U.S. said on Tuesday".to_string()),
                Just(" that 88% of 1,200-1,800 people".to_string()),
                Just(" “were killed,” Dr. Zoë O'Neill said.".to_string()),
                Just(" \"".to_string()),
                Just("’".to_string()),
                Just("\n\n".to_string()),
                Just("...!?".to_string()),
                Just(" February 11, 2017 ".to_string()),
                Just(" last week ".to_string()),
                Just(" 😀👍🏽 ".to_string()),
                Just(" مرحبا بالعالم ".to_string()),
                Just("e\u{301}\u{302}".to_string()),
                Just("\u{202E}\u{0}".to_string()),
                Just(" $1.2 billion ".to_string()),
                Just(" $4.1 million, ".to_string()),
                Just(" Jim Mattis. Mattis ".to_string()),
                Just(" the Central Intelligence Agency (CIA) ".to_string()),
                any::<String>(),
            ],
            0..40
        )
        .prop_map(|v| v.concat()),
    ]
}
