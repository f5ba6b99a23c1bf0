//! The [`Store`]: the journal loaded and replayed, and the one way to change it ([`Store::apply`]),
//! with undo and redo written as new compensating events so the journal stays append-only.

use super::journal::{self, Journal, SaveError};
use super::model::{Annotation, Event, EventId, Op, Selector, Verdict, new_id, user_claim_id};
use super::replay::State;
use super::time;
use crate::claims::Claim;
use crate::corpus::Article;
use crate::text::Span;
use std::fmt;
use std::path::{Path, PathBuf};

/// The claim an edit is about, with what is needed to anchor a new annotation to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Claim id.
    pub claim: String,
    /// Article id.
    pub article: String,
    /// Where the claim sits in the article text.
    pub selector: Selector,
}

impl Target {
    /// Targets `claim` of `article`.
    pub fn claim(claim: &Claim, article: &Article) -> Target {
        Target::span(&claim.id, article, claim.span)
    }

    /// Targets the claim `id` covering `span` of `article`.
    pub fn span(id: &str, article: &Article, span: Span) -> Target {
        Target {
            claim: id.to_owned(),
            article: article.id.clone(),
            selector: Selector::new(&article.text, span),
        }
    }

    /// Targets a span the user marks as a claim (its id derives from article and span).
    pub fn user_claim(article: &Article, span: Span) -> Target {
        Target::span(&user_claim_id(article, span), article, span)
    }
}

/// A change the user asks for. Every edit but [`Edit::Create`] changes the annotator's own
/// latest annotation on the target claim, creating it when there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new annotation (what `recoupe annotate` appends).
    Create {
        /// The claim.
        target: Target,
        /// Verdict.
        verdict: Verdict,
        /// Note.
        note: String,
        /// Tags.
        tags: Vec<String>,
    },
    /// Sets (or clears, with [`Verdict::None`]) the verdict.
    Verdict(Target, Verdict),
    /// Replaces the note.
    Note(Target, String),
    /// Adds a tag.
    Tag(Target, String),
    /// Removes a tag.
    Untag(Target, String),
    /// Says the target claim states the same fact as the claim with this id.
    Link(Target, String),
    /// Sets whether the target claim is removed from its automatic facts.
    Unlink(Target, bool),
    /// Marks the target (made with [`Target::user_claim`]) as a claim.
    UserClaim(Target),
    /// Removes an annotation.
    Delete(String),
}

/// Why a journal could not be opened at all.
#[derive(Debug)]
pub struct OpenError {
    /// The journal.
    pub path: PathBuf,
    /// The I/O error.
    pub error: std::io::Error,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read annotations {}: {}",
            self.path.display(),
            self.error
        )
    }
}

impl std::error::Error for OpenError {}

/// A change to one annotation, applied to a copy of it.
type Change1 = Box<dyn Fn(&mut Annotation)>;

/// One change, remembered for undo: the annotation before and after.
#[derive(Debug, Clone)]
struct Change {
    id: String,
    before: Option<Annotation>,
    after: Option<Annotation>,
}

/// The annotations of one journal, for one annotator.
#[derive(Debug)]
pub struct Store {
    journal: Journal,
    annotator: String,
    state: State,
    notices: Vec<String>,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl Store {
    /// Loads the journal at `path` (a missing one is empty). It is opened for writing on the
    /// first edit, so a read-only journal can still be read; saving to it is then an error.
    pub fn open(path: &Path, annotator: &str) -> Result<Store, OpenError> {
        let mut s = Store {
            journal: Journal::closed(path),
            annotator: annotator.to_owned(),
            state: State::default(),
            notices: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
        };
        s.reload()?;
        Ok(s)
    }

    /// Reads the journal again, picking up what other instances appended.
    pub fn reload(&mut self) -> Result<(), OpenError> {
        let path = self.journal.path().to_owned();
        let loaded = journal::load(&path).map_err(|error| OpenError { path, error })?;
        self.state = State::replay(&loaded.events);
        self.notices = loaded.notices;
        Ok(())
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        self.journal.path()
    }

    /// Who edits.
    pub fn annotator(&self) -> &str {
        &self.annotator
    }

    /// The current annotations.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Lines skipped at the last load (torn or unreadable).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Id of the annotation this session's last edit (or redo) changed.
    pub fn last_change(&self) -> Option<&str> {
        self.undo.last().map(|c| c.id.as_str())
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies an edit; returns once its event is durable. On error nothing changes.
    pub fn apply(&mut self, edit: Edit) -> Result<EventId, SaveError> {
        let (id, before, after) = self.resolve(edit);
        let ev = self.write(&id, after.clone())?;
        self.undo.push(Change { id, before, after });
        self.redo.clear();
        Ok(ev)
    }

    /// Undoes this session's last edit with a compensating event. `Ok(None)`: nothing to undo.
    pub fn undo(&mut self) -> Result<Option<EventId>, SaveError> {
        let Some(c) = self.undo.pop() else {
            return Ok(None);
        };
        match self.write(&c.id, c.before.clone()) {
            Ok(ev) => {
                self.redo.push(c);
                Ok(Some(ev))
            }
            Err(e) => {
                self.undo.push(c);
                Err(e)
            }
        }
    }

    /// Redoes the last undone edit. `Ok(None)`: nothing to redo.
    pub fn redo(&mut self) -> Result<Option<EventId>, SaveError> {
        let Some(c) = self.redo.pop() else {
            return Ok(None);
        };
        match self.write(&c.id, c.after.clone()) {
            Ok(ev) => {
                self.undo.push(c);
                Ok(Some(ev))
            }
            Err(e) => {
                self.redo.push(c);
                Err(e)
            }
        }
    }

    /// Appends events from elsewhere (an import), skipping those already in the journal and
    /// those that would change nothing. Returns how many were appended.
    pub fn import(&mut self, events: &[Event]) -> Result<usize, SaveError> {
        self.reload().map_err(|e| SaveError {
            path: e.path.clone(),
            message: e.error.to_string(),
        })?;
        let mut n = 0;
        for ev in events {
            let unchanged = ev.data.is_some() && self.state.get(&ev.annotation) == ev.data.as_ref();
            if self.state.has_event(&ev.id) || unchanged {
                continue;
            }
            self.journal.append(ev)?;
            self.state.apply(ev);
            n += 1;
        }
        Ok(n)
    }

    /// The annotation id an edit changes, and that annotation before and after.
    fn resolve(&self, edit: Edit) -> (String, Option<Annotation>, Option<Annotation>) {
        let (target, change): (Target, Change1) = match edit {
            Edit::Delete(id) => {
                let before = self.state.get(&id).cloned();
                return (id, before, None);
            }
            Edit::Create {
                target,
                verdict,
                note,
                tags,
            } => {
                let mut a = self.fresh(&target);
                a.verdict = verdict;
                a.note = note;
                for t in tags {
                    add_unique(&mut a.tags, t);
                }
                return (a.id.clone(), None, Some(a));
            }
            Edit::Verdict(t, v) => (t, Box::new(move |a| a.verdict = v)),
            Edit::Note(t, n) => (t, Box::new(move |a| a.note.clone_from(&n))),
            Edit::Tag(t, tag) => (t, Box::new(move |a| add_unique(&mut a.tags, tag.clone()))),
            Edit::Untag(t, tag) => (t, Box::new(move |a| a.tags.retain(|x| *x != tag))),
            Edit::Link(t, other) => (
                t,
                Box::new(move |a| {
                    add_unique(&mut a.links, other.clone());
                    a.unlink = false;
                }),
            ),
            Edit::Unlink(t, on) => (
                t,
                Box::new(move |a| {
                    a.unlink = on;
                    if on {
                        a.links.clear();
                    }
                }),
            ),
            Edit::UserClaim(t) => (t, Box::new(|a| a.user_claim = true)),
        };
        let before = self
            .state
            .latest_by(&target.claim, &self.annotator)
            .cloned();
        let mut after = before.clone().unwrap_or_else(|| self.fresh(&target));
        change(&mut after);
        (after.id.clone(), before, Some(after))
    }

    fn fresh(&self, t: &Target) -> Annotation {
        Annotation {
            id: new_id("a"),
            claim: t.claim.clone(),
            article: t.article.clone(),
            verdict: Verdict::None,
            note: String::new(),
            tags: Vec::new(),
            links: Vec::new(),
            unlink: false,
            user_claim: false,
            annotator: self.annotator.clone(),
            created: String::new(),
            updated: String::new(),
            selector: t.selector.clone(),
        }
    }

    /// Writes the event setting annotation `id` to `snapshot` (deleting it when `None`).
    fn write(&mut self, id: &str, snapshot: Option<Annotation>) -> Result<EventId, SaveError> {
        // Strictly after the annotation's last event, so that this one wins even if the clock
        // went back or another change landed in the same millisecond.
        let mut at = time::now_millis();
        if let Some((last, _, _)) = self.state.last_key(id) {
            at = at.max(last + 1);
        }
        let stamp = time::format(at);
        let live = self.state.get(id).is_some();
        let data = snapshot.map(|mut a| {
            if a.created.is_empty() {
                a.created.clone_from(&stamp);
            }
            a.updated.clone_from(&stamp);
            a
        });
        let op = match (&data, live) {
            (None, _) => Op::Delete,
            (Some(_), false) => Op::Create,
            (Some(_), true) => Op::Update,
        };
        let ev = Event {
            id: new_id("e"),
            op,
            at: stamp,
            annotator: self.annotator.clone(),
            annotation: id.to_owned(),
            data,
        };
        self.journal.append(&ev)?;
        self.state.apply(&ev);
        Ok(ev.id)
    }
}

fn add_unique(v: &mut Vec<String>, s: String) {
    let s = s.trim().to_owned();
    if !s.is_empty() && !v.contains(&s) {
        v.push(s);
    }
}
