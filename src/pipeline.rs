//! The whole analysis of a corpus: sentences segmented, claims extracted from every article,
//! then facts aligned across them. The reader, the exports and `stats` all start from an
//! [`Analysis`].

use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::facts::FactSet;
use crate::text::Sentence;
use rayon::prelude::*;
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

/// Segments every article (in parallel).
pub fn segment_all(corpus: &Corpus) -> Vec<Vec<Sentence>> {
    corpus
        .articles
        .par_iter()
        .map(|a| crate::text::segment(&a.text, a.body, &a.repeated_headlines))
        .collect()
}

/// Groups claims (sorted by article) into one range per article.
fn ranges_by_article(claims: &[Claim], articles: usize) -> Vec<Range<usize>> {
    let mut ranges = vec![0..0; articles];
    let mut i = 0;
    for (a, range) in ranges.iter_mut().enumerate() {
        let start = i;
        while i < claims.len() && claims[i].article == a {
            i += 1;
        }
        *range = start..i;
    }
    ranges
}

/// Segments, extracts claims and aligns facts.
pub fn analyze(corpus: Corpus) -> Analysis {
    let sentences = segment_all(&corpus);
    let claims = crate::claims::extract(&corpus, &sentences);
    let claims_by_article = ranges_by_article(&claims, corpus.articles.len());
    let facts = crate::facts::align(&corpus, &claims);
    Analysis {
        corpus,
        sentences,
        claims,
        claims_by_article,
        facts,
    }
}
