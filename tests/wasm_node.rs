//! The JS boundary (`article_lens::wasm::analyze`) in Node, with wasm-bindgen-test:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --test wasm_node
//! ```
//!
//! Strings go through the same glue as a call from JS: a `JsString` is converted with
//! `String::from(JsString)`, which is what wasm-bindgen does to a `&str` argument (lone surrogates
//! become U+FFFD, one UTF-16 unit for one, so offsets still index the caller's string).
#![cfg(target_arch = "wasm32")]

use article_lens::wasm::analyze;
use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

const SEED: &str = include_str!("fixtures/seed-article.txt");

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).expect("property")
}

fn num(o: &JsValue, key: &str) -> u32 {
    get(o, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number")) as u32
}

fn spans(a: &JsValue) -> Vec<JsValue> {
    get(a, "spans").dyn_into::<Array>().expect("spans is an array").iter().collect()
}

/// Analyzes a JS string as JS would hand it over.
fn analyze_js(s: &JsString, options: JsValue) -> Result<JsValue, JsValue> {
    let text = String::from(s.clone());
    analyze(&text, options).map_err(JsValue::from)
}

/// Every span's `text` equals `js.slice(start, end)`, with UTF-16 offsets inside the string.
fn check_slices(js: &JsString, a: &JsValue) -> usize {
    let len = js.length();
    assert_eq!(num(a, "length"), len, "length is in UTF-16 units");
    assert_eq!(get(a, "offsets").as_string().as_deref(), Some("utf-16"));
    let spans = spans(a);
    let mut prev = 0;
    for s in &spans {
        let (start, end) = (num(s, "start"), num(s, "end"));
        assert!(start < end && end <= len, "span out of range: {start}..{end} of {len}");
        assert!(start >= prev, "spans not sorted");
        prev = start;
        let sliced = String::from(js.slice(start, end));
        assert_eq!(Some(sliced), get(s, "text").as_string(), "slice({start},{end})");
    }
    spans.len()
}

fn error_message(e: JsValue) -> String {
    let e: js_sys::Error = e.dyn_into().expect("a thrown Error object");
    String::from(e.message())
}

fn options(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON")
}

#[wasm_bindgen_test]
fn offsets_are_utf16_in_js() {
    let text = "😀👍🏽 Zoë O'Neill said on February 11, 2017 that 88% of 424 airstrikes cost $1.2 billion. \
                “Zoë was ordered to go,” he said. 👨‍👩‍👧 Jim Mattis visited Pakistan.";
    let js = JsString::from(text);
    assert_ne!(js.length() as usize, text.len(), "the text must have non-ASCII characters");
    let a = analyze_js(&js, JsValue::UNDEFINED).expect("analysis");
    let n = check_slices(&js, &a);
    assert!(n >= 5, "expected several spans, got {n}");
    let texts: Vec<String> = spans(&a).iter().filter_map(|s| get(s, "text").as_string()).collect();
    for want in ["88%", "February 11, 2017", "$1.2 billion"] {
        assert!(texts.iter().any(|t| t == want), "{want} not found in {texts:?}");
    }
    assert!(texts.iter().any(|t| t.contains("Zoë")), "no span (the quote) with Zoë in {texts:?}");
    // Sentences and paragraphs index the same string.
    for key in ["sentences", "paragraphs"] {
        for s in get(&a, key).dyn_into::<Array>().unwrap().iter() {
            assert!(num(&s, "start") <= num(&s, "end") && num(&s, "end") <= js.length());
        }
    }
}

#[wasm_bindgen_test]
fn seed_article_offsets() {
    let js = JsString::from(SEED);
    let a = analyze_js(&js, JsValue::NULL).expect("analysis");
    assert!(check_slices(&js, &a) > 20);
}

#[wasm_bindgen_test]
fn lone_surrogates_from_js() {
    // "Zoë \uD800 said on Tuesday \uDC00\uD800 that 88% …" plus a trailing lone high surrogate.
    let mut units: Vec<u16> = "Zoë O'Neill ".encode_utf16().collect();
    units.push(0xD800);
    units.extend(" said on February 11, 2017 ".encode_utf16());
    units.extend([0xDC00, 0xD800]);
    units.extend(" that 88% of 424 airstrikes “were ordered,” Jim Mattis said. 😀".encode_utf16());
    units.push(0xDBFF);
    let js = JsString::from_char_code(&units);
    assert_eq!(js.length() as usize, units.len());
    assert!(!js.is_valid_utf16());
    let a = analyze_js(&js, JsValue::UNDEFINED).expect("lone surrogates are analyzed, not refused");
    assert_eq!(num(&a, "length"), js.length());
    let mut found = false;
    for s in spans(&a) {
        let (start, end) = (num(&s, "start"), num(&s, "end"));
        assert!(start < end && end <= js.length());
        // Slicing the caller's string and replacing lone surrogates gives the span text.
        let sliced = String::from_utf16_lossy(&units[start as usize..end as usize]);
        assert_eq!(Some(sliced.clone()), get(&s, "text").as_string());
        found |= sliced == "88%";
    }
    assert!(found, "88% still found after the lone surrogates");
    // Surrogates only: no spans, no error.
    let only = JsString::from_char_code(&[0xD800, 0xD800, 0xDC00, 0x20, 0xDFFF]);
    let a = analyze_js(&only, JsValue::UNDEFINED).expect("analysis");
    assert_eq!(num(&a, "length"), 5);
}

#[wasm_bindgen_test]
fn invalid_options_throw_an_error_with_a_message() {
    let js = JsString::from("On Tuesday, 88% agreed.");
    for (opts, want) in [
        (r#"{"kinds": "person"}"#, "Bad options"),
        (r#"{"kinds": ["person", "dragon"]}"#, "Bad options"),
        (r#"{"no_style": "yes"}"#, "Bad options"),
        (r#"{"anchor_date": 20170211}"#, "Bad options"),
        (r#"{"anchor_date": "yesterday-ish"}"#, "anchor_date"),
        (r#"{"anchor_date": "2017-02-30"}"#, "anchor_date"),
    ] {
        let e = analyze_js(&js, options(opts)).expect_err(opts);
        let m = error_message(e);
        assert!(m.contains(want), "{opts}: message {m:?} should mention {want:?}");
    }
    // A number or a string instead of an object is refused the same way.
    for bad in [JsValue::from_f64(3.0), JsValue::from_str("kinds")] {
        let m = error_message(analyze_js(&js, bad).expect_err("non-object options"));
        assert!(!m.is_empty());
    }
    // Valid options are honoured.
    let a =
        analyze_js(&js, options(r#"{"kinds": ["percent"], "no_style": true, "anchor_date": "2017-02-11"}"#)).unwrap();
    let kinds: Vec<String> = spans(&a).iter().filter_map(|s| get(s, "kind").as_string()).collect();
    assert_eq!(kinds, ["percent"]);
    assert_eq!(get(&a, "anchor_date").as_string().as_deref(), Some("2017-02-11"));
    // Unknown fields and an empty object are fine.
    assert!(analyze_js(&js, Object::new().into()).is_ok());
}

#[wasm_bindgen_test]
fn same_output_after_a_thousand_calls() {
    let inputs = [JsString::from(SEED), JsString::from("“Zoë,” he said on Feb. 3. 😀 40% rose."), JsString::from("")];
    let first: Vec<String> = inputs
        .iter()
        .map(|t| String::from(JSON::stringify(&analyze_js(t, JsValue::UNDEFINED).unwrap()).unwrap()))
        .collect();
    assert!(first[0].len() > 1000);
    for i in 0..1000 {
        let k = i % inputs.len();
        // An error in between must not leave state behind either.
        if i % 100 == 0 {
            assert!(analyze_js(&inputs[k], options(r#"{"anchor_date": "bad"}"#)).is_err());
        }
        let out = String::from(JSON::stringify(&analyze_js(&inputs[k], JsValue::UNDEFINED).unwrap()).unwrap());
        assert!(out == first[k], "call {i}: output for input {k} changed");
    }
}

#[wasm_bindgen_test]
fn over_the_limit_is_a_clear_error() {
    let max = article_lens::wasm::max_input_bytes();
    assert_eq!(max, article_lens::MAX_INPUT_BYTES);
    let text = "a".repeat(max + 1);
    let m = error_message(analyze(&text, JsValue::UNDEFINED).map_err(JsValue::from).expect_err("over the limit"));
    assert!(m.contains("too long") && m.contains("limit"), "message: {m}");
    drop(text);
    // The next call on the same instance works.
    assert!(analyze("Up 88%.", JsValue::UNDEFINED).is_ok());
}
