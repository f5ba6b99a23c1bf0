//! Divergence inside a fact: members from different articles that give incompatible values
//! for the same role.
//!
//! Values are compared as values, not as wording, by [`crate::claims::compare`] (one place
//! for tolerances): "entre 2011 et 2019" and "jusqu'en avril 2019" overlap, so they are
//! compatible refinements; "en 2020" and "en avril 2023" do not. Two members conflict on a
//! role only when both state comparable values of that role and none of one agrees with one
//! of the other — a claim that mentions an unrelated extra date does not raise a conflict as
//! long as they also agree on one, and values that cannot be compared (other currencies,
//! other counted things, unresolved dates) never do.

use super::Conflict;
use crate::claims::compare::{ValueMatch, compare_dates, compare_quantities};
use crate::claims::{Claim, QuantityKind};

fn agree(m: ValueMatch) -> bool {
    matches!(m, ValueMatch::Equal | ValueMatch::Compatible)
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

/// The conflicts among `members` (claim indexes) of one fact.
pub fn conflicts(claims: &[Claim], members: &[usize]) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    // Most conflicting pairs of a large fact repeat a conflict already found: it is looked
    // up on borrowed values, and its strings written only when it is new.
    let mut push = |kind: &str, va: &str, vb: &str, a: usize, b: usize| {
        let (lo, hi) = if va <= vb { (va, vb) } else { (vb, va) };
        if let Some(c) = out
            .iter_mut()
            .find(|c| c.kind == kind && c.values[0] == lo && c.values[1] == hi)
        {
            for x in [a, b] {
                if !c.claims.contains(&x) {
                    c.claims.push(x);
                }
            }
        } else {
            out.push(Conflict {
                kind: kind.to_owned(),
                values: vec![lo.to_owned(), hi.to_owned()],
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
            // A pair of members is compared for every two members of a fact, hundreds at
            // archive scale: what is rare (a conflicting value) is looked for first, and only
            // then whether the two also agree on another value.
            let date_pairs = || {
                ca.dates
                    .iter()
                    .flat_map(|x| cb.dates.iter().map(move |y| (x, y, compare_dates(x, y))))
            };
            if let Some((x, y, _)) = date_pairs().find(|p| p.2 == ValueMatch::Conflict)
                && !date_pairs().any(|p| agree(p.2))
            {
                push("date", &x.text, &y.text, a, b);
            }
            for qa in &ca.quantities {
                let Some(qb) = cb
                    .quantities
                    .iter()
                    .find(|q| compare_quantities(qa, q) == ValueMatch::Conflict)
                else {
                    continue;
                };
                // The values of the other member comparable with this one: same role.
                let same_role = || {
                    cb.quantities
                        .iter()
                        .filter(|q| compare_quantities(qa, q) != ValueMatch::Unrelated)
                };
                let agreeing = ca
                    .quantities
                    .iter()
                    .any(|x| same_role().any(|y| agree(compare_quantities(x, y))));
                if !agreeing {
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
    use crate::claims::{DateRef, Quantity};
    use crate::corpus::PartialDate;
    use crate::text::Span;

    fn date(text: &str, from: Option<(i32, Option<u8>)>, to: Option<(i32, Option<u8>)>) -> DateRef {
        let p = |(year, month): (i32, Option<u8>)| PartialDate {
            year,
            month,
            day: None,
        };
        DateRef {
            text: text.into(),
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
            text: text.into(),
            kind: QuantityKind::Duration,
            value,
            max: None,
            unit: Some("year".into()),
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

    #[test]
    fn values_that_cannot_be_compared_never_conflict() {
        let money = |text: &str, value: f64, unit: &str| Quantity {
            text: text.into(),
            kind: QuantityKind::Money,
            value,
            max: None,
            unit: Some(unit.into()),
            approx: false,
            span: Span::default(),
        };
        let claims = vec![
            claim(0, vec![], vec![money("265 millions d'euros", 265e6, "EUR")]),
            claim(
                1,
                vec![],
                vec![money("725 millions de dollars", 725e6, "USD")],
            ),
            claim(
                2,
                vec![],
                vec![money("750 millions de dollars", 750e6, "USD")],
            ),
        ];
        assert!(conflicts(&claims, &[0, 1]).is_empty());
        let c = conflicts(&claims, &[1, 2]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, "amount");
    }
}
