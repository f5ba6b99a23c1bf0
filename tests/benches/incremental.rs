//! Incremental alignment at archive scale: how far its facts drift from a cold alignment
//! after a one-file edit, and what it costs next to one.
//!
//! For each size (`INCR_SIZES=1000,10000`, default 1000) it generates a corpus (seeded), aligns
//! it in full, appends one sentence to one article (as `--bench scale` does), analyses the
//! edited corpus (a cold alignment), then aligns it incrementally from the first run's state,
//! with and without rescoring the reused links. Printed: pairs scored and links reused,
//! aligner wall and process CPU time, and the drift: claims whose facts (by id) differ from the
//! cold run's, and the share of pairs of claims stated as one fact on which both agree.

#[path = "../support/corpus_gen.rs"]
mod corpus_gen;
#[path = "../support/fact_pairs.rs"]
mod fact_pairs;

use fact_pairs::{memberships, together};
use recoupe::facts::Params;
use recoupe::facts::incremental::{self, Policy};
use recoupe::pipeline;
use std::path::Path;
use std::time::Instant;

const SEED: u64 = 20_240_323;

/// Runs `f`, returning its value, wall seconds and process CPU seconds.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (start, cpu) = (Instant::now(), pipeline::stages::cpu_secs());
    let v = f();
    (
        v,
        start.elapsed().as_secs_f64(),
        pipeline::stages::cpu_secs() - cpu,
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("INCR_SIZES")
        .unwrap_or_else(|_| "1000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let generator = corpus_gen::Generator::from_dir(&seeds).expect("read seeds/");
    let params = Params::default();
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        generator.write_corpus(&corpus, n, SEED).expect("write");
        let load = || recoupe::corpus::load_paths(std::slice::from_ref(&corpus)).expect("load");
        let before = pipeline::analyze(load());
        let ((_, state, full), wall, cpu) = timed(|| {
            incremental::align(
                &before.corpus,
                &before.claims,
                None,
                &params,
                &Policy::default(),
            )
        });
        println!(
            "== {n} articles, {} claims; full: {} pairs scored, {wall:.2} s wall, {cpu:.2} s cpu",
            before.claims.len(),
            full.scored
        );
        drop(before);
        let first = load().articles[0].path.clone();
        let mut text = std::fs::read_to_string(&first).expect("read article");
        text.push_str("\nUne phrase ajoutée le 3 mai 2024 change ce fichier.\n");
        std::fs::write(&first, text).expect("edit article");
        let after = pipeline::analyze(load());
        let cold = &after.facts;
        for rescore in [true, false] {
            let policy = Policy {
                rescore,
                ..Policy::default()
            };
            let ((f, _, stats), wall, cpu) = timed(|| {
                incremental::align(&after.corpus, &after.claims, Some(&state), &params, &policy)
            });
            let (got, want) = (memberships(&f), memberships(cold));
            let differ = got.iter().zip(&want).filter(|(x, y)| x != y).count();
            let (x, y) = (together(&f), together(cold));
            let agree = x.intersection(&y).count() as f64 / x.len().max(y.len()).max(1) as f64;
            println!(
                "edit, rescore {rescore:<5}: {:?}, {} changed, {} pairs scored, {} links reused, \
                 {wall:.2} s wall, {cpu:.2} s cpu | claims in other facts than cold: {differ} of \
                 {} ({:.3} %), pairs together agreeing {:.4}",
                stats.mode,
                stats.changed_articles,
                stats.scored,
                stats.reused,
                want.len(),
                100.0 * differ as f64 / want.len().max(1) as f64,
                agree
            );
        }
    }
}
