//! The whole analysis of a corpus: sentences segmented, claims extracted from every article,
//! then facts aligned across them. The reader, the exports and `stats` all start from an
//! [`Analysis`].
//!
//! [`analyze`] is the plain entry point. [`analyze_with`] adds what a large archive needs: a
//! per-article [`cache`] (reopening 10,000 articles reads their sentences and claims back
//! instead of recomputing them), progress counters another thread can poll
//! ([`crate::progress`]), and the wall time and peak memory of each stage ([`stages`]).

pub mod cache;
pub mod facts_cache;
pub mod incremental_cache;
pub mod stages;

use crate::claims::{Claim, EntityModel, Observations};
use crate::corpus::{Corpus, Notice};
use crate::progress::{Phase, Progress};
use crate::text::Sentence;
use cache::{Cache, Entry, EntryRef, Lookup, Rejection};
use facts_cache::FactsOutcome;
use rayon::prelude::*;
use serde::Serialize;
use stages::StageReport;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::analysis::Analysis;

/// How to run the analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read and write per-article results here (none: compute everything, write nothing).
    pub cache: Option<Cache>,
    /// Counters to bump as articles are processed.
    pub progress: Option<Arc<Progress>>,
}

/// What the cache did during one analysis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CacheStats {
    /// Articles whose entry was read back (sentences at least).
    pub hits: usize,
    /// Articles with no entry.
    pub misses: usize,
    /// Entries found but not trusted (corrupt, truncated, foreign); rebuilt.
    pub rejected: usize,
    /// Entries written.
    pub written: usize,
    /// Articles segmented (not read from the cache).
    pub segmented: usize,
    /// Articles whose claims were extracted (not read from the cache).
    pub extracted: usize,
    /// Whether the facts were read from the alignment cache ([`facts_cache`]).
    pub facts: FactsOutcome,
    /// What the aligner did when it ran with a cache (full or incremental, pairs scored).
    pub aligner: Option<crate::facts::incremental::AlignStats>,
}

/// What one analysis cost.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Each stage run, in order.
    pub stages: Vec<StageReport>,
    /// Cache activity.
    pub cache: CacheStats,
}

/// Groups claims (sorted by article) into one range per article.
fn ranges_by_article(claims: &[Claim], articles: usize) -> Vec<Range<usize>> {
    let mut ranges = vec![0..0; articles];
    let mut i = 0;
    for (a, range) in ranges.iter_mut().enumerate() {
        let start = i;
        while i < claims.len() && claims[i].article == a {
            i += 1;
        }
        *range = start..i;
    }
    ranges
}

/// Segments, extracts claims and aligns facts.
pub fn analyze(corpus: Corpus) -> Analysis {
    analyze_with(corpus, &Options::default()).0
}

/// What the segment stage found for one article.
struct Slot {
    sentences: Vec<Sentence>,
    cached: Option<Entry>,
    rejected: Option<(Rejection, PathBuf)>,
}

/// [`analyze`] with a cache, progress counters and per-stage measurements.
pub fn analyze_with(mut corpus: Corpus, opts: &Options) -> (Analysis, Report) {
    let mut report = Report::default();
    let progress = opts.progress.clone().unwrap_or_default();
    let n = corpus.articles.len();

    progress.start(Phase::Segment, n);
    let (slots, r) = stages::measure(Phase::Segment, || {
        let hashes: Vec<&str> = corpus.articles.iter().map(|a| a.hash.as_str()).collect();
        let lookups = match &opts.cache {
            Some(c) => c.load_many(&hashes),
            None => hashes.iter().map(|_| Lookup::Miss).collect(),
        };
        corpus
            .articles
            .par_iter()
            .zip(lookups.into_par_iter())
            .map(|(a, lookup)| {
                let (cached, rejected) = match lookup {
                    Lookup::Hit(e) => (Some(e), None),
                    Lookup::Rejected(why, path) => (None, Some((why, path))),
                    Lookup::Miss => (None, None),
                };
                let sentences = match &cached {
                    Some(e) => e.sentences.clone(),
                    None => crate::text::segment(&a.text, a.body, &a.repeated_headlines),
                };
                progress.article_done(0);
                Slot {
                    sentences,
                    cached,
                    rejected,
                }
            })
            .collect::<Vec<Slot>>()
    });
    report.stages.push(r);
    let mut slots = slots;
    for s in &slots {
        match (&s.cached, &s.rejected) {
            (Some(_), _) => report.cache.hits += 1,
            (None, Some(_)) => report.cache.rejected += 1,
            (None, None) => report.cache.misses += 1,
        }
    }
    report.cache.segmented = n - report.cache.hits;
    corpus.notices.extend(rejection_notices(&slots));

    let key = corpus_key(&corpus);
    let known = opts.cache.as_ref().and_then(|c| c.corpus_contexts(&key));
    progress.start(Phase::Extract, n);
    let ((sentences, claims, extracted, contexts), r) = stages::measure(Phase::Extract, || {
        extract_claims(&corpus, &mut slots, known.as_deref(), &progress)
    });
    report.stages.push(r);
    report.cache.extracted = extracted.iter().filter(|e| e.is_some()).count();
    progress.set_claims(claims.len());
    let claims_by_article = ranges_by_article(&claims, n);
    // New cache entries are written now, before alignment: what they need beyond the claims
    // (every article's name observations) is then freed before the aligner's peak instead of
    // sitting beside it. Without a cache it is dropped here. Timed as part of the store stage.
    let entries = opts.cache.as_ref().map(|cache| {
        stages::measure(Phase::Store, || {
            store(
                cache,
                &corpus,
                &sentences,
                &claims,
                &claims_by_article,
                extracted,
            )
        })
    });

    progress.start(Phase::Align, n);
    let ((facts, outcome, notices, aligned), r) = stages::measure(Phase::Align, || {
        facts_cache::align(opts.cache.as_ref(), &corpus, &claims)
    });
    report.stages.push(r);
    report.cache.facts = outcome;
    report.cache.aligner = aligned.as_ref().map(|a| a.1);
    corpus.notices.extend(notices);

    let mut analysis = Analysis {
        corpus,
        sentences,
        claims,
        claims_by_article,
        facts,
    };
    if let (Some(cache), Some(((written, entries_notice), early))) = (&opts.cache, entries) {
        progress.start(Phase::Store, n);
        let (notice, r) = stages::measure(Phase::Store, || {
            let key = facts_cache::key(&analysis.corpus);
            let facts_written = match &aligned {
                Some((state, _)) => facts_cache::store(cache, &key, &analysis.facts)
                    .and_then(|_| incremental_cache::store(cache, state)),
                None => Ok(true),
            };
            let facts_notice = facts_written.err().map(|e| {
                Notice::warning(
                    cache.dir(),
                    format!("cannot write the alignment cache: {e}"),
                )
            });
            entries_notice.or(facts_notice)
        });
        report.stages.push(StageReport {
            wall: early.wall + r.wall,
            peak_bytes: early.peak_bytes.max(r.peak_bytes),
            ..r
        });
        report.cache.written = written;
        if notice.is_none()
            && known.as_ref() != Some(&contexts)
            && cache.remember_corpus(&key, &contexts).is_err()
        {
            // Not fatal: the next start checks every article's fingerprint instead.
        }
        analysis.corpus.notices.extend(notice);
    }
    progress.finish();
    (analysis, report)
}

/// The extract stage's output: sentences and claims of every article, what the new cache
/// entries need (for the articles extracted now) and every article's claim context.
type Extracted = (Vec<Vec<Sentence>>, Vec<Claim>, Vec<Option<Fresh>>, Vec<u64>);

/// What extraction produced afresh for one article: what its cache entry needs beyond the
/// sentences and claims.
struct Fresh {
    observations: Observations,
    context: u64,
}

/// Claims of every article. Names are resolved by a model learnt from every article's
/// observations (cached ones read back, others computed); an article's cached claims are
/// reused when the model answers the same for its names (same fingerprint), else extracted
/// again. Returns the sentences, the claims, and for each article extracted now what its new
/// cache entry needs.
fn extract_claims(
    corpus: &Corpus,
    slots: &mut [Slot],
    known: Option<&[u64]>,
    progress: &Progress,
) -> Extracted {
    let sentences: Vec<Vec<Sentence>> = slots
        .iter_mut()
        .map(|s| std::mem::take(&mut s.sentences))
        .collect();
    let same_corpus = known.is_some_and(|k| {
        k.len() == slots.len()
            && slots
                .iter()
                .zip(k)
                .all(|(s, &c)| s.cached.as_ref().is_some_and(|e| e.context == c))
    });
    if same_corpus {
        // The very same corpus as a previous run whose entries were all valid: its claims are
        // what extraction would give; no model to learn, no fingerprint to check.
        let mut claims = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate() {
            let entry = slot.cached.as_mut().expect("checked above");
            let mut mine = std::mem::take(&mut entry.claims);
            rebase(&mut mine, i, &entry.article_id, &corpus.articles[i].id);
            progress.article_done(mine.len());
            claims.append(&mut mine);
        }
        let contexts = known.map(<[u64]>::to_vec).unwrap_or_default();
        return (
            sentences,
            claims,
            slots.iter().map(|_| None).collect(),
            contexts,
        );
    }
    let observations: Vec<Observations> = slots
        .par_iter_mut()
        .zip(corpus.articles.par_iter().zip(sentences.par_iter()))
        .map(|(slot, (article, sents))| match slot.cached.as_mut() {
            Some(e) => std::mem::take(&mut e.observations),
            None => Observations::of(article, sents),
        })
        .collect();
    let model = EntityModel::from_observations(&observations);
    let per_article: Vec<(Vec<Claim>, Option<Fresh>, u64)> = slots
        .par_iter_mut()
        .zip(observations.into_par_iter())
        .enumerate()
        .map(|(i, (slot, obs))| {
            let article = &corpus.articles[i];
            let context = model.fingerprint(&obs);
            let out = match slot.cached.as_mut().filter(|e| e.context == context) {
                Some(entry) => {
                    let mut claims = std::mem::take(&mut entry.claims);
                    rebase(&mut claims, i, &entry.article_id, &article.id);
                    (claims, None, context)
                }
                None => (
                    crate::claims::article_claims(i, article, &sentences[i], &model),
                    Some(Fresh {
                        observations: obs,
                        context,
                    }),
                    context,
                ),
            };
            progress.article_done(out.0.len());
            out
        })
        .collect();
    let mut claims = Vec::with_capacity(per_article.iter().map(|p| p.0.len()).sum());
    let mut fresh = Vec::with_capacity(per_article.len());
    let mut contexts = Vec::with_capacity(per_article.len());
    for (mut c, f, k) in per_article {
        claims.append(&mut c);
        fresh.push(f);
        contexts.push(k);
    }
    (sentences, claims, fresh, contexts)
}

/// Fingerprint of a corpus's contents in order (what the entity model is learnt from).
fn corpus_key(corpus: &Corpus) -> String {
    let mut h = blake3::Hasher::new();
    for a in &corpus.articles {
        h.update(a.hash.as_bytes());
        h.update(b"\n");
    }
    h.finalize().to_hex()[..32].to_owned()
}

/// Cached claims were written for article `old_id` at some index: point them at article
/// `index`, whose id is now `new_id` (ids depend on the other files' names).
fn rebase(claims: &mut [Claim], index: usize, old_id: &str, new_id: &str) {
    for c in claims {
        c.article = index;
        if old_id != new_id
            && let Some(rest) = c.id.strip_prefix(old_id)
        {
            c.id = format!("{new_id}{rest}");
        }
    }
}

/// Writes the entries of the articles extracted now. Returns how many were written and, when
/// writing failed, one notice saying why.
fn store(
    cache: &Cache,
    corpus: &Corpus,
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    by_article: &[Range<usize>],
    extracted: Vec<Option<Fresh>>,
) -> (usize, Option<Notice>) {
    let entries: Vec<(String, EntryRef)> = extracted
        .iter()
        .enumerate()
        .filter_map(|(i, fresh)| {
            let fresh = fresh.as_ref()?;
            let a = &corpus.articles[i];
            let entry = EntryRef {
                article_id: &a.id,
                sentences: &sentences[i],
                observations: &fresh.observations,
                context: fresh.context,
                claims: &claims[by_article[i].clone()],
            };
            Some((a.hash.clone(), entry))
        })
        .collect();
    let wanted = entries.len();
    match cache.store_many(entries) {
        Ok(written) if written == wanted => (written, None),
        Ok(written) => (
            written,
            Some(Notice::warning(
                cache.dir(),
                "some claims cannot be cached exactly; they will be extracted again next time",
            )),
        ),
        Err(e) => (
            0,
            Some(Notice::warning(
                cache.dir(),
                format!("cannot write the analysis cache: {e}"),
            )),
        ),
    }
}

/// One notice per kind of rejected cache entry, naming the first file and counting the rest.
fn rejection_notices(slots: &[Slot]) -> Vec<Notice> {
    let mut by_kind: BTreeMap<Rejection, (usize, &PathBuf)> = BTreeMap::new();
    for (why, path) in slots.iter().filter_map(|s| s.rejected.as_ref()) {
        by_kind.entry(*why).or_insert((0, path)).0 += 1;
    }
    by_kind
        .into_iter()
        .map(|(why, (count, path))| {
            let others = match count {
                1 => String::new(),
                n => format!(" (and {} other entries)", n - 1),
            };
            Notice::warning(
                path,
                format!(
                    "cache entry {}{others}: ignored and rebuilt",
                    why.describe()
                ),
            )
        })
        .collect()
}

/// The `.rs` files under `dirs` of `root` (paths relative to the crate, names relative to
/// `root`) that `listed` leaves out and `skip` does not excuse: what a cache fingerprint built
/// from `include_str!` tables would miss ([`cache`] and [`facts_cache`] test theirs).
#[cfg(test)]
fn unlisted_sources(
    root: &str,
    dirs: &[&str],
    listed: &[(&str, &str)],
    skip: impl Fn(&str) -> bool,
) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    let mut todo: Vec<PathBuf> = dirs.iter().map(|d| root.join(d)).collect();
    let mut missing = Vec::new();
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(dir).expect("a source folder") {
            let path = e.expect("a source folder entry").path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".rs") && !skip(&name) && !listed.iter().any(|(n, _)| *n == name) {
                missing.push(name);
            }
        }
    }
    missing.sort();
    missing
}
