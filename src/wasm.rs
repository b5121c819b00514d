//! The JS boundary: the only module that knows about wasm-bindgen. Converts options in and the
//! `Analysis` out with serde-wasm-bindgen, and turns every error into a thrown JS `Error`.

use wasm_bindgen::prelude::*;

use crate::{try_analyze, Options};

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn into_error<E: std::fmt::Display>(e: E) -> JsError {
    JsError::new(&e.to_string())
}

/// Analyzes `text`; `options` is an optional object `{ anchor_date?, kinds?, no_style? }`.
/// Returns the Analysis as a plain object; offsets are UTF-16 code units (JS string indices).
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    #[cfg(feature = "panic-trigger")]
    if text == "\u{0}article-lens:panic" {
        panic!("panic trigger (test builds only)");
    }
    let opts: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| into_error(format!("Bad options: {e}")))?
    };
    let analysis = try_analyze(text, &opts).map_err(into_error)?;
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    analysis.serialize(&ser).map_err(into_error)
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

use serde::Serialize;
