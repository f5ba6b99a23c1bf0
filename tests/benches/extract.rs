//! Claim extraction throughput, one thread (so MB/s is per core whatever the machine): the
//! seed articles repeated to about 4 MB, a generated archive of about 2 MB (600 articles from
//! `tests/support/corpus_gen.rs`: the seeds' sentences recombined with other names, numbers and
//! dates, so the entity model and the per-sentence work are those of a real archive, not of five
//! files seen many times), and one 5 MB line of prose without a sentence break (the pathological
//! case must stay linear). Target: ≥ 5 MB/s per core. Loading and segmentation are done once,
//! outside the measurement; entity learning is inside (it is part of extraction).

#[path = "../support/corpus_gen.rs"]
mod corpus_gen;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

/// Bytes of corpus to build from the seeds.
const TARGET_BYTES: usize = 4 * 1024 * 1024;

/// Articles of the generated archive (about 3.3 KB each).
const GENERATED_ARTICLES: usize = 600;

/// Seed of the generated archive: the same bytes on every run.
const GENERATED_SEED: u64 = 20_240_323;

fn seed_sources() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("seed is readable");
            (p, bytes)
        })
        .collect()
}

fn bench(c: &mut Criterion, name: &str, sources: Vec<(PathBuf, Vec<u8>)>) {
    let bytes: usize = sources.iter().map(|(_, b)| b.len()).sum();
    let corpus = recoupe::corpus::from_sources(sources);
    let sentences = corpus.segment();
    // Per core: one thread, so that the figure does not depend on the machine's core count.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    // Each iteration takes about a second: short warm-up and measurement keep the run brief.
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(name, |b| {
        b.iter(|| pool.install(|| black_box(recoupe::claims::extract(&corpus, &sentences))))
    });
    group.finish();
}

fn seeds_repeated(c: &mut Criterion) {
    let seeds = seed_sources();
    let per_round: usize = seeds.iter().map(|(_, b)| b.len()).sum();
    let rounds = TARGET_BYTES / per_round.max(1) + 1;
    let mut sources = Vec::new();
    for r in 0..rounds {
        for (p, b) in &seeds {
            let name = format!(
                "{r:04}_{}",
                p.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            );
            sources.push((PathBuf::from(name), b.clone()));
        }
    }
    bench(c, "seeds_4mb_one_thread", sources);
}

fn generated_archive(c: &mut Criterion) {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let generator = corpus_gen::Generator::from_dir(&seeds).expect("seeds/ is readable");
    let sources = (0..GENERATED_ARTICLES)
        .map(|i| {
            let text = generator.article(GENERATED_ARTICLES, i, GENERATED_SEED);
            (PathBuf::from(format!("{i:06}.txt")), text.into_bytes())
        })
        .collect();
    bench(c, "generated_600_one_thread", sources);
}

fn one_long_line(c: &mut Criterion) {
    let line = "Netflix a payé 40 millions de dollars selon Meta, et Hastings n’a pas nié ";
    let text = line.repeat(5 * 1024 * 1024 / line.len());
    bench(
        c,
        "long_line_5mb_one_thread",
        vec![(PathBuf::from("long.txt"), text.into_bytes())],
    );
}

criterion_group!(benches, seeds_repeated, generated_archive, one_long_line);
criterion_main!(benches);
