//! Two views of a [`FactSet`] for comparing alignments of the same claims (an incremental one
//! against a cold one): each claim's facts, and the pairs of claims stated as one fact. Shared
//! by `tests/incremental.rs` and `tests/benches/incremental.rs`.

use recoupe::facts::FactSet;
use std::collections::BTreeSet;

/// The ids of each claim's facts.
pub fn memberships(f: &FactSet) -> Vec<BTreeSet<&str>> {
    f.by_claim
        .iter()
        .map(|fs| fs.iter().map(|&i| f.facts[i].id.as_str()).collect())
        .collect()
}

/// Pairs of claims stated as one fact.
pub fn together(f: &FactSet) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for fact in &f.facts {
        for (i, &a) in fact.claims.iter().enumerate() {
            for &b in &fact.claims[i + 1..] {
                out.insert((a.min(b), a.max(b)));
            }
        }
    }
    out
}
