//! The analysis runs in parallel across articles; its results must not depend on how many
//! threads ran it or in which order they finished.

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use recoupe::pipeline::{self, Analysis};
use std::path::Path;

fn analyse_with_threads(dir: &Path, threads: usize) -> Analysis {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| pipeline::analyze(recoupe::corpus::load_paths(&[dir.to_owned()]).unwrap()))
}

#[test]
fn one_thread_and_many_threads_give_the_same_analysis() {
    let d = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let g = corpus_gen::Generator::from_dir(&seeds).unwrap();
    g.write_corpus(d.path(), 60, 11).unwrap();
    // The seeds too: real text, with the furniture the generator only imitates.
    for f in std::fs::read_dir(&seeds).unwrap() {
        let f = f.unwrap().path();
        // Only the articles: a reader run on seeds/ leaves its `.recoupe/` journal folder there.
        if !f.is_file() {
            continue;
        }
        std::fs::copy(&f, d.path().join(f.file_name().unwrap())).unwrap();
    }
    let one = analyse_with_threads(d.path(), 1);
    let many = analyse_with_threads(d.path(), 4);
    assert_eq!(one.corpus.articles.len(), 65);
    assert_eq!(one.sentences, many.sentences);
    assert_eq!(one.claims, many.claims);
    assert_eq!(one.claims_by_article, many.claims_by_article);
    assert_eq!(one.facts, many.facts);
}

#[test]
fn generator_is_deterministic() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let g = corpus_gen::Generator::from_dir(&seeds).unwrap();
    assert!(g.sentence_count() > 50, "{}", g.sentence_count());
    let a: Vec<String> = (0..20).map(|i| g.article(20, i, 5)).collect();
    let b: Vec<String> = (0..20).map(|i| g.article(20, i, 5)).collect();
    assert_eq!(a, b);
    let c: Vec<String> = (0..20).map(|i| g.article(20, i, 6)).collect();
    assert_ne!(a, c);
    let mean = a.iter().map(|t| t.len()).sum::<usize>() / a.len();
    assert!(
        (2500..4200).contains(&mean),
        "mean article size {mean} bytes"
    );
}
