//! `recoupe claims`: Print the claims of each article as a table.

#[allow(unused_imports)]
use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE, ExportFormat};
#[allow(unused_imports)]
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand. (Being implemented: the lead wires every subcommand first so that
/// each can be written in its own file.)
pub fn run(corpus: &CorpusArgs) -> ExitCode {
    let _ = corpus;
    eprintln!("recoupe claims: not available in this build yet");
    ExitCode::from(EXIT_USAGE)
}
