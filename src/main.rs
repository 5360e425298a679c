//! The `jobdoc` binary: parse the command line, run the command, turn the result into an exit code.

use std::process::ExitCode;

use clap::Parser;

// mimalloc: a build makes some 100 000 small allocations a role (strings, layout boxes), and
// glibc's malloc, free and realloc took about 23 M of its 163 M instructions; with mimalloc the
// whole took 16 M fewer (callgrind, docs/dependencies.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
