//! Tests of [`super::compare`], on values read by the real normalisers.

use super::*;
use crate::claims::dates::dates;
use crate::claims::quantity::quantities;
use ValueMatch::*;

fn q(s: &str) -> Quantity {
    let mut found = quantities(s, 0);
    assert_eq!(found.len(), 1, "{s:?} → {found:?}");
    found.remove(0)
}

fn d(s: &str) -> DateRef {
    let mut found = dates(s, 0, PartialDate::parse("2024-04-10"));
    assert_eq!(found.len(), 1, "{s:?} → {found:?}");
    found.remove(0)
}

fn qm(a: &str, b: &str) -> ValueMatch {
    let r = compare_quantities(&q(a), &q(b));
    assert_eq!(
        r,
        compare_quantities(&q(b), &q(a)),
        "not symmetric: {a:?} {b:?}"
    );
    r
}

fn dm(a: &str, b: &str) -> ValueMatch {
    let r = compare_dates(&d(a), &d(b));
    assert_eq!(r, compare_dates(&d(b), &d(a)), "not symmetric: {a:?} {b:?}");
    r
}

#[test]
fn quantities_agree_or_conflict() {
    assert_eq!(qm("près de dix ans", "près d’une décennie"), Equal);
    assert_eq!(qm("près de dix ans", "environ dix ans"), Equal);
    assert_eq!(qm("près d’une décennie", "for nearly a decade"), Equal);
    assert_eq!(qm("150 millions de dollars", "$150 million"), Equal);
    assert_eq!(qm("150 millions de dollars", "40 M$"), Conflict);
    assert_eq!(
        qm("725 millions de dollars", "750 millions de dollars"),
        Conflict
    );
    assert_eq!(
        qm("1,5 milliard d’euros", "1 524 millions d’euros"),
        Compatible
    );
    assert_eq!(
        qm(
            "des centaines de millions de dollars",
            "150 millions de dollars"
        ),
        Compatible
    );
    assert_eq!(qm("près de 150 entreprises", "150 entreprises"), Compatible);
    assert_eq!(qm("près de 150 entreprises", "160 entreprises"), Compatible);
    assert_eq!(qm("environ dix ans", "six mois"), Conflict);
    assert_eq!(qm("une décennie", "120 mois"), Equal);
    assert_eq!(qm("toutes les deux semaines", "biweekly"), Equal);
    assert_eq!(qm("bihebdomadaires", "chaque mois"), Conflict);
    assert_eq!(qm("12 %", "12,5 %"), Conflict);
}

#[test]
fn quantities_unrelated() {
    assert_eq!(qm("150 millions de dollars", "150 partenaires"), Unrelated);
    assert_eq!(
        qm("87 millions d’utilisateurs", "150 partenaires"),
        Unrelated
    );
    assert_eq!(
        qm("265 millions d’euros", "265 millions de dollars"),
        Unrelated
    );
    assert_eq!(qm("dix ans", "chaque année"), Unrelated);
    assert_eq!(
        qm("87 millions d'utilisateurs", "87 million users"),
        Unrelated
    );
    assert_eq!(qm("150 partenaires", "150 partenaire"), Equal);
}

#[test]
fn dates_agree_or_conflict() {
    assert_eq!(dm("entre 2011 et 2019", "jusqu’en avril 2019"), Compatible);
    assert_eq!(dm("en 2018", "mai 2018"), Compatible);
    assert_eq!(dm("en 2020", "en avril 2023"), Conflict);
    assert_eq!(dm("mai 2018", "May 2018"), Equal);
    assert_eq!(dm("en 2015", "entre 2011 et 2019"), Compatible);
    assert_eq!(dm("en 2010", "entre 2011 et 2019"), Conflict);
    assert_eq!(dm("de 2011 à 2019", "entre 2011 et 2019"), Equal);
    assert_eq!(dm("le 23 mars", "March 23, 2024"), Equal);
    assert_eq!(dm("la semaine dernière", "le 3 avril"), Compatible);
    assert_eq!(dm("depuis 2019", "en 2021"), Compatible);
    assert_eq!(dm("entre 2011 et 2019", "entre 2013 et 2020"), Conflict);
    let unresolved = dates("la semaine dernière", 0, None).remove(0);
    assert_eq!(compare_dates(&unresolved, &d("en 2018")), Unrelated);
}

#[test]
fn labels() {
    assert_eq!(quantity_label(&q("150 millions de dollars")), "150 M USD");
    assert_eq!(quantity_label(&q("1,5 milliard d’euros")), "1.5 Md EUR");
    assert_eq!(quantity_label(&q("près de dix ans")), "≈10 ans");
    assert_eq!(
        quantity_label(&q("toutes les deux semaines")),
        "toutes les 2 semaines"
    );
    assert_eq!(quantity_label(&q("chaque mois")), "chaque mois");
    assert_eq!(quantity_label(&q("tous les trois ans")), "tous les 3 ans");
    assert_eq!(quantity_label(&q("twice a month")), "2 fois par mois");
    assert_eq!(quantity_label(&q("12,5 %")), "12.5 %");
    assert_eq!(
        quantity_label(&q("des centaines de millions de dollars")),
        "≈100 M–1 Md USD"
    );
    assert_eq!(
        quantity_label(&q("150 000 personnes")),
        "150\u{202f}000 personnes"
    );
    assert_eq!(quantity_label(&q("pendant un an")), "1 an");
    assert_eq!(date_label(&d("en août 2013")), "2013-08");
    assert_eq!(date_label(&d("entre 2011 et 2019")), "2011–2019");
    assert_eq!(date_label(&d("jusqu’en avril 2019")), "…–2019-04");
    assert_eq!(date_label(&d("depuis 2019")), "2019–…");
    assert_eq!(date_label(&dates("hier", 0, None).remove(0)), "?");
}
