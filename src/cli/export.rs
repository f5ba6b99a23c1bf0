//! `recoupe export`: Print the corpus, claims, facts and annotations in one of the export formats.

#[allow(unused_imports)]
use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE, ExportFormat};
#[allow(unused_imports)]
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand. (Being implemented: the lead wires every subcommand first so that
/// each can be written in its own file.)
pub fn run(format: ExportFormat, annotation: &AnnotationArgs, corpus: &CorpusArgs) -> ExitCode {
    let _ = (format, annotation, corpus);
    eprintln!("recoupe export: not available in this build yet");
    ExitCode::from(EXIT_USAGE)
}
