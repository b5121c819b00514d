//! Segmentation: the text into paragraphs, sentences and word tokens, all as UTF-8 byte ranges.
//! Owns the news-aware sentence splitter ("U.S.", "Lt. Gen.", "Feb. 9", initials, quotes, headlines).
//!
//! ```
//! let doc = article_lens::text::segment("Dr. B. Young met U.S. officials on Feb. 9. They said \"no.\" Then left.");
//! let sentences: Vec<&str> = doc.sentences.iter().map(|s| &doc.text[s.start..s.end]).collect();
//! assert_eq!(sentences, ["Dr. B. Young met U.S. officials on Feb. 9.", "They said \"no.\"", "Then left."]);
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::wordset::WordSet;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (maybe with digits, inner apostrophes, or an abbreviation's periods): "Bajwa", "U.S.", "21st".
    Word,
    /// Starts with a digit: "2017", "1,200", "2.5", "40m".
    Number,
    /// One punctuation or symbol character: "," "“" "%" "$" "-".
    Punct,
}

/// A token: a byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace precedes the token (or it starts the text).
    pub space_before: bool,
    /// A line break lies between the previous token and this one.
    pub newline_before: bool,
}

/// A sentence or paragraph: its byte range and the tokens it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// A segmented text.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Segment>,
    pub paragraphs: Vec<Segment>,
}

impl<'a> Doc<'a> {
    /// The text of token `i`.
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The index of the sentence holding byte offset `pos` (the last one starting at or before it).
    pub fn sentence_at(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.start.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// The index of the first token starting at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }
}

/// Abbreviations that never end a sentence when followed by a name or number (titles).
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Gov", "Sen", "Rep",
    "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Cpl", "Pvt", "Brig", "Amb", "Messrs", "Mme", "Mlle", "St", "Ft", "Mt",
    "No", "Nos", "Vol", "Vols", "Art", "Fig", "pp", "p", "ch", "Sec", "Atty", "Det", "Sr", "Jr", "Lieut", "Comdr",
    "Gens", "Cdr", "approx", "vs", "v", "cf", "viz", "Ave", "Blvd", "Rd", "Dept", "Univ", "est", "Rs",
];

/// Abbreviations that end a sentence only when the next word is a usual sentence opener.
const ABBREVS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Corp", "Co", "Ltd",
    "Bros", "etc", "al", "Ph", "Calif", "Mass", "Conn", "Penn", "Wash", "Ariz", "Colo", "Fla", "Ill", "Ind", "Kan",
    "Ky", "La", "Md", "Mich", "Minn", "Miss", "Mo", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt",
    "Wis", "Wyo", "Ala", "Ark", "Del", "Ga", "Ida", "Mont", "Dak", "Wisc", "Bhd", "Plc", "plc", "Cos", "Assn", "Intl",
    "Govt", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "a.m", "p.m", "e.g", "i.e",
    "U.S", "U.K", "U.N", "E.U",
];

/// Capitalized words that usually open a sentence; after an ambiguous abbreviation they mark a break.
const OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "But", "And", "This", "That", "These",
    "Those", "There", "His", "Her", "Its", "Their", "Our", "On", "At", "As", "For", "If", "When", "While", "After",
    "Before", "However", "Meanwhile", "Also", "So", "Yet", "Some", "Many", "Most", "Its", "What", "Why", "How", "Who",
    "Where", "Then", "Now", "Still", "Since", "Although", "Though", "Because", "By", "From", "With", "Under", "Over",
    "One", "Two", "Both", "Each", "All", "Such", "Other", "Another", "Last", "Next", "Earlier", "Later",
];

static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| TITLES.iter().copied().collect());
/// Titles and abbreviations: a word that keeps its period.
static ABBREV_SET: LazyLock<WordSet> = LazyLock::new(|| TITLES.iter().chain(ABBREVS).copied().collect());
static OPENER_SET: LazyLock<WordSet> = LazyLock::new(|| OPENERS.iter().copied().collect());

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_closing_punct(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']' | '}' | '\u{00BB}' | '\u{203A}')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}' | '\u{203C}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}')
}

/// Lower-case clitics split off a word after an apostrophe ("Pakistan's" → "Pakistan" "'s").
/// (The lower-case form of the first four letters or digits; no clitic is longer than two.)
fn is_clitic(rest: &str) -> bool {
    let mut lower = ['\0'; 2];
    let mut n = 0;
    for c in rest.chars().take_while(|c| c.is_alphanumeric()).take(4).flat_map(char::to_lowercase) {
        if n == lower.len() {
            return false;
        }
        lower[n] = c;
        n += 1;
    }
    matches!(lower[..n], ['s'] | ['r', 'e'] | ['v', 'e'] | ['l', 'l'] | ['d'] | ['m'])
}

/// The character starting at byte `i`, if `i` is a character boundary inside `text`.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(b as char),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

/// Appends the lower-case form of a token to `out`, as the word lists are keyed: ASCII lower-cased
/// in place, the right single quotation mark (’) as an apostrophe, other characters by Unicode.
pub(crate) fn push_lower(out: &mut String, tok: &str) {
    if tok.is_ascii() {
        let a = out.len();
        out.push_str(tok);
        out[a..].make_ascii_lowercase();
        return;
    }
    for c in tok.chars() {
        if c == '\u{2019}' {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Splits `text` into tokens.
///
/// ASCII bytes are classified directly; characters are decoded only at non-ASCII bytes.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    // About one token per 4.8 bytes of news text: this rarely has to grow.
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut i = 0;
    let mut space_before = true;
    let mut newline_before = false;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, clen) = if b.is_ascii() {
            // ASCII white space and control characters: all of 0x00..=0x20, and 0x7F.
            if b <= b' ' || b == 0x7F {
                space_before = true;
                if b == b'\n' || b == b'\r' {
                    newline_before = true;
                }
                i += 1;
                continue;
            }
            (b as char, 1)
        } else {
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() || c.is_control() || is_invisible(c) {
                space_before = true;
                if c == '\u{2029}' || c == '\u{2028}' {
                    newline_before = true;
                }
                i += c.len_utf8();
                continue;
            }
            (c, c.len_utf8())
        };
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            kind = if c.is_ascii_digit() { TokKind::Number } else { TokKind::Word };
            i += clen;
            loop {
                // Fast path: ASCII letters and digits continue the token...
                i += ascii_alnum_run(&bytes[i..]);
                match bytes.get(i) {
                    // ...and other ASCII ends it, but for the three handled below.
                    Some(&b) if b.is_ascii() && !matches!(b, b',' | b'.' | b'\'') => break,
                    None => break,
                    _ => {}
                }
                let Some(d) = char_at(text, i) else { break };
                if d.is_alphanumeric() || is_mark(d) {
                    i += d.len_utf8();
                    continue;
                }
                // Digit groups and decimals: "1,200", "2.5".
                if (d == ',' || d == '.') && kind == TokKind::Number {
                    if let Some(e) = char_at(text, i + 1) {
                        if e.is_ascii_digit() && bytes[i - 1].is_ascii_digit() {
                            i += 1;
                            continue;
                        }
                    }
                }
                // Inner apostrophe: "O'Neill", "don't" ("n't" is kept with the word).
                if is_apostrophe(d) {
                    let after = i + d.len_utf8();
                    if let Some(e) = char_at(text, after) {
                        if e.is_alphabetic() && !is_clitic(&text[after..]) {
                            i = after;
                            continue;
                        }
                    }
                }
                break;
            }
            // Split "n't" off: "don't" stays one token (simpler for counting words).
            // Abbreviations with periods: "U.S.", "a.m.", initials "W.", titles "Dr.".
            if kind == TokKind::Word && bytes.get(i) == Some(&b'.') {
                let word = &text[start..i];
                let single = word.chars().count() == 1;
                let dotted = dotted_run(text, start);
                if dotted > i {
                    i = dotted;
                } else if single && word.chars().next().is_some_and(|c| c.is_uppercase()) {
                    i += 1;
                } else if ABBREV_SET.contains(word) {
                    i += 1;
                }
            }
        } else if is_apostrophe(c)
            && !space_before
            && tokens.last().is_some_and(|t: &Token| t.end == start && t.kind == TokKind::Word)
            && is_clitic(&text[start + clen..])
        {
            // A clitic: "'s", "’re".
            i += clen;
            while let Some(d) = char_at(text, i) {
                if !d.is_alphabetic() {
                    break;
                }
                i += d.len_utf8();
            }
            kind = TokKind::Word;
        } else {
            i += clen;
            // Keep ellipses "..." and dashes "--" together.
            if c == '.' || c == '-' {
                while bytes.get(i) == Some(&(c as u8)) {
                    i += 1;
                }
            }
            kind = TokKind::Punct;
        }
        tokens.push(Token { start, end: i, kind, space_before, newline_before });
        space_before = false;
        newline_before = false;
    }
    tokens
}

/// The number of ASCII letters and digits that `bytes` starts with.
///
/// Tests eight bytes at a time: in each byte lane (high bit cleared so no carry crosses lanes),
/// adding `0x80 - lo` sets the lane's high bit when the byte is at least `lo`, and adding
/// `0x7F - hi` sets it when the byte is above `hi`. The first lane that is neither a digit nor
/// (with bit 5 set, the lower case) a letter, nor ASCII at all, ends the run.
fn ascii_alnum_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// High bit of each lane set when the lane (below 0x80) is in `lo..=hi`.
    #[inline(always)]
    fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
        (v + ONES * (0x80 - lo) as u64) & !(v + ONES * (0x7F - hi) as u64) & HIGH
    }
    let mut n = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        let v = x & !HIGH;
        let ok = (in_range(v, b'0', b'9') | in_range(v | ONES * 0x20, b'a', b'z')) & !x;
        let bad = !ok & HIGH;
        if bad != 0 {
            return n + (bad.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks.remainder().iter().take_while(|b| b.is_ascii_alphanumeric()).count()
}

/// Zero-width and format characters that are not word material.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{200E}'
        || c == '\u{200F}'
}

/// Combining marks and joiners that continue a word ("é" written as e + U+0301, emoji ZWJ).
fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
        || ('\u{1AB0}'..='\u{1AFF}').contains(&c)
        || ('\u{20D0}'..='\u{20FF}').contains(&c)
        || ('\u{FE20}'..='\u{FE2F}').contains(&c)
        || c == '\u{200D}'
        || c == '\u{200C}'
        || ('\u{0610}'..='\u{061A}').contains(&c)
        || ('\u{064B}'..='\u{065F}').contains(&c)
        || ('\u{0900}'..='\u{0DFF}').contains(&c) && !c.is_alphanumeric()
}

/// For "U.S." / "a.m." / "U.S.A.": the end of the dotted run starting at `start`, or `start` if none.
fn dotted_run(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    let mut pairs = 0;
    loop {
        let Some(c) = char_at(text, i) else { break };
        if !c.is_alphabetic() {
            break;
        }
        let next = i + c.len_utf8();
        if b.get(next) != Some(&b'.') {
            break;
        }
        pairs += 1;
        i = next + 1;
        // continue only if another single letter + '.' follows
        match char_at(text, i) {
            Some(d) if d.is_alphabetic() => {
                let n2 = i + d.len_utf8();
                if b.get(n2) == Some(&b'.') {
                    continue;
                }
                // "U.Sa" is not a dotted run; stop before the letter.
                break;
            }
            _ => break,
        }
    }
    if pairs >= 2 {
        i
    } else {
        start
    }
}

/// True when the sentence should break after token `i` (which ends in a terminator).
fn breaks_after(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let tok = &text[t.start..t.end];
    // Find the next token that is not closing punctuation.
    let mut j = i + 1;
    while j < tokens.len() {
        let s = &text[tokens[j].start..tokens[j].end];
        let c = s.chars().next().unwrap_or(' ');
        if tokens[j].kind == TokKind::Punct && is_closing_punct(c) && !tokens[j].space_before {
            j += 1;
            continue;
        }
        // A closing quote after space is an opening quote of the next sentence only if followed by a capital.
        break;
    }
    if j >= tokens.len() {
        return true;
    }
    let next = &tokens[j];
    if next.newline_before {
        return true;
    }
    if !next.space_before {
        return false;
    }
    let next_text = &text[next.start..next.end];
    let first = next_text.chars().next().unwrap_or(' ');
    let opens = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '\u{201C}' | '\u{2018}' | '\'' | '(' | '[' | '\u{00AB}')
        || (!first.is_lowercase() && first.is_alphabetic());
    if !opens {
        return false;
    }
    if tok == "." || tok == "!" || tok == "?" || tok.ends_with('!') || tok.ends_with('?') {
        // A plain terminator: break, unless it is a period after a title or initial token
        // (titles and initials carry their own period, so this is a real one).
        return true;
    }
    if tok.starts_with("..") || tok == "\u{2026}" {
        return first.is_uppercase();
    }
    if t.kind == TokKind::Word && tok.ends_with('.') {
        let stem = &tok[..tok.len() - 1];
        if TITLE_SET.contains(stem) {
            return false;
        }
        let single_initial = stem.chars().count() == 1 && stem.chars().all(|c| c.is_uppercase());
        if single_initial {
            // "George W. Bush": an initial before a capitalized word.
            return OPENER_SET.contains(next_text);
        }
        // "U.S.", "Feb.", "Inc.": break only before a usual sentence opener or an opening quote.
        return OPENER_SET.contains(next_text) || matches!(first, '"' | '\u{201C}' | '\u{00AB}');
    }
    true
}

fn ends_with_terminal(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_terminal)
}

/// Splits into paragraphs: on blank lines when the text has any, else on line breaks.
/// Works line by line: each line's content is found by trimming white space at its two ends.
fn paragraph_ranges(text: &str) -> Vec<(usize, usize)> {
    // A blank line: only white space between two line feeds.
    let has_blank = {
        let mut lines = text.split('\n');
        lines.next();
        let mut found = false;
        let mut prev: Option<&str> = None;
        for l in lines {
            // `prev` lies between two line feeds; the last piece does not (no line feed after it).
            if prev.is_some_and(|p| p.trim().is_empty()) {
                found = true;
                break;
            }
            prev = Some(l);
        }
        found
    };
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut line_start = 0;
    let mut pieces = text.split('\n').peekable();
    while let Some(line) = pieces.next() {
        let rest = line.trim_start();
        let line_blank = rest.is_empty();
        if !line_blank {
            if para_start.is_none() {
                para_start = Some(line_start + (line.len() - rest.len()));
            }
            last_content_end = line_start + line.trim_end().len();
        }
        if pieces.peek().is_none() {
            break;
        }
        // The line feed after this line.
        if !has_blank || line_blank {
            if let Some(s) = para_start.take() {
                out.push((s, last_content_end));
            }
        }
        line_start += line.len() + 1;
    }
    if let Some(s) = para_start {
        out.push((s, last_content_end));
    }
    out
}

/// Segments `text` into tokens, sentences and paragraphs.
pub fn segment(text: &str) -> Doc<'_> {
    let bytes = text.as_bytes();
    let mut tokens = tokenize(text);
    // The capacity was a guess: give back what is left over (tokens live through the whole analysis).
    tokens.shrink_to_fit();
    let paras = paragraph_ranges(text);
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::with_capacity(paras.len());
    let mut ti = 0;
    for &(ps, pe) in &paras {
        let first = ti;
        // Tokens are in text order: those of this paragraph start before its end.
        ti += tokens[ti..].partition_point(|t| t.start < pe);
        if first == ti {
            continue;
        }
        paragraphs.push(Segment { start: ps, end: pe, tokens: first..ti });
        // Sentences within the paragraph.
        let toks = &tokens[..ti];
        let mut s0 = first;
        let mut k = first;
        while k < ti {
            let t = toks[k];
            // Tokens are never empty; most end in an ASCII byte, which alone tells a terminator.
            let last = bytes.get(t.end.wrapping_sub(1)).copied().unwrap_or(b' ');
            let terminal = if last.is_ascii() {
                matches!(last, b'.' | b'!' | b'?')
            } else {
                ends_with_terminal(&text[t.start..t.end])
            };
            let line_ends = toks.get(k + 1).is_some_and(|n| n.newline_before);
            if !terminal && !line_ends {
                // Most tokens: no sentence break after them (only the 400-token cut below).
                k += 1;
                if k - s0 >= 400 {
                    sentences.push(Segment { start: toks[s0].start, end: toks[k - 1].end, tokens: s0..k });
                    s0 = k;
                }
                continue;
            }
            let mut cut: Option<usize> = None; // last token index of the sentence
            if line_ends {
                // A line break ends a sentence unless the next line starts in lower case.
                let nx = &text[tokens[k + 1].start..tokens[k + 1].end];
                let lower = nx.chars().next().is_some_and(|c| c.is_lowercase());
                if !lower || terminal {
                    cut = Some(k);
                }
            }
            if cut.is_none() && terminal && (t.kind == TokKind::Punct || last == b'.') {
                if breaks_after(text, &tokens[..ti], k) {
                    // Swallow closing quotes/brackets attached to the terminator.
                    let mut e = k;
                    while e + 1 < ti {
                        let n = tokens[e + 1];
                        let ns = &text[n.start..n.end];
                        if n.kind == TokKind::Punct
                            && !n.space_before
                            && ns.chars().next().is_some_and(is_closing_punct)
                        {
                            e += 1;
                        } else {
                            break;
                        }
                    }
                    cut = Some(e);
                }
            }
            if let Some(e) = cut {
                sentences.push(Segment { start: tokens[s0].start, end: tokens[e].end, tokens: s0..e + 1 });
                s0 = e + 1;
                k = e + 1;
            } else {
                k += 1;
            }
            // Very long runs with no terminator: cut every 400 tokens to keep downstream work bounded.
            if k - s0 >= 400 && s0 < k {
                sentences.push(Segment { start: tokens[s0].start, end: tokens[k - 1].end, tokens: s0..k });
                s0 = k;
            }
        }
        if s0 < ti {
            sentences.push(Segment { start: tokens[s0].start, end: tokens[ti - 1].end, tokens: s0..ti });
        }
    }
    sentences.shrink_to_fit();
    Doc { text, tokens, sentences, paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char version that `paragraph_ranges` replaced (the reference).
    fn paragraph_ranges_ref(text: &str) -> Vec<(usize, usize)> {
        let has_blank = {
            let mut found = false;
            let mut line_blank = false;
            let mut seen_newline = false;
            for c in text.chars() {
                if c == '\n' {
                    if seen_newline && line_blank {
                        found = true;
                        break;
                    }
                    seen_newline = true;
                    line_blank = true;
                } else if !c.is_whitespace() {
                    line_blank = false;
                }
            }
            found
        };
        let mut out = Vec::new();
        let mut para_start: Option<usize> = None;
        let mut last_content_end = 0;
        let mut line_start = 0;
        let mut line_has_content = false;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                let line_blank = !line_has_content;
                if !has_blank {
                    if let Some(s) = para_start.take() {
                        out.push((s, last_content_end));
                    }
                } else if line_blank {
                    if let Some(s) = para_start.take() {
                        out.push((s, last_content_end));
                    }
                }
                line_start = i + 1;
                line_has_content = false;
                continue;
            }
            let _ = line_start;
            if !c.is_whitespace() {
                if para_start.is_none() {
                    para_start = Some(i);
                }
                line_has_content = true;
                last_content_end = i + c.len_utf8();
            }
        }
        if let Some(s) = para_start {
            out.push((s, last_content_end));
        }
        out
    }

    #[test]
    fn paragraph_ranges_match_reference() {
        for t in [
            "", "a", "\n", "\n\n", "a\nb", "a\n\nb", " a \n \n b ", "a\n \t\nb\n", "\u{a0}x\u{a0}\n\u{2028}\n y",
            "x\r\n\r\ny\r\n", "one\ntwo\n\n\nthree \n", "\n\na\n",
        ] {
            assert_eq!(paragraph_ranges(t), paragraph_ranges_ref(t), "{t:?}");
        }
    }

    fn sents(text: &str) -> Vec<String> {
        let d = segment(text);
        d.sentences.iter().map(|s| text[s.start..s.end].to_string()).collect()
    }

    fn toks(text: &str) -> Vec<String> {
        tokenize(text).iter().map(|t| text[t.start..t.end].to_string()).collect()
    }

    #[test]
    fn char_at_boundaries() {
        let t = "aé😀";
        let want: Vec<Option<char>> = (0..=t.len() + 1).map(|i| t.get(i..).and_then(|s| s.chars().next())).collect();
        let got: Vec<Option<char>> = (0..=t.len() + 1).map(|i| char_at(t, i)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn ascii_alnum_run_matches_bytewise() {
        let alphabet: Vec<u8> = (0u8..=255).collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for len in 0..40 {
            for _ in 0..300 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        // Mostly letters and digits, so that runs are long.
                        if seed % 4 == 0 {
                            alphabet[(seed >> 8) as usize % 256]
                        } else {
                            b"aZ09mz/@[`{:"[(seed >> 8) as usize % 12]
                        }
                    })
                    .collect();
                let want = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                assert_eq!(ascii_alnum_run(&bytes), want, "{bytes:?}");
            }
        }
        for b in 0u8..=255 {
            let bytes = [b'a', b'1', b'Z', b'z', b'0', b'9', b'A', b, b'x'];
            assert_eq!(
                ascii_alnum_run(&bytes),
                7 + b.is_ascii_alphanumeric() as usize + b.is_ascii_alphanumeric() as usize
            );
        }
    }

    #[test]
    fn tokens_news() {
        assert_eq!(toks("U.S.-Pakistan"), ["U.S.", "-", "Pakistan"]);
        assert_eq!(toks("Pakistan's 1,200-1,800 people"), ["Pakistan", "'s", "1,200", "-", "1,800", "people"]);
        assert_eq!(toks("88% of $1.2 billion"), ["88", "%", "of", "$", "1.2", "billion"]);
        assert_eq!(toks("O'Neill don't"), ["O'Neill", "don't"]);
        assert_eq!(toks("Zoë naïve"), ["Zoë", "naïve"]);
        assert_eq!(toks("at 3 p.m. today"), ["at", "3", "p.m.", "today"]);
        assert_eq!(toks("Pakistan\u{2019}s"), ["Pakistan", "\u{2019}s"]);
    }

    #[test]
    fn sentences_news() {
        assert_eq!(
            sents("Lt. Gen. Douglas Lute spoke. The U.S. Defense Secretary agreed."),
            ["Lt. Gen. Douglas Lute spoke.", "The U.S. Defense Secretary agreed."]
        );
        assert_eq!(sents("It rose 2.5 percent. No. 10 said so."), ["It rose 2.5 percent.", "No. 10 said so."]);
        assert_eq!(sents("President George W. Bush met B. Young."), ["President George W. Bush met B. Young."]);
        assert_eq!(
            sents("\"We will win...\" he said. Then he left."),
            ["\"We will win...\" he said.", "Then he left."]
        );
        assert_eq!(
            sents("“We will win.” He left the U.S. The end came."),
            ["“We will win.”", "He left the U.S.", "The end came."]
        );
        assert_eq!(
            sents("Headline With No Period\n\nFebruary 11, 2017\n\nBody text here."),
            ["Headline With No Period", "February 11, 2017", "Body text here."]
        );
        assert_eq!(sents("Wait... What happened?"), ["Wait...", "What happened?"]);
        assert_eq!(sents("It costs Rs. 500 now."), ["It costs Rs. 500 now."]);
        assert_eq!(sents("said Acme Corp. “We agree.” Then"), ["said Acme Corp.", "“We agree.”", "Then"]);
    }

    #[test]
    fn paragraphs() {
        let d = segment("One.\nTwo.\n\nThree.");
        assert_eq!(d.paragraphs.len(), 2);
        let d = segment("One.\nTwo.\nThree.");
        assert_eq!(d.paragraphs.len(), 3);
    }

    #[test]
    fn empty_and_blank() {
        assert!(segment("").sentences.is_empty());
        assert!(segment("  \n\n \t").sentences.is_empty());
    }
}
