//! [`agglomerate`] against the plain agglomeration it replaced (one hash map of link sums per
//! group, every neighbour told of every merge), on random link graphs: the two must agree
//! exactly, including where scores tie and sums round.

use super::super::align::{Edge, Neighbours};
use super::agglomerate_observed;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

#[derive(PartialEq, Clone, Copy)]
struct Cand(f32, u32, u32);

impl Eq for Cand {}

impl PartialOrd for Cand {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cand {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
            .then_with(|| other.2.cmp(&self.2))
    }
}

struct Group {
    members: Vec<usize>,
    articles: HashMap<u32, u64>,
    links: HashMap<u32, f32>,
    alive: bool,
}

fn average(groups: &[Group], a: u32, b: u32) -> f32 {
    let (ga, gb) = (&groups[a as usize], &groups[b as usize]);
    let same: u64 = ga
        .articles
        .iter()
        .map(|(art, n)| n * gb.articles.get(art).copied().unwrap_or(0))
        .sum();
    let pairs = (ga.members.len() as u64 * gb.members.len() as u64 - same) as f32;
    if pairs == 0.0 {
        return 0.0;
    }
    ga.links.get(&b).copied().unwrap_or(0.0) / pairs
}

fn reference(
    articles: &[u32],
    edges: &[Edge],
    merge: f32,
    merges: &mut Vec<(u32, u32, u32)>,
) -> Vec<Vec<usize>> {
    let mut groups: Vec<Group> = (0..articles.len())
        .map(|c| Group {
            members: vec![c],
            articles: HashMap::from([(articles[c], 1)]),
            links: HashMap::new(),
            alive: true,
        })
        .collect();
    for e in edges {
        *groups[e.a()].links.entry(e.b() as u32).or_default() += e.score;
        *groups[e.b()].links.entry(e.a() as u32).or_default() += e.score;
    }
    let mut heap: BinaryHeap<Cand> = edges
        .iter()
        .filter(|e| e.score >= merge)
        .map(|e| Cand(e.score, e.a() as u32, e.b() as u32))
        .collect();
    while let Some(Cand(avg, a, b)) = heap.pop() {
        if !groups[a as usize].alive || !groups[b as usize].alive {
            continue;
        }
        let now = average(&groups, a, b);
        if now < merge {
            continue;
        }
        if now + 1e-6 < avg {
            heap.push(Cand(now, a, b));
            continue;
        }
        let (big, small) = if groups[a as usize].members.len() >= groups[b as usize].members.len() {
            (a, b)
        } else {
            (b, a)
        };
        merges.push((big, small, now.to_bits()));
        let (bi, si) = (big as usize, small as usize);
        let taken = std::mem::take(&mut groups[si].members);
        let arts = std::mem::take(&mut groups[si].articles);
        let links = std::mem::take(&mut groups[si].links);
        groups[si].alive = false;
        groups[bi].members.extend(taken);
        for (art, n) in arts {
            *groups[bi].articles.entry(art).or_default() += n;
        }
        groups[bi].links.remove(&small);
        for (other, s) in links {
            if other == big {
                continue;
            }
            let o = &mut groups[other as usize].links;
            o.remove(&small);
            *o.entry(big).or_default() += s;
            *groups[bi].links.entry(other).or_default() += s;
            let avg = average(&groups, big, other);
            if avg >= merge {
                heap.push(Cand(avg, big.min(other), big.max(other)));
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

/// xorshift64*: enough for test graphs, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Claims in planted communities (dense, strong links inside, sparse weak ones across), from
/// few articles; with `coarse`, scores on a grid of sixteenths, so that ties are common.
fn graph(seed: u64, coarse: bool) -> (Vec<u32>, Vec<Edge>) {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let n = 20 + rng.below(400) as usize;
    let nart = 2 + rng.below(30) as u32;
    let articles: Vec<u32> = (0..n).map(|_| rng.below(nart as u64) as u32).collect();
    let community: Vec<u64> = (0..n).map(|_| rng.below(1 + n as u64 / 8)).collect();
    let score = |lo: f32, rng: &mut Rng| {
        let s = lo + (1.0 - lo) * rng.unit();
        if coarse { (s * 16.0).ceil() / 16.0 } else { s }
    };
    let mut edges = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let inside = community[a] == community[b];
            if rng.below(100) < if inside { 80 } else { 3 } {
                let s = score(if inside { 0.3 } else { 0.2 }, &mut rng);
                edges.push(Edge::new(a, b, s));
            }
        }
    }
    (articles, edges)
}

#[test]
fn agrees_with_the_plain_agglomeration() {
    for seed in 0..300 {
        let (articles, edges) = graph(seed, seed % 2 == 0);
        let (mut fast, mut plain) = (Vec::new(), Vec::new());
        let links = Neighbours::new(&edges, articles.len());
        let groups = agglomerate_observed(&articles, &links, 0.24, |big, small, avg| {
            fast.push((big, small, avg.to_bits()))
        });
        assert_eq!(
            groups,
            reference(&articles, &edges, 0.24, &mut plain),
            "seed {seed}"
        );
        assert_eq!(fast, plain, "seed {seed}");
    }
}
