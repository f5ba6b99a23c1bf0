//! The terminal loop.

use crate::cli::ReaderArgs;
use std::process::ExitCode;

/// Opens the reader.
pub fn run(args: ReaderArgs) -> ExitCode {
    let corpus = match crate::cli::load_corpus(&args.corpus) {
        Ok(c) => c,
        Err(code) => return code,
    };
    for a in &corpus.articles {
        println!("{}\t{}", a.id, a.title);
    }
    ExitCode::SUCCESS
}
