//! The command line: the reader by default, and subcommands for scripts.
//!
//! Argument structs live here so that `main.rs` stays a two-line shim and every subcommand is
//! testable as a library call. Each subcommand has its own file.

mod agreement;
mod annotate;
mod claims;
mod eval;
mod export;
mod import;
mod similarity;
mod stats;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status for bad usage or unreadable input (no article, no tty, missing path).
pub const EXIT_USAGE: u8 = 2;

/// recoupe — read news coverage side by side and cross-check it claim by claim.
#[derive(Debug, Parser)]
#[command(
    name = "recoupe",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A subcommand for scripts; without one, the reader opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the interactive reader.
    #[command(flatten)]
    pub reader: ReaderArgs,
}

/// Where to find the corpus: files and folders (`.txt`, `.md`); default `./seeds` or the
/// built-in seed articles.
#[derive(Debug, Clone, Args, Default)]
pub struct CorpusArgs {
    /// Files or folders of articles (.txt, .md), read recursively.
    pub paths: Vec<PathBuf>,
}

/// Where annotations are kept and who makes them.
#[derive(Debug, Clone, Args, Default)]
pub struct AnnotationArgs {
    /// Annotation journal to use instead of `<corpus>/.recoupe/annotations.jsonl`.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
    /// Name recorded with each annotation (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
}

/// Options of the interactive reader.
#[derive(Debug, Clone, Args, Default)]
pub struct ReaderArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub annotation: AnnotationArgs,
    /// Draw borders and badges in ASCII (automatic for TERM=vt100 and linux).
    #[arg(long)]
    pub ascii: bool,
    /// Capture the mouse: wheel scrolls, click selects (off by default so that the terminal's
    /// own text selection keeps working).
    #[arg(long)]
    pub mouse: bool,
}

/// Output formats of `recoupe export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// One JSON document (schema "recoupe/1").
    #[default]
    Json,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// One row per annotation.
    Csv,
    /// A Markdown fact-check report.
    Md,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the claims of each article as a table.
    Claims {
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print articles, claims, facts and annotations as one document.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
        #[command(flatten)]
        annotation: AnnotationArgs,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Read `sentence1<TAB>sentence2` lines on stdin, print one same-fact score per line.
    Similarity {
        /// Weigh each word by its rarity across all the pairs read, as the aligner weighs them
        /// across a corpus (reads the whole input before printing).
        #[arg(long)]
        idf: bool,
    },
    /// Score fact alignment against a gold file: coverage, pairwise precision, recall, F1.
    Eval {
        /// Gold facts (JSON).
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// Also list every missed and spurious pair with its score and shared anchors.
        #[arg(long, short)]
        verbose: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Append one annotation to the journal; prints its id once it is durable.
    Annotate {
        /// Claim id (as printed by `recoupe claims` or `export`).
        #[arg(long, value_name = "ID")]
        claim: String,
        /// true, false, misleading or unverifiable.
        #[arg(long)]
        verdict: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
        /// A tag (repeatable).
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
        #[command(flatten)]
        annotation: AnnotationArgs,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Read annotations back from W3C JSON-LD or a recoupe journal, idempotently.
    Import {
        /// The file to import.
        file: PathBuf,
        #[command(flatten)]
        annotation: AnnotationArgs,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Cohen's kappa on verdicts for each pair of annotators.
    Agreement {
        #[command(flatten)]
        annotation: AnnotationArgs,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Counts and per-stage time and memory of the pipeline.
    Stats {
        /// Print one JSON document instead of a table.
        #[arg(long)]
        json: bool,
        /// Neither read nor write the analysis cache.
        #[arg(long)]
        no_cache: bool,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
}

/// Loads the corpus named by `args`, or prints why not (exit status 2).
pub fn load_corpus(args: &CorpusArgs) -> Result<crate::corpus::Corpus, ExitCode> {
    let loaded = if args.paths.is_empty() {
        crate::corpus::load_default()
    } else {
        crate::corpus::load_paths(&args.paths)
    };
    loaded.map_err(|e| {
        eprintln!("recoupe: {e}");
        ExitCode::from(EXIT_USAGE)
    })
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => crate::tui::run(cli.reader),
        Some(Command::Claims { corpus }) => claims::run(&corpus),
        Some(Command::Export {
            format,
            annotation,
            corpus,
        }) => export::run(format, &annotation, &corpus),
        Some(Command::Similarity { idf }) => similarity::run(idf),
        Some(Command::Eval {
            gold,
            verbose,
            corpus,
        }) => eval::run(&gold, verbose, &corpus),
        Some(Command::Annotate {
            claim,
            verdict,
            note,
            tags,
            annotation,
            corpus,
        }) => annotate::run(&claim, verdict, note, tags, &annotation, &corpus),
        Some(Command::Import {
            file,
            annotation,
            corpus,
        }) => import::run(&file, &annotation, &corpus),
        Some(Command::Agreement { annotation, corpus }) => agreement::run(&annotation, &corpus),
        Some(Command::Stats {
            json,
            no_cache,
            corpus,
        }) => stats::run(&corpus, json, no_cache),
    }
}
