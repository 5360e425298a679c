//! Where a word may break at the end of a line: by the hyphenation patterns of the document's
//! language (loaded once per process), after a hyphen of its own, or, for a word wider than the
//! line, after its last character that fits.

use std::sync::Mutex;

use hyphenation::{Hyphenator, Load, Standard};

use super::EPSILON;
use super::lines::{Frag, Word};
use super::typeset::Typesetter;

/// A hyphen never leaves fewer letters than this on either line.
const MIN_PART: usize = 2;

/// The hyphenation patterns of a locale (`dictionary`, bincode), loaded once per process and
/// dictionary: a few languages at most, so a list searched by address.
pub(super) fn hyphenator(dictionary: &'static [u8]) -> Result<&'static Standard, String> {
    static LOADED: Mutex<Vec<(usize, &'static Standard)>> = Mutex::new(Vec::new());
    let mut loaded = LOADED
        .lock()
        .map_err(|_| "the hyphenation cache is poisoned")?;
    let key = dictionary.as_ptr() as usize;
    if let Some((_, standard)) = loaded.iter().find(|(k, _)| *k == key) {
        return Ok(standard);
    }
    let mut bytes = dictionary;
    let standard = Standard::any_from_reader(&mut bytes)
        .map_err(|e| format!("cannot load the hyphenation patterns: {e}"))?;
    // kept for the life of the process, as the dictionary bytes themselves are
    let standard: &'static Standard = Box::leak(Box::new(standard));
    loaded.push((key, standard));
    Ok(standard)
}

impl Typesetter<'_> {
    /// `word` split at the last break point whose first part, with its hyphen, fits in `room`.
    /// A word with a hyphen of its own may break after it, without a second one, in any
    /// paragraph (as in Word); with `patterns`, letters are hyphenated too, at least two each
    /// side.
    pub(super) fn split(&self, word: &Word, room: f32, patterns: bool) -> Option<(Word, Word)> {
        let text = word.text();
        let mut points: Vec<(usize, bool)> = Vec::new();
        if patterns {
            let mut chars = text.char_indices().peekable();
            while let Some((start, c)) = chars.next() {
                if !c.is_alphabetic() {
                    continue;
                }
                let mut end = start + c.len_utf8();
                while let Some(&(i, c)) = chars.peek().filter(|(_, c)| c.is_alphabetic()) {
                    end = i + c.len_utf8();
                    chars.next();
                }
                let segment = &text[start..end];
                if segment.chars().count() >= 2 * MIN_PART {
                    for b in self.hyphenator.hyphenate(segment).breaks {
                        let (before, after) = segment.split_at(b);
                        if before.chars().count() >= MIN_PART && after.chars().count() >= MIN_PART {
                            points.push((start + b, true));
                        }
                    }
                }
            }
        }
        for (i, _) in text.match_indices('-') {
            let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            if letters(&text[..i]) >= MIN_PART && letters(&text[i + 1..]) >= MIN_PART {
                points.push((i + 1, false));
            }
        }
        points.sort_unstable_by(|a, b| b.cmp(a));
        points.into_iter().find_map(|(at, hyphen)| {
            let (mut head, tail) = self.cut(word, at);
            if hyphen && let Some(last) = head.frags.last_mut() {
                last.text.push('-');
            }
            self.measure(&mut head);
            (head.width <= room + EPSILON).then_some((head, tail))
        })
    }

    /// `word` cut after its last character that fits in `room`, at least one; `None` for a
    /// single character.
    pub(super) fn force(&self, word: &Word, room: f32) -> Option<(Word, Word)> {
        let text = word.text();
        let cuts: Vec<usize> = text.char_indices().skip(1).map(|(i, _)| i).collect();
        // a prefix grows wider with every character, so the cuts that fit come first
        let fit = cuts.partition_point(|&at| self.cut(word, at).0.width <= room + EPSILON);
        let at = *cuts.get(fit.saturating_sub(1))?;
        Some(self.cut(word, at))
    }

    /// `word` cut at byte `at` of its text.
    fn cut(&self, word: &Word, at: usize) -> (Word, Word) {
        let mut head = Word {
            frags: Vec::new(),
            width: 0.0,
            space: 0.0,
        };
        let mut tail = Word {
            frags: Vec::new(),
            width: 0.0,
            space: word.space,
        };
        let mut offset = 0;
        for frag in &word.frags {
            let len = frag.text.len();
            if offset + len <= at {
                head.frags.push(frag.clone());
            } else if offset >= at {
                tail.frags.push(frag.clone());
            } else {
                let (a, b) = frag.text.split_at(at - offset);
                head.frags.push(Frag {
                    text: a.into(),
                    ..frag.clone()
                });
                tail.frags.push(Frag {
                    text: b.into(),
                    ..frag.clone()
                });
            }
            offset += len;
        }
        self.measure(&mut head);
        self.measure(&mut tail);
        (head, tail)
    }
}

#[cfg(test)]
mod tests {
    use genpdf::fonts::FontCache;

    use super::*;
    use crate::document;
    use crate::write::pdf::test_meta;
    use crate::write::pdf::text::Face;

    fn word(t: &Typesetter, text: &str) -> Word {
        let run = document::Run {
            text: text.into(),
            bold: false,
            italic: false,
        };
        t.words(&vec![run], false).remove(0)
    }

    #[test]
    fn hyphenates_russian_keeping_two_letters_each_side() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let w = word(&t, "ответственность");
        let (head, tail) = t.split(&w, w.width - 1.0, true).expect("a break");
        assert!(head.text().ends_with('-'));
        assert_eq!(
            head.text().trim_end_matches('-').to_string() + &tail.text(),
            "ответственность"
        );
        // the narrowest break still leaves two letters
        let (head, _) = t.split(&w, 8.0, true).expect("a break near the start");
        assert!(head.text().chars().count() >= 3, "{}", head.text());
        assert!(t.split(&w, 1.0, true).is_none());
    }

    #[test]
    fn breaks_a_compound_word_after_its_own_hyphen_only_once() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let w = word(&t, "нормативно-правовыми");
        let prefix = t.width("нормативно-", Face::default());
        let (head, tail) = t.split(&w, prefix + 0.5, true).expect("a break");
        assert_eq!(head.text(), "нормативно-");
        assert_eq!(tail.text(), "правовыми");
    }

    #[test]
    fn cuts_an_unbreakable_word_after_the_last_character_that_fits() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let w = word(&t, "1234567890");
        let room = t.width("12345", Face::default()) + 0.1;
        let (head, tail) = t.force(&w, room).expect("a cut");
        assert_eq!(
            (head.text().as_str(), tail.text().as_str()),
            ("12345", "67890")
        );
        // at least one character a line, however narrow
        let (head, _) = t.force(&w, 0.1).expect("a cut");
        assert_eq!(head.text(), "1");
        assert!(t.force(&word(&t, "1"), 0.1).is_none());
    }
}
