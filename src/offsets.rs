//! Offset conversion: the one place where UTF-8 byte offsets become UTF-16 code units.
//! Everything that reaches JS or JSON passes through [`to_utf16`]; nothing else converts.

use crate::model::Analysis;

/// Rewrites every offset in `a` (spans, speakers, entities' spans, sentences, paragraphs,
/// keyword positions, `length`) from UTF-8 bytes of `text` to UTF-16 code units.
///
/// Runs in O(n + k) for n bytes of text and k offsets: one pass over the text builds a table of
/// the UTF-16 length of each 32-byte prefix, then each offset costs a table lookup and a count
/// over less than 32 bytes. Offsets that are not on a character boundary (which the core never
/// produces) are rounded down to one.
///
/// ```
/// use article_lens::{analyze_bytes, offsets, Options};
/// let text = "Zoë met 😀 Obama.";
/// let mut a = analyze_bytes(text, &Options::default());
/// offsets::to_utf16(text, &mut a);
/// assert_eq!(a.length, text.encode_utf16().count());
/// ```
pub fn to_utf16(text: &str, a: &mut Analysis) {
    a.offsets = "utf-16".to_string();
    if text.is_ascii() {
        return;
    }
    let table = Utf16Table::new(text);
    let f = |x: &mut usize| *x = table.convert(*x);
    f(&mut a.length);
    for s in a.spans.iter_mut() {
        f(&mut s.start);
        f(&mut s.end);
        if let Some(sp) = s.speaker.as_mut() {
            f(&mut sp.start);
            f(&mut sp.end);
        }
    }
    for s in a.sentences.iter_mut() {
        f(&mut s.start);
        f(&mut s.end);
    }
    for p in a.paragraphs.iter_mut() {
        f(&mut p.start);
        f(&mut p.end);
    }
    for k in a.stats.keywords.iter_mut() {
        k.positions.iter_mut().for_each(f);
    }
}

/// Bytes of text per entry of a [`Utf16Table`].
const BLOCK: usize = 32;

/// The UTF-16 length of every `BLOCK`-byte prefix of a text.
struct Utf16Table<'a> {
    text: &'a str,
    /// `units[i]`: [`units_in`] of the text's first `i * BLOCK` bytes.
    units: Vec<usize>,
}

/// The UTF-16 length of `bytes` when they hold whole characters: one unit per byte that starts a
/// character (any but `10xxxxxx`), and one more per 4-byte character (a surrogate pair), counted
/// eight bytes at a time.
fn units_in(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        n += units_in_word(u64::from_le_bytes(c.try_into().unwrap_or([0x80; 8])));
    }
    // The tail padded with continuation bytes, which count for nothing.
    let rest = chunks.remainder();
    let mut last = [0x80u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    n + units_in_word(u64::from_le_bytes(last))
}

/// [`units_in`] of the eight bytes of `w`.
fn units_in_word(w: u64) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    // Per byte, 1 in its lowest bit when it is a continuation byte / the first of four.
    let cont = (w >> 7) & !(w >> 6) & LOW;
    let four = (w >> 7) & (w >> 6) & (w >> 5) & (w >> 4) & LOW;
    // Multiplying by LOW sums the bytes into the top one (each sum is at most 8).
    let sum = |x: u64| (x.wrapping_mul(LOW) >> 56) as usize;
    8 - sum(cont) + sum(four)
}

impl<'a> Utf16Table<'a> {
    fn new(text: &'a str) -> Self {
        let mut units = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut sum = 0;
        units.push(0);
        for block in text.as_bytes().chunks_exact(BLOCK) {
            sum += units_in(block);
            units.push(sum);
        }
        Utf16Table { text, units }
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the text, rounded down to a character
    /// boundary).
    fn convert(&self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let i = b / BLOCK;
        // units_in(&bytes[i * BLOCK..b]), with the last partial word read whole where the text
        // goes on (and its bytes from `b` on counted as continuation bytes), not copied out.
        let bytes = self.text.as_bytes();
        let word = |p: usize| u64::from_le_bytes(bytes[p..p + 8].try_into().unwrap_or([0x80; 8]));
        let mut n = self.units[i];
        let mut p = i * BLOCK;
        while p + 8 <= b {
            n += units_in_word(word(p));
            p += 8;
        }
        let r = b - p;
        if r > 0 {
            let w = if p + 8 <= bytes.len() {
                word(p)
            } else {
                let mut last = [0x80u8; 8];
                last[..r].copy_from_slice(&bytes[p..b]);
                u64::from_le_bytes(last)
            };
            let keep = (1u64 << (8 * r)) - 1;
            n += units_in_word(w & keep | 0x8080_8080_8080_8080 & !keep);
        }
        n
    }
}

/// Converts the byte offsets behind `refs` in place (as [`to_utf16`] does, with the same table).
#[cfg(test)]
fn convert_all(text: &str, refs: &mut [&mut usize]) {
    let table = Utf16Table::new(text);
    for r in refs.iter_mut() {
        **r = table.convert(**r);
    }
}

/// Converts one UTF-16 code-unit offset into `text` to a byte offset (for inputs from JS,
/// such as gold files in code points, which equal UTF-16 units in the Basic Multilingual Plane).
pub fn utf16_to_byte(text: &str, unit: usize) -> usize {
    let mut u = 0;
    for (i, c) in text.char_indices() {
        if u >= unit {
            return i;
        }
        u += c.len_utf16();
    }
    text.len()
}

/// Converts a code-point offset (Python string index) into `text` to a byte offset.
pub fn char_to_byte(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map(|(i, _)| i).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_sorted_and_unsorted() {
        let text = "aé😀b";
        // bytes: a=0, é=1..3, 😀=3..7, b=7..8 ; utf16: a=0, é=1, 😀=2..4, b=4
        let mut v = [7usize, 0, 3, 1, 8, 3];
        let mut refs: Vec<&mut usize> = v.iter_mut().collect();
        convert_all(text, &mut refs);
        assert_eq!(v, [4, 0, 2, 1, 5, 2]);
    }

    #[test]
    fn table_matches_a_walk_at_every_offset() {
        // Characters of 1 to 4 bytes, across several blocks.
        let text = "aé😀b€ 𝄞x".repeat(9);
        for byte in 0..=text.len() + 2 {
            let mut b = byte.min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let want = text[..b].encode_utf16().count();
            let mut v = byte;
            convert_all(&text, &mut [&mut v]);
            assert_eq!(v, want, "byte {byte}");
        }
    }

    #[test]
    fn back_and_forth() {
        let text = "Zoë 😀 x";
        assert_eq!(utf16_to_byte(text, 7), text.find('x').unwrap());
        assert_eq!(char_to_byte(text, 4), text.find('😀').unwrap());
    }
}
