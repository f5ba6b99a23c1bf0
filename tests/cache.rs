//! The analysis cache: never trusted, never a crash, correct after edits, safe under
//! concurrent writers. Every test compares the cached analysis with a fresh one.

#[path = "support/cached_corpus.rs"]
mod cached_corpus;
#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use cached_corpus::{ARTICLES, load, run};

use recoupe::pipeline::cache::{Cache, Lookup};
use recoupe::pipeline::{self, Analysis};
use std::fs;
use std::path::{Path, PathBuf};

const SEED: u64 = 7;

fn write_corpus(dir: &Path) -> PathBuf {
    cached_corpus::write_corpus(dir, SEED)
}

/// The cached analysis must be the analysis: same sentences, claims and facts.
fn assert_same(a: &Analysis, b: &Analysis) {
    assert_eq!(a.sentences, b.sentences);
    assert_eq!(a.claims, b.claims);
    assert_eq!(a.claims_by_article, b.claims_by_article);
    assert_eq!(a.facts, b.facts);
}

fn cache_files(cache: &Cache) -> Vec<PathBuf> {
    // Packs and any temp file left behind (the `corpora` folder holds corpus records).
    let mut out: Vec<PathBuf> = fs::read_dir(cache.dir())
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Number of packs the corpus's entries live in.
fn packs(a: &Analysis, cache: &Cache) -> usize {
    let mut p: Vec<PathBuf> = a
        .corpus
        .articles
        .iter()
        .map(|x| cache.path_of(&x.hash))
        .collect();
    p.sort();
    p.dedup();
    p.len()
}

/// An article alone in its pack, so that damaging the pack damages its entry only.
fn lonely(a: &Analysis, cache: &Cache) -> usize {
    let arts = &a.corpus.articles;
    (0..arts.len())
        .find(|&i| {
            let p = cache.path_of(&arts[i].hash);
            arts.iter().filter(|x| cache.path_of(&x.hash) == p).count() == 1
        })
        .expect("an article alone in its pack")
}

#[test]
fn warm_run_reads_everything_back() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let fresh = pipeline::analyze(load(&dir));
    let (cold, s) = run(&dir, &cache);
    assert_eq!((s.hits, s.misses, s.written), (0, ARTICLES, ARTICLES));
    assert_same(&cold, &fresh);
    let (warm, s) = run(&dir, &cache);
    assert_eq!(
        (s.hits, s.written, s.segmented, s.extracted),
        (ARTICLES, 0, 0, 0)
    );
    assert_same(&warm, &fresh);
    assert!(warm.corpus.notices.is_empty(), "{:?}", warm.corpus.notices);
    assert_eq!(
        cache_files(&cache).len(),
        packs(&warm, &cache),
        "no temp file left behind"
    );
}

/// Damages one entry with `damage`, then checks it is rejected with a notice naming `word`,
/// rebuilt, and that the analysis is unaffected.
fn damaged_entry_is_rebuilt(damage: impl Fn(&mut Vec<u8>), word: &str) {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let (fresh, _) = run(&dir, &cache);
    let k = lonely(&fresh, &cache);
    let victim = cache.path_of(&fresh.corpus.articles[k].hash);
    let mut bytes = fs::read(&victim).unwrap();
    damage(&mut bytes);
    fs::write(&victim, &bytes).unwrap();

    let (again, s) = run(&dir, &cache);
    assert_eq!((s.rejected, s.hits, s.written), (1, ARTICLES - 1, 1));
    assert_same(&again, &fresh);
    let notices: Vec<String> = again.corpus.notices.iter().map(|n| n.to_string()).collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains(word), "{notices:?}");
    assert!(notices[0].contains("rebuilt"), "{notices:?}");
    assert!(matches!(
        cache.load(&fresh.corpus.articles[k].hash),
        Lookup::Hit(_)
    ));
    let (_, s) = run(&dir, &cache);
    assert_eq!((s.rejected, s.hits), (0, ARTICLES));
}

#[test]
fn corrupt_entry_is_rebuilt() {
    damaged_entry_is_rebuilt(
        |b| {
            let i = b.len() - 3;
            b[i] ^= 0x5a;
        },
        "corrupt",
    );
}

#[test]
fn truncated_entry_is_rebuilt() {
    damaged_entry_is_rebuilt(|b| b.truncate(b.len() * 2 / 3), "truncated");
}

#[test]
fn empty_and_garbage_entries_are_rebuilt() {
    damaged_entry_is_rebuilt(|b| b.clear(), "truncated");
    damaged_entry_is_rebuilt(
        |b| *b = b"{\"not\": \"a cache file\"}".to_vec(),
        "another version",
    );
}

#[test]
fn entry_of_another_version_is_rebuilt() {
    // Pack header: magic (4), format (4), version length (1), version bytes…
    damaged_entry_is_rebuilt(|b| b[9] = b'9', "another version");
    damaged_entry_is_rebuilt(|b| b[4] = b[4].wrapping_add(1), "another version");
}

#[test]
fn editing_one_article_re_analyses_that_article_only() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let (before, _) = run(&dir, &cache);
    let path = before.corpus.articles[5].path.clone();
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\nLe 3 mai 2024, la société Brevanor a versé 42 millions d'euros à Quintel.\n");
    fs::write(&path, text).unwrap();

    let (after, s) = run(&dir, &cache);
    assert_eq!((s.hits, s.misses, s.segmented), (ARTICLES - 1, 1, 1));
    assert_eq!((s.extracted, s.written), (1, 1));
    assert_same(&after, &pipeline::analyze(load(&dir)));
    assert_ne!(after.sentences[5], before.sentences[5]);
}

#[test]
fn renamed_article_keeps_its_cache_and_gets_its_new_id() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache = Cache::at(d.path().join("cache"));
    let (before, _) = run(&dir, &cache);
    let old = before.corpus.articles[0].path.clone();
    fs::rename(&old, dir.join("zzz_renamed.txt")).unwrap();
    let (after, s) = run(&dir, &cache);
    assert_eq!(s.misses, 0);
    assert_same(&after, &pipeline::analyze(load(&dir)));
    assert!(after.claims.iter().all(|c| {
        let a = &after.corpus.articles[c.article];
        c.id.starts_with(&format!("{}#", a.id))
    }));
}

#[test]
fn concurrent_writers_leave_a_valid_cache() {
    let d = tempfile::tempdir().unwrap();
    let dir = write_corpus(d.path());
    let cache_home = d.path().join("xdg");
    // Four processes and four threads write the same entries at once.
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_recoupe"))
                .args(["stats", "--json"])
                .arg(&dir)
                .env("XDG_CACHE_HOME", &cache_home)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let cache = Cache::at(cache_home.join("recoupe"));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let dir = dir.clone();
            let cache = cache.clone();
            std::thread::spawn(move || run(&dir, &cache).0)
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("cache"), "{err}");
    }
    let (warm, s) = run(&dir, &cache);
    let files = cache_files(&cache);
    assert_eq!(files.len(), packs(&warm, &cache), "{files:?}");
    assert_eq!((s.hits, s.rejected), (ARTICLES, 0));
    assert_same(&warm, &pipeline::analyze(load(&dir)));
}
