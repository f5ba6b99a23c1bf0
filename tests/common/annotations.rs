//! Shared set-up of the annotation tests: a corpus folder whose claims are marked by the user
//! (so that the tests do not depend on what the extractor finds).

use recoupe::annotations::{Edit, Store, Target, location};
use recoupe::corpus::{Corpus, load_paths};
use recoupe::text::{Span, byte_to_char};
use std::path::{Path, PathBuf};

/// The sentences of the test article.
pub fn sentences(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!("Phrase {i} : l’entreprise aurait versé {i} millions d’euros à « Netlix ».")
        })
        .collect()
}

/// Writes `dir/article.txt` (a title and `n` sentences).
pub fn write_corpus(dir: &Path, n: usize) -> PathBuf {
    let text = format!("Un titre\n\n{}\n", sentences(n).join(" "));
    let p = dir.join("article.txt");
    std::fs::write(&p, text).unwrap();
    p
}

/// Loads the corpus in `dir`.
pub fn load(dir: &Path) -> Corpus {
    load_paths(&[dir.to_owned()]).unwrap()
}

/// Marks each sentence of the corpus in `dir` as a user claim in `journal`; returns their ids.
pub fn mark_claims(dir: &Path, journal: &Path, n: usize) -> Vec<String> {
    let corpus = load(dir);
    let article = &corpus.articles[0];
    let mut store = Store::open(journal, "setup").unwrap();
    sentences(n)
        .iter()
        .map(|s| {
            let b = article.text.find(s.as_str()).unwrap();
            let start = byte_to_char(&article.text, b);
            let span = Span::new(start, start + s.chars().count());
            let t = Target::user_claim(article, span);
            store.apply(Edit::UserClaim(t.clone())).unwrap();
            t.claim
        })
        .collect()
}

/// The journal the CLI uses for the corpus in `dir`.
pub fn journal(dir: &Path) -> PathBuf {
    location::journal_path(&load(dir), None)
}
