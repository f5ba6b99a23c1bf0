//! The on-disk cache of the alignment: the [`FactSet`] of a whole corpus, so that reopening
//! the same archive skips the aligner (the costliest stage at 10,000 articles).
//!
//! The facts depend on every claim of the corpus (weights are corpus-wide document
//! frequencies), so an entry is keyed by the whole corpus: the ordered list of article ids and
//! content hashes, hashed with the program version and a fingerprint of the code and word lists
//! the claims and the facts come from ([`schema`]). Any change to any article is a new key;
//! such a corpus is then aligned incrementally from the last alignment's state
//! ([`super::incremental_cache`]), which costs the changed articles' pairs, not every pair.
//!
//! Layout: `<cache dir>/facts/<key>.facts`, one file per corpus, written whole to a temp file in
//! the same folder, fsynced and renamed over, so that concurrent instances never leave a torn
//! file (the last rename wins, and both wrote the same facts for the same key). At most
//! [`KEEP`] corpora are kept; older files are removed after a write.
//!
//! Nothing read is trusted: the file starts with a header (magic, format, program version,
//! schema fingerprint, key), then the payload's length and BLAKE3 checksum, then the payload
//! (postcard). The decoded facts are also checked against the claims they index: a claim or
//! article index out of range rejects the file. A rejected file is reported as a notice and
//! the facts are aligned again. The payload is decoded again right after encoding and written
//! only when it round-trips exactly (postcard is not self-describing).

use super::cache::{Cache, Rejection};
use super::incremental_cache::StateLookup;
use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::facts::incremental::{AlignStats, Policy};
use crate::facts::{Fact, FactSet};
use std::fs;
use std::io;
use std::path::PathBuf;

/// Bumped whenever the file layout or the meaning of an entry changes.
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 4] = b"RCFA";

/// Corpora whose facts are kept; a start on an older one aligns again.
pub const KEEP: usize = 8;

/// The aligner's sources, by file name: the facts depend on their code (`eval.rs` only scores
/// facts against a gold file, `*/tests.rs` only test them). A test checks that every file of
/// `src/facts` is listed.
const FACT_SOURCES: &[(&str, &str)] = &[
    ("agglomerate.rs", include_str!("../facts/agglomerate.rs")),
    (
        "agglomerate/queue.rs",
        include_str!("../facts/agglomerate/queue.rs"),
    ),
    ("align.rs", include_str!("../facts/align.rs")),
    ("build.rs", include_str!("../facts/build.rs")),
    ("conflicts.rs", include_str!("../facts/conflicts.rs")),
    ("features.rs", include_str!("../facts/features.rs")),
    ("incremental.rs", include_str!("../facts/incremental.rs")),
    ("index.rs", include_str!("../facts/index.rs")),
    ("lexicon.rs", include_str!("../facts/lexicon.rs")),
    ("mod.rs", include_str!("../facts/mod.rs")),
    ("model.rs", include_str!("../facts/model.rs")),
    ("pairs.rs", include_str!("../facts/pairs.rs")),
    ("reasons.rs", include_str!("../facts/reasons.rs")),
    ("score.rs", include_str!("../facts/score.rs")),
    ("touching.rs", include_str!("../facts/touching.rs")),
];

/// Fingerprint of what the facts depend on beyond the articles: the claims' own fingerprint
/// (segmentation, extraction, their word lists) and the aligner's code and word lists.
pub(super) fn schema() -> [u8; 8] {
    let mut h = blake3::Hasher::new();
    h.update(&super::cache::schema());
    let assets = [
        include_str!("../../assets/stopwords/fr.txt"),
        include_str!("../../assets/stopwords/en.txt"),
        include_str!("../../assets/paraphrases.toml"),
        // Common words: a capitalised first word found there is a term, not a name.
        include_str!("../../assets/words/fr.txt"),
    ];
    for src in FACT_SOURCES.iter().map(|(_, s)| *s).chain(assets) {
        h.update(src.as_bytes());
    }
    let mut out = [0u8; 8];
    out.copy_from_slice(&h.finalize().as_bytes()[..8]);
    out
}

/// The key of a corpus's facts: its articles' ids and content hashes, in order.
pub fn key(corpus: &Corpus) -> String {
    let mut h = blake3::Hasher::new();
    for a in &corpus.articles {
        h.update(a.id.as_bytes());
        h.update(b"\0");
        h.update(a.hash.as_bytes());
        h.update(b"\n");
    }
    h.finalize().to_hex()[..32].to_owned()
}

/// The outcome of a lookup.
#[derive(Debug)]
pub enum FactsLookup {
    /// Valid facts for this corpus.
    Hit(FactSet),
    /// Nothing cached for this corpus.
    Miss,
    /// A file was there but could not be trusted (it will be overwritten).
    Rejected(Rejection, PathBuf),
}

fn header(key: &str) -> Vec<u8> {
    let mut h = super::cache::file_header(MAGIC, FORMAT, &schema());
    h.extend_from_slice(key.as_bytes());
    h
}

/// Where the facts of the corpus with key `key` live.
pub fn path(cache: &Cache, key: &str) -> PathBuf {
    cache.dir().join("facts").join(format!("{key}.facts"))
}

/// Reads the facts cached for `key`, checking them against `claims` and `articles`.
pub fn load(cache: &Cache, key: &str, claims: &[Claim], articles: usize) -> FactsLookup {
    let path = path(cache, key);
    let Ok(bytes) = fs::read(&path) else {
        return FactsLookup::Miss;
    };
    match parse(&bytes, key, claims, articles) {
        Ok(facts) => FactsLookup::Hit(facts),
        Err(why) => FactsLookup::Rejected(why, path),
    }
}

fn parse(bytes: &[u8], key: &str, claims: &[Claim], articles: usize) -> Result<FactSet, Rejection> {
    let payload = super::cache::unframe(bytes, &header(key))?;
    let (facts, by_claim): (Vec<Fact>, Vec<Vec<usize>>) =
        crate::facts::reasons::sharing(|| postcard::from_bytes(payload))
            .map_err(|_| Rejection::Corrupt)?;
    let fits = by_claim.len() == claims.len()
        && by_claim.iter().flatten().all(|&f| f < facts.len())
        && facts.iter().all(|f| {
            f.claims.iter().all(|&c| c < claims.len())
                && f.articles.iter().all(|&a| a < articles)
                && f.contradicts.iter().all(|&o| o < facts.len())
                && f.conflicts
                    .iter()
                    .flat_map(|c| &c.claims)
                    .all(|&c| c < claims.len())
                && f.why
                    .iter()
                    .all(|l| l.a < claims.len() && l.b < claims.len())
        });
    if !fits {
        // Checksummed but not for these claims: written by a build whose claims differ.
        return Err(Rejection::Foreign);
    }
    Ok(FactSet { facts, by_claim })
}

/// Writes the facts of the corpus with key `key`. Returns false (and writes nothing) when they
/// would not read back identically.
pub fn store(cache: &Cache, key: &str, facts: &FactSet) -> io::Result<bool> {
    let value = (&facts.facts, &facts.by_claim);
    let Ok(payload) = postcard::to_stdvec(&value) else {
        return Ok(false);
    };
    let back: Result<(Vec<Fact>, Vec<Vec<usize>>), _> =
        crate::facts::reasons::sharing(|| postcard::from_bytes(&payload));
    if !back.is_ok_and(|(f, b)| f == facts.facts && b == facts.by_claim) {
        return Ok(false);
    }
    let head = super::cache::frame(header(key), &payload);
    let target = path(cache, key);
    let dir = target.parent().expect("facts files live in a folder");
    fs::create_dir_all(dir)?;
    super::cache::write_atomically(&target, &[&head, &payload])?;
    prune(dir);
    Ok(true)
}

/// Keeps the [`KEEP`] most recently written corpora. Best effort: another instance may be
/// pruning too, and a file it removed is simply not there any more.
fn prune(dir: &std::path::Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".facts"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= KEEP {
        return;
    }
    files.sort();
    for (_, old) in &files[..files.len() - KEEP] {
        let _ = fs::remove_file(old);
    }
}

/// What the alignment cache did in one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactsOutcome {
    /// No cache in use.
    #[default]
    Off,
    /// The facts were read back; the aligner did not run.
    Hit,
    /// Nothing cached for this corpus: aligned.
    Miss,
    /// A cached file was not trusted: aligned again.
    Rejected,
}

/// What an alignment run leaves for the store stage: the incremental state to write and what
/// the aligner did.
pub type Aligned = Option<(crate::facts::incremental::State, AlignStats)>;

/// Aligns `claims`, tracing the sub-steps when `RECOUPE_ALIGN_TRACE` asks for it.
fn run(corpus: &Corpus, claims: &[Claim]) -> FactSet {
    match super::stages::AlignTrace::from_env() {
        Some(mut trace) => {
            crate::facts::align_observed(corpus, claims, &Default::default(), &mut trace)
        }
        None => crate::facts::align(corpus, claims),
    }
}

/// The facts of `claims`: read from `cache` when it holds them for this very corpus, else
/// aligned, incrementally from the last alignment's state when the cache holds one
/// ([`super::incremental_cache`]). Returns the facts, what the cache did, the notices of
/// rejected files, and the new state when the aligner ran.
pub fn align(
    cache: Option<&Cache>,
    corpus: &Corpus,
    claims: &[Claim],
) -> (FactSet, FactsOutcome, Vec<crate::corpus::Notice>, Aligned) {
    let Some(cache) = cache else {
        return (run(corpus, claims), FactsOutcome::Off, Vec::new(), None);
    };
    let mut notices = Vec::new();
    let outcome = match load(cache, &key(corpus), claims, corpus.articles.len()) {
        FactsLookup::Hit(facts) => return (facts, FactsOutcome::Hit, notices, None),
        FactsLookup::Miss => FactsOutcome::Miss,
        FactsLookup::Rejected(why, path) => {
            notices.push(crate::corpus::Notice::warning(
                path,
                format!("alignment cache {}: ignored and rebuilt", why.describe()),
            ));
            FactsOutcome::Rejected
        }
    };
    let prior = match super::incremental_cache::load(cache) {
        StateLookup::Found(state) => Some(state),
        StateLookup::Missing => None,
        StateLookup::Rejected(why, path) => {
            notices.push(crate::corpus::Notice::warning(
                path,
                format!(
                    "incremental alignment state {}: ignored, aligned in full",
                    why.describe()
                ),
            ));
            None
        }
    };
    let (mut trace, mut quiet) = (super::stages::AlignTrace::from_env(), ());
    let (facts, state, stats) = crate::facts::incremental::align_observed(
        corpus,
        claims,
        prior.as_ref(),
        &crate::facts::Params::default(),
        &Policy::default(),
        match &mut trace {
            Some(t) => t,
            None => &mut quiet,
        },
    );
    (facts, outcome, notices, Some((state, stats)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_aligner_source_is_in_the_fingerprint() {
        let missing = crate::pipeline::unlisted_sources("src/facts", &[""], FACT_SOURCES, |name| {
            // `prefetch.rs` only hints the CPU at what is read next: it changes no result.
            name == "eval.rs" || name == "prefetch.rs" || name.ends_with("/tests.rs")
        });
        assert!(
            missing.is_empty(),
            "{missing:?} change the facts: list them in FACT_SOURCES"
        );
    }
}
