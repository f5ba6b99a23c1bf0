//! The `recoupe/1` JSON export document: articles, claims, facts and annotations, with every
//! span as start/end char offsets into the article file's text.
//!
//! These types are the export's contract (documented in the README's "Export schema"): field
//! names and meanings change only with the schema version. Claims and facts refer to each other
//! and to articles by id, never by index, so that a document stays meaningful on its own.

use crate::analysis::Analysis;
use crate::claims::{Claim, DatePrecision, EntityKind, Modality, QuantityKind, Reason};
use crate::facts::LinkKind;
use serde::{Deserialize, Serialize};

/// Schema identifier written in every document.
pub const SCHEMA: &str = "recoupe/1";

/// The whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The articles, in corpus order.
    pub articles: Vec<ArticleOut>,
    /// The claims, by article then position.
    pub claims: Vec<ClaimOut>,
    /// The facts, most covered first.
    pub facts: Vec<FactOut>,
    /// The user's annotations (filled by the annotation layer; empty without a journal).
    pub annotations: Vec<serde_json::Value>,
}

/// One article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleOut {
    /// Article id (file stem, unique).
    pub id: String,
    /// File it was read from.
    pub path: String,
    /// Title.
    pub title: String,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when known.
    pub date: Option<String>,
    /// Language code ("fr", "en", "und").
    pub lang: String,
    /// Length of the text in chars.
    pub chars: usize,
}

/// One claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimOut {
    /// Claim id (`<article id>#<8 hex>`).
    pub id: String,
    /// Article id.
    pub article: String,
    /// First char of the sentence.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The sentence as written.
    pub text: String,
    /// Check-worthiness in [0, 1].
    pub score: f32,
    /// What made the score.
    pub reasons: Vec<Reason>,
    /// asserted, alleged, denied, quoted, question.
    pub modality: Modality,
    /// Who asserts it, when the article says.
    pub attribution: Option<AttributionOut>,
    /// Entities mentioned.
    pub entities: Vec<EntityOut>,
    /// Quantities stated.
    pub quantities: Vec<QuantityOut>,
    /// Dates stated.
    pub dates: Vec<DateOut>,
    /// Ids of the facts the claim belongs to.
    pub facts: Vec<String>,
}

/// Who asserts a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionOut {
    /// The source (canonical name when it is an entity).
    pub source: String,
    /// The cue ("selon", "a écrit", "« »" for quoted speech).
    pub cue: String,
    /// Span of the attribution phrase.
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityOut {
    /// As written.
    pub text: String,
    /// Canonical name.
    pub canonical: String,
    /// person, organisation, product, place, other.
    pub kind: EntityKind,
    /// Start char.
    pub start: usize,
    /// End char.
    pub end: usize,
}

/// A normalised quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityOut {
    /// As written.
    pub text: String,
    /// money, count, percent, duration, frequency.
    pub kind: QuantityKind,
    /// Value (low end of a range).
    pub value: f64,
    /// High end of a range, when there is one.
    pub max: Option<f64>,
    /// Unit (currency code, counted noun, time unit).
    pub unit: Option<String>,
    /// Approximate ("près de", "about").
    pub approx: bool,
    /// Start char.
    pub start: usize,
    /// End char.
    pub end: usize,
}

/// A normalised date or period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateOut {
    /// As written.
    pub text: String,
    /// Start (inclusive), `YYYY[-MM[-DD]]`.
    pub from: Option<String>,
    /// End (inclusive).
    pub to: Option<String>,
    /// day, week, month, year, period.
    pub precision: DatePrecision,
    /// Start char.
    pub start: usize,
    /// End char.
    pub end: usize,
}

/// A fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactOut {
    /// Fact id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Member claim ids.
    pub claims: Vec<String>,
    /// Ids of the articles stating it.
    pub articles: Vec<String>,
    /// Disagreements among members.
    pub conflicts: Vec<ConflictOut>,
    /// Ids of facts this one contradicts.
    pub contradicts: Vec<String>,
    /// Why members are linked.
    pub why: Vec<LinkOut>,
}

/// Members of a fact disagreeing on a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictOut {
    /// The role ("date", "amount"…).
    pub kind: String,
    /// The values as written.
    pub values: Vec<String>,
    /// Claim ids holding them.
    pub claims: Vec<String>,
}

/// A link between two member claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkOut {
    /// One claim id.
    pub a: String,
    /// The other claim id.
    pub b: String,
    /// same, contradicts, manual.
    pub kind: LinkKind,
    /// Similarity in [0, 1].
    pub score: f32,
    /// What they share.
    pub anchors: crate::facts::reasons::Reasons,
}

fn claim_out(a: &Analysis, index: usize, c: &Claim) -> ClaimOut {
    let fact_ids = a
        .facts
        .by_claim
        .get(index)
        .into_iter()
        .flatten()
        .filter_map(|&f| a.facts.facts.get(f).map(|f| f.id.clone()))
        .collect();
    ClaimOut {
        id: c.id.clone(),
        article: a
            .corpus
            .articles
            .get(c.article)
            .map_or_else(String::new, |x| x.id.clone()),
        start: c.span.start,
        end: c.span.end,
        text: c.text.clone(),
        score: c.score,
        reasons: c.reasons.clone(),
        modality: c.modality,
        attribution: c.attribution.as_ref().map(|t| AttributionOut {
            source: t.source.to_string(),
            cue: t.cue.to_string(),
            start: t.span.start,
            end: t.span.end,
        }),
        entities: c
            .entities
            .iter()
            .map(|e| EntityOut {
                text: e.text.to_string(),
                canonical: e.canonical.to_string(),
                kind: e.kind,
                start: e.span.start,
                end: e.span.end,
            })
            .collect(),
        quantities: c
            .quantities
            .iter()
            .map(|q| QuantityOut {
                text: q.text.to_string(),
                kind: q.kind,
                value: q.value,
                max: q.max,
                unit: q.unit.as_ref().map(|u| u.to_string()),
                approx: q.approx,
                start: q.span.start,
                end: q.span.end,
            })
            .collect(),
        dates: c
            .dates
            .iter()
            .map(|d| DateOut {
                text: d.text.to_string(),
                from: d.from.map(|p| p.to_string()),
                to: d.to.map(|p| p.to_string()),
                precision: d.precision,
                start: d.span.start,
                end: d.span.end,
            })
            .collect(),
        facts: fact_ids,
    }
}

impl Document {
    /// Builds the document from an analysis (annotations empty: see the annotation layer).
    pub fn from_analysis(a: &Analysis) -> Document {
        let claim_id = |i: usize| a.claims.get(i).map_or_else(String::new, |c| c.id.clone());
        let article_id = |i: usize| {
            a.corpus
                .articles
                .get(i)
                .map_or_else(String::new, |x| x.id.clone())
        };
        let fact_id = |i: usize| {
            a.facts
                .facts
                .get(i)
                .map_or_else(String::new, |f| f.id.clone())
        };
        Document {
            schema: SCHEMA.to_string(),
            articles: a
                .corpus
                .articles
                .iter()
                .map(|x| ArticleOut {
                    id: x.id.clone(),
                    path: x.path.display().to_string(),
                    title: x.title.clone(),
                    date: x.date.map(|d| d.to_string()),
                    lang: x.lang.code().to_string(),
                    chars: x.chars,
                })
                .collect(),
            claims: a
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| claim_out(a, i, c))
                .collect(),
            facts: a
                .facts
                .facts
                .iter()
                .map(|f| FactOut {
                    id: f.id.clone(),
                    label: f.label.clone(),
                    claims: f.claims.iter().map(|&i| claim_id(i)).collect(),
                    articles: f.articles.iter().map(|&i| article_id(i)).collect(),
                    conflicts: f
                        .conflicts
                        .iter()
                        .map(|c| ConflictOut {
                            kind: c.kind.clone(),
                            values: c.values.clone(),
                            claims: c.claims.iter().map(|&i| claim_id(i)).collect(),
                        })
                        .collect(),
                    contradicts: f.contradicts.iter().map(|&i| fact_id(i)).collect(),
                    why: f
                        .why
                        .iter()
                        .map(|l| LinkOut {
                            a: claim_id(l.a),
                            b: claim_id(l.b),
                            kind: l.kind,
                            score: l.score,
                            anchors: l.anchors.clone(),
                        })
                        .collect(),
                })
                .collect(),
            annotations: Vec::new(),
        }
    }

    /// The document as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail; a failure would be a bug in
        // these types, so it is reported in the output rather than hidden.
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{}\"}}", e.to_string().replace('"', "'")))
    }

    /// Writes the document as pretty-printed JSON, then a newline, to `out` as it is
    /// serialised: the JSON of a 10,000-article archive is over 500 MB, too much to build
    /// as one string first.
    pub fn write_json(&self, out: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::Document;

    #[test]
    fn written_json_is_the_pretty_document_and_a_newline() {
        let doc = Document::from_analysis(&crate::app::fixture::analysis());
        let mut out = Vec::new();
        doc.write_json(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), doc.to_json() + "\n");
    }

    #[test]
    fn a_failing_output_is_an_error_not_a_panic() {
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let doc = Document::from_analysis(&crate::app::fixture::analysis());
        let err = doc.write_json(Full).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
