//! Sentence boundaries inside one paragraph.
//!
//! A boundary is a run of terminal marks (`.`, `!`, `?`, `…` and their CJK forms), followed by
//! closing quotes or brackets, followed by whitespace. Whether it really ends the sentence then
//! depends on the word before it (abbreviation, initial, brand, list number) and the text after
//! it (lowercase continues the sentence, an opening quote or a common sentence starter begins a
//! new one). The scan looks at each char a bounded number of times, so it is linear however the
//! text is built.

use super::lexicon::{Abbreviations, straight_apostrophes};
use std::ops::Range;

/// Longest word looked at behind a dot or ahead of a boundary; longer words are not
/// abbreviations or sentence starters, and the bound keeps the scan linear.
const MAX_WORD: usize = 40;

/// Marks that can end a sentence.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '｡'
    )
}

/// Quotes and brackets that close what a sentence opened, directly after its final mark.
fn is_attached_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '»' | '”' | '“' | '’' | '‘' | '\'' | '›' | '」' | '』' | '）'
    )
}

/// Opening quotes, brackets and dashes that may start the next sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '“'
            | '„'
            | '‘'
            | '"'
            | '\''
            | '('
            | '['
            | '{'
            | '‹'
            | '「'
            | '『'
            | '—'
            | '–'
            | '-'
    )
}

/// Opening quotes proper: after an initial or an acronym they mark a new sentence.
fn is_opening_quote(c: char) -> bool {
    matches!(c, '«' | '“' | '„' | '"' | '‹' | '「' | '『')
}

/// Horizontal spaces allowed between a final mark and a French closing guillemet.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t')
}

/// Splits `chars[range]` (one paragraph) into sentence ranges, trimmed of whitespace, in order.
pub(crate) fn split(
    chars: &[char],
    range: Range<usize>,
    abbrev: &Abbreviations,
    out: &mut Vec<Range<usize>>,
) {
    let end = range.end.min(chars.len());
    let mut sentence_start = range.start;
    let mut i = range.start;
    // Straight double quotes have no direction: their parity tells opening from closing.
    let mut straight_open = false;
    while i < end {
        let c = chars[i];
        if c == '"' {
            straight_open = !straight_open;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < end && is_terminal(chars[j]) {
            j += 1;
        }
        if is_elision_mark(chars, range.start, i, j, end) {
            i = j;
            continue;
        }
        let k = after_closers(chars, j, end, straight_open);
        if k < end && !chars[k].is_whitespace() {
            // "2.0", "NewZilla.NET", "e.g.", URLs, e-mails, "»," : not a boundary.
            i = j;
            continue;
        }
        if ends_sentence(chars, sentence_start, i, j, k, end, abbrev) {
            push_trimmed(chars, sentence_start..k, out);
            for &q in &chars[j..k] {
                if q == '"' {
                    straight_open = !straight_open;
                }
            }
            sentence_start = k;
            i = k;
        } else {
            i = j;
        }
    }
    push_trimmed(chars, sentence_start..end, out);
}

/// Appends `r` trimmed of whitespace, unless nothing is left.
fn push_trimmed(chars: &[char], r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let (mut a, mut b) = (r.start, r.end);
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    if a < b {
        out.push(a..b);
    }
}

/// "(…)", "[…]", "(...)": an elision inside a quotation, not the end of a sentence.
fn is_elision_mark(chars: &[char], start: usize, i: usize, j: usize, end: usize) -> bool {
    let ellipsis =
        chars[i..j].iter().all(|&c| c == '…' || c == '.') && (j - i >= 2 || chars[i] == '…');
    if !ellipsis {
        return false;
    }
    let mut a = i;
    while a > start && is_inline_space(chars[a - 1]) && i - a < 3 {
        a -= 1;
    }
    let mut b = j;
    while b < end && is_inline_space(chars[b]) && b - j < 3 {
        b += 1;
    }
    a > start && b < end && matches!((chars[a - 1], chars[b]), ('(', ')') | ('[', ']'))
}

/// Index after the closing quotes and brackets that follow a final mark: attached ones, and a
/// guillemet or closing quote after a (no-break) space, French style (`rapport. »`).
fn after_closers(chars: &[char], mut k: usize, end: usize, straight_open: bool) -> usize {
    let mut straight = straight_open;
    loop {
        while k < end {
            let c = chars[k];
            if is_attached_closer(c) || (c == '"' && straight) {
                if c == '"' {
                    straight = false;
                }
                k += 1;
            } else {
                break;
            }
        }
        let mut m = k;
        while m < end && m - k < 3 && is_inline_space(chars[m]) {
            m += 1;
        }
        if m > k && m < end && matches!(chars[m], '»' | '”' | '›') {
            k = m + 1;
            continue;
        }
        if m > k && m < end && chars[m] == '"' && straight {
            straight = false;
            k = m + 1;
            continue;
        }
        return k;
    }
}

/// What follows a boundary candidate.
struct Next {
    /// First non-space char.
    first: Option<char>,
    /// First char after spaces and openers (decides lowercase continuation).
    letter: Option<char>,
    /// The word starting at `first` (apostrophes straightened, elisions keep theirs).
    word: String,
}

fn look_ahead(chars: &[char], k: usize, end: usize) -> Next {
    let mut p = k;
    while p < end && chars[p].is_whitespace() {
        p += 1;
    }
    let first = chars.get(p).copied().filter(|_| p < end);
    let mut q = p;
    while q < end && (is_opener(chars[q]) || chars[q].is_whitespace()) && q - p < MAX_WORD {
        q += 1;
    }
    let letter = chars.get(q).copied().filter(|_| q < end);
    let mut word = String::new();
    let mut r = p;
    while r < end && r - p < MAX_WORD && chars[r].is_alphanumeric() {
        word.push(chars[r]);
        r += 1;
    }
    if r < end && matches!(chars[r], '\'' | '’' | 'ʼ') {
        word.push('\'');
    }
    Next {
        first,
        letter,
        word,
    }
}

/// The word before the final mark at `i`, without leading punctuation ("(M" → "M"), or `None`
/// when it is too long to be an abbreviation. Also says whether it starts the sentence.
fn word_before(chars: &[char], sentence_start: usize, i: usize) -> Option<(String, bool)> {
    let mut a = i;
    while a > sentence_start && !chars[a - 1].is_whitespace() {
        if i - a >= MAX_WORD {
            return None;
        }
        a -= 1;
    }
    while a < i && !chars[a].is_alphanumeric() {
        a += 1;
    }
    // "l’art." is the abbreviation "art." after an elided article.
    if let Some(p) = chars[a..i]
        .iter()
        .rposition(|&c| matches!(c, '\'' | '’' | 'ʼ'))
    {
        a += p + 1;
    }
    // Only punctuation between the sentence start and the word (bounded look, so linear).
    let mut b = a;
    while b > sentence_start && !chars[b - 1].is_alphanumeric() && a - b < MAX_WORD {
        b -= 1;
    }
    let at_start = b == sentence_start;
    Some((chars[a..i].iter().collect(), at_start))
}

/// True when the final marks `chars[i..j]`, with closers up to `k`, end the sentence.
fn ends_sentence(
    chars: &[char],
    sentence_start: usize,
    i: usize,
    j: usize,
    k: usize,
    end: usize,
    abbrev: &Abbreviations,
) -> bool {
    let next = look_ahead(chars, k, end);
    let Some(first) = next.first else {
        return true;
    };
    let lowercase = next.letter.is_some_and(char::is_lowercase);
    let starter = abbrev.starters.contains(&straight_apostrophes(&next.word));
    let marks = &chars[i..j];
    if marks.iter().any(|&c| c != '.' && c != '…') {
        // "!" / "?": "Yahoo! ou Amazon", "« Pourquoi ? » dit-il" continue the sentence.
        if lowercase {
            return false;
        }
        if j - i == 1 && chars[i] == '!' {
            let brand = word_before(chars, sentence_start, i)
                .is_some_and(|(w, _)| abbrev.brands.contains(&w));
            if brand {
                return starter || is_opening_quote(first);
            }
        }
        return true;
    }
    if j - i >= 2 || chars[i] == '…' {
        // Ellipsis: a lowercase word goes on with the same sentence.
        return !lowercase;
    }
    if lowercase {
        return false;
    }
    let Some((word, at_start)) = word_before(chars, sentence_start, i) else {
        return true;
    };
    if word.is_empty() {
        return true;
    }
    let digit_next = first.is_ascii_digit();
    if at_start && k == j && is_list_marker(&word) {
        return false;
    }
    if abbrev.titles.contains(&word) {
        return false;
    }
    let lower = word.to_lowercase();
    if abbrev.inner.contains(&lower) || (digit_next && abbrev.before_number.contains(&lower)) {
        return false;
    }
    if abbrev.terminal.contains(&lower) {
        return true;
    }
    if is_initial(&word) || is_dotted_acronym(&word) {
        // "J. K. Rowling", "U.S. Senate" go on; "sur X. « Meta…" and "U.S. The…" do not.
        return starter || is_opening_quote(first);
    }
    true
}

/// "1", "12", "a", "IV": a list number standing at the start of a line.
fn is_list_marker(word: &str) -> bool {
    let n = word.chars().count();
    (n <= 3 && word.chars().all(|c| c.is_ascii_digit()))
        || (n == 1 && word.chars().all(|c| c.is_alphabetic()))
        || (n <= 4 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// A single capital letter: a person's initial.
fn is_initial(word: &str) -> bool {
    let mut it = word.chars();
    matches!((it.next(), it.next()), (Some(c), None) if c.is_uppercase())
}

/// "U.S", "U.K", "J.-C": letters each followed by a dot (the last dot is the candidate).
fn is_dotted_acronym(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let p = p.trim_start_matches('-');
            let mut it = p.chars();
            matches!((it.next(), it.next()), (Some(c), None) if c.is_alphabetic())
        })
}
