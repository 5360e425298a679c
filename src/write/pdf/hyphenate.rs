//! Where a word may break at the end of a line: by the hyphenation patterns of the document's
//! language (loaded once per process), after a hyphen of its own, or, for a word wider than the
//! line, after its last character that fits. A word that does not fit is measured once, character
//! by character ([`Cuts`]), so that a line takes its piece of a long word in the time of about a
//! line: measuring and hyphenating the whole rest again for every break point and every line made
//! a word of n letters cost n³ (issue 11).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Mutex;

use hyphenation::{Hyphenator, Load, Standard};

use super::EPSILON;
use super::lines::{Frag, Word};
use super::text::Face;
use super::typeset::Typesetter;
use crate::write::memo::Memo;

/// A hyphen never leaves fewer letters than this on either line.
const MIN_PART: usize = 2;

/// How far a long run of letters is hyphenated past the last break a line could take. Liang's
/// patterns look a few characters either side of a break (the Russian ones span 7 at most) and
/// exceptions are whole words (24 letters at most), so the breaks of a prefix of a run that lie
/// more than this many letters before the prefix's end are those of the whole run.
const MARGIN: usize = 64;
/// How many bytes of hyphenated runs [`with_breaks`] keeps (a role has a few thousand words).
const RUNS_KEPT: usize = 2 << 20;

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

/// The bytes that name `patterns` in a memo's key: the patterns live as long as the process, so
/// their address names them.
pub(super) fn patterns_key(patterns: &'static Standard) -> [u8; 8] {
    (std::ptr::from_ref(patterns) as usize as u64).to_le_bytes()
}

/// Calls `with` on the byte offsets where `hyphenator`'s patterns break `run`. Each run is
/// hyphenated once per process and thread: paragraphs and documents repeat their words, and the
/// patterns cost far more than a lookup.
fn with_breaks<T>(hyphenator: &'static Standard, run: &str, with: impl FnOnce(&[usize]) -> T) -> T {
    thread_local! {
        static KNOWN: RefCell<Memo<Rc<[usize]>>> = RefCell::new(Memo::new(RUNS_KEPT));
    }
    let mut key = patterns_key(hyphenator).to_vec();
    key.extend_from_slice(run.as_bytes());
    let breaks = match KNOWN.with_borrow(|known| known.get(&key)) {
        Some(breaks) => breaks,
        None => {
            let breaks: Rc<[usize]> = hyphenator.hyphenate(run).breaks.into();
            // the breaks, and the allocations of the key and the breaks
            let size = (breaks.len() + 4) * std::mem::size_of::<usize>() + key.len();
            KNOWN.with_borrow_mut(|known| known.insert(&key, breaks.clone(), size));
            breaks
        }
    };
    with(&breaks)
}

/// Whether `c` is a letter, the Russian alphabet answered at once: `char::is_alphabetic` searches
/// Unicode's tables for every character past ASCII.
fn letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{410}'..='\u{44F}' | '\u{401}' | '\u{451}')
        || c.is_alphabetic()
}

/// A word that does not fit where it stands, measured once for cutting into pieces by character
/// index. A piece that may fit is measured as it is set, by genpdf, so the breaks are those
/// measuring every candidate gives; the others are ruled out by a lower bound on their width,
/// which needs neither measuring nor hyphenating the rest of a long word.
pub(super) struct Cuts {
    text: String,
    /// The byte offset of each character in `text`, then the text's length.
    at: Vec<usize>,
    /// Where each of the word's pieces in one face starts (a character index), and its face.
    pub(super) faces: Vec<(usize, Face)>,
    /// The natural width of the space after the word.
    space: f32,
    /// How many letters come before each character, then the word's letters.
    letters: Vec<usize>,
    /// A lower bound, summed character by character: `low[j] - low[i] + edge` is at most the width
    /// of characters `i..j`, with a hyphen after them or not.
    low: Vec<f64>,
    /// The least of `low` from each index on: no piece from `i` ending at `j` or later is narrower
    /// than `floor[j] - low[i] + edge`.
    floor: Vec<f64>,
    /// The least a piece's ends add to its characters' bound (see [`Typesetter::cuts`]).
    edge: f64,
}

impl Cuts {
    /// The index past the word's last character.
    pub(super) fn end(&self) -> usize {
        self.at.len() - 1
    }

    /// The text of characters `start..end` in one face after another, with the face.
    fn segments(&self, start: usize, end: usize) -> impl Iterator<Item = (&str, Face)> {
        let first = self.faces.partition_point(|&(from, _)| from <= start) - 1;
        self.faces[first..]
            .iter()
            .enumerate()
            .take_while(move |&(_, &(from, _))| from < end)
            .map(move |(i, &(from, face))| {
                let to = self
                    .faces
                    .get(first + i + 1)
                    .map_or(end, |&(next, _)| next.min(end));
                (&self.text[self.at[from.max(start)]..self.at[to]], face)
            })
    }

    /// The first index `j` past which no piece from `start` fits in `limit`: every piece
    /// `start..j` or longer, with a hyphen or not, is wider.
    fn reach(&self, start: usize, limit: f32) -> usize {
        let base = self.low[start] - self.edge;
        let limit = f64::from(limit);
        start + 1 + self.floor[start + 1..].partition_point(|&f| f - base <= limit)
    }
}

impl Typesetter<'_> {
    /// `word` measured for cutting.
    pub(super) fn cuts(&self, word: &Word) -> Cuts {
        // genpdf measures a text in f32, adding one character after another (the advances, the
        // kernings of the pairs), then the two sums, then the faces' widths: a sum of m terms
        // strays from the exact one by at most about 2m·2⁻²⁴ of the terms' magnitudes. So a piece
        // of a word of n characters, with a hyphen or not, is no narrower than the exact sum over
        // its characters of `advance + kerning - λ·(advance + |kerning|)`, λ = (n + 3)·2⁻²²
        // being twice that stray: proven while λ is under ¼, for words under 2²⁰ characters;
        // longer ones, far past what the old code could set, keep λ = ¼ unproven. `edge` is the
        // least a piece's ends add: a hyphen, less the kerning with the character before the
        // piece (which the piece does not have), less the rounding of these f64 sums.
        let text = word.text();
        let n = text.chars().count();
        let lambda = ((n + 3) as f64 * 2f64.powi(-22)).min(0.25);
        let mut cuts = Cuts {
            text: String::new(),
            at: Vec::with_capacity(n + 1),
            faces: Vec::new(),
            space: word.space,
            letters: Vec::with_capacity(n + 1),
            low: Vec::with_capacity(n + 1),
            floor: Vec::new(),
            edge: 0.0,
        };
        let (mut low, mut magnitude, mut hyphen, mut kern_max) = (0.0, 0.0, 0.0_f64, 0.0_f64);
        let (mut offset, mut letters) = (0, 0);
        for frag in &word.frags {
            let face = frag.face;
            let advance = |c| f64::from(self.widths.advance(self.fonts, c, face));
            let kerning = |b, a| f64::from(self.widths.kerning(self.fonts, b, a, face));
            let dash = advance('-');
            cuts.faces.push((cuts.at.len(), face));
            // each character's kerning with the one before it in this face, none for the first
            let mut before = None;
            for (i, c) in frag.text.char_indices() {
                let a = advance(c);
                let k = before.map_or(0.0, |b| kerning(b, c));
                let h = kerning(c, '-');
                before = Some(c);
                cuts.at.push(offset + i);
                cuts.letters.push(letters);
                cuts.low.push(low);
                letters += usize::from(letter(c));
                low += a + k - lambda * (a + k.abs());
                magnitude += a + k.abs() + dash + h.abs();
                hyphen = hyphen.min(dash + h - lambda * (dash + h.abs()));
                kern_max = kern_max.max(k);
            }
            offset += frag.text.len();
        }
        cuts.at.push(offset);
        cuts.letters.push(letters);
        cuts.low.push(low);
        cuts.floor = cuts.low.clone();
        for i in (0..n).rev() {
            cuts.floor[i] = cuts.floor[i].min(cuts.floor[i + 1]);
        }
        cuts.edge = hyphen - kern_max - (n + 2) as f64 * 2f64.powi(-50) * magnitude;
        cuts.text = text;
        cuts
    }

    /// Characters `start..end` of the word of `cuts`, with a hyphen after them if `hyphen`,
    /// measured; the space after the word goes with its last piece.
    pub(super) fn piece(&self, cuts: &Cuts, start: usize, end: usize, hyphen: bool) -> Word {
        let mut word = Word {
            frags: Vec::new(),
            width: 0.0,
            space: if end == cuts.end() { cuts.space } else { 0.0 },
        };
        word.frags
            .extend(cuts.segments(start, end).map(|(text, face)| Frag {
                text: text.into(),
                face,
                width: 0.0,
            }));
        if hyphen && let Some(last) = word.frags.last_mut() {
            last.text.push('-');
        }
        self.measure(&mut word);
        word
    }

    /// The width of [`Typesetter::piece`]`(cuts, start, end, hyphen)`, to the bit, without
    /// building it: the breaker measures every break point of a paragraph's words, and builds
    /// only the lines it keeps.
    pub(super) fn piece_width(&self, cuts: &Cuts, start: usize, end: usize, hyphen: bool) -> f32 {
        let mut segments = cuts.segments(start, end).peekable();
        // the pieces' widths summed as `measure` sums its frags'
        std::iter::from_fn(|| {
            let (text, face) = segments.next()?;
            let hyphen = hyphen && segments.peek().is_none();
            Some(self.widths.hyphenated(self.fonts, text, hyphen, face))
        })
        .sum()
    }

    /// The width of the rest of the word of `cuts` from `start`, unless it is surely wider than
    /// `limit`.
    pub(super) fn rest_width(&self, cuts: &Cuts, start: usize, limit: f32) -> Option<f32> {
        (cuts.end() < cuts.reach(start, limit))
            .then(|| self.piece_width(cuts, start, cuts.end(), false))
    }

    /// The word of `cuts` from `start` split at the last break point whose first part, with its
    /// hyphen, fits in `room`: that part and where the rest starts.
    pub(super) fn split(
        &self,
        cuts: &Cuts,
        start: usize,
        room: f32,
        patterns: bool,
    ) -> Option<(Word, usize)> {
        let mut points = self.points(cuts, start, room, patterns);
        points.sort_unstable_by(|a, b| b.cmp(a));
        points.into_iter().find_map(|(j, hyphen)| {
            let head = self.piece(cuts, start, j, hyphen);
            (head.width <= room + EPSILON).then_some((head, j))
        })
    }

    /// Where the word of `cuts` may break after `start`, each point with whether a hyphen is set
    /// there, unordered; those whose first part is surely wider than `room` are left out (the
    /// rest are not measured). A word with a hyphen of its own may break after it, without a
    /// second one, in any paragraph (as in Word); with `patterns`, letters are hyphenated too, at
    /// least two each side.
    pub(super) fn points(
        &self,
        cuts: &Cuts,
        start: usize,
        room: f32,
        patterns: bool,
    ) -> Vec<(usize, bool)> {
        let end = cuts.end();
        // break points from `reach` on leave a first part too wide: only those before it count
        let reach = cuts.reach(start, room + EPSILON);
        let letter = |i: usize| cuts.letters[i + 1] > cuts.letters[i];
        let mut points: Vec<(usize, bool)> = Vec::new();
        if patterns {
            let mut i = start;
            while i < reach.min(end) {
                if !letter(i) {
                    i += 1;
                    continue;
                }
                let from = i;
                // a long run only as far as the patterns matter for the breaks before `reach`
                let stop = end.min(reach + MARGIN);
                while i < stop && letter(i) {
                    i += 1;
                }
                if i - from >= 2 * MIN_PART {
                    let run = &cuts.text[cuts.at[from]..cuts.at[i]];
                    with_breaks(self.hyphenator, run, |breaks| {
                        for &b in breaks {
                            // not at a character's start where the patterns' lower case is longer
                            // than the text (a few letters, such as «Ⱥ»): no break there
                            // (nor past the run: the patterns' offsets can run beyond it then)
                            if let Ok(j) = cuts.at.binary_search(&(cuts.at[from] + b))
                                && j < reach
                                && j <= i
                                && j - from >= MIN_PART
                                && i - j >= MIN_PART
                            {
                                points.push((j, true));
                            }
                        }
                    });
                }
            }
        }
        // after a hyphen of the word's own
        for i in start..reach - 1 {
            if cuts.text.as_bytes()[cuts.at[i]] == b'-'
                && cuts.letters[i] - cuts.letters[start] >= MIN_PART
                && cuts.letters[end] - cuts.letters[i + 1] >= MIN_PART
            {
                points.push((i + 1, false));
            }
        }
        points
    }

    /// The word of `cuts` from `start` cut after its last character that fits in `room`, at
    /// least one: that part and where the rest starts; `None` for a single character.
    pub(super) fn force(&self, cuts: &Cuts, start: usize, room: f32) -> Option<(Word, usize)> {
        let reach = cuts.reach(start, room + EPSILON);
        // where the piece may be cut: before each character after its first (byte offsets)
        let at = &cuts.at[start + 1..cuts.end()];
        // a prefix grows wider with every character, so the cuts that fit come first (the
        // search measuring every cut made: the same probes, those from `reach` on unmeasured)
        let fit = at.partition_point(|&b| {
            let j = cuts.at.partition_point(|&x| x < b);
            j < reach && self.piece(cuts, start, j, false).width <= room + EPSILON
        });
        let j = start + 1 + fit.saturating_sub(1);
        (j < cuts.end()).then(|| (self.piece(cuts, start, j, false), j))
    }
}

#[cfg(test)]
mod tests {
    use genpdf::fonts::FontCache;

    use super::*;
    use crate::document;
    use crate::write::pdf::test_meta;
    use crate::write::pdf::widths::Widths;

    fn word(t: &Typesetter, text: &str) -> Word {
        let run = document::Run {
            text: text.into(),
            bold: false,
            italic: false,
        };
        t.words(&vec![run], false).remove(0)
    }

    /// The text of the word of `cuts` from `start` on.
    fn rest(t: &Typesetter, cuts: &Cuts, start: usize) -> String {
        t.piece(cuts, start, cuts.end(), false).text()
    }

    #[test]
    fn hyphenates_russian_keeping_two_letters_each_side() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let w = word(&t, "ответственность");
        let c = t.cuts(&w);
        let (head, at) = t.split(&c, 0, w.width - 1.0, true).expect("a break");
        assert!(head.text().ends_with('-'));
        assert_eq!(
            head.text().trim_end_matches('-').to_string() + &rest(&t, &c, at),
            "ответственность"
        );
        // the narrowest break still leaves two letters
        let (head, _) = t.split(&c, 0, 8.0, true).expect("a break near the start");
        assert!(head.text().chars().count() >= 3, "{}", head.text());
        assert!(t.split(&c, 0, 1.0, true).is_none());
    }

    #[test]
    fn breaks_a_compound_word_after_its_own_hyphen_only_once() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let w = word(&t, "нормативно-правовыми");
        let c = t.cuts(&w);
        let prefix = t.width("нормативно-", Face::default());
        let (head, at) = t.split(&c, 0, prefix + 0.5, true).expect("a break");
        assert_eq!(head.text(), "нормативно-");
        assert_eq!(rest(&t, &c, at), "правовыми");
    }

    #[test]
    fn cuts_an_unbreakable_word_after_the_last_character_that_fits() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let w = word(&t, "1234567890");
        let c = t.cuts(&w);
        let room = t.width("12345", Face::default()) + 0.1;
        let (head, at) = t.force(&c, 0, room).expect("a cut");
        assert_eq!(
            (head.text().as_str(), rest(&t, &c, at).as_str()),
            ("12345", "67890")
        );
        // at least one character a line, however narrow
        let (head, _) = t.force(&c, 0, 0.1).expect("a cut");
        assert_eq!(head.text(), "1");
        assert!(t.force(&t.cuts(&word(&t, "1")), 0, 0.1).is_none());
    }

    /// `split` hyphenates a long run of letters only MARGIN letters past where a line could
    /// break it: the breaks before that are those of the whole run.
    #[test]
    fn hyphenates_a_prefix_of_a_run_as_the_whole_run_short_of_its_end() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let letters: Vec<char> = ('а'..='я').chain('А'..='Я').collect();
        let mut seed = 7_u32;
        let run: String = (0..600)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                // mostly lower case, as text is
                letters[(seed >> 16) as usize % (letters.len() + 64) % letters.len()]
            })
            .collect();
        let at: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
        let whole = t.hyphenator.hyphenate(&run).breaks;
        for end in (MARGIN + 1..at.len()).step_by(3) {
            let kept = |breaks: Vec<usize>| -> Vec<usize> {
                breaks
                    .into_iter()
                    .filter(|&b| b < at[end - MARGIN])
                    .collect()
            };
            let prefix = t.hyphenator.hyphenate(&run[..at[end]]).breaks;
            assert_eq!(kept(prefix), kept(whole.clone()), "{} letters", end);
        }
        // exceptions are whole words, none as long as a prefix `split` hyphenates
        let exceptions = &t.hyphenator.exceptions.0;
        assert!(exceptions.keys().all(|w| w.chars().count() <= MARGIN));
    }

    /// The breaker measures pieces without building them: to the bit what building them gives,
    /// in several faces, with a hyphen or not.
    #[test]
    fn measures_a_piece_as_built() {
        in_three_faces(
            ["AVAVTAWA-ответ", "ственность«ТоТу»", "ёлка-Ⱥ\u{fb01}"],
            |t, c| {
                for start in 0..c.end() {
                    for end in start..=c.end() {
                        for hyphen in [false, true] {
                            let built = t.piece(c, start, end, hyphen).width;
                            let measured = t.piece_width(c, start, end, hyphen);
                            assert_eq!(
                                measured.to_bits(),
                                built.to_bits(),
                                "{start}..{end} {hyphen}"
                            );
                        }
                    }
                }
            },
        );
    }

    /// The breaks are exactly those measuring every candidate gives only if `reach` rules out
    /// none but pieces wider than the room: here in three faces, with kerned pairs.
    #[test]
    fn rules_out_only_pieces_wider_than_the_room() {
        in_three_faces(
            ["AVAVTAWAУАТАГА-", "ответственностьAVAV", "ТоТуAVA-ывзаимо"],
            |t, c| {
                for start in (0..c.end()).step_by(4) {
                    for end in (start + 1..=c.end()).step_by(3) {
                        let limit = t.piece(c, start, end, false).width;
                        let reach = c.reach(start, limit);
                        assert!(reach > end, "{start}..{end} ruled out of its own width");
                        for j in reach..=c.end().min(reach + 3) {
                            for hyphen in [false, true] {
                                assert!(t.piece(c, start, j, hyphen).width > limit, "{start}..{j}");
                            }
                        }
                    }
                }
            },
        );
    }

    /// Calls `check` with a typesetter at 14 pt and the cuts of one word written in three runs:
    /// regular, bold, italic.
    fn in_three_faces(texts: [&str; 3], check: impl FnOnce(&Typesetter, &Cuts)) {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let runs: Vec<document::Run> = texts
            .iter()
            .zip([(false, false), (true, false), (false, true)])
            .map(|(text, (bold, italic))| document::Run {
                text: (*text).into(),
                bold,
                italic,
            })
            .collect();
        let w = t.words(&runs, false).remove(0);
        check(&t, &t.cuts(&w));
    }
}
