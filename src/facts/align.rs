//! Grouping linked claims into facts.
//!
//! Pairwise links alone chain everything (A–B on the access, B–C on its duration, C–D on the
//! lawsuit…), so groups are built by average-link agglomeration over the link graph: two groups
//! merge only when the average score over all their cross-article pairs (a missing link counts
//! zero) stays above a threshold. Denials never merge with assertions. A sentence that states
//! several facts then also joins every other group it is, on average, strongly linked to.

use super::index::Weighted;
use super::score::Params;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A same-fact link found between two claims.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    /// Smaller claim index.
    pub a: usize,
    /// Larger claim index.
    pub b: usize,
    /// Score.
    pub score: f32,
}

struct Group {
    members: Vec<usize>,
    articles: HashMap<usize, u32>,
    /// Sum of link scores to each neighbouring group.
    links: HashMap<usize, f32>,
    alive: bool,
}

#[derive(PartialEq)]
struct Candidate {
    average: f32,
    a: usize,
    b: usize,
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

/// Pairs of claims from different articles between two groups.
fn cross_pairs(x: &Group, y: &Group) -> f32 {
    let same: u64 = if x.articles.len() < y.articles.len() {
        x.articles
            .iter()
            .map(|(a, n)| *n as u64 * *y.articles.get(a).unwrap_or(&0) as u64)
            .sum()
    } else {
        y.articles
            .iter()
            .map(|(a, n)| *n as u64 * *x.articles.get(a).unwrap_or(&0) as u64)
            .sum()
    };
    (x.members.len() as u64 * y.members.len() as u64 - same) as f32
}

fn average(groups: &[Group], a: usize, b: usize) -> f32 {
    let pairs = cross_pairs(&groups[a], &groups[b]);
    if pairs == 0.0 {
        return 0.0;
    }
    groups[a].links.get(&b).copied().unwrap_or(0.0) / pairs
}

/// Groups claims by average-link agglomeration over `edges`; returns each claim's group and
/// the groups' members (primary membership only).
pub fn cluster(w: &Weighted, edges: &[Edge], params: &Params) -> Vec<Vec<usize>> {
    let n = w.claims.len();
    let mut groups: Vec<Group> = (0..n)
        .map(|c| Group {
            members: vec![c],
            articles: HashMap::from([(w.claims[c].article, 1)]),
            links: HashMap::new(),
            alive: true,
        })
        .collect();
    for e in edges {
        *groups[e.a].links.entry(e.b).or_default() += e.score;
        *groups[e.b].links.entry(e.a).or_default() += e.score;
    }
    let mut heap: BinaryHeap<Candidate> = edges
        .iter()
        .filter(|e| e.score >= params.merge)
        .map(|e| Candidate {
            average: e.score,
            a: e.a,
            b: e.b,
        })
        .collect();
    while let Some(Candidate { average: avg, a, b }) = heap.pop() {
        if !groups[a].alive || !groups[b].alive {
            continue;
        }
        let now = average(&groups, a, b);
        if now < params.merge {
            continue;
        }
        if now + 1e-6 < avg {
            heap.push(Candidate { average: now, a, b });
            continue;
        }
        // Merge the smaller group into the larger one.
        let (big, small) = if groups[a].members.len() >= groups[b].members.len() {
            (a, b)
        } else {
            (b, a)
        };
        let taken = std::mem::take(&mut groups[small].members);
        let arts = std::mem::take(&mut groups[small].articles);
        let links = std::mem::take(&mut groups[small].links);
        groups[small].alive = false;
        groups[big].members.extend(taken);
        for (art, k) in arts {
            *groups[big].articles.entry(art).or_default() += k;
        }
        groups[big].links.remove(&small);
        // The new average with a neighbour is a weighted mean of the two old ones (links and
        // cross-article pairs both add up). Neighbours of `big` alone can only lose: their
        // entries in the heap stay upper bounds and are corrected when popped. Only
        // neighbours of `small` can gain, so only they get a fresh entry: re-pushing every
        // neighbour of the grown group made a hub cost its degree at every merge.
        for (other, s) in links {
            if other == big {
                continue;
            }
            groups[other].links.remove(&small);
            *groups[other].links.entry(big).or_default() += s;
            *groups[big].links.entry(other).or_default() += s;
            let avg = average(&groups, big, other);
            if avg >= params.merge {
                heap.push(Candidate {
                    average: avg,
                    a: big.min(other),
                    b: big.max(other),
                });
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| g.alive)
        .map(|mut g| {
            g.members.sort_unstable();
            g.members
        })
        .collect()
}

/// Adds each claim to the other groups it is, on average, linked to above `params.join`
/// (over the group's members from other articles). Returns the new memberships as
/// `(group, claim)`.
///
/// Memberships are decided member by member, strongest first: a claim joins a group only if it
/// stays linked, on average, to every member from another article the group has *by then*,
/// second members included. Deciding each claim against the primary members alone let two
/// claims that share nothing join one group through different members, and so be stated as
/// one fact.
pub fn secondary(
    w: &Weighted,
    groups: &[Vec<usize>],
    edges: &[Edge],
    params: &Params,
) -> Vec<(usize, usize)> {
    let mut group_of = vec![usize::MAX; w.claims.len()];
    for (g, members) in groups.iter().enumerate() {
        for &c in members {
            group_of[c] = g;
        }
    }
    // Sum of link scores from each claim to each group.
    let mut sums: HashMap<(usize, usize), f32> = HashMap::new();
    for e in edges {
        *sums.entry((e.a, group_of[e.b])).or_default() += e.score;
        *sums.entry((e.b, group_of[e.a])).or_default() += e.score;
    }
    let others = |members: &[usize], c: usize| {
        let art = w.claims[c].article;
        members
            .iter()
            .filter(|&&m| w.claims[m].article != art)
            .count()
    };
    let mut candidates: Vec<(f32, usize, usize)> = sums
        .into_iter()
        .filter_map(|((c, g), s)| {
            if group_of[c] == g || groups[g].len() < 2 {
                return None;
            }
            if w.claims[groups[g][0]].denied != w.claims[c].denied {
                return None;
            }
            let n = others(&groups[g], c);
            let avg = s / n.max(1) as f32;
            (n >= 1 && avg >= params.join).then_some((avg, g, c))
        })
        .collect();
    candidates.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.cmp(&y.1))
            .then_with(|| x.2.cmp(&y.2))
    });
    if candidates.is_empty() {
        return Vec::new();
    }
    let score: HashMap<(usize, usize), f32> = edges.iter().map(|e| ((e.a, e.b), e.score)).collect();
    let link = |x: usize, y: usize| score.get(&(x.min(y), x.max(y))).copied().unwrap_or(0.0);
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
            let n = others(&groups[g], c);
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
