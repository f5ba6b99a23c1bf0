//! The annotation data model: what a user said about a claim ([`Annotation`]), where it sits in
//! the article ([`Selector`]), and the journal's unit of change ([`Event`]).
//!
//! An event carries the whole annotation as it stands after the change (a snapshot, not a
//! patch): replay then only has to keep, per annotation, the event that sorts last, which makes
//! the result independent of line order and lets git's `merge=union` merge two journals.

use super::time;
use crate::corpus::Article;
use crate::text::{Span, slice_chars};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// A fact-checker's verdict on a claim.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No verdict (yet, or cleared).
    #[default]
    None,
    /// The claim is true.
    True,
    /// The claim is false.
    False,
    /// True in the letter, misleading in context.
    Misleading,
    /// Cannot be checked with the available sources.
    Unverifiable,
}

impl Verdict {
    /// Every verdict, `None` first.
    pub const ALL: [Verdict; 5] = [
        Verdict::None,
        Verdict::True,
        Verdict::False,
        Verdict::Misleading,
        Verdict::Unverifiable,
    ];

    /// Lower-case name, as written in the journal and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::None => "none",
            Verdict::True => "true",
            Verdict::False => "false",
            Verdict::Misleading => "misleading",
            Verdict::Unverifiable => "unverifiable",
        }
    }

    /// Parses a name (case-insensitive); `None` when it is not a verdict.
    pub fn parse(s: &str) -> Option<Verdict> {
        let s = s.trim().to_ascii_lowercase();
        Verdict::ALL.into_iter().find(|v| v.name() == s)
    }

    /// Badge shown beside a claim: readable without colour, and distinct from the modality
    /// badges drawn next to it (✗ denied, ? question).
    pub fn badge(self) -> &'static str {
        match self {
            Verdict::None => "",
            Verdict::True => "✓",
            Verdict::False => "✘",
            Verdict::Misleading => "≈",
            Verdict::Unverifiable => "∅",
        }
    }

    /// ASCII badge for terminals without Unicode glyphs.
    pub fn ascii_badge(self) -> &'static str {
        match self {
            Verdict::None => "",
            Verdict::True => "T",
            Verdict::False => "F",
            Verdict::Misleading => "M",
            Verdict::Unverifiable => "U",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How many chars of context the quote selector keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// Where an annotation sits in its article: a position selector (char offsets) and a quote
/// selector (the exact text with some context), plus the hash of the text they were taken from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Selector {
    /// Hash of the article text when the annotation was made ([`text_hash`]).
    pub text_hash: String,
    /// First char (position selector).
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text covered, as written.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] chars before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after it.
    pub suffix: String,
}

impl Selector {
    /// The selector of `span` in `text`.
    pub fn new(text: &str, span: Span) -> Selector {
        let before = Span::new(span.start.saturating_sub(CONTEXT_CHARS), span.start);
        let after = Span::new(span.end, span.end + CONTEXT_CHARS);
        Selector {
            text_hash: text_hash(text),
            start: span.start,
            end: span.end,
            exact: slice_chars(text, span).to_owned(),
            prefix: slice_chars(text, before).to_owned(),
            suffix: slice_chars(text, after).to_owned(),
        }
    }

    /// The position selector as a span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Hash identifying an article text (16 hex digits of BLAKE3).
pub fn text_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_owned()
}

/// Id of the claim a user marks on `span` of `article`: like extracted claim ids
/// (`<article>#<hash>`) with a `u` so that the two never collide.
pub fn user_claim_id(article: &Article, span: Span) -> String {
    let text = slice_chars(&article.text, span);
    let h = blake3::hash(format!("{}:{}:{text}", span.start, span.end).as_bytes()).to_hex();
    format!("{}#u{}", article.id, &h[..8])
}

/// What a user said about one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable identifier (`a-` and 16 hex digits).
    pub id: String,
    /// Id of the claim annotated, when it was made.
    pub claim: String,
    /// Id of the claim's article.
    pub article: String,
    /// Verdict.
    #[serde(default)]
    pub verdict: Verdict,
    /// Free text (may span several lines).
    #[serde(default)]
    pub note: String,
    /// Tags, in the order added, without duplicates.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Claim ids the user says state the same fact as this one (overrides the aligner).
    #[serde(default)]
    pub links: Vec<String>,
    /// True when the user removed this claim from its automatic facts.
    #[serde(default)]
    pub unlink: bool,
    /// True when the user marked the selected span as a claim (kept across re-extraction).
    #[serde(default)]
    pub user_claim: bool,
    /// Who made it.
    pub annotator: String,
    /// When it was made (RFC 3339, UTC, milliseconds).
    pub created: String,
    /// When it last changed.
    pub updated: String,
    /// Where it sits in the article.
    pub selector: Selector,
}

/// What an event does to its annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// A new annotation.
    Create,
    /// A changed annotation.
    Update,
    /// The annotation is removed.
    Delete,
}

/// Identifier of a journal event (`e-` and 16 hex digits).
pub type EventId = String;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Event id (unique: replaying the same event twice changes nothing).
    pub id: EventId,
    /// What it does.
    pub op: Op,
    /// When (RFC 3339, UTC, milliseconds).
    pub at: String,
    /// Who.
    pub annotator: String,
    /// The annotation concerned.
    pub annotation: String,
    /// The annotation after the change; absent for a delete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Annotation>,
}

/// Replay order of events: last writer wins by (timestamp, annotator, event id).
pub type EventKey = (time::Millis, String, EventId);

impl Event {
    /// The key this event is ordered by in replay. An unreadable timestamp sorts first.
    pub fn key(&self) -> EventKey {
        (
            time::parse(&self.at).unwrap_or(i64::MIN),
            self.annotator.clone(),
            self.id.clone(),
        )
    }
}

/// A fresh identifier `<prefix>-<16 hex>`, unique across processes and threads (hash of the
/// process id, the clock in nanoseconds and a counter; no random-number crate needed).
pub fn new_id(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!(
        "{}:{nanos}:{n}:{:?}",
        std::process::id(),
        std::thread::current().id()
    );
    format!("{prefix}-{}", &blake3::hash(seed.as_bytes()).to_hex()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_parse_their_names() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.name()), Some(v));
        }
        assert_eq!(Verdict::parse(" FALSE "), Some(Verdict::False));
        assert_eq!(Verdict::parse("maybe"), None);
    }

    #[test]
    fn selector_keeps_quote_and_context() {
        let text = "Début. Elle a dit « oui » hier. Fin du texte.";
        let s = Selector::new(text, Span::new(7, 31));
        assert_eq!(s.exact, "Elle a dit « oui » hier.");
        assert_eq!(s.prefix, "Début. ");
        assert_eq!(s.suffix, " Fin du texte.");
        assert_eq!(s.text_hash, text_hash(text));
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<_> = (0..1000).map(|_| new_id("e")).collect();
        assert_eq!(ids.len(), 1000);
    }
}
