//! Comparison and canonical display of normalised values, for the fact aligner and the UI.
//!
//! Two statements of the same fact rarely write its value the same way: "près de dix ans" and
//! "près d'une décennie", "2018" and "mai 2018", "1,5 milliard" and "1 524 millions". The
//! aligner needs to know whether two values agree (Equal, Compatible), disagree (Conflict) or
//! cannot be compared (Unrelated: different kinds, currencies, counted things, or a relative
//! date that could not be resolved). Tolerances are stated once here:
//!
//! * an approximate value ("environ", "près de", "plus de") stands for ±[`APPROX_TOLERANCE`];
//! * two exact values agree when the more precise one, rounded to the other's significant
//!   digits, gives it back and they differ by at most [`ROUNDING_TOLERANCE`] ("1,5 milliard"
//!   vs "1 524 millions"), but 725 M and 750 M conflict;
//! * a range or vague amount ("des centaines de millions") agrees with what it contains;
//! * dates agree when each end of one nests in the matching end of the other ("entre 2011 et
//!   2019" vs "jusqu'en avril 2019"), or when a single date lies inside a period.

use super::dates::days_from_civil;
use super::dates::days_in_month;
use super::{DateRef, Quantity, QuantityKind};
use crate::corpus::PartialDate;
use crate::text::fold::fold;

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueMatch {
    /// The same value.
    Equal,
    /// One refines or contains the other, or both are approximate and close enough.
    Compatible,
    /// Same kind and unit, incompatible values.
    Conflict,
    /// Different kinds or units: not comparable.
    Unrelated,
}

/// Relative half-width of an approximate value ("environ 150" = 135..165).
pub const APPROX_TOLERANCE: f64 = 0.10;

/// Largest relative gap between two exact values that agree after rounding.
pub const ROUNDING_TOLERANCE: f64 = 0.05;

/// Days in a time unit, to compare "une décennie" with "120 mois".
fn days_per(unit: &str) -> Option<f64> {
    Some(match unit {
        "minute" => 1.0 / 1440.0,
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 365.2425 / 12.0,
        "year" => 365.2425,
        _ => return None,
    })
}

/// A counted noun reduced for comparison: folded, singular ("Utilisateurs" → "utilisateur").
fn noun_key(unit: &str) -> String {
    let mut k = fold(unit.trim());
    if k.chars().count() > 3 && (k.ends_with('s') || k.ends_with('x')) {
        k.pop();
    }
    k
}

/// The interval a quantity stands for, in a common scale, without tolerance.
fn interval(q: &Quantity, scale: f64) -> (f64, f64) {
    let lo = q.value * scale;
    let hi = q.max.unwrap_or(q.value).max(q.value) * scale;
    (lo, hi)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// Number of significant digits of `v` (at most 15).
fn significant_digits(v: f64) -> i32 {
    if v == 0.0 || !v.is_finite() {
        return 1;
    }
    let e = v.abs().log10().floor() as i32;
    (1..=15)
        .find(|k| close(round_to(v, *k, e), v))
        .unwrap_or(15)
}

fn round_to(v: f64, digits: i32, exponent: i32) -> f64 {
    let p = 10f64.powi(exponent - digits + 1);
    (v / p).round() * p
}

/// Compares two quantities.
pub fn compare_quantities(a: &Quantity, b: &Quantity) -> ValueMatch {
    if a.kind != b.kind {
        return ValueMatch::Unrelated;
    }
    let (sa, sb) = match a.kind {
        QuantityKind::Duration | QuantityKind::Frequency => {
            match (
                a.unit.as_deref().and_then(days_per),
                b.unit.as_deref().and_then(days_per),
            ) {
                (Some(x), Some(y)) => (x, y),
                _ if a.unit == b.unit => (1.0, 1.0),
                _ => return ValueMatch::Unrelated,
            }
        }
        QuantityKind::Money if a.unit != b.unit => return ValueMatch::Unrelated,
        QuantityKind::Count => match (&a.unit, &b.unit) {
            (Some(x), Some(y)) if noun_key(x) != noun_key(y) => return ValueMatch::Unrelated,
            // What is counted is known on one side only: agree on the number or say nothing.
            (Some(_), None) | (None, Some(_)) => {
                let same = close(a.value, b.value) && a.max == b.max;
                return if same {
                    ValueMatch::Compatible
                } else {
                    ValueMatch::Unrelated
                };
            }
            _ => (1.0, 1.0),
        },
        _ => (1.0, 1.0),
    };
    let (alo, ahi) = interval(a, sa);
    let (blo, bhi) = interval(b, sb);
    if close(alo, blo) && close(ahi, bhi) {
        return if a.approx == b.approx {
            ValueMatch::Equal
        } else {
            ValueMatch::Compatible
        };
    }
    let contains =
        |lo: f64, hi: f64, x: f64, y: f64| lo <= x + 1e-9 * x.abs() && y <= hi + 1e-9 * hi.abs();
    if contains(alo, ahi, blo, bhi) || contains(blo, bhi, alo, ahi) {
        return ValueMatch::Compatible;
    }
    if a.approx || b.approx {
        let widen = |lo: f64, hi: f64, approx: bool| {
            let t = if approx { APPROX_TOLERANCE } else { 0.0 };
            (lo * (1.0 - t), hi * (1.0 + t))
        };
        let (alo, ahi) = widen(alo, ahi, a.approx);
        let (blo, bhi) = widen(blo, bhi, b.approx);
        if alo <= bhi && blo <= ahi {
            return ValueMatch::Compatible;
        }
        return ValueMatch::Conflict;
    }
    if a.max.is_none() && b.max.is_none() && alo > 0.0 && blo > 0.0 {
        let digits = significant_digits(alo).min(significant_digits(blo));
        let e = alo.max(blo).log10().floor() as i32;
        let gap = (alo - blo).abs() / alo.max(blo);
        if gap <= ROUNDING_TOLERANCE && close(round_to(alo, digits, e), round_to(blo, digits, e)) {
            return ValueMatch::Compatible;
        }
    }
    ValueMatch::Conflict
}

/// First and last day (days since 1970) of a partial date.
fn day_range(d: &PartialDate) -> (i64, i64) {
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let z = days_from_civil(d.year, m, day);
            (z, z)
        }
        (Some(m), None) => (
            days_from_civil(d.year, m, 1),
            days_from_civil(d.year, m, days_in_month(d.year, m)),
        ),
        _ => (
            days_from_civil(d.year, 1, 1),
            days_from_civil(d.year, 12, 31),
        ),
    }
}

/// True when one date lies within the other ("mai 2018" within "2018").
fn nests(a: &PartialDate, b: &PartialDate) -> bool {
    let ((a0, a1), (b0, b1)) = (day_range(a), day_range(b));
    (a0 >= b0 && a1 <= b1) || (b0 >= a0 && b1 <= a1)
}

/// Ends compatible: unknown on one side, or nested.
fn ends_agree(a: &Option<PartialDate>, b: &Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => nests(x, y),
        _ => true,
    }
}

/// Compares two dates or periods.
pub fn compare_dates(a: &DateRef, b: &DateRef) -> ValueMatch {
    let unresolved = |d: &DateRef| d.from.is_none() && d.to.is_none();
    if unresolved(a) || unresolved(b) {
        return ValueMatch::Unrelated;
    }
    if a.from == b.from && a.to == b.to {
        return ValueMatch::Equal;
    }
    if ends_agree(&a.from, &b.from) && ends_agree(&a.to, &b.to) {
        return ValueMatch::Compatible;
    }
    // A single date inside a period ("en 2015" within "entre 2011 et 2019").
    let bounds = |d: &DateRef| {
        let lo = d.from.as_ref().map_or(i64::MIN, |f| day_range(f).0);
        let hi = d.to.as_ref().map_or(i64::MAX, |t| day_range(t).1);
        (lo, hi)
    };
    let single = |d: &DateRef| d.from.is_some() && d.from == d.to;
    let ((a0, a1), (b0, b1)) = (bounds(a), bounds(b));
    let inside = (single(a) && a0 >= b0 && a1 <= b1) || (single(b) && b0 >= a0 && b1 <= a1);
    if inside {
        ValueMatch::Compatible
    } else {
        ValueMatch::Conflict
    }
}

/// A number for display: "150 M", "1.5 Md", "87 000", "12.5".
fn amount(v: f64, magnitudes: bool) -> String {
    let (v, suffix) = match v.abs() {
        x if magnitudes && x >= 1e9 => (v / 1e9, " Md"),
        x if magnitudes && x >= 1e6 => (v / 1e6, " M"),
        _ => (v, ""),
    };
    let mut s = format!("{v:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    // Thousands grouped with a narrow no-break space, as French typography does.
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    format!("{sign}{grouped}{frac}{suffix}")
}

/// French name of a time unit, singular or plural, and whether it is feminine.
fn unit_name(unit: &str, plural: bool) -> (&str, bool) {
    let (one, many, fem) = match unit {
        "year" => ("an", "ans", false),
        "month" => ("mois", "mois", false),
        "week" => ("semaine", "semaines", true),
        "day" => ("jour", "jours", false),
        "hour" => ("heure", "heures", true),
        "minute" => ("minute", "minutes", true),
        other => (other, other, false),
    };
    (if plural { many } else { one }, fem)
}

/// Canonical short display: "150 M USD", "≈10 ans", "toutes les 2 semaines", "12 %".
pub fn quantity_label(q: &Quantity) -> String {
    let approx = if q.approx { "≈" } else { "" };
    let range = |magnitudes: bool| match q.max {
        Some(m) if !close(m, q.value) => {
            format!("{}–{}", amount(q.value, magnitudes), amount(m, magnitudes))
        }
        _ => amount(q.value, magnitudes),
    };
    let unit = q.unit.as_deref().unwrap_or("");
    let plural = q.max.unwrap_or(q.value) >= 2.0;
    match q.kind {
        QuantityKind::Money => format!("{approx}{} {unit}", range(true)),
        QuantityKind::Count if unit.is_empty() => format!("{approx}{}", range(true)),
        QuantityKind::Count => format!("{approx}{} {unit}", range(true)),
        QuantityKind::Percent => format!("{approx}{} %", range(false)),
        QuantityKind::Duration => format!("{approx}{} {}", range(false), unit_name(unit, plural).0),
        QuantityKind::Frequency => {
            let every = if unit == "year" {
                "année"
            } else {
                unit_name(unit, false).0
            };
            if close(q.value, 1.0) && q.max.is_none() {
                format!("{approx}chaque {every}")
            } else if q.value < 1.0 && q.value > 0.0 {
                format!(
                    "{approx}{} fois par {}",
                    amount(1.0 / q.value, false),
                    unit_name(unit, false).0
                )
            } else {
                let (name, fem) = unit_name(unit, true);
                let all = if fem { "toutes les" } else { "tous les" };
                format!("{approx}{all} {} {name}", range(false))
            }
        }
    }
}

/// Canonical short display: "2013-08", "2011–2019", "…–2019-04", "?" when unresolved.
pub fn date_label(d: &DateRef) -> String {
    match (&d.from, &d.to) {
        (None, None) => "?".to_string(),
        (Some(f), Some(t)) if f == t => f.to_string(),
        (f, t) => {
            let end = |x: &Option<PartialDate>| x.map_or("…".to_string(), |x| x.to_string());
            format!("{}–{}", end(f), end(t))
        }
    }
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
