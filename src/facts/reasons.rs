//! The reasons a link gives ("entity: Netflix", "paraphrase: descellés ≈ publiés"), shared.
//!
//! At archive scale the facts keep millions of reasons drawn from a few tens of thousands of
//! distinct strings (10,000 generated articles: 3.3 M reasons, 20,700 distinct, 20 bytes on
//! average). One `String` each was the largest single user of the aligner's memory, so a
//! reason is an [`Arc<str>`] and equal reasons share one allocation. Whole lists repeat too:
//! the links inside one fact mostly share the same things (the claims of a fact restate one
//! another), so a link's list is a [`Reasons`], shared by every link giving the same reasons
//! in the same order. An [`Interner`] hands both out while the facts are built, and
//! [`deserialize`] does the same while the facts are read back from the cache.

use foldhash::HashSet;
use serde::{Deserialize, Deserializer};
use std::cell::RefCell;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

/// One reason of a link, shared between all the links that give it.
pub type Reason = Arc<str>;

/// A link's reasons, in order, shared between all the links that give the same list.
pub type Reasons = Arc<[Reason]>;

/// The reasons and lists of reasons handed out so far.
#[derive(Default)]
struct Seen {
    reasons: HashSet<Reason>,
    lists: HashSet<Reasons>,
}

impl Seen {
    /// The shared list of `texts`, in order. Equal reasons are one allocation, so comparing
    /// two lists compares pointers first (`Arc`'s equality does), and hashing one hashes
    /// short strings: cheap beside the explanation that produced them.
    fn list(&mut self, texts: Vec<String>) -> Reasons {
        let mut list = Vec::with_capacity(texts.len());
        list.extend(texts.into_iter().map(|t| self.reason(t)));
        if let Some(l) = self.lists.get(list.as_slice()) {
            return l.clone();
        }
        let l: Reasons = list.into();
        self.lists.insert(l.clone());
        l
    }

    fn reason(&mut self, text: String) -> Reason {
        if let Some(r) = self.reasons.get(text.as_str()) {
            return r.clone();
        }
        let r: Reason = Arc::from(text);
        self.reasons.insert(r.clone());
        r
    }
}

/// Hands out one shared [`Reasons`] per distinct list, and one shared [`Reason`] per distinct
/// text within the lists of a shard. Safe to use from several threads.
///
/// Lists are spread over [`SHARDS`] sets by a hash of their texts, each behind its own lock:
/// both cores explain links at once while the facts are built, and with one lock they spent
/// their time waking each other. Equal lists always go to the same shard, so each is still
/// held once; a text in lists of several shards is held once per shard (a few distinct texts).
pub struct Interner {
    shards: Box<[Mutex<Seen>]>,
}

/// Shards of an [`Interner`].
const SHARDS: usize = 16;

impl Default for Interner {
    fn default() -> Self {
        Interner {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }
}

impl Interner {
    /// The shared list of reasons for `texts`, in order (one lock for the whole list: a
    /// link's reasons are interned together).
    pub fn intern_all(&self, texts: Vec<String>) -> Reasons {
        let shard = foldhash::fast::FixedState::default().hash_one(&texts) as usize % SHARDS;
        let mut seen = self.shards[shard].lock().unwrap_or_else(|e| e.into_inner());
        seen.list(texts)
    }
}

thread_local! {
    /// The interner of the [`sharing`] call running on this thread, if any.
    static READING: RefCell<Option<Seen>> = const { RefCell::new(None) };
}

/// Runs `read` (a deserialization of facts) so that the reasons it reads through
/// [`deserialize`] share their allocations; outside such a call each reason read gets its own.
/// The table lives only for the call: nothing is kept alive once the facts are dropped.
pub fn sharing<T>(read: impl FnOnce() -> T) -> T {
    struct Reset(Option<Seen>);
    impl Drop for Reset {
        fn drop(&mut self) {
            READING.with(|r| *r.borrow_mut() = self.0.take());
        }
    }
    let previous = READING.with(|r| r.borrow_mut().replace(Seen::default()));
    let _reset = Reset(previous);
    read()
}

/// Deserializes a list of reasons, sharing equal reasons and equal lists inside a [`sharing`]
/// call.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Reasons, D::Error> {
    let texts = Vec::<String>::deserialize(d)?;
    Ok(READING.with(|r| match r.borrow_mut().as_mut() {
        Some(seen) => seen.list(texts),
        None => texts.into_iter().map(Reason::from).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Two {
        #[serde(deserialize_with = "deserialize")]
        x: Reasons,
        #[serde(deserialize_with = "deserialize")]
        y: Reasons,
        #[serde(deserialize_with = "deserialize")]
        z: Reasons,
    }

    const JSON: &str = r#"{"x": ["entity: Netflix", "term: accès"], "y": ["entity: Netflix"],
        "z": ["entity: Netflix", "term: accès"]}"#;

    #[test]
    fn equal_reasons_share_one_allocation() {
        let i = Interner::default();
        let a = i.intern_all(vec!["entity: Netflix".into(), "term: accès".into()]);
        let b = i.intern_all(vec!["entity: Netflix".into()]);
        assert!(Arc::ptr_eq(&a[0], &b[0]));
        assert_eq!(&*a[1], "term: accès");
        let again = i.intern_all(vec!["entity: Netflix".into(), "term: accès".into()]);
        assert!(Arc::ptr_eq(&a, &again), "an equal list is the same list");
        let swapped = i.intern_all(vec!["term: accès".into(), "entity: Netflix".into()]);
        assert!(
            !Arc::ptr_eq(&a, &swapped) && swapped.len() == 2,
            "order is kept"
        );
        assert_eq!(&*swapped[0], "term: accès");
    }

    #[test]
    fn reading_shares_only_inside_sharing() {
        let shared: Two = sharing(|| serde_json::from_str(JSON).unwrap());
        assert!(Arc::ptr_eq(&shared.x[0], &shared.y[0]));
        assert!(Arc::ptr_eq(&shared.x, &shared.z));
        let alone: Two = serde_json::from_str(JSON).unwrap();
        assert_eq!(alone.x[0], alone.y[0]);
        assert!(!Arc::ptr_eq(&alone.x[0], &alone.y[0]));
        assert!(alone.x == alone.z && !Arc::ptr_eq(&alone.x, &alone.z));
        // The table is gone with the call.
        assert!(READING.with(|r| r.borrow().is_none()));
    }
}
