//! Arbitrary bytes, decoded lossily, through `analyze` with default options; every invariant of
//! the result is checked (tests/common/mod.rs, shared with the integration tests).
#![no_main]

use article_lens::{analyze, Options};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = analyze(&text, &Options::default());
    common::check_invariants(&text, &a);
});
