//! Styles of every drawn element, with a colour theme and a colour-free one.

use ratatui::style::{Modifier, Style};

/// Named styles for everything the reader draws.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Border of an unfocused pane.
    pub border: Style,
    /// Border of the focused pane.
    pub border_focused: Style,
    /// Selected row in a list.
    pub selection: Style,
    /// A search match.
    pub search_match: Style,
    /// The selected claim's span in the reader.
    pub claim: Style,
    /// Other claims' spans in the reader.
    pub claim_other: Style,
    /// Site furniture in the reader.
    pub furniture: Style,
    /// Secondary text (dates, sources, counts).
    pub dim: Style,
    /// A conflict mark.
    pub conflict: Style,
    /// The status line.
    pub status: Style,
    /// Error messages.
    pub error: Style,
}

impl Theme {
    /// A theme made only of modifiers (bold, reverse, underline, dim): for `NO_COLOR`.
    pub fn no_color() -> Theme {
        Theme {
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            search_match: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            claim: Style::new().add_modifier(Modifier::UNDERLINED),
            claim_other: Style::new(),
            furniture: Style::new().add_modifier(Modifier::DIM),
            dim: Style::new().add_modifier(Modifier::DIM),
            conflict: Style::new().add_modifier(Modifier::BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            error: Style::new().add_modifier(Modifier::BOLD),
        }
    }
}
