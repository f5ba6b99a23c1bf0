//! Word lists for segmentation and furniture recognition, read from `assets/segment/*.toml`.
//!
//! The segmenter is called without a language (articles mix languages, and a wrong guess must
//! not break sentences), so the French and English lists are merged into one [`Lexicon`]. The
//! files are compiled in with `include_str!` so an installed binary carries them; they are
//! parsed once, on first use.

use super::fold::fold;
use serde::Deserialize;
use std::collections::HashSet;
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

/// Folded cue phrases for furniture recognition.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    /// A sentence starting with one of these is a prompt.
    pub prompt_start: Vec<String>,
    /// A short sentence containing one of these is a prompt.
    pub prompt_contains: Vec<String>,
    /// A short sentence containing one of these is a notice.
    pub notice_contains: Vec<String>,
    /// `Label : …` lines are credits.
    pub credit_label: Vec<String>,
    /// Lines starting with one of these are credits.
    pub credit_lead: Vec<String>,
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
        let folded = |v: Vec<String>, out: &mut Vec<String>| {
            for s in v {
                let s = fold(s.trim());
                if !s.is_empty() && !out.contains(&s) {
                    out.push(s);
                }
            }
        };
        folded(f.prompt_start, &mut self.cues.prompt_start);
        folded(f.prompt_contains, &mut self.cues.prompt_contains);
        folded(f.notice_contains, &mut self.cues.notice_contains);
        folded(f.credit_label, &mut self.cues.credit_label);
        folded(f.credit_lead, &mut self.cues.credit_lead);
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
        assert!(
            lex.cues
                .prompt_contains
                .contains(&"faisant un don".to_owned())
        );
    }
}
