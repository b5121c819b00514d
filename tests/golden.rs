//! Golden fixtures: every `tests/golden/*.json` file holds a text and the spans `analyze` must
//! (and must not) report. Format:
//!
//! ```json
//! { "name": "what this case is about",
//!   "text": "…", "anchor_date": "2017-02-11",          // anchor_date optional
//!   "spans":  [ { "kind": "date", "text": "February 9", "value": "2017-02-09", "nth": 0 } ],
//!   "absent": [ { "kind": "cardinal", "text": "2004" } ] }
//! ```
//! A span matches on `kind` and `text` (the `nth` occurrence of that text, default 0, located in
//! the input so offsets are checked too); every other field given must equal the span's field.
//! An `absent` entry fails the test if any span has that kind and text. An optional `sentences`
//! list gives the exact text of every sentence, in order.

use article_lens::{analyze, Options};
use serde_json::Value;

fn utf16_index(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

fn check_file(path: &std::path::Path) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap();
    let case: Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = case["text"].as_str().expect("text");
    let opts = Options {
        anchor_date: case.get("anchor_date").and_then(|v| v.as_str()).map(str::to_string),
        ..Options::default()
    };
    let a = analyze(text, &opts);
    let spans = serde_json::to_value(&a.spans).unwrap();
    let spans = spans.as_array().unwrap();
    let mut errors = Vec::new();
    let name = path.file_name().unwrap().to_string_lossy();
    for want in case["spans"].as_array().into_iter().flatten() {
        let kind = want["kind"].as_str().unwrap();
        let wtext = want["text"].as_str().unwrap();
        let nth = want.get("nth").and_then(|v| v.as_u64()).unwrap_or(0) as usize;
        let Some((byte, _)) = text.match_indices(wtext).nth(nth) else {
            errors.push(format!("{name}: expected text {wtext:?} (#{nth}) is not in the input"));
            continue;
        };
        let start = utf16_index(text, byte);
        let end = start + wtext.encode_utf16().count();
        let found = spans.iter().find(|s| {
            s["kind"] == kind && s["start"].as_u64() == Some(start as u64) && s["end"].as_u64() == Some(end as u64)
        });
        match found {
            None => {
                let near: Vec<String> = spans
                    .iter()
                    .filter(|s| {
                        let (ss, se) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
                        ss < end && se > start
                    })
                    .map(|s| format!("{}:{:?}", s["kind"].as_str().unwrap(), s["text"].as_str().unwrap()))
                    .collect();
                errors.push(format!("{name}: missing {kind} {wtext:?}; overlapping: {near:?}"));
            }
            Some(s) => {
                for (k, v) in want.as_object().unwrap() {
                    if matches!(k.as_str(), "kind" | "text" | "nth") {
                        continue;
                    }
                    let got = &s[k];
                    let same = match (got, v) {
                        (Value::Number(a), Value::Number(b)) => {
                            (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9
                        }
                        (Value::Object(_), Value::Object(w)) => w.iter().all(|(kk, vv)| &got[kk] == vv),
                        _ => got == v,
                    };
                    if !same {
                        errors.push(format!("{name}: {kind} {wtext:?}: field {k} is {got}, want {v}"));
                    }
                }
            }
        }
    }
    if let Some(want) = case.get("sentences").and_then(|v| v.as_array()) {
        let units: Vec<u16> = text.encode_utf16().collect();
        let got: Vec<String> = a.sentences.iter().map(|s| String::from_utf16_lossy(&units[s.start..s.end])).collect();
        let want: Vec<String> = want.iter().map(|v| v.as_str().unwrap().to_string()).collect();
        if got != want {
            errors.push(format!("{name}: sentences are {got:#?}, want {want:#?}"));
        }
    }
    for no in case["absent"].as_array().into_iter().flatten() {
        let kind = no["kind"].as_str().unwrap();
        let ntext = no["text"].as_str().unwrap();
        if spans.iter().any(|s| s["kind"] == kind && s["text"] == ntext) {
            errors.push(format!("{name}: {kind} {ntext:?} must not be reported"));
        }
    }
    errors
}

#[test]
fn golden_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    // Narrow with GOLDEN=prefix while developing one extractor.
    if let Ok(prefix) = std::env::var("GOLDEN") {
        files.retain(|p| p.file_name().unwrap().to_string_lossy().starts_with(&prefix));
    }
    assert!(!files.is_empty(), "no golden files in {}", dir.display());
    let errors: Vec<String> = files.iter().flat_map(|f| check_file(f)).collect();
    assert!(errors.is_empty(), "{} golden failures:\n{}", errors.len(), errors.join("\n"));
}
