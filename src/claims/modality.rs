//! How a sentence states what it states: asserted, alleged, denied, quoted or asked.
//!
//! Cues come from `assets/cues/{fr,en}.toml`: the press conditional and allegation words
//! ("aurait", "selon", "allegedly"), denials ("nie", "dément", "faux", "denied") and negated
//! predicates ("n’a pas partagé", "ne … jamais", "did not" — but not the restrictive
//! "n’a reçu que"). A question mark ends a question; a sentence mostly in quotation marks is
//! quoted. A denial outranks an allegation ("Meta nie les allégations"), and both outrank
//! quotation ("« Incroyablement faux », a écrit Stone").

use super::cues::Cues;
use super::tokens::Token;
use crate::claims::Modality;

/// Words after a negator in which its completion must appear ("n’a jamais été").
const NEGATION_WINDOW: usize = 4;

/// Share of the sentence inside quotation marks from which it counts as quoted speech.
pub const QUOTED_SHARE: f32 = 0.5;

/// The modality and the words that decided it (empty for plain assertions).
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// The modality.
    pub modality: Modality,
    /// The cue as written ("aurait", "n’a pas", "?"), for the reasons.
    pub evidence: String,
}

/// True when the sentence's last visible char (before closing quotes and brackets) is `?`.
pub fn is_question(sentence: &str) -> bool {
    sentence
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '»' | '”' | '"' | '’' | ')' | ']'))
        == Some('?')
}

fn text_of(sentence: &str, tokens: &[Token], first: usize, len: usize) -> String {
    sentence[tokens[first].bytes.0..tokens[first + len - 1].bytes.1].to_string()
}

/// A negated predicate: a negator followed closely by its completion.
fn negation(sentence: &str, tokens: &[Token], cues: &Cues) -> Option<String> {
    // Idioms and purpose clauses whose negation denies nothing: their negators are skipped.
    let idioms = cues.not_denials.find_all(tokens);
    for (i, t) in tokens.iter().enumerate() {
        if !cues.negators.contains(&*t.folded)
            || idioms.iter().any(|&(s, n)| (s..s + n).contains(&i))
        {
            continue;
        }
        let end = tokens.len().min(i + 1 + NEGATION_WINDOW);
        for (k, u) in tokens.iter().enumerate().take(end).skip(i + 1) {
            if !u.gap.is_plain() {
                break;
            }
            if cues.negation_ends.contains(&*u.folded) && k - i > cues.negation_min_gap {
                return Some(text_of(sentence, tokens, i, k - i + 1));
            }
        }
    }
    None
}

/// Classifies a sentence. `quoted` is the share of it inside quotation marks.
pub fn classify(sentence: &str, tokens: &[Token], quoted: f32, cues: &Cues) -> Classified {
    let done = |modality, evidence: String| Classified { modality, evidence };
    if is_question(sentence) {
        return done(Modality::Question, "?".into());
    }
    if let Some(&(i, n)) = cues.denied.find_all(tokens).first() {
        return done(Modality::Denied, text_of(sentence, tokens, i, n));
    }
    if let Some(ev) = negation(sentence, tokens, cues) {
        return done(Modality::Denied, ev);
    }
    if let Some(&(i, n)) = cues.alleged.find_all(tokens).first() {
        return done(Modality::Alleged, text_of(sentence, tokens, i, n));
    }
    if quoted >= QUOTED_SHARE {
        return done(Modality::Quoted, "« »".into());
    }
    done(Modality::Asserted, String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;
    use crate::corpus::Lang;

    fn m(s: &str, lang: Lang) -> Modality {
        classify(s, &tokenize(s), 0.0, Cues::for_lang(lang)).modality
    }

    #[test]
    fn french() {
        let fr = Lang::Fr;
        assert_eq!(
            m("Netflix aurait eu accès aux messages.", fr),
            Modality::Alleged
        );
        assert_eq!(
            m("Selon la plainte, Netflix a eu accès.", fr),
            Modality::Alleged
        );
        assert_eq!(
            m("La prétendue intrusion de Netflix.", fr),
            Modality::Alleged
        );
        assert_eq!(
            m("Meta a nié avoir partagé les messages.", fr),
            Modality::Denied
        );
        assert_eq!(
            m("Meta nie donc la véracité des allégations.", fr),
            Modality::Denied
        );
        assert_eq!(
            m("Meta n’a pas partagé les messages privés.", fr),
            Modality::Denied
        );
        assert_eq!(m("Ça n'a jamais été le cas.", fr), Modality::Denied);
        assert_eq!(
            m("« Incroyablement faux », a écrit Stone.", fr),
            Modality::Denied
        );
        assert_eq!(
            m("Chaque utilisateur n’a reçu que quelques dollars.", fr),
            Modality::Asserted
        );
        assert_eq!(
            m("Le plus important jamais obtenu.", fr),
            Modality::Asserted
        );
        assert_eq!(
            m("Voici comment éviter que Meta utilise nos données ?", fr),
            Modality::Question
        );
        assert_eq!(
            m("Netflix a acheté des publicités.", fr),
            Modality::Asserted
        );
        let s = "« L’accord permettait aux gens d’envoyer des messages. »";
        let q = classify(s, &tokenize(s), 1.0, Cues::for_lang(fr));
        assert_eq!(q.modality, Modality::Quoted);
    }

    #[test]
    fn english() {
        let en = Lang::En;
        assert_eq!(
            m("Netflix allegedly read private messages.", en),
            Modality::Alleged
        );
        assert_eq!(
            m("Netflix reportedly paid $40 million.", en),
            Modality::Alleged
        );
        assert_eq!(m("Meta denied sharing the messages.", en), Modality::Denied);
        assert_eq!(
            m("Meta did not share private messages.", en),
            Modality::Denied
        );
        assert_eq!(
            m("Meta didn't share private messages.", en),
            Modality::Denied
        );
        assert_eq!(m("Did Meta share the messages?", en), Modality::Question);
        assert_eq!(m("Meta shared the messages.", en), Modality::Asserted);
    }
}
