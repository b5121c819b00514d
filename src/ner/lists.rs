//! Compact word lists for the tagger: gazetteers (hashed token sequences → category bits) and word
//! clusters (hashed word → 3-hex-digit path + frequency-rank bucket). Built by `article-lens build-lists`
//! into `data/lists.bin`; parsed once into flat sorted arrays.

/// Gazetteer categories (bit numbers in the `u16` flags).
pub mod cat {
    pub const COUNTRY: u16 = 1 << 0;
    pub const DEMONYM: u16 = 1 << 1;
    pub const CITY: u16 = 1 << 2;
    pub const REGION: u16 = 1 << 3;
    pub const GIVEN: u16 = 1 << 4;
    pub const SURNAME: u16 = 1 << 5;
    pub const ORG: u16 = 1 << 6;
    pub const ORG_CUE: u16 = 1 << 7;
    pub const TITLE: u16 = 1 << 8;
    pub const PLACE_CUE: u16 = 1 << 9;
    pub const GROUP: u16 = 1 << 10;
    pub const MISC_CUE: u16 = 1 << 11;
    pub const COUNT: usize = 12;
}

/// Titles and roles that precede a name (never part of it).
pub const TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor", "President", "Vice",
    "Prime", "Minister", "Secretary", "General", "Gen", "Gen.", "Lieutenant", "Lt", "Lt.", "Colonel", "Col", "Col.",
    "Major", "Maj.", "Captain", "Capt.", "Sergeant", "Sgt.", "Admiral", "Adm.", "Commander", "Governor", "Gov.",
    "Senator", "Sen.", "Representative", "Rep.", "Congressman", "Congresswoman", "Chancellor", "Chairman",
    "Chairwoman", "Chief", "Director", "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Lord", "Lady",
    "Sir", "Dame", "Pope", "Cardinal", "Bishop", "Archbishop", "Rev.", "Reverend", "Father", "Sheikh", "Ayatollah",
    "Imam", "Rabbi", "Mayor", "Ambassador", "Envoy", "Premier", "Speaker", "Deputy", "Coach", "Spokesman",
    "Spokeswoman", "Marshal", "Brigadier", "Corporal", "Private", "Emir", "Sultan", "Crown", "Defense", "Defence",
    "Foreign", "Interior", "Finance", "Attorney", "Staff", "Officer", "Inspector", "Detective", "Sgt", "Supt",
    "Superintendent", "Dean", "Chef", "Pastor", "Mullah",
];

/// Words that end or mark an organization name.
pub const ORG_CUES: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.", "LLC", "Plc", "PLC", "plc", "AG", "SA",
    "NV", "GmbH", "Group", "Holdings", "Bank", "Party", "Committee", "Agency", "Ministry", "Department", "Forces",
    "Army", "Navy", "Force", "Corps", "University", "College", "Institute", "Council", "Commission", "Association",
    "Union", "Federation", "League", "Foundation", "Fund", "Organization", "Organisation", "Authority", "Board",
    "Bureau", "Court", "Parliament", "Assembly", "Congress", "Senate", "Police", "Service", "Services", "Club",
    "Company", "Airlines", "Airways", "Times", "Post", "News", "Press", "Network", "Motors", "Industries",
    "Technologies", "Systems", "Securities", "Capital", "Partners", "Trust", "Society", "Church", "Coalition", "Front",
    "Movement", "Alliance", "Brigade", "Brigades", "Guard", "Office", "Administration", "Exchange", "Reserve",
    "Cabinet", "Government", "Commonwealth", "Secretariat", "Tribunal", "Agency's", "Labs", "Laboratories", "Hospital",
    "School", "Academy", "Centre", "Center", "Museum", "Team", "United", "FC", "Rovers",
];

/// Words that end or mark a place name.
pub const PLACE_CUES: &[&str] = &[
    "Province", "River", "Mountains", "Mountain", "Mount", "Mt.", "Lake", "Sea", "Ocean", "Island", "Islands",
    "Valley", "Desert", "Gulf", "Bay", "Strait", "Straits", "Peninsula", "County", "State", "Region", "District",
    "City", "Street", "St.", "Avenue", "Road", "Square", "Park", "Airport", "Bridge", "Canal", "Coast", "Highlands",
    "Plain", "Plains", "Basin", "Hills", "Forest", "Falls", "Cape", "Harbour", "Harbor", "Port", "Village", "Town",
    "Territory", "Territories", "Prefecture", "Oblast", "Governorate", "Heights", "Strip", "Bank", "Corridor", "Pass",
    "Canyon", "Glacier", "Reef", "Delta",
];

/// Words that end or mark another proper name (events, works, laws).
pub const MISC_CUES: &[&str] = &[
    "Cup", "Championship", "Championships", "Open", "Games", "Olympics", "War", "Act", "Treaty", "Accord", "Accords",
    "Agreement", "Prize", "Award", "Awards", "Festival", "Summit", "Conference", "Series", "Trophy", "Tour", "Bowl",
    "Declaration", "Doctrine", "Plan", "Law", "Bill", "Constitution", "Revolution", "Protocol", "Convention",
    "Initiative", "Program", "Programme", "Operation", "Index",
];

/// Religious, political and ethnic groups (kind `group`), beside the nationalities of countries.tsv.
pub const GROUPS: &[&str] = &[
    "Republican", "Republicans", "Democrat", "Democrats", "Muslim", "Muslims", "Moslem", "Moslems", "Christian",
    "Christians", "Jew", "Jews", "Jewish", "Catholic", "Catholics", "Protestant", "Protestants", "Sunni", "Sunnis",
    "Shia", "Shiite", "Shiites", "Shi'ite", "Shi'ites", "Hindu", "Hindus", "Buddhist", "Buddhists", "Sikh", "Sikhs",
    "Islamist", "Islamists", "Communist", "Communists", "Socialist", "Socialists", "Conservative", "Conservatives",
    "Liberal", "Liberals", "Marxist", "Marxists", "Maoist", "Maoists", "Zionist", "Zionists", "Kurd", "Kurds",
    "Kurdish", "Pashtun", "Pashtuns", "Baluch", "Tamil", "Tamils", "Hutu", "Hutus", "Tutsi", "Tutsis", "Arab", "Arabs",
    "Palestinian", "Palestinians", "European", "Europeans", "African", "Africans", "Asian", "Asians", "Latino",
    "Latinos", "Hispanic", "Hispanics", "Westerner", "Westerners", "Serb", "Serbs", "Croat", "Croats", "Bosnian",
    "Bosnians", "Chechen", "Chechens", "Basque", "Basques", "Catalan", "Catalans", "Orthodox", "Evangelical",
    "Evangelicals", "Mormon", "Mormons", "Lutheran", "Anglican", "Baptist", "Soviet", "Soviets", "British", "English",
    "Scottish", "Scots", "Welsh", "Irish", "Dutch", "French", "Americans", "American", "Britons", "Briton",
    "Scandinavian", "Nordic", "Slav", "Slavs", "Persian", "Uighur", "Uighurs", "Uyghur", "Uyghurs", "Rohingya",
    "Yazidi", "Yazidis", "Druze", "Alawite", "Alawites", "Coptic", "Copts", "Roma", "Aboriginal", "Democratic",
    "Labourite", "Tory", "Tories",
];

/// Countries and regions written informally, missing from countries.tsv.
pub const EXTRA_PLACES: &[&str] = &[
    "U.S.", "U.S", "US", "USA", "U.S.A.", "America", "United States", "United States of America", "Britain",
    "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales", "Northern Ireland", "Holland", "Burma",
    "Ivory Coast", "Soviet Union", "USSR", "Yugoslavia", "Zaire", "Czechoslovakia", "East Germany", "West Germany",
    "Palestine", "Gaza", "West Bank", "Kashmir", "Tibet", "Chechnya", "Kosovo", "Bosnia", "Middle East",
    "Greater Middle East", "Near East", "Far East", "Europe", "Asia", "Africa", "North America", "South America",
    "Latin America", "Central America", "Antarctica", "Oceania", "Balkans", "Caribbean", "Scandinavia", "Persian Gulf",
    "Mediterranean", "Atlantic", "Pacific", "Arctic", "Sahara", "Siberia", "Kurdistan", "Punjab", "Sindh",
    "Balochistan", "Waziristan", "Khyber Pakhtunkhwa", "Gulf", "South Korea", "North Korea", "Russia", "Iran", "Syria",
    "Congo", "Vietnam", "Laos", "Macedonia", "Moldova", "Taiwan", "Hong Kong", "Macau", "Vatican",
];

/// Organizations spelled as acronyms or short forms that the SEC/party lists lack.
pub const EXTRA_ORGS: &[&str] = &[
    "CIA", "FBI", "NSA", "NATO", "UN", "U.N.", "United Nations", "EU", "European Union", "IMF", "World Bank", "WHO",
    "OPEC", "Pentagon", "Kremlin", "White House", "Congress", "Senate", "Taliban", "al-Qaeda", "al Qaeda", "Al Qaeda",
    "Hamas", "Hezbollah", "ISIS", "ISIL", "Islamic State", "Reuters", "Associated Press", "AP", "AFP", "BBC", "CNN",
    "Interpol", "Red Cross", "Amnesty International", "Human Rights Watch", "WTO", "OECD", "ASEAN", "African Union",
    "Arab League", "Supreme Court", "Federal Reserve", "Bundesbank", "ECB", "Labour", "Labour Party",
    "Conservative Party", "GOP",
];

// ---------------------------------------------------------------------------------------------
// Hashing: one 64-bit hash over lower-cased token texts joined by single spaces.

const FNV_OFF: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

/// Streaming hash of a token sequence, case-folded.
#[derive(Clone, Copy)]
pub struct SeqHash(u64);

impl SeqHash {
    pub fn new() -> Self {
        SeqHash(FNV_OFF)
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(FNV_PRIME);
    }
    /// Adds one token (with a separating space if not the first).
    pub fn push(&mut self, tok: &str, first: bool) {
        if !first {
            self.byte(b' ');
        }
        for c in tok.chars() {
            if c.is_ascii() {
                self.byte(c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        self.byte(b);
                    }
                }
            }
        }
    }
    pub fn key(&self) -> u32 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51afd7ed558ccd);
        x ^= x >> 33;
        x as u32
    }
}

/// The index of `key` in sorted `keys`, which are hashes (spread evenly over u32): the search starts
/// where `key` would be if they were spread exactly evenly, and gallops outwards from there, so it
/// reads a few neighbouring cache lines instead of the ~17 scattered probes of a binary search.
#[inline]
pub fn find_hash(keys: &[u32], key: u32) -> Option<usize> {
    let n = keys.len();
    if n == 0 {
        return None;
    }
    let g = ((key as u64 * n as u64) >> 32) as usize; // < n
                                                      // Narrow to keys[lo..hi], which holds `key` if anything does.
    let (mut lo, mut hi);
    if keys[g] < key {
        lo = g + 1;
        hi = n;
        let mut step = 1;
        while g + step < n {
            if keys[g + step] >= key {
                hi = g + step + 1;
                break;
            }
            lo = g + step + 1;
            step *= 2;
        }
    } else {
        lo = 0;
        hi = g + 1;
        let mut step = 1;
        while step <= g {
            if keys[g - step] < key {
                lo = g - step + 1;
                break;
            }
            hi = g - step + 1;
            step *= 2;
        }
    }
    keys[lo..hi].binary_search(&key).ok().map(|i| lo + i)
}

/// Case-sensitive hash of one word (for clusters).
pub fn word_key(w: &str) -> u32 {
    let mut h = FNV_OFF;
    for &b in w.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    (h as u32) >> 8
}

/// Hash key of a phrase, tokenized by the product's tokenizer.
pub fn phrase_key(phrase: &str) -> Option<(u32, usize)> {
    let toks = crate::text::tokenize(phrase);
    if toks.is_empty() || toks.len() > MAX_NGRAM {
        return None;
    }
    let mut h = SeqHash::new();
    for (i, t) in toks.iter().enumerate() {
        h.push(&phrase[t.start..t.end], i == 0);
    }
    Some((h.key(), toks.len()))
}

/// Longest gazetteer entry, in tokens.
pub const MAX_NGRAM: usize = 4;

// ---------------------------------------------------------------------------------------------
// The compiled lists.

/// Parsed lists: sorted keys with parallel values.
#[derive(Default, Clone)]
pub struct Lists {
    pub gaz_keys: Vec<u32>,
    pub gaz_vals: Vec<u16>,
    pub clu_keys: Vec<u32>,
    /// Low 12 bits: cluster path (3 hex digits); high 4 bits: frequency-rank bucket (0 = top).
    pub clu_vals: Vec<u16>,
}

impl Lists {
    #[inline]
    pub fn gaz(&self, key: u32) -> u16 {
        find_hash(&self.gaz_keys, key).map_or(0, |i| self.gaz_vals[i])
    }
    #[inline]
    pub fn cluster(&self, word: &str) -> Option<u16> {
        find_hash(&self.clu_keys, word_key(word)).map(|i| self.clu_vals[i])
    }

    /// Parses `lists.bin`; empty or malformed input gives empty lists.
    pub fn parse(bytes: &[u8]) -> Lists {
        let mut r = Reader { b: bytes, i: 0 };
        let mut out = Lists::default();
        if bytes.len() < 4 || &bytes[..4] != b"ALL1" {
            return out;
        }
        r.i = 4;
        let ok = (|| -> Option<()> {
            let (k, v) = read_table(&mut r)?;
            out.gaz_keys = k;
            out.gaz_vals = v;
            let (k, v) = read_table(&mut r)?;
            out.clu_keys = k;
            out.clu_vals = v;
            Some(())
        })();
        if ok.is_none() {
            return Lists::default();
        }
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"ALL1".to_vec();
        write_table(&mut out, &self.gaz_keys, &self.gaz_vals);
        write_table(&mut out, &self.clu_keys, &self.clu_vals);
        out
    }
}

pub(crate) struct Reader<'a> {
    pub b: &'a [u8],
    pub i: usize,
}

impl Reader<'_> {
    #[inline(always)]
    pub fn varint(&mut self) -> Option<u64> {
        // Away from the end, read a fixed window of 10 bytes (the longest varint): one bounds check,
        // and the loop unrolls.
        if let Some(w) = self.b.get(self.i..self.i + 10) {
            let mut v = 0u64;
            for (k, &x) in w.iter().enumerate() {
                v |= ((x & 0x7f) as u64) << (7 * k);
                if x & 0x80 == 0 {
                    self.i += k + 1;
                    return Some(v);
                }
            }
            return None;
        }
        self.varint_long()
    }
    #[inline(never)]
    fn varint_long(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.b.get(self.i)?;
            self.i += 1;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }
    #[inline]
    pub fn u8(&mut self) -> Option<u8> {
        let b = *self.b.get(self.i)?;
        self.i += 1;
        Some(b)
    }
    pub fn f32(&mut self) -> Option<f32> {
        let s = self.b.get(self.i..self.i + 4)?;
        self.i += 4;
        Some(f32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn write_table(out: &mut Vec<u8>, keys: &[u32], vals: &[u16]) {
    put_varint(out, keys.len() as u64);
    let mut prev = 0u32;
    for &k in keys {
        put_varint(out, (k - prev) as u64);
        prev = k;
    }
    // Values as two byte planes (low, then high): compresses better.
    out.extend(vals.iter().map(|v| (*v & 0xff) as u8));
    out.extend(vals.iter().map(|v| (*v >> 8) as u8));
}

fn read_table(r: &mut Reader) -> Option<(Vec<u32>, Vec<u16>)> {
    let n = r.varint()? as usize;
    if n > r.b.len() {
        return None;
    }
    let mut keys = Vec::with_capacity(n);
    let mut prev = 0u64;
    for _ in 0..n {
        prev += r.varint()?;
        if prev > u32::MAX as u64 {
            return None;
        }
        keys.push(prev as u32);
    }
    let lo = r.b.get(r.i..r.i + n)?;
    let hi = r.b.get(r.i + n..r.i + 2 * n)?;
    r.i += 2 * n;
    let vals = lo.iter().zip(hi).map(|(&l, &h)| l as u16 | (h as u16) << 8).collect();
    Some((keys, vals))
}

// ---------------------------------------------------------------------------------------------
// Building (native only).

/// Settings for compiling the lists.
#[derive(Clone, Debug)]
pub struct BuildOpts {
    pub city_min_pop: u64,
    pub given_top: usize,
    pub surname_top: usize,
    pub cluster_top: usize,
    pub orgs: bool,
}

impl Default for BuildOpts {
    fn default() -> Self {
        // The settings the committed data/ was built with (chosen on dev.jsonl; see data/README.md).
        BuildOpts { city_min_pop: 300_000, given_top: 2000, surname_top: 3000, cluster_top: 30_000, orgs: false }
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn build(dir: &std::path::Path, opts: &BuildOpts) -> Result<Lists, String> {
    use std::collections::HashMap;
    let read = |f: &str| -> Result<String, String> {
        std::fs::read_to_string(dir.join("gazetteers").join(f)).map_err(|e| format!("{f}: {e}"))
    };
    let mut gaz: HashMap<u32, u16> = HashMap::new();
    let mut add = |name: &str, c: u16| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        if let Some((k, _)) = phrase_key(name) {
            *gaz.entry(k).or_insert(0) |= c;
        }
    };
    // Countries and demonyms.
    for line in read("countries.tsv")?.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        add(f[3], cat::COUNTRY);
        add(f[4], cat::COUNTRY);
        for a in f[5].split('|') {
            if a.chars().count() > 3 || a.contains('.') {
                add(a, cat::COUNTRY);
            }
        }
        for d in [f[6], f[7]] {
            if d.is_empty() {
                continue;
            }
            add(d, cat::DEMONYM);
            let pl = if d.ends_with("ese") || d.ends_with("sh") || d.ends_with("ch") || d.ends_with('s') {
                String::new()
            } else {
                format!("{d}s")
            };
            if !pl.is_empty() {
                add(&pl, cat::DEMONYM);
            }
        }
    }
    for p in EXTRA_PLACES {
        add(p, cat::COUNTRY);
    }
    for g in GROUPS {
        add(g, cat::GROUP);
    }
    // Cities above the population threshold (names and ASCII names; alternates for the largest).
    for line in read("cities.tsv")?.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        let pop: u64 = f[6].parse().unwrap_or(0);
        if pop < opts.city_min_pop && f[5] != "PPLC" {
            continue;
        }
        add(f[1], cat::CITY);
        add(f[2], cat::CITY);
        if pop >= 1_000_000 {
            for a in f[7].split('|') {
                if a.is_ascii() {
                    add(a, cat::CITY);
                }
            }
        }
    }
    for line in read("admin1.tsv")?.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        for n in [f[3], f[4]] {
            let mut n = n;
            for pre in ["State of ", "Province of ", "City state ", "Region of ", "Republic of ", "Land "] {
                if let Some(r) = n.strip_prefix(pre) {
                    n = r;
                }
            }
            for suf in [" Province", " Region", " District", " Governorate", " Oblast", " State", " County"] {
                if let Some(r) = n.strip_suffix(suf) {
                    add(r, cat::REGION);
                }
            }
            add(n, cat::REGION);
        }
    }
    for (i, line) in read("given_names.tsv")?.lines().skip(1).enumerate() {
        if i >= opts.given_top {
            break;
        }
        if let Some(n) = line.split('\t').next() {
            add(n, cat::GIVEN);
        }
    }
    for (i, line) in read("surnames.tsv")?.lines().skip(1).enumerate() {
        if i >= opts.surname_top {
            break;
        }
        if let Some(n) = line.split('\t').next() {
            add(n, cat::SURNAME);
        }
    }
    if opts.orgs {
        for line in read("organizations.tsv")?.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            match f[1] {
                "company" => {
                    for a in f[3].split('|') {
                        if a.len() > 3 && a.chars().any(|c| c.is_lowercase()) {
                            add(a, cat::ORG);
                        }
                    }
                }
                "political_party" => {
                    add(f[0], cat::ORG);
                    for a in f[3].split('|') {
                        if a.len() >= 3 {
                            add(a, cat::ORG);
                        }
                    }
                }
                "news_source" | "university" => add(f[0], cat::ORG),
                _ => {}
            }
        }
    }
    for o in EXTRA_ORGS {
        add(o, cat::ORG);
    }
    for t in TITLES {
        add(t, cat::TITLE);
    }
    for t in ORG_CUES {
        add(t, cat::ORG_CUE);
    }
    for t in PLACE_CUES {
        add(t, cat::PLACE_CUE);
    }
    for t in MISC_CUES {
        add(t, cat::MISC_CUE);
    }
    let mut g: Vec<(u32, u16)> = gaz.into_iter().collect();
    g.sort_unstable();
    // Clusters: the most frequent words.
    let text =
        std::fs::read_to_string(dir.join("clusters").join("en-clusters.tsv")).map_err(|e| format!("clusters: {e}"))?;
    let mut clu: HashMap<u32, u16> = HashMap::new();
    for (rank, line) in text.lines().skip(1).enumerate() {
        if rank >= opts.cluster_top {
            break;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(p)) = (it.next(), it.next()) else { continue };
        let Ok(path) = u16::from_str_radix(p, 16) else { continue };
        let bucket = ((rank + 1) as f64).log2().floor().min(15.0) as u16;
        clu.entry(word_key(w)).or_insert(path & 0xfff | bucket << 12);
    }
    let mut c: Vec<(u32, u16)> = clu.into_iter().collect();
    c.sort_unstable();
    Ok(Lists {
        gaz_keys: g.iter().map(|x| x.0).collect(),
        gaz_vals: g.iter().map(|x| x.1).collect(),
        clu_keys: c.iter().map(|x| x.0).collect(),
        clu_vals: c.iter().map(|x| x.1).collect(),
    })
}
