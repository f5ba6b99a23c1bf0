//! From groups of claims to facts: which groups become facts, their ids, labels, links shown
//! with their reasons, conflicts and contradictions.
//!
//! At archive scale a fact of a hundred claims holds thousands of same-fact links, and every
//! one of them explained (up to eight strings each) made this stage the largest user of time
//! and memory of the aligner. A fact therefore keeps at most [`MAX_WHY`] of its strongest
//! links, plus the strongest link of each member (so that every member still shows why it is
//! there, and the reader can still tell in which of its facts a claim is best linked); only
//! those are explained. The label still weighs every link of the fact.

use super::align::{Edge, ForwardLinks};
use super::features::AnchorKind;
use super::index::{Postings, Weighted};
use super::reasons::{Interner, Reasons};
use super::{Fact, FactSet, Link, LinkKind, conflicts, score};
use crate::claims::Claim;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

/// Most links a fact keeps in [`Fact::why`] besides each member's strongest one.
pub const MAX_WHY: usize = 96;

/// Sorted, deduplicated articles of a group's members.
fn articles_of(claims: &[Claim], members: &[usize]) -> Vec<usize> {
    let mut a: Vec<usize> = members.iter().map(|&c| claims[c].article).collect();
    a.sort_unstable();
    a.dedup();
    a
}

/// Turns groups of claims into facts: keeps groups stated by two articles or more (or taking
/// part in a contradiction), names them, explains them and flags their conflicts. `at` holds
/// every claim's same-fact links to the claims after it and indexes the contradiction links
/// `contras` by claim; `contra_why` holds the reasons of each of them ([`explain_each`]), and
/// `interner` the reasons handed out so far.
pub fn build<'w>(
    claims: &[Claim],
    w: &'w Weighted,
    mut groups: Vec<Vec<usize>>,
    (contras, contra_why): (&[Edge], &[Reasons]),
    at: &ForwardLinks,
    interner: &Interner<'w>,
) -> FactSet {
    for g in &mut groups {
        g.sort_unstable();
        g.dedup();
    }
    // The groups of each claim, in group order.
    let group_of = Postings::new(
        claims.len(),
        groups.iter().map(|g| g.iter().map(|&c| c as u32)),
    );
    let mut contradicted: Vec<(usize, usize)> = Vec::new();
    for e in contras {
        for &ga in group_of.of(e.a() as u32) {
            for &gb in group_of.of(e.b() as u32) {
                let (ga, gb) = (ga as usize, gb as usize);
                contradicted.push((ga.min(gb), ga.max(gb)));
            }
        }
    }
    drop(group_of);
    contradicted.sort_unstable();
    contradicted.dedup();
    let mut in_contra = vec![false; groups.len()];
    for &(a, b) in &contradicted {
        in_contra[a] = true;
        in_contra[b] = true;
    }
    // Most groups are one claim (a million at archive scale): only a group of claims from two
    // articles or more is a fact unless it takes part in a contradiction.
    let kept: Vec<usize> = (0..groups.len())
        .filter(|&g| {
            let art = |&c: &usize| claims[c].article;
            let first = groups[g].first().map(art);
            in_contra[g] || groups[g].iter().map(art).any(|a| Some(a) != first)
        })
        .collect();
    debug_assert_eq!(contras.len(), contra_why.len());
    let mut facts: Vec<(usize, Fact)> = kept
        .par_iter()
        .map(|&g| {
            let members = &groups[g];
            // Each fact looks only at the links touching its members (`at`): scanning every
            // link of the corpus for every fact made this stage quadratic. Its same-fact links
            // come from each member to the members after it, so in `(a, b)` order, the order
            // of the corpus's links.
            let same: Vec<Edge> = members
                .iter()
                .flat_map(|&a| {
                    at.same(a)
                        .iter()
                        .filter(move |&&(b, _)| members.binary_search(&(b as usize)).is_ok())
                        .map(move |&(b, score)| Edge::new(a, b as usize, score))
                })
                .collect();
            let mut contra: Vec<u32> = members
                .iter()
                .flat_map(|&c| at.contra(c))
                .copied()
                .collect();
            contra.sort_unstable();
            contra.dedup();
            let mut ids: Vec<&str> = members.iter().map(|&c| claims[c].id.as_str()).collect();
            ids.sort_unstable();
            let hash = blake3::hash(ids.join("\n").as_bytes()).to_hex();
            let fact = Fact {
                id: format!("f-{}", &hash[..8]),
                label: label(w, &same, members),
                claims: members.clone(),
                articles: articles_of(claims, members),
                conflicts: conflicts::conflicts(claims, members),
                contradicts: Vec::new(),
                why: links(w, &same, &contra, (contras, contra_why), members, interner),
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
    let mut position = vec![usize::MAX; groups.len()];
    for (i, (g, _)) in facts.iter().enumerate() {
        position[*g] = i;
    }
    let mut facts: Vec<Fact> = facts.into_iter().map(|(_, f)| f).collect();
    for &(a, b) in &contradicted {
        let (fa, fb) = (position[a], position[b]);
        if fa != usize::MAX && fb != usize::MAX {
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

/// The reasons of each of `links`, in order, shared through `interner`.
///
/// A contradiction link is shown in the facts of both its claims (and of their second
/// memberships), and nearly every one is shown somewhere (10,000 generated articles: 282 k
/// shown of 260 k links): the aligner explains them all while the claims are being grouped,
/// which is one thread's work, rather than in the facts after.
pub fn explain_each<'w>(w: &'w Weighted, links: &[Edge], interner: &Interner<'w>) -> Vec<Reasons> {
    links.iter().map(|e| explain(w, e, interner)).collect()
}

/// The shared reasons of link `e`: each reason looked up by how the two claims word its anchor,
/// written only the first time that wording is met.
fn explain<'w>(w: &'w Weighted, e: &Edge, interner: &Interner<'w>) -> Reasons {
    let (a, b) = (e.a(), e.b());
    let reasons = score::explain_with(w, a, b, &w.shared(a, b), |id, sa, sb| {
        interner.word(id as u32, sa, sb, || score::reason(w, id, sa, sb))
    });
    interner.list(reasons)
}

/// The links a fact shows, with their reasons: its same-fact links (`same`, both ends members)
/// then its contradiction links (`contra`: indexes into the corpus's `contras`, whose reasons
/// are `contra_why`, of those touching a member), in that order, keeping the [`MAX_WHY`]
/// strongest and each member's strongest (earlier links first among equals).
fn links<'w>(
    w: &'w Weighted,
    same: &[Edge],
    contra: &[u32],
    (contras, contra_why): (&[Edge], &[Reasons]),
    members: &[usize],
    interner: &Interner<'w>,
) -> Vec<Link> {
    let all: Vec<(&Edge, Option<usize>)> = same
        .iter()
        .map(|e| (e, None))
        .chain(
            contra
                .iter()
                .map(|&k| (&contras[k as usize], Some(k as usize))),
        )
        .collect();
    let mut show = vec![all.len() <= MAX_WHY; all.len()];
    if all.len() > MAX_WHY {
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by(|&x, &y| all[y].0.score.total_cmp(&all[x].0.score).then(x.cmp(&y)));
        for &k in &order[..MAX_WHY] {
            show[k] = true;
        }
        let mut best: HashMap<usize, usize> = HashMap::with_capacity(members.len());
        for (k, (e, _)) in all.iter().enumerate() {
            for c in [e.a(), e.b()] {
                if members.binary_search(&c).is_err() {
                    continue;
                }
                let b = best.entry(c).or_insert(k);
                if all[k].0.score > all[*b].0.score {
                    *b = k;
                }
            }
        }
        for k in best.into_values() {
            show[k] = true;
        }
    }
    // The reasons are kept with the facts (millions at archive scale, few distinct): shared.
    // Collected into a list of exactly the links shown: a collected filter grows by doubling,
    // and a quarter of the lists' memory was spare (10,000 articles: 264 k spare of 985 k).
    let mut out = Vec::with_capacity(show.iter().filter(|&&s| s).count());
    out.extend(
        all.iter()
            .zip(show)
            .filter(|(_, s)| *s)
            .map(|((e, contra), _)| Link {
                a: e.a(),
                b: e.b(),
                kind: match contra {
                    Some(_) => LinkKind::Contradicts,
                    None => LinkKind::Same,
                },
                score: e.score,
                anchors: match contra {
                    Some(k) => contra_why[*k].clone(),
                    None => explain(w, e, interner),
                },
            }),
    );
    out
}

/// A short label: the anchors the fact's links (`same`) share most, entities first, values
/// last. A fact of one claim (kept because something contradicts it) has no links: its label
/// is that claim's own most specific anchors.
fn label(w: &Weighted, same: &[Edge], members: &[usize]) -> String {
    // Mass of each shared anchor, and where its surface is read: the claim and position of
    // the first link sharing it.
    let mut mass: HashMap<u32, (f32, usize, usize)> = HashMap::new();
    for (k, e) in same.iter().enumerate() {
        // As in candidate scoring: the other ends are scattered, their anchors asked for ahead.
        if let Some(near) = same.get(k + 4) {
            w.prefetch_ids(near.b());
        }
        let ids = w.ids(e.a());
        for (i, _) in w.shared_iter(e.a(), e.b()) {
            let id = ids[i];
            if w.kinds[id as usize] == AnchorKind::Phrase {
                continue;
            }
            let entry = mass.entry(id).or_insert((0.0, e.a(), i));
            entry.0 += w.weight[id as usize];
        }
    }
    if mass.is_empty()
        && let Some(&c) = members.first()
    {
        for (i, &id) in w.ids(c).iter().enumerate() {
            if w.kinds[id as usize] != AnchorKind::Phrase {
                mass.insert(id, (w.weight[id as usize], c, i));
            }
        }
    }
    let mut top: Vec<(u32, f32, usize, usize)> = mass
        .into_iter()
        .map(|(id, (m, c, i))| (id, m, c, i))
        .collect();
    top.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    top.truncate(4);
    top.sort_by_key(|t| (w.kinds[t.0 as usize], t.0));
    let mut parts: Vec<String> = Vec::new();
    for (id, _, c, i) in top {
        let surface = w.surface(c, i);
        let text = match w.kinds[id as usize] {
            AnchorKind::Value => format!("≈{surface}"),
            _ => surface.to_owned(),
        };
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Lang;
    use crate::facts::{features, pseudo_claim};

    #[test]
    fn a_fact_of_one_claim_is_labelled_by_its_own_anchors() {
        let claims = [pseudo_claim(
            "Meta n'a jamais vendu les messages privés à Netflix.",
            0,
        )];
        let features = claims.iter().map(|c| features::extract(c, Lang::Fr));
        let w = Weighted::new(features.collect(), &[0], 1.3);
        let label = label(&w, &[], &[0]);
        assert!(!label.is_empty());
        assert!(
            label.contains("vendu") || label.contains("messages"),
            "{label}"
        );
    }

    #[test]
    fn a_large_fact_shows_its_strongest_links_and_every_member() {
        let claims: Vec<Claim> = (0..20)
            .map(|i| pseudo_claim(&format!("Netflix lisait {i} messages privés."), i))
            .collect();
        let features = claims.iter().map(|c| features::extract(c, Lang::Fr));
        let articles: Vec<usize> = (0..20).collect();
        let w = Weighted::new(features.collect(), &articles, 1.3);
        let mut same = Vec::new();
        for a in 0..20 {
            for b in a + 1..20 {
                let score = 0.5 + (a * 20 + b) as f32 / 1000.0;
                same.push(Edge::new(a, b, score));
            }
        }
        let members: Vec<usize> = (0..20).collect();
        let why = links(&w, &same, &[], (&[], &[]), &members, &Interner::default());
        assert!(why.len() >= MAX_WHY && why.len() <= MAX_WHY + members.len());
        for c in &members {
            assert!(
                why.iter().any(|l| l.a == *c || l.b == *c),
                "{c} unexplained"
            );
        }
        let weakest_kept = why.iter().map(|l| l.score).fold(f32::MAX, f32::min);
        let strongest = same.iter().map(|e| e.score).fold(0.0, f32::max);
        assert!(why.iter().any(|l| l.score == strongest) && weakest_kept < strongest);
        assert!(why.iter().all(|l| !l.anchors.is_empty()));
    }
}
