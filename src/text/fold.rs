//! Accent- and case-insensitive folding, with a map back to original offsets.
//!
//! Searching for "societe" must find "Société", and matching "Netlix" against "Netflix" must not
//! care about case or the apostrophe style. Folding removes combining marks after canonical
//! decomposition, lowercases, expands ligatures (œ → oe) and unifies look-alike punctuation
//! (’ → ', NBSP → space). [`Folded`] remembers, for each folded char, the original char it came
//! from, so a match in folded text maps back to a [`Span`] of the original.

use super::Span;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Chars below this are folded through [`LATIN`].
const TABLE_END: u32 = 0x250;

/// The folded form of every char below [`TABLE_END`] (ASCII, Latin-1, Latin Extended-A and
/// -B: nearly every letter of French or English text), computed once by
/// [`fold_char_general`]. Canonical decomposition is the slow part of folding; a look-up gives
/// the same chars.
static LATIN: LazyLock<Vec<Box<str>>> = LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| {
            let mut s = String::new();
            if let Some(c) = char::from_u32(u) {
                fold_char_general(c, &mut |f| s.push(f));
            }
            s.into_boxed_str()
        })
        .collect()
});

/// Folds one char into `out` (zero, one or several chars).
fn fold_char_into(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() && !matches!(c, '`' | '\t') {
        out(c.to_ascii_lowercase());
    } else if (c as u32) < TABLE_END {
        LATIN[c as usize].chars().for_each(out);
    } else {
        fold_char_general(c, out);
    }
}

/// The folding rule for one char: what [`LATIN`] holds for the chars it covers.
fn fold_char_general(c: char, out: &mut impl FnMut(char)) {
    match c {
        'œ' | 'Œ' => {
            out('o');
            out('e');
        }
        'æ' | 'Æ' => {
            out('a');
            out('e');
        }
        'ß' => {
            out('s');
            out('s');
        }
        '’' | '‘' | 'ʼ' | '`' | '´' => out('\''),
        '“' | '”' | '«' | '»' | '„' => out('"'),
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\t' => out(' '),
        '–' | '—' | '‐' | '‑' => out('-'),
        c if c.is_ascii() => out(c.to_ascii_lowercase()),
        c => {
            for d in c.nfd() {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out(l);
                    }
                }
            }
        }
    }
}

/// Folds a string (no offset map), e.g. for dictionary keys.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out` (a buffer reused across words saves allocations).
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        fold_char_into(c, &mut |f| out.push(f));
    }
}

/// Folds a string and collapses its whitespace: words separated by one space, none at either
/// end. The same as joining the words of [`fold`]`(s).split_whitespace()` with spaces, in one
/// pass and one allocation (it keys every name candidate).
pub fn fold_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        fold_char_into(c, &mut |f| {
            if f.is_whitespace() {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(f);
            }
        });
    }
    out
}

/// Folded text plus, for each folded char, the offset of the original char it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `map[i]` is the original char offset of folded char `i`; one extra entry holds the
    /// original length so that end offsets map too.
    map: Vec<usize>,
}

impl Folded {
    /// Folds `s`, remembering where each folded char came from.
    pub fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len());
        let mut n = 0;
        for (i, c) in s.chars().enumerate() {
            fold_char_into(c, &mut |f| {
                text.push(f);
                map.push(i);
            });
            n = i + 1;
        }
        map.push(n);
        Folded { text, map }
    }

    /// Maps a char span of the folded text back to a span of the original text.
    pub fn original_span(&self, folded: Span) -> Span {
        let last = self.map.len() - 1;
        let start = self.map[folded.start.min(last)];
        let end = if folded.end == 0 {
            start
        } else {
            // The end is one past the original char of the last folded char.
            let last_char = self.map[(folded.end - 1).min(last)];
            if folded.end > last {
                self.map[last]
            } else {
                last_char + 1
            }
        };
        Span::new(start, end)
    }

    /// Every non-overlapping occurrence of `needle` (folded before searching), as spans of the
    /// original text. An empty needle finds nothing.
    pub fn find_all(&self, needle: &str) -> Vec<Span> {
        let needle = fold(needle);
        if needle.is_empty() {
            return Vec::new();
        }
        let needle_chars = needle.chars().count();
        let mut found = Vec::new();
        let mut char_pos = 0;
        let mut byte_pos = 0;
        while let Some(rel) = self.text[byte_pos..].find(&needle) {
            char_pos += self.text[byte_pos..byte_pos + rel].chars().count();
            found.push(self.original_span(Span::new(char_pos, char_pos + needle_chars)));
            byte_pos += rel + needle.len();
            char_pos += needle_chars;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice_chars;

    #[test]
    fn folds_accents_case_ligatures_and_quotes() {
        assert_eq!(fold("Société"), "societe");
        assert_eq!(fold("CŒUR l’État"), "coeur l'etat");
        assert_eq!(fold("150\u{a0}000"), "150 000");
    }

    #[test]
    fn fold_words_collapses_whitespace_like_split_whitespace() {
        for s in [
            "",
            "  ",
            " Le\u{a0} Monde\t\n ",
            "Reed  Hastings",
            "L’ÉTAT\u{202f}",
            "a b",
        ] {
            let expected = fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_words(s), expected, "{s:?}");
        }
    }

    #[test]
    fn table_agrees_with_the_general_rule() {
        for u in (0..0x800u32).chain(0x2000..0x2100) {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut fast, mut general) = (String::new(), String::new());
            fold_char_into(c, &mut |f| fast.push(f));
            fold_char_general(c, &mut |f| general.push(f));
            assert_eq!(fast, general, "U+{u:04X}");
        }
    }

    #[test]
    fn search_maps_back_to_original_spans() {
        let s = "La Société générale et la SOCIETE.";
        let f = Folded::new(s);
        let hits = f.find_all("societe");
        assert_eq!(hits.len(), 2);
        assert_eq!(slice_chars(s, hits[0]), "Société");
        assert_eq!(slice_chars(s, hits[1]), "SOCIETE");
    }

    #[test]
    fn ligature_expansion_keeps_spans_whole() {
        let s = "le cœur";
        let f = Folded::new(s);
        let hits = f.find_all("coeur");
        assert_eq!(slice_chars(s, hits[0]), "cœur");
        let hits = f.find_all("oe");
        assert_eq!(slice_chars(s, hits[0]), "œ");
    }
}
