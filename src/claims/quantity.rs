//! Quantities: money, counts, percentages, durations and frequencies, normalised.
//!
//! A quantity is a number (see [`super::numbers`]) plus what follows or precedes it: a percent
//! sign, a currency (sign, code or word), a time unit, a frequency cue ("toutes les", "every",
//! "par"), or the noun it counts ("150 partenaires"). A bare number counts nothing and is not
//! kept unless a magnitude makes it an amount ("87 millions"). Years are left to
//! [`super::dates`] (both use [`super::numbers::year_at`]), and so are lengths of time counted
//! back from the article date ("il y a deux ans", "two years ago"), which are dates.

use super::numbers::{
    Kind, Num, Tok, core_at, counted_noun, ends_before, match_any, may_start, norm, number_at,
    slice, tokens, year_at,
};
use super::numwords::{LEXICON, TimeUnit};
use super::{Quantity, QuantityKind};
use compact_str::CompactString;

/// Every quantity stated in `sentence`; spans are shifted by `base` (the sentence's char
/// offset in its article) so that they point into the article text.
pub fn quantities(sentence: &str, base: usize) -> Vec<Quantity> {
    quantities_in(sentence, &tokens(sentence), base)
}

/// [`quantities`] on the sentence's tokens `toks` (from [`super::numbers::tokens`]), which
/// extraction computes once for both normalisers.
pub(crate) fn quantities_in(sentence: &str, toks: &[Tok<'_>], base: usize) -> Vec<Quantity> {
    let lx = &*LEXICON;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most words cannot start a quantity: one look-up skips them.
        let t = &toks[i];
        if t.kind != Kind::Num
            && !lx.symbols.contains_key(t.raw)
            && !may_start(&lx.quantity_starts, t)
            && !weak_start(toks, i)
        {
            i += 1;
            continue;
        }
        match quantity_at(toks, i) {
            Some((found, end)) => {
                i = end.max(i + 1);
                if let Some(f) = found {
                    // "$150 million a year": a rate, not a length of time.
                    let rate = (f.kind == QuantityKind::Money)
                        .then(|| per_unit_after(toks, f.end))
                        .flatten();
                    out.push(f.build(sentence, toks, base));
                    if let Some(r) = rate {
                        i = r.end;
                        out.push(r.build(sentence, toks, base));
                    }
                }
            }
            None => i += 1,
        }
    }
    out
}

/// Frequent words that start a quantity only before a number or a unit: "plus de", "de",
/// "un", "par", "toutes les".
fn weak_start(toks: &[Tok<'_>], i: usize) -> bool {
    let lx = &*LEXICON;
    let next = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.kind == Kind::Num
                || lx.symbols.contains_key(t.raw)
                || may_start(&lx.quantity_starts, t)
                || lx.indefinite.contains_key(&*t.norm)
                || lx.time_units.contains_key(&*t.norm)
        })
    };
    if let Some(n) = match_any(toks, i, &lx.approx_markers) {
        return next(i + n);
    }
    let w = norm(toks, i);
    ((lx.range_openers.contains(w) || lx.indefinite.contains_key(w)) && next(i + 1))
        || match_any(toks, i, &lx.every).is_some()
        || match_any(toks, i, &lx.per).is_some()
}

/// A quantity found at tokens `start..end`, before it is turned into a [`Quantity`].
struct Found {
    start: usize,
    end: usize,
    kind: QuantityKind,
    value: f64,
    max: Option<f64>,
    unit: Option<CompactString>,
    approx: bool,
}

impl Found {
    fn new(n: &Num, end: usize, kind: QuantityKind, unit: Option<CompactString>) -> Found {
        Found {
            start: n.start,
            end,
            kind,
            value: n.lo,
            max: n.hi,
            unit,
            approx: n.approx,
        }
    }

    fn time(mut self, unit: TimeUnit, factor: f64) -> Found {
        self.value *= factor;
        self.max = self.max.map(|m| m * factor);
        self.unit = Some(CompactString::const_new(unit.name()));
        self
    }

    fn build(self, s: &str, toks: &[Tok<'_>], base: usize) -> Quantity {
        let (text, span) = slice(s, toks, self.start, self.end, base);
        Quantity {
            text: CompactString::new(text),
            kind: self.kind,
            value: self.value,
            max: self.max,
            unit: self.unit,
            approx: self.approx,
            span,
        }
    }
}

/// The time unit at token `i`: canonical unit, how many of it, end.
fn time_unit_at(toks: &[Tok<'_>], i: usize) -> Option<(TimeUnit, f64)> {
    LEXICON.time_units.get(norm(toks, i)).copied()
}

/// A currency sign or code at token `i` ("€", "US$", "USD"): ISO code and end.
fn symbol_at(toks: &[Tok<'_>], i: usize) -> Option<(CompactString, usize)> {
    let lx = &*LEXICON;
    let t = toks.get(i)?;
    if t.kind == Kind::Word
        && t.raw.len() <= 3
        && let Some(n) = toks.get(i + 1)
        && n.start == t.end
        && let Some(code) = lx.symbols.get(&format!("{}{}", t.raw, n.raw))
    {
        return Some((CompactString::new(code), i + 2));
    }
    lx.symbols
        .get(t.raw)
        .map(|c| (CompactString::new(c), i + 1))
}

/// A currency word, after an optional "de"/"of", at token `i`: ISO code and end.
fn currency_word_at(toks: &[Tok<'_>], i: usize) -> Option<(CompactString, usize)> {
    let lx = &*LEXICON;
    let j = if lx.of.contains(norm(toks, i)) {
        i + 1
    } else {
        i
    };
    lx.currency_words
        .at(toks, j)
        .map(|(n, code)| (CompactString::new(code), j + n))
}

/// What to do at token `i`: `Some((quantity or nothing, end))` consumes tokens up to `end`.
fn quantity_at(toks: &[Tok<'_>], i: usize) -> Option<(Option<Found>, usize)> {
    if let Some(f) = frequency_at(toks, i) {
        let end = f.end;
        return Some((Some(f), end));
    }
    if let Some(f) = money_sign_first(toks, i) {
        let end = f.end;
        return Some((Some(f), end));
    }
    let n = number_at(toks, i)?;
    let lx = &*LEXICON;
    let first = &toks[n.end - 1];
    let single = n.end - n.start == 1;
    // Years, days of months ("23 mars"), ordinals ("1er", "2e") and names ("A320", "COVID-19").
    if (first.kind == Kind::Num && single && year_at(toks, n.end - 1))
        || toks.get(n.end).is_some_and(|t| {
            lx.months.contains_key(&*t.norm)
                || lx.month_abbreviations.contains_key(&*t.norm)
                || (t.start == first.end && t.kind == Kind::Word)
        })
        || glued_to_name(toks, n.start)
    {
        return Some((None, n.end));
    }
    let k = n.end;
    if let Some(m) = match_any(toks, k, &lx.percent) {
        return Some((
            Some(Found::new(&n, k + m, QuantityKind::Percent, None)),
            k + m,
        ));
    }
    if let Some((code, end)) = symbol_at(toks, k).or_else(|| currency_word_at(toks, k)) {
        return Some((
            Some(Found::new(&n, end, QuantityKind::Money, Some(code))),
            end,
        ));
    }
    // "deux dernières années": adjectives may stand before the unit.
    let mut u = k;
    while lx.pre_noun_adjectives.contains(norm(toks, u)) && u < k + 2 {
        u += 1;
    }
    if let Some((unit, factor)) = time_unit_at(toks, u) {
        let end = u + 1;
        let ago = ends_before(toks, n.start, &lx.ago_before)
            || match_any(toks, end, &lx.ago_after).is_some();
        if ago {
            return Some((None, end));
        }
        let kind = if ends_before(toks, n.start, &lx.every) {
            QuantityKind::Frequency
        } else {
            QuantityKind::Duration
        };
        let mut f = Found::new(&n, end, kind, None).time(unit, factor);
        if kind == QuantityKind::Frequency {
            f.start = every_start(toks, n.start);
        }
        return Some((Some(f), end));
    }
    // "deux fois par mois": every half month.
    if lx.times.contains(norm(toks, k))
        && let Some(m) = match_any(toks, k + 1, &lx.times_per)
        && let Some((unit, factor)) = time_unit_at(toks, k + 1 + m)
        && n.lo > 0.0
    {
        let end = k + 2 + m;
        let mut f = Found::new(&n, end, QuantityKind::Frequency, None).time(unit, factor);
        f.value = factor / n.lo;
        f.max = None;
        return Some((Some(f), end));
    }
    let amount = n.magnitude > 1.0 || n.vague;
    // "entre 2011 et 2019 Netflix": a period, left to `dates`.
    let years = |v: f64| (1900.0..=2100.0).contains(&v) && v.fract() == 0.0;
    if !amount && !n.words && years(n.lo) && n.hi.is_some_and(years) {
        return Some((None, n.end));
    }
    let noun = counted_noun(toks, k).or_else(|| {
        (amount && lx.of.contains(norm(toks, k)))
            .then(|| counted_noun(toks, k + 1))
            .flatten()
    });
    if let Some(w) = noun {
        let unit = CompactString::from_str_to_lowercase(toks[w].raw);
        return Some((
            Some(Found::new(&n, w + 1, QuantityKind::Count, Some(unit))),
            w + 1,
        ));
    }
    if amount {
        return Some((Some(Found::new(&n, k, QuantityKind::Count, None)), k));
    }
    Some((None, n.end))
}

/// "a year", "per month", "par an" right after an amount: a frequency of one unit.
fn per_unit_after(toks: &[Tok<'_>], i: usize) -> Option<Found> {
    let lx = &*LEXICON;
    let m = match_any(toks, i, &lx.times_per).or_else(|| match_any(toks, i, &lx.per))?;
    let (unit, factor) = time_unit_at(toks, i + m)?;
    Some(Found {
        start: i,
        end: i + m + 1,
        kind: QuantityKind::Frequency,
        value: factor,
        max: None,
        unit: Some(CompactString::const_new(unit.name())),
        approx: false,
    })
}

/// True when the number at `i` is glued to what precedes it: a name or another number.
fn glued_to_name(toks: &[Tok<'_>], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &toks[p]) else {
        return false;
    };
    if prev.end != toks[i].start {
        return false;
    }
    // "A320"; "COVID-19"; the month of "2024-04" or "02/04/2024".
    prev.kind == Kind::Word
        || (matches!(prev.raw, "-" | "/" | ":")
            && i >= 2
            && toks[i - 2].end == prev.start
            && toks[i - 2].kind != Kind::Punct)
}

/// Start of the "every" phrase ending right before `i`.
fn every_start(toks: &[Tok<'_>], i: usize) -> usize {
    i - LEXICON.every.ends_at(toks, i).unwrap_or(0)
}

/// Frequencies without a number: "chaque mois", "toutes les semaines", "par an", "quotidiens",
/// "twice a month".
fn frequency_at(toks: &[Tok<'_>], i: usize) -> Option<Found> {
    let lx = &*LEXICON;
    let t = toks.get(i)?;
    let found = |end, unit: TimeUnit, value: f64| Found {
        start: i,
        end,
        kind: QuantityKind::Frequency,
        value,
        max: None,
        unit: Some(CompactString::const_new(unit.name())),
        approx: false,
    };
    if let Some(w) = lx.frequency_words.get(&*t.norm) {
        let rule = &lx.noun_rules[w.lang];
        let det_before = i > 0 && rule.determiners.contains(&*toks[i - 1].norm);
        let word_after = toks.get(i + 1).is_some_and(|n| n.kind == Kind::Word);
        let noun = det_before && (!rule.needs_no_following_word || !word_after);
        return (!noun).then(|| found(i + 1, w.unit, w.every));
    }
    if let Some(m) = match_any(toks, i, &lx.every).or_else(|| match_any(toks, i, &lx.per))
        && let Some((unit, factor)) = time_unit_at(toks, i + m)
    {
        return Some(found(i + m + 1, unit, factor));
    }
    if let Some(times) = lx.multiples.get(&*t.norm)
        && let Some(m) = match_any(toks, i + 1, &lx.times_per)
        && let Some((unit, factor)) = time_unit_at(toks, i + 1 + m)
    {
        return Some(found(i + 2 + m, unit, factor / times));
    }
    None
}

/// Money with the sign first: "$40 million", "€1.5bn", "US$ 5", "plus de $40m".
fn money_sign_first(toks: &[Tok<'_>], i: usize) -> Option<Found> {
    let lx = &*LEXICON;
    let marker = match_any(toks, i, &lx.approx_markers);
    let (code, j) = symbol_at(toks, i + marker.unwrap_or(0))?;
    let mut n = core_at(toks, j).filter(|n| toks[n.start].kind == Kind::Num)?;
    if n.magnitude == 1.0
        && let Some(m) = toks
            .get(n.end)
            .and_then(|t| lx.symbol_abbreviations.get(t.raw))
    {
        n.lo *= m;
        n.end += 1;
    }
    n.start = i;
    n.approx |= marker.is_some();
    let end = n.end;
    Some(Found::new(&n, end, QuantityKind::Money, Some(code)))
}

#[cfg(test)]
#[path = "quantity_tests.rs"]
mod tests;
