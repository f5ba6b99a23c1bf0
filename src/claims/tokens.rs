//! Words of a sentence with their char offsets, folded forms and the punctuation between them.
//!
//! Every cue, entity and attribution rule works on this one tokenisation, so that a cue phrase
//! written in `assets/cues/*.toml` ("d'après", "porte-parole") is split exactly as the sentence
//! is. Words are runs of letters and digits (with combining marks, and dots inside "2.0" or
//! "NewZilla.NET"); apostrophes and hyphens split words, so "l’API" gives "l" + "API" and
//! "Partagez-là" gives "Partagez" + "là". One pass over the sentence: linear time.

use crate::text::fold::fold;
use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;

/// What the text between two words contains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    /// A comma or semicolon.
    pub comma: bool,
    /// An opening quotation mark.
    pub open_quote: bool,
    /// A closing quotation mark.
    pub close_quote: bool,
    /// An opening parenthesis or bracket.
    pub open_paren: bool,
    /// A closing parenthesis or bracket.
    pub close_paren: bool,
    /// A colon.
    pub colon: bool,
    /// Sentence punctuation (. ! ? …) or a line break.
    pub stop: bool,
    /// Only spaces, a hyphen or an apostrophe: the words belong together.
    pub tight: bool,
}

impl Gap {
    /// True when the gap is only spacing (or a hyphen or apostrophe).
    pub fn is_plain(&self) -> bool {
        !(self.comma
            || self.open_quote
            || self.close_quote
            || self.open_paren
            || self.close_paren
            || self.colon
            || self.stop)
    }
}

/// One word of a sentence.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// First char, relative to the sentence.
    pub start: usize,
    /// One past the last char, relative to the sentence.
    pub end: usize,
    /// Byte range in the sentence.
    pub bytes: (usize, usize),
    /// Folded form (accents, case removed). Borrowed from the sentence when folding changes
    /// nothing (a lower-case ASCII word, most words), so that only the others allocate.
    pub folded: Cow<'a, str>,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has at least two letters, all upper case (an acronym or shouting).
    pub upper: bool,
    /// Starts with a digit.
    pub digit: bool,
    /// What lies between the previous word (or the sentence start) and this one.
    pub gap: Gap,
}

impl Token<'_> {
    /// The word as written.
    pub fn text<'s>(&self, sentence: &'s str) -> &'s str {
        &sentence[self.bytes.0..self.bytes.1]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn classify_gap(gap: &mut Gap, c: char, prev_is_space: bool) {
    match c {
        ',' | ';' => gap.comma = true,
        '«' | '‹' | '„' => gap.open_quote = true,
        '»' | '›' => gap.close_quote = true,
        // Curly and straight double quotes: opening after a space, closing otherwise.
        '“' | '”' | '"' => {
            if prev_is_space {
                gap.open_quote = true
            } else {
                gap.close_quote = true
            }
        }
        '(' | '[' | '{' => gap.open_paren = true,
        ')' | ']' | '}' => gap.close_paren = true,
        ':' => gap.colon = true,
        '.' | '!' | '?' | '…' | '\n' | '\r' => gap.stop = true,
        _ => {}
    }
}

/// The char at byte `i` of `s` (a char boundary) and its length in bytes; ASCII (nearly every
/// byte of the text) without decoding.
#[inline]
pub(super) fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        s[i..].chars().next().map(|c| (c, c.len_utf8()))
    }
}

/// Splits a sentence into words.
pub fn tokenize(sentence: &str) -> Vec<Token<'_>> {
    // About one word per six bytes of prose: one allocation for most sentences.
    let mut out = Vec::with_capacity(sentence.len() / 6 + 1);
    let mut gap = Gap::default();
    let mut prev_is_space = true;
    let (mut bi, mut ci) = (0, 0);
    while let Some((c, len)) = char_at(sentence, bi) {
        if !c.is_alphanumeric() {
            classify_gap(&mut gap, c, prev_is_space);
            prev_is_space = c.is_whitespace() || matches!(c, '(' | '[' | '«');
            bi += len;
            ci += 1;
            continue;
        }
        let (mut be, mut ce) = (bi + len, ci + 1);
        let mut all_upper = c.is_uppercase();
        let mut letters = usize::from(c.is_alphabetic());
        // Folding an ASCII word only lower-cases it: nothing to do without a capital.
        let mut ascii = c.is_ascii();
        let mut lower = !c.is_ascii_uppercase();
        while let Some((nc, nlen)) = char_at(sentence, be) {
            if is_word_char(nc) {
                all_upper &= !nc.is_lowercase();
                letters += usize::from(nc.is_alphabetic());
                ascii &= nc.is_ascii();
                lower &= !nc.is_ascii_uppercase();
                be += nlen;
                ce += 1;
                continue;
            }
            // A dot or ampersand between two word chars stays inside the word ("2.0", "AT&T").
            if matches!(nc, '.' | '&')
                && char_at(sentence, be + 1).is_some_and(|(a, _)| a.is_alphanumeric())
            {
                be += 1;
                ce += 1;
                continue;
            }
            break;
        }
        let text = &sentence[bi..be];
        gap.tight = gap.is_plain();
        out.push(Token {
            start: ci,
            end: ce,
            bytes: (bi, be),
            folded: match (ascii, lower) {
                (true, true) => Cow::Borrowed(text),
                (true, false) => Cow::Owned(text.to_ascii_lowercase()),
                _ => Cow::Owned(fold(text)),
            },
            cap: c.is_uppercase(),
            upper: all_upper && letters >= 2,
            digit: c.is_ascii_digit() || c.is_numeric(),
            gap,
        });
        gap = Gap::default();
        prev_is_space = false;
        bi = be;
        ci = ce;
    }
    out
}

/// Tokenises a cue phrase the way sentences are tokenised, returning folded words.
pub fn words(phrase: &str) -> Vec<String> {
    tokenize(phrase)
        .into_iter()
        .map(|t| t.folded.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_elisions_and_hyphens_and_keeps_offsets() {
        let s = "Selon l’API « Titan », NewZilla.NET a dit 2.0 — Partagez-là";
        let t = tokenize(s);
        let w: Vec<&str> = t.iter().map(|t| t.text(s)).collect();
        assert_eq!(
            w,
            [
                "Selon",
                "l",
                "API",
                "Titan",
                "NewZilla.NET",
                "a",
                "dit",
                "2.0",
                "Partagez",
                "là"
            ]
        );
        assert!(t[3].gap.open_quote && t[4].gap.close_quote && t[4].gap.comma);
        let chars: Vec<char> = s.chars().collect();
        let titan: String = chars[t[3].start..t[3].end].iter().collect();
        assert_eq!(titan, "Titan");
        assert!(t[2].upper && t[2].cap && !t[0].upper);
    }

    #[test]
    fn combining_marks_stay_in_words() {
        let s = "Cafe\u{301} noir";
        let t = tokenize(s);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].folded, "cafe");
    }
}
