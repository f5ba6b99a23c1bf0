//! Average-link agglomeration over the same-fact link graph, for [`super::align::cluster`].
//!
//! At archive scale this is the largest serial step of the aligner (a million links, a
//! hundred thousand merges), so it is kept apart from the grouping rules and built for speed,
//! under one constraint: the groups must come out exactly as a plain agglomeration over
//! per-group maps of link sums made them. Each link sum is one `f32` addition per merge
//! (`big + small`, for every neighbour of `small`) and every candidate is pushed and popped with
//! the same value, so the merge order, and with it the facts, does not move by a last bit.
//!
//! What makes it fast:
//! - neighbours are never told of a merge: a group's list keeps entries for groups merged
//!   away since, resolved through a union-find table when the list is next read (see
//!   [`Groups::neighbours`]);
//! - the candidates pushed while merging wait in buckets by score until the merging comes
//!   down to them; most of them are dead by then and never enter a heap ([`queue`]).

mod queue;
#[cfg(test)]
mod tests;

use super::align::Neighbours;
use queue::{Candidate, Queue, sort_best_first};
use std::cmp::Ordering;

/// What an average or a list read needs of a group, in one place: one cache miss, not one per
/// field.
#[derive(Clone, Copy)]
struct Node {
    /// Number of the merge that last grew the group (0: never, it is its one claim).
    stamp: u32,
    size: u32,
    /// Its claim's article, while `stamp` is 0.
    article: u32,
    /// Its claim's links in `Groups::adj`, while `stamp` is 0.
    start: u32,
    end: u32,
}

/// The groups being agglomerated.
///
/// A group's list holds one entry per group that was live and linked to it when the list was
/// built, with the sum of links then (built from the links for a claim, at its last growth for
/// a merged group). Nothing is written to a group's list when its neighbours merge, so an entry
/// may name a group merged away since (found through `parent`) and several entries may name
/// one live group.
struct Groups<'a> {
    /// Union-find parents: a live group is its own. Apart from `node`: `find` reads only this
    /// (and `merged`), for every entry of the lists it resolves.
    parent: Vec<u32>,
    /// One bit per group, set once it is merged away: what most candidates are checked for
    /// ([`Groups::live`]), and what `find` asks first. Four in five candidates popped have
    /// lost a side (10,000 articles: 1.70 M of 2.14 M), and reading `parent` for each was a
    /// cache miss at archive scale (5.5 MB at 100,000 articles); the bits (171 kB) stay in
    /// cache.
    merged: Vec<u64>,
    node: Vec<Node>,
    /// Every claim's links, sorted by neighbour, end to end ([`Neighbours::all`]).
    adj: &'a [(u32, f32)],
    /// What each group grown by a merge has in lists.
    grown: Vec<Grown>,
}

impl Groups<'_> {
    fn find(&mut self, mut x: u32) -> u32 {
        if self.live(x) {
            return x;
        }
        loop {
            let p = self.parent[x as usize];
            if p == x {
                return x;
            }
            let up = self.parent[p as usize];
            self.parent[x as usize] = up;
            x = up;
        }
    }

    #[inline]
    fn live(&self, x: u32) -> bool {
        self.merged[x as usize / 64] & (1 << (x % 64)) == 0
    }

    #[inline]
    fn links(&self, x: u32) -> &[(u32, f32)] {
        let n = &self.node[x as usize];
        if n.stamp == 0 {
            &self.adj[n.start as usize..n.end as usize]
        } else {
            &self.grown[x as usize].links
        }
    }

    /// Members of `x` from each article of `y`, summed over the articles.
    fn same_article(&self, x: u32, y: u32) -> u64 {
        let (nx, ny) = (&self.node[x as usize], &self.node[y as usize]);
        let count = |list: &[(u32, u32)], article: u32| {
            list.binary_search_by_key(&article, |p| p.0)
                .map_or(0, |k| list[k].1 as u64)
        };
        match (nx.stamp == 0, ny.stamp == 0) {
            (true, true) => (nx.article == ny.article) as u64,
            (true, false) => count(&self.grown[y as usize].articles, nx.article),
            (false, true) => count(&self.grown[x as usize].articles, ny.article),
            (false, false) => {
                let (ax, ay) = (
                    &self.grown[x as usize].articles,
                    &self.grown[y as usize].articles,
                );
                let (small, large) = if ax.len() <= ay.len() {
                    (ax, ay)
                } else {
                    (ay, ax)
                };
                small.iter().map(|&(a, n)| n as u64 * count(large, a)).sum()
            }
        }
    }

    /// Average link between `x` and `y` given their sum of links: over the pairs of claims
    /// from different articles.
    fn average(&self, x: u32, y: u32, link: f32) -> f32 {
        let both = self.node[x as usize].size as u64 * self.node[y as usize].size as u64;
        let pairs = (both - self.same_article(x, y)) as f32;
        if pairs == 0.0 {
            return 0.0;
        }
        link / pairs
    }

    /// Sum of links between two live groups, from the list of the one grown last: that list
    /// was built when the other was already what it is.
    fn link(&self, a: u32, b: u32) -> f32 {
        let (x, y) = if self.node[a as usize].stamp >= self.node[b as usize].stamp {
            (a, b)
        } else {
            (b, a)
        };
        let list = self.links(x);
        list.binary_search_by_key(&y, |p| p.0)
            .map_or(0.0, |k| list[k].1)
    }

    /// The live groups linked to `x`, but for `skip`, into `found`, with their sums of links in
    /// `sums[_][side]`, tagged `2 * merge` (`2 * merge + 1` while they are being found through
    /// several entries).
    ///
    /// A group reached through a single entry of `x`'s list has exactly that entry's sum: what
    /// merged into it since was not linked to `x`, so nothing was added. One reached through
    /// several was summed by its own merges, in their order; its list, built since, has the sum
    /// and is read instead of adding the entries again in another order.
    fn neighbours(
        &mut self,
        x: u32,
        skip: (u32, u32),
        merge: u32,
        (sums, side): (&mut [[(u32, f32); 2]], usize),
        found: &mut Vec<u32>,
        several: &mut Vec<u32>,
    ) {
        found.clear();
        several.clear();
        let (once, many) = (2 * merge, 2 * merge + 1);
        for i in 0..self.links(x).len() {
            let (k, s) = self.links(x)[i];
            let r = self.find(k);
            if r == skip.0 || r == skip.1 {
                continue;
            }
            let slot = &mut sums[r as usize][side];
            if slot.0 == once {
                slot.0 = many;
                several.push(r);
            } else if slot.0 != many {
                *slot = (once, s);
                found.push(r);
            }
        }
        for &r in several.iter() {
            let list = self.links(r);
            let k = list.binary_search_by_key(&x, |p| p.0);
            sums[r as usize][side].1 = list[k.expect("a merged neighbour lists its neighbours")].1;
        }
    }

    /// Merges `small` into `big` (merge number `merge`), leaving in `s.small_nb` the live
    /// neighbours of `small` and in `s.sums[_][SMALL]` their sums of links with the grown group.
    fn merge(&mut self, big: u32, small: u32, merge: u32, s: &mut Scratch) {
        let (bi, si) = (big as usize, small as usize);
        let skip = (big, small);
        self.neighbours(
            small,
            skip,
            merge,
            (&mut s.sums, SMALL),
            &mut s.small_nb,
            &mut s.several,
        );
        self.neighbours(
            big,
            skip,
            merge,
            (&mut s.sums, BIG),
            &mut s.big_nb,
            &mut s.several,
        );
        s.list.clear();
        for &o in &s.small_nb {
            let o = o as usize;
            let [small_sum, big_sum] = &mut s.sums[o];
            if big_sum.0 >> 1 == merge {
                small_sum.1 += big_sum.1;
            }
            s.list.push((o as u32, small_sum.1));
        }
        let sums = &s.sums;
        s.list.extend(
            s.big_nb
                .iter()
                .filter(|&&o| sums[o as usize][SMALL].0 >> 1 != merge)
                .map(|&o| (o, sums[o as usize][BIG].1)),
        );
        s.list.sort_unstable_by_key(|p| p.0);
        std::mem::swap(&mut self.grown[bi].links, &mut s.list);
        self.grown[si].links = Vec::new();
        let one = |x: usize| [(self.node[x].article, 1)];
        let (big_one, small_one) = (one(bi), one(si));
        let of = |x: usize, one| match self.node[x].stamp {
            0 => one,
            _ => &self.grown[x].articles[..],
        };
        merge_articles(of(bi, &big_one), of(si, &small_one), &mut s.articles);
        std::mem::swap(&mut self.grown[bi].articles, &mut s.articles);
        self.grown[si].articles = Vec::new();
        self.node[bi].size += self.node[si].size;
        self.node[bi].stamp = merge;
        self.parent[si] = big;
        self.merged[si / 64] |= 1 << (si % 64);
    }
}

/// The lists of a group grown by a merge, side by side: an average reads both.
#[derive(Default)]
struct Grown {
    /// Its links, sorted by neighbour.
    links: Vec<(u32, f32)>,
    /// `(article, members from it)`, sorted by article.
    articles: Vec<(u32, u32)>,
}

/// Sides of [`Scratch::sums`].
const SMALL: usize = 0;
const BIG: usize = 1;

/// Buffers reused from merge to merge (the sums are indexed by group).
#[derive(Default)]
struct Scratch {
    /// `[SMALL]` and `[BIG]`: each group's sum of links with the two groups merging, side by
    /// side because a merge reads both for most neighbours (one cache miss, not two).
    sums: Vec<[(u32, f32); 2]>,
    small_nb: Vec<u32>,
    big_nb: Vec<u32>,
    several: Vec<u32>,
    list: Vec<(u32, f32)>,
    articles: Vec<(u32, u32)>,
}

/// Two sorted `(article, count)` lists as one, into `out`.
fn merge_articles(x: &[(u32, u32)], y: &[(u32, u32)], out: &mut Vec<(u32, u32)>) {
    out.clear();
    out.reserve(x.len() + y.len());
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
}

/// Groups claims (of the given articles) by average-link agglomeration over their `links`,
/// merging while the best average is at least `merge`. Returns the groups' members, sorted;
/// the groups come in the order of the claim each kept as its index.
pub fn agglomerate(articles: &[u32], links: &Neighbours, merge: f32) -> Vec<Vec<usize>> {
    agglomerate_observed(articles, links, merge, |_, _, _| {})
}

/// [`agglomerate`], telling `merged` of each merge as `(big, small, average)`: tests compare
/// the averages bit for bit, which the groups alone would rarely show.
fn agglomerate_observed(
    articles: &[u32],
    links: &Neighbours,
    merge: f32,
    mut merged: impl FnMut(u32, u32, f32),
) -> Vec<Vec<usize>> {
    let n = articles.len();
    debug_assert_eq!(links.claims(), n);
    let mut g = Groups {
        parent: (0..n as u32).collect(),
        merged: vec![0; n.div_ceil(64)],
        node: (0..n)
            .map(|c| {
                let (start, end) = links.bounds(c);
                Node {
                    stamp: 0,
                    size: 1,
                    article: articles[c],
                    start,
                    end,
                }
            })
            .collect(),
        adj: links.all(),
        grown: (0..n).map(|_| Grown::default()).collect(),
    };
    // Every link once, from its smaller claim: in `(a, b)` order. Counted first: a list
    // grown by doubling (20 M links at 100,000 articles) held a third more than it needed,
    // and twice that while it grew.
    let initial_of = |a: usize| {
        links
            .of(a)
            .iter()
            .filter(move |&&(b, score)| b as usize > a && score >= merge)
            .map(move |&(b, score)| Candidate {
                average: score,
                a: a as u32,
                b,
            })
    };
    let mut initial: Vec<Candidate> =
        Vec::with_capacity((0..n).map(|a| initial_of(a).count()).sum());
    initial.extend((0..n).flat_map(initial_of));
    // In `(a, b)` order, so a stable sort on the score alone breaks ties as `Candidate` does.
    sort_best_first(&mut initial);
    debug_assert!(initial.is_sorted_by(|x, y| x >= y));
    let mut queue = Queue::new(initial, merge);
    let mut scratch = Scratch {
        sums: vec![[(0, 0.0); 2]; n],
        ..Scratch::default()
    };
    let mut merges = 0u32;
    while let Some(Candidate { average: avg, a, b }) = queue.pop(|c| g.live(c.a) && g.live(c.b)) {
        if !g.live(a) || !g.live(b) {
            continue;
        }
        let now = g.average(a, b, g.link(a, b));
        if now < merge {
            continue;
        }
        if now + 1e-6 < avg {
            queue.push(Candidate { average: now, a, b });
            continue;
        }
        // Merge the smaller group into the larger one.
        let (big, small) = if g.node[a as usize].size >= g.node[b as usize].size {
            (a, b)
        } else {
            (b, a)
        };
        merges += 1;
        merged(big, small, now);
        g.merge(big, small, merges, &mut scratch);
        // The new average with a neighbour is a weighted mean of the two old ones (links and
        // cross-article pairs both add up). Neighbours of `big` alone can only lose: their
        // entries in the queue stay upper bounds and are corrected when popped. Only
        // neighbours of `small` can gain, so only they get a fresh entry: re-pushing every
        // neighbour of the grown group made a hub cost its degree at every merge.
        for &o in &scratch.small_nb {
            let avg = g.average(big, o, scratch.sums[o as usize][SMALL].1);
            if avg >= merge {
                queue.push(Candidate {
                    average: avg,
                    a: big.min(o),
                    b: big.max(o),
                });
            }
        }
    }
    let mut index = vec![u32::MAX; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (x, i) in index.iter_mut().enumerate() {
        if g.live(x as u32) {
            *i = groups.len() as u32;
            groups.push(Vec::with_capacity(g.node[x].size as usize));
        }
    }
    for c in 0..n {
        let r = g.find(c as u32);
        groups[index[r as usize] as usize].push(c);
    }
    groups
}
