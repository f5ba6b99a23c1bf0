//! Incremental alignment: after one article of an archive is edited, added or removed, only the
//! candidate pairs touching it are generated and scored; everything article-local is reused.
//!
//! A cold alignment of 10,000 articles spends most of its time computing every claim's
//! features and scoring millions of candidate pairs. Both are reusable across runs:
//!
//! * **features** depend on a claim and its article's language only, so an article whose
//!   claims are unchanged (same [`fingerprint`]) has the same features; they are kept in the
//!   [`State`] as ids into one table of anchor keys and one of surfaces (an archive repeats
//!   the same names and words thousands of times);
//! * **links** (scored pairs above the link or contradiction threshold) between two unchanged
//!   articles are kept; only pairs with at least one claim of a changed article are proposed
//!   (by the same inverted index as a cold run, restricted to them) and scored. The kept links
//!   are scored again with the new weights ([`Policy::rescore`], one score each, no candidate
//!   search: about a tenth of a cold run's scoring at 10,000 articles).
//!
//! Weights, grouping and building always run over the whole corpus from the edge list.
//!
//! **Drift.** Weights are corpus-wide (IDF over all claims). A pair of unchanged claims that
//! was below the thresholds (or not a candidate) under the old weights is not looked at again,
//! even if the new weights would link it; without rescoring, kept links also keep their old
//! scores. The incremental result may therefore differ from a cold run in the links between
//! unchanged articles only, never in the changed article's own links nor in the features. The
//! drift is bounded by [`Policy`]: once more than [`Policy::max_changed`] of the articles or of
//! the claims changed since the last full alignment, or after [`Policy::max_generations`]
//! incremental runs, every pair is scored again (features are still reused: they are exact).

use super::align::Edge;
use super::features::{self, AnchorKind, RawAnchor, RawFeatures};
use super::index;
use super::{FactSet, Observer, Params, facts_from_links, link};
use crate::claims::Claim;
use crate::corpus::Corpus;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// When an incremental run re-scores every pair instead.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Largest share of the articles, or of the claims, changed since the last full alignment
    /// (counted at that alignment) that an incremental run accepts.
    pub max_changed: f64,
    /// Incremental runs in a row after which the next run is full.
    pub max_generations: u32,
    /// Score the reused links again with the new weights (dropping those that fall below
    /// the thresholds): the scores are then those of a cold run, and only pairs the old
    /// weights left out can differ. Costs one score per reused link, no candidate search.
    pub rescore: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_changed: 0.02,
            max_generations: 8,
            rescore: true,
        }
    }
}

/// What the aligner reuses from one run to the next. Indexes, not strings: claims refer to
/// [`State::keys`] and [`State::surfaces`], links to claims in [`State::articles`] order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Anchor keys, with their kind (see [`kind_code`]).
    pub keys: Vec<(String, u8)>,
    /// How claims word their anchors.
    pub surfaces: Vec<String>,
    /// Per article, in corpus order.
    pub articles: Vec<ArticleState>,
    /// Links kept by the last run: claims `a < b` (indexes over all the articles' claims in
    /// order), score, and whether it is a contradiction.
    pub links: Vec<(u32, u32, f32, bool)>,
    /// Articles and claims at the last full alignment.
    pub base: (u32, u32),
    /// Since the last full alignment: incremental runs, articles changed, claims changed.
    pub since_full: (u32, u32, u32),
}

/// One article as the aligner saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleState {
    /// [`fingerprint`] of its claims.
    pub fingerprint: [u8; 16],
    /// Per claim: polarity, and `(key, surface)` ids in the features' order.
    pub claims: Vec<(bool, Vec<(u32, u32)>)>,
}

impl State {
    /// Claims over all articles.
    pub fn claim_count(&self) -> usize {
        self.articles.iter().map(|a| a.claims.len()).sum()
    }

    /// True when every index points inside the state (a decoded file may be anything).
    pub fn is_consistent(&self) -> bool {
        let n = self.claim_count();
        self.keys.iter().all(|k| kind_of(k.1).is_some())
            && self.articles.iter().flat_map(|a| &a.claims).all(|c| {
                c.1.iter().all(|&(k, s)| {
                    (k as usize) < self.keys.len() && (s as usize) < self.surfaces.len()
                })
            })
            && self
                .links
                .iter()
                .all(|l| l.0 < l.1 && (l.1 as usize) < n && l.2.is_finite())
    }
}

/// Whether a run scored every pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Every candidate pair generated and scored.
    #[default]
    Full,
    /// Only pairs touching changed articles.
    Incremental,
}

/// What one alignment did (counts, not times, so that tests can check them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AlignStats {
    /// Full or incremental.
    pub mode: Mode,
    /// Articles new, edited or removed since the previous run (an edit counts once).
    pub changed_articles: usize,
    /// Claims whose features changed: those of the new versions and of the removed ones.
    pub changed_claims: usize,
    /// Claims whose features were computed (the others were reused).
    pub features_computed: usize,
    /// Candidate pairs scored.
    pub scored: usize,
    /// Links reused from the previous run without scoring.
    pub reused: usize,
}

/// Code of an anchor kind in the [`State`].
fn kind_code(k: AnchorKind) -> u8 {
    match k {
        AnchorKind::Entity => 0,
        AnchorKind::Value => 1,
        AnchorKind::Concept => 2,
        AnchorKind::Term => 3,
        AnchorKind::Phrase => 4,
    }
}

fn kind_of(code: u8) -> Option<AnchorKind> {
    Some(match code {
        0 => AnchorKind::Entity,
        1 => AnchorKind::Value,
        2 => AnchorKind::Concept,
        3 => AnchorKind::Term,
        4 => AnchorKind::Phrase,
        _ => return None,
    })
}

/// What the features of an article's claims depend on: its language and, per claim, the
/// fields [`features::extract`] reads. Equal fingerprints, equal features (ids and article
/// indexes left out: they move when other files come and go).
pub fn fingerprint(corpus: &Corpus, article: usize, claims: &[Claim]) -> [u8; 16] {
    let lang = corpus.articles.get(article).map(|a| a.lang);
    let fields: Vec<_> = claims
        .iter()
        .map(|c| {
            (
                c.span,
                &c.text,
                c.modality,
                &c.attribution,
                &c.entities,
                &c.quantities,
                &c.dates,
            )
        })
        .collect();
    let bytes = postcard::to_stdvec(&(lang, fields)).unwrap_or_default();
    let mut out = [0u8; 16];
    out.copy_from_slice(&blake3::hash(&bytes).as_bytes()[..16]);
    out
}

/// The range of `claims` (sorted by article) of each of `articles` articles.
fn ranges(claims: &[Claim], articles: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(articles);
    let mut i = 0;
    for a in 0..articles {
        let start = i;
        while i < claims.len() && claims[i].article == a {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// Interns features into a state's tables.
struct Interner<'a> {
    keys: &'a mut Vec<(String, u8)>,
    surfaces: &'a mut Vec<String>,
    key_ids: HashMap<String, u32>,
    surface_ids: HashMap<String, u32>,
}

impl<'a> Interner<'a> {
    fn new(keys: &'a mut Vec<(String, u8)>, surfaces: &'a mut Vec<String>) -> Self {
        let key_ids = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.0.clone(), i as u32))
            .collect();
        let surface_ids = surfaces
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u32))
            .collect();
        Interner {
            keys,
            surfaces,
            key_ids,
            surface_ids,
        }
    }

    fn claim(&mut self, f: &RawFeatures) -> (bool, Vec<(u32, u32)>) {
        let anchors = f
            .anchors
            .iter()
            .map(|a| {
                let k = *self.key_ids.entry(a.key.clone()).or_insert_with(|| {
                    self.keys.push((a.key.clone(), kind_code(a.kind)));
                    self.keys.len() as u32 - 1
                });
                let s = *self
                    .surface_ids
                    .entry(a.surface.clone())
                    .or_insert_with(|| {
                        self.surfaces.push(a.surface.clone());
                        self.surfaces.len() as u32 - 1
                    });
                (k, s)
            })
            .collect();
        (f.denied, anchors)
    }
}

/// The features a state holds for one claim.
fn features_of(state: &State, claim: &(bool, Vec<(u32, u32)>)) -> RawFeatures {
    RawFeatures {
        anchors: claim
            .1
            .iter()
            .map(|&(k, s)| {
                let (key, kind) = &state.keys[k as usize];
                RawAnchor {
                    key: key.clone(),
                    kind: kind_of(*kind).unwrap_or(AnchorKind::Term),
                    surface: state.surfaces[s as usize].clone(),
                }
            })
            .collect(),
        denied: claim.0,
    }
}

/// Aligns `claims` reusing `prior` (the state of a previous run on an earlier version of the
/// archive, already checked with [`State::is_consistent`]) as far as `policy` allows. Returns
/// the facts, the state for the next run and what was done.
pub fn align(
    corpus: &Corpus,
    claims: &[Claim],
    prior: Option<&State>,
    params: &Params,
    policy: &Policy,
) -> (FactSet, State, AlignStats) {
    align_observed(corpus, claims, prior, params, policy, &mut ())
}

/// [`align`], telling `trace` of each sub-step.
pub fn align_observed(
    corpus: &Corpus,
    claims: &[Claim],
    prior: Option<&State>,
    params: &Params,
    policy: &Policy,
    trace: &mut dyn Observer,
) -> (FactSet, State, AlignStats) {
    let n_articles = corpus.articles.len();
    let by_article = ranges(claims, n_articles);
    let prints: Vec<[u8; 16]> = by_article
        .par_iter()
        .enumerate()
        .map(|(i, r)| fingerprint(corpus, i, &claims[r.clone()]))
        .collect();
    let empty = State::default();
    let prior = prior.unwrap_or(&empty);
    let had_prior = !prior.articles.is_empty();
    // Each article's previous version, matched by fingerprint (identical files in order).
    let mut free: HashMap<[u8; 16], Vec<usize>> = HashMap::new();
    for (i, a) in prior.articles.iter().enumerate().rev() {
        free.entry(a.fingerprint).or_default().push(i);
    }
    // A state whose claim counts disagree with its fingerprints was not written by this code:
    // such an article is treated as new rather than trusted.
    let matched: Vec<Option<usize>> = prints
        .iter()
        .zip(&by_article)
        .map(|(p, r)| {
            let v = free.get_mut(p)?;
            let o = *v.last()?;
            (prior.articles[o].claims.len() == r.len()).then(|| v.pop())?
        })
        .collect();
    let removed: Vec<usize> = free.into_values().flatten().collect();
    let changed: Vec<bool> = matched.iter().map(Option::is_none).collect();
    // An edited file is one new version and one removed: counted once.
    let changed_articles = changed.iter().filter(|&&c| c).count().max(removed.len());
    let changed_claims = by_article
        .iter()
        .zip(&changed)
        .filter(|(_, c)| **c)
        .map(|(r, _)| r.len())
        .sum::<usize>()
        + removed
            .iter()
            .map(|&i| prior.articles[i].claims.len())
            .sum::<usize>();
    let (base_articles, base_claims) = (prior.base.0 as f64, prior.base.1 as f64);
    let (generations, since_articles, since_claims) = prior.since_full;
    let total_articles = since_articles as usize + changed_articles;
    let total_claims = since_claims as usize + changed_claims;
    let incremental = had_prior
        && generations < policy.max_generations
        && total_articles as f64 <= policy.max_changed * base_articles
        && total_claims as f64 <= policy.max_changed * base_claims;

    let features_computed = by_article
        .iter()
        .zip(&matched)
        .filter(|(_, m)| m.is_none())
        .map(|(r, _)| r.len())
        .sum();

    // Features: reused for every matched article (exact), computed for the others. They go,
    // article by article and in order, into the next state's tables and into the weights'
    // builder, a chunk of articles at a time while the next chunk is computed: the raw
    // features of a whole archive (a `String` key and surface for each of millions of
    // anchors) were this path's largest allocation. The prior's tables grow by the new keys;
    // a full run starts them afresh, dropping keys no claim holds any more.
    const CHUNK: usize = 256;
    let features_of_article = |i: usize| -> Vec<RawFeatures> {
        let lang = corpus.articles[i].lang;
        let old = matched[i].map(|o| &prior.articles[o]);
        claims[by_article[i].clone()]
            .iter()
            .enumerate()
            .map(|(k, c)| match old {
                Some(a) => features_of(prior, &a.claims[k]),
                None => features::extract(c, lang),
            })
            .collect()
    };
    let extract = |chunk: std::ops::Range<usize>| -> Vec<Vec<RawFeatures>> {
        chunk.into_par_iter().map(features_of_article).collect()
    };
    let mut next = State::default();
    let (mut keys, mut surfaces) = if incremental {
        (prior.keys.clone(), prior.surfaces.clone())
    } else {
        (Vec::new(), Vec::new())
    };
    let mut states: Vec<ArticleState> = Vec::with_capacity(n_articles);
    let mut builder = index::Builder::for_claims(claims.len());
    {
        let mut interner = Interner::new(&mut keys, &mut surfaces);
        let mut take = |first: usize, chunk: Vec<Vec<RawFeatures>>| {
            for (i, fs) in (first..).zip(chunk) {
                states.push(ArticleState {
                    fingerprint: prints[i],
                    claims: match (incremental, matched[i]) {
                        (true, Some(o)) => prior.articles[o].claims.clone(),
                        _ => fs.iter().map(|f| interner.claim(f)).collect(),
                    },
                });
                for f in fs {
                    builder.push(f, i);
                }
            }
        };
        let ranges = (0..n_articles)
            .step_by(CHUNK)
            .map(|first| first..(first + CHUNK).min(n_articles));
        super::pipelined(
            ranges,
            |r| extract(r.clone()),
            |r, chunk| take(r.start, chunk),
        );
    }
    super::lexicon::forget_stems();
    next.keys = keys;
    next.surfaces = surfaces;
    next.articles = states;
    trace.step("features");
    let w = builder.finish(params.sharpness);
    trace.step("weights");

    let mut stats = AlignStats {
        mode: if incremental {
            Mode::Incremental
        } else {
            Mode::Full
        },
        changed_articles: if had_prior {
            changed_articles
        } else {
            n_articles
        },
        changed_claims: if had_prior {
            changed_claims
        } else {
            claims.len()
        },
        features_computed,
        ..AlignStats::default()
    };
    let mut links: Vec<(Edge, bool)> = if incremental {
        // Old claim index → new one, for claims of matched articles.
        let mut old_start = Vec::with_capacity(prior.articles.len() + 1);
        let mut at = 0u32;
        for a in &prior.articles {
            old_start.push(at);
            at += a.claims.len() as u32;
        }
        let mut to_new = vec![u32::MAX; at as usize];
        for (i, m) in matched.iter().enumerate() {
            if let Some(o) = *m {
                for k in 0..by_article[i].len() {
                    to_new[(old_start[o] as usize) + k] = (by_article[i].start + k) as u32;
                }
            }
        }
        let mut claim_changed = vec![false; claims.len()];
        for (r, _) in by_article.iter().zip(&changed).filter(|(_, c)| **c) {
            claim_changed[r.clone()].iter_mut().for_each(|c| *c = true);
        }
        let candidates = w.candidates_touching(params.top, 1, &claim_changed);
        stats.scored = candidates.len();
        let mut links: Vec<(Edge, bool)> = candidates
            .par_iter()
            .filter_map(|&(a, b)| link(&w, a, b, params))
            .collect();
        let before = links.len();
        let reused: Vec<(Edge, bool)> = prior
            .links
            .par_iter()
            .filter_map(|&(a, b, score, contra)| {
                let (a, b) = (to_new[a as usize], to_new[b as usize]);
                if a == u32::MAX || b == u32::MAX {
                    return None;
                }
                let (a, b) = (a.min(b) as usize, a.max(b) as usize);
                if policy.rescore {
                    link(&w, a, b, params)
                } else {
                    Some((Edge::new(a, b, score), contra))
                }
            })
            .collect();
        links.extend(reused);
        stats.reused = links.len() - before;
        links
    } else {
        let (links, scored) = w.scan_candidates(params.top, 1, |a, b| link(&w, a, b, params));
        stats.scored = scored;
        links
    };
    // A cold run lists links in pair order; grouping ties and the order of shown links
    // follow it.
    links.par_sort_unstable_by_key(|(e, _)| e.pair());
    trace.step("links");
    trace.count("scored", stats.scored);
    trace.count("reused", stats.reused);
    next.links = links
        .iter()
        .map(|(e, c)| (e.a() as u32, e.b() as u32, e.score, *c))
        .collect();
    let facts = facts_from_links(claims, &w, links, params, trace);
    if incremental {
        next.base = prior.base;
        next.since_full = (generations + 1, total_articles as u32, total_claims as u32);
    } else {
        next.base = (n_articles as u32, claims.len() as u32);
    }
    (facts, next, stats)
}
