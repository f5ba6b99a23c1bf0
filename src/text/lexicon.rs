//! Word lists for segmentation and furniture recognition, read from `assets/segment/*.toml`.
//!
//! The segmenter is called without a language (articles mix languages, and a wrong guess must
//! not break sentences), so the French and English lists are merged into one [`Lexicon`]. The
//! files are compiled in with `include_str!` so an installed binary carries them; they are
//! parsed once, on first use.

use super::fold::fold;
use foldhash::{HashMap, HashSet};
use serde::Deserialize;
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

/// The folded words of `s` (letters and digits; every other char separates words).
pub(crate) fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// What a cue phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Counts only at the start of a sentence: a prompt ("Partagez…").
    PromptStart,
    /// Anywhere in a short sentence: a prompt or form label.
    Prompt,
    /// Anywhere in a short sentence: an antispam, cookie or legal notice.
    Notice,
    /// Counts only at the start of a line: a related-link line ("Lire aussi").
    CreditLead,
}

/// Everything known about one folded word: the cue phrases it starts, and whether it
/// addresses the reader.
#[derive(Debug, Default)]
struct WordEntry {
    phrases: Vec<(CueClass, Vec<String>)>,
    address: bool,
}

/// What [`Cues::scan`] found in a sentence.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Scan {
    /// Starts with a prompt phrase.
    pub prompt_start: bool,
    /// Holds a prompt phrase.
    pub prompt: bool,
    /// Holds a notice phrase.
    pub notice: bool,
    /// Starts with a related-link phrase.
    pub credit_lead: bool,
    /// Holds a word addressing the reader.
    pub address: bool,
}

/// Folded cue phrases for furniture recognition, indexed by their first word so that a
/// sentence is matched against all of them with one lookup per word.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    by_word: HashMap<String, WordEntry>,
    /// `Label : …` lines are credits (folded, longest first).
    pub credit_label: Vec<String>,
}

impl Cues {
    fn add(&mut self, class: CueClass, phrase: &str) {
        let w: Vec<String> = words(&fold(phrase))
            .into_iter()
            .map(str::to_owned)
            .collect();
        if let Some(first) = w.first() {
            let entry = self.by_word.entry(first.clone()).or_default();
            if !entry.phrases.iter().any(|(c, p)| *c == class && *p == w) {
                entry.phrases.push((class, w));
            }
        }
    }

    /// Scans a sentence's folded words for every kind of cue in one pass.
    pub fn scan(&self, words: &[&str]) -> Scan {
        let mut scan = Scan::default();
        for (i, word) in words.iter().enumerate() {
            let Some(entry) = self.by_word.get(*word) else {
                continue;
            };
            scan.address |= entry.address;
            for (class, phrase) in &entry.phrases {
                let rest = &words[i..];
                if phrase.len() > rest.len() || !phrase.iter().zip(rest).all(|(a, b)| a == b) {
                    continue;
                }
                match class {
                    CueClass::PromptStart => scan.prompt_start |= i == 0,
                    CueClass::CreditLead => scan.credit_lead |= i == 0,
                    CueClass::Prompt => scan.prompt = true,
                    CueClass::Notice => scan.notice = true,
                }
            }
        }
        scan
    }
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
        let cues = &mut self.cues;
        for (class, list) in [
            (CueClass::PromptStart, &f.prompt_start),
            (CueClass::Prompt, &f.prompt_contains),
            (CueClass::Notice, &f.notice_contains),
            (CueClass::CreditLead, &f.credit_lead),
        ] {
            list.iter().for_each(|p| cues.add(class, p));
        }
        for w in &f.reader_address {
            cues.by_word.entry(fold(w.trim())).or_default().address = true;
        }
        for label in &f.credit_label {
            let label = fold(label.trim());
            if !label.is_empty() && !cues.credit_label.contains(&label) {
                cues.credit_label.push(label);
            }
        }
        // Longer labels first so "crédit photo" wins over "crédit".
        cues.credit_label
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
        let scan = lex.cues.scan(&w);
        assert!(scan.prompt && scan.address && !scan.prompt_start && !scan.notice);
        assert!(!lex.cues.scan(&w[..5]).prompt);
        assert!(lex.cues.scan(&["share", "this", "article"]).prompt_start);
        assert!(!lex.cues.scan(&["shareholders", "this"]).prompt_start);
        assert!(!lex.cues.scan(&["please", "share", "this"]).prompt_start);
    }
}
