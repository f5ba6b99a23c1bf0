//! `recoupe annotate`: append one annotation from the command line; also the shared set-up of
//! every annotation subcommand (journal location, annotator, store, analysis with the user's
//! claims and links applied) and the annotation formats of `recoupe export`.

use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE, ExportFormat};
use crate::annotations::{self, Edit, Store, Target, Verdict};
use crate::pipeline::Analysis;
use std::process::ExitCode;

/// Exit status when an annotation could not be saved.
pub const EXIT_NOT_SAVED: u8 = 1;

/// The analysed corpus with its journal opened and the user's claims and links applied.
pub(super) struct Session {
    pub analysis: Analysis,
    pub store: Store,
}

/// Loads and analyses the corpus (with a progress bar on a terminal's stderr), opens its
/// journal, prints skipped-line notices on stderr.
pub(super) fn session(
    annotation: &AnnotationArgs,
    corpus: &CorpusArgs,
) -> Result<Session, ExitCode> {
    let corpus = super::load_corpus(corpus)?;
    let path = annotations::location::journal_path(&corpus, annotation.annotations.as_deref());
    let who = annotations::location::annotator(annotation.annotator.as_deref());
    let store = Store::open(&path, &who).map_err(|e| {
        eprintln!("recoupe: {e}");
        ExitCode::from(EXIT_USAGE)
    })?;
    for n in store.notices() {
        eprintln!("recoupe: {n}");
    }
    // A progress bar on stderr while it runs (drawn only when stderr is a terminal).
    let progress = crate::progress::Progress::new();
    let bar = crate::progress::Bar::start(progress.clone());
    let options = crate::pipeline::Options {
        cache: None,
        progress: Some(progress),
    };
    let mut analysis = crate::pipeline::analyze_with(corpus, &options).0;
    drop(bar);
    annotations::apply_to_analysis(&mut analysis, store.state());
    Ok(Session { analysis, store })
}

/// Runs the subcommand: prints the new annotation's id once it is durable.
pub fn run(
    claim: &str,
    verdict: Option<String>,
    note: Option<String>,
    tags: Vec<String>,
    annotation: &AnnotationArgs,
    corpus: &CorpusArgs,
) -> ExitCode {
    let verdict = match verdict.as_deref().map(|v| (v, Verdict::parse(v))) {
        None => Verdict::None,
        Some((_, Some(v))) => v,
        Some((v, None)) => {
            eprintln!(
                "recoupe annotate: unknown verdict {v:?} (true, false, misleading, unverifiable or none)"
            );
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut s = match session(annotation, corpus) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let Some(c) = s.analysis.claims.iter().find(|c| c.id == claim) else {
        eprintln!(
            "recoupe annotate: no claim {claim:?} in this corpus (ids as printed by `recoupe claims`)"
        );
        return ExitCode::from(EXIT_USAGE);
    };
    let target = Target::claim(c, &s.analysis.corpus.articles[c.article]);
    let edit = Edit::Create {
        target,
        verdict,
        note: note.unwrap_or_default(),
        tags,
    };
    match s.store.apply(edit) {
        Ok(_) => {
            let id = s.store.last_change().unwrap_or_default().to_owned();
            print(&format!("{id}\n"))
        }
        Err(e) => {
            eprintln!("recoupe annotate: {e}");
            ExitCode::from(EXIT_NOT_SAVED)
        }
    }
}

/// The annotation formats of `recoupe export` (W3C, CSV, Markdown) printed on stdout. (The
/// whole JSON document is built in `export.rs`; `Json` here prints the annotations array alone.)
pub(super) fn export(
    format: ExportFormat,
    annotation: &AnnotationArgs,
    corpus: &CorpusArgs,
) -> ExitCode {
    let s = match session(annotation, corpus) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let state = s.store.state();
    let text = match format {
        ExportFormat::W3c => {
            let mut all: Vec<_> = state.iter().collect();
            all.sort_by(|a, b| (&a.created, &a.id).cmp(&(&b.created, &b.id)));
            let doc = annotations::w3c::collection(all);
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
        ExportFormat::Csv => annotations::export::csv(state),
        ExportFormat::Md => annotations::export::markdown(&s.analysis, state),
        ExportFormat::Json => {
            let doc = annotations::export::json_array(state);
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
    };
    print(&text)
}

/// Writes `text` on stdout; a closed pipe (`| head`) is not an error.
pub(super) fn print(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recoupe: cannot write output: {e}");
            ExitCode::from(EXIT_NOT_SAVED)
        }
    }
}
