//! What a claim says, as a set of anchors the aligner can compare.
//!
//! Whole-sentence similarity fails on news text because one sentence often states several
//! facts and generic words dominate. A claim is therefore described by typed anchors:
//!
//! * **entities** — the extractor's canonical names (so "Netlix" meets "Netflix"), or, for
//!   claims without entities, capitalised words;
//! * **values** — normalised quantities and dates, keyed by value, not by wording;
//! * **concepts** — paraphrase groups from `assets/paraphrases.toml` ("messages directs" and
//!   "boîtes de réception" are one concept);
//! * **terms** — remaining content words, folded, stop words out, stemmed;
//! * **phrases** — pairs of adjacent content units, a cheap stand-in for predicate–argument
//!   structure ("accès programmatique", "rejoint conseil").
//!
//! The polarity (the claim's modality is `Denied` or not) is kept apart: a denial never merges
//! with what it denies.

use super::lexicon::{Tables, lexicon, words};
use crate::claims::{Claim, DateRef, Modality, Quantity, QuantityKind};
use crate::corpus::Lang;
use crate::text::Span;
use crate::text::fold::Folded;

/// Kinds of anchors, each with its own weight in the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorKind {
    /// A named entity.
    Entity,
    /// A normalised quantity or date.
    Value,
    /// A paraphrase group.
    Concept,
    /// A stemmed content word.
    Term,
    /// Two adjacent content units.
    Phrase,
}

impl AnchorKind {
    /// How much an anchor of this kind counts, before specificity.
    pub fn weight(self) -> f32 {
        match self {
            AnchorKind::Entity => 1.0,
            AnchorKind::Value => 1.6,
            AnchorKind::Concept => 1.3,
            AnchorKind::Term => 1.0,
            AnchorKind::Phrase => 0.35,
        }
    }

    /// Prefix in explanations.
    pub fn name(self) -> &'static str {
        match self {
            AnchorKind::Entity => "entity",
            AnchorKind::Value => "value",
            AnchorKind::Concept => "paraphrase",
            AnchorKind::Term => "term",
            AnchorKind::Phrase => "phrase",
        }
    }
}

/// One anchor of one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAnchor {
    /// Key shared by every claim stating the same thing (kind-prefixed).
    pub key: String,
    /// Kind.
    pub kind: AnchorKind,
    /// How this claim words it, for explanations and labels; empty for a phrase, which is
    /// never shown.
    pub surface: String,
}

/// The anchors and polarity of one claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFeatures {
    /// Anchors, deduplicated by key (first surface kept).
    pub anchors: Vec<RawAnchor>,
    /// True when the claim denies what it states.
    pub denied: bool,
}

/// Rounds to three significant digits so that 1.5e8 written two ways gives one key.
fn sig(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".to_owned();
    }
    let mag = 10f64.powf(v.abs().log10().floor() - 2.0);
    format!("{}", (v / mag).round() * mag)
}

fn quantity_key(q: &Quantity) -> String {
    let unit = q.unit.as_deref().unwrap_or("");
    match q.kind {
        QuantityKind::Money => format!("money:{unit}:{}", sig(q.value)),
        // A large count identifies the fact even when the counted noun varies ("150
        // partenaires", "150 entreprises"); a small one ("deux citoyens") only with its noun.
        QuantityKind::Count if q.value >= 100.0 => format!("count:{}", sig(q.value)),
        QuantityKind::Count => format!("count:{unit}:{}", sig(q.value)),
        QuantityKind::Percent => format!("pct:{}", sig(q.value)),
        QuantityKind::Duration => format!("duration:{unit}:{}", sig(q.value)),
        QuantityKind::Frequency => format!("freq:{unit}:{}", sig(q.value)),
    }
}

fn date_keys(d: &DateRef, out: &mut Vec<RawAnchor>) {
    for p in [d.from, d.to].into_iter().flatten() {
        out.push(RawAnchor {
            key: format!("year:{}", p.year),
            kind: AnchorKind::Value,
            surface: d.text.to_string(),
        });
        if let Some(m) = p.month {
            out.push(RawAnchor {
                key: format!("month:{}-{m:02}", p.year),
                kind: AnchorKind::Value,
                surface: d.text.to_string(),
            });
        }
    }
}

/// One content unit of the sentence stream.
struct Unit<'a> {
    stem: String,
    surface: String,
    /// The folded word right before it in the sentence, stop words included (locutions
    /// such as "en échange" match on it).
    prev: &'a str,
}

/// Extracts the anchors of `claim`; `lang` is its article's language.
pub fn extract(claim: &Claim, lang: Lang) -> RawFeatures {
    let lex = lexicon();
    let folded = Folded::new(&claim.text);
    let tables = lex.tables(lex.tongue(lang, &folded.text));
    let original: Vec<char> = claim.text.chars().collect();
    let local = |span: Span| {
        (span.start >= claim.span.start)
            .then(|| Span::new(span.start - claim.span.start, span.end - claim.span.start))
    };
    let entity_spans: Vec<Span> = claim
        .entities
        .iter()
        .filter_map(|e| local(e.span))
        .collect();
    // The words of an amount or a date ("avril", "dollars") are the value's, compared as a
    // value: as terms they would link any two claims dated in April.
    let value_spans: Vec<Span> = claim
        .quantities
        .iter()
        .map(|q| q.span)
        .chain(claim.dates.iter().map(|d| d.span))
        .filter_map(local)
        .collect();
    // Except the noun a count counts: "deux femmes" and "les femmes" speak of the same women,
    // so the noun stays content; only the number is the value's.
    let counted: Vec<(Span, &str)> = claim
        .quantities
        .iter()
        .filter(|q| q.kind == QuantityKind::Count)
        .filter_map(|q| Some((local(q.span)?, q.unit.as_deref()?)))
        .collect();
    // Who says it ("selon la plainte", "le document allègue") is not what is said: the words
    // of the attribution phrase are left out, except the entities, which stay anchors.
    let attribution: Option<Span> = claim
        .attribution
        .as_ref()
        .filter(|a| a.span.start >= claim.span.start && a.span.end <= claim.span.end)
        .map(|a| {
            Span::new(
                a.span.start - claim.span.start,
                a.span.end - claim.span.start,
            )
        });
    let has_values = !claim.quantities.is_empty() || !claim.dates.is_empty();
    // Up to two anchors per content word (its term and the phrase with the next one), about
    // one word per six bytes: sized once rather than grown five times per claim.
    let mut anchors = Vec::with_capacity(
        claim.entities.len()
            + claim.quantities.len()
            + 4 * claim.dates.len()
            + folded.text.len() / 3
            + 4,
    );
    for e in &claim.entities {
        anchors.push(RawAnchor {
            key: joined(&["ent:", &crate::text::fold::fold(&e.canonical)]),
            kind: AnchorKind::Entity,
            surface: e.canonical.to_string(),
        });
    }
    for q in &claim.quantities {
        anchors.push(RawAnchor {
            key: quantity_key(q),
            kind: AnchorKind::Value,
            surface: q.text.to_string(),
        });
    }
    for d in &claim.dates {
        date_keys(d, &mut anchors);
    }
    let denied = claim.modality == Modality::Denied;
    let mut units: Vec<Unit> = Vec::new();
    let mut previous = "";
    for (at, word) in words(&folded.text) {
        let prev = std::mem::replace(&mut previous, word);
        let span = folded.original_span(Span::new(at, at + word.chars().count()));
        let chars = &original[span.start.min(original.len())..span.end.min(original.len())];
        let noun = || {
            let lower = chars.iter().collect::<String>().to_lowercase();
            counted
                .iter()
                .any(|(v, unit)| v.overlaps(&span) && *unit == lower)
        };
        if entity_spans.iter().any(|e| e.overlaps(&span))
            || attribution.is_some_and(|a| a.overlaps(&span))
            || (value_spans.iter().any(|v| v.overlaps(&span)) && !noun())
        {
            continue;
        }
        // Built once the word is known to be content: most skipped words never need it.
        let surface: String = chars.iter().collect();
        if word.chars().all(|c| c.is_ascii_digit()) {
            if !has_values {
                anchors.push(RawAnchor {
                    key: joined(&["num:", word]),
                    kind: AnchorKind::Value,
                    surface,
                });
            }
            continue;
        }
        if tables.is_stop(word) || word.chars().count() < 2 {
            continue;
        }
        let capital = surface.chars().next().is_some_and(char::is_uppercase);
        // A sentence's first word is capitalised whatever it is: there it is a name only
        // when it is not a common word ("Femmes" is one, "Netflix" is not).
        let common = || sentence_start(&original, span.start) && tables.is_common(&surface);
        if claim.entities.is_empty() && capital && !common() {
            anchors.push(RawAnchor {
                key: joined(&["ent:", word]),
                kind: AnchorKind::Entity,
                surface,
            });
            continue;
        }
        units.push(Unit {
            stem: tables.stem(&surface),
            surface,
            prev,
        });
    }
    concepts_and_terms(tables, &units, &mut anchors);
    // Deduplicated on borrowed keys: a copy of every key only to test it would double the
    // allocations of the aligner's busiest step.
    let keep: Vec<bool> = {
        let mut seen =
            foldhash::HashSet::with_capacity_and_hasher(anchors.len(), Default::default());
        anchors
            .iter()
            .map(|a| seen.insert(a.key.as_str()))
            .collect()
    };
    let mut keep = keep.into_iter();
    anchors.retain(|_| keep.next().unwrap_or(false));
    RawFeatures { anchors, denied }
}

/// True when the word at char `at` of `text` opens a sentence: nothing but spaces and opening
/// quotes or brackets since the start or since a sentence's final punctuation.
fn sentence_start(text: &[char], at: usize) -> bool {
    text[..at.min(text.len())]
        .iter()
        .rev()
        .find(|c| {
            !c.is_whitespace() && !matches!(c, '«' | '"' | '“' | '(' | '\'' | '‘' | '-' | '—')
        })
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Finds paraphrase groups in the unit stream, then emits terms for the rest and phrases for
/// adjacent units.
fn concepts_and_terms(tables: &Tables, units: &[Unit], out: &mut Vec<RawAnchor>) {
    // (key, kind, surface) per position; concepts cover several positions, the first one holds it.
    let mut slots: Vec<Option<(String, AnchorKind, String)>> = Vec::with_capacity(units.len());
    let mut used = vec![false; units.len()];
    for i in 0..units.len() {
        slots.push(None);
        if used[i] {
            continue;
        }
        let Some(terms) = tables.terms.get(&units[i].stem) else {
            continue;
        };
        for term in terms {
            if term.lead.as_ref().is_some_and(|l| l != units[i].prev) {
                continue;
            }
            if let Some(end) = match_term(&term.stems, units, &used, i) {
                let surface = units[i..=end]
                    .iter()
                    .map(|u| u.surface.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                for (k, u) in units.iter().enumerate().take(end + 1).skip(i) {
                    if term.stems.contains(&u.stem) {
                        used[k] = true;
                    }
                }
                slots[i] = Some((format!("c:{}", term.group), AnchorKind::Concept, surface));
                break;
            }
        }
    }
    for i in 0..units.len() {
        if slots[i].is_none() && !used[i] {
            slots[i] = Some((
                joined(&["t:", &units[i].stem]),
                AnchorKind::Term,
                units[i].surface.clone(),
            ));
        }
    }
    let present: Vec<(String, AnchorKind, String)> = slots.into_iter().flatten().collect();
    // Phrases are built first so that the units' keys and surfaces can then be moved out, not
    // copied; they still follow the units in `out`. A phrase has no surface: it is never shown
    // (its two words are), and one string per pair of adjacent words was pure waste.
    let phrases: Vec<RawAnchor> = present
        .windows(2)
        .map(|w| RawAnchor {
            key: joined(&["p:", &w[0].0, "|", &w[1].0]),
            kind: AnchorKind::Phrase,
            surface: String::new(),
        })
        .collect();
    out.extend(
        present
            .into_iter()
            .map(|(key, kind, surface)| RawAnchor { key, kind, surface }),
    );
    out.extend(phrases);
}

/// The parts end to end, in one allocation: `format!` was a visible share of the aligner's
/// busiest step, which builds two of these per pair of adjacent units.
pub(super) fn joined(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// Matches `stems` at unit `i`, allowing one extra unit between consecutive stems; returns
/// the position of the last matched unit.
fn match_term(stems: &[String], units: &[Unit], used: &[bool], i: usize) -> Option<usize> {
    let mut pos = i;
    for (k, stem) in stems.iter().enumerate() {
        if k == 0 {
            continue;
        }
        let next =
            (pos + 1..(pos + 3).min(units.len())).find(|&p| !used[p] && units[p].stem == *stem)?;
        pos = next;
    }
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str) -> Claim {
        super::super::pseudo_claim(text, 0)
    }

    fn keys(f: &RawFeatures) -> Vec<&str> {
        f.anchors.iter().map(|a| a.key.as_str()).collect()
    }

    #[test]
    fn paraphrases_meet_across_wordings() {
        let a = extract(
            &claim("Netflix avait accès aux messages directs."),
            Lang::Fr,
        );
        let b = extract(
            &claim("Netflix lisait les boîtes de réception privées."),
            Lang::Fr,
        );
        let shared: Vec<_> = keys(&a)
            .into_iter()
            .filter(|k| keys(&b).contains(k))
            .collect();
        assert!(shared.iter().any(|k| k.starts_with("c:")), "{shared:?}");
        assert!(shared.contains(&"ent:netflix"));
    }

    #[test]
    fn inflections_meet_and_locutions_need_their_lead_word() {
        let shared = |x: &str, y: &str| {
            let (a, b) = (extract(&claim(x), Lang::Fr), extract(&claim(y), Lang::Fr));
            keys(&a)
                .into_iter()
                .filter(|k| k.starts_with("c:") && keys(&b).contains(k))
                .count()
        };
        // The feminine plural stems like the masculine one once accents are known to the
        // stemmer: both are the one concept "messages privés".
        assert_eq!(
            shared(
                "Netflix lisait les messages privées.",
                "Les messages privés."
            ),
            1
        );
        // "en échange" is a locution; "s'échanger des morceaux" is not an exchange for access.
        assert_eq!(
            shared(
                "En échange, Netflix fournissait des rapports.",
                "Ils pouvaient s'échanger des morceaux."
            ),
            0
        );
        assert!(
            shared(
                "En échange, Netflix fournissait des rapports.",
                "En contrepartie, Netflix fournissait un compte rendu."
            ) >= 1
        );
    }

    #[test]
    fn polarity_of_free_sentences_from_cues_but_not_infinitive_purpose() {
        let d = extract(&claim("Meta n'a pas partagé les messages."), Lang::Fr);
        assert!(d.denied);
        let p = extract(
            &claim("Facebook a réduit ses dépenses afin de ne pas concurrencer Netflix."),
            Lang::Fr,
        );
        assert!(!p.denied);
    }

    #[test]
    fn a_capitalised_first_word_is_a_term_but_a_capital_inside_is_a_name() {
        let a = extract(&claim("Femmes courent dans un parc."), Lang::Fr);
        let b = extract(
            &claim("Des femmes courent. Elles croisent Netflix."),
            Lang::Fr,
        );
        let (ka, kb) = (keys(&a), keys(&b));
        let noun = kb.iter().find(|k| k.starts_with("t:femm")).expect("term");
        assert!(ka.contains(noun), "{ka:?}");
        assert!(kb.contains(&"ent:netflix"), "{kb:?}");
        assert!(!kb.iter().any(|k| k.contains("elles")), "{kb:?}");
    }

    #[test]
    fn stop_words_are_not_anchors() {
        let f = extract(&claim("Il a été dit que les uns et les autres."), Lang::Fr);
        assert!(
            f.anchors.iter().all(|a| a.kind != AnchorKind::Term),
            "{f:?}"
        );
    }

    #[test]
    fn attribution_and_value_words_are_not_terms() {
        let mut c = claim("Selon la plainte, Netflix lisait les messages en avril 2019.");
        c.attribution = Some(Box::new(crate::claims::Attribution {
            source: "la plainte".into(),
            cue: "Selon".into(),
            span: Span::new(0, 16),
        }));
        let f = extract(&c, Lang::Fr);
        let k = keys(&f);
        assert!(k.iter().all(|k| !k.contains("plaint")), "{k:?}");
        assert!(k.iter().all(|k| !k.contains("avril")), "{k:?}");
        assert!(k.contains(&"month:2019-04"), "{k:?}");
        assert!(k.contains(&"ent:netflix"), "{k:?}");
    }

    #[test]
    fn a_counted_noun_stays_a_term_but_its_number_does_not() {
        let a = extract(&claim("Deux femmes courent dans un parc."), Lang::Fr);
        let b = extract(&claim("Les femmes courent dans un parc."), Lang::Fr);
        let (ka, kb) = (keys(&a), keys(&b));
        let noun = kb
            .iter()
            .find(|k| k.starts_with("t:femm"))
            .expect("noun term");
        assert!(ka.contains(noun), "{ka:?}");
        assert!(ka.iter().any(|k| k.starts_with("count:")), "{ka:?}");
        assert!(ka.iter().all(|k| !k.contains("deux")), "{ka:?}");
    }
}
