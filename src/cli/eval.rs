//! `recoupe eval`: fact alignment scored against a gold file.
//!
//! Runs the whole pipeline on the corpus, maps the gold quotes to claims and prints claim
//! coverage and pairwise precision, recall and F1 (see [`crate::facts::eval`]). With
//! `--verbose`, every missed and spurious pair is listed with the aligner's score and the
//! anchors the two claims share, so that a user can see why a pair is or is not linked.

use super::{CorpusArgs, EXIT_USAGE, load_corpus};
use crate::claims::Claim;
use crate::facts::eval::{Pair, Scores, evaluate, parse_gold};
use crate::facts::{FactSet, Params, explain_pairs};
use crate::pipeline::Analysis;
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand.
pub fn run(gold: &Path, verbose: bool, corpus: &CorpusArgs) -> ExitCode {
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
            if verbose {
                print_pairs(&analysis, &s);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("recoupe eval: {}: {e}", gold.display());
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Lists missed, then spurious pairs: each claim with its article, gold facts and predicted
/// facts, then the pair's score and shared anchors.
fn print_pairs(analysis: &Analysis, s: &Scores) {
    let claims = &analysis.claims;
    let all: Vec<Pair> = s.missed.iter().chain(&s.spurious).copied().collect();
    let why = explain_pairs(&analysis.corpus, claims, &all, &Params::default());
    for (k, (&(a, b), (score, reasons))) in all.iter().zip(&why).enumerate() {
        let kind = if k < s.missed.len() {
            "missed"
        } else {
            "spurious"
        };
        println!("\n{kind} pair, score {score:.3}");
        for c in [a, b] {
            println!("  {}", describe(analysis, s, c));
        }
        for r in reasons {
            println!("    {r}");
        }
    }
}

fn describe(analysis: &Analysis, s: &Scores, c: usize) -> String {
    let (claims, facts): (&[Claim], &FactSet) = (&analysis.claims, &analysis.facts);
    let article = analysis
        .corpus
        .articles
        .get(claims[c].article)
        .map_or("?", |a| a.id.as_str());
    let gold = s.gold_facts.get(&c).map_or(String::new(), |g| g.join(","));
    let predicted: Vec<String> = facts
        .by_claim
        .get(c)
        .into_iter()
        .flatten()
        .map(|&f| format!("#{f} {}", facts.facts[f].label))
        .collect();
    let text: String = claims[c].text.chars().take(120).collect();
    format!(
        "[{article}] gold {gold} | facts {} | {text}",
        if predicted.is_empty() {
            "-".to_owned()
        } else {
            predicted.join("; ")
        }
    )
}
