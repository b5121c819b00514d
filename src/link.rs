//! Grouping: name mentions into entities ("Qamar Javed Bajwa" … "General Bajwa" … "Bajwa"),
//! with canonical names, acronyms, aliases, titles (roles) and salience.
//!
//! ```
//! use article_lens::{analyze_bytes, Options, Kind};
//! let a = analyze_bytes("Defense Secretary Jim Mattis spoke. Later Mattis left.", &Options::default());
//! let people: Vec<_> = a.entities.iter().filter(|e| e.kind == Kind::Person).collect();
//! if let Some(p) = people.first() {
//!     assert_eq!(p.name, "Jim Mattis");
//! }
//! ```

use std::sync::LazyLock;

use crate::extract::wordset::{FxMap, WordSet};
use crate::model::{Entity, Kind, Span};
use crate::text::Doc;

/// Words that, capitalized right before a person's name, are the person's title or role.
const TITLE_WORDS: &[&str] = &[
    "General", "Gen.", "Lieutenant", "Lt.", "Colonel", "Col.", "Major", "Maj.", "Captain", "Capt.", "Sergeant", "Sgt.",
    "Admiral", "Adm.", "Commander", "Marshal", "Brigadier", "Corporal", "Private", "Secretary", "Defense", "Defence",
    "State", "Foreign", "Home", "Interior", "Finance", "Treasury", "Health", "Education", "Justice", "Energy", "Trade",
    "Labor", "Labour", "Minister", "Prime", "Deputy", "Vice", "Vice-President", "President", "Chief", "Chairman",
    "Chairwoman", "Chair", "Director", "Governor", "Gov.", "Senator", "Sen.", "Representative", "Rep.", "Congressman",
    "Congresswoman", "Mayor", "Judge", "Ambassador", "King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Emir",
    "Sultan", "Chancellor", "Premier", "Speaker", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Sir", "Dame",
    "Lord", "Lady", "Rev.", "Reverend", "Father", "Bishop", "Archbishop", "Cardinal", "Imam", "Rabbi", "Attorney",
    "Ex-President", "Former", "former", "then", "CEO", "Executive", "Officer", "Coach", "Detective", "Inspector",
    "Superintendent", "Commissioner", "Spokesman", "Spokeswoman", "Mr", "Mrs", "Ms", "Dr", "Lt", "Gen", "Col", "Joint",
    "Assistant", "Under", "Undersecretary", "Envoy", "Special", "First", "Lady", "Crown", "Supreme", "Leader",
];

static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| TITLE_WORDS.iter().copied().collect());

/// Well-known alternative names of places and bodies, and their canonical name.
const ALIASES: &[(&str, &str)] = &[
    ("us", "United States"),
    ("usa", "United States"),
    ("united states", "United States"),
    ("united states of america", "United States"),
    ("america", "United States"),
    ("uk", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("great britain", "United Kingdom"),
    ("united kingdom", "United Kingdom"),
    ("un", "United Nations"),
    ("united nations", "United Nations"),
    ("eu", "European Union"),
    ("european union", "European Union"),
    ("uae", "United Arab Emirates"),
    ("united arab emirates", "United Arab Emirates"),
    ("ussr", "Soviet Union"),
    ("soviet union", "Soviet Union"),
    ("prc", "China"),
    ("nato", "NATO"),
    ("drc", "Democratic Republic of the Congo"),
];

/// `text` without trailing "'s", then without trailing "’s" (as `trim_end_matches` twice, but
/// comparing only the ends).
fn strip_possessives(mut text: &str) -> &str {
    while let Some(t) = text.strip_suffix("'s") {
        text = t;
    }
    while let Some(t) = text.strip_suffix("\u{2019}s") {
        text = t;
    }
    text
}

/// `text.trim_end_matches("'s")`, without building a substring searcher for the pattern.
fn trim_apostrophe_s(mut text: &str) -> String {
    while let Some(t) = text.strip_suffix("'s") {
        text = t;
    }
    text.to_string()
}

/// The grouping key of a mention: lower case, possessive and periods dropped, spaces collapsed.
#[cfg(test)]
fn key_of(text: &str) -> String {
    let mut out = String::new();
    key_into(text, &mut out);
    out
}

/// Writes the grouping key of `text` (see `key_of`) into `out`, replacing its contents: one
/// buffer serves every mention, and only a key seen for the first time is copied into a map.
#[inline(never)]
fn key_into(text: &str, out: &mut String) {
    out.clear();
    let t = strip_possessives(text);
    let mut space = false;
    if t.is_ascii() {
        // The same steps byte by byte (`char::is_whitespace` on ASCII is `is_ascii_whitespace`
        // plus U+000B, the vertical tab).
        for &b in t.as_bytes() {
            if b == b'.' {
                continue;
            }
            if b.is_ascii_whitespace() || b == 0x0b || b == b'-' {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(b.to_ascii_lowercase() as char);
        }
        return;
    }
    for c in t.chars() {
        if c == '.' {
            continue;
        }
        if c.is_whitespace() || c == '-' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn canonical_alias(key: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// "Central Intelligence Agency" → "cia" (initials of capitalized words, skipping of/and/the/for).
#[cfg(test)]
fn initials(text: &str) -> String {
    let mut out = String::new();
    initials_into(text, &mut out);
    out
}

/// Writes the initials of `text` (see `initials`) into `out`, replacing its contents.
#[inline(never)]
fn initials_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(
        text.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !matches!(*w, "of" | "and" | "the" | "for" | "on" | "in" | "&"))
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .flat_map(|c| c.to_lowercase()),
    );
}

/// Finds the title run right before a person span, returns (title text).
#[inline(never)]
fn title_before(doc: &Doc, start: usize) -> Option<String> {
    let mut i = doc.token_at_or_after(start);
    let first_tok = i;
    while i > 0 {
        let t = doc.tok(i - 1);
        if TITLE_SET.contains(t) && !doc.tokens[i].newline_before {
            i -= 1;
        } else {
            break;
        }
    }
    if i == first_tok {
        return None;
    }
    // Drop leading lower-case words ("former", "then") from the title proper? Keep them: they are roles.
    let s = doc.tokens[i].start;
    let e = doc.tokens[first_tok - 1].end;
    Some(doc.text[s..e].to_string())
}

struct Group {
    kind: Kind,
    name: String,
    name_tokens: usize,
    mentions: Vec<usize>,
    roles: Vec<String>,
    aliases: Vec<String>,
    first: usize,
    in_lead: bool,
    canonical_fixed: bool,
}

/// Groups the name spans of `spans` (sorted by start) into entities, sets each name span's
/// `entity` (and `title` for people), and returns the entities sorted by salience, highest first.
#[inline(never)] // called once per analysis: kept out of line so that profiles show it
pub fn group(doc: &Doc, spans: &mut [Span]) -> Vec<Entity> {
    let mut grouper = Grouper::new(lead_end(doc));
    grouper.add_all(doc, spans);
    let entities = rank(doc, grouper.groups, spans);
    link_speakers(spans);
    entities
}

/// The groups found so far, and the indexes that find the group a new mention joins.
struct Grouper {
    groups: Vec<Group>,
    /// Groups by key, one map per kind (indexed by `Kind as usize`). A key belongs to one group,
    /// the first that a mention with that key joined, and a group holds mentions of its own kind
    /// only: so a key is a group's key exactly when it is in this map.
    by_key: Vec<FxMap<String, usize>>,
    acronyms: FxMap<String, usize>,
    people: PersonIndex,
    /// Reused for every mention: the key and the initials.
    key: String,
    ini: String,
    /// The end of the lead (see [`lead_end`]).
    lead_end: usize,
}

impl Grouper {
    /// No groups yet; `lead_end` is the end of the document's lead.
    fn new(lead_end: usize) -> Self {
        Grouper {
            groups: Vec::new(),
            by_key: vec![FxMap::default(); Kind::ALL.len()],
            acronyms: FxMap::default(),
            people: PersonIndex::default(),
            key: String::new(),
            ini: String::new(),
            lead_end,
        }
    }

    /// Adds every name span of `spans`, in order.
    #[inline(never)]
    fn add_all(&mut self, doc: &Doc, spans: &mut [Span]) {
        for si in 0..spans.len() {
            if spans[si].kind.is_name() {
                self.add(doc, spans, si);
            }
        }
    }

    /// Adds name span `si` to its group (a new one if it joins none), and sets its title.
    #[inline(never)]
    fn add(&mut self, doc: &Doc, spans: &mut [Span], si: usize) {
        let kind = spans[si].kind;
        if kind == Kind::Person {
            if let Some(t) = title_before(doc, spans[si].start) {
                spans[si].title = Some(t);
            }
        }
        // Taken out for this call (and put back below) so that `spans` stays writable.
        let text = std::mem::take(&mut spans[si].text);
        key_into(&text, &mut self.key);
        if self.key.is_empty() {
            spans[si].text = text;
            return;
        }
        let alias = canonical_alias(&self.key);
        if let Some(c) = alias {
            key_into(c, &mut self.key);
        }
        let ntok = text.split_whitespace().count();
        let known = self.by_key[kind as usize].get(self.key.as_str()).copied();
        let g = match known.or_else(|| self.find_other(kind)) {
            Some(g) => g,
            None => self.new_group(kind, alias, &text, ntok, spans[si].start),
        };
        if known.is_none() {
            self.add_key(kind, g);
        }
        let gr = &mut self.groups[g];
        gr.join(kind, &text, ntok, spans[si].title.as_ref());
        gr.mentions.push(si);
        if spans[si].start < self.lead_end {
            gr.in_lead = true;
        }
        // Acronyms: "Central Intelligence Agency (CIA)" and initials of multi-word names.
        if matches!(kind, Kind::Organization | Kind::Place | Kind::Misc) && ntok >= 2 {
            self.add_initials(&text, g);
        }
        spans[si].text = text;
    }

    /// The group of another key that the current key (of a mention of `kind`) joins: a person's
    /// by its words, a body's or place's by its acronym.
    fn find_other(&mut self, kind: Kind) -> Option<usize> {
        match kind {
            Kind::Person => self.people.find(&self.key),
            Kind::Organization | Kind::Place | Kind::Misc => {
                self.acronyms.get(self.key.as_str()).copied().filter(|&g| self.groups[g].kind == kind)
            }
            _ => None,
        }
    }

    /// Starts a group with a mention (its text, alias and token count) at byte `first`.
    #[inline(never)]
    fn new_group(&mut self, kind: Kind, alias: Option<&str>, text: &str, ntok: usize, first: usize) -> usize {
        self.groups.push(Group {
            kind,
            name: alias.map_or_else(|| trim_apostrophe_s(text), str::to_string),
            name_tokens: ntok,
            mentions: Vec::new(),
            roles: Vec::new(),
            aliases: Vec::new(),
            first,
            in_lead: false,
            canonical_fixed: alias.is_some(),
        });
        self.groups.len() - 1
    }

    /// Records the current key, new to its group `g`, for a mention of `kind`.
    #[inline(never)]
    fn add_key(&mut self, kind: Kind, g: usize) {
        self.by_key[kind as usize].insert(self.key.clone(), g);
        if self.groups[g].kind == Kind::Person {
            self.people.add(&self.key, g);
        }
    }

    /// Records the initials of the multi-word name `text` as an acronym of group `g`, unless
    /// they are one letter or already some group's acronym.
    #[inline(never)]
    fn add_initials(&mut self, text: &str, g: usize) {
        initials_into(text, &mut self.ini);
        if self.ini.len() >= 2 && !self.acronyms.contains_key(self.ini.as_str()) {
            self.acronyms.insert(self.ini.clone(), g);
        }
    }
}

impl Group {
    /// Takes a mention's text (of `ntok` tokens) as the canonical name or an alias, and its title
    /// as a role.
    #[inline(never)]
    fn join(&mut self, kind: Kind, text: &str, ntok: usize, title: Option<&String>) {
        // A longer mention of the same person becomes the canonical name.
        if !self.canonical_fixed && ntok > self.name_tokens && kind == Kind::Person {
            let old = std::mem::replace(&mut self.name, text.to_string());
            if !self.aliases.contains(&old) {
                self.aliases.push(old);
            }
            self.name_tokens = ntok;
        } else if text != self.name && !self.aliases.iter().any(|a| a == text) {
            self.aliases.push(text.to_string());
        }
        if let Some(t) = title {
            if !self.roles.contains(t) {
                self.roles.push(t.clone());
            }
        }
    }
}

/// The entities of `groups`, sorted by salience (frequency, first position, presence in the
/// headline / first paragraph), with each mention's `entity` set to its entity's id.
#[inline(never)]
fn rank(doc: &Doc, mut groups: Vec<Group>, spans: &mut [Span]) -> Vec<Entity> {
    let order = salience_order(doc, &groups);
    let mut entities = Vec::with_capacity(groups.len());
    for (id, &packed) in order.iter().enumerate() {
        let sal = from_total_order_bits(!((packed >> 96) as u32));
        let g = &mut groups[packed as u32 as usize];
        for &m in &g.mentions {
            spans[m].entity = Some(id);
        }
        let name = std::mem::take(&mut g.name);
        let mut aliases = std::mem::take(&mut g.aliases);
        aliases.retain(|a| *a != name);
        aliases.dedup();
        let mentions = std::mem::take(&mut g.mentions);
        entities.push(Entity {
            id,
            kind: g.kind,
            name,
            count: mentions.len(),
            mentions,
            salience: (sal * 1000.0).round() / 1000.0,
            roles: std::mem::take(&mut g.roles),
            aliases,
        });
    }
    entities
}

/// The groups sorted by salience, highest first, then by first position, then by index (so an
/// unstable sort gives a stable sort's order): the three keys packed in one `u128` a group.
#[inline(never)]
fn salience_order(doc: &Doc, groups: &[Group]) -> Vec<u128> {
    let max_count = groups.iter().map(|g| g.mentions.len()).max().unwrap_or(1).max(1) as f32;
    let len = doc.text.len().max(1) as f32;
    let mut order: Vec<u128> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let freq = g.mentions.len() as f32 / max_count;
            let early = 1.0 - g.first as f32 / len;
            let lead = if g.in_lead { 1.0 } else { 0.0 };
            let sal = 0.6 * freq + 0.25 * early + 0.15 * lead;
            (!total_order_bits(sal) as u128) << 96 | (g.first as u64 as u128) << 32 | i as u32 as u128
        })
        .collect();
    // (An index takes 32 bits: 2^32 groups would need 2^32 name spans, a terabyte of them.)
    order.sort_unstable();
    order
}

/// The bits of `x` as an unsigned number that orders as `f32::total_cmp` orders floats.
fn total_order_bits(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 1 << 31
    }
}

/// The inverse of [`total_order_bits`].
fn from_total_order_bits(b: u32) -> f32 {
    f32::from_bits(if b >> 31 == 1 { b & !(1 << 31) } else { !b })
}

/// Points each quote's speaker at the entity of the name span it covers (or lies in).
#[inline(never)]
fn link_speakers(spans: &mut [Span]) {
    // Name spans with an entity, as indices into `spans` (4 bytes each: this runs at the peak of
    // memory, next to every span).
    let names: Vec<u32> =
        (0..spans.len()).filter(|&k| spans[k].kind.is_name() && spans[k].entity.is_some()).map(|k| k as u32).collect();
    for qi in 0..spans.len() {
        if spans[qi].kind != Kind::Quote {
            continue;
        }
        let Some((ss, se)) = spans[qi].speaker.as_ref().map(|sp| (sp.start, sp.end)) else { continue };
        // The last name span starting at or before the speaker's end that overlaps it.
        let i = names.partition_point(|&k| spans[k as usize].start < se);
        let entity =
            names[..i].iter().rev().take(4).map(|&k| &spans[k as usize]).find(|n| n.end > ss).and_then(|n| n.entity);
        if let Some(sp) = spans[qi].speaker.as_mut() {
            sp.entity = entity;
        }
    }
}

/// The keys of the person groups, indexed by their words, so that matching a new mention costs
/// a few lookups instead of a scan of every person seen so far (which made grouping quadratic).
///
/// A person mention joins an earlier person when it is one of that person's name words
/// ("Bajwa" → "Qamar Javed Bajwa") or that person's name is a word of it ("Jim Mattis" ← "Mattis").
/// Ambiguous matches (two people share the word) join nobody. [`PersonIndex::find`] gives the same
/// answer as the scan in `person_match` (kept in the tests as the reference).
#[derive(Default)]
struct PersonIndex {
    /// Multi-word keys by first word, by last word, and by "first last".
    multi_first: FxMap<String, Groups>,
    multi_last: FxMap<String, Groups>,
    multi_ends: FxMap<String, Groups>,
    /// One-word keys.
    single: FxMap<String, Groups>,
    /// Scratch space for "first last" of keys of three words or more.
    ends: String,
}

/// The person groups under one entry of a [`PersonIndex`] map, as much as matching needs: the first
/// group recorded, and whether any other group was.
#[derive(Clone, Copy)]
struct Groups {
    first: usize,
    more: bool,
}

/// The first and the last word of a key (both the key itself when it has one word).
fn first_last(key: &str) -> (&str, &str) {
    let b = key.as_bytes();
    let first = b.iter().position(|&c| c == b' ').map_or(key, |i| &key[..i]);
    let last = b.iter().rposition(|&c| c == b' ').map_or(key, |i| &key[i + 1..]);
    (first, last)
}

/// "first last" of a multi-word key: the key itself when it has two words, else built in `buf`.
fn ends_of<'a>(key: &'a str, buf: &'a mut String) -> &'a str {
    let (first, last) = first_last(key);
    if first.len() + 1 + last.len() == key.len() {
        return key;
    }
    buf.clear();
    buf.push_str(first);
    buf.push(' ');
    buf.push_str(last);
    buf
}

impl PersonIndex {
    /// Records that person group `g` has key `key`.
    fn add(&mut self, key: &str, g: usize) {
        fn push(m: &mut FxMap<String, Groups>, k: &str, g: usize) {
            match m.get_mut(k) {
                Some(v) => v.more |= v.first != g,
                None => {
                    m.insert(k.to_string(), Groups { first: g, more: false });
                }
            }
        }
        if key.contains(' ') {
            let (first, last) = first_last(key);
            push(&mut self.multi_first, first, g);
            push(&mut self.multi_last, last, g);
            push(&mut self.multi_ends, ends_of(key, &mut self.ends), g);
        } else {
            push(&mut self.single, key, g);
        }
    }

    /// The one person group `key` matches, if exactly one does.
    fn find(&mut self, key: &str) -> Option<usize> {
        fn get(m: &FxMap<String, Groups>, k: &str) -> Option<Groups> {
            m.get(k).copied()
        }
        let (a, b) = if key.contains(' ') {
            // A one-word person key equal to the mention's last word, or the same first and last word.
            let (_, last) = first_last(key);
            let ends = ends_of(key, &mut self.ends);
            (get(&self.single, last), get(&self.multi_ends, ends))
        } else {
            // A multi-word person key that ends or starts with the word.
            (get(&self.multi_last, key), get(&self.multi_first, key))
        };
        // Exactly one group between the two entries.
        match (a, b) {
            (Some(x), Some(y)) if !x.more && !y.more && x.first == y.first => Some(x.first),
            (Some(x), None) | (None, Some(x)) if !x.more => Some(x.first),
            _ => None,
        }
    }
}

/// The reference for [`PersonIndex::find`]: a scan of every person group, given as its kind and keys.
#[cfg(test)]
fn person_match(groups: &[(Kind, Vec<String>)], key: &str) -> Option<usize> {
    let words: Vec<&str> = key.split(' ').collect();
    let mut found = None;
    for (i, (kind, keys)) in groups.iter().enumerate() {
        if *kind != Kind::Person {
            continue;
        }
        let hit = keys.iter().any(|k| {
            let kw: Vec<&str> = k.split(' ').collect();
            if words.len() == 1 {
                kw.len() > 1 && (kw.last() == Some(&words[0]) || kw.first() == Some(&words[0]))
            } else if kw.len() == 1 {
                words.last() == Some(&kw[0])
            } else {
                // "George Bush" vs "George W. Bush": same first and last word.
                kw.first() == words.first() && kw.last() == words.last()
            }
        });
        if hit {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// The end of the "lead": the headline and first paragraph (the first two paragraphs when the
/// first is a short headline or dateline).
fn lead_end(doc: &Doc) -> usize {
    let mut end = 0;
    let mut words = 0;
    for p in &doc.paragraphs {
        end = p.end;
        words += p.tokens.len();
        if words >= 25 {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn span(text: &str, needle: &str, nth: usize, kind: Kind) -> Span {
        let (s, _) = text.match_indices(needle).nth(nth).unwrap();
        Span::new(text, s, s + needle.len(), kind)
    }

    #[test]
    fn groups_people_places_and_acronyms() {
        let text = "General Qamar Javed Bajwa met U.S. Defense Secretary Jim Mattis. Bajwa thanked Mattis. \
                    The United States and the Central Intelligence Agency (CIA) agreed. The CIA and America said so.";
        let doc = segment(text);
        let mut spans = vec![
            span(text, "Qamar Javed Bajwa", 0, Kind::Person),
            span(text, "U.S.", 0, Kind::Place),
            span(text, "Jim Mattis", 0, Kind::Person),
            span(text, "Bajwa", 1, Kind::Person),
            span(text, "Mattis", 1, Kind::Person),
            span(text, "United States", 0, Kind::Place),
            span(text, "Central Intelligence Agency", 0, Kind::Organization),
            span(text, "CIA", 0, Kind::Organization),
            span(text, "CIA", 1, Kind::Organization),
            span(text, "America", 0, Kind::Place),
        ];
        spans.sort_by_key(|s| s.start);
        let ents = group(&doc, &mut spans);
        let find = |n: &str| ents.iter().find(|e| e.name == n).unwrap_or_else(|| panic!("no {n}: {ents:?}"));
        assert_eq!(find("Qamar Javed Bajwa").count, 2);
        assert_eq!(find("Qamar Javed Bajwa").roles, ["General"]);
        assert_eq!(find("Jim Mattis").count, 2);
        assert_eq!(find("Jim Mattis").roles, ["Defense Secretary"]);
        assert_eq!(find("United States").count, 3);
        assert_eq!(find("Central Intelligence Agency").count, 3);
        assert_eq!(ents.len(), 4);
        // ids are positions, and every mention points back.
        for e in &ents {
            for &m in &e.mentions {
                assert_eq!(spans[m].entity, Some(e.id));
            }
        }
        assert!(ents.windows(2).all(|w| w[0].salience >= w[1].salience));
    }

    #[test]
    fn ambiguous_surname_joins_nobody() {
        let text = "George Bush and Jeb Bush met. Bush spoke.";
        let doc = segment(text);
        let mut spans = vec![
            span(text, "George Bush", 0, Kind::Person),
            span(text, "Jeb Bush", 0, Kind::Person),
            span(text, "Bush", 2, Kind::Person),
        ];
        let ents = group(&doc, &mut spans);
        assert_eq!(ents.len(), 3);
    }

    #[test]
    fn keys() {
        for t in ["Pakistan's", "X's's", "A’s's", "A's’s", "’s", "s", "Bush"] {
            assert_eq!(strip_possessives(t), t.trim_end_matches("'s").trim_end_matches("\u{2019}s"), "{t}");
        }
        assert_eq!(key_of("U.S."), "us");
        assert_eq!(key_of("Pakistan's"), "pakistan");
        assert_eq!(initials("Central Intelligence Agency"), "cia");
        assert_eq!(initials("Senate Armed Services Committee"), "sasc");
    }

    #[test]
    fn person_index_answers_as_the_scan() {
        // (group, key) in the order grouping adds them; group 3 is a place and is never indexed.
        let adds: &[(usize, &str)] = &[
            (0, "qamar javed bajwa"),
            (0, "bajwa"),
            (1, "jim mattis"),
            (2, "george bush"),
            (2, "george w bush"),
            (4, "laura bush"),
            (5, "john smith"),
            (6, "smith"),
            (7, "john"),
            (8, "ali"),
            (9, "ali khan"),
            (10, "khan ali"),
        ];
        let mut groups: Vec<(Kind, Vec<String>)> =
            (0..11).map(|i| (if i == 3 { Kind::Place } else { Kind::Person }, Vec::new())).collect();
        groups[3].1.push("george town".to_string());
        let mut index = PersonIndex::default();
        let queries = [
            "bajwa", "qamar", "javed", "mattis", "jim", "bush", "george", "george bush", "george h w bush",
            "laura bush", "smith", "john", "john smith", "mary smith", "ali", "khan", "ali khan", "khan", "town",
            "george town", "nobody", "w", "jim w mattis",
        ];
        for &(g, key) in adds {
            groups[g].1.push(key.to_string());
            index.add(key, g);
            for q in queries {
                assert_eq!(index.find(q), person_match(&groups, q), "query {q:?} after adding {key:?}");
            }
        }
        assert_eq!(index.find("mattis"), Some(1));
        assert_eq!(index.find("bush"), None); // George Bush or Laura Bush
        assert_eq!(index.find("george h w bush"), Some(2));
    }
}
