//! The article text broken into display rows for one pane width.
//!
//! Wrapping a long article is the only costly thing the reader does, so it happens once per
//! (article, width) and the rows are kept (see [`WrapCache`]); drawing then touches only the
//! visible rows. A row is a char range of the original text: the drawing code maps each char
//! through [`display_char`] again, so highlights use the same offsets as claims and searches.
//!
//! Each line of the text is a paragraph; paragraphs are separated by one blank row. Lines the
//! loader recognised as repeated headlines, and a line that is exactly the title, are left out
//! (the header shows the title once).
//! Words are split at ASCII spaces only, so NBSP and NNBSP ("150 000", "« mot »") never break;
//! widths are Unicode display widths (textwrap with unicode-width).

use crate::corpus::Article;
use crate::text::display::{Shown, TAB_WIDTH, display_char};
use crate::text::{Sentence, SentenceKind, Span};
use std::sync::Arc;
use textwrap::WordSeparator;
use textwrap::core::{Fragment, Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

/// One display row: a char range of the article text, or a blank separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// First char (for a blank row: the end of the paragraph above).
    pub start: usize,
    /// One past the last char drawn.
    pub end: usize,
    /// Byte offset of `start` in the text (drawing slices without rescanning).
    pub byte: usize,
    /// Byte offset of `end`.
    pub byte_end: usize,
    /// A blank row between paragraphs.
    pub blank: bool,
    /// The row lies in site furniture (drawn dimmed with a margin marker).
    pub furniture: bool,
}

/// The rows of one article at one width.
#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    /// Article index.
    pub article: usize,
    /// Text width in columns.
    pub width: u16,
    /// The rows, in text order.
    pub rows: Vec<Row>,
}

impl Wrapped {
    /// Index of the row holding char `offset` (the last row starting at or before it).
    pub fn row_of(&self, offset: usize) -> usize {
        self.rows
            .partition_point(|r| r.start <= offset)
            .saturating_sub(1)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// A point where display and original offsets are known to agree.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Byte offset in the display string.
    disp: usize,
    /// Char offset in the article.
    char: usize,
    /// Byte offset in the article.
    byte: usize,
}

/// Display chars between two marks (bounds the walk back to original offsets).
const MARK_STRIDE: usize = 64;

/// Breaks article `index` into rows `width` columns wide. Linear in the text length.
pub fn wrap(index: usize, article: &Article, sentences: &[Sentence], width: u16) -> Wrapped {
    let mut rows = Vec::new();
    let text = &article.text;
    let body = article.body;
    let furniture: Vec<Span> = sentences
        .iter()
        .filter(|s| matches!(s.kind, SentenceKind::Furniture(_)))
        .map(|s| s.span)
        .collect();
    let mut fi = 0;
    let mut char_pos = 0;
    let mut byte_pos = 0;
    let mut disp = String::new();
    let mut marks: Vec<Mark> = Vec::new();
    let w = usize::from(width.max(1));
    for raw in text.split_inclusive('\n') {
        let (lc, lb) = (char_pos, byte_pos);
        char_pos += raw.chars().count();
        byte_pos += raw.len();
        // The part of the line inside the body, trimmed (NBSP-only lines count as blank).
        let mut first: Option<(usize, usize)> = None;
        let mut last: Option<(usize, usize)> = None;
        for (k, (bi, ch)) in raw.char_indices().enumerate() {
            let c = lc + k;
            if c >= body.start && c < body.end && !ch.is_whitespace() {
                first.get_or_insert((c, lb + bi));
                last = Some((c + 1, lb + bi + ch.len_utf8()));
            }
        }
        let (Some((start_c, start_b)), Some((end_c, end_b))) = (first, last) else {
            continue;
        };
        let span = Span::new(start_c, end_c);
        // A line that is the title is shown once, by the header — unless it is prose (ends
        // like a sentence): the header may cut a long title, the text must stay whole.
        let is_title = article.title_span == Some(span)
            && !text[start_b..end_b].ends_with(['.', '!', '?', '…', '»', '"', '”', ':']);
        if is_title
            || article
                .repeated_headlines
                .iter()
                .any(|h| h.start <= span.start && span.end <= h.end)
        {
            continue;
        }
        if let Some(prev) = rows.last().copied() {
            let prev: Row = prev;
            rows.push(Row {
                start: prev.end,
                end: prev.end,
                byte: prev.byte_end,
                byte_end: prev.byte_end,
                blank: true,
                furniture: false,
            });
        }
        // Display form of the paragraph. Display and original chars correspond one to one
        // except at tabs, so a sparse list of marks (every MARK_STRIDE chars and around each
        // tab) is enough to map back, in constant memory per char.
        disp.clear();
        marks.clear();
        let content = &text[start_b..end_b];
        let mut col = 0;
        let mut since = 0;
        let mut chars = content.char_indices().peekable();
        let mut co = start_c;
        while let Some((bi, ch)) = chars.next() {
            if since == 0 || since >= MARK_STRIDE || ch == '\t' {
                marks.push(Mark {
                    disp: disp.len(),
                    char: co,
                    byte: start_b + bi,
                });
                since = 0;
            }
            since += 1;
            match display_char(ch, chars.peek().map(|p| p.1)) {
                Shown::Char(x) | Shown::Placeholder(x) => {
                    disp.push(x);
                    col += 1;
                }
                Shown::Tab => {
                    let n = TAB_WIDTH - col % TAB_WIDTH;
                    disp.extend(std::iter::repeat_n(' ', n));
                    col += n;
                    since = 0; // mark the char after the tab too
                }
                Shown::Newline | Shown::Nothing => {}
            }
            co += 1;
        }
        let locate = |db: usize| -> (usize, usize) {
            if db >= disp.len() {
                return (end_c, end_b);
            }
            let i = marks.partition_point(|m| m.disp <= db).saturating_sub(1);
            let m = marks[i];
            let k = disp[m.disp..db].chars().count();
            let limit = marks.get(i + 1).map_or(end_c, |n| n.char);
            let c = (m.char + k).min(limit);
            let b = m.byte
                + text[m.byte..]
                    .chars()
                    .take(c - m.char)
                    .map(char::len_utf8)
                    .sum::<usize>();
            (c, b)
        };
        let words = keep_punctuation_attached(&disp, WordSeparator::AsciiSpace.find_words(&disp));
        let words = break_words(words, w);
        let lines = wrap_first_fit(&words, &[w as f64]);
        let base = disp.as_ptr() as usize;
        for line in lines {
            let (Some(fw), Some(lw)) = (line.first(), line.last()) else {
                continue;
            };
            let ds = fw.word.as_ptr() as usize - base;
            let de = lw.word.as_ptr() as usize - base + lw.word.len();
            if de <= ds && lw.width() == 0.0 {
                continue;
            }
            let (start, byte) = locate(ds);
            let (end, byte_end) = locate(de);
            while fi < furniture.len() && furniture[fi].end <= start {
                fi += 1;
            }
            let is_furniture = furniture.get(fi).is_some_and(|f| f.start <= start);
            rows.push(Row {
                start,
                end,
                byte,
                byte_end,
                blank: false,
                furniture: is_furniture,
            });
        }
    }
    Wrapped {
        article: index,
        width,
        rows,
    }
}

/// French typography puts a space inside « » and before ! ? ; : — often a plain space in
/// scraped text. A line must not start with the closing mark or end with the opening one, so
/// such a mark is glued to its neighbour word (the pair then breaks as one word).
fn keep_punctuation_attached<'a>(
    disp: &'a str,
    words: impl Iterator<Item = Word<'a>>,
) -> Vec<Word<'a>> {
    let base = disp.as_ptr() as usize;
    let span = |w: &Word| {
        let start = w.word.as_ptr() as usize - base;
        (start, start + w.word.len() + w.whitespace.len())
    };
    let closing = |w: &str| {
        matches!(w.chars().next(), Some('»' | '!' | '?' | ';' | ':' | '›'))
            && w.chars().count() <= 3
    };
    let mut out: Vec<Word<'a>> = Vec::new();
    let mut glue_next = false;
    for word in words {
        let merge = glue_next || closing(word.word);
        match out.last() {
            Some(prev) if merge && !word.word.is_empty() => {
                let (start, _) = span(prev);
                let (_, end) = span(&word);
                let merged = Word::from(&disp[start..end]);
                out.pop();
                out.push(merged);
            }
            _ => out.push(word),
        }
        glue_next = out
            .last()
            .is_some_and(|w| matches!(w.word.chars().last(), Some('«' | '‹')));
    }
    out
}

/// The last few wraps, keyed by (article, width): switching back and forth between two
/// articles or two sizes costs nothing.
#[derive(Debug, Default)]
pub struct WrapCache {
    entries: Vec<Arc<Wrapped>>,
}

/// Wraps kept.
const KEEP: usize = 4;

impl WrapCache {
    /// The rows of `index` at `width`, wrapping only on a miss.
    pub fn get(
        &mut self,
        index: usize,
        article: &Article,
        sentences: &[Sentence],
        width: u16,
    ) -> Arc<Wrapped> {
        if let Some(pos) = self
            .entries
            .iter()
            .position(|w| w.article == index && w.width == width)
        {
            let hit = self.entries.remove(pos);
            self.entries.push(hit.clone());
            return hit;
        }
        let fresh = Arc::new(wrap(index, article, sentences, width));
        if self.entries.len() >= KEEP {
            self.entries.remove(0);
        }
        self.entries.push(fresh.clone());
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice_chars;
    use std::path::PathBuf;
    use unicode_width::UnicodeWidthStr;

    fn article(text: &str) -> Article {
        Article::from_text("t".into(), PathBuf::from("t.txt"), text.into(), "0".into())
    }

    fn shown(a: &Article, w: &Wrapped) -> Vec<String> {
        w.rows
            .iter()
            .map(|r| slice_chars(&a.text, Span::new(r.start, r.end)).to_owned())
            .collect()
    }

    #[test]
    fn wraps_at_width_and_keeps_paragraphs() {
        let a = article("Titre\n\nUn deux trois quatre cinq six.\nSept huit.\n");
        let w = wrap(0, &a, &[], 12);
        let rows = shown(&a, &w);
        assert_eq!(rows[0], "Un deux");
        assert!(rows.iter().all(|r| r.width() <= 12));
        assert!(w.rows.iter().any(|r| r.blank));
        assert_eq!(rows.last().unwrap(), "Sept huit.");
        // Byte offsets agree with char offsets.
        for r in &w.rows {
            assert_eq!(
                &a.text[r.byte..r.byte_end],
                slice_chars(&a.text, Span::new(r.start, r.end))
            );
        }
    }

    #[test]
    fn nbsp_never_breaks_and_headlines_are_dropped() {
        let a = article(
            "Le titre\n\nIls étaient 150\u{a0}000 « dans\u{202f}» la rue.\n\nLe titre\n\nFin.",
        );
        let w = wrap(0, &a, &[], 14);
        let rows = shown(&a, &w);
        assert!(rows.iter().any(|r| r == "150\u{a0}000"), "{rows:?}");
        assert!(rows.iter().any(|r| r.starts_with("« dans\u{202f}»")), "{rows:?}");
        assert!(rows.iter().all(|r| r != "Le titre"), "{rows:?}");
        assert_eq!(rows.last().unwrap(), "Fin.");
    }

    #[test]
    fn wide_chars_and_long_words_fit() {
        let a = article("T\n\n日本語日本語日本語 abcdefghijklmnopqrstuvwxyz\ttab");
        let w = wrap(0, &a, &[], 8);
        for r in shown(&a, &w) {
            assert!(r.width() <= 8, "{r:?}");
        }
        let total: usize = w
            .rows
            .iter()
            .filter(|r| !r.blank)
            .map(|r| r.end - r.start)
            .sum();
        assert!(total >= 30);
    }

    #[test]
    fn row_of_finds_the_row_holding_an_offset() {
        let a = article("T\n\naaa bbb ccc ddd\n\neee fff");
        let w = wrap(0, &a, &[], 7);
        for (i, r) in w.rows.iter().enumerate().filter(|(_, r)| !r.blank) {
            assert_eq!(w.row_of(r.start), i);
            assert_eq!(w.row_of(r.end - 1), i);
        }
    }

    #[test]
    fn offsets_survive_tabs_controls_and_long_lines() {
        let line = "mot\tà\u{1b}[2J été «\u{a0}x\u{a0}» ".repeat(400);
        let a = article(&format!("T\n\n{line}\n\nfin"));
        let w = wrap(0, &a, &[], 23);
        assert!(w.len() > 100);
        for r in w.rows.iter().filter(|r| !r.blank) {
            let by_char = slice_chars(&a.text, Span::new(r.start, r.end));
            assert_eq!(&a.text[r.byte..r.byte_end], by_char);
            assert!(
                !by_char.starts_with(' ') && !by_char.ends_with(' '),
                "{by_char:?}"
            );
        }
    }

    #[test]
    fn french_quotes_and_colons_stay_with_their_words() {
        let a = article("T\n\nNetflix avait accès à l’API « Titan » de Facebook : oui !");
        // (From the width of the longest glued unit, "« Titan »"; narrower, it must break.)
        for width in 10..40 {
            let w = wrap(0, &a, &[], width);
            for r in shown(&a, &w) {
                assert!(
                    !r.starts_with('»') && !r.starts_with(':') && !r.starts_with('!'),
                    "{width}: {r:?}"
                );
                assert!(!r.ends_with('«'), "{width}: {r:?}");
            }
        }
    }
}
