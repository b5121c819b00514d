//! `article-lens train`: trains the name tagger on CoNLL-2003 and writes the compact model.

/// Runs the train command.
pub fn main(_args: &[String]) -> Result<(), String> {
    Err("training is not built yet".into())
}
