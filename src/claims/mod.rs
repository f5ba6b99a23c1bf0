//! Claims: the check-worthy sentences of each article and what they state, normalised.

mod model;

pub use model::*;

use crate::corpus::Corpus;

/// Extracts the claims of every article, ordered by article then position.
pub fn extract(corpus: &Corpus) -> Vec<Claim> {
    let _ = corpus;
    Vec::new()
}
