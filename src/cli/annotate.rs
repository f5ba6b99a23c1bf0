//! `recoupe annotate`: Append one annotation from the command line.

#[allow(unused_imports)]
use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE, ExportFormat};
#[allow(unused_imports)]
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand. (Being implemented: the lead wires every subcommand first so that
/// each can be written in its own file.)
pub fn run(
    claim: &str,
    verdict: Option<String>,
    note: Option<String>,
    tags: Vec<String>,
    annotation: &AnnotationArgs,
    corpus: &CorpusArgs,
) -> ExitCode {
    let _ = (claim, verdict, note, tags, annotation, corpus);
    eprintln!("recoupe annotate: not available in this build yet");
    ExitCode::from(EXIT_USAGE)
}
