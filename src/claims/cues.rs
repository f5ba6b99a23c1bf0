//! Cue words and phrases for claim detection, one file per language in `assets/cues/`.
//!
//! Lists of words are data: the French and English lists are compiled into the binary with
//! `include_str!` and parsed once ([`LazyLock`]). An article in French uses the French cues, one
//! in English the English ones, and an article of unknown language uses both. Every entry is
//! folded and split by [`super::tokens::words`], so matching ignores accents, case and the
//! apostrophe style.

pub use super::phrasemap::{PhraseSet, PhraseToken};
use super::tokens::words;
use crate::corpus::Lang;
use foldhash::HashSet;
use serde::Deserialize;
use std::sync::LazyLock;

const FR: &str = include_str!("../../assets/cues/fr.toml");
const EN: &str = include_str!("../../assets/cues/en.toml");

/// All the cues of one language (or of both).
#[derive(Debug, Default)]
pub struct Cues {
    /// Capitalised words that are not names.
    pub stop: HashSet<String>,
    /// Lower-case words allowed inside a name.
    pub particles: HashSet<String>,
    /// Titles that make a nearby name a person.
    pub person_titles: PhraseSet,
    /// Words that make a nearby name an organisation.
    pub organisation_cues: HashSet<String>,
    /// Words that make a nearby name a product.
    pub product_cues: HashSet<String>,
    /// "anciennement", "formerly": `A (former B)`.
    pub alias_former: PhraseSet,
    /// "désormais", "now": `B, now A`.
    pub alias_now: PhraseSet,
    /// "la société mère de", "parent company of".
    pub alias_parent: PhraseSet,
    /// "selon", "according to".
    pub attribution_prefixes: PhraseSet,
    /// "lesquelles": the source of "selon lesquelles" is the noun before.
    pub relatives: HashSet<String>,
    /// Auxiliaries and adverbs between a subject and its verb.
    pub auxiliaries: HashSet<String>,
    /// Words that end a source phrase.
    pub source_stops: HashSet<String>,
    /// "que", "that".
    pub complementisers: HashSet<String>,
    /// Reporting verbs.
    pub reporting_verbs: HashSet<String>,
    /// Words a subject may start with, besides a capitalised word ("les plaignants").
    pub determiners: HashSet<String>,
    /// Endings of present participles ("affirmant", "saying").
    pub participle_endings: Vec<String>,
    /// Allegation cues.
    pub alleged: PhraseSet,
    /// Denial cues.
    pub denied: PhraseSet,
    /// Negated phrasings that deny nothing ("n’a pas tardé à", "afin de ne pas").
    pub not_denials: PhraseSet,
    /// Words that open a negation ("ne", "did").
    pub negators: HashSet<String>,
    /// Words that complete it ("pas", "not").
    pub negation_ends: HashSet<String>,
    /// Fewest words between negator and completion (the smallest over merged languages).
    pub negation_min_gap: usize,
    /// Opinion and rhetoric.
    pub opinion: PhraseSet,
    /// Predictions and hedges.
    pub hedge: PhraseSet,
    /// Calls to action.
    pub call_to_action: PhraseSet,
    /// How many cue files were merged.
    languages: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawEntities {
    stop: Vec<String>,
    particles: Vec<String>,
    elisions: Vec<String>,
    person_titles: Vec<String>,
    organisation_cues: Vec<String>,
    product_cues: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawAliases {
    former: Vec<String>,
    now: Vec<String>,
    parent: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawAttribution {
    prefixes: Vec<String>,
    relatives: Vec<String>,
    auxiliaries: Vec<String>,
    source_stops: Vec<String>,
    complementisers: Vec<String>,
    participle_endings: Vec<String>,
    determiners: Vec<String>,
    verbs: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawModality {
    alleged: Vec<String>,
    denied: Vec<String>,
    not_denials: Vec<String>,
    negators: Vec<String>,
    negation_ends: Vec<String>,
    negation_min_gap: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawScore {
    opinion: Vec<String>,
    hedge: Vec<String>,
    call_to_action: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Raw {
    entities: RawEntities,
    aliases: RawAliases,
    attribution: RawAttribution,
    modality: RawModality,
    score: RawScore,
}

/// Adds single words (each entry folded; a multi-word entry adds each of its words).
fn add_words(set: &mut HashSet<String>, list: &[String]) {
    for e in list {
        set.extend(words(e));
    }
}

fn add_phrases(set: &mut PhraseSet, list: &[String]) {
    for e in list {
        set.insert(words(e), ());
    }
}

impl Cues {
    fn add(&mut self, raw: &Raw) {
        add_words(&mut self.stop, &raw.entities.stop);
        add_words(&mut self.particles, &raw.entities.particles);
        // Elided words ("l", "qu") are never names either.
        add_words(&mut self.stop, &raw.entities.elisions);
        add_phrases(&mut self.person_titles, &raw.entities.person_titles);
        add_words(&mut self.organisation_cues, &raw.entities.organisation_cues);
        add_words(&mut self.product_cues, &raw.entities.product_cues);
        add_phrases(&mut self.alias_former, &raw.aliases.former);
        add_phrases(&mut self.alias_now, &raw.aliases.now);
        add_phrases(&mut self.alias_parent, &raw.aliases.parent);
        add_phrases(&mut self.attribution_prefixes, &raw.attribution.prefixes);
        add_words(&mut self.relatives, &raw.attribution.relatives);
        add_words(&mut self.auxiliaries, &raw.attribution.auxiliaries);
        add_words(&mut self.source_stops, &raw.attribution.source_stops);
        add_words(&mut self.complementisers, &raw.attribution.complementisers);
        add_words(&mut self.reporting_verbs, &raw.attribution.verbs);
        add_words(&mut self.determiners, &raw.attribution.determiners);
        for e in &raw.attribution.participle_endings {
            let e = crate::text::fold::fold(e);
            if !self.participle_endings.contains(&e) {
                self.participle_endings.push(e);
            }
        }
        add_phrases(&mut self.alleged, &raw.modality.alleged);
        add_phrases(&mut self.denied, &raw.modality.denied);
        add_phrases(&mut self.not_denials, &raw.modality.not_denials);
        add_words(&mut self.negators, &raw.modality.negators);
        add_words(&mut self.negation_ends, &raw.modality.negation_ends);
        self.negation_min_gap = if self.languages == 0 {
            raw.modality.negation_min_gap
        } else {
            self.negation_min_gap.min(raw.modality.negation_min_gap)
        };
        self.languages += 1;
        add_phrases(&mut self.opinion, &raw.score.opinion);
        add_phrases(&mut self.hedge, &raw.score.hedge);
        add_phrases(&mut self.call_to_action, &raw.score.call_to_action);
    }

    fn from_sources(sources: &[&str]) -> Cues {
        let mut cues = Cues::default();
        for src in sources {
            // The files are part of the binary and checked by the tests below: a parse error
            // is a build defect, reported once instead of silently losing every cue.
            match toml::from_str::<Raw>(src) {
                Ok(raw) => cues.add(&raw),
                Err(e) => eprintln!("recoupe: built-in cue file is invalid: {e}"),
            }
        }
        cues
    }

    /// The cues for an article in `lang` (both languages when unknown).
    pub fn for_lang(lang: Lang) -> &'static Cues {
        match lang {
            Lang::Fr => &FR_CUES,
            Lang::En => &EN_CUES,
            Lang::Unknown => &ALL_CUES,
        }
    }

    /// True when `word` (folded) has a present-participle ending.
    pub fn is_participle(&self, word: &str) -> bool {
        self.participle_endings
            .iter()
            .any(|e| word.len() > e.len() + 2 && word.ends_with(e.as_str()))
    }

    /// The cues of both languages (used for corpus-wide entity learning).
    pub fn all() -> &'static Cues {
        &ALL_CUES
    }
}

static FR_CUES: LazyLock<Cues> = LazyLock::new(|| Cues::from_sources(&[FR]));
static EN_CUES: LazyLock<Cues> = LazyLock::new(|| Cues::from_sources(&[EN]));
static ALL_CUES: LazyLock<Cues> = LazyLock::new(|| Cues::from_sources(&[FR, EN]));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;

    #[test]
    fn cue_files_parse_and_fill_every_list() {
        for src in [FR, EN] {
            let raw: Raw = toml::from_str(src).expect("cue file parses");
            assert!(!raw.entities.stop.is_empty() && !raw.attribution.verbs.is_empty());
            assert!(!raw.modality.denied.is_empty() && !raw.score.call_to_action.is_empty());
        }
    }

    #[test]
    fn phrases_match_folded_and_split_like_sentences() {
        let cues = Cues::for_lang(Lang::Fr);
        let t = tokenize("D’APRÈS les plaignants");
        assert_eq!(cues.attribution_prefixes.match_at(&t, 0), Some(2));
        assert!(cues.stop.contains("selon"));
        assert!(Cues::for_lang(Lang::En).reporting_verbs.contains("said"));
        assert!(Cues::all().reporting_verbs.contains("affirme"));
    }
}
