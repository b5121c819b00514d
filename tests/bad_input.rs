//! Bad input: each case gets a result (or a clear error), never a panic, and keeps the invariants.
//! These are not timed; linear behaviour is shown by `./build.sh bench`.

use article_lens::{analyze, try_analyze, Error, Options, MAX_INPUT_BYTES};

mod common;

fn ok(text: &str) {
    let a = analyze(text, &Options::default());
    common::check_invariants(text, &a);
}

#[test]
fn empty_and_whitespace() {
    ok("");
    ok("   \n\n\t  \r\n ");
}

#[test]
fn nul_and_control_bytes() {
    ok("a\0b\0\0 The U.S.\u{7}\u{1b}[31m said\u{0}.");
}

#[test]
fn lossy_random_bytes() {
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    ok(&String::from_utf8_lossy(&bytes));
}

#[test]
fn rtl_emoji_combining() {
    ok("قال الرئيس محمد إن 88% من الناس… «مرحبا» 😀👨‍👩‍👧 Zoë Zoe\u{308} \u{202E}evil\u{202C} שלום “quote” ");
}

#[test]
fn long_sentence_without_punctuation() {
    let s = "word Another capital ".repeat(100_000 / 21);
    ok(&s);
}

#[test]
fn ten_thousand_quotation_marks() {
    ok(&"\"".repeat(10_000));
    ok(&"“".repeat(10_000));
    ok(&"“a” ‘".repeat(3_000));
}

#[test]
fn all_caps_lower_and_capitalized_list() {
    ok(&include_str!("fixtures/seed-article.txt").to_uppercase());
    ok(&include_str!("fixtures/seed-article.txt").to_lowercase());
    let list: String = (0..50_000).map(|i| format!("Word{} ", ["Alpha", "Bravo", "Charlie", "Delta"][i % 4])).collect();
    ok(&list);
}

#[test]
fn apostrophes_and_hyphens_in_names() {
    ok("O'Neill met al-Boushi and Jean-Luc Picard in Saint-Étienne. D'Angelo's d'Artagnan.");
}

#[test]
fn five_megabytes() {
    let base = include_str!("fixtures/seed-article.txt");
    let text = base.repeat(5 * 1024 * 1024 / base.len() + 1);
    let a = analyze(&text, &Options::default());
    assert!(a.stats.words > 500_000);
    assert_eq!(a.length, text.encode_utf16().count());
}

#[test]
fn too_long_is_refused_with_a_message() {
    let text = "a ".repeat(MAX_INPUT_BYTES / 2 + 1);
    match try_analyze(&text, &Options::default()) {
        Err(e @ Error::TooLong(_)) => assert!(e.to_string().contains("too long")),
        other => panic!("expected TooLong, got {:?}", other.map(|a| a.length)),
    }
}

#[test]
fn bad_anchor_option_is_an_error() {
    let o = Options { anchor_date: Some("yesterday-ish".into()), ..Options::default() };
    assert!(matches!(try_analyze("On Tuesday.", &o), Err(Error::BadOption(_))));
    // analyze() still answers, with a warning.
    let a = analyze("On Tuesday.", &o);
    assert!(!a.warnings.is_empty());
}
