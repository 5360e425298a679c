//! The `jobdoc` binary: parse the command line, run the command, turn the result into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so a print to a closed pipe (`jobdoc list | head -1`) would panic;
    // with the default action the process ends quietly there, as every Unix tool does.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, before any thread starts
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = jobdoc::cli::Cli::parse();
    match jobdoc::cmd::run(cli) {
        Ok(exit) => exit.into(),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
