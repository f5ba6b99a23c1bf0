//! Facts: claims across articles that state the same proposition.

mod model;

pub use model::*;

use crate::claims::Claim;
use crate::corpus::Corpus;

/// Groups claims that state the same fact across articles.
pub fn align(corpus: &Corpus, claims: &[Claim]) -> FactSet {
    let _ = corpus;
    FactSet {
        facts: Vec::new(),
        by_claim: vec![Vec::new(); claims.len()],
    }
}
