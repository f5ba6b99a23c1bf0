//! Multi-word phrases matched on folded tokens: the normalisers' vocabulary ("plus de", "près
//! d'une", "toutes les deux semaines") on the numbers lexer's tokens, and the claim cues ("selon
//! les documents", "a démenti") on the word tokenizer's.
//!
//! Phrases are tried at nearly every token of every sentence, so lookup is what is made cheap:
//! phrases are bucketed by first token (one hash per position, after a first-byte and length
//! test that rejects most tokens without hashing) and longest first, so that the longest match
//! wins; an index by last token answers "does a phrase end here" for the cues that precede a
//! value.

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

/// A set of bytes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct ByteSet([u64; 4]);

impl ByteSet {
    pub(crate) fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// True when `word` may be one of the words whose first bytes were inserted and whose
    /// length is at most `longest`.
    pub(crate) fn may_start(&self, word: &str, longest: usize) -> bool {
        word.len() <= longest && word.as_bytes().first().is_none_or(|&b| self.contains(b))
    }
}

/// Phrases indexed by their first and last tokens, so that matching at a token costs one hash
/// look-up, not a scan of the list. Longer phrases are tried first ("plus de" before "plus").
#[derive(Debug)]
pub struct PhraseMap<T> {
    by_first: HashMap<String, Vec<(Phrase, T)>>,
    by_last: HashMap<String, Vec<usize>>,
    /// First bytes and longest length of the first words: a cheaper test than hashing.
    first_bytes: ByteSet,
    longest_first: usize,
}

/// A set of phrases.
pub type PhraseSet = PhraseMap<()>;

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
    pub fn at<K: PhraseToken>(&self, toks: &[K], i: usize) -> Option<(usize, &T)> {
        let first = toks.get(i)?.phrase_key();
        if !self.first_bytes.may_start(first, self.longest_first) {
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
