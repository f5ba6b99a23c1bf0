//! Mouse events (only with `--mouse`) as actions: the wheel scrolls the pane under the pointer,
//! a click focuses the pane it lands in. Without `--mouse` the terminal keeps its own text
//! selection, which is why capture is off by default.

use crate::app::{Action, App, Pane};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// Lines scrolled per wheel notch.
const WHEEL_LINES: usize = 3;

/// Applies a mouse event to the app. Returns true when something visible changed.
pub fn apply(app: &mut App, event: MouseEvent) -> bool {
    let at = Position::new(event.column, event.row);
    let Some(pane) = pane_at(app, at) else {
        return false;
    };
    let (action, times) = match event.kind {
        MouseEventKind::ScrollDown => (Some(Action::Down), WHEEL_LINES),
        MouseEventKind::ScrollUp => (Some(Action::Up), WHEEL_LINES),
        MouseEventKind::Down(MouseButton::Left) => (None, 0),
        _ => return false,
    };
    let mut changed = focus(app, pane);
    if let Some(action) = action {
        for _ in 0..times {
            changed |= app.update(action.clone());
        }
    }
    changed
}

/// The pane drawn at `at`.
fn pane_at(app: &App, at: Position) -> Option<Pane> {
    if app.popup.is_some() || app.prompt.is_some() {
        return None;
    }
    let layout = app.layout();
    let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
    Pane::ALL.into_iter().find(|p| {
        hit(match p {
            Pane::List => layout.list,
            Pane::Reader => layout.reader,
            Pane::Claims => layout.claims,
        })
    })
}

/// Moves the focus to `pane` with the focus actions (at most one full turn).
fn focus(app: &mut App, pane: Pane) -> bool {
    let mut changed = false;
    for _ in 0..Pane::ALL.len() {
        if app.focus == pane {
            break;
        }
        changed |= app.update(Action::FocusNext);
    }
    changed
}
