//! Fast membership tests in the fixed word lists (stop words, month names, reporting verbs…).
//!
//! The standard `HashSet` hashes with SipHash, which is built to resist adversarial keys and costs
//! about as much as the rest of a lookup for a 5-letter word. The sets here hold only the program's
//! own words, so a lookup of any input word costs at most one probe sequence of a small fixed table
//! whatever its hash: a cheap multiplicative hash (FxHash, as in rustc) is safe.
//!
//! [`FxMap`] uses the same hash for maps keyed by input words or offsets (quotes, numbers): SipHash cost more
//! than the rest of those stages' per-word work. FxHash is not keyed, so crafted input could make
//! keys collide; the input is the user's own article, analyzed on the user's own machine.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: `h = (h.rotl(5) ^ word) * K` over 8-byte words.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash step: `h` with the word `w` mixed in.
#[inline]
pub(crate) fn fx(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(K)
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = fx(self.hash, w);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().unwrap_or([0; 8])));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u32::from_le_bytes(bytes[..4].try_into().unwrap_or([0; 4])) as u64);
            bytes = &bytes[4..];
        }
        for &b in bytes {
            self.add(b as u64);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weakest; hashbrown takes the bucket from them.
        self.hash.rotate_left(26)
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;
/// A fixed set of the program's own words.
///
/// Most input words are in no list: a table of the lengths of the members by first byte rejects
/// almost all of them with one load and a bit test, before any hashing.
#[derive(Clone, Default, Debug)]
pub struct WordSet {
    set: HashSet<&'static str, FxBuild>,
    /// Per first byte: bit `min(len, 31)` set when a member of that length starts with that byte.
    /// (Bit 0 marks the empty word; bytes above 127 count as 255.)
    lens: LenFilter,
}

#[derive(Clone, Debug)]
struct LenFilter([u32; 256]);

impl Default for LenFilter {
    fn default() -> Self {
        LenFilter([0; 256])
    }
}

impl LenFilter {
    #[inline]
    fn key(w: &[u8]) -> (usize, u32) {
        let first = w.first().copied().unwrap_or(0) as usize;
        (first, 1u32 << w.len().min(31))
    }

    #[inline]
    fn add(&mut self, w: &str) {
        let (f, bit) = Self::key(w.as_bytes());
        self.0[f] |= bit;
    }

    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let (f, bit) = Self::key(w.as_bytes());
        self.0[f] & bit != 0
    }
}

impl WordSet {
    /// Whether `w` is a member.
    #[inline]
    pub fn contains<Q: AsRef<str> + ?Sized>(&self, w: &Q) -> bool {
        let w = w.as_ref();
        self.lens.may_hold(w) && self.set.contains(w)
    }

    /// The members, in no order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &&'static str> {
        self.set.iter()
    }

    /// Adds a word; true when it was not there.
    pub fn insert(&mut self, w: &'static str) -> bool {
        self.lens.add(w);
        self.set.insert(w)
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(it: I) -> Self {
        let mut s = WordSet::default();
        s.extend(it);
        s
    }
}

impl Extend<&'static str> for WordSet {
    fn extend<I: IntoIterator<Item = &'static str>>(&mut self, it: I) {
        for w in it {
            self.insert(w);
        }
    }
}
/// A prefilter for a word list: per first and last byte of a word (the low five bits of each, so
/// letters of either case share a slot, and other bytes may share one with a letter), a bit per
/// length (lengths of 31 and more share bit 31). A word it rejects is in no list it was built
/// from; one it passes still needs the exact lookup. One load and a bit test rule out most words
/// before they are lower-cased or hashed.
pub struct EdgeFilter([u32; 1024]);

impl EdgeFilter {
    #[inline]
    fn slot(first: u8, last: u8) -> usize {
        ((first & 31) as usize) << 5 | (last & 31) as usize
    }

    #[inline]
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// Adds a word of `len` bytes with these first and last bytes.
    pub fn insert_edges(&mut self, first: u8, last: u8, len: usize) {
        self.0[Self::slot(first, last)] |= Self::bit(len);
    }

    /// Adds `w` (nothing for the empty word).
    pub fn insert(&mut self, w: &str) {
        let b = w.as_bytes();
        if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
            self.insert_edges(f, l, b.len());
        }
    }

    /// False when `w` is in no list this filter was built from (the empty word always passes).
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let b = w.as_bytes();
        match (b.first(), b.last()) {
            (Some(&f), Some(&l)) => self.0[Self::slot(f, l)] & Self::bit(b.len()) != 0,
            _ => true,
        }
    }
}

impl<'a> FromIterator<&'a str> for EdgeFilter {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let mut f = EdgeFilter([0; 1024]);
        for w in words {
            f.insert(w);
        }
        f
    }
}

/// A fixed map from the program's own words.
pub type WordMap<V> = HashMap<&'static str, V, FxBuild>;
/// A map with the FxHash hasher (for keys from the input: see the module notes).
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_filter_passes_every_word_it_holds() {
        let words = ["feb", "September", "a", "dozen", "hundred", "us$", "internationalization-wise-long-word"];
        let f: EdgeFilter = words.iter().copied().collect();
        for w in words {
            assert!(f.may_contain(w), "{w}");
            assert!(f.may_contain(&w.to_ascii_uppercase()), "{w}: case is ignored");
        }
        // Same edges, other length; other edges, same length.
        assert!(!f.may_contain("fb") && !f.may_contain("fxxxb") && !f.may_contain("dozes"));
        assert!(f.may_contain(""), "the empty word is never ruled out");
    }

    #[test]
    fn finds_members_only() {
        let s: WordSet = ["said", "told", "according", "a", "spokeswoman"].into_iter().collect();
        for w in ["said", "told", "according", "a", "spokeswoman"] {
            assert!(s.contains(w), "{w}");
        }
        for w in ["", "sai", "saidd", "b", "spokeswomen", "According"] {
            assert!(!s.contains(w), "{w}");
        }
    }

    #[test]
    fn hashes_differ_by_length_and_content() {
        let h = |s: &str| {
            use std::hash::{BuildHasher, Hash};
            let mut x = FxBuild::default().build_hasher();
            s.hash(&mut x);
            x.finish()
        };
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h("abcdefgh"), h("abcdefghi"));
        assert_ne!(h("said"), h("says"));
    }
}
