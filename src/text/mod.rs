//! Text primitives shared by the whole pipeline.
//!
//! Every offset the program stores or prints is a count of Unicode scalar values (`char`s) into
//! an article's decoded text, never a byte offset and never into an altered copy: claims and
//! annotations must keep pointing at the words the user sees in the original file. This module
//! owns the [`Span`] type, conversions between char and byte offsets, accent- and case-folding
//! for search and matching, the mapping that makes untrusted text safe to display, sentence
//! segmentation and the recognition of site furniture.

mod boundary;
pub mod display;
pub mod fold;
pub mod furniture;
mod lexicon;
pub mod segment;
mod span;

pub use segment::{Sentence, SentenceKind, segment};
pub use span::{CharIndex, Span, byte_to_char, char_to_byte, slice_chars};
