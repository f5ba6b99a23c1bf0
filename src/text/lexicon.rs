//! Word lists for segmentation and furniture recognition, read from `assets/segment/*.toml`.
//!
//! The segmenter is called without a language (articles mix languages, and a wrong guess must
//! not break sentences), so the French and English lists are merged into one [`Lexicon`]. The
//! files are compiled in with `include_str!` so an installed binary carries them; they are
//! parsed once, on first use.

use super::fold::fold;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The language files, in the order they are merged.
const SOURCES: &[(&str, &str)] = &[
    ("fr.toml", include_str!("../../assets/segment/fr.toml")),
    ("en.toml", include_str!("../../assets/segment/en.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    abbreviations: AbbrevFile,
    furniture: FurnitureFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbrevFile {
    titles: Vec<String>,
    inner: Vec<String>,
    before_number: Vec<String>,
    terminal: Vec<String>,
    brands: Vec<String>,
    sentence_starters: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FurnitureFile {
    prompt_start: Vec<String>,
    prompt_contains: Vec<String>,
    notice_contains: Vec<String>,
    credit_label: Vec<String>,
    credit_lead: Vec<String>,
    reader_address: Vec<String>,
}

/// Abbreviation classes, keyed by the word before the dot (without the dot).
#[derive(Debug, Default)]
pub(crate) struct Abbreviations {
    /// Case-sensitive: "M", "Mme", "Dr", "Mr"… never end a sentence.
    pub titles: HashSet<String>,
    /// Lowercased: "cf", "e.g", "i.e"… never end a sentence.
    pub inner: HashSet<String>,
    /// Lowercased: "no", "p", "art"… do not end a sentence before a number.
    pub before_number: HashSet<String>,
    /// Lowercased: "etc", "inc"… end a sentence only before a capitalised word.
    pub terminal: HashSet<String>,
    /// Case-sensitive brand names written with "!" ("Yahoo").
    pub brands: HashSet<String>,
    /// Case-sensitive words that commonly open a sentence; elisions end with `'`.
    pub starters: HashSet<String>,
}

/// Cue phrases as folded word sequences, indexed by their first word, so that a sentence is
/// matched against all of them in one pass over its words.
#[derive(Debug, Default)]
pub(crate) struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

/// The folded words of `s` (letters and digits; every other char separates words).
pub(crate) fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

impl PhraseSet {
    fn add(&mut self, phrase: &str) {
        let w: Vec<String> = words(&fold(phrase))
            .into_iter()
            .map(str::to_owned)
            .collect();
        if let Some(first) = w.first() {
            let list = self.by_first.entry(first.clone()).or_default();
            if !list.contains(&w) {
                list.push(w);
            }
        }
    }

    fn matches_at(&self, words: &[&str], at: usize) -> bool {
        self.by_first.get(words[at]).is_some_and(|list| {
            list.iter().any(|p| {
                p.len() <= words.len() - at && p.iter().zip(&words[at..]).all(|(a, b)| a == b)
            })
        })
    }

    /// True when the words start with one of the phrases.
    pub fn starts(&self, words: &[&str]) -> bool {
        !words.is_empty() && self.matches_at(words, 0)
    }

    /// True when one of the phrases occurs in the words.
    pub fn occurs(&self, words: &[&str]) -> bool {
        (0..words.len()).any(|i| self.matches_at(words, i))
    }
}

/// Folded cue phrases for furniture recognition.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    /// A sentence starting with one of these is a prompt.
    pub prompt_start: PhraseSet,
    /// A short sentence containing one of these is a prompt.
    pub prompt_contains: PhraseSet,
    /// A short sentence containing one of these is a notice.
    pub notice_contains: PhraseSet,
    /// `Label : …` lines are credits (folded, longest first).
    pub credit_label: Vec<String>,
    /// Lines starting with one of these are credits.
    pub credit_lead: PhraseSet,
    /// Words addressing the reader.
    pub reader_address: HashSet<String>,
}

/// Everything the segmenter and the furniture recogniser look up.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Abbreviations and sentence starters.
    pub abbrev: Abbreviations,
    /// Furniture cue phrases.
    pub cues: Cues,
}

/// The merged lexicon of every language file.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        let mut lex = Lexicon::default();
        for (name, src) in SOURCES {
            // The files ship inside the binary and a unit test parses them, so a failure here
            // is a build defect, not bad user input.
            let file: File = toml::from_str(src)
                .unwrap_or_else(|e| panic!("assets/segment/{name} is malformed: {e}"));
            lex.merge(file);
        }
        lex
    });
    &LEXICON
}

/// Normalises apostrophes so that "L’" and "L'" look the same.
pub(crate) fn straight_apostrophes(s: &str) -> String {
    s.replace(['’', 'ʼ'], "'")
}

impl Lexicon {
    fn merge(&mut self, file: File) {
        let a = file.abbreviations;
        let exact = |v: Vec<String>, set: &mut HashSet<String>| {
            set.extend(v.iter().map(|s| straight_apostrophes(s)));
        };
        let lower = |v: Vec<String>, set: &mut HashSet<String>| {
            set.extend(v.iter().map(|s| s.to_lowercase()));
        };
        exact(a.titles, &mut self.abbrev.titles);
        lower(a.inner, &mut self.abbrev.inner);
        lower(a.before_number, &mut self.abbrev.before_number);
        lower(a.terminal, &mut self.abbrev.terminal);
        exact(a.brands, &mut self.abbrev.brands);
        exact(a.sentence_starters, &mut self.abbrev.starters);

        let f = file.furniture;
        let phrases = |v: Vec<String>, set: &mut PhraseSet| v.iter().for_each(|p| set.add(p));
        phrases(f.prompt_start, &mut self.cues.prompt_start);
        phrases(f.prompt_contains, &mut self.cues.prompt_contains);
        phrases(f.notice_contains, &mut self.cues.notice_contains);
        phrases(f.credit_lead, &mut self.cues.credit_lead);
        for label in f.credit_label {
            let label = fold(label.trim());
            if !label.is_empty() && !self.cues.credit_label.contains(&label) {
                self.cues.credit_label.push(label);
            }
        }
        self.cues
            .reader_address
            .extend(f.reader_address.iter().map(|s| fold(s)));
        // Longer labels first so "crédit photo" wins over "crédit".
        self.cues
            .credit_label
            .sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_parses_and_fills_every_list() {
        for (name, src) in SOURCES {
            let file: File = toml::from_str(src).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!file.abbreviations.titles.is_empty(), "{name}");
            assert!(!file.abbreviations.sentence_starters.is_empty(), "{name}");
            assert!(!file.furniture.prompt_start.is_empty(), "{name}");
            assert!(!file.furniture.notice_contains.is_empty(), "{name}");
        }
        let lex = lexicon();
        assert!(lex.abbrev.titles.contains("Mme") && lex.abbrev.titles.contains("Mr"));
        assert!(lex.abbrev.inner.contains("e.g"));
        assert!(lex.abbrev.starters.contains("L'"));
        let w = ["vous", "aider", "en", "faisant", "un", "don"];
        assert!(lex.cues.prompt_contains.occurs(&w));
        assert!(!lex.cues.prompt_contains.occurs(&w[..5]));
        assert!(lex.cues.prompt_start.starts(&["share", "this", "article"]));
        assert!(!lex.cues.prompt_start.starts(&["shareholders", "this"]));
    }
}
