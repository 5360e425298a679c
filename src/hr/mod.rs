//! The HR layer beside the document pipeline: who holds which role (the [`roster`]), who signed
//! which edition (the signature [`records`]), the approved [`editions`] bound to their [`text`],
//! what changed between two texts ([`diff`]), the data of the sheets that go with an edition
//! ([`sheets`]) and who still has to sign ([`status`]).
//!
//! [`Hr::load`] is the one entry point and owns the load order: editions first (records name
//! them), then the roster (records name its employees), then the records — checked only against
//! a roster without errors, which would otherwise be repeated for every record.

pub mod diff;
pub mod editions;
pub mod market;
pub mod records;
pub mod roster;
pub mod sheets;
pub mod status;
pub mod text;

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::locale::Locale;
use crate::model::hr::SignatureRecord;
use editions::Editions;
use roster::Roster;

/// The roles of a project as the HR layer needs them: a roster names a role by its id or by
/// its position title.
pub trait Roles {
    /// Every role id.
    fn ids(&self) -> Vec<String>;
    /// (nominative position title, id) of every role that loads; asked for only when a roster
    /// names a role by its title.
    fn titles(&self) -> Vec<(String, String)>;
    /// False when a role file has errors: a title the roster names may be that role's, whose
    /// own errors say what is wrong (a roster error as well would only mislead).
    fn all_load(&self) -> bool;
}

/// The ids editions and signatures are recorded under for roles `ids`: each role's, and its
/// compensation plan's, `<id>.comp`, which is approved and signed apart from it.
pub fn record_ids(mut ids: Vec<String>) -> Vec<String> {
    let plans: Vec<String> = ids
        .iter()
        .map(|id| format!("{id}{}", crate::model::compensation::SUFFIX))
        .collect();
    ids.extend(plans);
    ids
}

/// The HR files of a roles folder, loaded and checked.
#[derive(Debug, Clone, Default)]
pub struct Hr {
    /// The staff roster (empty without `_staff.yaml`/`_staff.csv`).
    pub roster: Roster,
    /// The signature records of `_signatures.yaml`.
    pub signatures: Vec<SignatureRecord>,
    /// The approved editions of `_editions.yaml`.
    pub editions: Editions,
    /// The salaries by city of `_salaries.csv` (empty without it).
    pub market: market::Market,
}

impl Hr {
    /// Loads the HR files of the roles folder `dir`, reading nothing outside it (see
    /// [`crate::load::read_bytes`]); `locale` reads the roster's column names and genders.
    pub fn load(dir: &Path, roles: &dyn Roles, locale: &Locale, diags: &mut Diagnostics) -> Hr {
        let ids = record_ids(roles.ids());
        let editions = editions::load(dir, &ids, diags);
        let (errors, _) = diags.counts();
        let roster = roster::load(dir, roles, locale, diags);
        // records checked against a roster with errors, or one missing the rows of a role that
        // does not load, would only repeat them
        let signatures = if diags.counts().0 == errors && !roster.incomplete {
            records::load(dir, &roster, &ids, &editions, diags)
        } else {
            Vec::new()
        };
        Hr {
            roster,
            signatures,
            editions,
            market: market::load(dir, diags),
        }
    }
}
