//! Same-fact similarity of two claims, and the reasons for it.
//!
//! The score grows with the *evidence* two claims share — the summed specificity of their
//! common anchors — and is damped only mildly by what the smaller claim says besides: one
//! sentence often states several facts, so a short sentence stating one of them must still
//! match it, while a couple of generic words ("Netflix", "Facebook", "utilisateurs") weigh too
//! little to link anything. What the larger claim says besides counts too, far less: a long
//! sentence may state several facts, but two claims that share two or three words and
//! otherwise speak of different things (a vote and a budget, a product and a deal) should not
//! link on those words alone. Phrase anchors (adjacent pairs) add evidence when shared but do
//! not count as unshared content, since nearly all of them are unique.

use super::features::AnchorKind;
use super::index::Weighted;
use super::lexicon::lexicon;
use crate::text::fold::fold;

/// Tuning of the aligner (one place, used by `align` and `similarity`).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Exponent applied to IDF: above 1, rare anchors dominate generic ones more.
    pub sharpness: f32,
    /// Evidence that scores one half when the smaller claim says nothing else.
    pub k: f32,
    /// How much the smaller claim's unshared content counts against a link (0–1).
    pub beta: f32,
    /// How much the larger claim's unshared content counts against a link (0–1, usually far
    /// below `beta`: the larger claim often states other facts besides).
    pub gamma: f32,
    /// Minimum score of a same-fact link.
    pub link: f32,
    /// Minimum average score for two groups of claims to merge into one fact.
    pub merge: f32,
    /// Minimum average score for a claim to join a second fact (a sentence stating several).
    pub join: f32,
    /// Minimum score of a contradiction (a denial and what it denies).
    pub contradict: f32,
    /// Most specific anchors of each claim looked up in the index.
    pub top: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            // Tuned on the seed gold (tests/facts_quality.rs) by a grid over these values
            // once the larger claim's unshared content counted (gamma): the middle of a flat
            // region (F1 0.81-0.82 for sharpness 1.55-1.75, k 2-2.5, gamma 0.0075-0.0125,
            // beta 0.02-0.04; 0.81 with link or merge at 0.45 or join at 0.55). Below link
            // 0.4 or above join 0.6 it falls off (0.67, 0.75).
            sharpness: 1.65,
            k: 2.25,
            beta: 0.03,
            gamma: 0.01,
            link: 0.4,
            merge: 0.4,
            join: 0.6,
            contradict: 0.5,
            top: 8,
        }
    }
}

/// Scores claims `a` and `b` of `w`, in [0, 1].
pub fn score(w: &Weighted, a: usize, b: usize, params: &Params) -> f32 {
    let (ca, cb) = (&w.claims[a], &w.claims[b]);
    let mut evidence = 0.0;
    let mut content = 0.0;
    let mut said = false;
    for (i, _) in w.shared_iter(a, b) {
        let id = ca.ids[i] as usize;
        evidence += w.weight[id];
        if w.kinds[id] != AnchorKind::Phrase {
            content += w.weight[id];
        }
        said |= match w.kinds[id] {
            AnchorKind::Concept | AnchorKind::Term => true,
            // An amount or a duration ("près de dix ans") is itself what is stated; a date
            // only says when.
            AnchorKind::Value => {
                !(w.keys[id].starts_with("year:") || w.keys[id].starts_with("month:"))
            }
            _ => false,
        };
    }
    // Names and dates say who and when, not what: two claims sharing only "Netflix" and
    // "2018" may state anything about them.
    if !said {
        return 0.0;
    }
    // Two shared words adjacent in both claims ("réseau social") are one piece of evidence,
    // not two: the weaker of them is taken back, the phrase itself still counts.
    let twice = collocated(w, a, b);
    evidence -= twice;
    content -= twice;
    let unshared = (ca.total.min(cb.total) - content).max(0.0);
    let unshared_large = (ca.total.max(cb.total) - content).max(0.0);
    let denominator = evidence + params.k + params.beta * unshared + params.gamma * unshared_large;
    if evidence > 0.0 {
        evidence / denominator
    } else {
        0.0
    }
}

/// Weight counted twice by shared adjacent pairs: for each shared phrase, the lighter of its
/// two units.
fn collocated(w: &Weighted, a: usize, b: usize) -> f32 {
    let ca = &w.claims[a];
    w.shared_iter(a, b)
        .filter_map(|(i, _)| {
            let (x, y) = w.parts[ca.ids[i] as usize]?;
            (w.both_hold(a, b, x) && w.both_hold(a, b, y))
                .then(|| w.weight[x as usize].min(w.weight[y as usize]))
        })
        .sum()
}

/// Human-readable reasons for a link: the most specific shared anchors first.
pub fn explain(w: &Weighted, a: usize, b: usize, shared: &[(usize, usize)]) -> Vec<String> {
    let ca = &w.claims[a];
    let mut list: Vec<(f32, String)> = shared
        .iter()
        .filter_map(|&(i, j)| {
            let id = ca.ids[i] as usize;
            let kind = w.kinds[id];
            // Phrases are never shown: not even their surfaces are read.
            if kind == AnchorKind::Phrase {
                return None;
            }
            let (sa, sb) = (w.surface(a, i), w.surface(b, j));
            let same = sa == sb || fold(sa) == fold(sb);
            let text = match kind {
                AnchorKind::Concept if !same => {
                    let group = w.keys[id]
                        .strip_prefix("c:")
                        .and_then(|g| g.parse::<usize>().ok())
                        .and_then(|g| lexicon().group_labels.get(g));
                    let label = group.map_or(String::new(), |g| format!(" ({g})"));
                    format!("paraphrase: {sa} ≈ {sb}{label}")
                }
                AnchorKind::Value if !same => format!("value: {sa} = {sb}"),
                kind => format!("{}: {sa}", kind.name()),
            };
            Some((w.weight[id], text))
        })
        .collect();
    list.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    list.dedup_by(|x, y| x.1 == y.1);
    list.into_iter().take(8).map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use crate::facts::similarity;

    #[test]
    fn names_and_dates_alone_do_not_link() {
        assert_eq!(similarity("Netflix, en 2018.", "Netflix, en 2018."), 0.0);
        let s = similarity(
            "Netflix lisait les messages privés en 2018.",
            "En 2018, Netflix lisait les messages directs.",
        );
        assert!(s > 0.5, "{s}");
    }

    #[test]
    fn an_adjacent_pair_counts_once() {
        // "marché noir" shared as two adjacent words weighs less than the same two words
        // shared apart.
        let pair = similarity("Le marché noir renonçait.", "Le marché noir publiait.");
        let apart = similarity(
            "Le marché renonçait au noir.",
            "Le marché publiait du noir.",
        );
        assert!(pair > 0.0 && pair < apart, "{pair} {apart}");
    }
}
