//! Every key binding, in one place: the keymap turns a key press into an [`Action`].

use crate::app::{Action, App};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key bindings in force.
#[derive(Debug, Clone, Default)]
pub struct Keymap {}

impl Keymap {
    /// The default bindings.
    pub fn defaults() -> Keymap {
        Keymap {}
    }

    /// The action bound to `key` in the app's current mode, if any.
    pub fn action(&self, app: &App, key: KeyEvent) -> Option<Action> {
        let _ = app;
        match (key.code, key.modifiers) {
            (KeyCode::Char('q'), _) => Some(Action::Quit),
            (KeyCode::Char('c'), m) if m.contains(KeyModifiers::CONTROL) => Some(Action::Quit),
            _ => None,
        }
    }
}
