//! Words of a sentence with their char offsets, folded forms and the punctuation between them.
//!
//! Every cue, entity and attribution rule works on this one tokenisation, so that a cue phrase
//! written in `assets/cues/*.toml` ("d'après", "porte-parole") is split exactly as the sentence
//! is. Words are runs of letters and digits (with combining marks, and dots inside "2.0" or
//! "NewZilla.NET"); apostrophes and hyphens split words, so "l’API" gives "l" + "API" and
//! "Partagez-là" gives "Partagez" + "là". One pass over the sentence: linear time.

use crate::text::fold::fold;
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
pub struct Token {
    /// First char, relative to the sentence.
    pub start: usize,
    /// One past the last char, relative to the sentence.
    pub end: usize,
    /// Byte range in the sentence.
    pub bytes: (usize, usize),
    /// Folded form (accents, case removed).
    pub folded: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has at least two letters, all upper case (an acronym or shouting).
    pub upper: bool,
    /// Starts with a digit.
    pub digit: bool,
    /// What lies between the previous word (or the sentence start) and this one.
    pub gap: Gap,
}

impl Token {
    /// The word as written.
    pub fn text<'a>(&self, sentence: &'a str) -> &'a str {
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

/// Splits a sentence into words.
pub fn tokenize(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = sentence.char_indices().enumerate().peekable();
    let mut gap = Gap::default();
    let mut prev_is_space = true;
    while let Some((ci, (bi, c))) = chars.next() {
        if !c.is_alphanumeric() {
            classify_gap(&mut gap, c, prev_is_space);
            prev_is_space = c.is_whitespace() || matches!(c, '(' | '[' | '«');
            continue;
        }
        let (mut ce, mut be) = (ci + 1, bi + c.len_utf8());
        let mut all_upper = c.is_uppercase();
        let mut letters = usize::from(c.is_alphabetic());
        while let Some(&(nci, (nbi, nc))) = chars.peek() {
            if is_word_char(nc) {
                all_upper &= !nc.is_lowercase();
                letters += usize::from(nc.is_alphabetic());
                chars.next();
                ce = nci + 1;
                be = nbi + nc.len_utf8();
                continue;
            }
            // A dot or ampersand between two word chars stays inside the word ("2.0", "AT&T").
            if matches!(nc, '.' | '&') {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek().is_some_and(|&(_, (_, a))| a.is_alphanumeric()) {
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let text = &sentence[bi..be];
        gap.tight = gap.is_plain();
        out.push(Token {
            start: ci,
            end: ce,
            bytes: (bi, be),
            // ASCII words (most) only need lower-casing: fold changes nothing else in them.
            folded: if text.is_ascii() {
                text.to_ascii_lowercase()
            } else {
                fold(text)
            },
            cap: c.is_uppercase(),
            upper: all_upper && letters >= 2,
            digit: c.is_ascii_digit() || c.is_numeric(),
            gap,
        });
        gap = Gap::default();
        prev_is_space = false;
    }
    out
}

/// Tokenises a cue phrase the way sentences are tokenised, returning folded words.
pub fn words(phrase: &str) -> Vec<String> {
    tokenize(phrase).into_iter().map(|t| t.folded).collect()
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
