//! Divergence inside a fact: members from different articles that give incompatible values
//! for the same role.
//!
//! Values are compared as values, not as wording: "entre 2011 et 2019" and "jusqu'en avril
//! 2019" overlap, so they are compatible refinements; "en 2020" and "en avril 2023" do not.
//! Two members conflict on a role only when both state values of that role and no value of one
//! is compatible with a value of the other — a claim that mentions an unrelated extra date
//! does not raise a conflict as long as they also agree on one.

use super::Conflict;
use crate::claims::{Claim, DateRef, Quantity, QuantityKind};
use crate::corpus::PartialDate;

/// First and last day (as a rough day number) a partial date covers.
fn day_range(d: PartialDate) -> (i64, i64) {
    let base = d.year as i64 * 372;
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let x = base + (m as i64 - 1) * 31 + day as i64 - 1;
            (x, x)
        }
        (Some(m), None) => {
            let x = base + (m as i64 - 1) * 31;
            (x, x + 30)
        }
        _ => (base, base + 371),
    }
}

fn interval(d: &DateRef) -> (i64, i64) {
    let start = d.from.map_or(i64::MIN, |f| day_range(f).0);
    let end = d.to.map_or(i64::MAX, |t| day_range(t).1);
    (start, end)
}

fn dates_compatible(a: &DateRef, b: &DateRef) -> bool {
    let (x, y) = (interval(a), interval(b));
    x.0 <= y.1 && y.0 <= x.1
}

/// A quantity's role: its kind and, where it matters, its unit.
fn role(q: &Quantity) -> (QuantityKind, Option<&str>) {
    match q.kind {
        QuantityKind::Count | QuantityKind::Percent => (q.kind, None),
        _ => (q.kind, q.unit.as_deref()),
    }
}

fn role_name(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Money => "amount",
        QuantityKind::Count => "count",
        QuantityKind::Percent => "percent",
        QuantityKind::Duration => "duration",
        QuantityKind::Frequency => "frequency",
    }
}

fn quantities_compatible(a: &Quantity, b: &Quantity) -> bool {
    // Vague and approximate amounts get a margin ("près de dix ans" = "une décennie").
    let slack = if a.approx || b.approx { 0.15 } else { 0.01 };
    let (alo, ahi) = (a.value, a.max.unwrap_or(a.value));
    let (blo, bhi) = (b.value, b.max.unwrap_or(b.value));
    alo * (1.0 - slack) <= bhi * (1.0 + slack) && blo * (1.0 - slack) <= ahi * (1.0 + slack)
}

/// The conflicts among `members` (claim indexes) of one fact.
pub fn conflicts(claims: &[Claim], members: &[usize]) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let mut push = |kind: &str, va: &str, vb: &str, a: usize, b: usize| {
        let mut values = vec![va.to_owned(), vb.to_owned()];
        values.sort();
        if let Some(c) = out
            .iter_mut()
            .find(|c| c.kind == kind && c.values == values)
        {
            for x in [a, b] {
                if !c.claims.contains(&x) {
                    c.claims.push(x);
                }
            }
        } else {
            out.push(Conflict {
                kind: kind.to_owned(),
                values,
                claims: vec![a, b],
            });
        }
    };
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            let (ca, cb) = (&claims[a], &claims[b]);
            if ca.article == cb.article {
                continue;
            }
            if !ca.dates.is_empty()
                && !cb.dates.is_empty()
                && !ca
                    .dates
                    .iter()
                    .any(|x| cb.dates.iter().any(|y| dates_compatible(x, y)))
            {
                push("date", &ca.dates[0].text, &cb.dates[0].text, a, b);
            }
            for qa in &ca.quantities {
                let same_role: Vec<&Quantity> = cb
                    .quantities
                    .iter()
                    .filter(|q| role(q) == role(qa))
                    .collect();
                let agreeing = ca
                    .quantities
                    .iter()
                    .filter(|q| role(q) == role(qa))
                    .any(|x| same_role.iter().any(|y| quantities_compatible(x, y)));
                if let Some(qb) = same_role.first().filter(|_| !agreeing) {
                    push(role_name(qa.kind), &qa.text, &qb.text, a, b);
                }
            }
        }
    }
    for c in &mut out {
        c.claims.sort_unstable();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::DatePrecision;
    use crate::text::Span;

    fn date(text: &str, from: Option<(i32, Option<u8>)>, to: Option<(i32, Option<u8>)>) -> DateRef {
        let p = |(year, month): (i32, Option<u8>)| PartialDate {
            year,
            month,
            day: None,
        };
        DateRef {
            text: text.to_owned(),
            from: from.map(p),
            to: to.map(p),
            precision: DatePrecision::Year,
            relative: false,
            span: Span::default(),
        }
    }

    fn claim(article: usize, dates: Vec<DateRef>, quantities: Vec<Quantity>) -> Claim {
        let mut c = crate::facts::pseudo_claim("x", article);
        c.dates = dates;
        c.quantities = quantities;
        c
    }

    fn years(text: &str, value: f64, approx: bool) -> Quantity {
        Quantity {
            text: text.to_owned(),
            kind: QuantityKind::Duration,
            value,
            max: None,
            unit: Some("year".to_owned()),
            approx,
            span: Span::default(),
        }
    }

    #[test]
    fn disjoint_dates_conflict_refinements_do_not() {
        let y2020 = date("en 2020", Some((2020, None)), Some((2020, None)));
        let apr2023 = date(
            "en avril 2023",
            Some((2023, Some(4))),
            Some((2023, Some(4))),
        );
        let claims = vec![
            claim(0, vec![y2020], vec![]),
            claim(1, vec![apr2023], vec![]),
        ];
        let c = conflicts(&claims, &[0, 1]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, "date");
        assert_eq!(c[0].values, vec!["en 2020", "en avril 2023"]);

        let between = date("entre 2011 et 2019", Some((2011, None)), Some((2019, None)));
        let until = date("jusqu'en avril 2019", None, Some((2019, Some(4))));
        let claims = vec![
            claim(0, vec![between], vec![]),
            claim(1, vec![until], vec![]),
        ];
        assert!(conflicts(&claims, &[0, 1]).is_empty());
    }

    #[test]
    fn approximate_durations_agree_different_ones_conflict() {
        let claims = vec![
            claim(0, vec![], vec![years("près de dix ans", 10.0, true)]),
            claim(1, vec![], vec![years("près d'une décennie", 10.0, true)]),
            claim(2, vec![], vec![years("trois ans", 3.0, false)]),
        ];
        assert!(conflicts(&claims, &[0, 1]).is_empty());
        let c = conflicts(&claims, &[0, 1, 2]);
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|c| c.kind == "duration"));
    }
}
