//! The command line (clap derive): global options and one variant per subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostics::MessageFormat;
use crate::write::Format;

/// Job descriptions as code: roles in YAML, documents in Markdown, DOCX and PDF.
#[derive(Debug, Parser)]
#[command(
    name = "jobdoc",
    version,
    after_help = "Exit codes: 0 ok (warnings allowed), 1 problems in the inputs, 2 any other failure."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The build's date as a Unix timestamp, for dates the inputs do not give (reproducible
    /// builds: <https://reproducible-builds.org/specs/source-date-epoch/>). The only place the
    /// environment is read; everything below gets the date passed down.
    #[arg(
        long,
        global = true,
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        hide = true
    )]
    pub source_date_epoch: Option<String>,
}

/// Where the inputs are.
#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// The roles folder: `<id>.yaml` role files and `_organization.yaml`.
    #[arg(long, value_name = "DIR", default_value = "roles")]
    pub roles: PathBuf,
    /// Template overrides [default: `templates/` beside the roles folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Translation problems — a text without a translation, a translation older than its text
    /// or translating nothing — are errors, not warnings.
    #[arg(long)]
    pub strict: bool,
}

impl ProjectArgs {
    /// Where the inputs are, and how strictly translations are checked.
    pub fn paths(&self) -> crate::load::Paths {
        crate::load::Paths {
            strict: self.strict.then_some(true),
            ..crate::load::Paths::new(&self.roles, self.templates.as_deref())
        }
    }
}

/// Where built documents go, and in which formats.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// The output folder.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Formats to build, comma-separated [default: every format].
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,
}

/// How a batch runs and reports.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Threads to build roles on [default: every core]. Outputs do not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// How to show diagnostics: `human` on stderr, or `json`, one object a line on stdout.
    #[arg(long, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build documents into the output folder. Checks every input first: on any error nothing is written.
    #[command(
        after_help = "Examples:\n  jobdoc build\n  jobdoc build client-manager --format md\n  jobdoc build --roles hr/roles --out hr/out"
    )]
    Build {
        /// Role ids to build [default: every role].
        #[arg(value_name = "ROLE")]
        ids: Vec<String>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
        /// Where the documents go, in which formats.
        #[command(flatten)]
        output: OutputArgs,
        /// How to run and report.
        #[command(flatten)]
        run: RunArgs,
        /// No progress bar and no summary line.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Rebuild every role, even those the manifest shows up to date (the manifest knows the
        /// jobdoc version, not changes to a development build).
        #[arg(long)]
        force: bool,
    },
    /// Build, then build again whenever a role, an HR file or a template changes; only
    /// diagnostics and a line per build are printed. Until Ctrl-C.
    #[command(after_help = "Examples:\n  jobdoc watch\n  jobdoc watch --format md,pdf")]
    Watch {
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
        /// Where the documents go, in which formats.
        #[command(flatten)]
        output: OutputArgs,
        /// How to run and report.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Check every input and lay every document out in memory, as `build` would, without writing
    /// anything.
    #[command(
        after_help = "Examples:\n  jobdoc validate\n  jobdoc validate roles/client-manager.yaml"
    )]
    Validate {
        /// Role files to check [default: every role of the roles folder]; the organization file
        /// and templates of the project are always checked.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
        /// How to show diagnostics: `human` on stderr, or `json`, one object a line on stdout.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
    /// Check that `out/` holds exactly what the inputs build to: renders every output in memory
    /// and compares bytes. Lists missing, stale and unexpected files; writes nothing.
    #[command(
        after_help = "Exit codes: 0 up to date, 1 input problems or outputs out of date, 2 other failures.\n\nExamples:\n  jobdoc check\n  jobdoc check --message-format json"
    )]
    Check {
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
        /// The output folder.
        #[arg(long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
        /// How to run and report.
        #[command(flatten)]
        run: RunArgs,
    },
    /// Write a new role file with the standard provisions, to fill in.
    #[command(
        after_help = "Examples:\n  jobdoc new sales-manager --title \"Менеджер по продажам\"\n  jobdoc new chief-accountant --title \"Главный бухгалтер\" --genitive \"главного бухгалтера\""
    )]
    New {
        /// The role id: lowercase Latin letters, digits and `-`.
        id: String,
        /// The position title, nominative: «Менеджер по продажам».
        #[arg(long)]
        title: String,
        /// Genitive form [default: guessed from the title].
        #[arg(long)]
        genitive: Option<String>,
        /// Dative form [default: guessed].
        #[arg(long)]
        dative: Option<String>,
        /// Instrumental form [default: guessed].
        #[arg(long)]
        instrumental: Option<String>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Import existing job descriptions (`.docx`, `.txt`, `.md`; a folder: every such file in it) into
    /// role files `roles/<id>.yaml`, with a report of what went where, what was guessed and the
    /// source's oddities at their lines. The text is kept word for word. An `.xml` file is a
    /// professional standard: give the labour functions to make the role of with `--function`.
    #[command(
        after_help = "Examples:\n  jobdoc import old/manager.txt --id client-manager\n  jobdoc import old/ --message-format json\n  jobdoc import ps-sales.xml --function A/01.5,A/02.5 --id sales-manager"
    )]
    Import {
        /// Job descriptions, or folders of them.
        #[arg(value_name = "FILE|DIR", required = true)]
        files: Vec<PathBuf>,
        /// The role id [default: the title, transliterated]; with one file only.
        #[arg(long)]
        id: Option<String>,
        /// For a professional standard (`.xml`): a generalized labour function (`A`: all its
        /// labour functions) or a labour function (`A/01.5`); several comma-separated or by
        /// giving the option again.
        #[arg(long, value_name = "CODE", value_delimiter = ',')]
        function: Vec<String>,
        /// The roles folder to write to.
        #[arg(long, value_name = "DIR", default_value = "roles")]
        roles: PathBuf,
        /// Overwrite a role file that exists.
        #[arg(long)]
        force: bool,
        /// `human`: the report on stderr; `json`: one object a line on stdout.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
    /// Start a project: the organization file to fill in, schema files, an example role, a
    /// `.gitignore` and a CI workflow. Overwrites nothing.
    #[command(after_help = "Examples:\n  jobdoc init\n  jobdoc init hr-docs --language en")]
    Init {
        /// The project folder [default: the current folder].
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// The language of the project's documents: `ru` or `en`.
        #[arg(long, value_name = "CODE", default_value = "ru")]
        language: String,
    },
    /// The built-in templates.
    Templates {
        /// What to do with them.
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Record the current edition of roles as approved, bound to its text, in
    /// `roles/_editions.yaml`. From then on the edition's text cannot change: a change needs a
    /// new edition (a higher `edition.revision`), approved in turn.
    #[command(
        after_help = "Examples:\n  jobdoc approve client-manager\n  jobdoc approve client-manager sales-manager --roles hr/roles"
    )]
    Approve {
        /// Role ids.
        #[arg(value_name = "ROLE", required = true)]
        ids: Vec<String>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Write or update a role's translation file `<id>.<code>.yaml`: every text of the role, the
    /// original as a comment above it, what is translated kept. The original stays the legal
    /// text; translated and bilingual documents are built from both.
    #[command(
        after_help = "Examples:\n  jobdoc translate client-manager en\n  jobdoc translate client-manager en --date 2026-07-01"
    )]
    Translate {
        /// Role id.
        #[arg(value_name = "ROLE")]
        id: String,
        /// The language to translate into: `en` or `ru`.
        #[arg(value_name = "LANGUAGE")]
        language: String,
        /// The translation's date, `YYYY-MM-DD`, printed on translated documents.
        #[arg(long)]
        date: Option<String>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// The roles at a glance: position, edition in force, draft, who has still to sign.
    #[command(after_help = "Examples:\n  jobdoc list\n  jobdoc list --message-format json")]
    List {
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
        /// `human`: a line per role on stdout; `json`: one object per role a line on stdout.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
    /// Acknowledgement of job descriptions by employees («под роспись»).
    Ack {
        /// What to show.
        #[command(subcommand)]
        command: AckCommand,
    },
    /// Compare two editions provision by provision: two role files, or a role with itself at a
    /// git revision. Provisions are matched by content, so a deletion is one removal, not a
    /// renumbering of the rest.
    #[command(
        after_help = "Exit codes: 0 no changes, 1 changes, 2 trouble (as diff(1)).\n\nExamples:\n  jobdoc diff old/client-manager.yaml roles/client-manager.yaml\n  jobdoc diff client-manager --since HEAD~3\n  jobdoc diff client-manager            (the last approved edition → the role file)"
    )]
    Diff {
        /// Two role files (OLD NEW), or one role id (with `--since`, or against its last approved
        /// edition).
        #[arg(value_name = "OLD|ROLE", num_args = 1..=2, required = true)]
        args: Vec<String>,
        /// The git revision to compare the role with (`git show REV:roles/<id>.yaml`).
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// What a gross monthly salary means for the employee and the employer: income tax (НДФЛ),
    /// net pay, each insurance contribution, accident insurance and the employer's total cost,
    /// for the first month or the whole year, paid every month from January. From the year's
    /// tax rules: built in for 2024 to 2026, added or overridden in `roles/_tax-<year>.yaml`.
    #[command(
        after_help = "Amounts are rubles with kopecks. The income tax is withheld in whole rubles, contributions are computed to the kopeck, both cumulatively from January.\n\nExamples:\n  jobdoc cost --gross 50000 --year 2024\n  jobdoc cost --gross 300000 --year 2025 --period year\n  jobdoc cost --gross 120000 --year 2026 --injury-rate 0.4 --message-format json"
    )]
    Cost {
        /// Gross pay a month, in rubles: `50000`, `50 000`, `50000.50`.
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        gross: String,
        /// The tax year [default: `pay.year` of the organization file; jobdoc reads no clock].
        #[arg(long, value_name = "YYYY")]
        year: Option<u16>,
        /// `month`: the first month of the year, and when a threshold would be crossed;
        /// `year`: the whole year with every threshold crossed, month by month.
        #[arg(long, value_enum, default_value = "month")]
        period: Period,
        /// The accident insurance rate in percent [default: `pay.injury_rate` of the
        /// organization file, else the year's rate of risk class I, 0.2].
        #[arg(long, value_name = "PERCENT", allow_hyphen_values = true)]
        injury_rate: Option<String>,
        /// The roles folder: its `_organization.yaml` (`pay:` settings) and `_tax-<year>.yaml`
        /// files, when it has them.
        #[arg(long, value_name = "DIR", default_value = "roles")]
        roles: PathBuf,
        /// `human`: a table on stdout; `json`: one object on stdout (amounts as strings of
        /// rubles with kopecks, `"6500.00"`).
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
    /// Print the JSON Schema of role files (or of another file of the roles folder), for editors.
    #[command(
        after_help = "Examples:\n  jobdoc schema > roles/role.schema.json\n  jobdoc schema organization\n  jobdoc schema staff > roles/staff.schema.json\n  jobdoc schema tax > roles/tax.schema.json"
    )]
    Schema {
        /// Which file's schema.
        #[arg(value_enum, default_value = "role")]
        kind: SchemaKind,
    },
}

/// The `ack` subcommands.
#[derive(Debug, Subcommand)]
pub enum AckCommand {
    /// Record that employees signed a role's job description: appends to
    /// `roles/_signatures.yaml`, checked as if typed by hand; on any error nothing is written.
    #[command(
        after_help = "Examples:\n  jobdoc ack sign client-manager 0021 --date 2026-06-10\n  jobdoc ack sign client-manager 0012 0015 0021"
    )]
    Sign {
        /// The role id.
        #[arg(value_name = "ROLE")]
        role: String,
        /// Personnel numbers of the employees who signed.
        #[arg(value_name = "EMPLOYEE", required = true)]
        employees: Vec<String>,
        /// When they signed, `YYYY-MM-DD` [default: the build's date when given, else today, UTC].
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The edition signed [default: the edition in force, the last approved].
        #[arg(long, value_name = "N")]
        revision: Option<u32>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Per role, who has signed the edition in force, who signed an older one, who never signed.
    #[command(
        after_help = "Exit codes: 0 (with --strict: nobody pending), 1 input problems or (with --strict) someone pending, 2 other failures.\n\nExamples:\n  jobdoc ack status\n  jobdoc ack status client-manager --strict\n  jobdoc ack status --message-format json"
    )]
    Status {
        /// Role ids [default: every role].
        #[arg(value_name = "ROLE")]
        ids: Vec<String>,
        /// Where the inputs are; here `--strict` also exits 1 when anyone has not signed the
        /// edition in force (for CI).
        #[command(flatten)]
        project: ProjectArgs,
        /// `human`: a table on stdout; `json`: one object per role a line on stdout.
        #[arg(long, value_enum, default_value = "human")]
        message_format: MessageFormat,
    },
}

/// The `templates` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates into the templates folder, to edit: each then replaces the
    /// built-in one of its name. Keeps an existing file unless `--force`.
    #[command(
        after_help = "Examples:\n  jobdoc templates export\n  jobdoc templates export my-templates --force\n  jobdoc templates export --language en"
    )]
    Export {
        /// The folder [default: `templates/` beside the roles folder].
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Overwrite templates already there.
        #[arg(long)]
        force: bool,
        /// The language whose templates to write [default: the organization's]; another
        /// language's go into the folder's subfolder named by its code (`templates/en/`).
        #[arg(long, value_name = "CODE")]
        language: Option<String>,
        /// Where the inputs are.
        #[command(flatten)]
        project: ProjectArgs,
    },
}

/// Which schema `jobdoc schema` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    /// `roles/<id>.yaml`.
    Role,
    /// `roles/_organization.yaml`.
    Organization,
    /// `roles/_staff.yaml`.
    Staff,
    /// `roles/_signatures.yaml`.
    Signatures,
    /// `roles/_editions.yaml`.
    Editions,
    /// `roles/<id>.<code>.yaml`, a role's translation.
    Translation,
    /// `roles/_tax-<year>.yaml`, and the built-in tax rules.
    Tax,
}

/// The period `jobdoc cost` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Period {
    /// The first month of the year.
    Month,
    /// The whole year, month by month.
    Year,
}
