//! The reader pane's state: where it is scrolled, and how scrolling and claim selection follow
//! each other.
//!
//! The position is a row index valid for one wrap width plus the char offset of that row's
//! start. While the width stays the same the row is authoritative (blank rows scroll like any
//! other); when the width changes the row is found again from the char offset, so resizing
//! keeps the words at the top of the pane where they were.

use super::wrap::Wrapped;
use super::{App, Layout, Pane, layout};
use ratatui::layout::Rect;
use std::sync::Arc;

/// Scroll position of the reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderPos {
    /// Index of the top row, valid at `width`.
    pub row: usize,
    /// Width the row index refers to.
    pub width: u16,
    /// Char offset of the top row's first char: what survives a resize.
    pub anchor: usize,
}

impl App {
    /// Where the article text is drawn at the current size (whether or not the reader is
    /// currently shown: below 80 columns it is the whole screen when focused).
    pub fn reader_text_rect(&self) -> Option<Rect> {
        Layout::new(self.area(), self.show_claims, Pane::Reader)
            .reader
            .map(|r| layout::reader_text(r, self.title_rows(layout::inner(r).width)))
            .filter(|r| r.width > 0 && r.height > 0)
    }

    /// Rows the open article's title takes at `width` columns (1 or 2; longer titles are cut).
    pub fn title_rows(&self, width: u16) -> u16 {
        let Some(a) = self.open.and_then(|i| self.analysis.corpus.articles.get(i)) else {
            return 1;
        };
        let title = crate::text::display::sanitize_line(&a.title);
        let opts = textwrap::Options::new(usize::from(width.max(1)))
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        textwrap::wrap(&title, opts).len().clamp(1, 2) as u16
    }

    /// The open article wrapped at `width` (cached; wrapping happens once per article and
    /// width).
    pub fn wrapped_at(&self, width: u16) -> Option<Arc<Wrapped>> {
        let a = self.open?;
        let article = self.analysis.corpus.articles.get(a)?;
        let sentences = self.analysis.sentences.get(a).map_or(&[][..], |s| &s[..]);
        Some(
            self.wraps
                .borrow_mut()
                .get(a, article, sentences, width.max(1)),
        )
    }

    /// The open article wrapped for the current size.
    pub fn wrapped(&self) -> Option<Arc<Wrapped>> {
        self.wrapped_at(self.reader_text_rect()?.width)
    }

    /// The scroll position expressed for rows of `w` (re-anchored if `w` has another width).
    pub fn pos_in(&self, w: &Wrapped, height: usize) -> ReaderPos {
        if w.width == self.pos.width {
            let row = self.pos.row.min(max_top(w, height));
            let anchor = if row == self.pos.row {
                self.pos.anchor
            } else {
                w.rows.get(row).map_or(self.pos.anchor, |r| r.start)
            };
            return ReaderPos {
                row,
                width: w.width,
                anchor,
            };
        }
        // Another width: find the row again, and keep the anchor itself so that going through
        // several sizes does not drift.
        ReaderPos {
            row: w.row_of(self.pos.anchor).min(max_top(w, height)),
            width: w.width,
            anchor: self.pos.anchor,
        }
    }

    /// The scroll position at the current size.
    pub(super) fn pos_now(&self) -> ReaderPos {
        match (self.wrapped(), self.reader_text_rect()) {
            (Some(w), Some(r)) => self.pos_in(&w, usize::from(r.height)),
            _ => self.pos,
        }
    }

    /// Scrolls the reader by `delta` rows, then selects the claim in view.
    pub(super) fn scroll(&mut self, delta: isize) -> bool {
        let (Some(w), Some(r)) = (self.wrapped(), self.reader_text_rect()) else {
            return false;
        };
        let h = usize::from(r.height);
        let now = self.pos_in(&w, h);
        let row = now.row.saturating_add_signed(delta).min(max_top(&w, h));
        self.set_top(&w, row);
        self.select_claim_in_view(&w, h);
        row != now.row
    }

    fn set_top(&mut self, w: &Wrapped, row: usize) {
        self.pos = ReaderPos {
            row,
            width: w.width,
            anchor: w.rows.get(row).map_or(0, |r| r.start),
        };
    }

    /// Scrolls so that char `offset` is in view (about a third down the pane when it was not).
    pub fn reveal(&mut self, offset: usize) {
        let (Some(w), Some(r)) = (self.wrapped(), self.reader_text_rect()) else {
            return;
        };
        let h = usize::from(r.height);
        let now = self.pos_in(&w, h);
        let target = w.row_of(offset);
        if target >= now.row && target < now.row + h {
            self.pos = now;
            return;
        }
        let row = target.saturating_sub(h / 3).min(max_top(&w, h));
        self.set_top(&w, row);
    }

    /// After the claims selection changed: bring the claim's sentence into view.
    pub(super) fn claim_selected(&mut self) {
        if let Some(s) = self.selection() {
            let start = self.analysis.claims[s.claim].span.start;
            self.reveal(start);
        }
    }

    /// After the reader scrolled: select the claim in view if the selected one left it.
    fn select_claim_in_view(&mut self, w: &Wrapped, h: usize) {
        let Some(a) = self.open else { return };
        let claims = self.analysis.article_claims(a);
        if claims.is_empty() || w.is_empty() {
            return;
        }
        let top = self.pos.row;
        let bottom = (top + h).min(w.len());
        let in_view = |start: usize| {
            let r = w.row_of(start);
            r >= top && r < bottom
        };
        if claims
            .get(self.claims.sel)
            .is_some_and(|c| in_view(c.span.start))
        {
            return;
        }
        let top_off = w.rows[top].start;
        let first = claims.iter().position(|c| c.span.start >= top_off);
        let pick = match first {
            Some(i) if in_view(claims[i].span.start) => Some(i),
            _ => claims
                .iter()
                .position(|c| c.span.start < top_off && top_off < c.span.end),
        };
        if let Some(i) = pick {
            self.claims.set(i, claims.len());
        }
    }
}

/// Highest top row: the last row sits at the bottom of a pane `height` rows high.
pub fn max_top(w: &Wrapped, height: usize) -> usize {
    w.len().saturating_sub(height.max(1))
}
