//! Annotating from the reader: verdict keys, the note editor, tags with completion, manual
//! links, undo/redo, reloading the journal and the orphans list (marking a user claim from a
//! reader selection is in [`super::select`]).
//!
//! The reader edits through an [`annotations::Store`]: every edit is durable before the screen
//! shows it, and a save error goes to the status line while the edit (a note being written)
//! stays open to retry. User links, unlinks and claims change the analysis, so the analysis as
//! extracted is kept aside and the user's overlay is re-applied to a copy after such edits.

use super::select::TextSelection;
use super::{Action, App, Cursor, Selection};
use crate::annotations::{self, Annotation, Edit, Resolved, Store, Target, Verdict};
use crate::pipeline::Analysis;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An annotation overlay: it takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The note editor (multi-line): `Ctrl-x` saves, `Esc` cancels.
    Note {
        /// Claim index.
        claim: usize,
        /// The text being written.
        text: String,
        /// Why the last save failed (the text is kept to retry).
        error: Option<String>,
    },
    /// The tag prompt: `Tab` completes from the tags in use, `Enter` adds, `Esc` cancels.
    Tag {
        /// Claim index.
        claim: usize,
        /// The tag being typed.
        text: String,
        /// Why the last save failed.
        error: Option<String>,
    },
    /// Annotations that cannot be placed on any claim.
    Orphans {
        /// Selection in the list.
        cursor: Cursor,
    },
}

/// The reader's annotation state.
#[derive(Debug, Default)]
pub struct Annotations {
    /// The journal, when one could be opened.
    pub store: Option<Store>,
    /// Why there is no journal (shown when a key needs one).
    pub unavailable: Option<String>,
    /// The analysis as extracted, before the user's links and claims.
    base: Option<Analysis>,
    /// Where each annotation sits now.
    pub resolved: Resolved,
    /// The claim `l` was first pressed on, waiting for the second.
    pub link_from: Option<usize>,
    /// The open overlay.
    pub overlay: Option<Overlay>,
    /// The reader selection being made, if any.
    pub selecting: Option<TextSelection>,
}

/// Opens the journal for the reader; a failure leaves the reader usable, without annotations.
pub fn open(
    args: &crate::cli::AnnotationArgs,
    corpus: &crate::corpus::Corpus,
) -> Result<Store, String> {
    let path = annotations::location::journal_path(corpus, args.annotations.as_deref());
    let who = annotations::location::annotator(args.annotator.as_deref());
    Store::open(&path, &who).map_err(|e| e.to_string())
}

/// The action a key means while an annotation overlay is open; `None` when none is open.
pub fn overlay_key(app: &App, key: KeyEvent) -> Option<Option<Action>> {
    let overlay = app.annotations.overlay.as_ref()?;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let text_key = |c: char| (!ctrl).then_some(Action::Input(c));
    Some(match (overlay, key.code) {
        (Overlay::Orphans { .. }, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (Overlay::Orphans { .. }, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
        (Overlay::Orphans { .. }, KeyCode::Esc | KeyCode::Char('q' | 'O')) => Some(Action::Cancel),
        (Overlay::Orphans { .. }, _) => None,
        (_, KeyCode::Esc) => Some(Action::Cancel),
        (_, KeyCode::Char('x' | 'X')) if ctrl => Some(Action::Submit),
        (_, KeyCode::Backspace) => Some(Action::Backspace),
        (Overlay::Note { .. }, KeyCode::Enter) => Some(Action::Input('\n')),
        (Overlay::Tag { .. }, KeyCode::Enter) => Some(Action::Submit),
        (Overlay::Tag { .. }, KeyCode::Tab) => Some(Action::Input('\t')),
        (_, KeyCode::Char(c)) => text_key(c),
        _ => None,
    })
}

impl App {
    /// Gives the reader its journal: applies the user's claims and links to the analysis and
    /// places the annotations.
    pub fn attach_store(&mut self, store: Result<Store, String>) {
        match store {
            Ok(s) => {
                for n in s.notices() {
                    self.analysis.corpus.notices.push(crate::corpus::Notice {
                        severity: crate::corpus::Severity::Warning,
                        path: Some(s.path().to_owned()),
                        message: n.clone(),
                    });
                }
                self.annotations.store = Some(s);
                self.refresh_annotations(true);
            }
            Err(e) => self.annotations.unavailable = Some(e),
        }
    }

    /// The live annotations placed on claim `ci`, oldest change first.
    pub fn annotations_on(&self, ci: usize) -> Vec<&Annotation> {
        let Some(store) = &self.annotations.store else {
            return Vec::new();
        };
        self.annotations
            .resolved
            .by_claim
            .get(ci)
            .into_iter()
            .flatten()
            .filter_map(|id| store.state().get(id))
            .collect()
    }

    /// The verdict shown for claim `ci`: the user's own, else the latest anyone gave.
    pub fn verdict_of(&self, ci: usize) -> Verdict {
        let anns = self.annotations_on(ci);
        let me = self.annotations.store.as_ref().map(|s| s.annotator());
        anns.iter()
            .rev()
            .find(|a| Some(a.annotator.as_str()) == me)
            .or_else(|| anns.iter().rev().find(|a| a.verdict != Verdict::None))
            .map_or(Verdict::None, |a| a.verdict)
    }

    /// Re-places annotations; with `overlay`, rebuilds the analysis with the user's claims and
    /// links (after a link, unlink, user claim, undo, redo or reload).
    fn refresh_annotations(&mut self, overlay: bool) {
        let Some(store) = &self.annotations.store else {
            return;
        };
        // The extracted analysis is set aside only once the journal changes it (a user claim,
        // link or unlink): on an archive it is the reader's largest structure, and most
        // journals hold only verdicts, notes and tags.
        let changes_analysis = |s: &Store| {
            s.state()
                .iter()
                .any(|a| a.user_claim || a.unlink || !a.links.is_empty())
        };
        if overlay && (self.annotations.base.is_some() || changes_analysis(store)) {
            let base = self
                .annotations
                .base
                .get_or_insert_with(|| self.analysis.clone());
            let mut a = base.clone();
            annotations::apply_to_analysis(&mut a, store.state());
            self.analysis = a;
            if let Some(open) = self.open {
                let n = self.analysis.article_claims(open).len();
                self.claims.set(self.claims.sel, n);
            }
        }
        self.annotations.resolved = annotations::resolve(&self.analysis, store.state());
    }

    fn target(&self, ci: usize) -> Target {
        let c = &self.analysis.claims[ci];
        Target::claim(c, &self.analysis.corpus.articles[c.article])
    }

    /// Runs an edit; says what happened (or why not) in the status line.
    pub(super) fn edit(&mut self, edit: Edit, done: &str, overlay: bool) -> Result<(), String> {
        let Some(store) = self.annotations.store.as_mut() else {
            let why = self.annotations.unavailable.clone().unwrap_or_default();
            self.message = Some(format!("annotations unavailable: {why}"));
            return Err(why);
        };
        match store.apply(edit) {
            Ok(_) => {
                self.message = Some(done.to_owned());
                self.refresh_annotations(overlay);
                Ok(())
            }
            Err(e) => {
                self.message = Some(e.to_string());
                Err(e.to_string())
            }
        }
    }

    fn selected_claim(&mut self) -> Option<Selection> {
        let s = self.selection();
        if s.is_none() {
            self.message = Some("no claim selected".to_owned());
        }
        s
    }

    /// Handles the annotation actions of the main screen.
    pub(super) fn annotate_action(&mut self, action: Action) -> bool {
        use Action as A;
        let verdict = match action {
            A::VerdictTrue => Some(Verdict::True),
            A::VerdictFalse => Some(Verdict::False),
            A::VerdictMisleading => Some(Verdict::Misleading),
            A::VerdictUnverifiable => Some(Verdict::Unverifiable),
            A::VerdictClear => Some(Verdict::None),
            _ => None,
        };
        if let Some(v) = verdict {
            if let Some(s) = self.selected_claim() {
                let msg = if v == Verdict::None {
                    "verdict cleared".to_owned()
                } else {
                    format!("verdict: {v} (saved)")
                };
                let _ = self.edit(Edit::Verdict(self.target(s.claim), v), &msg, false);
            }
            return true;
        }
        match action {
            A::Note => {
                if let Some(s) = self.selected_claim() {
                    let text = self
                        .my_annotation(s.claim)
                        .map(|a| a.note.clone())
                        .unwrap_or_default();
                    self.annotations.overlay = Some(Overlay::Note {
                        claim: s.claim,
                        text,
                        error: None,
                    });
                }
            }
            A::Tag => {
                if let Some(s) = self.selected_claim() {
                    self.annotations.overlay = Some(Overlay::Tag {
                        claim: s.claim,
                        text: String::new(),
                        error: None,
                    });
                }
            }
            A::Link => self.link(),
            A::Unlink => {
                if let Some(s) = self.selected_claim() {
                    let on = !self.my_annotation(s.claim).is_some_and(|a| a.unlink);
                    let msg = if on {
                        "claim removed from its automatic facts"
                    } else {
                        "claim back in its automatic facts"
                    };
                    let _ = self.edit(Edit::Unlink(self.target(s.claim), on), msg, true);
                }
            }
            A::Undo | A::Redo => self.undo_redo(action == A::Undo),
            A::ReloadAnnotations => self.reload_annotations(),
            A::SelectText => self.start_selection(),
            A::Orphans => {
                self.annotations.overlay = Some(Overlay::Orphans {
                    cursor: Cursor::at(0),
                });
            }
            _ => return false,
        }
        true
    }

    fn my_annotation(&self, ci: usize) -> Option<&Annotation> {
        let me = self.annotations.store.as_ref()?.annotator().to_owned();
        self.annotations_on(ci)
            .into_iter()
            .rev()
            .find(|a| a.annotator == me)
    }

    fn link(&mut self) {
        let Some(s) = self.selected_claim() else {
            return;
        };
        match self.annotations.link_from.take() {
            None => {
                self.annotations.link_from = Some(s.claim);
                self.message = Some("link: select the claim stating the same fact (any article), press l again; Esc cancels".to_owned());
            }
            Some(first) if first == s.claim => self.message = Some("link cancelled".to_owned()),
            Some(first) => {
                let other = self.analysis.claims[s.claim].id.clone();
                let _ = self.edit(
                    Edit::Link(self.target(first), other),
                    "claims linked as the same fact",
                    true,
                );
            }
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(store) = self.annotations.store.as_mut() else {
            self.message = Some("annotations unavailable".to_owned());
            return;
        };
        let r = if undo { store.undo() } else { store.redo() };
        self.message = Some(match r {
            Ok(Some(_)) => {
                self.refresh_annotations(true);
                (if undo { "undone" } else { "redone" }).to_owned()
            }
            Ok(None) => (if undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            })
            .to_owned(),
            Err(e) => e.to_string(),
        });
    }

    fn reload_annotations(&mut self) {
        let Some(store) = self.annotations.store.as_mut() else {
            self.message = Some("annotations unavailable".to_owned());
            return;
        };
        self.message = Some(match store.reload() {
            Ok(()) => {
                let n = store.state().len();
                self.refresh_annotations(true);
                format!("journal reloaded: {n} annotations")
            }
            Err(e) => e.to_string(),
        });
    }

    /// Handles an action while an annotation overlay is open.
    pub(super) fn update_overlay(&mut self, action: Action) -> bool {
        let tags = self
            .annotations
            .store
            .as_ref()
            .map(|s| s.state().tags())
            .unwrap_or_default();
        let n_orphans = self.annotations.resolved.orphans.len();
        let Some(overlay) = self.annotations.overlay.as_mut() else {
            return false;
        };
        match (overlay, action) {
            (_, Action::Cancel) => {
                self.annotations.overlay = None;
            }
            (Overlay::Orphans { cursor }, Action::Down) => cursor.step(1, n_orphans),
            (Overlay::Orphans { cursor }, Action::Up) => cursor.step(-1, n_orphans),
            (Overlay::Tag { text, .. }, Action::Input('\t')) => {
                if let Some(t) = tags
                    .iter()
                    .find(|t| t.starts_with(text.as_str()) && *t != text)
                {
                    text.clone_from(t);
                }
            }
            (Overlay::Note { text, .. } | Overlay::Tag { text, .. }, Action::Input(c)) => {
                text.push(c)
            }
            (Overlay::Note { text, .. } | Overlay::Tag { text, .. }, Action::Backspace) => {
                text.pop();
            }
            (Overlay::Note { claim, text, .. }, Action::Submit) => {
                let (claim, note) = (*claim, text.trim_end().to_owned());
                let r = self.edit(Edit::Note(self.target(claim), note), "note saved", false);
                self.finish_overlay(r);
            }
            (Overlay::Tag { claim, text, .. }, Action::Submit) => {
                let (claim, tag) = (*claim, text.trim().to_owned());
                if tag.is_empty() {
                    self.annotations.overlay = None;
                } else {
                    let r = self.edit(
                        Edit::Tag(self.target(claim), tag.clone()),
                        &format!("tag #{tag} added"),
                        false,
                    );
                    self.finish_overlay(r);
                }
            }
            _ => return false,
        }
        true
    }

    /// Closes the overlay after a save, or keeps it open with the error to retry.
    fn finish_overlay(&mut self, r: Result<(), String>) {
        match (r, self.annotations.overlay.as_mut()) {
            (Ok(()), _) => self.annotations.overlay = None,
            (Err(e), Some(Overlay::Note { error, .. } | Overlay::Tag { error, .. })) => {
                *error = Some(e)
            }
            (Err(_), _) => {}
        }
    }
}

#[cfg(test)]
#[path = "annotate_tests.rs"]
mod tests;
