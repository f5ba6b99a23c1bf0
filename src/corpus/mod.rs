//! Loading a folder of articles.
//!
//! The user points recoupe at files and folders; this module finds the `.txt` and `.md` files
//! (recursively, in sorted order), decodes them, reads their metadata and keeps their text
//! exactly as decoded: every offset elsewhere in the program is a char offset into
//! [`Article::text`]. Bad input never stops the load: each problem becomes a [`Notice`] and the
//! rest of the corpus loads. Only "nothing to read at all" is an error ([`LoadError`]).

mod decode;
mod embedded;
mod lang;
pub mod meta;
mod read;

pub use decode::{Decoded, decode};
pub use lang::Lang;
pub use meta::PartialDate;

use crate::text::Span;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One article of the corpus.
#[derive(Debug, Clone)]
pub struct Article {
    /// Identifier: the file stem, made unique within the corpus (`name~2` on a clash).
    pub id: String,
    /// Where the article was read from.
    pub path: PathBuf,
    /// Title shown in the list and the reader header.
    pub title: String,
    /// Where the title was taken from in [`Article::text`], if it was.
    pub title_span: Option<Span>,
    /// Publication date, when the file says.
    pub date: Option<PartialDate>,
    /// Outlet, when the file says.
    pub source: Option<String>,
    /// Original address, when the file says.
    pub url: Option<String>,
    /// Guessed language.
    pub lang: Lang,
    /// The decoded text, never altered.
    pub text: String,
    /// Length of [`Article::text`] in chars.
    pub chars: usize,
    /// The part of the text after front matter and date token.
    pub body: Span,
    /// Lines that repeat the title; the reader shows the title once, as its header.
    pub repeated_headlines: Vec<Span>,
    /// Content hash of the file's bytes (hex, 16 digits): detects edits, keys caches.
    pub hash: String,
}

impl Article {
    /// Builds an article from already-decoded text.
    pub fn from_text(id: String, path: PathBuf, text: String, hash: String) -> Article {
        let m = meta::parse(&text);
        Article {
            id,
            path,
            title: m.title,
            title_span: m.title_span,
            date: m.date,
            source: m.source,
            url: m.url,
            lang: m.lang,
            // The body runs to the end of the text: its end is the text's length in chars.
            chars: m.body.end,
            body: m.body,
            repeated_headlines: m.repeated_headlines,
            hash,
            text,
        }
    }

    /// True when char offset `at` lies in a repeated headline.
    pub fn is_repeated_headline(&self, at: usize) -> bool {
        self.repeated_headlines.iter().any(|s| s.contains(at))
    }
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Loaded, but the user should know (e.g. decoded as Windows-1252).
    Warning,
    /// Not loaded.
    Error,
}

/// Something the user should know about the input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    /// How serious it is.
    pub severity: Severity,
    /// The file or folder concerned, if any.
    pub path: Option<PathBuf>,
    /// What happened, in a sentence.
    pub message: String,
}

impl Notice {
    /// A warning about `path`.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Notice {
        Notice {
            severity: Severity::Warning,
            path: Some(path.into()),
            message: message.into(),
        }
    }

    /// An error about `path` (the file was not loaded).
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Notice {
        Notice {
            severity: Severity::Error,
            path: Some(path.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "skipped",
        };
        match &self.path {
            Some(p) => write!(f, "{level}: {}: {}", p.display(), self.message),
            None => write!(f, "{level}: {}", self.message),
        }
    }
}

/// A loaded corpus: the articles in order, and what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The articles, sorted by path.
    pub articles: Vec<Article>,
    /// Problems met while loading.
    pub notices: Vec<Notice>,
    /// The folder the corpus was opened from, when there is one (annotations live beside it).
    pub root: Option<PathBuf>,
}

impl Corpus {
    /// Segments every article (in parallel): `result[i]` is article `i`'s sentences.
    pub fn segment(&self) -> Vec<Vec<crate::text::Sentence>> {
        use rayon::prelude::*;
        self.articles
            .par_iter()
            .map(|a| crate::text::segment(&a.text, a.body, &a.repeated_headlines))
            .collect()
    }

    /// Article index by article id (ids are unique within a corpus).
    pub fn index_by_id(&self) -> HashMap<&str, usize> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect()
    }
}

/// Why no corpus could be loaded at all.
#[derive(Debug)]
pub enum LoadError {
    /// A path given by the user does not exist.
    NotFound(PathBuf),
    /// Paths exist but no article could be read from them.
    NothingLoadable(Vec<Notice>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
            LoadError::NothingLoadable(notices) => {
                write!(
                    f,
                    "no article could be loaded (looked for .txt and .md files)"
                )?;
                for n in notices {
                    write!(f, "\n  {n}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// File extensions read when walking a folder.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

fn has_article_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Collects the article files under `path` in sorted order. Hidden entries (`.git`,
/// `.recoupe`) are skipped when walking; a file named explicitly is read whatever its extension.
fn collect(path: &Path, explicit: bool, files: &mut Vec<PathBuf>, notices: &mut Vec<Notice>) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            notices.push(Notice::error(path, format!("cannot read: {e}")));
            return;
        }
    };
    if meta.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(rd) => rd,
            Err(e) => {
                notices.push(Notice::error(path, format!("cannot list folder: {e}")));
                return;
            }
        };
        let mut children: Vec<(PathBuf, Option<bool>)> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                // The listing says what a child is (no stat per file on a 10,000-file
                // archive); a symbolic link or an unknown type is looked up.
                let is_file = e
                    .file_type()
                    .ok()
                    .filter(|t| !t.is_symlink())
                    .map(|t| t.is_file());
                (e.path(), is_file)
            })
            .collect();
        children.sort();
        for (child, is_file) in children {
            match is_file {
                Some(true) if has_article_extension(&child) => files.push(child),
                Some(true) => {}
                _ => collect(&child, false, files, notices),
            }
        }
    } else if explicit || has_article_extension(path) {
        files.push(path.to_owned());
    }
}

/// Loads the files and folders the user named. Fails only when a path does not exist or when
/// nothing at all could be loaded; every other problem is a notice in the returned corpus.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    let mut files = Vec::new();
    let mut notices = Vec::new();
    for p in paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(LoadError::NotFound(p.clone()));
        }
        collect(p, true, &mut files, &mut notices);
    }
    let read = read::read_all(files);
    let sources = read.into_iter().filter_map(|(path, bytes)| match bytes {
        Ok(b) => Some((path, b)),
        Err(e) => {
            notices.push(Notice::error(&path, format!("cannot read: {e}")));
            None
        }
    });
    let sources: Vec<_> = sources.collect();
    let mut corpus = from_sources(sources);
    notices.append(&mut corpus.notices);
    corpus.notices = notices;
    if paths.len() == 1 && paths[0].is_dir() {
        corpus.root = Some(paths[0].clone());
    }
    if corpus.articles.is_empty() {
        return Err(LoadError::NothingLoadable(corpus.notices));
    }
    Ok(corpus)
}

/// Builds a corpus from `(path, bytes)` pairs: decoding, metadata and notices, in order.
pub fn from_sources(sources: Vec<(PathBuf, Vec<u8>)>) -> Corpus {
    let decoded: Vec<(PathBuf, Decoded, String)> = sources
        .into_par_iter()
        .map(|(path, bytes)| {
            let hash = blake3::hash(&bytes).to_hex()[..16].to_owned();
            (path, decode::decode_owned(bytes), hash)
        })
        .collect();
    let mut corpus = Corpus::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut pending = Vec::new();
    for (path, decoded, hash) in decoded {
        let text = match decoded {
            Decoded::Utf8(t) => t,
            Decoded::Windows1252(t) => {
                corpus.notices.push(Notice::warning(
                    &path,
                    "not valid UTF-8; decoded as Windows-1252",
                ));
                t
            }
            Decoded::Binary => {
                corpus.notices.push(Notice::error(
                    &path,
                    "contains NUL bytes: binary file, not text",
                ));
                continue;
            }
            Decoded::Empty => {
                corpus.notices.push(Notice::error(&path, "empty file"));
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "article".to_owned());
        let n = seen.entry(stem.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 {
            stem
        } else {
            let id = format!("{stem}~{n}");
            corpus.notices.push(Notice::warning(
                &path,
                format!("another file is also named {stem}; this one is {id}"),
            ));
            id
        };
        pending.push((id, path, text, hash));
    }
    corpus.articles = pending
        .into_par_iter()
        .map(|(id, path, text, hash)| Article::from_text(id, path, text, hash))
        .collect();
    corpus
}

/// The corpus opened when no path is given: `./seeds` when it exists, else the seed articles
/// built into the binary (so an installed binary still opens the demo).
pub fn load_default() -> Result<Corpus, LoadError> {
    let local = PathBuf::from("seeds");
    if local.is_dir() {
        return load_paths(&[local]);
    }
    Ok(embedded::seed_corpus())
}

pub use embedded::seed_corpus;

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn walks_folders_recursively_in_sorted_order() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "b.txt", b"Second\n\nText.");
        write(d.path(), "a.md", b"First\n\nText.");
        write(d.path(), "sub/c.txt", b"Third\n\nText.");
        write(d.path(), "image.png", b"not an article");
        write(d.path(), ".recoupe/annotations.txt", b"hidden");
        let c = load_paths(&[d.path().to_owned()]).unwrap();
        let ids: Vec<_> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert!(c.notices.is_empty(), "{:?}", c.notices);
        assert_eq!(c.root.as_deref(), Some(d.path()));
    }

    #[test]
    fn bad_files_become_notices_and_the_rest_loads() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "good.txt", b"Titre\n\nTexte.");
        write(d.path(), "latin.txt", b"Soci\xE9t\xE9\n\nTexte.");
        write(d.path(), "binary.txt", b"\x89PNG\0\0");
        write(d.path(), "empty.txt", b"");
        write(d.path(), "blank.md", b"  \n\n ");
        let c = load_paths(&[d.path().to_owned()]).unwrap();
        let ids: Vec<_> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["good", "latin"]);
        assert_eq!(c.articles[1].title, "Société");
        let msgs: Vec<String> = c.notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(c.notices.len(), 4, "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("latin.txt") && m.contains("Windows-1252"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("binary.txt") && m.contains("binary"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("empty.txt") && m.contains("empty"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("blank.md") && m.contains("empty"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_file_is_a_notice() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "ok.txt", b"Titre\n\nTexte.");
        let locked = write(d.path(), "locked.txt", b"secret");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_ok() {
            return; // running as root: permissions do not apply, nothing to test here
        }
        let c = load_paths(&[d.path().to_owned()]).unwrap();
        assert_eq!(c.articles.len(), 1);
        assert!(c.notices[0].to_string().contains("locked.txt"));
    }

    #[test]
    fn missing_path_and_nothing_loadable_are_errors() {
        let d = tempfile::tempdir().unwrap();
        let missing = d.path().join("nope");
        assert!(matches!(
            load_paths(&[missing]),
            Err(LoadError::NotFound(_))
        ));
        write(d.path(), "x.txt", b"");
        let err = load_paths(&[d.path().to_owned()]).unwrap_err();
        assert!(matches!(err, LoadError::NothingLoadable(ref n) if n.len() == 1));
        assert!(err.to_string().contains("no article could be loaded"));
    }

    #[test]
    fn same_stem_in_two_folders_gets_distinct_ids() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "a/x.txt", b"One\n\nText.");
        write(d.path(), "b/x.txt", b"Two\n\nText.");
        let c = load_paths(&[d.path().to_owned()]).unwrap();
        let ids: Vec<_> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "x~2"]);
    }

    #[test]
    fn text_is_kept_unaltered() {
        let d = tempfile::tempdir().unwrap();
        let raw = "Titre\r\n\r\n150\u{a0}000 « mots »\tet\u{1b}[2J fin\n";
        write(d.path(), "t.txt", raw.as_bytes());
        let c = load_paths(&[d.path().to_owned()]).unwrap();
        assert_eq!(c.articles[0].text, raw);
        assert_eq!(c.articles[0].chars, raw.chars().count());
    }
}
