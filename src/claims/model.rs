//! The claim data model shared by extraction, alignment, annotation, export and the UI.

use crate::corpus::PartialDate;
use crate::text::Span;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A check-worthy statement: one sentence of one article, with what it states normalised.
///
/// Design: a claim is a whole sentence, never a clause. Fact-checkers cite sentences, the reader
/// highlights sentences, and annotations anchor to them; when a sentence states several facts
/// (an access *and* its duration), its features record each one and the `facts` module lets the
/// claim belong to several facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable identifier: `<article id>#<8 hex digits of a hash of the sentence text>`, with
    /// `-2`, `-3`… appended when the same sentence occurs again in the article.
    pub id: String,
    /// Index of the article in the corpus.
    pub article: usize,
    /// Char span of the sentence in the article's text.
    pub span: Span,
    /// The sentence as written.
    pub text: String,
    /// Check-worthiness in [0, 1].
    pub score: f32,
    /// Why it scored what it did.
    pub reasons: Vec<Reason>,
    /// How the article states it.
    pub modality: Modality,
    /// Who the article says asserts it, when it says. Boxed: most claims have none, and the
    /// 56 bytes it would take inline in every claim add up to 75 MB over 100,000 articles.
    pub attribution: Option<Box<Attribution>>,
    /// People, organisations, products mentioned.
    pub entities: Vec<Entity>,
    /// Amounts, counts, percentages, durations, frequencies.
    pub quantities: Vec<Quantity>,
    /// Dates and periods.
    pub dates: Vec<DateRef>,
    /// Where the claim comes from.
    pub origin: Origin,
}

/// One contribution to a claim's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// What was found.
    pub kind: ReasonKind,
    /// How much it added to the score.
    pub weight: f32,
    /// The words that triggered it, for the details popup.
    pub evidence: CompactString,
}

/// Kinds of evidence that make a sentence worth checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// A number with a unit, an amount, a count, a percentage.
    Quantity,
    /// A date or period.
    Date,
    /// A named person, organisation or product.
    NamedEntity,
    /// A reporting verb ("affirme", "révèle", "said").
    ReportingVerb,
    /// An explicit source ("selon la plainte").
    Attribution,
    /// Concrete, specific wording (proper nouns, technical terms, quotes).
    Specificity,
    /// Something that lowers the score (opinion, hedging, call to action).
    Penalty,
}

/// How a claim is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact by the article.
    #[default]
    Asserted,
    /// Reported as someone's allegation, or in the press conditional.
    Alleged,
    /// Denied, or stated negatively.
    Denied,
    /// Quoted speech.
    Quoted,
    /// Asked, not stated.
    Question,
}

impl Modality {
    /// Badge drawn in the claims panel: a symbol readable without colour.
    pub fn badge(self) -> &'static str {
        match self {
            Modality::Asserted => "●",
            Modality::Alleged => "◐",
            Modality::Denied => "✗",
            Modality::Quoted => "❝",
            Modality::Question => "?",
        }
    }

    /// ASCII badge for terminals without Unicode glyphs.
    pub fn ascii_badge(self) -> &'static str {
        match self {
            Modality::Asserted => "*",
            Modality::Alleged => "~",
            Modality::Denied => "x",
            Modality::Quoted => "\"",
            Modality::Question => "?",
        }
    }

    /// Lower-case name, as exported.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Quoted => "quoted",
            Modality::Question => "question",
        }
    }
}

/// Who asserts a claim, according to the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source, canonicalised when it is a known entity ("le New York Times" → "New York
    /// Times"), else as written ("la plainte").
    pub source: CompactString,
    /// The cue that introduced it ("selon", "affirme", "a écrit", quotation marks).
    pub cue: CompactString,
    /// Span of the attribution phrase in the article.
    pub span: Span,
}

/// Kinds of named entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, institution, court, newspaper.
    Organisation,
    /// A product, service or API.
    Product,
    /// A place.
    Place,
    /// Named, but of unknown kind.
    Other,
}

/// A mention of a named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// As written.
    pub text: CompactString,
    /// Canonical name ("Netlix" → "Netflix", "Hastings" → "Reed Hastings", "Facebook" → "Meta").
    pub canonical: CompactString,
    /// Kind.
    pub kind: EntityKind,
    /// Span in the article.
    pub span: Span,
}

/// Kinds of quantities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    /// An amount of money (`unit` is an ISO currency code).
    Money,
    /// A count of things (`unit` names them when known: "utilisateurs").
    Count,
    /// A percentage (`value` in percent).
    Percent,
    /// A length of time (`unit`: "year", "month", "week", "day").
    Duration,
    /// How often (`value` periods of `unit` between occurrences: every 2 weeks = 2 "week").
    Frequency,
}

/// A normalised quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// As written.
    pub text: CompactString,
    /// Kind.
    pub kind: QuantityKind,
    /// Value (the low end for a range or a vague amount).
    pub value: f64,
    /// High end for ranges and vague amounts ("des centaines de millions" = 1e8..1e9).
    pub max: Option<f64>,
    /// Unit: currency code, counted noun, or time unit.
    pub unit: Option<CompactString>,
    /// "près de", "environ", "plus de", "des centaines"…
    pub approx: bool,
    /// Span in the article.
    pub span: Span,
}

/// Precision of a date reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A day.
    Day,
    /// A week (relative references like "la semaine dernière").
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A span of years or more.
    Period,
}

/// A normalised date or period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRef {
    /// As written.
    pub text: CompactString,
    /// Start (inclusive); `None` for open starts ("jusqu'en avril 2019").
    pub from: Option<PartialDate>,
    /// End (inclusive); equal to `from` for a single date; `None` for open ends.
    pub to: Option<PartialDate>,
    /// Precision.
    pub precision: DatePrecision,
    /// True when resolved against the article date ("la semaine dernière", "le 23 mars").
    pub relative: bool,
    /// Span in the article.
    pub span: Span,
}

/// Where a claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Found by the extractor.
    #[default]
    Extracted,
    /// Marked by the user in the reader (kept across re-extraction by the annotation journal).
    User,
}
