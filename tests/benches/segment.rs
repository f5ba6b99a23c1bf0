//! Segmentation throughput: the five seed articles concatenated and repeated to about 5 MB,
//! segmented as one body (with furniture recognition), reported in bytes per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recoupe::text::{Span, segment};
use std::hint::black_box;

/// Target size of the benchmark text.
const TARGET_BYTES: usize = 5 * 1024 * 1024;

fn seed_text() -> String {
    let corpus = recoupe::corpus::load_paths(&["seeds".into()]).expect("seeds/ loads");
    let one: String = corpus
        .articles
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut text = String::with_capacity(TARGET_BYTES + one.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = seed_text();
    let body = Span::new(0, text.chars().count());
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("seeds_5mb", |b| {
        b.iter(|| segment(black_box(&text), body, &[]))
    });
    // One 5 MB line without punctuation: the worst case for a line-based scanner.
    let flat = "mot ".repeat(TARGET_BYTES / 4);
    let flat_body = Span::new(0, flat.chars().count());
    group.throughput(Throughput::Bytes(flat.len() as u64));
    group.bench_function("one_line_5mb", |b| {
        b.iter(|| segment(black_box(&flat), flat_body, &[]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
