//! The language of an article, French or English, guessed from its commonest function words.
//!
//! It decides the stop words, stemmer and cue lists used downstream, and it runs on every file
//! before the reader's first frame, so the guess reads a bounded sample and allocates nothing.

use serde::{Deserialize, Serialize};

/// Language of an article, guessed from its function words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
    /// Too little text, or neither.
    #[default]
    #[serde(rename = "und")]
    Unknown,
}

impl Lang {
    /// The BCP 47 code used in exports ("fr", "en", "und").
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::Unknown => "und",
        }
    }
}

/// French function words counted by [`guess_lang`] (all ASCII, at most four letters).
const FR_WORDS: &[&str] = &[
    "le", "la", "les", "des", "est", "et", "une", "du", "que", "qui", "dans", "pour", "pas", "sur",
    "au", "aux", "avec", "ont", "son", "ses",
];

/// English function words counted by [`guess_lang`] (all ASCII, at most four letters).
const EN_WORDS: &[&str] = &[
    "the", "and", "of", "to", "is", "that", "in", "for", "with", "was", "on", "are", "it", "by",
    "has", "have", "from", "his", "her",
];

/// Chars of the text read by [`guess_lang`]: plenty, and it keeps the guess O(1) on huge files.
const LANG_SAMPLE_CHARS: usize = 20_000;

/// Guesses French or English from the share of each language's commonest function words in
/// the first [`LANG_SAMPLE_CHARS`] chars.
///
/// Runs on every file before the reader's first frame, so it allocates nothing: a word is a run
/// of alphabetic chars, and only words of at most four bytes that are all ASCII can be function
/// words (the lists are ASCII, and no non-ASCII letter lower-cases to an ASCII letter of them),
/// so they are lower-cased in a four-byte buffer.
pub fn guess_lang(text: &str) -> Lang {
    let (mut fr, mut en) = (0usize, 0usize);
    let mut count = |word: &[u8]| {
        if !(1..=4).contains(&word.len()) || !word.is_ascii() {
            return;
        }
        let mut buf = [0u8; 4];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        fr += FR_WORDS.iter().any(|w| w.as_bytes() == lower) as usize;
        en += EN_WORDS.iter().any(|w| w.as_bytes() == lower) as usize;
    };
    // Chars are never more than bytes: a short text is its own sample.
    let end = if text.len() <= LANG_SAMPLE_CHARS {
        text.len()
    } else {
        crate::text::char_to_byte(text, LANG_SAMPLE_CHARS).min(text.len())
    };
    let sample = &text.as_bytes()[..end];
    let (mut start, mut i) = (0, 0);
    while i < end {
        // ASCII decides by the byte; only other chars are decoded.
        let (letter, width) = match sample[i] {
            b if b.is_ascii() => (b.is_ascii_alphabetic(), 1),
            // U+00C0..=U+00FF (French accented letters): all letters but × and ÷.
            0xC3 if i + 1 < end => (!matches!(sample[i + 1], 0x97 | 0xB7), 2),
            _ => match text[i..].chars().next() {
                Some(c) => (c.is_alphabetic(), c.len_utf8()),
                None => break,
            },
        };
        if !letter {
            count(&sample[start..i]);
            start = i + width;
        }
        i += width;
    }
    count(&sample[start.min(end)..end]);
    match (fr, en) {
        (f, e) if f + e < 3 => Lang::Unknown,
        (f, e) if f >= e => Lang::Fr,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guess as first written (one lower-cased `String` per short word): the allocation-free
    /// [`guess_lang`] must answer the same on any text.
    fn guess_lang_by_allocation(text: &str) -> Lang {
        let (mut fr, mut en) = (0usize, 0usize);
        let head = &text[..crate::text::char_to_byte(text, LANG_SAMPLE_CHARS).min(text.len())];
        for w in head.split(|c: char| !c.is_alphabetic()) {
            if w.len() > 4 || w.is_empty() {
                continue;
            }
            let w = w.to_lowercase();
            fr += FR_WORDS.contains(&w.as_str()) as usize;
            en += EN_WORDS.contains(&w.as_str()) as usize;
        }
        match (fr, en) {
            (f, e) if f + e < 3 => Lang::Unknown,
            (f, e) if f >= e => Lang::Fr,
            _ => Lang::En,
        }
    }

    proptest::proptest! {
        #[test]
        fn guess_lang_matches_the_allocating_guess(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(FR_WORDS.iter().chain(EN_WORDS).map(|w| w.to_string()).collect::<Vec<_>>()),
                    "[A-Za-zÉéÀàİK\u{212a}ß×÷\u{c0}-\u{ff}]{1,5}",
                    "[ .,'’\n0-9-]{1,2}",
                ],
                0..60,
            )
        ) {
            let text: String = words.concat();
            proptest::prop_assert_eq!(guess_lang(&text), guess_lang_by_allocation(&text));
        }
    }

    #[test]
    fn guess_lang_reads_only_its_sample() {
        let mut text = "x ".repeat(LANG_SAMPLE_CHARS / 2 - 1);
        text.push_str("the and of to is");
        assert_eq!(guess_lang(&text), guess_lang_by_allocation(&text));
        // The third "the" ends on the last char read; one more char before it cuts it.
        let edge = |pad: usize| format!("{} the the the", "é".repeat(LANG_SAMPLE_CHARS - pad));
        assert_eq!(guess_lang(&edge(12)), Lang::En);
        assert_eq!(guess_lang(&edge(11)), Lang::Unknown);
        for pad in 10..14 {
            assert_eq!(guess_lang(&edge(pad)), guess_lang_by_allocation(&edge(pad)));
        }
    }
}
