//! The `jobdoc` binary: parse the command line, run the command, turn the result into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = jobdoc::cli::Cli::parse();
    match jobdoc::cmd::run(cli) {
        Ok(exit) => exit.into(),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
