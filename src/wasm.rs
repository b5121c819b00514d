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

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string (js_sys's binding takes a `&str`, which would copy the text
    /// back into linear memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
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

/// Serialized JSON, handed to JS in pieces of about `CHUNK` bytes so that the whole text never sits
/// in wasm linear memory (which only grows: a 10 MB article's analysis is ~65 MB of JSON).
struct JsChunks {
    buf: Vec<u8>,
    parts: js_sys::Array,
}

const CHUNK: usize = 1 << 20;

impl JsChunks {
    fn new() -> JsChunks {
        JsChunks { buf: Vec::with_capacity(CHUNK + 64), parts: js_sys::Array::new() }
    }
    /// Moves the buffered bytes up to the last whole character into a JS string.
    fn flush_whole_chars(&mut self) {
        let cut = match std::str::from_utf8(&self.buf) {
            Ok(_) => self.buf.len(),
            Err(e) => e.valid_up_to(), // a character split at the end waits for its other bytes
        };
        if cut == 0 {
            return;
        }
        // `cut` is a boundary that from_utf8 just validated, so this never falls back.
        let piece = std::str::from_utf8(&self.buf[..cut]).unwrap_or_default();
        self.parts.push(&JsValue::from_str(piece));
        self.buf.drain(..cut);
    }
    /// The whole JSON text as one JS string.
    fn finish(mut self) -> js_sys::JsString {
        self.flush_whole_chars();
        self.parts.join("")
    }
}

impl std::io::Write for JsChunks {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            self.flush_whole_chars();
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs the analysis and returns its JSON text as a JS string.
fn analysis_json(text: &str, options: &JsValue) -> Result<js_sys::JsString, JsError> {
    #[cfg(feature = "panic-trigger")]
    if text == "\u{0}article-lens:panic" {
        panic!("panic trigger (test builds only)");
    }
    let opts = read_options(options)?;
    let analysis = try_analyze(text, &opts).map_err(into_error)?;
    let mut out = JsChunks::new();
    serde_json::to_writer(&mut out, &analysis).map_err(into_error)?;
    drop(analysis);
    Ok(out.finish())
}

/// Analyzes `text`; `options` is an optional object `{ anchor_date?, kinds?, no_style? }`.
/// Returns the Analysis as a plain object; offsets are UTF-16 code units (JS string indices).
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let json = analysis_json(text, &options)?;
    json_parse(&json).map_err(|_| into_error("internal error: the analysis is not valid JSON"))
}

/// Like `analyze`, but returns the Analysis as JSON text (for callers that pass it on as text).
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str, options: JsValue) -> Result<js_sys::JsString, JsError> {
    analysis_json(text, &options)
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
