//! Drawing the reader: a pure function of the [`App`] state onto a ratatui frame.
//!
//! [`draw`] lays the screen out with [`crate::app::layout`] (the same layout the app uses for
//! page sizes), draws each visible pane, the status line, then the popup if one is open. Every
//! string taken from an article goes through [`crate::text::display`] first. Drawing never
//! panics, whatever the size (0×0 included).

mod annotate;
mod claims;
mod facts;
mod list;
mod popup;
mod reader;
mod status;
pub mod theme;
mod widgets;

pub use claims::short_form;
pub use theme::Theme;
pub use widgets::{Look, block, centered, spread, trunc, wrap_plain};

use crate::app::layout::{Layout, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Pane};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let layout = Layout::new(area, app.show_claims, app.focus);
    if layout.too_small {
        if area.width > 0 && area.height > 0 {
            let msg = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})");
            let p = Paragraph::new(Line::styled(trunc(&msg, area.width as usize), theme.error));
            frame.render_widget(p, area);
        }
        return;
    }
    let look = |p: Pane| {
        if app.focus == p && app.popup.is_none() {
            Look::Focused
        } else {
            Look::Pane
        }
    };
    if let Some(r) = layout.list {
        list::draw(frame, r, app, theme, look(Pane::List));
    }
    if let Some(r) = layout.reader {
        reader::draw(frame, r, app, theme, look(Pane::Reader));
    }
    if let Some(r) = layout.claims {
        claims::draw(frame, r, app, theme, look(Pane::Claims));
    }
    status::draw(frame, layout.status, app, theme);
    if app.popup.is_some() {
        popup::draw(frame, area, app, theme);
    }
    annotate::draw(frame, area, app, theme);
}

/// Badge of a modality in the app's glyph set.
pub fn badge(app: &App, m: crate::claims::Modality) -> &'static str {
    if app.options.ascii {
        m.ascii_badge()
    } else {
        m.badge()
    }
}

#[cfg(test)]
mod tests;
