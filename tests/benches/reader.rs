//! Reader speed on a 5 MB article: wrapping it once, and one keystroke (update + draw of the
//! visible rows) once it is wrapped — the keystroke must not depend on the article's length.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recoupe::app::{Action, App, AppOptions, Pane};
use recoupe::corpus::from_sources;
use recoupe::pipeline::Analysis;
use recoupe::ui::{Theme, draw};
use std::hint::black_box;
use std::path::PathBuf;

fn big() -> Analysis {
    let para = "Les documents judiciaires, rendus publics le 23 mars, révèlent une relation \
                apparemment privilégiée entre le géant du streaming et la plateforme de médias \
                sociaux : 150\u{a0}000 « messages » par jour.\n\n";
    let mut text = String::from("Un très long article\n\n");
    while text.len() < 5_000_000 {
        text.push_str(para);
    }
    let corpus = from_sources(vec![(PathBuf::from("big.txt"), text.into_bytes())]);
    let n = corpus.articles.len();
    Analysis {
        sentences: vec![Vec::new(); n],
        claims_by_article: vec![0..0; n],
        corpus,
        ..Analysis::default()
    }
}

fn bench(c: &mut Criterion) {
    let analysis = big();
    let article = &analysis.corpus.articles[0];
    c.bench_function("wrap 5 MB at 56 columns", |b| {
        b.iter(|| black_box(recoupe::app::wrap::wrap(0, article, &[], 56).len()))
    });
    let mut app = App::new(analysis.clone(), AppOptions::default());
    app.update(Action::Resize(120, 40));
    app.focus = Pane::Reader;
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::no_color();
    term.draw(|f| draw(f, &app, &theme)).unwrap();
    c.bench_function("keystroke j + draw, 5 MB article", |b| {
        b.iter(|| {
            app.update(Action::Down);
            term.draw(|f| draw(f, &app, &theme)).unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
