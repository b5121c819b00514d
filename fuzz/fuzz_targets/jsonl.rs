//! Arbitrary bytes as JSONL lines into `jsonl::process_line`: never panics; every output line is a
//! JSON object with the input's id and either an analysis that keeps the invariants or an error.
#![no_main]

use article_lens::{jsonl::process_line, Analysis, Options};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    for line in input.lines() {
        let Ok(out) = process_line(line, &Options::default()) else { continue };
        assert!(!out.contains('\n'), "output line contains a newline");
        let v: serde_json::Value = serde_json::from_str(&out).expect("output is JSON");
        let inp: serde_json::Value = serde_json::from_str(line).expect("input was JSON");
        assert_eq!(v["id"], *inp.get("id").unwrap_or(&serde_json::Value::Null), "id not echoed");
        let text = inp["text"].as_str().expect("input had a text string");
        if let Some(a) = v.get("analysis") {
            let a: Analysis = serde_json::from_value(a.clone()).expect("analysis deserializes");
            common::check_invariants(text, &a);
        } else {
            assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "neither analysis nor error: {out}");
        }
    }
});
