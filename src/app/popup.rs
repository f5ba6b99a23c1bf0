//! Popups over the main screen, and the list cursor they share with the panes.
//!
//! [`Popup`] is the one place that says which overlay is open; new overlays (annotation forms,
//! for instance) add a variant here and a drawing function in `ui`, and the main screen keeps
//! working underneath.

use super::{Action, App};
use std::cell::Cell;

/// A selection in a list, with the first visible row remembered so that the list scrolls only
/// when the selection leaves the window (drawing adjusts it, hence the `Cell`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Selected row.
    pub sel: usize,
    offset: Cell<usize>,
}

impl Cursor {
    /// A cursor on row `sel`.
    pub fn at(sel: usize) -> Cursor {
        Cursor {
            sel,
            offset: Cell::new(0),
        }
    }

    /// Moves by `delta` rows within `len` rows.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.sel = 0;
            return;
        }
        let max = len - 1;
        self.sel = self.sel.saturating_add_signed(delta).min(max);
    }

    /// Sets the selection, clamped to `len` rows.
    pub fn set(&mut self, sel: usize, len: usize) {
        self.sel = sel.min(len.saturating_sub(1));
    }

    /// First row to draw for a window of `height` rows over `len` rows, keeping the selection
    /// in view (and one row of context when it can).
    pub fn window(&self, len: usize, height: usize) -> usize {
        if height == 0 || len <= height {
            self.offset.set(0);
            return 0;
        }
        let mut off = self.offset.get().min(len - height);
        let margin = usize::from(height > 4);
        if self.sel < off + margin {
            off = self.sel.saturating_sub(margin);
        } else if self.sel + margin >= off + height {
            off = (self.sel + margin + 1)
                .saturating_sub(height)
                .min(len - height);
        }
        self.offset.set(off);
        off
    }
}

/// Which facts the fact list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactFilter {
    /// Only facts with conflicting values.
    pub conflicts: bool,
    /// Only facts stated by two articles or more.
    pub shared: bool,
}

/// An overlay on the main screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// Every key binding.
    Help {
        /// First row shown.
        scroll: usize,
    },
    /// Notices: load problems and config errors.
    Log {
        /// First row shown.
        scroll: usize,
    },
    /// Everything known about one claim.
    Details {
        /// Claim index (into `Analysis::claims`).
        claim: usize,
        /// First row shown.
        scroll: usize,
    },
    /// The claims of one fact, grouped by article.
    Fact {
        /// Fact index.
        fact: usize,
        /// Selection among the fact's claims.
        cursor: Cursor,
    },
    /// All facts of the corpus.
    Facts {
        /// Selection among the shown facts.
        cursor: Cursor,
        /// Filters in force.
        filter: FactFilter,
    },
}

impl App {
    /// Keys while a popup is open: `Esc` closes it, `?` and the log key switch to those
    /// popups, motion keys scroll it (the fact popups have their own cursor).
    pub(super) fn update_popup(&mut self, action: Action) -> bool {
        use Action as A;
        let Some(popup) = self.popup.as_mut() else {
            return false;
        };
        match action {
            A::Cancel => {
                self.popup = None;
                return true;
            }
            A::Help => {
                self.popup = Some(Popup::Help { scroll: 0 });
                return true;
            }
            A::Log => {
                self.popup = Some(Popup::Log { scroll: 0 });
                return true;
            }
            _ => {}
        }
        let page = usize::from(self.size.1.saturating_sub(6)).max(1) as isize;
        let delta = match action {
            A::Top => isize::MIN / 2,
            A::Bottom => isize::MAX / 2,
            A::Wheel(_, _, d) => isize::from(d),
            _ => action.row_delta(page).unwrap_or(0),
        };
        match popup {
            Popup::Help { scroll } | Popup::Log { scroll } | Popup::Details { scroll, .. } => {
                if delta == 0 {
                    return false;
                }
                *scroll = scroll.saturating_add_signed(delta);
                true
            }
            Popup::Fact { .. } | Popup::Facts { .. } => self.update_fact_popup(action, delta),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_selection() {
        let mut c = Cursor::at(0);
        assert_eq!(c.window(100, 10), 0);
        c.step(9, 100);
        assert_eq!(c.window(100, 10), 1);
        c.step(-1, 100);
        assert_eq!(c.window(100, 10), 1);
        c.step(1000, 100);
        assert_eq!(c.sel, 99);
        assert_eq!(c.window(100, 10), 90);
        assert_eq!(c.window(5, 10), 0);
        assert_eq!(c.window(100, 0), 0);
        c.step(-1000, 0);
        assert_eq!(c.sel, 0);
    }
}
