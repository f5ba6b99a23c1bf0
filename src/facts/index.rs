//! Anchors interned and weighted by specificity, and the inverted index that proposes
//! candidate pairs.
//!
//! Weights are IDF over claims: an anchor every claim has ("Facebook", "utilisateurs") weighs
//! next to nothing. Candidates come only from the inverted index, never from all pairs: each
//! claim looks up the postings of its few most specific anchors, and anchors held by more claims
//! than a cap are not indexed at all (they still count in the score). This keeps the work
//! roughly linear in the number of claims.

use super::features::{AnchorKind, RawFeatures};
use rayon::prelude::*;
use std::collections::HashMap;

/// Claims with their anchors interned and weighted.
#[derive(Debug, Default)]
pub struct Weighted {
    /// Anchor keys by id.
    pub keys: Vec<String>,
    /// Anchor kinds by id.
    pub kinds: Vec<AnchorKind>,
    /// Weight of each anchor id (kind weight × IDF).
    pub weight: Vec<f32>,
    /// Number of claims holding each anchor.
    pub df: Vec<u32>,
    /// For a phrase anchor (`p:x|y`), the ids of its two units when both are anchors; for
    /// the others, `None`.
    pub parts: Vec<Option<(u32, u32)>>,
    /// Per claim.
    pub claims: Vec<Vector>,
}

/// One claim's anchors.
#[derive(Debug, Default)]
pub struct Vector {
    /// Anchor ids, sorted.
    pub ids: Vec<u32>,
    /// Surface of each anchor, parallel to `ids`.
    pub surfaces: Vec<String>,
    /// Sum of the weights of its anchors, phrases excepted.
    pub total: f32,
    /// A denial.
    pub denied: bool,
    /// Article index.
    pub article: usize,
}

/// Sum of the weights of `ids`, phrases excepted (they are nearly all unique, so counting them
/// would only measure length).
fn content_total(ids: &[u32], weight: &[f32], kinds: &[AnchorKind]) -> f32 {
    ids.iter()
        .filter(|&&i| kinds[i as usize] != AnchorKind::Phrase)
        .map(|&i| weight[i as usize])
        .sum()
}

/// Probabilistic IDF, `ln((n - df) / df)`: unlike `ln(n / df)` it falls to (nearly) nothing
/// for an anchor held by half the claims or more, so that a handful of story-wide words
/// ("Netflix", "utilisateurs", "accès") cannot add up to the evidence of one specific anchor.
fn idf(n: f32, df: f32) -> f32 {
    ((n - df + 0.5) / (df + 0.5)).ln().max(0.05)
}

impl Weighted {
    /// Interns and weights the features of every claim (`articles[i]` is claim `i`'s article);
    /// `sharpness` is the exponent applied to IDF (above 1, rare anchors dominate more).
    pub fn new(features: Vec<RawFeatures>, articles: &[usize], sharpness: f32) -> Weighted {
        let mut w = Weighted::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        for (f, &article) in features.into_iter().zip(articles) {
            let mut pairs: Vec<(u32, String)> = Vec::with_capacity(f.anchors.len());
            for a in f.anchors {
                let id = match ids.get(&a.key) {
                    Some(&id) => id,
                    None => {
                        let id = w.keys.len() as u32;
                        ids.insert(a.key.clone(), id);
                        w.keys.push(a.key);
                        w.kinds.push(a.kind);
                        w.df.push(0);
                        id
                    }
                };
                pairs.push((id, a.surface));
            }
            pairs.sort_by_key(|p| p.0);
            pairs.dedup_by_key(|p| p.0);
            for p in &pairs {
                w.df[p.0 as usize] += 1;
            }
            let (ids, surfaces) = pairs.into_iter().unzip();
            w.claims.push(Vector {
                ids,
                surfaces,
                total: 0.0,
                denied: f.denied,
                article,
            });
        }
        w.parts = w
            .keys
            .iter()
            .map(|k| {
                let (x, y) = k.strip_prefix("p:")?.split_once('|')?;
                Some((*ids.get(x)?, *ids.get(y)?))
            })
            .collect();
        let n = w.claims.len().max(1) as f32;
        w.weight =
            w.df.iter()
                .zip(&w.kinds)
                .map(|(&df, kind)| kind.weight() * idf(n, df as f32).powf(sharpness))
                .collect();
        for c in &mut w.claims {
            c.total = content_total(&c.ids, &w.weight, &w.kinds);
        }
        w
    }

    /// The same claims with every anchor weighted by its kind only (for a handful of claims,
    /// where document frequencies say nothing about specificity): each counts as moderately
    /// specific, as if held by one claim in a dozen.
    pub fn with_flat_weights(mut self, sharpness: f32) -> Weighted {
        let typical = 12f32.ln().powf(sharpness);
        self.weight = self.kinds.iter().map(|k| k.weight() * typical).collect();
        for c in &mut self.claims {
            c.total = content_total(&c.ids, &self.weight, &self.kinds);
        }
        self
    }

    /// Candidate pairs `(a, b)`, `a < b`, of claims of different articles sharing at least
    /// `min_shared` indexed anchors among the `top` most specific ones of either claim.
    pub fn candidates(&self, top: usize, min_shared: usize) -> Vec<(usize, usize)> {
        let n = self.claims.len();
        // Anchors more common than this are too generic to propose pairs.
        let cap = ((n as f64).sqrt() as u32).clamp(24, 128);
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.keys.len()];
        let tops: Vec<Vec<u32>> = self
            .claims
            .par_iter()
            .map(|c| {
                let mut ids: Vec<u32> = c
                    .ids
                    .iter()
                    .copied()
                    .filter(|&i| (2..=cap).contains(&self.df[i as usize]))
                    .collect();
                ids.sort_by(|a, b| {
                    self.weight[*b as usize]
                        .total_cmp(&self.weight[*a as usize])
                        .then(a.cmp(b))
                });
                ids.truncate(top);
                ids
            })
            .collect();
        for (c, v) in self.claims.iter().enumerate() {
            for &i in &v.ids {
                if (2..=cap).contains(&self.df[i as usize]) {
                    postings[i as usize].push(c as u32);
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = (0..n)
            .into_par_iter()
            .flat_map_iter(|a| {
                let mut seen: Vec<u32> = Vec::new();
                for &i in &tops[a] {
                    seen.extend(postings[i as usize].iter().copied());
                }
                seen.sort_unstable();
                let art = self.claims[a].article;
                let mut out = Vec::new();
                let mut k = 0;
                while k < seen.len() {
                    let b = seen[k];
                    let mut count = 0;
                    while k < seen.len() && seen[k] == b {
                        count += 1;
                        k += 1;
                    }
                    let b = b as usize;
                    if b != a && self.claims[b].article != art {
                        let shared = if count >= min_shared {
                            count
                        } else {
                            self.shared_count(a, b)
                        };
                        if shared >= min_shared {
                            out.push((a.min(b), a.max(b)));
                        }
                    }
                }
                out
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
    }

    /// Number of anchors two claims share.
    fn shared_count(&self, a: usize, b: usize) -> usize {
        let (x, y) = (&self.claims[a].ids, &self.claims[b].ids);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Positions `(in a, in b)` of the anchors two claims share.
    pub fn shared(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        self.shared_iter(a, b).collect()
    }

    /// [`Weighted::shared`] without collecting: a merge walk of the two sorted id lists.
    pub fn shared_iter(&self, a: usize, b: usize) -> Shared<'_> {
        Shared {
            x: &self.claims[a].ids,
            y: &self.claims[b].ids,
            i: 0,
            j: 0,
        }
    }

    /// True when claims `a` and `b` both hold anchor `id`.
    pub fn both_hold(&self, a: usize, b: usize, id: u32) -> bool {
        self.claims[a].ids.binary_search(&id).is_ok()
            && self.claims[b].ids.binary_search(&id).is_ok()
    }

    /// How claim `c` words its anchor at position `i`.
    pub fn surface(&self, c: usize, i: usize) -> &str {
        &self.claims[c].surfaces[i]
    }
}

/// Positions `(in a, in b)` of the anchors two claims share, in id order.
pub struct Shared<'a> {
    x: &'a [u32],
    y: &'a [u32],
    i: usize,
    j: usize,
}

impl Iterator for Shared<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        while self.i < self.x.len() && self.j < self.y.len() {
            match self.x[self.i].cmp(&self.y[self.j]) {
                std::cmp::Ordering::Less => self.i += 1,
                std::cmp::Ordering::Greater => self.j += 1,
                std::cmp::Ordering::Equal => {
                    let out = (self.i, self.j);
                    self.i += 1;
                    self.j += 1;
                    return Some(out);
                }
            }
        }
        None
    }
}
