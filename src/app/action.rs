//! Everything the user (or the loop) can ask of the reader.
//!
//! Unit variants are the bindable ones: the keymap names them (see [`crate::keys::key_list`]).
//! Variants with data come from the loop (resize, the background analysis) or from text input
//! while a prompt is open.

use super::pending::Delivery;
use crate::progress::Snapshot;
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
    /// Move focus to the next pane (list → reader → claims).
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Next row (list, claims, popup) or scroll the reader one line down.
    Down,
    /// Previous row, or scroll one line up.
    Up,
    /// First row / top of the article.
    Top,
    /// Last row / end of the article.
    Bottom,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// Open what is selected (article, claim details, a row of a fact popup).
    Open,
    /// Start typing a search in the focused pane.
    Search,
    /// A char typed into the open prompt.
    Input(char),
    /// Delete the last char of the open prompt.
    Backspace,
    /// Accept the open prompt (search: jump to the first match).
    Submit,
    /// Next search match.
    SearchNext,
    /// Previous search match.
    SearchPrev,
    /// Close the popup, cancel the prompt, clear the search.
    Cancel,
    /// Show the key bindings.
    Help,
    /// Show the notices (load problems, config errors).
    Log,
    /// Show or hide the claims panel (80–119 columns).
    ToggleClaims,
    /// Copy the selected claim with its citation.
    Copy,
    /// Jump to the next article stating the selected claim's fact.
    NextFact,
    /// Jump to the previous article stating the selected claim's fact.
    PrevFact,
    /// Open the fact view of the selected claim.
    FactView,
    /// Open the list of all facts.
    FactList,
    /// Fact list: show only facts with conflicts (toggle).
    FilterConflicts,
    /// Fact list: show only facts stated by two articles or more (toggle).
    FilterShared,
    /// Mouse click at (column, row): focuses the pane there and selects the row clicked.
    Click(u16, u16),
    /// Mouse wheel at (column, row): scrolls the pane there by this many rows.
    Wheel(u16, u16, i8),
    /// Verdict "true" on the selected claim.
    VerdictTrue,
    /// Verdict "false".
    VerdictFalse,
    /// Verdict "misleading".
    VerdictMisleading,
    /// Verdict "unverifiable".
    VerdictUnverifiable,
    /// Clear the verdict.
    VerdictClear,
    /// Write a note on the selected claim.
    Note,
    /// Add a tag to the selected claim.
    Tag,
    /// Link the selected claim to another one as the same fact (press on both).
    Link,
    /// Remove the selected claim from its automatic facts (toggle).
    Unlink,
    /// Undo the last annotation edit.
    Undo,
    /// Redo the last undone annotation edit.
    Redo,
    /// Read the annotation journal again (other instances' edits).
    ReloadAnnotations,
    /// List the annotations that no longer fit any claim.
    Orphans,
    /// Start selecting rows in the reader, to mark them as a claim (Enter).
    SelectText,
    /// The background analysis got this far (from the loop; not bindable, not serialised).
    #[serde(skip)]
    Progress(Snapshot),
    /// The background analysis finished: claims, facts and the journal for them (from the
    /// loop; not bindable, not serialised).
    #[serde(skip)]
    AnalysisReady(Delivery),
}

impl Action {
    /// Rows a motion key moves a cursor or scroll by, with `page` rows to a page: `Some` for
    /// line, page and half-page motions (up is negative), `None` for every other action.
    /// Shared by the popups and the reader's text selection, which move by rows of their own.
    pub fn row_delta(&self, page: isize) -> Option<isize> {
        Some(match self {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::HalfPageDown => (page / 2).max(1),
            Action::HalfPageUp => -(page / 2).max(1),
            _ => return None,
        })
    }

    /// True for the actions that act on claims or facts, which wait for the analysis (the
    /// reader says so instead while it runs).
    pub fn needs_analysis(&self) -> bool {
        use Action as A;
        matches!(
            self,
            A::Copy
                | A::NextFact
                | A::PrevFact
                | A::FactView
                | A::FactList
                | A::VerdictTrue
                | A::VerdictFalse
                | A::VerdictMisleading
                | A::VerdictUnverifiable
                | A::VerdictClear
                | A::Note
                | A::Tag
                | A::Link
                | A::Unlink
                | A::Undo
                | A::Redo
                | A::ReloadAnnotations
                | A::Orphans
                | A::SelectText
        )
    }
}
