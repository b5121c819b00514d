//! Keeps the hand-written TypeScript declarations (www/article-lens.d.ts) in step with the Rust types:
//! every key that the JSON of an Analysis (or Options) can carry is declared on the right interface,
//! with `?` where it may be absent, and every declared field is a real one.

use std::collections::{BTreeMap, BTreeSet};

use article_lens::{analyze, Bound, Entity, Kind, Options, QuoteRole, Span, Speaker, Value};
use serde_json::Value as Json;

const DTS: &str = include_str!("../www/article-lens.d.ts");

/// A text that yields every kind-specific field from the real pipeline: a dateline anchor, an inferred
/// year ("March 3"), relative dates ("last week"), money with a currency, a range (min/max), a bound
/// ("more than"), an approximate figure ("some"), a quantity with its counted noun, a unit, a quote with
/// a speaker, titled names (once the name tagger is in), a hedge and a passive.
const RICH: &str = "WASHINGTON, Feb. 11, 2017 — Defense Secretary Jim Mattis said last week that the \
Pentagon had spent $1.2 billion on more than 200 airstrikes in Pakistan since 2004.\n\n\
\"We will not stop until the job is done,\" Mattis said on Tuesday. Between 1,200 and 1,800 people were \
reportedly killed, and some 4,000 people fled 40 km to the border on March 3. About 88% of residents \
said the so-called \"war on terror\" had failed. General Qamar Javed Bajwa, the Pakistani army chief, \
met Mattis at the Pentagon. Bajwa said: \"Pakistan will continue to cooperate.\"\n";

/// interface name → (field → optional?)
fn parse_dts(src: &str) -> BTreeMap<String, BTreeMap<String, bool>> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, BTreeMap<String, bool>)> = None;
    let mut depth = 0usize;
    for line in src.lines() {
        let t = line.trim();
        if current.is_none() {
            if let Some(rest) = t.strip_prefix("export interface ") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                current = Some((name, BTreeMap::new()));
                depth = 1;
            }
            continue;
        }
        if t.starts_with("//") || t.starts_with("/*") || t.starts_with('*') {
            continue;
        }
        if depth == 1 {
            // `name?: type;` or `name: type;` (methods `name(` and `readonly` accessors are not data fields)
            let field: String = t.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !field.is_empty() {
                let after = &t[field.len()..];
                if after.starts_with("?:") {
                    current.as_mut().unwrap().1.insert(field, true);
                } else if after.starts_with(':') {
                    current.as_mut().unwrap().1.insert(field, false);
                }
            }
        }
        depth += t.matches('{').count();
        depth -= t.matches('}').count().min(depth);
        if depth == 0 {
            let (name, fields) = current.take().unwrap();
            out.insert(name, fields);
        }
    }
    out
}

/// The string literals of `export type Name = 'a' | 'b' …;`.
fn parse_union(src: &str, name: &str) -> BTreeSet<String> {
    let start = src.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("type {name} not declared"));
    let body = &src[start..];
    let body = &body[..body.find(';').unwrap()];
    body.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

/// Per type: every key seen, and the keys seen in every object of that type.
#[derive(Default, Debug)]
struct Seen {
    objects: BTreeMap<&'static str, usize>,
    keys: BTreeMap<&'static str, BTreeMap<String, usize>>,
}

impl Seen {
    fn object(&mut self, ty: &'static str, v: &Json) {
        let obj = v.as_object().unwrap_or_else(|| panic!("{ty} is not an object: {v}"));
        *self.objects.entry(ty).or_default() += 1;
        let keys = self.keys.entry(ty).or_default();
        for k in obj.keys() {
            *keys.entry(k.clone()).or_default() += 1;
        }
    }

    fn always(&self, ty: &str, key: &str) -> bool {
        self.keys.get(ty).and_then(|k| k.get(key)).copied().unwrap_or(0) == self.objects.get(ty).copied().unwrap_or(0)
    }

    fn analysis(&mut self, a: &Json) {
        self.object("Analysis", a);
        for s in a["spans"].as_array().unwrap() {
            self.object("Span", s);
            if let Some(sp) = s.get("speaker") {
                self.object("Speaker", sp);
            }
        }
        for e in a["entities"].as_array().unwrap() {
            self.object("Entity", e);
        }
        for s in a["sentences"].as_array().unwrap() {
            self.object("Sentence", s);
        }
        for p in a["paragraphs"].as_array().unwrap() {
            self.object("Paragraph", p);
        }
        self.object("Stats", &a["stats"]);
        for k in a["stats"]["keywords"].as_array().unwrap() {
            self.object("Keyword", k);
        }
    }
}

/// A span, entity and speaker with every optional field set (and without them), appended to the real analysis so the check
/// covers every field even before an extractor produces it (the name tagger may still be a stub).
fn fill_every_field(a: &mut article_lens::Analysis) {
    let mut s = Span::new("Jim Mattis", 0, 10, Kind::Person);
    s.value = Some(Value::Number(1.0));
    s.min = Some(1.0);
    s.max = Some(2.0);
    s.approximate = Some(true);
    s.bound = Some(Bound::Lower);
    s.unit = Some("km".into());
    s.currency = Some("USD".into());
    s.counted = Some("people".into());
    s.inferred = Some(true);
    s.relative = Some(true);
    s.role = Some(QuoteRole::Statement);
    s.speaker = Some(Box::new(Speaker { text: "Mattis".into(), start: 0, end: 6, entity: Some(0) }));
    s.title = Some("General".into());
    s.entity = Some(0);
    s.confidence = Some(0.5);
    a.spans.push(s);
    a.entities.push(Entity {
        id: a.entities.len(),
        kind: Kind::Person,
        name: "Jim Mattis".into(),
        mentions: vec![0],
        count: 1,
        salience: 1.0,
        roles: vec!["Defense Secretary".into()],
        aliases: vec!["Mattis".into()],
    });
    // …and the same types with those optional fields left out (empty vectors and no entity are skipped).
    let mut q = Span::new("\"Hi,\" he said", 0, 5, Kind::Quote);
    q.role = Some(QuoteRole::Statement);
    q.speaker = Some(Box::new(Speaker { text: "he".into(), start: 7, end: 9, entity: None }));
    a.spans.push(q);
    a.entities.push(Entity {
        id: a.entities.len(),
        kind: Kind::Place,
        name: "Pakistan".into(),
        mentions: vec![0],
        count: 1,
        salience: 0.5,
        roles: vec![],
        aliases: vec![],
    });
    a.anchor_date.get_or_insert_with(|| "2017-02-11".into());
    a.anchor_source.get_or_insert_with(|| "option".into());
    a.warnings.push("a warning".into());
}

#[test]
fn the_real_pipeline_yields_the_rich_fields() {
    let a = analyze(RICH, &Options::default());
    let json = serde_json::to_value(&a).unwrap();
    let spans = json["spans"].as_array().unwrap();
    let has = |kind: &str, key: &str| spans.iter().any(|s| s["kind"] == kind && s.get(key).is_some());
    // These come from the extractors themselves, not from fill_every_field.
    assert!(has("date", "value"), "date value");
    assert!(has("date", "inferred"), "a date with an inferred year");
    assert!(has("date", "relative"), "a relative date");
    assert!(has("money", "currency"), "money with a currency");
    assert!(spans.iter().any(|s| s.get("min").is_some() && s.get("max").is_some()), "a range");
    assert!(spans.iter().any(|s| s.get("bound").is_some()), "a bound");
    assert!(spans.iter().any(|s| s.get("approximate").is_some()), "an approximate figure");
    assert!(has("quantity", "counted"), "a counted noun");
    assert!(has("quote", "speaker") && has("quote", "role"), "a quote with a speaker");
    assert!(json.get("anchor_date").is_some() && json.get("anchor_source").is_some(), "the dateline anchor");
    // Names carry entity/title/confidence once the tagger finds them.
    let names: Vec<&Json> = spans.iter().filter(|s| s["kind"] == "person").collect();
    for n in &names {
        assert!(n.get("entity").is_some(), "every name has its entity: {n}");
    }
    if !names.is_empty() {
        assert!(names.iter().any(|n| n.get("title").is_some()), "a titled name");
        assert!(names.iter().any(|n| n.get("confidence").is_some()), "the tagger's confidence");
    }
}

#[test]
fn every_serialized_field_is_declared_and_every_declared_field_is_real() {
    let dts = parse_dts(DTS);
    let mut seen = Seen::default();

    let mut rich = analyze(RICH, &Options::default());
    fill_every_field(&mut rich);
    seen.analysis(&serde_json::to_value(&rich).unwrap());
    // A plain text without a date: anchor_date/anchor_source and warnings are absent, so optional.
    seen.analysis(&serde_json::to_value(analyze("Hello there.", &Options::default())).unwrap());
    // Options, every field set.
    let opts = Options { anchor_date: Some("2017-02-11".into()), kinds: Some(vec![Kind::Date]), no_style: true };
    seen.object("Options", &serde_json::to_value(&opts).unwrap());

    // Declared optional although every object made here has them: Options is deserialized with
    // `#[serde(default)]`, so a caller may omit any field (the one Options serialized above sets all).
    let optional_though_always_seen: &[(&str, &str)] =
        &[("Options", "anchor_date"), ("Options", "kinds"), ("Options", "no_style")];

    let mut problems = Vec::new();
    for (ty, keys) in &seen.keys {
        let Some(declared) = dts.get(*ty) else {
            problems.push(format!("interface {ty} is not declared"));
            continue;
        };
        for key in keys.keys() {
            match declared.get(key) {
                None => problems.push(format!("{ty}.{key} is serialized but not declared")),
                Some(false) if !seen.always(ty, key) => {
                    problems.push(format!("{ty}.{key} can be absent but is declared required (add `?`)"))
                }
                Some(true) if seen.always(ty, key) && !optional_though_always_seen.contains(&(*ty, key.as_str())) => {
                    problems.push(format!("{ty}.{key} is always present but declared optional"))
                }
                _ => {}
            }
        }
        for field in declared.keys() {
            if !keys.contains_key(field) {
                problems.push(format!("{ty}.{field} is declared but never serialized (not a real field?)"));
            }
        }
    }
    // The main interfaces must all have been exercised.
    for ty in ["Analysis", "Span", "Speaker", "Entity", "Sentence", "Paragraph", "Stats", "Keyword", "Options"] {
        assert!(seen.objects.contains_key(ty), "no {ty} object was produced");
    }
    assert!(problems.is_empty(), "article-lens.d.ts is out of step with src/model.rs:\n  {}", problems.join("\n  "));
}

#[test]
fn unions_match_the_rust_enums() {
    let kinds = parse_union(DTS, "Kind");
    let rust: BTreeSet<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
    assert_eq!(kinds, rust, "Kind union");
    for k in Kind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), Json::String(k.as_str().into()));
    }
    let bounds: BTreeSet<String> = [Bound::Lower, Bound::Upper]
        .iter()
        .map(|b| serde_json::to_value(b).unwrap().as_str().unwrap().to_string())
        .collect();
    assert_eq!(parse_union(DTS, "Bound"), bounds);
    let roles: BTreeSet<String> = [QuoteRole::Statement, QuoteRole::Term]
        .iter()
        .map(|r| serde_json::to_value(r).unwrap().as_str().unwrap().to_string())
        .collect();
    assert_eq!(parse_union(DTS, "QuoteRole"), roles);
}

#[test]
fn the_parser_sees_what_it_should() {
    // Guards the simple .d.ts parser itself: a field it missed would make the checks above vacuous.
    let dts = parse_dts(DTS);
    assert_eq!(dts["Span"].get("confidence"), Some(&true));
    assert_eq!(dts["Span"].get("start"), Some(&false));
    assert_eq!(dts["Stats"].len(), 22);
    assert_eq!(dts["Span"].len(), 20);
    assert!(!dts["Analyzer"].contains_key("analyze"), "methods are not data fields");
}
