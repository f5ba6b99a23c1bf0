//! A deterministic generator of large, realistic French news corpora for scale tests and
//! benchmarks: "a newsroom archive, not five files".
//!
//! It reads the seed articles at run time, splits them into sentences, and recombines them into
//! *stories*: a story is a handful of seed sentences with its own substitution of names,
//! numbers, years and months, so the same story told by several articles states the same facts
//! with the same entities and values, as coverage of one event does. Each article tells one main
//! story (sometimes a second one, sometimes with one value changed: a conflict), adds filler
//! sentences that state facts of their own, and gets a title and some site furniture (front
//! matter or a `date` token, breadcrumbs, a repeated headline, share prompts, a source line).
//!
//! Everything follows from the seed number (a splitmix64 generator in this file): the same call
//! gives the same bytes. Articles average about 3.3 KB.
//!
//! Use from a test or bench with `#[path = "../support/corpus_gen.rs"] mod corpus_gen;`.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

/// splitmix64: tiny, fast, good enough for test data, and identical on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const FIRST_NAMES: [&str; 24] = [
    "Claire", "Julien", "Sophie", "Karim", "Élodie", "Thomas", "Nadia", "Hugo", "Camille", "Mehdi",
    "Inès", "Louis", "Chloé", "Antoine", "Léa", "Youssef", "Manon", "Olivier", "Sarah", "Pierre",
    "Aïcha", "Nicolas", "Julie", "Marc",
];

const SYLLABLES: [&str; 32] = [
    "bar", "vel", "mon", "tis", "cor", "dan", "ri", "lo", "ven", "sa", "mar", "tel", "quin", "ro",
    "fa", "gne", "lu", "ber", "cha", "dé", "mi", "zan", "por", "tu", "ly", "san", "ker", "va",
    "nol", "bré", "gau", "thi",
];

const SECTIONS: [&str; 8] = [
    "Économie",
    "Justice",
    "Numérique",
    "Société",
    "International",
    "Médias",
    "Politique",
    "Entreprises",
];

const PROMPTS: [&str; 6] = [
    "Laisser un commentaire",
    "Partagez cet article avec vos amis, votre réseau ou votre communauté.",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    "Abonnez-vous à notre lettre d'information pour ne rien manquer.",
    "Cet article vous a été utile ? Soutenez-nous en faisant un don à partir de 1 euro.",
    "Lire aussi : les dernières informations de la rubrique",
];

/// Sentences and recognised names taken from the seed articles.
#[derive(Debug, Clone)]
pub struct Generator {
    sentences: Vec<String>,
    names: HashSet<String>,
}

/// A story: seed sentences and the substitution that makes them this story's facts.
struct Story {
    sentences: Vec<usize>,
    subst: Subst,
}

/// A consistent rewriting of names, numbers, years and months.
struct Subst {
    names: HashMap<String, String>,
    numbers: HashMap<String, String>,
    year_shift: i32,
    month_shift: usize,
    rng: Rng,
}

impl Subst {
    fn new(rng: Rng) -> Subst {
        let mut rng = rng;
        Subst {
            names: HashMap::new(),
            numbers: HashMap::new(),
            year_shift: rng.below(15) as i32 - 10,
            month_shift: rng.below(12),
            rng,
        }
    }

    fn name(&mut self, original: &str) -> String {
        if let Some(n) = self.names.get(original) {
            return n.clone();
        }
        let words = original.split(' ').count();
        let rng = &mut self.rng;
        let made = if original
            .chars()
            .all(|c| c.is_uppercase() || !c.is_alphabetic())
        {
            // An acronym stays an acronym.
            coined(rng).to_uppercase().chars().take(4).collect()
        } else if words >= 2 {
            format!("{} {}", rng.pick(&FIRST_NAMES), coined(rng))
        } else {
            coined(rng)
        };
        self.names.insert(original.to_owned(), made.clone());
        made
    }

    fn number(&mut self, original: &str) -> String {
        if let Ok(y) = original.parse::<i32>()
            && original.len() == 4
            && (1900..2100).contains(&y)
        {
            return (y + self.year_shift).clamp(1990, 2026).to_string();
        }
        if let Some(n) = self.numbers.get(original) {
            return n.clone();
        }
        let rng = &mut self.rng;
        if original.len() <= 2 && original.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
            // Probably a day of the month: keep it one.
            let day = (1 + rng.below(28)).to_string();
            self.numbers.insert(original.to_owned(), day.clone());
            return day;
        }
        let mut made = String::new();
        for i in 0..original.len() {
            let d = if i == 0 {
                1 + rng.below(9)
            } else {
                rng.below(10)
            };
            made.push(char::from(b'0' + d as u8));
        }
        self.numbers.insert(original.to_owned(), made.clone());
        made
    }

    fn month(&self, original: &str) -> Option<&'static str> {
        let i = MONTHS.iter().position(|m| *m == original)?;
        Some(MONTHS[(i + self.month_shift) % 12])
    }
}

/// A made-up proper name of two or three syllables ("Morvelan").
fn coined(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| *rng.pick(&SYLLABLES)).collect();
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
    s
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() >= 3
}

/// Splits text into sentences: at `.`, `!`, `?` (or a closing quote after them) followed by a
/// space and a capital letter, and at line ends.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.trim().chars().collect();
        let mut start = 0;
        for i in 0..chars.len() {
            let end_mark = matches!(chars[i], '.' | '!' | '?')
                || (matches!(chars[i], '»' | '"' | '”')
                    && i > 0
                    && matches!(chars[i - 1], '.' | '!' | '?'));
            let next_is_capital = chars.get(i + 2).is_some_and(|c| c.is_uppercase())
                && chars.get(i + 1).is_some_and(|c| c.is_whitespace());
            if end_mark && (next_is_capital || i + 1 == chars.len()) {
                let s: String = chars[start..=i].iter().collect();
                out.push(s.trim().to_owned());
                start = i + 1;
            }
        }
    }
    out
}

impl Generator {
    /// Reads every `.txt` and `.md` file of `seeds`.
    pub fn from_dir(seeds: &Path) -> io::Result<Generator> {
        let mut paths: Vec<_> = fs::read_dir(seeds)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        paths.sort();
        let mut texts = Vec::new();
        for p in paths {
            texts.push(String::from_utf8_lossy(&fs::read(p)?).into_owned());
        }
        Ok(Generator::from_texts(&texts))
    }

    /// Builds a generator from article texts.
    pub fn from_texts(texts: &[String]) -> Generator {
        let mut sentences = Vec::new();
        let mut names = HashSet::new();
        for t in texts {
            for s in split_sentences(t) {
                let n = s.chars().count();
                // Skip fragments and lines that start mid-sentence (a scraper's `date` token).
                if !(50..=450).contains(&n) || !s.starts_with(|c: char| c.is_uppercase()) {
                    continue;
                }
                // Names: capitalised words that are not the sentence's first, in runs.
                for run in name_runs(&s).into_iter().filter(|r| r.0 > 0) {
                    names.insert(run.1);
                }
                sentences.push(s);
            }
        }
        sentences.sort();
        sentences.dedup();
        Generator { sentences, names }
    }

    /// Number of seed sentences available.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    fn story(&self, k: usize, seed: u64) -> Story {
        let mut rng = Rng::new(seed ^ (k as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let len = 5 + rng.below(6);
        let sentences = (0..len).map(|_| rng.below(self.sentences.len())).collect();
        Story {
            sentences,
            subst: Subst::new(Rng::new(rng.next_u64())),
        }
    }

    /// Rewrites one seed sentence through `subst`.
    fn render(&self, sentence: &str, subst: &mut Subst) -> String {
        let mut out = String::with_capacity(sentence.len() + 16);
        let runs = name_runs(sentence);
        let mut runs = runs.iter().peekable();
        let mut i = 0;
        let bytes = sentence.as_bytes();
        while i < sentence.len() {
            while runs.peek().is_some_and(|(at, _)| *at < i) {
                runs.next();
            }
            if let Some((at, name)) = runs.peek()
                && *at == i
            {
                if self.names.contains(name) {
                    out.push_str(&subst.name(name));
                } else if let Some((first, rest)) = name.split_once(' ')
                    && self.names.contains(rest)
                {
                    // "Selon Reed Hastings": the sentence's first word is not part of the name.
                    out.push_str(first);
                    out.push(' ');
                    out.push_str(&subst.name(rest));
                } else {
                    out.push_str(name);
                }
                i += name.len();
                runs.next();
                continue;
            }
            if bytes[i].is_ascii_digit() {
                let end = sentence[i..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(sentence.len(), |e| i + e);
                out.push_str(&subst.number(&sentence[i..end]));
                i = end;
                continue;
            }
            let c = sentence[i..].chars().next().expect("in bounds");
            if c.is_alphabetic() {
                let end = sentence[i..]
                    .find(|c: char| !c.is_alphanumeric())
                    .map_or(sentence.len(), |e| i + e);
                let word = &sentence[i..end];
                out.push_str(subst.month(word).unwrap_or(word));
                i = end;
                continue;
            }
            out.push(c);
            i += c.len_utf8();
        }
        out
    }

    /// The text of article `index` of a corpus of `n` articles.
    pub fn article(&self, n: usize, index: usize, seed: u64) -> String {
        let n_stories = (n / 6).max(1);
        let mut rng =
            Rng::new(seed.wrapping_add((index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D)));
        let main = rng.below(n_stories);
        let mut story = self.story(main, seed);
        let target = 2600 + rng.below(800);

        let mut body: Vec<String> = Vec::new();
        let conflict = rng.chance(0.1).then(|| rng.below(story.sentences.len()));
        for (j, &s) in story.sentences.clone().iter().enumerate() {
            if !rng.chance(0.8) {
                continue;
            }
            let mut line = self.render(&self.sentences[s], &mut story.subst);
            if conflict == Some(j) {
                // Another figure for the same fact: a conflict for the aligner to report.
                let mut alt = Subst::new(Rng::new(rng.next_u64()));
                alt.names = story.subst.names.clone();
                line = self.render(&self.sentences[s], &mut alt);
            }
            body.push(line);
        }
        if rng.chance(0.3) {
            let mut second = self.story(rng.below(n_stories), seed);
            for &s in second.sentences.clone().iter().take(3) {
                body.push(self.render(&self.sentences[s], &mut second.subst));
            }
        }
        let mut filler = Subst::new(Rng::new(rng.next_u64()));
        while body.iter().map(|s| s.len() + 1).sum::<usize>() < target {
            let s = rng.below(self.sentences.len());
            let at = rng.below(body.len() + 1);
            body.insert(at, self.render(&self.sentences[s], &mut filler));
        }

        let title = headline(&body[0]);
        let year = 2015 + rng.below(10);
        let month = 1 + rng.below(12);
        let mut text = String::with_capacity(target + 512);
        match rng.below(3) {
            0 => text.push_str(&format!(
                "---\ntitle: {title}\ndate: {year}-{month:02}-{:02}\nsource: {}\n---\n\n",
                1 + rng.below(28),
                coined(&mut rng)
            )),
            1 => text.push_str(&format!(" date {year}-{month:02} ")),
            _ => {}
        }
        if rng.chance(0.3) {
            text.push_str(&format!("Accueil / {} / {title}\n\n", rng.pick(&SECTIONS)));
        }
        text.push_str(&title);
        text.push_str("\n\n");
        let repeat_at = rng
            .chance(0.25)
            .then(|| 1 + rng.below(body.len().max(2) - 1));
        let mut k = 0;
        while k < body.len() {
            let len = (2 + rng.below(3)).min(body.len() - k);
            text.push_str(&body[k..k + len].join(" "));
            text.push_str("\n\n");
            if repeat_at.is_some_and(|r| (k..k + len).contains(&r)) {
                text.push_str(&title);
                text.push_str("\n\n");
            }
            k += len;
        }
        if rng.chance(0.3) {
            text.push_str(&format!("Source : {}\n\n", coined(&mut rng)));
        }
        if rng.chance(0.3) {
            let prompt = *rng.pick(&PROMPTS);
            text.push_str(prompt);
            text.push('\n');
        }
        text
    }

    /// `n` articles as `(path, bytes)`, named as [`Generator::write_corpus`] names them, for
    /// `corpus::from_sources` (no files written).
    pub fn sources(&self, n: usize, seed: u64) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        (0..n)
            .map(|i| {
                let tag = Rng::new(seed ^ i as u64).next_u64();
                let path = std::path::PathBuf::from(format!("gen/{i:06}_{tag:016x}.txt"));
                (path, self.article(n, i, seed).into_bytes())
            })
            .collect()
    }

    /// Writes `n` articles into `dir` (created if needed) as `NNNNNN_<hex>.txt`. Returns the
    /// total size in bytes.
    pub fn write_corpus(&self, dir: &Path, n: usize, seed: u64) -> io::Result<u64> {
        fs::create_dir_all(dir)?;
        let mut total = 0u64;
        for i in 0..n {
            let text = self.article(n, i, seed);
            let tag = Rng::new(seed ^ i as u64).next_u64();
            fs::write(dir.join(format!("{i:06}_{tag:016x}.txt")), &text)?;
            total += text.len() as u64;
        }
        Ok(total)
    }
}

/// A title from a sentence: its first words, without final punctuation.
fn headline(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().take(11).collect();
    words
        .join(" ")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

/// Runs of capitalised words separated by single spaces, with their byte offsets.
fn name_runs(s: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut last_end: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().expect("in bounds");
        if !c.is_alphabetic() {
            i += c.len_utf8();
            continue;
        }
        let end = s[i..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(s.len(), |e| i + e);
        let word = &s[i..end];
        if is_capitalised(word) {
            match (last_end, out.last_mut()) {
                (Some(e), Some(run)) if e + 1 == i && &s[e..i] == " " => {
                    run.1.push(' ');
                    run.1.push_str(word);
                }
                _ => out.push((i, word.to_owned())),
            }
            last_end = Some(end);
        } else {
            last_end = None;
        }
        i = end;
    }
    out
}
