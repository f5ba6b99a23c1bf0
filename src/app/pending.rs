//! The reader before its analysis is ready: the articles are loaded and shown at once, while
//! claims and facts are extracted and aligned in a background thread (see [`crate::tui`]).
//!
//! Until [`Action::AnalysisReady`] arrives, [`App::analysing`] holds the last
//! [`Action::Progress`] snapshot (drawn as a progress bar), the analysis has the articles but no
//! sentences, claims or facts, and the keys that need claims say "analysis in progress" in the
//! status line. When the analysis arrives it replaces the placeholder wholesale; the article
//! list selection, the open article and the reading position are kept (the position through
//! its char anchor, as the text may wrap differently once furniture is known).

use super::{Action, App, AppOptions, Pane};
use crate::annotations::Store;
use crate::corpus::Corpus;
use crate::pipeline::Analysis;
use crate::progress::{Phase, Snapshot};
use std::sync::{Arc, Mutex};

/// What the status line says when a key needs the analysis that is still running.
pub const IN_PROGRESS: &str = "analysis in progress: claims and facts are not ready yet";

/// A finished background analysis.
#[derive(Debug)]
pub struct Analysed {
    /// Claims and facts of the corpus.
    pub analysis: Analysis,
    /// The annotation journal opened for it (an error leaves the reader without annotations);
    /// `None` keeps whatever journal the reader has.
    pub store: Option<Result<Store, String>>,
}

/// An [`Analysed`] handed over by [`Action::AnalysisReady`]. Actions are cloneable and
/// comparable; the analysis inside is taken by the first update that sees it, and two
/// deliveries are equal only when they are the same one.
#[derive(Clone)]
pub struct Delivery(Arc<Mutex<Option<Analysed>>>);

impl Delivery {
    /// Wraps a finished analysis.
    pub fn new(done: Analysed) -> Delivery {
        Delivery(Arc::new(Mutex::new(Some(done))))
    }

    /// The analysis, once (later calls get `None`).
    pub fn take(&self) -> Option<Analysed> {
        self.0.lock().map_or(None, |mut d| d.take())
    }
}

impl PartialEq for Delivery {
    fn eq(&self, other: &Delivery) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Delivery {}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Delivery(..)")
    }
}

impl App {
    /// A reader on `corpus` whose analysis is still to come: articles listed and the first one
    /// open, claims panel showing progress.
    pub fn pending(corpus: Corpus, options: AppOptions) -> App {
        let n = corpus.articles.len();
        let analysis = Analysis {
            corpus,
            sentences: vec![Vec::new(); n],
            claims_by_article: vec![0..0; n],
            ..Analysis::default()
        };
        let mut app = App::new(analysis, options);
        app.analysing = Some(Snapshot {
            phase: Phase::Load,
            articles_total: n,
            articles_done: 0,
            claims: 0,
        });
        app
    }

    /// The loop-only actions of the background analysis; `None` for any other action.
    pub(super) fn update_analysis(&mut self, action: &Action) -> Option<bool> {
        match action {
            Action::Progress(s) => Some(match self.analysing {
                Some(now) if now != *s => {
                    self.analysing = Some(*s);
                    true
                }
                _ => false,
            }),
            Action::AnalysisReady(d) => Some(d.take().is_some_and(|done| {
                self.analysis_ready(done);
                true
            })),
            _ => None,
        }
    }

    /// While the analysis runs: answers the keys that need it. Returns `Some(changed)` when
    /// the action was answered here.
    pub(super) fn refuse_while_analysing(&mut self, action: &Action) -> Option<bool> {
        self.analysing?;
        let needs = action.needs_analysis()
            || (matches!(action, Action::Open | Action::Search) && self.focus == Pane::Claims)
            || (*action == Action::Open && self.focus == Pane::Reader);
        needs.then(|| {
            self.message = Some(IN_PROGRESS.to_owned());
            true
        })
    }

    fn analysis_ready(&mut self, done: Analysed) {
        self.analysis = done.analysis;
        self.analysing = None;
        // Wraps depend on the furniture found by segmentation: wrap again, and find the top
        // row again from its char anchor.
        *self.wraps.borrow_mut() = super::wrap::WrapCache::default();
        self.pos.width = 0;
        self.pos = self.pos_now();
        let n = self.analysis.corpus.articles.len();
        self.list.set(self.list.sel, n);
        if let Some(store) = done.store {
            self.attach_store(store);
        }
        let claims = self
            .open
            .map_or(0, |a| self.analysis.article_claims(a).len());
        self.claims.set(self.claims.sel, claims);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixture;

    fn pending_at(w: u16, h: u16) -> (App, Analysis) {
        let ready = fixture::analysis();
        let mut app = App::pending(ready.corpus.clone(), AppOptions::default());
        app.update(Action::Resize(w, h));
        (app, ready)
    }

    fn deliver(app: &mut App, analysis: Analysis) -> bool {
        let d = Delivery::new(Analysed {
            analysis,
            store: None,
        });
        app.update(Action::AnalysisReady(d))
    }

    #[test]
    fn keys_needing_claims_say_the_analysis_is_running() {
        let (mut app, _) = pending_at(120, 40);
        for a in [
            Action::NextFact,
            Action::FactList,
            Action::FactView,
            Action::VerdictTrue,
        ] {
            assert!(app.update(a.clone()), "{a:?}");
            assert_eq!(app.message.as_deref(), Some(IN_PROGRESS), "{a:?}");
            assert!(app.popup.is_none() && app.annotations.overlay.is_none());
        }
        app.focus = Pane::Claims;
        app.update(Action::Open);
        assert_eq!(app.message.as_deref(), Some(IN_PROGRESS));
        assert!(app.popup.is_none());
        // Moving around the articles works meanwhile.
        app.focus = Pane::List;
        assert!(app.update(Action::Down));
        assert_eq!(app.list.sel, 1);
        assert!(app.message.is_none());
    }

    #[test]
    fn progress_redraws_only_when_it_changed_and_keeps_the_message() {
        let (mut app, _) = pending_at(120, 40);
        app.update(Action::FactList);
        let s = Snapshot {
            phase: Phase::Extract,
            articles_total: 3,
            articles_done: 1,
            claims: 4,
        };
        assert!(app.update(Action::Progress(s)));
        assert!(!app.update(Action::Progress(s)));
        assert_eq!(app.analysing, Some(s));
        assert_eq!(app.message.as_deref(), Some(IN_PROGRESS));
    }

    #[test]
    fn the_analysis_fills_in_and_keeps_the_selection_and_scroll() {
        let (mut app, ready) = pending_at(120, 40);
        app.update(Action::Down);
        app.update(Action::Open);
        app.update(Action::Down);
        app.update(Action::Down);
        let (open, list, anchor) = (app.open, app.list.sel, app.pos.anchor);
        assert!(app.selection().is_none());
        let d = Delivery::new(Analysed {
            analysis: ready,
            store: None,
        });
        assert!(app.update(Action::AnalysisReady(d.clone())));
        assert!(app.analysing.is_none());
        assert_eq!(
            (app.open, app.list.sel, app.pos.anchor),
            (open, list, anchor)
        );
        assert!(
            app.selection().is_some(),
            "the open article's claims arrived"
        );
        // A delivery is applied once.
        assert!(!app.update(Action::AnalysisReady(d)));
        // Claim keys work now.
        app.update(Action::FactList);
        assert!(app.popup.is_some());
        assert_ne!(app.message.as_deref(), Some(IN_PROGRESS));
    }

    #[test]
    fn a_selection_past_the_new_claims_is_clamped() {
        let (mut app, mut ready) = pending_at(120, 40);
        app.claims.sel = 99;
        ready.claims.clear();
        ready.claims_by_article = vec![0..0; ready.corpus.articles.len()];
        ready.facts = Default::default();
        assert!(deliver(&mut app, ready));
        assert_eq!(app.claims.sel, 0);
        assert!(app.selection().is_none());
    }
}
