//! Tokens of the quantity and date normalisers: words, numbers and punctuation with char
//! offsets, and the phrase look-ups both normalisers make on them.
//!
//! One hand-written pass (no regex, no allocation per char) splits a sentence. Numbers are
//! lexed as the press writes them: digit groups separated by a space, NBSP (U+00A0), NNBSP
//! (U+202F), a comma or a point; decimal comma or point. Words keep an elision's apostrophe
//! ("d'") so that cue phrases match as written. Kept apart from [`super::numbers`], which reads
//! values from these tokens, because the lexicon's phrases are tokenised here too.

use super::numwords::{LEXICON, PhraseSet};
use crate::text::Span;
use crate::text::fold::fold;
use foldhash::HashSet;
use std::borrow::Cow;

/// Kinds of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// A token with its char span in the sentence.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub kind: Kind,
    /// First char (offset in the sentence).
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// As written.
    pub raw: &'a str,
    /// Folded text (words, punctuation); the digits for numbers. Borrowed from the sentence
    /// when it is the text as written (most tokens), so that only the others allocate.
    pub norm: Cow<'a, str>,
    /// Numeric value of a number token.
    pub value: f64,
    /// A number written with digits only: no group separator, no decimal part.
    pub plain: bool,
}

impl Tok<'_> {
    /// Number of chars of a plain number (its digits).
    pub(crate) fn digits(&self) -> usize {
        self.end - self.start
    }
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// [`fold`], with a shortcut for ASCII text (most words), which only needs lower-casing, and
/// none at all without a capital.
pub(crate) fn fold_fast(s: &str) -> Cow<'_, str> {
    if !s.is_ascii() {
        Cow::Owned(fold(s))
    } else if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Splits `s` into tokens. `elisions` are the folded words that keep their apostrophe ("d'").
pub(crate) fn tokenize<'a>(s: &'a str, elisions: &HashSet<String>) -> Vec<Tok<'a>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(s.len(), |c| c.0);
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut out = Vec::with_capacity(chars.len() / 4 + 1);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let (end, value, plain, digits) = lex_number(&chars, i);
            let raw = &s[byte(i)..byte(end)];
            out.push(Tok {
                kind: Kind::Num,
                start: i,
                end,
                raw,
                // A plain number's digits are the number as written.
                norm: if digits == raw {
                    Cow::Borrowed(raw)
                } else {
                    Cow::Owned(digits)
                },
                value,
                plain,
            });
            i = end;
        } else if c.is_alphabetic() {
            let mut j = i + 1;
            while let Some(d) = at(j) {
                let joined = d == '-' && at(j + 1).is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || joined {
                    j += if joined { 2 } else { 1 };
                } else {
                    break;
                }
            }
            let mut norm = fold_fast(&s[byte(i)..byte(j)]);
            if at(j).is_some_and(is_apostrophe)
                && at(j + 1).is_some_and(char::is_alphabetic)
                && elisions.contains(&*norm)
            {
                j += 1;
                // Every apostrophe folds to '\'', so the folded word with it is "d'".
                norm = fold_fast(&s[byte(i)..byte(j)]);
            }
            out.push(Tok {
                kind: Kind::Word,
                start: i,
                end: j,
                raw: &s[byte(i)..byte(j)],
                norm,
                value: 0.0,
                plain: false,
            });
            i = j;
        } else {
            out.push(Tok {
                kind: Kind::Punct,
                start: i,
                end: i + 1,
                raw: &s[byte(i)..byte(i + 1)],
                norm: fold_fast(&s[byte(i)..byte(i + 1)]),
                value: 0.0,
                plain: false,
            });
            i += 1;
        }
    }
    out
}

/// Reads a number starting at `chars[i]` (a digit): returns its end, value, plainness and
/// its digits with a `.` decimal point.
fn lex_number(chars: &[(usize, char)], i: usize) -> (usize, f64, bool, String) {
    let digit = |k: usize| chars.get(k).is_some_and(|c| c.1.is_ascii_digit());
    let run = |mut k: usize| {
        while digit(k) {
            k += 1;
        }
        k
    };
    let mut text = String::new();
    let mut j = run(i);
    text.extend(chars[i..j].iter().map(|c| c.1));
    let first_group = j - i;
    let mut group_sep: Option<char> = None;
    let mut plain = true;
    // Digit groups: a separator followed by exactly three digits, after a first group of at
    // most three digits ("150 000", "1,500"; never "2019 150").
    while first_group <= 3 && text != "0" {
        let Some(&(_, sep)) = chars.get(j) else { break };
        let ok_sep = is_group_space(sep) || sep == ',' || sep == '.' || sep == '\'';
        if !ok_sep || group_sep.is_some_and(|g| g != sep) {
            break;
        }
        let k = run(j + 1);
        if k - (j + 1) != 3 {
            break;
        }
        text.extend(chars[j + 1..k].iter().map(|c| c.1));
        group_sep = Some(sep);
        plain = false;
        j = k;
    }
    // A decimal part: a comma or point (not the group separator) followed by digits.
    if let Some(&(_, sep)) = chars.get(j)
        && (sep == ',' || sep == '.')
        && group_sep != Some(sep)
        && digit(j + 1)
    {
        let k = run(j + 1);
        text.push('.');
        text.extend(chars[j + 1..k].iter().map(|c| c.1));
        plain = false;
        j = k;
    }
    let value = text.parse::<f64>().unwrap_or(0.0);
    (j, value, plain, text)
}

/// The tokens of a sentence, with the shared lexicon.
pub(crate) fn tokens(s: &str) -> Vec<Tok<'_>> {
    tokenize(s, &LEXICON.elisions)
}

/// The text of tokens `a..b` (as written, spaces included) and their char span shifted by `base`.
pub(crate) fn slice<'a>(
    s: &'a str,
    toks: &[Tok<'_>],
    a: usize,
    b: usize,
    base: usize,
) -> (&'a str, Span) {
    let (first, last) = (&toks[a], &toks[b - 1]);
    // Token texts are subslices of `s`: their byte offsets are pointer differences.
    let from = first.raw.as_ptr() as usize - s.as_ptr() as usize;
    let to = last.raw.as_ptr() as usize - s.as_ptr() as usize + last.raw.len();
    (&s[from..to], Span::new(first.start, last.end).shifted(base))
}

/// Number of tokens of the longest phrase of `set` matched at `toks[i..]`.
pub(crate) fn match_any(toks: &[Tok<'_>], i: usize, set: &PhraseSet) -> Option<usize> {
    set.at(toks, i).map(|(n, _)| n)
}

/// True when one phrase of `set` ends right before token `i`.
pub(crate) fn ends_before(toks: &[Tok<'_>], i: usize, set: &PhraseSet) -> bool {
    set.ends_at(toks, i).is_some()
}

/// True when the word `t` (or the first part of a compound, "vingt" of "vingt-deux") is in
/// `starts`.
pub(crate) fn may_start(starts: &HashSet<String>, t: &Tok<'_>) -> bool {
    t.kind != Kind::Punct
        && (starts.contains(&*t.norm)
            || t.norm
                .split_once('-')
                .is_some_and(|(a, _)| starts.contains(a)))
}

/// The norm of token `i`, or "" past the end.
pub(crate) fn norm<'t>(toks: &'t [Tok<'_>], i: usize) -> &'t str {
    toks.get(i).map_or("", |t| t.norm.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::numbers::number_at;

    fn value(s: &str) -> f64 {
        let t = tokens(s);
        number_at(&t, 0).map_or(f64::NAN, |n| n.lo)
    }

    #[test]
    fn digit_groups_and_decimals() {
        assert_eq!(value("150 000"), 150_000.0);
        assert_eq!(value("150\u{a0}000"), 150_000.0);
        assert_eq!(value("1\u{202f}500\u{202f}000"), 1_500_000.0);
        assert_eq!(value("1,500"), 1500.0);
        assert_eq!(value("12,5"), 12.5);
        assert_eq!(value("1.5"), 1.5);
        assert_eq!(value("0,125"), 0.125);
        assert_eq!(value("1.500,5"), 1500.5);
        let t = tokens("en 2019 150 000");
        assert_eq!(t.len(), 3);
        assert!(!tokens("2.0")[0].plain);
    }
}
