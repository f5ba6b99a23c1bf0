//! `recoupe stats`: corpus statistics and the per-stage cost of the pipeline.
//!
//! Prints what the analysis found (articles, claims, facts, facts stated by two articles or
//! more, conflicts, notices), what the cache did, and the wall time and peak resident memory of
//! each stage (load, segment, extract, align, and the cache write when there is one). The scale
//! benchmark reads the `--json` form, so the figures it reports are the program's own.

use super::CorpusArgs;
use crate::pipeline::stages::{self, StageReport};
use crate::pipeline::{self, CacheStats, Options, cache::Cache};
use crate::progress::{Bar, Phase, Progress};
use serde::Serialize;
use std::process::ExitCode;
use std::time::Duration;

/// Everything `stats` prints.
#[derive(Debug, Serialize)]
struct Stats {
    articles: usize,
    claims: usize,
    facts: usize,
    facts_multi_article: usize,
    conflicts: usize,
    notices: usize,
    cache: Option<CacheStats>,
    stages: Vec<StageReport>,
    #[serde(serialize_with = "secs")]
    total_wall: Duration,
    peak_bytes: Option<u64>,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Most notices printed on stderr; the count covers them all.
const MAX_NOTICES_SHOWN: usize = 20;

/// Runs the subcommand.
pub fn run(corpus: &CorpusArgs, json: bool, no_cache: bool) -> ExitCode {
    let progress = Progress::new();
    let bar = Bar::start(progress.clone());
    let (loaded, load) = stages::measure(Phase::Load, || super::load_corpus(corpus));
    let loaded = match loaded {
        Ok(c) => c,
        Err(code) => return code,
    };
    let opts = Options {
        cache: if no_cache { None } else { Cache::user() },
        progress: Some(progress),
    };
    let with_cache = opts.cache.is_some();
    let (analysis, report) = pipeline::analyze_with(loaded, &opts);
    drop(bar);

    let mut all_stages = vec![load];
    all_stages.extend(report.stages);
    let facts = &analysis.facts.facts;
    let stats = Stats {
        articles: analysis.corpus.articles.len(),
        claims: analysis.claims.len(),
        facts: facts.len(),
        facts_multi_article: facts.iter().filter(|f| f.articles.len() >= 2).count(),
        conflicts: facts.iter().map(|f| f.conflicts.len()).sum(),
        notices: analysis.corpus.notices.len(),
        cache: with_cache.then_some(report.cache),
        total_wall: all_stages.iter().map(|s| s.wall).sum(),
        peak_bytes: all_stages.iter().filter_map(|s| s.peak_bytes).max(),
        stages: all_stages,
    };
    for n in analysis.corpus.notices.iter().take(MAX_NOTICES_SHOWN) {
        eprintln!("{n}");
    }
    if analysis.corpus.notices.len() > MAX_NOTICES_SHOWN {
        eprintln!(
            "… and {} more notices",
            analysis.corpus.notices.len() - MAX_NOTICES_SHOWN
        );
    }
    if json {
        match serde_json::to_string_pretty(&stats) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("recoupe stats: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", table(&stats));
    }
    // The process ends here: handing the memory back to the system at exit is immediate,
    // freeing the claims and facts one allocation at a time took 0.3 s at 10,000 articles.
    std::mem::forget(analysis);
    ExitCode::SUCCESS
}

/// Bytes as mebibytes with one decimal, or "n/a".
fn mb(bytes: Option<u64>) -> String {
    bytes.map_or_else(
        || "n/a".to_owned(),
        |b| format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    )
}

/// The human-readable form.
fn table(s: &Stats) -> String {
    let mut out = String::new();
    let rows = [
        ("articles", s.articles),
        ("claims", s.claims),
        ("facts", s.facts),
        ("facts in ≥ 2 articles", s.facts_multi_article),
        ("conflicts", s.conflicts),
        ("notices", s.notices),
    ];
    for (label, n) in rows {
        out.push_str(&format!("{label:<22}{n:>10}\n"));
    }
    match &s.cache {
        Some(c) => out.push_str(&format!(
            "{:<22}{} read, {} missing, {} rejected, {} written; facts {}\n",
            "cache",
            c.hits,
            c.misses,
            c.rejected,
            c.written,
            match c.facts {
                pipeline::facts_cache::FactsOutcome::Hit => "read back",
                pipeline::facts_cache::FactsOutcome::Miss => "aligned",
                pipeline::facts_cache::FactsOutcome::Rejected => "rejected, aligned",
                pipeline::facts_cache::FactsOutcome::Off => "not cached",
            }
        )),
        None => out.push_str(&format!("{:<22}off\n", "cache")),
    }
    if let Some(a) = s.cache.as_ref().and_then(|c| c.aligner) {
        out.push_str(&format!(
            "{:<22}{}: {} changed, {} pairs scored, {} links reused\n",
            "alignment",
            match a.mode {
                crate::facts::incremental::Mode::Full => "full",
                crate::facts::incremental::Mode::Incremental => "incremental",
            },
            match a.changed_articles {
                1 => "1 article".to_owned(),
                n => format!("{n} articles"),
            },
            a.scored,
            a.reused
        ));
    }
    out.push('\n');
    out.push_str(&format!(
        "{:<10}{:>12}{:>14}\n",
        "stage", "wall", "peak memory"
    ));
    for st in &s.stages {
        out.push_str(&format!(
            "{:<10}{:>10.3} s{:>14}\n",
            st.phase.name(),
            st.wall.as_secs_f64(),
            mb(st.peak_bytes)
        ));
    }
    out.push_str(&format!(
        "{:<10}{:>10.3} s{:>14}\n",
        "total",
        s.total_wall.as_secs_f64(),
        mb(s.peak_bytes)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_row_and_stage() {
        let s = Stats {
            articles: 5,
            claims: 40,
            facts: 7,
            facts_multi_article: 3,
            conflicts: 1,
            notices: 0,
            cache: None,
            stages: vec![StageReport {
                phase: Phase::Load,
                wall: Duration::from_millis(12),
                peak_bytes: None,
            }],
            total_wall: Duration::from_millis(12),
            peak_bytes: Some(3 << 20),
        };
        let t = table(&s);
        assert!(t.contains("facts in ≥ 2 articles          3"), "{t}");
        assert!(t.contains("load           0.012 s           n/a"), "{t}");
        assert!(t.contains("total          0.012 s        3.0 MB"), "{t}");
        assert!(t.contains("cache                 off"), "{t}");
    }
}
