//! Everything the user (or the loop) can ask of the reader.

use serde::{Deserialize, Serialize};

/// One change to the reader's state. Serialisable so that keymaps and scripted sessions can
/// name actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}
