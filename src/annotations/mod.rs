//! Annotations: the user's verdicts, notes, tags and links, kept in a durable journal.
//!
//! * [`model`]: what an annotation is, and the journal [`Event`] that changes one;
//! * [`journal`]: the append-only JSON Lines file (fsync, locking, torn lines);
//! * [`replay`]: events → current [`State`], last writer wins, whatever the line order;
//! * [`store`]: the [`Store`] the reader and the CLI edit through, with undo and redo;
//! * [`location`]: where a corpus's journal lives, and who annotates;
//! * [`anchor`] and [`mod@resolve`]: placing annotations on claims after the text changed, and
//!   laying user claims and links over the analysis;
//! * [`w3c`], [`export`], [`agreement`]: interchange formats, reports and inter-annotator κ.

pub mod agreement;
pub mod anchor;
pub mod export;
pub mod journal;
pub mod location;
pub mod model;
pub mod replay;
pub mod resolve;
pub mod store;
pub mod time;
pub mod w3c;

pub use journal::SaveError;
pub use model::{Annotation, Event, EventId, Op, Selector, Verdict};
pub use replay::State;
pub use resolve::{Orphan, Resolved, apply_to_analysis, orphans, resolve};
pub use store::{Edit, OpenError, Store, Target};
