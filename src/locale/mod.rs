//! The languages documents are written in. Everything a document prints or an input is read
//! with in one language lives in one place under this folder: the built-in templates, document
//! titles and subjects, gendered forms, typography, the date format, the language tag, the
//! hyphenation dictionary, the column names of a staff roster, the scaffold of a new role and
//! the declension of position titles. Rust code outside this folder holds no words of a
//! language; diagnostics and help are English and stay in the code.
//!
//! A language is one [`Locale`] value (Russian: [`RU`], in `ru/`; English: [`EN`], in `en/`). A
//! new language is a sibling folder with its templates, one more `Locale`, and its entry in
//! [`ALL`].

pub mod en;
pub mod ru;

use crate::date::Date;
use std::borrow::Cow;
use std::sync::OnceLock;

pub use en::EN;
pub use ru::RU;

/// The language of a project that names none.
pub static DEFAULT: &Locale = &RU;

/// Every language documents can be written in, the default first.
pub static ALL: &[&Locale] = &[&RU, &EN];

/// The language a role or organization file names by its code (`language: en`).
pub fn by_code(code: &str) -> Option<&'static Locale> {
    ALL.iter().copied().find(|l| l.code() == code)
}

/// The language `code` names, as a command line gives it; else what to say about it.
pub fn named(code: &str) -> Result<&'static Locale, String> {
    by_code(code).ok_or_else(|| {
        let codes: Vec<String> = codes().iter().map(|c| format!("`{c}`")).collect();
        format!(
            "unknown language `{code}`: jobdoc writes {}",
            codes.join(", ")
        )
    })
}

/// The codes of every language, for messages and the schema: `ru`, `en`.
pub fn codes() -> Vec<&'static str> {
    ALL.iter().map(|l| l.code()).collect()
}

/// Grammatical gender, for gendered forms («ознакомлен» / «ознакомлена»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Masculine.
    Male,
    /// Feminine.
    Female,
}

/// What a column of a staff roster holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffColumn {
    /// Full name.
    Name,
    /// Role id or position title.
    Role,
    /// Department.
    Department,
    /// Personnel number.
    Number,
    /// Gender.
    Gender,
}

/// A word in three forms: masculine, feminine, and the form for an unknown gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gendered {
    /// Masculine.
    pub male: &'static str,
    /// Feminine.
    pub female: &'static str,
    /// Both at once, when the gender is unknown.
    pub unknown: &'static str,
}

impl Gendered {
    /// The form for `gender`.
    pub fn of(&self, gender: Option<Gender>) -> &'static str {
        match gender {
            Some(Gender::Male) => self.male,
            Some(Gender::Female) => self.female,
            None => self.unknown,
        }
    }
}

/// The words of one document kind: the metadata title is `title` and the position's title in
/// the genitive; `subject` is the kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindWords {
    /// The kind's key in [`crate::compose::KINDS`].
    pub kind: &'static str,
    /// The start of the title, before the position: «Лист изменений в должностной инструкции».
    pub title: &'static str,
    /// The subject: «Лист изменений».
    pub subject: &'static str,
}

/// The case forms of a position title, guessed from its nominative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseForms {
    /// The title as a sentence starts with it: «Менеджер по работе с клиентами».
    pub nominative: String,
    /// «менеджера по работе с клиентами».
    pub genitive: String,
    /// «менеджеру по работе с клиентами».
    pub dative: String,
    /// «менеджером по работе с клиентами».
    pub instrumental: String,
    /// Words the rules could not decline, left as they are in every case («портье»).
    pub kept: Vec<String>,
}

/// The punctuation that ends the entries of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListMarks {
    /// After an entry other than the last: `;`.
    pub between: &'static str,
    /// After the last entry: `.`.
    pub last: &'static str,
    /// After an entry with sub-items: `:`.
    pub lead: &'static str,
    /// After an entry that is a sentence (its first letter a capital), wherever it stands, for
    /// a language whose lists punctuate sentences only (English: `.`); `None` when entries are
    /// punctuated by their place alone (Russian).
    pub sentence: Option<&'static str>,
}

/// One language: its words, rules and resources.
pub struct Locale {
    /// The language tag documents declare: `ru-RU`. Its first part is the code role and
    /// organization files name the language by (`ru`).
    pub tag: &'static str,
    /// Whether a position title declines: a role then gives its title in every case the
    /// templates use (`title: { nominative: …, genitive: … }`), else one text (`title: …`).
    pub case_forms: bool,
    /// Role fields that only this language's built-in templates print (`summary`): a role in
    /// another language that gives one is told so, rather than have it silently left out.
    pub own_fields: &'static [&'static str],
    /// The standard sections in the order a role without an order of its own has them, by key
    /// (`general`, `duties`, …): every standard section once.
    pub sections: &'static [&'static str],
    /// The built-in templates: file name and source.
    pub templates: &'static [(&'static str, &'static str)],
    /// The title and subject of each document kind.
    pub kinds: &'static [KindWords],
    /// The typography of the language (quotes, non-breaking spaces; whitespace folded to single
    /// spaces), as templates print every value: typography, then Markdown escaping. A plain
    /// function because tera takes its escape function as one.
    pub escape: fn(&str, &mut dyn std::io::Write) -> std::io::Result<()>,
    /// How documents write a date, `{dd}`, `{mm}` and `{yyyy}` filled in (`{dd}.{mm}.{yyyy}`),
    /// and `{d}` (the day without a leading zero) and `{month}` (its name in [`Locale::months`]).
    pub date: &'static str,
    /// The names of the months as dates show them, January first.
    pub months: [&'static str; 12],
    /// The hyphenation dictionary of the PDF writer (a `hyphenation` crate `Standard`, bincode).
    pub hyphenation: &'static [u8],
    /// What the header of a table's number column starts with: `№`.
    pub number_column: &'static str,
    /// Gendered forms of a лист ознакомления: «ознакомлен», «получил».
    pub acquainted: Gendered,
    /// «получил», «получила».
    pub received: Gendered,
    /// Who approved an edition by an order: `{approver}` (the approver's position, genitive),
    /// `{date}` and `{number}` filled in.
    pub approved_by_order: &'static str,
    /// The column names a roster's header row may use (compared folded, see [`Locale::fold`]).
    pub staff_columns: &'static [(&'static str, StaffColumn)],
    /// How the required roster columns are named in a message: name, role, number.
    pub staff_required: [&'static str; 3],
    /// A hint listing the roster columns.
    pub staff_hint: &'static str,
    /// A hint for a gender cell jobdoc cannot read.
    pub gender_hint: &'static str,
    /// The words a roster's gender cell may hold, masculine then feminine.
    pub gender_words: [&'static [&'static str]; 2],
    /// The gender a full name shows (a patronymic), when it does.
    pub gender_of_name: fn(&str) -> Option<Gender>,
    /// Letters compared as one when titles and column names are matched (`ё` as `е`).
    pub fold_letters: &'static [(char, char)],
    /// The marks a list's entries end with: between entries, after the last, before sub-items.
    pub list_marks: ListMarks,
    /// The last words of abbreviations whose period stays when a provision ends with one
    /// («и т. д.», «и др.», «г.»), in lower case: the list's own mark follows the period
    /// («т. д.;»), or replaces nothing at the end («т. д.»).
    pub abbreviations: &'static [&'static str],
    /// What to write instead of a character the PDF font lacks, for a hint: (`₽`, «руб.»).
    pub substitutes: &'static [(char, &'static str)],
    /// Case forms of a position title, guessed for the scaffold; `None` when the title has no
    /// word of the language to go by (Latin only, capitals only).
    pub decline: fn(&str) -> Option<CaseForms>,
    /// The role file `jobdoc new` writes: `{nominative}`, `{genitive}`, `{genitive_note}`,
    /// `{dative}`, `{instrumental}`, `{category}` and `{guided_by}` filled in.
    pub scaffold: &'static str,
    /// The category of staff a title suggests, for the scaffold: (a word the title holds, in
    /// lower case, and the category), the first that matches; else the last entry's category.
    pub categories: &'static [(&'static str, &'static str)],
    /// The provision that ends «guided by» in the scaffold: the job description itself.
    pub scaffold_guided_by_last: &'static str,
    /// The organization file `jobdoc init` writes, to fill in.
    pub organization_scaffold: &'static str,
    /// The title of the example role `jobdoc init` writes.
    pub example_title: &'static str,
    /// How the placeholders of the scaffold begin: a provision still starting so is warned about.
    pub placeholders: &'static [&'static str],
    /// The provisions of «guided by» in the scaffold when the organization has no fragments.
    pub scaffold_guided_by: &'static [&'static str],
    /// How words are reduced to stems, to find provisions that say nearly the same thing.
    pub stemming: &'static Stemming,
    /// The words of a vacancy and the rules its requirements are checked by; `None` in a
    /// language jobdoc writes no vacancies in.
    pub vacancy: fn() -> Option<&'static VacancyWords>,
}

/// A crude stemmer as data: endings cut in stages, and the words that count for nothing alone.
pub struct Stemming {
    /// Endings cut in turn: at each stage, the longest ending of the stage's list that leaves a
    /// stem of at least `min_stem` letters (none when none does).
    pub stages: &'static [&'static [&'static str]],
    /// Letters a stem keeps at least.
    pub min_stem: usize,
    /// Words, folded (see [`Locale::fold`]), that do not count as significant: prepositions,
    /// conjunctions, pronouns. A negation stays significant.
    pub stopwords: &'static [&'static str],
}

impl Stemming {
    /// The stem of `word` (folded), or `None` for a word that is not significant.
    pub fn stem<'w>(&self, word: &'w str) -> Option<&'w str> {
        if self.stopwords.contains(&word) {
            return None;
        }
        let mut stem = word;
        for stage in self.stages {
            let cut = stage
                .iter()
                // the last byte first: most endings end otherwise
                .filter(|e| {
                    stem.as_bytes().last() == e.as_bytes().last()
                        && stem
                            .strip_suffix(**e)
                            .is_some_and(|s| s.chars().count() >= self.min_stem)
                })
                .max_by_key(|e| e.len());
            if let Some(e) = cut {
                stem = &stem[..stem.len() - e.len()];
            }
        }
        Some(stem)
    }
}

impl Locale {
    /// Whether `text` ends with an abbreviation's period, which stays: «и т. д.», «в 2026 г.».
    pub fn ends_with_abbreviation(&self, text: &str) -> bool {
        let last = text
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        // «т.д.» written without a space ends with «д.» all the same
        self.abbreviations.iter().any(|a| {
            last == *a
                || last
                    .strip_suffix(a)
                    .is_some_and(|before| before.ends_with('.'))
        })
    }

    /// The code role and organization files name the language by: `ru` for `ru-RU`.
    pub fn code(&self) -> &'static str {
        self.tag.split('-').next().unwrap_or(self.tag)
    }

    /// The mark that ends a list entry or provision whose text is `text` and that has no
    /// sub-items: `last` when it ends its list, `sentence` when it is a sentence whatever its
    /// first letter (a provision the template words). A period the text's abbreviation ends
    /// with serves as the mark's own («и т. д.», «etc.»).
    pub fn end_mark(&self, text: &str, last: bool, sentence: bool) -> &'static str {
        let marks = self.list_marks;
        let capital = text
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
        let mark = match marks.sentence {
            Some(mark) if sentence || capital => mark,
            _ if last || sentence => marks.last,
            _ => marks.between,
        };
        if mark.starts_with('.') && self.ends_with_abbreviation(text) {
            ""
        } else {
            mark
        }
    }

    /// The words and rules of a vacancy in this language; `None` when jobdoc writes none in it.
    pub fn vacancy_words(&self) -> Option<&'static VacancyWords> {
        (self.vacancy)()
    }

    /// The words of document kind `kind` ([`crate::compose::Kind::key`]).
    pub fn kind(&self, kind: &str) -> Option<&KindWords> {
        self.kinds.iter().find(|k| k.kind == kind)
    }

    /// `text` as titles and column names are compared: whitespace folded, lower case, letters
    /// that count as one replaced.
    pub fn fold(&self, text: &str) -> String {
        let mut folded = lowercase(&fold_whitespace(text, &[]));
        for (from, to) in self.fold_letters {
            if folded.contains(*from) {
                folded = folded.replace(*from, &to.to_string());
            }
        }
        folded
    }

    /// The gender a roster cell names.
    pub fn parse_gender(&self, text: &str) -> Option<Gender> {
        let folded = self.fold(text);
        let word = folded.trim_end_matches('.');
        let [male, female] = self.gender_words;
        if male.contains(&word) {
            Some(Gender::Male)
        } else if female.contains(&word) {
            Some(Gender::Female)
        } else {
            None
        }
    }

    /// What a roster header cell names.
    pub fn staff_column(&self, header: &str) -> Option<StaffColumn> {
        let h = self.fold(header).replace(['.', '_', '"'], " ");
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        self.staff_columns
            .iter()
            .find(|(name, _)| *name == h)
            .map(|(_, c)| *c)
    }

    /// The category of staff for a position titled `title` (see [`Locale::categories`]).
    pub fn category(&self, title: &str) -> &'static str {
        let title = self.fold(title);
        self.categories
            .iter()
            .find(|(word, _)| title.contains(word))
            .or(self.categories.last())
            .map_or("", |(_, category)| category)
    }

    /// A date in the locale's form: `05.06.2026`, `June 5, 2026`.
    pub fn date(&self, d: Date) -> String {
        let month = d
            .month
            .checked_sub(1)
            .and_then(|m| self.months.get(m as usize))
            .copied()
            .unwrap_or_default();
        fill(
            self.date,
            &[
                ("dd", &format!("{:02}", d.day)),
                ("d", &d.day.to_string()),
                ("mm", &format!("{:02}", d.month)),
                ("month", month),
                ("yyyy", &format!("{:04}", d.year)),
            ],
        )
    }
}

/// `text` with each match of `rule` replaced, as a regex's `replace_all` does: `rule` is tried at
/// each character from the left and gives the end of its match and what replaces it; the search
/// resumes after a match. The typographies' rules are plain code: compiling their Unicode regexes
/// cost more than the rest of a role's loading.
fn replace_all(text: &str, rule: impl Fn(&[char], usize) -> Option<(usize, String)>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        match rule(&chars, at) {
            Some((end, with)) => {
                out.push_str(&with);
                at = end;
            }
            None => {
                out.push(c);
                at += 1;
            }
        }
    }
    out
}

/// `str::to_lowercase`, without the search of the Unicode tables for the Latin and Russian
/// capitals, which most texts are made of.
fn lowercase(text: &str) -> String {
    // a final sigma's form depends on the letters around it: str::to_lowercase knows them
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'A'..='Z' | '\u{410}'..='\u{42f}' => {
                out.push(char::from_u32(u32::from(c) + 32).unwrap_or(c))
            }
            '\u{401}' => out.push('\u{451}'),
            _ if c.is_ascii() || matches!(c, '\u{430}'..='\u{44f}' | '\u{451}') => out.push(c),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `char::is_alphanumeric`, without the search of the Unicode tables for the letters of the
/// Russian alphabet, which most texts are made of.
pub fn is_alphanumeric(c: char) -> bool {
    is_russian(c) || c.is_alphanumeric()
}

/// Whether a regex's `\b` holds before `chars[at]`, a word character: the one before is none.
fn word_starts(chars: &[char], at: usize) -> bool {
    at.checked_sub(1)
        .and_then(|i| chars.get(i))
        .is_none_or(|&c| !is_word(c))
}

/// The classes the typographies' rules were written in (a regex's `\w`, `\p{Lu}`, `\p{Ll}`),
/// told at once for ASCII and the Russian alphabet; any other character is asked of a regex of
/// its class, compiled the first time such a character comes: `char`'s own tests differ from
/// Unicode's categories (`is_uppercase` takes «Ⅱ» and «Ⓐ», `is_alphanumeric` «²» and «½»).
fn in_class(cell: &'static OnceLock<regex::Regex>, class: &str, c: char) -> bool {
    cell.get_or_init(|| regex::Regex::new(&format!("^{class}$")).expect("a Unicode class"))
        .is_match(c.encode_utf8(&mut [0; 4]))
}

/// A letter of the Russian alphabet.
fn is_russian(c: char) -> bool {
    matches!(c, '\u{410}'..='\u{44f}' | '\u{401}' | '\u{451}')
}

/// A mark or symbol documents use (no-break and thin spaces, «», §, °, ±, ×, №, dashes, quotes
/// and the rest of the general punctuation block but its connectors and joiners, currency
/// signs): neither a word character nor a letter, told without compiling a class.
fn is_common_mark(c: char) -> bool {
    matches!(
        c,
        '\u{a0}'
            | '\u{a7}'
            | '\u{ab}'
            | '\u{b0}'
            | '\u{b1}'
            | '\u{bb}'
            | '\u{d7}'
            | '\u{f7}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2010}'..='\u{203e}'
            | '\u{2041}'..='\u{2053}'
            | '\u{2055}'..='\u{205e}'
            | '\u{20a0}'..='\u{20c0}'
            | '\u{2116}'
    )
}

/// A regex's `\w`.
fn is_word(c: char) -> bool {
    static WORD: OnceLock<regex::Regex> = OnceLock::new();
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric() || c == '_',
        c if is_russian(c) => true,
        c if is_common_mark(c) => false,
        c => in_class(&WORD, r"\w", c),
    }
}

/// A capital: a regex's `\p{Lu}`.
fn is_capital(c: char) -> bool {
    static CAPITAL: OnceLock<regex::Regex> = OnceLock::new();
    match c {
        c if c.is_ascii() => c.is_ascii_uppercase(),
        c if is_russian(c) => c.is_uppercase(),
        // Unicode's Uppercase holds every Lu: what it does not hold is none
        c if is_common_mark(c) || !c.is_uppercase() => false,
        c => in_class(&CAPITAL, r"\p{Lu}", c),
    }
}

/// A small letter: a regex's `\p{Ll}`.
fn is_small(c: char) -> bool {
    static SMALL: OnceLock<regex::Regex> = OnceLock::new();
    match c {
        c if c.is_ascii() => c.is_ascii_lowercase(),
        c if is_russian(c) => c.is_lowercase(),
        // Unicode's Lowercase holds every Ll: what it does not hold is none
        c if is_common_mark(c) || !c.is_lowercase() => false,
        c => in_class(&SMALL, r"\p{Ll}", c),
    }
}

/// The end of the run of characters from `at` that `class` takes (`at` when none).
fn run_of(chars: &[char], at: usize, class: fn(char) -> bool) -> usize {
    at + chars[at.min(chars.len())..]
        .iter()
        .take_while(|&&c| class(c))
        .count()
}

/// At `at`, an initial: a capital and a period; the capital and the end.
fn initial(chars: &[char], at: usize) -> Option<(char, usize)> {
    match chars.get(at..at + 2)? {
        [c, '.'] if is_capital(*c) => Some((*c, at + 2)),
        _ => None,
    }
}

/// At `at`, a capitalized word (a capital, then one or more small letters); its end.
fn capitalized(chars: &[char], at: usize) -> Option<usize> {
    chars.get(at).filter(|&&c| is_capital(c))?;
    let end = run_of(chars, at + 1, is_small);
    (end > at + 1).then_some(end)
}

/// `text` with whitespace other than non-breaking spaces folded to single spaces and trimmed: a
/// value written over several lines is one paragraph. The first step of every language's
/// typography; a non-breaking space is kept (the roster's «Ким␣А.»).
pub fn fold_spaces(text: &str) -> String {
    fold_whitespace(text, &[crate::document::NBSP]).into_owned()
}

/// `text` with its whitespace folded to single spaces and trimmed, but for the characters of
/// `kept` (non-breaking spaces), which are not folded; borrowed when it is so already (most
/// texts: no copy word by word).
pub fn fold_whitespace<'a>(text: &'a str, kept: &[char]) -> Cow<'a, str> {
    if single_spaced(text, kept) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split(|c: char| c.is_whitespace() && !kept.contains(&c))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Whether folding the whitespace of `text` to single spaces would leave it as it is: it
/// neither starts nor ends with whitespace, and has none between its words but single spaces —
/// the characters of `kept` (non-breaking spaces) are not folded and count as none. Checked
/// before folding, most texts need no copy word by word. An empty text is answered no (folding
/// it costs nothing).
fn single_spaced(text: &str, kept: &[char]) -> bool {
    // byte by byte: a character beyond ASCII is read only when its first byte may start a
    // whitespace character (U+0085, U+00A0; U+1680; U+2000–U+205F; U+3000), not every Cyrillic
    // letter
    let mut after_space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let space = match b {
            // the rest of a character read at its first byte
            0x80..=0xBF => continue,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => text[i..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() && !kept.contains(&c)),
            0..=0x7F => (b as char).is_whitespace() && !kept.contains(&(b as char)),
            _ => false,
        };
        if space && (b != b' ' || after_space) {
            return false;
        }
        after_space = space;
    }
    !after_space
}

/// `text` with every occurrence of each pair's first string replaced by its second, pair after
/// pair (as chained `str::replace`); a text without the string is not copied again.
pub fn replace_each(mut text: String, pairs: &[(&str, &str)]) -> String {
    for (from, to) in pairs {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    text
}

/// `text` with its first letter lower-cased, for a form that stands mid-sentence, unless the
/// word is an abbreviation (its second letter a capital: «ИТ-специалист» stays).
pub fn lcfirst(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// Fills the `{name}` placeholders of `pattern` with `values`, in one pass (a value holding
/// braces stays as it is); an unknown placeholder is kept.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// An error: nothing is built.
    Error,
    /// A warning.
    Warning,
}

/// A ground a vacancy may not discriminate by, and the words that name it.
#[derive(Debug, serde::Deserialize)]
pub struct DiscriminationRule {
    /// The ground, in English, for diagnostics: `age`.
    pub ground: String,
    /// The ground in the locale's words: «возраст».
    pub name: String,
    /// An error, or (appearance) a warning.
    pub severity: Severity,
    /// Words that name the ground.
    #[serde(deserialize_with = "pattern")]
    pub pattern: regex::Regex,
    /// Words that, in the sentence before a match, make it something else (experience, not age).
    #[serde(default, deserialize_with = "optional_pattern")]
    pub unless: Option<regex::Regex>,
}

/// The words of a vacancy in a language, from its `vacancy.yaml`.
#[derive(Debug, serde::Deserialize)]
pub struct VacancyWords {
    /// The headings of the description's lists: `duties`, `requirements`, `conditions`.
    pub headings: std::collections::BTreeMap<String, String>,
    /// A citation of law that lets a restriction pass.
    #[serde(deserialize_with = "pattern")]
    pub legal_basis: regex::Regex,
    /// The hint of a requirement that breaks a rule.
    pub hint: String,
    /// The law the rules state, as diagnostics cite it.
    pub law: String,
    /// The grounds.
    pub rules: Vec<DiscriminationRule>,
    /// hh.ru's dictionaries in the locale's words, by the role file's key: `experience`,
    /// `employment`, `work_format`, `schedule`.
    #[serde(flatten)]
    pub dictionaries: std::collections::BTreeMap<String, serde_yaml::Value>,
}

impl VacancyWords {
    /// Reads `source`, a locale's `vacancy.yaml`; `None` if it is not one (a test keeps the
    /// built-in ones valid).
    pub fn parse(source: &str) -> Option<VacancyWords> {
        serde_yaml::from_str(source).ok()
    }

    /// The heading of list `key`.
    pub fn heading<'a>(&'a self, key: &'a str) -> &'a str {
        self.headings.get(key).map_or(key, String::as_str)
    }

    /// The locale's words for `value` of dictionary `key` (`experience`, `1-3`).
    pub fn word(&self, key: &str, value: &str) -> Option<&str> {
        self.dictionaries.get(key)?.get(value)?.as_str()
    }

    /// hh.ru's area id of `city`, when the locale knows it.
    pub fn area(&self, city: &str) -> Option<u64> {
        self.dictionaries.get("areas")?.get(city)?.as_u64()
    }
}

fn pattern<'de, D: serde::Deserializer<'de>>(d: D) -> Result<regex::Regex, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    regex::Regex::new(&format!("(?i){text}")).map_err(serde::de::Error::custom)
}

fn optional_pattern<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<regex::Regex>, D::Error> {
    pattern(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading byte by byte answers as reading character by character: every character between
    /// words, at either end and doubled, with and without being kept.
    #[test]
    fn single_spaced_reads_every_character() {
        let by_chars = |text: &str, kept: &[char]| {
            let mut after_space = true;
            text.chars().all(|c| {
                let space = c.is_whitespace() && !kept.contains(&c);
                let single = !space || (c == ' ' && !after_space);
                after_space = space;
                single
            }) && !after_space
        };
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            for text in [
                format!("я{c}b"),
                format!("{c}я"),
                format!("я{c}"),
                format!("a{c}{c}b"),
                format!("a {c}b"),
            ] {
                for kept in [&[][..], &[c], &['\u{a0}']] {
                    assert_eq!(
                        single_spaced(&text, kept),
                        by_chars(&text, kept),
                        "{text:?}"
                    );
                }
            }
        }
        assert!(!single_spaced("", &[]));
    }

    /// The classes' quick answers are Unicode's: for ASCII, the Russian alphabet and the common
    /// marks, what the regexes of the classes say.
    #[test]
    fn quick_classes_are_the_regexes() {
        let word = regex::Regex::new(r"^\w$").unwrap();
        let capital = regex::Regex::new(r"^\p{Lu}$").unwrap();
        let small = regex::Regex::new(r"^\p{Ll}$").unwrap();
        let quick = (0..0x80u32)
            .chain(0x400..0x460)
            .chain(0xa0..0x100)
            .chain(0x2000..0x2120)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_ascii() || is_russian(c) || is_common_mark(c));
        for c in quick {
            let s = c.to_string();
            assert_eq!(is_word(c), word.is_match(&s), "{c:?}");
            assert_eq!(is_capital(c), capital.is_match(&s), "{c:?}");
            assert_eq!(is_small(c), small.is_match(&s), "{c:?}");
        }
    }

    /// The copy of a text folded already is what splitting and joining it gives.
    #[test]
    fn folding_spaces_copies_only_folded_text() {
        let split = |t: &str| {
            t.split(|c: char| c.is_whitespace() && c != crate::document::NBSP)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\nb",
            "a\tb",
            "a \u{a0}b",
            "\u{a0}a\u{a0}",
            "a\u{2003}b",
            "строка\n  вторая",
            "Ким\u{a0}А.",
            "a \n b",
        ] {
            assert_eq!(fold_spaces(text), split(text), "{text:?}");
        }
    }

    #[test]
    fn lowercase_is_str_to_lowercase() {
        for text in [
            "",
            "Организует ДОСТАВКУ, Ёлка и ёж",
            "ABC xyz 123 «Кавычки» — №\u{a0}5",
            "ÀÉÎ Ωmega ΣΑΣ ΟΔΟΣ",
            "İstanbul ǅ Ⅻ",
            "ЀЂЃЄЅ ѐђѓ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn replaces_each_pair_in_order() {
        let pairs = [("a", "b"), ("b", "c")];
        assert_eq!(replace_each("ab".to_string(), &pairs), "cc");
        assert_eq!(replace_each("xy".to_string(), &pairs), "xy");
    }
}
