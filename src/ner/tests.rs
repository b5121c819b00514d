use super::*;
use crate::text::segment;

fn names(text: &str) -> Vec<(Kind, String)> {
    let d = segment(text);
    tag(&d).into_iter().map(|s| (s.kind, s.text)).collect()
}

fn check_spans(text: &str) {
    let d = segment(text);
    for s in tag(&d) {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert_eq!(s.text, &text[s.start..s.end]);
        let c = s.confidence.unwrap();
        assert!((0.0..=1.0).contains(&c), "confidence {c}");
    }
}

#[test]
fn schemes_round_trip() {
    for sch in [Scheme::Bio, Scheme::Bilou] {
        let labels = [None, Some((0, 1)), Some((0, 1)), None, Some((2, 2)), Some((1, 3)), Some((1, 3)), Some((1, 3))];
        let mut tags = Vec::new();
        sch.encode(&labels, &mut tags);
        for i in 0..tags.len() {
            let prev = if i == 0 { None } else { Some(tags[i - 1] as usize) };
            assert!(sch.allowed(prev, tags[i] as usize), "{sch:?} {tags:?}");
        }
        let mut spans = Vec::new();
        sch.decode(&tags, &mut spans);
        assert_eq!(spans, [(1, 3, 0), (4, 5, 2), (5, 8, 1)]);
    }
}

#[test]
fn quantization_codes() {
    let (s0, k) = (0.5, 20.0);
    let t = code_table(s0, k);
    for w in [-30.0f32, -1.0, -0.1, 0.0, 0.2, 3.0, 50.0] {
        let q = encode_weight(w, s0, k);
        let back = t[q as u8 as usize];
        assert!((back - w).abs() <= w.abs() * 0.05 + s0 * 0.05, "{w} → {q} → {back}");
    }
}

#[test]
fn lists_round_trip() {
    let l =
        Lists { gaz_keys: vec![3, 70, 1 << 30], gaz_vals: vec![1, 300, 7], clu_keys: vec![5], clu_vals: vec![0xfff] };
    let p = Lists::parse(&l.to_bytes());
    assert_eq!(p.gaz_keys, l.gaz_keys);
    assert_eq!(p.gaz_vals, l.gaz_vals);
    assert_eq!(p.clu_vals, l.clu_vals);
    assert!(Lists::parse(b"ALL1\xff\xff").gaz_keys.is_empty());
    assert!(Model::parse(b"ALM1garbage-garbage").is_none());
}

#[test]
fn seed_sentence() {
    let t = "The call took place between Pakistan Chief of Army Staff General Qamar Javed Bajwa and U.S. Defense Secretary Jim Mattis. Bajwa reassured Mattis.";
    let n = names(t);
    assert!(n.contains(&(Kind::Person, "Qamar Javed Bajwa".into())), "{n:?}");
    assert!(n.contains(&(Kind::Person, "Jim Mattis".into())), "{n:?}");
    assert!(n.contains(&(Kind::Person, "Bajwa".into())), "{n:?}");
    assert!(n.contains(&(Kind::Person, "Mattis".into())), "{n:?}");
    assert!(n.contains(&(Kind::Place, "U.S.".into())), "{n:?}");
    let d = segment(t);
    let s = tag(&d);
    let jm = s.iter().find(|s| s.text == "Jim Mattis").unwrap();
    assert_eq!(jm.title.as_deref(), Some("Defense Secretary"));
}

#[test]
fn titles_are_not_part_of_names() {
    let n = names(
        "Shortly after a visit by then Vice-President Cheney to Afghanistan, Lieutenant General Douglas Lute spoke.",
    );
    assert!(n.contains(&(Kind::Person, "Cheney".into())), "{n:?}");
    assert!(n.contains(&(Kind::Person, "Douglas Lute".into())), "{n:?}");
    assert!(n.contains(&(Kind::Place, "Afghanistan".into())), "{n:?}");
}

#[test]
fn apostrophes_and_hyphens() {
    let t = "Jean-Luc Picard met Sinead O'Neill and Ahmed al-Boushi in Paris on Monday.";
    check_spans(t);
    let n = names(t);
    assert!(n.contains(&(Kind::Person, "Jean-Luc Picard".into())), "{n:?}");
    assert!(n.contains(&(Kind::Person, "Sinead O'Neill".into())), "{n:?}");
    assert!(n.iter().any(|(k, s)| *k == Kind::Person && s.contains("al-Boushi")), "{n:?}");
    assert!(n.contains(&(Kind::Place, "Paris".into())), "{n:?}");
}

#[test]
fn all_caps_text() {
    let t = "PRESIDENT OBAMA MET GERMAN CHANCELLOR ANGELA MERKEL IN BERLIN ON FRIDAY.\nTHE TALKS FOCUSED ON RUSSIA.";
    check_spans(t);
    let n = names(t);
    assert!(n.contains(&(Kind::Place, "BERLIN".into())), "{n:?}");
    assert!(n.contains(&(Kind::Person, "ANGELA MERKEL".into())), "{n:?}");
    assert!(!n.iter().any(|(_, s)| s == "THE" || s == "ON" || s == "FRIDAY"), "{n:?}");
}

#[test]
fn all_lower_case_text() {
    let t = "the prime minister said the talks in the city would continue next week, officials said.";
    check_spans(t);
    assert!(names(t).is_empty(), "{:?}", names(t));
}

#[test]
fn many_capitalized_words_linear() {
    let words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet"];
    let mut t = String::new();
    for i in 0..50_000 {
        t.push_str(words[i % words.len()]);
        t.push_str(if i % 7 == 6 { "Zed " } else { " " });
    }
    let start = std::time::Instant::now();
    check_spans(&t);
    assert!(start.elapsed().as_secs_f64() < 20.0);
}

#[test]
fn non_latin_scripts() {
    for t in [
        "Владимир Путин встретился с Си Цзиньпином в Москве.",
        "习近平在北京会见了普京。",
        "ذهب محمد إلى القاهرة يوم الاثنين",
        "Emoji 🎉 party with Zoë Müller in Zürich 🇨🇭!",
        "",
        "'''''''''",
        "\u{0301}\u{200D}",
    ] {
        check_spans(t);
    }
    let n = names("Emoji 🎉 party with Zoë Müller in Zürich!");
    assert!(n.contains(&(Kind::Place, "Zürich".into())), "{n:?}");
}

#[test]
fn doc_pass_spreads_person_parts() {
    let t = "Defense Secretary Jim Mattis arrived on Tuesday. Officials said Mattis would meet Kabul's leaders.";
    let n = names(t);
    assert!(n.contains(&(Kind::Person, "Mattis".into())), "{n:?}");
}

#[test]
fn polities_become_places() {
    let t = "Marie Curie was born in Warsaw, in what was then the Kingdom of Poland, part of the Russian Empire. \
             She later lived in the United Arab Emirates.";
    let n = names(t);
    for p in ["Kingdom of Poland", "Russian Empire"] {
        assert!(n.contains(&(Kind::Place, p.into())), "{p}: {n:?}");
    }
    // Only organizations and other names are relabelled: a person keeps their kind.
    let mut found =
        vec![Found { start: 0, end: 2, class: 0, conf: 0.9 }, Found { start: 3, end: 5, class: 1, conf: 0.9 }];
    let d = segment("Roger Kingdom and Czech Republic");
    polities_are_places(&d, &mut found);
    assert_eq!((found[0].class, found[1].class), (0, 2));
}

/// The move-list decoder gives exactly the padded decoder's paths and marginals (bit for bit), on
/// random emissions with the shipped model's transitions and on a hand-made lattice.
#[test]
fn fast_decoder_matches_padded() {
    let model = MODEL.as_ref().expect("model");
    let lats = [
        Lat::new(model.scheme, model.temp, |a, b| model.trans(a, b)).with_potentials(),
        Lat::new(Scheme::Bilou, 0.7, |a, b| ((a * 7 + b * 3) % 11) as f32 * 0.3 - 1.5).with_potentials(),
        Lat::new(Scheme::Bio, 1.0, |a, b| ((a * 5 + b) % 7) as f32 * 0.4 - 1.0).with_potentials(),
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 40) as f32 / (1u64 << 24) as f32
    };
    let (mut d1, mut d2) = (Dec::default(), Dec::default());
    for lat in &lats {
        for n in [1usize, 2, 3, 7, 20, 45] {
            for _ in 0..20 {
                let em: Vec<Row> = (0..n)
                    .map(|_| {
                        let mut r = [0.0; NTP];
                        for x in r.iter_mut().take(lat.nt) {
                            *x = (rnd() - 0.7) * 8.0;
                        }
                        r
                    })
                    .collect();
                viterbi(lat, &em, &mut d1);
                viterbi_padded(lat, &em, &mut d2);
                assert_eq!(d1.tags, d2.tags);
                let lo = (rnd() * n as f32) as usize % n;
                let hi = lo + 1 + (rnd() * (n - lo) as f32) as usize % (n - lo);
                marginals(lat, &em, &mut d1, lo, hi);
                marginals_padded(lat, &em, &mut d2, lo, hi);
                for i in lo..hi {
                    for t in 0..lat.nt {
                        assert_eq!(d1.alpha[i][t].to_bits(), d2.alpha[i][t].to_bits(), "n {n} i {i} t {t}");
                    }
                }
            }
        }
    }
}

#[test]
fn bucket_set_ranks() {
    let members = [0u32, 1, 63, 64, 65, 200, 4095, (1 << 20) - 1];
    let mut s = BucketSet::new(1 << 20);
    for &b in &members {
        s.insert(b);
    }
    s.finish();
    for (k, &b) in members.iter().enumerate() {
        assert_eq!(s.rank(b), Some(k), "bucket {b}");
    }
    for b in [2u32, 62, 66, 199, 201, 4094, 1 << 19, 1 << 20, u32::MAX] {
        assert_eq!(s.rank(b), None, "bucket {b}");
    }
}

/// A type cache that overflows mid-document starts over (between sentences) without changing any
/// result.
#[test]
fn type_cache_reset_keeps_results() {
    let model = MODEL.as_ref().expect("model");
    let text = "Pakistan Army chief General Qamar Javed Bajwa met U.S. Defense Secretary Jim Mattis in Washington.\n\
                Bajwa later flew to London, where Reuters reported the talks.";
    let doc = segment(text);
    let fresh = tag_tokens(model, &LISTS, &doc, true, true);
    let mut tc = TypeCache::default();
    // Just under the bound: the first sentence's words push it over, so the second starts over.
    for k in 0..MAX_CACHED_TYPES - 3 {
        tc.get(model, &LISTS, &format!("w{k}"), false);
    }
    assert!(tc.infos.len() <= MAX_CACHED_TYPES);
    let reset = tag_tokens_cached(model, &LISTS, &doc, true, true, &mut tc);
    assert!(tc.infos.len() < 100);
    assert_eq!(fresh, reset);
    assert!(!fresh.is_empty());
}

/// `fast_exp` stays within 1e-5 relative error of `exp` over its range, and clamps the rest.
#[test]
fn fast_exp_is_accurate() {
    let mut x = -80.0f32;
    while x <= 0.0 {
        let (got, want) = (super::fast_exp(x), x.exp());
        assert!(((got - want) / want).abs() < 1e-5, "x = {x}: {got} vs {want}");
        x += 0.001_37;
    }
    assert_eq!(super::fast_exp(0.0), 1.0);
    assert_eq!(super::fast_exp(5.0), 1.0);
    assert!(super::fast_exp(-1000.0) > 0.0 && super::fast_exp(-1000.0) == super::fast_exp(-80.0));
    assert!(super::fast_exp(f32::NAN).is_finite());
}

/// The shape memo is memoization only: a memo shared by many sentences (slots evicted and reused)
/// gives every token the features a fresh memo gives.
#[test]
fn shape_memo_changes_no_feature() {
    use super::features::{pos_feats, ShapeMemo, TypeInfo, GZ_SLOTS};
    let mut shared = ShapeMemo::default();
    let mut seed = 7u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        seed >> 33
    };
    for _ in 0..3000 {
        let n = 1 + (next() % 12) as usize;
        // Few distinct shapes and words, so keys repeat and slots collide.
        let info: Vec<TypeInfo> = (0..n).map(|_| TypeInfo::new(next() % 50, next() % 9, next() % 2 == 0)).collect();
        let gzm = vec![[0u32; GZ_SLOTS]; n];
        for i in 0..n {
            let style = (next() % 3) as u8;
            let (mut a, mut b) = (Vec::new(), Vec::new());
            pos_feats(i, n, &info, 0, &gzm, u32::MAX, style, &mut shared, &mut a);
            pos_feats(i, n, &info, 0, &gzm, u32::MAX, style, &mut ShapeMemo::default(), &mut b);
            assert_eq!(a, b);
        }
    }
}

/// Sure-O pruning: with infinite margins it changes nothing; at the shipped margins it takes a good
/// share of the tokens of ordinary news prose as O, and the names (spans, classes) stay those of the
/// full decode, multi-word names with lower-case words inside included.
#[test]
fn pruning_keeps_names() {
    let model = MODEL.as_ref().expect("model");
    let text = "Pakistan Army chief General Qamar Javed Bajwa met U.S. Defense Secretary Jim Mattis in Washington \
                on Monday, and the two men talked for more than an hour about the war in Afghanistan.\n\
                Officials from the Bank of England said the meeting of the Council on Foreign Relations would \
                be held in the city later this year, though no date has been set by the organizers yet.\n\
                The Rally for the Return of Refugees and Democracy in Rwanda said it was not consulted.";
    let doc = segment(text);
    let full = tag_tokens(model, &LISTS, &doc, true, true);
    let mut off =
        TypeCache::pruning(super::Prune { types: f32::INFINITY, full: f32::INFINITY, between: f32::INFINITY });
    assert_eq!(tag_tokens_cached(model, &LISTS, &doc, true, true, &mut off), full);
    assert_eq!(off.pruned, (0, 0));
    let mut on = TypeCache::pruning(super::PRUNE_MARGIN);
    let pruned = tag_tokens_cached(model, &LISTS, &doc, true, true, &mut on);
    let key = |f: &[Found]| f.iter().map(|x| (x.start, x.end, x.class)).collect::<Vec<_>>();
    assert_eq!(key(&pruned), key(&full));
    let words = doc.tokens.len();
    assert!(on.pruned.0 * 4 > words, "only {} of {words} tokens pruned", on.pruned.0);
    assert!(on.pruned.1 > 0, "no token pruned before its position features");
    let names: Vec<&str> = pruned.iter().map(|f| &text[doc.tokens[f.start].start..doc.tokens[f.end - 1].end]).collect();
    for want in ["Bank of England", "Rally for the Return of Refugees and Democracy in Rwanda", "Qamar Javed Bajwa"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
}

/// `find_hash` finds exactly what a binary search finds: every member, and no non-member, in sorted
/// key sets of many sizes, evenly spread or bunched (a bad spread only costs speed).
#[test]
fn find_hash_matches_binary_search() {
    use super::lists::find_hash;
    let mut seed = 11u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 32) as u32
    };
    for n in [0usize, 1, 2, 3, 7, 64, 1000, 20_000] {
        for bunched in [false, true] {
            let mut keys: Vec<u32> = (0..n).map(|_| if bunched { next() % 5000 } else { next() }).collect();
            keys.sort_unstable();
            keys.dedup();
            for (i, &k) in keys.iter().enumerate() {
                assert_eq!(find_hash(&keys, k), Some(i));
            }
            let probes =
                (0..3000).map(|_| next()).chain([0, 1, u32::MAX, u32::MAX - 1]).chain((0..500).map(|x| x * 10));
            for q in probes {
                assert_eq!(find_hash(&keys, q), keys.binary_search(&q).ok(), "n {n} key {q}");
            }
        }
    }
}
