//! The alignment cache: a warm start reads the facts back instead of aligning, and gets the
//! facts a fresh alignment gives; a damaged, foreign or misfitting file is rejected with a
//! notice and rebuilt; an edit re-aligns; concurrent writers leave a readable file.

#[path = "support/cached_corpus.rs"]
mod cached_corpus;
#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use cached_corpus::{load, run};

use recoupe::pipeline::cache::Cache;
use recoupe::pipeline::facts_cache::{self, FactsLookup, FactsOutcome};
use recoupe::pipeline::{self, Analysis};
use std::fs;
use std::path::{Path, PathBuf};

const SEED: u64 = 11;

fn write_corpus(dir: &Path) -> PathBuf {
    cached_corpus::write_corpus(dir, SEED)
}

fn facts_file(a: &Analysis, cache: &Cache) -> PathBuf {
    facts_cache::path(cache, &facts_cache::key(&a.corpus))
}

#[test]
fn warm_run_reads_the_facts_back_and_they_are_the_aligned_facts() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let fresh = pipeline::analyze(load(&dir));
    assert!(
        !fresh.facts.facts.is_empty(),
        "the corpus has facts to cache"
    );
    let (cold, s) = run(&dir, &cache);
    assert_eq!(s.facts, FactsOutcome::Miss);
    assert_eq!(cold.facts, fresh.facts);
    let (warm, s) = run(&dir, &cache);
    assert_eq!(s.facts, FactsOutcome::Hit);
    assert_eq!(warm.facts, fresh.facts);
    assert!(warm.corpus.notices.is_empty(), "{:?}", warm.corpus.notices);
}

/// Damages the facts file with `damage`, then checks it is rejected with a notice naming
/// `word`, aligned again (same facts), rewritten, and read back on the next run.
fn damaged_facts_are_rebuilt(damage: impl Fn(&mut Vec<u8>), word: &str) {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let (fresh, _) = run(&dir, &cache);
    let file = facts_file(&fresh, &cache);
    let mut bytes = fs::read(&file).unwrap();
    damage(&mut bytes);
    fs::write(&file, &bytes).unwrap();

    let (again, s) = run(&dir, &cache);
    assert_eq!(s.facts, FactsOutcome::Rejected);
    assert_eq!(again.facts, fresh.facts);
    let notices: Vec<String> = again.corpus.notices.iter().map(|n| n.to_string()).collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("alignment cache"), "{notices:?}");
    assert!(notices[0].contains(word), "{notices:?}");
    assert!(notices[0].contains("rebuilt"), "{notices:?}");
    let (_, s) = run(&dir, &cache);
    assert_eq!(s.facts, FactsOutcome::Hit);
}

#[test]
fn corrupt_facts_are_rebuilt() {
    damaged_facts_are_rebuilt(
        |b| {
            let at = b.len() - 10;
            b[at] ^= 0x55;
        },
        "corrupt",
    );
}

#[test]
fn truncated_facts_are_rebuilt() {
    damaged_facts_are_rebuilt(|b| b.truncate(b.len() / 2), "truncated");
}

#[test]
fn garbage_and_other_versions_are_rebuilt() {
    damaged_facts_are_rebuilt(
        |b| *b = b"not a recoupe file at all".to_vec(),
        "another version",
    );
    // The version string follows magic, format and its length byte.
    damaged_facts_are_rebuilt(|b| b[9] ^= 0x01, "another version");
}

#[test]
fn checksummed_facts_that_do_not_fit_the_claims_are_rejected() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let (fresh, _) = run(&dir, &cache);
    let key = facts_cache::key(&fresh.corpus);
    // A well-formed file for this key whose facts point past the corpus's claims.
    let mut bogus = fresh.facts.clone();
    bogus.facts[0].claims.push(fresh.claims.len() + 7);
    assert!(facts_cache::store(&cache, &key, &bogus).unwrap());
    let n = fresh.corpus.articles.len();
    assert!(matches!(
        facts_cache::load(&cache, &key, &fresh.claims, n),
        FactsLookup::Rejected(..)
    ));
    let (again, s) = run(&dir, &cache);
    assert_eq!(s.facts, FactsOutcome::Rejected);
    assert_eq!(again.facts, fresh.facts);
}

#[test]
fn editing_one_article_re_extracts_it_and_re_aligns() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    run(&dir, &cache);
    let path = load(&dir).articles[3].path.clone();
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\nLe 3 mai 2024, la société Brevanor a versé 42 millions d'euros à Quintel.\n");
    fs::write(&path, text).unwrap();

    let (after, s) = run(&dir, &cache);
    assert_eq!((s.extracted, s.segmented), (1, 1));
    assert_eq!(s.facts, FactsOutcome::Miss);
    assert_eq!(after.facts, pipeline::analyze(load(&dir)).facts);
    let (_, s) = run(&dir, &cache);
    assert_eq!((s.extracted, s.facts), (0, FactsOutcome::Hit));
}

#[test]
fn concurrent_writers_leave_a_readable_facts_file() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let a = pipeline::analyze(load(&dir));
    let key = facts_cache::key(&a.corpus);
    let n = a.corpus.articles.len();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..5 {
                    assert!(facts_cache::store(&cache, &key, &a.facts).unwrap());
                    // A reader meanwhile sees the whole file or none, never a torn one.
                    match facts_cache::load(&cache, &key, &a.claims, n) {
                        FactsLookup::Hit(f) => assert_eq!(f, a.facts),
                        other => panic!("{other:?}"),
                    }
                }
            });
        }
    });
    let folder = facts_file(&a, &cache).parent().unwrap().to_owned();
    let left: Vec<_> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temp file left behind: {left:?}");
    let back = facts_cache::load(&cache, &key, &a.claims, n);
    assert!(
        matches!(back, FactsLookup::Hit(ref f) if *f == a.facts),
        "{back:?}"
    );
}
