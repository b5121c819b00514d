//! The JS boundary: the only module that knows about wasm-bindgen. Options come in as a JS object
//! (read through `JSON.stringify`), the `Analysis` goes out as JSON text that `JSON.parse` turns
//! into plain objects, and every error becomes a thrown JS `Error`.
//!
//! Why JSON text rather than building the objects from Rust one property at a time: crossing the
//! boundary once with a string and letting the engine's native `JSON.parse` build the objects is
//! several times faster for an analysis with thousands of spans, and keeps the wasm smaller.

use wasm_bindgen::prelude::*;

use crate::{try_analyze, Options};

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn into_error<E: std::fmt::Display>(e: E) -> JsError {
    JsError::new(&e.to_string())
}

/// Reads the options object (`undefined`/`null` = defaults).
fn read_options(options: &JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let bad = |e: &dyn std::fmt::Display| into_error(format!("Bad options: {e}"));
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(bad(&"expected an object like { anchor_date, kinds, no_style }"));
    }
    let json = js_sys::JSON::stringify(options).map_err(|_| bad(&"not serializable"))?;
    let json = json.as_string().ok_or_else(|| bad(&"not serializable"))?;
    serde_json::from_str(&json).map_err(|e| bad(&e))
}

/// Analyzes `text`; `options` is an optional object `{ anchor_date?, kinds?, no_style? }`.
/// Returns the Analysis as a plain object; offsets are UTF-16 code units (JS string indices).
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let json = analyze_json(text, options)?;
    js_sys::JSON::parse(&json).map_err(|_| into_error("internal error: the analysis is not valid JSON"))
}

/// Like `analyze`, but returns the Analysis as JSON text (for callers that pass it on as text).
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str, options: JsValue) -> Result<String, JsError> {
    #[cfg(feature = "panic-trigger")]
    if text == "\u{0}article-lens:panic" {
        panic!("panic trigger (test builds only)");
    }
    let opts = read_options(&options)?;
    let analysis = try_analyze(text, &opts).map_err(into_error)?;
    serde_json::to_string(&analysis).map_err(into_error)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The largest input accepted, in UTF-8 bytes.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> usize {
    crate::MAX_INPUT_BYTES
}
