//! The HR files beside the roles: the staff roster `_staff.yaml` (or `_staff.csv`), the signature
//! records `_signatures.yaml`, and the approved editions `_editions.yaml` that `jobdoc approve`
//! writes. Schemas for editors are derived from these types, as for role files.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The roster `roles/_staff.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc staff roster")]
pub struct StaffFile {
    /// The employees, one entry each.
    pub employees: Vec<StaffEntry>,
}

/// One employee of the roster.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffEntry {
    /// Full name, surname first: «Иванова Мария Петровна».
    #[schemars(length(min = 1))]
    pub name: String,
    /// The role: its id (`client-manager`) or its position title («Менеджер по работе с клиентами»).
    #[schemars(length(min = 1))]
    pub role: String,
    /// Department, as the HR system names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Personnel number (табельный номер), unique in the roster. Quote it to keep leading zeros.
    #[schemars(length(min = 1))]
    pub number: String,
    /// `m` or `f` (also `м`/`ж`); without it, guessed from the patronymic when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// The signature records `roles/_signatures.yaml`: appended to by HR as employees sign.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jobdoc signature records")]
pub struct SignaturesFile {
    /// One record per signature on a лист ознакомления.
    pub signatures: Vec<SignatureRecord>,
}

/// An employee signed an edition of a role's job description.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureRecord {
    /// The employee's personnel number, as in the roster.
    #[schemars(length(min = 1))]
    pub employee: String,
    /// The role id.
    #[schemars(length(min = 1))]
    pub role: String,
    /// The edition (revision number) signed.
    #[schemars(range(min = 1))]
    pub revision: u32,
    /// When it was signed, `YYYY-MM-DD`.
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: String,
}

/// The approved editions `roles/_editions.yaml`, role id → editions in order. Written by
/// `jobdoc approve`; not edited by hand.
pub type EditionsFile = BTreeMap<String, Vec<ApprovedEdition>>;

/// An approved edition, bound to its text.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovedEdition {
    /// Revision number.
    #[schemars(range(min = 1))]
    pub revision: u32,
    /// Date of the edition, `YYYY-MM-DD`.
    pub date: String,
    /// Who or what approved it: «Генеральный директор А.Б. Иванов», «приказ … от … № …».
    pub approved_by: String,
    /// Editorial only: signatures of the edition before it stay valid.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub editorial: bool,
    /// `sha256:` and the SHA-256 of `text`.
    pub fingerprint: String,
    /// The edition's text as approved, one block a line (see `src/hr/text.rs`).
    pub text: String,
    /// A compensation plan's pay a month at the attainments of its payout table, as approved:
    /// what a later edition is compared with to warn that it lowers pay (ТК РФ ст. 74).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pay: Vec<PayAt>,
}

/// A compensation plan's pay at an attainment of quota.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayAt {
    /// Attainment of quota, percent.
    pub attainment: u32,
    /// Base and variable pay a month, rubles and kopecks: `150000.00`.
    pub monthly: String,
}

/// The JSON Schema of the roster `_staff.yaml`.
pub fn staff_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(StaffFile)).unwrap_or_default()
}

/// The JSON Schema of the signature records `_signatures.yaml`.
pub fn signatures_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(SignaturesFile)).unwrap_or_default()
}

/// The JSON Schema of the approved editions `_editions.yaml`.
pub fn editions_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(EditionsFile)).unwrap_or_default()
}
