//! Composing a role's documents: for each document [`Kind`], the role and the organization made
//! into a template context ([`view`]), rendered by the kind's template ([`template`]) into
//! Markdown in the locale's words and typography, and parsed into the document structure
//! ([`crate::document`]) that every writer consumes. The job description comes first: its text
//! is the edition employees sign, checked against the approved editions before anything else
//! is composed, and the sheets that follow it are made from it — its own last page, the лист
//! ознакомления, too, so it is completed when its text is known: its draft with the text's
//! fingerprint put in, with jobdoc's own templates, else composed once more.

pub mod bilingual;
pub mod plan;
pub mod template;
pub mod vacancy;
pub mod view;

use std::path::Path;

use serde::Serialize;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Span};
use crate::document::{self, Document};
use crate::fonts;
use crate::hr::text::EditionText;
use crate::hr::{Hr, sheets};
use crate::locale::Locale;
use crate::model::check;
use crate::model::compensation::{self, Compensation};
use crate::model::translation::LoadedTranslation;
use crate::model::{Approval, LoadedRole, Organization, Paper};
use crate::pay::tax;
use crate::write::{Meta, SecondLanguage, page, pdf};
use template::Templates;
use view::JobDescriptionView;

/// When a document kind is made for a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// For every role.
    Always,
    /// When an edition before the role's current one was approved (a change list needs one).
    AfterAnApprovedEdition,
    /// When the role has a `vacancy` section.
    WithAVacancy,
    /// When the role has a compensation plan: the kind is the plan, with an edition and a text
    /// of its own ([`Composer::plan`]).
    Compensation,
}

/// The template context of a kind: the role, the shared inputs, and the edition's text (`None`
/// while the job description, whose text it is, is composed the first time, to find it).
pub type ContextFn =
    fn(&Composer, &LoadedRole, Option<&EditionText>) -> Result<tera::Context, tera::Error>;

/// A kind of document a role produces.
pub struct Kind {
    /// The kind's key: its words in the locale ([`crate::locale::KindWords`]).
    pub key: &'static str,
    /// The template's file name.
    pub template: &'static str,
    /// What the output's file stem adds to the role id: `.ack` makes `client-manager.ack.pdf`.
    pub suffix: &'static str,
    /// When it is made.
    pub when: When,
    /// Whether a translation of the role has one too (`client-manager.ack.en.pdf`).
    pub translated: bool,
    /// Its template context.
    pub context: ContextFn,
}

/// The documents of a role, in order. The first is the job description: the edition's text.
/// A new kind is a template (in each locale's `templates/`), its words in each locale, and an
/// entry here.
pub const KINDS: &[Kind] = &[
    Kind {
        key: "job-description",
        template: "job-description.md",
        suffix: "",
        when: When::Always,
        translated: true,
        // its last page is the лист ознакомления (the template part `ack-sheet.md`)
        context: ack_context,
    },
    Kind {
        key: "ack",
        template: "ack.md",
        suffix: ".ack",
        when: When::Always,
        translated: true,
        context: ack_context,
    },
    Kind {
        key: "changes",
        template: "changes.md",
        suffix: ".changes",
        when: When::AfterAnApprovedEdition,
        // a change list compares approved texts: the original's alone
        translated: false,
        context: |c, role, text| {
            let empty = EditionText::default();
            let sheet =
                sheets::changes(c.hr, role, text.unwrap_or(&empty), c.locale, c.organization);
            tera::Context::from_serialize(&c.sheet_view(role, sheet))
        },
    },
    Kind {
        key: "vacancy",
        template: "vacancy.md",
        suffix: ".vacancy",
        when: When::WithAVacancy,
        // nobody signs a vacancy: no edition, no sheet, no translation
        translated: false,
        context: |c, role, _| {
            let base = c.job_description_view(role);
            // its problems were reported by `Composer::role`, which composed it first
            let composed = vacancy::compose(c, role, &base)
                .ok()
                .flatten()
                .ok_or_else(|| tera::Error::message("the vacancy has problems"))?;
            tera::Context::from_serialize(&SheetView {
                base,
                sheet: VacancyContext {
                    vacancy: composed.view,
                },
            })
        },
    },
    Kind {
        key: "comp",
        template: "comp.md",
        suffix: compensation::SUFFIX,
        when: When::Compensation,
        // the plan is signed in the organization's language only
        translated: false,
        // composed for the plan (`<id>.comp`): its own edition, text and лист ознакомления
        context: plan_context,
    },
];

/// The template context a vacancy adds to the job description's.
#[derive(Serialize)]
struct VacancyContext {
    vacancy: vacancy::VacancyView,
}

/// Every file stem role `id` can have: `<id>[.<kind>][.<lang>|.bilingual]` — each kind, alone,
/// in each language as a translation, and the job description bilingual.
pub fn output_stems(id: &str) -> impl Iterator<Item = String> + '_ {
    KINDS.iter().enumerate().flat_map(move |(i, kind)| {
        let stem = format!("{id}{}", kind.suffix);
        let languages = crate::locale::ALL
            .iter()
            .filter(move |_| kind.translated)
            .map(|l| format!(".{}", l.code()));
        let bilingual = (i == 0).then(|| ".bilingual".to_string());
        std::iter::once(String::new())
            .chain(languages)
            .chain(bilingual)
            .map(move |tail| format!("{stem}{tail}"))
    })
}

/// The context of a лист ознакомления: the job description's view and the sheet's fields. The
/// job description's own last page is that sheet, so it has the same context.
fn ack_context(
    c: &Composer,
    role: &LoadedRole,
    text: Option<&EditionText>,
) -> Result<tera::Context, tera::Error> {
    tera::Context::from_serialize(&c.sheet_view(role, ack_sheet(c, role, text)))
}

/// The fields of `role`'s лист ознакомления for its edition's text (an empty one before it is
/// known).
fn ack_sheet(c: &Composer, role: &LoadedRole, text: Option<&EditionText>) -> sheets::AckSheet {
    let empty = EditionText::default();
    sheets::ack(
        c.hr,
        role,
        text.unwrap_or(&empty),
        c.organization.ack_rows,
        c.locale,
    )
}

/// The context of a compensation plan `plan` ([`LoadedRole::plan`]): the job description's view
/// with the plan's edition, the plan's numbers (`plan`) and its лист ознакомления's fields.
fn plan_context(
    c: &Composer,
    plan: &LoadedRole,
    text: Option<&EditionText>,
) -> Result<tera::Context, tera::Error> {
    #[derive(Serialize)]
    struct PlanSheet {
        plan: plan::PlanView,
        #[serde(flatten)]
        ack: sheets::AckSheet,
    }
    let compensation = plan
        .role
        .compensation
        .as_ref()
        .ok_or_else(|| tera::Error::message("the role has no compensation plan"))?;
    let rules = c
        .tax_rules(plan, compensation)
        .map_err(|_| tera::Error::message("no tax rules for the plan's year"))?;
    let view = plan::view(compensation, c.organization, c.locale, &rules)
        .map_err(|_| tera::Error::message("an amount of the plan is too large to compute with"))?;
    let empty = EditionText::default();
    let ack = sheets::ack(
        c.hr,
        plan,
        text.unwrap_or(&empty),
        c.organization.ack_rows,
        c.locale,
    );
    tera::Context::from_serialize(&c.sheet_view(plan, PlanSheet { plan: view, ack }))
}

/// A language other than the organization's that roles may be written in (`language: en`):
/// its locale, its templates and the organization in its words.
pub struct Language {
    /// The language.
    pub locale: &'static Locale,
    /// Its templates, built-in and overridden.
    pub templates: Templates,
    /// The organization as documents in the language show it.
    pub organization: Organization,
}

/// A template context that cannot be made (a view that cannot be serialized), reported at the
/// role file.
fn unprepared(role: &LoadedRole, e: &tera::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        &role.path,
        None,
        Span::new(1, 1, 1),
        format!("cannot prepare the template context: {e}"),
    )]
}

/// What composing needs besides a role: the project's shared inputs and the build's date.
#[derive(Clone, Copy)]
pub struct Composer<'a> {
    /// The organization.
    pub organization: &'a Organization,
    /// Templates, built-in and overridden.
    pub templates: &'a Templates,
    /// Roster, signature records, approved editions.
    pub hr: &'a Hr,
    /// The documents' language.
    pub locale: &'static Locale,
    /// The build's date, for dates the inputs do not give; never the clock.
    pub today: Option<Date>,
    /// The other languages a role may name; the fields above are the organization's language.
    pub languages: &'a [Language],
    /// An abbreviation ending a provision keeps its period («и т. д.;»); false to print an
    /// edition approved before it did as it was approved («и т. д;»).
    pub abbreviations: bool,
    /// The tax rules of the years compensation plans are in, for the employer's cost.
    pub taxes: &'a tax::Cache,
}

/// What templates see of a translation (`translation`): absent in the original's own documents.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationView {
    /// `translation` in a translated document; `original` in the original's column of a
    /// bilingual one.
    pub side: &'static str,
    /// The code of the original's language, whose text prevails: `ru`.
    pub original: &'static str,
    /// The code of the translation's language: `en`.
    pub language: &'static str,
    /// The translation's date, as the document's language writes dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A document composed: its Markdown, parsed, with the properties its writers need.
pub struct Composed {
    /// The output file stem: `client-manager.ack`.
    pub stem: String,
    /// The Markdown the template produced.
    pub markdown: String,
    /// The parsed document.
    pub document: Document,
    /// Title, author, language and the rest.
    pub meta: Meta,
}

/// A machine-readable file of a role, written as it is (JSON): a vacancy's postings.
pub struct Posting {
    /// The file name in the output folder: `client-manager.jobposting.json`.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Every document of a role, and the text of its edition.
pub struct RoleDocuments {
    /// In the order of [`KINDS`].
    pub documents: Vec<Composed>,
    /// The postings of its vacancy (none without one), in the order of
    /// [`vacancy::posting_names`].
    pub postings: Vec<Posting>,
    /// The job description's text: what employees sign.
    pub text: EditionText,
    /// The compensation plan's text, when the role has a plan: signed apart from the job
    /// description, under the record id `<id>.comp`.
    pub plan_text: Option<EditionText>,
    /// What the edition check warns about.
    pub warnings: Vec<Diagnostic>,
}

/// A view with the role, organization and edition as the job description sees them, and a
/// sheet's own fields beside them.
#[derive(Serialize)]
struct SheetView<'a, T: Serialize> {
    #[serde(flatten)]
    base: JobDescriptionView<'a>,
    #[serde(flatten)]
    sheet: T,
}

impl<'a> Composer<'a> {
    /// The job description's view of `role`.
    pub fn job_description_view(&self, role: &'a LoadedRole) -> JobDescriptionView<'a> {
        JobDescriptionView::new(
            &role.id,
            &role.role,
            self.organization,
            self.today,
            &view::Words::new(self.locale, self.abbreviations),
        )
    }

    /// The composer of `role`'s documents: this one, or, for a role written in another language,
    /// one with that language's locale, templates and organization.
    pub fn for_role(&self, role: &LoadedRole) -> Composer<'a> {
        let own = role
            .role
            .language
            .as_deref()
            .and_then(crate::locale::by_code);
        match own.and_then(|l| self.languages.iter().find(|o| std::ptr::eq(o.locale, l))) {
            Some(language) => Composer {
                organization: &language.organization,
                templates: &language.templates,
                locale: language.locale,
                ..*self
            },
            None => *self,
        }
    }

    fn sheet_view<T: Serialize>(&self, role: &'a LoadedRole, sheet: T) -> SheetView<'a, T> {
        SheetView {
            base: self.job_description_view(role),
            sheet,
        }
    }

    /// Every document of `role`: the job description, its edition checked against the approved
    /// ones (then completed with its text's fingerprint, for its лист ознакомления), then the
    /// kinds that apply.
    pub fn role(&self, role: &LoadedRole) -> Result<RoleDocuments, Vec<Diagnostic>> {
        let (first, rest) = KINDS.split_first().ok_or_else(Vec::new)?;
        let mut context = self.context(first, role, None)?;
        let drafted = std::ptr::fn_addr_eq(first.context, ack_context as ContextFn)
            .then(|| self.draft_sheet(role, &mut context));
        let mut draft_context = Some(context);
        let draft =
            self.compose_in(first, role, draft_context.clone().unwrap_or_default(), None)?;
        let mut text = EditionText::from_document(&draft.document);
        let mut warnings = crate::hr::editions::check_role(role, &self.hr.editions, &text);
        let mut composer = *self;
        if warnings.iter().any(Diagnostic::is_error) {
            draft_context = None;
            // An edition approved before abbreviations kept their period is printed as it was
            // approved: nobody signs again for a typographic change of jobdoc's own.
            let before = Composer {
                abbreviations: false,
                ..*self
            };
            let draft = before.compose(first, role, None)?;
            let old = EditionText::from_document(&draft.document);
            let checked = crate::hr::editions::check_role(role, &self.hr.editions, &old);
            if old == text || checked.iter().any(Diagnostic::is_error) {
                return Err(warnings);
            }
            (composer, text, warnings) = (before, old, checked);
            warnings.push(
                Diagnostic::warning(
                    &role.path,
                    None,
                    Span::new(1, 1, 1),
                    "the edition in force is printed as it was approved: an abbreviation that \
                     ends a provision without its period before `;` or `:`",
                )
                .with_hint("the next approved edition prints the period"),
            );
        }
        // the job description and its лист ознакомления show the same context: made once, from
        // the draft's when it is the view and the sheet, the one part the text changes
        let mut filled = None;
        let context = match (draft_context, drafted) {
            (Some(mut context), Some(drafted)) => {
                let sheet = ack_sheet(&composer.for_role(role), role, Some(&text));
                filled = composer.fill_sheet(first, role, &draft, &drafted, &sheet);
                context.extend(
                    tera::Context::from_serialize(&sheet).map_err(|e| unprepared(role, &e))?,
                );
                context
            }
            _ => composer.context(first, role, Some(&text))?,
        };
        let job_description = match filled {
            Some(composed) => composed?,
            None => composer.with_own_text(first, role, &text, context.clone())?,
        };
        let postings = composer.postings(role, &mut warnings)?;
        let mut documents = vec![job_description];
        let mut plan_text = None;
        for kind in rest.iter().filter(|k| composer.applies(k, role)) {
            if kind.when == When::Compensation {
                let (plan, own, found) = self.plan(kind, role)?;
                documents.push(plan);
                plan_text = Some(own);
                warnings.extend(found);
            } else if std::ptr::fn_addr_eq(kind.context, first.context) {
                documents.push(composer.compose_in(kind, role, context.clone(), None)?);
            } else {
                documents.push(composer.compose(kind, role, Some(&text))?);
            }
        }
        for translation in &role.translations {
            documents.extend(composer.translation(role, translation, &text)?);
        }
        Ok(RoleDocuments {
            documents,
            postings,
            text,
            plan_text,
            warnings,
        })
    }

    /// The лист ознакомления the job description's draft shows (in `context`, its context): no
    /// text's fingerprint, and, with jobdoc's own templates, `approved` as the edition's record
    /// will make it if the text is the approved one — those templates show it below the text
    /// alone, so that the draft's sheet can be the job description's ([`Composer::fill_sheet`]).
    fn draft_sheet(&self, role: &LoadedRole, context: &mut tera::Context) -> sheets::AckSheet {
        let c = self.for_role(role);
        let mut sheet = ack_sheet(&c, role, None);
        if c.templates.all_builtin() {
            let revision = role.role.edition.revision;
            sheet.approved = self.hr.editions.get(&role.id, revision).is_some();
            context.insert("approved", &sheet.approved);
        }
        sheet
    }

    /// The job description of kind `kind` with its own text's лист ознакомления `sheet`, made
    /// from its `draft` (which showed the sheet `drafted`) without rendering it again. jobdoc's
    /// own templates print the sheet's `fingerprint` once, below the text, and `approved` only
    /// there: when `approved` is as the draft showed it, the draft's Markdown with the
    /// fingerprint put in is what a second render produces. `None` when that cannot be told (a
    /// template of the user's, `approved` changed, the draft's fingerprint not found exactly
    /// once): the job description is rendered again.
    fn fill_sheet(
        &self,
        kind: &Kind,
        role: &LoadedRole,
        draft: &Composed,
        drafted: &sheets::AckSheet,
        sheet: &sheets::AckSheet,
    ) -> Option<Result<Composed, Vec<Diagnostic>>> {
        let c = self.for_role(role);
        if !c.templates.all_builtin() || drafted.approved != sheet.approved {
            return None;
        }
        // as a template prints the value: through the locale's typography and escaping
        let printed = |value: &str| {
            let mut out = Vec::new();
            (c.locale.escape)(value, &mut out).ok()?;
            String::from_utf8(out).ok()
        };
        let (from, to) = (printed(&drafted.fingerprint)?, printed(&sheet.fingerprint)?);
        if from.is_empty() || draft.markdown.matches(from.as_str()).count() != 1 {
            return None;
        }
        let markdown = draft.markdown.replacen(from.as_str(), &to, 1);
        Some(
            c.parse(kind.template, markdown)
                .map(|(markdown, document)| Composed {
                    stem: draft.stem.clone(),
                    markdown,
                    document,
                    meta: draft.meta.clone(),
                }),
        )
    }

    /// The postings of `role`'s vacancy: the hh.ru request and the JobPosting, each with the
    /// description whose length hh.ru checks (too short an error at the vacancy); a salary
    /// below the city's median in the market data a warning in `warnings`.
    fn postings(
        &self,
        role: &LoadedRole,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Vec<Posting>, Vec<Diagnostic>> {
        // the job description's view is made only for a vacancy to show
        if role.role.vacancy.is_none() {
            return Ok(Vec::new());
        }
        let c = self.for_role(role);
        let jd = c.job_description_view(role);
        let Some(v) = vacancy::compose(&c, role, &jd)? else {
            return Ok(Vec::new());
        };
        let description = vacancy::description(&v);
        let seen = vacancy::visible_len(&description);
        if seen < vacancy::DESCRIPTION_MIN {
            let at = vacancy::key_span(role);
            return Err(vec![
                Diagnostic::error(
                    &role.path,
                    Some(&role.source),
                    at,
                    format!(
                        "the vacancy's description is {seen} characters: hh.ru takes at least {}",
                        vacancy::DESCRIPTION_MIN
                    ),
                )
                .with_hint("show more duties, or add requirements or conditions"),
            ]);
        }
        warnings.extend(self.hr.market.below_median(role, &v.view.city));
        let title = role.role.title.nominative.trim();
        let [hh, posting] = vacancy::posting_names(&role.id);
        Ok(vec![
            Posting {
                name: hh,
                text: vacancy::bytes(&vacancy::hh_request(&v, title, &description)),
            },
            Posting {
                name: posting,
                text: vacancy::bytes(&vacancy::job_posting(
                    &v,
                    title,
                    &description,
                    &c.organization.name,
                )),
            },
        ])
    }

    /// The compensation plan of `role`, of kind `kind`, as the job description is composed:
    /// once to find its text, checked against the plan's approved editions (`<id>.comp`), then
    /// again with its text for its own лист ознакомления. Returns it, its text, and what the
    /// checks warn about — a new edition that pays less than the last approved one among them.
    pub fn plan(
        &self,
        kind: &Kind,
        role: &LoadedRole,
    ) -> Result<(Composed, EditionText, Vec<Diagnostic>), Vec<Diagnostic>> {
        let (Some(plan), Some(compensation)) = (role.plan(), role.role.compensation.as_ref())
        else {
            return Err(Vec::new());
        };
        let rules = self.tax_rules(&plan, compensation)?;
        // ТК РФ ст. 133: full-time pay may not be below the minimum wage of the year
        if compensation.base_salary < rules.mrot.amount {
            let at = plan.node.span_of("/compensation/base_salary");
            return Err(vec![
                Diagnostic::error(
                    &plan.path,
                    Some(&plan.source),
                    at,
                    format!(
                        "the base salary {} a month is below the minimum wage of the plan's year, {} {}",
                        compensation.base_salary, rules.mrot.name, rules.mrot.amount
                    ),
                )
                .with_hint("full-time pay may not be below it (Labour Code, art. 133): raise the base salary"),
            ]);
        }
        let draft = self.compose(kind, &plan, None)?;
        let text = EditionText::from_document(&draft.document);
        let mut warnings = crate::hr::editions::check_role(&plan, &self.hr.editions, &text);
        if warnings.iter().any(Diagnostic::is_error) {
            return Err(warnings);
        }
        warnings.extend(self.lowered(&plan, compensation));
        let context = self.context(kind, &plan, Some(&text))?;
        let composed = self.with_own_text(kind, &plan, &text, context)?;
        Ok((composed, text, warnings))
    }

    /// A warning when the plan `plan` pays less at an attainment of the payout table than the
    /// last plan edition approved before its own: lowering pay terms needs two months' written
    /// notice (ТК РФ ст. 74). Compared by the pay each approved edition recorded, not by its
    /// text: amounts are not worded alike from edition to edition.
    fn lowered(&self, plan: &LoadedRole, compensation: &Compensation) -> Option<Diagnostic> {
        let revision = plan.role.edition.revision;
        let previous = self.hr.editions.previous(&plan.id, revision)?;
        let now = plan::terms(compensation).ok()?;
        let lower: Vec<String> = now
            .iter()
            .filter_map(|n| {
                let was = previous.pay.iter().find(|p| p.attainment == n.attainment)?;
                let (a, b) = (
                    crate::pay::money::parse_decimal(&n.monthly, 2).ok()?,
                    crate::pay::money::parse_decimal(&was.monthly, 2).ok()?,
                );
                (a < b).then(|| {
                    format!(
                        "at {} % of quota {} a month instead of {}",
                        n.attainment, n.monthly, was.monthly
                    )
                })
            })
            .collect();
        if lower.is_empty() {
            return None;
        }
        let at = plan.node.span_of("/edition/revision");
        Some(
            Diagnostic::warning(
                &plan.path,
                Some(&plan.source),
                at,
                format!(
                    "plan edition {revision} lowers the pay terms of approved edition {}: {}",
                    previous.revision,
                    lower.join("; ")
                ),
            )
            .with_hint(
                "a change of pay terms for the worse needs each employee's written notice two months before it takes effect (Labour Code, art. 74)",
            ),
        )
    }

    /// The tax rules of the year the plan `plan` starts in; an error at its start date when
    /// there are none.
    pub fn tax_rules(
        &self,
        plan: &LoadedRole,
        compensation: &Compensation,
    ) -> Result<std::sync::Arc<tax::TaxYear>, Vec<Diagnostic>> {
        let at = plan.node.span_of("/compensation/period/from");
        let year = Date::parse_iso(&compensation.period.from).map(|d| d.year);
        let found = match year.and_then(|y| u16::try_from(y).ok()) {
            Some(y) => self.taxes.get(y).map(|r| (y, r)),
            None => Ok((0, None)),
        };
        match found {
            Ok((_, Some(rules))) => Ok(rules),
            Ok((year, None)) => Err(vec![
                Diagnostic::error(
                    &plan.path,
                    Some(&plan.source),
                    at,
                    format!("no tax rules of {year} for the employer's cost of the plan"),
                )
                .with_hint(format!(
                    "jobdoc knows 2024 to 2026; add the year in roles/{}",
                    tax::override_file(year)
                )),
            ]),
            Err(crate::diagnostics::Failure::Input(problems)) => Err(problems.0),
            Err(crate::diagnostics::Failure::Internal(e)) => Err(vec![Diagnostic::error(
                &plan.path,
                Some(&plan.source),
                at,
                format!("cannot read the tax rules: {e:#}"),
            )]),
        }
    }

    /// The job description of kind `kind`, composed again knowing its text `text` (in
    /// `context`, its [`Composer::context`] with it), for the fingerprint on its own лист
    /// ознакомления below the text. The text must not change: a template that shows inside the
    /// text what is made from it could never match it.
    fn with_own_text(
        &self,
        kind: &Kind,
        role: &LoadedRole,
        text: &EditionText,
        context: tera::Context,
    ) -> Result<Composed, Vec<Diagnostic>> {
        let composed = self.compose_in(kind, role, context, None)?;
        if EditionText::from_document(&composed.document) != *text {
            let shown = self
                .templates
                .origin(kind.template)
                .display_path(kind.template);
            return Err(vec![
                Diagnostic::error(
                    &shown,
                    None,
                    Span::new(1, 1, 1),
                    "template: the text of the edition (from the first section heading to the \
                     first page break) shows `fingerprint` or `approved`, which are made from it",
                )
                .with_hint(
                    "show them below the first page break `---`, as the acknowledgement sheet does",
                ),
            ]);
        }
        Ok(composed)
    }

    /// The text of `role`'s edition, as the job description renders it (not checked against
    /// the approved editions: `diff` compares any two).
    pub fn edition_text(&self, role: &LoadedRole) -> Result<EditionText, Vec<Diagnostic>> {
        let first = KINDS.first().ok_or_else(Vec::new)?;
        let composed = self.compose(first, role, None)?;
        Ok(EditionText::from_document(&composed.document))
    }

    /// The text of `role`'s compensation plan, and the plan as a document of its own
    /// ([`LoadedRole::plan`]), as [`Composer::edition_text`] gives the job description's;
    /// `None` without a plan.
    pub fn plan_edition_text(
        &self,
        role: &LoadedRole,
    ) -> Result<Option<(LoadedRole, EditionText)>, Vec<Diagnostic>> {
        let kind = KINDS.iter().find(|k| k.when == When::Compensation);
        let (Some(kind), Some(plan), Some(compensation)) =
            (kind, role.plan(), role.role.compensation.as_ref())
        else {
            return Ok(None);
        };
        self.tax_rules(&plan, compensation)?;
        let composed = self.compose(kind, &plan, None)?;
        let text = EditionText::from_document(&composed.document);
        Ok(Some((plan, text)))
    }

    fn applies(&self, kind: &Kind, role: &LoadedRole) -> bool {
        match kind.when {
            When::Always => true,
            When::AfterAnApprovedEdition => self
                .hr
                .editions
                .previous(&role.id, role.role.edition.revision)
                .is_some(),
            When::WithAVacancy => role.role.vacancy.is_some(),
            When::Compensation => role.role.compensation.is_some(),
        }
    }

    /// The documents of `role`'s translation `translation`: each kind a translation has, in the
    /// translation's language (`client-manager.en`, `client-manager.ack.en`), then the bilingual
    /// job description (`client-manager.bilingual`). The edition and its fingerprint, `text`,
    /// are the original's.
    fn translation(
        &self,
        role: &LoadedRole,
        translation: &LoadedTranslation,
        text: &EditionText,
    ) -> Result<Vec<Composed>, Vec<Diagnostic>> {
        let translated = LoadedRole {
            role: translation.role.clone(),
            translations: Vec::new(),
            ..role.clone()
        };
        let original = self.for_role(role).locale;
        let view = |side, c: &Composer| TranslationView {
            side,
            original: original.code(),
            language: translation.language,
            date: translation
                .value
                .date
                .as_deref()
                .and_then(Date::parse_iso)
                .map(|d| c.organization.date(c.locale, d)),
        };
        let own = view("translation", &self.for_role(&translated));
        let mut out = Vec::new();
        for kind in KINDS.iter().filter(|k| k.translated) {
            out.push(self.compose_as(kind, &translated, Some(text), Some(&own))?);
        }
        let first = KINDS.first().ok_or_else(Vec::new)?;
        let left = self.compose_as(
            first,
            role,
            Some(text),
            Some(&view("original", &self.for_role(role))),
        )?;
        let right = out.first().ok_or_else(Vec::new)?;
        let markdown = bilingual::pair(&left.markdown, &right.markdown);
        let document = document::parse(&markdown, Path::new(&format!("{}.bilingual.md", role.id)))?;
        let meta = Meta {
            title: format!("{} / {}", left.meta.title, right.meta.title),
            subject: format!("{} / {}", left.meta.subject, right.meta.subject),
            // two columns of 14 pt justified text leave wide gaps: 12 pt, the smallest size
            // ГОСТ Р 7.0.97 allows, sets about a third more words to the line
            font_size: left.meta.font_size.min(12),
            // the translation's column hyphenates and declares its own language
            second: Some(SecondLanguage {
                tag: right.meta.language.clone(),
                hyphenation: right.meta.hyphenation,
            }),
            ..left.meta
        };
        out.push(Composed {
            stem: format!("{}.bilingual", role.id),
            markdown,
            document,
            meta,
        });
        Ok(out)
    }

    /// One document of `role` of kind `kind`; `text` is the edition's text (`None` for the job
    /// description itself).
    pub fn compose(
        &self,
        kind: &Kind,
        role: &LoadedRole,
        text: Option<&EditionText>,
    ) -> Result<Composed, Vec<Diagnostic>> {
        self.compose_as(kind, role, text, None)
    }

    /// [`Composer::compose`], in a translated or bilingual document when `translation` says so.
    fn compose_as(
        &self,
        kind: &Kind,
        role: &LoadedRole,
        text: Option<&EditionText>,
        translation: Option<&TranslationView>,
    ) -> Result<Composed, Vec<Diagnostic>> {
        let context = self.context(kind, role, text)?;
        self.compose_in(kind, role, context, translation)
    }

    /// The template context of `kind` for `role`, knowing its edition's text when given.
    fn context(
        &self,
        kind: &Kind,
        role: &LoadedRole,
        text: Option<&EditionText>,
    ) -> Result<tera::Context, Vec<Diagnostic>> {
        let c = self.for_role(role);
        if let Some(missing) = c.missing_genitive(role) {
            return Err(vec![missing]);
        }
        (kind.context)(&c, role, text).map_err(|e| unprepared(role, &e))
    }

    /// [`Composer::compose_as`] with the context made.
    fn compose_in(
        &self,
        kind: &Kind,
        role: &LoadedRole,
        mut context: tera::Context,
        translation: Option<&TranslationView>,
    ) -> Result<Composed, Vec<Diagnostic>> {
        let c = self.for_role(role);
        // a plan's id is its record's (`<id>.comp`); its file names are the role's and the kind's
        let mut stem = format!("{}{}", compensation::role_of(&role.id), kind.suffix);
        if let Some(t) = translation {
            context.insert("translation", t);
            if t.side == "translation" {
                stem = format!("{stem}.{}", t.language);
            }
        }
        let (markdown, document) = c.render(kind.template, &context)?;
        Ok(Composed {
            stem,
            markdown,
            document,
            meta: c.meta(kind, role),
        })
    }

    /// An error when an order approves `role` in a language that declines titles (the order is
    /// the approver's, in the genitive) and the organization does not give that form.
    fn missing_genitive(&self, role: &LoadedRole) -> Option<Diagnostic> {
        let ordered = matches!(role.role.edition.approval, Approval::Order(_));
        if !ordered
            || !self.locale.case_forms
            || self.organization.approver.position_genitive.is_some()
        {
            return None;
        }
        let at = role.node.span_of("/edition/approval");
        let message = format!(
            "an order approves this job description, and documents in `{}` name the approver's position in the genitive",
            self.locale.code()
        );
        Some(
            Diagnostic::error(&role.path, Some(&role.source), at, message)
                .with_hint("give `position_genitive` under `approver` in _organization.yaml"),
        )
    }

    /// Renders `template` with `context` and parses the result into the document structure.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<(String, Document), Vec<Diagnostic>> {
        let markdown = self
            .templates
            .render(template, context)
            .map_err(|d| vec![*d])?;
        self.parse(template, markdown)
    }

    /// The Markdown `template` produced, parsed into the document structure and checked for
    /// characters the PDF font lacks.
    fn parse(
        &self,
        template: &str,
        markdown: String,
    ) -> Result<(String, Document), Vec<Diagnostic>> {
        let shown = self.templates.origin(template).display_path(template);
        let document = document::parse(&markdown, Path::new(&shown))?;
        // Checked here, not only in the PDF writer, so that `validate` reports it and names the
        // template; the role files were checked where they were read.
        if let Some(c) = pdf::undrawable(&document) {
            return Err(self.undrawable(template, Path::new(&shown), c));
        }
        Ok((markdown, document))
    }

    /// A character the PDF font lacks in what `template` produced: at its line in the template,
    /// else in another template (a part it includes, such as the лист ознакомления), else at the
    /// template as a whole.
    fn undrawable(&self, template: &str, path: &Path, c: char) -> Vec<Diagnostic> {
        let sources = self.templates.sources();
        let (own, others): (Vec<_>, Vec<_>) = sources.partition(|(name, _)| *name == template);
        for (name, source) in own.into_iter().chain(others) {
            let shown = self.templates.origin(name).display_path(name);
            // the template's own characters, through the check the role files get
            let found: Vec<Diagnostic> = source
                .lines()
                .enumerate()
                .flat_map(|(i, line)| {
                    check::undrawable(&shown, source, line, self.locale, |column| {
                        Span::new(i + 1, column + 1, 1)
                    })
                })
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        vec![
            Diagnostic::error(
                path,
                None,
                Span::new(1, 1, 1),
                format!("{}, in what this template produced", fonts::no_glyph(c)),
            )
            .with_hint("it comes from the data the template shows: find it in the roles folder"),
        ]
    }

    /// The properties of `role`'s document of kind `kind`: title and subject in the locale's
    /// words, dated by the edition (else the build's date).
    fn meta(&self, kind: &Kind, role: &LoadedRole) -> Meta {
        let words = self.locale.kind(kind.key);
        // «Должностная инструкция менеджера …»; «Job Description: Sales Representative»
        let title = &role.role.title;
        let position = if self.locale.case_forms {
            title.genitive.trim()
        } else {
            title.nominative.trim()
        };
        Meta {
            title: words.map_or_else(
                || position.to_string(),
                |w| format!("{} {position}", w.title),
            ),
            subject: words.map_or("", |w| w.subject).to_string(),
            author: self.organization.name.clone(),
            language: self.locale.tag.to_string(),
            created: role
                .role
                .edition
                .date
                .as_deref()
                .and_then(Date::parse_iso)
                .or(self.today),
            font_size: self.organization.font_size,
            hyphenation: self.locale.hyphenation,
            number_column: self.locale.number_column,
            page: match self.organization.paper {
                Paper::A4 => &page::PAGE,
                Paper::Letter => &page::LETTER,
            },
            second: None,
        }
    }
}
