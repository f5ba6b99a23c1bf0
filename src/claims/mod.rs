//! Claims: the check-worthy sentences of each article and what they state, normalised.

pub mod compare;
pub mod dates;
mod model;
mod numbers;
mod numwords;
pub mod quantity;

pub use model::*;

use crate::corpus::Corpus;
use crate::text::Sentence;

/// Extracts the claims of every article, ordered by article then position. `sentences[i]` is
/// the segmentation of article `i`.
pub fn extract(corpus: &Corpus, sentences: &[Vec<Sentence>]) -> Vec<Claim> {
    let _ = (corpus, sentences);
    Vec::new()
}
