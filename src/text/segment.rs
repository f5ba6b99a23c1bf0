//! Sentence segmentation for French and English news text.
//!
//! Owns the split of an article's body into [`Sentence`]s with char spans into the original
//! text, and the classification of each one as prose, heading or site furniture (see
//! [`super::furniture`]).

use super::Span;

/// What a segment of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// A sentence of the article's prose.
    Prose,
    /// A line without final punctuation standing alone (section heading, intertitle).
    Heading,
    /// Site furniture: not part of the article (breadcrumbs, share prompts, forms…).
    Furniture(super::furniture::FurnitureKind),
}

/// One sentence (or heading, or furniture line) of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// Char span in the article text (trimmed of surrounding whitespace).
    pub span: Span,
    /// What it is.
    pub kind: SentenceKind,
    /// Index of the paragraph it belongs to (0-based, in reading order).
    pub paragraph: usize,
}

/// Splits `text[body]` into sentences. `headlines` are spans the loader recognised as repeated
/// headlines: they come out as [`super::furniture::FurnitureKind::RepeatedHeadline`].
pub fn segment(text: &str, body: Span, headlines: &[Span]) -> Vec<Sentence> {
    // Interim: one segment per non-empty line (replaced by the real segmenter).
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut paragraph = 0;
    for line in text.split_inclusive('\n') {
        let n = line.chars().count();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count();
            let span = Span::new(start + lead, start + lead + trimmed.chars().count());
            if span.start >= body.start {
                let kind = if headlines.iter().any(|h| h.overlaps(&span)) {
                    SentenceKind::Furniture(super::furniture::FurnitureKind::RepeatedHeadline)
                } else {
                    SentenceKind::Prose
                };
                out.push(Sentence {
                    span,
                    kind,
                    paragraph,
                });
            }
            paragraph += 1;
        }
        start += n;
    }
    out
}
