//! The style layer after Hemingway: passive voice, adverbs, and hedges / weasel words.
//!
//! - **Passive**: a form of "be" ("is", "was", "been", "being", "'re", "isn't", …), optionally
//!   "being" ("is being investigated"), optionally one adverb ("not", "also", "already", an -ly
//!   adverb), then a past participle (a lower-case word in -ed, or an irregular participle such as
//!   "known", "taken", "held"). The span runs from the be-verb to the participle: "have been killed"
//!   gives "been killed". Predicative adjectives in -ed ("was tired", "is interested") are skipped,
//!   and so are "is used to", "is set to", "is bound to". The contraction "'s" is never a be-verb
//!   here (it is usually a possessive).
//! - **Adverb**: a lower-case word in -ly that is not a known -ly adjective, noun or verb ("only",
//!   "family", "likely", "daily", "friendly", "supply", …). Capitalized -ly words are names unless
//!   they open the sentence ("Similarly, …").
//! - **Hedge**: one of ~60 hedges and weasel words or phrases ("reportedly", "so-called",
//!   "experts say", "it is believed", "may have", "might"), case-insensitive, on token boundaries,
//!   longest match first. "kind of" / "sort of" after a determiner ("this kind of") are not hedges.
//!   A hedge that is also an -ly adverb is reported once, as a hedge.
//!
//! Spans of one kind never overlap. Linear in the number of tokens.

use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::wordset::{WordMap, WordSet};
use crate::model::{Kind, Span};
use crate::text::{push_lower, Doc, TokKind};

const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "'re", "'m", "isn't", "aren't", "wasn't", "weren't",
    "ain't",
];

/// Words allowed between the be-verb and the participle ("was not", "were also", "had already been").
const MIDDLE: &[&str] =
    &["not", "also", "already", "never", "often", "always", "still", "just", "then", "all", "both", "now"];

/// Irregular past participles (and a few regular ones that do not end in -ed).
const IRREGULAR: &[&str] = &[
    "arisen", "awoken", "beaten", "become", "begun", "bent", "beset", "bet", "bid", "bidden", "bitten", "bled",
    "blown", "borne", "born", "bought", "bound", "bred", "broken", "brought", "built", "burnt", "burst", "cast",
    "caught", "chosen", "clung", "cut", "dealt", "done", "drawn", "dreamt", "driven", "drunk", "dug", "eaten", "fed",
    "felt", "fought", "found", "fled", "flung", "forbidden", "forecast", "foreseen", "forgiven", "forgotten",
    "forsaken", "frozen", "given", "ground", "grown", "heard", "held", "hewn", "hidden", "hit", "hung", "hurt", "kept",
    "knelt", "knit", "known", "laid", "led", "leant", "learnt", "left", "lent", "let", "lit", "lost", "made", "meant",
    "met", "mislaid", "misled", "mistaken", "misunderstood", "mown", "outdone", "outgrown", "overcome", "overdone",
    "overheard", "overlaid", "overridden", "overrun", "overseen", "overtaken", "overthrown", "paid", "proven", "put",
    "quit", "read", "rebuilt", "redone", "remade", "rent", "repaid", "reset", "retaken", "rethought", "rewritten",
    "rid", "ridden", "run", "rung", "said", "sawn", "seen", "sent", "set", "sewn", "shaken", "shaven", "shed", "shod",
    "shorn", "shot", "shown", "shrunk", "shut", "slain", "slung", "slit", "sold", "sought", "sown", "spat", "spent",
    "spilt", "split", "spoken", "spread", "sprung", "spun", "stolen", "stricken", "strewn", "struck", "strung",
    "stuck", "stung", "sunk", "swept", "sworn", "swung", "taken", "taught", "thought", "thrown", "thrust", "told",
    "torn", "trodden", "understood", "undertaken", "undone", "unwound", "upheld", "uprooted", "withdrawn", "withheld",
    "withstood", "woken", "won", "worn", "wound", "woven", "written", "wrung", "dreamed", "overseen", "underwritten",
    "undersold", "outlawed", "broadcast", "inlaid", "mistook",
];

/// Words in -ed that are usually predicative adjectives or not verbs at all.
const ED_EXCLUDED: &[&str] = &[
    "tired", "interested", "concerned", "worried", "excited", "pleased", "satisfied", "scared", "bored", "ashamed",
    "supposed", "sacred", "naked", "wicked", "rugged", "hundred", "talented", "aged", "beloved", "crooked", "ragged",
    "determined", "delighted", "disappointed", "frightened", "embarrassed", "annoyed", "amazed", "confused",
    "prepared", "married", "committed", "involved", "dedicated", "unprecedented", "kindred", "hatred", "wretched",
    "jagged", "learned", "dogged", "accursed", "blessed", "sled", "shred", "biped", "infrared", "unaffected",
    "unabated", "unarmed", "undecided", "unemployed", "unexpected", "unlimited", "unmarried", "unrelated",
    "unprepared", "unsophisticated", "undocumented", "unwanted", "detailed", "sophisticated", "complicated",
    "experienced", "qualified", "skilled", "advanced", "assured", "relaxed", "depressed", "stressed", "thrilled",
    "terrified", "horrified", "exhausted", "puzzled", "surprised", "shocked", "upset", "alarmed", "disgusted", "fed",
];

/// Participles that are not passive before "to": "is used to", "is set to", "is bound to".
const BEFORE_TO_EXCLUDED: &[&str] =
    &["used", "set", "bound", "poised", "slated", "due", "entitled", "obliged", "inclined", "accustomed"];

/// Words in -eed that are participles ("agreed"); all other -eed words are not ("need", "indeed").
const EED_PARTICIPLES: &[&str] = &["agreed", "freed", "guaranteed", "decreed", "refereed", "disagreed", "emceed"];

/// Words in -ly that are not adverbs (adjectives, nouns, verbs, names).
const NOT_ADVERBS: &[&str] = &[
    "only", "family", "early", "likely", "unlikely", "daily", "weekly", "biweekly", "monthly", "yearly", "hourly",
    "nightly", "quarterly", "holy", "ugly", "rely", "reply", "apply", "supply", "comply", "imply", "multiply", "july",
    "italy", "belly", "bully", "fly", "ally", "rally", "tally", "sally", "dally", "sicily", "kelly", "lily", "jelly",
    "jolly", "holly", "folly", "gully", "dolly", "molly", "polly", "billy", "emily", "friendly", "unfriendly",
    "lonely", "lovely", "elderly", "costly", "silly", "deadly", "lively", "timely", "untimely", "orderly",
    "disorderly", "scholarly", "cowardly", "curly", "hilly", "chilly", "woolly", "smelly", "oily", "wily", "burly",
    "surly", "lowly", "manly", "womanly", "homely", "comely", "stately", "ghastly", "godly", "ungodly", "worldly",
    "otherworldly", "heavenly", "beastly", "leisurely", "motherly", "fatherly", "brotherly", "sisterly", "neighborly",
    "neighbourly", "miserly", "northerly", "southerly", "easterly", "westerly", "portly", "courtly", "sickly",
    "prickly", "wrinkly", "crinkly", "bubbly", "wobbly", "sprightly", "unruly", "assembly", "anomaly", "monopoly",
    "homily", "melancholy", "butterfly", "dragonfly", "firefly", "gadfly", "doily", "frilly", "gnarly", "grisly",
    "grizzly", "measly", "shapely", "unsightly", "unseemly", "seemly", "princely", "queenly", "kingly", "saintly",
    "bristly", "hillbilly", "underbelly", "potbelly", "resupply", "reapply", "panoply", "ply", "sly", "rely", "comely",
    "jelly", "burly", "kindly", "friendlily", "wholly", "holly", "mealy", "pearly", "gangly", "ungainly", "earthly",
    "unearthly", "slovenly", "masterly", "niggardly", "dastardly", "beastly", "bodily", "belly", "bully", "rely",
    "italy", "reilly", "natalie", "waverly", "beverly", "kimberly", "shelly", "wally", "sully", "tully", "ally",
];

/// Hedges and weasel words/phrases. Phrases are matched token by token ("so-called" is three
/// tokens: "so", "-", "called").
const HEDGES: &[&str] = &[
    "reportedly", "allegedly", "apparently", "arguably", "possibly", "perhaps", "seemingly", "supposedly",
    "purportedly", "presumably", "ostensibly", "reputedly", "conceivably", "probably", "maybe", "might", "somewhat",
    "fairly", "quite", "so - called", "sort of", "kind of", "more or less", "to some extent", "to a certain extent",
    "in some ways", "some say", "some people say", "some have said", "some argue", "some believe", "some would say",
    "many believe", "many people believe", "many say", "it is believed", "it was believed", "it is said",
    "it was said", "it is thought", "it is claimed", "it is reported", "it is widely believed",
    "it has been suggested", "it has been said", "it has been argued", "it could be argued", "it is possible",
    "experts say", "experts said", "experts believe", "critics say", "critics said", "critics argue", "observers say",
    "observers said", "analysts say", "analysts said", "sources say", "sources said", "according to sources",
    "widely regarded", "widely believed", "widely thought", "may have", "could be", "it seems", "it appears",
    "appears to", "appear to", "seems to", "seem to",
];

/// Determiners that make "kind of"/"sort of" a noun phrase ("this kind of weapon").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "what", "which", "any", "some", "every", "each", "no", "same",
    "one", "another", "other", "whatever", "his", "her", "its", "their", "our", "my", "your", "new", "different",
    "right", "wrong",
];

fn set(words: &'static [&'static str]) -> WordSet {
    words.iter().copied().collect()
}

static BE: LazyLock<WordSet> = LazyLock::new(|| set(BE_FORMS));
static MID: LazyLock<WordSet> = LazyLock::new(|| set(MIDDLE));
static IRR: LazyLock<WordSet> = LazyLock::new(|| set(IRREGULAR));
static EDX: LazyLock<WordSet> = LazyLock::new(|| set(ED_EXCLUDED));
static TOX: LazyLock<WordSet> = LazyLock::new(|| set(BEFORE_TO_EXCLUDED));
static EED: LazyLock<WordSet> = LazyLock::new(|| set(EED_PARTICIPLES));
static NOTADV: LazyLock<WordSet> = LazyLock::new(|| set(NOT_ADVERBS));
static DET: LazyLock<WordSet> = LazyLock::new(|| set(DETERMINERS));

/// The first words of the hedges (a filtered set: most words are rejected before hashing).
static HEDGE_FIRST: LazyLock<WordSet> =
    LazyLock::new(|| HEDGES.iter().map(|h| h.split(' ').next().unwrap_or(h)).collect());

/// Hedge phrases by first word, longest first.
static HEDGE_INDEX: LazyLock<WordMap<Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut m: WordMap<Vec<Vec<&str>>> = WordMap::default();
    for h in HEDGES {
        let words: Vec<&str> = h.split(' ').collect();
        m.entry(words[0]).or_default().push(words);
    }
    for v in m.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    m
});

/// The lower-cased tokens of one sentence, in one reused buffer.
struct Lower {
    arena: String,
    ranges: Vec<(usize, usize)>,
    base: usize,
}

impl Lower {
    /// Lower-cases tokens `r` of `doc` into the buffer, replacing its contents.
    #[inline(never)]
    fn fill(&mut self, doc: &Doc, r: Range<usize>) {
        self.arena.clear();
        self.ranges.clear();
        self.base = r.start;
        for k in r {
            let a = self.arena.len();
            push_lower(&mut self.arena, doc.tok(k));
            self.ranges.push((a, self.arena.len()));
        }
    }

    /// The lower-cased text of token `k` (a document token index).
    #[inline]
    fn get(&self, k: usize) -> &str {
        match k.checked_sub(self.base).and_then(|i| self.ranges.get(i)) {
            Some(&(a, b)) => &self.arena[a..b],
            None => "",
        }
    }
}

#[inline]
fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn is_participle(raw: &str, low: &str) -> bool {
    if !starts_lower(raw) || !low.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    if IRR.contains(low) {
        return true;
    }
    if low.len() < 4 || !low.ends_with("ed") || EDX.contains(low) {
        return false;
    }
    if low.ends_with("eed") {
        return EED.contains(low);
    }
    true
}

/// An -ly adverb, by its lower-cased form.
fn is_ly_adverb(low: &str) -> bool {
    low.len() >= 4 && low.ends_with("ly") && low.bytes().all(|b| b.is_ascii_lowercase()) && !NOTADV.contains(low)
}

/// Finds passive verb phrases, -ly adverbs and hedges.
pub fn extract(doc: &Doc) -> Vec<Span> {
    let mut out = Vec::new();
    let mut low = Lower { arena: String::new(), ranges: Vec::new(), base: 0 };
    let mut hedges: Vec<(usize, usize)> = Vec::new();
    let ntok = doc.tokens.len();
    for seg in &doc.sentences {
        let r = seg.tokens.start.min(ntok)..seg.tokens.end.min(ntok);
        if r.is_empty() {
            continue;
        }
        low.fill(doc, r.clone());
        find_hedges(doc, &low, r.clone(), &mut hedges, &mut out);
        find_passives(doc, &low, r.clone(), &mut out);
        find_adverbs(doc, &low, r, &hedges, &mut out);
    }
    out.shrink_to_fit();
    out
}

/// Token `k` is a word.
#[inline]
fn is_word(doc: &Doc, k: usize) -> bool {
    doc.tokens[k].kind == TokKind::Word
}

/// The hedges of the sentence of tokens `r`: the longest phrase at each token, then past it.
/// Pushed to `out`, and their byte ranges to `hedges` (cleared first).
#[inline(never)]
fn find_hedges(doc: &Doc, low: &Lower, r: Range<usize>, hedges: &mut Vec<(usize, usize)>, out: &mut Vec<Span>) {
    hedges.clear();
    let mut k = r.start;
    while k < r.end {
        // Every hedge starts with a word.
        let matched = if is_word(doc, k) && HEDGE_FIRST.contains(low.get(k)) { hedge_len(low, &r, k) } else { 0 };
        if matched > 0 {
            let (s, e) = (doc.tokens[k].start, doc.tokens[k + matched - 1].end);
            hedges.push((s, e));
            out.push(Span::new(doc.text, s, e, Kind::Hedge));
            k += matched;
        } else {
            k += 1;
        }
    }
}

/// The number of tokens of the longest hedge at token `k` (the first word of a hedge) of the
/// sentence of tokens `r`, or 0.
#[inline(never)]
fn hedge_len(low: &Lower, r: &Range<usize>, k: usize) -> usize {
    let Some(cands) = HEDGE_INDEX.get(low.get(k)) else {
        return 0;
    };
    for words in cands {
        let n = words.len();
        if k + n > r.end || !(0..n).all(|i| low.get(k + i) == words[i]) {
            continue;
        }
        // "this kind of weapon" is a noun phrase, not a hedge.
        if words.len() == 2
            && words[1] == "of"
            && matches!(words[0], "kind" | "sort")
            && k > r.start
            && DET.contains(low.get(k - 1))
        {
            continue;
        }
        return n;
    }
    0
}

/// The passive verb phrases of the sentence of tokens `r`, pushed to `out`.
#[inline(never)]
fn find_passives(doc: &Doc, low: &Lower, r: Range<usize>, out: &mut Vec<Span>) {
    let mut k = r.start;
    while k < r.end {
        if !is_word(doc, k) || !BE.contains(low.get(k)) {
            k += 1;
            continue;
        }
        if let Some(j) = passive_end(doc, low, &r, k) {
            out.push(Span::new(doc.text, doc.tokens[k].start, doc.tokens[j].end, Kind::Passive));
            k = j + 1;
            continue;
        }
        k += 1;
    }
}

/// The participle ending the passive verb phrase that starts with the be-verb at token `k` of
/// the sentence of tokens `r`, if there is one.
#[inline(never)]
fn passive_end(doc: &Doc, low: &Lower, r: &Range<usize>, k: usize) -> Option<usize> {
    let word = |k: usize| is_word(doc, k);
    let mut j = k + 1;
    let be = low.get(k);
    if j < r.end && low.get(j) == "being" && be != "being" && be != "been" && be != "be" {
        j += 1;
    }
    if j < r.end && word(j) && (MID.contains(low.get(j)) || is_ly_adverb(low.get(j))) {
        j += 1;
    }
    if j < r.end && word(j) && is_participle(doc.tok(j), low.get(j)) {
        let p = low.get(j);
        let to_follows = j + 1 < r.end && low.get(j + 1) == "to";
        if !(to_follows && TOX.contains(p)) {
            return Some(j);
        }
    }
    None
}

/// The -ly adverbs of the sentence of tokens `r` that are not in one of its `hedges`, pushed to
/// `out`.
#[inline(never)]
fn find_adverbs(doc: &Doc, low: &Lower, r: Range<usize>, hedges: &[(usize, usize)], out: &mut Vec<Span>) {
    let mut first_word = true;
    let mut h = 0;
    for k in r {
        let t = doc.tokens[k];
        if t.kind != TokKind::Word {
            continue;
        }
        let raw = doc.tok(k);
        let is_first = first_word;
        first_word = false;
        let l = low.get(k);
        if !is_ly_adverb(l) || (!is_first && !starts_lower(raw)) {
            continue;
        }
        // Capitals after the first letter ("McNally", "ONLY") are names or shouting.
        if raw.chars().skip(1).any(|c| c.is_uppercase()) {
            continue;
        }
        while h < hedges.len() && hedges[h].1 <= t.start {
            h += 1;
        }
        if h < hedges.len() && hedges[h].0 < t.end {
            continue; // already a hedge
        }
        out.push(Span::new(doc.text, t.start, t.end, Kind::Adverb));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn find(text: &str, kind: Kind) -> Vec<String> {
        let doc = segment(text);
        extract(&doc)
            .into_iter()
            .filter(|s| s.kind == kind)
            .map(|s| {
                assert_eq!(s.text, &text[s.start..s.end]);
                s.text
            })
            .collect()
    }

    #[test]
    fn lower_fill_ascii_and_not() {
        let doc = segment("It’s ÉTÉ, Reportedly DON'T naïve.");
        let mut low = Lower { arena: String::new(), ranges: Vec::new(), base: 0 };
        low.fill(&doc, 0..doc.tokens.len());
        for k in 0..doc.tokens.len() {
            assert_eq!(low.get(k), doc.tok(k).replace('\u{2019}', "'").to_lowercase(), "token {k}");
        }
        assert!(HEDGES.iter().all(|h| h.as_bytes()[0].is_ascii_alphabetic()));
    }

    #[test]
    fn passive_basic() {
        assert_eq!(find("The strikes were ordered by Obama.", Kind::Passive), ["were ordered"]);
        assert_eq!(find("Hundreds have been killed since 2004.", Kind::Passive), ["been killed"]);
        assert_eq!(find("He was widely recognized as a leader.", Kind::Passive), ["was widely recognized"]);
        assert_eq!(find("It was not known who fired.", Kind::Passive), ["was not known"]);
        assert_eq!(find("The case is being investigated.", Kind::Passive), ["is being investigated"]);
        assert_eq!(find("The deal will be signed and the ban was lifted.", Kind::Passive), ["be signed", "was lifted"]);
        assert_eq!(find("The bridge wasn\u{2019}t built in a day.", Kind::Passive), ["wasn\u{2019}t built"]);
        assert_eq!(find("They\u{2019}re told nothing.", Kind::Passive), ["\u{2019}re told"]);
        assert_eq!(find("WAS IT TAKEN? Were taken.", Kind::Passive), ["Were taken"]);
    }

    #[test]
    fn passive_exclusions() {
        for t in [
            "She was tired and he is interested.", "He is used to the cold.", "The vote is set to take place.",
            "It is indeed true.", "He was Ahmed's friend.", "Pakistan's armed forces are ready.",
            "They are supposed to leave.", "That is the need.", "He is red.", "The deal was, ordered chaos.",
        ] {
            assert!(find(t, Kind::Passive).is_empty(), "{t}: {:?}", find(t, Kind::Passive));
        }
        // "used" without "to" is passive.
        assert_eq!(find("Tear gas was used.", Kind::Passive), ["was used"]);
        assert_eq!(find("It was agreed.", Kind::Passive), ["was agreed"]);
    }

    #[test]
    fn adverbs() {
        assert_eq!(
            find("Similarly, he quickly and quietly left the family home early.", Kind::Adverb),
            ["Similarly", "quickly", "quietly"]
        );
        assert!(find("The daily paper, only likely in July, met Kelly and Beverly.", Kind::Adverb).is_empty());
        assert!(find("A friendly, lovely, elderly man will apply and reply.", Kind::Adverb).is_empty());
        assert_eq!(find("It must actively participate.", Kind::Adverb), ["actively"]);
    }

    #[test]
    fn hedges() {
        assert_eq!(
            find("Imperialism's so-called \u{201C}war on terror\u{201D} is reportedly over.", Kind::Hedge),
            ["so-called", "reportedly"]
        );
        assert_eq!(
            find("Some people say it is believed that experts say he may have left.", Kind::Hedge),
            ["Some people say", "it is believed", "experts say", "may have"]
        );
        assert_eq!(find("It is kind of odd.", Kind::Hedge), ["kind of"]);
        assert!(find("This kind of weapon is new.", Kind::Hedge).is_empty());
        assert!(find("The mighty river, not mightily.", Kind::Hedge).is_empty());
        assert_eq!(find("He might, PERHAPS, come.", Kind::Hedge), ["might", "PERHAPS"]);
    }

    #[test]
    fn hedge_is_not_also_adverb() {
        let doc = segment("He allegedly and apparently fled quickly.");
        let spans = extract(&doc);
        let got: Vec<(Kind, &str)> = spans.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(got, [(Kind::Hedge, "allegedly"), (Kind::Hedge, "apparently"), (Kind::Adverb, "quickly")]);
    }

    #[test]
    fn no_overlap_within_kind() {
        let text = "It was said that it is believed it is said; were been done being done. \
                    Reportedly reportedly. Some say some say.";
        let doc = segment(text);
        let spans = extract(&doc);
        for kind in [Kind::Passive, Kind::Adverb, Kind::Hedge] {
            let mut v: Vec<&Span> = spans.iter().filter(|s| s.kind == kind).collect();
            v.sort_by_key(|s| s.start);
            for w in v.windows(2) {
                assert!(w[0].end <= w[1].start, "{kind:?} overlap: {:?} {:?}", w[0].text, w[1].text);
            }
        }
    }

    #[test]
    fn seed_sentence() {
        let text = "The continued \u{201C}necessity\u{201D} of active military cooperation in Pakistan \
            with the U.S. war program was confirmed on February 9. In other words, Pakistan's \
            government has been reminded of U.S. threats that it must actively participate.";
        assert_eq!(find(text, Kind::Passive), ["was confirmed", "been reminded"]);
        assert_eq!(find(text, Kind::Adverb), ["actively"]);
        assert!(find(text, Kind::Hedge).is_empty());
    }

    #[test]
    fn hostile_input() {
        for t in [
            "",
            "was was was was",
            "\u{2019}\u{2019}\u{2019}re",
            "so - - called",
            "\u{0645}\u{062D}\u{0645}\u{062F} was k\u{0301}illed 😀ly",
            "İstanbul İS ÇALLED",
        ] {
            let doc = segment(t);
            for s in extract(&doc) {
                assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
                assert_eq!(s.text, &t[s.start..s.end]);
            }
        }
        let big = "It was reportedly believed and quickly done. ".repeat(20_000);
        let doc = segment(&big);
        let n = extract(&doc).len();
        assert_eq!(n, 20_000 * 3);
    }
}
