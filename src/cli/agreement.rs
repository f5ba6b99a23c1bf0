//! `recoupe agreement`: Inter-annotator agreement on verdicts (Cohen's κ per pair).

use super::{AnnotationArgs, CorpusArgs};
use crate::annotations::agreement;
use std::fmt::Write;
use std::process::ExitCode;

/// Runs the subcommand: one line per pair of annotators.
pub fn run(annotation: &AnnotationArgs, corpus: &CorpusArgs) -> ExitCode {
    let s = match super::annotate::session(annotation, corpus) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let pairs = agreement::pairs(s.store.state());
    if pairs.is_empty() {
        return super::annotate::print("fewer than two annotators have given verdicts\n");
    }
    let mut out = String::from("annotator A\tannotator B\tclaims\tagreement\tkappa\n");
    for p in pairs {
        let kappa = p.kappa.map_or("n/a".to_owned(), |k| format!("{k:.3}"));
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{:.1}%\t{kappa}",
            p.a,
            p.b,
            p.claims,
            p.observed * 100.0
        );
    }
    super::annotate::print(&out)
}
