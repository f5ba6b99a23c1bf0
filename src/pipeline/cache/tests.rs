//! Tests of the per-article cache: round trips, rejections, and the fingerprint's coverage.

use super::*;
use crate::claims::Observations;
use crate::text::{Sentence, SentenceKind, Span};

#[test]
fn every_extraction_source_is_in_the_fingerprint() {
    // What only shows or exports claims, or reads the bytes an entry is keyed by.
    let shows_only = [
        "claims/export.rs",
        "text/display.rs",
        "corpus/embedded.rs",
        "corpus/read.rs",
    ];
    let missing = crate::pipeline::unlisted_sources(
        "src",
        &["claims", "text", "corpus"],
        CLAIM_SOURCES,
        |name| name.ends_with("_tests.rs") || shows_only.contains(&name),
    );
    assert!(
        missing.is_empty(),
        "{missing:?} change what extraction gives: list them in CLAIM_SOURCES"
    );
}

fn entry() -> Entry {
    Entry {
        article_id: "a".into(),
        sentences: vec![Sentence {
            span: Span::new(0, 5),
            kind: SentenceKind::Prose,
            paragraph: 0,
        }],
        observations: Observations::default(),
        context: 7,
        claims: Vec::new(),
    }
}

#[test]
fn round_trips_and_rejects_what_does_not_match() {
    let d = tempfile::tempdir().unwrap();
    let c = Cache::at(d.path());
    assert!(matches!(c.load("00ff00ff00ff00ff"), Lookup::Miss));
    assert!(c.store("00ff00ff00ff00ff", &entry()).unwrap());
    match c.load("00ff00ff00ff00ff") {
        Lookup::Hit(e) => assert_eq!(e, entry()),
        other => panic!("{other:?}"),
    }
    // A second entry in the same pack keeps the first.
    let mut other = entry();
    other.context = 8;
    assert!(c.store("00aa", &other).unwrap());
    assert!(matches!(c.load("00ff00ff00ff00ff"), Lookup::Hit(e) if e == entry()));
    assert!(matches!(c.load("00aa"), Lookup::Hit(e) if e == other));
    // Another version's pack is foreign.
    let path = c.path_of("00aa");
    let mut bytes = fs::read(&path).unwrap();
    bytes[4] ^= 1;
    fs::write(&path, bytes).unwrap();
    assert!(matches!(
        c.load("00aa"),
        Lookup::Rejected(Rejection::Foreign, _)
    ));
}
