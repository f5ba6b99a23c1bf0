//! Who asserts a claim: "selon la plainte", "affirme le New York Times", "a écrit Stone sur X",
//! "Les plaignants affirment que", "according to", "X said", and quoted speech.
//!
//! Three shapes are recognised on the sentence's words: a prefix cue and the phrase after it
//! ("selon …", "according to …"), a reporting verb after a comma or a closing quote followed by
//! its subject ("…», a écrit Stone"), and a subject before a reporting verb ("Meta a nié").
//! The source is canonicalised when it is an entity. A sentence that is mostly quotation and
//! names no speaker is attributed to the nearest speaker before it (see [`super::extract`]).
//! Quotation regions are computed once per article ([`quote_regions`]). All linear.

use super::cues::Cues;
use super::tokens::Token;
use crate::claims::{Attribution, Entity};
use crate::text::Span;
use compact_str::CompactString;

/// Longest source phrase, in words.
const MAX_SOURCE_WORDS: usize = 6;

/// Spans of the article's text inside quotation marks (« », “ ”, "…"). A quotation left open
/// ends at the next line break, so that a stray mark never covers the rest of the article.
pub fn quote_regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev = ' ';
    for (i, c) in text.chars().enumerate() {
        let spaced = prev.is_whitespace() || matches!(prev, '(' | '[' | '\'' | '’');
        match c {
            '«' => open = open.or(Some(i)),
            '»' => {
                if let Some(s) = open.take() {
                    out.push(Span::new(s, i + 1));
                }
            }
            '“' | '”' | '"' | '„' => match open {
                Some(s) if !spaced || c == '”' => {
                    out.push(Span::new(s, i + 1));
                    open = None;
                }
                None if spaced || c == '“' || c == '„' => open = Some(i),
                _ => {}
            },
            '\n' => {
                if let Some(s) = open.take() {
                    out.push(Span::new(s, i));
                }
            }
            _ => {}
        }
        prev = c;
    }
    if let Some(s) = open {
        out.push(Span::new(s, text.chars().count()));
    }
    out
}

/// Fraction of `span` covered by `regions` (sorted, disjoint). `from` is a cursor into the
/// regions that only moves forward, for a linear scan over an article's sentences.
pub fn quoted_fraction(span: Span, regions: &[Span], from: &mut usize) -> f32 {
    while *from < regions.len() && regions[*from].end <= span.start {
        *from += 1;
    }
    let mut covered = 0;
    let mut k = *from;
    while k < regions.len() && regions[k].start < span.end {
        let r = regions[k];
        covered += r.end.min(span.end).saturating_sub(r.start.max(span.start));
        k += 1;
    }
    if span.is_empty() {
        0.0
    } else {
        covered as f32 / span.len() as f32
    }
}

/// What an attribution search finds in one sentence.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The attribution, when the sentence names its source.
    pub attribution: Option<Attribution>,
    /// A reporting verb, as written, when there is one.
    pub verb: Option<String>,
    /// The source is a pronoun ("Il affirme"): the caller resolves it to the previous source.
    /// Holds the cue ("affirme").
    pub pronoun: Option<CompactString>,
}

fn span_of(tokens: &[Token], first: usize, last: usize, base: usize) -> Span {
    Span::new(tokens[first].start, tokens[last].end).shifted(base)
}

/// The source named by words `first..=last`: an entity's canonical name when the phrase starts
/// with one (after determiners), else the phrase as written.
fn source_text(
    sentence: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    entities: &[Entity],
    base: usize,
    cues: &Cues,
) -> CompactString {
    let mut f = first;
    while f < last && cues.stop.contains(&*tokens[f].folded) && !tokens[f].cap {
        f += 1;
    }
    let start = tokens[f].start + base;
    if let Some(e) = entities.iter().find(|e| e.span.start == start) {
        return e.canonical.clone();
    }
    if let Some(e) = entities
        .iter()
        .find(|e| e.span.start == tokens[first].start + base)
    {
        return e.canonical.clone();
    }
    let mut out = CompactString::default();
    for (k, word) in sentence[tokens[first].bytes.0..tokens[last].bytes.1]
        .split_whitespace()
        .enumerate()
    {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Words after `from` up to the end of the source phrase (punctuation, a stop word, the limit),
/// and whether the phrase ended cleanly (at punctuation, a stop word or the sentence end) rather
/// than at the limit.
fn phrase_after(tokens: &[Token], from: usize, cues: &Cues) -> Option<(usize, bool)> {
    let mut last = None;
    for (k, t) in tokens.iter().enumerate().skip(from) {
        let boundary = k > from && !t.gap.is_plain();
        if boundary || cues.source_stops.contains(&*t.folded) {
            return last.map(|l| (l, true));
        }
        if k - from >= MAX_SOURCE_WORDS {
            return last.map(|l| (l, false));
        }
        last = Some(k);
    }
    last.map(|l| (l, true))
}

const PRONOUNS: [&str; 8] = ["il", "elle", "ils", "elles", "he", "she", "they", "it"];

/// Finds the attribution of one sentence.
pub fn find(
    sentence: &str,
    tokens: &[Token],
    entities: &[Entity],
    base: usize,
    cues: &Cues,
) -> Found {
    let prefix = prefix_attribution(sentence, tokens, entities, base, cues);
    let mut found = verb_attribution(sentence, tokens, entities, base, cues);
    // The source named first in the sentence wins: "le New York Times a révélé …, selon des
    // documents" is the Times' claim.
    if let Some(p) = prefix {
        let earlier = found
            .attribution
            .as_ref()
            .is_none_or(|v| p.span.start < v.span.start);
        if earlier {
            found.attribution = Some(p);
            found.pronoun = None;
        }
    }
    found
}

/// "selon la plainte", "according to the complaint".
fn prefix_attribution(
    sentence: &str,
    tokens: &[Token],
    entities: &[Entity],
    base: usize,
    cues: &Cues,
) -> Option<Attribution> {
    let n = tokens.len();
    for i in 0..n {
        let Some(len) = cues.attribution_prefixes.match_at(tokens, i) else {
            continue;
        };
        let cue_last = i + len - 1;
        let cue = CompactString::new(&sentence[tokens[i].bytes.0..tokens[cue_last].bytes.1]);
        // "des révélations selon lesquelles": the source is the noun phrase before.
        if cue_last + 1 < n && cues.relatives.contains(&*tokens[cue_last + 1].folded) && i > 0 {
            let first = i.saturating_sub(2);
            let first = (first..i)
                .find(|&k| !cues.stop.contains(&*tokens[k].folded))
                .unwrap_or(i - 1);
            return Some(Attribution {
                source: source_text(sentence, tokens, first, i - 1, entities, base, cues),
                cue,
                span: span_of(tokens, first, cue_last + 1, base),
            });
        }
        if let Some((last, _)) = phrase_after(tokens, cue_last + 1, cues) {
            return Some(Attribution {
                source: source_text(sentence, tokens, cue_last + 1, last, entities, base, cues),
                cue,
                span: span_of(tokens, i, last, base),
            });
        }
    }
    None
}

/// A reporting verb with its subject, before ("Meta a nié") or after ("…, a écrit Stone").
fn verb_attribution(
    sentence: &str,
    tokens: &[Token],
    entities: &[Entity],
    base: usize,
    cues: &Cues,
) -> Found {
    let mut found = Found::default();
    let n = tokens.len();
    // 2 and 3: reporting verbs.
    for i in 0..n {
        if !cues.reporting_verbs.contains(&*tokens[i].folded) {
            continue;
        }
        found.verb = Some(tokens[i].text(sentence).to_string());
        // Auxiliaries and adverbs before the verb ("a écrit", "avait déjà révélé").
        let mut head = i;
        while head > 0
            && cues.auxiliaries.contains(&*tokens[head - 1].folded)
            && tokens[head].gap.is_plain()
        {
            head -= 1;
        }
        // A participle ("en affirmant que") has no subject of its own.
        if cues.is_participle(&tokens[i].folded) {
            continue;
        }
        let g = tokens[head].gap;
        if head > 0 && (g.comma || g.close_quote) {
            // "…», a écrit Stone sur X": the subject follows the verb and ends the clause.
            if let Some((last, true)) = phrase_after(tokens, i + 1, cues) {
                let cue = CompactString::new(&sentence[tokens[head].bytes.0..tokens[i].bytes.1]);
                found.attribution = Some(Attribution {
                    source: source_text(sentence, tokens, i + 1, last, entities, base, cues),
                    cue,
                    span: span_of(tokens, head, last, base),
                });
                return found;
            }
        }
        if let Some(first) = subject_before(tokens, head, entities, base)
            && (tokens[first].cap || cues.determiners.contains(&*tokens[first].folded))
        {
            let cue = CompactString::new(&sentence[tokens[head].bytes.0..tokens[i].bytes.1]);
            if first + 1 == head && PRONOUNS.contains(&tokens[first].folded.as_ref()) {
                found.pronoun = Some(cue);
                return found;
            }
            found.attribution = Some(Attribution {
                source: source_text(sentence, tokens, first, head - 1, entities, base, cues),
                cue,
                span: span_of(tokens, first, i, base),
            });
            return found;
        }
    }
    found
}

/// First word of the subject that ends right before word `head`: the whole clause before it
/// when short, else an entity ending right before it.
fn subject_before(
    tokens: &[Token],
    head: usize,
    entities: &[Entity],
    base: usize,
) -> Option<usize> {
    if head == 0 {
        return None;
    }
    let entity_before = || {
        let ent = entities
            .iter()
            .find(|e| e.span.end == tokens[head - 1].end + base)?;
        tokens.iter().position(|t| t.start + base == ent.span.start)
    };
    // "Le directeur de Meta, Andy Stone, a répondu": the apposition right before the verb is
    // the speaker when it is a person; otherwise the clause's first entity ("Meta, la société
    // mère de Facebook, a annoncé").
    if tokens[head].gap.comma {
        if let Some(k) = entity_before()
            && entities.iter().any(|e| {
                e.span.start == tokens[k].start + base
                    && e.kind == crate::claims::EntityKind::Person
            })
        {
            return Some(k);
        }
        let first = entities.first()?;
        return (first.span.start == tokens[0].start + base).then_some(0);
    }
    // The clause start: the sentence start or the last punctuation before the verb.
    let mut first = head - 1;
    while first > 0 && tokens[first].gap.is_plain() {
        first -= 1;
    }
    if head - first <= MAX_SOURCE_WORDS {
        return Some(first);
    }
    entity_before()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;
    use crate::corpus::Lang;

    fn source(s: &str, lang: Lang) -> Option<(String, String)> {
        let t = tokenize(s);
        let f = find(s, &t, &[], 0, Cues::for_lang(lang));
        f.attribution.map(|a| (a.source.into(), a.cue.into()))
    }

    #[test]
    fn french_shapes() {
        let fr = Lang::Fr;
        assert_eq!(
            source("Selon la plainte déposée hier, X a payé.", fr)
                .unwrap()
                .0,
            "la plainte"
        );
        assert_eq!(
            source("D’après les plaignants, il a payé.", fr).unwrap().0,
            "les plaignants"
        );
        let (src, cue) = source("« Faux », a écrit Stone sur X.", fr).unwrap();
        assert_eq!((src.as_str(), cue.as_str()), ("Stone", "a écrit"));
        assert_eq!(
            source("Le chiffre est faux, affirme le New York Times.", fr)
                .unwrap()
                .0,
            "le New York Times"
        );
        assert_eq!(
            source("Les plaignants affirment que Meta a payé.", fr)
                .unwrap()
                .0,
            "Les plaignants"
        );
        assert_eq!(
            source("Netflix a déclaré que tout va bien.", fr).unwrap().0,
            "Netflix"
        );
        assert!(source("Netflix a payé 40 millions.", fr).is_none());
        let s = "Il affirme également que Netflix avait accès.";
        assert!(
            find(s, &tokenize(s), &[], 0, Cues::for_lang(fr))
                .pronoun
                .is_some()
        );
    }

    #[test]
    fn english_shapes() {
        let en = Lang::En;
        assert_eq!(
            source("According to the complaint, Meta paid.", en)
                .unwrap()
                .0,
            "the complaint"
        );
        assert_eq!(
            source("The deal was common, Stone said.", en).unwrap().0,
            "Stone"
        );
        assert_eq!(
            source("Meta said that it shared nothing.", en).unwrap().0,
            "Meta"
        );
    }

    #[test]
    fn quotes_cover_and_stray_marks_stop_at_line_end() {
        let s = "Il dit « oui » puis “non” et \"peut-être\".\nUn « reste";
        let r = quote_regions(s);
        assert_eq!(r.len(), 4);
        let chars: Vec<char> = s.chars().collect();
        let q: String = chars[r[1].start..r[1].end].iter().collect();
        assert_eq!(q, "“non”");
        assert_eq!(r[3].end, s.chars().count());
        let mut from = 0;
        assert!(quoted_fraction(Span::new(r[0].start, r[0].end), &r, &mut from) > 0.99);
    }
}
