//! Quotations: straight and curly quotes, multi-paragraph quotes, statements told apart from
//! scare/cited terms, and the speaker when the text says who.
//!
//! ## Finding quotations
//! Each paragraph is scanned three times, once per family of marks, each a single linear pass:
//! - **double**: curly `“…”` (also German `„…“`), straight `"…"` paired by alternation. A `"` right
//!   after a digit is an inch mark (`5'10"`, `12" pizza`) and neither opens nor closes, except that
//!   it closes an open straight quote when punctuation or the end follows (`"We won 3-0", he said`).
//!   A straight quote inside a curly one (or the reverse) is tracked as an inner quote.
//!   A second opening `“` while one is open restarts the quote (the first was never closed).
//! - **guillemets** `«…»`.
//! - **single**: `‘…’` and `'…'` (and `‹…›`). A mark between letters is an apostrophe
//!   ("Pakistan’s", "don't"); a mark that opens an elision is not a quote ("’90s", "rock ’n’ roll",
//!   "'em"); a closing mark after `s` followed by a lower-case word ("the students’ union") closes
//!   only if no better closing mark follows. Single quotes must close inside their paragraph.
//!
//! A quote never crosses a paragraph break. A double quote or guillemet still open at the end of
//! its paragraph ends there (the span runs to the paragraph's last character). When the next
//! paragraph opens with the same kind of mark, that is the news convention for a quotation running
//! over several paragraphs: **each paragraph part is its own span** (each with its own opening
//! mark), all parts are statements, and parts share a speaker found for any of them.
//!
//! Spans include their quotation marks and everything inside them (`“war on terror,”`). Quotes
//! nested in another quote are not reported on their own; when two candidates cross, the double
//! quote wins. Quotes with nothing but punctuation or space inside are dropped, so a run of
//! thousands of marks yields nothing.
//!
//! ## Statement or term
//! Words are counted by whitespace-separated pieces holding a letter or digit. A quote is a
//! **statement** when it has five or more words (unless it is Title Case with no sentence
//! punctuation, like a cited title); with three or four words when it is a capitalized sentence
//! with end punctuation, or a speech verb or colon introduces it or attribution follows it; with
//! one or two words only when it is capitalized and attributed ("“Never,” he said."). Everything
//! else is a **term** (“necessity”, “war on terror,”).
//!
//! ## Speaker (statements only)
//! Attribution is looked for right after the closing mark (`,” X said`, `,” said X, …`,
//! `,” according to X`), then before the opening mark in the same clause (`X said: “…”`,
//! `X: “…”`, `X calls for … to “…”`, `according to X, “…”`). A speaker is a name span from `names`
//! (person or organization) next to the verb, else a pronoun ("he"), else the run of capitalized
//! words with leading titles removed ("Defense Secretary Jim Mattis" → "Jim Mattis"; "the
//! Republican Party platform" → "Republican Party"), else a short noun phrase ("a spokesman").
//! A statement with no speech verb of its own takes the speaker of its other paragraph parts,
//! then of a statement in the same or previous sentence, then of a speech verb in the previous
//! sentence.
//!
//! Every step looks at a bounded number of tokens around each quote: linear time overall.

use std::sync::LazyLock;

use crate::extract::wordset::{FxMap, WordSet};
use crate::model::{Kind, QuoteRole, Span, Speaker};
use crate::text::{Doc, TokKind};

/// Finds quotations; `names` are the name spans, used to find speakers.
// Not inlined into the pipeline: one call per text, and profiles keep showing this stage's cost.
#[inline(never)]
pub fn extract(doc: &Doc, names: &[Span]) -> Vec<Span> {
    let text = doc.text;
    let mut kept: Vec<Cand> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut found: Vec<(usize, char)> = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let Some(para) = text.get(p.start..p.end) else { continue };
        found.clear();
        find_marks(para, &mut found);
        if found.is_empty() {
            continue; // no quotation mark: no candidate
        }
        let next_first =
            doc.paragraphs.get(pi + 1).and_then(|n| text.get(n.start..n.end)).and_then(|s| s.chars().next());
        cands.clear();
        scan_double(para, &found, p.start, pi, matches!(next_first, Some('“' | '„' | '"')), &mut cands);
        scan_guillemets(para, &found, p.start, pi, next_first == Some('«'), &mut cands);
        scan_single(para, &found, p.start, pi, &mut cands);
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.fam.cmp(&b.fam)));
        let first_of_para = kept.len();
        for c in cands.drain(..) {
            if kept.len() > first_of_para {
                let cur = &kept[kept.len() - 1];
                if c.start < cur.end {
                    if c.end <= cur.end {
                        continue; // nested
                    }
                    if c.fam < cur.fam {
                        kept.pop(); // crossing: the more reliable family wins
                    } else {
                        continue;
                    }
                }
            }
            kept.push(c);
        }
    }

    let ctx = Ctx::new(doc, names);
    let n = kept.len();
    // Continuation chains: part k continues into part k + 1.
    let mut continues = vec![false; n];
    for k in 0..n.saturating_sub(1) {
        let (a, b) = (&kept[k], &kept[k + 1]);
        if a.close.is_none()
            && a.cont_next
            && b.para == a.para + 1
            && doc.paragraphs.get(b.para).is_some_and(|p| p.start == b.start)
        {
            continues[k] = true;
        }
    }
    let mut infos: Vec<Info> = Vec::with_capacity(n);
    for k in 0..n {
        let prev_end = if k > 0 { Some(kept[k - 1].end) } else { None };
        let next_start = kept.get(k + 1).map(|c| c.start);
        infos.push(ctx.analyze(&kept[k], prev_end, next_start));
    }
    // Chains: all parts are statements and share a speaker.
    let mut k = 0;
    while k < n {
        let mut e = k;
        while e < n && continues[e] {
            e += 1;
        }
        if e > k {
            let shared = (k..=e).find_map(|i| infos[i].speaker);
            for info in &mut infos[k..=e] {
                info.role = QuoteRole::Statement;
                if info.speaker.is_none() {
                    info.speaker = shared;
                }
            }
        }
        k = e + 1;
    }
    // Statements with no speech verb of their own: the adjacent sentence.
    for k in 0..n {
        if infos[k].role != QuoteRole::Statement || infos[k].speaker.is_some() || !infos[k].may_borrow {
            continue;
        }
        let s = doc.sentence_at(kept[k].start);
        let inherited = (0..k).rev().take(3).find_map(|j| {
            let same_area = doc.sentence_at(kept[j].end.saturating_sub(1)) + 1 >= s;
            (same_area && infos[j].role == QuoteRole::Statement).then(|| infos[j].speaker).flatten()
        });
        // A speech verb in the previous sentence: same paragraph, or one that ends with a colon.
        let from_sentence = || {
            let prev = doc.sentences.get(s.checked_sub(1)?)?;
            let para = &doc.paragraphs[kept[k].para];
            let colon = doc.text.get(..prev.end).is_some_and(|t| t.ends_with(':'));
            (prev.start >= para.start || colon).then(|| ctx.sentence_speaker(s - 1, &kept)).flatten()
        };
        infos[k].speaker = inherited.or_else(from_sentence);
    }

    kept.iter()
        .zip(infos)
        .map(|(c, info)| {
            let mut sp = Span::new(text, c.start, c.end, Kind::Quote);
            sp.sentence = doc.sentence_at(c.start);
            sp.role = Some(info.role);
            if info.role == QuoteRole::Statement {
                sp.speaker = info.speaker.map(|(s, e)| {
                    Box::new(Speaker { text: text.get(s..e).unwrap_or("").to_string(), start: s, end: e, entity: None })
                });
            }
            sp
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Scanning

/// Families of marks, in order of reliability (lower wins when two candidates cross).
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
enum Family {
    Double,
    Guillemet,
    Single,
}

#[derive(Clone, Debug)]
struct Cand {
    /// Byte offset of the opening mark.
    start: usize,
    /// Byte offset just after the opening mark.
    open_end: usize,
    /// The closing mark's byte range, if the quote closed.
    close: Option<(usize, usize)>,
    /// Span end: after the closing mark, or the paragraph end.
    end: usize,
    fam: Family,
    para: usize,
    /// Unclosed, and the next paragraph re-opens with the same kind of mark.
    cont_next: bool,
}

/// True when `s` holds something quotable: a letter, digit or symbol (emoji), not only
/// space, punctuation and quote marks.
fn substantive(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_alphanumeric()
            || !(c.is_whitespace()
                || c.is_control()
                || c.is_ascii_punctuation()
                || ('\u{2000}'..='\u{206F}').contains(&c)
                || matches!(c, '«' | '»' | '\u{00A0}'))
    })
}

/// Pushes a candidate when its content is substantive.
#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Cand>,
    para: &str,
    base: usize,
    pi: usize,
    fam: Family,
    open: (usize, usize),
    close: Option<(usize, usize)>,
    cont_next: bool,
) {
    let inner_end = close.map_or(para.len(), |c| c.0);
    let Some(inner) = para.get(open.1..inner_end) else { return };
    if !substantive(inner) {
        return;
    }
    out.push(Cand {
        start: base + open.0,
        open_end: base + open.1,
        close: close.map(|(s, e)| (base + s, base + e)),
        end: base + close.map_or(para.len(), |c| c.1),
        fam,
        para: pi,
        cont_next: close.is_none() && cont_next,
    });
}

#[derive(Clone, Copy)]
struct Open {
    pos: usize,
    end: usize,
    curly: bool,
    german: bool,
}

/// Double quotes: curly and straight, among the marks `found` in `para`. See the module docs.
#[inline(never)]
fn scan_double(para: &str, found: &[(usize, char)], base: usize, pi: usize, cont: bool, out: &mut Vec<Cand>) {
    let mut outer: Option<Open> = None;
    let mut inner = false;
    for (i, c) in marks(found, &['“', '„', '”', '"']) {
        let prev = para[..i].chars().next_back();
        let end = i + c.len_utf8();
        let after = &para[end..];
        let next = after.chars().next();
        let prev_space = prev.is_none_or(|p| p.is_whitespace() || is_open_punct(p));
        let next_space = next.is_none_or(char::is_whitespace);
        let curly = c != '"';
        if c == '"' && prev.is_some_and(|p| p.is_ascii_digit()) {
            // An inch mark, unless it plainly closes an open straight quote.
            let closes = matches!(outer, Some(o) if !o.curly) && !inner && closes_after_digit(after);
            if !closes {
                continue;
            }
        }
        match outer {
            None => {
                let can_open = match c {
                    '”' => prev_space && !next_space,
                    _ => true,
                };
                if can_open {
                    outer = Some(Open { pos: i, end, curly, german: c == '„' });
                    inner = false;
                }
            }
            Some(o) if o.curly == curly => {
                let closing = if curly { c == '”' || (c == '“' && o.german) } else { true };
                if closing {
                    push(out, para, base, pi, Family::Double, (o.pos, o.end), Some((i, end)), false);
                    outer = None;
                } else {
                    outer = Some(Open { pos: i, end, curly, german: c == '„' });
                }
                inner = false;
            }
            Some(o) => {
                // A mark of the other style inside the quote.
                let opener_char = matches!(c, '“' | '„');
                if inner {
                    if !opener_char {
                        inner = false;
                    }
                } else if !next_space && (prev_space || opener_char) && c != '”' {
                    inner = true;
                } else if !opener_char && (next_space || next.is_some_and(|n| n.is_ascii_punctuation())) {
                    // Sloppy mixed closing mark: “…"
                    push(out, para, base, pi, Family::Double, (o.pos, o.end), Some((i, end)), false);
                    outer = None;
                }
            }
        }
    }
    if let Some(o) = outer {
        push(out, para, base, pi, Family::Double, (o.pos, o.end), None, cont);
    }
}

/// After an inch-like `"` (digit before): does it close a quote? Yes before punctuation, the
/// end, or a space and a word that is not lower case.
fn closes_after_digit(after: &str) -> bool {
    let mut it = after.chars();
    match it.next() {
        None => true,
        Some(n) if n.is_whitespace() => {
            let w = it.find(|c| !c.is_whitespace());
            w.is_none_or(|w| !w.is_lowercase())
        }
        Some(n) => !n.is_alphanumeric(),
    }
}

/// Appends to `out` every quotation mark in `s` (the characters of [`is_quote_char`]), as (byte
/// offset, character), in order.
///
/// Only four bytes can start one: `"`, `'`, and the lead bytes 0xC2 (`«` `»`) and 0xE2 (the
/// others, U+2018…U+203A). The text is tested eight bytes at a time for any of them, and
/// characters are decoded only at those bytes. A lead byte (ASCII or the first of a sequence) is
/// never a continuation byte: each is a boundary.
#[inline(never)]
fn find_marks(s: &str, out: &mut Vec<(usize, char)>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// Nonzero when some byte lane of `v` is zero (the classic test: a borrow can only mark
    /// lanes above a zero lane, so "any" is exact).
    #[inline(always)]
    fn has_zero_lane(v: u64) -> u64 {
        v.wrapping_sub(ONES) & !v & (ONES * 0x80)
    }
    let bytes = s.as_bytes();
    let mut check = |from: usize, chunk: &[u8]| {
        for (k, &b) in chunk.iter().enumerate() {
            let i = from + k;
            match b {
                b'"' => out.push((i, '"')),
                b'\'' => out.push((i, '\'')),
                0xC2 | 0xE2 => {
                    if let Some(c) = s.get(i..).and_then(|r| r.chars().next()).filter(|&c| is_quote_char(c)) {
                        out.push((i, c));
                    }
                }
                _ => {}
            }
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut from = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        // `"` (0x22), `'` (0x27), and 0xC2 or 0xE2 (equal once bit 5 is cleared).
        let any = has_zero_lane(x ^ (ONES * 0x22))
            | has_zero_lane(x ^ (ONES * 0x27))
            | has_zero_lane((x & (ONES * 0xDF)) ^ (ONES * 0xC2));
        if any != 0 {
            check(from, chunk);
        }
        from += 8;
    }
    check(from, chunks.remainder());
}

/// The marks of `found` that are among `wanted`.
fn marks<'f>(found: &'f [(usize, char)], wanted: &'static [char]) -> impl Iterator<Item = (usize, char)> + 'f {
    found.iter().copied().filter(move |(_, c)| wanted.contains(c))
}

/// Characters after which a mark is at the start of a word (opening position).
fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '"' | '„' | '«' | '‹' | '‘' | '—' | '–' | '-' | '/')
}

/// Guillemets «…».
#[inline(never)]
fn scan_guillemets(para: &str, found: &[(usize, char)], base: usize, pi: usize, cont: bool, out: &mut Vec<Cand>) {
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in marks(found, &['«', '»']) {
        match c {
            '«' => open = Some((i, i + c.len_utf8())),
            '»' => {
                if let Some(o) = open.take() {
                    push(out, para, base, pi, Family::Guillemet, o, Some((i, i + c.len_utf8())), false);
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        push(out, para, base, pi, Family::Guillemet, o, None, cont);
    }
}

/// True when the text after a single opening mark is an elision, not a quotation:
/// "’90s", "'em", "'til", "'n'".
fn is_elision(after: &str, mark: char) -> bool {
    let mut buf = [0u8; 8];
    let mut n = 0;
    for ch in after.chars().take(6) {
        if !ch.is_ascii() {
            if n > 0 && (ch == '’' || ch == '‘') {
                buf[n] = b'\'';
                n += 1;
            }
            break;
        }
        buf[n] = ch.to_ascii_lowercase() as u8;
        n += 1;
    }
    let w = &buf[..n];
    // Decades and years: '90s always; '05 only with a straight or closing mark.
    if w.len() >= 2 && w[0].is_ascii_digit() && w[1].is_ascii_digit() {
        let third = w.get(2).copied();
        if third == Some(b's') {
            return true;
        }
        return mark != '‘' && !third.is_some_and(|t| t.is_ascii_digit());
    }
    const WORDS: &[&[u8]] = &[b"em", b"til", b"tis", b"twas", b"cause", b"cos", b"n'", b"round", b"bout", b"nuff"];
    WORDS.iter().any(|word| w.starts_with(word) && w.get(word.len()).is_none_or(|b| !b.is_ascii_alphanumeric()))
}

/// Single quotes ‘…’, '…', ‹…›. See the module docs.
#[inline(never)]
fn scan_single(para: &str, found: &[(usize, char)], base: usize, pi: usize, out: &mut Vec<Cand>) {
    let mut open: Option<(usize, usize)> = None;
    let mut weak: Option<(usize, usize)> = None;
    for (i, c) in marks(found, &['‘', '’', '\'', '‹', '›']) {
        let prev = para[..i].chars().next_back();
        let end = i + c.len_utf8();
        let after = &para[end..];
        let next = after.chars().next();
        let prev_word = prev.is_some_and(|p| p.is_alphanumeric());
        let next_word = next.is_some_and(|n| n.is_alphanumeric());
        if c != '‹' && c != '›' && prev_word && next_word {
            continue; // apostrophe inside a word
        }
        let can_open = match c {
            '‹' => true,
            '‘' | '\'' => {
                prev_opening(para, i)
                    && next.is_some_and(|n| {
                        n.is_alphanumeric() || !(n.is_whitespace() || n.is_ascii_punctuation() || is_quote_char(n))
                    })
                    && !is_elision(after, c)
            }
            _ => false,
        };
        let can_close = match c {
            '›' => true,
            '’' | '\'' => !next_word && i > 0 && !prev_opening(para, i),
            _ => false,
        };
        let Some(o) = open else {
            if can_open {
                open = Some((i, end));
            }
            continue;
        };
        if can_close {
            let plural_possessive = c != '›'
                && para[..i].ends_with(['s', 'S'])
                && next.is_some_and(char::is_whitespace)
                && after.trim_start().chars().next().is_some_and(char::is_lowercase);
            if plural_possessive {
                if weak.is_none() {
                    weak = Some((i, end));
                }
            } else {
                push(out, para, base, pi, Family::Single, o, Some((i, end)), false);
                open = None;
                weak = None;
            }
        } else if can_open {
            if let Some(w) = weak.take() {
                push(out, para, base, pi, Family::Single, o, Some(w), false);
            }
            open = Some((i, end));
        }
    }
    if let (Some(o), Some(w)) = (open, weak) {
        push(out, para, base, pi, Family::Single, o, Some(w), false);
    }
}

/// True when the character before byte `i` of `para` leaves a mark at `i` in opening position
/// (start, space, or opening punctuation).
fn prev_opening(para: &str, i: usize) -> bool {
    para[..i].chars().next_back().is_none_or(|p| p.is_whitespace() || is_open_punct(p))
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '"' | '‘' | '’' | '\'' | '«' | '»' | '‹' | '›')
}

// ---------------------------------------------------------------------------------------------
// Roles and speakers

/// Tokens looked at before an opening mark for an introducing verb.
const INTRO_WINDOW: usize = 12;
/// Tokens looked at after a closing mark for attribution.
const AFTER_WINDOW: usize = 12;
/// Most capitalized tokens in a speaker run.
const MAX_RUN: usize = 8;

fn set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

/// Reporting verbs, lower case.
static SPEECH_VERBS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "said", "says", "say", "saying", "told", "tells", "telling", "added", "adds", "adding", "asked", "asks",
        "asking", "wrote", "writes", "writing", "stated", "declared", "declares", "explained", "explains", "noted",
        "insisted", "insists", "argued", "argues", "claimed", "warned", "warns", "replied", "replies", "responded",
        "responds", "recalled", "recalls", "announced", "announces", "admitted", "admits", "acknowledged",
        "acknowledges", "confirmed", "confirms", "observed", "remarked", "commented", "tweeted", "posted", "shouted",
        "whispered", "exclaimed", "testified", "testifies", "concluded", "concludes", "cautioned", "urged", "vowed",
        "pledged", "promised", "conceded", "emphasized", "emphasised", "stressed", "maintained", "contended",
        "countered", "complained", "joked", "predicted", "suggested", "suggests", "continued", "continues", "reported",
        "quipped", "boasted", "lamented", "mused", "pleaded", "begged", "yelled", "screamed", "muttered", "murmured",
        "answered", "answers", "demanded", "demands", "proclaimed", "proclaims", "announced", "insisted", "thundered",
        "sniffed", "retorted",
    ])
});

/// Words that may sit between a speaker and the verb ("he also said", "Smith has told").
static VERB_FILLERS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "also", "later", "then", "further", "has", "had", "have", "was", "is", "were", "once", "again", "repeatedly",
        "reportedly", "previously", "recently", "simply", "just", "only", "never", "often", "still", "even", "would",
        "will", "earlier", "subsequently", "to", "used", "could", "can", "might", "may", "must", "should", "did",
        "does", "do", "not",
    ])
});

static PRONOUNS: LazyLock<WordSet> = LazyLock::new(|| set(&["he", "she", "they", "we", "i", "it", "you"]));

/// Determiners that open a speaker noun phrase ("a spokesman", "the minister").
static DETERMINERS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&["the", "a", "an", "one", "his", "her", "their", "its", "our", "my", "your", "this", "that"])
});

/// Lower-case words that end or cannot be part of a speaker noun phrase.
static NP_STOP: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "in", "on", "at", "for", "of", "to", "from", "with", "by", "after", "before", "during", "who", "which", "that",
        "when", "as", "while", "and", "but", "or", "if", "because", "the", "a", "an", "was", "is", "are", "were", "be",
        "been", "has", "had", "have", "not", "would", "will", "could", "should", "may", "might", "can", "must", "it",
        "this", "there", "than", "so", "also", "then",
    ])
});

/// Capitalized words that are not names (sentence openers, function words).
static CAPS_STOP: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "The", "A", "An", "This", "That", "These", "Those", "But", "And", "Or", "So", "In", "On", "At", "For", "Yet",
        "If", "When", "While", "After", "Before", "As", "It", "He", "She", "They", "We", "I", "You", "His", "Her",
        "Their", "Our", "Its", "My", "Your", "Then", "Now", "Meanwhile", "However", "Also", "Still", "Moreover",
        "Similarly", "Some", "Many", "Most", "Both", "Each", "All", "Such", "Other", "Another", "There", "Here",
        "What", "Why", "How", "Who", "Where", "Since", "Although", "Though", "Because", "By", "From", "With", "Under",
        "Over", "Last", "Next", "Earlier", "Later", "Thus", "Instead", "Indeed", "According", "Asked", "Speaking",
        "Writing", "Said", "Says", "Told", "Added", "Furthermore", "Nevertheless", "Finally", "First", "Of", "To",
        "Not", "No", "Yes",
    ])
});

/// Lower-case words allowed inside a capitalized name ("Bank of America", "Osama bin Laden").
static CONNECTORS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "of", "de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "der", "den", "bin", "ibn", "al", "el",
        "y", "dos", "das",
    ])
});

/// Titles that come before a name. Compared without a trailing period.
static TITLES: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "President", "Vice", "Prime", "Minister", "Secretary", "Sen", "Senator", "Rep", "Representative",
        "Congressman", "Congresswoman", "Gov", "Governor", "Mayor", "General", "Gen", "Lieutenant", "Lt", "Colonel",
        "Col", "Major", "Maj", "Captain", "Capt", "Sergeant", "Sgt", "Admiral", "Adm", "Commander", "Cmdr", "Chief",
        "Chairman", "Chairwoman", "Chair", "Director", "Judge", "Ambassador", "Mr", "Mrs", "Ms", "Dr", "Prof",
        "Professor", "Rev", "Reverend", "Father", "Pope", "King", "Queen", "Prince", "Princess", "Sheikh", "Lord",
        "Lady", "Sir", "Dame", "CEO", "Spokesman", "Spokeswoman", "Spokesperson", "Officer", "Deputy", "Attorney",
        "Inspector", "Detective", "Coach", "Speaker", "Leader", "Chancellor", "Premier", "Sgt", "Cpl", "Corporal",
        "Private", "Pvt", "Marshal", "Field", "Brigadier", "Brig", "Superintendent", "Commissioner", "Councillor",
        "Councilman", "Councilwoman", "Sheriff", "Dean", "Rabbi", "Imam", "Bishop", "Archbishop", "Cardinal", "Emir",
        "Sultan", "Ayatollah", "Mullah", "Justice", "Envoy", "Gen.", "Messrs", "Mme", "Mlle", "Herr", "Frau", "Senior",
        "Staff",
    ])
});

/// Words that are part of a title only next to a title ("Defense Secretary", "Chief of Army Staff").
static TITLE_TAILS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "State", "Defense", "Defence", "Army", "Navy", "Air", "Force", "Foreign", "Interior", "Home", "Finance",
        "Health", "Treasury", "Commerce", "Homeland", "Security", "Energy", "Education", "Labor", "Labour",
        "Agriculture", "Transportation", "Affairs", "Executive", "Operating", "Financial", "Press", "Attorney",
        "District", "Supreme", "Court", "Joint", "Chiefs", "Police", "Majority", "Minority", "House", "Senate",
        "Opposition", "Party", "Assistant", "Acting", "Former", "Federal", "National", "Central", "Intelligence",
        "Information", "Trade", "Economy", "Justice", "Environment", "Culture", "Development",
    ])
});

/// Verbs that attribute only after a quote ("…,” he continued"), not before one
/// ("calls for continued action").
fn after_only(s: &str) -> bool {
    matches!(s, "continued" | "continues" | "went" | "goes")
}

fn lower_key(s: &str) -> Option<String> {
    (s.len() <= 24).then(|| s.to_lowercase())
}

fn in_lower(set: &WordSet, s: &str) -> bool {
    lower_key(s).is_some_and(|k| set.contains(k.as_str()))
}

fn title_key(s: &str) -> &str {
    s.strip_suffix('.').unwrap_or(s)
}

/// A speech verb at token `j`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verb {
    /// "said", "calls for": tokens used.
    Plain(usize),
    /// "according to": the speaker follows.
    According,
}

struct Info {
    role: QuoteRole,
    speaker: Option<(usize, usize)>,
    /// No speech verb introduces or follows the quote, and it opens its sentence: it may take
    /// the speaker of a nearby sentence.
    may_borrow: bool,
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Person/organization name spans by start byte and by end byte.
    by_start: FxMap<usize, (usize, usize)>,
    by_end: FxMap<usize, (usize, usize)>,
}

impl<'d, 'a> Ctx<'d, 'a> {
    #[inline(never)]
    fn new(doc: &'d Doc<'a>, names: &[Span]) -> Self {
        let n = names.iter().filter(|s| matches!(s.kind, Kind::Person | Kind::Organization)).count();
        let mut by_start = FxMap::with_capacity_and_hasher(n, Default::default());
        let mut by_end = FxMap::with_capacity_and_hasher(n, Default::default());
        for s in names {
            if !matches!(s.kind, Kind::Person | Kind::Organization)
                || s.start >= s.end
                || doc.text.get(s.start..s.end).is_none()
            {
                continue;
            }
            by_start.entry(s.start).or_insert((s.start, s.end));
            by_end.entry(s.end).or_insert((s.start, s.end));
        }
        Ctx { doc, by_start, by_end }
    }

    fn tok(&self, i: usize) -> &'a str {
        self.doc.tok(i)
    }

    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokKind::Word
    }

    fn is_cap(&self, i: usize) -> bool {
        let t = self.tok(i);
        self.is_word(i) && t.chars().next().is_some_and(char::is_uppercase) && !CAPS_STOP.contains(title_key(t))
    }

    fn is_connector(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        let s = self.tok(i);
        CONNECTORS.contains(s)
            || (s == "-" && !t.space_before && self.doc.tokens.get(i + 1).is_some_and(|n| !n.space_before))
            || (matches!(s, "'s" | "’s") && !t.space_before)
    }

    fn is_lower_word(&self, i: usize) -> bool {
        self.is_word(i) && self.tok(i).chars().next().is_some_and(char::is_lowercase)
    }

    fn verb_at(&self, j: usize, hi: usize) -> Option<Verb> {
        if !self.is_word(j) {
            return None;
        }
        let key = lower_key(self.tok(j))?;
        let next_is = |w: &str| j + 1 < hi && self.tok(j + 1).eq_ignore_ascii_case(w);
        match key.as_str() {
            "according" if next_is("to") => Some(Verb::According),
            "call" | "calls" | "called" | "calling" if next_is("for") => Some(Verb::Plain(2)),
            "went" | "goes" if next_is("on") => Some(Verb::Plain(2)),
            k if SPEECH_VERBS.contains(k) => Some(Verb::Plain(1)),
            _ => None,
        }
    }

    fn range(&self, i: usize, j: usize) -> (usize, usize) {
        (self.doc.tokens[i].start, self.doc.tokens[j].end)
    }

    /// The capitalized run ending at token `j` (not before `lo`): its first token.
    fn caps_run_back(&self, j: usize, lo: usize) -> Option<usize> {
        if j < lo || !self.is_cap(j) {
            return None;
        }
        let mut first = j;
        let mut caps = 1;
        let mut k = j;
        while k > lo && caps < MAX_RUN {
            let p = k - 1;
            if self.is_cap(p) && !self.doc.tokens[k].newline_before {
                first = p;
                caps += 1;
                k = p;
            } else if p > lo && self.is_connector(p) && self.is_cap(p - 1) {
                first = p - 1;
                caps += 1;
                k = p - 1;
            } else {
                break;
            }
        }
        Some(first)
    }

    /// The capitalized run starting at token `i` (before `hi`): its last token.
    fn caps_run_fwd(&self, i: usize, hi: usize) -> Option<usize> {
        if i >= hi || !self.is_cap(i) {
            return None;
        }
        let mut last = i;
        let mut caps = 1;
        let mut k = i;
        while k + 1 < hi && caps < MAX_RUN {
            let n = k + 1;
            if self.doc.tokens[n].newline_before {
                break;
            }
            if self.is_cap(n) {
                last = n;
                caps += 1;
                k = n;
            } else if n + 1 < hi && self.is_connector(n) && self.is_cap(n + 1) {
                last = n + 1;
                caps += 1;
                k = n + 1;
            } else {
                break;
            }
        }
        Some(last)
    }

    /// The name inside the capitalized run `first..=last`: a person/organization span from
    /// `names` if one lies in it, else the tokens after the last title, else the whole run.
    fn name_in_run(&self, first: usize, last: usize, prefer_end: bool) -> (usize, usize) {
        let (rs, re) = self.range(first, last);
        let tagged = if prefer_end {
            (first..=last).rev().find_map(|k| self.by_end.get(&self.doc.tokens[k].end).filter(|n| n.0 >= rs))
        } else {
            (first..=last).find_map(|k| self.by_start.get(&self.doc.tokens[k].start).filter(|n| n.1 <= re))
        };
        if let Some(&n) = tagged {
            return n;
        }
        // Title flags: core titles, and title tails next to a title (through "of").
        let len = last - first + 1;
        let mut title = vec![false; len];
        for (o, flag) in title.iter_mut().enumerate() {
            *flag = TITLES.contains(title_key(self.tok(first + o)));
        }
        let tail = |o: usize| TITLE_TAILS.contains(title_key(self.tok(first + o)));
        let neighbour = |title: &[bool], o: usize, step: isize| -> bool {
            let mut p = o as isize + step;
            while p >= 0 && (p as usize) < len {
                let k = first + p as usize;
                if self.is_connector(k) {
                    p += step;
                    continue;
                }
                return title[p as usize];
            }
            false
        };
        for o in (0..len).rev() {
            if !title[o] && tail(o) && neighbour(&title, o, 1) {
                title[o] = true;
            }
        }
        for o in 0..len {
            if !title[o] && tail(o) && neighbour(&title, o, -1) {
                title[o] = true;
            }
        }
        match title.iter().rposition(|&t| t) {
            Some(t) if t + 1 < len => {
                let mut s = first + t + 1;
                while s < last && self.is_connector(s) {
                    s += 1;
                }
                self.range(s, last)
            }
            _ => (rs, re),
        }
    }

    /// The speaker ending at token `j` (a name, pronoun or capitalized run), not before `lo`.
    fn subject_ending_at(&self, j: usize, lo: usize) -> Option<(usize, usize)> {
        if j < lo {
            return None;
        }
        let lo_byte = self.doc.tokens[lo].start;
        if let Some(&n) = self.by_end.get(&self.doc.tokens[j].end).filter(|n| n.0 >= lo_byte) {
            return Some(n);
        }
        if self.is_word(j) && in_lower(&PRONOUNS, self.tok(j)) {
            return Some(self.range(j, j));
        }
        let first = self.caps_run_back(j, lo)?;
        Some(self.name_in_run(first, j, true))
    }

    /// The speaker before a verb at token `v` ("Smith said", "the Democratic Party platform calls").
    fn subject_before(&self, v: usize, lo: usize) -> Option<(usize, usize)> {
        let mut k = v;
        let mut skipped = 0;
        while k > lo && skipped < 2 {
            let t = self.tok(k - 1);
            if self.is_lower_word(k - 1) && (VERB_FILLERS.contains(t) || (t.ends_with("ly") && t.len() > 4)) {
                k -= 1;
                skipped += 1;
            } else {
                break;
            }
        }
        if k <= lo {
            return None;
        }
        let j = k - 1;
        if let Some(s) = self.subject_ending_at(j, lo) {
            return Some(s);
        }
        // Appositive or parenthesis: "Jim Mattis, the defense secretary, said", "the chancellor,
        // Philip Hammond, warned", "Dave — he's tall — told me".
        let t = self.tok(j);
        if matches!(t, "," | "—" | "–" | "--" | ")") {
            let open = if t == ")" { "(" } else { t };
            let mut p = j;
            let stop = j.saturating_sub(24).max(lo);
            while p > stop {
                p -= 1;
                if self.tok(p) != open {
                    continue;
                }
                let before = if p > lo { self.subject_ending_at(p - 1, lo) } else { None };
                let bare_title = before.is_some_and(|(s, e)| {
                    let w = &self.doc.text[s..e];
                    TITLES.contains(title_key(w)) || TITLE_TAILS.contains(w)
                });
                if before.is_some() && !bare_title {
                    return before;
                }
                if t == "," && j > p + 1 {
                    if let Some(inner) = self.subject_ending_at(j - 1, p + 1) {
                        return Some(inner);
                    }
                }
                return before;
            }
            return None;
        }
        // One or two lower-case nouns after a capitalized run: "the Republican Party platform".
        let mut p = j;
        for _ in 0..2 {
            if p <= lo || !self.is_lower_word(p) || NP_STOP.contains(self.tok(p)) {
                break;
            }
            p -= 1;
            if let Some(first) = self.caps_run_back(p, lo) {
                return Some(self.name_in_run(first, p, true));
            }
        }
        // A short noun phrase: "a spokesman", "the minister".
        let mut p = j;
        for _ in 0..3 {
            if !self.is_lower_word(p) || NP_STOP.contains(self.tok(p)) {
                break;
            }
            if p <= lo {
                break;
            }
            if in_lower(&DETERMINERS, self.tok(p - 1)) && self.is_word(p - 1) {
                return Some(self.range(p - 1, j));
            }
            p -= 1;
        }
        None
    }

    /// The speaker starting at token `i` ("said Smith", "according to the Republican Party platform").
    fn speaker_after(&self, i: usize, hi: usize) -> Option<(usize, usize)> {
        if i >= hi {
            return None;
        }
        if self.is_word(i) && in_lower(&PRONOUNS, self.tok(i)) {
            return Some(self.range(i, i));
        }
        let det = self.is_word(i)
            && in_lower(&DETERMINERS, self.tok(i))
            && !self.by_start.contains_key(&self.doc.tokens[i].start);
        let c = if det { i + 1 } else { i };
        let mut found: Option<((usize, usize), usize)> = None;
        if c < hi {
            if let Some(&n) = self.by_start.get(&self.doc.tokens[c].start) {
                let last = self.doc.token_at_or_after(n.1).saturating_sub(1).max(c);
                found = Some((n, last));
            } else if let Some(last) = self.caps_run_fwd(c, hi) {
                found = Some((self.name_in_run(c, last, false), last));
            }
        }
        if found.is_none() && det {
            let mut k = i + 1;
            while k < hi
                && k < i + 4
                && self.is_lower_word(k)
                && !NP_STOP.contains(self.tok(k))
                && self.verb_at(k, hi).is_none()
            {
                found = Some((self.range(i, k), k));
                k += 1;
            }
        }
        let (sp, mut e) = found?;
        // "a Pentagon spokeswoman, Dana White, …": the name in apposition.
        let mut nouns = 0;
        while nouns < 2 && e + 1 < hi && self.is_lower_word(e + 1) && !NP_STOP.contains(self.tok(e + 1)) {
            e += 1;
            nouns += 1;
        }
        if e + 2 < hi && self.tok(e + 1) == "," {
            let n0 = e + 2;
            let named = self.by_start.get(&self.doc.tokens[n0].start).copied().or_else(|| {
                let last = self.caps_run_fwd(n0, hi)?;
                let closes = self.doc.tokens.get(last + 1).is_none_or(|t| {
                    let s = &self.doc.text[t.start..t.end];
                    t.kind == TokKind::Punct && matches!(s, "," | "." | ";" | ":")
                });
                closes.then(|| self.name_in_run(n0, last, false))
            });
            if named.is_some() {
                return named;
            }
        }
        Some(sp)
    }

    /// After a closing mark: `,” X said`, `,” said X`, `,” according to X`. Returns
    /// (matched, speaker).
    fn after_attribution(&self, a: usize, hi: usize, punct_ok: bool) -> (bool, Option<(usize, usize)>) {
        let mut p = a;
        let mut punct_ok = punct_ok;
        if p < hi && matches!(self.tok(p), "," | "—" | "–" | "-" | "--") {
            punct_ok = true;
            p += 1;
        }
        if p >= hi {
            return (false, None);
        }
        match self.verb_at(p, hi) {
            Some(Verb::According) => return (true, self.speaker_after(p + 2, hi)),
            Some(Verb::Plain(n)) if punct_ok => return (true, self.speaker_after(p + n, hi)),
            Some(_) => return (false, None),
            None => {}
        }
        // Subject first: find where a speaker starting at p ends, then the verb.
        let mut ends: Vec<(usize, (usize, usize))> = Vec::with_capacity(3);
        let tokens = &self.doc.tokens;
        if let Some(&n) = self.by_start.get(&tokens[p].start) {
            let last = self.doc.token_at_or_after(n.1).saturating_sub(1);
            ends.push((last, n));
        }
        let pronoun = self.is_word(p) && in_lower(&PRONOUNS, self.tok(p));
        if pronoun {
            ends.push((p, self.range(p, p)));
        }
        let det = self.is_word(p) && in_lower(&DETERMINERS, self.tok(p));
        let c = if det && self.tok(p).chars().next().is_some_and(char::is_lowercase) { p + 1 } else { p };
        if c < hi {
            if let Some(last) = self.caps_run_fwd(c, hi) {
                ends.push((last, self.name_in_run(c, last, false)));
            }
        }
        if det {
            let mut k = p + 1;
            while k < hi
                && k < p + 4
                && self.is_lower_word(k)
                && !NP_STOP.contains(self.tok(k))
                && self.verb_at(k, hi).is_none()
            {
                ends.push((k, self.range(p, k)));
                k += 1;
            }
        }
        for (last, sp) in ends {
            let mut v = last + 1;
            // "a spokesman for the ministry told": skip a short prepositional phrase.
            if v < hi && matches!(self.tok(v), "for" | "of" | "at" | "from" | "with") {
                let mut k = v + 1;
                while k < hi && k < v + 5 && self.is_word(k) && self.verb_at(k, hi).is_none() {
                    k += 1;
                }
                if k < hi && self.verb_at(k, hi).is_some() {
                    v = k;
                }
            }
            let mut skipped = 0;
            while v < hi && skipped < 2 && self.is_lower_word(v) && {
                let t = self.tok(v);
                VERB_FILLERS.contains(t) || (t.ends_with("ly") && t.len() > 4)
            } {
                v += 1;
                skipped += 1;
            }
            if v < hi && matches!(self.verb_at(v, hi), Some(Verb::Plain(_))) && (punct_ok || pronoun) {
                return (true, Some(sp));
            }
        }
        (false, None)
    }

    #[inline(never)]
    fn analyze(&self, c: &Cand, prev_end: Option<usize>, next_start: Option<usize>) -> Info {
        let doc = self.doc;
        let text = doc.text;
        let inner_end = c.close.map_or(c.end, |x| x.0);
        let content = text.get(c.open_end..inner_end).unwrap_or("");
        let words: Vec<&str> = content.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
        let wc = words.len();
        let cap = content.chars().find(|ch| ch.is_alphabetic()).is_some_and(char::is_uppercase);
        let last = content.trim_end().chars().next_back();
        let term_end = last.is_some_and(|l| matches!(l, '.' | '!' | '?' | '…'));
        let attrib_punct = last.is_some_and(|l| matches!(l, ',' | '.' | '!' | '?' | '…' | '—' | '–' | '-' | ':'));
        let title_case = wc >= 2 && !term_end && {
            let mut it = words.iter();
            it.next().is_some_and(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
                && it.all(|w| {
                    let first = w.chars().find(|c| c.is_alphabetic());
                    first.is_none_or(char::is_uppercase)
                        || matches!(
                            w.trim_matches(|c: char| !c.is_alphanumeric()),
                            "of" | "the"
                                | "a"
                                | "an"
                                | "and"
                                | "or"
                                | "in"
                                | "on"
                                | "at"
                                | "to"
                                | "for"
                                | "with"
                                | "by"
                                | "from"
                                | "de"
                                | "la"
                        )
                })
        };

        let ntok = doc.tokens.len();
        let para = &doc.paragraphs[c.para];
        let b = doc.token_at_or_after(c.start).min(ntok);
        let sent_lo = doc.sentences.get(doc.sentence_at(c.start)).map_or(0, |s| s.tokens.start);
        let prevq = prev_end.map_or(0, |e| doc.token_at_or_after(e));
        // Subjects may reach back to the clause's start; introducing verbs only INTRO_WINDOW tokens.
        let lo_hard = para.tokens.start.max(sent_lo).max(prevq).min(b);
        let lo = lo_hard.max(b.saturating_sub(INTRO_WINDOW));
        // The quote opens its sentence (also when the splitter kept "… Corp. “We …" together).
        let starts_sentence = (lo_hard..b).all(|k| doc.tokens[k].kind == TokKind::Punct)
            || (cap && b > 0 && self.tok(b - 1).ends_with(['.', '!', '?']));

        // After the closing mark.
        let mut after = (false, None);
        if let Some((_, ce)) = c.close {
            let a = doc.token_at_or_after(ce);
            let mut hi = para.tokens.end.min(a + AFTER_WINDOW);
            if let Some(ns) = next_start {
                hi = hi.min(doc.token_at_or_after(ns));
            }
            if a < hi {
                after = self.after_attribution(a, hi, attrib_punct);
            }
        }

        // Before the opening mark: a colon, or a speech verb in the same clause.
        let mut colon_speaker = None;
        let mut intro_verb: Option<(usize, Verb)> = None;
        if b > lo {
            if self.tok(b - 1) == ":" && b - 1 > lo {
                let j = b - 2;
                if self.verb_at(j, b).is_none() {
                    if let Some(sp) = self.subject_ending_at(j, lo_hard) {
                        // Only a name that opens its clause ("Mattis: “…”"); not "told CNN:" or
                        // "wrote on Twitter:".
                        let first = doc.token_at_or_after(sp.0);
                        let clause_start = first <= lo_hard || doc.tokens[first - 1].kind == TokKind::Punct;
                        if clause_start {
                            colon_speaker = Some(sp);
                        }
                    }
                }
            }
            let mut j = b;
            while j > lo {
                j -= 1;
                let t = self.tok(j);
                if doc.tokens[j].kind == TokKind::Punct {
                    if (t == "," || t == ":") && j + 2 >= b {
                        continue;
                    }
                    if matches!(t, "-" | "—" | "–" | "(" | ")") {
                        continue;
                    }
                    break;
                }
                if let Some(v) = self.verb_at(j, b).filter(|_| !after_only(t)) {
                    intro_verb = Some((j, v));
                    break;
                }
            }
        }
        // "According to X, … “…”" at the start of the sentence: for the speaker only.
        let mut according = None;
        if intro_verb.is_none() {
            for j in lo_hard..b.min(lo_hard + 4) {
                if self.verb_at(j, b) == Some(Verb::According) {
                    according = Some(j);
                    break;
                }
            }
        }
        let colon = b > lo && self.tok(b - 1) == ":";
        let adj_intro = colon || intro_verb.is_some_and(|(v, _)| v + 3 >= b);
        let verb_near = intro_verb.is_some();
        let adj_after = after.0;
        let adj = adj_intro || adj_after;

        let role = if wc >= 5 {
            if title_case && !adj {
                QuoteRole::Term
            } else {
                QuoteRole::Statement
            }
        } else if wc >= 3 {
            if adj || verb_near || (cap && term_end) {
                // A capitalized sentence with end punctuation: "“We shall overcome.”"
                QuoteRole::Statement
            } else {
                QuoteRole::Term
            }
        } else if cap && (adj || (term_end && starts_sentence)) {
            // "“Never,” he said." / "… she said. “Maybe.”": a capitalized sentence of its own.
            QuoteRole::Statement
        } else {
            QuoteRole::Term
        };

        let mut speaker = None;
        if role == QuoteRole::Statement {
            speaker = after.1.or(colon_speaker);
            if speaker.is_none() {
                if let Some((v, kind)) = intro_verb {
                    speaker = match kind {
                        Verb::According => self.speaker_after(v + 2, b),
                        Verb::Plain(n) => self.subject_before(v, lo_hard).or_else(|| {
                            // "said Smith: “…”"
                            let first = v + n;
                            self.caps_run_fwd(first, b)
                                .filter(|&l| l + 2 >= b)
                                .map(|l| self.name_in_run(first, l, false))
                        }),
                    };
                }
            }
        }
        if role == QuoteRole::Statement && speaker.is_none() {
            if let Some(j) = according {
                speaker = self.speaker_after(j + 2, b);
            }
        }
        let has_verb = adj_after || verb_near || colon || according.is_some();
        Info { role, speaker, may_borrow: !has_verb && starts_sentence }
    }

    /// The speaker of the first speech verb (outside quotes) in sentence `s`.
    #[inline(never)]
    fn sentence_speaker(&self, s: usize, quotes: &[Cand]) -> Option<(usize, usize)> {
        let seg = self.doc.sentences.get(s)?;
        let lo = seg.tokens.start;
        let hi = seg.tokens.end.min(lo + 40);
        for j in lo..hi {
            let Some(v) = self.verb_at(j, seg.tokens.end).filter(|_| !after_only(self.tok(j))) else { continue };
            let pos = self.doc.tokens[j].start;
            let k = quotes.partition_point(|q| q.start <= pos);
            if k > 0 && quotes[k - 1].end > pos {
                continue; // inside a quotation
            }
            return match v {
                Verb::According => self.speaker_after(j + 2, seg.tokens.end),
                Verb::Plain(_) => self.subject_before(j, lo),
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn quotes_with(text: &str, names: &[Span]) -> Vec<Span> {
        let doc = segment(text);
        let q = extract(&doc, names);
        for s in &q {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert_eq!(s.text, &text[s.start..s.end]);
            if let Some(sp) = &s.speaker {
                assert_eq!(sp.text, &text[sp.start..sp.end]);
            }
        }
        q
    }

    fn quotes(text: &str) -> Vec<Span> {
        quotes_with(text, &[])
    }

    fn texts(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|s| s.text).collect()
    }

    /// (text, role, speaker text) triples.
    fn full(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        full_with(text, &[])
    }

    fn full_with(text: &str, names: &[Span]) -> Vec<(String, &'static str, Option<String>)> {
        quotes_with(text, names)
            .into_iter()
            .map(|s| {
                let role = match s.role {
                    Some(QuoteRole::Statement) => "statement",
                    Some(QuoteRole::Term) => "term",
                    None => "none",
                };
                (s.text, role, s.speaker.map(|sp| sp.text))
            })
            .collect()
    }

    fn st(t: &str, sp: Option<&str>) -> (String, &'static str, Option<String>) {
        (t.to_string(), "statement", sp.map(str::to_string))
    }

    fn term(t: &str) -> (String, &'static str, Option<String>) {
        (t.to_string(), "term", None)
    }

    fn name(text: &str, s: &str, kind: Kind) -> Span {
        let start = text.find(s).unwrap();
        Span::new(text, start, start + s.len(), kind)
    }

    #[test]
    fn marks_finds_what_char_indices_finds() {
        let short = "a \"b\" “c” ‘d’ «e» ‹f› it's 5'' x\u{2014}y ü€ „g“ ÂâÂ« \u{a0}\u{2009}’";
        // Also longer than a 16-byte chunk, with marks at every offset within one.
        let long = (0..40).map(|k| format!("{}{}", "x".repeat(k % 17), &short[k % 7..])).collect::<String>();
        for t in [short, &long, "", "\"", "ab«"] {
            let mut found = Vec::new();
            find_marks(t, &mut found);
            let all: Vec<(usize, char)> = t.char_indices().filter(|&(_, c)| is_quote_char(c)).collect();
            assert_eq!(found, all);
            for wanted in [&['“', '„', '”', '"'][..], &['«', '»'], &['‘', '’', '\'', '‹', '›']] {
                let want: Vec<(usize, char)> = t.char_indices().filter(|(_, c)| wanted.contains(c)).collect();
                assert_eq!(marks(&found, wanted).collect::<Vec<_>>(), want);
            }
        }
    }

    #[test]
    fn seed_article() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let text = ["/../shared/fixtures/seed-article.txt", "/../../shared/fixtures/seed-article.txt"]
            .iter()
            .find_map(|p| std::fs::read_to_string(format!("{dir}{p}")).ok())
            .expect("seed-article.txt in ../shared/fixtures or ../../shared/fixtures");
        let got = full(&text);
        assert_eq!(
            got,
            vec![
                term("“necessity”"),
                term("“counter-terrorism”"),
                term("“defeat terrorism”"),
                term("“war on terror,”"),
                term("“progress.”"),
                st(
                    "“press both Afghanistan and Pakistan to deny terrorists sanctuary on either side of the border.”",
                    Some("Democratic Party")
                ),
                term("“Greater Middle East,”"),
                term("“routinely”"),
                term("“enemy”"),
                term("“agreement”"),
            ]
        );
    }

    #[test]
    fn attribution_after() {
        assert_eq!(full("\"We will win the war,\" Mattis said."), [st("\"We will win the war,\"", Some("Mattis"))]);
        assert_eq!(full("“It is over,” he said."), [st("“It is over,”", Some("he"))]);
        assert_eq!(
            full("“We will not leave,” said Defense Secretary Jim Mattis, the former general."),
            [st("“We will not leave,”", Some("Jim Mattis"))]
        );
        assert_eq!(
            full("“Nothing has changed,” according to the Republican Party platform."),
            [st("“Nothing has changed,”", Some("Republican Party"))]
        );
        assert_eq!(full("“Never,” she added."), [st("“Never,”", Some("she"))]);
        assert_eq!(
            full("“We are ready for anything,” a spokesman for the ministry told reporters."),
            [st("“We are ready for anything,”", Some("a spokesman"))]
        );
        assert_eq!(
            full("“This is a mistake,” Lieutenant General Douglas Lute later told the committee."),
            [st("“This is a mistake,”", Some("Douglas Lute"))]
        );
        assert_eq!(full("\"We won 3-0\", the coach said."), [st("\"We won 3-0\"", Some("the coach"))]);
    }

    #[test]
    fn attribution_before() {
        assert_eq!(full("Mattis: “We are ready.”"), [st("“We are ready.”", Some("Mattis"))]);
        assert_eq!(full("Mattis told CNN: “We are ready.”"), [st("“We are ready.”", Some("Mattis"))]);
        assert_eq!(full("He told reporters: “We are ready.”"), [st("“We are ready.”", Some("He"))]);
        assert_eq!(
            full("Smith said on Tuesday that the company was “in good shape and growing fast.”"),
            [st("“in good shape and growing fast.”", Some("Smith"))]
        );
        assert_eq!(
            full("According to Smith, “the plan has failed completely.”"),
            [st("“the plan has failed completely.”", Some("Smith"))]
        );
        assert_eq!(
            full("Jim Mattis, the defense secretary, said “we will stay the course.”"),
            [st("“we will stay the course.”", Some("Jim Mattis"))]
        );
        assert_eq!(
            full("The Secretary of State Rex Tillerson wrote: “Our alliance is strong.”"),
            [st("“Our alliance is strong.”", Some("Rex Tillerson"))]
        );
    }

    #[test]
    fn appositives_and_clauses() {
        assert_eq!(
            full("Speaking on the radio, the chancellor, Philip Hammond, warned: 'There is no such thing as a good deal.'"),
            [st("'There is no such thing as a good deal.'", Some("Philip Hammond"))]
        );
        assert_eq!(
            full("Sen. John McCain, R-Ariz., said “the plan is a good first step.”"),
            [st("“the plan is a good first step.”", Some("John McCain"))]
        );
        assert_eq!(
            full("My friend Dave — he's 6'2\" and orders the 16\" pizza — told me, “You're overthinking this.”"),
            [st("“You're overthinking this.”", Some("Dave"))]
        );
        assert_eq!(
            full(
                "According to a Pentagon spokeswoman, Dana White, the review “will be completed in the coming weeks.”"
            ),
            [st("“will be completed in the coming weeks.”", Some("Dana White"))]
        );
        // A name after "on" before a colon is not the speaker.
        assert_eq!(
            full("The president wrote on Twitter: “Our troops will win!”"),
            [st("“Our troops will win!”", Some("The president"))]
        );
        assert_eq!(
            full("As my grandmother used to say: “Never trust a man who doesn't tip.”"),
            [st("“Never trust a man who doesn't tip.”", Some("my grandmother"))]
        );
        // Mid-sentence in someone else's clause: no speaker borrowed from the sentence before.
        assert_eq!(
            full("“We won,” Smith said. Apple calls the new phone “the most advanced phone we have ever made.”"),
            [st("“We won,”", Some("Smith")), st("“the most advanced phone we have ever made.”", None)]
        );
    }

    #[test]
    fn possessives_and_paragraph_limits() {
        assert_eq!(
            full("“It was a tragedy,” Britain’s Prime Minister Boris Johnson said on Monday."),
            [st("“It was a tragedy,”", Some("Boris Johnson"))]
        );
        // No speaker borrowed from a sentence in another paragraph...
        assert_eq!(full("He said he was not aware of it.\n\n“No comment.”"), [st("“No comment.”", None)]);
        // ...unless it ends with a colon.
        assert_eq!(
            full("Smith said on Tuesday:\n\n“We have won and we are going home.”"),
            [st("“We have won and we are going home.”", Some("Smith"))]
        );
    }

    #[test]
    fn name_spans_are_preferred() {
        let text =
            "Pakistan Chief of Army Staff General Qamar Javed Bajwa told reporters: “We stand with our partners.”";
        let names = [name(text, "Qamar Javed Bajwa", Kind::Person), name(text, "Pakistan", Kind::Place)];
        assert_eq!(full_with(text, &names), [st("“We stand with our partners.”", Some("Qamar Javed Bajwa"))]);
        // Without names the titles are stripped by rule.
        assert_eq!(full(text), [st("“We stand with our partners.”", Some("Qamar Javed Bajwa"))]);
        let text =
            "According to a Pentagon spokeswoman, Dana White, the review “will be completed in the coming weeks.”";
        let names = [name(text, "Pentagon", Kind::Organization), name(text, "Dana White", Kind::Person)];
        assert_eq!(full_with(text, &names), [st("“will be completed in the coming weeks.”", Some("Dana White"))]);
        let text = "Similarly, the Democratic Party platform calls for continued military action to “press both Afghanistan and Pakistan to act.”";
        let names = [name(text, "Democratic Party", Kind::Organization)];
        assert_eq!(
            full_with(text, &names),
            [st("“press both Afghanistan and Pakistan to act.”", Some("Democratic Party"))]
        );
        let text = "“We will review the policy,” said the Acme Widget Corporation of Ohio on Monday.";
        let names = [name(text, "Acme Widget Corporation", Kind::Organization)];
        assert_eq!(full_with(text, &names), [st("“We will review the policy,”", Some("Acme Widget Corporation"))]);
    }

    #[test]
    fn multi_sentence_and_adjacent_sentence() {
        assert_eq!(
            full("“We will win. We always do,” Smith said."),
            [st("“We will win. We always do,”", Some("Smith"))]
        );
        assert_eq!(
            full("“We will win,” Smith said. “We always do.”"),
            [st("“We will win,”", Some("Smith")), st("“We always do.”", Some("Smith"))]
        );
        assert_eq!(
            full("Smith said on Monday that the war was over. “We have won and we are going home.”"),
            [st("“We have won and we are going home.”", Some("Smith"))]
        );
        // A quote with a speech verb of its own does not borrow a speaker.
        assert_eq!(
            full("“We will win,” Smith said. “We always do,” a rival said later."),
            [st("“We will win,”", Some("Smith")), st("“We always do,”", Some("a rival"))]
        );
    }

    #[test]
    fn continuation_paragraphs() {
        let text = "Smith said: “We will fight on the beaches and in the fields.\n\n“We will never surrender, not now and not ever.”\n\nThe crowd cheered.";
        assert_eq!(
            full(text),
            [
                st("“We will fight on the beaches and in the fields.", Some("Smith")),
                st("“We will never surrender, not now and not ever.”", Some("Smith")),
            ]
        );
        // The attribution in the last part reaches back to the first.
        let text = "“The first part runs long here.\n\n“And the second part ends,” Jones said.";
        assert_eq!(
            full(text),
            [st("“The first part runs long here.", Some("Jones")), st("“And the second part ends,”", Some("Jones"))]
        );
        // Straight quotes re-opening too; line-broken paragraphs.
        let text = "\"One more thing to say here.\n\"And another,\" he said.";
        assert_eq!(full(text), [st("\"One more thing to say here.", Some("he")), st("\"And another,\"", Some("he"))]);
        // Even a short unclosed part is a statement in a chain.
        let text = "“Yes.\n\n“No,” she said.";
        assert_eq!(texts(text), ["“Yes.", "“No,”"]);
        assert_eq!(quotes(text)[0].role, Some(QuoteRole::Statement));
    }

    #[test]
    fn unbalanced_stays_in_paragraph() {
        let text = "He called it “absurd and left.\n\nLater the “term” came up.\n\nNo quotes here.";
        assert_eq!(texts(text), ["“absurd and left.", "“term”"]);
        // An opening mark again before a close restarts the quote.
        assert_eq!(texts("A “broken one and a “real one” here."), ["“real one”"]);
        // A stray closing mark does nothing.
        assert_eq!(texts("It ended.” Then “fine” came."), ["“fine”"]);
    }

    #[test]
    fn roles() {
        assert_eq!(full("the so-called “war on terror,” would fail"), [term("“war on terror,”")]);
        assert_eq!(full("In particular, the “Greater Middle East,” with its oil"), [term("“Greater Middle East,”")]);
        assert_eq!(full("a working relationship to “progress.”"), [term("“progress.”")]);
        assert_eq!(
            full("They read “The Lord of the Rings and the Hobbit” again."),
            [term("“The Lord of the Rings and the Hobbit”")]
        );
        assert_eq!(
            full("The memo described “a total and complete failure of leadership” in the unit."),
            [st("“a total and complete failure of leadership”", None)]
        );
        // Short but a full capitalized sentence.
        assert_eq!(full("Then came “We shall overcome.”"), [st("“We shall overcome.”", None)]);
        // One word, lower case, even with a reporting verb nearby: a term.
        assert_eq!(full("Commanders revealed they had been “routinely” extending the war."), [term("“routinely”")]);
        // A spoken partial quote of three words after "said".
        assert_eq!(
            full("The spokesman said the firm would “continue cooperating fully” with police."),
            [st("“continue cooperating fully”", Some("The spokesman"))]
        );
    }

    #[test]
    fn single_quotes_and_apostrophes() {
        assert!(
            texts("Pakistan’s army loved rock ’n’ roll in the ’90s and the '80s, didn’t it? Rock 'n' roll.").is_empty()
        );
        assert!(texts("The students’ union met. Jones’ car and the boys' toys.").is_empty());
        assert_eq!(full("It was the ‘best’ day."), [term("‘best’")]);
        assert_eq!(full("‘It’s fine,’ he said."), [st("‘It’s fine,’", Some("he"))]);
        assert_eq!(
            full("‘The students’ union is closed today,’ she said."),
            [st("‘The students’ union is closed today,’", Some("she"))]
        );
        assert_eq!(full("'I won't go,' Ann said."), [st("'I won't go,'", Some("Ann"))]);
        // British style: double inside single is not reported separately.
        assert_eq!(texts("‘He told me “never” twice,’ she said."), ["‘He told me “never” twice,’"]);
        // An unclosed single quote does not hide a double one.
        assert_eq!(texts("Then ‘x and he said “We will win.”"), ["“We will win.”"]);
        // 'til and 'em are elisions.
        assert!(texts("Wait 'til they see 'em go.").is_empty());
        // Hawaiian ʻokina-style ‘ between letters is part of the word.
        assert!(texts("He lives in Hawai‘i now.").is_empty());
    }

    #[test]
    fn nested_and_mixed() {
        assert_eq!(
            full("“He told me ‘no’ yesterday,” Smith said."),
            [st("“He told me ‘no’ yesterday,”", Some("Smith"))]
        );
        assert_eq!(
            texts("“He called it \"absurd\" today and walked off,” Smith said."),
            ["“He called it \"absurd\" today and walked off,”"]
        );
        assert_eq!(texts("He said “it was fine\" and left."), ["“it was fine\""]);
        assert_eq!(texts("Sie sagte: „Wir schaffen das.“ Dann ging sie."), ["„Wir schaffen das.“"]);
        assert_eq!(texts("Il a dit : «Nous allons gagner», puis il est parti."), ["«Nous allons gagner»"]);
        assert_eq!(
            texts("«Nous allons gagner cette guerre.\n\n«Et vite», a-t-il dit."),
            ["«Nous allons gagner cette guerre.", "«Et vite»"]
        );
    }

    #[test]
    fn inch_marks() {
        assert_eq!(texts("He is 5'10\" tall and ate a 12\" pizza. \"Great pizza,\" he said."), ["\"Great pizza,\""]);
        assert_eq!(texts("\"I am 5'10\" tall,\" he said."), ["\"I am 5'10\" tall,\""]);
    }

    #[test]
    fn emoji_and_rtl() {
        let text = "“שלום עולם 😀 friends forever and ever,” she said. «مرحبا بالعالم» و “😀”.";
        let q = full(text);
        assert_eq!(q[0], st("“שלום עולם 😀 friends forever and ever,”", Some("she")));
        assert_eq!(q[1].0, "«مرحبا بالعالم»");
        assert_eq!(q[2], term("“😀”"));
        assert_eq!(q.len(), 3);
        assert_eq!(texts("He said “e\u{301}te\u{301} 👩‍👩‍👧 ok”."), ["“e\u{301}te\u{301} 👩‍👩‍👧 ok”"]);
    }

    #[test]
    fn floods_of_marks() {
        for mark in ["\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "“”", "‘’", "\"'", "'\"", "“\"‘'«"]
        {
            let text = mark.repeat(10_000);
            let t0 = std::time::Instant::now();
            let q = quotes(&text);
            assert!(q.is_empty(), "{mark}: {:?}", q.first());
            assert!(t0.elapsed().as_secs() < 5, "{mark} took {:?}", t0.elapsed());
        }
        // Marks around words: alternation pairs them; output stays proportional.
        let text = "\"a\" ".repeat(10_000);
        let q = quotes(&text);
        assert_eq!(q.len(), 10_000);
        assert!(q.iter().all(|s| s.text == "\"a\"" && s.role == Some(QuoteRole::Term)));
        let text = "“a ".repeat(10_000);
        assert_eq!(quotes(&text).len(), 1); // restarts; only the last stays open to the end
        let text = "said he “".repeat(5_000) + "said “we” he said";
        let _ = quotes(&text);
    }

    #[test]
    fn long_sentence_is_linear() {
        let mut text = String::from("He said “");
        for _ in 0..100_000 {
            text.push_str("word ");
        }
        text.push_str("end,” Smith said.");
        let t0 = std::time::Instant::now();
        let q = quotes(&text);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_ref().map(|s| s.text.as_str()), Some("Smith"));
        assert!(t0.elapsed().as_secs() < 10);
    }

    #[test]
    fn big_inputs_scale_linearly() {
        // Each pattern at two sizes: the bigger one (10x) must not take ~100x as long (quadratic).
        let patterns: [&str; 6] = [
            "“We will win,” Smith said, “and ",
            "\"a\" said he \"b, ",
            "Mr. Smith, the chief, said: “",
            "‘x’s ‘y ’90s ",
            "“a\n\n",
            "according to the Big Party platform, calls for “",
        ];
        for pat in patterns {
            let time = |n: usize| {
                let text = pat.repeat(n);
                let t0 = std::time::Instant::now();
                let q = quotes(&text);
                (t0.elapsed().as_secs_f64(), q.len())
            };
            let (small, _) = time(2_000);
            let (big, n) = time(20_000);
            assert!(big < 30.0 * small + 1.0, "{pat:?}: {small}s vs {big}s ({n} quotes)");
        }
    }

    #[test]
    fn fuzz_invariants() {
        let alphabet: Vec<char> = "ab Z9 \"'“”‘’«»„‹›.,:!?\n\n—-😀שא5 said he Smith according to".chars().collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 60) as usize;
            let mut s = String::new();
            let mut x = seed;
            for _ in 0..len {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(alphabet[((x >> 33) as usize) % alphabet.len()]);
            }
            let doc = segment(&s);
            let q = extract(&doc, &[]);
            let mut last_end = 0;
            for sp in &q {
                assert!(sp.start < sp.end && sp.end <= s.len(), "{s:?}");
                assert_eq!(sp.text, &s[sp.start..sp.end]);
                assert!(sp.start >= last_end, "overlap in {s:?}");
                last_end = sp.end;
                assert!(sp.role.is_some());
                if let Some(spk) = &sp.speaker {
                    assert_eq!(spk.text, &s[spk.start..spk.end]);
                }
            }
        }
    }
}
