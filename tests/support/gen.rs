//! A deterministic generator of synthetic news corpora for benchmarks.
//!
//! Articles recombine the seed sentences around other "stories": each story swaps the seeds'
//! companies for two invented ones and shifts every number and year, and each article of a
//! story draws a random subset of sentences. Facts therefore recur across the few articles of
//! one story, as in real coverage, while the corpus keeps the seeds' wording and its generic
//! vocabulary. The same `seed` always gives the same corpus.

#![allow(dead_code)]

use std::path::PathBuf;

const SEEDS: [&str; 5] = [
    include_str!("../../seeds/000_a5cdd4ba8cf10b5c.txt"),
    include_str!("../../seeds/001_012a8b98eaaf79a9.txt"),
    include_str!("../../seeds/002_2471eb2404d5d6a5.txt"),
    include_str!("../../seeds/003_3094a770bdbee7af.txt"),
    include_str!("../../seeds/004_532b3014b9be6b68.txt"),
];

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ra", "tu", "vex", "no", "dra", "qui", "zen", "pa", "sol", "ber", "ix", "on",
    "ta",
];

/// A small deterministic PRNG (xorshift64*), so that the generator needs no dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A value in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn name(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.below(2) {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The seed sentences: lines split after sentence-final punctuation.
pub fn seed_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for text in SEEDS {
        for line in text.lines() {
            let mut start = 0;
            let chars: Vec<char> = line.chars().collect();
            for i in 0..chars.len() {
                let end = matches!(chars[i], '.' | '!' | '?')
                    && chars.get(i + 1).is_none_or(|c| *c == ' ');
                if end {
                    let s: String = chars[start..=i].iter().collect();
                    if s.trim().chars().count() > 30 {
                        out.push(s.trim().to_owned());
                    }
                    start = i + 1;
                }
            }
        }
    }
    out
}

/// Rewrites a sentence for a story: companies renamed, numbers shifted.
fn rewrite(sentence: &str, a: &str, b: &str, shift: u64) -> String {
    let renamed = sentence
        .replace("Netflix", a)
        .replace("Netlix", a)
        .replace("Facebook", b)
        .replace("Meta", b);
    let mut out = String::with_capacity(renamed.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if let Ok(n) = digits.parse::<u64>() {
            let n = if (1900..2100).contains(&n) {
                1990 + (n + shift) % 35
            } else {
                n + shift % 97
            };
            out.push_str(&n.to_string());
        }
        digits.clear();
    };
    for c in renamed.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// `articles` synthetic articles as `(path, bytes)`, ready for `corpus::from_sources`. About
/// five articles share each story; each article has `per_article` sentences.
pub fn corpus_sources(articles: usize, per_article: usize, seed: u64) -> Vec<(PathBuf, Vec<u8>)> {
    let pool = seed_sentences();
    let mut rng = Rng::new(seed);
    let stories = (articles / 5).max(1);
    let casts: Vec<(String, String, u64)> = (0..stories)
        .map(|_| (name(&mut rng), name(&mut rng), rng.next() % 1000))
        .collect();
    (0..articles)
        .map(|i| {
            let (a, b, shift) = &casts[rng.below(stories)];
            let mut text = format!("{a} et {b} : article {i}\n\n");
            for _ in 0..per_article {
                let s = &pool[rng.below(pool.len())];
                text.push_str(&rewrite(s, a, b, *shift));
                text.push(if rng.below(3) == 0 { '\n' } else { ' ' });
            }
            (PathBuf::from(format!("gen/{i:06}.txt")), text.into_bytes())
        })
        .collect()
}
