//! Same-fact similarity of many sentence pairs at once, with specificity learned from them.
//!
//! [`super::similarity`] scores one pair alone: two sentences say nothing about how common a
//! word is, so every anchor weighs by its kind only and "homme" counts as much as "guitare".
//! The aligner never works that way: it weighs each anchor by its rarity across all the claims
//! of the corpus. Given many pairs, [`similarities`] does the same, taking every sentence of
//! every pair as one claim of one corpus, so that each pair scores as the aligner would score
//! those two claims within that set.

use super::features;
use super::index::Weighted;
use super::lexicon::{Tongue, lexicon};
use super::{Params, pseudo_claim, score};
use crate::corpus::Lang;
use crate::text::fold::fold;
use rayon::prelude::*;

/// Fewest sentences from which rarity across them says more than the flat weights of a lone
/// pair: a word seen once among fewer sentences would weigh less than the flat weight, which
/// treats every anchor as held by one claim in a dozen.
const MIN_SENTENCES: usize = 24;

/// The language both sentences of a pair are stemmed in, guessed from the two together: each
/// alone may be too short to tell, and two guesses that differ would share no stem.
pub(super) fn pair_lang(a: &str, b: &str) -> Lang {
    match lexicon().tongue(Lang::Unknown, &fold(&format!("{a} {b}"))) {
        Tongue::Fr => Lang::Fr,
        Tongue::En => Lang::En,
    }
}

/// Same-fact similarity in [0, 1] of each pair, anchors weighted by their rarity across all
/// the sentences given (flat weights, as [`super::similarity`], for fewer than a dozen pairs).
/// Polarity does not change the score (it decides whether the aligner would link a pair as one
/// fact or as a contradiction).
pub fn similarities(pairs: &[(&str, &str)]) -> Vec<f32> {
    let params = Params::default();
    let features: Vec<_> = pairs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, &(a, b))| {
            let lang = pair_lang(a, b);
            [
                features::extract(&pseudo_claim(a, 2 * i), lang),
                features::extract(&pseudo_claim(b, 2 * i + 1), lang),
            ]
        })
        .collect();
    let articles: Vec<usize> = (0..features.len()).collect();
    let mut w = Weighted::new(features, &articles, params.sharpness);
    if articles.len() < MIN_SENTENCES {
        w = w.with_flat_weights(params.sharpness);
    }
    (0..pairs.len())
        .into_par_iter()
        .map(|i| score::score(&w, 2 * i, 2 * i + 1, &params).value)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarity_across_the_pairs_outweighs_common_words() {
        // Alone, sharing two words ("homme", "marche") beats sharing one ("guitare"). Among
        // pairs where every sentence has "homme" and half have "marche", the rare word wins.
        let common = ("Un homme marche vite.", "Un homme marche lentement.");
        let rare = ("Une guitare sonne.", "Une guitare casse.");
        let alone = (
            super::super::similarity(common.0, common.1),
            super::super::similarity(rare.0, rare.1),
        );
        assert!(alone.0 > alone.1, "{alone:?}");
        let mut pairs = vec![common, rare];
        for _ in 0..14 {
            pairs.push(("Un homme marche.", "Un homme dort."));
        }
        let s = similarities(&pairs);
        assert_eq!(s.len(), pairs.len());
        assert!(s[1] > s[0], "{s:?}");
    }

    #[test]
    fn few_pairs_score_as_lone_pairs() {
        let pairs = [(
            "Netflix lisait les messages privés.",
            "Netflix lisait les messages directs.",
        )];
        assert_eq!(
            similarities(&pairs)[0],
            super::super::similarity(pairs[0].0, pairs[0].1)
        );
    }
}
