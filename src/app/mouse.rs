//! Mouse input (opt-in with `--mouse`): which pane a click lands in, and what it selects.
//!
//! Kept apart from [`super::App::update`]'s key dispatch because it is the only input that
//! needs the drawn geometry: items are found from the layout the draw uses.

use super::{App, Pane, layout};

impl App {
    /// The pane under (column, row).
    pub(super) fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        let l = self.layout();
        let p = ratatui::layout::Position::new(x, y);
        Pane::ALL
            .into_iter()
            .find(|&pane| l.rect(pane).is_some_and(|r| r.contains(p)))
    }

    pub(super) fn click(&mut self, x: u16, y: u16) -> bool {
        let Some(pane) = self.pane_at(x, y) else {
            return false;
        };
        self.focus = pane;
        let Some(r) = self.layout().rect(pane).map(layout::inner) else {
            return true;
        };
        if y < r.y || y >= r.y + r.height {
            return true;
        }
        // List and claims items are two rows each, from the first visible item.
        let item = usize::from(y - r.y) / 2;
        match pane {
            Pane::List => {
                let n = self.analysis.corpus.articles.len();
                let first = self.list.window(n, usize::from(r.height / 2).max(1));
                if first + item < n {
                    self.list.set(first + item, n);
                    self.open_article(first + item);
                }
            }
            Pane::Claims => {
                let n = self
                    .open
                    .map_or(0, |a| self.analysis.article_claims(a).len());
                let first = self.claims.window(n, usize::from(r.height / 2).max(1));
                if first + item < n {
                    self.claims.set(first + item, n);
                    self.claim_selected();
                }
            }
            Pane::Reader => {}
        }
        true
    }
}
