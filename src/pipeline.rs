//! The whole analysis of a corpus: claims extracted from every article, then facts aligned
//! across them. The reader, the exports and `stats` all start from an [`Analysis`].

use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::facts::FactSet;
use std::ops::Range;

/// A corpus with its claims and facts.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The articles.
    pub corpus: Corpus,
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

/// Extracts claims and aligns facts.
pub fn analyze(corpus: Corpus) -> Analysis {
    let claims = crate::claims::extract(&corpus);
    let mut claims_by_article = vec![0..0; corpus.articles.len()];
    let mut i = 0;
    for (a, range) in claims_by_article.iter_mut().enumerate() {
        let start = i;
        while i < claims.len() && claims[i].article == a {
            i += 1;
        }
        *range = start..i;
    }
    let facts = crate::facts::align(&corpus, &claims);
    Analysis {
        corpus,
        claims,
        claims_by_article,
        facts,
    }
}
