//! One thin module per subcommand: arguments in, a library call, the result printed. Each
//! returns an [`Exit`] or a [`Failure`]: problems in the inputs are reported here, once, in the
//! command's message format (exit 1); any other failure is an error (exit 2).

mod ack;
mod approve;
mod build;
mod check;
mod cost;
mod diff;
mod import;
mod init;
mod list;
mod new;
mod progress;
mod templates;
mod translate;
mod validate;
mod watch;

use std::process::ExitCode;

use crate::cli::{AckCommand, Cli, Command, SchemaKind, TemplatesCommand};
use crate::date::BuildDate;
use crate::diagnostics::{Diagnostics, Failure, MessageFormat};

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
    crate::abort::on_interrupt();
    let today = BuildDate::new(cli.source_date_epoch.as_deref());
    let format = match &cli.command {
        Command::Build { run, .. } | Command::Check { run, .. } | Command::Watch { run, .. } => {
            run.message_format
        }
        Command::Validate { message_format, .. }
        | Command::List { message_format, .. }
        | Command::Cost { message_format, .. }
        | Command::Import { message_format, .. }
        | Command::Ack {
            command: AckCommand::Status { message_format, .. },
        } => *message_format,
        _ => MessageFormat::Human,
    };
    match dispatch(cli.command, &today) {
        Ok(exit) => Ok(exit),
        Err(Failure::Input(diags)) => Ok(report(&diags, format)),
        Err(Failure::Internal(e)) => Err(e),
    }
}

/// Shows diagnostics and a summary; the exit for input problems.
pub(crate) fn report(diags: &Diagnostics, format: MessageFormat) -> Exit {
    diags.emit(format);
    let (errors, warnings) = diags.counts();
    eprintln!("{errors} error(s), {warnings} warning(s); nothing was written");
    Exit::InputProblems
}

fn dispatch(command: Command, today: &BuildDate) -> Result<Exit, Failure> {
    match command {
        Command::Build {
            ids,
            project,
            output,
            run,
            quiet,
            force,
        } => build::run(
            &build::BuildArgs {
                ids: &ids,
                project: &project,
                out: &output.out,
                formats: &output.format,
                run: &run,
                quiet,
                force,
            },
            today,
        ),
        Command::Check { project, out, run } => check::run(&project, &out, &run, today),
        Command::Watch {
            project,
            output,
            run,
        } => Ok(watch::run(
            &build::BuildArgs {
                ids: &[],
                project: &project,
                out: &output.out,
                formats: &output.format,
                run: &run,
                quiet: false,
                force: false,
            },
            today,
        )?),
        Command::Validate {
            files,
            project,
            message_format,
        } => validate::run(&files, &project, message_format, today),
        Command::New {
            id,
            title,
            genitive,
            dative,
            instrumental,
            project,
        } => Ok(new::run(
            &id,
            &title,
            [genitive, dative, instrumental],
            &project,
        )?),
        Command::Import {
            files,
            id,
            function,
            roles,
            force,
            message_format,
        } => import::run(&import::ImportArgs {
            files: &files,
            id: id.as_deref(),
            functions: &function,
            roles: &roles,
            force,
            format: message_format,
        }),
        Command::Approve { ids, project } => approve::run(&ids, &project, today),
        Command::Translate {
            id,
            language,
            date,
            project,
        } => translate::run(&id, &language, date.as_deref(), &project),
        Command::Init { dir, language } => Ok(init::run(&dir, &language)?),
        Command::List {
            project,
            message_format,
        } => list::run(&project, message_format),
        Command::Templates {
            command:
                TemplatesCommand::Export {
                    dir,
                    force,
                    language,
                    project,
                },
        } => {
            let paths = project.paths();
            let dir = dir.unwrap_or_else(|| paths.templates.clone());
            Ok(templates::export(&dir, force, language.as_deref(), &paths)?)
        }
        Command::Ack {
            command:
                AckCommand::Status {
                    ids,
                    project,
                    message_format,
                },
        } => ack::status(&ids, &project, project.strict, message_format),
        Command::Ack {
            command:
                AckCommand::Sign {
                    role,
                    employees,
                    date,
                    revision,
                    project,
                },
        } => ack::sign(
            &ack::SignArgs {
                role: &role,
                employees: &employees,
                date: date.as_deref(),
                revision,
                project: &project,
            },
            today,
        ),
        Command::Diff {
            args,
            since,
            project,
        } => Ok(diff::run(&args, since.as_deref(), &project, today)?),
        Command::Cost {
            gross,
            year,
            period,
            injury_rate,
            roles,
            message_format,
        } => cost::run(&cost::CostArgs {
            gross: &gross,
            year,
            period,
            injury_rate: injury_rate.as_deref(),
            roles: &roles,
            format: message_format,
        }),
        Command::Schema { kind } => {
            let schema = match kind {
                SchemaKind::Role => crate::model::role_schema(),
                SchemaKind::Organization => crate::model::organization_schema(),
                SchemaKind::Staff => crate::model::hr::staff_schema(),
                SchemaKind::Signatures => crate::model::hr::signatures_schema(),
                SchemaKind::Editions => crate::model::hr::editions_schema(),
                SchemaKind::Translation => crate::model::translation::schema(),
                SchemaKind::Tax => crate::model::pay::tax_schema(),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).map_err(anyhow::Error::from)?
            );
            Ok(Exit::Ok)
        }
    }
}
