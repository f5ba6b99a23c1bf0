//! Sentences that can state no quantity and no date, told apart without lexing them.
//!
//! Most sentences hold no number, and lexing them for the quantity and date normalisers
//! ([`super::lexer`], [`super::quantity`], [`super::dates`]) was a third of extraction. Every
//! quantity or date those normalisers find contains an *anchor*: a digit, or a word that names
//! a number, a magnitude, a time unit, a frequency, a month, a weekday or a relative day. Their
//! rules were read for this (each path is listed in [`Anchors::build`]); the test below checks
//! the claim on the seeds and a generated archive. A sentence without an anchor is skipped: the
//! normalisers would find nothing in it. One pass over the chars, no allocation per word.

use super::lexer::{fold_fast, is_apostrophe};
use super::numwords::{LEXICON, Lexicon};
use super::tokens::char_at;
use crate::text::fold::fold_into;
use foldhash::{HashSet, HashSetExt};
use std::sync::LazyLock;

/// The anchor words, folded as the lexer folds a word (its `norm`).
struct Anchors {
    /// Words that anchor as a whole token.
    whole: HashSet<String>,
    /// Words that anchor as the first part of a hyphenated token ("vingt" of "vingt-deux").
    first_parts: HashSet<String>,
    /// Longest anchor, in bytes: longer words need no look-up.
    longest: usize,
}

static ANCHORS: LazyLock<Anchors> = LazyLock::new(|| Anchors::build(&LEXICON));

impl Anchors {
    fn build(lx: &Lexicon) -> Anchors {
        let mut whole: HashSet<String> = HashSet::new();
        // `numbers::core_at`: magnitudes (after "un", or "demi-…"), abbreviations ("un M", matched
        // as written, so folded like the token's norm), approximate nouns, vague plurals, time
        // units counted by "un"; `quantity::frequency_at`: frequency words, and time units after
        // "chaque"/"par"/"deux fois par"; `dates`: months, weekdays, time units of "il y a deux
        // ans" and of relative references.
        for m in [
            lx.magnitudes.keys(),
            lx.magnitudes_before_de.keys(),
            lx.approx_nouns.keys(),
        ] {
            whole.extend(m.cloned());
        }
        whole.extend(lx.abbreviations.keys().map(|k| fold_fast(k).into_owned()));
        whole.extend(lx.vague_plurals.keys().cloned());
        whole.extend(lx.frequency_words.keys().cloned());
        whole.extend(lx.time_units.keys().cloned());
        whole.extend(lx.indefinite_time_units.iter().cloned());
        whole.extend(lx.months.keys().cloned());
        whole.extend(lx.month_abbreviations.keys().cloned());
        whole.extend(lx.weekdays.keys().cloned());
        // A phrase ("quelques", "la semaine dernière", "hier") matches only with all its words:
        // one of them anchors it, preferably one that is already an anchor.
        for p in lx.vague_words.phrases().chain(lx.relative.phrases()) {
            if !p.iter().any(|w| whole.contains(w))
                && let Some(last) = p.last()
            {
                whole.insert(last.clone());
            }
        }
        // `numbers::words_at` reads a number word from the first part of a token.
        let first_parts: HashSet<String> = lx
            .cardinals
            .keys()
            .chain(lx.hundreds.keys())
            .map(String::as_str)
            .chain(["mille", "thousand"])
            .map(|k| first_part(k).to_string())
            .collect();
        let longest = whole.iter().chain(&first_parts).map(String::len).max();
        Anchors {
            whole,
            first_parts,
            longest: longest.unwrap_or(0),
        }
    }

    fn anchors(&self, norm: &str) -> bool {
        self.whole.contains(norm) || self.first_parts.contains(first_part(norm))
    }
}

fn first_part(word: &str) -> &str {
    word.split('-').next().unwrap_or(word)
}

/// False when the normalisers would find no quantity and no date in `sentence`: it has no digit
/// and none of its words is an anchor. Words are delimited as [`super::lexer::tokenize`] does
/// (letters, hyphens between letters, an elision's apostrophe), so each word's folded form is
/// the norm of the lexer's token.
pub(crate) fn may_hold_numbers(sentence: &str) -> bool {
    let anchors = &*ANCHORS;
    let elisions = &LEXICON.elisions;
    // Every ASCII digit starts or continues a number token, and every number anchors.
    if sentence.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut norm = String::new();
    let mut i = 0;
    while let Some((c, len)) = char_at(sentence, i) {
        if !c.is_alphabetic() {
            i += len;
            continue;
        }
        let start = i;
        let mut j = i + len;
        while let Some((d, dlen)) = char_at(sentence, j) {
            if d.is_alphabetic() {
                j += dlen;
            } else if d == '-' && char_at(sentence, j + 1).is_some_and(|(e, _)| e.is_alphabetic()) {
                j += 1;
            } else {
                break;
            }
        }
        let mut end = j;
        if j - start <= anchors.longest {
            norm.clear();
            fold_word(&sentence[start..j], &mut norm);
            if let Some((a, alen)) = char_at(sentence, j)
                && is_apostrophe(a)
                && char_at(sentence, j + alen).is_some_and(|(e, _)| e.is_alphabetic())
                && elisions.contains(&norm)
            {
                end = j + alen;
                // Every apostrophe folds to '\'': the norm of "d’" is "d'".
                norm.push('\'');
            }
            if anchors.anchors(&norm) {
                return true;
            }
        }
        i = end;
    }
    false
}

/// [`fold_fast`] into a buffer.
fn fold_word(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        fold_into(word, out);
    }
}

#[cfg(test)]
#[path = "../../tests/support/corpus_gen.rs"]
mod corpus_gen;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{dates, quantity};
    use crate::corpus::PartialDate;

    /// The claim the module rests on, on every sentence of the seeds and of a generated archive,
    /// and on sentences that hold only word anchors.
    #[test]
    fn sentences_without_anchors_hold_no_quantity_and_no_date() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let generator = super::corpus_gen::Generator::from_dir(&dir).expect("seeds are readable");
        let mut sources = generator.sources(300, 7);
        for e in std::fs::read_dir(&dir)
            .expect("seeds are readable")
            .flatten()
        {
            sources.push((e.path(), std::fs::read(e.path()).expect("seed is readable")));
        }
        let corpus = crate::corpus::from_sources(sources);
        let sentences = corpus.segment();
        let date = Some(PartialDate {
            year: 2024,
            month: Some(3),
            day: Some(23),
        });
        let mut skipped = 0;
        let mut checked = 0;
        let extra = [
            "Il y a deux ans, le service comptait plusieurs centaines d’abonnés.",
            "Des dizaines de milliers de personnes, chaque semaine, hier et avant-hier.",
            "Ce mois-ci, le quotidien bihebdomadaire paraît mardi ; l’an dernier, en mars.",
            "Twenty-two people paid a few million dollars yesterday, twice a month.",
            "Une cinquantaine de salariés, un demi-milliard, vingt-deux, mille.",
            "Le service a été présenté par la direction sans autre précision.",
            "En De\u{301}cembre, dans quatre\u{2011}vingts jours, dʼaprès lʼan passé.",
        ];
        let texts = corpus
            .articles
            .iter()
            .zip(&sentences)
            .flat_map(|(a, s)| s.iter().map(|s| crate::text::slice_chars(&a.text, s.span)))
            .chain(extra.iter().copied());
        for text in texts {
            checked += 1;
            if may_hold_numbers(text) {
                continue;
            }
            skipped += 1;
            assert!(quantity::quantities(text, 0).is_empty(), "{text}");
            assert!(dates::dates(text, 0, date).is_empty(), "{text}");
        }
        for s in &extra[..5] {
            assert!(may_hold_numbers(s), "{s}");
        }
        assert!(!may_hold_numbers(extra[5]));
        // The shortcut must be worth having: most sentences of news prose have no anchor.
        assert!(skipped * 3 > checked, "{skipped} of {checked}");
    }
}
