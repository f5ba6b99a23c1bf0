//! Claim extraction over a corpus: every prose sentence scored, the check-worthy ones kept.
//!
//! Entities are learned from the whole corpus first ([`EntityModel::learn`]); then each article
//! is processed independently, in parallel (rayon), and the results are concatenated in article
//! order, so the output is the same whatever the number of threads. Headings and furniture are
//! never claims. Claim ids are `<article id>#<first 8 hex digits of blake3(sentence text)>`,
//! with `-2`, `-3`… for a sentence repeated within the article: stable across runs.

use super::attribution::{self, quote_regions, quoted_fraction};
use super::cues::Cues;
use super::entities::{EntityModel, for_each_text};
use super::modality::{self, QUOTED_SHARE};
use super::score::{self, Features, THRESHOLD};
use super::tokens::tokenize;
use crate::claims::{Attribution, Claim, Modality, Origin};
use crate::corpus::{Article, Corpus};
use crate::text::{Sentence, SentenceKind};
use rayon::prelude::*;
use std::collections::HashMap;

/// Sentences back to look for the speaker of an unattributed quotation or a pronoun.
const SPEAKER_LOOKBACK: usize = 3;

/// The claims of a corpus together with the entity model they were resolved with.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Claims, ordered by article then position.
    pub claims: Vec<Claim>,
    /// The corpus's entities (canonical names, kinds, alias groups).
    pub entities: EntityModel,
}

/// Extracts claims and returns them with the entity model.
pub fn extract_all(corpus: &Corpus, sentences: &[Vec<Sentence>]) -> Extraction {
    let entities = EntityModel::learn(corpus, sentences);
    let per_article: Vec<Vec<Claim>> = corpus
        .articles
        .par_iter()
        .zip(sentences.par_iter())
        .enumerate()
        .map(|(i, (article, sents))| article_claims(i, article, sents, &entities))
        .collect();
    Extraction {
        claims: per_article.into_iter().flatten().collect(),
        entities,
    }
}

/// The claim id for `text` in article `article_id`, counting repeats in `seen`.
pub fn claim_id(article_id: &str, text: &str, seen: &mut HashMap<String, usize>) -> String {
    let hash = blake3::hash(text.as_bytes()).to_hex();
    let base = format!("{article_id}#{}", &hash.as_str()[..8]);
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}-{n}") }
}

/// A speaker seen in an earlier sentence.
struct Speaker {
    attribution: Attribution,
    sentence: usize,
}

/// The claims of article `index` (`article`, segmented as `sentences`), with names resolved by
/// the corpus's `entities`. Depends on the rest of the corpus only through `entities` (see
/// [`EntityModel::fingerprint`]); the analysis cache relies on that.
pub fn article_claims(
    index: usize,
    article: &Article,
    sentences: &[Sentence],
    entities: &EntityModel,
) -> Vec<Claim> {
    let cues = Cues::for_lang(article.lang);
    let quotes = quote_regions(&article.text);
    let mut cursor = 0;
    let mut seen = HashMap::new();
    let mut speaker: Option<Speaker> = None;
    let mut out = Vec::new();
    let mut n = 0usize;
    for_each_text(&article.text, sentences, |sentence, text| {
        n += 1;
        if sentence.kind != SentenceKind::Prose {
            return;
        }
        let base = sentence.span.start;
        let tokens = tokenize(text);
        let ents = entities.mentions(text, &tokens, base, cues);
        // One tokenisation for both normalisers, and none for the many sentences in which
        // they would find nothing.
        let (quantities, dates) = if super::anchors::may_hold_numbers(text) {
            let numeric = super::numbers::tokens(text);
            (
                super::quantity::quantities_in(text, &numeric, base),
                super::dates::dates_in(text, &numeric, base, article.date),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let quoted = quoted_fraction(sentence.span, &quotes, &mut cursor);
        let found = attribution::find(text, &tokens, &ents, base, cues);
        let recent = speaker
            .as_ref()
            .filter(|s| n - s.sentence <= SPEAKER_LOOKBACK)
            .map(|s| s.attribution.clone());
        let mut attribution = found.attribution.clone();
        if attribution.is_none() && (found.pronoun.is_some() || quoted >= QUOTED_SHARE) {
            // The speaker named before; the cue is this sentence's ("Il ajoute", or the marks).
            attribution = recent.map(|mut a| {
                a.cue = found.pronoun.clone().unwrap_or_else(|| "« »".into());
                a
            });
        }
        if let Some(a) = &found.attribution {
            speaker = Some(Speaker {
                attribution: a.clone(),
                sentence: n,
            });
        }
        let class = modality::classify(text, &tokens, quoted, cues);
        let features = Features {
            text,
            tokens: &tokens,
            entities: &ents,
            quantities: &quantities,
            dates: &dates,
            verb: found.verb.as_deref(),
            attribution: attribution.as_ref(),
            modality: class.modality,
            modality_cue: &class.evidence,
        };
        let (score, reasons) = score::score(&features, cues);
        if score < THRESHOLD || class.modality == Modality::Question {
            return;
        }
        // Claims live as long as the corpus is open, and a list grown by pushing holds room
        // for four at its first push: trimmed, they took a fifth less memory (10,000
        // generated articles: 42 MB of 179 MB spare).
        let mut id = claim_id(&article.id, text, &mut seen);
        id.shrink_to_fit();
        out.push(Claim {
            id,
            article: index,
            span: sentence.span,
            text: text.to_string(),
            score,
            reasons: exact(reasons),
            modality: class.modality,
            attribution: attribution.map(Box::new),
            entities: exact(ents),
            quantities: exact(quantities),
            dates: exact(dates),
            origin: Origin::Extracted,
        });
    });
    out
}

/// `v` holding no room beyond its items.
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice_chars;

    fn corpus(texts: &[&str]) -> (Corpus, Vec<Vec<Sentence>>) {
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("a{i}.txt").into(), t.as_bytes().to_vec()))
            .collect();
        let c = crate::corpus::from_sources(sources);
        let s = c.segment();
        (c, s)
    }

    #[test]
    fn ids_are_stable_and_repeats_numbered() {
        let mut seen = HashMap::new();
        let a = claim_id("art", "Netflix a payé.", &mut seen);
        let b = claim_id("art", "Netflix a payé.", &mut seen);
        assert_eq!(b, format!("{a}-2"));
        assert!(a.starts_with("art#") && a.len() == "art#".len() + 8);
        assert_eq!(a, claim_id("art", "Netflix a payé.", &mut HashMap::new()));
    }

    #[test]
    fn quotes_take_the_nearest_speaker_and_spans_slice_the_text() {
        let (c, s) = corpus(&[
            "Titre de l'article\n\n« Incroyablement faux », a écrit Andy Stone sur X.\n« Meta n’a pas partagé les messages privés des gens avec Netflix. »\n",
        ]);
        let claims = extract_all(&c, &s).claims;
        assert_eq!(claims.len(), 2, "{claims:#?}");
        for cl in &claims {
            assert_eq!(slice_chars(&c.articles[0].text, cl.span), cl.text);
            for e in &cl.entities {
                assert_eq!(slice_chars(&c.articles[0].text, e.span), e.text);
            }
        }
        assert_eq!(claims[0].attribution.as_ref().unwrap().source, "Andy Stone");
        assert_eq!(claims[1].attribution.as_ref().unwrap().source, "Andy Stone");
        assert_eq!(claims[1].modality, Modality::Denied);
    }
}
