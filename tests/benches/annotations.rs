//! Annotation speed: one durable append (write + fsync under the lock), replaying a large
//! journal, and fuzzy re-anchoring of a sentence in a long article.

use criterion::{Criterion, criterion_group, criterion_main};
use recoupe::annotations::anchor::anchor;
use recoupe::annotations::{Edit, Selector, State, Store, Target, Verdict, journal};
use recoupe::corpus::Article;
use recoupe::text::Span;
use std::path::PathBuf;

fn article() -> Article {
    let text = format!(
        "Titre\n\n{}",
        "Meta a donné à Netflix un accès aux messages privés. ".repeat(2000)
    );
    Article::from_text("a".into(), PathBuf::from("a.txt"), text, "0".into())
}

fn benches(c: &mut Criterion) {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("j.jsonl");
    let a = article();
    let mut store = Store::open(&path, "bench").unwrap();
    let target = Target::span("a#1", &a, Span::new(7, 60));
    let mut flip = false;
    c.bench_function("append one annotation event (fsync)", |b| {
        b.iter(|| {
            flip = !flip;
            let v = if flip { Verdict::True } else { Verdict::False };
            store.apply(Edit::Verdict(target.clone(), v)).unwrap()
        })
    });
    // A journal of 20 000 events (without fsync: only replay is measured).
    let big = d.path().join("big.jsonl");
    let mut lines = String::new();
    let first = journal::load(&path).unwrap().events[0].clone();
    for i in 0..20_000 {
        let mut ev = first.clone();
        ev.id = format!("e-{i:016x}");
        ev.annotation = format!("a-{:016x}", i % 5000);
        lines.push_str(&serde_json::to_string(&ev).unwrap());
        lines.push('\n');
    }
    std::fs::write(&big, lines).unwrap();
    let path = big;
    let events = journal::load(&path).unwrap().events;
    c.bench_function(&format!("replay {} events", events.len()), |b| {
        b.iter(|| State::replay(&events))
    });
    let sel = Selector::new(&a.text, Span::new(50_007, 50_060));
    let edited = a
        .text
        .replacen("messages privés", "messages très privés", 1000);
    c.bench_function("fuzzy re-anchor in a 100k-char article", |b| {
        b.iter(|| anchor(&edited, &sel))
    });
}

criterion_group! {
    name = annotation_benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(annotation_benches);
