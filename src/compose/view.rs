//! What templates see: a role with the organization's fragments spliced in, texts folded to one
//! line and stripped of the punctuation at their end (templates add `;`, `.` or `:` by place),
//! dates formatted. Templates never see the raw YAML.

use serde::Serialize;

use crate::date::Date;
use crate::locale::Locale;
use crate::model::{Approval, Fragment, Item, Organization, Role, Signatory};

/// The template context of one job description.
#[derive(Debug, Serialize)]
pub struct JobDescriptionView<'a> {
    /// The role.
    pub role: RoleView<'a>,
    /// The organization.
    pub organization: &'a Organization,
    /// The edition, dates formatted.
    pub edition: EditionView,
}

/// A role as templates see it.
#[derive(Debug, Serialize)]
pub struct RoleView<'a> {
    /// The role id (file name).
    pub id: &'a str,
    /// Title forms.
    pub title: &'a crate::model::TitleForms,
    /// Department.
    pub department: &'a str,
    /// Category of staff.
    pub category: &'a str,
    /// Who appoints.
    pub appointed_by: String,
    /// Reports to.
    pub reports_to: String,
    /// Qualification.
    pub qualification: String,
    /// Further general provisions.
    pub general: Vec<ItemView>,
    /// Guided by.
    pub guided_by: Vec<ItemView>,
    /// Must know.
    pub must_know: Vec<ItemView>,
    /// Functions.
    pub functions: Vec<ItemView>,
    /// Duties.
    pub duties: Vec<ItemView>,
    /// Rights.
    pub rights: Vec<ItemView>,
    /// Responsibilities.
    pub responsibilities: Vec<ItemView>,
    /// Further sections.
    pub sections: Vec<SectionView>,
    /// Signatures under the text.
    pub signatures: &'a [Signatory],
}

/// A provision: its text and sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemView {
    /// The text, one line, without end punctuation.
    pub text: String,
    /// Sub-items.
    pub items: Vec<ItemView>,
}

/// A further section.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// Heading.
    pub title: String,
    /// Lead-in sentence, or empty.
    pub lead: String,
    /// Provisions.
    pub items: Vec<ItemView>,
}

/// The edition with dates as documents show them.
#[derive(Debug, Serialize)]
pub struct EditionView {
    /// Revision number.
    pub revision: u32,
    /// `05.06.2026`, absent when neither the role nor the build's date gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Registration number, absent when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The approving order, absent when approved by signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderView>,
    /// An editorial edition: signatures of the edition before stay valid.
    pub editorial: bool,
}

/// An approving order.
#[derive(Debug, Serialize)]
pub struct OrderView {
    /// `05.06.2026`.
    pub date: String,
    /// Number.
    pub number: String,
    /// The appendix number, when the job description is an appendix to the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendix: Option<String>,
}

/// The text of a provision without the punctuation at its end: templates add `;`, `.` or `:`
/// according to the place, so lists come out consistent whatever the author typed.
pub fn strip_end_punctuation(text: &str) -> &str {
    text.trim_end()
        .trim_end_matches([';', ',', '.', ':'])
        .trim_end()
}

fn one_line(text: &str) -> String {
    strip_end_punctuation(&text.split_whitespace().collect::<Vec<_>>().join(" ")).to_string()
}

/// Items with fragments spliced in. Fragments were checked by validation; an unknown one here
/// contributes nothing.
pub fn items(list: &[Item], org: &Organization) -> Vec<ItemView> {
    let mut out = Vec::new();
    for item in list {
        match item {
            Item::Text(t) => out.push(ItemView {
                text: one_line(t),
                items: Vec::new(),
            }),
            Item::Nested(n) => out.push(ItemView {
                text: one_line(&n.text),
                items: items(&n.items, org),
            }),
            Item::Fragment(f) => match org.fragments.get(&f.fragment) {
                Some(Fragment::Text(t)) => out.push(ItemView {
                    text: one_line(t),
                    items: Vec::new(),
                }),
                Some(Fragment::Items(list)) => out.extend(items(list, org)),
                None => {}
            },
        }
    }
    out
}

impl<'a> JobDescriptionView<'a> {
    /// The view of `role` (file id `id`) in `org`; a date the role does not give is `today`'s.
    pub fn new(
        id: &'a str,
        role: &'a Role,
        org: &'a Organization,
        today: Option<Date>,
        locale: &Locale,
    ) -> Self {
        let date = |iso: Option<&str>| {
            iso.and_then(Date::parse_iso)
                .or(today)
                .map(|d| locale.date(d))
        };
        let order = match &role.edition.approval {
            Approval::Signature => None,
            Approval::Order(o) => Some(OrderView {
                date: date(Some(&o.date)).unwrap_or_default(),
                number: o.number.clone(),
                appendix: o.appendix.clone(),
            }),
        };
        JobDescriptionView {
            role: RoleView {
                id,
                title: &role.title,
                department: &role.department,
                category: &role.category,
                appointed_by: one_line(&role.appointed_by),
                reports_to: one_line(&role.reports_to),
                qualification: one_line(&role.qualification),
                general: items(&role.general, org),
                guided_by: items(&role.guided_by, org),
                must_know: items(&role.must_know, org),
                functions: items(&role.functions, org),
                duties: items(&role.duties, org),
                rights: items(&role.rights, org),
                responsibilities: items(&role.responsibilities, org),
                sections: role
                    .sections
                    .iter()
                    .map(|s| SectionView {
                        title: one_line(&s.title),
                        lead: s.lead.as_deref().map(str::trim).unwrap_or("").to_string(),
                        items: items(&s.items, org),
                    })
                    .collect(),
                signatures: &role.signatures,
            },
            organization: org,
            edition: EditionView {
                revision: role.edition.revision,
                date: date(role.edition.date.as_deref()),
                number: role.edition.number.clone(),
                order,
                editorial: role.edition.editorial,
            },
        }
    }
}
