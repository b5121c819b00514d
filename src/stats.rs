//! Text metrics: counts, syllables, reading and speaking time, readability grades, lexical
//! diversity, keywords, and each sentence's grade.
//!
//! ## Words
//! A word is a token holding a letter or digit. Tokens joined without space by a hyphen
//! ("counter-terrorism", "U.S.-Pakistan", "1,200-1,800") or by an apostrophe clitic
//! ("Pakistan's", "they're") are one word. Numbers are words. In Chinese and Japanese text, where
//! words are not separated by spaces, every Han, Hiragana or Katakana character counts as a word
//! (as word processors count them); a run of other letters or digits in the same token is one more.
//!
//! ## Syllables
//! English words: vowel groups (a e i o u; y when not between a vowel and another vowel), minus a
//! silent final "e" (kept after a consonant + "l"/"r": "table", "centre"), minus a silent "-es"
//! (kept after s/x/z/ch/sh/c/g: "boxes", "places") and "-ed" (kept after t/d: "wanted"), minus a
//! silent "e" before -ment/-ly/-ness/-less/-ful/-ty ("statement", "likely"), minus "-gue"/"-que";
//! plus one for split vowel pairs ("media", "radio", "quiet", "European", "continuing", "lion",
//! "-iate"/"-iation"), "-ism", and "re-" before a vowel ("reopen"); a small exception list
//! ("being", "area", "business", …). Every word has at least one syllable. Measured against the
//! CMU Pronouncing Dictionary on the lower-case words of CoNLL-2003 train (news), 98.6% of word
//! tokens fall within CMU's count (95.9% of distinct words), with a mean bias of +0.0004 per word.
//! Short all-capital abbreviations and dotted ones ("CIA", "U.S.") are spelled out: one syllable
//! per letter ("W" three).
//!
//! Numbers count one syllable each ("2017", "1,200", "2.5", "40m"): digits are read at a glance,
//! and counting them by spoken length ("twenty seventeen") would make every dated or statistical
//! sentence of a news article look hard. Numbers are never complex words or polysyllables.
//!
//! Other scripts: accented Latin, Greek and Cyrillic vowels form vowel groups; CJK characters and
//! Hangul syllable blocks are one syllable each; scripts without written vowels (Arabic, Hebrew, …)
//! count one syllable per two letters, rounded up.
//!
//! ## Formulas (W words, S sentences that hold a word, Y syllables)
//! - Flesch Reading Ease: 206.835 − 1.015·W/S − 84.6·Y/W
//! - Flesch–Kincaid grade: 0.39·W/S + 11.8·Y/W − 15.59
//! - Gunning fog: 0.4·(W/S + 100·complex/W); complex = 3+ syllables, not capitalized mid-sentence
//!   (proper noun), not hyphenated, not a number, and still 3+ syllables without "-es"/"-ed"/"-ing".
//! - SMOG: 1.043·√(polysyllables·30/S) + 3.1291 (polysyllables: words of 3+ syllables, not numbers)
//! - Coleman–Liau: 0.0588·L − 0.296·S100 − 15.8 (L letters per 100 words, S100 sentences per 100 words)
//! - ARI: 4.71·C/W + 0.5·W/S − 21.43 (C letters and digits in words)
//! - Reading time W/238 min, speaking time W/150 min (reported in seconds).
//! - Type–token ratio: distinct lower-cased words / words.
//! - MTLD (McCarthy & Jarvis 2010): factors of TTR falling to 0.72, with a partial last factor,
//!   forward and backward averaged. A text that never falls to 0.72 has no full factor; if even the
//!   partial factor is 0 (every word distinct), MTLD is reported as the number of words.
//!
//! With no words every figure is 0 (never NaN or infinite).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::wordset::{fx, EdgeFilter, WordMap, WordSet};
use crate::model::{Difficulty, Keyword, Sentence, Stats};
use crate::text::{push_lower, Doc, Segment, TokKind, Token};

/// English stopwords skipped by the keyword list (lower case, ASCII apostrophes).
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "against", "ago", "all", "almost", "along", "already", "also",
    "although", "always", "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "aren't",
    "around", "as", "at", "away", "back", "be", "became", "because", "become", "been", "before", "being", "below",
    "between", "both", "but", "by", "came", "can", "can't", "cannot", "come", "could", "couldn't", "did", "didn't",
    "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "either", "else", "enough", "even", "ever",
    "every", "few", "first", "for", "from", "further", "get", "gets", "got", "had", "hadn't", "has", "hasn't", "have",
    "haven't", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
    "in", "into", "is", "isn't", "it", "its", "itself", "just", "last", "least", "less", "let", "like", "made", "make",
    "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "near", "neither", "never", "new",
    "next", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others",
    "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps", "rather", "really", "said", "same", "say",
    "says", "see", "seen", "several", "shall", "she", "should", "shouldn't", "since", "so", "some", "something",
    "still", "such", "take", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "though", "through", "thus", "to", "too", "toward", "towards", "two", "under", "until",
    "up", "upon", "us", "very", "via", "was", "wasn't", "we", "well", "were", "weren't", "what", "whatever", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "won't",
    "would", "wouldn't", "yet", "you", "your", "yours", "yourself", "yourselves", "year", "years", "told", "also",
    "would", "three", "whose",
];

static STOP: LazyLock<WordSet> = LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// Words the syllable heuristic gets wrong.
const SYLLABLE_EXCEPTIONS: &[(&str, u32)] = &[
    ("being", 2),
    ("doing", 2),
    ("going", 2),
    ("seeing", 2),
    ("saying", 2),
    ("agreeing", 3),
    ("area", 3),
    ("areas", 3),
    ("idea", 3),
    ("ideas", 3),
    ("korea", 3),
    ("business", 2),
    ("businesses", 3),
    ("every", 2),
    ("everyone", 3),
    ("everything", 3),
    ("different", 3),
    ("evening", 2),
    ("interest", 2),
    ("interested", 3),
    ("family", 3),
    ("create", 2),
    ("created", 3),
    ("creates", 2),
    ("creating", 3),
    ("poem", 2),
    ("poems", 2),
    ("science", 2),
    ("quiet", 2),
    ("client", 2),
    ("clients", 2),
    ("piano", 3),
    ("video", 3),
    ("videos", 3),
    ("radio", 3),
    ("stereo", 3),
    ("rodeo", 3),
    ("cooperation", 5),
    ("cooperate", 4),
    ("coordinate", 4),
    ("coordinated", 5),
    ("reuters", 2),
    ("ahmed", 2),
    ("javed", 2),
    ("mohammed", 3),
    ("muhammed", 3),
    ("hamed", 2),
    ("spokesman", 2),
    ("spokesmen", 2),
    ("spokeswoman", 3),
    ("spokeswomen", 3),
    ("spokespeople", 3),
    ("policeman", 3),
    ("policemen", 3),
    ("forecast", 2),
    ("forecasts", 2),
    ("forecasting", 3),
    ("forecaster", 3),
    ("forecasters", 3),
    ("wednesday", 2),
    ("maybe", 2),
    ("anyone", 3),
    ("nuclear", 3),
    ("coalition", 4),
    ("argue", 2),
    ("argues", 2),
    ("argued", 2),
    ("scientific", 4),
    ("scientist", 3),
    ("scientists", 3),
    ("premier", 2),
    ("premiers", 2),
    ("baseball", 2),
    ("timetable", 3),
    ("croatia", 3),
    ("croatian", 3),
    ("naive", 2),
    ("react", 2),
    ("reaction", 3),
    ("realize", 3),
    ("realized", 3),
    ("realise", 3),
    ("realised", 3),
    ("element", 3),
    ("elements", 3),
    ("vehement", 3),
    ("vehemently", 4),
    ("theater", 3),
    ("theatre", 3),
    ("museum", 3),
    ("people", 2),
    ("iraq", 2),
    ("iran", 2),
    ("israel", 3),
    ("somewhere", 2),
    ("sometimes", 2),
    ("someone", 2),
    ("something", 2),
    ("somehow", 2),
    ("whenever", 3),
    ("forever", 3),
    ("whatever", 3),
    ("however", 3),
    ("moreover", 3),
    ("therefore", 2),
    ("furthermore", 3),
    ("sure", 1),
    ("whole", 1),
    ("one", 1),
    ("once", 1),
    ("the", 1),
    ("real", 1),
    ("really", 2),
    ("ocean", 2),
    ("obey", 2),
    ("prayer", 1),
];

/// The syllable exceptions, and a prefilter that rules out the lookup for most words.
struct Exceptions {
    map: WordMap<u32>,
    filter: EdgeFilter,
}

static SYL_EXC: LazyLock<Exceptions> = LazyLock::new(|| Exceptions {
    map: SYLLABLE_EXCEPTIONS.iter().copied().collect(),
    filter: SYLLABLE_EXCEPTIONS.iter().map(|&(w, _)| w).collect(),
});

/// The listed syllable count of `w`, if it is an exception.
#[inline]
fn syllable_exception(w: &str) -> Option<u32> {
    let exc = &*SYL_EXC;
    if w.is_empty() || !exc.filter.may_contain(w) {
        return None;
    }
    exc.map.get(w).copied()
}

/// Han ideographs, Hiragana, Katakana: scripts written without spaces between words.
#[inline]
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x3134F) // Extensions B–G
}

#[inline]
fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Vowels of the Latin (with accents), Greek and Cyrillic alphabets, in lower case.
#[inline]
fn is_vowel_char(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y'
            | 'à'..='æ'
            | 'è'..='ï'
            | 'ò'..='ö'
            | 'ø'..='ü'
            | 'ý' | 'ÿ' | 'œ' | 'ā' | 'ē' | 'ī' | 'ō' | 'ū' | 'ă' | 'ę' | 'ą' | 'ě' | 'ı'
            | 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω' | 'ά' | 'έ' | 'ή' | 'ί' | 'ό' | 'ύ' | 'ώ'
            | 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'є' | 'і' | 'ї'
    )
}

/// Syllables of an English word given as lower-case ASCII letters (no apostrophes).
pub fn english_syllables(w: &[u8]) -> u32 {
    match std::str::from_utf8(w) {
        Ok(s) => syllables(s),
        Err(_) => heuristic_syllables(w),
    }
}

/// [`english_syllables`] of a word already known to be a `str`.
#[inline]
fn syllables(w: &str) -> u32 {
    if w.is_empty() {
        return 0;
    }
    match syllable_exception(w) {
        Some(k) => k,
        None => heuristic_syllables(w.as_bytes()),
    }
}

/// The syllable rules (the module notes), without the exception list.
fn heuristic_syllables(w: &[u8]) -> u32 {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    if n <= 2 {
        return 1;
    }
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let cons = |b: u8| b.is_ascii_alphabetic() && !vowel(b) && b != b'y';
    let mut count: i32 = 0;
    let mut prev_v = false;
    let mut force = false;
    for i in 0..n {
        let b = w[i];
        let next = w.get(i + 1).copied().unwrap_or(b' ');
        let v = if b == b'y' {
            if i == 0 {
                // "yes" vs "ytterbium".
                cons(next)
            } else if vowel(next) {
                // "playing", "royal", "lawyer", "Tokyo": a consonant; "carrying", "flying": a vowel.
                next == b'i' && !prev_v
            } else {
                true
            }
        } else {
            vowel(b)
        };
        if v && (!prev_v || force) {
            count += 1;
        }
        force = b == b'y' && v && next == b'i';
        prev_v = v;
    }
    let last = w[n - 1];
    let pen = w[n - 2];
    // A consonant + "l"/"r" keeps its own syllable: "table", "centre", "settled", "tables".
    let syllabic_lr = |k: usize| -> bool {
        k >= 1 && matches!(w[k], b'l' | b'r') && cons(w[k - 1]) && !matches!(w[k - 1], b'l' | b'r')
    };
    // Silent final "e": "make", "active"; but "table", "centre", "the", "free".
    if last == b'e' && count > 1 && cons(pen) && !syllabic_lr(n - 2) {
        count -= 1;
    }
    // Silent "-es" and "-ed": "makes", "killed"; but "boxes", "places", "wanted", "settled".
    if n >= 4 && pen == b'e' && (last == b's' || last == b'd') && count > 1 {
        let before = w[n - 3];
        if cons(before) || before == b'y' {
            let voiced = if last == b's' {
                matches!(before, b's' | b'x' | b'z' | b'c' | b'g')
                    || (before == b'h' && matches!(w[n - 4], b'c' | b's'))
            } else {
                matches!(before, b't' | b'd')
            };
            if !voiced && !syllabic_lr(n - 3) {
                count -= 1;
            }
        }
    }
    // "-gue", "-que": "league", "unique", "Prague".
    if count > 1 && (w.ends_with(b"gue") || w.ends_with(b"que") || w.ends_with(b"gues") || w.ends_with(b"ques")) {
        count -= 1;
    }
    // Silent "e" before a suffix: "statement", "likely", "safety", "hopeful", "elsewhere".
    // (Every suffix ends in one of these letters.)
    if matches!(last, b's' | b't' | b'l' | b'y' | b'e') {
        for suf in [&b"ments"[..], b"ment", b"ness", b"less", b"ful", b"ly", b"ty", b"where"] {
            if n >= suf.len() + 3 && w.ends_with(suf) {
                let e = n - suf.len() - 1;
                if w[e] == b'e' && cons(w[e - 1]) && !syllabic_lr(e - 1) && count > 1 {
                    count -= 1;
                }
                break;
            }
        }
    }
    // Split vowel pairs.
    let tail_is = |i: usize, t: &[u8]| w.get(i..).is_some_and(|r| r == t);
    for i in 1..n - 1 {
        let (a, b) = (w[i], w[i + 1]);
        // (Every split pair starts with one of these.)
        if !matches!(a, b'i' | b'e' | b'u') {
            continue;
        }
        let prev = w[i - 1];
        let split = match (a, b) {
            // "lion", "giant", "diary", "riot", "biology".
            (b'i', b'a' | b'o' | b'u') if i == 1 => true,
            // "ratio", "patio".
            (b'i', b'o') if prev == b't' && i + 2 == n => true,
            // "experience", "audience", "alien", "convenient"; but "friend", "patient", "ancient".
            (b'i', b'e')
                if w.get(i + 2) == Some(&b'n')
                    && i >= 2
                    && vowel(w[i - 2])
                    && !matches!(prev, b'c' | b't' | b's' | b'g' | b'h') =>
            {
                true
            }
            // "-iate", "-iation", "-iator": "negotiate", "association".
            (b'i', b'a') if w.get(i + 2) == Some(&b't') && matches!(w.get(i + 3), Some(b'e' | b'i' | b'o')) => true,
            // "media", "Syria", "stadium"; but "special", "Asia", "Italian", "Belgium".
            (b'i', b'a') => !matches!(prev, b'c' | b't' | b's' | b'g' | b'x' | b'l'),
            // "radio", "violent", "previous"; but "nation", "vision", "region", "union", "million".
            (b'i', b'o') => !matches!(prev, b'c' | b't' | b's' | b'g' | b'x' | b'n' | b'l'),
            (b'i', b'u') => !matches!(prev, b'g'),
            // "quiet", "diet", "society"; "earlier", "carrier", "easiest".
            (b'i', b'e') => {
                b == b'e'
                    && (w.get(i + 2) == Some(&b't')
                        || ((tail_is(i, b"ier") || tail_is(i, b"iers") || tail_is(i, b"iest"))
                            && n >= 6
                            && !matches!(prev, b'd' | b't' | b'h' | b'c')))
            }
            // "European", "Korean"; but "ocean", "mean".
            (b'e', b'a') => n >= 6 && (tail_is(i, b"ean") || tail_is(i, b"eans")) && !matches!(prev, b'c' | b'g'),
            // "continuing", "arguing".
            (b'u', b'i') => tail_is(i, b"uing") && prev != b'q',
            (b'u', b'a') | (b'u', b'o') => !matches!(prev, b'q' | b'g'),
            _ => false,
        };
        if split {
            count += 1;
        }
    }
    // "re-" before a vowel: "reopen", "reassure", "reimburse", "reunite".
    if n >= 6 && w.starts_with(b"re") {
        for pre in [
            &b"reo"[..],
            b"reu",
            b"reass",
            b"reapp",
            b"reaff",
            b"reaw",
            b"reinf",
            b"reins",
            b"reimb",
            b"reit",
            b"reinv",
            b"reint",
            b"reen",
            b"reem",
            b"reeval",
            b"reelect",
        ] {
            if w.starts_with(pre) {
                count += 1;
                break;
            }
        }
    }
    // "-ism": "terrorism" is ter-ror-is-m.
    if n >= 4 && w.ends_with(b"ism") {
        count += 1;
    }
    count.max(1) as u32
}

/// What one word token contributes.
#[derive(Default, Clone, Copy)]
struct Part {
    syllables: u32,
    /// Alphabetic characters.
    letters: u32,
    /// Letters and digits.
    alnum: u32,
    /// Syllables without a final "-es"/"-ed"/"-ing", for Gunning's complex words.
    stem_syllables: u32,
}

/// Scratch space reused across tokens.
struct Scratch {
    /// The ASCII letters of the token being measured, lower-cased.
    ascii: String,
}

/// What one pass over a token's characters finds.
#[derive(Default)]
struct Scan {
    part: Part,
    upper: u32,
    dotted: bool,
    /// No letter outside ASCII.
    ascii: bool,
    /// (Used only when not `ascii`; [`scan_ascii`] leaves it 0.)
    vowel_groups: u32,
    hangul: u32,
}

/// Scans an ASCII token byte by byte: what [`scan_chars`] finds on ASCII, without decoding,
/// except `vowel_groups` (left 0: on ASCII, [`measure`] only asks whether a vowel occurs).
/// None when `tok` is not ASCII.
#[inline]
fn scan_ascii(tok: &str, scratch: &mut Scratch) -> Option<Scan> {
    let (mut letters, mut upper, mut digits, mut dots, mut high) = (0u32, 0u32, 0u32, 0u32, 0u8);
    for &b in tok.as_bytes() {
        letters += b.is_ascii_alphabetic() as u32;
        upper += b.is_ascii_uppercase() as u32;
        digits += b.is_ascii_digit() as u32;
        dots += (b == b'.') as u32;
        high |= b;
    }
    if !high.is_ascii() {
        return None;
    }
    if letters as usize == tok.len() {
        scratch.ascii.push_str(tok);
        scratch.ascii.make_ascii_lowercase();
    } else {
        scratch.ascii.extend(tok.bytes().filter(u8::is_ascii_alphabetic).map(|b| b.to_ascii_lowercase() as char));
    }
    Some(Scan {
        part: Part { letters, alnum: letters + digits, ..Part::default() },
        upper,
        dotted: dots > 0,
        ascii: true,
        vowel_groups: 0,
        hangul: 0,
    })
}

/// Scans a token character by character.
#[inline(never)]
fn scan_chars(tok: &str, scratch: &mut Scratch) -> Scan {
    let mut sc = Scan { ascii: true, ..Scan::default() };
    let p = &mut sc.part;
    let mut prev_vowel = false;
    for c in tok.chars() {
        if c.is_alphabetic() {
            p.letters += 1;
            p.alnum += 1;
            if c.is_uppercase() {
                sc.upper += 1;
            }
            if c.is_ascii() {
                scratch.ascii.push(c.to_ascii_lowercase());
            } else {
                sc.ascii = false;
                if is_hangul_syllable(c) {
                    sc.hangul += 1;
                }
            }
            let lc = if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) };
            let v = is_vowel_char(lc);
            if v && !prev_vowel {
                sc.vowel_groups += 1;
            }
            prev_vowel = v;
        } else if c.is_numeric() {
            p.alnum += 1;
            prev_vowel = false;
        } else if c == '.' {
            sc.dotted = true;
            prev_vowel = false;
        } else {
            prev_vowel = false;
        }
    }
    sc
}

/// Measures one word token (not CJK); short abbreviations count as spoken letter by letter.
fn measure(tok: &str, kind: TokKind, scratch: &mut Scratch) -> Part {
    scratch.ascii.clear();
    let sc = match scan_ascii(tok, scratch) {
        Some(sc) => sc,
        None => scan_chars(tok, scratch),
    };
    let Scan { part: mut p, upper, dotted, ascii, vowel_groups, hangul } = sc;
    if kind == TokKind::Number {
        // One syllable per number: digits are read as one unit, and counting "2017" as
        // "twenty seventeen" would make every dated or statistical sentence look hard.
        p.syllables = 1;
        p.stem_syllables = 1;
        return p;
    }
    if p.letters == 0 {
        p.syllables = if p.alnum > 0 { 1 } else { 0 };
        p.stem_syllables = p.syllables;
        return p;
    }
    if ascii {
        let w = scratch.ascii.as_str();
        // Abbreviations: "U.S.", "CIA", "FBI" are spelled out.
        let all_caps = upper == p.letters && p.letters >= 2;
        let spelled = (dotted && p.letters <= 6 && p.letters * 2 >= tok.len() as u32 - 1)
            || (all_caps
                && p.letters <= 4
                && (!w.bytes().any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
                    || (p.letters <= 3 && !STOP.contains(w))));
        if spelled {
            p.syllables = w.bytes().map(|b| if b == b'w' { 3 } else { 1 }).sum();
            p.stem_syllables = p.syllables;
            return p;
        }
        p.syllables = syllables(w);
        p.stem_syllables = p.syllables;
        if p.syllables >= 3 {
            let n = w.len();
            // (ASCII: any byte offset is a character boundary.)
            let stem: Option<&str> = if w.ends_with("ing") && n > 5 {
                w.get(..n - 3)
            } else if (w.ends_with("ed") || w.ends_with("es")) && n > 4 {
                w.get(..n - 2)
            } else {
                None
            };
            if let Some(stem) = stem {
                p.stem_syllables = syllables(stem).min(p.syllables);
            }
        }
        return p;
    }
    p.syllables = if hangul > 0 {
        hangul + vowel_groups
    } else if vowel_groups > 0 {
        vowel_groups
    } else {
        p.letters.div_ceil(2)
    };
    p.syllables = p.syllables.max(1);
    p.stem_syllables = p.syllables;
    p
}

/// What a distinct surface form of a word contributes (measured once per form).
#[derive(Clone, Copy)]
struct WordInfo {
    syl: u32,
    /// Syllables without "-es"/"-ed"/"-ing" on the first part (Gunning).
    stem: u32,
    letters: u32,
    alnum: u32,
    /// Tokens joined by hyphens (clitics not counted).
    parts: u32,
    all_number: bool,
}

/// Running totals.
#[derive(Default)]
struct Totals {
    words: usize,
    syllables: usize,
    complex: usize,
    poly: usize,
    word_letters: usize,
    word_alnum: usize,
}

impl Totals {
    /// Counts one word of `info`: its syllables, letters and letters-or-digits.
    #[inline]
    fn add_word(&mut self, info: &WordInfo) {
        self.words += 1;
        self.syllables += info.syl as usize;
        self.word_letters += info.letters as usize;
        self.word_alnum += info.alnum as usize;
    }
}

/// A first guess of the distinct words among `tokens` tokens (sizes the maps, saving rehashes).
fn distinct_guess(tokens: usize) -> usize {
    (tokens / 4).min(1 << 16)
}

/// A distinct surface form of a word, with its lower-cased form (curly apostrophes
/// straightened): `text[lo..hi]` when the surface form is already its own lower-case form (most
/// words), else `arena[lo..hi]`.
#[derive(Clone, Copy)]
struct Form {
    info: WordInfo,
    lo: u32,
    hi: u32,
    in_arena: bool,
}

/// The words of the text: per word its form, per form its measures and lower-cased form.
///
/// Offsets are u32: inputs are at most `MAX_INPUT_BYTES`, far below 4 GiB.
struct Words<'a> {
    text: &'a str,
    /// Per word in text order: its form id (form ids count up in order of first occurrence) and
    /// its start offset.
    seq: Vec<(u32, u32)>,
    forms: Vec<Form>,
    /// The lower-cased forms that are not slices of the text, one after another (no allocation
    /// per form).
    arena: String,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, tokens: usize) -> Self {
        Words {
            text,
            seq: Vec::with_capacity(tokens),
            forms: Vec::with_capacity(distinct_guess(tokens)),
            arena: String::new(),
        }
    }

    /// Records a new form, the text's `text[start..start + s.len()]` (`key` its bytes); returns
    /// its id.
    fn add_form(&mut self, s: &str, key: &Key, start: usize, info: WordInfo) -> u32 {
        let (lo, hi, in_arena) = if key.is_lower_ascii() {
            // Already its own lower-case form.
            (start, start + s.len(), false)
        } else {
            let lo = self.arena.len();
            push_lower(&mut self.arena, s);
            (lo, self.arena.len(), true)
        };
        self.forms.push(Form { info, lo: lo as u32, hi: hi as u32, in_arena });
        (self.forms.len() - 1) as u32
    }

    /// Records an occurrence of form `id` at `start`.
    #[inline]
    fn push(&mut self, id: u32, start: usize) {
        self.seq.push((id, start as u32));
    }

    /// Gives each form its type (its lower-cased form, for TTR, MTLD and keywords), turns `seq`
    /// into type ids, and ranks the keywords. Returns the number of types and the top `n`
    /// keywords.
    fn finish(&mut self, n: usize) -> (usize, Vec<Keyword>) {
        let Words { text, seq, forms, arena } = self;
        types_and_keywords(text, arena, forms, seq, n)
    }
}

/// Gives each form in `forms` its type (its lower-cased form, in `text` or `arena`), turns the form
/// ids of `seq` into type ids, and returns the number of types and the `n` top [`keywords`].
///
/// The type maps stay allocated until the keywords are counted: freed before, the 10 MB benchmark
/// text's wasm memory peaked 3.9 MB higher (192.8 → 196.7 MB), where the allocator then put later
/// allocations.
#[inline(never)]
fn types_and_keywords(
    text: &str,
    arena: &str,
    forms: &[Form],
    seq: &mut [(u32, u32)],
    n: usize,
) -> (usize, Vec<Keyword>) {
    let mut types: KeyMap<u32> = KeyMap::with_capacity_and_hasher(forms.len(), Default::default());
    // Per type: the keyword id, or u32::MAX when it is not a content word.
    let mut type_kw: Vec<u32> = Vec::with_capacity(forms.len());
    let mut kw =
        KeywordIds { ids: KeyMap::with_capacity_and_hasher(forms.len(), Default::default()), words: Vec::new() };
    let mut form_type = Vec::with_capacity(forms.len());
    for f in forms.iter() {
        let (lo, hi) = (f.lo as usize, f.hi as usize);
        let lower = if f.in_arena { &arena[lo..hi] } else { &text[lo..hi] };
        let ty = *types.entry(Key::new(lower.as_bytes())).or_insert_with(|| {
            type_kw.push(kw.id_of(lower, f.info.all_number, f.info.letters));
            (type_kw.len() - 1) as u32
        });
        form_type.push(ty);
    }
    for (id, _) in seq.iter_mut() {
        *id = form_type[*id as usize];
    }
    (type_kw.len(), keywords(&kw.words, &type_kw, seq, n))
}

/// Keyword candidates: content words (lower-cased, clitic removed), numbered in order of first
/// occurrence.
struct KeywordIds<'s> {
    ids: KeyMap<'s, u32>,
    /// Per keyword id: the word.
    words: Vec<&'s str>,
}

impl<'s> KeywordIds<'s> {
    /// The keyword id of the lower-cased word `lower`, or u32::MAX.
    #[inline(never)]
    fn id_of(&mut self, lower: &'s str, is_number: bool, letters: u32) -> u32 {
        if is_number || letters < 3 {
            return u32::MAX;
        }
        let mut key = lower;
        // (A byte search: an ASCII byte never occurs inside another character's encoding.)
        if let Some(pos) = key.bytes().rposition(|b| b == b'\'') {
            let tail = &key[pos + 1..];
            if matches!(tail, "s" | "re" | "ve" | "ll" | "d" | "m" | "") {
                key = &key[..pos];
            }
        }
        // At least 3 letters: most keys start with 3 ASCII letters.
        let enough_letters = key.as_bytes().get(..3).is_some_and(|b| b.iter().all(u8::is_ascii_alphabetic))
            || key.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        if !enough_letters || STOP.contains(key) {
            return u32::MAX;
        }
        let words = &mut self.words;
        *self.ids.entry(Key::new(key.as_bytes())).or_insert_with(|| {
            words.push(key);
            (words.len() - 1) as u32
        })
    }
}

/// The top `n` keywords: `words` per keyword id, `type_kw` per type, `seq` per word (type id,
/// start).
#[inline(never)]
fn keywords(words: &[&str], type_kw: &[u32], seq: &[(u32, u32)], n: usize) -> Vec<Keyword> {
    let nkw = words.len();
    let mut count = vec![0u32; nkw];
    let mut first = vec![u32::MAX; nkw];
    for &(t, start) in seq {
        let k = type_kw[t as usize];
        if k != u32::MAX {
            count[k as usize] += 1;
            if first[k as usize] == u32::MAX {
                first[k as usize] = start;
            }
        }
    }
    let order = top_keywords(&count, &first, n);
    let mut slot = vec![usize::MAX; nkw];
    let mut out: Vec<Keyword> = order
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            slot[k] = i;
            Keyword {
                word: words[k].to_string(),
                count: count[k] as usize,
                positions: Vec::with_capacity(count[k] as usize),
            }
        })
        .collect();
    for &(t, start) in seq {
        let k = type_kw[t as usize];
        if k != u32::MAX && slot[k as usize] != usize::MAX {
            out[slot[k as usize]].positions.push(start as usize);
        }
    }
    out
}

/// The ids of the top `n` keywords in rank order, given per keyword id its count and first
/// position.
#[inline(never)]
fn top_keywords(count: &[u32], first: &[u32], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count.len()).collect();
    // Most frequent first, then first seen. Every keyword occurs, at its own first position,
    // so the order is total: picking the top `n` and sorting them gives the full sort's head.
    let by_rank = |a: &usize, b: &usize| count[*b].cmp(&count[*a]).then(first[*a].cmp(&first[*b]));
    if order.len() > n {
        order.select_nth_unstable_by(n, by_rank);
        order.truncate(n);
    }
    order.sort_unstable_by(by_rank);
    order
}

/// MTLD in one direction.
fn mtld_pass<I: Iterator<Item = u32>>(ids: I, ntypes: usize, total: usize) -> f64 {
    const T: f64 = 0.72;
    let mut stamp = vec![0u32; ntypes];
    let mut seg = 1u32;
    let mut factors = 0.0f64;
    // (u32: at most one word per input byte.)
    let (mut types, mut tokens) = (0u32, 0u32);
    let mut ttr = 1.0;
    for id in ids {
        tokens += 1;
        if stamp[id as usize] != seg {
            stamp[id as usize] = seg;
            types += 1;
        }
        ttr = types as f64 / tokens as f64;
        if ttr <= T {
            factors += 1.0;
            seg += 1;
            types = 0;
            tokens = 0;
            ttr = 1.0;
        }
    }
    if tokens > 0 {
        factors += (1.0 - ttr) / (1.0 - T);
    }
    if factors > 0.0 {
        total as f64 / factors
    } else {
        total as f64
    }
}

/// MTLD of the type ids `seq` (the first of each pair).
#[inline(never)]
fn mtld(seq: &[(u32, u32)], ntypes: usize) -> f64 {
    if seq.is_empty() {
        return 0.0;
    }
    let f = mtld_pass(seq.iter().map(|p| p.0), ntypes, seq.len());
    let b = mtld_pass(seq.iter().rev().map(|p| p.0), ntypes, seq.len());
    (f + b) / 2.0
}

#[inline]
fn div(a: f64, b: f64) -> f64 {
    if b > 0.0 && a.is_finite() {
        a / b
    } else {
        0.0
    }
}

#[inline]
fn finite(x: f64) -> f32 {
    if x.is_finite() {
        x as f32
    } else {
        0.0
    }
}

/// Flesch–Kincaid grade.
fn fk_grade(words: f64, sentences: f64, syllables: f64) -> f64 {
    if words <= 0.0 || sentences <= 0.0 {
        return 0.0;
    }
    0.39 * words / sentences + 11.8 * syllables / words - 15.59
}

/// Whether token `t` holds a letter or digit.
#[inline(always)]
fn is_wordlike(t: &Token, text: &str) -> bool {
    match t.kind {
        TokKind::Number => true,
        TokKind::Word => {
            text.as_bytes().get(t.start).is_some_and(|b| b.is_ascii_alphanumeric() && t.end > t.start)
                || has_alnum(&text[t.start..t.end])
        }
        TokKind::Punct => false,
    }
}

/// Whether `s` holds a letter or digit (the slow path of [`is_wordlike`]).
#[inline(never)]
fn has_alnum(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

/// Whether `s` starts with an upper-case character (the non-ASCII path of the capital test).
#[inline(never)]
fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether token `t` (bytes `b`) is a clitic attached to the word before: "'s", "’re".
#[inline]
fn is_clitic_tok(t: &Token, b: &[u8]) -> bool {
    t.kind == TokKind::Word && !t.space_before && (b.first() == Some(&b'\'') || b.starts_with("\u{2019}".as_bytes()))
}

/// A hyphen token: "-", U+2010, U+2011.
#[inline]
fn is_hyphen_tok(b: &[u8]) -> bool {
    matches!(b, b"-" | b"\xE2\x80\x90" | b"\xE2\x80\x91")
}

/// Whether `s` holds a Han, Hiragana or Katakana character (those all encode
/// with a lead byte of 0xE3 or more, which rules out the decoding for most tokens).
#[inline]
fn has_cjk(s: &str) -> bool {
    s.bytes().any(|b| b >= 0xE3) && has_cjk_char(s)
}

/// Whether `s` holds a Han, Hiragana or Katakana character (the decoding step of [`has_cjk`]).
#[inline(never)]
fn has_cjk_char(s: &str) -> bool {
    s.chars().any(is_cjk)
}

/// Characters, characters other than white space, and letters of `text`. Runs of ASCII are
/// counted a block of bytes at a time without decoding.
#[inline(never)]
fn char_counts(text: &str) -> (usize, usize, usize) {
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    let (mut chars, mut no_space, mut letters) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..i + BLOCK) {
            if block.iter().fold(0u8, |a, &b| a | b) < 0x80 {
                let (mut space, mut alpha) = (0u8, 0u8);
                for &b in block {
                    // char::is_whitespace on ASCII: tab, LF, VT, FF, CR and space.
                    space += matches!(b, b'\t'..=b'\r' | b' ') as u8;
                    alpha += b.is_ascii_alphabetic() as u8;
                }
                chars += BLOCK;
                no_space += BLOCK - space as usize;
                letters += alpha as usize;
                i += BLOCK;
                continue;
            }
        }
        // A block holding other characters (or the short end): one character at a time to the
        // block's end (linear: the next block starts past it).
        let end = (i + BLOCK).min(bytes.len());
        while i < end {
            let b = bytes[i];
            if b.is_ascii() {
                chars += 1;
                no_space += !matches!(b, b'\t'..=b'\r' | b' ') as usize;
                letters += b.is_ascii_alphabetic() as usize;
                i += 1;
            } else if let Some(c) = text.get(i..).and_then(|r| r.chars().next()) {
                chars += 1;
                no_space += !c.is_whitespace() as usize;
                letters += c.is_alphabetic() as usize;
                i += c.len_utf8();
            } else {
                // (Not reached: `i` is always a character boundary.) Never loops in place.
                i += 1;
            }
        }
    }
    (chars, no_space, letters)
}

/// A word's bytes as the key of the form cache, with the bytes packed into two integers: a word
/// of at most 16 bytes is compared and hashed without a byte loop or a call.
#[derive(Clone, Copy)]
struct Key<'a> {
    bytes: &'a [u8],
    /// Words of at most 16 bytes: with the length, `a` and `b` determine the bytes (see
    /// [`pack`]). Longer words: `a` folds every 8 bytes, `b` is the last 8.
    a: u64,
    b: u64,
}

/// The high bit of each byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
#[inline]
fn le8(s: &[u8]) -> u64 {
    u64::from_le_bytes(s.try_into().unwrap_or([0; 8]))
}

#[inline]
fn le4(s: &[u8]) -> u64 {
    u32::from_le_bytes(s.try_into().unwrap_or([0; 4])) as u64
}

/// Bytes `b` of at most 16 bytes as two integers that, with the length, determine them: the first
/// and last 8 bytes (8–16 bytes), the first and last 4 (4–7), or the first, middle and last byte
/// (0–3). Each byte keeps its high bit where it is (the ASCII test of [`Key::is_ascii`]).
#[inline]
fn pack(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    if n > 16 {
        None
    } else if n >= 8 {
        Some((le8(&b[..8]), le8(&b[n - 8..])))
    } else if n >= 4 {
        Some((le4(&b[..4]), le4(&b[n - 4..])))
    } else if n > 0 {
        Some((b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16, 0))
    } else {
        Some((0, 0))
    }
}

impl<'a> Key<'a> {
    #[inline]
    fn new(bytes: &'a [u8]) -> Self {
        let (a, b) = pack(bytes).unwrap_or_else(|| {
            let mut a = 0;
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                a = fx(a, le8(c));
            }
            (a, le8(&bytes[bytes.len() - 8..]))
        });
        Key { bytes, a, b }
    }

    /// Whether the bytes are all ASCII and none is an upper-case letter.
    #[inline]
    fn is_lower_ascii(&self) -> bool {
        if self.bytes.len() > 16 {
            return !self.bytes.iter().any(|b| b.is_ascii_uppercase() || !b.is_ascii());
        }
        // Per ASCII byte x, bit 7 of x + 0x3F is set from 'A' on, of x + 0x25 from past 'Z' on
        // (no carries between bytes below 0x80; the packing's padding bytes are 0).
        let upper = |x: u64| x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F) & !x.wrapping_add(0x2525_2525_2525_2525) & HIGH_BITS;
        (self.a | self.b) & HIGH_BITS == 0 && upper(self.a) | upper(self.b) == 0
    }

    /// Whether the bytes are all ASCII.
    #[inline]
    fn is_ascii(&self) -> bool {
        if self.bytes.len() <= 16 {
            (self.a | self.b) & HIGH_BITS == 0
        } else {
            self.bytes.is_ascii()
        }
    }
}

impl PartialEq for Key<'_> {
    #[inline]
    fn eq(&self, o: &Self) -> bool {
        self.bytes.len() == o.bytes.len()
            && self.a == o.a
            && self.b == o.b
            && (self.bytes.len() <= 16 || self.bytes == o.bytes)
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(fx(fx(fx(0, self.a), self.b), self.bytes.len() as u64));
    }
}

/// A map keyed by words' bytes.
type KeyMap<'a, V> = HashMap<Key<'a>, V, BuildHasherDefault<KeyHasher>>;

/// Passes on the hash a [`Key`] computed (rotated: hashbrown takes the bucket from the low bits,
/// which the multiply leaves weakest).
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, b as u64);
        }
    }

    #[inline]
    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// Computes the article's statistics and its sentences with their grades.
pub fn compute(doc: &Doc<'_>) -> (Stats, Vec<Sentence>) {
    let mut st = Stats::default();
    (st.characters, st.characters_no_spaces, st.letters) = char_counts(doc.text);
    st.paragraphs = doc.paragraphs.len();
    let mut pass = WordPass::new(doc);
    let (sentences, sentences_with_words) = pass.sentences(&doc.sentences, &mut st);
    let (ntypes, keywords) = pass.words.finish(10);
    readability(&mut st, &pass.tot, sentences_with_words, ntypes, &pass.words.seq);
    st.keywords = keywords;
    (st, sentences)
}

/// The word pass over a document: running totals, the words in text order, and the form cache.
struct WordPass<'a> {
    text: &'a str,
    toks: &'a [Token],
    tot: Totals,
    words: Words<'a>,
    scratch: Scratch,
    /// Each distinct surface form is measured once: its form id.
    cache: KeyMap<'a, (u32, WordInfo)>,
}

impl<'a> WordPass<'a> {
    /// An empty pass over `doc`, its maps sized for its token count.
    fn new(doc: &'a Doc<'a>) -> Self {
        WordPass {
            text: doc.text,
            toks: &doc.tokens,
            tot: Totals::default(),
            words: Words::new(doc.text, doc.tokens.len()),
            scratch: Scratch { ascii: String::with_capacity(32) },
            cache: KeyMap::with_capacity_and_hasher(distinct_guess(doc.tokens.len()), Default::default()),
        }
    }

    /// Counts the words of every sentence and grades each; sets the longest sentence in `st`.
    /// Returns the sentences and how many of them hold a word.
    #[inline(never)]
    fn sentences(&mut self, segs: &[Segment], st: &mut Stats) -> (Vec<Sentence>, usize) {
        let mut sentences = Vec::with_capacity(segs.len());
        let mut sentences_with_words = 0usize;
        for seg in segs {
            let (s_words, s_syll) = self.sentence(seg.tokens.clone());
            if s_words > 0 {
                sentences_with_words += 1;
            }
            st.longest_sentence_words = st.longest_sentence_words.max(s_words);
            sentences.push(grade_sentence(seg, s_words, s_syll));
        }
        (sentences, sentences_with_words)
    }

    /// Counts the words of the sentence of tokens `r` into the totals; returns its words and
    /// syllables.
    #[inline(never)]
    fn sentence(&mut self, r: Range<usize>) -> (usize, usize) {
        let (text, toks) = (self.text, self.toks);
        let bytes = text.as_bytes();
        let r = r.start.min(toks.len())..r.end.min(toks.len());
        let (mut s_words, mut s_syll) = (0usize, 0usize);
        let mut first_word = true;
        let mut i = r.start;
        while i < r.end {
            let t = &toks[i];
            if !is_wordlike(t, text) {
                i += 1;
                continue;
            }
            let tkey = Key::new(&bytes[t.start..t.end]);
            // CJK runs: each ideograph or kana is a word, other alphanumeric runs one word each.
            if t.kind == TokKind::Word && !tkey.is_ascii() && has_cjk(&text[t.start..t.end]) {
                let (w, y) = self.cjk_token(t);
                s_words += w;
                s_syll += y;
                first_word = false;
                i += 1;
                continue;
            }
            // A word: this token plus clitics and hyphen-joined tokens.
            let (j, we) = word_end(text, toks, i, r.end);
            let ws = t.start;
            let key = if we == t.end { tkey } else { Key::new(&bytes[ws..we]) };
            let (id, info) = match self.cache.entry(key) {
                std::collections::hash_map::Entry::Occupied(e) => *e.get(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let info = measure_word(text, &toks[i..j], &mut self.scratch);
                    *v.insert((self.words.add_form(&text[ws..we], &key, ws, info), info))
                }
            };
            let capital = match tkey.bytes.first() {
                Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => starts_upper(&text[t.start..t.end]),
            };
            let tot = &mut self.tot;
            tot.add_word(&info);
            if !info.all_number && info.syl >= 3 && t.kind != TokKind::Number {
                tot.poly += 1;
                let proper = capital && !first_word;
                if !proper && info.parts == 1 && info.stem >= 3 {
                    tot.complex += 1;
                }
            }
            s_words += 1;
            s_syll += info.syl as usize;
            self.words.push(id, ws);
            first_word = false;
            i = j;
        }
        (s_words, s_syll)
    }

    /// Counts the words of a token holding CJK characters: each ideograph or kana is a word,
    /// each run of other letters or digits one more. Returns its words and syllables.
    #[inline(never)]
    fn cjk_token(&mut self, t: &Token) -> (usize, usize) {
        let s = &self.text[t.start..t.end];
        let (mut s_words, mut s_syll) = (0usize, 0usize);
        let mut run_start: Option<usize> = None;
        for (off, c) in s.char_indices() {
            let at = t.start + off;
            if is_cjk(c) {
                if let Some(a) = run_start.take() {
                    s_syll += self.cjk_word(a, at, false);
                    s_words += 1;
                }
                s_syll += self.cjk_word(at, at + c.len_utf8(), true);
                s_words += 1;
            } else if c.is_alphanumeric() {
                if run_start.is_none() {
                    run_start = Some(at);
                }
            } else if let Some(a) = run_start.take() {
                s_syll += self.cjk_word(a, at, false);
                s_words += 1;
            }
        }
        if let Some(a) = run_start.take() {
            s_syll += self.cjk_word(a, t.end, false);
            s_words += 1;
        }
        (s_words, s_syll)
    }

    /// Counts the word `text[a..b]` of a CJK token (`cjk`: one CJK character) into the totals;
    /// returns its syllables.
    fn cjk_word(&mut self, a: usize, b: usize, cjk: bool) -> usize {
        let text = self.text;
        let w = &text[a..b];
        let key = Key::new(w.as_bytes());
        // (get and insert, not the entry API: that stays inlined in its one hot caller.)
        let (id, info) = match self.cache.get(&key) {
            Some(&e) => e,
            None => {
                let p = if cjk {
                    Part { syllables: 1, letters: 1, alnum: 1, stem_syllables: 1 }
                } else {
                    measure(w, TokKind::Word, &mut self.scratch)
                };
                let info = WordInfo {
                    syl: p.syllables.max(1),
                    stem: p.stem_syllables,
                    letters: p.letters,
                    alnum: p.alnum,
                    parts: 1,
                    all_number: false,
                };
                let e = (self.words.add_form(w, &key, a, info), info);
                self.cache.insert(key, e);
                e
            }
        };
        self.tot.add_word(&info);
        self.words.push(id, a);
        info.syl as usize
    }
}

/// The end of the word starting at token `i` (a word token), the tokens before `end` joined to it
/// as clitics or by hyphens: the index of the token after the word, and the word's end offset.
#[inline]
fn word_end(text: &str, toks: &[Token], i: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut we = toks[i].end;
    let mut j = i + 1;
    while j < end {
        let n = toks[j];
        if n.start != we {
            break;
        }
        let nb = &bytes[n.start..n.end];
        if is_clitic_tok(&n, nb) {
            we = n.end;
            j += 1;
            continue;
        }
        if j + 1 < end && is_hyphen_tok(nb) {
            let m = toks[j + 1];
            if m.start == n.end && is_wordlike(&m, text) && !has_cjk(&text[m.start..m.end]) {
                we = m.end;
                j += 2;
                continue;
            }
        }
        break;
    }
    (j, we)
}

/// Measures a new surface form, the word of tokens `parts` (a first token, then clitics and
/// hyphen-joined tokens).
#[inline(never)]
fn measure_word(text: &str, parts: &[Token], scratch: &mut Scratch) -> WordInfo {
    let bytes = text.as_bytes();
    let mut info = WordInfo { syl: 0, stem: 0, letters: 0, alnum: 0, parts: 0, all_number: true };
    for (k, &n) in parts.iter().enumerate() {
        if n.kind == TokKind::Punct {
            continue;
        }
        let p = measure(&text[n.start..n.end], n.kind, scratch);
        info.letters += p.letters;
        info.alnum += p.alnum;
        if k > 0 && is_clitic_tok(&n, &bytes[n.start..n.end]) {
            continue;
        }
        info.syl += p.syllables;
        info.stem += if k == 0 { p.stem_syllables } else { p.syllables };
        info.parts += 1;
        info.all_number &= n.kind == TokKind::Number;
    }
    info.syl = info.syl.max(1);
    info
}

/// The sentence `seg` with its grade, given its words and syllables.
#[inline]
fn grade_sentence(seg: &Segment, s_words: usize, s_syll: usize) -> Sentence {
    let grade = if s_words > 0 { fk_grade(s_words as f64, 1.0, s_syll as f64).clamp(0.0, 30.0) } else { 0.0 };
    let difficulty = if s_words < 14 {
        Difficulty::Ok
    } else if grade >= 14.0 {
        Difficulty::VeryHard
    } else if grade >= 10.0 {
        Difficulty::Hard
    } else {
        Difficulty::Ok
    };
    Sentence { start: seg.start, end: seg.end, words: s_words, grade: finite(grade), difficulty }
}

/// Sets the counts and the readability figures of `st` from the totals, the number of sentences
/// holding a word, the number of types and the type id `seq`.
#[inline(never)]
fn readability(st: &mut Stats, tot: &Totals, sentences_with_words: usize, ntypes: usize, seq: &[(u32, u32)]) {
    let w = tot.words as f64;
    let s = sentences_with_words as f64;
    let y = tot.syllables as f64;
    st.words = tot.words;
    st.sentences = sentences_with_words;
    st.syllables = tot.syllables;
    st.complex_words = tot.complex;
    if tot.words > 0 && sentences_with_words > 0 {
        let wps = w / s;
        st.avg_sentence_words = finite(wps);
        st.avg_word_letters = finite(div(tot.word_letters as f64, w));
        st.reading_time_s = finite(w / 238.0 * 60.0);
        st.speaking_time_s = finite(w / 150.0 * 60.0);
        st.flesch_reading_ease = finite(206.835 - 1.015 * wps - 84.6 * y / w);
        st.flesch_kincaid_grade = finite(fk_grade(w, s, y));
        st.gunning_fog = finite(0.4 * (wps + 100.0 * tot.complex as f64 / w));
        st.smog = finite(1.043 * (tot.poly as f64 * 30.0 / s).sqrt() + 3.1291);
        let l = tot.word_letters as f64 / w * 100.0;
        let s100 = s / w * 100.0;
        st.coleman_liau = finite(0.0588 * l - 0.296 * s100 - 15.8);
        st.ari = finite(4.71 * tot.word_alnum as f64 / w + 0.5 * wps - 21.43);
        st.type_token_ratio = finite(div(ntypes as f64, w));
        st.mtld = finite(mtld(seq, ntypes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn stats(text: &str) -> Stats {
        compute(&segment(text)).0
    }

    fn syl(w: &str) -> u32 {
        english_syllables(w.as_bytes())
    }

    #[test]
    fn distinct_guess_is_bounded() {
        assert_eq!(distinct_guess(0), 0);
        assert_eq!(distinct_guess(400), 100);
        assert_eq!(distinct_guess(usize::MAX), 1 << 16);
    }

    #[test]
    fn char_counts_match_chars() {
        for t in ["", "a b\tc\x0b\x0c\r\n", "Zoë  naïve\u{a0}😀 1,200 Ωmega\u{2029}x", "\u{85}\u{3000}日本"] {
            let want = (
                t.chars().count(),
                t.chars().filter(|c| !c.is_whitespace()).count(),
                t.chars().filter(|c| c.is_alphabetic()).count(),
            );
            assert_eq!(char_counts(t), want, "{t:?}");
        }
    }

    #[test]
    fn char_counts_match_chars_across_blocks() {
        let mixed = "The U.S. envoy\tmet Zoë in Ωmega city\u{a0}on 1,200 days — 日本 😀\u{2029}\r\n";
        for n in [1, 2, 3, 7, 31, 32, 33, 100] {
            let t = mixed.repeat(n);
            for cut in [0, 1, 5, 31, 32, 33] {
                let Some(t) = t.get(cut..) else { continue };
                let want = (
                    t.chars().count(),
                    t.chars().filter(|c| !c.is_whitespace()).count(),
                    t.chars().filter(|c| c.is_alphabetic()).count(),
                );
                assert_eq!(char_counts(t), want, "{n} {cut}");
            }
        }
    }

    #[test]
    fn keys_compare_by_bytes() {
        let words = [
            "", "a", "b", "ab", "ba", "aa", "abc", "acb", "abcd", "abce", "abcde", "abdde", "abcdefg", "abcdefgh",
            "abcdefgi", "bbcdefgh", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr",
            "bbcdefghijklmnopq", "abcdefghXjklmnopq", "naïve", "日本", "Zoë",
        ];
        use std::hash::{BuildHasher, Hash, Hasher};
        let h = |k: &Key| {
            let mut x = BuildHasherDefault::<KeyHasher>::default().build_hasher();
            k.hash(&mut x);
            x.finish()
        };
        for a in words {
            for b in words {
                let (ka, kb) = (Key::new(a.as_bytes()), Key::new(b.as_bytes()));
                assert_eq!(ka == kb, a == b, "{a:?} {b:?}");
                if a == b {
                    assert_eq!(h(&ka), h(&kb));
                }
            }
            assert_eq!(Key::new(a.as_bytes()).is_ascii(), a.is_ascii(), "{a:?}");
            for w in [a.to_string(), a.to_uppercase(), format!("{a}Z"), format!("@[{a}`{{")] {
                let want = !w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii());
                assert_eq!(Key::new(w.as_bytes()).is_lower_ascii(), want, "{w:?}");
            }
        }
    }

    #[test]
    fn syllables_english() {
        let cases = [
            ("the", 1),
            ("cat", 1),
            ("make", 1),
            ("table", 2),
            ("little", 2),
            ("whole", 1),
            ("makes", 1),
            ("boxes", 2),
            ("places", 2),
            ("changes", 2),
            ("goes", 1),
            ("killed", 1),
            ("wanted", 2),
            ("confirmed", 2),
            ("reminded", 3),
            ("agreed", 2),
            ("played", 1),
            ("tried", 1),
            ("studied", 2),
            ("countries", 2),
            ("active", 2),
            ("terrorism", 4),
            ("military", 4),
            ("cooperation", 5),
            ("necessity", 4),
            ("continued", 3),
            ("pakistan", 3),
            ("afghanistan", 4),
            ("actual", 3),
            ("people", 2),
            ("being", 2),
            ("beautiful", 3),
            ("imperialism", 6),
            ("relationship", 4),
            ("readability", 5),
            ("centre", 2),
            ("nation", 2),
            ("special", 2),
            ("region", 2),
            ("violent", 3),
            ("stadium", 3),
            ("equal", 2),
            ("billion", 2),
            ("million", 2),
            ("union", 2),
            ("opinion", 3),
            ("companion", 3),
            ("lion", 2),
            ("previous", 3),
            ("radio", 3),
            ("yes", 1),
            ("rhythm", 1),
            ("apple", 2),
            ("every", 2),
            ("a", 1),
            ("", 0),
            ("playing", 2),
            ("played", 1),
            ("carrying", 3),
            ("statement", 2),
            ("likely", 2),
            ("safety", 2),
            ("league", 1),
            ("european", 4),
            ("experience", 4),
            ("friend", 1),
            ("reassured", 3),
            ("settled", 2),
            ("killed", 1),
            ("royal", 2),
            ("lion", 2),
            ("quiet", 2),
            ("earlier", 3),
            ("continuing", 4),
            ("negotiations", 5),
            ("million", 2),
            ("extremely", 3),
            ("employee", 3),
            ("ratio", 3),
        ];
        let mut bad = Vec::new();
        for (w, n) in cases {
            if syl(w) != n {
                bad.push(format!("{w}: {} want {n}", syl(w)));
            }
        }
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn numbers_are_one_syllable() {
        let s = stats("In 2017, 1,200 people paid $2.5 billion for 40m tests on the 21st.");
        // In 2017 1,200 people paid 2.5 billion for 40m tests on the 21st: 13 words
        assert_eq!(s.words, 13);
        // in(1) 2017(1) 1,200(1) people(2) paid(1) 2.5(1) billion(2) for(1) 40m(1) tests(1) on(1) the(1) 21st(1)
        assert_eq!(s.syllables, 15);
        assert_eq!(s.complex_words, 0);
        let k: Vec<&str> = s.keywords.iter().map(|k| k.word.as_str()).collect();
        assert_eq!(k, ["people", "paid", "billion", "tests"]);
    }

    #[test]
    fn words_merge_hyphens_and_clitics() {
        let s = stats("Pakistan's counter-terrorism operations cost $1.2 billion in 2017.");
        // Pakistan's | counter-terrorism | operations | cost | 1.2 | billion | in | 2017
        assert_eq!(s.words, 8);
        assert_eq!(s.sentences, 1);
        let s = stats("The U.S.-Pakistan Military-to-Military talks, they're over.");
        // The | U.S.-Pakistan | Military-to-Military | talks | they're | over
        assert_eq!(s.words, 6);
        let s = stats("Between 1,200-1,800 people - not more - came.");
        // Between | 1,200-1,800 | people | not | more | came
        assert_eq!(s.words, 6);
    }

    #[test]
    fn counts() {
        let s = stats("One two three.\n\nFour five.");
        assert_eq!(s.characters, 26);
        assert_eq!(s.characters_no_spaces, 21);
        assert_eq!(s.letters, 19);
        assert_eq!(s.words, 5);
        assert_eq!(s.sentences, 2);
        assert_eq!(s.paragraphs, 2);
        assert_eq!(s.longest_sentence_words, 3);
        assert!((s.avg_sentence_words - 2.5).abs() < 1e-6);
        assert!((s.avg_word_letters - 3.8).abs() < 1e-6);
        // one two three four five: 1+1+1+1+1
        assert_eq!(s.syllables, 5);
        assert!((s.reading_time_s - 5.0 / 238.0 * 60.0).abs() < 1e-4);
        assert!((s.speaking_time_s - 2.0).abs() < 1e-4);
        assert!((s.type_token_ratio - 1.0).abs() < 1e-6);
    }

    #[test]
    fn readability_formulas() {
        // 2 sentences, 10 words, syllables known.
        let text = "The cat sat on the mat. The dog ate a big bone.";
        let s = stats(text);
        assert_eq!(s.words, 12);
        assert_eq!(s.sentences, 2);
        assert_eq!(s.syllables, 12);
        let (w, n, y) = (12.0f64, 2.0f64, 12.0f64);
        assert!((s.flesch_reading_ease as f64 - (206.835 - 1.015 * w / n - 84.6 * y / w)).abs() < 1e-3);
        assert!((s.flesch_kincaid_grade as f64 - (0.39 * w / n + 11.8 * y / w - 15.59)).abs() < 1e-3);
        assert!((s.gunning_fog as f64 - 0.4 * 6.0).abs() < 1e-3);
        assert!((s.smog as f64 - 3.1291).abs() < 1e-3);
        // letters: 3+3+3+2+3+3 + 3+3+3+1+3+4 = 34
        let l = 34.0 / 12.0 * 100.0;
        let s100 = 2.0 / 12.0 * 100.0;
        assert!((s.coleman_liau as f64 - (0.0588 * l - 0.296 * s100 - 15.8)).abs() < 1e-3);
        assert!((s.ari as f64 - (4.71 * 34.0 / 12.0 + 0.5 * 6.0 - 21.43)).abs() < 1e-3);
        // types: the cat sat on mat dog ate a big bone = 10
        assert!((s.type_token_ratio - 10.0 / 12.0).abs() < 1e-6);
    }

    #[test]
    fn complex_words_gunning() {
        // "beautiful" complex; "Afghanistan" proper noun; "well-established" hyphenated;
        // "decided" is 3 syllables only with -ed; "determined" keeps 3 without it.
        let s = stats("They decided it was beautiful in Afghanistan and well-established and determined.");
        assert_eq!(s.complex_words, 2);
        assert_eq!(s.smog > 3.1291, true);
    }

    #[test]
    fn smog_formula() {
        let s = stats("Extraordinary complications everywhere. Simple.");
        // extraordinary, complications, everywhere: 3 polysyllables, 2 sentences
        let want = 1.043 * (3.0f64 * 30.0 / 2.0).sqrt() + 3.1291;
        assert!((s.smog as f64 - want).abs() < 1e-3, "{} vs {want}", s.smog);
    }

    #[test]
    fn empty_and_symbols_are_zero() {
        for t in ["", "   \n\n ", "*** --- !!!", "😀😀 🎉"] {
            let s = stats(t);
            assert_eq!(s.words, 0, "{t:?}");
            assert_eq!(s.sentences, 0);
            for x in [
                s.flesch_reading_ease, s.flesch_kincaid_grade, s.gunning_fog, s.smog, s.coleman_liau, s.ari,
                s.type_token_ratio, s.mtld, s.avg_sentence_words, s.avg_word_letters, s.reading_time_s,
            ] {
                assert_eq!(x, 0.0, "{t:?}");
            }
            assert!(s.keywords.is_empty());
        }
        let (_, sents) = compute(&segment("*** ---"));
        assert!(sents.iter().all(|s| s.words == 0 && s.grade == 0.0 && s.difficulty == "ok"));
    }

    #[test]
    fn non_english() {
        let s = stats("ذهب محمد إلى المدرسة. 我喜欢读书。 Γειά σου κόσμε. Привет мир! 😀");
        // Arabic 4, Chinese 我喜欢读书 5, Greek 3, Russian 2
        assert_eq!(s.words, 14);
        for x in [s.flesch_reading_ease, s.flesch_kincaid_grade, s.gunning_fog, s.smog, s.coleman_liau, s.ari, s.mtld] {
            assert!(x.is_finite());
        }
        assert!(s.syllables >= 14);
        let s = stats("東京は日本の首都です");
        assert_eq!(s.words, 10);
    }

    #[test]
    fn keywords_ranked() {
        let text = "Pakistan and the U.S. met. Pakistan's army met the army of Pakistan. Army rules. It is 2017.";
        let s = stats(text);
        let words: Vec<(&str, usize)> = s.keywords.iter().map(|k| (k.word.as_str(), k.count)).collect();
        assert_eq!(words, [("pakistan", 3), ("army", 3), ("met", 2), ("rules", 1)]);
        let p = &s.keywords[0];
        assert_eq!(p.positions, vec![0, 27, 59]);
        assert_eq!(&text[59..67], "Pakistan");
        assert_eq!(&text[27..35], "Pakistan");
        let a = &s.keywords[1];
        assert_eq!(a.positions, vec![38, 51, 69]);
        assert_eq!(&text[69..73], "Army");
    }

    #[test]
    fn sentence_grades() {
        let text = "The cat sat. \
            The continued necessity of active military cooperation with the international coalition was confirmed yesterday by representatives of numerous organizations.";
        let (st, sents) = compute(&segment(text));
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].words, 3);
        assert_eq!(sents[0].difficulty, "ok");
        assert_eq!(sents[0].grade, 0.0); // clamped
        assert_eq!(sents[1].words, 19);
        assert!(sents[1].grade >= 14.0, "{}", sents[1].grade);
        assert_eq!(sents[1].difficulty, "very-hard");
        assert_eq!(st.longest_sentence_words, 19);
        assert_eq!(&text[sents[1].start..sents[1].start + 3], "The");
        // A long sentence of short words is ok.
        let (_, s2) = compute(&segment("I am sure we can go to the park and then we can go to the shop now."));
        assert_eq!(s2[0].words, 18);
        assert_eq!(s2[0].difficulty, "ok");
        // Under 14 words is never hard.
        let (_, s3) = compute(&segment(
            "Internationalization representatives deliberately overcomplicated organizational responsibilities.",
        ));
        assert!(s3[0].grade >= 14.0);
        assert_eq!(s3[0].difficulty, "ok");
    }

    #[test]
    fn mtld_values() {
        // All distinct: no factor; MTLD = number of words.
        let mtld = |ids: &[u32], n| mtld(&ids.iter().map(|&t| (t, 0)).collect::<Vec<_>>(), n);
        assert!((mtld(&[0, 1, 2, 3], 4) - 4.0).abs() < 1e-9);
        // "a a a a": forward TTR 1, 0.5 → factor at token 2, again at 4: 2 factors → 4/2 = 2.
        assert!((mtld(&[0, 0, 0, 0], 1) - 2.0).abs() < 1e-9);
        // Partial factor: [0,1,2,0] → ttr 1,1,1,0.75 → partial (1-0.75)/0.28 both ways.
        let want = 4.0 / ((1.0 - 0.75) / 0.28);
        assert!((mtld(&[0, 1, 2, 0], 3) - want).abs() < 1e-9);
        assert_eq!(mtld(&[], 0), 0.0);
    }

    #[test]
    fn big_input_is_fast_and_linear() {
        let para = "The continued necessity of active military cooperation in Pakistan was confirmed on February 9, 2017. \
                    Bajwa reassured the new U.S. Defense Secretary that counter-terrorism operations would continue.\n\n";
        let text = para.repeat(2000);
        let (s, sents) = compute(&segment(&text));
        assert_eq!(sents.len(), 4000);
        assert_eq!(s.words, 2000 * 27);
        assert!(s.mtld.is_finite() && s.mtld > 0.0);
    }
}
