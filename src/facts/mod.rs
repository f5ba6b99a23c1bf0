//! Facts: claims across articles that state the same proposition.
//!
//! The aligner works below the sentence: [`features`] turns each claim into typed anchors
//! (canonical entities, normalised values, paraphrase concepts, stemmed terms, phrases),
//! [`index`] weights them by specificity and proposes candidate pairs from an inverted index,
//! [`score`] scores pairs and explains them, [`align`] groups links into facts without chaining,
//! and [`conflicts`] flags members that disagree on a value. [`eval`] scores the result against
//! a hand-made gold.

mod align;
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
use features::AnchorKind;
use index::Weighted;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Groups claims that state the same fact across articles.
pub fn align(corpus: &Corpus, claims: &[Claim]) -> FactSet {
    align_with(corpus, claims, &Params::default())
}

/// Every claim's anchors, weighted by how rare they are across `claims`.
fn weighted(corpus: &Corpus, claims: &[Claim], params: &Params) -> Weighted {
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
    let articles: Vec<usize> = claims.iter().map(|c| c.article).collect();
    Weighted::new(features, &articles, params.sharpness)
}

/// [`align`] with explicit tuning.
pub fn align_with(corpus: &Corpus, claims: &[Claim], params: &Params) -> FactSet {
    let w = weighted(corpus, claims, params);
    let candidates = w.candidates(params.top, 1);
    let scored: Vec<(Edge, bool)> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let s = score::score(&w, a, b, params);
            let opposite = w.claims[a].denied != w.claims[b].denied;
            let keep = if opposite {
                s >= params.contradict
            } else {
                s >= params.link
            };
            keep.then_some((Edge { a, b, score: s }, opposite))
        })
        .collect();
    let same: Vec<Edge> = scored.iter().filter(|e| !e.1).map(|e| e.0).collect();
    let contra: Vec<Edge> = scored.iter().filter(|e| e.1).map(|e| e.0).collect();
    let mut groups = align::cluster(&w, &same, params);
    for (g, c) in align::secondary(&w, &groups, &same, params) {
        groups[g].push(c);
    }
    build(claims, &w, groups, &same, &contra)
}

/// Turns groups of claims into facts: keeps groups stated by two articles or more (or taking
/// part in a contradiction), names them, explains them and flags their conflicts.
fn build(
    claims: &[Claim],
    w: &Weighted,
    mut groups: Vec<Vec<usize>>,
    same: &[Edge],
    contra: &[Edge],
) -> FactSet {
    for g in &mut groups {
        g.sort_unstable();
        g.dedup();
    }
    let mut group_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &c in members {
            group_of.entry(c).or_default().push(g);
        }
    }
    let articles_of = |g: &[usize]| -> Vec<usize> {
        let set: BTreeSet<usize> = g.iter().map(|&c| claims[c].article).collect();
        set.into_iter().collect()
    };
    let mut contradicted: BTreeSet<(usize, usize)> = BTreeSet::new();
    for e in contra {
        for &ga in &group_of[&e.a] {
            for &gb in &group_of[&e.b] {
                contradicted.insert((ga.min(gb), ga.max(gb)));
            }
        }
    }
    let in_contra: BTreeSet<usize> = contradicted.iter().flat_map(|&(a, b)| [a, b]).collect();
    let kept: Vec<usize> = (0..groups.len())
        .filter(|&g| articles_of(&groups[g]).len() >= 2 || in_contra.contains(&g))
        .collect();
    // Each fact looks only at the edges touching its members (in their original order):
    // scanning every edge of the corpus for every fact made this stage quadratic.
    let touching = |edges: &[Edge]| {
        let mut by_claim: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, e) in edges.iter().enumerate() {
            by_claim.entry(e.a).or_default().push(k);
            by_claim.entry(e.b).or_default().push(k);
        }
        by_claim
    };
    let (same_at, contra_at) = (touching(same), touching(contra));
    let local = |edges: &[Edge], at: &HashMap<usize, Vec<usize>>, set: &BTreeSet<usize>| {
        let mut ks: Vec<usize> = set
            .iter()
            .flat_map(|c| at.get(c).into_iter().flatten().copied())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        ks.into_iter().map(|k| edges[k]).collect::<Vec<Edge>>()
    };
    let mut facts: Vec<(usize, Fact)> = kept
        .iter()
        .map(|&g| {
            let members = &groups[g];
            let set: BTreeSet<usize> = members.iter().copied().collect();
            let (same, contra) = (
                &local(same, &same_at, &set)[..],
                &local(contra, &contra_at, &set)[..],
            );
            let why = links(w, same, contra, &set);
            let mut ids: Vec<&str> = members.iter().map(|&c| claims[c].id.as_str()).collect();
            ids.sort_unstable();
            let hash = blake3::hash(ids.join("\n").as_bytes()).to_hex();
            let fact = Fact {
                id: format!("f-{}", &hash[..8]),
                label: label(w, same, &set),
                claims: members.clone(),
                articles: articles_of(members),
                conflicts: conflicts::conflicts(claims, members),
                contradicts: Vec::new(),
                why,
            };
            (g, fact)
        })
        .collect();
    facts.sort_by(|x, y| {
        y.1.articles
            .len()
            .cmp(&x.1.articles.len())
            .then_with(|| x.1.id.cmp(&y.1.id))
    });
    let position: HashMap<usize, usize> = facts
        .iter()
        .enumerate()
        .map(|(i, (g, _))| (*g, i))
        .collect();
    let mut facts: Vec<Fact> = facts.into_iter().map(|(_, f)| f).collect();
    for &(a, b) in &contradicted {
        if let (Some(&fa), Some(&fb)) = (position.get(&a), position.get(&b)) {
            facts[fa].contradicts.push(fb);
            facts[fb].contradicts.push(fa);
        }
    }
    let mut by_claim = vec![Vec::new(); claims.len()];
    for (i, f) in facts.iter_mut().enumerate() {
        f.contradicts.sort_unstable();
        f.contradicts.dedup();
        for &c in &f.claims {
            by_claim[c].push(i);
        }
    }
    FactSet { facts, by_claim }
}

/// The links inside a fact, and its contradiction links, with their reasons.
fn links(w: &Weighted, same: &[Edge], contra: &[Edge], members: &BTreeSet<usize>) -> Vec<Link> {
    let inside = same
        .iter()
        .filter(|e| members.contains(&e.a) && members.contains(&e.b))
        .map(|e| (e, LinkKind::Same));
    let across = contra
        .iter()
        .filter(|e| members.contains(&e.a) || members.contains(&e.b))
        .map(|e| (e, LinkKind::Contradicts));
    inside
        .chain(across)
        .map(|(e, kind)| Link {
            a: e.a,
            b: e.b,
            kind,
            score: e.score,
            anchors: score::explain(w, e.a, e.b, &w.shared(e.a, e.b)),
        })
        .collect()
}

/// A short label: the anchors the fact's links share most, entities first, values last.
fn label(w: &Weighted, same: &[Edge], members: &BTreeSet<usize>) -> String {
    let mut mass: HashMap<u32, (f32, String)> = HashMap::new();
    for e in same {
        if !(members.contains(&e.a) && members.contains(&e.b)) {
            continue;
        }
        for (i, _) in w.shared(e.a, e.b) {
            let c = &w.claims[e.a];
            let id = c.ids[i];
            let entry = mass
                .entry(id)
                .or_insert_with(|| (0.0, c.surfaces[i].clone()));
            entry.0 += w.weight[id as usize];
        }
    }
    let mut top: Vec<(u32, f32, String)> = mass
        .into_iter()
        .filter(|(id, _)| w.kinds[*id as usize] != AnchorKind::Phrase)
        .map(|(id, (m, s))| (id, m, s))
        .collect();
    top.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    top.truncate(4);
    top.sort_by_key(|t| (w.kinds[t.0 as usize], t.0));
    let mut parts: Vec<String> = Vec::new();
    for (id, _, surface) in top {
        let text = match w.kinds[id as usize] {
            AnchorKind::Value => format!("≈{surface}"),
            _ => surface,
        };
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    parts.join(" · ")
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
/// (used by `recoupe similarity`). A denial scores 0 against an assertion: they state
/// opposite facts.
pub fn similarity(a: &str, b: &str) -> f32 {
    let params = Params::default();
    let claims = [pseudo_claim(a, 0), pseudo_claim(b, 1)];
    let lang = pairs::pair_lang(a, b);
    let features: Vec<_> = claims.iter().map(|c| features::extract(c, lang)).collect();
    // Two sentences give no corpus to estimate specificity from: every anchor is weighted as
    // if it were rare, by its kind only.
    let w = Weighted::new(features, &[0, 1], params.sharpness).with_flat_weights(params.sharpness);
    if w.claims[0].denied != w.claims[1].denied {
        return 0.0;
    }
    score::score(&w, 0, 1, &params)
}

/// Score and reasons of one pair of claims within the whole set, as the aligner sees them
/// (for explaining why two claims are, or are not, linked). Builds the weights of all `claims`.
pub fn explain_pair(
    corpus: &Corpus,
    claims: &[Claim],
    a: usize,
    b: usize,
    params: &Params,
) -> (f32, Vec<String>) {
    let w = weighted(corpus, claims, params);
    let s = score::score(&w, a, b, params);
    let mut why = score::explain(&w, a, b, &w.shared(a, b));
    why.insert(
        0,
        format!(
            "totals {:.2} / {:.2}, denied {} / {}",
            w.claims[a].total, w.claims[b].total, w.claims[a].denied, w.claims[b].denied
        ),
    );
    (s, why)
}
