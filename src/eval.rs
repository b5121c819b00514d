//! `article-lens eval GOLD.jsonl`: precision, recall and F1 per kind against gold spans.

/// Runs the eval command.
pub fn main(_args: &[String]) -> Result<(), String> {
    Err("eval is not built yet".into())
}
