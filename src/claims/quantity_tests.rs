//! Tests of [`super::quantities`], kept apart so that the normaliser stays short.

use super::*;
use proptest::prelude::*;

/// The only quantity of `s`.
fn one(s: &str) -> Quantity {
    let q = quantities(s, 0);
    assert_eq!(q.len(), 1, "{s:?} → {q:#?}");
    q.into_iter().next().unwrap()
}

fn check(s: &str, kind: QuantityKind, value: f64, max: Option<f64>, unit: &str, approx: bool) {
    let q = one(s);
    assert_eq!(q.kind, kind, "{s:?}");
    assert!(
        (q.value - value).abs() < 1e-6 * value.abs().max(1.0),
        "{s:?}: {}",
        q.value
    );
    match (q.max, max) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{s:?}"),
        (a, b) => assert_eq!(a, b, "{s:?}"),
    }
    assert_eq!(q.unit.as_deref().unwrap_or(""), unit, "{s:?}");
    assert_eq!(q.approx, approx, "{s:?}");
}

use QuantityKind::*;

#[test]
fn money() {
    check(
        "a valu 150 millions de dollars",
        Money,
        150e6,
        None,
        "USD",
        false,
    );
    check(
        "une amende de 265 millions d’euros",
        Money,
        265e6,
        None,
        "EUR",
        false,
    );
    check(
        "une amende de 265 millions d'euros",
        Money,
        265e6,
        None,
        "EUR",
        false,
    );
    check(
        "investissait 40 M$ en tout",
        Money,
        40e6,
        None,
        "USD",
        false,
    );
    check("soit 40 M€.", Money, 40e6, None, "EUR", false);
    check("it paid $40 million.", Money, 40e6, None, "USD", false);
    check("a €1.5bn fine", Money, 1.5e9, None, "EUR", false);
    check("fined $40m", Money, 40e6, None, "USD", false);
    check("1,5 milliard d’euros", Money, 1.5e9, None, "EUR", false);
    check(
        "de payer 725 millions de dollars",
        Money,
        725e6,
        None,
        "USD",
        false,
    );
    check(
        "plusieurs millions de dollars",
        Money,
        2e6,
        Some(9e6),
        "USD",
        true,
    );
    check(
        "des centaines de millions de dollars",
        Money,
        1e8,
        Some(1e9),
        "USD",
        true,
    );
    check("pour quelques dollars", Money, 2.0, Some(9.0), "USD", true);
    check("à partir de 1 euro", Money, 1.0, None, "EUR", true);
    check("nearly $40 million", Money, 40e6, None, "USD", true);
    check("150\u{a0}000 €", Money, 150e3, None, "EUR", false);
    check(
        "entre 40 et 50 millions de dollars",
        Money,
        40e6,
        Some(50e6),
        "USD",
        false,
    );
}

#[test]
fn money_span_slices_text() {
    let s = "Meta a payé 725 millions de dollars en 2022.";
    let q = one(s);
    assert_eq!(q.text, "725 millions de dollars");
    let chars: String = s.chars().skip(q.span.start).take(q.span.len()).collect();
    assert_eq!(chars, q.text);
    let q = &quantities(s, 100)[0];
    assert_eq!(
        q.span.start,
        100 + s.chars().position(|c| c == '7').unwrap()
    );
}

#[test]
fn counts() {
    check(
        "plus d’un demi-milliard d’utilisateurs",
        Count,
        5e8,
        None,
        "utilisateurs",
        true,
    );
    check(
        "les 87 millions d’utilisateurs",
        Count,
        87e6,
        None,
        "utilisateurs",
        false,
    );
    check(
        "avec 150 partenaires",
        Count,
        150.0,
        None,
        "partenaires",
        false,
    );
    check(
        "près de 150 entreprises et",
        Count,
        150.0,
        None,
        "entreprises",
        true,
    );
    check(
        "une cinquantaine d’anciens employés",
        Count,
        50.0,
        None,
        "employés",
        true,
    );
    check(
        "à des centaines de documents",
        Count,
        100.0,
        Some(1000.0),
        "documents",
        true,
    );
    check(
        "deux citoyens américains",
        Count,
        2.0,
        None,
        "citoyens",
        false,
    );
    check(
        "centaines de millions d'utilisateurs",
        Count,
        1e8,
        Some(1e9),
        "utilisateurs",
        true,
    );
    check("two American citizens", Count, 2.0, None, "citizens", false);
    check("87 million users", Count, 87e6, None, "users", false);
    check(
        "de 150\u{202f}000 personnes",
        Count,
        150e3,
        None,
        "personnes",
        false,
    );
}

#[test]
fn percentages() {
    check("une hausse de 12 %", Percent, 12.0, None, "", false);
    check("soit 12,5\u{a0}%", Percent, 12.5, None, "", false);
    check("12 percent of users", Percent, 12.0, None, "", false);
    check("douze pour cent", Percent, 12.0, None, "", false);
    check("entre 10 et 12 %", Percent, 10.0, Some(12.0), "", false);
}

#[test]
fn durations() {
    check(
        "pendant près d’une décennie.",
        Duration,
        10.0,
        None,
        "year",
        true,
    );
    check(
        "pendant près de dix ans",
        Duration,
        10.0,
        None,
        "year",
        true,
    );
    check("environ dix ans", Duration, 10.0, None, "year", true);
    check(
        "investi deux années dans",
        Duration,
        2.0,
        None,
        "year",
        false,
    );
    check("pendant six mois", Duration, 6.0, None, "month", false);
    check("for nearly a decade", Duration, 10.0, None, "year", true);
    check(
        "dans quelques mois",
        Duration,
        2.0,
        Some(9.0),
        "month",
        true,
    );
    check("de 1 à 3 ans", Duration, 1.0, Some(3.0), "year", false);
    check(
        "ces deux dernières années",
        Duration,
        2.0,
        None,
        "year",
        false,
    );
    check("the next three months", Duration, 3.0, None, "month", false);
    // Counted back from the article date: a date, left to `dates`.
    assert!(quantities("il y a plusieurs années", 0).is_empty());
    assert!(quantities("two years ago", 0).is_empty());
}

#[test]
fn frequencies() {
    for s in [
        "toutes les deux semaines",
        "des rapports bihebdomadaires",
        "every two weeks",
        "biweekly",
    ] {
        check(s, Frequency, 2.0, None, "week", false);
    }
    for s in [
        "chaque mois",
        "un rapport mensuel",
        "every month",
        "monthly",
    ] {
        check(s, Frequency, 1.0, None, "month", false);
    }
    for s in ["les comptes quotidiens", "daily", "the daily reports"] {
        check(s, Frequency, 1.0, None, "day", false);
    }
    check("par an", Frequency, 1.0, None, "year", false);
    let q = quantities("Netflix paid $150 million a year.", 0);
    assert_eq!(q.len(), 2);
    assert_eq!((q[1].kind, q[1].text.as_str()), (Frequency, "a year"));
    check("deux fois par mois", Frequency, 0.5, None, "month", false);
    check("twice a week", Frequency, 0.5, None, "week", false);
    // The newspaper, not a frequency.
    assert!(quantities("selon le quotidien américain", 0).is_empty());
    assert!(quantities("a scoop in the daily.", 0).is_empty());
}

#[test]
fn not_quantities() {
    for s in [
        "en 2018, puis en 2017 lorsque",
        "le 23 mars",
        "Cambridge Analytica 2.0",
        "[wpedon id= »26112″]",
        "le 1er mars",
        "le COVID-19 et l’A320",
        "remonterait à 2010, affirme",
        "un utilisateur",
        "March 23, 2024",
        "il y a 3",
        "date 2024-04 Dévoilés lors",
        "le 02/04/2024 Dévoilés",
        "Between 2011 and 2019 Netflix spent",
        "selon 3 Netflix",
    ] {
        assert!(
            quantities(s, 0).is_empty(),
            "{s:?} → {:?}",
            quantities(s, 0)
        );
    }
}

#[test]
fn no_double_counting() {
    let q = quantities(
        "En 2017, Netflix a payé 150 millions de dollars pendant deux ans.",
        0,
    );
    let kinds: Vec<_> = q.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, vec![Money, Duration]);
}

proptest! {
    #[test]
    fn never_panics_and_spans_fit(s in "[0-9a-zé ,.’'%$€\u{a0}\u{202f}-]{0,60}") {
        let n = s.chars().count();
        for q in quantities(&s, 7) {
            prop_assert!(q.span.start >= 7 && q.span.end <= n + 7);
            let t: String = s.chars().skip(q.span.start - 7).take(q.span.len()).collect();
            prop_assert_eq!(t, q.text);
        }
    }
}
