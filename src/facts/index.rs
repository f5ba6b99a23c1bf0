//! Anchors interned and weighted by specificity, and the inverted index that proposes
//! candidate pairs.
//!
//! Weights are IDF over claims: an anchor every claim has ("Facebook", "utilisateurs") weighs
//! next to nothing. Candidates come only from the inverted index, never from all pairs: each
//! claim looks up the postings of its few most specific anchors, and anchors held by more claims
//! than a cap are not indexed at all (they still count in the score). This keeps the work
//! roughly linear in the number of claims.

use super::features::{AnchorKind, RawFeatures};
use super::prefetch::prefetch;
use foldhash::HashMap;
use rayon::prelude::*;

/// Claims with their anchors interned and weighted.
///
/// Every claim's anchors sit end to end in one list, and their surfaces in one string: a list
/// and a string per claim cost three allocations and 72 bytes of headers for each of a
/// million claims at archive scale, and one more scattered read for every candidate scored.
#[derive(Debug)]
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
    /// Whether sharing each anchor is sharing something stated (a term, a paraphrase, an
    /// amount), not only who or when (see `score::Scored::stated`): read for every shared
    /// anchor of millions of candidate pairs, so decided once per anchor.
    pub stated: Vec<bool>,
    /// Per claim.
    pub claims: Vec<Vector>,
    /// Every claim's anchor ids, each claim's sorted, end to end ([`Weighted::ids`]).
    anchor_ids: Vec<u32>,
    /// How the claims word their anchors, end to end in `anchor_ids` order. Phrases have
    /// none: they are never shown.
    surfaces: String,
    /// End of each anchor's surface in `surfaces`, from its claim's first (parallel to
    /// `anchor_ids`).
    surface_ends: Vec<u32>,
    /// Where each claim's anchors start in `anchor_ids` and its surfaces in `surfaces`, and
    /// past the last claim's: one entry more than claims.
    starts: Vec<(usize, usize)>,
}

impl Default for Weighted {
    fn default() -> Self {
        Weighted {
            keys: Vec::new(),
            kinds: Vec::new(),
            weight: Vec::new(),
            df: Vec::new(),
            parts: Vec::new(),
            stated: Vec::new(),
            claims: Vec::new(),
            anchor_ids: Vec::new(),
            surfaces: String::new(),
            surface_ends: Vec::new(),
            starts: vec![(0, 0)],
        }
    }
}

/// What the aligner reads of one claim besides its anchors ([`Weighted::ids`]).
#[derive(Debug, Default)]
pub struct Vector {
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

/// Interns claims' anchors one claim at a time, then weights them: a corpus's raw features
/// (a `String` key and surface for each of millions of anchors) need never be held at once.
#[derive(Default)]
pub struct Builder {
    ids: HashMap<String, u32>,
    w: Weighted,
    /// Claims to be pushed in all, when known: the lists are sized from the first
    /// [`SAMPLE`] of them ([`Builder::reserve_like_so_far`]).
    expected: usize,
}

/// Claims pushed before the lists are sized for the rest.
const SAMPLE: usize = 4096;

impl Builder {
    /// A builder for `claims` claims in all.
    pub fn for_claims(claims: usize) -> Builder {
        Builder {
            expected: claims,
            ..Builder::default()
        }
    }

    /// Interns the anchors of the next claim (claim `self.len()`), of article `article`.
    pub fn push(&mut self, f: RawFeatures, article: usize) {
        let w = &mut self.w;
        let mut pairs: Vec<(u32, AnchorKind, String)> = Vec::with_capacity(f.anchors.len());
        for a in f.anchors {
            let id = match self.ids.get(&a.key) {
                Some(&id) => id,
                None => {
                    let id = w.keys.len() as u32;
                    self.ids.insert(a.key.clone(), id);
                    w.keys.push(a.key);
                    w.kinds.push(a.kind);
                    w.df.push(0);
                    id
                }
            };
            pairs.push((id, a.kind, a.surface));
        }
        // Stable: the first surface of an anchor held twice is kept.
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        let surface_start = w.surfaces.len();
        for (id, kind, surface) in pairs {
            w.df[id as usize] += 1;
            w.anchor_ids.push(id);
            if kind != AnchorKind::Phrase {
                w.surfaces.push_str(&surface);
            }
            w.surface_ends
                .push((w.surfaces.len() - surface_start) as u32);
        }
        w.starts.push((w.anchor_ids.len(), w.surfaces.len()));
        w.claims.push(Vector {
            total: 0.0,
            denied: f.denied,
            article,
        });
        if w.claims.len() == SAMPLE && self.expected > SAMPLE {
            self.reserve_like_so_far(self.expected - SAMPLE);
        }
    }

    /// Makes room for `more` claims beyond those pushed so far, with anchors and surfaces at
    /// the rate of those plus a twentieth. The lists then grow once instead of doubling: each
    /// doubling copied everything into fresh memory (100,000 articles: 1.93 M → 1.74 M page
    /// faults for the run). The margin is small because room reserved is not free: the
    /// allocator hands out recycled pages that are already resident (a quarter more held
    /// 60 MB more after this step at 100,000 articles, a twentieth 19 MB).
    fn reserve_like_so_far(&mut self, more: usize) {
        let w = &mut self.w;
        let scale = 1.05 * more as f64 / w.claims.len().max(1) as f64;
        let rate = |held: usize| (held as f64 * scale) as usize;
        w.anchor_ids.reserve(rate(w.anchor_ids.len()));
        w.surface_ends.reserve(rate(w.surface_ends.len()));
        w.surfaces.reserve(rate(w.surfaces.len()));
        w.starts.reserve(more);
        w.claims.reserve(more);
    }

    /// Weights the anchors of the claims pushed; `sharpness` is the exponent applied to IDF
    /// (above 1, rare anchors dominate more).
    pub fn finish(self, sharpness: f32) -> Weighted {
        let Builder { ids, mut w, .. } = self;
        w.parts = w
            .keys
            .iter()
            .map(|k| {
                let (x, y) = k.strip_prefix("p:")?.split_once('|')?;
                Some((*ids.get(x)?, *ids.get(y)?))
            })
            .collect();
        drop(ids);
        w.stated = w
            .keys
            .iter()
            .zip(&w.kinds)
            .map(|(key, kind)| match kind {
                AnchorKind::Concept | AnchorKind::Term => true,
                // An amount or a duration ("près de dix ans") is itself what is stated; a date
                // only says when.
                AnchorKind::Value => !(key.starts_with("year:") || key.starts_with("month:")),
                _ => false,
            })
            .collect();
        let n = w.claims.len().max(1) as f32;
        w.weight =
            w.df.iter()
                .zip(&w.kinds)
                .map(|(&df, kind)| kind.weight() * idf(n, df as f32).powf(sharpness))
                .collect();
        w.set_totals();
        w
    }
}

impl Weighted {
    /// Claim `c`'s anchor ids, sorted.
    #[inline]
    pub fn ids(&self, c: usize) -> &[u32] {
        &self.anchor_ids[self.starts[c].0..self.starts[c + 1].0]
    }

    fn set_totals(&mut self) {
        for c in 0..self.claims.len() {
            self.claims[c].total = content_total(self.ids(c), &self.weight, &self.kinds);
        }
    }

    /// Interns and weights the features of every claim (`articles[i]` is claim `i`'s article);
    /// `sharpness` is the exponent applied to IDF (above 1, rare anchors dominate more).
    pub fn new(features: Vec<RawFeatures>, articles: &[usize], sharpness: f32) -> Weighted {
        let mut b = Builder::default();
        for (f, &article) in features.into_iter().zip(articles) {
            b.push(f, article);
        }
        b.finish(sharpness)
    }

    /// The same claims with every anchor weighted by its kind only (for a handful of claims,
    /// where document frequencies say nothing about specificity): each counts as moderately
    /// specific, as if held by one claim in a dozen.
    pub fn with_flat_weights(mut self, sharpness: f32) -> Weighted {
        let typical = 12f32.ln().powf(sharpness);
        self.weight = self.kinds.iter().map(|k| k.weight() * typical).collect();
        self.set_totals();
        self
    }

    /// True when anchor `i` proposes candidates: held by two claims or more, and by no more
    /// than a cap that grows with the corpus (√n, within 24–128); commoner anchors are too
    /// generic to propose pairs (they still count in the score).
    pub(super) fn indexed(&self, i: u32) -> bool {
        let cap = ((self.claims.len() as f64).sqrt() as u32).clamp(24, 128);
        (2..=cap).contains(&self.df[i as usize])
    }

    /// Each claim's `top` most specific indexed anchors, heaviest first: the ones it looks up
    /// in the index. Anchors of equal weight (equal document frequency, common) are ordered by
    /// key, not by id: ids follow the order claims were read in, and a choice that depended on
    /// it would give a renamed or reordered file other candidates, so that an incremental
    /// alignment reusing the links of the old order would differ from a cold one.
    pub(super) fn top_anchors(&self, top: usize) -> Vec<Vec<u32>> {
        let mut order: Vec<u32> = (0..self.keys.len() as u32)
            .filter(|&i| self.indexed(i))
            .collect();
        order.par_sort_unstable_by(|&a, &b| {
            self.weight[b as usize]
                .total_cmp(&self.weight[a as usize])
                .then_with(|| self.keys[a as usize].cmp(&self.keys[b as usize]))
        });
        let mut rank = vec![u32::MAX; self.keys.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        (0..self.claims.len())
            .into_par_iter()
            .map(|c| {
                let mut ids: Vec<u32> = self
                    .ids(c)
                    .iter()
                    .copied()
                    .filter(|&i| self.indexed(i))
                    .collect();
                ids.sort_unstable_by_key(|&i| rank[i as usize]);
                ids.truncate(top);
                ids
            })
            .collect()
    }

    /// Scores every candidate pair in one parallel pass and keeps what `keep` returns.
    ///
    /// A candidate is a pair `(a, b)`, `a < b`, of claims of different articles sharing at
    /// least `min_shared` anchors, one of which is among the `top` most specific indexed
    /// anchors of either claim. Each claim `a` gathers its partners `b > a` from two inverted
    /// indexes: the holders of its own top anchors, and the claims having one of its anchors
    /// among their top ones; so each pair comes up once, from its smaller claim, and no list
    /// of all candidate pairs is ever held. Returns what was kept, in `(a, b)` order, and the
    /// number of candidates considered.
    pub fn scan_candidates<T, F>(&self, top: usize, min_shared: usize, keep: F) -> (Vec<T>, usize)
    where
        T: Send,
        F: Fn(usize, usize) -> Option<T> + Sync,
    {
        let n = self.claims.len();
        let indexed = |i: u32| self.indexed(i);
        let tops = self.top_anchors(top);
        let holders = Postings::new(
            self.keys.len(),
            (0..n).map(|c| self.ids(c).iter().copied().filter(|&i| indexed(i))),
        );
        let topped = Postings::new(self.keys.len(), tops.iter().map(|t| t.iter().copied()));
        let considered = std::sync::atomic::AtomicUsize::new(0);
        let per_claim: Vec<Vec<T>> = (0..n)
            .into_par_iter()
            .map_init(Vec::new, |seen: &mut Vec<u32>, a| {
                seen.clear();
                for &i in &tops[a] {
                    seen.extend(holders.of(i).iter().filter(|&&b| b as usize > a));
                }
                for &i in self.ids(a) {
                    if indexed(i) {
                        seen.extend(topped.of(i).iter().filter(|&&b| b as usize > a));
                    }
                }
                seen.sort_unstable();
                seen.dedup();
                let art = self.claims[a].article;
                let mut out = Vec::new();
                let mut count = 0;
                for (k, &b) in seen.iter().enumerate() {
                    // The candidates are scattered over every claim: their anchor lists are
                    // asked for a few candidates ahead, after where they start (and their
                    // weights) further ahead still.
                    if let Some(&far) = seen.get(k + 8) {
                        prefetch(&self.starts[far as usize]);
                        prefetch(&self.claims[far as usize]);
                    }
                    if let Some(&near) = seen.get(k + 4) {
                        self.prefetch_ids(near as usize);
                    }
                    let b = b as usize;
                    if self.claims[b].article != art
                        && (min_shared <= 1 || self.shared_count(a, b) >= min_shared)
                    {
                        count += 1;
                        out.extend(keep(a, b));
                    }
                }
                considered.fetch_add(count, std::sync::atomic::Ordering::Relaxed);
                out
            })
            .collect();
        // Moved out claim by claim, each list freed once moved: never twice the links at
        // once (a parallel collect of unknown length would hold them in pieces, then whole).
        let mut kept = Vec::with_capacity(per_claim.iter().map(Vec::len).sum());
        for v in per_claim {
            kept.extend(v);
        }
        (kept, considered.into_inner())
    }

    /// Number of anchors two claims share.
    fn shared_count(&self, a: usize, b: usize) -> usize {
        let (x, y) = (self.ids(a), self.ids(b));
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
            x: self.ids(a),
            y: self.ids(b),
            i: 0,
            j: 0,
        }
    }

    /// True when claims `a` and `b` both hold anchor `id`.
    pub fn both_hold(&self, a: usize, b: usize, id: u32) -> bool {
        self.ids(a).binary_search(&id).is_ok() && self.ids(b).binary_search(&id).is_ok()
    }

    /// How claim `c` words its anchor at position `i` (empty for a phrase).
    pub fn surface(&self, c: usize, i: usize) -> &str {
        let (first, base) = self.starts[c];
        let ends = &self.surface_ends[first..self.starts[c + 1].0];
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &self.surfaces[base + start..base + ends[i] as usize]
    }

    /// Asks for claim `c`'s anchor ids ahead of reading them ([`prefetch`]).
    #[inline]
    pub(super) fn prefetch_ids(&self, c: usize) {
        if let Some(&(first, _)) = self.starts.get(c) {
            prefetch(self.anchor_ids.as_ptr().wrapping_add(first));
        }
    }
}

/// Items by key, as one flat array with an offset per key (a vector per key would cost an
/// allocation and 24 bytes for each of a million keys): claims by anchor id here, and in the
/// aligner links by claim ([`super::align`]) and groups by member ([`super::build`]).
pub(super) struct Postings {
    start: Vec<u32>,
    claims: Vec<u32>,
}

impl Postings {
    /// Lists, for each of `keys` keys, the items (numbered in order: claims here) whose keys
    /// `per_claim` yields, in item order.
    pub(super) fn new<I: Iterator<Item = u32>>(
        keys: usize,
        per_claim: impl Iterator<Item = I> + Clone,
    ) -> Postings {
        let mut start = vec![0u32; keys + 1];
        for ids in per_claim.clone() {
            for i in ids {
                start[i as usize + 1] += 1;
            }
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut claims = vec![0u32; start[keys] as usize];
        for (c, ids) in per_claim.enumerate() {
            for i in ids {
                claims[fill[i as usize] as usize] = c as u32;
                fill[i as usize] += 1;
            }
        }
        Postings { start, claims }
    }

    /// The items listed under key `id`, in item order.
    pub(super) fn of(&self, id: u32) -> &[u32] {
        &self.claims[self.start[id as usize] as usize..self.start[id as usize + 1] as usize]
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
