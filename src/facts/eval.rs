//! Scoring fact alignment against a hand-made gold file.
//!
//! The gold names facts by quotes (exact substrings of an article's text) rather than by claim
//! ids, so that it survives changes to the segmenter and the extractor. A quote maps to the claim
//! of its article whose span overlaps it most. Scores are pairwise: two claims of different
//! articles are a same-fact pair when some fact holds both. Pairs between facts the gold marks
//! as `related` are neither rewarded nor punished (the gold cannot say whether they should be
//! merged), and pairs inside one article never count. Precision only looks at pairs of claims
//! the gold covers: the gold is partial, so a link to an unannotated claim is not known to be
//! wrong.

use super::FactSet;
use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::text::{Span, byte_to_char};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

/// A gold file: facts by quotes, and pairs of facts that are related but distinct.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// The facts.
    pub facts: Vec<GoldFact>,
    /// Pairs of fact ids whose cross pairs are ignored.
    #[serde(default)]
    pub related: Vec<[String; 2]>,
}

/// One gold fact.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFact {
    /// Identifier, unique in the file.
    pub id: String,
    /// Where it is stated.
    pub members: Vec<GoldMember>,
}

/// One statement of a gold fact.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldMember {
    /// Article id (the file stem).
    pub article: String,
    /// An exact substring of the article's text.
    pub quote: String,
}

/// Why a gold file cannot be scored.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// Not valid gold JSON.
    Parse(String),
    /// Two facts share an id.
    DuplicateFact(String),
    /// A `related` entry names a fact that does not exist.
    UnknownFact(String),
    /// A member names an article that is not in the corpus.
    UnknownArticle {
        /// The fact.
        fact: String,
        /// The article id.
        article: String,
    },
    /// A quote is not a substring of its article.
    QuoteNotFound {
        /// The fact.
        fact: String,
        /// The article id.
        article: String,
        /// The quote.
        quote: String,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Parse(e) => write!(f, "gold file is not valid: {e}"),
            EvalError::DuplicateFact(id) => write!(f, "gold fact id {id:?} is used twice"),
            EvalError::UnknownFact(id) => write!(f, "`related` names unknown fact {id:?}"),
            EvalError::UnknownArticle { fact, article } => {
                write!(f, "fact {fact:?}: no article {article:?} in the corpus")
            }
            EvalError::QuoteNotFound {
                fact,
                article,
                quote,
            } => write!(
                f,
                "fact {fact:?}: quote not found in article {article:?}: {quote:?}"
            ),
        }
    }
}

impl std::error::Error for EvalError {}

/// Parses a gold file.
pub fn parse_gold(json: &str) -> Result<Gold, EvalError> {
    let gold: Gold = serde_json::from_str(json).map_err(|e| EvalError::Parse(e.to_string()))?;
    let mut seen = HashSet::new();
    for fact in &gold.facts {
        if !seen.insert(fact.id.as_str()) {
            return Err(EvalError::DuplicateFact(fact.id.clone()));
        }
    }
    for id in gold.related.iter().flatten() {
        if !seen.contains(id.as_str()) {
            return Err(EvalError::UnknownFact(id.clone()));
        }
    }
    Ok(gold)
}

/// A pair of claim indexes, smaller first.
pub type Pair = (usize, usize);

/// Scores of an alignment against a gold file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Gold members.
    pub members: usize,
    /// Gold members whose quote overlaps a claim.
    pub covered: usize,
    /// Cross-article same-fact pairs in the gold (between covered members).
    pub gold_pairs: usize,
    /// Cross-article pairs the alignment puts in one fact, among gold claims, not ignored.
    pub predicted_pairs: usize,
    /// Pairs both in the gold and predicted.
    pub true_pairs: usize,
    /// Gold pairs not predicted.
    pub missed: Vec<Pair>,
    /// Predicted pairs not in the gold.
    pub spurious: Vec<Pair>,
    /// The gold facts (ids) each covered claim belongs to.
    pub gold_facts: BTreeMap<usize, Vec<String>>,
}

impl Scores {
    /// Share of gold members found as claims.
    pub fn coverage(&self) -> f64 {
        ratio(self.covered, self.members)
    }
    /// Pairwise precision.
    pub fn precision(&self) -> f64 {
        ratio(self.true_pairs, self.predicted_pairs)
    }
    /// Pairwise recall.
    pub fn recall(&self) -> f64 {
        ratio(self.true_pairs, self.gold_pairs)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The claim of article `article` that overlaps `quote` most, if any.
fn claim_for(claims: &[Claim], article: usize, quote: Span) -> Option<usize> {
    claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.article == article && c.span.overlaps(&quote))
        .max_by_key(|(_, c)| c.span.end.min(quote.end) - c.span.start.max(quote.start))
        .map(|(i, _)| i)
}

fn pair(a: usize, b: usize) -> Pair {
    (a.min(b), a.max(b))
}

/// All cross-article pairs of a set of claims.
fn cross_pairs(members: &BTreeSet<usize>, claims: &[Claim], out: &mut HashSet<Pair>) {
    let v: Vec<usize> = members.iter().copied().collect();
    for (i, &a) in v.iter().enumerate() {
        for &b in &v[i + 1..] {
            if claims[a].article != claims[b].article {
                out.insert(pair(a, b));
            }
        }
    }
}

/// Scores `facts` (aligned from `claims` of `corpus`) against `gold`.
pub fn evaluate(
    corpus: &Corpus,
    claims: &[Claim],
    facts: &FactSet,
    gold: &Gold,
) -> Result<Scores, EvalError> {
    let by_id = corpus.index_by_id();
    let mut scores = Scores::default();
    let mut gold_sets: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for fact in &gold.facts {
        let set = gold_sets.entry(fact.id.as_str()).or_default();
        for m in &fact.members {
            let Some(&art) = by_id.get(m.article.as_str()) else {
                return Err(EvalError::UnknownArticle {
                    fact: fact.id.clone(),
                    article: m.article.clone(),
                });
            };
            let text = &corpus.articles[art].text;
            let found = (!m.quote.is_empty()).then(|| text.find(&m.quote)).flatten();
            let Some(byte) = found else {
                return Err(EvalError::QuoteNotFound {
                    fact: fact.id.clone(),
                    article: m.article.clone(),
                    quote: m.quote.clone(),
                });
            };
            let start = byte_to_char(text, byte);
            let span = Span::new(start, start + m.quote.chars().count());
            scores.members += 1;
            if let Some(c) = claim_for(claims, art, span) {
                scores.covered += 1;
                set.insert(c);
                let ids = scores.gold_facts.entry(c).or_default();
                if !ids.contains(&fact.id) {
                    ids.push(fact.id.clone());
                }
            }
        }
    }
    let mut gold_pairs = HashSet::new();
    for set in gold_sets.values() {
        cross_pairs(set, claims, &mut gold_pairs);
    }
    let mut ignored = HashSet::new();
    for [a, b] in &gold.related {
        for &x in &gold_sets[a.as_str()] {
            for &y in &gold_sets[b.as_str()] {
                if x != y && claims[x].article != claims[y].article {
                    ignored.insert(pair(x, y));
                }
            }
        }
    }
    let covered: BTreeSet<usize> = gold_sets.values().flatten().copied().collect();
    let mut predicted = HashSet::new();
    for fact in &facts.facts {
        let members: BTreeSet<usize> = fact
            .claims
            .iter()
            .copied()
            .filter(|c| covered.contains(c))
            .collect();
        cross_pairs(&members, claims, &mut predicted);
    }
    predicted.retain(|p| gold_pairs.contains(p) || !ignored.contains(p));
    scores.gold_pairs = gold_pairs.len();
    scores.predicted_pairs = predicted.len();
    scores.true_pairs = predicted.intersection(&gold_pairs).count();
    scores.missed = gold_pairs.difference(&predicted).copied().collect();
    scores.spurious = predicted.difference(&gold_pairs).copied().collect();
    scores.missed.sort_unstable();
    scores.spurious.sort_unstable();
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Fact;

    fn corpus() -> Corpus {
        crate::corpus::from_sources(vec![
            ("a.txt".into(), b"Alpha one. Alpha two.".to_vec()),
            ("b.txt".into(), b"Beta one. Beta two.".to_vec()),
        ])
    }

    fn claim(article: usize, start: usize, end: usize) -> Claim {
        Claim {
            id: format!("{article}#{start}"),
            article,
            span: Span::new(start, end),
            text: String::new(),
            score: 1.0,
            reasons: vec![],
            modality: Default::default(),
            attribution: None,
            entities: vec![],
            quantities: vec![],
            dates: vec![],
            origin: Default::default(),
        }
    }

    fn fact(claims: Vec<usize>) -> Fact {
        Fact {
            id: String::new(),
            label: String::new(),
            claims,
            articles: vec![],
            conflicts: vec![],
            contradicts: vec![],
            why: vec![],
        }
    }

    const GOLD: &str = r#"{"facts": [
        {"id": "one", "members": [{"article": "a", "quote": "Alpha one"}, {"article": "b", "quote": "Beta one"}]},
        {"id": "two", "members": [{"article": "a", "quote": "Alpha two"}, {"article": "b", "quote": "Beta two"}]}
    ], "related": [["one", "two"]]}"#;

    #[test]
    fn scores_pairs_and_ignores_related_ones() {
        let c = corpus();
        let claims = vec![
            claim(0, 0, 10),
            claim(0, 11, 21),
            claim(1, 0, 9),
            claim(1, 10, 19),
        ];
        let gold = parse_gold(GOLD).unwrap();
        // Everything in one fact: the cross pairs one/two are related, hence ignored.
        let all = FactSet {
            facts: vec![fact(vec![0, 1, 2, 3])],
            by_claim: vec![],
        };
        let s = evaluate(&c, &claims, &all, &gold).unwrap();
        assert_eq!((s.members, s.covered), (4, 4));
        assert_eq!((s.gold_pairs, s.predicted_pairs, s.true_pairs), (2, 2, 2));
        assert_eq!(s.f1(), 1.0);
        // Only one right pair, one wrong one.
        let gold = parse_gold(&GOLD.replace(r#"[["one", "two"]]"#, "[]")).unwrap();
        let half = FactSet {
            facts: vec![fact(vec![0, 2]), fact(vec![1, 2])],
            by_claim: vec![],
        };
        let s = evaluate(&c, &claims, &half, &gold).unwrap();
        assert_eq!((s.precision(), s.recall()), (0.5, 0.5));
        assert_eq!(s.spurious, vec![(1, 2)]);
    }

    #[test]
    fn missing_quote_and_unknown_article_are_named() {
        let c = corpus();
        let gold = parse_gold(&GOLD.replace("Beta two", "Gamma")).unwrap();
        let err = evaluate(&c, &[], &FactSet::default(), &gold).unwrap_err();
        assert!(err.to_string().contains("\"Gamma\""), "{err}");
        let gold = parse_gold(&GOLD.replace(r#""article": "b""#, r#""article": "z""#)).unwrap();
        let err = evaluate(&c, &[], &FactSet::default(), &gold).unwrap_err();
        assert!(matches!(err, EvalError::UnknownArticle { .. }));
        assert!(parse_gold("{").is_err());
        assert!(matches!(
            parse_gold(&GOLD.replace(r#"["one", "two"]"#, r#"["one", "three"]"#)),
            Err(EvalError::UnknownFact(_))
        ));
    }

    #[test]
    fn uncovered_members_lower_coverage_only() {
        let c = corpus();
        let claims = vec![claim(0, 0, 10), claim(1, 0, 9)];
        let gold = parse_gold(GOLD).unwrap();
        let s = evaluate(&c, &claims, &FactSet::default(), &gold).unwrap();
        assert_eq!((s.members, s.covered, s.gold_pairs), (4, 2, 1));
        assert_eq!(s.recall(), 0.0);
    }
}
