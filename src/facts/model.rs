//! The fact data model shared by the aligner, export and the UI.

use serde::{Deserialize, Serialize};

/// A proposition stated by one or more claims, usually across several articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable identifier (a hash of the member claim ids' anchors), e.g. `f-3fa2c1d0`.
    pub id: String,
    /// Short human label ("Netflix · accès · messages privés · ≈10 ans").
    pub label: String,
    /// Indexes of the member claims (into the corpus claim list), in reading order.
    pub claims: Vec<usize>,
    /// Indexes of the articles that state it, sorted.
    pub articles: Vec<usize>,
    /// Conflicting values for the same role among the members.
    pub conflicts: Vec<Conflict>,
    /// Facts this one contradicts (a denial and the allegation it denies), by index.
    pub contradicts: Vec<usize>,
    /// Why members are linked: one entry per link kept.
    pub why: Vec<Link>,
}

/// Members of one fact disagreeing on a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The role the values play ("date", "amount", "count", "duration").
    pub kind: String,
    /// The values, as written, one per disagreeing side.
    pub values: Vec<String>,
    /// The claims holding them.
    pub claims: Vec<usize>,
}

/// How two claims are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Found by the aligner: they state the same fact.
    Same,
    /// One denies what the other states.
    Contradicts,
    /// Linked by a user's annotation.
    Manual,
}

/// A link between two claims and the reasons for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// One claim (index).
    pub a: usize,
    /// The other claim (index).
    pub b: usize,
    /// Kind of link.
    pub kind: LinkKind,
    /// Similarity in [0, 1].
    pub score: f32,
    /// What they share: entities, values, key phrases, as human-readable strings (one list
    /// shared between the links that give the same reasons, see [`super::reasons`]).
    #[serde(deserialize_with = "super::reasons::deserialize")]
    pub anchors: super::reasons::Reasons,
}

/// All facts of a corpus with the reverse index from claims.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactSet {
    /// The facts, sorted by number of articles (most first), then id.
    pub facts: Vec<Fact>,
    /// For each claim index, the facts it belongs to.
    pub by_claim: Vec<Vec<usize>>,
}
