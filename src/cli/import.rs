//! `recoupe import`: Import annotations from W3C JSON-LD or a recoupe journal, idempotently.
//!
//! A journal's events keep their ids; a W3C annotation becomes an event whose id hashes its
//! content. Either way the store skips events it already has and events that would change
//! nothing, so importing the same file twice adds nothing the second time.

use super::{AnnotationArgs, CorpusArgs, EXIT_USAGE};
use crate::annotations::{self, Event, w3c};
use crate::pipeline::Analysis;
use serde_json::Value;
use std::path::Path;
use std::process::ExitCode;

/// Runs the subcommand.
pub fn run(file: &Path, annotation: &AnnotationArgs, corpus: &CorpusArgs) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("recoupe import: {}: {e}", file.display());
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut s = match super::annotate::session(annotation, corpus) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (events, notices) = read_events(&bytes, file, &s.analysis);
    for n in &notices {
        eprintln!("recoupe import: {n}");
    }
    if events.is_empty() && !notices.is_empty() {
        eprintln!("recoupe import: {}: nothing importable", file.display());
        return ExitCode::from(EXIT_USAGE);
    }
    match s.store.import(&events) {
        Ok(n) => super::annotate::print(&format!(
            "imported {n} of {} events into {} ({} already there)\n",
            events.len(),
            s.store.path().display(),
            events.len() - n
        )),
        Err(e) => {
            eprintln!("recoupe import: {e}");
            ExitCode::from(super::annotate::EXIT_NOT_SAVED)
        }
    }
}

/// The events in a file: a recoupe journal (JSON Lines) or a W3C document.
fn read_events(bytes: &[u8], file: &Path, analysis: &Analysis) -> (Vec<Event>, Vec<String>) {
    let doc = serde_json::from_slice::<Value>(bytes).ok();
    let is_journal_line = doc.as_ref().is_some_and(|v| v.get("op").is_some());
    match doc {
        Some(doc) if !is_journal_line => {
            let mut events = Vec::new();
            let mut notices = Vec::new();
            for item in w3c::items(&doc) {
                match w3c::from_w3c(item).and_then(|i| place(i, analysis)) {
                    Ok(a) => events.push(w3c::event_for(&a)),
                    Err(e) => notices.push(format!("{}: skipped {e}", file.display())),
                }
            }
            (events, notices)
        }
        _ => {
            let loaded = annotations::journal::parse(bytes, file);
            (loaded.events, loaded.notices)
        }
    }
}

/// Fills in the article and claim of an annotation from another tool, from its target source
/// (article id, URL or path) and its selectors.
fn place(i: w3c::Imported, analysis: &Analysis) -> Result<annotations::Annotation, String> {
    let mut a = i.annotation;
    let arts = &analysis.corpus.articles;
    let art = arts.iter().position(|x| x.id == a.article).or_else(|| {
        arts.iter().position(|x| {
            x.url.as_deref() == Some(i.source.as_str())
                || (!i.source.is_empty()
                    && x.path
                        .to_string_lossy()
                        .ends_with(i.source.trim_start_matches("file://")))
        })
    });
    let Some(art) = art else {
        return Err(format!(
            "{}: its target {:?} is not an article of this corpus",
            a.id, i.source
        ));
    };
    let article = &arts[art];
    a.article.clone_from(&article.id);
    if !a.claim.is_empty() {
        return Ok(a);
    }
    let Some((span, _)) = annotations::anchor::anchor(&article.text, &a.selector) else {
        return Err(format!(
            "{}: its quote is not in article {}",
            a.id, article.id
        ));
    };
    let claim = analysis
        .article_claims(art)
        .iter()
        .find(|c| c.span.overlaps(&span))
        .ok_or_else(|| {
            format!(
                "{}: no claim of article {} covers its quote",
                a.id, article.id
            )
        })?;
    a.claim.clone_from(&claim.id);
    a.selector = annotations::Selector::new(&article.text, span);
    Ok(a)
}
