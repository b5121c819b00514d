//! Native throughput of the full `analyze` and of each pipeline stage.
//!
//! ```sh
//! cargo run --release --example bench -- [--json OUT] [--once] NAME=PATH ...
//! ```
//! For each input: one warm-up call, then timed calls until at least `MIN_RUNS` runs and
//! `MIN_SECS` seconds (at most `MAX_RUNS`, or `MAX_SECS` once `MIN_RUNS` are done); the median
//! is reported. Throughput is in MB/s with MB = 10^6 bytes of UTF-8 input.
//! Each stage is timed alone on inputs prepared outside the timer (the stages before it).
//! `--once` runs one `analyze` per input and exits (for `valgrind --tool=callgrind`).

use std::hint::black_box;
use std::time::Instant;

use article_lens::{analyze, analyze_bytes, assemble, extract, link, ner, offsets, stats, text, Options, Span};

const MIN_RUNS: usize = 5;
const MAX_RUNS: usize = 31;
const MIN_SECS: f64 = 0.5;
const MAX_SECS: f64 = 6.0;

struct Timing {
    median: f64,
    runs: usize,
    min: f64,
    /// Median CPU time of the process (robust to other load on a shared machine).
    cpu: f64,
}

/// CPU time of this process in seconds (`CLOCK_PROCESS_CPUTIME_ID`), or wall time elsewhere.
#[cfg(target_os = "linux")]
fn cpu_now() -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec; 2 is CLOCK_PROCESS_CPUTIME_ID on Linux.
    unsafe { clock_gettime(2, &mut ts) };
    ts.sec as f64 + ts.nsec as f64 * 1e-9
}

#[cfg(not(target_os = "linux"))]
fn cpu_now() -> f64 {
    use std::sync::OnceLock;
    static T0: OnceLock<Instant> = OnceLock::new();
    T0.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Times `run` on a fresh value from `setup` each call (setup is outside the timer).
fn bench<I, O>(mut setup: impl FnMut() -> I, mut run: impl FnMut(I) -> O) -> Timing {
    black_box(run(setup())); // warm-up
    let mut times = Vec::new();
    let mut cpus = Vec::new();
    let mut total = 0.0;
    while times.len() < MAX_RUNS {
        let input = setup();
        let c = cpu_now();
        let t = Instant::now();
        let out = run(input);
        let dt = t.elapsed().as_secs_f64();
        cpus.push(cpu_now() - c);
        drop(black_box(out));
        times.push(dt);
        total += dt;
        if times.len() >= MIN_RUNS && total >= MIN_SECS {
            break;
        }
        if times.len() >= 3 && total >= MAX_SECS {
            break;
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    cpus.sort_by(|a, b| a.total_cmp(b));
    Timing { median: times[times.len() / 2], runs: times.len(), min: times[0], cpu: cpus[cpus.len() / 2] }
}

fn timing_json(t: &Timing, mb: f64) -> String {
    format!(
        "{{\"median_ms\": {:.3}, \"min_ms\": {:.3}, \"cpu_ms\": {:.3}, \"runs\": {}, \"mb_s\": {:.3}, \"mb_s_cpu\": {:.3}}}",
        t.median * 1e3,
        t.min * 1e3,
        t.cpu * 1e3,
        t.runs,
        mb / t.median,
        mb / t.cpu.max(1e-9)
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut json_out: Option<String> = None;
    let mut once = false;
    let mut inputs: Vec<(String, String)> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json_out = args.next(),
            "--once" => once = true,
            _ => {
                let (name, path) = a.split_once('=').unwrap_or((a.as_str(), a.as_str()));
                let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
                inputs.push((name.to_string(), text));
            }
        }
    }
    if inputs.is_empty() {
        eprintln!("usage: bench [--json OUT] [--once] NAME=PATH ...");
        std::process::exit(2);
    }
    let opts = Options::default();
    if once {
        for (name, text) in &inputs {
            let t = Instant::now();
            let a = analyze(text, &opts);
            eprintln!("{name}: {} spans in {:.3} s", a.spans.len(), t.elapsed().as_secs_f64());
        }
        return;
    }

    let mut results = Vec::new();
    eprintln!(
        "{:<10} {:>10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "input",
        "bytes",
        "analyze",
        "segment",
        "names",
        "dates",
        "numbers",
        "quotes",
        "style",
        "metrics",
        "assemble",
        "group",
        "utf16+json"
    );
    for (name, text) in &inputs {
        let mb = text.len() as f64 / 1e6;
        // Intermediate results, computed once, feed the stage timings.
        let doc = text::segment(text);
        let names = ner::tag(&doc);
        let dates = extract::dates::extract(&doc, None, &names);
        let mut taken: Vec<(usize, usize)> = names.iter().chain(dates.spans.iter()).map(|s| (s.start, s.end)).collect();
        taken.sort_unstable();
        let numbers = extract::numbers::extract(&doc, &taken);
        let quotes = extract::quotes::extract(&doc, &names);
        let style = extract::style::extract(&doc);
        let mut unsorted: Vec<Span> = Vec::new();
        unsorted.extend(names.iter().cloned());
        unsorted.extend(dates.spans.iter().cloned());
        unsorted.extend(numbers.iter().cloned());
        unsorted.extend(quotes.iter().cloned());
        unsorted.extend(style.iter().cloned());
        let assemble_owned = |mut spans: Vec<Span>| {
            assemble(&doc, &mut spans);
            spans
        };
        let sorted = assemble_owned(unsorted.clone());
        let bytes_analysis = analyze_bytes(text, &opts);

        let mut stages: Vec<(&str, Timing)> = Vec::new();
        let full = bench(|| (), |_| analyze(text, &opts));
        let full_json = bench(|| (), |_| serde_json::to_string(&analyze(text, &opts)).unwrap());
        stages.push(("segment", bench(|| (), |_| text::segment(text))));
        stages.push(("names", bench(|| (), |_| ner::tag(&doc))));
        stages.push(("dates", bench(|| (), |_| extract::dates::extract(&doc, None, &names))));
        stages.push(("numbers", bench(|| (), |_| extract::numbers::extract(&doc, &taken))));
        stages.push(("quotes", bench(|| (), |_| extract::quotes::extract(&doc, &names))));
        stages.push(("style", bench(|| (), |_| extract::style::extract(&doc))));
        stages.push(("metrics", bench(|| (), |_| stats::compute(&doc))));
        stages.push(("assemble", bench(|| unsorted.clone(), &assemble_owned)));
        // Returns the spans too, so that dropping the input copy is not timed as grouping.
        stages.push((
            "group",
            bench(
                || sorted.clone(),
                |mut s| {
                    let e = link::group(&doc, &mut s);
                    (s, e)
                },
            ),
        ));
        stages.push((
            "utf16_json",
            bench(
                || bytes_analysis.clone(),
                |mut a| {
                    offsets::to_utf16(text, &mut a);
                    serde_json::to_string(&a).unwrap()
                },
            ),
        ));

        let ms = |t: &Timing| t.median * 1e3;
        eprint!("{:<10} {:>10} {:>8.1}", name, text.len(), ms(&full));
        for (_, t) in &stages {
            eprint!(" {:>8.1}", ms(t));
        }
        eprintln!("   ms wall (median)");
        eprint!("{:<10} {:>10} {:>8.1}", "", "", full.cpu * 1e3);
        for (_, t) in &stages {
            eprint!(" {:>8.1}", t.cpu * 1e3);
        }
        eprintln!("   ms CPU (median)");
        let stage_json: Vec<String> = stages.iter().map(|(n, t)| format!("\"{n}\": {}", timing_json(t, mb))).collect();
        results.push(format!(
            "{{\"name\": \"{name}\", \"bytes\": {}, \"spans\": {}, \
             \"analyze\": {}, \"analyze_json\": {}, \"stages\": {{{}}}}}",
            text.len(),
            bytes_analysis.spans.len(),
            timing_json(&full, mb),
            timing_json(&full_json, mb),
            stage_json.join(", ")
        ));
    }
    let json = format!("{{\"inputs\": [\n{}\n]}}\n", results.join(",\n"));
    match json_out {
        Some(p) => std::fs::write(&p, json).unwrap_or_else(|e| panic!("{p}: {e}")),
        None => print!("{json}"),
    }
}
