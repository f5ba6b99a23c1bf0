//! recoupe — cross-check news coverage claim by claim.
//!
//! The crate is a library with a thin binary on top. The pipeline reads top to bottom:
//!
//! * [`corpus`] loads a folder of articles (decoding, metadata, bad-input notices);
//! * [`text`] owns character offsets, folding, display sanitising and sentence segmentation;
//! * [`claims`] finds the check-worthy sentences and normalises what they state;
//! * [`facts`] links claims that state the same fact across articles;
//! * [`annotations`] keeps the user's verdicts, notes, tags and links in a durable journal.
//!
//! None of those modules touch the terminal. On top of them, [`app`] holds the reader's state and
//! changes it only through [`app::Action`]s, [`ui`] draws that state, and [`tui`] runs the terminal
//! loop. [`keys`] names every key binding in one place. [`cli`] implements the non-interactive
//! subcommands. [`analysis`] is the result of the whole pipeline as data.

// Module docs name the private steps they are made of, for readers of `src/` and of
// `cargo doc --document-private-items`; the public docs then show those names unlinked.
#![allow(rustdoc::private_intra_doc_links)]

pub mod analysis;
pub mod annotations;
pub mod app;
pub mod claims;
pub mod cli;
pub mod corpus;
pub mod facts;
pub mod keys;
pub mod pipeline;
pub mod progress;
pub mod text;
pub mod tui;
pub mod ui;
