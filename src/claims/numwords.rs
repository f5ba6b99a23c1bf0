//! The vocabulary of the normalisers: number words, magnitudes, currencies, months, time units
//! and cue phrases, read once from `assets/numbers/{fr,en}.toml`.
//!
//! Word lists are data, not code: adding a currency or a month abbreviation is an edit of the
//! asset files. Both languages are merged into one [`Lexicon`] because the normalisers are called
//! per sentence without a reliable language, and the two vocabularies barely collide (where they
//! do — "billion" — the asset says how to decide). Keys are folded (accents, case, apostrophes)
//! except currency signs and magnitude abbreviations, whose case matters ("M" vs "m").

use super::numbers::{Tok, tokenize};
use crate::text::fold::fold;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
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

/// A phrase as the tokenizer splits it: the folded text of each token.
pub(crate) type Phrase = Vec<String>;

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
    pub vague_words: Vec<(Phrase, (f64, f64))>,
    pub symbols: HashMap<String, String>,
    pub abbreviations: HashMap<String, f64>,
    pub symbol_abbreviations: HashMap<String, f64>,
    pub currency_words: Vec<(Phrase, String)>,
    pub time_units: HashMap<String, (TimeUnit, f64)>,
    pub indefinite_time_units: HashSet<String>,
    pub every: Vec<Phrase>,
    pub per: Vec<Phrase>,
    pub times: HashSet<String>,
    pub times_per: Vec<Phrase>,
    pub multiples: HashMap<String, f64>,
    pub frequency_words: HashMap<String, FreqWord>,
    pub noun_rules: Vec<NounRule>,
    pub months: HashMap<String, u8>,
    pub month_abbreviations: HashMap<String, u8>,
    pub weekdays: HashMap<String, u8>,
    pub date_point: Vec<Phrase>,
    pub period_openers: Vec<Phrase>,
    pub period_joiners: Vec<Phrase>,
    pub since: Vec<Phrase>,
    pub until: Vec<Phrase>,
    pub decade_before: Vec<Phrase>,
    pub articles: HashSet<String>,
    pub relative: Vec<(Phrase, (TimeUnit, i32))>,
    pub half_after: Vec<Phrase>,
    pub vague_determiners: HashSet<String>,
    pub approx_markers: Vec<Phrase>,
    pub range_openers: HashSet<String>,
    pub range_joiners: HashSet<String>,
    pub range_joiners_need_opener: HashSet<String>,
    pub of: HashSet<String>,
    pub ago_before: Vec<Phrase>,
    pub ago_after: Vec<Phrase>,
    pub ordinal_suffixes: HashSet<String>,
    pub pre_noun_adjectives: HashSet<String>,
    pub not_counted: HashSet<String>,
    pub percent: Vec<Phrase>,
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
        // Longest phrases first, so that "plus de" is not read as "plus".
        for list in [
            &mut lx.every,
            &mut lx.per,
            &mut lx.times_per,
            &mut lx.date_point,
            &mut lx.period_openers,
            &mut lx.period_joiners,
            &mut lx.since,
            &mut lx.until,
            &mut lx.decade_before,
            &mut lx.half_after,
            &mut lx.approx_markers,
            &mut lx.ago_before,
            &mut lx.ago_after,
            &mut lx.percent,
        ] {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
            list.dedup();
        }
        lx.currency_words
            .sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        lx.vague_words.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        lx.relative.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        lx
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
            out.push(t.norm);
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
        assert!(
            lx.approx_markers
                .contains(&vec!["pres".into(), "d'".into()])
        );
        assert!(lx.until.contains(&vec!["jusqu'".into(), "en".into()]));
        assert_eq!(lx.symbols.get("€").map(String::as_str), Some("EUR"));
        assert!(lx.not_counted.contains("les"));
        // Longest phrases first.
        let lens: Vec<usize> = lx.approx_markers.iter().map(Vec::len).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]));
    }
}
