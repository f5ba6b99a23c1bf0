//! `recoupe export`: print the corpus, claims, facts and annotations as one document.
//!
//! The JSON document's types live in [`crate::claims::export`] (a library module, so other code
//! can build or parse it); its `annotations` array and the annotation formats (W3C, CSV,
//! Markdown) come from [`crate::annotations::export`] through the shared annotation session of
//! `annotate.rs`, so every format sees the same replayed journal.

use super::{AnnotationArgs, CorpusArgs, ExportFormat};
use crate::claims::export::Document;
use std::process::ExitCode;

/// Runs the subcommand.
pub fn run(format: ExportFormat, annotation: &AnnotationArgs, corpus: &CorpusArgs) -> ExitCode {
    if format != ExportFormat::Json {
        return super::annotate::export(format, annotation, corpus);
    }
    let s = match super::annotate::session(annotation, corpus) {
        Ok(s) => s,
        Err(code) => return code,
    };
    for n in &s.analysis.corpus.notices {
        eprintln!("recoupe: {n}");
    }
    let mut doc = Document::from_analysis(&s.analysis);
    if let serde_json::Value::Array(items) = crate::annotations::export::json_array(s.store.state())
    {
        doc.annotations = items;
    }
    let written = doc.write_json(std::io::stdout().lock());
    // The process ends here: the system takes the memory back at once at exit, where freeing
    // the document and the analysis one allocation at a time costs a noticeable pause at
    // archive scale. The journal (`s.store`) is dropped as usual.
    std::mem::forget(doc);
    std::mem::forget(s.analysis);
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recoupe: cannot write output: {e}");
            ExitCode::from(super::annotate::EXIT_NOT_SAVED)
        }
    }
}
