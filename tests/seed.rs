//! The seed article against its hand-checked gold (`tests/fixtures/seed-article.gold.json`,
//! copied from `../shared/fixtures`; gold offsets are Unicode code points, converted here).

use article_lens::{analyze, Analysis, Kind, Options, QuoteRole};
use serde_json::Value;

const TEXT: &str = include_str!("fixtures/seed-article.txt");
const GOLD: &str = include_str!("fixtures/seed-article.gold.json");

struct Gold {
    start: usize, // UTF-16
    end: usize,
    label: String,
    text: String,
    entity: String,
}

fn gold() -> Vec<Gold> {
    let v: Value = serde_json::from_str(GOLD).unwrap();
    let cps: Vec<char> = TEXT.chars().collect();
    let u16_at = |cp: usize| cps[..cp].iter().map(|c| c.len_utf16()).sum::<usize>();
    v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            let text: String = cps[a..b].iter().collect();
            assert_eq!(text, s["text"].as_str().unwrap());
            Gold {
                start: u16_at(a),
                end: u16_at(b),
                label: s["label"].as_str().unwrap().to_string(),
                text,
                entity: s["entity"].as_str().unwrap_or("").to_string(),
            }
        })
        .collect()
}

fn kind_of(label: &str) -> Option<Kind> {
    Some(match label {
        "DATE" => Kind::Date,
        "PERCENT" => Kind::Percent,
        "QUANTITY" => Kind::Quantity,
        "QUOTE" => Kind::Quote,
        "PERSON" => Kind::Person,
        "ORG" => Kind::Organization,
        "PLACE" => Kind::Place,
        "NORP" => Kind::Group,
        _ => return None,
    })
}

fn analysis() -> Analysis {
    analyze(TEXT, &Options::default())
}

fn missing(a: &Analysis, labels: &[&str]) -> Vec<String> {
    gold()
        .iter()
        .filter(|g| labels.contains(&g.label.as_str()))
        .filter(|g| {
            let k = kind_of(&g.label).unwrap();
            !a.spans.iter().any(|s| s.kind == k && s.start == g.start && s.end == g.end)
        })
        .map(|g| format!("{} {:?} @{}", g.label, g.text, g.start))
        .collect()
}

#[test]
fn dates_numbers_and_quotes_match_gold_exactly() {
    let a = analysis();
    let miss = missing(&a, &["DATE", "PERCENT", "QUANTITY", "QUOTE"]);
    assert!(miss.is_empty(), "missing or wrong boundaries: {miss:#?}");
}

#[test]
fn no_year_inside_a_date_is_a_statistic() {
    let a = analysis();
    for d in a.spans.iter().filter(|s| s.kind == Kind::Date) {
        for n in a.spans.iter().filter(|s| s.kind.is_number()) {
            assert!(n.end <= d.start || n.start >= d.end, "number {:?} overlaps date {:?}", n.text, d.text);
        }
    }
}

#[test]
fn quote_roles() {
    let a = analysis();
    let role = |prefix: &str| {
        a.spans
            .iter()
            .find(|s| s.kind == Kind::Quote && s.text.starts_with(prefix))
            .unwrap_or_else(|| panic!("no quote {prefix}"))
            .role
    };
    assert_eq!(role("“press both Afghanistan"), Some(QuoteRole::Statement));
    for term in ["“necessity”", "“routinely”", "“enemy”"] {
        assert_eq!(role(term), Some(QuoteRole::Term), "{term}");
    }
}

#[test]
fn dates_are_normalized() {
    let a = analysis();
    let value = |t: &str| {
        a.spans
            .iter()
            .find(|s| s.kind == Kind::Date && s.text == t)
            .and_then(|s| s.value.clone())
            .map(|v| serde_json::to_value(v).unwrap())
    };
    assert_eq!(value("February 11, 2017"), Some(Value::from("2017-02-11")));
    assert_eq!(value("February 9"), Some(Value::from("2017-02-09")));
    assert_eq!(value("2007"), Some(Value::from("2007")));
    assert_eq!(a.anchor_date.as_deref(), Some("2017-02-11"));
}

#[test]
fn statistics_carry_values() {
    let a = analysis();
    let q = |t: &str| a.spans.iter().find(|s| s.text == t).unwrap_or_else(|| panic!("no {t}"));
    assert_eq!(q("88%").value, Some(article_lens::Value::Number(88.0)));
    let some = q("Some 4,000 people");
    assert_eq!(some.value, Some(article_lens::Value::Number(4000.0)));
    assert_eq!(some.approximate, Some(true));
    assert_eq!(some.counted.as_deref(), Some("people"));
    let more = q("more than 200 children");
    assert_eq!(more.min, Some(200.0));
    assert_eq!(more.bound, Some(article_lens::Bound::Lower));
    let range = q("1,200-1,800 people");
    assert_eq!((range.min, range.max), (Some(1200.0), Some(1800.0)));
}

#[test]
fn names_match_gold_with_at_most_two_false_positives() {
    let a = analysis();
    let miss = missing(&a, &["PERSON", "ORG", "PLACE", "NORP"]);
    assert!(miss.is_empty(), "missing names: {miss:#?}");
    let g = gold();
    let fp: Vec<&str> = a
        .spans
        .iter()
        .filter(|s| matches!(s.kind, Kind::Person | Kind::Organization | Kind::Place | Kind::Group | Kind::Misc))
        .filter(|s| !g.iter().any(|g| kind_of(&g.label) == Some(s.kind) && g.start == s.start && g.end == s.end))
        .map(|s| s.text.as_str())
        .collect();
    assert!(fp.len() <= 2, "false positives: {fp:?}");
}

#[test]
fn mentions_group_into_entities() {
    let a = analysis();
    let g = gold();
    for name in ["Qamar Javed Bajwa", "Jim Mattis", "United States"] {
        let mentions: Vec<&Gold> = g.iter().filter(|s| s.entity == name).collect();
        let ids: std::collections::BTreeSet<Option<usize>> = mentions
            .iter()
            .map(|m| {
                a.spans.iter().find(|s| s.start == m.start && s.end == m.end && s.kind.is_name()).and_then(|s| s.entity)
            })
            .collect();
        assert_eq!(ids.len(), 1, "{name}: mentions split over {ids:?}");
        let id = ids.into_iter().next().unwrap().expect("grouped");
        assert_eq!(a.entities[id].count, mentions.len(), "{name}");
    }
    let bajwa = a.entities.iter().find(|e| e.name == "Qamar Javed Bajwa").unwrap();
    assert_eq!(bajwa.count, 3);
    assert!(bajwa.roles.iter().any(|r| r.contains("General")), "{:?}", bajwa.roles);
}
