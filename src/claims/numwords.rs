//! The vocabulary of the normalisers: number words, magnitudes, currencies, months, time units
//! and cue phrases, read once from `assets/numbers/{fr,en}.toml`.
//!
//! Word lists are data, not code: adding a currency or a month abbreviation is an edit of the
//! asset files. Both languages are merged into one [`Lexicon`] because the normalisers are called
//! per sentence without a reliable language, and the two vocabularies barely collide (where they
//! do — "billion" — the asset says how to decide). Keys are folded (accents, case, apostrophes)
//! except currency signs and magnitude abbreviations, whose case matters ("M" vs "m").

use super::numbers::{Tok, tokenize};
pub(crate) use super::phrasemap::{Phrase, PhraseMap, PhraseSet};
use crate::text::fold::fold;
use foldhash::{HashMap, HashSet, HashSetExt};
use serde::Deserialize;
use std::sync::LazyLock;

/// A canonical time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TimeUnit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl TimeUnit {
    fn parse(s: &str) -> Option<TimeUnit> {
        Some(match s {
            "minute" => TimeUnit::Minute,
            "hour" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" => TimeUnit::Week,
            "month" => TimeUnit::Month,
            "year" => TimeUnit::Year,
            _ => return None,
        })
    }

    /// The name stored in [`super::Quantity::unit`].
    pub(crate) fn name(self) -> &'static str {
        match self {
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// A frequency adjective or adverb ("quotidiens", "biweekly").
#[derive(Debug, Clone, Copy)]
pub(crate) struct FreqWord {
    pub unit: TimeUnit,
    pub every: f64,
    /// Index into [`Lexicon::noun_rules`]: the language the word comes from.
    pub lang: usize,
}

/// How to tell a frequency word used as a noun ("le quotidien") from its adjective use.
#[derive(Debug, Clone)]
pub(crate) struct NounRule {
    pub determiners: HashSet<String>,
    /// True when the word is a noun only if no word follows it (English adjectives precede).
    pub needs_no_following_word: bool,
}

/// Everything the normalisers know about words, both languages merged.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub elisions: HashSet<String>,
    pub cardinals: HashMap<String, f64>,
    pub indefinite: HashMap<String, f64>,
    pub hundreds: HashMap<String, f64>,
    pub magnitudes: HashMap<String, f64>,
    pub magnitudes_before_de: HashMap<String, f64>,
    pub approx_nouns: HashMap<String, f64>,
    pub vague_plurals: HashMap<String, (f64, f64)>,
    pub vague_words: PhraseMap<(f64, f64)>,
    pub symbols: HashMap<String, String>,
    pub abbreviations: HashMap<String, f64>,
    pub symbol_abbreviations: HashMap<String, f64>,
    pub currency_words: PhraseMap<String>,
    pub time_units: HashMap<String, (TimeUnit, f64)>,
    pub indefinite_time_units: HashSet<String>,
    pub every: PhraseSet,
    pub per: PhraseSet,
    pub times: HashSet<String>,
    pub times_per: PhraseSet,
    pub multiples: HashMap<String, f64>,
    pub frequency_words: HashMap<String, FreqWord>,
    pub noun_rules: Vec<NounRule>,
    pub months: HashMap<String, u8>,
    pub month_abbreviations: HashMap<String, u8>,
    pub weekdays: HashMap<String, u8>,
    pub date_point: PhraseSet,
    pub period_openers: PhraseSet,
    pub period_joiners: PhraseSet,
    pub since: PhraseSet,
    pub until: PhraseSet,
    pub decade_before: PhraseSet,
    pub articles: HashSet<String>,
    pub relative: PhraseMap<(TimeUnit, i32)>,
    pub half_after: PhraseSet,
    pub vague_determiners: HashSet<String>,
    pub approx_markers: PhraseSet,
    pub range_openers: HashSet<String>,
    pub range_joiners: HashSet<String>,
    pub range_joiners_need_opener: HashSet<String>,
    pub of: HashSet<String>,
    pub ago_before: PhraseSet,
    pub ago_after: PhraseSet,
    pub ordinal_suffixes: HashSet<String>,
    pub pre_noun_adjectives: HashSet<String>,
    pub not_counted: HashSet<String>,
    pub percent: PhraseSet,
    /// Folded words that may begin a quantity (besides digits and currency signs).
    pub quantity_starts: HashSet<String>,
    /// Folded words that may begin a date (besides digits and, before "ago", numbers).
    pub date_starts: HashSet<String>,
    /// Folded words that begin a number on their own ("deux", "centaines").
    pub number_starts: HashSet<String>,
}

/// The merged lexicon, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let files = [
        include_str!("../../assets/numbers/fr.toml"),
        include_str!("../../assets/numbers/en.toml"),
    ];
    let parsed: Vec<File> = files
        .iter()
        .map(|s| toml::from_str(s).expect("assets/numbers: invalid TOML (checked by tests)"))
        .collect();
    Lexicon::build(&parsed)
});

#[derive(Deserialize, Default)]
#[serde(default)]
struct File {
    cardinals: HashMap<String, f64>,
    indefinite: HashMap<String, f64>,
    hundreds: HashMap<String, f64>,
    magnitudes: HashMap<String, f64>,
    magnitudes_before_de: HashMap<String, f64>,
    approx_nouns: HashMap<String, f64>,
    vague_plurals: HashMap<String, (f64, f64)>,
    vague_words: HashMap<String, (f64, f64)>,
    symbols: HashMap<String, String>,
    abbreviations: HashMap<String, f64>,
    symbol_abbreviations: HashMap<String, f64>,
    currency_words: HashMap<String, String>,
    time_units: HashMap<String, (String, f64)>,
    frequency: FreqFile,
    months: HashMap<String, u8>,
    month_abbreviations: HashMap<String, u8>,
    weekdays: HashMap<String, u8>,
    date_cues: DateCues,
    relative: HashMap<String, (String, i32)>,
    lists: Lists,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FreqFile {
    every: Vec<String>,
    per: Vec<String>,
    times: Vec<String>,
    times_per: Vec<String>,
    noun_rule: String,
    words: HashMap<String, (String, f64)>,
    multiples: HashMap<String, f64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DateCues {
    point: Vec<String>,
    period_openers: Vec<String>,
    period_joiners: Vec<String>,
    since: Vec<String>,
    until: Vec<String>,
    decade_before: Vec<String>,
    articles: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Lists {
    elisions: Vec<String>,
    half_after: Vec<String>,
    vague_determiners: Vec<String>,
    approx_markers: Vec<String>,
    range_openers: Vec<String>,
    range_joiners: Vec<String>,
    range_joiners_need_opener: Vec<String>,
    of: Vec<String>,
    indefinite_time_units: Vec<String>,
    frequency_noun_determiners: Vec<String>,
    ago_before: Vec<String>,
    ago_after: Vec<String>,
    ordinal_suffixes: Vec<String>,
    pre_noun_adjectives: Vec<String>,
    not_counted: Vec<String>,
    percent: Vec<String>,
}

fn unit(s: &str) -> TimeUnit {
    TimeUnit::parse(s).unwrap_or_else(|| panic!("assets/numbers: unknown time unit {s:?}"))
}

impl Lexicon {
    fn build(files: &[File]) -> Lexicon {
        let mut lx = Lexicon::default();
        for f in files {
            lx.elisions.extend(f.lists.elisions.iter().map(|s| fold(s)));
        }
        for (lang, f) in files.iter().enumerate() {
            lx.add(f, lang);
        }
        lx.quantity_starts = lx.quantity_start_words();
        lx.date_starts = lx.date_start_words();
        lx.number_starts = lx.number_start_words();
        lx
    }

    /// Words that start a number on their own: number words and vague amounts. Frequent words
    /// that start one only before another ("de", "un", "plus") are checked by the callers.
    fn number_start_words(&self) -> HashSet<String> {
        let mut s: HashSet<String> = HashSet::new();
        for m in [
            &self.cardinals,
            &self.hundreds,
            &self.magnitudes,
            &self.approx_nouns,
        ] {
            s.extend(m.keys().cloned());
        }
        s.extend(self.vague_plurals.keys().cloned());
        s.extend(self.vague_words.firsts().cloned());
        s
    }

    fn quantity_start_words(&self) -> HashSet<String> {
        let mut s = self.number_start_words();
        s.extend(self.frequency_words.keys().cloned());
        s.extend(self.multiples.keys().cloned());
        // Words glued to a currency sign ("US$") and codes ("USD").
        s.extend(
            self.symbols
                .keys()
                .filter(|k| k.chars().any(char::is_alphabetic))
                .map(|k| fold(k.trim_end_matches(|c: char| !c.is_alphabetic()))),
        );
        s
    }

    fn date_start_words(&self) -> HashSet<String> {
        let mut s = HashSet::new();
        for m in [&self.months, &self.month_abbreviations, &self.weekdays] {
            s.extend(m.keys().cloned());
        }
        for p in [
            &self.ago_before,
            &self.decade_before,
            &self.period_openers,
            &self.since,
            &self.until,
        ] {
            s.extend(p.firsts().cloned());
        }
        s.extend(self.relative.firsts().cloned());
        s
    }

    fn phrase(&self, s: &str) -> Phrase {
        let mut out: Phrase = Vec::new();
        for t in tokenize(s, &self.elisions) {
            let t: Tok<'_> = t;
            // A phrase ending in an elision ("près d'") has no letter after its apostrophe.
            if t.norm == "'"
                && let Some(last) = out.last_mut()
                && self.elisions.contains(last.as_str())
            {
                last.push('\'');
                continue;
            }
            out.push(t.norm.into_owned());
        }
        out
    }

    fn phrases(&self, list: &[String]) -> Vec<Phrase> {
        list.iter().map(|s| self.phrase(s)).collect()
    }

    fn add(&mut self, f: &File, lang: usize) {
        let folded = |m: &HashMap<String, f64>| -> Vec<(String, f64)> {
            m.iter().map(|(k, v)| (fold(k), *v)).collect()
        };
        self.cardinals.extend(folded(&f.cardinals));
        self.indefinite.extend(folded(&f.indefinite));
        self.hundreds.extend(folded(&f.hundreds));
        self.magnitudes.extend(folded(&f.magnitudes));
        self.magnitudes_before_de
            .extend(folded(&f.magnitudes_before_de));
        self.approx_nouns.extend(folded(&f.approx_nouns));
        self.vague_plurals
            .extend(f.vague_plurals.iter().map(|(k, v)| (fold(k), *v)));
        let vague: Vec<_> = f
            .vague_words
            .iter()
            .map(|(k, v)| (self.phrase(k), *v))
            .collect();
        self.vague_words.extend(vague);
        self.symbols.extend(f.symbols.clone());
        self.abbreviations.extend(f.abbreviations.clone());
        self.symbol_abbreviations
            .extend(f.symbol_abbreviations.clone());
        let cur: Vec<_> = f
            .currency_words
            .iter()
            .map(|(k, v)| (self.phrase(k), v.clone()))
            .collect();
        self.currency_words.extend(cur);
        self.time_units.extend(
            f.time_units
                .iter()
                .map(|(k, (u, n))| (fold(k), (unit(u), *n))),
        );
        self.every.extend(self.phrases(&f.frequency.every));
        self.per.extend(self.phrases(&f.frequency.per));
        self.times_per.extend(self.phrases(&f.frequency.times_per));
        self.times.extend(f.frequency.times.iter().map(|s| fold(s)));
        self.multiples.extend(folded(&f.frequency.multiples));
        self.frequency_words
            .extend(f.frequency.words.iter().map(|(k, (u, n))| {
                let w = FreqWord {
                    unit: unit(u),
                    every: *n,
                    lang,
                };
                (fold(k), w)
            }));
        self.noun_rules.push(NounRule {
            determiners: self
                .phrases(&f.lists.frequency_noun_determiners)
                .into_iter()
                .flatten()
                .collect(),
            needs_no_following_word: f.frequency.noun_rule == "determiner_then_no_word",
        });
        let months = |m: &HashMap<String, u8>| -> Vec<(String, u8)> {
            m.iter().map(|(k, v)| (fold(k), *v)).collect()
        };
        self.months.extend(months(&f.months));
        self.month_abbreviations
            .extend(months(&f.month_abbreviations));
        self.weekdays.extend(months(&f.weekdays));
        let c = &f.date_cues;
        self.date_point.extend(self.phrases(&c.point));
        self.period_openers.extend(self.phrases(&c.period_openers));
        self.period_joiners.extend(self.phrases(&c.period_joiners));
        self.since.extend(self.phrases(&c.since));
        self.until.extend(self.phrases(&c.until));
        self.decade_before.extend(self.phrases(&c.decade_before));
        self.articles.extend(c.articles.iter().map(|s| fold(s)));
        let rel: Vec<_> = f
            .relative
            .iter()
            .map(|(k, (u, n))| (self.phrase(k), (unit(u), *n)))
            .collect();
        self.relative.extend(rel);
        let l = &f.lists;
        self.half_after.extend(self.phrases(&l.half_after));
        self.approx_markers.extend(self.phrases(&l.approx_markers));
        self.ago_before.extend(self.phrases(&l.ago_before));
        self.ago_after.extend(self.phrases(&l.ago_after));
        self.percent.extend(self.phrases(&l.percent));
        let set = |v: &[String]| {
            v.iter()
                .map(|s| self.phrase(s).concat())
                .collect::<Vec<_>>()
        };
        let (vd, ro, rj, rn, of) = (
            set(&l.vague_determiners),
            set(&l.range_openers),
            set(&l.range_joiners),
            set(&l.range_joiners_need_opener),
            set(&l.of),
        );
        let (itu, os, pna, nc) = (
            set(&l.indefinite_time_units),
            set(&l.ordinal_suffixes),
            set(&l.pre_noun_adjectives),
            set(&l.not_counted),
        );
        self.vague_determiners.extend(vd);
        self.range_openers.extend(ro);
        self.range_joiners.extend(rj);
        self.range_joiners_need_opener.extend(rn);
        self.of.extend(of);
        self.indefinite_time_units.extend(itu);
        self.ordinal_suffixes.extend(os);
        self.pre_noun_adjectives.extend(pna);
        self.not_counted.extend(nc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_parse_and_merge() {
        let lx = &*LEXICON;
        assert_eq!(lx.cardinals.get("deux"), Some(&2.0));
        assert_eq!(lx.cardinals.get("twenty"), Some(&20.0));
        assert_eq!(lx.months.get("aout"), Some(&8));
        assert_eq!(lx.months.get("december"), Some(&12));
        assert_eq!(lx.time_units.get("decennie"), Some(&(TimeUnit::Year, 10.0)));
        let toks = super::super::numbers::tokens("près d’une, jusqu’en");
        assert_eq!(lx.approx_markers.at(&toks, 0).map(|m| m.0), Some(2));
        assert_eq!(lx.until.at(&toks, 4).map(|m| m.0), Some(2));
        assert_eq!(lx.symbols.get("€").map(String::as_str), Some("EUR"));
        assert!(lx.not_counted.contains("les"));
        // Longest phrases first.
        let toks = super::super::numbers::tokens("plus de 150");
        assert_eq!(lx.approx_markers.at(&toks, 0).map(|m| m.0), Some(2));
        assert_eq!(lx.approx_markers.ends_at(&toks, 2), Some(2));
        assert!(lx.quantity_starts.contains("us") && lx.date_starts.contains("avril"));
        assert!(!lx.quantity_starts.contains("de") && !lx.date_starts.contains("deux"));
    }
}
