//! Mouse events (only with `--mouse`) as actions: the wheel scrolls the pane under the pointer,
//! a click focuses the pane it lands in and selects the row clicked. Without `--mouse` the
//! terminal keeps its own text selection, which is why capture is off by default. Hit-testing
//! lives in the app ([`Action::Click`], [`Action::Wheel`]), which knows its layout.

use crate::app::{Action, App};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

/// Lines scrolled per wheel notch.
const WHEEL_LINES: i8 = 3;

/// The action a mouse event asks for, if any.
pub fn action(event: MouseEvent) -> Option<Action> {
    let (x, y) = (event.column, event.row);
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel(x, y, WHEEL_LINES)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(x, y, -WHEEL_LINES)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(x, y)),
        _ => None,
    }
}

/// Applies a mouse event to the app. Returns true when something visible changed.
pub fn apply(app: &mut App, event: MouseEvent) -> bool {
    action(event).is_some_and(|a| app.update(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{AppOptions, Pane};
    use crossterm::event::KeyModifiers;

    fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn a_click_on_an_article_row_opens_it_and_the_wheel_scrolls_the_reader() {
        let corpus = crate::corpus::load_paths(&["seeds".into()]).unwrap();
        let mut app = App::new(crate::pipeline::analyze(corpus), AppOptions::default());
        app.update(Action::Resize(120, 40));
        // Third article: the list's inner area starts at row 1, two rows per article.
        assert!(apply(
            &mut app,
            at(MouseEventKind::Down(MouseButton::Left), 5, 5)
        ));
        assert_eq!(app.focus, Pane::List);
        assert_eq!(app.open, Some(2));
        assert!(apply(&mut app, at(MouseEventKind::ScrollDown, 60, 10)));
        assert!(!apply(&mut app, at(MouseEventKind::Moved, 60, 10)));
    }
}
