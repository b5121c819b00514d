//! Batch input for the command line: one `{"id": …, "text": …}` object per line in, one
//! `{"id": …, "analysis": …}` (or `{"id": …, "error": …}`) per line out.

use crate::{try_analyze, Options};

/// Analyzes one JSONL line and returns the output line (without the newline).
///
/// Returns `Err` with a message when the line is not a JSON object with a `"text"` string; the
/// caller decides whether that ends the batch.
///
/// ```
/// let out = article_lens::jsonl::process_line(r#"{"id": 7, "text": "Up 88%."}"#, &Default::default()).unwrap();
/// let v: serde_json::Value = serde_json::from_str(&out).unwrap();
/// assert_eq!(v["id"], 7);
/// assert_eq!(v["analysis"]["spans"][0]["text"], "88%");
/// assert!(article_lens::jsonl::process_line("nonsense", &Default::default()).is_err());
/// ```
pub fn process_line(line: &str, opts: &Options) -> Result<String, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let text = v.get("text").and_then(|t| t.as_str()).ok_or("no \"text\" string")?;
    let row = match try_analyze(text, opts) {
        Ok(a) => serde_json::json!({ "id": id, "analysis": a }),
        Err(e) => serde_json::json!({ "id": id, "error": e.to_string() }),
    };
    serde_json::to_string(&row).map_err(|e| e.to_string())
}
