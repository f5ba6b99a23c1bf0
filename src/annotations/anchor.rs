//! Re-anchoring: finding an annotation's span again in an article text that may have changed.
//!
//! In order of trust: the stored positions when the text is unchanged or the quote still sits
//! there; else the exact quote nearest to the old position (context breaking ties); else a
//! bounded fuzzy match — the text window with the least edit distance to the quote, computed
//! over at most [`MAX_CELLS`] cells so that a huge article costs no more than a small one. What
//! none of these finds is an orphan: reported, never dropped.

use super::model::{Selector, text_hash};
use crate::text::{Span, byte_to_char, slice_chars};

/// Most dynamic-programming cells the fuzzy match may compute (quote length × window length).
pub const MAX_CELLS: usize = 20_000_000;
/// Largest share of the pattern (context and quote) that may differ in a fuzzy match, in tenths.
const MAX_ERROR_TENTHS: usize = 3;
/// Largest share of the quote alone that may differ, once its context matched, in tenths.
const MAX_QUOTE_ERROR_TENTHS: usize = 5;

/// How an annotation was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The stored positions still hold the quote.
    Position,
    /// The exact quote, found elsewhere.
    Quote,
    /// A near match of the quote, with this many edits.
    Fuzzy(usize),
}

/// Finds the span `sel` designates in `text`, or `None` (an orphan).
pub fn anchor(text: &str, sel: &Selector) -> Option<(Span, Method)> {
    let span = sel.span();
    let chars = text.chars().count();
    if span.end <= chars
        && (sel.text_hash == text_hash(text) || slice_chars(text, span) == sel.exact)
    {
        return Some((span, Method::Position));
    }
    if sel.exact.is_empty() {
        return None;
    }
    if let Some(s) = nearest_exact(text, sel) {
        return Some((s, Method::Quote));
    }
    fuzzy(text, chars, sel).map(|(s, cost)| (s, Method::Fuzzy(cost)))
}

/// The exact occurrence of the quote whose context matches best, then nearest the old start.
fn nearest_exact(text: &str, sel: &Selector) -> Option<Span> {
    let len = sel.exact.chars().count();
    let mut best: Option<((usize, usize), Span)> = None;
    let (mut last_byte, mut last_char) = (0, 0);
    for (b, _) in text.match_indices(sel.exact.as_str()) {
        // Occurrences come in increasing order: count chars incrementally (linear overall).
        last_char += byte_to_char(&text[last_byte..], b - last_byte);
        last_byte = b;
        let span = Span::new(last_char, last_char + len);
        let before = &text[..b];
        let after = &text[b + sel.exact.len()..];
        let context = usize::from(!sel.prefix.is_empty() && before.ends_with(&sel.prefix))
            + usize::from(!sel.suffix.is_empty() && after.starts_with(&sel.suffix));
        let score = (2 - context, last_char.abs_diff(sel.start));
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, span));
        }
    }
    best.map(|(_, s)| s)
}

/// Longest quote the fuzzy match tries (claims are sentences; a longer quote is an orphan
/// unless found exactly).
const MAX_FUZZY_QUOTE: usize = 2000;

/// One DP cell: edits so far, and where the quote proper starts and
/// ends in the text (the pattern is prefix + quote + suffix).
#[derive(Clone, Copy)]
struct Cell {
    cost: usize,
    quote_start: usize,
    quote_end: usize,
}

/// Best approximate occurrence of the quote with its context (Sellers' algorithm: edit distance
/// of `prefix + exact + suffix` to any substring of the text), within a window around the old
/// position. The context keeps the match from shrinking onto a shorter, cheaper substring.
/// At most three searches of `MAX_CELLS / 3` cells each.
fn fuzzy(text: &str, chars: usize, sel: &Selector) -> Option<(Span, usize)> {
    let exact: Vec<char> = sel.exact.chars().collect();
    if exact.is_empty() || exact.len() > MAX_FUZZY_QUOTE {
        return None;
    }
    let prefix: Vec<char> = sel.prefix.chars().collect();
    let suffix: Vec<char> = sel.suffix.chars().collect();
    // Both contexts first; then each alone, for when the text around changed on one side
    // (the next sentence deleted, a new paragraph before).
    let tries: [(&[char], &[char]); 3] = [(&prefix, &suffix), (&prefix, &[]), (&[], &suffix)];
    tries.into_iter().find_map(|(p, s)| {
        let (span, window_from, window) = search(text, chars, sel.start, p, &exact, s)?;
        let found = &window[span.start - window_from..span.end - window_from];
        // The context may match while the quote itself is gone: check the quote on its own.
        let cost = levenshtein(&exact, found);
        (cost <= (exact.len() * MAX_QUOTE_ERROR_TENTHS / 10).max(1)).then_some((span, cost))
    })
}

/// Sellers' search of `prefix + exact + suffix` near char `near`: the span of the quote part
/// of the best match, with the window searched (its start and chars).
fn search(
    text: &str,
    chars: usize,
    near: usize,
    prefix: &[char],
    exact: &[char],
    suffix: &[char],
) -> Option<(Span, usize, Vec<char>)> {
    let (p, e) = (prefix.len(), exact.len());
    let pat: Vec<char> = [prefix, exact, suffix].concat();
    let m = pat.len();
    let max_cost = (m * MAX_ERROR_TENTHS / 10).max(1);
    let width = (MAX_CELLS / 3 / m).min(chars);
    let from = near.saturating_sub(width / 2).min(chars - width);
    let window: Vec<char> = text.chars().skip(from).take(width).collect();
    let at = |cost, j| Cell {
        cost,
        quote_start: j,
        quote_end: j,
    };
    let mut col: Vec<Cell> = (0..=m).map(|i| at(i, 0)).collect();
    let mut best: Option<(usize, usize, Span)> = None;
    for (j, &c) in window.iter().enumerate() {
        let pos = j + 1;
        let mut diag = col[0];
        col[0] = at(0, pos);
        for i in 1..=m {
            let up = col[i];
            let sub = Cell {
                cost: diag.cost + usize::from(pat[i - 1] != c),
                ..diag
            };
            let skip_text = Cell {
                cost: up.cost + 1,
                ..up
            };
            let skip_pat = Cell {
                cost: col[i - 1].cost + 1,
                ..col[i - 1]
            };
            diag = up;
            let horizontal = skip_text.cost < sub.cost.min(skip_pat.cost);
            let mut cell = if horizontal {
                skip_text
            } else if sub.cost <= skip_pat.cost {
                sub
            } else {
                skip_pat
            };
            if i == p {
                cell.quote_start = pos; // text skipped after the prefix is not quote
            }
            if i == p + e && !horizontal {
                cell.quote_end = pos; // nor is text skipped before the suffix
            }
            col[i] = cell;
        }
        let last = col[m];
        if last.cost <= max_cost && last.quote_end > last.quote_start {
            let span = Span::new(from + last.quote_start, from + last.quote_end);
            let dist = span.start.abs_diff(near);
            if best
                .as_ref()
                .is_none_or(|&(c, d, _)| (last.cost, dist) < (c, d))
            {
                best = Some((last.cost, dist, span));
            }
        }
    }
    best.map(|(_, _, span)| (span, from, window))
}

/// Edit distance of two char sequences (two rows of memory).
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str =
        "Intro. Meta a donné à Netflix un accès aux messages privés pendant dix ans. Fin.";

    fn sel() -> Selector {
        let start = OLD.find("Meta").unwrap();
        let end = OLD.find(" Fin").unwrap();
        Selector::new(
            OLD,
            Span::new(byte_to_char(OLD, start), byte_to_char(OLD, end)),
        )
    }

    #[test]
    fn unchanged_text_uses_positions() {
        let s = sel();
        assert_eq!(anchor(OLD, &s), Some((s.span(), Method::Position)));
    }

    #[test]
    fn text_inserted_before_finds_the_same_quote() {
        let s = sel();
        let new = format!("Un chapeau ajouté, « long ». {OLD}");
        let (span, how) = anchor(&new, &s).unwrap();
        assert_eq!(how, Method::Quote);
        assert_eq!(slice_chars(&new, span), s.exact);
    }

    #[test]
    fn repeated_quote_prefers_matching_context_then_nearest() {
        let text = "A. Oui. B. Oui. C. Oui.";
        let s = Selector::new(text, Span::new(11, 15));
        let moved = format!("XX{text}");
        let (span, _) = anchor(&moved, &s).unwrap();
        assert_eq!(span, Span::new(13, 17));
    }

    #[test]
    fn edited_inside_is_found_fuzzily() {
        let s = sel();
        let new = OLD
            .replace("dix ans", "près de dix ans")
            .replace("donné", "offert");
        let (span, how) = anchor(&new, &s).unwrap();
        assert!(
            matches!(how, Method::Fuzzy(n) if n > 0 && n < 20),
            "{how:?}"
        );
        let found = slice_chars(&new, span);
        assert!(found.starts_with("Meta a offert"), "{found:?}");
        assert!(found.ends_with("dix ans."), "{found:?}");
    }

    #[test]
    fn deleted_sentence_is_an_orphan() {
        let s = sel();
        assert_eq!(
            anchor("Intro. Tout autre chose ici, sans rapport aucun. Fin.", &s),
            None
        );
        assert_eq!(anchor("", &s), None);
    }

    #[test]
    fn huge_text_stays_bounded() {
        let s = sel();
        let new = "abcdefghij ".repeat(400_000);
        assert_eq!(anchor(&new, &s), None);
    }
}
