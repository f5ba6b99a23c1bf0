//! Facts: claims across articles that state the same proposition.
//!
//! The aligner works below the sentence: [`features`] turns each claim into typed anchors
//! (canonical entities, normalised values, paraphrase concepts, stemmed terms, phrases),
//! [`index`] weights them by specificity and proposes candidate pairs from an inverted index,
//! [`score`] scores pairs and explains them, [`align`] groups links into facts without chaining,
//! and [`conflicts`] flags members that disagree on a value. [`eval`] scores the result against
//! a hand-made gold. [`incremental`] re-aligns an edited archive reusing a previous run's
//! features and links.

mod agglomerate;
mod align;
mod build;
mod conflicts;
pub mod eval;
mod features;
pub mod incremental;
mod index;
mod lexicon;
mod model;
mod pairs;
mod prefetch;
pub mod reasons;
mod score;
mod touching;

pub use model::*;
pub use pairs::similarities;
pub use score::Params;

use crate::claims::{Claim, Modality};
use crate::corpus::{Corpus, Lang};
use crate::text::Span;
use align::Edge;
use index::Weighted;
use rayon::prelude::*;

/// Groups claims that state the same fact across articles.
pub fn align(corpus: &Corpus, claims: &[Claim]) -> FactSet {
    align_with(corpus, claims, &Params::default())
}

/// Every claim's anchors, weighted by how rare they are across `claims`.
fn weighted(corpus: &Corpus, claims: &[Claim], params: &Params) -> Weighted {
    weighted_traced(corpus, claims, params, &mut ())
}

fn weighted_traced(
    corpus: &Corpus,
    claims: &[Claim],
    params: &Params,
    trace: &mut dyn Observer,
) -> Weighted {
    // Claims are taken in chunks: the features of one chunk are extracted in parallel while
    // those of the previous one are interned, so that only two chunks of raw features (a
    // `String` key and surface per anchor) are ever held, not the whole corpus's.
    const CHUNK: usize = 4096;
    let extract = |chunk: &[Claim]| -> Vec<features::RawFeatures> {
        chunk
            .par_iter()
            .map(|c| {
                let lang = corpus
                    .articles
                    .get(c.article)
                    .map_or(Lang::Unknown, |a| a.lang);
                features::extract(c, lang)
            })
            .collect()
    };
    let mut builder = index::Builder::for_claims(claims.len());
    pipelined(
        claims.chunks(CHUNK),
        |chunk| extract(chunk),
        |chunk, raw| {
            for (f, c) in raw.into_iter().zip(chunk) {
                builder.push(f, c.article);
            }
        },
    );
    lexicon::forget_stems();
    let w = builder.finish(params.sharpness);
    trace.step("anchors");
    trace.count("anchor keys", w.keys.len());
    trace.count("anchors", (0..w.claims.len()).map(|c| w.ids(c).len()).sum());
    w
}

/// Computes each of `chunks` with `compute` (itself parallel) and hands the results to `take`
/// in order, computing the next chunk while the previous one is taken: both ways of extracting
/// features intern one chunk while extracting the next, so that only two chunks of raw
/// features are ever held.
fn pipelined<C: Send + Sync, R: Send>(
    chunks: impl IntoIterator<Item = C>,
    compute: impl Fn(&C) -> R + Sync,
    mut take: impl FnMut(C, R) + Send,
) {
    let mut chunks = chunks.into_iter();
    let computed = |c: C| {
        let r = compute(&c);
        (c, r)
    };
    let mut pending = chunks.next().map(computed);
    while let Some((chunk, result)) = pending.take() {
        let next = chunks.next();
        let ((), following) = rayon::join(|| take(chunk, result), || next.map(computed));
        pending = following;
    }
}

/// [`align`] with explicit tuning.
pub fn align_with(corpus: &Corpus, claims: &[Claim], params: &Params) -> FactSet {
    align_observed(corpus, claims, params, &mut ())
}

/// [`align_with`], telling `trace` of each sub-step.
pub fn align_observed(
    corpus: &Corpus,
    claims: &[Claim],
    params: &Params,
    trace: &mut dyn Observer,
) -> FactSet {
    let w = weighted_traced(corpus, claims, params, trace);
    let (links, candidates) = w.scan_candidates(params.top, 1, |a, b| link(&w, a, b, params));
    trace.count("candidates", candidates);
    trace.step("cand+score");
    facts_from_links(claims, &w, links, params, trace)
}

/// The link the aligner keeps between candidate claims `a < b`, if any: a same-fact link when
/// both state it with the same polarity, a contradiction (`true`) when one denies what the
/// other asserts, each above its own threshold, and only when they share something stated
/// ([`score::Scored::stated`]).
fn link(w: &Weighted, a: usize, b: usize, params: &Params) -> Option<(Edge, bool)> {
    let s = score::score(w, a, b, params);
    let opposite = w.claims[a].denied != w.claims[b].denied;
    let keep = s.stated
        && if opposite {
            s.value >= params.contradict
        } else {
            s.value >= params.link
        };
    let score = s.value;
    keep.then_some((Edge::new(a, b, score), opposite))
}

/// Facts from the kept links, sorted by `(a, b)`: grouping, second memberships and building.
fn facts_from_links(
    claims: &[Claim],
    w: &Weighted,
    mut links: Vec<(Edge, bool)>,
    params: &Params,
    trace: &mut dyn Observer,
) -> FactSet {
    // Split in place, order kept: only the fewer contradictions are copied out, the same-fact
    // links stay where they are (millions of them at archive scale).
    let mut contra: Vec<Edge> = Vec::new();
    links.retain(|&(e, opposite)| {
        if opposite {
            contra.push(e);
        }
        !opposite
    });
    let same: Vec<Edge> = links.into_iter().map(|e| e.0).collect();
    trace.count("same links", same.len());
    trace.count("contra links", contra.len());
    // Every claim's links, read by grouping, second memberships and the facts: the list of
    // links is not needed beside it.
    let at = align::LinksAt::new(&same, &contra, claims.len());
    drop(same);
    // Grouping is one thread's work: the other explains the contradiction links meanwhile.
    let interner = reasons::Interner::default();
    let (mut groups, contra_why) = rayon::join(
        || align::cluster(w, at.neighbours(), params),
        || build::explain_each(w, &contra, &interner),
    );
    trace.step("cluster");
    for (g, c) in align::secondary(w, &groups, &at, params) {
        groups[g].push(c);
    }
    trace.step("secondary");
    let facts = build::build(
        claims,
        w,
        groups,
        (&contra, &contra_why),
        &at.into_forward(),
        &interner,
    );
    trace.step("build");
    facts
}

/// Told of each sub-step of [`align_observed`] as it ends, and of what it counted. The core
/// measures nothing itself: whoever profiles it (the pipeline, under `RECOUPE_ALIGN_TRACE`)
/// passes an observer that reads the clock and the process's memory.
pub trait Observer {
    /// Sub-step `name` has just ended.
    fn step(&mut self, name: &str) {
        let _ = name;
    }

    /// Sub-step just ended produced `n` of `name`.
    fn count(&mut self, name: &str, n: usize) {
        let _ = (name, n);
    }
}

/// Observes nothing.
impl Observer for () {}

/// A claim made of a free sentence, with the values the normalisers find in it, as the
/// aligner would see it (used by [`similarity`] and by tests). Without an extractor's
/// modality, negation cues from `assets/paraphrases.toml` mark it `Denied`.
pub fn pseudo_claim(text: &str, article: usize) -> Claim {
    let n = text.chars().count();
    let modality = if lexicon::negated(text) {
        Modality::Denied
    } else {
        Modality::Asserted
    };
    Claim {
        id: format!("{article}#{}", &blake3::hash(text.as_bytes()).to_hex()[..8]),
        article,
        span: Span::new(0, n),
        text: text.to_owned(),
        score: 1.0,
        reasons: Vec::new(),
        modality,
        attribution: None,
        entities: Vec::new(),
        quantities: crate::claims::quantity::quantities(text, 0),
        dates: crate::claims::dates::dates(text, 0, None),
        origin: Default::default(),
    }
}

/// Same-fact similarity in [0, 1] of two free sentences, as the aligner scores claims
/// (used by `recoupe similarity`): the one score the aligner computes for every candidate pair
/// and decides both link kinds on. It links them as one fact when it reaches [`Params::link`]
/// and both have the same polarity, or as a contradiction when it reaches [`Params::contradict`]
/// and one denies what the other asserts — provided they share something stated, not only
/// names and dates (such a pair keeps its graded score but never links).
pub fn similarity(a: &str, b: &str) -> f32 {
    let params = Params::default();
    let claims = [pseudo_claim(a, 0), pseudo_claim(b, 1)];
    let lang = pairs::pair_lang(a, b);
    let features: Vec<_> = claims.iter().map(|c| features::extract(c, lang)).collect();
    // Two sentences give no corpus to estimate specificity from: every anchor is weighted as
    // if it were rare, by its kind only.
    let w = Weighted::new(features, &[0, 1], params.sharpness).with_flat_weights(params.sharpness);
    score::score(&w, 0, 1, &params).value
}

/// Score and reasons of pairs of claims within the whole set, as the aligner sees them (for
/// explaining why two claims are, or are not, linked). Builds the weights of all `claims` once.
pub fn explain_pairs(
    corpus: &Corpus,
    claims: &[Claim],
    pairs: &[(usize, usize)],
    params: &Params,
) -> Vec<(f32, Vec<String>)> {
    let w = weighted(corpus, claims, params);
    pairs
        .iter()
        .map(|&(a, b)| {
            let s = score::score(&w, a, b, params);
            let mut why = score::explain(&w, a, b, &w.shared(a, b));
            why.insert(
                0,
                format!(
                    "totals {:.2} / {:.2}, denied {} / {}, stated {}",
                    w.claims[a].total,
                    w.claims[b].total,
                    w.claims[a].denied,
                    w.claims[b].denied,
                    s.stated
                ),
            );
            (s.value, why)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what it is told.
    #[derive(Default)]
    struct Record(Vec<String>);

    impl Observer for Record {
        fn step(&mut self, name: &str) {
            self.0.push(name.to_owned());
        }

        fn count(&mut self, name: &str, n: usize) {
            self.0.push(format!("{name}={n}"));
        }
    }

    #[test]
    fn an_observer_is_told_every_sub_step_and_changes_nothing() {
        let claims: Vec<Claim> = [
            "Netflix lisait les messages privés des utilisateurs depuis 2013.",
            "Depuis 2013, Netflix lisait les messages privés des abonnés.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| pseudo_claim(t, i))
        .collect();
        let corpus = Corpus::default();
        let mut seen = Record::default();
        let observed = align_observed(&corpus, &claims, &Params::default(), &mut seen);
        assert_eq!(observed, align(&corpus, &claims));
        let steps: Vec<&str> = seen
            .0
            .iter()
            .map(String::as_str)
            .filter(|s| !s.contains('='))
            .collect();
        assert_eq!(
            steps,
            ["anchors", "cand+score", "cluster", "secondary", "build"]
        );
        assert!(seen.0.contains(&"candidates=1".to_owned()), "{:?}", seen.0);
    }
}
