//! Grouping linked claims into facts.
//!
//! Pairwise links alone chain everything (A–B on the access, B–C on its duration, C–D on the
//! lawsuit…), so groups are built by average-link agglomeration over the link graph: two groups
//! merge only when the average score over all their cross-article pairs (a missing link counts
//! zero) stays above a threshold. Denials never merge with assertions. A sentence that states
//! several facts then also joins every other group it is, on average, strongly linked to.

use super::index::Weighted;
use super::score::Params;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

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
    /// `(article, members from it)`, sorted by article.
    articles: Vec<(u32, u32)>,
    /// Sum of link scores to each neighbouring group.
    links: HashMap<u32, f32>,
    alive: bool,
}

/// A possible merge. Twelve bytes: the queue holds millions of them and its cost is memory
/// traffic.
#[derive(PartialEq, Clone, Copy)]
struct Candidate {
    average: f32,
    a: u32,
    b: u32,
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

/// Members of `x` from each article of `y`, summed over the articles.
fn same_article(x: &[(u32, u32)], y: &[(u32, u32)]) -> u64 {
    let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    small
        .iter()
        .map(|&(a, n)| match large.binary_search_by_key(&a, |p| p.0) {
            Ok(k) => n as u64 * large[k].1 as u64,
            Err(_) => 0,
        })
        .sum()
}

/// Pairs of claims from different articles between two groups.
fn cross_pairs(x: &Group, y: &Group) -> f32 {
    let same = same_article(&x.articles, &y.articles);
    (x.members.len() as u64 * y.members.len() as u64 - same) as f32
}

fn average(groups: &[Group], a: u32, b: u32) -> f32 {
    let (ga, gb) = (&groups[a as usize], &groups[b as usize]);
    let pairs = cross_pairs(ga, gb);
    if pairs == 0.0 {
        return 0.0;
    }
    ga.links.get(&b).copied().unwrap_or(0.0) / pairs
}

/// Two sorted `(article, count)` lists as one.
fn merge_articles(x: &[(u32, u32)], y: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(x.len() + y.len());
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            Ordering::Less => {
                out.push(x[i]);
                i += 1;
            }
            Ordering::Greater => {
                out.push(y[j]);
                j += 1;
            }
            Ordering::Equal => {
                out.push((x[i].0, x[i].1 + y[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&x[i..]);
    out.extend_from_slice(&y[j..]);
    out
}

/// The merges still to consider, best first: the initial links, sorted once, and a heap of
/// the candidates pushed while merging. Popping the better of the two heads is popping the
/// best of all; keeping the million initial links out of the heap keeps it small (most of
/// them are inside a group by the time they come up).
struct Queue {
    initial: Vec<Candidate>,
    next: usize,
    heap: BinaryHeap<Candidate>,
}

impl Queue {
    fn pop(&mut self) -> Option<Candidate> {
        let from_initial = match (self.initial.get(self.next), self.heap.peek()) {
            (Some(i), Some(h)) => i >= h,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if from_initial {
            self.next += 1;
            Some(self.initial[self.next - 1])
        } else {
            self.heap.pop()
        }
    }
}

/// Groups claims by average-link agglomeration over `edges`; returns each claim's group and
/// the groups' members (primary membership only).
pub fn cluster(w: &Weighted, edges: &[Edge], params: &Params) -> Vec<Vec<usize>> {
    let n = w.claims.len();
    let mut degree = vec![0usize; n];
    for e in edges {
        degree[e.a] += 1;
        degree[e.b] += 1;
    }
    let mut groups: Vec<Group> = (0..n)
        .map(|c| Group {
            members: vec![c],
            articles: vec![(w.claims[c].article as u32, 1)],
            links: HashMap::with_capacity(degree[c]),
            alive: true,
        })
        .collect();
    for e in edges {
        *groups[e.a].links.entry(e.b as u32).or_default() += e.score;
        *groups[e.b].links.entry(e.a as u32).or_default() += e.score;
    }
    let mut initial: Vec<Candidate> = edges
        .iter()
        .filter(|e| e.score >= params.merge)
        .map(|e| Candidate {
            average: e.score,
            a: e.a as u32,
            b: e.b as u32,
        })
        .collect();
    initial.par_sort_unstable_by(|x, y| y.cmp(x));
    let mut queue = Queue {
        initial,
        next: 0,
        heap: BinaryHeap::new(),
    };
    while let Some(Candidate { average: avg, a, b }) = queue.pop() {
        if !groups[a as usize].alive || !groups[b as usize].alive {
            continue;
        }
        let now = average(&groups, a, b);
        if now < params.merge {
            continue;
        }
        if now + 1e-6 < avg {
            queue.heap.push(Candidate { average: now, a, b });
            continue;
        }
        // Merge the smaller group into the larger one.
        let (big, small) = if groups[a as usize].members.len() >= groups[b as usize].members.len() {
            (a, b)
        } else {
            (b, a)
        };
        let (bi, si) = (big as usize, small as usize);
        let taken = std::mem::take(&mut groups[si].members);
        let arts = std::mem::take(&mut groups[si].articles);
        let links = std::mem::take(&mut groups[si].links);
        groups[si].alive = false;
        groups[bi].members.extend(taken);
        groups[bi].articles = merge_articles(&groups[bi].articles, &arts);
        groups[bi].links.remove(&small);
        // The new average with a neighbour is a weighted mean of the two old ones (links and
        // cross-article pairs both add up). Neighbours of `big` alone can only lose: their
        // entries in the queue stay upper bounds and are corrected when popped. Only
        // neighbours of `small` can gain, so only they get a fresh entry: re-pushing every
        // neighbour of the grown group made a hub cost its degree at every merge.
        for (other, s) in links {
            if other == big {
                continue;
            }
            let o = &mut groups[other as usize].links;
            o.remove(&small);
            *o.entry(big).or_default() += s;
            *groups[bi].links.entry(other).or_default() += s;
            let avg = average(&groups, big, other);
            if avg >= params.merge {
                queue.heap.push(Candidate {
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
    // Sum of link scores from each claim to each group: both ends of every link as
    // `(claim, group, score)`, stably sorted so that each sum adds in link order, then summed
    // run by run. A hash map of millions of `(claim, group)` keys cost more than the sort, and
    // the runs are read in place: a second list of the sums was the step's largest allocation.
    let mut ends: Vec<(u32, u32, f32)> = Vec::with_capacity(2 * edges.len());
    for e in edges {
        ends.push((e.a as u32, group_of[e.b] as u32, e.score));
        ends.push((e.b as u32, group_of[e.a] as u32, e.score));
    }
    ends.par_sort_by_key(|&(c, g, _)| (c, g));
    let others = |members: &[usize], c: usize| {
        let art = w.claims[c].article;
        members
            .iter()
            .filter(|&&m| w.claims[m].article != art)
            .count()
    };
    let mut candidates: Vec<(f32, usize, usize)> = ends
        .par_chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .filter_map(|run| {
            let (c, g) = (run[0].0 as usize, run[0].1 as usize);
            if group_of[c] == g || groups[g].len() < 2 {
                return None;
            }
            if w.claims[groups[g][0]].denied != w.claims[c].denied {
                return None;
            }
            let s = run[1..].iter().fold(run[0].2, |sum, e| sum + e.2);
            let n = others(&groups[g], c);
            let avg = s / n.max(1) as f32;
            (n >= 1 && avg >= params.join).then_some((avg, g, c))
        })
        .collect();
    drop(ends);
    candidates.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.cmp(&y.1))
            .then_with(|| x.2.cmp(&y.2))
    });
    if candidates.is_empty() {
        return Vec::new();
    }
    // Links come sorted by `(a, b)` (see `facts_from_links`): found by binary search, not
    // through a second map of every link.
    debug_assert!(edges.is_sorted_by_key(|e| (e.a, e.b)));
    let link = |x: usize, y: usize| {
        let key = (x.min(y), x.max(y));
        edges
            .binary_search_by(|e| (e.a, e.b).cmp(&key))
            .map_or(0.0, |k| edges[k].score)
    };
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
