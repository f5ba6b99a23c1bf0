//! What the cache keeps for one article ([`Entry`]), and the same borrowed from an analysis
//! for writing ([`EntryRef`]): the two must encode identically, so they live side by side.

use crate::claims::{Claim, Observations};
use crate::text::Sentence;
use serde::{Deserialize, Serialize};

/// What the cache keeps for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The article id when the entry was written: claim ids start with it and are re-based on
    /// the id the article has now (ids depend on the other files' names).
    pub article_id: String,
    /// The segmentation.
    pub sentences: Vec<Sentence>,
    /// The names the article mentions, for learning the corpus's entity model.
    pub observations: Observations,
    /// Fingerprint of what the claims depend on beyond the article itself: the entity model's
    /// answers for the article's names ([`crate::claims::EntityModel::fingerprint`]); the
    /// claims are reused only when it matches.
    pub context: u64,
    /// The claims, in order, with `article` as it was when written (re-based on read).
    pub claims: Vec<Claim>,
}

/// An [`Entry`] borrowed from the analysis being written. It encodes exactly as the `Entry` it
/// reads back as (the same fields, in the same order): writing an archive's entries must not
/// copy all its claims and sentences first.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EntryRef<'a> {
    /// See [`Entry::article_id`].
    pub article_id: &'a str,
    /// See [`Entry::sentences`].
    pub sentences: &'a [Sentence],
    /// See [`Entry::observations`].
    pub observations: &'a Observations,
    /// See [`Entry::context`].
    pub context: u64,
    /// See [`Entry::claims`].
    pub claims: &'a [Claim],
}

impl Entry {
    /// This entry, borrowed.
    pub fn as_ref(&self) -> EntryRef<'_> {
        EntryRef {
            article_id: &self.article_id,
            sentences: &self.sentences,
            observations: &self.observations,
            context: self.context,
            claims: &self.claims,
        }
    }
}

impl EntryRef<'_> {
    /// True when `back` holds what this entry does.
    pub(super) fn same_as(&self, back: &Entry) -> bool {
        back.article_id == self.article_id
            && back.sentences == self.sentences
            && back.observations == *self.observations
            && back.context == self.context
            && back.claims == self.claims
    }
}
