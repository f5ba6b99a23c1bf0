//! Candidate pairs touching a subset of claims, for the incremental aligner
//! ([`super::incremental`]): after an edit, the pairs between unchanged claims are already
//! scored, and only those with a changed claim are wanted.
//!
//! The rule is [`Weighted::scan_candidates`]'s: both take the indexed anchors and each claim's
//! `top` most specific ones from [`Weighted::indexed`] and [`Weighted::top_anchors`], so the
//! pairs found are exactly a cold run's pairs that touch a changed claim (a test checks it).

use super::index::Weighted;
use rayon::prelude::*;

impl Weighted {
    /// The pairs of [`Weighted::scan_candidates`] with at least one claim marked in `changed`,
    /// without proposing the others (for an incremental alignment, where pairs of unchanged
    /// claims are already scored): unchanged claims look up only the changed claims' postings.
    pub fn candidates_touching(
        &self,
        top: usize,
        min_shared: usize,
        changed: &[bool],
    ) -> Vec<(usize, usize)> {
        let n = self.claims.len();
        let indexed = |i: u32| self.indexed(i);
        let tops = self.top_anchors(top);
        // Every claim's postings, for the changed claims to look up, and the changed claims'
        // postings alone, for the others.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.keys.len()];
        let mut changed_postings: Vec<Vec<u32>> = vec![Vec::new(); self.keys.len()];
        for (c, &was_changed) in changed.iter().enumerate().take(n) {
            for &i in self.ids(c).iter().filter(|&&i| indexed(i)) {
                postings[i as usize].push(c as u32);
                if was_changed {
                    changed_postings[i as usize].push(c as u32);
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = (0..n)
            .into_par_iter()
            .flat_map_iter(|a| {
                let lists = if changed[a] {
                    &postings
                } else {
                    &changed_postings
                };
                let mut seen: Vec<u32> = Vec::new();
                for &i in &tops[a] {
                    seen.extend(lists[i as usize].iter().copied());
                }
                seen.sort_unstable();
                let art = self.claims[a].article;
                let mut out = Vec::new();
                for run in seen.chunk_by(|x, y| x == y) {
                    let b = run[0] as usize;
                    if b != a
                        && self.claims[b].article != art
                        && (run.len() >= min_shared || self.shared_iter(a, b).count() >= min_shared)
                    {
                        out.push((a.min(b), a.max(b)));
                    }
                }
                out
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claim;
    use crate::facts::{features, pseudo_claim};

    #[test]
    fn candidates_touching_are_the_cold_candidates_with_a_changed_end() {
        let sentences = [
            "Netflix lisait les messages privés de 70 millions d'utilisateurs.",
            "Selon la plainte, Netflix avait accès aux messages privés.",
            "Meta a versé 725 millions de dollars pour clore l'affaire.",
            "L'accord de 725 millions de dollars clôt la procédure contre Meta.",
            "Netflix a eu accès aux messages de 70 millions d'abonnés.",
            "Spotify pouvait lire les messages privés des utilisateurs.",
        ];
        let claims: Vec<Claim> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| pseudo_claim(s, i / 2))
            .collect();
        let features = claims
            .iter()
            .map(|c| features::extract(c, crate::corpus::Lang::Fr));
        let articles: Vec<usize> = claims.iter().map(|c| c.article).collect();
        let w = Weighted::new(features.collect(), &articles, 1.3);
        let (all, _) = w.scan_candidates(8, 1, |a, b| Some((a, b)));
        assert!(all.len() >= 3, "{all:?}");
        for article in 0..3 {
            let changed: Vec<bool> = articles.iter().map(|&a| a == article).collect();
            let touching: Vec<_> = all
                .iter()
                .copied()
                .filter(|&(a, b)| changed[a] || changed[b])
                .collect();
            assert_eq!(w.candidates_touching(8, 1, &changed), touching);
        }
    }
}
