//! The merge candidates of [`super::agglomerate`], in the order they are to be tried.
//!
//! Kept apart from the groups because this is where the order of merges, and so the result,
//! is decided: by [`Candidate`]'s `Ord` alone, which every structure here must reproduce
//! exactly, ties included.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A possible merge. Twelve bytes: the queue holds millions of them and its cost is memory
/// traffic.
#[derive(PartialEq, Clone, Copy)]
pub(super) struct Candidate {
    /// Average link of the two groups when pushed (an upper bound of it once either grows).
    pub average: f32,
    /// Smaller group.
    pub a: u32,
    /// Larger group.
    pub b: u32,
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

/// `x` as a `u32` ordered as `f32::total_cmp` orders the floats.
fn key(x: f32) -> u32 {
    let b = x.to_bits() as i32;
    ((b ^ (((b >> 31) as u32) >> 1) as i32) as u32) ^ 0x8000_0000
}

/// Sorts by `average`, best first, keeping ties in their order: an LSD radix sort on [`key`],
/// three passes of 11 bits (a comparison sort of the million links cost three times more).
pub(super) fn sort_best_first(v: &mut Vec<Candidate>) {
    const BITS: u32 = 11;
    const RADIX: usize = 1 << BITS;
    let digit =
        |c: &Candidate, pass: u32| ((!key(c.average) >> (BITS * pass)) as usize) & (RADIX - 1);
    let mut counts = vec![[0usize; RADIX]; 3];
    for c in v.iter() {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit(c, pass as u32)] += 1;
        }
    }
    let mut out: Vec<Candidate> = Vec::with_capacity(v.len());
    for (pass, count) in counts.iter_mut().enumerate() {
        if count.contains(&v.len()) {
            continue;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            (*c, sum) = (sum, sum + *c);
        }
        let spare = out.spare_capacity_mut();
        for c in v.iter() {
            let d = digit(c, pass as u32);
            spare[count[d]].write(*c);
            count[d] += 1;
        }
        // SAFETY: the counts are a permutation of `0..v.len()`: every slot was written once.
        unsafe { out.set_len(v.len()) };
        std::mem::swap(v, &mut out);
        out.clear();
    }
}

/// Width of a [`Queue`] bucket, in low bits of [`key`]: 256 buckets per octave of scores.
const BUCKET_SHIFT: u32 = 15;

/// The merges still to consider, best first: the initial links, sorted once, and the
/// candidates pushed while merging. The latter wait, unsorted, in buckets of nearby scores
/// until the best of what is left falls into their bucket; only then are they filtered
/// (most have lost a side to another merge meanwhile) and heaped. A candidate whose side is
/// gone is skipped when popped, so dropping it earlier changes nothing; everything else comes
/// out in the exact order of one heap of all candidates.
pub(super) struct Queue {
    initial: Vec<Candidate>,
    next: usize,
    /// Every pushed candidate of bucket `cut` or above.
    hot: BinaryHeap<Candidate>,
    /// Pushed candidates of each bucket below `cut`.
    cold: Vec<Vec<Candidate>>,
    /// Bucket of the merge threshold: no candidate is pushed below it.
    base: u32,
    cut: usize,
    /// No bucket above this one is non-empty in `cold`.
    high: usize,
}

impl Queue {
    /// A queue of `initial`, sorted best first; `merge` bounds every candidate pushed from below.
    pub fn new(initial: Vec<Candidate>, merge: f32) -> Self {
        let base = key(merge) >> BUCKET_SHIFT;
        let top = initial
            .first()
            .map_or(base, |c| (key(c.average) >> BUCKET_SHIFT).max(base));
        let buckets = (top - base + 1) as usize;
        Queue {
            initial,
            next: 0,
            hot: BinaryHeap::new(),
            cold: vec![Vec::new(); buckets],
            base,
            cut: buckets,
            high: 0,
        }
    }

    fn bucket(&self, c: &Candidate) -> usize {
        ((key(c.average) >> BUCKET_SHIFT).saturating_sub(self.base)) as usize
    }

    /// Adds a candidate found while merging.
    pub fn push(&mut self, c: Candidate) {
        let k = self.bucket(&c);
        if k >= self.cut {
            self.hot.push(c);
        } else {
            self.cold[k].push(c);
            self.high = self.high.max(k);
        }
    }

    /// The best candidate left, but possibly for dropped ones that are not `live`.
    pub fn pop(&mut self, live: impl Fn(&Candidate) -> bool) -> Option<Candidate> {
        while self.hot.is_empty() {
            while self.high > 0 && self.cold[self.high].is_empty() {
                self.high -= 1;
            }
            let h = self.high;
            if self.cold[h].is_empty()
                || self
                    .initial
                    .get(self.next)
                    .is_some_and(|i| self.bucket(i) > h)
            {
                break;
            }
            let mut waiting = std::mem::take(&mut self.cold[h]);
            waiting.retain(&live);
            self.hot = BinaryHeap::from(waiting);
            self.cut = h;
            self.high = h.saturating_sub(1);
            if h == 0 {
                break;
            }
        }
        let from_initial = match (self.initial.get(self.next), self.hot.peek()) {
            (Some(i), Some(h)) => i >= h,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if from_initial {
            self.next += 1;
            Some(self.initial[self.next - 1])
        } else {
            self.hot.pop()
        }
    }
}
