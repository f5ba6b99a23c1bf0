//! Multi-word phrases matched on folded tokens: the normalisers' vocabulary ("plus de", "près
//! d'une", "toutes les deux semaines") on the numbers lexer's tokens, and the claim cues ("selon
//! les documents", "a démenti") on the word tokenizer's.
//!
//! Phrases are tried at nearly every token of every sentence, so lookup is what is made cheap:
//! phrases are bucketed by first token (one hash per position, after a filter on the token's
//! length and end bytes that rejects most tokens without hashing) and longest first, so that
//! the longest match wins; an index by last token answers "does a phrase end here" for the
//! cues that precede a value.

use super::lexer::Tok;
use super::tokens::Token;
use foldhash::{HashMap, HashMapExt};

/// A phrase as the tokenizer splits it: the folded text of each token.
pub type Phrase = Vec<String>;

/// A token a phrase is matched on, by its folded text.
pub trait PhraseToken {
    /// The folded text compared with a phrase's words.
    fn phrase_key(&self) -> &str;
}

impl PhraseToken for Tok<'_> {
    fn phrase_key(&self) -> &str {
        &self.norm
    }
}

impl PhraseToken for Token<'_> {
    fn phrase_key(&self) -> &str {
        &self.folded
    }
}

/// A filter over words, with no false negatives: a bit per hash of a word's length and its
/// first and last two bytes. It rejects nearly every word that is no phrase's first one
/// without hashing the whole word (a first-byte test alone let most French words through:
/// "de", "la", "le" share their first letter with some phrase of nearly every set).
#[derive(Debug, Clone)]
pub(crate) struct WordFilter {
    bits: Box<[u64; FILTER_WORDS]>,
}

/// Words of 64 bits in a [`WordFilter`]: 8,192 bits, a kilobyte per phrase set, for sets of
/// at most a few hundred first words.
const FILTER_WORDS: usize = 128;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: Box::new([0; FILTER_WORDS]),
        }
    }
}

impl WordFilter {
    fn slot(word: &str) -> usize {
        let b = word.as_bytes();
        let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
        let n = b.len();
        let tail = |k: usize| if n > k { at(n - 1 - k) } else { 0 };
        let key = at(0) | at(1) << 8 | tail(1) << 16 | tail(0) << 24 | (n.min(255) as u64) << 32;
        // Fibonacci hashing: the top bits of the product mix every byte of the key.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - 13)) as usize
    }

    pub(crate) fn insert(&mut self, word: &str) {
        let s = Self::slot(word);
        self.bits[s >> 6] |= 1 << (s & 63);
    }

    /// False when `word` was certainly never inserted.
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        let s = Self::slot(word);
        self.bits[s >> 6] & (1 << (s & 63)) != 0
    }
}

/// Phrases indexed by their first and last tokens, so that matching at a token costs one hash
/// look-up, not a scan of the list. Longer phrases are tried first ("plus de" before "plus").
#[derive(Debug)]
pub struct PhraseMap<T> {
    by_first: HashMap<String, Vec<(Phrase, T)>>,
    by_last: HashMap<String, Vec<usize>>,
    /// The first words: a cheaper test than hashing.
    firsts: WordFilter,
}

/// A set of phrases.
pub type PhraseSet = PhraseMap<()>;

impl<T> Default for PhraseMap<T> {
    fn default() -> Self {
        PhraseMap {
            by_first: HashMap::new(),
            by_last: HashMap::new(),
            firsts: WordFilter::default(),
        }
    }
}

impl<T> PhraseMap<T> {
    /// Adds phrase `p` (folded words) with value `v`; a phrase already present keeps its first
    /// value.
    pub fn insert(&mut self, p: Phrase, v: T) {
        let (Some(first), Some(last)) = (p.first().cloned(), p.last().cloned()) else {
            return;
        };
        let lens = self.by_last.entry(last).or_default();
        if !lens.contains(&p.len()) {
            lens.push(p.len());
            lens.sort_unstable_by(|a, b| b.cmp(a));
        }
        self.firsts.insert(&first);
        let bucket = self.by_first.entry(first).or_default();
        if bucket.iter().any(|(q, _)| *q == p) {
            return;
        }
        bucket.push((p, v));
        bucket.sort_by_key(|(q, _)| std::cmp::Reverse(q.len()));
    }

    /// The longest phrase matched at `toks[i..]`: its length in tokens and value.
    pub fn at<K: PhraseToken>(&self, toks: &[K], i: usize) -> Option<(usize, &T)> {
        let first = toks.get(i)?.phrase_key();
        if !self.firsts.may_contain(first) {
            return None;
        }
        let bucket = self.by_first.get(first)?;
        bucket.iter().find_map(|(p, v)| {
            let fits = i + p.len() <= toks.len()
                && p.iter().zip(&toks[i..]).all(|(w, t)| w == t.phrase_key());
            fits.then_some((p.len(), v))
        })
    }

    /// The length of the longest phrase that ends right before token `i`.
    pub fn ends_at<K: PhraseToken>(&self, toks: &[K], i: usize) -> Option<usize> {
        let last = toks.get(i.checked_sub(1)?)?;
        let lens = self.by_last.get(last.phrase_key())?;
        lens.iter()
            .copied()
            .find(|&n| n <= i && self.at(toks, i - n).is_some_and(|(m, _)| m == n))
    }

    /// Length in tokens of the longest phrase starting at token `i`, if any.
    pub fn match_at<K: PhraseToken>(&self, toks: &[K], i: usize) -> Option<usize> {
        self.at(toks, i).map(|(n, _)| n)
    }

    /// Every non-overlapping match, leftmost-longest, as (first token, length).
    pub fn find_all<K: PhraseToken>(&self, toks: &[K]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.match_at(toks, i) {
                Some(n) => {
                    out.push((i, n));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
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
