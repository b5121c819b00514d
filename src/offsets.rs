//! Offset conversion: the one place where UTF-8 byte offsets become UTF-16 code units.
//! Everything that reaches JS or JSON passes through [`to_utf16`]; nothing else converts.

use crate::model::Analysis;

/// Rewrites every offset in `a` (spans, speakers, entities' spans, sentences, paragraphs,
/// keyword positions, `length`) from UTF-8 bytes of `text` to UTF-16 code units.
///
/// Runs in O(n + k log k) for n bytes of text and k offsets. Offsets that are not on a
/// character boundary (which the core never produces) are rounded down to one.
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
    let mut refs: Vec<&mut usize> = Vec::new();
    refs.push(&mut a.length);
    for s in a.spans.iter_mut() {
        refs.push(&mut s.start);
        refs.push(&mut s.end);
        if let Some(sp) = s.speaker.as_mut() {
            refs.push(&mut sp.start);
            refs.push(&mut sp.end);
        }
    }
    for s in a.sentences.iter_mut() {
        refs.push(&mut s.start);
        refs.push(&mut s.end);
    }
    for p in a.paragraphs.iter_mut() {
        refs.push(&mut p.start);
        refs.push(&mut p.end);
    }
    for k in a.stats.keywords.iter_mut() {
        for p in k.positions.iter_mut() {
            refs.push(p);
        }
    }
    convert_all(text, &mut refs);
}

/// Converts the byte offsets behind `refs` in place, with one walk over `text`.
fn convert_all(text: &str, refs: &mut [&mut usize]) {
    refs.sort_unstable_by_key(|r| **r);
    let mut byte = 0usize;
    let mut unit = 0usize;
    for r in refs.iter_mut() {
        let target = (**r).min(text.len());
        while byte < target {
            let Some(c) = text[byte..].chars().next() else { break };
            if byte + c.len_utf8() > target {
                break; // inside a character: round down
            }
            byte += c.len_utf8();
            unit += c.len_utf16();
        }
        **r = unit;
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
    fn back_and_forth() {
        let text = "Zoë 😀 x";
        assert_eq!(utf16_to_byte(text, 7), text.find('x').unwrap());
        assert_eq!(char_to_byte(text, 4), text.find('😀').unwrap());
    }
}
