//! The on-disk cache of per-article analysis: an article's sentences and claims, keyed by the
//! hash of its file's bytes, so that reopening a large archive costs a read, not a re-analysis.
//!
//! Layout: `<XDG cache>/recoupe/v<FORMAT>-<version>/<2 hex>/<article hash>.bin`, one file per
//! article: editing one article rewrites one file, and two instances never write the same file
//! in place (each writes a temp file in the same folder, fsyncs it and renames it over).
//!
//! Nothing read from the cache is trusted. A file carries a header (magic, format number,
//! program version, schema fingerprint, article hash, payload length) and a BLAKE3 checksum of
//! its payload; anything that does not match is [`Lookup::Rejected`] and rebuilt, never
//! decoded blindly. The payload is postcard (compact, serde-derived): because postcard is not
//! self-describing, every entry is decoded again right after encoding and stored only if it
//! round-trips exactly, so a model change that postcard cannot represent disables the cache
//! rather than corrupting claims.

use crate::claims::Claim;
use crate::text::Sentence;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Bumped whenever the file layout or the meaning of an entry changes.
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 4] = b"RCPC";

/// Fingerprint of the source of the types stored: a change to any of them makes old entries
/// foreign even when the version number did not move (as during development).
fn schema() -> [u8; 8] {
    let mut h = blake3::Hasher::new();
    for src in [
        include_str!("../claims/model.rs"),
        include_str!("../text/segment.rs"),
        include_str!("../text/furniture.rs"),
        include_str!("../text/span.rs"),
        include_str!("../corpus/meta.rs"),
    ] {
        h.update(src.as_bytes());
    }
    let mut out = [0u8; 8];
    out.copy_from_slice(&h.finalize().as_bytes()[..8]);
    out
}

/// What the cache keeps for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The article id when the entry was written: claim ids start with it and are re-based on
    /// the id the article has now (ids depend on the other files' names).
    pub article_id: String,
    /// The segmentation.
    pub sentences: Vec<Sentence>,
    /// Fingerprint of what the claims depend on beyond the article itself (see
    /// `pipeline::claims_context`); the claims are reused only when it matches.
    pub context: u64,
    /// The claims, in order, with `article` as it was when written (re-based on read).
    pub claims: Vec<Claim>,
}

/// Why a cache file was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rejection {
    /// Shorter than its header says: an interrupted write or a truncated copy.
    Truncated,
    /// Checksum or decoding failed.
    Corrupt,
    /// Written by another version or format of recoupe, or for another article.
    Foreign,
}

impl Rejection {
    /// Plural noun phrase for the notice.
    pub fn describe(self) -> &'static str {
        match self {
            Rejection::Truncated => "truncated",
            Rejection::Corrupt => "corrupt",
            Rejection::Foreign => "written by another version of recoupe",
        }
    }
}

/// The outcome of a lookup.
#[derive(Debug)]
pub enum Lookup {
    /// A valid entry.
    Hit(Entry),
    /// Nothing cached for this article.
    Miss,
    /// A file was there but could not be trusted (it will be overwritten).
    Rejected(Rejection, PathBuf),
}

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    schema: [u8; 8],
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Cache {
    /// The user's cache: `$XDG_CACHE_HOME/recoupe` (or the platform's equivalent). `None` when
    /// no home folder can be found.
    pub fn user() -> Option<Cache> {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok()?;
        Some(Cache::at(base.cache_dir().join("recoupe")))
    }

    /// A cache rooted at `root` (created on first write).
    pub fn at(root: impl Into<PathBuf>) -> Cache {
        let dir = root
            .into()
            .join(format!("v{FORMAT}-{}", env!("CARGO_PKG_VERSION")));
        Cache {
            dir,
            schema: schema(),
        }
    }

    /// The folder holding this version's entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the entry for the article with content hash `hash` lives.
    pub fn path_of(&self, hash: &str) -> PathBuf {
        let shard = hash.get(..2).unwrap_or("00");
        self.dir.join(shard).join(format!("{hash}.bin"))
    }

    fn header(&self, hash: &str, payload: &[u8]) -> Vec<u8> {
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let mut h = Vec::with_capacity(96 + version.len() + hash.len());
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&FORMAT.to_le_bytes());
        h.push(version.len() as u8);
        h.extend_from_slice(version);
        h.extend_from_slice(&self.schema);
        h.push(hash.len() as u8);
        h.extend_from_slice(hash.as_bytes());
        h.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        h.extend_from_slice(blake3::hash(payload).as_bytes());
        h
    }

    /// Reads the entry for `hash`. Never panics on bad files: they are rejected.
    pub fn load(&self, hash: &str) -> Lookup {
        let path = self.path_of(hash);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(_) => return Lookup::Miss,
        };
        match self.decode(hash, &bytes) {
            Ok(entry) => Lookup::Hit(entry),
            Err(why) => Lookup::Rejected(why, path),
        }
    }

    fn decode(&self, hash: &str, bytes: &[u8]) -> Result<Entry, Rejection> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(Rejection::Foreign);
        }
        if r.take(4)? != FORMAT.to_le_bytes() {
            return Err(Rejection::Foreign);
        }
        let n = r.take(1)?[0] as usize;
        if r.take(n)? != env!("CARGO_PKG_VERSION").as_bytes() {
            return Err(Rejection::Foreign);
        }
        if r.take(8)? != self.schema {
            return Err(Rejection::Foreign);
        }
        let n = r.take(1)?[0] as usize;
        if r.take(n)? != hash.as_bytes() {
            return Err(Rejection::Foreign);
        }
        let mut len = [0u8; 8];
        len.copy_from_slice(r.take(8)?);
        let len = usize::try_from(u64::from_le_bytes(len)).map_err(|_| Rejection::Corrupt)?;
        let sum = r.take(32)?;
        let rest = &bytes[r.at..];
        if rest.len() < len {
            return Err(Rejection::Truncated);
        }
        if rest.len() > len {
            return Err(Rejection::Corrupt);
        }
        if blake3::hash(rest).as_bytes() != sum {
            return Err(Rejection::Corrupt);
        }
        postcard::from_bytes(rest).map_err(|_| Rejection::Corrupt)
    }

    /// Writes the entry for `hash` atomically. Returns `Ok(false)` without writing when the
    /// entry would not read back identically (see the module doc).
    pub fn store(&self, hash: &str, entry: &Entry) -> io::Result<bool> {
        let payload = postcard::to_stdvec(entry).map_err(io::Error::other)?;
        match postcard::from_bytes::<Entry>(&payload) {
            Ok(back) if back == *entry => {}
            _ => return Ok(false),
        }
        let path = self.path_of(hash);
        let folder = path.parent().unwrap_or(&self.dir);
        fs::create_dir_all(folder)?;
        let tmp = folder.join(format!(
            ".tmp-{}-{}-{hash}",
            std::process::id(),
            TMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(&self.header(hash, &payload))?;
            f.write_all(&payload)?;
            f.sync_all()?;
            fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map(|()| true)
    }
}

/// A cursor over a cache file that fails with [`Rejection::Truncated`] past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Rejection> {
        let end = self.at.checked_add(n).ok_or(Rejection::Corrupt)?;
        let s = self.bytes.get(self.at..end).ok_or(Rejection::Truncated)?;
        self.at = end;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{SentenceKind, Span};

    fn entry() -> Entry {
        Entry {
            article_id: "a".into(),
            sentences: vec![Sentence {
                span: Span::new(0, 5),
                kind: SentenceKind::Prose,
                paragraph: 0,
            }],
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
        // The same bytes under another article's name are foreign.
        let other = c.path_of("11ff00ff00ff00ff");
        fs::create_dir_all(other.parent().unwrap()).unwrap();
        fs::copy(c.path_of("00ff00ff00ff00ff"), &other).unwrap();
        assert!(matches!(
            c.load("11ff00ff00ff00ff"),
            Lookup::Rejected(Rejection::Foreign, _)
        ));
    }
}
