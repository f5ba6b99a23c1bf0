//! Claims: the check-worthy sentences of each article and what they state, normalised.
//!
//! [`extract`] scores every prose sentence ([`score`]) from what it contains: entities with
//! canonical names learned across the corpus ([`entities`]), quantities and dates ([`quantity`],
//! [`dates`]), who asserts it ([`attribution`]) and how ([`modality`]). Cue words live in
//! `assets/cues/{fr,en}.toml` ([`cues`]), known entities in `assets/aliases.toml`.

mod anchors;
pub mod attribution;
mod calendar;
pub mod compare;
pub mod cues;
pub mod dates;
pub mod entities;
pub mod export;
mod extract;
mod lexer;
pub mod modality;
mod model;
mod names;
mod numbers;
mod numwords;
mod phrasemap;
pub mod quantity;
pub mod score;
pub mod tokens;
mod typos;

pub use entities::{EntityModel, Observations};
pub use extract::{Extraction, article_claims, claim_id, extract_all};
pub use model::*;

use crate::corpus::Corpus;
use crate::text::Sentence;

/// Extracts the claims of every article, ordered by article then position. `sentences[i]` is
/// the segmentation of article `i`.
pub fn extract(corpus: &Corpus, sentences: &[Vec<Sentence>]) -> Vec<Claim> {
    extract_all(corpus, sentences).claims
}
