//! The `recoupe` binary: parses the command line and hands over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    recoupe::cli::run(recoupe::cli::Cli::parse())
}
