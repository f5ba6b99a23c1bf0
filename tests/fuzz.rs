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
