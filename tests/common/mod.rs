//! Shared checks for the integration tests.

use article_lens::Analysis;

/// Checks every invariant of an Analysis of `text`.
#[allow(dead_code)]
pub fn check_invariants(text: &str, a: &Analysis) {
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(a.length, units.len());
    assert_eq!(a.offsets, "utf-16");
    let boundary = |i: usize| i == 0 || i == units.len() || (i < units.len() && !(0xDC00..0xE000).contains(&units[i]));
    let slice = |s: usize, e: usize| String::from_utf16_lossy(&units[s..e]);
    let mut prev = 0;
    for s in &a.spans {
        assert!(s.start < s.end && s.end <= units.len(), "span out of range: {s:?}");
        assert!(boundary(s.start) && boundary(s.end), "span off a char boundary: {s:?}");
        assert_eq!(slice(s.start, s.end), s.text, "span text");
        assert!(s.start >= prev, "spans not sorted");
        prev = s.start;
        assert!(s.sentence < a.sentences.len().max(1));
        if let Some(sp) = &s.speaker {
            assert!(sp.start <= sp.end && sp.end <= units.len() && boundary(sp.start) && boundary(sp.end));
            assert_eq!(slice(sp.start, sp.end), sp.text, "speaker text");
        }
    }
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, i);
        assert_eq!(e.count, e.mentions.len());
        for &m in &e.mentions {
            assert_eq!(a.spans[m].kind, e.kind, "entity mention of another kind");
            assert_eq!(a.spans[m].entity, Some(i));
        }
    }
    for s in a.sentences.iter().chain([]) {
        assert!(s.start <= s.end && s.end <= units.len() && boundary(s.start) && boundary(s.end));
    }
    for p in &a.paragraphs {
        assert!(p.start <= p.end && p.end <= units.len() && boundary(p.start) && boundary(p.end));
    }
    let st = &a.stats;
    assert!(st.sentences <= st.words.max(st.sentences.min(1)) || st.words == 0 || st.sentences <= st.words);
    for f in [
        st.flesch_reading_ease, st.flesch_kincaid_grade, st.gunning_fog, st.smog, st.coleman_liau, st.ari,
        st.type_token_ratio, st.mtld, st.reading_time_s, st.speaking_time_s, st.avg_sentence_words,
    ] {
        assert!(f.is_finite(), "non-finite metric in {st:?}");
    }
    for k in &st.keywords {
        for &p in &k.positions {
            assert!(p < units.len() && boundary(p));
        }
    }
    // JSON round trip (no NaN, serializable).
    let json = serde_json::to_string(a).expect("serializable");
    let back: Analysis = serde_json::from_str(&json).expect("deserializable");
    assert_eq!(back.spans.len(), a.spans.len());
}
