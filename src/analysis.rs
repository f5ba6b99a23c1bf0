//! The analysis of a corpus as data: its articles, their sentences, every claim and the facts
//! across them. [`crate::pipeline`] computes it (with caching, progress and timings); the
//! exports, annotations and the reader only read it, so it lives here, beside the core
//! modules it is made of, and not in the pipeline that fills it.

use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::facts::FactSet;
use crate::text::Sentence;
use std::ops::Range;

/// A corpus with its sentences, claims and facts.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The articles.
    pub corpus: Corpus,
    /// `sentences[i]`: the segmentation of article `i` (prose, headings, furniture).
    pub sentences: Vec<Vec<Sentence>>,
    /// Every claim of the corpus, ordered by article then position.
    pub claims: Vec<Claim>,
    /// `claims_by_article[i]` is the range of [`Analysis::claims`] that belongs to article `i`.
    pub claims_by_article: Vec<Range<usize>>,
    /// Facts across articles.
    pub facts: FactSet,
}

impl Analysis {
    /// The claims of article `i`.
    pub fn article_claims(&self, i: usize) -> &[Claim] {
        self.claims_by_article
            .get(i)
            .map_or(&[], |r| &self.claims[r.clone()])
    }
}
