//! Property ("fuzz") tests over every function that reads untrusted text.
//!
//! Each target has its own module holding its `proptest!` block; adding a target is a new
//! module that reuses the shared strategies in [`strat`] and the [`config`]. The number of cases
//! comes from the `PROPTEST_CASES` environment variable (proptest reads it over the default
//! below), so a plain `cargo test` stays quick and CI runs
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz`.

use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 256;

/// The configuration every property uses (the environment overrides the case count).
fn config() -> Config {
    Config {
        cases: DEFAULT_CASES,
        // Shrinking a failure on text this irregular can take long; the seed is printed anyway.
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Input generators biased towards what breaks text code.
mod strat {
    use proptest::prelude::*;

    /// Fragments that exercise segmentation, folding and display rules.
    const PIECES: &[&str] = &[
        ".",
        "!",
        "?",
        "…",
        "...",
        "?!",
        "(…)",
        "[…]",
        "(...)",
        "«",
        "»",
        "« ",
        " »",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "‘",
        "(",
        ")",
        "[",
        "]",
        ":",
        ";",
        ",",
        "-",
        "—",
        "*",
        "/",
        " / ",
        " > ",
        " ",
        "  ",
        "\u{a0}",
        "\u{202f}",
        "\u{2009}",
        "\t",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\u{2028}",
        "\u{85}",
        "\u{b}",
        "\u{c}",
        "M.",
        "Mme",
        "Dr.",
        "U.S.",
        "e.g.",
        "p. ex.",
        "n°",
        "no.",
        "J.",
        "etc.",
        "Yahoo!",
        "1,5",
        "1 000",
        "150\u{a0}000",
        "150\u{202f}000",
        "2.0",
        "NewZilla.NET",
        "https://a.b/c.html",
        "x@y.fr",
        "Le",
        "la",
        "Il",
        "The",
        "a",
        "mot",
        "X",
        "É",
        "Source :",
        "Connexe :",
        "Accueil",
        "[wpedon id= »1″]",
        "[caption]",
        "Partagez",
        "vous",
        "Merci",
        "akismet",
        "0",
        "7",
        "12",
        "😀",
        "👍🏽",
        "e\u{301}",
        "\u{301}",
        "\u{20dd}",
        "日本語",
        "。",
        "！",
        "Ω",
        "ß",
        "œ",
        "Ǆ",
        "İ",
        "ﬁ",
        "\u{202e}",
        "\u{2066}",
        "\u{200f}",
        "\u{61c}",
        "\u{1b}[31m",
        "\u{7}",
        "\u{0}",
        "\u{9b}",
        "\u{7f}",
        "\u{feff}",
        "\u{200b}",
        "\u{fffd}",
    ];

    /// Letters that words are made of (cased, accented, one without a single-char lowercase).
    const LETTERS: &[char] = &[
        'a', 'e', 'l', 's', 'x', 'A', 'L', 'M', 'X', 'é', 'à', 'ç', 'ô', 'É', 'İ',
    ];

    /// One fragment: mostly from [`PIECES`], sometimes a word, sometimes any char at all.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => proptest::sample::select(PIECES).prop_map(str::to_owned),
            2 => prop::collection::vec(proptest::sample::select(LETTERS), 1..9)
                .prop_map(String::from_iter),
            1 => any::<char>().prop_map(String::from),
        ]
    }

    /// Text made of up to `max` fragments.
    pub fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
    }

    /// Byte sequences that trip decoders: BOMs, NUL, lone and truncated UTF-8 sequences,
    /// surrogates, front matter and the scraper's date prefix.
    const BYTE_PIECES: &[&[u8]] = &[
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\0",
        b"\xe9",
        b"\xc3",
        b"\xe2\x80",
        b"\x80\x81",
        b"\xf0\x9f\x98",
        b"---\ntitle: x\n---\n",
        b"date 2024-04 ",
        b"\xed\xa0\x80",
    ];

    /// Bytes as a file might hold them: text, BOMs, NULs, truncated and invalid UTF-8.
    pub fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
        let chunk = prop_oneof![
            4 => text(12).prop_map(String::into_bytes),
            1 => proptest::sample::select(BYTE_PIECES).prop_map(<[u8]>::to_vec),
            1 => prop::collection::vec(any::<u8>(), 0..16),
        ];
        prop::collection::vec(chunk, 0..16).prop_map(|v| v.concat())
    }
}

/// `corpus::from_sources`: any bytes load or become a notice, never a panic, and every span
/// the loader produces lies inside the article.
mod loader {
    use super::*;
    use recoupe::corpus::from_sources;
    use recoupe::text::slice_chars;
    use std::path::PathBuf;

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn any_bytes_load_or_give_a_notice(files in prop::collection::vec(strat::file_bytes(), 1..4)) {
            let n = files.len();
            let sources: Vec<(PathBuf, Vec<u8>)> = files
                .into_iter()
                .enumerate()
                // Some names clash on purpose (ids must be made unique).
                .map(|(i, b)| (PathBuf::from(format!("d/a{}.txt", i % 2)), b))
                .collect();
            let corpus = from_sources(sources);
            let errors = corpus
                .notices
                .iter()
                .filter(|n| n.severity == recoupe::corpus::Severity::Error)
                .count();
            prop_assert_eq!(corpus.articles.len() + errors, n);
            let mut ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), corpus.articles.len());
            for a in &corpus.articles {
                prop_assert_eq!(a.chars, a.text.chars().count());
                prop_assert!(a.body.start <= a.body.end && a.body.end <= a.chars);
                if let Some(t) = a.title_span {
                    prop_assert!(t.end <= a.chars);
                }
                for h in &a.repeated_headlines {
                    prop_assert!(h.start <= h.end && h.end <= a.chars);
                    prop_assert_eq!(slice_chars(&a.text, *h).chars().count(), h.len());
                }
                let sentences = recoupe::text::segment(&a.text, a.body, &a.repeated_headlines);
                super::segment::check(&a.text, a.body, &sentences)?;
            }
        }
    }
}

/// `text::segment`: spans in order, in bounds, non-overlapping, trimmed, covering every
/// non-blank char of the body, whatever the text, body and headline spans.
mod segment {
    use super::*;
    use recoupe::text::{Sentence, Span, segment, slice_chars};

    /// The segmentation invariants (shared with the loader target).
    pub fn check(text: &str, body: Span, out: &[Sentence]) -> Result<(), TestCaseError> {
        let chars: Vec<char> = text.chars().collect();
        let end = body.end.min(chars.len());
        let mut prev = body.start.min(end);
        let mut paragraph = 0;
        for s in out {
            prop_assert!(s.span.start < s.span.end, "empty span {:?}", s.span);
            prop_assert!(s.span.start >= prev, "span {:?} before {}", s.span, prev);
            prop_assert!(s.span.end <= end, "span {:?} past {}", s.span, end);
            prop_assert!(!chars[s.span.start].is_whitespace());
            prop_assert!(!chars[s.span.end - 1].is_whitespace());
            prop_assert!(
                chars[prev..s.span.start].iter().all(|c| c.is_whitespace()),
                "text left out before {:?}",
                s.span
            );
            prop_assert_eq!(slice_chars(text, s.span).chars().count(), s.span.len());
            prop_assert!(s.paragraph >= paragraph);
            paragraph = s.paragraph;
            prev = s.span.end;
        }
        prop_assert!(
            chars[prev..end].iter().all(|c| c.is_whitespace()),
            "text left out at the end"
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn spans_tile_the_body(
            text in strat::text(80),
            cut in (0usize..400, 0usize..400),
            heads in prop::collection::vec((0usize..400, 0usize..60), 0..4),
        ) {
            let n = text.chars().count();
            // Bodies inside the text, and sometimes reaching past it.
            let body = Span::new(cut.0.min(cut.1) % (n + 2), cut.0.max(cut.1));
            let heads: Vec<Span> = heads.into_iter().map(|(s, l)| Span::new(s, s + l)).collect();
            let out = segment(&text, body, &heads);
            check(&text, body, &out)?;
        }

        #[test]
        fn whole_text_is_tiled(text in strat::text(120)) {
            let body = Span::new(0, text.chars().count());
            let out = segment(&text, body, &[]);
            check(&text, body, &out)?;
        }
    }
}

/// `text::fold::Folded`: every folded span maps back inside the original.
mod fold {
    use super::*;
    use recoupe::text::Span;
    use recoupe::text::fold::Folded;

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn original_spans_stay_in_bounds(
            text in strat::text(40),
            a in 0usize..200,
            b in 0usize..200,
            needle in strat::text(3),
        ) {
            let n = text.chars().count();
            let f = Folded::new(&text);
            let folded_len = f.text.chars().count();
            let (a, b) = (a.min(b) % (folded_len + 2), a.max(b) % (folded_len + 2));
            let s = f.original_span(Span::new(a.min(b), a.max(b)));
            prop_assert!(s.start <= s.end && s.end <= n, "{:?} outside 0..{}", s, n);
            for hit in f.find_all(&needle) {
                prop_assert!(hit.start <= hit.end && hit.end <= n, "{:?} outside 0..{}", hit, n);
            }
        }
    }
}

/// `text::display::sanitize_line`: nothing a terminal would act on survives.
mod display {
    use super::*;
    use recoupe::text::display::{is_bidi_control, sanitize_line};

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn sanitized_lines_hold_no_control(text in strat::text(40)) {
            let shown = sanitize_line(&text);
            for c in shown.chars() {
                prop_assert!(!c.is_control() && !is_bidi_control(c), "{:?} in {:?}", c, shown);
            }
        }
    }
}

/// `claims::quantity::quantities` and `claims::dates::dates`: any sentence, any article date,
/// never a panic, and every span lies in the sentence (shifted by its offset).
mod normalisers {
    use super::*;
    use recoupe::claims::{dates::dates, quantity::quantities};
    use recoupe::corpus::PartialDate;

    fn article_date() -> impl Strategy<Value = Option<PartialDate>> {
        proptest::option::of(
            (1990i32..2030, proptest::option::of(1u8..=12), 1u8..=28).prop_map(
                |(year, month, day)| PartialDate {
                    year,
                    month,
                    day: month.map(|_| day),
                },
            ),
        )
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn spans_stay_in_the_sentence(s in strat::text(24), base in 0usize..10_000, date in article_date()) {
            let end = base + s.chars().count();
            for q in quantities(&s, base) {
                prop_assert!(base <= q.span.start && q.span.start < q.span.end && q.span.end <= end, "{q:?}");
            }
            for d in dates(&s, base, date) {
                prop_assert!(base <= d.span.start && d.span.start < d.span.end && d.span.end <= end, "{d:?}");
            }
        }
    }
}

/// `annotations::journal::parse`: any bytes (valid events, torn lines, garbage) parse without a
/// panic; every line is either an event or a notice, never both, and replay never panics.
mod journal {
    use super::*;
    use recoupe::annotations::State;
    use recoupe::annotations::journal::parse;
    use std::path::Path;

    const EVENT: &str = r#"{"id":"e-c014eb6ed25561e4","op":"create","at":"2026-12-01T20:30:34.889Z","annotator":"anonymous","annotation":"a-31b2975ba8758f8b","data":{"id":"a-31b2975ba8758f8b","claim":"a#82960a33","article":"a","verdict":"true","note":"","tags":[],"links":[],"unlink":false,"user_claim":false,"annotator":"anonymous","created":"2026-12-01T20:30:34.889Z","updated":"2026-12-01T20:30:34.889Z","selector":{"text_hash":"2c92fbb1ce87f9a5","start":3,"end":50,"exact":"Netflix a payé 150 millions de dollars en 2017.","prefix":"T\n\n","suffix":"\n"}}}"#;

    fn journal_bytes() -> impl Strategy<Value = Vec<u8>> {
        let line = prop_oneof![
            2 => Just(EVENT.to_owned()),
            2 => (0..EVENT.len())
                .prop_filter("char boundary", |&cut| EVENT.is_char_boundary(cut))
                .prop_map(|cut| EVENT[..cut].to_owned()),
            1 => strat::text(8),
        ];
        prop::collection::vec(line, 0..12).prop_map(|v| v.join("\n").into_bytes())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn every_line_is_an_event_or_a_notice(bytes in journal_bytes(), extra in strat::file_bytes()) {
            for b in [bytes.clone(), [bytes, extra].concat()] {
                let lines = b.split(|&c| c == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
                let loaded = parse(&b, Path::new("fuzz.jsonl"));
                prop_assert!(loaded.events.len() + loaded.notices.len() <= lines);
                let _ = State::replay(&loaded.events);
            }
        }
    }

    #[test]
    fn the_sample_event_is_a_real_event() {
        let loaded = parse(format!("{EVENT}\n").as_bytes(), Path::new("fuzz.jsonl"));
        assert_eq!((loaded.events.len(), loaded.notices.len()), (1, 0));
    }
}
