//! Sentence segmentation for French and English news text.
//!
//! Owns the split of an article's body into [`Sentence`]s with char spans into the original
//! text, and the classification of each one as prose, heading or site furniture (see
//! [`super::furniture`]).
//!
//! The body is cut into lines first: scraped articles carry one paragraph per line, so a line
//! break always ends a segment, except where a line is obviously hard-wrapped (it runs on
//! without final punctuation into a line starting in lowercase). Repeated headlines and
//! line-level furniture (breadcrumbs, credits, shortcodes) are taken whole; other paragraphs are
//! split into sentences by the `boundary` module and then checked for prompts and notices.

use super::Span;
use super::boundary::{self, is_terminal};
use super::furniture::{self, FurnitureKind};
use super::lexicon::lexicon;
use std::ops::Range;

/// What a segment of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// A sentence of the article's prose.
    Prose,
    /// A line without final punctuation standing alone (section heading, intertitle).
    Heading,
    /// Site furniture: not part of the article (breadcrumbs, share prompts, forms…).
    Furniture(super::furniture::FurnitureKind),
}

impl SentenceKind {
    /// True for site furniture (see [`furniture::is_furniture`]).
    pub fn is_furniture(self) -> bool {
        furniture::is_furniture(self)
    }
}

/// One sentence (or heading, or furniture line) of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// Char span in the article text (trimmed of surrounding whitespace).
    pub span: Span,
    /// What it is.
    pub kind: SentenceKind,
    /// Index of the paragraph it belongs to (0-based, in reading order).
    pub paragraph: usize,
}

/// Longest line that can be a heading.
const MAX_HEADING: usize = 160;
/// Shortest line that can be hard-wrapped into the next one.
const MIN_WRAPPED: usize = 30;

/// One non-blank line of the body: its trimmed char range and whether a blank line (or the
/// start of the body) precedes it.
struct Line {
    range: Range<usize>,
    after_blank: bool,
}

/// Splits `text[body]` into sentences. `headlines` are spans the loader recognised as repeated
/// headlines: they come out as [`FurnitureKind::RepeatedHeadline`].
pub fn segment(text: &str, body: Span, headlines: &[Span]) -> Vec<Sentence> {
    let mut chars: Vec<char> = text.chars().skip(body.start).collect();
    chars.truncate(body.len());
    let base = body.start;
    let n = chars.len();
    // Headlines as sorted, disjoint, body-relative ranges.
    let heads = merge_ranges(
        headlines
            .iter()
            .filter(|h| h.end > base && h.start < base + n && !h.is_empty())
            .map(|h| h.start.saturating_sub(base)..(h.end - base).min(n))
            .collect(),
    );

    let lines = split_lines(&chars);
    let lex = lexicon();
    let mut out = Vec::new();
    let mut ranges = Vec::new();
    let mut paragraph = 0;
    let mut idx = 0;
    let mut push = |r: Range<usize>, kind: SentenceKind, paragraph: usize| {
        out.push(Sentence {
            span: Span::new(base + r.start, base + r.end),
            kind,
            paragraph,
        });
    };
    while idx < lines.len() {
        let line = &lines[idx];
        if overlaps_any(&heads, &line.range) {
            let kind = SentenceKind::Furniture(FurnitureKind::RepeatedHeadline);
            push(line.range.clone(), kind, paragraph);
        } else if let Some(kind) = furniture::line_kind(&chars[line.range.clone()]) {
            push(line.range.clone(), SentenceKind::Furniture(kind), paragraph);
        } else {
            let mut last = idx;
            while last + 1 < lines.len()
                && wraps_into(&chars, &lines[last], &lines[last + 1])
                && !overlaps_any(&heads, &lines[last + 1].range)
            {
                last += 1;
            }
            let range = line.range.start..lines[last].range.end;
            ranges.clear();
            boundary::split(&chars, range, &lex.abbrev, &mut ranges);
            let single_line = last == idx;
            let mut kinds: Vec<(Range<usize>, SentenceKind)> =
                ranges.drain(..).map(|r| (r, SentenceKind::Prose)).collect();
            if single_line && kinds.len() == 1 && is_heading(&chars[kinds[0].0.clone()]) {
                kinds[0].1 = SentenceKind::Heading;
            }
            furniture::classify_paragraph(&chars, &mut kinds);
            for (r, kind) in kinds {
                push(r, kind, paragraph);
            }
            idx = last;
        }
        paragraph += 1;
        idx += 1;
    }
    out
}

/// True for chars that end a line: `\n`, a `\r` not followed by `\n`, and the Unicode line and
/// paragraph separators.
fn is_line_break(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
        '\r' => chars.get(i + 1) != Some(&'\n'),
        _ => false,
    }
}

/// The non-blank lines of `chars`, trimmed.
fn split_lines(chars: &[char]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut after_blank = true;
    for i in 0..=chars.len() {
        if i < chars.len() && !is_line_break(chars, i) {
            continue;
        }
        let (mut a, mut b) = (start, i);
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a < b {
            lines.push(Line {
                range: a..b,
                after_blank,
            });
            after_blank = false;
        } else {
            after_blank = true;
        }
        start = i + 1;
    }
    lines
}

/// Sorts ranges and merges the overlapping ones, so that [`overlaps_any`] can binary-search.
fn merge_ranges(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    v.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// True when some range of `heads` (sorted, disjoint) overlaps `r`.
fn overlaps_any(heads: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = heads.partition_point(|h| h.end <= r.start);
    heads.get(i).is_some_and(|h| h.start < r.end)
}

/// A hard-wrapped paragraph: `next` directly follows `prev`, `prev` is long enough and runs on
/// without final punctuation, and `next` starts in lowercase.
fn wraps_into(chars: &[char], prev: &Line, next: &Line) -> bool {
    if next.after_blank || prev.range.len() < MIN_WRAPPED {
        return false;
    }
    let last = chars[prev.range.end - 1];
    let first = chars[next.range.start];
    !ends_with_punctuation(&chars[prev.range.clone()])
        && last.is_alphanumeric()
        && first.is_lowercase()
}

/// True when the segment ends with sentence punctuation (closing quotes and brackets aside)
/// or with `:`, `;` or `,`.
fn ends_with_punctuation(s: &[char]) -> bool {
    let mut end = s.len();
    while end > 0 && (is_closing(s[end - 1]) || s[end - 1].is_whitespace()) {
        end -= 1;
    }
    end > 0 && (is_terminal(s[end - 1]) || matches!(s[end - 1], ':' | ';' | ','))
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '’' | '\'' | ')' | ']' | '›')
}

/// A heading: short, with a letter or digit, and no final punctuation.
fn is_heading(s: &[char]) -> bool {
    s.len() <= MAX_HEADING && s.iter().any(|c| c.is_alphanumeric()) && !ends_with_punctuation(s)
}

#[cfg(test)]
#[path = "segment_tests.rs"]
mod tests;
