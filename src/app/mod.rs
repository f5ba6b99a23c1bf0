//! The reader's state and the only way to change it: [`App::update`] with an [`Action`].
//!
//! Nothing here draws or reads the terminal: keys become actions in [`crate::keys`], the
//! terminal loop in [`crate::tui`] feeds them in, and [`crate::ui`] draws the state. The state
//! holds no terminal types; the only geometry it knows is the terminal size (from
//! [`Action::Resize`]), through [`layout`], so page sizes and wrap widths match what is drawn.
//!
//! Submodules: [`reader`] (scrolling, wrap cache access, claim selection), [`search`],
//! [`facts`] (fact navigation and the fact popups), [`popup`] (overlays, their keys and list
//! cursors), `mouse` (clicks), [`annotate`] and [`select`] (annotation forms and user claims).

mod action;
pub mod annotate;
pub mod facts;
#[cfg(test)]
pub(crate) mod fixture;
pub mod layout;
mod mouse;
pub mod pending;
pub mod popup;
pub mod reader;
pub mod search;
pub mod select;
pub mod wrap;

pub use action::Action;
pub use layout::{Layout, Pane};
pub use pending::{Analysed, Delivery};
pub use popup::{Cursor, FactFilter, Popup};
pub use reader::ReaderPos;
pub use search::{Hits, Prompt, Search};

use crate::pipeline::Analysis;
use ratatui::layout::Rect;
use std::cell::RefCell;

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

/// The claim the user is on: what `y`, `]`, `f` and annotations act upon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Article index.
    pub article: usize,
    /// Claim index into `Analysis::claims`.
    pub claim: usize,
}

/// One line of the help overlay: built from the keymap in force (see
/// [`crate::keys::Keymap::help_lines`]), so help always shows the real bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Heading of the context it applies in ("Everywhere", "Fact list").
    pub section: String,
    /// The keys, as shown ("j, ↓").
    pub keys: String,
    /// What the action does.
    pub help: String,
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
    /// Terminal size (columns, rows), from the last [`Action::Resize`].
    pub size: (u16, u16),
    /// The focused pane.
    pub focus: Pane,
    /// The `c` toggle: claims panel shown from 80 to 119 columns.
    pub show_claims: bool,
    /// Selection in the article list.
    pub list: Cursor,
    /// The article open in the reader.
    pub open: Option<usize>,
    /// Scroll position of the reader.
    pub pos: ReaderPos,
    /// Selection in the claims panel (index among the open article's claims).
    pub claims: Cursor,
    /// The overlay, if one is open.
    pub popup: Option<Popup>,
    /// The search being typed, if any.
    pub prompt: Option<Prompt>,
    /// The last search and its matches.
    pub search: Option<Search>,
    /// One-line message for the status line (cleared by the next key).
    pub message: Option<String>,
    /// The fact `]` and `[` cycle through, while the selected claim belongs to it.
    pub fact: Option<usize>,
    /// The claim the current `]`/`[` tour started from (stops are ranked by their link to it).
    pub fact_origin: Option<usize>,
    /// The help overlay's lines. Set from the default keymap; a loop that merges user
    /// bindings replaces them with `keymap.help_lines()`.
    pub help: Vec<HelpLine>,
    /// Annotations: the journal, where each annotation sits, the open annotation overlay.
    pub annotations: annotate::Annotations,
    /// While the analysis runs in the background: how far it is (see [`pending`]).
    pub analysing: Option<crate::progress::Snapshot>,
    /// Effects waiting for the loop.
    effects: Vec<Effect>,
    /// Wrapped articles, by (article, width); filled lazily, also while drawing.
    wraps: RefCell<wrap::WrapCache>,
}

impl App {
    /// A reader on `analysis`, first article selected and open, focus on the list. Config
    /// errors open the log popup.
    pub fn new(analysis: Analysis, options: AppOptions) -> App {
        let open = (!analysis.corpus.articles.is_empty()).then_some(0);
        let popup = (!options.config_errors.is_empty()).then_some(Popup::Log { scroll: 0 });
        App {
            analysis,
            options,
            quit: false,
            size: (0, 0),
            focus: Pane::List,
            show_claims: false,
            list: Cursor::at(0),
            open,
            pos: ReaderPos::default(),
            claims: Cursor::at(0),
            popup,
            prompt: None,
            search: None,
            message: None,
            fact: None,
            fact_origin: None,
            help: crate::keys::Keymap::defaults().help_lines(),
            annotations: annotate::Annotations::default(),
            analysing: None,
            effects: Vec::new(),
            wraps: RefCell::new(wrap::WrapCache::default()),
        }
    }

    /// Hands the pending effects to the terminal loop.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The layout at the current size.
    pub fn layout(&self) -> Layout {
        Layout::new(self.area(), self.show_claims, self.focus)
    }

    /// The whole terminal.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Number of notices shown by `!`.
    pub fn notice_count(&self) -> usize {
        self.analysis.corpus.notices.len() + self.options.config_errors.len()
    }

    /// The selected claim, if the open article has claims.
    pub fn selection(&self) -> Option<Selection> {
        let article = self.open?;
        let range = self.analysis.claims_by_article.get(article)?;
        let claim = range.start + self.claims.sel;
        (claim < range.end).then_some(Selection { article, claim })
    }

    /// Applies one action. Returns true when something visible changed (the loop redraws only
    /// then).
    pub fn update(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => {
                self.quit = true;
                return true;
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                return true;
            }
            _ => {}
        }
        if let Some(changed) = self.update_analysis(&action) {
            return changed;
        }
        let had_message = self.message.take().is_some();
        let changed = if self.annotations.overlay.is_some() {
            self.update_overlay(action)
        } else if self.annotations.selecting.is_some() && self.popup.is_none() {
            self.update_selecting(action)
        } else if self.prompt.is_some() {
            self.update_prompt(action)
        } else if self.popup.is_some() {
            self.update_popup(action)
        } else {
            self.update_main(action)
        };
        changed || had_message || self.message.is_some()
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let cycle = self.layout().cycle(w, self.show_claims);
        if !cycle.contains(&self.focus) {
            self.focus = Pane::Reader;
        }
        // The reading position is re-derived from its char anchor at the new width.
        self.pos = self.pos_now();
    }

    fn update_main(&mut self, action: Action) -> bool {
        use Action as A;
        if let Some(changed) = self.refuse_while_analysing(&action) {
            return changed;
        }
        match action {
            A::FocusNext | A::FocusPrev => {
                let cycle = self.layout().cycle(self.size.0, self.show_claims);
                let i = cycle.iter().position(|p| *p == self.focus);
                let n = cycle.len();
                let next = match (i, action == A::FocusNext) {
                    (None, _) => 0,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                };
                self.focus = cycle[next];
                true
            }
            A::Down => self.move_by(1),
            A::Up => self.move_by(-1),
            A::PageDown => self.move_by(self.page(self.focus) as isize),
            A::PageUp => self.move_by(-(self.page(self.focus) as isize)),
            A::HalfPageDown => self.move_by((self.page(self.focus) / 2).max(1) as isize),
            A::HalfPageUp => self.move_by(-((self.page(self.focus) / 2).max(1) as isize)),
            A::Top => self.move_by(isize::MIN / 2),
            A::Bottom => self.move_by(isize::MAX / 2),
            A::Open => match self.focus {
                Pane::List => {
                    self.open_article(self.list.sel);
                    self.focus = Pane::Reader;
                    true
                }
                Pane::Reader | Pane::Claims => self.open_details(),
            },
            A::Search => {
                self.prompt = Some(Prompt {
                    pane: self.focus,
                    query: String::new(),
                });
                true
            }
            A::SearchNext => self.search_step(1),
            A::SearchPrev => self.search_step(-1),
            A::Cancel => {
                if self.annotations.link_from.take().is_some() {
                    self.message = Some("link cancelled".to_owned());
                    true
                } else {
                    self.search.take().is_some()
                }
            }
            A::Help => {
                self.popup = Some(Popup::Help { scroll: 0 });
                true
            }
            A::Log => {
                self.popup = Some(Popup::Log { scroll: 0 });
                true
            }
            A::ToggleClaims => {
                self.show_claims = !self.show_claims;
                let w = self.size.0;
                if (layout::MEDIUM..layout::WIDE).contains(&w) {
                    let cycle = self.layout().cycle(w, self.show_claims);
                    if !cycle.contains(&self.focus) {
                        self.focus = if self.show_claims {
                            Pane::Claims
                        } else {
                            Pane::List
                        };
                    }
                } else {
                    self.message = Some(if w >= layout::WIDE {
                        "the claims panel is always shown at this width".to_owned()
                    } else {
                        "Tab shows the claims panel at this width".to_owned()
                    });
                }
                true
            }
            A::Copy => self.copy_claim(),
            A::NextFact => self.jump_fact(1),
            A::PrevFact => self.jump_fact(-1),
            A::FactView => self.open_fact_view(),
            A::FactList => {
                self.popup = Some(Popup::Facts {
                    cursor: Cursor::at(0),
                    filter: FactFilter::default(),
                });
                true
            }
            A::Click(x, y) => self.click(x, y),
            A::Wheel(x, y, d) => {
                let Some(p) = self.pane_at(x, y) else {
                    return false;
                };
                let before = self.focus;
                self.focus = p;
                let moved = self.move_by(isize::from(d));
                self.focus = before;
                moved
            }
            A::VerdictTrue
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
            | A::SelectText
            | A::Orphans => self.annotate_action(action),
            A::Quit
            | A::Resize(..)
            | A::Input(_)
            | A::Backspace
            | A::Submit
            | A::FilterConflicts
            | A::FilterShared
            | A::Progress(_)
            | A::AnalysisReady(_) => false,
        }
    }

    /// Moves the selection of the focused pane, or scrolls the reader.
    fn move_by(&mut self, delta: isize) -> bool {
        match self.focus {
            Pane::List => {
                let before = self.list.sel;
                self.list.step(delta, self.analysis.corpus.articles.len());
                before != self.list.sel
            }
            Pane::Reader => self.scroll(delta),
            Pane::Claims => {
                let before = self.claims.sel;
                let n = self
                    .open
                    .map_or(0, |a| self.analysis.article_claims(a).len());
                self.claims.step(delta, n);
                self.claim_selected();
                before != self.claims.sel
            }
        }
    }

    /// Rows a page holds in `pane` at the current size.
    fn page(&self, pane: Pane) -> usize {
        let l = Layout::new(self.area(), self.show_claims, pane);
        match pane {
            Pane::Reader => l.reader.map_or(1, |r| {
                layout::reader_text(r, self.title_rows(layout::inner(r).width)).height as usize
            }),
            Pane::List => l.list.map_or(1, |r| layout::inner(r).height as usize / 2),
            Pane::Claims => l.claims.map_or(1, |r| layout::inner(r).height as usize / 2),
        }
        .max(1)
    }

    /// Opens article `a` in the reader, at its top.
    pub fn open_article(&mut self, a: usize) {
        if a >= self.analysis.corpus.articles.len() {
            return;
        }
        self.list.set(a, self.analysis.corpus.articles.len());
        if self.open != Some(a) {
            self.open = Some(a);
            self.pos = ReaderPos::default();
            self.claims = Cursor::at(0);
            if matches!(
                self.search,
                Some(Search {
                    hits: Hits::Text { .. } | Hits::Claims { .. },
                    ..
                })
            ) {
                self.search = None;
            }
        }
    }

    fn open_details(&mut self) -> bool {
        match self.selection() {
            Some(s) => {
                self.popup = Some(Popup::Details {
                    claim: s.claim,
                    scroll: 0,
                });
                true
            }
            None => {
                self.message = Some("no claim selected".to_owned());
                true
            }
        }
    }

    fn copy_claim(&mut self) -> bool {
        let Some(s) = self.selection() else {
            self.message = Some("no claim selected".to_owned());
            return true;
        };
        let text = citation(&self.analysis, s.claim);
        self.effects.push(crate::app::Effect::Copy(text));
        self.message = Some("claim copied with its citation".to_owned());
        true
    }
}

/// The text `y` copies: the quote, then where it comes from.
pub fn citation(analysis: &Analysis, claim: usize) -> String {
    let c = &analysis.claims[claim];
    let a = &analysis.corpus.articles[c.article];
    let mut cite = format!("« {} »\n— {}", c.text.trim(), a.title);
    if let Some(src) = &a.source {
        cite.push_str(&format!(", {src}"));
    }
    if let Some(d) = a.date {
        cite.push_str(&format!(", {d}"));
    }
    cite.push_str(&format!(" ({}", a.path.display()));
    if let Some(u) = &a.url {
        cite.push_str(&format!(", {u}"));
    }
    cite.push_str(&format!(", chars {}–{})", c.span.start, c.span.end));
    cite
}

#[cfg(test)]
mod tests;
