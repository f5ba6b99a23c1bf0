//! The on-disk cache of per-article analysis: an article's sentences, name observations and
//! claims, keyed by the hash of its file's bytes, so that reopening a large archive costs a
//! read, not a re-analysis.
//!
//! Layout: `<XDG cache>/recoupe/v<FORMAT>-<version>/<2 hex>.pack`: entries are grouped in 256
//! packs by the first byte of the article hash. One file per article would cost one fsync per
//! article on a cold start (seconds at 10,000 articles) and one open per article on a warm
//! one; packs cost at most 256 of each, and editing one article rewrites one pack. A pack is
//! rewritten whole: a temp file in the same folder, fsynced, renamed over the old one, so two
//! instances never corrupt it (the last one to rename wins; the other's entries are simply
//! computed again next time).
//!
//! Nothing read from the cache is trusted. A pack starts with a header (magic, format number,
//! program version, schema fingerprint); each entry carries its article hash, its length and a
//! BLAKE3 checksum of its payload. Anything that does not match is [`Lookup::Rejected`] and
//! rebuilt, never decoded blindly. The payload is postcard (compact, serde-derived): because
//! postcard is not self-describing, every entry is decoded again right after encoding and
//! stored only if it round-trips exactly, so a model change that postcard cannot represent
//! disables the cache rather than corrupting claims.

use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

mod entry;
pub use entry::{Entry, EntryRef};

/// Bumped whenever the file layout or the meaning of an entry changes.
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 4] = b"RCPK";

/// The sources segmentation and extraction depend on, and the entry's layout, by path below
/// `src/` (a test checks that
/// every file of `src/claims`, `src/text` and `src/corpus` is listed, but for tests, what
/// only shows or exports claims (`claims/export.rs`, `text/display.rs`, `corpus/embedded.rs`)
/// and the reading of the files, whose bytes key the entries (`corpus/read.rs`)).
const CLAIM_SOURCES: &[(&str, &str)] = &[
    ("claims/anchors.rs", include_str!("../claims/anchors.rs")),
    (
        "claims/attribution.rs",
        include_str!("../claims/attribution.rs"),
    ),
    ("claims/calendar.rs", include_str!("../claims/calendar.rs")),
    ("claims/compare.rs", include_str!("../claims/compare.rs")),
    ("claims/cues.rs", include_str!("../claims/cues.rs")),
    ("claims/dates.rs", include_str!("../claims/dates.rs")),
    ("claims/entities.rs", include_str!("../claims/entities.rs")),
    ("claims/extract.rs", include_str!("../claims/extract.rs")),
    ("claims/lexer.rs", include_str!("../claims/lexer.rs")),
    ("claims/mod.rs", include_str!("../claims/mod.rs")),
    ("claims/modality.rs", include_str!("../claims/modality.rs")),
    ("claims/model.rs", include_str!("../claims/model.rs")),
    ("claims/names.rs", include_str!("../claims/names.rs")),
    ("claims/numbers.rs", include_str!("../claims/numbers.rs")),
    ("claims/numwords.rs", include_str!("../claims/numwords.rs")),
    (
        "claims/phrasemap.rs",
        include_str!("../claims/phrasemap.rs"),
    ),
    ("claims/quantity.rs", include_str!("../claims/quantity.rs")),
    ("claims/score.rs", include_str!("../claims/score.rs")),
    ("claims/tokens.rs", include_str!("../claims/tokens.rs")),
    ("claims/typos.rs", include_str!("../claims/typos.rs")),
    ("corpus/decode.rs", include_str!("../corpus/decode.rs")),
    ("corpus/lang.rs", include_str!("../corpus/lang.rs")),
    ("corpus/meta.rs", include_str!("../corpus/meta.rs")),
    ("corpus/mod.rs", include_str!("../corpus/mod.rs")),
    ("text/boundary.rs", include_str!("../text/boundary.rs")),
    ("text/fold.rs", include_str!("../text/fold.rs")),
    ("text/furniture.rs", include_str!("../text/furniture.rs")),
    ("text/lexicon.rs", include_str!("../text/lexicon.rs")),
    ("text/mod.rs", include_str!("../text/mod.rs")),
    ("text/segment.rs", include_str!("../text/segment.rs")),
    ("text/span.rs", include_str!("../text/span.rs")),
    // How an entry is laid out: a change of field order would misread old entries.
    ("pipeline/cache/entry.rs", include_str!("cache/entry.rs")),
];

/// Fingerprint of everything a cached entry depends on: the code that segments and extracts and
/// the word lists it reads. A change to any of them makes old entries foreign even when the
/// version number did not move (as during development, or after editing `assets/`).
pub(super) fn schema() -> [u8; 8] {
    let mut h = blake3::Hasher::new();
    let assets = [
        include_str!("../../assets/aliases.toml"),
        include_str!("../../assets/cues/en.toml"),
        include_str!("../../assets/cues/fr.toml"),
        include_str!("../../assets/numbers/en.toml"),
        include_str!("../../assets/numbers/fr.toml"),
        include_str!("../../assets/segment/en.toml"),
        include_str!("../../assets/segment/fr.toml"),
    ];
    for src in CLAIM_SOURCES.iter().map(|(_, s)| *s).chain(assets) {
        h.update(src.as_bytes());
    }
    let mut out = [0u8; 8];
    out.copy_from_slice(&h.finalize().as_bytes()[..8]);
    out
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

/// The start of every cache file: its kind (`magic`), layout number, program version and the
/// fingerprint of the code and data its entries depend on. A file whose start differs by one
/// byte is foreign.
pub(crate) fn file_header(magic: &[u8; 4], format: u32, schema: &[u8]) -> Vec<u8> {
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut h = Vec::with_capacity(9 + version.len() + schema.len());
    h.extend_from_slice(magic);
    h.extend_from_slice(&format.to_le_bytes());
    h.push(version.len() as u8);
    h.extend_from_slice(version);
    h.extend_from_slice(schema);
    h
}

/// A cache file holding one value: `header` ([`file_header`], plus whatever names the
/// entry), the payload's length (u64 LE) and BLAKE3 checksum, then the payload. Returns what
/// comes before the payload; the payload is written after it as it is, not copied (the facts
/// of an archive are tens of MB).
pub(crate) fn frame(mut header: Vec<u8>, payload: &[u8]) -> Vec<u8> {
    header.reserve(40);
    header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    header.extend_from_slice(blake3::hash(payload).as_bytes());
    header
}

/// The payload of a file written by [`frame`] with `header`, or why it cannot be trusted: a
/// file cut inside its header or payload is truncated, one with another header foreign, one
/// whose checksum or length disagrees corrupt.
pub(crate) fn unframe<'a>(bytes: &'a [u8], header: &[u8]) -> Result<&'a [u8], Rejection> {
    let Some((head, rest)) = bytes.split_at_checked(header.len()) else {
        // A prefix of the right header (past the magic) is a file cut short.
        return Err(if bytes.len() >= 4 && header.starts_with(bytes) {
            Rejection::Truncated
        } else {
            Rejection::Foreign
        });
    };
    if head != header {
        return Err(Rejection::Foreign);
    }
    let (len, rest) = rest.split_at_checked(8).ok_or(Rejection::Truncated)?;
    let len = u64::from_le_bytes(len.try_into().map_err(|_| Rejection::Corrupt)?);
    let len = usize::try_from(len).map_err(|_| Rejection::Corrupt)?;
    let (sum, payload) = rest.split_at_checked(32).ok_or(Rejection::Truncated)?;
    if payload.len() < len {
        return Err(Rejection::Truncated);
    }
    if payload.len() > len || blake3::hash(payload).as_bytes() != sum {
        return Err(Rejection::Corrupt);
    }
    Ok(payload)
}

/// Writes `parts`, end to end, to `target` so that a reader never sees a partial file: a temp file in the
/// same folder (named by process and a counter, so concurrent writers never share one),
/// fsynced, then renamed over `target`. The last writer to rename wins; the temp file is
/// removed when anything fails.
pub(crate) fn write_atomically(target: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        TMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        for bytes in parts {
            f.write_all(bytes)?;
        }
        f.sync_all()?;
        fs::rename(&tmp, target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

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

    /// The pack holding the entry of the article with content hash `hash`.
    pub fn path_of(&self, hash: &str) -> PathBuf {
        self.dir.join(format!("{}.pack", shard(hash)))
    }

    fn header(&self) -> Vec<u8> {
        file_header(MAGIC, FORMAT, &self.schema)
    }

    /// Reads the entry for `hash`. Never panics on bad files: they are rejected.
    pub fn load(&self, hash: &str) -> Lookup {
        self.load_many(&[hash]).pop().expect("one lookup per hash")
    }

    /// Reads the entries for `hashes` (one lookup each, in order), reading each pack once.
    pub fn load_many<S: AsRef<str> + Sync>(&self, hashes: &[S]) -> Vec<Lookup> {
        let mut shards: Vec<&str> = hashes.iter().map(|h| shard(h.as_ref())).collect();
        shards.sort_unstable();
        shards.dedup();
        let packs: HashMap<&str, Option<Vec<u8>>> = shards
            .into_par_iter()
            .map(|s| (s, fs::read(self.dir.join(format!("{s}.pack"))).ok()))
            .collect();
        let parsed: HashMap<&str, Parsed<'_>> = packs
            .iter()
            .filter_map(|(s, bytes)| Some((*s, self.parse(bytes.as_deref()?))))
            .collect();
        hashes
            .par_iter()
            .map(|h| {
                let h = h.as_ref();
                let Some(pack) = parsed.get(shard(h)) else {
                    return Lookup::Miss;
                };
                let found = match &pack.header {
                    Err(why) => Err(*why),
                    Ok(()) => match pack.records.get(h) {
                        None => return Lookup::Miss,
                        Some(Err(why)) => Err(*why),
                        Some(Ok(payload)) => {
                            postcard::from_bytes(payload).map_err(|_| Rejection::Corrupt)
                        }
                    },
                };
                match found {
                    Ok(entry) => Lookup::Hit(entry),
                    Err(why) => Lookup::Rejected(why, self.path_of(h)),
                }
            })
            .collect()
    }

    /// Splits a pack into its records. A bad header taints the whole pack; a bad record only
    /// itself (and, when its length is wrong, everything after it, which cannot be found).
    fn parse<'a>(&self, bytes: &'a [u8]) -> Parsed<'a> {
        let mut r = Reader { bytes, at: 0 };
        let mut out = Parsed {
            header: Ok(()),
            records: HashMap::new(),
        };
        let header = self.header();
        match r.take(header.len()) {
            Ok(h) if h == header.as_slice() => {}
            Ok(_) => {
                out.header = Err(Rejection::Foreign);
                return out;
            }
            Err(why) => {
                // Too short for a header: foreign when it is not even our magic.
                out.header = Err(if bytes.starts_with(&header[..bytes.len().min(4)]) {
                    why
                } else {
                    Rejection::Foreign
                });
                return out;
            }
        }
        while r.at < bytes.len() {
            let Ok(&[n]) = r.take(1) else { break };
            let Ok(hash) = r.take(n as usize) else { break };
            let Ok(hash) = std::str::from_utf8(hash) else {
                break;
            };
            let record = (|| {
                let mut len = [0u8; 8];
                len.copy_from_slice(r.take(8)?);
                let len =
                    usize::try_from(u64::from_le_bytes(len)).map_err(|_| Rejection::Corrupt)?;
                let sum = r.take(32)?;
                let payload = r.take(len)?;
                if blake3::hash(payload).as_bytes() != sum {
                    return Err(Rejection::Corrupt);
                }
                Ok(payload)
            })();
            let stop = matches!(record, Err(Rejection::Truncated));
            out.records.insert(hash, record);
            if stop {
                break;
            }
        }
        out
    }

    /// The claim contexts (one per article, in order) recorded for the corpus with fingerprint
    /// `corpus` (see `pipeline::corpus_key`) by a run after which every article had an entry
    /// valid for that very corpus; `None` when there is no valid record.
    pub fn corpus_contexts(&self, corpus: &str) -> Option<Vec<u64>> {
        let bytes = fs::read(self.dir.join("corpora").join(corpus)).ok()?;
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(32)?)?;
        if blake3::hash(body).as_bytes() != sum || body.len() % 8 != 0 {
            return None;
        }
        Some(
            body.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        )
    }

    /// Records the claim contexts of corpus `corpus`: reopening the same files can then skip
    /// the entity model and the fingerprints, checking only that each entry still has the
    /// context recorded (another corpus sharing an article may have rewritten its entry).
    pub fn remember_corpus(&self, corpus: &str, contexts: &[u64]) -> io::Result<()> {
        let dir = self.dir.join("corpora");
        fs::create_dir_all(&dir)?;
        let mut body: Vec<u8> = contexts.iter().flat_map(|c| c.to_le_bytes()).collect();
        let sum = *blake3::hash(&body).as_bytes();
        body.extend_from_slice(&sum);
        write_atomically(&dir.join(corpus), &[&body])
    }

    /// Writes one entry (see [`Cache::store_many`]).
    pub fn store(&self, hash: &str, entry: &Entry) -> io::Result<bool> {
        Ok(self.store_many(vec![(hash.to_owned(), entry.as_ref())])? == 1)
    }

    /// Writes `entries` (article hash, entry), rewriting each pack concerned once and keeping
    /// the valid entries it already held for other articles. Returns how many entries were
    /// written; an entry that would not read back identically is left out (see the module doc).
    pub fn store_many(&self, entries: Vec<(String, EntryRef<'_>)>) -> io::Result<usize> {
        let mut by_shard: HashMap<String, Vec<(String, Vec<u8>)>> = HashMap::new();
        let encoded: Vec<(String, Option<Vec<u8>>)> = entries
            .into_par_iter()
            .map(|(hash, entry)| {
                let payload = postcard::to_stdvec(&entry)
                    .ok()
                    .filter(|p| postcard::from_bytes::<Entry>(p).is_ok_and(|b| entry.same_as(&b)));
                (hash, payload)
            })
            .collect();
        let mut written = 0;
        for (hash, payload) in encoded {
            if let Some(p) = payload {
                written += 1;
                by_shard
                    .entry(shard(&hash).to_owned())
                    .or_default()
                    .push((hash, p));
            }
        }
        if by_shard.is_empty() {
            return Ok(0);
        }
        fs::create_dir_all(&self.dir)?;
        let results: Vec<io::Result<()>> = by_shard
            .into_par_iter()
            .map(|(s, new)| self.rewrite_pack(&s, new))
            .collect();
        results.into_iter().collect::<io::Result<Vec<()>>>()?;
        Ok(written)
    }

    fn rewrite_pack(&self, shard: &str, new: Vec<(String, Vec<u8>)>) -> io::Result<()> {
        let path = self.dir.join(format!("{shard}.pack"));
        let old = fs::read(&path).unwrap_or_default();
        let parsed = self.parse(&old);
        let mut out = self.header();
        let mut record = |hash: &str, payload: &[u8]| {
            out.push(hash.len() as u8);
            out.extend_from_slice(hash.as_bytes());
            out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
            out.extend_from_slice(blake3::hash(payload).as_bytes());
            out.extend_from_slice(payload);
        };
        if parsed.header.is_ok() {
            let mut kept: Vec<(&&str, &&[u8])> = parsed
                .records
                .iter()
                .filter(|(h, _)| !new.iter().any(|(n, _)| n == **h))
                .filter_map(|(h, r)| r.as_ref().ok().map(|p| (h, p)))
                .collect();
            kept.sort();
            for (h, p) in kept {
                record(h, p);
            }
        }
        for (h, p) in &new {
            record(h, p);
        }
        write_atomically(&path, &[&out])
    }
}

/// The pack name of an article hash: its first two hex digits.
fn shard(hash: &str) -> &str {
    match hash.get(..2) {
        Some(s) if s.bytes().all(|b| b.is_ascii_hexdigit()) => s,
        _ => "00",
    }
}

/// A pack split into records, borrowing its bytes.
struct Parsed<'a> {
    header: Result<(), Rejection>,
    records: HashMap<&'a str, Result<&'a [u8], Rejection>>,
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
mod tests;
