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
use foldhash::fast::FixedState;
use hashbrown::HashTable;
use serde::{Deserialize, Deserializer};
use std::cell::RefCell;
use std::hash::{BuildHasher, Hasher};
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
        shared(&mut self.reasons, text)
    }
}

/// The reason of text `text` held in `texts`, added to it if new.
fn shared(texts: &mut HashSet<Reason>, text: String) -> Reason {
    if let Some(r) = texts.get(text.as_str()) {
        return r.clone();
    }
    let r: Reason = Arc::from(text);
    texts.insert(r.clone());
    r
}

/// Hands out the aligner's shared reasons and lists of reasons while it explains links. Safe
/// to use from several threads.
///
/// Explaining a link once wrote every reason's text, then hashed and compared it to find the
/// shared one, then hashed the texts again to find the shared list: explaining took 11% of
/// the CPU time of a whole run at 100,000 articles, 9% since. A reason is instead looked up by what it is made of, an anchor and
/// the two claims' surfaces for it (borrowed from the aligner's index for as long as the
/// interner lives), and written only the first time; a list is looked up by which shared
/// reasons it holds, in order, so hashing and comparing one reads pointers only. Every
/// distinct text is one allocation, whatever led to it, so that equal lists are always the
/// same pointers.
///
/// Each table is spread over [`SHARDS`] behind its own lock: both cores explain links at once
/// while the facts are built, and with one lock they spent their time waking each other.
pub struct Interner<'w> {
    /// The reason of each `(anchor, surface in a, surface in b)` seen so far, by hash.
    words: Box<[Mutex<Worded<'w>>]>,
    /// Every distinct text: asked only when a new way of wording an anchor is met.
    texts: Mutex<HashSet<Reason>>,
    /// Every distinct list, by a hash of its reasons' addresses.
    lists: Box<[Mutex<HashTable<Reasons>>]>,
}

/// An anchor as two claims word it: what a reason's text is made of.
type Word<'w> = (u32, &'w str, &'w str);

/// The reasons of the wordings of one shard, by the wordings' hash.
type Worded<'w> = HashTable<(Word<'w>, Reason)>;

/// Shards of each of an [`Interner`]'s tables.
const SHARDS: usize = 16;

impl Default for Interner<'_> {
    fn default() -> Self {
        Interner {
            words: (0..SHARDS).map(|_| Mutex::default()).collect(),
            texts: Mutex::default(),
            lists: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }
}

/// A lock's data, even if a thread panicked holding it: the tables only ever grow by whole
/// entries, so what a panicking thread left is still consistent.
fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'w> Interner<'w> {
    /// The shared reason for anchor `id` worded `sa` and `sb` by two claims, written by
    /// `text` the first time this wording is met. `text` must give equal texts for equal
    /// arguments.
    pub fn word(&self, id: u32, sa: &'w str, sb: &'w str, text: impl FnOnce() -> String) -> Reason {
        let key = (id, sa, sb);
        let hash = FixedState::default().hash_one(key);
        let shard = &self.words[shard_of(hash)];
        if let Some((_, r)) = locked(shard).find(hash, |e| e.0 == key) {
            return r.clone();
        }
        // Written and made shared outside the shard's lock; another thread meeting the same
        // wording meanwhile finds the same text, so both keep one allocation.
        let reason = self.text(text());
        let mut words = locked(shard);
        match words.find(hash, |e| e.0 == key) {
            Some((_, r)) => r.clone(),
            None => {
                let rehash = |e: &(Word<'w>, Reason)| FixedState::default().hash_one(e.0);
                words.insert_unique(hash, (key, reason.clone()), rehash);
                reason
            }
        }
    }

    /// The one shared reason of text `text`.
    fn text(&self, text: String) -> Reason {
        shared(&mut locked(&self.texts), text)
    }

    /// The shared list of `reasons` (handed out by [`Interner::word`]), in order.
    pub fn list(&self, reasons: Vec<Reason>) -> Reasons {
        let hash = hash_addresses(&reasons);
        let mut shard = locked(&self.lists[shard_of(hash)]);
        let same = |l: &Reasons| {
            l.len() == reasons.len() && l.iter().zip(&reasons).all(|(x, y)| Arc::ptr_eq(x, y))
        };
        if let Some(l) = shard.find(hash, same) {
            return l.clone();
        }
        let l: Reasons = reasons.into();
        shard.insert_unique(hash, l.clone(), |l| hash_addresses(l));
        l
    }
}

/// The shard of an entry of hash `hash`: read from bits the tables themselves do not place
/// entries by (they use the lowest and the highest).
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize % SHARDS
}

/// A hash of which shared reasons a list holds, in order.
fn hash_addresses(reasons: &[Reason]) -> u64 {
    let state = FixedState::default();
    let mut h = state.build_hasher();
    for r in reasons {
        h.write_usize(Arc::as_ptr(r) as *const u8 as usize);
    }
    h.finish()
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
        let mut written = 0;
        let mut word = |id, sa, sb, text: &str| {
            i.word(id, sa, sb, || {
                written += 1;
                text.to_owned()
            })
        };
        let netflix = word(1, "Netflix", "Netflix", "entity: Netflix");
        let acces = word(2, "accès", "accès", "term: accès");
        // Another wording of the same anchor giving the same text: one allocation still.
        let netflix_again = word(1, "Netflix", "NETFLIX", "entity: Netflix");
        assert!(Arc::ptr_eq(&netflix, &netflix_again));
        // A wording met before is not written again.
        let acces_again = word(2, "accès", "accès", "unused");
        assert!(Arc::ptr_eq(&acces, &acces_again));
        assert_eq!(written, 3);
        let a = i.list(vec![netflix.clone(), acces.clone()]);
        let b = i.list(vec![netflix_again.clone()]);
        assert!(Arc::ptr_eq(&a[0], &b[0]));
        assert_eq!(&*a[1], "term: accès");
        let again = i.list(vec![netflix.clone(), acces_again]);
        assert!(Arc::ptr_eq(&a, &again), "an equal list is the same list");
        let swapped = i.list(vec![acces.clone(), netflix.clone()]);
        assert!(
            !Arc::ptr_eq(&a, &swapped) && swapped.len() == 2,
            "order is kept"
        );
        assert_eq!(&*swapped[0], "term: accès");
        assert!(Arc::ptr_eq(&i.list(Vec::new()), &i.list(Vec::new())));
    }

    #[test]
    fn many_threads_get_one_allocation_per_text() {
        let surfaces: Vec<String> = (0..64).map(|k| format!("mot{}", k % 8)).collect();
        let i = Interner::default();
        let lists: Vec<Reasons> = std::thread::scope(|s| {
            // Spawned all before any is joined, so that they run at once.
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        (0..64)
                            .map(|k| {
                                let r = i.word(k as u32, &surfaces[k], &surfaces[k], || {
                                    format!("term: {}", surfaces[k])
                                });
                                i.list(vec![r])
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        // 64 wordings, 8 texts: every list of one text is the same list.
        for l in &lists {
            let first = lists.iter().find(|m| m[0] == l[0]).unwrap();
            assert!(Arc::ptr_eq(l, first), "{}", l[0]);
        }
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
