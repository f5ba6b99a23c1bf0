//! `recoupe eval`: fact alignment scored against a gold file.
//!
//! Runs the whole pipeline on the corpus, maps the gold quotes to claims and prints claim
//! coverage and pairwise precision, recall and F1 (see [`crate::facts::eval`]).

use super::{CorpusArgs, EXIT_USAGE, load_corpus};
use crate::facts::eval::{evaluate, parse_gold};
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand.
pub fn run(gold: &Path, corpus: &CorpusArgs) -> ExitCode {
    let json = match std::fs::read_to_string(gold) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("recoupe eval: cannot read {}: {e}", gold.display());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let gold_facts = match parse_gold(&json) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("recoupe eval: {}: {e}", gold.display());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let corpus = match load_corpus(corpus) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let analysis = crate::pipeline::analyze(corpus);
    match evaluate(
        &analysis.corpus,
        &analysis.claims,
        &analysis.facts,
        &gold_facts,
    ) {
        Ok(s) => {
            println!(
                "coverage  {:.4}  ({} of {} gold members found as claims)",
                s.coverage(),
                s.covered,
                s.members
            );
            println!(
                "precision {:.4}  ({} of {} predicted pairs)",
                s.precision(),
                s.true_pairs,
                s.predicted_pairs
            );
            println!(
                "recall    {:.4}  ({} of {} gold pairs)",
                s.recall(),
                s.true_pairs,
                s.gold_pairs
            );
            println!("f1        {:.4}", s.f1());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("recoupe eval: {}: {e}", gold.display());
            ExitCode::from(EXIT_USAGE)
        }
    }
}
