//! The word knowledge of the aligner: stop words, stemmers, paraphrase groups and negation
//! cues, loaded once from `assets/` (built into the binary with `include_str!`).
//!
//! Everything here works on folded text ([`crate::text::fold`]) so that accents, case and
//! apostrophe styles never decide whether two wordings match. Paraphrase terms go through the
//! same tokenising, stop-word removal and stemming as sentences, once per language, so that a
//! group listed as "messages privés" also matches "message privé" or "messages privées".

use crate::corpus::Lang;
use crate::text::fold::fold;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use std::cell::RefCell;
// Looked up for every word of every claim: a fast hash, not SipHash.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::OnceLock;

const STOP_FR: &str = include_str!("../../assets/stopwords/fr.txt");
const STOP_EN: &str = include_str!("../../assets/stopwords/en.txt");
/// French common words (the thesaurus headwords, see `assets/words/`): a capitalised first
/// word of a sentence found here is a word, not a name.
const WORDS_FR: &str = include_str!("../../assets/words/fr.txt");
const PARAPHRASES: &str = include_str!("../../assets/paraphrases.toml");

/// The two languages the aligner stems for (unknown text is guessed into one of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tongue {
    /// French.
    Fr,
    /// English.
    En,
}

#[derive(Deserialize)]
struct ParaphraseFile {
    group: Vec<Group>,
    negation: Negation,
}

#[derive(Deserialize)]
struct Group {
    terms: Vec<String>,
}

#[derive(Deserialize)]
struct Negation {
    fr: Vec<String>,
    en: Vec<String>,
    not_after: Vec<String>,
}

/// One multi-word (or single-word) paraphrase term, as a sequence of stems.
#[derive(Debug)]
pub struct Term {
    /// Stems, in order.
    pub stems: Vec<String>,
    /// The folded stop word the term puts right before its first stem, if any: "en échange"
    /// and "sur mesure" are locutions, while "échange" or "mesure" alone say something else
    /// ("s'échanger des morceaux", "dans une certaine mesure").
    pub lead: Option<String>,
    /// Index of the group.
    pub group: usize,
}

/// Per-language tables.
pub struct Tables {
    tongue: Tongue,
    stemmer: Stemmer,
    stop: HashSet<String>,
    /// Paraphrase terms by their first stem, longest first.
    pub terms: HashMap<String, Vec<Term>>,
    negation: HashSet<String>,
    not_after: HashSet<String>,
    /// Stems of the language's common words (empty when none are known).
    common: HashSet<String>,
}

/// All word knowledge.
pub struct Lexicon {
    fr: Tables,
    en: Tables,
    /// Label of each paraphrase group (its first term).
    pub group_labels: Vec<String>,
}

/// The lexicon, loaded on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(load)
}

/// Splits folded text into words: maximal runs of alphanumeric chars. Yields
/// `(char offset, word)` pairs, offsets counted in chars of `folded`.
pub fn words(folded: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = folded.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        loop {
            let (ci, (bi, c)) = chars.next()?;
            if c.is_alphanumeric() {
                let mut end = bi + c.len_utf8();
                while let Some(&(_, (b, d))) = chars.peek() {
                    if !d.is_alphanumeric() {
                        break;
                    }
                    end = b + d.len_utf8();
                    chars.next();
                }
                return Some((ci, &folded[bi..end]));
            }
        }
    })
}

fn stop_set(list: &str) -> HashSet<String> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(fold)
        .collect()
}

fn tables(tongue: Tongue, stop: &str, file: &ParaphraseFile) -> Tables {
    let algorithm = match tongue {
        Tongue::Fr => Algorithm::French,
        Tongue::En => Algorithm::English,
    };
    let mut t = Tables {
        tongue,
        stemmer: Stemmer::create(algorithm),
        stop: stop_set(stop),
        terms: HashMap::new(),
        negation: HashSet::new(),
        not_after: file.negation.not_after.iter().map(|w| fold(w)).collect(),
        common: HashSet::new(),
    };
    if tongue == Tongue::Fr {
        // Stemmed as written, accents kept, as words of a sentence are.
        t.common = WORDS_FR
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|w| t.stem(w.trim()))
            .collect();
    }
    for (g, group) in file.group.iter().enumerate() {
        for term in &group.terms {
            let lower = term.to_lowercase();
            let content = content_words(&t, &lower);
            let lead = leading_stop(&t, &lower, content.len());
            let stems: Vec<String> = content.into_iter().map(|w| t.stem(w)).collect();
            if let Some(first) = stems.first() {
                let list = t.terms.entry(first.clone()).or_default();
                if !list.iter().any(|x| x.stems == stems && x.lead == lead) {
                    list.push(Term {
                        stems,
                        lead,
                        group: g,
                    });
                }
            }
        }
    }
    for list in t.terms.values_mut() {
        // Longest first, and a locution before the bare word it starts with.
        list.sort_by_key(|t| std::cmp::Reverse((t.stems.len(), t.lead.is_some())));
    }
    let negation = match tongue {
        Tongue::Fr => &file.negation.fr,
        Tongue::En => &file.negation.en,
    };
    t.negation = negation.iter().map(|w| fold(w)).collect();
    t
}

/// Words of a lowercased term that are not stop words; a term made only of stop words keeps
/// them all.
fn content_words<'a>(t: &Tables, lower: &'a str) -> Vec<&'a str> {
    let all: Vec<&str> = words(lower).map(|(_, w)| w).collect();
    let content: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| !t.is_stop(&fold(w)))
        .collect();
    if content.is_empty() { all } else { content }
}

/// The stop word right before the first content word of a lowercased term, when the term has
/// content words and starts with stop words.
fn leading_stop(t: &Tables, lower: &str, content: usize) -> Option<String> {
    if content == 0 {
        return None;
    }
    let mut last = None;
    for (_, w) in words(lower) {
        let f = fold(w);
        if !t.is_stop(&f) {
            break;
        }
        last = Some(f);
    }
    last
}

fn load() -> Lexicon {
    // The asset is part of the binary and covered by tests: failing to parse it is a build
    // defect, not bad input.
    let file: ParaphraseFile =
        toml::from_str(PARAPHRASES).expect("assets/paraphrases.toml is valid");
    let group_labels = file
        .group
        .iter()
        .map(|g| g.terms.first().cloned().unwrap_or_default())
        .collect();
    Lexicon {
        fr: tables(Tongue::Fr, STOP_FR, &file),
        en: tables(Tongue::En, STOP_EN, &file),
        group_labels,
    }
}

impl Tables {
    /// True for a folded stop word.
    pub fn is_stop(&self, folded: &str) -> bool {
        self.stop.contains(folded)
    }

    /// True when a word as written is a common word of the language (by its stem), not a name.
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(&self.stem(word))
    }

    /// True for a folded negation cue.
    pub fn is_negation(&self, folded: &str) -> bool {
        self.negation.contains(folded)
    }

    /// True when a negation cue right after the folded word `previous` negates an infinitive
    /// rather than the statement.
    pub fn negates_infinitive(&self, previous: &str) -> bool {
        self.not_after.contains(previous)
    }

    /// Folded stem of a word as written (any case, accents kept). The stemmer runs before
    /// folding: its suffix rules know the accents ("privées" and "privés" both give `priv`,
    /// while their folded forms "privees" and "prives" would stem apart).
    ///
    /// Memoised per thread: a corpus repeats a small vocabulary, and the Snowball stemmer was a
    /// third of the features step's time at 10,000 articles.
    pub fn stem(&self, word: &str) -> String {
        STEMS.with(|memo| {
            let memo = &mut memo.borrow_mut()[self.tongue as usize];
            if let Some(stem) = memo.get(word) {
                return stem.to_string();
            }
            let stem = fold(&self.stemmer.stem(&word.to_lowercase()));
            if memo.len() >= STEM_MEMO_MAX {
                // A bound, not an eviction policy: a vocabulary this large is rare.
                memo.clear();
            }
            memo.insert(word.into(), stem.as_str().into());
            stem
        })
    }
}

/// Forgets the stems [`Tables::stem`] remembered, on this thread and on rayon's: called once
/// a corpus's features are extracted, so that the memo does not sit beside the aligner's
/// largest structures.
pub fn forget_stems() {
    let forget = || STEMS.with(|memo| *memo.borrow_mut() = Default::default());
    rayon::broadcast(|_| forget());
    forget();
}

/// Most words [`Tables::stem`] remembers per thread and language (a few MB).
const STEM_MEMO_MAX: usize = 1 << 17;

thread_local! {
    /// Stems computed on this thread, by language, keyed by the word as written.
    static STEMS: RefCell<[HashMap<Box<str>, Box<str>>; 2]> = RefCell::default();
}

impl Lexicon {
    /// The tables of a language.
    pub fn tables(&self, tongue: Tongue) -> &Tables {
        match tongue {
            Tongue::Fr => &self.fr,
            Tongue::En => &self.en,
        }
    }

    /// The language to stem `folded` text with: the article's when known, else the one whose
    /// stop words it uses most (French on a tie).
    pub fn tongue(&self, lang: Lang, folded: &str) -> Tongue {
        match lang {
            Lang::Fr => Tongue::Fr,
            Lang::En => Tongue::En,
            Lang::Unknown => {
                let (mut fr, mut en) = (0, 0);
                for (_, w) in words(folded) {
                    fr += usize::from(self.fr.is_stop(w));
                    en += usize::from(self.en.is_stop(w));
                }
                if en > fr { Tongue::En } else { Tongue::Fr }
            }
        }
    }
}

/// True when `text` contains a negation cue of its language that negates the statement
/// (not an infinitive of purpose: "afin de ne pas concurrencer").
pub fn negated(text: &str) -> bool {
    let lex = lexicon();
    let folded = fold(text);
    let tables = lex.tables(lex.tongue(Lang::Unknown, &folded));
    let mut previous = "";
    for (_, word) in words(&folded) {
        if tables.is_negation(word) && !tables.negates_infinitive(previous) {
            return true;
        }
        previous = word;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_load_and_terms_are_stemmed() {
        let lex = lexicon();
        assert!(lex.group_labels.len() > 10);
        let fr = lex.tables(Tongue::Fr);
        assert!(fr.is_stop("les") && fr.is_stop("a") && !fr.is_stop("netflix"));
        assert!(fr.is_negation("jamais"));
        let first = fr.stem("messages");
        let terms = &fr.terms[&first];
        assert!(terms.iter().any(|t| t.stems.len() == 2));
    }

    #[test]
    fn words_split_on_punctuation_with_char_offsets() {
        let w: Vec<_> = words("l'acces a 150 000 €, déjà").collect();
        assert_eq!(
            w,
            vec![
                (0, "l"),
                (2, "acces"),
                (8, "a"),
                (10, "150"),
                (14, "000"),
                (21, "déjà")
            ]
        );
    }

    #[test]
    fn guesses_language_from_stop_words() {
        let lex = lexicon();
        assert_eq!(
            lex.tongue(Lang::Unknown, "the deal was signed by the board"),
            Tongue::En
        );
        assert_eq!(
            lex.tongue(Lang::Unknown, "le conseil a signé les accords"),
            Tongue::Fr
        );
    }
}
