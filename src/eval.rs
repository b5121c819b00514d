//! `article-lens eval GOLD.jsonl`: precision, recall and F1 per kind against gold spans, through the full
//! product pipeline (`analyze`, UTF-16 offsets); and `article-lens bench-ner FILE`: tagging speed.

use std::time::Instant;

use crate::{analyze, Kind, Options};

const KINDS: [&str; 4] = ["person", "organization", "place", "misc"];

fn kind_index(k: Kind) -> Option<usize> {
    match k {
        Kind::Person => Some(0),
        Kind::Organization => Some(1),
        Kind::Place => Some(2),
        Kind::Group | Kind::Misc => Some(3),
        _ => None,
    }
}

fn label_index(l: &str) -> Option<usize> {
    match l {
        "PER" | "PERSON" => Some(0),
        "ORG" => Some(1),
        "LOC" | "PLACE" | "GPE" => Some(2),
        "MISC" | "NORP" => Some(3),
        _ => None,
    }
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 { 0.0 } else { tp as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Runs the eval command.
pub fn main(args: &[String]) -> Result<(), String> {
    let path = args.first().ok_or("usage: article-lens eval GOLD.jsonl [--errors N]")?;
    let show_errors: usize = match args.get(1).map(String::as_str) {
        Some("--errors") => args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20),
        _ => 0,
    };
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let opts = Options { no_style: true, ..Options::default() };
    let mut counts = [[0usize; 3]; 4]; // tp, pred, gold
    let mut bytes = 0usize;
    let mut secs = 0.0f64;
    let mut shown = 0;
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = v["text"].as_str().ok_or(format!("line {}: no text", n + 1))?;
        // Gold code-point offsets → UTF-16.
        let mut cp16 = Vec::with_capacity(text.len() + 1);
        let mut u = 0usize;
        for c in text.chars() {
            cp16.push(u);
            u += c.len_utf16();
        }
        cp16.push(u);
        let mut gold = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) else { continue };
            let Some(k) = e["label"].as_str().and_then(label_index) else { continue };
            let (Some(&a), Some(&b)) = (cp16.get(s as usize), cp16.get(t as usize)) else { continue };
            gold.push((a, b, k));
        }
        let t0 = Instant::now();
        let a = analyze(text, &opts);
        secs += t0.elapsed().as_secs_f64();
        bytes += text.len();
        let pred: Vec<(usize, usize, usize)> =
            a.spans.iter().filter_map(|s| kind_index(s.kind).map(|k| (s.start, s.end, k))).collect();
        for g in &gold {
            counts[g.2][2] += 1;
            if show_errors > 0 && !pred.contains(g) {
                let w: Vec<u16> = text.encode_utf16().collect();
                let s = String::from_utf16_lossy(&w[g.0..g.1]);
                let p = pred.iter().find(|p| p.0 < g.1 && g.0 < p.1);
                let ps = p.map(|p| format!("{} {:?}", KINDS[p.2], String::from_utf16_lossy(&w[p.0..p.1])));
                let (a, b) = (g.0.saturating_sub(40), (g.1 + 40).min(w.len()));
                let ctx = String::from_utf16_lossy(&w[a..b]).replace('\n', " | ");
                println!("  FN {} {:?}  pred: {}  ctx: {}", KINDS[g.2], s, ps.unwrap_or_else(|| "-".into()), ctx);
            }
        }
        for p in &pred {
            counts[p.2][1] += 1;
            if gold.contains(p) {
                counts[p.2][0] += 1;
            } else if shown < show_errors {
                let w: Vec<u16> = text.encode_utf16().collect();
                let s = String::from_utf16_lossy(&w[p.0..p.1]);
                let g = gold.iter().find(|g| g.0 < p.1 && p.0 < g.1);
                let gs = g.map(|g| format!("{} {:?}", KINDS[g.2], String::from_utf16_lossy(&w[g.0..g.1])));
                let (a, b) = (p.0.saturating_sub(40), (p.1 + 40).min(w.len()));
                let ctx = String::from_utf16_lossy(&w[a..b]).replace('\n', " | ");
                println!("  FP {} {:?}  gold: {}  ctx: {}", KINDS[p.2], s, gs.unwrap_or_else(|| "-".into()), ctx);
                shown += 1;
            }
        }
    }
    println!("{:<14} {:>6} {:>6} {:>6} {:>6} {:>6}", "kind", "P", "R", "F1", "pred", "gold");
    for (k, c) in counts.iter().enumerate() {
        let (p, r, f) = prf(c[0], c[1], c[2]);
        println!("{:<14} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6}", KINDS[k], p, r, f, c[1], c[2]);
    }
    let sum =
        |ks: &[usize]| ks.iter().fold((0, 0, 0), |a, &k| (a.0 + counts[k][0], a.1 + counts[k][1], a.2 + counts[k][2]));
    let (tp, pd, gd) = sum(&[0, 1, 2]);
    let (p, r, f) = prf(tp, pd, gd);
    println!("{:<14} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6}", "micro PER/ORG/LOC", p, r, f, pd, gd);
    let (tp, pd, gd) = sum(&[0, 1, 2, 3]);
    let (p, r, f) = prf(tp, pd, gd);
    println!("{:<14} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6}", "micro all four", p, r, f, pd, gd);
    println!(
        "throughput: {:.2} MB/s through analyze ({} bytes in {:.2}s)",
        bytes as f64 / 1e6 / secs.max(1e-9),
        bytes,
        secs
    );
    Ok(())
}

/// `article-lens bench-ner FILE [--mb N]`: segment + tag throughput (a JSONL file's "text" fields or a
/// plain text file), repeated until N MB (default 20) were tagged.
pub fn bench_main(args: &[String]) -> Result<(), String> {
    let path = args.first().ok_or("usage: article-lens bench-ner FILE [--mb N | --cold]")?;
    let mb: f64 = match args.get(1).map(String::as_str) {
        Some("--mb") => args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20.0),
        _ => 20.0,
    };
    if args.get(1).map(String::as_str) == Some("--cold") {
        return cold_main(path);
    }
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let docs: Vec<String> = if path.ends_with(".jsonl") {
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    } else {
        vec![raw]
    };
    let total: usize = docs.iter().map(|d| d.len()).sum();
    if total == 0 {
        return Err("no text".into());
    }
    // Warm up (model load).
    let _ = crate::ner::tag(&crate::text::segment("Warm up, Mr. Smith."));
    // Rounds of about 4 MB (whole passes over the documents), each timed on its own: on a shared
    // machine single rounds swing by ±15%, so the median and best round are printed with the total.
    let per_pass: usize = docs.iter().map(|d| d.len()).sum();
    let passes_per_round = (4e6 / per_pass as f64).ceil().max(1.0) as usize;
    let cpu0 = cpu_seconds();
    let mut done = 0usize;
    let mut seg_s = 0.0;
    let mut tag_s = 0.0;
    let mut names = 0usize;
    let mut rounds: Vec<f64> = Vec::new();
    while (done as f64) < mb * 1e6 {
        let (c0, d0) = (cpu_seconds(), done);
        for _ in 0..passes_per_round {
            for d in &docs {
                let t0 = Instant::now();
                let doc = crate::text::segment(d);
                let t1 = Instant::now();
                names += crate::ner::tag(&doc).len();
                let t2 = Instant::now();
                seg_s += (t1 - t0).as_secs_f64();
                tag_s += (t2 - t1).as_secs_f64();
                done += d.len();
            }
        }
        let c = cpu_seconds() - c0;
        if c > 0.0 {
            rounds.push((done - d0) as f64 / 1e6 / c);
        }
    }
    let cpu = cpu_seconds() - cpu0;
    rounds.sort_by(f64::total_cmp);
    let median = rounds.get(rounds.len() / 2).copied().unwrap_or(0.0);
    let best = rounds.last().copied().unwrap_or(0.0);
    println!(
        "bench-ner: {:.1} MB; CPU time {:.2}s → segment+tag {:.2} MB/s per core (rounds of {:.1} MB: median {:.2}, best {:.2});  wall: tag {:.2} MB/s; segment+tag {:.2} MB/s; {} names",
        done as f64 / 1e6,
        cpu,
        done as f64 / 1e6 / cpu.max(1e-9),
        (passes_per_round * per_pass) as f64 / 1e6,
        median,
        best,
        done as f64 / 1e6 / tag_s,
        done as f64 / 1e6 / (seg_s + tag_s),
        names
    );
    Ok(())
}

/// `bench-ner FILE --cold`: the cost of the first `analyze` call in this process (embedded model and
/// lists loaded, type cache empty) on FILE, then of a second call on the same text.
fn cold_main(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let opts = Options::default();
    let t0 = Instant::now();
    let a = analyze(&text, &opts);
    let first = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let b = analyze(&text, &opts);
    let second = t1.elapsed().as_secs_f64();
    println!(
        "bench-ner --cold: first analyze {:.2} ms (model + lists load), second {:.2} ms; {} bytes, {} spans",
        first * 1e3,
        second * 1e3,
        text.len(),
        a.spans.len().min(b.spans.len())
    );
    Ok(())
}

/// User CPU seconds of this process (Linux /proc; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    let Some(rest) = s.rsplit(')').next() else { return 0.0 };
    let f: Vec<&str> = rest.split_whitespace().collect();
    // fields after the command: state(0) ... utime(11) stime(12)
    let ut: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    let st: f64 = f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    (ut + st) / 100.0
}
