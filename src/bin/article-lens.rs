//! The command line: `article-lens analyze [FILE|-]`, `analyze --jsonl`, `eval GOLD.jsonl`, `train`.

#[cfg(not(target_arch = "wasm32"))]
use std::io::{BufRead, Read, Write};
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use article_lens::{try_analyze, Options};

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "usage:
  article-lens analyze [FILE|-] [--anchor YYYY-MM-DD] [--pretty]   print the Analysis of a text as JSON
  article-lens analyze --jsonl                                    read {\"id\",\"text\"} lines on stdin, write one result per line
  article-lens eval GOLD.jsonl                                    precision, recall and F1 of names against gold spans
  article-lens train [--help]                                     train the name tagger on CoNLL-2003
  article-lens build-lists [--data DIR] [--out DIR]               compile gazetteers and clusters into data/lists.bin
  article-lens bench-ner FILE [--mb N]                            name-tagging throughput in MB/s
Offsets in the JSON are UTF-16 code units (JavaScript string indices).";

/// The CLI is native only; this stub lets `cargo test --target wasm32-unknown-unknown` build the
/// integration tests (cargo builds the bin for them).
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => cmd_analyze(&args[1..]),
        Some("eval") => article_lens::eval::main(&args[1..]),
        Some("train") => article_lens::ner::train::main(&args[1..]),
        Some("build-lists") => article_lens::ner::train::build_lists_main(&args[1..]),
        Some("bench-ner") => article_lens::eval::bench_main(&args[1..]),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-lens: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn cmd_analyze(args: &[String]) -> Result<(), String> {
    let mut opts = Options::default();
    let mut file: Option<&str> = None;
    let mut jsonl = false;
    let mut pretty = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--jsonl" => jsonl = true,
            "--pretty" => pretty = true,
            "--anchor" => {
                i += 1;
                opts.anchor_date = Some(args.get(i).ok_or("--anchor needs a date")?.clone());
            }
            f => file = Some(f),
        }
        i += 1;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if jsonl {
        let stdin = std::io::stdin();
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.map_err(|e| format!("reading stdin: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let row = article_lens::jsonl::process_line(&line, &opts).map_err(|e| format!("line {}: {e}", n + 1))?;
            out.write_all(row.as_bytes()).map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    let mut bytes = Vec::new();
    match file {
        None | Some("-") => std::io::stdin().read_to_end(&mut bytes).map(|_| ()),
        Some(f) => std::fs::File::open(f).and_then(|mut h| h.read_to_end(&mut bytes).map(|_| ())),
    }
    .map_err(|e| format!("reading {}: {e}", file.unwrap_or("stdin")))?;
    let text = String::from_utf8_lossy(&bytes);
    let a = try_analyze(&text, &opts).map_err(|e| e.to_string())?;
    if pretty { serde_json::to_writer_pretty(&mut out, &a) } else { serde_json::to_writer(&mut out, &a) }
        .map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())?;
    Ok(())
}
