//! The `recoupe` binary: parses the command line and hands over to the library.

use clap::Parser;

// Millions of short-lived strings and vectors per corpus (claims, anchors, reasons): glibc's
// malloc spent ever longer in its free lists as the heap grew (twice the anchors step's CPU at
// 20,000 articles), mimalloc stays flat and holds less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    recoupe::cli::run(recoupe::cli::Cli::parse())
}
