//! Dates and periods, normalised; relative ones resolved against the article's date.
//!
//! Recognised: ISO dates ("2024-04-02"), "02/04/2024" (day first unless impossible), "le 23
//! mars \[2024\]", "March 23, 2024", "mai 2018", plausible years (1900–2100, see
//! [`super::numbers::year_at`]), months after a cue ("en avril"), periods ("entre 2011 et
//! 2019", "de 2011 à 2019", "2011–2019", "les années 2010"), open periods ("depuis 2019",
//! "jusqu'en avril 2019"), references relative to the article date ("la semaine dernière",
//! "l'an dernier", "hier", "il y a deux ans", "mardi"). A date without its year takes the
//! article's, moved by a year when that puts it more than six months away.
//!
//! Decisions: a weekday alone is kept only when the article date has a day (otherwise it names
//! nothing checkable); "il y a deux ans" is a date (counted back from the article date), not a
//! duration, and a vague one ("il y a plusieurs années") is a relative period; relative
//! references that cannot be resolved are still emitted, with neither end.

use super::calendar::{add_months, year_only};
pub(crate) use super::calendar::{civil_from_days, days_from_civil, days_in_month};
use super::numbers::{
    Kind, Tok, ends_before, match_any, may_start, norm, number_at, slice, tokens, year_at,
};
use super::numwords::{LEXICON, TimeUnit};
use super::{DatePrecision, DateRef};
use crate::corpus::PartialDate;
use compact_str::CompactString;

/// Every date or period stated in `sentence`; spans are shifted by `base` (the sentence's char
/// offset in its article). `article_date` resolves "le 23 mars", "la semaine dernière".
pub fn dates(sentence: &str, base: usize, article_date: Option<PartialDate>) -> Vec<DateRef> {
    dates_in(sentence, &tokens(sentence), base, article_date)
}

/// [`dates`] on the sentence's tokens `toks` (from [`super::numbers::tokens`]), which
/// extraction computes once for both normalisers.
pub(crate) fn dates_in(
    sentence: &str,
    toks: &[Tok<'_>],
    base: usize,
    article_date: Option<PartialDate>,
) -> Vec<DateRef> {
    let lx = &*LEXICON;
    // Numbers start a date only before "ago" ("two years ago"): rare, so checked once.
    let has_ago = (0..toks.len()).any(|i| match_any(toks, i, &lx.ago_after).is_some());
    let cx = Cx {
        toks,
        article: article_date,
        has_ago,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most words cannot start a date: one look-up skips them.
        let t = &toks[i];
        if t.kind != Kind::Num
            && !may_start(&lx.date_starts, t)
            && !(has_ago
                && (may_start(&lx.number_starts, t)
                    || lx.indefinite.contains_key(&*t.norm)
                    || match_any(toks, i, &lx.approx_markers).is_some()))
        {
            i += 1;
            continue;
        }
        match cx.date_at(i) {
            Some(f) => {
                let (text, span) = slice(sentence, toks, f.start, f.end, base);
                i = f.end.max(i + 1);
                out.push(DateRef {
                    text: CompactString::new(text),
                    from: f.from,
                    to: f.to,
                    precision: f.precision,
                    relative: f.relative,
                    span,
                });
            }
            None => i += 1,
        }
    }
    out
}

/// A date as written, its year possibly missing, ending before token `end`.
#[derive(Debug, Clone, Copy)]
struct Point {
    end: usize,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

/// A date reference found at tokens `start..end`.
struct Found {
    start: usize,
    end: usize,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    precision: DatePrecision,
    relative: bool,
}

struct Cx<'t, 'a> {
    toks: &'t [Tok<'a>],
    article: Option<PartialDate>,
    /// The sentence has an "ago" word.
    has_ago: bool,
}

impl Cx<'_, '_> {
    fn norm(&self, i: usize) -> &str {
        norm(self.toks, i)
    }

    fn num(&self, i: usize, max_digits: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Num && t.plain && t.end - t.start <= max_digits).then_some(t.value as u32)
    }

    fn glued(&self, i: usize) -> bool {
        i > 0
            && self
                .toks
                .get(i)
                .is_some_and(|t| t.start == self.toks[i - 1].end)
    }

    fn punct(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.norm == c)
    }

    /// A month name at `i` (abbreviations only when `abbrev`): number and end (past a ".").
    fn month(&self, i: usize, abbrev: bool) -> Option<(u8, usize)> {
        let lx = &*LEXICON;
        let n = self.norm(i);
        if let Some(m) = lx.months.get(n) {
            return Some((*m, i + 1));
        }
        let m = lx.month_abbreviations.get(n).filter(|_| abbrev)?;
        Some((*m, if self.punct(i + 1, ".") { i + 2 } else { i + 1 }))
    }

    /// A day of the month at `i`, with its ordinal suffix: day and end.
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        let d = self.num(i, 2).filter(|d| (1..=31).contains(d))? as u8;
        let suffix = self.glued(i + 1) && LEXICON.ordinal_suffixes.contains(self.norm(i + 1));
        Some((d, if suffix { i + 2 } else { i + 1 }))
    }

    /// A year at `i` right after a day or month (no cue needed).
    fn year_after(&self, i: usize) -> Option<i32> {
        let y = self.num(i, 4).filter(|y| (1900..=2100).contains(y))?;
        (self.toks[i].end - self.toks[i].start == 4).then_some(y as i32)
    }

    /// A date at `i`; `bare_month` accepts a month alone ("avril" in "entre mars et avril").
    fn point(&self, i: usize, bare_month: bool) -> Option<Point> {
        let lx = &*LEXICON;
        let p = |end, year, month, day| Point {
            end,
            year,
            month,
            day,
        };
        // ISO: 2024-04-02, 2024-04.
        if let Some(y) = self.year_after(i)
            && self.punct(i + 1, "-")
            && self.glued(i + 1)
            && self.glued(i + 2)
            && let Some(m) = self.num(i + 2, 2).filter(|m| (1..=12).contains(m))
        {
            let two = self.toks[i + 2].end - self.toks[i + 2].start == 2;
            if self.punct(i + 3, "-")
                && self.glued(i + 3)
                && self.glued(i + 4)
                && let Some(d) = self
                    .num(i + 4, 2)
                    .filter(|d| *d >= 1 && *d <= days_in_month(y, m as u8).into())
            {
                return Some(p(i + 5, Some(y), Some(m as u8), Some(d as u8)));
            }
            if two && self.norm(i + 2).starts_with('0') {
                return Some(p(i + 3, Some(y), Some(m as u8), None));
            }
        }
        // 02/04/2024: day first unless the second part cannot be a month.
        if let (Some(a), Some(b)) = (self.num(i, 2), self.num(i + 2, 2))
            && self.punct(i + 1, "/")
            && self.punct(i + 3, "/")
            && (2..=4).all(|k| self.glued(i + k))
            && let Some(y) = self.year_after(i + 4)
        {
            let (d, m) = if b > 12 { (b, a) } else { (a, b) };
            if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m as u8).into() {
                return Some(p(i + 5, Some(y), Some(m as u8), Some(d as u8)));
            }
        }
        // 23 mars [2024], 1er mars, 23 March 2024, the 5th of May.
        if let Some((d, j)) = self.day(i)
            && let Some((m, k)) = self.month(j + usize::from(self.norm(j) == "of"), true)
        {
            let year = self.year_after(k);
            return Some(p(k + usize::from(year.is_some()), year, Some(m), Some(d)));
        }
        // March 23, 2024 (English order, capitalised month).
        if self
            .toks
            .get(i)
            .is_some_and(|t| t.raw.starts_with(char::is_uppercase))
            && let Some((m, j)) = self.month(i, true)
            && let Some((d, k)) = self.day(j)
        {
            let comma = usize::from(self.punct(k, ","));
            let year = self.year_after(k + comma);
            let end = if year.is_some() { k + comma + 1 } else { k };
            return Some(p(end, year, Some(m), Some(d)));
        }
        // mai 2018, Sept. 2019.
        if let Some((m, j)) = self.month(i, true)
            && let Some(y) = self.year_after(j)
        {
            return Some(p(j + 1, Some(y), Some(m), None));
        }
        if year_at(self.toks, i) && !(self.glued(i + 1) && self.norm(i + 1) == "s") {
            return Some(p(i + 1, Some(self.toks[i].value as i32), None, None));
        }
        // A month alone, after a cue: "en avril", "in May".
        let cue = bare_month
            || ends_before(self.toks, i, &lx.date_point)
            || ends_before(self.toks, i, &lx.since)
            || ends_before(self.toks, i, &lx.until);
        if cue
            && let Some((m, j)) = self.month(i, false)
            && (self.norm(i) != "may" || self.toks[i].raw.starts_with('M'))
        {
            return Some(p(j, None, Some(m), None));
        }
        None
    }

    /// The dates a point stands for, its year taken from the article when missing.
    fn resolve(&self, p: &Point) -> (Option<PartialDate>, bool) {
        match (p.year, self.article) {
            (Some(year), _) => (
                Some(PartialDate {
                    year,
                    month: p.month,
                    day: p.day,
                }),
                false,
            ),
            (None, Some(a)) => {
                let mut year = a.year;
                if let (Some(m), Some(am)) = (p.month, a.month) {
                    let diff = i32::from(m) - i32::from(am);
                    year += i32::from(diff < -6) - i32::from(diff > 6);
                }
                let day = p
                    .day
                    .filter(|d| p.month.is_some_and(|m| *d <= days_in_month(year, m)));
                let date = PartialDate {
                    year,
                    month: p.month,
                    day,
                };
                (Some(date), true)
            }
            (None, None) => (None, false),
        }
    }

    fn single(&self, p: &Point, start: usize) -> Found {
        let (d, relative) = self.resolve(p);
        let precision = match (p.month, p.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        };
        Found {
            start,
            end: p.end,
            from: d,
            to: d,
            precision,
            relative,
        }
    }

    fn date_at(&self, i: usize) -> Option<Found> {
        let lx = &*LEXICON;
        if let Some((n, &(unit, offset))) = lx.relative.at(self.toks, i) {
            return Some(self.relative(i, i + n, unit, offset, offset));
        }
        if let Some(f) = self.ago(i) {
            return Some(f);
        }
        if let Some(f) = self.decade(i) {
            return Some(f);
        }
        if let Some(f) = self.period(i) {
            return Some(f);
        }
        if let Some(n) = match_any(self.toks, i, &lx.since) {
            let p = self.point(i + n, true)?;
            let (from, relative) = self.resolve(&p);
            return Some(self.open(i, p.end, from, None, relative));
        }
        if let Some(n) = match_any(self.toks, i, &lx.until) {
            let p = self.point(i + n, true)?;
            let (to, relative) = self.resolve(&p);
            return Some(self.open(i, p.end, None, to, relative));
        }
        if let Some(&wd) = lx.weekdays.get(self.norm(i)) {
            if let Some(p) = self.point(i + 1, false).filter(|p| p.day.is_some()) {
                return Some(self.single(&p, i + 1));
            }
            return self.weekday(i, wd);
        }
        let p = self.point(i, false)?;
        Some(self.single(&p, i))
    }

    fn open(
        &self,
        start: usize,
        end: usize,
        from: Option<PartialDate>,
        to: Option<PartialDate>,
        relative: bool,
    ) -> Found {
        Found {
            start,
            end,
            from,
            to,
            precision: DatePrecision::Period,
            relative,
        }
    }

    /// "entre 2011 et 2019", "de mars à mai 2018", "2011–2019", "entre le 1er et le 15 mars".
    fn period(&self, i: usize) -> Option<Found> {
        let lx = &*LEXICON;
        let opener = match_any(self.toks, i, &lx.period_openers);
        let article = |k: usize| k + usize::from(lx.articles.contains(self.norm(k)));
        let start = if opener.is_some() {
            article(i + opener.unwrap_or(0))
        } else {
            i
        };
        // The first end may be a day alone when the second names the month.
        let a = self.point(start, opener.is_some()).or_else(|| {
            let (day, end) = self.day(start).filter(|_| opener.is_some())?;
            Some(Point {
                end,
                year: None,
                month: None,
                day: Some(day),
            })
        })?;
        let joiner = match_any(self.toks, a.end, &lx.period_joiners)?;
        if opener.is_none() && !(self.punct(a.end, "-") && a.year.is_some() && a.month.is_none()) {
            return None;
        }
        let mut b = self.point(article(a.end + joiner), true)?;
        let mut a = a;
        if a.month.is_none() && a.day.is_some() {
            b.day?;
            a.month = b.month;
            a.year = b.year;
        }
        if a.year.is_none() && b.year.is_some() {
            let later = a.month > b.month;
            a.year = b.year.map(|y| y - i32::from(later));
        }
        if b.year.is_none() && a.year.is_some() && b.month.is_some() {
            b.year = a.year.map(|y| y + i32::from(b.month < a.month));
        }
        let (from, r1) = self.resolve(&a);
        let (to, r2) = self.resolve(&b);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return None;
        }
        Some(self.open(i, b.end, from, to, r1 || r2))
    }

    /// "les années 2010", "the 2010s", "2010s".
    fn decade(&self, i: usize) -> Option<Found> {
        let n = match_any(self.toks, i, &LEXICON.decade_before).unwrap_or(0);
        let y = self.year_after(i + n).filter(|y| y % 10 == 0)?;
        let s = self.glued(i + n + 1) && self.norm(i + n + 1) == "s";
        if !s && (n == 0 || self.norm(i) == "the") {
            return None;
        }
        let from = Some(year_only(y));
        let to = Some(year_only(y + 9));
        Some(self.open(i, i + n + 1 + usize::from(s), from, to, false))
    }

    /// "il y a deux ans", "two years ago", "il y a plusieurs années".
    fn ago(&self, i: usize) -> Option<Found> {
        let lx = &*LEXICON;
        let before = match_any(self.toks, i, &lx.ago_before);
        if before.is_none() && !self.has_ago {
            return None;
        }
        let n = number_at(self.toks, i + before.unwrap_or(0))?;
        let &(unit, factor) = lx.time_units.get(self.norm(n.end))?;
        let after = match_any(self.toks, n.end + 1, &lx.ago_after);
        let end = n.end + 1 + after.unwrap_or(0);
        if before.is_none() == after.is_none() {
            return None;
        }
        let lo = (n.lo * factor).round() as i32;
        let hi = (n.hi.unwrap_or(n.lo) * factor).round() as i32;
        Some(self.relative(i, end, unit, -hi, -lo))
    }

    /// A reference `lo..=hi` units away from the article date.
    fn relative(&self, start: usize, end: usize, unit: TimeUnit, lo: i32, hi: i32) -> Found {
        let mut f = Found {
            start,
            end,
            from: None,
            to: None,
            precision: match unit {
                TimeUnit::Year => DatePrecision::Year,
                TimeUnit::Month => DatePrecision::Month,
                TimeUnit::Week => DatePrecision::Week,
                _ => DatePrecision::Day,
            },
            relative: false,
        };
        if lo != hi {
            f.precision = DatePrecision::Period;
        }
        let Some(a) = self.article else { return f };
        let range = match (unit, a.month, a.day) {
            (TimeUnit::Year, ..) => Some((year_only(a.year + lo), year_only(a.year + hi))),
            (TimeUnit::Month, Some(m), _) => {
                Some((add_months(a.year, m, lo), add_months(a.year, m, hi)))
            }
            (TimeUnit::Week | TimeUnit::Day, Some(m), Some(d)) => {
                let z = days_from_civil(a.year, m, d);
                if unit == TimeUnit::Week {
                    let monday = z - (z + 3).rem_euclid(7);
                    Some((
                        civil_from_days(monday + 7 * i64::from(lo)),
                        civil_from_days(monday + 7 * i64::from(hi) + 6),
                    ))
                } else {
                    Some((
                        civil_from_days(z + i64::from(lo)),
                        civil_from_days(z + i64::from(hi)),
                    ))
                }
            }
            // The article's month only: the reference lies in it or the month next to it.
            (TimeUnit::Week | TimeUnit::Day, Some(m), None) => Some((
                add_months(a.year, m, lo.clamp(-1, 0)),
                add_months(a.year, m, hi.clamp(0, 1)),
            )),
            _ => None,
        };
        if let Some((from, to)) = range {
            f.from = Some(from);
            f.to = Some(to);
            f.relative = true;
        }
        f
    }

    /// "mardi": the last such weekday on or before the article date, when it has a day.
    fn weekday(&self, i: usize, wd: u8) -> Option<Found> {
        let a = self.article?;
        let z = days_from_civil(a.year, a.month?, a.day?);
        let today = (z + 3).rem_euclid(7) + 1;
        let back = (today - i64::from(wd)).rem_euclid(7);
        let d = Some(civil_from_days(z - back));
        Some(Found {
            start: i,
            end: i + 1,
            from: d,
            to: d,
            precision: DatePrecision::Day,
            relative: true,
        })
    }
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
