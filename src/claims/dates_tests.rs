//! Tests of [`super::dates`], kept apart so that the normaliser stays short.

use super::*;
use proptest::prelude::*;

fn d(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

/// The only date of `s`, resolved against `article`.
fn one(s: &str, article: Option<&str>) -> DateRef {
    let found = dates(s, 0, article.map(d));
    assert_eq!(found.len(), 1, "{s:?} → {found:#?}");
    found.into_iter().next().unwrap()
}

fn check(
    s: &str,
    article: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    p: DatePrecision,
    rel: bool,
) {
    let r = one(s, article);
    assert_eq!(r.from, from.map(d), "{s:?} from");
    assert_eq!(r.to, to.map(d), "{s:?} to");
    assert_eq!(r.precision, p, "{s:?} precision");
    assert_eq!(r.relative, rel, "{s:?} relative");
}

use DatePrecision::*;

#[test]
fn days_months_years() {
    let a = Some("2024-04");
    check(
        "rendus publics le 23 mars, révèlent",
        a,
        Some("2024-03-23"),
        Some("2024-03-23"),
        Day,
        true,
    );
    check("le 23 mars", None, None, None, Day, false);
    check(
        "le 23 décembre",
        a,
        Some("2023-12-23"),
        Some("2023-12-23"),
        Day,
        true,
    );
    check(
        "en avril 2023 et",
        a,
        Some("2023-04"),
        Some("2023-04"),
        Month,
        false,
    );
    check(
        "mai 2018",
        None,
        Some("2018-05"),
        Some("2018-05"),
        Month,
        false,
    );
    check(
        "en août 2013, une API",
        None,
        Some("2013-08"),
        Some("2013-08"),
        Month,
        false,
    );
    check(
        "décembre 2023",
        None,
        Some("2023-12"),
        Some("2023-12"),
        Month,
        false,
    );
    check(
        "En mars 2018, il y avait",
        None,
        Some("2018-03"),
        Some("2018-03"),
        Month,
        false,
    );
    check("en 2018", None, Some("2018"), Some("2018"), Year, false);
    check(
        "Enfin, en 2015, toujours",
        None,
        Some("2015"),
        Some("2015"),
        Year,
        false,
    );
    check(
        "remonterait à 2010, affirme",
        None,
        Some("2010"),
        Some("2010"),
        Year,
        false,
    );
    check(
        "March 23, 2024",
        None,
        Some("2024-03-23"),
        Some("2024-03-23"),
        Day,
        false,
    );
    check(
        "23 March 2024",
        None,
        Some("2024-03-23"),
        Some("2024-03-23"),
        Day,
        false,
    );
    check(
        "le 1er mars 2024",
        None,
        Some("2024-03-01"),
        Some("2024-03-01"),
        Day,
        false,
    );
    check(
        "on 2024-04-02.",
        None,
        Some("2024-04-02"),
        Some("2024-04-02"),
        Day,
        false,
    );
    check(
        "le 02/04/2024",
        None,
        Some("2024-04-02"),
        Some("2024-04-02"),
        Day,
        false,
    );
    check("en avril", a, Some("2024-04"), Some("2024-04"), Month, true);
    check(
        "mardi 23 mars 2024",
        None,
        Some("2024-03-23"),
        Some("2024-03-23"),
        Day,
        false,
    );
    assert_eq!(one("en avril 2023 et", None).text, "avril 2023");
}

#[test]
fn periods() {
    check(
        "entre 2011 et 2019.",
        None,
        Some("2011"),
        Some("2019"),
        Period,
        false,
    );
    check(
        "de 2011 à 2019",
        None,
        Some("2011"),
        Some("2019"),
        Period,
        false,
    );
    check("2011–2019", None, Some("2011"), Some("2019"), Period, false);
    check(
        "jusqu’en avril 2019), entretenant",
        None,
        None,
        Some("2019-04"),
        Period,
        false,
    );
    check("jusqu'à 2018.", None, None, Some("2018"), Period, false);
    check("depuis 2019", None, Some("2019"), None, Period, false);
    check(
        "since March 2019",
        None,
        Some("2019-03"),
        None,
        Period,
        false,
    );
    check(
        "entre mars et mai 2018",
        None,
        Some("2018-03"),
        Some("2018-05"),
        Period,
        false,
    );
    check(
        "from 2011 to 2019",
        None,
        Some("2011"),
        Some("2019"),
        Period,
        false,
    );
    check(
        "les années 2010",
        None,
        Some("2010"),
        Some("2019"),
        Period,
        false,
    );
    check(
        "in the 2010s",
        None,
        Some("2010"),
        Some("2019"),
        Period,
        false,
    );
    assert_eq!(one("entre 2011 et 2019.", None).text, "entre 2011 et 2019");
}

#[test]
fn relative_references() {
    check(
        "la semaine dernière",
        Some("2024-04-10"),
        Some("2024-04-01"),
        Some("2024-04-07"),
        Week,
        true,
    );
    check(
        "last week",
        Some("2024-04-10"),
        Some("2024-04-01"),
        Some("2024-04-07"),
        Week,
        true,
    );
    check(
        "dévoilés la semaine dernière",
        Some("2024-04"),
        Some("2024-03"),
        Some("2024-04"),
        Week,
        true,
    );
    check("la semaine dernière", None, None, None, Week, false);
    check(
        "l'an dernier",
        Some("2024-04"),
        Some("2023"),
        Some("2023"),
        Year,
        true,
    );
    check(
        "le mois dernier",
        Some("2024-01-15"),
        Some("2023-12"),
        Some("2023-12"),
        Month,
        true,
    );
    check(
        "hier",
        Some("2024-03-01"),
        Some("2024-02-29"),
        Some("2024-02-29"),
        Day,
        true,
    );
    check(
        "il y a deux ans",
        Some("2024-04"),
        Some("2022"),
        Some("2022"),
        Year,
        true,
    );
    check(
        "two years ago",
        Some("2024"),
        Some("2022"),
        Some("2022"),
        Year,
        true,
    );
    check(
        "il y a plusieurs années.",
        Some("2024-04"),
        Some("2015"),
        Some("2022"),
        Period,
        true,
    );
    check("il y a plusieurs années.", None, None, None, Period, false);
    // 2024-04-10 is a Wednesday: "mardi" is the day before.
    check(
        "a déclaré mardi",
        Some("2024-04-10"),
        Some("2024-04-09"),
        Some("2024-04-09"),
        Day,
        true,
    );
    assert!(dates("a déclaré mardi", 0, Some(d("2024-04"))).is_empty());
}

#[test]
fn not_dates() {
    for s in [
        "150 millions de dollars",
        "Cambridge Analytica 2.0",
        "à partir de 1 euro",
        "[wpedon id= »26112″]",
        "2000 dollars et 2000 personnes",
        "à l’époque",
        "depuis dix ans",
        "you may leave",
        "12,5 %",
    ] {
        assert!(
            dates(s, 0, Some(d("2024-04"))).is_empty(),
            "{s:?} → {:?}",
            dates(s, 0, None)
        );
    }
}

#[test]
fn one_date_per_mention() {
    let found = dates(
        "En 2017, Netflix a payé 150 millions de dollars entre 2011 et 2019.",
        5,
        None,
    );
    let texts: Vec<_> = found.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, vec!["2017", "entre 2011 et 2019"]);
    assert_eq!(found[0].span.start, 8);
}

#[test]
fn calendar() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(
        civil_from_days(days_from_civil(2024, 2, 29)),
        d("2024-02-29")
    );
    assert_eq!(days_in_month(2023, 2), 28);
    assert_eq!(days_in_month(2024, 12), 31);
}

proptest! {
    #[test]
    fn never_panics_and_spans_fit(s in "[0-9a-zéû ,./’'%$€\\u{a0}\\u{202f}-]{0,60}", day in 1u8..=31) {
        let n = s.chars().count();
        let art = PartialDate { year: 2024, month: Some(2), day: Some(day.min(29)) };
        for r in dates(&s, 3, Some(art)) {
            prop_assert!(r.span.start >= 3 && r.span.end <= n + 3);
            let t: String = s.chars().skip(r.span.start - 3).take(r.span.len()).collect();
            prop_assert_eq!(t, r.text);
        }
    }
}

#[test]
fn periods_with_days_and_from() {
    check(
        "up 25% from 2022",
        None,
        Some("2022"),
        Some("2022"),
        Year,
        false,
    );
    check(
        "Entre le 1er et le 15 mars 2024, 40 000 personnes",
        None,
        Some("2024-03-01"),
        Some("2024-03-15"),
        Period,
        false,
    );
    check(
        "between the 3rd and the 5th of May 2024",
        None,
        Some("2024-05-03"),
        Some("2024-05-05"),
        Period,
        false,
    );
}

#[test]
fn ago_with_articles_and_markers() {
    check(
        "a week ago",
        Some("2024-04-10"),
        Some("2024-04-01"),
        Some("2024-04-07"),
        Week,
        true,
    );
    check(
        "about two years ago",
        Some("2024-04"),
        Some("2022"),
        Some("2022"),
        Year,
        true,
    );
}
