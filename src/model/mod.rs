//! The role and organization files as Rust types. The JSON Schema that editors and the validator
//! use is derived from these same types (schemars), so the two cannot drift.

pub mod check;
pub mod compensation;
pub mod duplicates;
pub mod hr;
pub mod pay;
pub mod structure;
pub mod translation;
pub mod vacancy;

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::load::yaml::Node;

/// A role read from its file, with what it was read from.
#[derive(Debug, Clone)]
pub struct LoadedRole {
    /// The id: the file name without `.yaml`.
    pub id: String,
    /// The file.
    pub path: PathBuf,
    /// The parsed role.
    pub role: Role,
    /// The file's text, as read (what the build manifest hashes).
    pub source: String,
    /// The file's spanned tree, to point diagnostics found later at their place.
    pub node: Node,
    /// Its translations into other languages (`<id>.<code>.yaml` beside it).
    pub translations: Vec<translation::LoadedTranslation>,
}

impl LoadedRole {
    /// The role's compensation plan as a document of its own: the role under the id
    /// `<id>.comp`, with the plan's edition as its edition (and in its tree, so that edition
    /// diagnostics point at `compensation.edition`). `None` without a plan.
    pub fn plan(&self) -> Option<LoadedRole> {
        let plan = self.role.compensation.as_ref()?;
        let edition = self.node.pointer("/compensation/edition")?.clone();
        let mut node = self.node.clone();
        if let crate::load::yaml::NodeKind::Map(entries) = &mut node.kind {
            for (key, value) in entries.iter_mut() {
                if key.as_str() == Some("edition") {
                    *value = edition.clone();
                }
            }
        }
        Some(LoadedRole {
            id: format!("{}{}", self.id, compensation::SUFFIX),
            role: Role {
                edition: plan.edition.clone(),
                ..self.role.clone()
            },
            node,
            translations: Vec::new(),
            ..self.clone()
        })
    }
}

/// A role file `roles/<id>.yaml`: one position and its job description.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc role")]
pub struct Role {
    /// The language of this role's documents, when not the organization's: `ru` (Russian, the
    /// default) or `en` (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "language_schema")]
    pub language: Option<String>,
    /// The position title: in a language that declines it (Russian), in the grammatical cases
    /// the document needs; in English, one text: `Sales Representative`.
    #[serde(deserialize_with = "title_forms")]
    #[schemars(with = "TitleShape")]
    pub title: TitleForms,
    /// The department (структурное подразделение), e.g. «Отдел по работе с клиентами».
    pub department: String,
    /// Category of staff, genitive plural: «специалистов», «руководителей», «технических
    /// исполнителей». Printed by the standard provision «… относится к категории …».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Who appoints and dismisses, instrumental: «приказом генерального директора». Printed by
    /// the standard provision «Назначение на должность … осуществляется …».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointed_by: Option<String>,
    /// To whom the position reports, dative: «руководителю отдела по работе с клиентами».
    /// Printed by the standard provision «… непосредственно подчиняется …».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    /// Qualification requirements, continuing «На должность … назначается»: «лицо, имеющее
    /// высшее образование». Printed by the standard provision of section 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    /// The edition of this job description: revision, date, how it is approved.
    pub edition: Edition,
    /// English: the job summary, a paragraph on the purpose of the position; printed first in
    /// section 1, instead of the sentence on what the job description defines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// English: how the position is classified (grade, FLSA status, location), printed under
    /// the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    /// English: the qualifications the position needs, by kind; printed in the section
    /// «Qualifications» (with `requirements`, the section's other provisions).
    #[serde(default, skip_serializing_if = "Qualifications::is_empty")]
    pub qualifications: Qualifications,
    /// English: section «Working Conditions»: the environment the work is done in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_conditions: Vec<Item>,
    /// English: section «Physical Requirements»: what the essential functions demand physically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub physical_requirements: Vec<Item>,
    /// Section 1 «Общие положения». Without a `standard:` entry: further provisions after the
    /// standard ones (1.1 purpose, then each standard provision whose data the role gives). With
    /// one: the whole section in this order, standard provisions only where placed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub general: Vec<GeneralItem>,
    /// What the employee is guided by («… должен руководствоваться:»), in the instrumental:
    /// «уставом Общества».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guided_by: Option<Vec<Item>>,
    /// What the employee must know («… должен знать:»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_know: Option<Vec<Item>>,
    /// What the employee must be able to do («… должен уметь:»): a professional standard's
    /// required skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_be_able: Option<Vec<Item>>,
    /// Section «Требования к квалификации»: education, experience, knowledge, skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<Item>>,
    /// Section «Функциональные обязанности» (функции).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functions: Option<Vec<Item>>,
    /// Section «Должностные обязанности»: what the employee does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties: Option<Vec<Item>>,
    /// Section «Права»: continuing «… имеет право:».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<Vec<Item>>,
    /// Section «Ответственность»: continuing «… несет ответственность за:».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<Vec<Item>>,
    /// The role's own sections («Взаимоотношения», «Заключительные положения»), after the
    /// standard ones. When an entry places a standard section (`- standard: duties`), this list
    /// is the whole document in its order, and standard sections not placed are left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionEntry>,
    /// The professional standard the provisions marked `origin` come from; a role that gives it
    /// prints the appendix «Соответствие профессиональному стандарту».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub professional_standard: Option<ProfessionalStandard>,
    /// Signatures under the text: the drafter, визы согласования.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signatory>,
    /// A job posting of the position (`out/<id>.vacancy.*` and its JSON for job boards): the
    /// duties it shows, further requirements, conditions, city, pay, hh.ru's ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacancy: Option<vacancy::Vacancy>,
    /// The compensation plan (`out/<id>.comp.*`), a document with an edition of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensation: Option<compensation::Compensation>,
}

/// The position title in the cases the text uses. A title given as one text (a language
/// without cases) is that text in every case.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleForms {
    /// Nominative, as at the start of a sentence: «Менеджер по работе с клиентами».
    #[schemars(length(min = 1))]
    pub nominative: String,
    /// Genitive, the document title: «менеджера по работе с клиентами».
    #[schemars(length(min = 1))]
    pub genitive: String,
    /// Dative: «менеджеру по работе с клиентами».
    #[schemars(length(min = 1))]
    pub dative: String,
    /// Instrumental: «менеджером по работе с клиентами».
    #[schemars(length(min = 1))]
    pub instrumental: String,
}

/// A position title: one text, or the text in every case.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum TitleShape {
    /// One text, for a language whose titles do not decline: `Sales Representative`.
    Text(#[schemars(length(min = 1))] String),
    /// The title in every case the text uses.
    Cases(TitleForms),
}

/// Reads a title in either shape; a title given as one text is that text in every case.
fn title_forms<'de, D: serde::Deserializer<'de>>(d: D) -> Result<TitleForms, D::Error> {
    Ok(match TitleShape::deserialize(d)? {
        TitleShape::Text(text) => TitleForms {
            nominative: text.clone(),
            genitive: text.clone(),
            dative: text.clone(),
            instrumental: text,
        },
        TitleShape::Cases(forms) => forms,
    })
}

/// The schema of a language code: one of the languages jobdoc writes (see
/// [`crate::locale::ALL`]).
fn language_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": crate::locale::codes(),
    })
}

/// How an English position is classified, as printed under the title.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Pay grade or band: `S-7`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// FLSA status: `Exempt` or `Non-exempt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flsa_status: Option<String>,
    /// Where the work is done: `Springfield, IL`, `Remote`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// The qualifications of an English position, by kind: each a list of provisions, printed as a
/// provision of the section «Qualifications» with its items.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualifications {
    /// Education: `Bachelor's degree in business or a related field`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Item>,
    /// Experience: `Two years of experience in sales`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<Item>,
    /// Knowledge: `principles of sales and marketing`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub knowledge: Vec<Item>,
    /// Skills and abilities: `active listening`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Item>,
}

impl Qualifications {
    /// The kinds in the order they are printed, by key, with their provisions.
    pub fn kinds(&self) -> [(&'static str, &[Item]); 4] {
        [
            ("education", &self.education),
            ("experience", &self.experience),
            ("knowledge", &self.knowledge),
            ("skills", &self.skills),
        ]
    }

    /// Whether no kind has a provision.
    pub fn is_empty(&self) -> bool {
        self.kinds().iter().all(|(_, items)| items.is_empty())
    }
}

/// One provision: a text, a text with sub-items, or a reference to a fragment of the organization file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Item {
    /// A provision without sub-items.
    Text(String),
    /// A provision with sub-items (shown as a dash list).
    Nested(NestedItem),
    /// The items of a named fragment from `_organization.yaml`, spliced in at this place.
    Fragment(FragmentRef),
}

/// A provision with sub-items.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    /// The provision's text; a colon is added before the sub-items.
    pub text: String,
    /// Sub-items, each a text or again a text with sub-items (four levels at most, counting the section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// English, a duty or function: `false` marks a marginal one, printed after the essential
    /// ones under its own heading.
    #[serde(default = "essential", skip_serializing_if = "Clone::clone")]
    pub essential: bool,
    /// Number the sub-items under the provision's own number (3.2.1., 3.2.2.) instead of dashes;
    /// only below a numbered provision.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub numbered: bool,
    /// The labour functions of `professional_standard` the provision comes from, by code
    /// (`A/01.5`, or `A` for a generalized one): the appendix «Соответствие профессиональному
    /// стандарту» lists the provision under each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin: Vec<String>,
}

/// The professional standard (профессиональный стандарт) a role's provisions come from, as
/// `jobdoc import` read it: printed as the appendix «Соответствие профессиональному стандарту».
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalStandard {
    /// The standard's name: «Специалист по продажам».
    #[schemars(length(min = 1))]
    pub name: String,
    /// Its registration number in the register of professional standards.
    #[schemars(length(min = 1))]
    pub registration_number: String,
    /// The code of its kind of professional activity: `08.001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The labour functions the provisions' `origin` names.
    #[schemars(length(min = 1))]
    pub functions: Vec<LabourFunction>,
}

/// A labour function of a professional standard: generalized (ОТФ, `A`) or not (ТФ, `A/01.5`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabourFunction {
    /// The code: `A` or `A/01.5`.
    #[schemars(length(min = 1))]
    pub code: String,
    /// The name, as the standard words it.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The qualification level (уровень квалификации) the standard gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

/// A duty is essential unless marked otherwise.
fn essential() -> bool {
    true
}

/// A reference to a fragment of the organization file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FragmentRef {
    /// The fragment's name in `fragments:` of `_organization.yaml`.
    pub fragment: String,
}

/// An entry of section 1 «Общие положения»: a standard provision placed here, or a provision of
/// the role's own.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum GeneralItem {
    /// A standard provision, in the template's wording.
    Standard(StandardProvision),
    /// A provision in the role's own words.
    Item(Item),
}

/// A standard provision of section 1 placed by the role.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardProvision {
    /// Which: `purpose` («Настоящая должностная инструкция определяет …»), `category`,
    /// `appointment` (prints `appointed_by`), `reports_to`, `qualification`, `guided_by`,
    /// `must_know`, `must_be_able`.
    pub standard: ProvisionKey,
    /// For `guided_by`, `must_know` and `must_be_able`: the lead-in in the role's own words, instead of
    /// «В своей деятельности … должен руководствоваться».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// For `guided_by`, `must_know` and `must_be_able`: number the items (1.6.1., 1.6.2.) instead of dashes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub numbered: bool,
    /// The labour functions of `professional_standard` the provision comes from (see
    /// [`NestedItem::origin`]): `qualification` from a generalized one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin: Vec<String>,
}

/// The standard provisions of section 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKey {
    /// English: the job summary (`summary`), instead of `purpose` when the role gives one.
    Summary,
    /// «Настоящая должностная инструкция определяет …».
    Purpose,
    /// `category`.
    Category,
    /// `appointed_by`.
    Appointment,
    /// `reports_to`.
    ReportsTo,
    /// `qualification`.
    Qualification,
    /// `guided_by`.
    GuidedBy,
    /// `must_know`.
    MustKnow,
    /// `must_be_able`.
    MustBeAble,
}

impl ProvisionKey {
    /// Every standard provision, in the order section 1 has them by default.
    pub const ALL: [ProvisionKey; 9] = [
        ProvisionKey::Summary,
        ProvisionKey::Purpose,
        ProvisionKey::Category,
        ProvisionKey::Appointment,
        ProvisionKey::ReportsTo,
        ProvisionKey::Qualification,
        ProvisionKey::GuidedBy,
        ProvisionKey::MustKnow,
        ProvisionKey::MustBeAble,
    ];

    /// The key as written in a role file and seen by templates: `reports_to`.
    pub fn key(self) -> &'static str {
        match self {
            ProvisionKey::Summary => "summary",
            ProvisionKey::Purpose => "purpose",
            ProvisionKey::Category => "category",
            ProvisionKey::Appointment => "appointment",
            ProvisionKey::ReportsTo => "reports_to",
            ProvisionKey::Qualification => "qualification",
            ProvisionKey::GuidedBy => "guided_by",
            ProvisionKey::MustKnow => "must_know",
            ProvisionKey::MustBeAble => "must_be_able",
        }
    }

    /// The role field whose data the provision prints: `appointed_by` for `appointment`;
    /// `None` for `purpose`, which prints only the title.
    pub fn field(self) -> Option<&'static str> {
        match self {
            ProvisionKey::Purpose => None,
            ProvisionKey::Appointment => Some("appointed_by"),
            other => Some(other.key()),
        }
    }
}

/// An entry of `sections`: a section of the role's own, or a standard section placed here.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SectionEntry {
    /// A standard section, its provisions from the role field of the same name.
    Standard(StandardSection),
    /// A section of the role's own.
    Own(Section),
}

/// A standard section placed by the role, optionally retitled.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardSection {
    /// Which: `general`, `requirements`, `functions`, `duties`, `rights`, `responsibilities`;
    /// in English also `working_conditions`, `physical_requirements`.
    pub standard: SectionKey,
    /// The heading in the role's own words, instead of the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The lead-in sentence in the role's own words; an empty one prints none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
}

/// The standard sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKey {
    /// «Общие положения»: section 1 (`general` and the standard provisions).
    General,
    /// «Требования к квалификации» (`requirements`).
    Requirements,
    /// «Функциональные обязанности» (`functions`).
    Functions,
    /// «Должностные обязанности» (`duties`).
    Duties,
    /// «Права» (`rights`).
    Rights,
    /// «Ответственность» (`responsibilities`).
    Responsibilities,
    /// English: «Working Conditions» (`working_conditions`).
    WorkingConditions,
    /// English: «Physical Requirements» (`physical_requirements`).
    PhysicalRequirements,
}

impl SectionKey {
    /// Every standard section, in the order a role without its own order has them.
    pub const ALL: [SectionKey; 8] = [
        SectionKey::General,
        SectionKey::Requirements,
        SectionKey::Functions,
        SectionKey::Duties,
        SectionKey::Rights,
        SectionKey::Responsibilities,
        SectionKey::WorkingConditions,
        SectionKey::PhysicalRequirements,
    ];

    /// The key as written in a role file, and the role field holding the section's provisions.
    pub fn key(self) -> &'static str {
        match self {
            SectionKey::General => "general",
            SectionKey::Requirements => "requirements",
            SectionKey::Functions => "functions",
            SectionKey::Duties => "duties",
            SectionKey::Rights => "rights",
            SectionKey::Responsibilities => "responsibilities",
            SectionKey::WorkingConditions => "working_conditions",
            SectionKey::PhysicalRequirements => "physical_requirements",
        }
    }

    /// The section whose key is `key`.
    pub fn from_key(key: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The role fields that give the section's provisions: its key, for `requirements` the
    /// qualifications by kind too, for `general` its own provisions and the data of the
    /// standard provisions ([`ProvisionKey::field`]).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            // the role's own provisions of section 1 and the standard provisions' data
            SectionKey::General => &[
                "general",
                "summary",
                "category",
                "appointed_by",
                "reports_to",
                "qualification",
                "guided_by",
                "must_know",
                "must_be_able",
            ],
            SectionKey::Requirements => &["requirements", "qualifications"],
            SectionKey::Functions => &["functions"],
            SectionKey::Duties => &["duties"],
            SectionKey::Rights => &["rights"],
            SectionKey::Responsibilities => &["responsibilities"],
            SectionKey::WorkingConditions => &["working_conditions"],
            SectionKey::PhysicalRequirements => &["physical_requirements"],
        }
    }
}

/// A section of the role's own.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading, without a number: «Взаимоотношения».
    #[schemars(length(min = 1))]
    pub title: String,
    /// An optional lead-in sentence before the provisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The provisions.
    pub items: Vec<Item>,
}

impl Role {
    /// Whether `sections` places a standard section: then it is the whole document's order.
    pub fn orders_sections(&self) -> bool {
        self.sections
            .iter()
            .any(|s| matches!(s, SectionEntry::Standard(_)))
    }

    /// Whether `general` places a standard provision: then it is the whole of section 1.
    pub fn orders_general(&self) -> bool {
        self.general
            .iter()
            .any(|g| matches!(g, GeneralItem::Standard(_)))
    }

    /// Whether a document without a section order of its own prints standard section `key`:
    /// section 1 always, another when the role gives it (requirements also by their kinds).
    pub fn prints_section(&self, key: SectionKey) -> bool {
        key == SectionKey::General
            || self.section_items(key).is_some()
            || (key == SectionKey::Requirements && !self.qualifications.is_empty())
    }

    /// The provisions of standard section `key` (`general`'s own provisions aside), `None`
    /// when the role does not give the section. A list given empty is given: a role file
    /// written when the standard sections were required printed its heading, and still does.
    pub fn section_items(&self, key: SectionKey) -> Option<&[Item]> {
        fn listed(l: &[Item]) -> Option<&[Item]> {
            (!l.is_empty()).then_some(l)
        }
        match key {
            SectionKey::General => None,
            SectionKey::Requirements => self.requirements.as_deref(),
            SectionKey::Functions => self.functions.as_deref(),
            SectionKey::Duties => self.duties.as_deref(),
            SectionKey::Rights => self.rights.as_deref(),
            SectionKey::Responsibilities => self.responsibilities.as_deref(),
            SectionKey::WorkingConditions => listed(&self.working_conditions),
            SectionKey::PhysicalRequirements => listed(&self.physical_requirements),
        }
    }
}

/// The items of a list the role may leave out: none when it does.
pub fn list(items: &Option<Vec<Item>>) -> &[Item] {
    items.as_deref().unwrap_or(&[])
}

/// A person who signs: position and «И.О. Фамилия».
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Position, nominative: «Руководитель отдела по работе с клиентами».
    pub position: String,
    /// Initials and surname: «П.С. Смирнов».
    pub name: String,
}

/// An edition (редакция) of a job description.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// Revision number, from 1.
    #[schemars(range(min = 1))]
    pub revision: u32,
    /// Date of the edition, `YYYY-MM-DD`; shown as 05.06.2026. Without it the document shows a blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<String>,
    /// Registration number of the document, shown after «№».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// How the edition is approved: `signature` (гриф УТВЕРЖДАЮ signed by the approver) or an order.
    #[serde(default)]
    pub approval: Approval,
    /// An editorial edition (typos, formatting): employees who signed the edition before it need
    /// not sign again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub editorial: bool,
}

/// How a job description is approved.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Approval {
    /// By the approver's signature under «УТВЕРЖДАЮ».
    #[default]
    Signature,
    /// By an order: «УТВЕРЖДЕНА приказом … от 05.06.2026 № 12».
    Order(Order),
}

/// serde_yaml reads an externally tagged enum only from a YAML tag (`!order {…}`), which the
/// schema and the spanned reader do not know; the documented map form `{ order: {…} }` is read
/// through these shapes instead (docs/dependencies.md).
#[derive(Deserialize)]
#[serde(untagged)]
enum ApprovalForm {
    Word(ApprovalWord),
    Order(OrderApproval),
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ApprovalWord {
    Signature,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderApproval {
    order: Order,
}

impl<'de> Deserialize<'de> for Approval {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match ApprovalForm::deserialize(d)? {
            ApprovalForm::Word(ApprovalWord::Signature) => Approval::Signature,
            ApprovalForm::Order(o) => Approval::Order(o.order),
        })
    }
}

/// An order approving the edition.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// Date of the order, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: String,
    /// Number of the order.
    pub number: String,
    /// When the job description is an appendix to the order: its number, for «Приложение 2 к
    /// приказу от … № …» above the гриф.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendix: Option<String>,
}

/// The organization file `roles/_organization.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc organization")]
pub struct Organization {
    /// The language of the documents, for every role that names none: `ru` (Russian, the
    /// default) or `en` (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "language_schema")]
    pub language: Option<String>,
    /// Full name: «Общество с ограниченной ответственностью «Пример»».
    pub name: String,
    /// Short name: «ООО «Пример»».
    pub short_name: String,
    /// City, where documents are drawn up: «Москва».
    pub city: String,
    /// Who approves job descriptions.
    pub approver: Approver,
    /// Body font size in points, 12 to 14.
    #[serde(default = "default_font_size")]
    #[schemars(range(min = 12, max = 14))]
    pub font_size: u32,
    /// Blank rows in the acknowledgement table of a job description.
    #[serde(default = "default_ack_rows")]
    #[schemars(range(max = 100))]
    pub ack_rows: u32,
    /// The paper every document is laid out on: `a4` (the default, with the margins of ГОСТ Р
    /// 7.0.97-2025) or `letter` (US Letter, one inch margins).
    #[serde(default)]
    pub paper: Paper,
    /// Named provisions shared by roles: a text or a list of items; a role uses one with `- fragment: name`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fragments: std::collections::BTreeMap<String, Fragment>,
    /// English: paragraphs that close every job description, after its last section — an
    /// «other duties as assigned» clause, an equal-opportunity statement.
    #[serde(default)]
    pub closing: Vec<String>,
    /// How documents write dates: `long`, the language's own way (`05.06.2026`, `June 5,
    /// 2026`; the default), or `iso` (`2026-06-05`).
    #[serde(default, skip_serializing_if = "Dates::is_long")]
    pub dates: Dates,
    /// Translation problems (a text without a translation, a translation older than its text
    /// or translating nothing) are errors, not warnings, as with `--strict`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict_translations: bool,
    /// The organization in another language, by its code (`en:`), for roles written in that
    /// language: what it gives replaces the organization's own names, approver, fragments (by
    /// name) and closing paragraphs.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: std::collections::BTreeMap<String, OrganizationTranslation>,
    /// For `jobdoc cost`: the year it computes without `--year`, the tariff of insurance
    /// contributions, the accident insurance rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<pay::PaySettings>,
}

/// The paper documents are laid out on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// A4, 210 × 297 mm, with the margins of ГОСТ Р 7.0.97-2025.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in, with one inch margins.
    Letter,
}

/// The organization's names and shared texts in another language.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationTranslation {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Short name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The approver of job descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<Approver>,
    /// Fragments in this language, by the names of the organization's own `fragments`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fragments: std::collections::BTreeMap<String, Fragment>,
    /// Closing paragraphs in this language (see the organization's `closing`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Vec<String>>,
    /// How documents in this language write dates (see the organization's `dates`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<Dates>,
}

/// How documents write dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Dates {
    /// The language's own way: `05.06.2026`, `June 5, 2026`.
    #[default]
    Long,
    /// ISO 8601: `2026-06-05`.
    Iso,
}

impl Dates {
    fn is_long(&self) -> bool {
        *self == Dates::Long
    }
}

impl Organization {
    /// The organization as documents in the language `code` show it: its translation into
    /// that language, where it has one, over its own words.
    pub fn in_language(&self, code: &str) -> Organization {
        let mut org = self.clone();
        let Some(t) = self.translations.get(code) else {
            return org;
        };
        let or = |own: &mut String, translated: &Option<String>| {
            if let Some(text) = translated {
                own.clone_from(text);
            }
        };
        or(&mut org.name, &t.name);
        or(&mut org.short_name, &t.short_name);
        or(&mut org.city, &t.city);
        if let Some(approver) = &t.approver {
            org.approver = approver.clone();
        }
        org.fragments
            .extend(t.fragments.iter().map(|(k, v)| (k.clone(), v.clone())));
        if let Some(closing) = &t.closing {
            org.closing.clone_from(closing);
        }
        if let Some(dates) = t.dates {
            org.dates = dates;
        }
        org
    }

    /// `date` as this organization's documents in `locale` write it.
    pub fn date(&self, locale: &crate::locale::Locale, date: crate::date::Date) -> String {
        match self.dates {
            Dates::Long => locale.date(date),
            Dates::Iso => date.iso(),
        }
    }
}

fn default_font_size() -> u32 {
    14
}

fn default_ack_rows() -> u32 {
    10
}

/// The approver of job descriptions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approver {
    /// Position, nominative: «Генеральный директор».
    pub position: String,
    /// Position, genitive, for «приказом генерального директора»: needed in Russian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_genitive: Option<String>,
    /// Initials and surname: «А.Б. Иванов».
    pub name: String,
}

/// A shared provision: one item or several.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Fragment {
    /// One text.
    Text(String),
    /// Several items.
    Items(Vec<Item>),
}

// Generating a schema with schemars costs more than loading a role; every process that loads
// files needs these two, so they are committed as text (a test keeps them equal to schemars'
// output for the types and writes them afresh when they are not)
/// The JSON Schema of role files, as committed text (see [`role_schema`]).
pub const ROLE_SCHEMA: &str = include_str!("role.schema.json");
/// The JSON Schema of the organization file, as committed text (see [`organization_schema`]).
pub const ORGANIZATION_SCHEMA: &str = include_str!("organization.schema.json");

/// The JSON Schema of role files.
pub fn role_schema() -> serde_json::Value {
    serde_json::from_str(ROLE_SCHEMA).unwrap_or_default()
}

/// The JSON Schema of the organization file.
pub fn organization_schema() -> serde_json::Value {
    serde_json::from_str(ORGANIZATION_SCHEMA).unwrap_or_default()
}

#[cfg(test)]
mod committed_schemas {
    use super::*;

    /// Fails, writing the file afresh, when `committed` is not `generated`.
    fn same(file: &str, committed: serde_json::Value, generated: serde_json::Value) {
        if committed == generated {
            return;
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/model")
            .join(file);
        let text = serde_json::to_string_pretty(&generated).expect("a schema serializes") + "\n";
        std::fs::write(&path, text).expect("the schema file is writable");
        panic!(
            "{} was not the types' schema: written afresh, review and commit it",
            path.display()
        );
    }

    #[test]
    fn equal_the_types_schemas() {
        same(
            "role.schema.json",
            role_schema(),
            serde_json::to_value(schemars::schema_for!(Role)).expect("serializes"),
        );
        same(
            "organization.schema.json",
            organization_schema(),
            serde_json::to_value(schemars::schema_for!(Organization)).expect("serializes"),
        );
    }
}
