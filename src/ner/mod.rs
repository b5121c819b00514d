//! Named entities: a trained sequence tagger (averaged perceptron, constrained Viterbi over BIO or BILOU
//! tags) for people, organizations, places, groups and other names, followed by a document-level
//! consistency pass.
//!
//! The weights (`data/model.bin`) and word lists (`data/lists.bin`) are embedded and parsed lazily once.
//! Features of a word type are summed once per type per document (see [`features`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::model::{Kind, Span};
use crate::text::{Doc, TokKind};

pub mod features;
pub mod lists;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use features::{Scratch, TypeInfo, GZ_SLOTS, SLOTS};
use lists::{cat, Lists, Reader};

/// The classes, in tag order.
pub const CLASSES: [Kind; 5] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Group, Kind::Misc];
pub const NC: usize = CLASSES.len();

static MODEL_BYTES: &[u8] = include_bytes!("../../data/model.bin");
static LISTS_BYTES: &[u8] = include_bytes!("../../data/lists.bin");

static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::parse(MODEL_BYTES));
static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists::parse(LISTS_BYTES));

/// The sure-O margins of [`TypeCache::pruning`] used by [`tag`] (overridable natively by
/// `ARTICLE_LENS_PRUNE=types,full,between` for experiments; a negative value turns one off).
fn prune_margin() -> Prune {
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(v) = std::env::var("ARTICLE_LENS_PRUNE") {
        let m: Vec<f32> = v
            .split(',')
            .filter_map(|x| x.parse::<f32>().ok())
            .map(|x| if x < 0.0 { f32::INFINITY } else { x })
            .collect();
        if let [types, full, between] = m[..] {
            return Prune { types, full, between };
        }
    }
    PRUNE_MARGIN
}

/// See [`prune_margin`]: chosen on CoNLL-2003 dev (every F1 unchanged at three decimals; 8 of 5,900
/// names differ from the full decode).
const PRUNE_MARGIN: Prune = Prune { types: 25.0, full: 25.0, between: 60.0 };

/// The embedded word lists.
pub fn lists() -> &'static Lists {
    &LISTS
}

/// Tags the names in `doc`.
pub fn tag(doc: &Doc) -> Vec<Span> {
    let Some(model) = MODEL.as_ref() else { return Vec::new() };
    let consistency = !cfg!(not(target_arch = "wasm32")) || std::env::var_os("ARTICLE_LENS_NO_DOC_PASS").is_none();
    let found = CACHE.with(|c| match c.try_borrow_mut() {
        Ok(mut tc) => tag_tokens_cached(model, &LISTS, doc, true, consistency, &mut tc),
        Err(_) => tag_tokens_cached(model, &LISTS, doc, true, consistency, &mut TypeCache::pruning(prune_margin())),
    });
    // One-word names the tagger is very unsure of are dropped ("Renews" in a title-case headline).
    let found: Vec<Found> = found.into_iter().filter(|f| f.end - f.start > 1 || f.conf >= MIN_SINGLE_CONF).collect();
    to_spans(doc, &LISTS, &found)
}

// ---------------------------------------------------------------------------------------------
// Tag schemes.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scheme {
    Bio,
    Bilou,
}

/// Position of a tag inside its entity.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pos {
    B,
    I,
    L,
    U,
}

impl Scheme {
    pub fn nt(self) -> usize {
        match self {
            Scheme::Bio => 1 + 2 * NC,
            Scheme::Bilou => 1 + 4 * NC,
        }
    }
    /// (class, position) of tag `t`; None for O.
    pub fn split(self, t: usize) -> Option<(usize, Pos)> {
        if t == 0 {
            return None;
        }
        let k = t - 1;
        Some(match self {
            Scheme::Bio => (k / 2, if k % 2 == 0 { Pos::B } else { Pos::I }),
            Scheme::Bilou => (k / 4, [Pos::B, Pos::I, Pos::L, Pos::U][k % 4]),
        })
    }
    pub fn tag(self, class: usize, pos: Pos) -> usize {
        match self {
            Scheme::Bio => 1 + 2 * class + if pos == Pos::B || pos == Pos::U { 0 } else { 1 },
            Scheme::Bilou => 1 + 4 * class + pos as usize,
        }
    }
    /// May tag `b` follow `a` (None = sentence start)?
    pub fn allowed(self, a: Option<usize>, b: usize) -> bool {
        let pa = a.and_then(|a| self.split(a));
        let pb = self.split(b);
        match self {
            Scheme::Bio => match pb {
                Some((c, Pos::I)) => matches!(pa, Some((ca, _)) if ca == c),
                _ => true,
            },
            Scheme::Bilou => {
                let open = matches!(pa, Some((_, Pos::B)) | Some((_, Pos::I)));
                match pb {
                    Some((c, Pos::I)) | Some((c, Pos::L)) => open && pa.map(|x| x.0) == Some(c),
                    _ => !open,
                }
            }
        }
    }
    pub fn end_ok(self, t: usize) -> bool {
        match self {
            Scheme::Bio => true,
            Scheme::Bilou => !matches!(self.split(t), Some((_, Pos::B)) | Some((_, Pos::I))),
        }
    }
    /// Tags of a sentence from per-token (class, entity id) labels.
    pub fn encode(self, labels: &[Option<(usize, usize)>], out: &mut Vec<u8>) {
        out.clear();
        for (i, l) in labels.iter().enumerate() {
            let Some((c, id)) = *l else {
                out.push(0);
                continue;
            };
            let same = |j: Option<usize>| j.and_then(|j| labels.get(j).copied().flatten()).is_some_and(|x| x.1 == id);
            let cont_prev = i > 0 && same(Some(i - 1));
            let cont_next = same(Some(i + 1));
            let pos = match (cont_prev, cont_next) {
                (false, false) => Pos::U,
                (false, true) => Pos::B,
                (true, true) => Pos::I,
                (true, false) => Pos::L,
            };
            out.push(self.tag(c, pos) as u8);
        }
    }
    /// Entity spans (start, end exclusive, class) from a valid tag sequence.
    pub fn decode(self, tags: &[u8], out: &mut Vec<(usize, usize, usize)>) {
        let mut i = 0;
        while i < tags.len() {
            match self.split(tags[i] as usize) {
                None => i += 1,
                Some((c, _)) => {
                    let s = i;
                    i += 1;
                    loop {
                        if i >= tags.len() {
                            break;
                        }
                        match self.split(tags[i] as usize) {
                            Some((c2, Pos::I)) | Some((c2, Pos::L)) if c2 == c => {
                                // BILOU: an L closes; BIO: I continues.
                                let last = self.split(tags[i - 1] as usize);
                                if matches!(last, Some((_, Pos::L)) | Some((_, Pos::U))) {
                                    break;
                                }
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                    out.push((s, i, c));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Weights.

/// What the decoder needs from a model (trained in memory or loaded).
pub trait Weights {
    fn scheme(&self) -> Scheme;
    fn families(&self) -> u32;
    /// Adds the row of feature `f` to `acc` (length nt).
    fn add(&self, f: u32, acc: &mut [f32]);
    /// Adds the row of feature `f` to a padded row.
    #[inline]
    fn add_row(&self, f: u32, acc: &mut Row) {
        let nt = self.scheme().nt();
        self.add(f, &mut acc[..nt]);
    }
    /// Transition score; `from == nt` is the sentence start.
    fn trans(&self, from: usize, to: usize) -> f32;
    /// Temperature of the confidence softmax.
    fn temperature(&self) -> f32;
}

/// The compact, quantized model.
pub struct Model {
    pub scheme: Scheme,
    pub families: u32,
    pub nt: usize,
    /// Value of each i8 code (log-companded quantization).
    pub table: [f32; 256],
    pub temp: f32,
    pub trans: Vec<f32>,
    /// Which hash buckets have a row (rows are stored in bucket order, so a bucket's row is its rank).
    pub buckets: BucketSet,
    /// Each row's tags that have a non-zero weight (bit `t`: tag `t`; 2.8 of 21 tags on average) and
    /// where its codes start in `codes`: row `r`'s weights are the codes
    /// `codes[rows[r].1..][..rows[r].0.count_ones()]`, in ascending tag order, each code's value in
    /// `table`. Kept as the file stores them, so loading copies the codes instead of decoding each.
    pub rows: Vec<(u32, u32)>,
    pub codes: Vec<u8>,
}

impl Weights for Model {
    fn scheme(&self) -> Scheme {
        self.scheme
    }
    fn families(&self) -> u32 {
        self.families
    }
    #[inline]
    fn add(&self, f: u32, acc: &mut [f32]) {
        let Some(r) = self.buckets.rank(f) else { return };
        let Some(&(mut m, at)) = self.rows.get(r) else { return };
        let codes = self.codes.get(at as usize..).unwrap_or(&[]);
        let mut k = 0;
        while m != 0 {
            let t = m.trailing_zeros() as usize;
            m &= m - 1;
            if let (Some(x), Some(&code)) = (acc.get_mut(t), codes.get(k)) {
                *x += self.table[code as usize];
            }
            k += 1;
        }
    }
    fn trans(&self, from: usize, to: usize) -> f32 {
        self.trans[from * self.nt + to]
    }
    fn temperature(&self) -> f32 {
        self.temp
    }
}

impl Model {
    /// Parses `model.bin`; None when empty or malformed.
    pub fn parse(b: &[u8]) -> Option<Model> {
        if b.len() < 16 || &b[..4] != b"ALM1" {
            return None;
        }
        let mut r = Reader { b, i: 4 };
        let scheme = match r.u8()? {
            0 => Scheme::Bio,
            1 => Scheme::Bilou,
            _ => return None,
        };
        let families = r.u8()? as u32;
        let nt = r.u8()? as usize;
        if nt != scheme.nt() {
            return None;
        }
        let s0 = r.f32()?;
        let k = r.f32()?;
        let temp = r.f32()?;
        let table = code_table(s0, k);
        let mut trans = Vec::with_capacity((nt + 1) * nt);
        for _ in 0..(nt + 1) * nt {
            trans.push(r.f32()?);
        }
        let n = r.varint()? as usize;
        if n > b.len() {
            return None;
        }
        let mut buckets = BucketSet::new(1 << features::HASH_BITS);
        let mut prev = 0u64;
        for k in 0..n {
            let d = r.varint()?;
            if k > 0 && d == 0 {
                return None; // buckets must be strictly increasing
            }
            prev += d;
            if prev >= 1 << features::HASH_BITS {
                return None;
            }
            buckets.insert(prev as u32);
        }
        buckets.finish();
        let mut rows = Vec::with_capacity(n);
        let mut at = 0u32;
        for _ in 0..n {
            let m = r.varint()?;
            // A tag past `nt` is malformed (and `nt` ≤ 21, so a mask fits 32 bits).
            if m >> nt != 0 {
                return None;
            }
            rows.push((m as u32, at));
            at += m.count_ones();
        }
        // One code byte per set bit of each mask, in row order; a zero code (weight 0) is never
        // written, and one in a malformed file adds 0 (`table[0]`), which changes no score.
        let codes = b.get(r.i..r.i + at as usize)?.to_vec();
        Some(Model { scheme, families, nt, table, temp, trans, buckets, rows, codes })
    }

    /// Serializes: header, transitions, sorted buckets (delta varints), row masks, non-zero weights.
    pub fn write(
        scheme: Scheme,
        families: u32,
        q: (f32, f32),
        temp: f32,
        trans: &[f32],
        rows: &[(u32, Vec<i8>)],
    ) -> Vec<u8> {
        let nt = scheme.nt();
        let mut out = b"ALM1".to_vec();
        out.push(if scheme == Scheme::Bio { 0 } else { 1 });
        out.push(families as u8);
        out.push(nt as u8);
        out.extend(q.0.to_le_bytes());
        out.extend(q.1.to_le_bytes());
        out.extend(temp.to_le_bytes());
        for &t in trans {
            out.extend(t.to_le_bytes());
        }
        lists::put_varint(&mut out, rows.len() as u64);
        let mut prev = 0;
        for (b, _) in rows {
            lists::put_varint(&mut out, (*b - prev) as u64);
            prev = *b;
        }
        for (_, r) in rows {
            let m: u64 = r.iter().enumerate().filter(|(_, &w)| w != 0).map(|(t, _)| 1u64 << t).sum();
            lists::put_varint(&mut out, m);
        }
        for (_, r) in rows {
            out.extend(r.iter().filter(|&&w| w != 0).map(|&w| w as u8));
        }
        out
    }
}

/// A set of hash buckets with rank queries: a bitmap (128 KB for 2^20 buckets, small enough to stay
/// in cache, unlike a 4 MB bucket → row table) and the number of members before each 64-bit word.
#[derive(Clone, Default)]
pub struct BucketSet {
    bits: Vec<u64>,
    before: Vec<u32>,
}

impl BucketSet {
    /// An empty set of buckets `0..size`.
    pub fn new(size: usize) -> BucketSet {
        BucketSet { bits: vec![0; size.div_ceil(64)], before: Vec::new() }
    }
    /// Adds bucket `b` (< size); call [`BucketSet::finish`] after the last.
    pub fn insert(&mut self, b: u32) {
        if let Some(w) = self.bits.get_mut(b as usize / 64) {
            *w |= 1 << (b % 64);
        }
    }
    /// Computes the ranks.
    pub fn finish(&mut self) {
        let mut c = 0u32;
        self.before = self
            .bits
            .iter()
            .map(|w| {
                let b = c;
                c += w.count_ones();
                b
            })
            .collect();
    }
    /// The number of members below `b`, if `b` is a member.
    #[inline]
    pub fn rank(&self, b: u32) -> Option<usize> {
        let i = b as usize / 64;
        let w = *self.bits.get(i)?;
        let bit = 1u64 << (b % 64);
        if w & bit == 0 {
            return None;
        }
        Some(*self.before.get(i)? as usize + (w & (bit - 1)).count_ones() as usize)
    }
}

/// The value of each code: sign(q) · s0 · (exp(|q| / k) − 1).
pub fn code_table(s0: f32, k: f32) -> [f32; 256] {
    let mut t = [0f32; 256];
    for (c, v) in t.iter_mut().enumerate() {
        let q = c as u8 as i8 as f32;
        *v = q.signum() * s0 * ((q.abs() / k.max(1e-6)).exp() - 1.0);
    }
    t
}

/// The code of weight `w` (inverse of [`code_table`]).
pub fn encode_weight(w: f32, s0: f32, k: f32) -> i8 {
    let q = (k * (1.0 + w.abs() / s0).ln()).round().min(127.0);
    (w.signum() * q) as i8
}

// ---------------------------------------------------------------------------------------------
// Decoding.

/// Maps keyed by words of the text (the per-document type cache, the document pass's votes).
pub use crate::extract::wordset::FxMap;

/// Hasher for packed short-word keys (`u128`): both halves folded and finished with a strong mixer,
/// so the low bits the hash table indexes by depend on every byte.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = features::mix(self.0 ^ b as u64);
        }
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        let x = (i as u64) ^ ((i >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = features::mix(self.0 ^ x);
    }
}

/// A found name: tokens `start..end` of the document, its class and confidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub class: usize,
    pub conf: f32,
}

/// Reusable decoder buffers.
#[derive(Default)]
pub(crate) struct Dec {
    delta: Vec<Row>,
    pub(crate) tags: Vec<u8>,
    emp: Vec<Row>,
    alpha: Vec<Row>,
    beta: Vec<Row>,
}

/// The tagger's per-sentence buffers.
#[derive(Default)]
struct Bufs {
    dec: Dec,
    types: Vec<u32>,
    sinfo: Vec<TypeInfo>,
    caps: Vec<bool>,
    gzm: Vec<[u32; GZ_SLOTS]>,
    pf: Vec<u32>,
    em: Vec<Row>,
    spans: Vec<(usize, usize, usize)>,
    at: Vec<u32>,
    nameish: Vec<bool>,
}

/// Summed slot scores per word type (and headline flag), kept across documents for one model.
#[derive(Default)]
pub struct TypeCache {
    /// Words of up to 15 bytes, keyed by their bytes packed with length and headline flag (no heap
    /// key, integer compare).
    short: HashMap<u128, u32, BuildHasherDefault<KeyHasher>>,
    /// Longer words, per headline flag.
    maps: [FxMap<String, u32>; 2],
    arena: Vec<Row>,
    infos: Vec<TypeInfo>,
    scratch: Scratch,
    memo: features::ShapeMemo,
    lat: Option<(bool, Lat)>,
    /// Per-sentence buffers, kept between documents (no allocation per document).
    bufs: Bufs,
    /// Sure-O pruning margins (see [`TypeCache::pruning`]); `None` decodes every token (training does).
    prune: Option<Prune>,
    /// Tokens taken as O by pruning, and of those without reading their position features (counts
    /// for tests and benchmarks).
    pub pruned: (usize, usize),
}

impl TypeCache {
    /// A cache that decodes with sure-O pruning (see [`Prune`]): each run of tokens taken as O enters
    /// Viterbi and forward-backward as one token forced to O.
    pub fn pruning(margins: Prune) -> TypeCache {
        TypeCache { prune: Some(margins), ..TypeCache::default() }
    }
    fn get<W: Weights>(&mut self, w: &W, lists: &Lists, raw: &str, hl: bool) -> u32 {
        let short = short_key(raw, hl);
        let hit = match short {
            Some(k) => self.short.get(&k),
            None => self.maps[hl as usize].get(raw),
        };
        if let Some(&id) = hit {
            return id;
        }
        let mut ends = [0usize; SLOTS];
        let info = features::type_feats(raw, hl, lists, w.families(), &mut self.scratch, &mut ends);
        let base = self.arena.len();
        self.arena.resize(base + SLOTS, [0.0; NTP]);
        let mut s0 = 0;
        for (k, &e) in ends.iter().enumerate() {
            let acc = &mut self.arena[base + k];
            for &f in &self.scratch.feats[s0..e] {
                w.add_row(f, acc);
            }
            s0 = e;
        }
        self.infos.push(info);
        let id = (self.infos.len() - 1) as u32;
        match short {
            Some(k) => self.short.insert(k, id),
            None => self.maps[hl as usize].insert(raw.to_string(), id),
        };
        id
    }
    /// Drops everything when the cache has grown past `max_types`.
    fn bound(&mut self, max_types: usize) {
        if self.infos.len() > max_types {
            *self = TypeCache { prune: self.prune, pruned: self.pruned, ..TypeCache::default() };
        }
    }
}

/// Word types kept in a [`TypeCache`] before it is cleared: 5 rows of `NTP` floats (480 bytes) each,
/// so about 16 MB at most (memoization only: clearing never changes a result).
pub const MAX_CACHED_TYPES: usize = 32_768;

/// A word of at most 15 bytes and its headline flag as one integer: the bytes, zero-padded, then a
/// last byte holding the length and the flag (so distinct keys never collide).
#[inline]
fn short_key(raw: &str, hl: bool) -> Option<u128> {
    let b = raw.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    k[15] = b.len() as u8 | (hl as u8) << 4;
    Some(u128::from_le_bytes(k))
}

thread_local! {
    static CACHE: std::cell::RefCell<TypeCache> = std::cell::RefCell::new(TypeCache::pruning(prune_margin()));
}

/// Runs the tagger over every sentence of `doc` (with a fresh type cache).
pub fn tag_tokens<W: Weights>(w: &W, lists: &Lists, doc: &Doc, conf: bool, consistency: bool) -> Vec<Found> {
    let mut cache = TypeCache::default();
    tag_tokens_cached(w, lists, doc, conf, consistency, &mut cache)
}

/// Runs the tagger over every sentence of `doc`, reusing `tc` (which must belong to `w`).
pub fn tag_tokens_cached<W: Weights>(
    w: &W,
    lists: &Lists,
    doc: &Doc,
    conf: bool,
    consistency: bool,
    tc: &mut TypeCache,
) -> Vec<Found> {
    let scheme = w.scheme();
    let fams = w.families();
    let headline = features::headline_flags(doc);
    let styles = features::line_styles(doc);
    tc.bound(MAX_CACHED_TYPES);
    let mut pad = tc.get(w, lists, "", false);
    if tc.lat.as_ref().is_none_or(|l| l.0 != conf) {
        let lat = Lat::new(scheme, w.temperature(), |a, b| w.trans(a, b));
        tc.lat = Some((conf, if conf { lat.with_potentials() } else { lat }));
    }
    let lat = std::mem::take(&mut tc.lat).map(|l| l.1).expect("lattice");
    let mut bufs = std::mem::take(&mut tc.bufs);
    let Bufs { dec, types, sinfo, caps, gzm, pf, em, spans, at, nameish } = &mut bufs;
    const NONE: u32 = u32::MAX;
    // A token forced to O: −∞ on every other real tag (padding lanes stay 0, as in every row).
    let mut sure_o = [0.0f32; NTP];
    for x in sure_o.iter_mut().take(scheme.nt()).skip(1) {
        *x = f32::NEG_INFINITY;
    }
    let mut found = Vec::new();
    for sent in &doc.sentences {
        let r = sent.tokens.clone();
        let n = r.len();
        if n == 0 {
            continue;
        }
        if tc.infos.len() > MAX_CACHED_TYPES {
            // A long document with many word types: start the cache over (memoization only).
            tc.bound(MAX_CACHED_TYPES);
            pad = tc.get(w, lists, "", false);
        }
        types.clear();
        sinfo.clear();
        caps.clear();
        for k in r.clone() {
            let id = tc.get(w, lists, doc.tok(k), headline[k]);
            types.push(id);
            sinfo.push(tc.infos[id as usize]);
            caps.push(tc.infos[id as usize].cap);
        }
        features::gaz_marks(doc, r.clone(), caps, lists, gzm);
        let fw = features::first_word(doc, r.clone());
        type_emissions(&tc.arena, types, pad, em);
        // `at[k]`: the sentence position of decoded token k (NONE: a run of sure-O tokens).
        at.clear();
        let mut run = false;
        if tc.prune.is_some() {
            nameish.clear();
            for (k, &c) in r.clone().zip(caps.iter()) {
                nameish.push(c || doc.tok(k).as_bytes().first().is_some_and(u8::is_ascii_digit));
            }
        }
        for i in 0..n {
            // May token i be taken as O, and at which margins? Never when glued to both neighbours or to
            // a hyphen, or in a list entry; between name-like tokens (capitalized or numeric) within WIN
            // on both sides, only by a wide margin with its position features.
            let (type_margin, margin) = match tc.prune {
                Some(p) if gzm[i][0] == 0 => {
                    let k = r.start + i;
                    let glued_l = k > r.start && !doc.tokens[k].space_before;
                    let glued_r = k + 1 < r.end && !doc.tokens[k + 1].space_before;
                    let hyphen = |j: usize| matches!(doc.tok(j), "-" | "‐" | "–");
                    let glued = (glued_l && (glued_r || hyphen(k - 1))) || (glued_r && hyphen(k + 1));
                    let left = nameish[i.saturating_sub(WIN)..i].contains(&true);
                    let right = nameish[i + 1..(i + 1 + WIN).min(n)].contains(&true);
                    if glued {
                        (f32::INFINITY, f32::INFINITY)
                    } else if left && right {
                        (f32::INFINITY, p.between)
                    } else {
                        (p.types, p.full)
                    }
                }
                _ => (f32::INFINITY, f32::INFINITY),
            };
            let prunable = margin.is_finite();
            let mut sure = prunable && o_margin(&em[i], scheme.nt()) > type_margin;
            tc.pruned.1 += sure as usize;
            if !sure {
                pf.clear();
                features::pos_feats(i, n, sinfo, fw, gzm, fams, styles[r.start + i], &mut tc.memo, pf);
                for &f in pf.iter() {
                    w.add_row(f, &mut em[i]);
                }
                sure = prunable && o_margin(&em[i], scheme.nt()) > margin;
            }
            if sure {
                tc.pruned.0 += 1;
                if !run {
                    em[at.len()] = sure_o;
                    at.push(NONE);
                }
                run = true;
                continue;
            }
            run = false;
            let k = at.len();
            em[k] = em[i];
            at.push(i as u32);
        }
        em.truncate(at.len());
        if at.iter().all(|&p| p == NONE) {
            continue;
        }
        viterbi(&lat, em, dec);
        spans.clear();
        scheme.decode(&dec.tags, spans);
        if conf && !spans.is_empty() {
            let lo = spans.iter().map(|x| x.0).min().unwrap_or(0);
            let hi = spans.iter().map(|x| x.1).max().unwrap_or(0);
            marginals(&lat, em, dec, lo, hi);
        }
        for &(s, e, c) in spans.iter() {
            let mut p = 1.0f32;
            if conf {
                for i in s..e {
                    let t = dec.tags[i] as usize;
                    p = p.min(dec.alpha[i][t]);
                }
            }
            // A span never holds a forced-O token, so its tokens are consecutive in the sentence too.
            let (Some(&a), Some(&b)) = (at.get(s), at.get(e - 1)) else { continue };
            if a == NONE || b == NONE {
                continue;
            }
            found.push(Found { start: r.start + a as usize, end: r.start + b as usize + 1, class: c, conf: p });
        }
    }
    tc.lat = Some((conf, lat));
    tc.bufs = bufs;
    if consistency {
        fix_roles(doc, lists, &mut found);
        doc_pass(doc, lists, &mut found);
    }
    found
}

/// Margins of sure-O pruning: by how much a token's emissions must favour O over every other tag
/// for it to be taken as O without decoding. Tokens glued to both neighbours or to a hyphen ("C-4",
/// "Amman-bound", "post-Games") or in a multi-word list entry are always decoded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prune {
    /// From word types alone (its own and its neighbours'): its position features are then never
    /// read.
    pub types: f32,
    /// With its position features.
    pub full: f32,
    /// With its position features, for a token with name-like tokens (capitalized or numeric) within
    /// [`WIN`] on both sides: it may be inside a name ("Bank of England", "Rally for the Return of …").
    pub between: f32,
}

/// The window of [`Prune::between`].
const WIN: usize = 3;

/// How much `row` favours O (tag 0) over the best other real tag.
#[inline]
fn o_margin(row: &Row, nt: usize) -> f32 {
    let mut best = f32::NEG_INFINITY;
    for &x in &row[1..nt] {
        best = if x > best { x } else { best };
    }
    row[0] - best
}

/// The type part of each token's emissions: the sum of slot `o` of the type at offset `o − 2`, for
/// `o` = 0..5 (padding beyond the sentence). Each type's five slot rows are read together (one
/// contiguous 480-byte block) and scattered to the tokens they reach, in the same order per token as
/// a gather would add them.
fn type_emissions(arena: &[Row], types: &[u32], pad: u32, em: &mut Vec<Row>) {
    let n = types.len();
    em.clear();
    em.resize(n, [0.0; NTP]);
    for j in 0..n + 4 {
        // Sentence position j − 2.
        let ty = if j < 2 || j >= n + 2 { pad } else { types[j - 2] };
        let rows = &arena[ty as usize * SLOTS..ty as usize * SLOTS + SLOTS];
        for (o, src) in rows.iter().enumerate() {
            // Token i = (j − 2) + 2 − o.
            let Some(i) = j.checked_sub(o) else { break };
            let Some(e) = em.get_mut(i) else { continue };
            // All NTP lanes (those past `nt` are zero in every row): a fixed width vectorizes.
            for (x, &y) in e.iter_mut().zip(src) {
                *x += y;
            }
        }
    }
}

/// Place cues that make a name ending in them a place ("Khorasan Province", "Indus River").
const STRONG_PLACE_CUES: &[&str] = &[
    "Province", "River", "Mountains", "Island", "Islands", "Valley", "Desert", "Lake", "Sea", "Ocean", "Peninsula",
    "Gulf", "Strait", "County", "Prefecture", "Oblast", "Governorate", "Canyon", "Glacier",
];

/// Local repairs: "U.S. Defense Secretary" / "Pakistan Chief of Army …" is a place followed by a role,
/// not an organization; a name ending in a strong place cue is a place.
fn fix_roles(doc: &Doc, lists: &Lists, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.class != 1 && f.class != 4 {
            continue;
        }
        // A country/city/nationality prefix of 1–2 tokens, then a title word.
        for plen in 1..=2usize {
            if f.start + plen >= f.end {
                break;
            }
            let mut h = lists::SeqHash::new();
            for k in f.start..f.start + plen {
                h.push(doc.tok(k), k == f.start);
            }
            let g = lists.gaz(h.key());
            let next = gaz1(lists, doc.tok(f.start + plen));
            if g & (cat::COUNTRY | cat::CITY | cat::REGION | cat::DEMONYM) != 0
                && next & cat::TITLE != 0
                && next & cat::ORG_CUE == 0
            {
                f.end = f.start + plen;
                f.class = if g & (cat::COUNTRY | cat::CITY | cat::REGION) != 0 { 2 } else { 3 };
                break;
            }
        }
        if f.end - f.start >= 2 && STRONG_PLACE_CUES.contains(&doc.tok(f.end - 1)) {
            f.class = 2;
        }
    }
}

/// Tags padded to a fixed width so the decoder's inner loops have constant bounds (and vectorize).
pub const NTP: usize = 24;
pub type Row = [f32; NTP];

/// Lanes of the dense block (dense sources × the targets they reach: 11 × 11 for BILOU with five
/// classes), padded to a fixed width so its loops have constant bounds; padding lanes hold −∞
/// scores and 0 potentials, so they never change a real lane.
const DW: usize = 12;
type DRow = [f32; DW];

/// The decoding lattice of a model: padded transition scores (−∞ = forbidden; row `nt` is the
/// sentence start), and for confidences their exponentiated potentials and transpose.
pub struct Lat {
    nt: usize,
    tr: Vec<Row>,
    end_ok: [bool; NTP],
    m: Vec<Row>,
    mt: Vec<Row>,
    /// 1 for real tags, 0 for padding.
    live: Row,
    inv: f32,
    /// Sources with many allowed targets (dense rows).
    dense_src: Vec<usize>,
    /// Moves from the other sources, grouped by lane shift d = to − from: scores at lane `to`
    /// (−∞ elsewhere), potentials at lane `to` (forward) and at lane `from` (backward), 0 elsewhere.
    shifts: Vec<(usize, Row, Row, Row)>,
    /// Transposed potentials restricted to dense sources (rows = targets), and the targets that have
    /// any.
    mtd: Vec<Row>,
    dense_tgt: Vec<usize>,
    /// The allowed moves into each target `b` (CSR: `into[into_at[b]..into_at[b + 1]]`), sources
    /// ascending: the trace back's arg max.
    into_at: [usize; NTP + 1],
    into: Vec<Move>,
    /// The dense block: moves from the dense sources `ds` to the targets `dt` any of them reaches, as
    /// compact matrices (source-major `bw`/`bm`: scores, −∞ if forbidden, and potentials, 0 if forbidden;
    /// target-major `bmt`), so each pass is a few straight loops over ≤ `nt` lanes.
    ds: Vec<usize>,
    dt: Vec<usize>,
    bw: Vec<DRow>,
    bm: Vec<DRow>,
    bmt: Vec<DRow>,
}

/// One allowed tag move into a target: its source `k` and transition score `w`.
#[derive(Clone, Copy)]
struct Move {
    k: u8,
    w: f32,
}

impl Lat {
    /// `score(a, b)`: transition score, `a == nt` is the start; only called for allowed moves.
    pub fn new(scheme: Scheme, temp: f32, score: impl Fn(usize, usize) -> f32) -> Lat {
        let nt = scheme.nt();
        assert!(nt + 1 < NTP);
        let neg = f32::NEG_INFINITY;
        // NTP rows: the start row `nt`, then padding rows (all forbidden) that sparse moves point to.
        let mut tr = vec![[neg; NTP]; NTP];
        for (a, row) in tr.iter_mut().enumerate().take(nt + 1) {
            for b in 0..nt {
                if scheme.allowed(if a == nt { None } else { Some(a) }, b) {
                    row[b] = score(a, b);
                }
            }
        }
        let mut end_ok = [false; NTP];
        let mut live = [0.0; NTP];
        for t in 0..nt {
            end_ok[t] = scheme.end_ok(t);
            live[t] = 1.0;
        }
        let ok = |a: usize, b: usize| tr[a][b] != neg;
        // Sparse sources: ≤ 3 targets, all at lane shifts 0..=SHIFT_MAX.
        let mut dense_src = Vec::new();
        let mut shift_of: Vec<usize> = Vec::new();
        for a in 0..nt {
            let outs: Vec<usize> = (0..nt).filter(|&b| ok(a, b)).collect();
            if outs.len() <= 3 && outs.iter().all(|&b| b >= a && b - a <= SHIFT_MAX) {
                for &b in &outs {
                    if !shift_of.contains(&(b - a)) {
                        shift_of.push(b - a);
                    }
                }
            } else {
                dense_src.push(a);
            }
        }
        shift_of.sort_unstable();
        let shifts = shift_of
            .iter()
            .map(|&d| {
                let mut w = [neg; NTP];
                for b in d..nt {
                    let a = b - d;
                    if !dense_src.contains(&a) && ok(a, b) {
                        w[b] = tr[a][b];
                    }
                }
                (d, w, [0.0; NTP], [0.0; NTP])
            })
            .collect();
        let mut lat = Lat {
            nt,
            tr,
            end_ok,
            m: Vec::new(),
            mt: Vec::new(),
            live,
            inv: 1.0 / temp.max(1e-3),
            dense_src,
            shifts,
            mtd: Vec::new(),
            dense_tgt: Vec::new(),
            into_at: [0; NTP + 1],
            into: Vec::new(),
            ds: Vec::new(),
            dt: Vec::new(),
            bw: Vec::new(),
            bm: Vec::new(),
            bmt: Vec::new(),
        };
        lat.build_moves();
        lat
    }

    /// Fills the move lists (`into`, the dense block) from `tr`, `dense_src` and `shifts` (and
    /// the potentials `m` when present).
    fn build_moves(&mut self) {
        let nt = self.nt;
        let neg = f32::NEG_INFINITY;
        let pot = |s: &Lat, a: usize, b: usize| s.m.get(a).map_or(0.0, |r| r[b]);
        self.into.clear();
        for b in 0..NTP {
            self.into_at[b] = self.into.len();
            if b >= nt {
                continue;
            }
            for a in 0..nt {
                if self.tr[a][b] != neg {
                    self.into.push(Move { k: a as u8, w: self.tr[a][b] });
                }
            }
        }
        self.into_at[NTP] = self.into.len();
        // The dense block.
        self.ds = self.dense_src.clone();
        self.dt = (0..nt).filter(|&b| self.ds.iter().any(|&a| self.tr[a][b] != neg)).collect();
        assert!(self.ds.len() <= DW && self.dt.len() <= DW, "dense block wider than DW");
        self.bw = vec![[neg; DW]; self.ds.len()];
        self.bm = vec![[0.0; DW]; self.ds.len()];
        self.bmt = vec![[0.0; DW]; self.dt.len()];
        for (ai, &a) in self.ds.iter().enumerate() {
            for (bi, &b) in self.dt.iter().enumerate() {
                if self.tr[a][b] != neg {
                    let m = pot(self, a, b);
                    self.bw[ai][bi] = self.tr[a][b];
                    self.bm[ai][bi] = m;
                    self.bmt[bi][ai] = m;
                }
            }
        }
    }
    /// Adds the potentials needed by [`marginals`].
    pub fn with_potentials(mut self) -> Lat {
        let nt = self.nt;
        let tmax = self.tr.iter().flatten().copied().filter(|x| x.is_finite()).fold(0.0f32, f32::max);
        self.m = self
            .tr
            .iter()
            .map(|r| r.map(|x| if x.is_finite() { ((x - tmax) * self.inv).exp() } else { 0.0 }))
            .collect();
        self.mt = vec![[0.0; NTP]; NTP];
        for a in 0..nt {
            for b in 0..nt {
                self.mt[b][a] = self.m[a][b];
            }
        }
        self.mtd = vec![[0.0; NTP]; NTP];
        for &a in &self.dense_src {
            for b in 0..nt {
                self.mtd[b][a] = self.m[a][b];
            }
        }
        self.dense_tgt = (0..nt).filter(|&b| self.mtd[b].iter().any(|&x| x != 0.0)).collect();
        for (d, w, f, bk) in self.shifts.iter_mut() {
            for b in 0..NTP {
                if w[b].is_finite() {
                    f[b] = self.m[b - *d][b];
                    bk[b - *d] = self.m[b - *d][b];
                }
            }
        }
        self.build_moves();
        self
    }
}

/// Best tag sequence of `em` (one padded row per token) into `d.tags`.
///
/// Works on the compact dense block (closed → O/B/U for BILOU: 11 × 11) and the few sparse moves
/// instead of 24 padded lanes per source: the maxima, and so the path, are exactly those of
/// [`viterbi_padded`].
pub(crate) fn viterbi(lat: &Lat, em: &[Row], d: &mut Dec) {
    let n = em.len();
    let nt = lat.nt;
    let neg = f32::NEG_INFINITY;
    d.delta.clear();
    d.tags.clear();
    if n == 0 {
        return;
    }
    d.delta.resize(n, [neg; NTP]);
    for t in 0..nt {
        d.delta[0][t] = lat.tr[nt][t] + em[0][t];
    }
    for i in 1..n {
        let prev = d.delta[i - 1];
        // Dense block, target lanes compact (all DW lanes: constant bounds).
        let mut bd = [neg; DW];
        // No test for a −∞ source: −∞ + w stays −∞ and never wins a maximum, and a branch here is
        // unpredictable (forced-O tokens make most sources −∞).
        for (&a, row) in lat.ds.iter().zip(&lat.bw) {
            let pa = prev[a];
            for (x, &w) in bd.iter_mut().zip(row) {
                let v = pa + w;
                *x = if v > *x { v } else { *x };
            }
        }
        let mut best = [neg; NTP];
        for (&b, &x) in lat.dt.iter().zip(&bd) {
            best[b] = x;
        }
        // Sparse moves, one lane shift at a time over all lanes (−∞ where a shift has no move).
        let ext = extend(&prev, neg);
        for (d, w, _, _) in &lat.shifts {
            for ((x, &p), &w) in best.iter_mut().zip(&ext[SHIFT_MAX - d..]).zip(w) {
                let v = p + w;
                *x = if v > *x { v } else { *x };
            }
        }
        // All NTP lanes: padding lanes stay −∞ (best) + 0 (emission).
        let e = &em[i];
        let cur = &mut d.delta[i];
        for ((c, &x), &y) in cur.iter_mut().zip(&best).zip(e) {
            *c = x + y;
        }
    }
    trace_back(lat, d);
}

/// The arg max path from the filled `d.delta` (first maximum on ties, as the padded decoder).
fn trace_back(lat: &Lat, d: &mut Dec) {
    let n = d.delta.len();
    let nt = lat.nt;
    let neg = f32::NEG_INFINITY;
    let mut best = neg;
    let mut arg = 0usize;
    for t in 0..nt {
        let v = d.delta[n - 1][t];
        if lat.end_ok[t] && v > best {
            best = v;
            arg = t;
        }
    }
    d.tags.resize(n, 0);
    d.tags[n - 1] = arg as u8;
    for i in (1..n).rev() {
        let prev = &d.delta[i - 1];
        let mut best = neg;
        let mut a_best = 0usize;
        for mv in &lat.into[lat.into_at[arg]..lat.into_at[arg + 1]] {
            let a = mv.k as usize;
            let v = prev[a] + mv.w;
            if v > best || (v == best && a < a_best) {
                best = v;
                a_best = a;
            }
        }
        arg = a_best;
        d.tags[i - 1] = arg as u8;
    }
}

/// The plain decoder over padded rows (the reference the fast one is tested against).
#[cfg(test)]
pub(crate) fn viterbi_padded(lat: &Lat, em: &[Row], d: &mut Dec) {
    let n = em.len();
    let nt = lat.nt;
    let neg = f32::NEG_INFINITY;
    d.delta.clear();
    d.tags.clear();
    if n == 0 {
        return;
    }
    d.delta.resize(n, [neg; NTP]);
    for t in 0..NTP {
        d.delta[0][t] = lat.tr[nt][t] + em[0][t];
    }
    // Forward: maxima only; the arg max is recomputed for the one tag taken while tracing back.
    for i in 1..n {
        let prev = d.delta[i - 1];
        let mut best = [neg; NTP];
        for &a in &lat.dense_src {
            let pa = prev[a];
            if pa != neg {
                max_add(&mut best, pa, &lat.tr[a]);
            }
        }
        let ext = extend(&prev, neg);
        for (d, w, _, _) in &lat.shifts {
            let p: &Row = ext[SHIFT_MAX - d..SHIFT_MAX - d + NTP].try_into().expect("row");
            max_add_row(&mut best, p, w);
        }
        let e = &em[i];
        let cur = &mut d.delta[i];
        for b in 0..NTP {
            cur[b] = best[b] + e[b];
        }
    }
    let mut best = neg;
    let mut arg = 0usize;
    for t in 0..nt {
        let v = d.delta[n - 1][t];
        if lat.end_ok[t] && v > best {
            best = v;
            arg = t;
        }
    }
    d.tags.resize(n, 0);
    d.tags[n - 1] = arg as u8;
    for i in (1..n).rev() {
        let prev = &d.delta[i - 1];
        let mut best = neg;
        let mut a_best = 0usize;
        for a in 0..nt {
            let v = prev[a] + lat.tr[a][arg];
            if v > best {
                best = v;
                a_best = a;
            }
        }
        arg = a_best;
        d.tags[i - 1] = arg as u8;
    }
}

/// Largest lane shift of a sparse move.
const SHIFT_MAX: usize = 3;

/// `row` preceded by SHIFT_MAX lanes of `fill`.
#[inline(always)]
fn extend(row: &Row, fill: f32) -> [f32; NTP + SHIFT_MAX] {
    let mut e = [fill; NTP + SHIFT_MAX];
    e[SHIFT_MAX..].copy_from_slice(row);
    e
}

#[cfg(test)]
#[inline(always)]
fn max_add(best: &mut Row, x: f32, row: &Row) {
    for b in 0..NTP {
        let v = x + row[b];
        best[b] = if v > best[b] { v } else { best[b] };
    }
}

#[cfg(test)]
#[inline(always)]
fn max_add_row(best: &mut Row, x: &Row, row: &Row) {
    for b in 0..NTP {
        let v = x[b] + row[b];
        best[b] = if v > best[b] { v } else { best[b] };
    }
}

#[cfg(test)]
#[inline(always)]
fn mul_add(s: &mut Row, x: f32, row: &Row) {
    for b in 0..NTP {
        s[b] += x * row[b];
    }
}

#[cfg(test)]
#[inline(always)]
fn mul_add_row(s: &mut Row, x: &Row, row: &Row) {
    for b in 0..NTP {
        s[b] += x[b] * row[b];
    }
}

/// e^x to about 3e-6 relative error, branch-free and without a float-to-int conversion (vectorizes);
/// x ≤ 0 expected, clamped to [−80, 0].
#[inline(always)]
fn fast_exp(x: f32) -> f32 {
    // Clamped with comparisons, not f32::max/min: in wasm those are calls to libm's fmaxf/fminf (their
    // NaN rule differs from wasm's f32.max), which kept this loop from vectorizing. A NaN becomes −80.
    let x = if x > -80.0 { x } else { -80.0 };
    let x = if x < 0.0 { x } else { 0.0 };
    let y = x * std::f32::consts::LOG2_E;
    // Round y to the nearest integer by adding 1.5 · 2^23: the integer lands in the low mantissa bits.
    const MAGIC: f32 = 12_582_912.0;
    let shifted = y + MAGIC;
    let r = shifted - MAGIC;
    let i = shifted.to_bits() as i32 - MAGIC.to_bits() as i32;
    let f = y - r; // in [−0.5, 0.5]
    let p = 1.0 + f * (0.693_147_2 + f * (0.240_226_5 + f * (0.055_504_11 + f * (0.009_618_13 + f * 0.001_333_36))));
    f32::from_bits(((i + 127) << 23) as u32) * p
}

/// Posterior tag marginals (forward-backward over scores / temperature) of tokens `lo..hi`, left in
/// `d.alpha`.
///
/// Sums over the allowed moves only, in the order [`marginals_padded`] adds them, so the results are
/// bit-identical to it.
pub(crate) fn marginals(lat: &Lat, em: &[Row], d: &mut Dec, lo: usize, hi: usize) {
    let n = em.len();
    let hi = hi.min(n);
    let nt = lat.nt;
    if lo >= hi || lat.m.is_empty() {
        return;
    }
    let inv = lat.inv;
    // Emission potentials, max-shifted per token (only the tokens the two passes read).
    let pe = &mut d.emp;
    pe.clear();
    pe.resize(n, [0.0; NTP]);
    for i in (0..hi).chain(hi.max(lo + 1)..n) {
        // All NTP lanes (max is exact in any order; padding lanes are masked to −∞, then to 0).
        let row = &em[i];
        let mut mx = f32::NEG_INFINITY;
        for (&x, &l) in row.iter().zip(&lat.live) {
            let v = if l != 0.0 { x } else { f32::NEG_INFINITY };
            mx = if v > mx { v } else { mx };
        }
        for ((p, &x), &l) in pe[i].iter_mut().zip(row).zip(&lat.live) {
            *p = fast_exp((x - mx) * inv) * l;
        }
    }
    let (al, be) = (&mut d.alpha, &mut d.beta);
    al.clear();
    al.resize(n, [0.0; NTP]);
    be.clear();
    be.resize(n, [0.0; NTP]);
    for t in 0..nt {
        al[0][t] = lat.m[nt][t] * pe[0][t];
    }
    norm(&mut al[0]);
    for i in 1..hi {
        let prev = al[i - 1];
        // Dense block (target lanes compact, all DW lanes), then the sparse moves, in the padded
        // decoder's order.
        let mut sd = [0.0f32; DW];
        // Zero sources add +0 (all terms are ≥ 0): no branch, the same sums.
        for (&a, row) in lat.ds.iter().zip(&lat.bm) {
            let x = prev[a];
            for (s, &m) in sd.iter_mut().zip(row) {
                *s += x * m;
            }
        }
        let mut s = [0.0f32; NTP];
        for (&b, &x) in lat.dt.iter().zip(&sd) {
            s[b] = x;
        }
        // Sparse moves, one lane shift at a time over all lanes (potential 0 where a shift has no
        // move), in the padded decoder's order.
        let ext = extend(&prev, 0.0);
        for (d, _, f, _) in &lat.shifts {
            for ((x, &p), &m) in s.iter_mut().zip(&ext[SHIFT_MAX - d..]).zip(f) {
                *x += p * m;
            }
        }
        for (x, &p) in s.iter_mut().zip(&pe[i]) {
            *x *= p;
        }
        norm(&mut s);
        al[i] = s;
    }
    for t in 0..nt {
        be[n - 1][t] = if lat.end_ok[t] { 1.0 } else { 0.0 };
    }
    for i in (lo..n - 1).rev() {
        let mut tmp = [0.0f32; NTP];
        for ((t, &p), &b) in tmp.iter_mut().zip(&pe[i + 1]).zip(&be[i + 1]) {
            *t = p * b;
        }
        // Dense block (source lanes compact, all DW lanes), then the sparse moves.
        let mut sd = [0.0f32; DW];
        for (&b, row) in lat.dt.iter().zip(&lat.bmt) {
            let x = tmp[b];
            for (s, &m) in sd.iter_mut().zip(row) {
                *s += x * m;
            }
        }
        let mut s = [0.0f32; NTP];
        for (&a, &x) in lat.ds.iter().zip(&sd) {
            s[a] = x;
        }
        // Sparse moves a → a + d, one shift at a time: s[a] += tmp[a + d] · m[a][a + d].
        let mut ext = [0.0f32; NTP + SHIFT_MAX];
        ext[..NTP].copy_from_slice(&tmp);
        for (d, _, _, bk) in &lat.shifts {
            for ((x, &t), &m) in s.iter_mut().zip(&ext[*d..]).zip(bk) {
                *x += t * m;
            }
        }
        norm(&mut s);
        be[i] = s;
    }
    for i in lo..hi {
        let r = &mut al[i];
        for (x, &b) in r.iter_mut().zip(&be[i]) {
            *x *= b;
        }
        norm(r);
    }
}

/// Scales `v` to sum 1 (unless its sum is 0 or not finite). The sum runs in four lanes over all
/// NTP lanes (padding lanes are 0), then adds the four: constant bounds, so it vectorizes.
#[inline]
fn norm(v: &mut Row) {
    let mut acc = [0.0f32; 4];
    for c in v.chunks_exact(4) {
        for (a, &x) in acc.iter_mut().zip(c) {
            *a += x;
        }
    }
    let s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    if s > 0.0 && s.is_finite() {
        let r = 1.0 / s;
        for x in v.iter_mut() {
            *x *= r;
        }
    }
}

/// The plain forward-backward over padded rows (the reference the fast one is tested against).
#[cfg(test)]
pub(crate) fn marginals_padded(lat: &Lat, em: &[Row], d: &mut Dec, lo: usize, hi: usize) {
    let n = em.len();
    let hi = hi.min(n);
    if lo >= hi {
        return;
    }
    let nt = lat.nt;
    if n == 0 || lat.m.is_empty() {
        return;
    }
    let inv = lat.inv;
    // Emission potentials, max-shifted per token.
    let pe = &mut d.emp;
    pe.clear();
    pe.resize(n, [0.0; NTP]);
    for i in 0..n {
        let row = &em[i];
        let mx = row[..nt].iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let p = &mut pe[i];
        for t in 0..NTP {
            p[t] = fast_exp((row[t] - mx) * inv) * lat.live[t];
        }
    }
    let (al, be) = (&mut d.alpha, &mut d.beta);
    al.clear();
    al.resize(n, [0.0; NTP]);
    be.clear();
    be.resize(n, [0.0; NTP]);
    for t in 0..NTP {
        al[0][t] = lat.m[nt][t] * pe[0][t];
    }
    norm(&mut al[0]);
    for i in 1..hi {
        let prev = al[i - 1];
        let mut s = [0.0f32; NTP];
        for &a in &lat.dense_src {
            let x = prev[a];
            if x != 0.0 {
                mul_add(&mut s, x, &lat.m[a]);
            }
        }
        let ext = extend(&prev, 0.0);
        for (d, _, f, _) in &lat.shifts {
            let p: &Row = ext[SHIFT_MAX - d..SHIFT_MAX - d + NTP].try_into().expect("row");
            mul_add_row(&mut s, p, f);
        }
        let p = &pe[i];
        for b in 0..NTP {
            s[b] *= p[b];
        }
        norm(&mut s);
        al[i] = s;
    }
    for t in 0..nt {
        be[n - 1][t] = if lat.end_ok[t] { 1.0 } else { 0.0 };
    }
    for i in (lo..n - 1).rev() {
        let mut tmp = [0.0f32; NTP];
        for b in 0..NTP {
            tmp[b] = pe[i + 1][b] * be[i + 1][b];
        }
        let mut s = [0.0f32; NTP];
        for &b in &lat.dense_tgt {
            let x = tmp[b];
            if x != 0.0 {
                mul_add(&mut s, x, &lat.mtd[b]);
            }
        }
        // Sparse moves a → a + d: s[a] += tmp[a + d] · m[a][a + d].
        let mut ext = [0.0f32; NTP + SHIFT_MAX];
        ext[..NTP].copy_from_slice(&tmp);
        for (d, _, _, bk) in &lat.shifts {
            let p: &Row = ext[*d..*d + NTP].try_into().expect("row");
            mul_add_row(&mut s, p, bk);
        }
        norm(&mut s);
        be[i] = s;
    }
    for i in lo..hi {
        let b = be[i];
        let r = &mut al[i];
        for t in 0..NTP {
            r[t] *= b[t];
        }
        norm(r);
    }
}

// ---------------------------------------------------------------------------------------------
// Document-level consistency.

fn is_cap_word(doc: &Doc, k: usize) -> bool {
    doc.tokens[k].kind == TokKind::Word && doc.tok(k).chars().next().is_some_and(|c| c.is_uppercase())
}

fn gaz1(lists: &Lists, w: &str) -> u16 {
    let mut h = lists::SeqHash::new();
    h.push(w, true);
    lists.gaz(h.key())
}

/// Second pass: a name keeps the kind it has elsewhere in the article, and the parts of a person's
/// full name ("Bajwa" after "Qamar Javed Bajwa") are that person.
///
/// Each phase is a function of its own, never inlined: in the browser, the engine recompiles a wasm
/// function with its optimizing tier once the function has run a while, at a cost that grows with its
/// size, so a first analysis then recompiles only the phases that loop a lot, not one 20 KB function.
fn doc_pass(doc: &Doc, lists: &Lists, found: &mut Vec<Found>) {
    let ev = Evidence::collect(doc, lists, found);
    cut_to_known(doc, &ev.votes, found);
    let org_heads = org_heads(doc, lists, found);
    revote(doc, &ev, &org_heads, found);
    add_repeats(doc, lists, &ev, found);
    // An unsure one-word person with nothing behind it — no fuller name in the article, not in the name
    // lists, not a known word — is left out (in news mostly a company or club: "Petofi", "Comelf").
    found.retain(|f| {
        if f.class != 0 || f.end - f.start != 1 || f.conf >= LONE_PERSON_MIN_CONF {
            return true;
        }
        let t = span_text(doc, f);
        ev.person_parts.contains_key(t)
            || ev.surnames.contains_key(t)
            || gaz1(lists, t) & (cat::GIVEN | cat::SURNAME) != 0
            || lists.cluster(t).is_some()
    });
    extend_of_in(doc, lists, found);
    drop_units(doc, found);
    drop_months(doc, found);
    places_after_prepositions(doc, &ev, found);
    join_adjacent(doc, lists, found);
    polities_are_places(doc, found);
}

/// The text of a found name.
fn span_text<'t>(doc: &Doc<'t>, f: &Found) -> &'t str {
    &doc.text[doc.tokens[f.start].start..doc.tokens[f.end - 1].end]
}

/// The index and value of the largest vote (the first of equals).
fn best_vote(v: &[f32; NC]) -> (usize, f32) {
    v.iter().enumerate().fold((0, -1.0f32), |acc, (i, &x)| if x > acc.1 { (i, x) } else { acc })
}

/// What the tagger's names say about each text of the article, for [`doc_pass`].
struct Evidence<'t> {
    /// Confidence-weighted votes per class, per exact name text.
    votes: FxMap<&'t str, [f32; NC]>,
    /// Capitalized words of multi-word person names, with the best confidence.
    person_parts: FxMap<&'t str, f32>,
    /// Last words of confident multi-word person names.
    surnames: FxMap<&'t str, f32>,
}

impl<'t> Evidence<'t> {
    #[inline(never)]
    fn collect(doc: &Doc<'t>, lists: &Lists, found: &[Found]) -> Evidence<'t> {
        // Votes per exact text.
        let mut votes: FxMap<&str, [f32; NC]> = FxMap::default();
        for f in found.iter() {
            votes.entry(span_text(doc, f)).or_insert([0.0; NC])[f.class] += f.conf.max(0.05);
        }
        // Parts of multi-word person names.
        let mut person_parts: FxMap<&str, f32> = FxMap::default();
        for f in found.iter().filter(|f| f.class == 0 && f.end - f.start >= 2) {
            for k in f.start..f.end {
                let w = doc.tok(k);
                if is_cap_word(doc, k) && w.chars().count() > 1 && gaz1(lists, w) & cat::TITLE == 0 {
                    let e = person_parts.entry(w).or_insert(0.0);
                    *e = e.max(f.conf);
                }
            }
        }
        // Surnames: the last word of a multi-word person name. A bare mention of it elsewhere in the
        // article is that person ("Washington" after "MaliVai Washington"), whatever its bare mentions
        // were voted.
        let mut surnames: FxMap<&str, f32> = FxMap::default();
        for f in found.iter().filter(|f| f.class == 0 && f.end - f.start >= 2) {
            let k = f.end - 1;
            let w = doc.tok(k);
            // A title word ends a name only as a surname ("Billie Jean King").
            if is_cap_word(doc, k) && w.chars().count() > 1 && f.conf >= SURNAME_MIN_CONF {
                let e = surnames.entry(w).or_insert(0.0);
                *e = e.max(f.conf);
            }
        }
        Evidence { votes, person_parts, surnames }
    }

    /// The class and confidence of each text known as a name: by its votes (when at least 0.5), as a
    /// person part, and as a surname (which wins).
    #[inline(never)]
    fn known(&self) -> FxMap<&'t str, (usize, f32)> {
        let mut known: FxMap<&str, (usize, f32)> = FxMap::default();
        for (t, v) in &self.votes {
            let (best, bv) = best_vote(v);
            if bv >= 0.5 {
                known.insert(t, (best, bv.min(1.0)));
            }
        }
        for (t, &c) in &self.person_parts {
            known.entry(t).or_insert((0, c));
        }
        for (t, &c) in &self.surnames {
            known.insert(t, (0, c));
        }
        known
    }
}

/// A weak, one-off longer span that holds a name tagged confidently elsewhere is cut to that name
/// ("Renews U.S." in a headline when "U.S." is a place throughout).
#[inline(never)]
fn cut_to_known(doc: &Doc, votes: &FxMap<&str, [f32; NC]>, found: &mut [Found]) {
    let text = doc.text;
    for f in found.iter_mut() {
        let t = span_text(doc, f);
        let own: f32 = votes.get(t).map_or(0.0, |v| v.iter().sum());
        if f.end - f.start < 2 || f.conf >= 0.5 || own > 0.5 {
            continue;
        }
        'outer: for len in (1..f.end - f.start).rev() {
            for a in f.start..=f.end - len {
                let sub = &text[doc.tokens[a].start..doc.tokens[a + len - 1].end];
                if let Some(v) = votes.get(sub) {
                    let (best, bv) = best_vote(v);
                    if bv >= 1.0 {
                        *f = Found { start: a, end: a + len, class: best, conf: f.conf.max(0.5) };
                        break 'outer;
                    }
                }
            }
        }
    }
}

/// Heads of multi-word organization names ("Magna" of "Magna International Inc"): alone elsewhere
/// they are that organization, not a person.
#[inline(never)]
fn org_heads<'t>(doc: &Doc<'t>, lists: &Lists, found: &[Found]) -> FxMap<&'t str, f32> {
    let mut org_heads: FxMap<&str, f32> = FxMap::default();
    for f in found.iter().filter(|f| f.class == 1 && f.end - f.start >= 2) {
        let w = doc.tok(f.start);
        if is_cap_word(doc, f.start)
            && w.chars().count() > 1
            && gaz1(lists, w) & (cat::TITLE | cat::GIVEN | cat::COUNTRY | cat::CITY | cat::REGION | cat::DEMONYM) == 0
        {
            let e = org_heads.entry(w).or_insert(0.0);
            *e = e.max(f.conf);
        }
    }
    org_heads
}

/// Each name takes the class its text has elsewhere: organization heads, surnames and person parts
/// first, then the majority of the votes.
#[inline(never)]
fn revote(doc: &Doc, ev: &Evidence, org_heads: &FxMap<&str, f32>, found: &mut [Found]) {
    for f in found.iter_mut() {
        let t = span_text(doc, f);
        if f.end - f.start == 1 && f.class == 0 && !ev.person_parts.contains_key(t) && org_heads.contains_key(t) {
            f.class = 1;
            continue;
        }
        if f.end - f.start == 1 && ev.surnames.contains_key(t) {
            f.class = 0;
            continue;
        }
        if f.end - f.start == 1 && f.class != 0 {
            if let Some(&c) = ev.person_parts.get(t) {
                // Only if this text was not itself confidently tagged otherwise elsewhere.
                let v = ev.votes.get(t).copied().unwrap_or([0.0; NC]);
                if v[0] + c >= v[f.class] {
                    f.class = 0;
                    continue;
                }
            }
        }
        let v = ev.votes.get(t).copied().unwrap_or([0.0; NC]);
        let (best, bv) = best_vote(&v);
        if best != f.class && bv > v[f.class] * 1.5 {
            f.class = best;
        }
    }
}

/// Untagged repeats: capitalized tokens equal to a person part or to a tagged name become names.
#[inline(never)]
fn add_repeats(doc: &Doc, lists: &Lists, ev: &Evidence, found: &mut Vec<Found>) {
    let mut covered = vec![false; doc.tokens.len()];
    for f in found.iter() {
        for c in &mut covered[f.start..f.end] {
            *c = true;
        }
    }
    let known = ev.known();
    let mut added = Vec::new();
    for sent in &doc.sentences {
        let r = sent.tokens.clone();
        let mut k = r.start;
        while k < r.end {
            if covered[k] || !is_cap_word(doc, k) {
                k += 1;
                continue;
            }
            match repeat_at(doc, lists, &known, &covered, k, r.end) {
                Some((e, c, p)) => {
                    added.push(Found { start: k, end: e, class: c, conf: p * 0.6 });
                    k = e;
                }
                None => k += 1,
            }
        }
    }
    if !added.is_empty() {
        found.extend(added);
        found.sort_by_key(|f| f.start);
    }
}

/// The longest known name (up to 4 tokens, none covered) starting at capitalized token `k` of a
/// sentence ending at token `end`: its end, class and confidence.
#[inline(never)]
fn repeat_at(
    doc: &Doc,
    lists: &Lists,
    known: &FxMap<&str, (usize, f32)>,
    covered: &[bool],
    k: usize,
    end: usize,
) -> Option<(usize, usize, f32)> {
    for len in (1..=4usize).rev() {
        let e = k + len;
        if e > end || covered[k..e].iter().any(|&c| c) {
            continue;
        }
        let s = &doc.text[doc.tokens[k].start..doc.tokens[e - 1].end];
        if let Some(&(c, p)) = known.get(s) {
            // A lone sentence-initial word that is a common lower-case word: leave it.
            if len == 1 && lists.cluster(&s.to_lowercase()).is_some_and(|v| v >> 12 < 10) && gaz1(lists, s) == 0 {
                continue;
            }
            // A title surname ("King") before a name is the title ("King Abdullah").
            if len == 1 && gaz1(lists, s) & cat::TITLE != 0 && e < end && is_cap_word(doc, e) {
                continue;
            }
            return Some((e, c, p));
        }
    }
    None
}

/// A lone word after "through", "near", "via" … is a place, not a person, unless it is part of a
/// person's name elsewhere ("drove through Browning").
#[inline(never)]
fn places_after_prepositions(doc: &Doc, ev: &Evidence, found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.class == 0 && f.end - f.start == 1 && f.start > 0 && PLACE_PREPS.contains(&doc.tok(f.start - 1)) {
            let t = span_text(doc, f);
            if !ev.person_parts.contains_key(t) && ev.votes.get(t).is_none_or(|v| v[0] < 1.0 + 1e-6) {
                f.class = 2;
            }
        }
    }
}

/// Words that name a state by its form: "Kingdom of Poland", "Russian Empire", "Czech Republic".
const POLITY_HEADS: &[&str] = &[
    "Kingdom", "Republic", "Empire", "Duchy", "Principality", "Emirate", "Emirates", "Sultanate", "Caliphate",
    "Khanate", "Electorate", "Commonwealth",
];

/// A polity is a place, as CoNLL-2003 labels them ("Czech Republic", "Republic of Ireland", "United Arab
/// Emirates", "Russian Federation" are all LOC there): an organization or other name that is "Kingdom of
/// X" (or another of [`POLITY_HEADS`]) or that ends in one of them after a capitalized word. A head found
/// alone right after a nationality or place joins it ("Russian" + "Empire"). People are left alone
/// ("Roger Kingdom" is a hurdler).
fn polities_are_places(doc: &Doc, found: &mut Vec<Found>) {
    // Compacts in place (`w` names kept so far), so that many joins stay linear.
    let mut w = 0;
    for k in 0..found.len() {
        let mut f = found[k];
        let last = doc.tok(f.end - 1);
        // ("Commonwealth" only in "Commonwealth of …": "Jamaican Commonwealth Games champion".)
        let head_last = POLITY_HEADS.contains(&last) && last != "Commonwealth";
        if f.class != 0 && f.end - f.start == 1 && head_last && w > 0 {
            let a = found[w - 1];
            if (a.class == 2 || a.class == 3) && a.end == f.start && !doc.tokens[f.start].newline_before {
                found[w - 1] = Found { start: a.start, end: f.end, class: 2, conf: a.conf.min(f.conf) };
                continue;
            }
        }
        if (f.class == 1 || f.class == 4) && f.end - f.start >= 2 {
            let first = doc.tok(f.start);
            let of_form = POLITY_HEADS.contains(&first) && doc.tok(f.start + 1) == "of" && f.end - f.start >= 3;
            let ends_in = head_last && is_cap_word(doc, f.end - 2);
            if of_form || ends_in {
                f.class = 2;
            }
        }
        found[w] = f;
        w += 1;
    }
    found.truncate(w);
}

/// "Irène Joliot" "-" "Curie": person names joined by a hyphen with no spaces are one name.
/// A lone capitalized word tagged misc right before a person's name is its first part ("Mei" +
/// "Lin Zhang"), unless it is a place, nationality, group or title. Two people's names side by side
/// on one line are one name ("Tiger" + "Woods").
#[inline(never)]
fn join_adjacent(doc: &Doc, lists: &Lists, found: &mut Vec<Found>) {
    let not_first = cat::COUNTRY | cat::CITY | cat::REGION | cat::DEMONYM | cat::GROUP | cat::TITLE;
    let mut k = 0;
    while k + 1 < found.len() {
        let (a, b) = (found[k], found[k + 1]);
        let two_people = a.class == 0 && b.class == 0 && b.start == a.end && !doc.tokens[b.start].newline_before;
        let joined = two_people
            || a.class == 4
                && b.class == 0
                && a.end - a.start == 1
                && b.start == a.end
                && !doc.tokens[b.start].newline_before
                && is_cap_word(doc, a.start)
                && gaz1(lists, doc.tok(a.start)) & not_first == 0;
        if joined
            || a.class == 0
                && b.class == 0
                && b.start == a.end + 1
                && doc.tok(a.end) == "-"
                && !doc.tokens[a.end].space_before
                && !doc.tokens[b.start].space_before
        {
            found[k] = Found { start: a.start, end: b.end, class: b.class, conf: a.conf.min(b.conf) };
            found.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Minimum confidence of a one-word name (chosen on dev.jsonl: no change there up to 0.2).
const MIN_SINGLE_CONF: f32 = 0.15;

/// Minimum confidence of a one-word person name with no support in the article or the lists (chosen on
/// dev.jsonl: 0.4 / 0.5 / 0.6 give person F1 0.952 / 0.956 / 0.956 without the list checks).
const LONE_PERSON_MIN_CONF: f32 = 0.5;

/// Minimum confidence of a multi-word person name for its last word to count as a surname in
/// [`doc_pass`].
const SURNAME_MIN_CONF: f32 = 0.5;

/// Currency words written before an amount, and time zones written after a time.
const CURRENCY_WORDS: &[&str] = &["Rs", "Rs.", "Rp", "Rp.", "Tk", "Tk.", "Sh", "Sh.", "Ksh", "KSh", "R$", "NT"];
const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST", "BST", "IST", "JST", "AEST",
    "AEDT", "HKT", "SGT", "PKT", "EET", "EEST", "WET", "MSK",
];

/// Not names: a currency word or "US$"-style code right before an amount ("Rs. 250", "US$5"), a time zone
/// right after a time ("15:00 GMT") — the number extractors report them with the amount or time.
fn drop_units(doc: &Doc, found: &mut Vec<Found>) {
    let n = doc.tokens.len();
    let is_num = |k: usize| k < n && doc.tokens[k].kind == TokKind::Number;
    found.retain(|f| {
        let text = &doc.text[doc.tokens[f.start].start..doc.tokens[f.end - 1].end];
        let before_amount = is_num(f.end) || (f.end + 1 < n && doc.tok(f.end) == "$" && is_num(f.end + 1));
        if before_amount && (CURRENCY_WORDS.contains(&text) || (text.ends_with('$') && text.len() <= 4)) {
            return false;
        }
        if f.end - f.start == 1 && f.start > 0 && is_num(f.start - 1) && TIME_ZONES.contains(&text) {
            return false;
        }
        true
    });
}

/// Month names that are hardly ever given names ("June", "April", "May" and "August" are left out).
const MONTHS: &[&str] = &["January", "February", "March", "September", "October", "November", "December"];

/// Not people: a month alone ("December bonds") or in front of a name ("in March Kaczmarek cancelled").
fn drop_months(doc: &Doc, found: &mut Vec<Found>) {
    found.retain_mut(|f| {
        if f.class != 0 || !MONTHS.contains(&doc.tok(f.start)) {
            return true;
        }
        if f.end - f.start == 1 {
            return false;
        }
        f.start += 1;
        true
    });
}

/// Prepositions of motion and nearness that take places, hardly ever people.
const PLACE_PREPS: &[&str] = &["through", "via", "near", "outside", "across", "toward", "towards", "into"];

/// "Nobel Prize" + "in Physics", "University" + "of Paris": an organization or other name ending in its cue
/// word continues over "of"/"in" and the capitalized words after it ("in" not before a place:
/// "the World Cup in France").
fn extend_of_in(doc: &Doc, lists: &Lists, found: &mut Vec<Found>) {
    let sent_end = {
        let mut v = vec![0usize; doc.tokens.len()];
        for s in &doc.sentences {
            for k in s.tokens.clone() {
                v[k] = s.tokens.end;
            }
        }
        v
    };
    let mut k = 0;
    while k < found.len() {
        let f = found[k];
        k += 1;
        if f.class != 1 && f.class != 4 {
            continue;
        }
        let last = doc.tok(f.end - 1);
        let cue = gaz1(lists, last) & (cat::ORG_CUE | cat::MISC_CUE) != 0;
        let p = f.end;
        if !cue || p + 1 >= sent_end[f.start] {
            continue;
        }
        let prep = doc.tok(p);
        if prep != "of" && prep != "in" {
            continue;
        }
        let mut e = p + 1;
        while e < sent_end[f.start] && e < p + 4 && is_cap_word(doc, e) && gaz1(lists, doc.tok(e)) & cat::TITLE == 0 {
            e += 1;
        }
        if e == p + 1 {
            continue;
        }
        // The words after the preposition: untagged, or exactly one found name.
        let inside: Vec<usize> = (k..found.len()).take_while(|&j| found[j].start < e).collect();
        if inside.iter().any(|&j| found[j].start < p + 1 || found[j].end > e) || inside.len() > 1 {
            continue;
        }
        if prep == "in" {
            let mut h = lists::SeqHash::new();
            for t in p + 1..e {
                h.push(doc.tok(t), t == p + 1);
            }
            let g = lists.gaz(h.key());
            if g & (cat::COUNTRY | cat::CITY | cat::REGION) != 0 || inside.iter().any(|&j| found[j].class == 2) {
                continue;
            }
        }
        found[k - 1].end = e;
        for &j in inside.iter().rev() {
            found.remove(j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Spans.

/// Turns found names into spans: titles trimmed from the front of a name and reported in `title`.
pub fn to_spans(doc: &Doc, lists: &Lists, found: &[Found]) -> Vec<Span> {
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let mut s = f.start;
        if CLASSES[f.class] == Kind::Person {
            // "Dean" is a given name more often than a title in news ("Dean Jones").
            while s + 1 < f.end
                && ((gaz1(lists, doc.tok(s)) & cat::TITLE != 0 && doc.tok(s) != "Dean") || doc.tok(s) == "-")
            {
                s += 1;
            }
        }
        let (a, b) = (doc.tokens[s].start, doc.tokens[f.end - 1].end);
        let mut sp = Span::new(doc.text, a, b, CLASSES[f.class]);
        sp.confidence = Some((f.conf * 1000.0).round() / 1000.0);
        if CLASSES[f.class] == Kind::Person {
            // Title words right before the name: "Defense Secretary", "General".
            let mut t = s;
            while t > 0 && s - t < 4 {
                let w = doc.tok(t - 1);
                if gaz1(lists, w) & cat::TITLE != 0
                    || (w == "-" && t >= 2 && gaz1(lists, doc.tok(t - 2)) & cat::TITLE != 0)
                {
                    t -= 1;
                } else {
                    break;
                }
            }
            if t < s {
                sp.title = Some(doc.text[doc.tokens[t].start..doc.tokens[s - 1].end].to_string());
            }
        }
        out.push(sp);
    }
    out
}

#[cfg(test)]
mod tests;
