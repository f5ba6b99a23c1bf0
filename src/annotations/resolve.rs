//! Annotations meet the analysis: which claim each annotation is on now ([`resolve`]), which
//! cannot be placed ([`Orphan`]), and the user's own claims and links laid over the extractor's
//! and the aligner's output ([`apply_to_analysis`]).
//!
//! An annotation names its claim by id. Claim ids hash the sentence text, so an edited sentence
//! gets a new id; the annotation is then placed by its selector ([`super::anchor`]) on the claim
//! whose span overlaps the re-anchored span most.

use super::anchor::anchor;
use super::model::Annotation;
use super::replay::State;
use crate::analysis::Analysis;
use crate::claims::{Claim, Origin};
use crate::facts::{Fact, Link, LinkKind};
use crate::text::{Span, slice_chars};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An annotation that cannot be placed on any claim of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// The annotation, unchanged.
    pub annotation: Annotation,
    /// Why, in a sentence.
    pub reason: String,
}

/// Where each annotation sits in an analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    /// For each claim index, the ids of its annotations (oldest change first).
    pub by_claim: Vec<Vec<String>>,
    /// Annotation id → claim index.
    pub claim_of: HashMap<String, usize>,
    /// What could not be placed.
    pub orphans: Vec<Orphan>,
}

/// Places every live annotation of `state` on a claim of `analysis`.
pub fn resolve(analysis: &Analysis, state: &State) -> Resolved {
    let ids = claim_ids(&analysis.claims);
    let articles = analysis.corpus.index_by_id();
    let mut out = Resolved {
        by_claim: vec![Vec::new(); analysis.claims.len()],
        ..Resolved::default()
    };
    let mut all: Vec<&Annotation> = state.iter().collect();
    all.sort_by(|a, b| (&a.updated, &a.id).cmp(&(&b.updated, &b.id)));
    for a in all {
        match place(analysis, &ids, &articles, a) {
            Ok(i) => {
                out.by_claim[i].push(a.id.clone());
                out.claim_of.insert(a.id.clone(), i);
            }
            Err(reason) => out.orphans.push(Orphan {
                annotation: a.clone(),
                reason,
            }),
        }
    }
    out
}

/// The annotations of `state` that cannot be placed in `analysis`.
pub fn orphans(analysis: &Analysis, state: &State) -> Vec<Orphan> {
    resolve(analysis, state).orphans
}

fn claim_ids(claims: &[Claim]) -> HashMap<&str, usize> {
    claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect()
}

fn place(
    analysis: &Analysis,
    ids: &HashMap<&str, usize>,
    articles: &HashMap<&str, usize>,
    a: &Annotation,
) -> Result<usize, String> {
    if let Some(&i) = ids.get(a.claim.as_str()) {
        return Ok(i);
    }
    let Some(&art) = articles.get(a.article.as_str()) else {
        return Err(format!("article {} is not in the corpus", a.article));
    };
    let text = &analysis.corpus.articles[art].text;
    let Some((span, _)) = anchor(text, &a.selector) else {
        return Err(format!("its text is no longer in article {}", a.article));
    };
    let range = analysis.claims_by_article.get(art).cloned().unwrap_or(0..0);
    range
        .filter(|&i| analysis.claims[i].span.overlaps(&span))
        .max_by_key(|&i| overlap(analysis.claims[i].span, span))
        .ok_or_else(|| format!("no claim covers its text in article {} any more", a.article))
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Lays the user's work over the analysis: user-marked claims are added (origin
/// [`Origin::User`]), claims the user unlinked leave their automatic facts, and claims the user
/// linked share a fact (an existing one, or a new one). Orphans are left out; see [`orphans`].
pub fn apply_to_analysis(analysis: &mut Analysis, state: &State) {
    add_user_claims(analysis, state);
    let resolved = resolve(analysis, state);
    // A link may name a claim by an id that changed: follow annotations made on that id.
    let mut id_to_claim: HashMap<String, usize> = claim_ids(&analysis.claims)
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    for a in state.iter() {
        if let Some(&i) = resolved.claim_of.get(&a.id) {
            id_to_claim.entry(a.claim.clone()).or_insert(i);
        }
    }
    let mut unlinked = BTreeSet::new();
    let mut links = BTreeSet::new();
    for a in state.iter() {
        let Some(&c) = resolved.claim_of.get(&a.id) else {
            continue;
        };
        if a.unlink {
            unlinked.insert(c);
        }
        for l in &a.links {
            if let Some(&d) = id_to_claim.get(l)
                && d != c
            {
                links.insert((c.min(d), c.max(d), a.id.clone()));
            }
        }
    }
    let mut facts = std::mem::take(&mut analysis.facts.facts);
    for f in &mut facts {
        let before = f.claims.len();
        f.claims.retain(|c| !unlinked.contains(c));
        f.why
            .retain(|l| !unlinked.contains(&l.a) && !unlinked.contains(&l.b));
        for k in &mut f.conflicts {
            k.claims.retain(|c| !unlinked.contains(c));
        }
        f.conflicts.retain(|k| k.claims.len() > 1);
        if f.claims.len() < 2 && before >= 2 {
            f.claims.clear(); // only this claim was left: no fact any more
        }
    }
    for (a, b, why) in links {
        link(&mut facts, &analysis.claims, a, b, &why);
    }
    analysis.facts = reindex(facts, &analysis.claims);
}

/// Puts claims `a` and `b` in one fact: `b` joins `a`'s first fact, or `a` joins `b`'s, or
/// they found a new one.
fn link(facts: &mut Vec<Fact>, claims: &[Claim], a: usize, b: usize, why: &str) {
    let has = |f: &Fact, c| f.claims.contains(&c);
    if facts.iter().any(|f| has(f, a) && has(f, b)) {
        return;
    }
    let reason = Link {
        a,
        b,
        kind: LinkKind::Manual,
        score: 1.0,
        anchors: [format!("linked by hand ({why})").into()].into(),
    };
    let joined = [(a, b), (b, a)]
        .into_iter()
        .find_map(|(x, y)| facts.iter().position(|f| has(f, x)).map(|fi| (fi, y)));
    if let Some((fi, newcomer)) = joined {
        facts[fi].claims.push(newcomer);
        facts[fi].claims.sort_unstable();
        facts[fi].why.push(reason);
        return;
    }
    let ids = format!("{}\n{}", claims[a].id, claims[b].id);
    let label: String = claims[a].text.chars().take(60).collect();
    facts.push(Fact {
        id: format!("f-{}", &blake3::hash(ids.as_bytes()).to_hex()[..8]),
        label,
        claims: vec![a, b],
        articles: Vec::new(),
        conflicts: Vec::new(),
        contradicts: Vec::new(),
        why: vec![reason],
    });
}

/// Drops empty facts, recomputes articles, re-sorts (most articles first, then id) and rebuilds
/// the reverse index, remapping `contradicts`.
fn reindex(facts: Vec<Fact>, claims: &[Claim]) -> crate::facts::FactSet {
    let mut kept: Vec<(usize, Fact)> = facts
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !f.claims.is_empty())
        .collect();
    for (_, f) in &mut kept {
        let arts: BTreeSet<usize> = f.claims.iter().map(|&c| claims[c].article).collect();
        f.articles = arts.into_iter().collect();
    }
    kept.sort_by(|(_, x), (_, y)| {
        y.articles
            .len()
            .cmp(&x.articles.len())
            .then_with(|| x.id.cmp(&y.id))
    });
    let new_index: HashMap<usize, usize> = kept
        .iter()
        .enumerate()
        .map(|(new, (old, _))| (*old, new))
        .collect();
    let mut by_claim = vec![Vec::new(); claims.len()];
    let facts: Vec<Fact> = kept
        .into_iter()
        .enumerate()
        .map(|(fi, (_, mut f))| {
            f.contradicts = f
                .contradicts
                .iter()
                .filter_map(|o| new_index.get(o).copied())
                .collect();
            for &c in &f.claims {
                by_claim[c].push(fi);
            }
            f
        })
        .collect();
    crate::facts::FactSet { facts, by_claim }
}

/// Inserts the user-marked claims that the extractor did not produce, keeping claims ordered
/// by article then position, and shifts every claim index held by the facts.
fn add_user_claims(analysis: &mut Analysis, state: &State) {
    let known: BTreeSet<String> = analysis.claims.iter().map(|c| c.id.clone()).collect();
    let articles = analysis.corpus.index_by_id();
    let mut new: BTreeMap<String, Claim> = BTreeMap::new();
    for a in state
        .iter()
        .filter(|a| a.user_claim && !known.contains(&a.claim))
    {
        let Some(&art) = articles.get(a.article.as_str()) else {
            continue;
        };
        let text = &analysis.corpus.articles[art].text;
        let Some((span, _)) = anchor(text, &a.selector) else {
            continue;
        };
        new.entry(a.claim.clone()).or_insert_with(|| Claim {
            id: a.claim.clone(),
            article: art,
            span,
            text: slice_chars(text, span).to_owned(),
            score: 1.0,
            reasons: Vec::new(),
            modality: Default::default(),
            attribution: None,
            entities: Vec::new(),
            quantities: Vec::new(),
            dates: Vec::new(),
            origin: Origin::User,
        });
    }
    if new.is_empty() {
        return;
    }
    let old = std::mem::take(&mut analysis.claims);
    let n_old = old.len();
    let mut all: Vec<(usize, Claim)> = old.into_iter().enumerate().collect();
    all.extend(new.into_values().map(|c| (usize::MAX, c)));
    all.sort_by_key(|(_, c)| (c.article, c.span.start, c.span.end));
    let mut remap = vec![0; n_old];
    for (new_i, (old_i, _)) in all.iter().enumerate() {
        if *old_i != usize::MAX {
            remap[*old_i] = new_i;
        }
    }
    analysis.claims = all.into_iter().map(|(_, c)| c).collect();
    for f in &mut analysis.facts.facts {
        f.claims.iter_mut().for_each(|c| *c = remap[*c]);
        for l in &mut f.why {
            l.a = remap[l.a];
            l.b = remap[l.b];
        }
        for k in &mut f.conflicts {
            k.claims.iter_mut().for_each(|c| *c = remap[*c]);
        }
    }
    let n_articles = analysis.corpus.articles.len();
    let mut ranges = vec![0..0; n_articles];
    let mut i = 0;
    for (art, r) in ranges.iter_mut().enumerate() {
        let start = i;
        while i < analysis.claims.len() && analysis.claims[i].article == art {
            i += 1;
        }
        *r = start..i;
    }
    analysis.claims_by_article = ranges;
    let mut by_claim = vec![Vec::new(); analysis.claims.len()];
    for (fi, f) in analysis.facts.facts.iter().enumerate() {
        for &c in &f.claims {
            by_claim[c].push(fi);
        }
    }
    analysis.facts.by_claim = by_claim;
}
