//! What templates see: a role with the organization's fragments spliced in, texts folded to one
//! line and stripped of the punctuation at their end (templates add `;`, `.` or `:` by place),
//! dates formatted. Templates never see the raw YAML.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Date;
use crate::locale::Locale;
use crate::model::{
    Approval, Classification, Fragment, GeneralItem, Item, Organization, ProvisionKey, Role,
    SectionEntry, SectionKey, Signatory, StandardProvision,
};

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
    pub category: Option<String>,
    /// Who appoints.
    pub appointed_by: Option<String>,
    /// Reports to.
    pub reports_to: Option<String>,
    /// Qualification.
    pub qualification: Option<String>,
    /// The document's sections in order, numbered, each with its provisions numbered: what the
    /// built-in template prints.
    pub outline: Vec<SectionView>,
    /// The role's own provisions of section 1 (`general` without the standard ones).
    pub general: Vec<ItemView>,
    /// Guided by.
    pub guided_by: Vec<ItemView>,
    /// Must know.
    pub must_know: Vec<ItemView>,
    /// Must be able to do.
    pub must_be_able: Vec<ItemView>,
    /// Requirements (qualification section).
    pub requirements: Vec<ItemView>,
    /// Functions.
    pub functions: Vec<ItemView>,
    /// Duties.
    pub duties: Vec<ItemView>,
    /// Rights.
    pub rights: Vec<ItemView>,
    /// Responsibilities.
    pub responsibilities: Vec<ItemView>,
    /// The role's own sections.
    pub sections: Vec<OwnSectionView>,
    /// Signatures under the text.
    pub signatures: &'a [Signatory],
    /// English: the job summary.
    pub summary: Option<String>,
    /// English: grade, FLSA status, location, as given.
    pub classification: Option<&'a Classification>,
    /// English: the qualifications by kind (`education`, `experience`, `knowledge`, `skills`),
    /// each a list, empty when not given.
    pub qualifications: BTreeMap<&'static str, Vec<ItemView>>,
    /// English: working conditions.
    pub working_conditions: Vec<ItemView>,
    /// English: physical requirements.
    pub physical_requirements: Vec<ItemView>,
    /// The appendix on the professional standard, for a role that gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conformity: Option<ConformityView<'a>>,
}

/// A sub-item: its text, the mark that ends it, its own sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemView {
    /// The text, one line, without end punctuation (an abbreviation's period aside).
    pub text: String,
    /// What follows the text: `;` between entries, `.` after the last, `:` before sub-items,
    /// nothing after an abbreviation's period at the end.
    pub end: &'static str,
    /// Sub-items.
    pub items: Vec<ItemView>,
    /// Whether the sub-items are numbered under this entry's number (the outline lays them out
    /// as provisions of their own).
    #[serde(skip)]
    pub numbered: bool,
    /// False for a duty or function marked marginal (`essential: false`).
    pub essential: bool,
    /// The labour functions the entry comes from (`origin`): the appendix's business, not the
    /// entry's text.
    #[serde(skip)]
    pub origin: Vec<String>,
}

/// A section of the document, as the outline has it.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// `3.`
    pub number: String,
    /// The standard section's key (`duties`), absent for a section of the role's own.
    pub standard: Option<&'static str>,
    /// The heading; empty for a standard section the role does not retitle (the template's).
    pub title: String,
    /// The lead-in the role gives, or empty.
    pub lead: String,
    /// Whether the template prints its own lead-in for the standard section.
    pub default_lead: bool,
    /// The provisions, numbered sub-items as provisions of their own, in order.
    pub provisions: Vec<ProvisionView>,
}

/// A numbered provision of the outline.
#[derive(Debug, Serialize)]
pub struct ProvisionView {
    /// `3.2.` or `3.2.1.`
    pub number: String,
    /// The standard provision of section 1 (`category`), whose sentence the template words.
    pub standard: Option<&'static str>,
    /// The text; for a standard provision, the role's own lead-in or empty.
    pub text: String,
    /// What follows the text, as for [`ItemView::end`].
    pub end: &'static str,
    /// Dash sub-items.
    pub items: Vec<ItemView>,
    /// False for a marginal duty or function (and the provisions numbered under it): the
    /// outline puts them after the essential ones of their section.
    pub essential: bool,
    /// The labour functions the provision or one of its dash items comes from, in order, each
    /// once: what the appendix lists the provision under.
    #[serde(skip)]
    pub origin: Vec<String>,
}

/// The appendix «Соответствие профессиональному стандарту» of a role that gives
/// `professional_standard`.
#[derive(Debug, Serialize)]
pub struct ConformityView<'a> {
    /// The standard's name.
    pub name: &'a str,
    /// Its registration number.
    pub registration_number: &'a str,
    /// The code of its kind of professional activity, when given.
    pub code: Option<&'a str>,
    /// A row per labour function of the standard, in the standard's order.
    pub rows: Vec<ConformityRow<'a>>,
}

/// A labour function and the provisions that come from it.
#[derive(Debug, Serialize)]
pub struct ConformityRow<'a> {
    /// `A/01.5`.
    pub code: &'a str,
    /// The function's name.
    pub name: &'a str,
    /// The qualification level, when given.
    pub level: Option<&'a str>,
    /// The numbers of the provisions, `1.3, 3.1, 3.2` (without their final period); empty
    /// when none comes from the function.
    pub provisions: String,
    /// How many provisions those are.
    pub count: usize,
}

/// A section of the role's own.
#[derive(Debug, Serialize)]
pub struct OwnSectionView {
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

/// The locale as the view prints with it: its words, and whether an abbreviation ending a
/// provision keeps its period. Editions approved before jobdoc kept it were printed without
/// (`и т. д;`); they are printed so again until a new edition is approved (see
/// [`crate::compose::Composer::role`]).
pub struct Words {
    locale: &'static Locale,
    abbreviations: bool,
}

impl Words {
    /// The words of `locale`; `abbreviations`: a final abbreviation keeps its period.
    pub fn new(locale: &'static Locale, abbreviations: bool) -> Self {
        Words {
            locale,
            abbreviations,
        }
    }

    /// [`Locale::ends_with_abbreviation`], unless abbreviations lose their period.
    fn ends_with_abbreviation(&self, text: &str) -> bool {
        self.abbreviations && self.locale.ends_with_abbreviation(text)
    }
}

impl std::ops::Deref for Words {
    type Target = Locale;
    fn deref(&self) -> &Locale {
        self.locale
    }
}

/// The text of a provision without the punctuation at its end: templates add `;`, `.` or `:`
/// according to the place, so lists come out consistent whatever the author typed. An
/// abbreviation's period stays («и т. д.»).
pub fn strip_end_punctuation<'t>(text: &'t str, locale: &'static Locale) -> &'t str {
    strip(text, &Words::new(locale, true))
}

fn strip<'t>(text: &'t str, locale: &Words) -> &'t str {
    let stripped =
        text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '.' | ':'));
    // `stripped` is a prefix of `text`; the period, if one follows it, is one byte
    if text[stripped.len()..].starts_with('.')
        && locale.ends_with_abbreviation(&text[..=stripped.len()])
    {
        &text[..=stripped.len()]
    } else {
        stripped
    }
}

/// How a text is printed: whitespace (line breaks of the YAML, double spaces) folded to single
/// spaces, end punctuation left to the template.
fn one_line(text: &str, locale: &Words) -> String {
    // a non-breaking space the author typed («10\u{a0}000») stays one
    let folded = crate::locale::fold_whitespace(text, &NON_BREAKING);
    strip(folded.trim_start(), locale).to_string()
}

/// [`one_line`] in `locale`: a text of the role folded to one line, its end punctuation left
/// to the template.
pub fn one_line_text(text: &str, locale: &'static Locale) -> String {
    one_line(text, &Words::new(locale, true))
}

/// The spaces a line is never broken at.
const NON_BREAKING: [char; 3] = ['\u{a0}', '\u{202f}', '\u{2007}'];

/// Items with fragments spliced in, each ending with its mark as the last entries of a
/// provision. Fragments were checked by validation; an unknown one here contributes nothing.
pub fn items(list: &[Item], org: &Organization, locale: &'static Locale) -> Vec<ItemView> {
    listed(list, org, &Words::new(locale, true))
}

fn listed(list: &[Item], org: &Organization, locale: &Words) -> Vec<ItemView> {
    let mut out = tree(list, org, locale);
    mark(&mut out, true, locale);
    out
}

fn tree(list: &[Item], org: &Organization, locale: &Words) -> Vec<ItemView> {
    spliced(list, org, locale, &mut Vec::new())
}

/// [`tree`], `within` the fragments being spliced: validation refuses a fragment that splices
/// itself in, and one met again here contributes nothing, so composing always ends.
fn spliced<'o>(
    list: &'o [Item],
    org: &'o Organization,
    locale: &Words,
    within: &mut Vec<&'o str>,
) -> Vec<ItemView> {
    let leaf = |t: &str| ItemView {
        text: one_line(t, locale),
        end: "",
        items: Vec::new(),
        numbered: false,
        essential: true,
        origin: Vec::new(),
    };
    let mut out = Vec::new();
    for item in list {
        match item {
            Item::Text(t) => out.push(leaf(t)),
            Item::Nested(n) => out.push(ItemView {
                items: spliced(&n.items, org, locale, within),
                numbered: n.numbered,
                essential: n.essential,
                origin: n.origin.clone(),
                ..leaf(&n.text)
            }),
            Item::Fragment(f) if within.contains(&f.fragment.as_str()) => {}
            Item::Fragment(f) => match org.fragments.get(&f.fragment) {
                Some(Fragment::Text(t)) => out.push(leaf(t)),
                Some(Fragment::Items(list)) => {
                    within.push(&f.fragment);
                    out.extend(spliced(list, org, locale, within));
                    within.pop();
                }
                None => {}
            },
        }
    }
    out
}

/// Sets each entry's end mark: sub-items follow a lead mark, entries are separated by the
/// between mark, and the last entry of the whole list (`last`) ends with the last mark, which
/// an abbreviation's period makes needless (see [`Locale::end_mark`]).
fn mark(list: &mut [ItemView], last: bool, locale: &Words) {
    let count = list.len();
    for (i, item) in list.iter_mut().enumerate() {
        let is_last = last && i + 1 == count;
        item.end = if !item.items.is_empty() {
            mark(&mut item.items, is_last, locale);
            locale.list_marks.lead
        } else {
            locale.end_mark(&item.text, is_last, false)
        };
    }
}

/// The mark after a provision's own sentence that ends with `text` (the data it prints).
fn sentence_end(text: &str, locale: &Words) -> &'static str {
    locale.end_mark(text, true, true)
}

/// Lays `entries` out as provisions numbered under `prefix` (`3.`): each entry a provision, and
/// the sub-items of an entry marked `numbered` provisions of their own under its number.
fn lay_out(
    prefix: &str,
    entries: Vec<(Option<&'static str>, ItemView)>,
    out: &mut Vec<ProvisionView>,
) {
    for (i, (standard, entry)) in entries.into_iter().enumerate() {
        let number = format!("{prefix}{}.", i + 1);
        let (items, children) = if entry.numbered {
            (Vec::new(), entry.items)
        } else {
            (entry.items, Vec::new())
        };
        let essential = entry.essential;
        let mut origin = entry.origin;
        gather(&items, &mut origin);
        out.push(ProvisionView {
            number: number.clone(),
            standard,
            text: entry.text,
            end: entry.end,
            items,
            essential,
            origin,
        });
        lay_out(
            &number,
            children
                .into_iter()
                .map(|c| (None, ItemView { essential, ..c }))
                .collect(),
            out,
        );
    }
}

/// Adds the origins of `items` and their sub-items to `origin`, each code once.
fn gather(items: &[ItemView], origin: &mut Vec<String>) {
    for item in items {
        for code in &item.origin {
            if !origin.contains(code) {
                origin.push(code.clone());
            }
        }
        gather(&item.items, origin);
    }
}

/// The appendix of a role that gives `professional_standard`: each of its functions with the
/// numbers of the `outline`'s provisions that name it in their `origin`.
fn conformity<'a>(role: &'a Role, outline: &[SectionView]) -> Option<ConformityView<'a>> {
    let standard = role.professional_standard.as_ref()?;
    let rows = standard
        .functions
        .iter()
        .map(|f| {
            let numbers: Vec<&str> = outline
                .iter()
                .flat_map(|s| &s.provisions)
                .filter(|p| p.origin.contains(&f.code))
                .map(|p| p.number.trim_end_matches('.'))
                .collect();
            ConformityRow {
                code: &f.code,
                name: &f.name,
                level: f.level.as_deref(),
                provisions: numbers.join(", "),
                count: numbers.len(),
            }
        })
        .collect();
    Some(ConformityView {
        name: &standard.name,
        registration_number: &standard.registration_number,
        code: standard.code.as_deref(),
        rows,
    })
}

/// The outline of `role`: its sections in order, each with numbered provisions.
fn outline(role: &Role, org: &Organization, locale: &Words) -> Vec<SectionView> {
    // A provision that begins with a capital is a sentence and ends with the last mark; one in
    // lower case continues the section's lead-in («… должен знать:») like a list entry.
    let own_provisions = |list: &[Item]| {
        let mut entries = tree(list, org, locale);
        // marginal duties after the essential ones, each in the role's order
        entries.sort_by_key(|e| !e.essential);
        let count = entries.len();
        for (i, entry) in entries.iter_mut().enumerate() {
            // in a role of its own structure, or a language whose entries end by their first
            // letter (English); a Russian role file written before is printed as it was, each
            // provision a sentence
            let continues = (role.orders_sections()
                || role.orders_general()
                || locale.list_marks.sentence.is_some())
                && entry
                    .text
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_lowercase);
            mark(
                std::slice::from_mut(entry),
                !continues || i + 1 == count,
                locale,
            );
        }
        entries.into_iter().map(|v| (None, v)).collect::<Vec<_>>()
    };
    let standard_provision = |p: &StandardProvision| -> (Option<&'static str>, ItemView) {
        let data = |field: &Option<String>| field.as_deref().map(|t| one_line(t, locale));
        let end = |field: &Option<String>| sentence_end(&data(field).unwrap_or_default(), locale);
        let mut view = ItemView {
            text: String::new(),
            end: sentence_end("", locale),
            items: Vec::new(),
            numbered: p.numbered,
            essential: true,
            origin: p.origin.clone(),
        };
        match p.standard {
            ProvisionKey::Summary => view.end = end(&role.summary),
            ProvisionKey::Purpose => {}
            ProvisionKey::Category => view.end = end(&role.category),
            ProvisionKey::Appointment => view.end = end(&role.appointed_by),
            ProvisionKey::ReportsTo => view.end = end(&role.reports_to),
            ProvisionKey::Qualification => view.end = end(&role.qualification),
            ProvisionKey::GuidedBy | ProvisionKey::MustKnow | ProvisionKey::MustBeAble => {
                let list = match p.standard {
                    ProvisionKey::GuidedBy => &role.guided_by,
                    ProvisionKey::MustKnow => &role.must_know,
                    _ => &role.must_be_able,
                };
                view.text = p
                    .lead
                    .as_deref()
                    .map(|l| one_line(l, locale))
                    .unwrap_or_default();
                view.items = listed(crate::model::list(list), org, locale);
                view.end = locale.list_marks.lead;
            }
        }
        (Some(p.standard.key()), view)
    };
    let general = || -> Vec<(Option<&'static str>, ItemView)> {
        let placed: Vec<StandardProvision>;
        let standard: Vec<&StandardProvision> = if role.orders_general() {
            Vec::new()
        } else {
            // without an order of its own, each standard provision whose data the role gives
            placed = ProvisionKey::ALL
                .into_iter()
                .filter(|k| match k {
                    ProvisionKey::Summary => role.summary.is_some(),
                    // a summary says what the position is for
                    ProvisionKey::Purpose => role.summary.is_none(),
                    ProvisionKey::Category => role.category.is_some(),
                    ProvisionKey::Appointment => role.appointed_by.is_some(),
                    ProvisionKey::ReportsTo => role.reports_to.is_some(),
                    ProvisionKey::Qualification => role.qualification.is_some(),
                    ProvisionKey::GuidedBy => role.guided_by.is_some(),
                    ProvisionKey::MustKnow => role.must_know.is_some(),
                    ProvisionKey::MustBeAble => role.must_be_able.is_some(),
                })
                .map(|standard| StandardProvision {
                    standard,
                    lead: None,
                    numbered: false,
                    origin: Vec::new(),
                })
                .collect();
            placed.iter().collect()
        };
        let mut out: Vec<_> = standard.into_iter().map(standard_provision).collect();
        // the role's own provisions in runs between the standard ones
        let mut run: Vec<Item> = Vec::new();
        for g in &role.general {
            match g {
                GeneralItem::Standard(p) => {
                    out.extend(own_provisions(&std::mem::take(&mut run)));
                    out.push(standard_provision(p));
                }
                GeneralItem::Item(item) => run.push(item.clone()),
            }
        }
        out.extend(own_provisions(&run));
        out
    };
    let section_of = |key: SectionKey| -> Vec<(Option<&'static str>, ItemView)> {
        match key {
            SectionKey::General => general(),
            // the qualifications by kind, each a provision with its items, then the role's own
            SectionKey::Requirements => role
                .qualifications
                .kinds()
                .into_iter()
                .filter(|(_, list)| !list.is_empty())
                .map(|(kind, list)| {
                    let view = ItemView {
                        text: String::new(),
                        end: locale.list_marks.lead,
                        items: listed(list, org, locale),
                        numbered: false,
                        essential: true,
                        origin: Vec::new(),
                    };
                    (Some(kind), view)
                })
                .chain(own_provisions(crate::model::list(&role.requirements)))
                .collect(),
            _ => own_provisions(role.section_items(key).unwrap_or(&[])),
        }
    };
    // (standard key, title, lead, default lead, entries)
    let mut sections: Vec<(Option<&'static str>, String, String, bool, Vec<_>)> = Vec::new();
    if !role.orders_sections() {
        for key in locale
            .sections
            .iter()
            .filter_map(|k| SectionKey::from_key(k))
        {
            if role.prints_section(key) {
                let entries = section_of(key);
                sections.push((Some(key.key()), String::new(), String::new(), true, entries));
            }
        }
    }
    for entry in &role.sections {
        sections.push(match entry {
            SectionEntry::Standard(s) => (
                Some(s.standard.key()),
                s.title
                    .as_deref()
                    .map(|t| one_line(t, locale))
                    .unwrap_or_default(),
                s.lead.as_deref().map(str::trim).unwrap_or("").to_string(),
                s.lead.is_none(),
                section_of(s.standard),
            ),
            SectionEntry::Own(s) => (
                None,
                one_line(&s.title, locale),
                s.lead.as_deref().map(str::trim).unwrap_or("").to_string(),
                false,
                own_provisions(&s.items),
            ),
        });
    }
    sections
        .into_iter()
        .enumerate()
        .map(|(i, (standard, title, lead, default_lead, entries))| {
            let prefix = format!("{}.", i + 1);
            let mut provisions = Vec::new();
            lay_out(&prefix, entries, &mut provisions);
            SectionView {
                number: prefix,
                standard,
                title,
                lead,
                default_lead,
                provisions,
            }
        })
        .collect()
}

impl<'a> JobDescriptionView<'a> {
    /// The view of `role` (file id `id`) in `org`; a date the role does not give is `today`'s.
    pub fn new(
        id: &'a str,
        role: &'a Role,
        org: &'a Organization,
        today: Option<Date>,
        locale: &Words,
    ) -> Self {
        let date = |iso: Option<&str>| {
            iso.and_then(Date::parse_iso)
                .or(today)
                .map(|d| org.date(locale, d))
        };
        let order = match &role.edition.approval {
            Approval::Signature => None,
            Approval::Order(o) => Some(OrderView {
                date: date(Some(&o.date)).unwrap_or_default(),
                number: o.number.clone(),
                appendix: o.appendix.clone(),
            }),
        };
        let outline = outline(role, org, locale);
        JobDescriptionView {
            role: RoleView {
                conformity: conformity(role, &outline),
                id,
                title: &role.title,
                department: &role.department,
                category: role.category.as_deref().map(|t| one_line(t, locale)),
                appointed_by: role.appointed_by.as_deref().map(|t| one_line(t, locale)),
                reports_to: role.reports_to.as_deref().map(|t| one_line(t, locale)),
                qualification: role.qualification.as_deref().map(|t| one_line(t, locale)),
                outline,
                general: {
                    let own: Vec<Item> = role
                        .general
                        .iter()
                        .filter_map(|g| match g {
                            GeneralItem::Item(item) => Some(item.clone()),
                            GeneralItem::Standard(_) => None,
                        })
                        .collect();
                    listed(&own, org, locale)
                },
                guided_by: listed(crate::model::list(&role.guided_by), org, locale),
                must_know: listed(crate::model::list(&role.must_know), org, locale),
                must_be_able: listed(crate::model::list(&role.must_be_able), org, locale),
                requirements: listed(crate::model::list(&role.requirements), org, locale),
                functions: listed(crate::model::list(&role.functions), org, locale),
                duties: listed(crate::model::list(&role.duties), org, locale),
                rights: listed(crate::model::list(&role.rights), org, locale),
                responsibilities: listed(crate::model::list(&role.responsibilities), org, locale),
                sections: role
                    .sections
                    .iter()
                    .filter_map(|s| match s {
                        SectionEntry::Own(s) => Some(OwnSectionView {
                            title: one_line(&s.title, locale),
                            lead: s.lead.as_deref().map(str::trim).unwrap_or("").to_string(),
                            items: listed(&s.items, org, locale),
                        }),
                        SectionEntry::Standard(_) => None,
                    })
                    .collect(),
                signatures: &role.signatures,
                summary: role.summary.as_deref().map(|t| one_line(t, locale)),
                classification: role.classification.as_ref(),
                qualifications: role
                    .qualifications
                    .kinds()
                    .into_iter()
                    .map(|(kind, list)| (kind, listed(list, org, locale)))
                    .collect(),
                working_conditions: listed(&role.working_conditions, org, locale),
                physical_requirements: listed(&role.physical_requirements, org, locale),
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
