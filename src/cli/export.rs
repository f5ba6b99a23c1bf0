//! `recoupe export`: print the corpus, claims, facts and annotations as one document.
//!
//! One function per format renders an [`Analysis`] to text; [`render`] dispatches on
//! [`ExportFormat`], so a new format is one function and one match arm. The JSON document's
//! types live in [`crate::claims::export`] (a library module, so other code can build or parse
//! it).

use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE, ExportFormat};
use crate::claims::export::Document;
use crate::pipeline::Analysis;
use std::io::Write;
use std::process::ExitCode;

/// The `recoupe/1` JSON document.
pub fn json(analysis: &Analysis) -> String {
    Document::from_analysis(analysis).to_json()
}

/// Renders `analysis` in `format`, or says why it cannot.
pub fn render(format: ExportFormat, analysis: &Analysis) -> Result<String, String> {
    match format {
        ExportFormat::Json => Ok(json(analysis)),
        ExportFormat::W3c | ExportFormat::Csv | ExportFormat::Md => Err(format!(
            "--format {} is not supported by this build; use --format json",
            clap::ValueEnum::to_possible_value(&format)
                .map_or_else(String::new, |v| v.get_name().to_string())
        )),
    }
}

/// Runs the subcommand.
pub fn run(format: ExportFormat, annotation: &AnnotationArgs, corpus: &CorpusArgs) -> ExitCode {
    // The journal location matters to the annotation formats only; JSON carries no annotations
    // until the annotation layer fills them.
    let _ = annotation;
    let corpus = match super::load_corpus(corpus) {
        Ok(c) => c,
        Err(code) => return code,
    };
    for n in &corpus.notices {
        eprintln!("recoupe: {n}");
    }
    let analysis = crate::pipeline::analyze(corpus);
    match render(format, &analysis) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = writeln!(out, "{text}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("recoupe export: {msg}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
