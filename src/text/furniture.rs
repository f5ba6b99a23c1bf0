//! Site furniture: the parts of a scraped page that are not the article.
//!
//! Scrapers keep breadcrumbs, share and donation prompts, comment forms, antispam and cookie
//! notices, credit lines and CMS shortcodes. They must not become claims, so the segmenter
//! marks them. Recognition works on two levels: whole lines (`line_kind`: breadcrumbs,
//! shortcodes, "Source : X" credits, ornaments) and paragraphs (`classify_paragraph`: cue
//! phrases from `assets/segment/*.toml`, and a majority rule so that a donation paragraph made
//! of short asides to the reader is furniture as a whole).

use super::fold::fold;
use super::lexicon::{Cues, lexicon, words};
use super::segment::SentenceKind;
use std::ops::Range;

/// Kinds of site furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// "Accueil / Rubrique / Titre".
    Breadcrumb,
    /// A headline the scraper pasted into the body again.
    RepeatedHeadline,
    /// Share, donate, subscribe, comment prompts and forms.
    Prompt,
    /// Antispam, cookie and legal notices.
    Notice,
    /// "Source : X", "Connexe : …" and similar credit or related-link lines.
    Credit,
    /// CMS shortcodes like `[wpedon id=…]`.
    Shortcode,
    /// A line without a letter or digit: rules and ornaments ("* * *", "———").
    Decoration,
}

/// True when `kind` is site furniture rather than the article's own text.
pub fn is_furniture(kind: SentenceKind) -> bool {
    matches!(kind, SentenceKind::Furniture(_))
}

/// Longest line examined for line-level furniture: breadcrumbs and credits are short, and the
/// bound keeps the check cheap on huge lines.
const MAX_LINE: usize = 400;
/// Longest sentence examined for cue phrases.
const MAX_SENTENCE: usize = 240;
/// Longest aside (in words) that counts towards a furniture paragraph.
const MAX_ASIDE_WORDS: usize = 20;
/// Asides this short count whatever their words ("Cela mérite une explication.").
const TINY_ASIDE_WORDS: usize = 6;

/// Furniture kind of a whole line (trimmed), when the line as such is furniture.
pub(crate) fn line_kind(line: &[char]) -> Option<FurnitureKind> {
    if line.len() > MAX_LINE {
        return None;
    }
    if !line.iter().any(|c| c.is_alphanumeric()) {
        return Some(FurnitureKind::Decoration);
    }
    let s: String = line.iter().collect();
    if is_shortcode_line(&s) {
        return Some(FurnitureKind::Shortcode);
    }
    if is_breadcrumb(&s) {
        return Some(FurnitureKind::Breadcrumb);
    }
    if is_credit(&fold(&s), &lexicon().cues) {
        return Some(FurnitureKind::Credit);
    }
    None
}

/// A breadcrumb (see [`crate::corpus::meta::breadcrumb_last_segment`]), guarded against prose
/// that happens to contain separators: no sentence-final mark at the end, no opening guillemet
/// (" » " is a separator too) and a short first part.
fn is_breadcrumb(s: &str) -> bool {
    // Cheap filter first: most lines hold none of the separators.
    s.contains(['/', '>', '›', '»'])
        && crate::corpus::meta::breadcrumb_last_segment(s).is_some()
        && !s.contains('«')
        && !s.ends_with(['.', '!', '?', '…', ':'])
}

/// `[wpedon id=…]`, `[caption …]…[/caption]`, `[/embed]`: a line that is a CMS shortcode.
fn is_shortcode_line(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('[') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    name_len >= 2
        && rest[..name_len].starts_with(|c: char| c.is_ascii_lowercase())
        && rest[name_len..].starts_with([' ', ']', '\u{a0}'])
        && s.ends_with(']')
}

/// "Source : Le Monde", "Connexe : …", "Related: …", "Lire aussi …" (folded line).
fn is_credit(folded: &str, cues: &Cues) -> bool {
    let body = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    for label in &cues.credit_label {
        if let Some(rest) = body.strip_prefix(label.as_str()) {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix(':')
                && !value.trim().is_empty()
            {
                return true;
            }
        }
    }
    cues.scan(&words(body)).credit_lead
}

/// How a sentence reads to the furniture recogniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Starts like a prompt ("Partagez…", "Leave a comment"): furniture on its own.
    PromptStart,
    /// Contains a prompt or notice phrase: furniture when its paragraph mostly is.
    Phrase(FurnitureKind),
    /// A short aside to the reader ("Merci pour votre soutien"): counts towards a majority.
    Aside,
    /// Nothing furniture-like.
    None,
}

fn sentence_cue(sentence: &[char], cues: &Cues) -> Cue {
    if sentence.len() > MAX_SENTENCE {
        return Cue::None;
    }
    let folded = fold(&sentence.iter().collect::<String>());
    let words = words(&folded);
    let scan = cues.scan(&words);
    if scan.prompt_start {
        return Cue::PromptStart;
    }
    if scan.notice {
        return Cue::Phrase(FurnitureKind::Notice);
    }
    if scan.prompt {
        return Cue::Phrase(FurnitureKind::Prompt);
    }
    let addresses = scan.address;
    let rhetorical = folded.trim_end().ends_with(['?', '!']);
    if words.len() <= MAX_ASIDE_WORDS
        && (addresses || rhetorical || words.len() <= TINY_ASIDE_WORDS)
    {
        Cue::Aside
    } else {
        Cue::None
    }
}

/// Marks the furniture among one paragraph's sentences (`chars` indexed by the ranges).
///
/// A sentence that starts like a prompt is furniture on its own. Otherwise a paragraph with at
/// least one cue phrase becomes furniture as a whole when cue sentences and short asides to the
/// reader make up more than half of it; its kind is that of the most frequent cue.
pub(crate) fn classify_paragraph(chars: &[char], sentences: &mut [(Range<usize>, SentenceKind)]) {
    let cues = &lexicon().cues;
    let found: Vec<Cue> = sentences
        .iter()
        .map(|(r, _)| sentence_cue(&chars[r.clone()], cues))
        .collect();
    let (mut prompts, mut notices, mut asides) = (0usize, 0usize, 0usize);
    for cue in &found {
        match cue {
            Cue::PromptStart | Cue::Phrase(FurnitureKind::Prompt) => prompts += 1,
            Cue::Phrase(_) => notices += 1,
            Cue::Aside => asides += 1,
            Cue::None => {}
        }
    }
    let strong = prompts + notices;
    if strong > 0 && (strong + asides) * 2 > sentences.len() {
        let kind = if notices >= prompts {
            FurnitureKind::Notice
        } else {
            FurnitureKind::Prompt
        };
        for (_, k) in sentences.iter_mut() {
            *k = SentenceKind::Furniture(kind);
        }
        return;
    }
    for ((_, k), cue) in sentences.iter_mut().zip(found) {
        if cue == Cue::PromptStart {
            *k = SentenceKind::Furniture(FurnitureKind::Prompt);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn line_level_furniture() {
        let k = |s: &str| line_kind(&chars(s));
        assert_eq!(
            k("Accueil / Données personnelles / Quand Facebook partageait"),
            Some(FurnitureKind::Breadcrumb)
        );
        assert_eq!(k("Home › World › Europe"), Some(FurnitureKind::Breadcrumb));
        assert_eq!(
            k("[wpedon id=\u{a0}»26112″]"),
            Some(FurnitureKind::Shortcode)
        );
        assert_eq!(
            k("[caption id=\"a\" width=\"300\"] Une légende[/caption]"),
            Some(FurnitureKind::Shortcode)
        );
        assert_eq!(k("Source : Le Monde"), Some(FurnitureKind::Credit));
        assert_eq!(k("Source\u{a0}: AFP"), Some(FurnitureKind::Credit));
        assert_eq!(
            k("Connexe : Les projets de Meta"),
            Some(FurnitureKind::Credit)
        );
        assert_eq!(
            k("Related: Meta’s crypto plans"),
            Some(FurnitureKind::Credit)
        );
        assert_eq!(
            k("Lire aussi Les projets de Meta"),
            Some(FurnitureKind::Credit)
        );
        assert_eq!(k("* * *"), Some(FurnitureKind::Decoration));
        // Prose is not furniture, even with separators, brackets or the word "source".
        assert_eq!(k("« Oui » et « Non » ou « Peut-être » puis « Non »."), None);
        assert_eq!(k("[…] demandé la possibilité de le faire."), None);
        assert_eq!(k("[Mise à jour] Meta a répondu."), None);
        assert_eq!(k("Sources proches du dossier, selon Le Monde."), None);
        assert_eq!(k("Il a divisé 1 / 2 / 3 par deux."), None);
    }

    fn classify(sentences: &[&str]) -> Vec<SentenceKind> {
        let text = sentences.join(" ");
        let cs = chars(&text);
        let mut at = 0;
        let mut v: Vec<(Range<usize>, SentenceKind)> = sentences
            .iter()
            .map(|s| {
                let n = s.chars().count();
                let r = at..at + n;
                at += n + 1;
                (r, SentenceKind::Prose)
            })
            .collect();
        classify_paragraph(&cs, &mut v);
        v.into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn prompt_paragraph_by_majority() {
        let kinds = classify(&[
            "Vous avez aimé cette information?",
            "Partagez-la avec vos amis.",
            "Vous pouvez nous aider en faisant un don sécurisé à partir de 1 euro.",
            "Cela mérite une explication.",
            "Merci pour votre soutien.",
        ]);
        assert!(
            kinds
                .iter()
                .all(|&k| k == SentenceKind::Furniture(FurnitureKind::Prompt))
        );
        let kinds = classify(&[
            "This site uses Akismet to reduce spam.",
            "Learn how your comment data is processed.",
        ]);
        assert!(
            kinds
                .iter()
                .all(|&k| k == SentenceKind::Furniture(FurnitureKind::Notice))
        );
        assert_eq!(
            classify(&["Leave a comment"]),
            vec![SentenceKind::Furniture(FurnitureKind::Prompt)]
        );
    }

    #[test]
    fn english_prompts_and_notices() {
        let prompt = SentenceKind::Furniture(FurnitureKind::Prompt);
        let notice = SentenceKind::Furniture(FurnitureKind::Notice);
        for s in [
            "Share this:",
            "Subscribe to our newsletter",
            "Donate now",
            "Leave a Reply",
            "Your email address will not be published.",
        ] {
            assert_eq!(classify(&[s]), vec![prompt], "{s}");
        }
        assert_eq!(classify(&["This site uses cookies."]), vec![notice]);
        assert_eq!(
            classify(&[
                "Your email address will not be published.",
                "Required fields are marked *"
            ]),
            vec![prompt, prompt]
        );
        // "Share" alone is not a prompt: "Share prices fell" is news.
        assert_eq!(
            classify(&["Share prices fell sharply on Monday after the ruling."]),
            vec![SentenceKind::Prose]
        );
    }

    #[test]
    fn prose_with_a_cue_word_stays_prose() {
        let kinds = classify(&[
            "Selon la CNIL, le site utilise des cookies pour suivre les internautes sans leur accord depuis des années.",
            "L'enquête a duré deux ans et visait plusieurs grandes plateformes du numérique en Europe.",
            "Les amendes pourraient atteindre plusieurs millions d'euros selon les juristes consultés.",
        ]);
        assert!(kinds.iter().all(|&k| k == SentenceKind::Prose), "{kinds:?}");
        assert!(!is_furniture(SentenceKind::Prose));
        assert!(is_furniture(SentenceKind::Furniture(FurnitureKind::Credit)));
    }
}
