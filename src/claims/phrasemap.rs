//! Multi-word phrases of the normalisers' vocabulary ("plus de", "près d'une", "toutes les
//! deux semaines"), matched on the numbers tokenizer's folded tokens.
//!
//! The normalisers try a phrase at nearly every token of every sentence, so lookup is what is
//! made cheap: phrases are bucketed by first token (one hash per position, after a first-byte
//! and length test that rejects most tokens without hashing) and longest first, so that the
//! longest match wins; an index by last token answers "does a phrase end here" for the cues
//! that precede a value.

use super::cues::ByteSet;
use super::numbers::Tok;
use foldhash::{HashMap, HashMapExt};

/// A phrase as the tokenizer splits it: the folded text of each token.
pub(crate) type Phrase = Vec<String>;

/// Phrases indexed by their first and last tokens, so that matching at a token costs one hash
/// look-up, not a scan of the list. Longer phrases are tried first ("plus de" before "plus").
#[derive(Debug)]
pub(crate) struct PhraseMap<T> {
    by_first: HashMap<String, Vec<(Phrase, T)>>,
    by_last: HashMap<String, Vec<usize>>,
    /// First bytes and longest length of the first words: a cheaper test than hashing.
    first_bytes: ByteSet,
    longest_first: usize,
}

/// A set of phrases.
pub(crate) type PhraseSet = PhraseMap<()>;

impl<T> Default for PhraseMap<T> {
    fn default() -> Self {
        PhraseMap {
            by_first: HashMap::new(),
            by_last: HashMap::new(),
            first_bytes: ByteSet::default(),
            longest_first: 0,
        }
    }
}

impl<T> PhraseMap<T> {
    pub(crate) fn insert(&mut self, p: Phrase, v: T) {
        let (Some(first), Some(last)) = (p.first().cloned(), p.last().cloned()) else {
            return;
        };
        let lens = self.by_last.entry(last).or_default();
        if !lens.contains(&p.len()) {
            lens.push(p.len());
            lens.sort_unstable_by(|a, b| b.cmp(a));
        }
        if let Some(&b) = first.as_bytes().first() {
            self.first_bytes.insert(b);
        }
        self.longest_first = self.longest_first.max(first.len());
        let bucket = self.by_first.entry(first).or_default();
        if bucket.iter().any(|(q, _)| *q == p) {
            return;
        }
        bucket.push((p, v));
        bucket.sort_by_key(|(q, _)| std::cmp::Reverse(q.len()));
    }

    /// The longest phrase matched at `toks[i..]`: its length in tokens and value.
    pub(crate) fn at(&self, toks: &[Tok<'_>], i: usize) -> Option<(usize, &T)> {
        let first: &str = &toks.get(i)?.norm;
        if !self.first_bytes.may_start(first, self.longest_first) {
            return None;
        }
        let bucket = self.by_first.get(first)?;
        bucket.iter().find_map(|(p, v)| {
            let fits =
                i + p.len() <= toks.len() && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.norm);
            fits.then_some((p.len(), v))
        })
    }

    /// The length of the longest phrase that ends right before token `i`.
    pub(crate) fn ends_at(&self, toks: &[Tok<'_>], i: usize) -> Option<usize> {
        let last = toks.get(i.checked_sub(1)?)?;
        let lens = self.by_last.get(last.norm.as_ref())?;
        lens.iter()
            .copied()
            .find(|&n| n <= i && self.at(toks, i - n).is_some_and(|(m, _)| m == n))
    }

    /// The first words of the phrases.
    pub(crate) fn firsts(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// Every phrase.
    pub(crate) fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.by_first.values().flatten().map(|(p, _)| p)
    }
}

impl<T> Extend<(Phrase, T)> for PhraseMap<T> {
    fn extend<I: IntoIterator<Item = (Phrase, T)>>(&mut self, iter: I) {
        for (p, v) in iter {
            self.insert(p, v);
        }
    }
}

impl Extend<Phrase> for PhraseMap<()> {
    fn extend<I: IntoIterator<Item = Phrase>>(&mut self, iter: I) {
        for p in iter {
            self.insert(p, ());
        }
    }
}
