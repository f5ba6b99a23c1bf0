//! The reader's state and the only way to change it: [`App::update`] with an [`Action`].
//!
//! Nothing here draws or reads the terminal: keys become actions in [`crate::keys`], the
//! terminal loop in [`crate::tui`] feeds them in, and [`crate::ui`] draws the state.

mod action;

pub use action::Action;

use crate::pipeline::Analysis;

/// Options the reader was started with.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Draw borders and badges in ASCII.
    pub ascii: bool,
    /// Mouse capture is on.
    pub mouse: bool,
    /// Problems found in the user's config file (shown in a popup at start; defaults apply).
    pub config_errors: Vec<String>,
}

/// Something the terminal loop must do on the app's behalf (the app itself does no terminal
/// I/O).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the user's clipboard (OSC 52).
    Copy(String),
}

/// The reader's whole state.
#[derive(Debug)]
pub struct App {
    /// The analysed corpus.
    pub analysis: Analysis,
    /// Start-up options.
    pub options: AppOptions,
    /// Set by [`Action::Quit`]; the loop exits when it sees it.
    pub quit: bool,
    /// Effects waiting for the loop.
    effects: Vec<Effect>,
}

impl App {
    /// A reader on `analysis`, first article selected, focus on the list.
    pub fn new(analysis: Analysis, options: AppOptions) -> App {
        App {
            analysis,
            options,
            quit: false,
            effects: Vec::new(),
        }
    }

    /// Hands the pending effects to the terminal loop.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Applies one action. Returns true when something visible changed (the loop redraws only
    /// then).
    pub fn update(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::Resize(_, _) => true,
        }
    }
}
