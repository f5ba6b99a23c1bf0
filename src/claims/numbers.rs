//! Numbers shared by the quantity and date normalisers, read from the tokens of
//! [`super::lexer`].
//!
//! Numbers are read as the press writes them: digit groups (see [`super::lexer`]); number words ("vingt-deux", "two hundred and fifty"); magnitudes
//! ("150 millions", "40 M", "1.5bn", "un demi-milliard"); approximate nouns ("une cinquantaine");
//! vague amounts ("des centaines de millions", "plusieurs"); ranges ("entre 10 et 12").
//! Both normalisers also share [`year_at`], so that "2017" is never both a count and a year.

pub(crate) use super::lexer::{
    Kind, Tok, ends_before, match_any, may_start, norm, slice, tokenize, tokens,
};
use super::numwords::{LEXICON, Lexicon};

/// A number read at some tokens: `toks[start..end]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    pub lo: f64,
    /// High end of a range or vague amount.
    pub hi: Option<f64>,
    pub approx: bool,
    /// The magnitude that multiplied the number (1 when none).
    pub magnitude: f64,
    /// A vague amount or an approximate noun ("des centaines", "une cinquantaine").
    pub vague: bool,
    /// Read from words only ("deux"), not digits.
    pub words: bool,
}

/// Longest number in words read, in tokens ("quatre-vingt-dix-neuf mille neuf cent…").
const MAX_WORDS: usize = 8;

/// Value of a number written in words at token `i` ("vingt-deux", "two hundred and fifty").
fn words_at(lx: &Lexicon, toks: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let (mut total, mut current, mut any, mut j) = (0.0, 0.0, false, i);
    let mut last_tens = false;
    // Bounded, so that a long run of number words stays linear overall.
    while let Some(t) = toks.get(j).filter(|_| j < i + MAX_WORDS) {
        if t.kind != Kind::Word {
            break;
        }
        // "vingt et un", "two hundred and fifty": a joiner inside the number.
        if t.norm == "et" && last_tens {
            let add = match norm(toks, j + 1) {
                "un" | "une" => 1.0,
                "onze" => 11.0,
                _ => break,
            };
            current += add;
            j += 2;
            last_tens = false;
            continue;
        }
        if t.norm == "and" && current > 0.0 && current % 100.0 == 0.0 {
            if words_at(lx, toks, j + 1).is_none() {
                break;
            }
            j += 1;
            continue;
        }
        let mut ok = true;
        let mut parts = 0;
        for part in t.norm.split('-') {
            parts += 1;
            let units = current % 100.0;
            if let Some(v) = lx.cardinals.get(part) {
                // "quatre-vingt(s)": four twenties.
                if *v == 20.0 && units == 4.0 {
                    current += 76.0;
                } else {
                    current += v;
                }
                last_tens = (20.0..=90.0).contains(v) && v % 10.0 == 0.0;
            } else if matches!(part, "un" | "une" | "et") && parts > 1 {
                current += if part == "et" { 0.0 } else { 1.0 };
            } else if let Some(h) = lx.hundreds.get(part) {
                current = current.max(1.0) * h;
            } else if part == "mille" || part == "thousand" {
                total += current.max(1.0) * 1e3;
                current = 0.0;
            } else {
                ok = false;
                break;
            }
        }
        if !ok {
            break;
        }
        any = true;
        j += 1;
    }
    (any && j > i).then_some((total + current, j))
}

/// A magnitude word or abbreviation at token `i`: its multiplier and end.
fn magnitude_at(lx: &Lexicon, toks: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let t = toks.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(m) = lx.magnitudes_before_de.get(&*t.norm)
        && lx.of.contains(norm(toks, i + 1))
        && norm(toks, i + 1) != "of"
    {
        return Some((*m, i + 1));
    }
    let m = lx
        .magnitudes
        .get(&*t.norm)
        .or_else(|| lx.abbreviations.get(t.raw))?;
    // "un milliard et demi".
    let end = match match_any(toks, i + 1, &lx.half_after) {
        Some(n) => return Some((m * 1.5, i + 1 + n)),
        None => i + 1,
    };
    Some((*m, end))
}

/// A vague plural ("centaines", "millions") optionally multiplied by further ones
/// ("centaines de millions"): its range and end.
fn vague_plural_at(lx: &Lexicon, toks: &[Tok<'_>], i: usize) -> Option<((f64, f64), usize)> {
    let (mut lo, mut hi) = *lx.vague_plurals.get(norm(toks, i))?;
    let mut j = i + 1;
    // "centaines de milliers de millions" at most: bounded for linear time.
    while lx.of.contains(norm(toks, j)) && j < i + 6 {
        let Some((m, _)) = lx.vague_plurals.get(norm(toks, j + 1)) else {
            break;
        };
        lo *= m;
        hi *= m;
        j += 2;
    }
    Some(((lo, hi), j))
}

/// A number without approximation marker or range at token `i`.
pub(crate) fn core_at(toks: &[Tok<'_>], i: usize) -> Option<Num> {
    let lx = &*LEXICON;
    let t = toks.get(i)?;
    let num = |end, lo, hi, magnitude, vague, words| Num {
        start: i,
        end,
        lo,
        hi,
        approx: vague,
        magnitude,
        vague,
        words,
    };
    if t.kind == Kind::Num {
        if let Some((m, end)) = magnitude_at(lx, toks, i + 1) {
            return Some(num(end, t.value * m, None, m, false, false));
        }
        return Some(num(i + 1, t.value, None, 1.0, false, false));
    }
    if t.kind != Kind::Word {
        return None;
    }
    // "un million", "a decade", "une cinquantaine", "un demi-milliard".
    if lx.indefinite.contains_key(&*t.norm) {
        let next = norm(toks, i + 1);
        if let Some((m, end)) = magnitude_at(lx, toks, i + 1) {
            return Some(num(end, m, None, m, false, true));
        }
        if let Some(h) = lx.hundreds.get(next) {
            return Some(num(i + 2, *h, None, 1.0, false, true));
        }
        if lx.approx_nouns.contains_key(next) {
            return core_at(toks, i + 1).map(|n| Num { start: i, ..n });
        }
        if lx.indefinite_time_units.contains(next) {
            return Some(num(i + 1, 1.0, None, 1.0, false, true));
        }
        return None;
    }
    if let Some(v) = lx.approx_nouns.get(&*t.norm) {
        let mut n = num(i + 1, *v, None, 1.0, true, true);
        if lx.of.contains(norm(toks, i + 1))
            && let Some(((m, _), end)) = vague_plural_at(lx, toks, i + 2)
        {
            n.lo *= m;
            n.magnitude = m;
            n.end = end;
        }
        return Some(n);
    }
    if let Some(((lo, hi), end)) = vague_plural_at(lx, toks, i) {
        return Some(num(end, lo, Some(hi), lo, true, true));
    }
    if let Some((n, &(lo, hi))) = lx.vague_words.at(toks, i) {
        let j = i + n;
        if let Some(((m, _), end)) = vague_plural_at(lx, toks, j)
            .or_else(|| magnitude_at(lx, toks, j).map(|(m, e)| ((m, m), e)))
        {
            return Some(num(end, lo * m, Some(hi * m), m, true, true));
        }
        return Some(num(j, lo, Some(hi), 1.0, true, true));
    }
    if let Some(m) = lx.magnitudes.get(&*t.norm)
        && t.norm.starts_with("demi")
    {
        return Some(num(i + 1, *m, None, *m, false, true));
    }
    let (v, end) = words_at(lx, toks, i)?;
    if let Some((m, end)) = magnitude_at(lx, toks, end) {
        return Some(num(end, v * m, None, m, false, true));
    }
    Some(num(end, v, None, 1.0, false, true))
}

/// A number with its approximation marker and range, if any, at token `i`.
pub(crate) fn number_at(toks: &[Tok<'_>], i: usize) -> Option<Num> {
    let lx = &*LEXICON;
    let marker = match_any(toks, i, &lx.approx_markers);
    let j = i + marker.unwrap_or(0);
    let approx = marker.is_some();
    let with_marker = |mut n: Num| {
        n.start = i;
        n.approx |= approx;
        n
    };
    // "entre 10 et 12", "de 1 à 3".
    if lx.range_openers.contains(norm(toks, j))
        && let Some(a) = core_at(toks, j + 1)
        && let Some(r) = range_end(toks, &a, true)
    {
        return Some(with_marker(r));
    }
    let a = core_at(toks, j)?;
    if let Some(r) = range_end(toks, &a, false) {
        return Some(with_marker(r));
    }
    Some(with_marker(a))
}

/// Completes a range whose first number is `a`: "10 à 12", "40 et 50 millions".
fn range_end(toks: &[Tok<'_>], a: &Num, opened: bool) -> Option<Num> {
    let lx = &*LEXICON;
    let joiner = norm(toks, a.end);
    if !lx.range_joiners.contains(joiner)
        || (!opened && lx.range_joiners_need_opener.contains(joiner))
        || a.vague
    {
        return None;
    }
    let b = core_at(toks, a.end + 1)?;
    if b.vague || a.words != b.words && !opened {
        return None;
    }
    // The magnitude of the second number applies to the first when it has none.
    let lo = if a.magnitude == 1.0 && a.lo * b.magnitude <= b.lo {
        a.lo * b.magnitude
    } else {
        a.lo
    };
    (b.lo > lo).then_some(Num {
        start: a.start,
        end: b.end,
        lo,
        hi: Some(b.lo),
        approx: false,
        magnitude: b.magnitude,
        vague: false,
        words: a.words && b.words,
    })
}

/// True when token `i` reads as a year: a plain four-digit number 1900–2100 that is neither an
/// amount ("2000 dollars", "2000 personnes") nor part of a larger number.
pub(crate) fn year_at(toks: &[Tok<'_>], i: usize) -> bool {
    let lx = &*LEXICON;
    let Some(t) = toks.get(i) else { return false };
    if t.kind != Kind::Num || !t.plain || t.digits() != 4 || !(1900.0..=2100.0).contains(&t.value) {
        return false;
    }
    if let Some(next) = toks.get(i + 1) {
        let glued = next.start == t.end;
        if glued && next.kind == Kind::Word {
            return false;
        }
        if (next.kind == Kind::Punct && (lx.symbols.contains_key(next.raw) || next.raw == "%"))
            || magnitude_at(lx, toks, i + 1).is_some()
            || lx.symbols.contains_key(next.raw)
            || lx.time_units.contains_key(&*next.norm)
            || match_any(toks, i + 1, &lx.percent).is_some()
            || lx.currency_words.at(toks, i + 1).is_some()
        {
            return false;
        }
    }
    // A noun after the number makes it a count; after a date cue ("et 2000 personnes"), only a
    // plural one does ("en 2018 lorsque" stays a year).
    let noun = counted_noun(toks, i + 1)
        .filter(|&k| toks[k].start > t.end && toks[k].raw.starts_with(char::is_lowercase));
    let plural = noun.is_some_and(|k| toks[k].norm.ends_with(['s', 'x']));
    if i > 0 {
        let prev = &toks[i - 1];
        if lx.months.contains_key(&*prev.norm)
            || ends_before(toks, i, &lx.date_point)
            || ends_before(toks, i, &lx.since)
            || ends_before(toks, i, &lx.until)
            || ends_before(toks, i, &lx.period_openers)
            || ends_before(toks, i, &lx.period_joiners)
        {
            return !plural;
        }
        if ends_before(toks, i, &lx.approx_markers) {
            return false;
        }
    }
    noun.is_none()
}

/// The noun counted by a number ending before token `i`, skipping pre-noun adjectives: its
/// token index. Function words, months, weekdays, time units and currencies are not nouns.
pub(crate) fn counted_noun(toks: &[Tok<'_>], mut i: usize) -> Option<usize> {
    let lx = &*LEXICON;
    let is_noun = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.kind == Kind::Word
                && t.norm.chars().count() >= 2
                && !t.norm.ends_with('\'')
                && !lx.not_counted.contains(&*t.norm)
                && !lx.months.contains_key(&*t.norm)
                && !lx.weekdays.contains_key(&*t.norm)
                && !lx.time_units.contains_key(&*t.norm)
                && !lx.magnitudes.contains_key(&*t.norm)
                && !lx.vague_plurals.contains_key(&*t.norm)
        })
    };
    // At most two adjectives ("d'anciens hauts responsables"): bounded for linear time.
    let first = i;
    while lx.pre_noun_adjectives.contains(norm(toks, i)) && is_noun(i + 1) && i < first + 2 {
        i += 1;
    }
    if !is_noun(i) {
        return None;
    }
    // A capitalised word is a name ("3 Netflix"), a modifier before the noun ("two American
    // citizens", "150 Netflix employees"), or a plural of nationality ("2 millions de Français").
    let t = &toks[i];
    if t.raw.starts_with(char::is_uppercase) && !t.norm.ends_with('s') {
        let modifier = is_noun(i + 1)
            && toks[i + 1].raw.starts_with(char::is_lowercase)
            && toks[i + 1].norm.ends_with('s');
        return modifier.then_some(i + 1);
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<Num> {
        let t = tokens(s);
        number_at(&t, 0)
    }

    fn value(s: &str) -> f64 {
        num(s).map_or(f64::NAN, |n| n.lo)
    }

    #[test]
    fn words_and_magnitudes() {
        assert_eq!(value("deux"), 2.0);
        assert_eq!(value("vingt-deux"), 22.0);
        assert_eq!(value("quatre-vingt-dix"), 90.0);
        assert_eq!(value("quatre-vingts"), 80.0);
        assert_eq!(value("soixante et onze"), 71.0);
        assert_eq!(value("two hundred and fifty"), 250.0);
        assert_eq!(value("deux mille"), 2000.0);
        assert_eq!(value("150 millions"), 150e6);
        assert_eq!(value("1,5 milliard"), 1.5e9);
        assert_eq!(value("un milliard et demi"), 1.5e9);
        assert_eq!(value("un demi-milliard"), 5e8);
        assert_eq!(value("40 M"), 40e6);
        assert_eq!(value("a million"), 1e6);
        assert_eq!(value("un billion d'euros"), 1e12);
        assert_eq!(value("one billion dollars"), 1e9);
        assert!(num("un utilisateur").is_none());
    }

    #[test]
    fn vague_and_approximate() {
        let n = num("des centaines de millions").unwrap_or_else(|| num("centaines").unwrap());
        let n2 = num("centaines de millions").unwrap();
        assert_eq!((n2.lo, n2.hi), (1e8, Some(1e9)));
        assert!(n2.approx && n.approx);
        let n = num("plusieurs millions").unwrap();
        assert_eq!((n.lo, n.hi), (2e6, Some(9e6)));
        let n = num("une cinquantaine").unwrap();
        assert_eq!((n.lo, n.approx), (50.0, true));
        let n = num("près de 150").unwrap();
        assert_eq!((n.lo, n.approx), (150.0, true));
        let n = num("près d’une décennie");
        assert!(n.is_some_and(|n| n.approx && n.lo == 1.0));
    }

    #[test]
    fn ranges() {
        let n = num("entre 10 et 12").unwrap();
        assert_eq!((n.lo, n.hi), (10.0, Some(12.0)));
        let n = num("entre 40 et 50 millions").unwrap();
        assert_eq!((n.lo, n.hi), (40e6, Some(50e6)));
        let n = num("10 à 12").unwrap();
        assert_eq!(n.hi, Some(12.0));
        assert_eq!(num("deux et trois").unwrap().hi, None);
    }

    #[test]
    fn years() {
        let t = tokens("en 2018 par le journal, 2000 personnes et 26112 et 2.0");
        assert!(year_at(&t, 1));
        assert!(!year_at(&t, 6));
        assert!(
            t.iter()
                .enumerate()
                .filter(|(i, _)| year_at(&t, *i))
                .count()
                == 1
        );
        let t = tokens("2010 dollars");
        assert!(!year_at(&t, 0));
    }
}
