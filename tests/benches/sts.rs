//! `facts::similarity` on the French STS benchmark (issue #4, point 8), against a TF-IDF
//! baseline scored on the same pairs.
//!
//! The data is not shipped (its licence is not ours): the French STS-B test split is
//! `data/stsb-fr-test.csv` of the GitHub repository `PhilipMay/stsb-multi-mt` (1,379 pairs,
//! CSV `sentence1,sentence2,score`, gold 0–5). Run with
//! `STS_FILE=path/to/stsb-fr-test.csv cargo bench --locked --bench sts`; without `STS_FILE`
//! the bench says so and exits successfully, so that CI only compiles it.
//!
//! Printed: Spearman's rank correlation (average ranks for ties) and Pearson's correlation of
//! each scorer with the gold, and the time per pair of `similarity`. The baseline is TF-IDF
//! cosine over folded words stemmed by the same Snowball French stemmer the aligner uses, IDF
//! taken over the benchmark's own sentences; a second baseline line drops the aligner's stop
//! words first.

use recoupe::text::fold::fold;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

const STOP_FR: &str = include_str!("../../assets/stopwords/fr.txt");

/// One benchmark pair.
struct Pair {
    a: String,
    b: String,
    gold: f64,
}

/// Splits one CSV record (RFC 4180 quoting: `"…"` fields, `""` for a quote inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Reads the pairs of `text`; a record that is not two sentences and a score in [0, 5] is
/// reported and skipped.
fn parse(text: &str) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let f = csv_fields(line);
        match (
            f.as_slice(),
            f.get(2).and_then(|s| s.trim().parse::<f64>().ok()),
        ) {
            ([a, b, _], Some(gold)) if (0.0..=5.0).contains(&gold) => pairs.push(Pair {
                a: a.clone(),
                b: b.clone(),
                gold,
            }),
            _ => eprintln!(
                "sts: line {}: not `sentence1,sentence2,score`, skipped",
                n + 1
            ),
        }
    }
    pairs
}

/// Ranks from 1, ties sharing the average of the ranks they span.
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            r[k] = average;
        }
        i = j + 1;
    }
    r
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return 0.0;
    }
    sxy / (sxx * syy).sqrt()
}

fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// Stemmed folded words of `text`, stop words out when `stop` is given.
fn tokens(text: &str, stemmer: &Stemmer, stop: Option<&[String]>) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !stop.is_some_and(|s| s.iter().any(|x| x == w)))
        .map(|w| stemmer.stem(w).into_owned())
        .collect()
}

/// TF-IDF cosine of every pair, IDF (smoothed, `ln((1 + n) / (1 + df)) + 1`) over all the
/// benchmark's sentences.
fn tfidf(pairs: &[Pair], stop: Option<&[String]>) -> Vec<f64> {
    let stemmer = Stemmer::create(Algorithm::French);
    let docs: Vec<(Vec<String>, Vec<String>)> = pairs
        .iter()
        .map(|p| (tokens(&p.a, &stemmer, stop), tokens(&p.b, &stemmer, stop)))
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for (a, b) in &docs {
        for doc in [a, b] {
            let mut seen: Vec<&str> = doc.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *df.entry(t).or_default() += 1.0;
            }
        }
    }
    let n = 2.0 * pairs.len() as f64;
    // Ordered, so that sums run in one order and the figures repeat to the last digit.
    let vector = |doc: &[String]| -> BTreeMap<String, f64> {
        let mut v: BTreeMap<String, f64> = BTreeMap::new();
        for t in doc {
            *v.entry(t.clone()).or_default() += 1.0;
        }
        for (t, x) in v.iter_mut() {
            *x *= ((1.0 + n) / (1.0 + df[t.as_str()])).ln() + 1.0;
        }
        v
    };
    docs.iter()
        .map(|(a, b)| {
            let (va, vb) = (vector(a), vector(b));
            let dot: f64 = va.iter().map(|(t, x)| x * vb.get(t).unwrap_or(&0.0)).sum();
            let norm = |v: &BTreeMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
            let d = norm(&va) * norm(&vb);
            if d > 0.0 { dot / d } else { 0.0 }
        })
        .collect()
}

fn main() {
    // The correlation code is checked before it measures anything.
    let seq: Vec<f64> = [3.0, 1.0, 2.0, 2.0, 5.0, 0.5].to_vec();
    let reversed: Vec<f64> = seq.iter().map(|x| -x).collect();
    assert!((spearman(&seq, &seq) - 1.0).abs() < 1e-12);
    assert!((spearman(&seq, &reversed) + 1.0).abs() < 1e-12);
    assert_eq!(ranks(&[2.0, 1.0, 2.0]), vec![2.5, 1.0, 2.5]);
    assert_eq!(
        csv_fields(r#""a, ""b""",c,1.5"#),
        vec!["a, \"b\"", "c", "1.5"]
    );

    let path = std::env::var_os("STS_FILE");
    let Some(text) = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()) else {
        println!(
            "sts: set STS_FILE to the French STS benchmark's test split, data/stsb-fr-test.csv \
             of the GitHub repository PhilipMay/stsb-multi-mt (not shipped: its licence is not \
             ours); nothing measured"
        );
        return;
    };
    let pairs = parse(&text);
    if pairs.len() < 2 {
        println!("sts: fewer than two pairs read; nothing measured");
        return;
    }
    let gold: Vec<f64> = pairs.iter().map(|p| p.gold).collect();

    // The lexicon loads on first use: warm it up out of the timing.
    recoupe::facts::similarity("Un homme parle.", "Un homme parle.");
    let mut times = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        ours = pairs
            .iter()
            .map(|p| f64::from(recoupe::facts::similarity(&p.a, &p.b)))
            .collect();
        times.push(start.elapsed().as_secs_f64() / pairs.len() as f64);
    }
    times.sort_by(f64::total_cmp);

    // The same score with each anchor weighted by its rarity across the benchmark's sentences,
    // as the aligner weighs it across a corpus: like for like with the TF-IDF baseline.
    let refs: Vec<(&str, &str)> = pairs.iter().map(|p| (p.a.as_str(), p.b.as_str())).collect();
    let start = Instant::now();
    let corpus: Vec<f64> = recoupe::facts::similarities(&refs)
        .into_iter()
        .map(f64::from)
        .collect();
    let batch = start.elapsed().as_secs_f64() / pairs.len() as f64;

    let stop: Vec<String> = STOP_FR
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(fold)
        .collect();
    let baseline = tfidf(&pairs, None);
    let baseline_stop = tfidf(&pairs, Some(&stop));

    println!("sts: {} pairs", pairs.len());
    for (name, scores) in [
        ("facts::similarity", &ours),
        ("facts::similarities (IDF over the pairs)", &corpus),
        ("tf-idf cosine, stemmed", &baseline),
        ("tf-idf cosine, stemmed, stop words out", &baseline_stop),
    ] {
        println!(
            "{name:<40} spearman {:.4}  pearson {:.4}",
            spearman(scores, &gold),
            pearson(scores, &gold)
        );
    }
    // STS_SCORES=FILE keeps every pair's scores, for looking at where the scorers differ.
    if let Some(out) = std::env::var_os("STS_SCORES") {
        let mut tsv = String::from("gold\tsimilarity\tsimilarities\ttfidf\tsentence1\tsentence2\n");
        for (i, p) in pairs.iter().enumerate() {
            tsv.push_str(&format!(
                "{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\n",
                p.gold, ours[i], corpus[i], baseline[i], p.a, p.b
            ));
        }
        if let Err(e) = std::fs::write(&out, tsv) {
            eprintln!("sts: cannot write STS_SCORES: {e}");
        }
    }
    let zeros = ours.iter().filter(|&&s| s == 0.0).count();
    println!(
        "facts::similarity: {zeros} pairs score 0; {:.1} µs per pair (median of 3 passes)",
        times[1] * 1e6
    );
    println!(
        "facts::similarities: {:.1} µs per pair, all pairs at once (2 cores)",
        batch * 1e6
    );
}
