//! Alignment time on synthetic corpora of 1,000 and 10,000 articles (see `tests/support/corpus_gen.rs`).
//!
//! Claims are every prose sentence of each article (more than the extractor keeps), so the
//! figure is an upper bound for the `facts::align` stage. Target: 10k articles ≲ 3 s on 2 cores.

use criterion::{Criterion, criterion_group, criterion_main};
use recoupe::claims::Claim;
use recoupe::text::{SentenceKind, slice_chars};
use std::hint::black_box;

#[path = "../support/corpus_gen.rs"]
mod corpus_gen;

fn claims_of(corpus: &recoupe::corpus::Corpus) -> Vec<Claim> {
    let sentences = corpus.segment();
    let mut out = Vec::new();
    for (i, list) in sentences.iter().enumerate() {
        let article = &corpus.articles[i];
        for s in list.iter().filter(|s| s.kind == SentenceKind::Prose) {
            let text = slice_chars(&article.text, s.span);
            let mut c = recoupe::facts::pseudo_claim(text, i);
            c.id = format!("{}#{}", article.id, s.span.start);
            c.span = s.span;
            c.quantities = recoupe::claims::quantity::quantities(text, s.span.start);
            c.dates = recoupe::claims::dates::dates(text, s.span.start, article.date);
            out.push(c);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let generator = corpus_gen::Generator::from_dir(&seeds).expect("read seeds/");
    for articles in [1_000, 10_000] {
        let corpus = recoupe::corpus::from_sources(generator.sources(articles, 7));
        let claims = claims_of(&corpus);
        eprintln!("{articles} articles, {} claims", claims.len());
        group.bench_function(format!("{articles}_articles"), |b| {
            b.iter(|| black_box(recoupe::facts::align(&corpus, &claims)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
