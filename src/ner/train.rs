//! `article-lens train`: trains the name tagger on CoNLL-2003 and writes the compact model.
//!
//! Averaged perceptron over constrained Viterbi, deterministic (fixed-seed xorshift shuffle). The number
//! of epochs is chosen on dev.jsonl; the weights are quantized to i8 with one scale, zero rows dropped,
//! and written to `data/model.bin` together with `data/lists.bin`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::features::{self, fam, Scratch, GZ_SLOTS, SLOTS};
use super::lists::{self, cat, BuildOpts, Lists};
use super::{tag_tokens, Model, Scheme, Weights, NC};
use crate::text::{segment, Doc};

const USAGE: &str = "usage: article-lens train [TRAIN.jsonl] [--dev DEV.jsonl] [--data DIR] [--out DIR]
    [--epochs N] [--scheme bio|bilou] [--drop FAMILY,...] [--min-q N] [--q-pct N] [--prune-pct N]
    [--clusters N] [--cities MIN_POP] [--given N] [--surnames N] [--orgs yes|no] [--no-write]
  defaults are the committed model's settings: --prune-pct 40 --clusters 30000 --cities 300000
    --given 2000 --surnames 3000 --orgs no (so a bare `train` rewrites data/ byte for byte)
  families: word affix shape context cluster gazetteer bigram position";

/// A gold document: text and entities as (byte start, byte end, CoNLL label).
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub ents: Vec<(usize, usize, String)>,
}

/// Reads a CoNLL JSONL file (offsets in code points are converted to bytes).
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let text = v["text"].as_str().unwrap_or("").to_string();
        // code point → byte
        let mut cp2b: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        cp2b.push(text.len());
        let mut ents = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) else { continue };
            let (Some(&bs), Some(&be)) = (cp2b.get(s as usize), cp2b.get(t as usize)) else { continue };
            let label = e["label"].as_str().unwrap_or("").to_string();
            ents.push((bs, be, label));
        }
        out.push(GoldDoc { id: v["id"].as_str().unwrap_or("").to_string(), text, ents });
    }
    Ok(out)
}

/// Maps a CoNLL label to a class index; MISC is `group` when the mention is a nationality or group.
pub fn class_of(label: &str, mention: &str, lists: &Lists) -> Option<usize> {
    match label {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => {
            let g = lists::phrase_key(mention).map(|(k, _)| lists.gaz(k)).unwrap_or(0);
            Some(if g & (cat::DEMONYM | cat::GROUP) != 0 { 3 } else { 4 })
        }
        _ => None,
    }
}

/// Per-token (class, entity id) labels of a document's tokens; also counts misaligned entities.
pub fn token_labels(doc: &Doc, g: &GoldDoc, lists: &Lists, misaligned: &mut usize) -> Vec<Option<(usize, usize)>> {
    let mut labels = vec![None; doc.tokens.len()];
    for (id, (s, e, l)) in g.ents.iter().enumerate() {
        let Some(c) = class_of(l, &g.text[*s..*e], lists) else { continue };
        let a = doc.token_at_or_after(*s);
        let mut k = a;
        let mut aligned = a < doc.tokens.len() && doc.tokens[a].start == *s;
        while k < doc.tokens.len() && doc.tokens[k].start < *e {
            labels[k] = Some((c, id));
            k += 1;
        }
        if k == a || doc.tokens[k - 1].end != *e {
            aligned = false;
        }
        if !aligned {
            *misaligned += 1;
        }
    }
    labels
}

/// Gold entity token spans per document: (start, end, class).
pub fn gold_spans(labels: &[Option<(usize, usize)>], doc: &Doc) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for sent in &doc.sentences {
        let mut k = sent.tokens.start;
        while k < sent.tokens.end {
            if let Some((c, id)) = labels[k] {
                let s = k;
                while k < sent.tokens.end && labels[k].is_some_and(|x| x.1 == id) {
                    k += 1;
                }
                out.push((s, k, c));
            } else {
                k += 1;
            }
        }
    }
    out
}

struct Sent {
    feats: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

/// Dense float weights over the buckets seen in training.
struct Dense {
    scheme: Scheme,
    families: u32,
    nt: usize,
    id_of: Vec<u32>,
    w: Vec<f32>,
    trans: Vec<f32>,
}

impl Weights for Dense {
    fn scheme(&self) -> Scheme {
        self.scheme
    }
    fn families(&self) -> u32 {
        self.families
    }
    #[inline]
    fn add(&self, f: u32, acc: &mut [f32]) {
        let id = self.id_of[f as usize];
        if id == u32::MAX {
            return;
        }
        let row = &self.w[id as usize * self.nt..(id as usize + 1) * self.nt];
        for (a, b) in acc.iter_mut().zip(row) {
            *a += b;
        }
    }
    fn trans(&self, a: usize, b: usize) -> f32 {
        self.trans[a * self.nt + b]
    }
    fn temperature(&self) -> f32 {
        1.0
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A prepared evaluation set: documents with gold token spans.
pub struct EvalSet {
    pub docs: Vec<GoldDoc>,
    pub gold: Vec<Vec<(usize, usize, usize)>>,
}

pub fn prepare_eval(docs: Vec<GoldDoc>, lists: &Lists) -> EvalSet {
    let mut gold = Vec::new();
    let mut mis = 0;
    for g in &docs {
        let d = segment(&g.text);
        let l = token_labels(&d, g, lists, &mut mis);
        gold.push(gold_spans(&l, &d));
    }
    EvalSet { docs, gold }
}

/// Token-span F1 (all five classes, exact match) of a model on a set; also per-class counts.
pub fn token_f1<W: Weights>(w: &W, lists: &Lists, set: &EvalSet, consistency: bool) -> (f64, [[usize; 3]; NC]) {
    let mut counts = [[0usize; 3]; NC]; // tp, pred, gold
    for (g, gold) in set.docs.iter().zip(&set.gold) {
        let d = segment(&g.text);
        let found = tag_tokens(w, lists, &d, false, consistency);
        for &(_, _, c) in gold {
            counts[c][2] += 1;
        }
        for f in &found {
            counts[f.class][1] += 1;
            if gold.contains(&(f.start, f.end, f.class)) {
                counts[f.class][0] += 1;
            }
        }
    }
    let (tp, p, g) = counts.iter().fold((0, 0, 0), |a, c| (a.0 + c[0], a.1 + c[1], a.2 + c[2]));
    (f1(tp, p, g), counts)
}

pub fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / pred as f64;
    let r = tp as f64 / gold as f64;
    2.0 * p * r / (p + r)
}

fn default_path(rel: &str) -> PathBuf {
    for base in ["../shared/data", "../../shared/data", "/work/shared/data"] {
        let p = Path::new(base).join(rel);
        if p.exists() {
            return p;
        }
    }
    Path::new("../shared/data").join(rel)
}

/// `article-lens build-lists [--data DIR] [--out DIR] [--clusters N]`.
pub fn build_lists_main(args: &[String]) -> Result<(), String> {
    let mut data = default_path("");
    let mut out = PathBuf::from("data");
    let mut opts = BuildOpts::default();
    let mut i = 0;
    while i < args.len() {
        let val = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--data" => data = PathBuf::from(val),
            "--out" => out = PathBuf::from(val),
            "--clusters" => opts.cluster_top = val.parse().map_err(|_| "--clusters N")?,
            a => return Err(format!("unknown argument {a}")),
        }
        i += 2;
    }
    let l = lists::build(&data, &opts)?;
    let bytes = l.to_bytes();
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("lists.bin"), &bytes).map_err(|e| e.to_string())?;
    println!(
        "lists.bin: {} gazetteer keys, {} cluster words, {} bytes",
        l.gaz_keys.len(),
        l.clu_keys.len(),
        bytes.len()
    );
    Ok(())
}

/// Runs the train command.
pub fn main(args: &[String]) -> Result<(), String> {
    let t0 = Instant::now();
    let mut train_path = default_path("conll2003/train.jsonl");
    let mut dev_path = default_path("conll2003/dev.jsonl");
    let mut data = default_path("");
    let mut out = PathBuf::from("data");
    let mut max_epochs = 14usize;
    let mut scheme = Scheme::Bilou;
    let mut families = fam::ALL;
    let mut min_q: i32 = 1;
    let mut q_pct: usize = 50;
    let mut prune_pct: usize = 40;
    let mut write = true;
    let mut opts = BuildOpts::default();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let val = args.get(i + 1).cloned().unwrap_or_default();
        let mut step = 2;
        match a {
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--dev" => dev_path = PathBuf::from(val),
            "--data" => data = PathBuf::from(val),
            "--out" => out = PathBuf::from(val),
            "--epochs" => max_epochs = val.parse().map_err(|_| "--epochs N")?,
            "--min-q" => min_q = val.parse().map_err(|_| "--min-q N")?,
            "--clusters" => opts.cluster_top = val.parse().map_err(|_| "--clusters N")?,
            "--prune-pct" => prune_pct = val.parse::<usize>().map_err(|_| "--prune-pct N")?.min(99),
            "--q-pct" => q_pct = val.parse::<usize>().map_err(|_| "--q-pct N")?.min(99),
            "--cities" => opts.city_min_pop = val.parse().map_err(|_| "--cities N")?,
            "--given" => opts.given_top = val.parse().map_err(|_| "--given N")?,
            "--surnames" => opts.surname_top = val.parse().map_err(|_| "--surnames N")?,
            "--orgs" => opts.orgs = val == "yes",
            "--scheme" => {
                scheme = match val.as_str() {
                    "bio" => Scheme::Bio,
                    "bilou" => Scheme::Bilou,
                    _ => return Err("--scheme bio|bilou".into()),
                }
            }
            "--drop" => {
                for name in val.split(',') {
                    let f = fam::NAMES.iter().find(|x| x.0 == name).ok_or(format!("unknown family {name}"))?;
                    families &= !f.1;
                }
            }
            "--no-write" => {
                write = false;
                step = 1;
            }
            p if !p.starts_with("--") => {
                train_path = PathBuf::from(p);
                step = 1;
            }
            _ => return Err(USAGE.into()),
        }
        i += step;
    }
    let lists = lists::build(&data, &opts)?;
    let lists_bytes = lists.to_bytes();
    let lists = Lists::parse(&lists_bytes);
    eprintln!(
        "lists: {} gazetteer keys, {} cluster words, {} bytes ({:.1}s)",
        lists.gaz_keys.len(),
        lists.clu_keys.len(),
        lists_bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    let nt = scheme.nt();

    // Features of the training set.
    let docs = read_gold(&train_path)?;
    let mut bucket_id: Vec<u32> = vec![u32::MAX; 1 << features::HASH_BITS];
    let mut nfeat = 0u32;
    let mut sents: Vec<Sent> = Vec::new();
    let mut misaligned = 0usize;
    let mut nents = 0usize;
    {
        let mut scratch = Scratch::default();
        let mut ends = [0usize; SLOTS];
        let mut tcache: HashMap<(String, bool), (Vec<u32>, [usize; SLOTS], features::TypeInfo)> = HashMap::new();
        let pad = {
            let info = features::type_feats("", false, &lists, families, &mut scratch, &mut ends);
            (scratch.feats.clone(), ends, info)
        };
        let mut gzm: Vec<[u32; GZ_SLOTS]> = Vec::new();
        let mut pf = Vec::new();
        let mut memo = features::ShapeMemo::default();
        let mut labels_s = Vec::new();
        for g in &docs {
            nents += g.ents.len();
            let d = segment(&g.text);
            let hl = features::headline_flags(&d);
            let ls = features::line_styles(&d);
            let labels = token_labels(&d, g, &lists, &mut misaligned);
            for sent in &d.sentences {
                let r = sent.tokens.clone();
                let n = r.len();
                let mut tys = Vec::with_capacity(n);
                for k in r.clone() {
                    let key = (d.tok(k).to_string(), hl[k]);
                    if !tcache.contains_key(&key) {
                        let info = features::type_feats(&key.0, key.1, &lists, families, &mut scratch, &mut ends);
                        tcache.insert(key.clone(), (scratch.feats.clone(), ends, info));
                    }
                    tys.push(key);
                }
                let infos: Vec<features::TypeInfo> = tys.iter().map(|k| tcache[k].2).collect();
                let caps: Vec<bool> = infos.iter().map(|x| x.cap).collect();
                features::gaz_marks(&d, r.clone(), &caps, &lists, &mut gzm);
                let fw = features::first_word(&d, r.clone());
                let mut s = Sent { feats: Vec::new(), offs: vec![0], gold: Vec::new() };
                for i in 0..n {
                    for o in 0..SLOTS {
                        let j = i as isize + o as isize - 2;
                        let (fe, en, _) = if j < 0 || j >= n as isize { &pad } else { &tcache[&tys[j as usize]] };
                        let st = if o == 0 { 0 } else { en[o - 1] };
                        s.feats.extend_from_slice(&fe[st..en[o]]);
                    }
                    pf.clear();
                    features::pos_feats(i, n, &infos, fw, &gzm, families, ls[r.start + i], &mut memo, &mut pf);
                    s.feats.extend_from_slice(&pf);
                    s.offs.push(s.feats.len() as u32);
                }
                for f in s.feats.iter_mut() {
                    let b = &mut bucket_id[*f as usize];
                    if *b == u32::MAX {
                        *b = nfeat;
                        nfeat += 1;
                    }
                    *f = *b;
                }
                labels_s.clear();
                labels_s.extend_from_slice(&labels[r.clone()]);
                scheme.encode(&labels_s, &mut s.gold);
                sents.push(s);
            }
        }
    }
    eprintln!(
        "train: {} docs, {} sentences, {} entities ({} not token-aligned), {} features, {:.1}s",
        docs.len(),
        sents.len(),
        nents,
        misaligned,
        nfeat,
        t0.elapsed().as_secs_f64()
    );
    drop(docs);
    let dev = prepare_eval(read_gold(&dev_path)?, &lists);

    // Perceptron.
    let nf = nfeat as usize;
    let mut w = vec![0f32; nf * nt];
    let mut u = vec![0f32; nf * nt];
    let ntr = (nt + 1) * nt;
    let mut tw = vec![0f32; ntr];
    let mut tu = vec![0f32; ntr];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
    let mut em = Vec::new();
    let mut dec = super::Dec::default();
    let mut stale = 0;
    for epoch in 1..=max_epochs {
        for k in (1..order.len()).rev() {
            let j = (rng.next() % (k as u64 + 1)) as usize;
            order.swap(k, j);
        }
        let mut errs = 0usize;
        for &si in &order {
            let s = &sents[si];
            let n = s.gold.len();
            em.clear();
            em.resize(n, [0f32; super::NTP]);
            for i in 0..n {
                let e = &mut em[i][..nt];
                for &f in &s.feats[s.offs[i] as usize..s.offs[i + 1] as usize] {
                    let row = &w[f as usize * nt..(f as usize + 1) * nt];
                    for (a, b) in e.iter_mut().zip(row) {
                        *a += b;
                    }
                }
            }
            let lat = super::Lat::new(scheme, 1.0, |a, b| tw[a * nt + b]);
            super::viterbi(&lat, &em, &mut dec);
            if dec.tags != s.gold {
                errs += 1;
                for i in 0..n {
                    let (g, p) = (s.gold[i] as usize, dec.tags[i] as usize);
                    let (gp, pp) = if i == 0 { (nt, nt) } else { (s.gold[i - 1] as usize, dec.tags[i - 1] as usize) };
                    if g != p {
                        for &f in &s.feats[s.offs[i] as usize..s.offs[i + 1] as usize] {
                            let f = f as usize;
                            w[f * nt + g] += 1.0;
                            u[f * nt + g] += c;
                            w[f * nt + p] -= 1.0;
                            u[f * nt + p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        tw[gp * nt + g] += 1.0;
                        tu[gp * nt + g] += c;
                        tw[pp * nt + p] -= 1.0;
                        tu[pp * nt + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let avg: Vec<f32> = w.iter().zip(&u).map(|(a, b)| a - b / c).collect();
        let tavg: Vec<f32> = tw.iter().zip(&tu).map(|(a, b)| a - b / c).collect();
        let dense = Dense { scheme, families, nt, id_of: bucket_id.clone(), w: avg, trans: tavg };
        let (f, _) = token_f1(&dense, &lists, &dev, false);
        eprintln!("epoch {epoch}: {errs} sentences wrong, dev F1 {:.4} ({:.1}s)", f, t0.elapsed().as_secs_f64());
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, epoch, dense.w, dense.trans));
            stale = 0;
        } else {
            stale += 1;
            if stale >= 3 {
                break;
            }
        }
    }
    let (bf, be, bw, btr) = best.ok_or("no epochs")?;
    eprintln!("best epoch {be}: dev F1 {bf:.4} (float weights)");

    // Quantize: log-companded i8 codes (fine near zero, range for the few large weights); drop zero rows.
    let mut mags: Vec<f32> = bw.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    mags.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let top = mags.last().copied().unwrap_or(1.0);
    let s0 = mags.get(mags.len() * q_pct / 100).copied().unwrap_or(1.0).max(1e-6);
    let kq = 127.0 / (1.0 + top / s0).ln();
    let qp = (s0, kq);
    // Pruning: weights below the prune_pct-th percentile of |w| are dropped.
    let wmin = if prune_pct == 0 { 0.0 } else { mags.get(mags.len() * prune_pct / 100).copied().unwrap_or(0.0) };
    let mut rows: Vec<(u32, Vec<i8>)> = Vec::new();
    for (bucket, &id) in bucket_id.iter().enumerate() {
        if id == u32::MAX {
            continue;
        }
        let r: Vec<i8> = bw[id as usize * nt..(id as usize + 1) * nt]
            .iter()
            .map(|&x| if x.abs() < wmin { 0 } else { super::encode_weight(x, s0, kq) })
            .collect();
        if r.iter().any(|&q| (q as i32).abs() >= min_q) {
            let r = r.into_iter().map(|q| if (q as i32).abs() >= min_q { q } else { 0 }).collect();
            rows.push((bucket as u32, r));
        }
    }
    // Confidence temperature: the one that best predicts span correctness on dev (log loss).
    let mut best_t = (f64::INFINITY, 1.0f32);
    for &temp in &[4.0f32, 8.0, 16.0, 32.0, 64.0] {
        let bytes = Model::write(scheme, families, qp, temp, &btr, &rows);
        let m = Model::parse(&bytes).ok_or("model does not parse")?;
        let mut loss = 0.0;
        let mut n = 0.0f64;
        for (g, gold) in dev.docs.iter().zip(&dev.gold).step_by(2) {
            let d = segment(&g.text);
            for f in tag_tokens(&m, &lists, &d, true, false) {
                let ok = gold.contains(&(f.start, f.end, f.class));
                let p = (f.conf as f64).clamp(1e-4, 1.0 - 1e-4);
                loss -= if ok { p.ln() } else { (1.0 - p).ln() };
                n += 1.0;
            }
        }
        let l = loss / n.max(1.0);
        eprintln!("temperature {temp}: dev log loss {l:.4}");
        if l < best_t.0 {
            best_t = (l, temp);
        }
    }
    let bytes = Model::write(scheme, families, qp, best_t.1, &btr, &rows);
    let m = Model::parse(&bytes).ok_or("model does not parse")?;
    let (qf, counts) = token_f1(&m, &lists, &dev, false);
    let (qfd, dcounts) = token_f1(&m, &lists, &dev, true);
    eprintln!(
        "quantized: {} rows, {} bytes, s0 {s0:.4} k {kq:.2}; dev F1 {qf:.4}, with document pass {qfd:.4}",
        rows.len(),
        bytes.len()
    );
    for (k, (c, d)) in counts.iter().zip(&dcounts).enumerate() {
        eprintln!(
            "  {:<13} P {:.3} R {:.3} F1 {:.3}; with document pass P {:.3} R {:.3} F1 {:.3}",
            super::CLASSES[k].as_str(),
            c[0] as f64 / c[1].max(1) as f64,
            c[0] as f64 / c[2].max(1) as f64,
            f1(c[0], c[1], c[2]),
            d[0] as f64 / d[1].max(1) as f64,
            d[0] as f64 / d[2].max(1) as f64,
            f1(d[0], d[1], d[2])
        );
    }
    let plo = dcounts[..3].iter().fold((0, 0, 0), |a, c| (a.0 + c[0], a.1 + c[1], a.2 + c[2]));
    eprintln!("  micro person/organization/place with document pass: F1 {:.4}", f1(plo.0, plo.1, plo.2));
    if write {
        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        std::fs::write(out.join("model.bin"), &bytes).map_err(|e| e.to_string())?;
        std::fs::write(out.join("lists.bin"), &lists_bytes).map_err(|e| e.to_string())?;
        eprintln!("wrote {}/model.bin and lists.bin", out.display());
    }
    println!(
        "RESULT scheme={:?} families={:#x} min_q={min_q} prune_pct={prune_pct} q_pct={q_pct} clusters={} opts={:?} epochs={be} dev_f1_float={bf:.4} dev_f1_q={qf:.4} dev_f1_doc={qfd:.4} model_bytes={} lists_bytes={} time={:.1}s",
        scheme,
        families,
        opts.cluster_top,
        opts,
        bytes.len(),
        lists_bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
