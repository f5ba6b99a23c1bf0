//! Replaying journal events into the current [`State`].
//!
//! Each event carries its annotation's whole state after the change, so replay keeps, for each
//! annotation, the event with the greatest (timestamp, annotator, event id) key: last writer
//! wins. The result does not depend on the order of the lines, which is what lets two journals
//! be concatenated (git `merge=union`) or replayed after a concurrent append.

use super::model::{Annotation, Event, EventKey, Op};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The current annotations, indexed by id and by claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Per annotation: the winning event's key and the annotation (`None` once deleted).
    entries: BTreeMap<String, (EventKey, Option<Annotation>)>,
    /// Claim id → ids of its live annotations.
    by_claim: HashMap<String, BTreeSet<String>>,
    /// Ids of every event applied (a replayed duplicate changes nothing).
    seen: std::collections::HashSet<String>,
}

impl State {
    /// The state after all `events`, in any order.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> State {
        let mut s = State::default();
        for e in events {
            s.apply(e);
        }
        s
    }

    /// Applies one event; returns false when it was already applied or loses to a later one.
    pub fn apply(&mut self, e: &Event) -> bool {
        if !self.seen.insert(e.id.clone()) {
            return false;
        }
        let key = e.key();
        if let Some((old, _)) = self.entries.get(&e.annotation)
            && *old >= key
        {
            return false;
        }
        let new = match e.op {
            Op::Delete => None,
            Op::Create | Op::Update => e.data.clone().map(|mut a| {
                a.id = e.annotation.clone();
                a
            }),
        };
        if let Some(new) = &new {
            self.by_claim
                .entry(new.claim.clone())
                .or_default()
                .insert(new.id.clone());
        }
        let old = self.entries.insert(e.annotation.clone(), (key, new));
        if let Some((_, Some(old))) = old {
            let still = self.entries[&e.annotation]
                .1
                .as_ref()
                .is_some_and(|n| n.claim == old.claim);
            if !still && let Some(set) = self.by_claim.get_mut(&old.claim) {
                set.remove(&old.id);
                if set.is_empty() {
                    self.by_claim.remove(&old.claim);
                }
            }
        }
        true
    }

    /// True when the event with this id has been applied.
    pub fn has_event(&self, id: &str) -> bool {
        self.seen.contains(id)
    }

    /// A live annotation by id.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.entries.get(id).and_then(|(_, a)| a.as_ref())
    }

    /// The key of the last event applied to an annotation (live or deleted).
    pub fn last_key(&self, id: &str) -> Option<&EventKey> {
        self.entries.get(id).map(|(k, _)| k)
    }

    /// Every live annotation, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.entries.values().filter_map(|(_, a)| a.as_ref())
    }

    /// Number of live annotations.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True when there is no live annotation.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The live annotations made on claim `claim`, oldest change first.
    pub fn on_claim(&self, claim: &str) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self
            .by_claim
            .get(claim)
            .into_iter()
            .flatten()
            .filter_map(|id| self.get(id))
            .collect();
        v.sort_by(|a, b| (&a.updated, &a.id).cmp(&(&b.updated, &b.id)));
        v
    }

    /// Claim ids that have at least one live annotation.
    pub fn claims(&self) -> impl Iterator<Item = &str> {
        self.by_claim.keys().map(String::as_str)
    }

    /// The annotation of `annotator` on `claim` that changed last (the one the reader edits).
    pub fn latest_by(&self, claim: &str, annotator: &str) -> Option<&Annotation> {
        self.on_claim(claim)
            .into_iter()
            .rev()
            .find(|a| a.annotator == annotator)
    }

    /// Every tag in use, sorted, without duplicates (for completion).
    pub fn tags(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self.iter().flat_map(|a| &a.tags).collect();
        set.into_iter().cloned().collect()
    }

    /// Every annotator with a live annotation, sorted.
    pub fn annotators(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self.iter().map(|a| &a.annotator).collect();
        set.into_iter().cloned().collect()
    }
}
