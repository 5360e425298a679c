//! Line breaking: a paragraph's words measured in their faces, broken into lines first fit as
//! word processors break them (hyphenating where a word does not fit), and placed, justified
//! lines word by word with the spare width shared among the gaps (genpdf cannot justify).

use genpdf::style::Style;

use super::EPSILON;
use super::text::{Face, Placed, style};
use super::typeset::Typesetter;
use crate::document::Line;
use crate::write::page::PAGE;

/// How the lines of a paragraph sit between its edges.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    /// Both edges, except a paragraph's last line and a line before a hard break.
    Justify,
}

/// A paragraph to set.
pub(super) struct Para<'a> {
    pub(super) lines: &'a [Line],
    pub(super) align: Align,
    /// Left edge of every line.
    pub(super) left: f32,
    /// Width from the left edge.
    pub(super) width: f32,
    /// Extra indent of the first line.
    pub(super) first: f32,
    /// Everything bold (title, headings).
    pub(super) bold: bool,
    pub(super) hyphenate: bool,
}

/// A piece of a word in one face.
#[derive(Clone, Debug)]
pub(super) struct Frag {
    pub(super) text: String,
    pub(super) face: Face,
    pub(super) width: f32,
}

/// A word: what lies between spaces, maybe in several faces.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub(super) frags: Vec<Frag>,
    pub(super) width: f32,
    /// The natural width of the space after it.
    pub(super) space: f32,
}

impl Word {
    /// The word's text, all faces.
    pub(super) fn text(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }
}

impl Typesetter<'_> {
    fn style(&self, face: Face) -> Style {
        style(self.size, face)
    }

    /// The width of `text` in `face`.
    pub(super) fn width(&self, text: &str, face: Face) -> f32 {
        self.style(face).str_width(self.fonts, text).into()
    }

    /// The lines of `para`, each a list of placed texts.
    pub(super) fn lines(&self, para: &Para) -> Vec<Vec<Placed>> {
        let mut out = Vec::new();
        for hard in para.lines {
            let words = self.words(hard, para.bold);
            let first = out.is_empty();
            let broken = self.break_words(&words, para, first);
            let n = broken.len();
            for (i, line) in broken.into_iter().enumerate() {
                let indent = if first && i == 0 { para.first } else { 0.0 };
                let justify = para.align == Align::Justify && i + 1 < n;
                out.push(self.place(line, para, indent, justify));
            }
        }
        out
    }

    /// The words of a line, each with its pieces measured.
    pub(super) fn words(&self, line: &Line, bold: bool) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut current: Option<Word> = None;
        for run in line {
            let face = Face {
                bold: run.bold || bold,
                italic: run.italic,
            };
            for c in run.text.chars() {
                if matches!(c, ' ' | '\t' | '\n' | '\r') {
                    if let Some(mut word) = current.take() {
                        word.space = self.width(" ", face);
                        words.push(word);
                    }
                    continue;
                }
                let word = current.get_or_insert_with(|| Word {
                    frags: Vec::new(),
                    width: 0.0,
                    space: 0.0,
                });
                match word.frags.last_mut() {
                    Some(frag) if frag.face == face => frag.text.push(c),
                    _ => word.frags.push(Frag {
                        text: c.to_string(),
                        face,
                        width: 0.0,
                    }),
                }
            }
        }
        words.extend(current);
        for word in &mut words {
            self.measure(word);
        }
        words
    }

    /// Measures each piece of `word` and the whole.
    pub(super) fn measure(&self, word: &mut Word) {
        for frag in &mut word.frags {
            frag.width = self.width(&frag.text, frag.face);
        }
        word.width = word.frags.iter().map(|f| f.width).sum();
    }

    /// First fit, as word processors break lines: a word that does not fit is hyphenated when
    /// a part of it fits, else moved to the next line, and cut there if wider than the line.
    /// A word that could go whole to the next line is moved there rather than hyphenated after
    /// [`Hyphenation::consecutive`](crate::write::page::Hyphenation::consecutive) hyphenated lines
    /// in a row, within [`Hyphenation::zone`](crate::write::page::Hyphenation::zone) of
    /// the line's end, and when it is the last word, so that no last line is the rest of a
    /// hyphenated word («воспитате-/ля.»).
    fn break_words(&self, words: &[Word], para: &Para, first: bool) -> Vec<Vec<Word>> {
        let rules = PAGE.hyphenation;
        let zone = rules.zone.to_mm();
        let mut out: Vec<Vec<Word>> = Vec::new();
        let mut hyphenated: Vec<bool> = Vec::new();
        let mut line: Vec<Word> = Vec::new();
        let mut used = 0.0;
        // the room of the line after `out`
        let room_after = |out: &[Vec<Word>]| {
            para.width
                - if first && out.is_empty() {
                    para.first
                } else {
                    0.0
                }
        };
        for (i, word) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            let gap = line.last().map_or(0.0, |w| w.space);
            if used + gap + word.width <= room_after(&out) + EPSILON {
                used += gap + word.width;
                line.push(word.clone());
                continue;
            }
            // Set piece by piece from here, `start` being the character where the rest begins.
            let cuts = self.cuts(word);
            let mut start = 0;
            loop {
                let (room, gap) = (room_after(&out), line.last().map_or(0.0, |w| w.space));
                // a word at a line's start is broken all the same: cutting it would be worse
                let may_break = line.is_empty()
                    || !(last
                        || room - used <= zone + EPSILON
                        || (rules.consecutive > 0
                            && out.len() >= rules.consecutive
                            && hyphenated[out.len() - rules.consecutive..]
                                .iter()
                                .all(|&h| h)));
                if let Some((head, next)) = may_break
                    .then(|| self.split(&cuts, start, room - used - gap, para.hyphenate))
                    .flatten()
                {
                    line.push(head);
                    out.push(std::mem::take(&mut line));
                    hyphenated.push(true);
                    used = 0.0;
                    start = next;
                } else if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    hyphenated.push(false);
                    used = 0.0;
                } else if let Some((head, next)) = self.force(&cuts, start, room) {
                    // Wider than the line with no break point that fits: cut after the last
                    // character that fits, as Word does, rather than run off the page.
                    out.push(vec![head]);
                    hyphenated.push(false);
                    start = next;
                } else {
                    out.push(vec![self.piece(&cuts, start, cuts.end(), false)]);
                    hyphenated.push(false);
                    break;
                }
                // the rest, at the start of a line now, whole if it fits
                let room = room_after(&out);
                if let Some(rest) = self
                    .rest(&cuts, start, room + EPSILON)
                    .filter(|rest| used + rest.width <= room + EPSILON)
                {
                    used += rest.width;
                    line.push(rest);
                    break;
                }
            }
        }
        if !line.is_empty() || out.is_empty() {
            out.push(line);
            hyphenated.push(false);
        }
        out
    }

    /// The words of one line placed: justified lines word by word with the spare width shared
    /// among the gaps, other lines as runs of text.
    fn place(&self, words: Vec<Word>, para: &Para, indent: f32, justify: bool) -> Vec<Placed> {
        let room = para.width - indent;
        let count = words.len();
        let natural: f32 = words.iter().map(|w| w.width).sum::<f32>()
            + words
                .iter()
                .take(count.saturating_sub(1))
                .map(|w| w.space)
                .sum::<f32>();
        let stretch = if justify && count > 1 {
            ((room - natural) / (count - 1) as f32).max(0.0)
        } else {
            0.0
        };
        let mut x = para.left
            + indent
            + match para.align {
                Align::Center => ((room - natural) / 2.0).max(0.0),
                Align::Left | Align::Justify => 0.0,
            };
        let mut placed: Vec<Placed> = Vec::new();
        for (i, word) in words.into_iter().enumerate() {
            let last = i + 1 == count;
            let frags = word.frags.len();
            for (j, mut frag) in word.frags.into_iter().enumerate() {
                // The space glyph is drawn too: extracted text gets real spaces.
                if j + 1 == frags && !last {
                    frag.text.push(' ');
                }
                match placed.last_mut() {
                    // runs of one face go out whole, unless the gaps are stretched
                    Some(p) if stretch == 0.0 && p.face == frag.face => p.text.push_str(&frag.text),
                    _ => placed.push(Placed {
                        x,
                        y: 0.0,
                        text: frag.text,
                        face: frag.face,
                    }),
                }
                x += frag.width;
            }
            if !last {
                x += word.space + stretch;
            }
        }
        placed
    }
}

#[cfg(test)]
mod tests {
    use genpdf::fonts::FontCache;

    use super::*;
    use crate::document;
    use crate::write::page::PAGE;
    use crate::write::pdf::test_meta;

    /// A justified, hyphenated body paragraph of `line` across the text width.
    fn body(line: &document::Line) -> Para<'_> {
        Para {
            lines: std::slice::from_ref(line),
            align: Align::Justify,
            left: 0.0,
            width: PAGE.text_width().to_mm(),
            first: PAGE.indent.to_mm(),
            bold: false,
            hyphenate: true,
        }
    }

    fn run(text: &str) -> document::Line {
        vec![document::Run {
            text: text.into(),
            bold: false,
            italic: false,
        }]
    }

    /// The text of each line as set.
    fn texts(lines: &[Vec<Placed>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|p| p.text.as_str()).collect::<String>())
            .map(|l| l.trim_end().to_string())
            .collect()
    }

    /// Issue 12: «воспитате-/ля.» ended paragraphs. Whatever the width, the last word is set
    /// whole on the last line; the other words are hyphenated all the same.
    #[test]
    fn never_hyphenates_a_paragraphs_last_word() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let line = run("Руководит работой воспитателей и контролирует деятельность воспитателя.");
        let (mut moved, mut hyphenated) = (0, 0);
        for tenth in 400..1700 {
            let width = tenth as f32 / 10.0;
            let para = Para {
                width,
                first: 0.0,
                ..body(&line)
            };
            let lines = texts(&t.lines(&para));
            let last = lines.last().unwrap();
            assert!(last.ends_with("воспитателя."), "{width} mm: {lines:?}");
            hyphenated += lines.iter().filter(|l| l.ends_with('-')).count();
            // the last word would have been broken: its head fits after the line before it
            let before = &lines[lines.len().saturating_sub(2)];
            if last == "воспитателя."
                && t.width(&format!("{before} воспита-"), Face::default()) <= width
            {
                moved += 1;
            }
        }
        assert!(moved > 0, "the rule never applied");
        assert!(hyphenated > 0, "nothing was hyphenated");
        // a last word wider than the line is still hyphenated, not cut
        let para = Para {
            width: 20.0,
            first: 0.0,
            ..body(&line)
        };
        let lines = texts(&t.lines(&para));
        assert_eq!(lines[lines.len() - 2..], ["воспита-", "теля."], "{lines:?}");
    }

    /// Issue 12: up to six hyphenated lines followed in a row.
    #[test]
    fn hyphenates_no_more_than_two_lines_in_a_row() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let words = [
            "представителей",
            "межрегиональной",
            "соответствующих",
            "государственных",
            "документацию",
            "воспитательной",
            "систематизирует",
            "внешнеэкономической",
            "консультирует",
        ];
        let text: Vec<&str> = (0..120).map(|k| words[k * 7 % words.len()]).collect();
        let line = run(&text.join(" "));
        let mut longest = 0;
        for width in (60..=170).step_by(2) {
            let para = Para {
                width: width as f32,
                ..body(&line)
            };
            let lines = texts(&t.lines(&para));
            let mut in_a_row = 0;
            for l in &lines {
                in_a_row = if l.ends_with('-') { in_a_row + 1 } else { 0 };
                assert!(in_a_row <= 2, "{width} mm: {lines:?}");
                longest = longest.max(in_a_row);
            }
        }
        assert_eq!(longest, 2, "two in a row are allowed");
    }

    /// A word is moved whole rather than hyphenated when the line without it would leave no more
    /// than the hyphenation zone free (DOCX's `w:hyphenationZone`, the same in Word).
    #[test]
    fn leaves_a_word_whole_within_the_hyphenation_zone() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 12, &test_meta()).unwrap();
        let line = run("Слово задания выполняются.");
        let width = t.width("Слово за-", Face::default()) + 0.2;
        let zone = PAGE.hyphenation.zone.to_mm();
        assert!(
            width - t.width("Слово", Face::default()) <= zone,
            "a room within the zone"
        );
        // «за-» is a break the patterns allow, and it fits
        let word = t.words(&run("задания"), false).remove(0);
        let cuts = t.cuts(&word);
        let room = width - t.width("Слово ", Face::default());
        let (head, _) = t.split(&cuts, 0, room, true).expect("a break after «за»");
        assert_eq!(head.text(), "за-");
        let para = Para {
            width,
            first: 0.0,
            ..body(&line)
        };
        assert_eq!(texts(&t.lines(&para))[0], "Слово");
    }

    #[test]
    fn justifies_all_but_the_last_line() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let line = run(&"слово ".repeat(60));
        let para = body(&line);
        let lines = t.lines(&para);
        assert!(lines.len() > 2);
        assert!((lines[0][0].x - PAGE.indent.to_mm()).abs() < EPSILON);
        for line in &lines[..lines.len() - 1] {
            let last = line.last().unwrap();
            let end = last.x + t.width(last.text.trim_end(), last.face);
            assert!(
                (end - PAGE.text_width().to_mm()).abs() < 0.05,
                "line ends at {end}"
            );
        }
    }

    /// Issue 11: the cost of a long word grew with the cube of its length, and setting this one
    /// took hours. The test finishing within the normal run is the assertion (no timing: CI
    /// machines differ); every letter is checked to be set once, in order, within the line.
    #[test]
    fn sets_a_word_of_twenty_thousand_letters_in_a_paragraph_and_a_table_cell() {
        let fonts = FontCache::new(super::super::family().unwrap());
        let t = Typesetter::new(&fonts, 14, &test_meta()).unwrap();
        let letters: Vec<char> = ('а'..='я').collect();
        let mut seed = 11_u32;
        let word: String = (0..20_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                letters[(seed >> 16) as usize % letters.len()]
            })
            .collect();
        let line = vec![document::Run {
            text: format!("Слово {word} после"),
            bold: false,
            italic: false,
        }];
        let body = body(&line);
        let cell = Para {
            align: Align::Center,
            left: 20.0,
            width: 40.0,
            first: 0.0,
            hyphenate: false,
            ..body
        };
        for para in [body, cell] {
            let lines = t.lines(&para);
            let mut text = String::new();
            for line in &lines {
                let last = line.last().unwrap();
                let end = last.x + t.width(last.text.trim_end(), last.face);
                assert!(end <= para.left + para.width + 0.05, "line ends at {end}");
                let set: String = line.iter().map(|p| p.text.as_str()).collect();
                text += set.trim_end().strip_suffix('-').unwrap_or(set.trim_end());
            }
            assert_eq!(text.replace(' ', ""), format!("Слово{word}после"));
            let hyphenated = lines
                .iter()
                .filter(|l| l.last().unwrap().text.ends_with('-'));
            assert_eq!(hyphenated.count() > 0, para.hyphenate);
        }
    }
}
