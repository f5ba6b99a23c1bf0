//! Marking a user claim from the reader: `v` starts a selection of whole rows, `j`/`k` and the
//! page keys extend it, `Enter` turns it into a claim (kept in the journal, so it survives
//! re-extraction), `Esc` cancels. Offsets are kept as char offsets into the article text, not
//! rows, so a resize while selecting keeps what was selected.

use super::{Action, App};
use crate::annotations::{Edit, Target};

/// Status line while selecting.
const SELECT_HINT: &str = "selecting: j/k extend · Enter marks as a claim · Esc cancels";

/// A selection of rows in the reader, being extended to mark a user claim (`v`, then `Enter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextSelection {
    /// Article index.
    pub article: usize,
    /// Char offset where the selection started (a row start): kept across resizes.
    pub anchor: usize,
    /// Char offset of the row the cursor is on.
    pub cursor: usize,
}

impl App {
    /// The char span the reader selection covers (whole rows, surrounding blanks trimmed).
    pub fn text_selection(&self) -> Option<crate::text::Span> {
        let s = self.annotations.selecting?;
        let w = self.wrapped()?;
        let (a, b) = (w.row_of(s.anchor), w.row_of(s.cursor));
        let (first, last) = (a.min(b), a.max(b));
        let start = w.rows.get(first)?.start;
        let end = w.rows.get(last)?.end;
        let text = &self.analysis.corpus.articles.get(s.article)?.text;
        let slice = crate::text::slice_chars(text, crate::text::Span::new(start, end));
        let lead = slice.chars().take_while(|c| c.is_whitespace()).count();
        let trail = slice
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        let span = crate::text::Span::new(start + lead, end.saturating_sub(trail));
        (!span.is_empty()).then_some(span)
    }

    /// Starts a reader selection on the top visible row.
    pub(super) fn start_selection(&mut self) {
        let (Some(article), Some(w)) = (self.open, self.wrapped()) else {
            self.message = Some("no article open".to_owned());
            return;
        };
        let h = self.reader_text_rect().map_or(1, |r| usize::from(r.height));
        let top = self.pos_in(&w, h).row;
        let row = (top..w.rows.len())
            .find(|&r| !w.rows[r].blank)
            .unwrap_or(top);
        let at = w.rows.get(row).map_or(0, |r| r.start);
        self.annotations.selecting = Some(TextSelection {
            article,
            anchor: at,
            cursor: at,
        });
        self.message = Some(SELECT_HINT.to_owned());
    }

    /// Handles an action while a reader selection is being made.
    pub(super) fn update_selecting(&mut self, action: Action) -> bool {
        let Some(mut s) = self.annotations.selecting else {
            return false;
        };
        let Some(w) = self.wrapped() else {
            self.annotations.selecting = None;
            return true;
        };
        let page = self
            .reader_text_rect()
            .map_or(1, |r| usize::from(r.height))
            .max(1) as isize;
        let delta = match (action.row_delta(page), action) {
            (Some(d), _) => d,
            (None, Action::Cancel) => {
                self.annotations.selecting = None;
                self.message = Some("selection cancelled".to_owned());
                return true;
            }
            (None, Action::Open | Action::Submit) => {
                self.mark_selection();
                return true;
            }
            _ => return false,
        };
        let last = w.rows.len().saturating_sub(1);
        let row = w.row_of(s.cursor).saturating_add_signed(delta).min(last);
        s.cursor = w.rows.get(row).map_or(s.cursor, |r| r.start);
        self.annotations.selecting = Some(s);
        self.reveal(s.cursor);
        self.message = Some(SELECT_HINT.to_owned());
        true
    }

    /// Turns the reader selection into a user claim, and selects it in the claims panel.
    fn mark_selection(&mut self) {
        let (Some(span), Some(s)) = (self.text_selection(), self.annotations.selecting) else {
            self.annotations.selecting = None;
            self.message = Some("nothing selected".to_owned());
            return;
        };
        let target = Target::user_claim(&self.analysis.corpus.articles[s.article], span);
        let id = target.claim.clone();
        if self
            .edit(Edit::UserClaim(target), "marked as a claim", true)
            .is_ok()
        {
            self.annotations.selecting = None;
            let range = self
                .analysis
                .claims_by_article
                .get(s.article)
                .cloned()
                .unwrap_or(0..0);
            if let Some(i) = self.analysis.claims[range.clone()]
                .iter()
                .position(|c| c.id == id)
            {
                self.claims.set(i, range.len());
            }
        }
    }
}
