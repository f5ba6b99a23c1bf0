//! Same-fact similarity of two claims, and the reasons for it.
//!
//! The score blends two views of the anchors two claims share, weighted by specificity:
//!
//! * **containment** grows with the *evidence* they share and is damped only mildly by what the
//!   smaller claim says besides: one sentence often states several facts, so a short sentence
//!   stating one of them must still match it, while a couple of generic words ("Netflix",
//!   "Facebook", "utilisateurs") weigh too little to link anything. Phrase anchors (adjacent
//!   pairs) add evidence when shared but do not count as unshared content, since nearly all of
//!   them are unique. What the larger claim says besides counts too, far less: two claims that
//!   share two or three words and otherwise speak of different things (a vote and a budget, a
//!   product and a deal) should not link on those words alone;
//! * **overlap** is symmetric (Dice over content weights): how much of *both* claims is shared,
//!   so that two sentences saying the same thing outrank one that merely contains the other.
//!
//! The score ignores polarity: a denial and the allegation it denies state the same proposition,
//! so their content is as close as two assertions of it. The aligner decides both link kinds on
//! this one score — a same-fact link at `Params::link` when both claims have the same polarity,
//! a contradiction at `Params::contradict` when one denies what the other asserts — and
//! `recoupe similarity` prints that same value. A link needs one thing more than the score: the
//! pair must share something *stated* (a term, a paraphrase, an amount), not only names and
//! dates ([`Scored::stated`]); such a pair keeps its graded score but is never linked.

use super::features::{AnchorKind, joined};
use super::index::Weighted;
use super::lexicon::lexicon;
use crate::text::fold::fold;

/// Tuning of the aligner (one place, used by `align` and `similarity`).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Exponent applied to IDF: above 1, rare anchors dominate generic ones more.
    pub sharpness: f32,
    /// Evidence at which the containment part reaches one half when the smaller claim says
    /// nothing else.
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
    /// Weight of the symmetric overlap in the score (0–1); the rest is containment.
    pub symmetric: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            // Tuned on the seed gold (tests/facts_quality.rs) by a grid once the score had
            // both its symmetric part and the larger claim's unshared content (gamma): F1
            // 0.82-0.83 for link = merge 0.22-0.26 at join 0.31; 0.78-0.82 one step away in
            // gamma (0.0025, 0.0075) or join (0.29, 0.33). `symmetric` is as high as the gold
            // allows (0.5 costs F1 0.03), since it is what ranks free sentence pairs (the
            // French STS benchmark, tests/benches/sts.rs, tuned on its dev split only).
            sharpness: 1.65,
            k: 5.0,
            beta: 0.03,
            gamma: 0.005,
            link: 0.24,
            merge: 0.24,
            join: 0.31,
            contradict: 0.27,
            top: 8,
            symmetric: 0.4,
        }
    }
}

/// The score of a pair and whether it may link at all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// Same-fact similarity in [0, 1], whatever the polarity of the two claims.
    pub value: f32,
    /// True when the pair shares something stated, not only names and dates: two claims
    /// sharing only "Netflix" and "2018" may state anything about them, so only a stated pair
    /// links, as one fact or as a contradiction.
    pub stated: bool,
}

/// Same-fact similarity of claims `a` and `b` of `w`, in [0, 1], whatever their polarity: the
/// score a same-fact link and a contradiction are both decided on, and whether they share
/// something stated.
pub fn score(w: &Weighted, a: usize, b: usize, params: &Params) -> Scored {
    let (ca, cb) = (&w.claims[a], &w.claims[b]);
    let ids_a = w.ids(a);
    let mut evidence = 0.0;
    let mut content = 0.0;
    let mut said = false;
    // Two shared words adjacent in both claims ("réseau social") are one piece of evidence,
    // not two: for each shared phrase, the lighter of its two units is taken back below (the
    // phrase itself still counts). Summed in the same walk: this runs for every candidate.
    let mut twice = 0.0;
    for (i, _) in w.shared_iter(a, b) {
        let id = ids_a[i] as usize;
        evidence += w.weight[id];
        if w.kinds[id] != AnchorKind::Phrase {
            content += w.weight[id];
        }
        if let Some((x, y)) = w.parts[id]
            && w.both_hold(a, b, x)
            && w.both_hold(a, b, y)
        {
            twice += w.weight[x as usize].min(w.weight[y as usize]);
        }
        said |= w.stated[id];
    }
    if evidence <= 0.0 {
        return Scored {
            value: 0.0,
            stated: false,
        };
    }
    // How much of both claims is shared, over their content as a whole.
    let totals = ca.total + cb.total;
    let overlap = if totals > 0.0 {
        (2.0 * content / totals).min(1.0)
    } else {
        0.0
    };
    let evidence = evidence - twice;
    let content = content - twice;
    let unshared = (ca.total.min(cb.total) - content).max(0.0);
    let unshared_large = (ca.total.max(cb.total) - content).max(0.0);
    let denominator = evidence + params.k + params.beta * unshared + params.gamma * unshared_large;
    let containment = (evidence / denominator).max(0.0);
    Scored {
        value: (1.0 - params.symmetric) * containment + params.symmetric * overlap,
        // Names and dates say who and when, not what.
        stated: said,
    }
}

/// Most reasons a link shows.
const MAX_REASONS: usize = 8;

/// Human-readable reasons for a link: the most specific shared anchors first (ties in
/// alphabetical order), at most [`MAX_REASONS`], a reason worded twice in a row shown once.
///
/// Hundreds of thousands of links are explained at archive scale and a link shares a dozen
/// anchors or more: the texts are written only for the weights that can make the list.
pub fn explain(w: &Weighted, a: usize, b: usize, shared: &[(usize, usize)]) -> Vec<String> {
    explain_with(w, a, b, shared, |id, sa, sb| reason(w, id, sa, sb))
}

/// [`explain`], each reason worded by `word(anchor id, surface in a, surface in b)`: the
/// aligner hands out a shared reason for each way two claims word an anchor rather than
/// writing its text again for every link ([`super::reasons::Interner`]). `word` must give
/// equal texts for equal arguments, as [`reason`] does.
pub fn explain_with<'w, R: AsRef<str>>(
    w: &'w Weighted,
    a: usize,
    b: usize,
    shared: &[(usize, usize)],
    mut word: impl FnMut(usize, &'w str, &'w str) -> R,
) -> Vec<R> {
    let ids_a = w.ids(a);
    // Phrases are never shown: not even their surfaces are read.
    let mut ranked: Vec<(f32, usize, usize, usize)> = shared
        .iter()
        .filter_map(|&(i, j)| {
            let id = ids_a[i] as usize;
            (w.kinds[id] != AnchorKind::Phrase).then(|| (w.weight[id], id, i, j))
        })
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut out: Vec<R> = Vec::with_capacity(MAX_REASONS.min(ranked.len()));
    let mut tied: Vec<R> = Vec::new();
    let mut k = 0;
    while k < ranked.len() && out.len() < MAX_REASONS {
        let weight = ranked[k].0;
        let end = k + ranked[k..]
            .iter()
            .take_while(|r| r.0.total_cmp(&weight).is_eq())
            .count();
        tied.clear();
        tied.extend(
            ranked[k..end]
                .iter()
                .map(|&(_, id, i, j)| word(id, w.surface(a, i), w.surface(b, j))),
        );
        tied.sort_by(|x, y| x.as_ref().cmp(y.as_ref()));
        for text in tied.drain(..) {
            if out.len() == MAX_REASONS {
                break;
            }
            if out.last().map(AsRef::as_ref) != Some(text.as_ref()) {
                out.push(text);
            }
        }
        k = end;
    }
    out
}

/// How a shared anchor (`id`, worded `sa` and `sb` by the two claims) reads in a link's reasons.
pub fn reason(w: &Weighted, id: usize, sa: &str, sb: &str) -> String {
    let kind = w.kinds[id];
    let same = || sa == sb || fold(sa) == fold(sb);
    match kind {
        AnchorKind::Concept if !same() => {
            let group = w.keys[id]
                .strip_prefix("c:")
                .and_then(|g| g.parse::<usize>().ok())
                .and_then(|g| lexicon().group_labels.get(g));
            match group {
                Some(g) => joined(&["paraphrase: ", sa, " ≈ ", sb, " (", g, ")"]),
                None => joined(&["paraphrase: ", sa, " ≈ ", sb]),
            }
        }
        AnchorKind::Value if !same() => joined(&["value: ", sa, " = ", sb]),
        // Written without `format!`: its machinery cost more than the rest of explaining.
        kind => joined(&[kind.name(), ": ", sa]),
    }
}

#[cfg(test)]
mod tests {
    use super::Params;
    use crate::facts::{align, pseudo_claim, similarity};

    /// Whether the aligner puts the two sentences, as claims of two articles, in one fact.
    fn linked(a: &str, b: &str) -> bool {
        let corpus = crate::corpus::from_sources(vec![
            ("a.txt".into(), a.as_bytes().to_vec()),
            ("b.txt".into(), b.as_bytes().to_vec()),
        ]);
        let claims = [pseudo_claim(a, 0), pseudo_claim(b, 1)];
        let set = align(&corpus, &claims);
        set.facts
            .iter()
            .any(|f| f.claims.contains(&0) && f.claims.contains(&1))
    }

    #[test]
    fn names_and_dates_alone_never_link_but_keep_a_graded_score() {
        let link = Params::default().link;
        let alone = similarity("Netflix, en 2018.", "Netflix, en 2018.");
        assert!(alone >= link, "{alone}");
        assert!(!linked("Netflix, en 2018.", "Netflix, en 2018."));
        let (a, b) = (
            "Netflix lisait les messages privés en 2018.",
            "En 2018, Netflix lisait les messages directs.",
        );
        assert!(similarity(a, b) >= link, "{}", similarity(a, b));
        assert!(linked(a, b));
    }

    #[test]
    fn a_denial_scores_as_close_as_the_allegation_it_denies() {
        // Polarity decides the kind of link, not the score: the denial reaches the
        // contradiction threshold against what it denies, as the assertion restated would
        // reach the link threshold.
        let params = Params::default();
        let alleged = "Meta a partagé les messages privés avec Netflix.";
        let denial = similarity(
            "Meta n'a pas partagé les messages privés avec Netflix.",
            alleged,
        );
        let restated = similarity(
            "Meta a bien partagé les messages privés avec Netflix.",
            alleged,
        );
        let unrelated = similarity(alleged, "Le cours du blé a baissé à Chicago.");
        assert!(denial >= params.contradict, "{denial}");
        assert!(restated >= params.link, "{restated}");
        assert!(unrelated < params.link, "{unrelated}");
    }

    #[test]
    fn scores_are_graded_by_how_much_two_sentences_share() {
        let base = "Un homme joue de la guitare sur une scène.";
        let same = similarity(base, "Un homme joue de la guitare sur la scène.");
        let part = similarity(base, "Un homme joue du piano sur une scène.");
        let little = similarity(base, "Un homme mange une pomme.");
        assert!(
            same > part && part > little && little > 0.0,
            "{same} {part} {little}"
        );
    }

    #[test]
    fn restating_the_whole_sentence_outranks_restating_part_of_it() {
        // The shorter sentence is contained in both, but only the first pair says the same
        // thing on both sides: the symmetric part of the score tells them apart.
        let short = "Netflix lisait les messages privés.";
        let whole = similarity(short, "Netflix lisait les messages directs.");
        let part = similarity(
            short,
            "Netflix lisait les messages privés, payait Facebook et rachetait un studio.",
        );
        assert!(whole > part, "{whole} {part}");
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
