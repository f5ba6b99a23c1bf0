//! Where each pane goes for a given terminal size: shared by the app (page sizes, wrap width,
//! which panes Tab cycles through) and the drawing code, so both always agree.
//!
//! Thresholds: at 120 columns or more the three panes are side by side; from 80 to 119 the list
//! and the reader, the list giving way to the claims panel when `c` shows it; below 80 one pane
//! at a time. Below [`MIN_WIDTH`]×[`MIN_HEIGHT`] nothing but a "too small" line is drawn.

use ratatui::layout::Rect;

/// Narrowest usable terminal.
pub const MIN_WIDTH: u16 = 20;
/// Lowest usable terminal.
pub const MIN_HEIGHT: u16 = 6;
/// From this width the three panes are shown together.
pub const WIDE: u16 = 120;
/// From this width two panes are shown together.
pub const MEDIUM: u16 = 80;
/// Columns of the reader's left margin (furniture and claim markers).
pub const MARGIN: u16 = 2;

/// The panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    /// The article list.
    #[default]
    List,
    /// The article text.
    Reader,
    /// The claims of the open article.
    Claims,
}

impl Pane {
    /// The three panes in Tab order.
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Claims];
}

/// Rectangles of the visible panes and the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// The article list, when visible.
    pub list: Option<Rect>,
    /// The reader, when visible.
    pub reader: Option<Rect>,
    /// The claims panel, when visible.
    pub claims: Option<Rect>,
    /// The status line (bottom row).
    pub status: Rect,
    /// The terminal is below the minimum size: only a message is drawn.
    pub too_small: bool,
}

impl Layout {
    /// Computes the layout of `area`. `show_claims` is the `c` toggle (used from 80 to 119
    /// columns); `focus` picks the pane shown below 80 columns.
    pub fn new(area: Rect, show_claims: bool, focus: Pane) -> Layout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Layout {
                status: area,
                too_small: true,
                ..Layout::default()
            };
        }
        let main = Rect::new(area.x, area.y, area.width, area.height - 1);
        let status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
        let w = main.width;
        let col = |x: u16, width: u16| Rect::new(main.x + x, main.y, width, main.height);
        let mut l = Layout {
            status,
            ..Layout::default()
        };
        if w >= WIDE {
            let list = (w * 22 / 100).clamp(24, 40);
            let claims = (w * 30 / 100).clamp(36, 56);
            l.list = Some(col(0, list));
            l.reader = Some(col(list, w - list - claims));
            l.claims = Some(col(w - claims, claims));
        } else if w >= MEDIUM {
            let side = (w * 30 / 100).max(24);
            if show_claims {
                let claims = w * 40 / 100;
                l.reader = Some(col(0, w - claims));
                l.claims = Some(col(w - claims, claims));
            } else {
                l.list = Some(col(0, side));
                l.reader = Some(col(side, w - side));
            }
        } else {
            let r = Some(main);
            match focus {
                Pane::List => l.list = r,
                Pane::Reader => l.reader = r,
                Pane::Claims => l.claims = r,
            }
        }
        l
    }

    /// The rectangle of `pane`, if visible.
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Claims => self.claims,
        }
    }

    /// Panes Tab cycles through at this size (all three when one pane shows at a time).
    pub fn cycle(&self, width: u16, show_claims: bool) -> Vec<Pane> {
        if self.too_small || !(MEDIUM..WIDE).contains(&width) {
            Pane::ALL.to_vec()
        } else if show_claims {
            vec![Pane::Reader, Pane::Claims]
        } else {
            vec![Pane::List, Pane::Reader]
        }
    }
}

/// Inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// Rows of the reader pane taken by the header: the title (on up to `title_rows` rows when the
/// pane is high enough), then the metadata line and a rule; a single title row in a low pane.
pub fn reader_header_rows(inner_height: u16, title_rows: u16) -> u16 {
    if inner_height >= 12 {
        title_rows.clamp(1, 2) + 2
    } else if inner_height >= 8 {
        3
    } else {
        1.min(inner_height)
    }
}

/// Where the article text goes inside the reader pane `r` (below the header, right of the
/// margin).
pub fn reader_text(r: Rect, title_rows: u16) -> Rect {
    let i = inner(r);
    let head = reader_header_rows(i.height, title_rows);
    Rect::new(
        i.x + MARGIN.min(i.width),
        i.y + head,
        i.width.saturating_sub(MARGIN),
        i.height - head,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        let l = Layout::new(Rect::new(0, 0, 120, 40), false, Pane::List);
        assert!(l.list.is_some() && l.reader.is_some() && l.claims.is_some());
        let l = Layout::new(Rect::new(0, 0, 119, 40), false, Pane::List);
        assert!(l.list.is_some() && l.reader.is_some() && l.claims.is_none());
        let l = Layout::new(Rect::new(0, 0, 80, 24), true, Pane::List);
        assert!(l.list.is_none() && l.reader.is_some() && l.claims.is_some());
        let l = Layout::new(Rect::new(0, 0, 79, 24), false, Pane::Reader);
        assert!(l.list.is_none() && l.reader.is_some() && l.claims.is_none());
        assert!(Layout::new(Rect::new(0, 0, 19, 24), false, Pane::List).too_small);
        assert!(Layout::new(Rect::new(0, 0, 40, 5), false, Pane::List).too_small);
        assert!(Layout::new(Rect::new(0, 0, 0, 0), false, Pane::List).too_small);
        assert!(!Layout::new(Rect::new(0, 0, 20, 6), false, Pane::List).too_small);
    }

    #[test]
    fn panes_tile_the_width() {
        for w in MIN_WIDTH..300 {
            for show in [false, true] {
                let l = Layout::new(Rect::new(0, 0, w, 30), show, Pane::Claims);
                let total: u16 = Pane::ALL
                    .iter()
                    .filter_map(|p| l.rect(*p))
                    .map(|r| r.width)
                    .sum();
                assert_eq!(total, w, "width {w} show {show}");
            }
        }
    }
}
