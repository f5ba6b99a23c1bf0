//! Drawing the reader: a pure function of the [`App`] state onto a ratatui frame.

pub mod theme;

pub use theme::Theme;

use crate::app::App;
use ratatui::Frame;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let _ = (frame, app, theme);
}
