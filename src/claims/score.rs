//! Check-worthiness: a score in [0, 1] with the reasons that make it up.
//!
//! A sentence is worth checking when it states something specific about someone: named
//! entities, amounts, dates, a source or a reporting verb, an allegation or a denial. It is not
//! when it asks, calls to action, gives an opinion or predicts. Each feature adds or removes a
//! fixed weight and leaves a [`Reason`] with the words that triggered it, so the reader can show
//! why a sentence was kept. The weights are few and round on purpose: they were set by reading
//! sentences, and the gold test (`tests/claims_quality.rs`) keeps them honest.

use super::cues::Cues;
use super::tokens::Token;
use crate::claims::{Attribution, DateRef, Entity, Modality, Quantity, Reason, ReasonKind};
use compact_str::CompactString;

/// Sentences scoring at least this are claims.
pub const THRESHOLD: f32 = 0.4;

/// Every prose sentence starts here: it is at least a statement.
const BASE: f32 = 0.15;
const FIRST_ENTITY: f32 = 0.25;
const MORE_ENTITIES: f32 = 0.1;
const FIRST_QUANTITY: f32 = 0.25;
const MORE_QUANTITIES: f32 = 0.05;
const MAX_QUANTITIES: f32 = 0.35;
const DATE: f32 = 0.2;
const NUMBER: f32 = 0.2;
const REPORTING_VERB: f32 = 0.15;
const ATTRIBUTION: f32 = 0.15;
const STANCE: f32 = 0.15;
const DETAIL: f32 = 0.1;
/// Words from which a sentence counts as detailed.
const DETAIL_WORDS: usize = 10;
/// Fewer words than this: too short to state much.
const SHORT_WORDS: usize = 6;

const QUESTION: f32 = -0.6;
const CALL_TO_ACTION: f32 = -0.5;
const OPINION: f32 = -0.3;
const MAX_OPINION: f32 = -0.5;
const HEDGE: f32 = -0.15;
const NO_FINAL_PUNCTUATION: f32 = -0.3;
const SHORT: f32 = -0.2;

/// What the extractor found in one sentence.
pub struct Features<'a> {
    /// The sentence.
    pub text: &'a str,
    /// Its words.
    pub tokens: &'a [Token<'a>],
    /// Entities.
    pub entities: &'a [Entity],
    /// Quantities.
    pub quantities: &'a [Quantity],
    /// Dates.
    pub dates: &'a [DateRef],
    /// A reporting verb, as written.
    pub verb: Option<&'a str>,
    /// The attribution.
    pub attribution: Option<&'a Attribution>,
    /// The modality and its cue.
    pub modality: Modality,
    /// The modality's cue, as written.
    pub modality_cue: &'a str,
}

fn reason(kind: ReasonKind, weight: f32, evidence: impl Into<CompactString>) -> Reason {
    Reason {
        kind,
        weight,
        evidence: evidence.into(),
    }
}

fn phrase(f: &Features, set: &super::cues::PhraseSet) -> Vec<String> {
    set.find_all(f.tokens)
        .into_iter()
        .map(|(i, n)| f.text[f.tokens[i].bytes.0..f.tokens[i + n - 1].bytes.1].to_string())
        .collect()
}

/// True when the sentence ends like a sentence (not like a heading or a button).
fn has_final_punctuation(text: &str) -> bool {
    text.chars()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '»' | '”' | '“' | '"' | '’' | ')' | ']'))
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ';' | ':'))
}

/// Scores a sentence; returns the score (clamped to [0, 1]) and its reasons.
pub fn score(f: &Features, cues: &Cues) -> (f32, Vec<Reason>) {
    let mut reasons = Vec::new();
    let mut distinct: Vec<&str> = Vec::new();
    for e in f.entities {
        if !distinct.contains(&e.canonical.as_str()) {
            distinct.push(&e.canonical);
        }
    }
    if let Some(first) = distinct.first() {
        reasons.push(reason(ReasonKind::NamedEntity, FIRST_ENTITY, *first));
    }
    if distinct.len() > 1 {
        reasons.push(reason(
            ReasonKind::NamedEntity,
            MORE_ENTITIES,
            distinct[1..].join(", "),
        ));
    }
    if !f.quantities.is_empty() {
        let more = (f.quantities.len() - 1) as f32 * MORE_QUANTITIES;
        let w = (FIRST_QUANTITY + more).min(MAX_QUANTITIES);
        let all: Vec<&str> = f.quantities.iter().map(|q| q.text.as_str()).collect();
        reasons.push(reason(ReasonKind::Quantity, w, all.join(", ")));
    }
    if !f.dates.is_empty() {
        let all: Vec<&str> = f.dates.iter().map(|d| d.text.as_str()).collect();
        reasons.push(reason(ReasonKind::Date, DATE, all.join(", ")));
    }
    // Numbers the normalisers did not read are still specific.
    if f.quantities.is_empty()
        && f.dates.is_empty()
        && let Some(t) = f.tokens.iter().find(|t| t.digit)
    {
        reasons.push(reason(ReasonKind::Specificity, NUMBER, t.text(f.text)));
    }
    if let Some(v) = f.verb {
        reasons.push(reason(ReasonKind::ReportingVerb, REPORTING_VERB, v));
    }
    if let Some(a) = f.attribution {
        reasons.push(reason(
            ReasonKind::Attribution,
            ATTRIBUTION,
            format!("{} {}", a.cue, a.source),
        ));
    }
    if matches!(f.modality, Modality::Alleged | Modality::Denied) {
        let what = format!("{}: {}", f.modality.name(), f.modality_cue);
        reasons.push(reason(ReasonKind::Specificity, STANCE, what));
    }
    if f.tokens.len() >= DETAIL_WORDS {
        reasons.push(reason(
            ReasonKind::Specificity,
            DETAIL,
            format!("{} words", f.tokens.len()),
        ));
    }
    // Penalties.
    if f.modality == Modality::Question {
        reasons.push(reason(ReasonKind::Penalty, QUESTION, "question"));
    }
    if let Some(p) = phrase(f, &cues.call_to_action).first() {
        reasons.push(reason(
            ReasonKind::Penalty,
            CALL_TO_ACTION,
            format!("call to action: {p}"),
        ));
    }
    let opinions = phrase(f, &cues.opinion);
    if !opinions.is_empty() {
        let w = (OPINION * opinions.len() as f32).max(MAX_OPINION);
        reasons.push(reason(
            ReasonKind::Penalty,
            w,
            format!("opinion: {}", opinions.join(", ")),
        ));
    }
    if let Some(p) = phrase(f, &cues.hedge).first() {
        reasons.push(reason(ReasonKind::Penalty, HEDGE, format!("hedge: {p}")));
    }
    if !has_final_punctuation(f.text) {
        reasons.push(reason(
            ReasonKind::Penalty,
            NO_FINAL_PUNCTUATION,
            "no final punctuation",
        ));
    }
    if f.tokens.len() < SHORT_WORDS {
        reasons.push(reason(
            ReasonKind::Penalty,
            SHORT,
            format!("{} words", f.tokens.len()),
        ));
    }
    let total: f32 = BASE + reasons.iter().map(|r| r.weight).sum::<f32>();
    (total.clamp(0.0, 1.0), reasons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;
    use crate::corpus::Lang;

    fn s(text: &str, modality: Modality) -> f32 {
        let tokens = tokenize(text);
        let f = Features {
            text,
            tokens: &tokens,
            entities: &[],
            quantities: &[],
            dates: &[],
            verb: None,
            attribution: None,
            modality,
            modality_cue: "",
        };
        score(&f, Cues::for_lang(Lang::Fr)).0
    }

    #[test]
    fn penalties_sink_non_claims() {
        let plain = s(
            "Le règlement a été signé en 2019 par les deux parties concernées.",
            Modality::Asserted,
        );
        assert!(plain >= THRESHOLD, "{plain}");
        assert!(
            s(
                "Vous pouvez nous aider en faisant un don de 1 euro.",
                Modality::Asserted
            ) < THRESHOLD
        );
        assert!(
            s(
                "Qui a signé le règlement en 2019 avec les deux parties ?",
                Modality::Question
            ) < THRESHOLD
        );
        assert!(
            s(
                "Il reste à voir ce que les deux parties signeront en 2019.",
                Modality::Asserted
            ) < THRESHOLD
        );
        assert!(
            s(
                "Le règlement signé en 2019 par les deux parties concernées",
                Modality::Asserted
            ) < THRESHOLD
        );
    }
}
