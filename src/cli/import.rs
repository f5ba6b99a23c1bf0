//! `recoupe import`: Import annotations from W3C JSON-LD or a recoupe journal.

#[allow(unused_imports)]
use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE, ExportFormat};
#[allow(unused_imports)]
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand. (Being implemented: the lead wires every subcommand first so that
/// each can be written in its own file.)
pub fn run(file: &Path, annotation: &AnnotationArgs, corpus: &CorpusArgs) -> ExitCode {
    let _ = (file, annotation, corpus);
    eprintln!("recoupe import: not available in this build yet");
    ExitCode::from(EXIT_USAGE)
}
