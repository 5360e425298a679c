//! A crude English stemmer, as data, for telling two provisions that say nearly the same thing
//! («maintains records», «maintaining the record»): endings cut, words that say nothing alone.

use crate::locale::Stemming;

/// The English stemming rules (words folded first: lower case).
#[rustfmt::skip] // a table, grouped by kind of word
pub static STEMMING: Stemming = Stemming {
    stages: &[
        // plurals and third persons: «records», «processes», «policies»
        &["ies", "es", "s"],
        // verb forms and derivations: «maintaining», «maintained», «management»
        &["ing", "ed", "ment", "ly", "ion", "ions", "er", "ers"],
    ],
    min_stem: 3,
    stopwords: &[
        "a", "an", "the", "and", "or", "but", "as", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "into", "about", "its", "their", "his", "her", "this", "that", "these",
        "those", "all", "any", "other", "etc",
    ],
};
