//! The small generated corpus the cache tests analyse, and one cached analysis run of it.
//! Shared by `tests/cache.rs` (per-article entries) and `tests/facts_cache.rs` (the facts of
//! a corpus); each test crate declares `corpus_gen` at its root.

use crate::corpus_gen::Generator;
use recoupe::corpus::{self, Corpus};
use recoupe::pipeline::cache::Cache;
use recoupe::pipeline::{self, Analysis, CacheStats, Options};
use std::path::{Path, PathBuf};

/// Articles in the corpus.
pub const ARTICLES: usize = 24;

/// Writes the corpus generated with `seed` into `dir/corpus` and returns that folder.
pub fn write_corpus(dir: &Path, seed: u64) -> PathBuf {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let g = Generator::from_dir(&seeds).unwrap();
    let out = dir.join("corpus");
    g.write_corpus(&out, ARTICLES, seed).unwrap();
    out
}

/// The corpus in `dir`, loaded afresh.
pub fn load(dir: &Path) -> Corpus {
    corpus::load_paths(&[dir.to_owned()]).unwrap()
}

/// Analyses the corpus in `dir` with `cache`; returns the analysis and what the cache did.
pub fn run(dir: &Path, cache: &Cache) -> (Analysis, CacheStats) {
    let opts = Options {
        cache: Some(cache.clone()),
        progress: None,
    };
    let (a, r) = pipeline::analyze_with(load(dir), &opts);
    (a, r.cache)
}
