//! One module per subcommand. Each returns an [`Exit`]; I/O and other failures are errors (exit 2).

mod ack;
mod approve;
mod build;
mod check;
mod diff;
mod new;
mod progress;
mod validate;

use std::process::ExitCode;

use crate::cli::{AckCommand, Cli, Command, SchemaKind};

/// How a command ended, as an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done (warnings allowed).
    Ok,
    /// 1: problems in the inputs.
    InputProblems,
    /// 1: `diff` found differences, or `ack status --strict` found someone who has not signed.
    Differ,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        match e {
            Exit::Ok => ExitCode::SUCCESS,
            Exit::InputProblems | Exit::Differ => ExitCode::from(1),
        }
    }
}

/// Runs the command.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Build {
            ids,
            project,
            out,
            format,
            run,
            quiet,
            force,
        } => build::run(&build::BuildArgs {
            ids: &ids,
            project: &project,
            out: &out,
            formats: &format,
            run: &run,
            quiet,
            force,
        }),
        Command::Check { project, out, run } => check::run(&project, &out, &run),
        Command::Validate {
            files,
            project,
            message_format,
        } => validate::run(&files, &project, message_format),
        Command::New {
            id,
            title,
            genitive,
            dative,
            instrumental,
            project,
        } => new::run(&id, &title, [genitive, dative, instrumental], &project),
        Command::Approve { ids, project } => approve::run(&ids, &project),
        Command::Ack {
            command:
                AckCommand::Status {
                    ids,
                    project,
                    strict,
                    message_format,
                },
        } => ack::status(&ids, &project, strict, message_format),
        Command::Diff {
            args,
            since,
            project,
        } => diff::run(&args, since.as_deref(), &project),
        Command::Schema { kind } => {
            let schema = match kind {
                SchemaKind::Role => crate::model::role_schema(),
                SchemaKind::Organization => crate::model::organization_schema(),
                SchemaKind::Staff => crate::model::hr::staff_schema(),
                SchemaKind::Signatures => crate::model::hr::signatures_schema(),
                SchemaKind::Editions => crate::model::hr::editions_schema(),
            };
            println!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(Exit::Ok)
        }
    }
}
