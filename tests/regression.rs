//! Regression tests from fuzzing (fuzz/, see fuzz/RUNS.md).
//!
//! One test per crash found, each headed by a comment naming the fuzz target and the (minimized)
//! input. No run so far has crashed; until one does, this file replays the committed seed corpora
//! natively, with the same checks as the fuzz targets, so `cargo test` covers them without nightly.

use std::fs;
use std::path::Path;

use article_lens::{analyze, jsonl::process_line, Analysis, Options};

mod common;

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(target);
    let mut v: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no seeds in {}", dir.display());
    v
}

/// Same checks as fuzz/fuzz_targets/analyze_bytes.rs.
#[test]
fn seeds_analyze_bytes() {
    for (name, bytes) in seeds("analyze_bytes") {
        let text = String::from_utf8_lossy(&bytes);
        let a = analyze(&text, &Options::default());
        common::check_invariants(&text, &a);
        assert_eq!(a, analyze(&text, &Options::default()), "{name}: not deterministic");
    }
}

/// Same checks as fuzz/fuzz_targets/jsonl.rs.
#[test]
fn seeds_jsonl() {
    let mut analyses = 0;
    for (name, bytes) in seeds("jsonl") {
        for line in String::from_utf8_lossy(&bytes).lines() {
            let Ok(out) = process_line(line, &Options::default()) else { continue };
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            let inp: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["id"], *inp.get("id").unwrap_or(&serde_json::Value::Null), "{name}: id");
            if let Some(a) = v.get("analysis") {
                let a: Analysis = serde_json::from_value(a.clone()).unwrap();
                common::check_invariants(inp["text"].as_str().unwrap(), &a);
                analyses += 1;
            }
        }
    }
    assert!(analyses >= 5);
}
