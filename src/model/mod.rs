//! The role and organization files as Rust types. The JSON Schema that editors and the validator
//! use is derived from these same types (schemars), so the two cannot drift.

pub mod check;
pub mod duplicates;
pub mod hr;

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
}

/// A role file `roles/<id>.yaml`: one position and its job description.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc role")]
pub struct Role {
    /// The position title in the grammatical cases the document needs.
    pub title: TitleForms,
    /// The department (структурное подразделение), e.g. «Отдел по работе с клиентами».
    pub department: String,
    /// Category of staff, genitive plural: «специалистов», «руководителей», «технических исполнителей».
    pub category: String,
    /// Who appoints and dismisses, instrumental: «приказом генерального директора».
    pub appointed_by: String,
    /// To whom the position reports, dative: «руководителю отдела по работе с клиентами».
    pub reports_to: String,
    /// Qualification requirements, continuing «На должность … назначается»: «лицо, имеющее высшее образование».
    pub qualification: String,
    /// The edition of this job description: revision, date, how it is approved.
    pub edition: Edition,
    /// Further provisions of section 1 «Общие положения», after the standard ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub general: Vec<Item>,
    /// What the employee is guided by (1.x «… должен руководствоваться:»), in the dative-instrumental: «уставом Общества».
    pub guided_by: Vec<Item>,
    /// What the employee must know (1.x «… должен знать:»).
    pub must_know: Vec<Item>,
    /// Section «Функциональные обязанности» (функции).
    pub functions: Vec<Item>,
    /// Section «Должностные обязанности»: what the employee does.
    #[schemars(length(min = 1))]
    pub duties: Vec<Item>,
    /// Section «Права»: continuing «… имеет право:».
    pub rights: Vec<Item>,
    /// Section «Ответственность»: continuing «… несет ответственность за:».
    pub responsibilities: Vec<Item>,
    /// Further sections after «Ответственность», e.g. «Взаимоотношения», «Заключительные положения».
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Signatures under the text: the drafter, визы согласования.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signatory>,
}

/// The position title in the cases the text uses.
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
    pub items: Vec<Item>,
}

/// A reference to a fragment of the organization file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FragmentRef {
    /// The fragment's name in `fragments:` of `_organization.yaml`.
    pub fragment: String,
}

/// A further section.
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
    /// Named provisions shared by roles: a text or a list of items; a role uses one with `- fragment: name`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub fragments: std::collections::BTreeMap<String, Fragment>,
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
    /// Position, genitive, for «приказом генерального директора».
    pub position_genitive: String,
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

/// The JSON Schema of role files.
pub fn role_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Role)).unwrap_or_default()
}

/// The JSON Schema of the organization file.
pub fn organization_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Organization)).unwrap_or_default()
}
