//! Facts: claims across articles that state the same proposition.
//!
//! The aligner works below the sentence: [`features`] turns each claim into typed anchors
//! (canonical entities, normalised values, paraphrase concepts, stemmed terms, phrases),
//! [`index`] weights them by specificity and proposes candidate pairs from an inverted index,
//! [`score`] scores pairs and explains them, [`align`] groups links into facts without chaining,
//! and [`conflicts`] flags members that disagree on a value. [`eval`] scores the result against
//! a hand-made gold.

mod align;
mod build;
mod conflicts;
pub mod eval;
mod features;
mod index;
mod lexicon;
mod model;
mod pairs;
mod score;

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
    weighted_traced(corpus, claims, params, &mut Trace(None))
}

fn weighted_traced(
    corpus: &Corpus,
    claims: &[Claim],
    params: &Params,
    trace: &mut Trace,
) -> Weighted {
    let features: Vec<_> = claims
        .par_iter()
        .map(|c| {
            let lang = corpus
                .articles
                .get(c.article)
                .map_or(Lang::Unknown, |a| a.lang);
            features::extract(c, lang)
        })
        .collect();
    trace.step("features");
    let articles: Vec<usize> = claims.iter().map(|c| c.article).collect();
    let w = Weighted::new(features, &articles, params.sharpness);
    trace.step("weights");
    w
}

/// [`align`] with explicit tuning.
pub fn align_with(corpus: &Corpus, claims: &[Claim], params: &Params) -> FactSet {
    let mut trace = Trace::new();
    let w = weighted_traced(corpus, claims, params, &mut trace);
    let candidates = w.candidates(params.top, 1);
    trace.step("candidates");
    trace.count("candidates", candidates.len());
    let scored: Vec<(Edge, bool)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let s = score::score(&w, a, b, params);
            let opposite = w.claims[a].denied != w.claims[b].denied;
            let keep = s.stated
                && if opposite {
                    s.value >= params.contradict
                } else {
                    s.value >= params.link
                };
            keep.then_some((
                Edge {
                    a,
                    b,
                    score: s.value,
                },
                opposite,
            ))
        })
        .collect();
    let same: Vec<Edge> = scored.iter().filter(|e| !e.1).map(|e| e.0).collect();
    let contra: Vec<Edge> = scored.iter().filter(|e| e.1).map(|e| e.0).collect();
    trace.step("score");
    trace.count("same links", same.len());
    trace.count("contra links", contra.len());
    let mut groups = align::cluster(&w, &same, params);
    trace.step("cluster");
    for (g, c) in align::secondary(&w, &groups, &same, params) {
        groups[g].push(c);
    }
    trace.step("secondary");
    let facts = build::build(claims, &w, groups, &same, &contra);
    trace.step("build");
    facts
}

/// Sub-step timings of [`align_with`] on stderr when `RECOUPE_ALIGN_TRACE` is set (for
/// profiling by hand; `recoupe stats` reports the stage as a whole). CPU time is printed next
/// to wall time: on a shared machine it is the steadier of the two.
struct Trace(Option<(std::time::Instant, f64)>);

/// CPU time of the process so far (user + system), in seconds, when `/proc` tells.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are 14th and
    // 15th of the line, 12th and 13th after the closing parenthesis.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let ticks: f64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

impl Trace {
    fn new() -> Trace {
        Trace(
            std::env::var_os("RECOUPE_ALIGN_TRACE")
                .map(|_| (std::time::Instant::now(), cpu_secs())),
        )
    }

    fn step(&mut self, name: &str) {
        if let Some((start, cpu)) = self.0 {
            let rss = crate::pipeline::stages::peak_rss().unwrap_or(0) >> 20;
            let now = cpu_secs();
            eprintln!(
                "align {name:<12} {:>7.3} s wall {:>7.2} s cpu  peak {rss} MB",
                start.elapsed().as_secs_f64(),
                now - cpu
            );
            self.0 = Some((std::time::Instant::now(), now));
        }
    }

    fn count(&self, name: &str, n: usize) {
        if self.0.is_some() {
            eprintln!("align {name:<12} {n:>10}");
        }
    }
}

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
