//! Char-offset spans and conversions between char and byte offsets.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of char offsets into an article's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `end` is clamped so that the span is never reversed.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no char.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// True when `offset` lies inside the span.
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when the two spans share at least one char.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span moved right by `delta` chars (used to turn sentence-relative spans into
    /// article offsets).
    pub fn shifted(&self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

/// Converts a byte offset in `s` (which must lie on a char boundary, or is rounded down to one)
/// to a char offset. Linear in `byte`.
pub fn byte_to_char(s: &str, byte: usize) -> usize {
    let mut byte = byte.min(s.len());
    while !s.is_char_boundary(byte) {
        byte -= 1;
    }
    s[..byte].chars().count()
}

/// Converts a char offset in `s` to a byte offset (clamped to `s.len()`). Linear in `ch`.
pub fn char_to_byte(s: &str, ch: usize) -> usize {
    s.char_indices().nth(ch).map_or(s.len(), |(b, _)| b)
}

/// The substring of `s` covered by the char span (clamped to the text).
pub fn slice_chars(s: &str, span: Span) -> &str {
    let start = char_to_byte(s, span.start);
    let len = char_to_byte(&s[start..], span.len());
    &s[start..start + len]
}

/// Constant-memory index for repeated char ↔ byte conversions over one long text.
///
/// Keeps the byte offset of every 64th char, so a conversion costs at most 64 steps while the
/// index itself costs one `usize` per 64 chars (a 33 MB archive needs about 4 MB of checkpoints).
#[derive(Debug, Clone)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
    chars: usize,
    bytes: usize,
}

const STRIDE: usize = 64;

impl CharIndex {
    /// Indexes `s`.
    pub fn new(s: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(s.len() / STRIDE + 1);
        let mut chars = 0;
        for (b, _) in s.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push(b);
            }
            chars += 1;
        }
        CharIndex {
            checkpoints,
            chars,
            bytes: s.len(),
        }
    }

    /// Number of chars in the indexed text.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Byte offset of char offset `ch` in `s` (the text this index was built from).
    pub fn byte(&self, s: &str, ch: usize) -> usize {
        if ch >= self.chars {
            return self.bytes;
        }
        let base = self.checkpoints[ch / STRIDE];
        base + char_to_byte(&s[base..], ch % STRIDE)
    }

    /// Char offset of byte offset `byte` in `s` (rounded down to a char boundary).
    pub fn char(&self, s: &str, byte: usize) -> usize {
        let byte = byte.min(self.bytes);
        let slot = match self.checkpoints.binary_search(&byte) {
            Ok(i) => return i * STRIDE,
            Err(0) => return 0,
            Err(i) => i - 1,
        };
        let base = self.checkpoints[slot];
        slot * STRIDE + byte_to_char(&s[base..], byte - base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_agree_on_multibyte_text() {
        let s = "Société « 150\u{a0}000 » — 日本 😀 fin".repeat(10);
        let idx = CharIndex::new(&s);
        for (ci, (b, _)) in s.char_indices().enumerate() {
            assert_eq!(idx.byte(&s, ci), b);
            assert_eq!(idx.char(&s, b), ci);
            assert_eq!(byte_to_char(&s, b), ci);
            assert_eq!(char_to_byte(&s, ci), b);
        }
        assert_eq!(idx.byte(&s, idx.chars()), s.len());
        assert_eq!(slice_chars("abcdé", Span::new(3, 5)), "dé");
        assert_eq!(slice_chars("abc", Span::new(2, 50)), "c");
    }
}
