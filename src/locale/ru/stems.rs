//! A crude Russian stemmer, as data: endings cut from words so that the forms of one word
//! («правила», «правилами», «правил») compare as one, and the words that say nothing alone.
//! Good enough to tell two provisions that say nearly the same thing; not a morphology.

use crate::locale::Stemming;

/// The Russian stemming rules (words folded first: lower case, `ё` as `е`).
#[rustfmt::skip] // a table, grouped by kind of word; one word a line would hide the groups
pub static STEMMING: Stemming = Stemming {
    stages: &[
        // reflexive verbs and participles: «касающимися» → «касающими» → «касающ»
        &["ся", "сь"],
        &[
            // nouns in -ие / -ия: «исполнение», «исполнениями» → «исполнен»
            "иями", "иях", "иям", "ием", "ией", "ии", "ия", "ие", "ий", "ию",
            // nouns and adjectives
            "ами", "ями", "ыми", "ими", "ого", "его", "ому", "ему", "ах", "ях", "ам", "ям", "ов",
            "ев", "ей", "ой", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ых", "их", "ым", "им",
            "ом", "ем", "ый", "ью", "ья", "ье", "ьи", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь",
            "й",
            // verbs: «выполняет», «выполнять», «выполняют» → «выполн»; a bare «-ет», «-ть»
            // would cut nouns too («отчет» → «отч»), so verb endings come with their vowel
            "овать", "евать", "ывать", "ивать", "ует", "уют", "ает", "яет", "еет", "ают", "яют",
            "еют", "ать", "ять", "ить", "ыть", "еть", "ит", "ят",
        ],
    ],
    min_stem: 3,
    stopwords: &[
        // conjunctions and particles
        "и", "или", "либо", "а", "но", "да", "также", "же", "ли", "бы", "что", "чтобы", "как",
        // prepositions
        "в", "во", "на", "по", "с", "со", "к", "ко", "о", "об", "обо", "от", "из", "за", "для",
        "при", "у", "до", "под", "над", "через", "между",
        // pronouns: «своих обязанностей» says what «обязанностей» does
        "его", "ее", "их", "им", "ими", "ему", "ей", "него", "нее", "них", "ним", "свой", "своя",
        "свое", "свои", "своего", "своей", "своему", "своим", "своими", "своих", "свою", "весь",
        "вся", "все", "всю", "всего", "всей", "всем", "всеми", "всех", "этот", "эта", "это",
        "эти", "этого", "этой", "этих",
        // abbreviations: «т. д.», «др.»
        "т", "д", "др",
    ],
};

#[cfg(test)]
mod tests {
    use super::STEMMING;

    #[test]
    fn forms_of_a_word_share_a_stem() {
        for forms in [
            &["правила", "правилами", "правил"][..],
            &["исполнение", "исполнения", "исполнениями", "исполнении"],
            &[
                "обязанность",
                "обязанности",
                "обязанностями",
                "обязанностей",
            ],
            &["выполняет", "выполнять", "выполняют"],
            &["отчет", "отчеты", "отчетов", "отчетами"],
            &["касающихся", "касающимися", "касающийся"],
            &["клиент", "клиента", "клиентов", "клиентам"],
        ] {
            let stems: Vec<_> = forms.iter().map(|w| STEMMING.stem(w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{forms:?}: {stems:?}");
        }
        assert_ne!(STEMMING.stem("права"), STEMMING.stem("правила"));
    }

    #[test]
    fn a_negation_counts_and_a_preposition_does_not() {
        assert_eq!(STEMMING.stem("не"), Some("не"));
        assert_eq!(STEMMING.stem("по"), None);
        assert_eq!(STEMMING.stem("своих"), None);
    }
}
