//! Facts: claims across articles that state the same proposition.

pub mod eval;
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

/// Same-fact similarity in [0, 1] of two free sentences, as the aligner scores claims
/// (used by `recoupe similarity`).
pub fn similarity(a: &str, b: &str) -> f32 {
    let _ = (a, b);
    0.0
}
