//! One-letter typos of names ("Netlix" for "Netflix"), found without comparing every pair.
//!
//! A symmetric-deletion index: each indexed name is stored under itself and under every string
//! obtained by deleting one of its chars. Two names within one edit of each other then share
//! at least one of those keys, so a lookup costs the length of the name, not the size of the
//! corpus. [`within_one_edit`] confirms each candidate the index proposes.

use foldhash::{HashMap, HashMapExt};

/// Shortest name corrected as a typo (shorter names collide too easily).
pub(super) const TYPO_MIN_CHARS: usize = 5;
/// Longest name indexed for typo correction (bounds the work per name).
const TYPO_MAX_CHARS: usize = 40;

/// Names (by caller-chosen index) under their one-deletion variants.
#[derive(Debug, Default)]
pub(super) struct TypoIndex {
    variants: HashMap<String, Vec<usize>>,
}

/// True when a name of `n` chars is long enough to be corrected and short enough to index.
fn indexed_length(n: usize) -> bool {
    (TYPO_MIN_CHARS..=TYPO_MAX_CHARS).contains(&n)
}

impl TypoIndex {
    /// An empty index.
    pub(super) fn new() -> TypoIndex {
        TypoIndex {
            variants: HashMap::new(),
        }
    }

    /// Indexes name `i` under its folded key.
    pub(super) fn insert(&mut self, key: &str, i: usize) {
        if !indexed_length(key.chars().count()) {
            return;
        }
        for v in std::iter::once(key.to_string()).chain(deletions(key)) {
            let list = self.variants.entry(v).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        }
    }

    /// Indexed names that may be within one edit of `key` (confirm with [`within_one_edit`]);
    /// none for a key too short or too long to correct.
    pub(super) fn candidates<'a>(&'a self, key: &'a str) -> impl Iterator<Item = usize> + 'a {
        let variants: Box<dyn Iterator<Item = String>> = if indexed_length(key.chars().count()) {
            Box::new(std::iter::once(key.to_string()).chain(deletions(key)))
        } else {
            Box::new(std::iter::empty())
        };
        variants.flat_map(move |v| self.variants.get(&v).into_iter().flatten().copied())
    }
}

/// Every string obtained by deleting one char.
fn deletions(s: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len()).map(move |k| {
        chars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != k)
            .map(|(_, c)| c)
            .collect()
    })
}

/// True when `a` and `b` differ by at most one insertion, deletion or substitution.
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_one() {
        assert!(within_one_edit("netlix", "netflix"));
        assert!(within_one_edit("netflix", "netflax"));
        assert!(within_one_edit("netflix", "netflix"));
        assert!(!within_one_edit("netflix", "entflix"));
        assert!(!within_one_edit("netflix", "netfl"));
    }

    #[test]
    fn the_index_proposes_names_one_edit_away_and_only_long_enough_ones() {
        let mut index = TypoIndex::new();
        index.insert("netflix", 0);
        index.insert("spotify", 1);
        index.insert("meta", 2);
        let found = |k: &str| {
            let mut v: Vec<usize> = index.candidates(k).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        assert_eq!(found("netlix"), vec![0]);
        assert_eq!(found("netflixx"), vec![0]);
        assert_eq!(found("spotifi"), vec![1]);
        // Too short to be indexed or corrected.
        assert!(found("meta").is_empty());
        assert!(found("mota").is_empty());
    }
}
