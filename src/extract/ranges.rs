//! Byte ranges of earlier findings (names, dates) that a later extractor must not report inside:
//! sorted once, then "does `s..e` overlap one of them?" in O(log n).

use std::borrow::Cow;

/// Sorted byte ranges with the running maximum of their ends, so that nested and overlapping
/// ranges are answered as well as disjoint ones.
pub(crate) struct Ranges<'r> {
    ranges: Cow<'r, [(usize, usize)]>,
    /// `max_end[k]`: the largest end among `ranges[..=k]`.
    max_end: Vec<usize>,
}

impl<'r> Ranges<'r> {
    /// The ranges of `ranges`, borrowed when already sorted, else sorted in a copy.
    #[inline(never)]
    pub(crate) fn new(ranges: Cow<'r, [(usize, usize)]>) -> Self {
        let ranges = if ranges.is_sorted() {
            ranges
        } else {
            let mut v = ranges.into_owned();
            v.sort_unstable();
            Cow::Owned(v)
        };
        let mut max_end = Vec::with_capacity(ranges.len());
        let mut m = 0;
        for &(_, e) in ranges.iter() {
            m = m.max(e);
            max_end.push(m);
        }
        Ranges { ranges, max_end }
    }

    /// Bytes `s..e` (empty: never) overlap one of the ranges.
    #[inline]
    pub(crate) fn overlaps(&self, s: usize, e: usize) -> bool {
        if s >= e {
            return false;
        }
        let idx = self.ranges.partition_point(|r| r.0 < e);
        idx > 0 && self.max_end[idx - 1] > s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_nested_and_unsorted_ranges() {
        let r = Ranges::new(Cow::Owned(vec![(20, 30), (0, 100), (40, 45)]));
        assert!(r.overlaps(50, 60), "inside the long range that starts first");
        let r = Ranges::new(Cow::Borrowed(&[(10, 20), (30, 40)]));
        assert!(r.overlaps(15, 16) && r.overlaps(5, 11) && r.overlaps(39, 50));
        assert!(!r.overlaps(20, 30) && !r.overlaps(0, 10) && !r.overlaps(40, 41));
        assert!(!r.overlaps(15, 15), "an empty range overlaps nothing");
        assert!(!Ranges::new(Cow::Borrowed(&[])).overlaps(0, 5));
    }
}
