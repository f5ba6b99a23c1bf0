//! Every bindable action, named once: its name in the keymap file, the context it is bound in,
//! and the line the help overlay shows for it.
//!
//! The default keys themselves are data (`assets/keymap.toml`); this list is what the file may
//! name. A section applies in one context: `global` everywhere (unless a more specific section
//! binds the same key), `list`, `reader` and `claims` when that pane has focus, `popup` in any
//! overlay, `facts` in the fact list.

use crate::app::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Everywhere.
    Global,
    /// The article list has focus.
    List,
    /// The reader has focus.
    Reader,
    /// The claims panel has focus.
    Claims,
    /// An overlay is open.
    Popup,
    /// The fact list is open.
    Facts,
}

impl Section {
    /// All sections, in the order help shows them.
    pub const ALL: [Section; 6] = [
        Section::Global,
        Section::List,
        Section::Reader,
        Section::Claims,
        Section::Popup,
        Section::Facts,
    ];

    /// Name of the `[section]` in the keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::List => "list",
            Section::Reader => "reader",
            Section::Claims => "claims",
            Section::Popup => "popup",
            Section::Facts => "facts",
        }
    }

    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "Everywhere",
            Section::List => "Article list",
            Section::Reader => "Reader",
            Section::Claims => "Claims panel",
            Section::Popup => "Popups",
            Section::Facts => "Fact list",
        }
    }

    /// The section named `name` in a keymap file.
    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A bindable action.
#[derive(Debug, Clone, Copy)]
pub struct Bindable {
    /// Name in the keymap file.
    pub name: &'static str,
    /// The action.
    pub action: fn() -> Action,
    /// What the help overlay says it does.
    pub help: &'static str,
}

macro_rules! bindable {
    ($($name:literal => $action:ident, $help:literal;)*) => {
        /// Every action a key can be bound to.
        pub const BINDABLE: &[Bindable] = &[
            $(Bindable { name: $name, action: || Action::$action, help: $help },)*
        ];
    };
}

bindable! {
    "quit" => Quit, "quit";
    "focus_next" => FocusNext, "focus next pane";
    "focus_prev" => FocusPrev, "focus previous pane";
    "down" => Down, "move down / scroll one line";
    "up" => Up, "move up / scroll one line";
    "top" => Top, "go to the top";
    "bottom" => Bottom, "go to the bottom";
    "page_down" => PageDown, "page down";
    "page_up" => PageUp, "page up";
    "half_page_down" => HalfPageDown, "half a page down";
    "half_page_up" => HalfPageUp, "half a page up";
    "open" => Open, "open article / claim details / jump to row";
    "search" => Search, "search the focused pane";
    "search_next" => SearchNext, "next match";
    "search_prev" => SearchPrev, "previous match";
    "cancel" => Cancel, "close popup / cancel / clear search";
    "help" => Help, "this help";
    "log" => Log, "notices";
    "toggle_claims" => ToggleClaims, "show or hide the claims panel (80–119 columns)";
    "copy" => Copy, "copy the claim with its citation";
    "next_fact" => NextFact, "next article stating this fact";
    "prev_fact" => PrevFact, "previous article stating this fact";
    "fact_view" => FactView, "the claim's fact, across articles";
    "fact_list" => FactList, "all facts of the corpus";
    "filter_conflicts" => FilterConflicts, "only facts with conflicts";
    "filter_shared" => FilterShared, "only facts stated by 2+ articles";
    "verdict_true" => VerdictTrue, "verdict: true";
    "verdict_false" => VerdictFalse, "verdict: false";
    "verdict_misleading" => VerdictMisleading, "verdict: misleading";
    "verdict_unverifiable" => VerdictUnverifiable, "verdict: unverifiable";
    "verdict_clear" => VerdictClear, "clear the verdict";
    "note" => Note, "note on the claim (Ctrl-x saves, Esc cancels)";
    "tag" => Tag, "tag the claim (Tab completes)";
    "link" => Link, "link to another claim as the same fact (on both)";
    "unlink" => Unlink, "remove from its automatic fact (toggle)";
    "undo" => Undo, "undo the last annotation edit";
    "redo" => Redo, "redo";
    "reload_annotations" => ReloadAnnotations, "reload the annotation journal";
    "orphans" => Orphans, "annotations that lost their claim";
    "select_text" => SelectText, "select text to mark as a claim (Enter)";
}

/// The bindable action named `name`.
pub fn find(name: &str) -> Option<&'static Bindable> {
    BINDABLE.iter().find(|b| b.name == name)
}

/// Help text of `action`, when it is bindable.
pub fn help_of(action: &Action) -> Option<&'static str> {
    BINDABLE
        .iter()
        .find(|b| (b.action)() == *action)
        .map(|b| b.help)
}
