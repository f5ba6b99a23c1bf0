//! Where a corpus's journal lives and who the annotator is.
//!
//! Next to the corpus (`<root>/.recoupe/annotations.jsonl`) when its folder is writable, so that
//! the journal travels with the articles and can be committed with them; otherwise in the
//! user's data directory, in a file named after a hash of the corpus's canonical path, so that
//! a read-only corpus still gets one stable journal.

use crate::corpus::Corpus;
use etcetera::BaseStrategy;
use std::path::{Path, PathBuf};

/// Folder, under the corpus root, that holds recoupe's files.
pub const DOT_DIR: &str = ".recoupe";
/// File name of the journal.
pub const FILE_NAME: &str = "annotations.jsonl";

/// The journal to use: `explicit` when given, else beside the corpus when possible, else in
/// the data directory.
pub fn journal_path(corpus: &Corpus, explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_owned();
    }
    if let Some(root) = &corpus.root {
        let dir = root.join(DOT_DIR);
        let file = dir.join(FILE_NAME);
        // Nothing is written here: `.recoupe/` and its `.gitattributes` appear with the first
        // annotation, so merely reading a corpus leaves no trace in it.
        if file.exists() || writable_dir(&dir) || (!dir.exists() && writable_dir(root)) {
            return file;
        }
    }
    data_dir()
        .join("journals")
        .join(format!("{}.jsonl", corpus_key(corpus)))
}

/// The annotator: `explicit`, else `$USER`, else "anonymous".
pub fn annotator(explicit: Option<&str>) -> String {
    explicit
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "anonymous".to_owned())
}

/// recoupe's data directory (XDG `$XDG_DATA_HOME/recoupe`, or a temporary folder when there is
/// no home directory at all).
fn data_dir() -> PathBuf {
    etcetera::choose_base_strategy()
        .map(|s| s.data_dir())
        .unwrap_or_else(|_| std::env::temp_dir())
        .join("recoupe")
}

/// A stable key for a corpus: hash of its canonical root, or of its articles' canonical paths.
fn corpus_key(corpus: &Corpus) -> String {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    let name = match &corpus.root {
        Some(root) => canon(root).to_string_lossy().into_owned(),
        None => {
            let mut paths: Vec<String> = corpus
                .articles
                .iter()
                .map(|a| canon(&a.path).to_string_lossy().into_owned())
                .collect();
            paths.sort();
            paths.join("\n")
        }
    };
    blake3::hash(name.as_bytes()).to_hex()[..16].to_owned()
}

/// Asks git to merge the journal by union (both sides' lines kept), which replay makes
/// correct: a `.gitattributes` beside the journal, written once, never overwritten. Called
/// when the journal file is created, for a journal in a corpus's `.recoupe/` folder.
pub(crate) fn mark_union_merge(journal: &Path) {
    let Some(dir) = journal.parent() else { return };
    let in_dot_dir = dir.file_name().is_some_and(|n| n == DOT_DIR)
        && journal.file_name().is_some_and(|n| n == FILE_NAME);
    let attrs = dir.join(".gitattributes");
    if in_dot_dir && !attrs.exists() {
        let _ = std::fs::write(&attrs, format!("{FILE_NAME} merge=union\n"));
    }
}

/// True when files can be created in the existing folder `dir`: tried (a probe file created and
/// removed), not guessed from permission bits, which say nothing about read-only mounts or root.
fn writable_dir(dir: &Path) -> bool {
    if !dir.is_dir() {
        return false;
    }
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    let ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writable_corpus_keeps_its_journal() {
        let d = tempfile::tempdir().unwrap();
        let c = Corpus {
            root: Some(d.path().to_owned()),
            ..Corpus::default()
        };
        assert_eq!(
            journal_path(&c, None),
            d.path().join(".recoupe/annotations.jsonl")
        );
        let explicit = Path::new("/x/y.jsonl");
        assert_eq!(journal_path(&c, Some(explicit)), explicit);
        // Choosing the place writes nothing; the first annotation creates the folder, the
        // journal and the union-merge attribute.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        let path = journal_path(&c, None);
        let mut store = crate::annotations::Store::open(&path, "t").unwrap();
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        let article = crate::corpus::Article::from_text(
            "a".into(),
            d.path().join("a.txt"),
            "Un fait.".into(),
            String::new(),
        );
        let target = crate::annotations::Target::span("c1", &article, crate::text::Span::new(0, 8));
        store
            .apply(crate::annotations::Edit::Verdict(
                target,
                crate::annotations::Verdict::True,
            ))
            .unwrap();
        let attrs = std::fs::read_to_string(d.path().join(".recoupe/.gitattributes")).unwrap();
        assert_eq!(attrs, "annotations.jsonl merge=union\n");
    }

    #[test]
    fn unwritable_corpus_uses_the_data_dir_keyed_by_path() {
        let c = Corpus {
            root: Some(PathBuf::from("/proc/self")),
            ..Corpus::default()
        };
        let p = journal_path(&c, None);
        assert!(
            p.ends_with(format!("journals/{}.jsonl", corpus_key(&c))),
            "{p:?}"
        );
        let other = Corpus {
            root: Some(PathBuf::from("/proc/1")),
            ..Corpus::default()
        };
        assert_ne!(journal_path(&other, None), p);
    }

    #[test]
    fn annotator_falls_back() {
        assert_eq!(annotator(Some(" ann ")), "ann");
        assert!(!annotator(None).is_empty());
    }
}
