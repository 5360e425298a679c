//! Who has signed: per role, who has signed the edition in force (the last approved one), who
//! signed an older edition, who never signed. A signature of an older edition still counts when
//! every edition approved after it is editorial.

use serde::Serialize;

use crate::document::NBSP;
use crate::hr::Hr;
use crate::hr::editions::Editions;
use crate::hr::roster::Employee;
use crate::model::LoadedRole;
use crate::model::hr::SignatureRecord;

/// Where an employee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// Signed the edition in force (or one that only editorial editions followed).
    Signed,
    /// Signed an older edition only.
    Outdated,
    /// Never signed any edition of the role.
    Never,
}

/// One employee's line of the status.
#[derive(Debug, Serialize)]
pub struct EmployeeStatus {
    /// Personnel number.
    pub number: String,
    /// «Иванова М.П.» (with an ordinary space).
    pub name: String,
    /// Where the employee stands.
    pub status: Standing,
    /// The last edition signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// When it was signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One role's status, as `--message-format json` prints it.
#[derive(Debug, Serialize)]
pub struct RoleStatus {
    /// `ack-status`: what the JSON line reports.
    pub reason: &'static str,
    /// The role id.
    pub role: String,
    /// The edition employees must have signed.
    pub revision: u32,
    /// False when no edition is approved yet (the role file's edition is counted then).
    pub approved: bool,
    /// When the edition in force was approved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A newer edition is open in the role file and not approved yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<u32>,
    /// The employees who hold the role, in roster order.
    pub employees: Vec<EmployeeStatus>,
    /// How many of them have not signed the edition in force.
    pub pending: usize,
}

/// True when a signature of `signed` covers `in_force`: the same edition, or only editorial
/// editions approved after it.
fn covers(editions: &Editions, id: &str, signed: u32, in_force: u32) -> bool {
    signed == in_force
        || (signed < in_force
            && editions
                .of(id)
                .iter()
                .filter(|e| e.revision > signed && e.revision <= in_force)
                .all(|e| e.editorial))
}

fn employee_status(
    e: &Employee,
    role: &str,
    in_force: u32,
    signatures: &[SignatureRecord],
    editions: &Editions,
) -> EmployeeStatus {
    let last = signatures
        .iter()
        .filter(|s| s.employee == e.number && s.role == role)
        .max_by(|a, b| (a.revision, &a.date).cmp(&(b.revision, &b.date)));
    let status = match last {
        Some(s) if covers(editions, role, s.revision, in_force) => Standing::Signed,
        Some(_) => Standing::Outdated,
        None => Standing::Never,
    };
    EmployeeStatus {
        number: e.number.clone(),
        name: e.surname_initials().replace(NBSP, " "),
        status,
        revision: last.map(|s| s.revision),
        date: last.map(|s| s.date.clone()),
    }
}

/// Who has signed the edition in force of `role`.
pub fn role_status(hr: &Hr, role: &LoadedRole) -> RoleStatus {
    let last = hr.editions.of(&role.id).last();
    let current = role.role.edition.revision;
    let revision = last.map_or(current, |e| e.revision);
    // a compensation plan (`<id>.comp`) is signed by those who hold its role
    let employees: Vec<EmployeeStatus> = hr
        .roster
        .of_role(crate::model::compensation::role_of(&role.id))
        .map(|e| employee_status(e, &role.id, revision, &hr.signatures, &hr.editions))
        .collect();
    RoleStatus {
        reason: "ack-status",
        role: role.id.clone(),
        revision,
        approved: last.is_some(),
        date: last.map(|e| e.date.clone()),
        draft: (last.is_some() && current > revision).then_some(current),
        pending: employees
            .iter()
            .filter(|e| e.status != Standing::Signed)
            .count(),
        employees,
    }
}
