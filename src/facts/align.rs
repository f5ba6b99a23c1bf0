//! Grouping linked claims into facts.
//!
//! Pairwise links alone chain everything (A–B on the access, B–C on its duration, C–D on the
//! lawsuit…), so groups are built by average-link agglomeration over the link graph: two groups
//! merge only when the average score over all their cross-article pairs (a missing link counts
//! zero) stays above a threshold. Denials never merge with assertions. A sentence that states
//! several facts then also joins every other group it is, on average, strongly linked to.

use super::index::{Postings, Weighted};
use super::prefetch::prefetch;
use super::score::Params;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

/// A link found between two claims. Twelve bytes: an archive's aligner holds tens of millions
/// of them (100,000 articles: 22.7 M), so claim indexes are stored as `u32`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    a: u32,
    b: u32,
    /// Score.
    pub score: f32,
}

impl Edge {
    /// The link between claims `a < b`.
    pub fn new(a: usize, b: usize, score: f32) -> Edge {
        debug_assert!(a < b && b <= u32::MAX as usize);
        Edge {
            a: a as u32,
            b: b as u32,
            score,
        }
    }

    /// Smaller claim index.
    pub fn a(&self) -> usize {
        self.a as usize
    }

    /// Larger claim index.
    pub fn b(&self) -> usize {
        self.b as usize
    }

    /// `(a, b)`, the order links are sorted in.
    pub fn pair(&self) -> (u32, u32) {
        (self.a, self.b)
    }
}

/// Where each of `claims` claims' links start in a list of every link by claim (each link
/// counted at both ends), and past the last: the offsets of a compact adjacency list.
fn link_offsets(edges: &[Edge], claims: usize) -> Vec<u32> {
    let mut start = vec![0u32; claims + 1];
    for e in edges {
        start[e.a() + 1] += 1;
        start[e.b() + 1] += 1;
    }
    for i in 0..claims {
        start[i + 1] += start[i];
    }
    start
}

/// Which links touch each claim: every claim's same-fact links as `(other claim, score)`
/// ([`Neighbours`]) and its contradiction links as indexes into their list. It depends on the
/// links only: the aligner builds it once, before grouping, and grouping ([`cluster`]),
/// [`secondary`] and [`super::build::build`] all read it. One list by claim serves the three,
/// so the same-fact links themselves (22.7 M at 100,000 articles) need not be kept beside it.
pub struct LinksAt {
    same: Neighbours,
    contra: Touching,
}

impl LinksAt {
    /// Indexes `same` and `contra`, links between `claims` claims sorted by `(a, b)`, by claim.
    pub fn new(same: &[Edge], contra: &[Edge], claims: usize) -> LinksAt {
        let (same, contra) = rayon::join(
            || Neighbours::new(same, claims),
            || Touching::new(contra, claims),
        );
        LinksAt { same, contra }
    }

    /// Every claim's same-fact links.
    pub fn neighbours(&self) -> &Neighbours {
        &self.same
    }

    /// The same-fact links of claim `c`, as `(other claim, score)` sorted by the other claim.
    pub fn same(&self, c: usize) -> &[(u32, f32)] {
        self.same.of(c)
    }

    /// The same links with each same-fact link kept at its smaller claim only: what the facts
    /// are built from once grouping is done, in half the memory.
    pub fn into_forward(self) -> ForwardLinks {
        ForwardLinks {
            same: self.same.forward(),
            contra: self.contra,
        }
    }
}

/// [`LinksAt`] with each same-fact link listed once, at its smaller claim
/// ([`LinksAt::into_forward`]).
pub struct ForwardLinks {
    same: Neighbours,
    contra: Touching,
}

impl ForwardLinks {
    /// The same-fact links from claim `c` to claims after it, as `(other claim, score)` sorted
    /// by the other claim.
    pub fn same(&self, c: usize) -> &[(u32, f32)] {
        self.same.of(c)
    }

    /// The contradiction links touching claim `c`, in link order.
    pub fn contra(&self, c: usize) -> &[u32] {
        self.contra.of(c)
    }
}

/// Each claim's links as `(other claim, score)`, sorted by the other claim: a compact
/// adjacency list (CSR), eight bytes per link end. Links sorted by `(a, b)` fill every row in
/// order; a pair listed twice is one entry, its scores summed in link order (the aligner
/// lists each pair once).
pub struct Neighbours {
    start: Vec<u32>,
    end: Vec<u32>,
    adj: Vec<(u32, f32)>,
}

impl Neighbours {
    /// The links `edges`, sorted by `(a, b)`, between `claims` claims, by claim.
    pub fn new(edges: &[Edge], claims: usize) -> Neighbours {
        debug_assert!(edges.is_sorted_by_key(|e| e.pair()));
        let mut start = link_offsets(edges, claims);
        let mut end: Vec<u32> = start[..claims].to_vec();
        let mut adj = vec![(0u32, 0f32); start[claims] as usize];
        for (k, e) in edges.iter().enumerate() {
            // Each link's larger end is anywhere in the lists: where its row ends, then that
            // end itself, are asked for ahead.
            if let Some(far) = edges.get(k + 16) {
                prefetch(&end[far.b()]);
            }
            if let Some(near) = edges.get(k + 8) {
                prefetch(adj.as_ptr().wrapping_add(end[near.b()] as usize));
            }
            for (x, y) in [(e.a(), e.b()), (e.b(), e.a())] {
                let f = end[x] as usize;
                if f > start[x] as usize && adj[f - 1].0 == y as u32 {
                    adj[f - 1].1 += e.score;
                } else {
                    adj[f] = (y as u32, e.score);
                    end[x] += 1;
                }
            }
        }
        start.truncate(claims);
        Neighbours { start, end, adj }
    }

    /// Number of claims.
    pub fn claims(&self) -> usize {
        self.start.len()
    }

    /// Claim `c`'s links, sorted by the other claim.
    #[inline]
    pub fn of(&self, c: usize) -> &[(u32, f32)] {
        &self.adj[self.start[c] as usize..self.end[c] as usize]
    }

    /// Where claim `c`'s links are in the list of every claim's links: `(start, end)`.
    pub fn bounds(&self, c: usize) -> (u32, u32) {
        (self.start[c], self.end[c])
    }

    /// Every claim's links end to end (read through [`Neighbours::bounds`]).
    pub fn all(&self) -> &[(u32, f32)] {
        &self.adj
    }

    /// The same lists, each link kept at its smaller claim only. Copied into a list of exactly
    /// that size: the allocator would keep shrinking a list of half its size in place, all its
    /// memory still held.
    fn forward(self) -> Neighbours {
        let claims = self.claims();
        let kept: usize = (0..claims)
            .map(|c| self.of(c).iter().filter(|p| p.0 as usize > c).count())
            .sum();
        let mut adj = Vec::with_capacity(kept);
        let (mut start, mut end) = (Vec::with_capacity(claims), Vec::with_capacity(claims));
        for c in 0..claims {
            start.push(adj.len() as u32);
            adj.extend(self.of(c).iter().filter(|p| p.0 as usize > c));
            end.push(adj.len() as u32);
        }
        Neighbours { start, end, adj }
    }

    /// The score of the link between `x` and `y`, 0 when there is none: looked up among the
    /// links of the one with fewer.
    pub fn score(&self, x: usize, y: usize) -> f32 {
        let (x, y) = if self.of(x).len() <= self.of(y).len() {
            (x, y)
        } else {
            (y, x)
        };
        let row = self.of(x);
        row.binary_search_by_key(&(y as u32), |p| p.0)
            .map_or(0.0, |k| row[k].1)
    }
}

/// Edges touching each claim, as indexes into the edge list, in edge order.
struct Touching(Postings);

impl Touching {
    fn new(edges: &[Edge], claims: usize) -> Touching {
        Touching(Postings::new(
            claims,
            edges.iter().map(|e| [e.a, e.b].into_iter()),
        ))
    }

    fn of(&self, c: usize) -> &[u32] {
        self.0.of(c as u32)
    }
}

/// Groups claims by average-link agglomeration over their same-fact links; returns the
/// groups' members (primary membership only), sorted.
pub fn cluster(w: &Weighted, links: &Neighbours, params: &Params) -> Vec<Vec<usize>> {
    let articles: Vec<u32> = w.claims.iter().map(|c| c.article as u32).collect();
    super::agglomerate::agglomerate(&articles, links, params.merge)
}

/// Adds each claim to the other groups it is, on average, linked to above `params.join`
/// (over the group's members from other articles), reading the same-fact links from `at`.
/// Returns the new memberships as `(group, claim)`.
///
/// Memberships are decided member by member, strongest first: a claim joins a group only if it
/// stays linked, on average, to every member from another article the group has *by then*,
/// second members included. Deciding each claim against the primary members alone let two
/// claims that share nothing join one group through different members, and so be stated as
/// one fact.
pub fn secondary(
    w: &Weighted,
    groups: &[Vec<usize>],
    at: &LinksAt,
    params: &Params,
) -> Vec<(usize, usize)> {
    let mut group_of = vec![usize::MAX; w.claims.len()];
    for (g, members) in groups.iter().enumerate() {
        for &c in members {
            group_of[c] = g;
        }
    }
    // Members of each group of two or more by article, sorted by article: how many members
    // of a group are from another article than a claim's is asked for every claim linked to
    // the group, and counting the members each time read every member's claim, scattered
    // over memory, for each of them.
    let by_article: Vec<Vec<(usize, u32)>> = groups
        .par_iter()
        .map(|members| {
            if members.len() < 2 {
                return Vec::new();
            }
            let mut arts: Vec<usize> = members.iter().map(|&m| w.claims[m].article).collect();
            arts.sort_unstable();
            let mut counts: Vec<(usize, u32)> = Vec::new();
            for a in arts {
                match counts.last_mut() {
                    Some((last, n)) if *last == a => *n += 1,
                    _ => counts.push((a, 1)),
                }
            }
            counts.shrink_to_fit();
            counts
        })
        .collect();
    let others = |g: usize, c: usize| {
        let art = w.claims[c].article;
        let counts = &by_article[g];
        let same = counts
            .binary_search_by_key(&art, |p| p.0)
            .map_or(0, |k| counts[k].1 as usize);
        groups[g].len() - same
    };
    // Sum of link scores from each claim to each group, added in link order: a claim's links,
    // in link order, grouped by the group at their other end (a stable sort of the claim's own
    // few links). Sorting both ends of every link of the corpus by `(claim, group)` gave the
    // same sums at the cost of a list twice the links' size and a parallel sort of it.
    let mut candidates: Vec<(f32, usize, usize)> = (0..w.claims.len())
        .into_par_iter()
        .map_init(Vec::new, |row: &mut Vec<(usize, f32)>, c| {
            row.clear();
            row.extend(
                at.same(c)
                    .iter()
                    .map(|&(other, score)| (group_of[other as usize], score)),
            );
            row.sort_by_key(|p| p.0);
            row.chunk_by(|x, y| x.0 == y.0)
                .filter_map(|run| {
                    let g = run[0].0;
                    if group_of[c] == g || groups[g].len() < 2 {
                        return None;
                    }
                    if w.claims[groups[g][0]].denied != w.claims[c].denied {
                        return None;
                    }
                    let s = run[1..].iter().fold(run[0].1, |sum, e| sum + e.1);
                    let n = others(g, c);
                    let avg = s / n.max(1) as f32;
                    (n >= 1 && avg >= params.join).then_some((avg, g, c))
                })
                .collect::<Vec<_>>()
        })
        .flatten_iter()
        .collect();
    // `(g, c)` differs from candidate to candidate: the order is total, an unstable sort
    // gives the one a stable sort would.
    candidates.par_sort_unstable_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.cmp(&y.1))
            .then_with(|| x.2.cmp(&y.2))
    });
    if candidates.is_empty() {
        return Vec::new();
    }
    let link = |x: usize, y: usize| at.neighbours().score(x, y);
    // Second members added so far, per group.
    let mut added: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (avg, g, c) in candidates {
        let extra = added.entry(g).or_default();
        let art = w.claims[c].article;
        let others_extra: Vec<usize> = extra
            .iter()
            .copied()
            .filter(|&m| w.claims[m].article != art)
            .collect();
        if !others_extra.is_empty() {
            let n = others(g, c);
            let total = avg * n as f32 + others_extra.iter().map(|&m| link(c, m)).sum::<f32>();
            if total / ((n + others_extra.len()) as f32) < params.join {
                continue;
            }
        }
        extra.push(c);
        out.push((g, c));
    }
    out.sort_unstable();
    out
}
