//! `recoupe export`: Print the corpus, claims, facts and annotations in one of the export formats.
//!
//! The JSON document is built here; the annotation formats (W3C, CSV, Markdown) are built by
//! [`crate::annotations`] through `annotate.rs`.

use super::{AnnotationArgs, CorpusArgs, ExportFormat};
use serde_json::json;
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
    let a = &s.analysis;
    let articles: Vec<_> = a
        .corpus
        .articles
        .iter()
        .map(|x| json!({"id": x.id, "path": x.path, "title": x.title, "url": x.url, "hash": x.hash, "chars": x.chars}))
        .collect();
    let doc = json!({
        "schema": "recoupe/1",
        "articles": articles,
        "claims": a.claims,
        "facts": a.facts.facts,
        "annotations": crate::annotations::export::json_array(s.store.state()),
    });
    super::annotate::print(&(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"))
}
