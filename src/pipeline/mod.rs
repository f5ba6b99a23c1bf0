//! The whole analysis of a corpus: sentences segmented, claims extracted from every article,
//! then facts aligned across them. The reader, the exports and `stats` all start from an
//! [`Analysis`].
//!
//! [`analyze`] is the plain entry point. [`analyze_with`] adds what a large archive needs: a
//! per-article [`cache`] (reopening 10,000 articles reads their sentences and claims back
//! instead of recomputing them), progress counters another thread can poll
//! ([`crate::progress`]), and the wall time and peak memory of each stage ([`stages`]).

pub mod cache;
pub mod stages;

use crate::claims::Claim;
use crate::corpus::{Corpus, Notice};
use crate::facts::FactSet;
use crate::progress::{Phase, Progress};
use crate::text::Sentence;
use cache::{Cache, Entry, Lookup, Rejection};
use rayon::prelude::*;
use serde::Serialize;
use stages::StageReport;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A corpus with its sentences, claims and facts.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The articles.
    pub corpus: Corpus,
    /// `sentences[i]`: the segmentation of article `i` (prose, headings, furniture).
    pub sentences: Vec<Vec<Sentence>>,
    /// Every claim of the corpus, ordered by article then position.
    pub claims: Vec<Claim>,
    /// `claims_by_article[i]` is the range of [`Analysis::claims`] that belongs to article `i`.
    pub claims_by_article: Vec<Range<usize>>,
    /// Facts across articles.
    pub facts: FactSet,
}

impl Analysis {
    /// The claims of article `i`.
    pub fn article_claims(&self, i: usize) -> &[Claim] {
        self.claims_by_article
            .get(i)
            .map_or(&[], |r| &self.claims[r.clone()])
    }
}

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
}

/// What one analysis cost.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Each stage run, in order.
    pub stages: Vec<StageReport>,
    /// Cache activity.
    pub cache: CacheStats,
}

/// Segments every article (in parallel).
pub fn segment_all(corpus: &Corpus) -> Vec<Vec<Sentence>> {
    corpus
        .articles
        .par_iter()
        .map(|a| crate::text::segment(&a.text, a.body, &a.repeated_headlines))
        .collect()
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

/// Fingerprint of what an article's claims depend on beyond its own bytes. The extractor works
/// on the whole corpus at once (entities learnt in one article name them in another), so the
/// safe key is the whole corpus: the hashes of every article, in order.
fn claims_context(corpus: &Corpus) -> u64 {
    let mut h = blake3::Hasher::new();
    for a in &corpus.articles {
        h.update(a.hash.as_bytes());
        h.update(b"\n");
    }
    let mut b = [0u8; 8];
    b.copy_from_slice(&h.finalize().as_bytes()[..8]);
    u64::from_le_bytes(b)
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
        corpus
            .articles
            .par_iter()
            .map(|a| {
                let (cached, rejected) = match opts.cache.as_ref().map(|c| c.load(&a.hash)) {
                    Some(Lookup::Hit(e)) => (Some(e), None),
                    Some(Lookup::Rejected(why, path)) => (None, Some((why, path))),
                    Some(Lookup::Miss) | None => (None, None),
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

    let context = claims_context(&corpus);
    progress.start(Phase::Extract, n);
    let ((sentences, claims, fresh), r) = stages::measure(Phase::Extract, || {
        extract_claims(&corpus, &mut slots, context, &progress)
    });
    report.stages.push(r);
    report.cache.extracted = fresh.iter().filter(|&&f| f).count();
    progress.set_claims(claims.len());
    let claims_by_article = ranges_by_article(&claims, n);

    progress.start(Phase::Align, n);
    let (facts, r) = stages::measure(Phase::Align, || crate::facts::align(&corpus, &claims));
    report.stages.push(r);

    let mut analysis = Analysis {
        corpus,
        sentences,
        claims,
        claims_by_article,
        facts,
    };
    if let Some(cache) = &opts.cache {
        progress.start(Phase::Store, n);
        let (notice, r) = stages::measure(Phase::Store, || {
            store(cache, &analysis, &slots, &fresh, context)
        });
        report.stages.push(r);
        let (written, notice) = notice;
        report.cache.written = written;
        analysis.corpus.notices.extend(notice);
    }
    progress.finish();
    (analysis, report)
}

/// Claims of every article: from the cache when every article's entry holds claims for this
/// very corpus, else extracted afresh. Returns the sentences, the claims, and for each article
/// whether its claims were extracted now.
fn extract_claims(
    corpus: &Corpus,
    slots: &mut [Slot],
    context: u64,
    progress: &Progress,
) -> (Vec<Vec<Sentence>>, Vec<Claim>, Vec<bool>) {
    let sentences: Vec<Vec<Sentence>> = slots
        .iter_mut()
        .map(|s| std::mem::take(&mut s.sentences))
        .collect();
    let all_cached = slots
        .iter()
        .all(|s| s.cached.as_ref().is_some_and(|e| e.context == context));
    if all_cached {
        let mut claims = Vec::new();
        for (i, (slot, article)) in slots.iter_mut().zip(&corpus.articles).enumerate() {
            let entry = slot.cached.as_mut().expect("checked above");
            let old_id = std::mem::take(&mut entry.article_id);
            let mut mine = std::mem::take(&mut entry.claims);
            for c in &mut mine {
                c.article = i;
                if old_id != article.id
                    && let Some(rest) = c.id.strip_prefix(old_id.as_str())
                {
                    c.id = format!("{}{rest}", article.id);
                }
            }
            progress.article_done(mine.len());
            claims.append(&mut mine);
        }
        return (sentences, claims, vec![false; slots.len()]);
    }
    let claims = crate::claims::extract(corpus, &sentences);
    progress.set_claims(claims.len());
    (sentences, claims, vec![true; slots.len()])
}

/// Writes the entries that changed. Returns how many were written and, when writing failed,
/// one notice saying why.
fn store(
    cache: &Cache,
    analysis: &Analysis,
    slots: &[Slot],
    fresh: &[bool],
    context: u64,
) -> (usize, Option<Notice>) {
    let outcomes: Vec<Result<bool, std::io::Error>> = (0..slots.len())
        .into_par_iter()
        .filter(|&i| fresh[i] || slots[i].cached.is_none())
        .map(|i| {
            let a = &analysis.corpus.articles[i];
            let entry = Entry {
                article_id: a.id.clone(),
                sentences: analysis.sentences[i].clone(),
                context,
                claims: analysis.article_claims(i).to_vec(),
            };
            cache.store(&a.hash, &entry)
        })
        .collect();
    let written = outcomes.iter().filter(|o| matches!(o, Ok(true))).count();
    let notice = if let Some(Err(e)) = outcomes.iter().find(|o| o.is_err()) {
        Some(Notice::warning(
            cache.dir(),
            format!("cannot write the analysis cache: {e}"),
        ))
    } else if outcomes.iter().any(|o| matches!(o, Ok(false))) {
        Some(Notice::warning(
            cache.dir(),
            "some claims cannot be cached exactly; they will be extracted again next time",
        ))
    } else {
        None
    };
    (written, notice)
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
