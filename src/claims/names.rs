//! Name candidates in one sentence: runs of capitalised words, their kind cues and the alias
//! patterns that relate two of them.
//!
//! A name is a run of capitalised words ("Reed Hastings", "New York Times"), possibly joined by
//! a particle ("Royal Bank of Canada"); titles ("le PDG") are cut off and vote for a person.
//! A single capitalised word where any word may be capitalised (sentence start, after a quote
//! or a colon) is only a name if the corpus uses it as one elsewhere: [`Candidate::needs_known`]
//! lets the corpus-wide model decide. Linear in the number of words.

use super::cues::Cues;
use super::tokens::Token;
use crate::claims::EntityKind;
use crate::text::fold::fold_words;
use compact_str::CompactString;

/// Longest name, in words: longer capitalised runs (titles in capitals, shouting) are cut.
const MAX_NAME_WORDS: usize = 8;

/// A name found in a sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// First word (token index).
    pub first: usize,
    /// Last word (token index, inclusive).
    pub last: usize,
    /// Folded key, whitespace collapsed.
    pub key: String,
    /// A lone capitalised word in a position where any word is capitalised.
    pub needs_known: bool,
    /// What the context says it is, if anything.
    pub vote: Option<EntityKind>,
}

/// Marks the words that are part of a person title ("PDG", "porte-parole").
pub fn title_marks(tokens: &[Token], cues: &Cues) -> Vec<bool> {
    let mut marks = vec![false; tokens.len()];
    for (i, n) in cues.person_titles.find_all(tokens) {
        marks[i..i + n].iter_mut().for_each(|m| *m = true);
    }
    marks
}

/// Folded lookup key of a name as written.
pub fn key_of(surface: &str) -> String {
    fold_words(surface)
}

/// The name as written, with its spacing normalised (for display as a canonical name).
pub fn tidy(surface: &str) -> CompactString {
    let mut out = CompactString::with_capacity(surface.len());
    for w in surface.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_name_word(t: &Token, title: bool) -> bool {
    t.cap && !title && !t.digit
}

/// Text of tokens `first..=last` as written.
pub fn surface<'a>(sentence: &'a str, tokens: &[Token], first: usize, last: usize) -> &'a str {
    &sentence[tokens[first].bytes.0..tokens[last].bytes.1]
}

/// Every name candidate of the sentence. `is_alias` says whether a folded key is in the alias
/// file (an alias may start with a stop word: "Le Monde").
pub fn candidates(
    sentence: &str,
    tokens: &[Token],
    cues: &Cues,
    is_alias: &dyn Fn(&str) -> bool,
) -> Vec<Candidate> {
    let titles = title_marks(tokens, cues);
    let n = tokens.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_name_word(&tokens[i], titles[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 - i < MAX_NAME_WORDS {
            let next = j + 1;
            if next < n && tokens[next].gap.tight && is_name_word(&tokens[next], titles[next]) {
                j = next;
            } else if next + 1 < n
                && !tokens[next].cap
                && cues.particles.contains(&*tokens[next].folded)
                && tokens[next].gap.tight
                && tokens[next + 1].gap.tight
                && is_name_word(&tokens[next + 1], titles[next + 1])
            {
                j = next + 1;
            } else {
                break;
            }
        }
        let g = tokens[i].gap;
        let initial = i == 0 || g.stop || g.open_quote || g.colon;
        if let Some(c) = clean(sentence, tokens, cues, is_alias, i, j, initial, &titles) {
            out.push(c);
        }
        i = j + 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn clean(
    sentence: &str,
    tokens: &[Token],
    cues: &Cues,
    is_alias: &dyn Fn(&str) -> bool,
    mut first: usize,
    last: usize,
    initial: bool,
    titles: &[bool],
) -> Option<Candidate> {
    let full = key_of(surface(sentence, tokens, first, last));
    let from = first;
    if !is_alias(&full) {
        // A capitalised stop word never starts a name ("Selon Reed Hastings", "Les Echos" aside).
        while first <= last && cues.stop.contains(&*tokens[first].folded) {
            first += 1;
        }
        if first > last {
            return None;
        }
    }
    // Nothing cut off: the key is the full one.
    let (key, cut) = if first == from {
        (full, false)
    } else {
        let key = key_of(surface(sentence, tokens, first, last));
        let cut = key != full;
        (key, cut)
    };
    let single = first == last;
    if single && !is_alias(&key) {
        let t = &tokens[first];
        let letters = t.end - t.start;
        if letters < 2 || cues.product_cues.contains(&key) || cues.organisation_cues.contains(&key)
        {
            return None;
        }
    }
    let stripped = first != last || cut;
    let needs_known = single && initial && !stripped && !is_alias(&key);
    Some(Candidate {
        vote: vote(tokens, first, last, cues, titles),
        first,
        last,
        key,
        needs_known,
    })
}

/// What the words around a name say about its kind.
fn vote(
    tokens: &[Token],
    first: usize,
    last: usize,
    cues: &Cues,
    titles: &[bool],
) -> Option<EntityKind> {
    let inside = &tokens[first..=last];
    if inside
        .iter()
        .any(|t| cues.product_cues.contains(&*t.folded))
    {
        return Some(EntityKind::Product);
    }
    if inside
        .iter()
        .any(|t| cues.organisation_cues.contains(&*t.folded))
    {
        return Some(EntityKind::Organisation);
    }
    if first >= 1 {
        let prev = &tokens[first - 1];
        if titles[first - 1] && tokens[first].gap.is_plain() {
            return Some(EntityKind::Person);
        }
        // "le PDG de Netflix": the name after a title and a particle is the employer.
        if first >= 2 && cues.particles.contains(&*prev.folded) && titles[first - 2] {
            return Some(EntityKind::Organisation);
        }
        if cues.product_cues.contains(&*prev.folded) {
            return Some(EntityKind::Product);
        }
        if cues.organisation_cues.contains(&*prev.folded) {
            return Some(EntityKind::Organisation);
        }
        // "le cofondateur de Netflix, Reed Hastings": a title in the clause before the comma.
        if tokens[first].gap.comma {
            let from = first.saturating_sub(7);
            if (from..first).any(|k| titles[k]) {
                return Some(EntityKind::Person);
            }
        }
    }
    // "Reed Hastings, cofondateur de Netflix".
    let after = last + 1;
    if after < tokens.len() && tokens[after].gap.comma {
        let window = (after..tokens.len().min(after + 2)).any(|k| titles[k]);
        if window {
            return Some(EntityKind::Person);
        }
    }
    None
}

/// Pairs of names the sentence says belong together: "A (anciennement B)", "A (B)",
/// "B, désormais A", "la société mère de B, A", "A, la société mère de B".
pub fn relations(tokens: &[Token], names: &[Candidate], cues: &Cues) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let n = tokens.len();
    for pair in names.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let k = a.last + 1;
        if k >= n || k > b.first {
            continue;
        }
        // "A (B)" and "A (anciennement B)", with the parenthesis closing right after B.
        let closes = b.last + 1 >= n || tokens[b.last + 1].gap.close_paren;
        if tokens[k].gap.open_paren && closes {
            let between = b.first - k;
            if between == 0 || cues.alias_former.match_at(tokens, k) == Some(between) {
                out.push((a.key.clone(), b.key.clone()));
                continue;
            }
        }
        if tokens[k].gap.comma && k < b.first {
            // "B, désormais A".
            if cues.alias_now.match_at(tokens, k) == Some(b.first - k) {
                out.push((b.key.clone(), a.key.clone()));
                continue;
            }
            // "A, la société mère de B": one determiner may precede the phrase.
            for skip in 0..2 {
                if k + skip < b.first
                    && cues.alias_parent.match_at(tokens, k + skip) == Some(b.first - k - skip)
                {
                    out.push((a.key.clone(), b.key.clone()));
                    break;
                }
            }
        }
    }
    // "la société mère de B, A".
    for pair in names.windows(2) {
        let (b, a) = (&pair[0], &pair[1]);
        if a.first != b.last + 1 || !tokens[a.first].gap.comma {
            continue;
        }
        let phrase_end = b.first;
        let found = (phrase_end.saturating_sub(5)..phrase_end)
            .any(|s| cues.alias_parent.match_at(tokens, s) == Some(phrase_end - s));
        if found {
            out.push((a.key.clone(), b.key.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;
    use crate::corpus::Lang;

    fn names(s: &str) -> Vec<String> {
        let t = tokenize(s);
        let cues = Cues::for_lang(Lang::Fr);
        candidates(s, &t, cues, &|k| k == "le monde")
            .iter()
            .map(|c| surface(s, &t, c.first, c.last).to_string())
            .collect()
    }

    #[test]
    fn runs_particles_titles_and_stop_words() {
        assert_eq!(
            names("Selon Reed Hastings, la Banque de France et le PDG Mark Zuckerberg."),
            ["Reed Hastings", "Banque de France", "Mark Zuckerberg"]
        );
        assert_eq!(names("Les plaignants citent Le Monde."), ["Le Monde"]);
        assert_eq!(
            names("Cette relation passe par l’API."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn alias_patterns() {
        let cues = Cues::for_lang(Lang::Fr);
        for (s, a, b) in [
            (
                "Meta (anciennement Facebook) et Netflix.",
                "meta",
                "facebook",
            ),
            ("Il écrit sur X (Twitter) hier.", "x", "twitter"),
            (
                "Des rapports à Facebook, désormais Meta, sur.",
                "meta",
                "facebook",
            ),
            (
                "les consommateurs et la société mère de Facebook, Meta.",
                "meta",
                "facebook",
            ),
            (
                "Meta, la société mère de Facebook, a dit.",
                "meta",
                "facebook",
            ),
        ] {
            let t = tokenize(s);
            let c = candidates(s, &t, cues, &|k| k == "x");
            let r = relations(&t, &c, cues);
            assert_eq!(r, vec![(a.to_string(), b.to_string())], "{s}");
        }
    }
}
