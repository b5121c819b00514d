//! Features of the tagger, shared by training and inference.
//!
//! A token's features are the union of its *type* features (which depend only on the word's text
//! and whether its line is an all-caps headline, so they can be cached per word type and summed once)
//! for the words at offsets −2..+2, plus a few *position* features (sentence start, word bigrams, shape
//! trigram, multi-word gazetteer matches). Every feature is hashed into a table of `1 << HASH_BITS` rows.

use super::lists::{cat, Lists, SeqHash, MAX_NGRAM};
use crate::text::{Doc, TokKind};

pub const HASH_BITS: u32 = 20;
pub const HASH_MASK: u32 = (1 << HASH_BITS) - 1;

/// Feature families (bits of `Cfg::families`), for ablation.
pub mod fam {
    pub const WORD: u32 = 1 << 0;
    pub const AFFIX: u32 = 1 << 1;
    pub const SHAPE: u32 = 1 << 2;
    pub const CONTEXT: u32 = 1 << 3;
    pub const CLUSTER: u32 = 1 << 4;
    pub const GAZ: u32 = 1 << 5;
    pub const BIGRAM: u32 = 1 << 6;
    pub const POSITION: u32 = 1 << 7;
    pub const ALL: u32 = 0xff;
    pub const NAMES: [(&str, u32); 8] = [
        ("word", WORD),
        ("affix", AFFIX),
        ("shape", SHAPE),
        ("context", CONTEXT),
        ("cluster", CLUSTER),
        ("gazetteer", GAZ),
        ("bigram", BIGRAM),
        ("position", POSITION),
    ];
}

/// Feature hasher (FNV-1a over template and parts, then a mixer).
#[derive(Clone, Copy)]
pub struct Fh(u64);

impl Fh {
    #[inline]
    pub const fn new(template: u8) -> Fh {
        Fh((0xcbf29ce484222325u64 ^ template as u64).wrapping_mul(0x100000001b3))
    }
    #[inline]
    pub fn b(mut self, bytes: &[u8]) -> Fh {
        for &x in bytes {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
        self
    }
    /// The bytes of `v`, little-endian (as [`Fh::b`] would add them).
    #[inline]
    pub const fn n(self, v: u64) -> Fh {
        let mut h = self.0;
        let mut k = 0;
        while k < 8 {
            h ^= (v >> (8 * k)) & 0xff;
            h = h.wrapping_mul(0x100000001b3);
            k += 1;
        }
        Fh(h)
    }
    #[inline]
    pub const fn raw(self) -> u64 {
        self.0
    }
    #[inline]
    pub fn bucket(self) -> u32 {
        mix(self.0) as u32 & HASH_MASK
    }
}

#[inline]
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 31;
    x = x.wrapping_mul(0x7fb5d329728ea185);
    x ^= x >> 27;
    x = x.wrapping_mul(0x81dadef4bc2dd44d);
    x ^= x >> 33;
    x
}

/// Word shape: X x d and other characters kept; `short` collapses runs.
pub fn shape(w: &str, short: bool, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut n = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if short && s == last {
            continue;
        }
        if !short && s == last {
            n += 1;
            if n >= 4 {
                continue;
            }
        } else {
            n = 0;
        }
        out.push(s);
        last = s;
        if out.len() > 16 {
            break;
        }
    }
}

/// Title-cases an all-caps word ("PAKISTAN" → "Pakistan"); keeps dotted abbreviations.
pub fn headline_form(w: &str, out: &mut String) {
    out.clear();
    if w.contains('.') || w.chars().count() <= 1 {
        out.push_str(w);
        return;
    }
    let mut first = true;
    for c in w.chars() {
        if first {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        // Keep capitals after a hyphen or apostrophe: "AL-QAEDA" → "Al-Qaeda".
        first = c == '-' || c == '\'';
    }
}

/// Slot of offset `o` (−2..=2).
pub const SLOTS: usize = 5;

/// Scratch buffers for computing type features.
#[derive(Default)]
pub struct Scratch {
    form: String,
    lower: String,
    sh: String,
    pub feats: Vec<u32>,
}

/// Per-type results besides the features.
#[derive(Clone, Copy, Default)]
pub struct TypeInfo {
    pub lower_h: u64,
    pub shape_h: u64,
    /// The form starts with an upper-case letter.
    pub cap: bool,
    /// The hash states of the position features that start with this word's part
    /// (`Fh::new(33).n(lower_h)`, `Fh::new(34).n(lower_h)`, `Fh::new(35).n(shape_h)`): computed once
    /// per word type instead of once per token.
    pub h33: u64,
    pub h34: u64,
    pub h35: u64,
}

const PAD: TypeInfo = TypeInfo::new(1, 1, false);

impl TypeInfo {
    /// The info of a word with these hashes (the prefixes derived from them).
    pub const fn new(lower_h: u64, shape_h: u64, cap: bool) -> TypeInfo {
        TypeInfo {
            lower_h,
            shape_h,
            cap,
            h33: Fh::new(33).n(lower_h).raw(),
            h34: Fh::new(34).n(lower_h).raw(),
            h35: Fh::new(35).n(shape_h).raw(),
        }
    }
    /// Sentence padding (and the empty word).
    pub const fn pad() -> TypeInfo {
        PAD
    }
}

/// Computes the type features of word `raw` (empty = sentence padding) for all five slots into
/// `s.feats`; `ends[k]` is the end of slot k's features.
pub fn type_feats(
    raw: &str,
    headline: bool,
    lists: &Lists,
    families: u32,
    s: &mut Scratch,
    ends: &mut [usize; SLOTS],
) -> TypeInfo {
    s.feats.clear();
    if raw.is_empty() {
        for (k, e) in ends.iter_mut().enumerate() {
            s.feats.push(Fh::new(1).n(k as u64).bucket());
            *e = s.feats.len();
        }
        return TypeInfo::pad();
    }
    let upper_word = headline && raw.chars().any(|c| c.is_uppercase());
    if upper_word {
        headline_form(raw, &mut s.form);
    } else {
        s.form.clear();
        s.form.push_str(raw);
    }
    s.lower.clear();
    for c in s.form.chars() {
        s.lower.extend(c.to_lowercase());
    }
    let form = s.form.as_str();
    let lower = s.lower.as_str();
    let cap = form.chars().next().is_some_and(|c| c.is_uppercase());
    let lower_h = Fh::new(2).b(lower.as_bytes()).raw();
    shape(form, true, &mut s.sh);
    let shape_h = Fh::new(3).b(s.sh.as_bytes()).raw();
    // Neighbour-visible base features (hashed with the slot later).
    let mut base: [u64; 12] = [0; 12];
    let mut nb = 0;
    let mut near: [u64; 4] = [0; 4];
    let mut nn = 0;
    if families & fam::CONTEXT != 0 {
        base[nb] = lower_h;
        nb += 1;
        near[nn] = lower_h;
        nn += 1;
        base[nb] = shape_h;
        nb += 1;
        near[nn] = shape_h;
        nn += 1;
    }
    // Clusters.
    let clu = lists.cluster(form).map(|v| (v, 0u8)).or_else(|| lists.cluster(lower).map(|v| (v, 1u8)));
    let lrank = if form != lower { lists.cluster(lower).map(|v| v >> 12) } else { clu.map(|c| c.0 >> 12) };
    let gz = lists.gaz({
        let mut h = SeqHash::new();
        h.push(form, true);
        h.key()
    });
    // Slot 2: the word itself.
    let f = &mut s.feats;
    // Slots in order: −2, −1 (this word seen as a neighbour), 0, +1, +2.
    let push_ctx = |f: &mut Vec<u32>, slot: u64, base: &[u64], near: &[u64], gz: u16, clu: Option<(u16, u8)>| {
        let far = slot == 0 || slot == 4;
        let list = if far { near } else { base };
        for &b in list {
            f.push(Fh::new(4).n(slot).n(b).bucket());
        }
        if families & fam::CLUSTER != 0 {
            if let Some((c, _)) = clu {
                let p = c & 0xfff;
                f.push(Fh::new(5).n(slot).n((p >> 4) as u64).bucket());
                if !far {
                    f.push(Fh::new(6).n(slot).n(p as u64).bucket());
                }
            }
        }
        if families & fam::GAZ != 0 && !far && gz != 0 {
            for bit in 0..cat::COUNT {
                if gz & (1 << bit) != 0 {
                    f.push(Fh::new(7).n(slot).n(bit as u64).n(cap as u64).bucket());
                }
            }
        }
    };
    let base_s = &base[..nb];
    let near_s = &near[..nn];
    push_ctx(f, 0, near_s, near_s, gz, clu);
    ends[0] = f.len();
    push_ctx(f, 1, base_s, near_s, gz, clu);
    ends[1] = f.len();
    // Slot 2 (the word).
    f.push(Fh::new(8).bucket()); // bias
    if families & fam::WORD != 0 {
        f.push(Fh::new(9).b(raw.as_bytes()).bucket());
        if form != raw {
            f.push(Fh::new(10).b(form.as_bytes()).bucket());
        }
        f.push(Fh::new(11).n(lower_h).bucket());
    }
    if families & fam::AFFIX != 0 {
        let chars: Vec<(usize, char)> = lower.char_indices().take(64).collect();
        let n = chars.len();
        for k in 1..=4usize {
            if n > k {
                let e = chars[k].0;
                f.push(Fh::new(12).n(k as u64).b(&lower.as_bytes()[..e]).bucket());
                let st = chars[n - k].0;
                f.push(Fh::new(13).n(k as u64).b(&lower.as_bytes()[st..]).bucket());
            }
        }
    }
    if families & fam::SHAPE != 0 {
        f.push(Fh::new(14).n(shape_h).bucket());
        let mut long = String::new();
        shape(form, false, &mut long);
        f.push(Fh::new(15).b(long.as_bytes()).bucket());
        let len = form.chars().count().min(12) as u64;
        f.push(Fh::new(16).n(len).bucket());
        if headline {
            f.push(Fh::new(17).n(shape_h).bucket());
        }
    }
    if families & fam::CLUSTER != 0 {
        match clu {
            Some((c, fallback)) => {
                let p = (c & 0xfff) as u64;
                f.push(Fh::new(18).n(p >> 8).bucket());
                f.push(Fh::new(19).n(p >> 4).bucket());
                f.push(Fh::new(20).n(p).bucket());
                f.push(Fh::new(21).n(fallback as u64).n(cap as u64).bucket());
            }
            None => f.push(Fh::new(22).n(cap as u64).bucket()),
        }
        // Is the lower-cased form a frequent word? (sentence-initial "The", headline words)
        let r = lrank.map(|r| r as u64 / 2).unwrap_or(99);
        f.push(Fh::new(23).n(r).n(cap as u64).bucket());
    }
    if families & fam::GAZ != 0 && gz != 0 {
        for bit in 0..cat::COUNT {
            if gz & (1 << bit) != 0 {
                f.push(Fh::new(24).n(bit as u64).n(cap as u64).bucket());
            }
        }
    }
    ends[2] = f.len();
    push_ctx(f, 3, base_s, near_s, gz, clu);
    ends[3] = f.len();
    push_ctx(f, 4, near_s, near_s, gz, clu);
    ends[4] = f.len();
    TypeInfo::new(lower_h, shape_h, cap)
}

/// Per-token flags of a document: whether the token's line is an all-caps headline.
pub fn headline_flags(doc: &Doc) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut out = vec![false; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && !doc.tokens[j].newline_before {
            j += 1;
        }
        let mut letters = 0usize;
        let mut lower = false;
        for k in i..j {
            if doc.tokens[k].kind == TokKind::Word {
                let w = doc.tok(k);
                if w.is_ascii() {
                    lower = w.bytes().any(|b| b.is_ascii_lowercase());
                    letters += w.bytes().filter(u8::is_ascii_uppercase).count();
                } else {
                    for c in w.chars() {
                        if c.is_lowercase() {
                            lower = true;
                            break;
                        }
                        if c.is_uppercase() {
                            letters += 1;
                        }
                    }
                }
            }
            if lower {
                break;
            }
        }
        // Title-case headlines ("Call Renews U.S.-Pakistan Cooperation"): every word of 4+ letters is
        // capitalized, no sentence punctuation at the end; treated like all-caps ones.
        let mut words = 0;
        let mut title_case = true;
        for k in i..j {
            if doc.tokens[k].kind == TokKind::Word {
                let w = doc.tok(k);
                if w.len() >= 4 && (w.is_ascii() || w.chars().count() >= 4) {
                    words += 1;
                    if !w.chars().next().is_some_and(|c| c.is_uppercase()) {
                        title_case = false;
                    }
                }
            }
        }
        let last = doc.tok(j - 1);
        let title_line = title_case && words >= 4 && !matches!(last, "." | "!" | "?" | "\"" | "”" | ":" | ",");
        if (!lower && letters >= 2) || title_line {
            for f in &mut out[i..j] {
                *f = true;
            }
        }
        i = j;
    }
    out
}

/// Per-token line style of a document: 0 prose; 1 a results/table row (numbers, hardly any lower-case
/// words: "1. Michael Johnson (U.S.) 43.66", "Arsenal 2 Chelsea 1"); 2 a list of names (commas, no
/// numbers, no lower-case words: "Given, Breen, Staunton, Irwin").
pub fn line_styles(doc: &Doc) -> Vec<u8> {
    let n = doc.tokens.len();
    let mut out = vec![0u8; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && !doc.tokens[j].newline_before {
            j += 1;
        }
        let (mut lw, mut nums, mut commas) = (0usize, 0usize, 0usize);
        for k in i..j {
            match doc.tokens[k].kind {
                TokKind::Number => nums += 1,
                TokKind::Word => {
                    let w = doc.tok(k);
                    if w.len() >= 3 && w.chars().next().is_some_and(|c| c.is_lowercase()) {
                        lw += 1;
                    }
                }
                _ => commas += (doc.tok(k) == ",") as usize,
            }
        }
        let style = if nums >= 1 && lw <= nums / 2 {
            1
        } else if nums == 0 && lw == 0 && commas >= 2 {
            2
        } else {
            0
        };
        if style != 0 {
            for f in &mut out[i..j] {
                *f = style;
            }
        }
        i = j;
    }
    out
}

/// Memo of the shape-only position features (templates 35, 37, 38) by line style and the previous,
/// current and next word shapes: a few thousand combinations cover most text. Direct-mapped with a
/// fixed number of slots, full keys compared (memoization only: it never changes a feature).
pub struct ShapeMemo {
    slots: Vec<ShapeSlot>,
}

#[derive(Clone, Copy, Default)]
struct ShapeSlot {
    key: [u64; 3],
    style: u8,
    used: bool,
    b: [u32; 3],
}

const MEMO_BITS: u32 = 11;

impl Default for ShapeMemo {
    fn default() -> Self {
        ShapeMemo { slots: vec![ShapeSlot::default(); 1 << MEMO_BITS] }
    }
}

impl ShapeMemo {
    /// Buckets of templates 35, 37 and 38 (the last two 0 when `style` is 0: not used then).
    #[inline]
    fn get(&mut self, style: u8, p: &TypeInfo, c: &TypeInfo, x: &TypeInfo) -> [u32; 3] {
        let key = [p.shape_h, c.shape_h, x.shape_h];
        let h = mix(key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42) ^ style as u64);
        let slot = &mut self.slots[(h >> (64 - MEMO_BITS)) as usize];
        if slot.used && slot.key == key && slot.style == style {
            return slot.b;
        }
        let b35 = Fh(p.h35).n(c.shape_h).n(x.shape_h).bucket();
        let (b37, b38) = if style != 0 {
            (
                Fh::new(37).n(style as u64).n(c.shape_h).bucket(),
                Fh::new(38).n(style as u64).n(p.shape_h).n(c.shape_h).n(x.shape_h).bucket(),
            )
        } else {
            (0, 0)
        };
        *slot = ShapeSlot { key, style, used: true, b: [b35, b37, b38] };
        slot.b
    }
}

/// Appends the position features of token `i` of a sentence of `n` tokens with type infos `info`
/// (padding beyond the sentence), gazetteer marks `gzm` and line style `style`.
#[allow(clippy::too_many_arguments)]
pub fn pos_feats(
    i: usize,
    n: usize,
    info: &[TypeInfo],
    first_word: usize,
    gzm: &[[u32; GZ_SLOTS]],
    families: u32,
    style: u8,
    memo: &mut ShapeMemo,
    out: &mut Vec<u32>,
) {
    let at = |k: isize| -> &TypeInfo {
        if k < 0 || k as usize >= n {
            &PAD
        } else {
            &info[k as usize]
        }
    };
    let ii = i as isize;
    let (p, c, x) = (at(ii - 1), at(ii), at(ii + 1));
    let bigram = families & fam::BIGRAM != 0;
    let position = families & fam::POSITION != 0;
    let sb = if bigram || (position && style != 0) { memo.get(style, p, c, x) } else { [0; 3] };
    if position {
        if i == first_word {
            out.push(Fh::new(30).n(c.shape_h).bucket());
            out.push(Fh::new(31).n(c.lower_h).bucket());
        }
        if i < first_word {
            out.push(Fh::new(32).bucket());
        }
        if style != 0 {
            out.push(sb[1]);
            out.push(sb[2]);
        }
    }
    if bigram {
        out.push(Fh(p.h33).n(c.lower_h).bucket());
        out.push(Fh(c.h34).n(x.lower_h).bucket());
        out.push(sb[0]);
    }
    if families & fam::GAZ != 0 {
        for &g in &gzm[i] {
            if g == 0 {
                break;
            }
            out.push(Fh::new(36).n(g as u64).bucket());
        }
    }
}

pub const GZ_SLOTS: usize = 6;

/// Marks multi-word gazetteer matches (2..=4 tokens) over sentence tokens `range` of `doc`.
pub fn gaz_marks(
    doc: &Doc,
    range: std::ops::Range<usize>,
    forms_cap: &[bool],
    lists: &Lists,
    out: &mut Vec<[u32; GZ_SLOTS]>,
) {
    out.clear();
    out.resize(range.len(), [0; GZ_SLOTS]);
    let base = range.start;
    for s in range.clone() {
        if doc.tokens[s].kind != TokKind::Word || !forms_cap[s - base] {
            continue;
        }
        let mut h = SeqHash::new();
        h.push(doc.tok(s), true);
        for e in s + 1..range.end.min(s + MAX_NGRAM) {
            h.push(doc.tok(e), false);
            if doc.tokens[e].kind == TokKind::Punct && doc.tok(e) != "-" && doc.tok(e) != "&" {
                break;
            }
            let v = lists.gaz(h.key());
            if v == 0 {
                continue;
            }
            let cap = forms_cap[s - base] as u32;
            for bit in 0..cat::COUNT as u32 {
                if v & (1 << bit) == 0 {
                    continue;
                }
                for t in s..=e {
                    let pos = if t == s {
                        1
                    } else if t == e {
                        3
                    } else {
                        2
                    };
                    let code = 1 + (bit << 4 | pos << 1 | cap);
                    let slot = &mut out[t - base];
                    if let Some(z) = slot.iter_mut().find(|z| **z == 0 || **z == code) {
                        *z = code;
                    }
                }
            }
        }
    }
}

/// Index (within the sentence) of the first word token, skipping leading punctuation.
pub fn first_word(doc: &Doc, range: std::ops::Range<usize>) -> usize {
    for k in range.clone() {
        if doc.tokens[k].kind != TokKind::Punct {
            return k - range.start;
        }
    }
    0
}
