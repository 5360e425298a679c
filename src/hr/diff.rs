//! What changed between two editions' texts, provision by provision. Provisions are matched by
//! content, not by number, so deleting 3.5 is one removal and not a dozen renumbered changes:
//!
//! 1. sections are paired by title (the heading without its number);
//! 2. in each pair, the longest common subsequence of identical wordings is unchanged (renumbered
//!    or not);
//! 3. of the rest, identical wordings anywhere are moves;
//! 4. of the rest, in each section pair, the most similar wordings (character-bigram Dice
//!    coefficient at least [`SIMILAR`]) are changes, best pairs first;
//! 5. what is left was removed or added.

use crate::hr::text::{EditionText, Provision};

/// Two wordings at least this similar are one provision changed rather than one removed and one
/// added. «Готовит отчеты» → «Готовит еженедельные отчеты» scores about 0.8; unrelated duties of
/// one section score 0.3–0.5.
pub const SIMILAR: f64 = 0.6;

/// A provision and where it is: section and position in an edition's text.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    /// Index of the section.
    pub section: usize,
    /// Index of the provision in its section.
    pub index: usize,
    /// The provision.
    pub provision: &'a Provision,
}

impl At<'_> {
    /// The number, or `¶` for an unnumbered paragraph.
    pub fn number(&self) -> &str {
        self.provision.number.as_deref().unwrap_or("¶")
    }
}

/// One difference.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// In the new edition only.
    Added(At<'a>),
    /// In the old edition only.
    Removed(At<'a>),
    /// Reworded.
    Changed(At<'a>, At<'a>),
    /// The same wording at another place (another section, or out of order).
    Moved(At<'a>, At<'a>),
}

impl Change<'_> {
    /// The provision's number in the new edition, else in the old one: `3.5.`.
    pub fn label(&self) -> String {
        match self {
            Change::Added(n) | Change::Changed(_, n) | Change::Moved(_, n) => n.number(),
            Change::Removed(o) => o.number(),
        }
        .trim_end_matches('.')
        .to_string()
    }
}

/// The differences of one section, in the new edition's order (removals where they were).
#[derive(Debug, Clone)]
pub struct SectionChanges<'a> {
    /// The heading: the new edition's, or the old one's for a removed section.
    pub heading: &'a str,
    /// The section is new.
    pub added: bool,
    /// The section was removed.
    pub removed: bool,
    /// The differences.
    pub changes: Vec<Change<'a>>,
}

/// The differences from `old` to `new`, section by section; empty when the texts match.
pub fn diff<'a>(old: &'a EditionText, new: &'a EditionText) -> Vec<SectionChanges<'a>> {
    // 1. sections paired by title
    let mut pair_of_new: Vec<Option<usize>> = vec![None; new.sections.len()];
    let mut paired_old = vec![false; old.sections.len()];
    for (n, ns) in new.sections.iter().enumerate() {
        if let Some(o) = (0..old.sections.len())
            .find(|&o| !paired_old[o] && old.sections[o].title() == ns.title())
        {
            pair_of_new[n] = Some(o);
            paired_old[o] = true;
        }
    }
    let at = |text: &'a EditionText, section: usize, index: usize| At {
        section,
        index,
        provision: &text.sections[section].provisions[index],
    };
    // match_old[s][i] / match_new[s][i]: the provision it was matched to, and how
    #[derive(Clone, Copy, PartialEq)]
    enum How {
        Same,
        Moved,
        Changed,
    }
    let mut match_old: Vec<Vec<Option<(usize, usize, How)>>> = old
        .sections
        .iter()
        .map(|s| vec![None; s.provisions.len()])
        .collect();
    let mut match_new: Vec<Vec<Option<(usize, usize, How)>>> = new
        .sections
        .iter()
        .map(|s| vec![None; s.provisions.len()])
        .collect();
    let wordings = |t: &EditionText| -> Vec<Vec<String>> {
        t.sections
            .iter()
            .map(|s| s.provisions.iter().map(Provision::wording).collect())
            .collect()
    };
    let (old_w, new_w) = (wordings(old), wordings(new));
    // 2. unchanged: the longest common subsequence of each section pair
    for (n, o) in pair_of_new
        .iter()
        .enumerate()
        .filter_map(|(n, o)| o.map(|o| (n, o)))
    {
        for (i, j) in lcs(&old_w[o], &new_w[n]) {
            match_old[o][i] = Some((n, j, How::Same));
            match_new[n][j] = Some((o, i, How::Same));
        }
    }
    // 3. moved: identical wordings anywhere else
    for n in 0..new.sections.len() {
        for j in 0..new_w[n].len() {
            if match_new[n][j].is_some() {
                continue;
            }
            let found = (0..old.sections.len()).find_map(|o| {
                (0..old_w[o].len())
                    .find(|&i| match_old[o][i].is_none() && old_w[o][i] == new_w[n][j])
                    .map(|i| (o, i))
            });
            if let Some((o, i)) = found {
                match_old[o][i] = Some((n, j, How::Moved));
                match_new[n][j] = Some((o, i, How::Moved));
            }
        }
    }
    // 4. changed: the most similar leftovers of each section pair
    for (n, o) in pair_of_new
        .iter()
        .enumerate()
        .filter_map(|(n, o)| o.map(|o| (n, o)))
    {
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for i in (0..old_w[o].len()).filter(|&i| match_old[o][i].is_none()) {
            for j in (0..new_w[n].len()).filter(|&j| match_new[n][j].is_none()) {
                let score = dice(&old_w[o][i], &new_w[n][j]);
                if score >= SIMILAR {
                    pairs.push((score, i, j));
                }
            }
        }
        // best first; ties in document order, so the result never depends on sort stability
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        for (_, i, j) in pairs {
            if match_old[o][i].is_none() && match_new[n][j].is_none() {
                match_old[o][i] = Some((n, j, How::Changed));
                match_new[n][j] = Some((o, i, How::Changed));
            }
        }
    }
    // 5. what is left: removed and added. Collect per new section, removals at the place of the
    // next provision that stayed (sort key: new index, removals first).
    let mut out = Vec::new();
    for (n, section) in new.sections.iter().enumerate() {
        let mut keyed: Vec<((usize, u8, usize), Change)> = Vec::new();
        for (j, m) in match_new[n].iter().enumerate() {
            let new_at = at(new, n, j);
            let change = match m {
                None => Some(Change::Added(new_at)),
                Some((o, i, How::Moved)) => Some(Change::Moved(at(old, *o, *i), new_at)),
                Some((o, i, How::Changed)) => Some(Change::Changed(at(old, *o, *i), new_at)),
                Some((_, _, How::Same)) => None,
            };
            if let Some(c) = change {
                keyed.push(((j, 1, 0), c));
            }
        }
        if let Some(o) = pair_of_new[n] {
            for (i, m) in match_old[o].iter().enumerate() {
                if m.is_none() {
                    // where it stood: before the next old provision that has a place in this section
                    let next = match_old[o][i + 1..]
                        .iter()
                        .find_map(|m| m.filter(|(sn, _, _)| *sn == n).map(|(_, j, _)| j))
                        .unwrap_or(section.provisions.len());
                    keyed.push(((next, 0, i), Change::Removed(at(old, o, i))));
                }
            }
        }
        keyed.sort_by_key(|(k, _)| *k);
        let added = pair_of_new[n].is_none();
        if added || !keyed.is_empty() {
            out.push(SectionChanges {
                heading: &section.heading,
                added,
                removed: false,
                changes: keyed.into_iter().map(|(_, c)| c).collect(),
            });
        }
    }
    for (o, section) in old.sections.iter().enumerate() {
        if !paired_old[o] {
            out.push(SectionChanges {
                heading: &section.heading,
                added: false,
                removed: true,
                changes: (0..section.provisions.len())
                    .filter(|&i| match_old[o][i].is_none())
                    .map(|i| Change::Removed(at(old, o, i)))
                    .collect(),
            });
        }
    }
    out
}

/// The Sørensen–Dice coefficient of the character bigrams of `a` and `b`, case and whitespace
/// ignored: 1 for the same text, 0 for nothing in common. (strsim's `sorensen_dice` scores
/// Cyrillic far too low: «Готовит отчеты» and «Готовит еженедельные отчеты» came out at 0.4.)
pub fn dice(a: &str, b: &str) -> f64 {
    fn bigrams(s: &str) -> std::collections::BTreeMap<(char, char), usize> {
        let chars: Vec<char> = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let mut counts = std::collections::BTreeMap::new();
        for w in chars.windows(2) {
            *counts.entry((w[0], w[1])).or_insert(0) += 1;
        }
        counts
    }
    let (x, y) = (bigrams(a), bigrams(b));
    let total: usize = x.values().sum::<usize>() + y.values().sum::<usize>();
    if total == 0 {
        return if a.trim() == b.trim() { 1.0 } else { 0.0 };
    }
    let common: usize = x
        .iter()
        .map(|(k, n)| (*n).min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * common as f64 / total as f64
}

/// The index pairs of a longest common subsequence of `a` and `b`.
pub fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if a[i] == b[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> EditionText {
        EditionText::parse(s)
    }

    #[test]
    fn scores_similar_wordings() {
        let score = dice(
            "Готовит отчеты о выполненной работе",
            "Готовит еженедельные отчеты о выполненной работе",
        );
        assert!(score > 0.8, "{score}");
        let unrelated = dice(
            "Выполняет служебные поручения своего непосредственного руководителя",
            "Консультирует клиентов о характеристиках, правилах эксплуатации товаров",
        );
        assert!(unrelated < SIMILAR, "{unrelated}");
    }

    #[test]
    fn a_deletion_is_one_removal() {
        let old =
            text("## 3. Обязанности\n3.1. Первая\n3.2. Вторая\n3.3. Третья\n3.4. Четвертая\n");
        let new = text("## 3. Обязанности\n3.1. Первая\n3.2. Третья\n3.3. Четвертая\n");
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].changes.len(), 1);
        assert!(matches!(d[0].changes[0], Change::Removed(o) if o.number() == "3.2."));
    }

    #[test]
    fn rewording_is_a_change_and_a_new_section_is_added() {
        let old = text(
            "## 3. Обязанности\n3.1. Готовит отчеты о выполненной работе\n3.2. Организует доставку товара\n",
        );
        let new = text(
            "## 3. Обязанности\n3.1. Готовит еженедельные отчеты о выполненной работе\n3.2. Организует доставку товара\n## 4. Права\n4.1. Знакомиться с решениями\n",
        );
        let d = diff(&old, &new);
        assert!(
            matches!(d[0].changes[..], [Change::Changed(o, n)] if o.number() == "3.1." && n.number() == "3.1.")
        );
        assert!(d[1].added);
        assert!(matches!(d[1].changes[..], [Change::Added(_)]));
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn a_provision_moved_to_another_section_is_a_move() {
        let old = text("## 3. Обязанности\n3.1. Один\n3.2. Два\n## 4. Права\n4.1. Три\n");
        let new = text("## 3. Обязанности\n3.1. Один\n## 4. Права\n4.1. Три\n4.2. Два\n");
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1);
        assert!(
            matches!(d[0].changes[..], [Change::Moved(o, n)] if o.number() == "3.2." && n.number() == "4.2.")
        );
    }
}
