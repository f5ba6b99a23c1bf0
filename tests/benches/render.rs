//! Keystroke → frame at scale: an [`App`] over 10,000 generated articles (analysis built once
//! in setup), a scripted session of keys — j/k and pages in the article list, Tab, claim moves
//! in the claims panel, the `F` fact list opened and scrolled, the `f` fact view — each applied
//! with [`App::update`] and drawn into a 200×60 ratatui `TestBackend`. Prints the median and
//! p99 milliseconds per keystroke (update + draw) over several passes of the session; target
//! ≤ 5 ms p99. Criterion also times one whole pass.
//!
//! `cargo bench --bench render` (`RENDER_ARTICLES=N` for another size, `RENDER_BY_ACTION=1`
//! for a line per action). Building the 10,000-article analysis takes a while (it is the whole
//! pipeline, uncached).

#[path = "../support/corpus_gen.rs"]
mod corpus_gen;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::app::{Action, App, AppOptions};
use recoupe::ui::{Theme, draw};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SEED: u64 = 20_240_323;
const SIZE: (u16, u16) = (200, 60);
/// Passes of the session measured for the percentiles.
const PASSES: usize = 5;

fn app(n: usize) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let g = corpus_gen::Generator::from_dir(&root.join("seeds")).expect("seeds/");
    let sources = (0..n)
        .map(|i| {
            (
                PathBuf::from(format!("gen/{i:06}.txt")),
                g.article(n, i, SEED).into_bytes(),
            )
        })
        .collect();
    let t = Instant::now();
    let analysis = recoupe::pipeline::analyze(recoupe::corpus::from_sources(sources));
    eprintln!(
        "render: {n} articles, {} claims, {} facts analysed in {:.1} s",
        analysis.claims.len(),
        analysis.facts.facts.len(),
        t.elapsed().as_secs_f64()
    );
    let mut app = App::new(analysis, AppOptions::default());
    app.update(Action::Resize(SIZE.0, SIZE.1));
    app
}

/// The scripted session; it ends where it started (list focused, no popup), so passes repeat.
fn script() -> Vec<Action> {
    use Action as A;
    let mut s = Vec::new();
    let rep = |s: &mut Vec<Action>, a: Action, n: usize| s.extend(std::iter::repeat_n(a, n));
    // Article list: down, up, pages, the far end and back, open one.
    rep(&mut s, A::Down, 20);
    rep(&mut s, A::Up, 5);
    rep(&mut s, A::PageDown, 5);
    s.push(A::Bottom);
    rep(&mut s, A::PageUp, 3);
    s.push(A::Top);
    rep(&mut s, A::Down, 3);
    s.push(A::Open); // opens it, focus on the reader
    rep(&mut s, A::Down, 10);
    s.push(A::PageDown);
    s.push(A::PageUp);
    // Claims panel: moves, the fact view, jumps to the same fact elsewhere.
    s.push(A::FocusNext);
    rep(&mut s, A::Down, 8);
    rep(&mut s, A::Up, 3);
    s.push(A::FactView);
    rep(&mut s, A::Down, 3);
    s.push(A::Cancel);
    s.push(A::NextFact);
    s.push(A::PrevFact);
    // The fact list over every fact: scroll, pages, the end, filters.
    s.push(A::FactList);
    rep(&mut s, A::Down, 15);
    rep(&mut s, A::PageDown, 5);
    s.push(A::Bottom);
    s.push(A::Top);
    s.push(A::FilterShared);
    rep(&mut s, A::Down, 5);
    s.push(A::FilterShared);
    s.push(A::FilterConflicts);
    rep(&mut s, A::Down, 5);
    s.push(A::FilterConflicts);
    s.push(A::Cancel);
    // Back to the list (claims → list) for the next pass.
    s.push(A::FocusNext);
    s
}

/// One keystroke: update, then draw.
fn key(app: &mut App, term: &mut Terminal<TestBackend>, theme: &Theme, a: Action) {
    app.update(a);
    term.draw(|f| draw(f, app, theme)).expect("draw");
}

/// CPU time of this thread: on a machine shared with other jobs, wall time also counts the
/// time the scheduler gave to others.
fn cpu_now() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: writes one timespec to a live local.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Median and p99 of some durations, in milliseconds.
fn spread(mut ds: Vec<Duration>) -> (f64, f64, f64) {
    ds.sort();
    let at = |p: f64| ms(ds[((ds.len() - 1) as f64 * p).round() as usize]);
    (at(0.5), at(0.99), ms(ds[ds.len() - 1]))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn bench(c: &mut Criterion) {
    let n = std::env::var("RENDER_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        // `cargo test --benches` runs bench targets without `--bench`: a small corpus there.
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            10_000
        } else {
            200
        });
    let mut app = app(n);
    let theme = Theme::no_color();
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test backend");
    term.draw(|f| draw(f, &app, &theme)).expect("draw");
    let script = script();

    // (wall, cpu, action) per keystroke.
    let mut times: Vec<(Duration, Duration, String)> = Vec::new();
    for _ in 0..PASSES {
        for a in &script {
            let (t, c) = (Instant::now(), cpu_now());
            key(&mut app, &mut term, &theme, a.clone());
            times.push((t.elapsed(), cpu_now() - c, format!("{a:?}")));
        }
    }
    let (wall_med, wall_p99, wall_max) = spread(times.iter().map(|t| t.0).collect());
    let (cpu_med, cpu_p99, cpu_max) = spread(times.iter().map(|t| t.1).collect());
    let slowest = times.iter().max_by_key(|t| t.1).map(|t| t.2.clone());
    println!(
        "render: {} keystrokes at {}x{} over {n} articles (update + draw)\n  \
         wall: median {wall_med:.3} ms, p99 {wall_p99:.3} ms, max {wall_max:.3} ms\n  \
         cpu:  median {cpu_med:.3} ms, p99 {cpu_p99:.3} ms, max {cpu_max:.3} ms ({})\n  \
         target p99 ≤ 5 ms: {}",
        times.len(),
        SIZE.0,
        SIZE.1,
        slowest.unwrap_or_default(),
        if wall_p99 <= 5.0 {
            "met"
        } else if cpu_p99 <= 5.0 {
            "met in CPU time (wall time includes other jobs' share of the machine)"
        } else {
            "MISSED"
        }
    );
    if std::env::var_os("RENDER_BY_ACTION").is_some() {
        let mut by: std::collections::BTreeMap<String, Vec<Duration>> = Default::default();
        for (_, cpu, a) in &times {
            by.entry(a.clone()).or_default().push(*cpu);
        }
        for (a, ds) in by {
            let n = ds.len();
            let (med, _, max) = spread(ds);
            println!("  {a:<16} n={n:<4} cpu median {med:.3} ms  max {max:.3} ms");
        }
    }

    c.bench_function("scripted session pass (update + draw per key)", |b| {
        b.iter(|| {
            for a in &script {
                key(&mut app, &mut term, &theme, a.clone());
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
