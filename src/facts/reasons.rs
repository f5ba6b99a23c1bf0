//! The reasons a link gives ("entity: Netflix", "paraphrase: descellés ≈ publiés"), shared.
//!
//! At archive scale the facts keep millions of reasons drawn from a few tens of thousands of
//! distinct strings (10,000 generated articles: 3.3 M reasons, 20,700 distinct, 20 bytes on
//! average). One `String` each was the largest single user of the aligner's memory, so a
//! reason is an [`Arc<str>`] and equal reasons share one allocation: an [`Interner`] hands
//! them out while the facts are built, and [`deserialize`] does the same while the facts are
//! read back from the cache.

use foldhash::HashSet;
use serde::{Deserialize, Deserializer};
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

/// One reason of a link, shared between all the links that give it.
pub type Reason = Arc<str>;

/// Hands out one shared [`Reason`] per distinct text. Safe to use from several threads.
#[derive(Default)]
pub struct Interner {
    seen: Mutex<HashSet<Reason>>,
}

impl Interner {
    /// The shared reasons for `texts`, in order (one lock for the whole list: a link's
    /// reasons are interned together).
    pub fn intern_all(&self, texts: Vec<String>) -> Vec<Reason> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        shared(texts, |t| intern(&mut seen, t))
    }
}

/// `texts` turned into reasons by `f`, in a list of exactly their number: collecting into a
/// new `Vec` would reuse the strings' larger buffer in place and keep its spare capacity.
fn shared(texts: Vec<String>, f: impl FnMut(String) -> Reason) -> Vec<Reason> {
    let mut out = Vec::with_capacity(texts.len());
    out.extend(texts.into_iter().map(f));
    out
}

fn intern(seen: &mut HashSet<Reason>, text: String) -> Reason {
    if let Some(r) = seen.get(text.as_str()) {
        return r.clone();
    }
    let r: Reason = Arc::from(text);
    seen.insert(r.clone());
    r
}

thread_local! {
    /// The interner of the [`sharing`] call running on this thread, if any.
    static READING: RefCell<Option<HashSet<Reason>>> = const { RefCell::new(None) };
}

/// Runs `read` (a deserialization of facts) so that the reasons it reads through
/// [`deserialize`] share their allocations; outside such a call each reason read gets its own.
/// The table lives only for the call: nothing is kept alive once the facts are dropped.
pub fn sharing<T>(read: impl FnOnce() -> T) -> T {
    struct Reset(Option<HashSet<Reason>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            READING.with(|r| *r.borrow_mut() = self.0.take());
        }
    }
    let previous = READING.with(|r| r.borrow_mut().replace(HashSet::default()));
    let _reset = Reset(previous);
    read()
}

/// Deserializes a list of reasons, sharing equal ones inside a [`sharing`] call.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Reason>, D::Error> {
    let texts = Vec::<String>::deserialize(d)?;
    Ok(READING.with(|r| match r.borrow_mut().as_mut() {
        Some(seen) => shared(texts, |t| intern(seen, t)),
        None => shared(texts, Reason::from),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Two {
        #[serde(deserialize_with = "deserialize")]
        x: Vec<Reason>,
        #[serde(deserialize_with = "deserialize")]
        y: Vec<Reason>,
    }

    const JSON: &str = r#"{"x": ["entity: Netflix", "term: accès"], "y": ["entity: Netflix"]}"#;

    #[test]
    fn equal_reasons_share_one_allocation() {
        let i = Interner::default();
        let a = i.intern_all(vec!["entity: Netflix".into(), "term: accès".into()]);
        let b = i.intern_all(vec!["entity: Netflix".into()]);
        assert!(Arc::ptr_eq(&a[0], &b[0]));
        assert_eq!(&*a[1], "term: accès");
    }

    #[test]
    fn reading_shares_only_inside_sharing() {
        let shared: Two = sharing(|| serde_json::from_str(JSON).unwrap());
        assert!(Arc::ptr_eq(&shared.x[0], &shared.y[0]));
        let alone: Two = serde_json::from_str(JSON).unwrap();
        assert_eq!(alone.x[0], alone.y[0]);
        assert!(!Arc::ptr_eq(&alone.x[0], &alone.y[0]));
        // The table is gone with the call.
        assert!(READING.with(|r| r.borrow().is_none()));
    }
}
