//! What an article says about itself: front matter, a leading date token, its title, its
//! language, and the headlines a scraper pasted into the body more than once.

use super::lang::{Lang, guess_lang};
use crate::text::Span;
use crate::text::fold::fold;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day 1–31, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
        let s = s.split(['T', ' ']).next()?;
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Everything [`parse`] learns from an article's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Title shown in the list and the reader header.
    pub title: String,
    /// Where in the text the title was taken from.
    pub title_span: Option<Span>,
    /// Publication date from front matter or a leading `date YYYY-MM[-DD]` token.
    pub date: Option<PartialDate>,
    /// Outlet, from front matter or a "Source : X" line.
    pub source: Option<String>,
    /// Original address, from front matter.
    pub url: Option<String>,
    /// Span of the body: the text after front matter and date token.
    pub body: Span,
    /// Lines of the body that repeat the title (shown once, as the reader header).
    pub repeated_headlines: Vec<Span>,
    /// Guessed language.
    pub lang: Lang,
}

/// One line of the text with its char span (without the line break).
struct Line<'a> {
    text: &'a str,
    span: Span,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let n = raw.chars().count();
        let body = raw.trim_end_matches(['\n', '\r']);
        out.push(Line {
            text: body,
            span: Span::new(start, start + body.chars().count()),
        });
        start += n;
    }
    out
}

/// Longest title kept whole; longer first lines are cut at their first sentence.
const MAX_TITLE_CHARS: usize = 140;

/// Reads an article's metadata from its decoded text.
pub fn parse(text: &str) -> Meta {
    let lines = lines(text);
    let mut meta = Meta {
        body: Span::new(0, text.chars().count()),
        ..Meta::default()
    };
    let mut first_body_line = 0;

    // Markdown front matter: a first line of `---`, `key: value` lines, a closing `---`.
    if lines.first().is_some_and(|l| l.text.trim_end() == "---")
        && let Some(close) = lines
            .iter()
            .skip(1)
            .position(|l| l.text.trim_end() == "---")
    {
        for line in &lines[1..=close] {
            if let Some((key, value)) = line.text.split_once(':') {
                let value = value.trim().trim_matches('"').to_owned();
                match key.trim().to_ascii_lowercase().as_str() {
                    "title" if !value.is_empty() => meta.title = value,
                    "date" => meta.date = PartialDate::parse(&value),
                    "source" if !value.is_empty() => meta.source = Some(value),
                    "url" if !value.is_empty() => meta.url = Some(value),
                    _ => {}
                }
            }
        }
        first_body_line = close + 2;
        let start = lines
            .get(first_body_line)
            .map_or(meta.body.end, |l| l.span.start);
        meta.body = Span::new(start, meta.body.end);
    } else if let Some((date, consumed)) = leading_date_token(text) {
        // A scraper's `date 2024-04` prefix: metadata, not the first word of the article.
        meta.date = Some(date);
        meta.body = Span::new(consumed, meta.body.end);
    }

    // Title: front matter, else the first non-empty body line (a breadcrumb's last segment).
    let mut title_line = None;
    for (i, line) in lines.iter().enumerate().skip(first_body_line) {
        let start = line.span.start.max(meta.body.start);
        let skip = start - line.span.start;
        let rest: &str = {
            let b = crate::text::char_to_byte(line.text, skip);
            &line.text[b..]
        };
        let trimmed = rest.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = rest.chars().take_while(|c| c.is_whitespace()).count();
        let span = Span::new(start + lead, start + lead + trimmed.chars().count());
        title_line = Some(i);
        if meta.title.is_empty() {
            let (title, span) = title_from_line(trimmed, span);
            meta.title = title;
            meta.title_span = Some(span);
        }
        break;
    }
    if meta.title.is_empty() {
        meta.title = "(untitled)".to_owned();
    }

    // Repeated headlines: short lines without final punctuation that restate the title.
    let title_words = headline_words(&meta.title);
    if !title_words.is_empty() {
        for (i, line) in lines.iter().enumerate().skip(first_body_line) {
            let trimmed = line.text.trim();
            if !is_heading_like(trimmed) {
                continue;
            }
            if Some(i) == title_line
                && meta
                    .title_span
                    .is_some_and(|s| s.len() < trimmed.chars().count())
            {
                // The title is a breadcrumb's last segment: the breadcrumb itself stays.
                continue;
            }
            if same_headline(&title_words, &headline_words(trimmed)) {
                let lead = line.text.chars().take_while(|c| c.is_whitespace()).count();
                let s = line.span.start + lead;
                meta.repeated_headlines
                    .push(Span::new(s, s + trimmed.chars().count()));
            }
        }
    }

    if meta.source.is_none() {
        meta.source = lines.iter().rev().take(8).find_map(|l| source_line(l.text));
    }
    meta.lang = guess_lang(text);
    meta
}

/// `date 2024-04` (or `date: 2024-04-02`) at the very start of the text, after whitespace.
/// Returns the date and the number of chars it and the following spaces take.
fn leading_date_token(text: &str) -> Option<(PartialDate, usize)> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let rest = trimmed
        .strip_prefix("date")
        .or_else(|| trimmed.strip_prefix("Date"))?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let after_ws = rest.trim_start_matches([' ', '\u{a0}', '\t']);
    if after_ws.len() == rest.len() && !rest.is_empty() && !rest.starts_with(':') {
        // "dates…" or "datedly": not a token.
        if !rest.starts_with(|c: char| c.is_whitespace()) {
            return None;
        }
    }
    let token_len = after_ws
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(after_ws.len());
    let date = PartialDate::parse(&after_ws[..token_len])?;
    let rest = &after_ws[token_len..];
    let rest_trimmed = rest.trim_start_matches([' ', '\u{a0}', '\t']);
    let consumed_bytes = text.len() - rest_trimmed.len();
    let _ = lead;
    Some((date, text[..consumed_bytes].chars().count()))
}

/// Title text and span from the first line: a breadcrumb gives its last segment, a long lead
/// paragraph gives its first sentence.
fn title_from_line(line: &str, span: Span) -> (String, Span) {
    if let Some(last) = breadcrumb_last_segment(line) {
        let offset = line[..line.len() - last.len()].chars().count();
        return (last.to_owned(), Span::new(span.start + offset, span.end));
    }
    if line.chars().count() > MAX_TITLE_CHARS
        && let Some(end) = first_sentence_end(line)
    {
        let title = &line[..end];
        return (
            title.to_owned(),
            Span::new(span.start, span.start + title.chars().count()),
        );
    }
    (line.to_owned(), span)
}

/// "Accueil / Rubrique / Titre" → "Titre" (also `>` and `›` separators).
pub fn breadcrumb_last_segment(line: &str) -> Option<&str> {
    for sep in [" / ", " > ", " › ", " » "] {
        let parts: Vec<&str> = line.split(sep).collect();
        if parts.len() >= 3
            && parts[..parts.len() - 1]
                .iter()
                .all(|p| p.chars().count() <= 40)
        {
            let last = parts[parts.len() - 1].trim();
            if !last.is_empty() {
                return Some(last);
            }
        }
    }
    None
}

/// Byte offset just past the first sentence-final punctuation followed by a space.
fn first_sentence_end(line: &str) -> Option<usize> {
    let mut prev_lower = false;
    let mut it = line.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, '.' | '!' | '?') && prev_lower && it.peek().is_some_and(|(_, n)| *n == ' ') {
            return Some(i + c.len_utf8());
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// A line that reads as a heading: not too long and not ending a sentence.
fn is_heading_like(line: &str) -> bool {
    let n = line.chars().count();
    (8..=200).contains(&n) && !line.ends_with(['.', '!', '?', '…', ':', ';', ',', '»', '"', '”'])
}

/// Content words of a headline, folded and cut to six chars so that inflections still match
/// ("enquêtent" / "enquête").
fn headline_words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.chars().take(6).collect())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Two headlines are the same when nearly all words of the shorter occur in the longer.
fn same_headline(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() * 2 < long.len() {
        return false;
    }
    let shared = short
        .iter()
        .filter(|w| long.binary_search(w).is_ok())
        .count();
    shared * 100 >= short.len() * 80
}

/// "Source : Le Monde" → "Le Monde".
fn source_line(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t
        .strip_prefix("Source")
        .or_else(|| t.strip_prefix("source"))?;
    let rest = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let value = rest.strip_prefix(':')?.trim();
    (!value.is_empty() && value.chars().count() <= 60).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice_chars;

    #[test]
    fn partial_dates() {
        assert_eq!(
            PartialDate::parse("2024-04").unwrap().to_string(),
            "2024-04"
        );
        assert_eq!(PartialDate::parse("2018-12-19").unwrap().day, Some(19));
        assert_eq!(PartialDate::parse("2018").unwrap().month, None);
        assert!(PartialDate::parse("2018-13").is_none());
        assert!(PartialDate::parse("soon").is_none());
    }

    #[test]
    fn leading_date_token_is_metadata() {
        let text = " date 2024-04 Dévoilés lors du procès, des documents.\n\nSuite.";
        let m = parse(text);
        assert_eq!(m.date.unwrap().to_string(), "2024-04");
        assert_eq!(slice_chars(text, m.body).chars().next(), Some('D'));
        assert!(m.title.starts_with("Dévoilés"));
        assert_eq!(slice_chars(text, m.title_span.unwrap()), m.title);
    }

    #[test]
    fn front_matter() {
        let text = "---\ntitle: \"Un titre\"\ndate: 2023-04-02\nsource: Le Monde\nurl: https://x.test/a\n---\nCorps.\n";
        let m = parse(text);
        assert_eq!(m.title, "Un titre");
        assert_eq!(m.date.unwrap().to_string(), "2023-04-02");
        assert_eq!(m.source.as_deref(), Some("Le Monde"));
        assert_eq!(m.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(slice_chars(text, m.body), "Corps.\n");
    }

    #[test]
    fn repeated_headlines_including_a_variant() {
        let text = "Facebook et Netflix enquêtent officiellement sur la façon dont ils ont profité des utilisateurs\n\nUn paragraphe.\n\nFacebook Netflix enquête officiellement sur la façon dont les utilisateurs ont profité\n\nAutre paragraphe.\n\nFacebook et Netflix enquêtent officiellement sur la façon dont ils ont profité des utilisateurs\n";
        let m = parse(text);
        assert_eq!(m.repeated_headlines.len(), 3, "{:?}", m.repeated_headlines);
        assert!(
            m.repeated_headlines
                .iter()
                .all(|s| slice_chars(text, *s).starts_with("Facebook"))
        );
    }

    #[test]
    fn breadcrumb_gives_title_and_stays() {
        let text = "Accueil / Données personnelles / Quand Facebook partageait les messages\n\nQuand Facebook partageait les messages\n\nTexte.";
        let m = parse(text);
        assert_eq!(m.title, "Quand Facebook partageait les messages");
        assert_eq!(m.repeated_headlines.len(), 1);
        assert!(m.repeated_headlines[0].start > 60);
    }

    #[test]
    fn source_line_and_language() {
        let m =
            parse("Le titre\n\nLe texte est dans la langue de la source.\n\nSource : Le Monde\n");
        assert_eq!(m.source.as_deref(), Some("Le Monde"));
        assert_eq!(m.lang, Lang::Fr);
        let m = parse("The title\n\nThe text is in the language of the source and it has words.\n");
        assert_eq!(m.lang, Lang::En);
    }
}
