//! Inter-annotator agreement: Cohen's κ on verdicts for each pair of annotators.
//!
//! Each annotator's verdict on a claim is that of their annotation on it that changed last;
//! claims either left without a verdict are not counted. κ = (pₒ − pₑ) / (1 − pₑ), with pₑ from
//! each annotator's own verdict frequencies over the shared claims.

use super::model::Verdict;
use super::replay::State;
use std::collections::{BTreeMap, HashMap};

/// Agreement of two annotators.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// First annotator (alphabetical order).
    pub a: String,
    /// Second annotator.
    pub b: String,
    /// Claims both gave a verdict on.
    pub claims: usize,
    /// Share of those claims with the same verdict.
    pub observed: f64,
    /// Cohen's κ; `None` when undefined (no shared claim, or chance agreement is certain).
    pub kappa: Option<f64>,
}

/// Each annotator's verdicts by claim id (latest annotation wins; no verdict, no entry).
pub fn verdicts(state: &State) -> BTreeMap<String, HashMap<String, Verdict>> {
    let mut latest: HashMap<(String, String), (String, Verdict)> = HashMap::new();
    for a in state.iter() {
        let key = (a.annotator.clone(), a.claim.clone());
        let stamp = format!("{}\u{0}{}", a.updated, a.id);
        if latest.get(&key).is_none_or(|(s, _)| *s < stamp) {
            latest.insert(key, (stamp, a.verdict));
        }
    }
    let mut out: BTreeMap<String, HashMap<String, Verdict>> = BTreeMap::new();
    for ((who, claim), (_, v)) in latest {
        if v != Verdict::None {
            out.entry(who).or_default().insert(claim, v);
        }
    }
    out
}

/// Cohen's κ of paired labels.
pub fn cohen_kappa(pairs: &[(Verdict, Verdict)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(x, y)| x == y).count() as f64 / n;
    let expected: f64 = Verdict::ALL
        .iter()
        .map(|v| {
            let pa = pairs.iter().filter(|(x, _)| x == v).count() as f64 / n;
            let pb = pairs.iter().filter(|(_, y)| y == v).count() as f64 / n;
            pa * pb
        })
        .sum();
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// Agreement for every pair of annotators with at least one verdict.
pub fn pairs(state: &State) -> Vec<Pair> {
    let by = verdicts(state);
    let names: Vec<&String> = by.keys().collect();
    let mut out = Vec::new();
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            let (va, vb) = (&by[*a], &by[*b]);
            let mut shared: Vec<(&String, (Verdict, Verdict))> = va
                .iter()
                .filter_map(|(c, x)| vb.get(c).map(|y| (c, (*x, *y))))
                .collect();
            shared.sort_by(|x, y| x.0.cmp(y.0));
            let labels: Vec<(Verdict, Verdict)> = shared.into_iter().map(|(_, p)| p).collect();
            let agree = labels.iter().filter(|(x, y)| x == y).count();
            out.push(Pair {
                a: (*a).clone(),
                b: (*b).clone(),
                claims: labels.len(),
                observed: if labels.is_empty() {
                    0.0
                } else {
                    agree as f64 / labels.len() as f64
                },
                kappa: cohen_kappa(&labels),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{False, Misleading, True};

    #[test]
    fn kappa_matches_a_hand_computed_example() {
        // 10 claims. A: 5 true, 3 false, 2 misleading; B: 4 true, 4 false, 2 misleading.
        // Agreements: 4 true, 2 false, 1 misleading → pₒ = 0.7.
        // pₑ = 0.5·0.4 + 0.3·0.4 + 0.2·0.2 = 0.36 → κ = 0.34 / 0.64 = 0.53125.
        let pairs = [
            (True, True),
            (True, True),
            (True, True),
            (True, True),
            (True, False),
            (False, False),
            (False, False),
            (False, Misleading),
            (Misleading, Misleading),
            (Misleading, False),
        ];
        let k = cohen_kappa(&pairs).unwrap();
        assert!((k - 0.53125).abs() < 1e-9, "{k}");
    }

    #[test]
    fn degenerate_cases() {
        assert_eq!(cohen_kappa(&[]), None);
        assert_eq!(cohen_kappa(&[(True, True), (True, True)]), None);
        assert_eq!(cohen_kappa(&[(True, False), (False, True)]), Some(-1.0));
    }
}
