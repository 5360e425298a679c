//! Line breaking: a paragraph's words measured in their faces, broken into lines (a justified
//! paragraph as a whole, for evenly spaced lines; others first fit, as word processors break
//! them), hyphenating where the rules allow, and placed, justified lines word by word with the
//! spare width shared among the gaps, or the missing one taken from them (genpdf cannot
//! justify).

use std::cell::RefCell;
use std::rc::Rc;

use super::EPSILON;
use super::hyphenate::{Cuts, patterns_key};
use super::text::{Face, Placed};
use super::typeset::Typesetter;
use crate::document::Line;
use crate::write::memo::Memo;
use crate::write::page::Hyphenation;

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
#[derive(Clone, Debug, Default)]
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

/// The cost of a line of a justified paragraph as Knuth and Plass weigh it (TeX's values): the
/// square of this plus its badness, the badness being 100 at spaces stretched by half their width
/// or shrunk as far as they may…
const LINE_PENALTY: f64 = 10.0;
/// …plus the square of this for a hyphen…
const HYPHEN_PENALTY: f64 = 50.0;
/// …and this for a second hyphen in a row.
const DOUBLE_HYPHEN: f64 = 10_000.0;
/// How far spaces stretch at badness 100, in their widths.
const STRETCH: f64 = 0.5;

/// How many bytes of set paragraphs [`Typesetter::lines`] keeps per thread (a role's are some
/// 300 KB).
const PARAGRAPHS_KEPT: usize = 8 << 20;
/// How many bytes of words measured for breaking [`Typesetter::measured`] keeps per thread (a
/// role's are some 400 KB).
const WORDS_KEPT: usize = 4 << 20;

/// A place in a paragraph's words where a line may start: before character `char` of word
/// `word`, 0 for the word's start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct At {
    word: usize,
    char: usize,
}

/// A way to end a line: plain numbers, so that a paragraph's thousands are dropped at once.
#[derive(Clone, Copy)]
struct End {
    /// Where the next line starts.
    next: At,
    /// The line's natural width.
    width: f32,
    /// The natural width of its spaces.
    spaces: f32,
    /// The head of a word broken at the line's end.
    head: Option<Head>,
    /// The line is that head alone: a piece of a word wider than a line.
    alone: bool,
    /// The line ends inside a word (hyphenated, or after a hyphen of the word's own).
    broken: bool,
}

/// The head of a word broken at a line's end.
#[derive(Clone, Copy)]
enum Head {
    /// The word where the next line starts, up to that line's start, with a hyphen or not: built
    /// only for the lines of the best way.
    Point { hyphen: bool },
    /// A piece of a word wider than a line, built to find where it breaks: its place in the
    /// paragraph's list of them.
    Piece(usize),
}

/// A line found on a way through a paragraph: built only if the way is the best.
#[derive(Clone, Copy)]
struct Found {
    /// Where it starts.
    start: At,
    /// Its end.
    end: End,
}

/// What breaking a paragraph up to a place costs, compared rule breaks first.
#[derive(Clone, Copy, Default)]
struct Cost {
    /// Last lines after a broken word: only where a word wider than a line leaves no other way.
    broken_rules: u32,
    /// The lines' demerits.
    demerits: f64,
}

impl Cost {
    fn better(&self, other: &Cost) -> bool {
        (self.broken_rules, self.demerits) < (other.broken_rules, other.demerits)
    }
}

/// The best way found to a line's start.
struct Node {
    cost: Cost,
    /// The node of the line start before (in the paragraph's list of them).
    prev: Option<usize>,
    /// The line from there (none before the first).
    line: Option<Found>,
}

/// A word measured for breaking.
struct Breaks {
    cuts: Cuts,
    /// Its break points, for a word no wider than a line.
    points: Vec<Point>,
}

/// A place where a word may break, its pieces measured (built only for the lines kept).
struct Point {
    /// The character its rest starts with.
    at: usize,
    /// Whether a hyphen is set after the head.
    hyphen: bool,
    /// The width of the head, with its hyphen if one is set.
    head: f32,
    /// The width of the rest.
    rest: f32,
}

/// The lists [`Typesetter::break_words`] fills, kept per thread and emptied after each paragraph
/// (growing them anew for each paragraph, a copy at every doubling, cost a batch of 11 roles some
/// 27 M instructions), and dropped after one that left them larger than [`SEARCH_KEPT`].
#[derive(Default)]
struct Search {
    /// Each word measured for breaking, once a paragraph (see [`Typesetter::breaks`]).
    cache: Vec<Option<Rc<Breaks>>>,
    /// The best ways found to the places where lines start.
    nodes: Vec<Node>,
    /// The places where lines start, each with where its nodes start in `by_run`.
    open: Vec<(At, usize)>,
    /// A place's nodes by count of hyphenated lines before it.
    by_run: Vec<Option<usize>>,
    /// The ends of the lines from the place being weighed.
    ends: Vec<End>,
    /// The pieces of words the ends' heads refer to, for the whole paragraph.
    pieces: Vec<Word>,
    /// The demerits of each of `ends`.
    weights: Vec<f64>,
    /// The nodes at the paragraph's end, by their count of hyphenated lines.
    finals: Vec<usize>,
}

/// The most bytes of lists a thread keeps for the next paragraph: a paragraph of a few hundred
/// words takes about a megabyte; a longer one's lists are dropped after it.
const SEARCH_KEPT: usize = 1 << 20;

impl Search {
    /// The bytes its lists hold.
    fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.cache.capacity() * size_of::<Option<Rc<Breaks>>>()
            + self.nodes.capacity() * size_of::<Node>()
            + self.open.capacity() * size_of::<(At, usize)>()
            + self.by_run.capacity() * size_of::<Option<usize>>()
            + self.ends.capacity() * size_of::<End>()
            + self.pieces.capacity() * size_of::<Word>()
            + self.weights.capacity() * size_of::<f64>()
            + self.finals.capacity() * size_of::<usize>()
    }
}

/// Whether `run` hyphenated lines in a row are as many as `rules` allow: the next line's end
/// cannot break a word, unless a word wider than a line leaves no other way.
fn too_many(rules: &Hyphenation, run: usize) -> bool {
    rules.consecutive > 0 && run >= rules.consecutive
}

/// The demerits of line `end` in `room`, the paragraph's `last` or not, but for
/// [`DOUBLE_HYPHEN`] (a line's ends are weighed once, for all counts of hyphenated lines before
/// it); `space` is the width of a space, which a word alone on a line would stretch, and `shrink`
/// the part of their width spaces may lose. The last line and a piece of a word alone are not
/// justified: they cost a line.
fn demerits(end: &End, room: f32, space: f32, shrink: f32, last: bool) -> f64 {
    let slack = f64::from(room - end.width);
    let spaces = f64::from(end.spaces);
    let shrink = f64::from(shrink);
    let badness = if last || end.alone {
        0.0
    } else if slack >= 0.0 {
        // a word alone stretches the space after it, off the line
        let spaces = if spaces > 0.0 {
            spaces
        } else {
            f64::from(space)
        };
        100.0 * (slack / (spaces * STRETCH)).powi(3)
    } else {
        // shrunk no further than the spaces may be
        100.0 * (-slack / (spaces * shrink)).min(1.0).powi(3)
    };
    let mut demerits = (LINE_PENALTY + badness).powi(2);
    if end.broken {
        demerits += HYPHEN_PENALTY.powi(2);
    }
    demerits
}

impl Typesetter<'_> {
    /// The width of `text` in `face`.
    pub(super) fn width(&self, text: &str, face: Face) -> f32 {
        self.widths.width(self.fonts, text, face)
    }

    /// The lines of `para`, each a list of placed texts. A paragraph is set once per process and
    /// thread: documents repeat theirs (the roles of a batch share most of their text, a role's
    /// documents their heads and signature lines), and the same paragraph in the same place is
    /// set the same.
    pub(super) fn lines(&self, para: &Para) -> Vec<Vec<Placed>> {
        thread_local! {
            static SET: RefCell<Memo<Vec<Vec<Placed>>>> = RefCell::new(Memo::new(PARAGRAPHS_KEPT));
        }
        let key = self.paragraph_key(para);
        if let Some(lines) = SET.with_borrow(|set| set.get(&key)) {
            return lines;
        }
        let lines = self.set_lines(para);
        // a placed text is its words' bytes again and a string and a position for each
        let size = lines
            .iter()
            .flatten()
            .map(|p| std::mem::size_of::<Placed>() + p.text.capacity())
            .sum();
        SET.with_borrow_mut(|set| set.insert(&key, lines.clone(), size));
        lines
    }

    /// What the lines of `para` depend on: its text and faces, its place, and the size, patterns
    /// and page it is set with (the pages live as long as the process, as the patterns do, so
    /// their addresses name them).
    fn paragraph_key(&self, para: &Para) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(512);
        bytes.extend_from_slice(&patterns_key(self.hyphenator));
        let page = std::ptr::from_ref(self.page) as usize;
        for n in [usize::from(self.size), page, para.lines.len()] {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
        for x in [para.left, para.width, para.first] {
            bytes.extend_from_slice(&x.to_bits().to_le_bytes());
        }
        bytes.extend_from_slice(&[
            para.align as u8,
            u8::from(para.bold),
            u8::from(para.hyphenate),
        ]);
        for line in para.lines {
            bytes.extend_from_slice(&line.len().to_le_bytes());
            for run in line {
                bytes.extend_from_slice(&run.text.len().to_le_bytes());
                bytes.extend_from_slice(run.text.as_bytes());
                bytes.extend_from_slice(&[u8::from(run.bold), u8::from(run.italic)]);
            }
        }
        bytes
    }

    /// The lines of `para` set.
    fn set_lines(&self, para: &Para) -> Vec<Vec<Placed>> {
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
            // the text between separators joins the word being read, a piece at a time
            let mut rest = run.text.as_str();
            loop {
                let end = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
                let (text, after) = rest.split_at(end);
                if !text.is_empty() {
                    let word = current.get_or_insert_with(Word::default);
                    match word.frags.last_mut() {
                        Some(frag) if frag.face == face => frag.text.push_str(text),
                        _ => word.frags.push(Frag {
                            text: text.into(),
                            face,
                            width: 0.0,
                        }),
                    }
                }
                let mut separator = after.chars();
                if separator.next().is_none() {
                    break;
                }
                if let Some(mut word) = current.take() {
                    word.space = self.width(" ", face);
                    words.push(word);
                }
                rest = separator.as_str();
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

    /// The lines of a hard line's `words`. A justified paragraph is broken as a whole (Knuth and
    /// Plass's total fit): of the ways to break it, the one whose lines are spaced most evenly,
    /// spaces shrinking to [`Justification::min_space`](crate::write::page::Justification) of
    /// their width or stretching, with a cost for each hyphen, under the rules of
    /// [`Hyphenation`](crate::write::page::Hyphenation): no more than
    /// [`consecutive`](crate::write::page::Hyphenation::consecutive) hyphenated lines in a row, no
    /// hyphen within [`zone`](crate::write::page::Hyphenation::zone) of a line's end, none in a
    /// paragraph's last word, and none ending the line before its last («…воспитате-/ля.», «…гене-
    /// рально-/го директора.»), unless a word wider than a line leaves no other way. Other
    /// paragraphs (headings, cells) are broken first fit, as word processors break lines: each
    /// line the longest that fits.
    fn break_words(&self, words: &[Word], para: &Para, first: bool) -> Vec<Vec<Word>> {
        if words.is_empty() {
            return vec![Vec::new()];
        }
        let justify = para.align == Align::Justify;
        let space = self.width(
            " ",
            Face {
                bold: para.bold,
                italic: false,
            },
        );
        // hyphenated lines in a row are counted up to the limit (at least one: the last line's rule)
        let cap = self.page.hyphenation.consecutive.max(1);
        let end = At {
            word: words.len(),
            char: 0,
        };
        thread_local! {
            static SEARCH: RefCell<Search> = RefCell::default();
        }
        let mut search = SEARCH.take();
        let Search {
            cache,
            nodes,
            open,
            by_run,
            ends,
            pieces,
            weights,
            finals,
        } = &mut search;
        cache.resize(words.len(), None);
        // The best way to each line start and count of hyphenated lines before it, found in the
        // order of the starts: every line ends after where it starts. The nodes are kept in a
        // list; `open` holds the places where lines start in order, those before `done` done,
        // each with where its nodes by count of hyphenated lines start in `by_run` (`cap` + 1 of
        // them, none where no way leads).
        nodes.push(Node {
            cost: Cost::default(),
            prev: None,
            line: None,
        });
        open.push((At::default(), 0));
        by_run.resize(cap + 1, None);
        by_run[0] = Some(0);
        let mut done = 0;
        let rules = self.page.hyphenation;
        let shrink = self.page.justification.shrink();
        while let Some(&(start, base)) = open.get(done) {
            done += 1;
            let runs = base..base + cap + 1;
            if start == end {
                finals.extend(by_run[runs].iter().flatten().copied());
                continue;
            }
            let room = para.width
                - if first && start == At::default() {
                    para.first
                } else {
                    0.0
                };
            // The lines from here are the same after any count of hyphenated lines, but for the
            // rule against too many in a row, which only drops broken ends after the most: found
            // for the least count (the most ends), they are weighed once for all counts.
            let least = by_run[runs].iter().position(Option::is_some).unwrap_or(0);
            // the nodes keep the ends they take: the place's are dropped after it
            ends.clear();
            weights.clear();
            self.ends(words, cache, para, (start, least), room, (ends, pieces));
            weights.extend(
                ends.iter()
                    .map(|e| demerits(e, room, space, shrink, e.next == end)),
            );
            let found = 0..ends.len();
            for run in 0..=cap {
                let Some(index) = by_run[base + run] else {
                    continue;
                };
                // no broken word at the line's end after too many hyphens in a row: those are
                // the ends of a line that are broken and not a piece of a word alone
                let allowed = |i: &usize| {
                    let e: &End = &ends[*i];
                    !(e.broken && !e.alone && too_many(&rules, run))
                };
                // first fit: the line that takes the most
                let longest = if justify {
                    None
                } else {
                    found.clone().rev().find(allowed)
                };
                let before = nodes[index].cost;
                // the ends come in order of where the next line starts: each is looked for in
                // `open` past where the one before it was
                let mut seek = done;
                for i in found
                    .clone()
                    .filter(|i| allowed(i) && (justify || longest == Some(*i)))
                {
                    let (e, d) = (&ends[i], weights[i]);
                    let last = e.next == end;
                    let cost = Cost {
                        // the last line after a broken word
                        broken_rules: before.broken_rules + u32::from(last && run > 0),
                        demerits: before.demerits
                            + if e.broken && run > 0 {
                                d + DOUBLE_HYPHEN
                            } else {
                                d
                            },
                    };
                    let hyphens = if e.broken { (run + 1).min(cap) } else { 0 };
                    let node = Node {
                        cost,
                        prev: Some(index),
                        line: Some(Found { start, end: *e }),
                    };
                    debug_assert!(open[done..seek].iter().all(|(at, _)| *at < e.next));
                    while open.get(seek).is_some_and(|(at, _)| *at < e.next) {
                        seek += 1;
                    }
                    let slot = match open.get(seek) {
                        Some(&(at, base)) if at == e.next => base + hyphens,
                        _ => {
                            open.insert(seek, (e.next, by_run.len()));
                            by_run.resize(by_run.len() + cap + 1, None);
                            by_run.len() - cap - 1 + hyphens
                        }
                    };
                    match by_run[slot] {
                        Some(known) => {
                            if cost.better(&nodes[known].cost) {
                                nodes[known] = node;
                            }
                        }
                        None => {
                            by_run[slot] = Some(nodes.len());
                            nodes.push(node);
                        }
                    }
                }
            }
        }
        let mut at = finals.iter().copied().reduce(|a, b| {
            if nodes[b].cost.better(&nodes[a].cost) {
                b
            } else {
                a
            }
        });
        let mut out = Vec::new();
        while let Some(index) = at {
            at = nodes[index].prev;
            if let Some(found) = nodes[index].line {
                out.push(self.line(found, pieces, words, cache, para));
            }
        }
        out.reverse();
        cache.clear();
        nodes.clear();
        open.clear();
        by_run.clear();
        ends.clear();
        pieces.clear();
        weights.clear();
        finals.clear();
        if search.bytes() > SEARCH_KEPT {
            search = Search::default();
        }
        SEARCH.set(search);
        out
    }

    /// The words of line `found` (the head of its end one of `pieces` or not).
    fn line(
        &self,
        found: Found,
        pieces: &[Word],
        words: &[Word],
        cache: &mut [Option<Rc<Breaks>>],
        para: &Para,
    ) -> Vec<Word> {
        let (start, end) = (found.start, found.end);
        let next = end.next;
        let head = match end.head {
            None => None,
            Some(Head::Piece(i)) => Some(pieces[i].clone()),
            Some(Head::Point { hyphen }) => {
                let cuts = &self.breaks(cache, words, next.word, para).cuts;
                Some(self.piece(cuts, 0, next.char, hyphen))
            }
        };
        if end.alone {
            return head.into_iter().collect();
        }
        let lead = if start.char == 0 {
            words[start.word].clone()
        } else {
            let cuts = &self.breaks(cache, words, start.word, para).cuts;
            self.piece(cuts, start.char, cuts.end(), false)
        };
        let mut line = vec![lead];
        line.extend_from_slice(&words[start.word + 1..next.word]);
        line.extend(head);
        line
    }

    /// The ways to end a line starting at `start` with `room` for it, after `run` hyphenated
    /// lines in a row, in order, into `ends`: every break between words where the line fits
    /// (spaces shrunk), then every break point of the next word whose head fits, as the rules
    /// allow (all of a word no wider than a line, the last of a wider one: its other heads would
    /// leave a line's worth of it to break again). A line whose first piece does not fit has one
    /// way: that piece broken where it fills the line, hyphenated if it can be, else cut after the
    /// last character that fits. The pieces of words built go into `pieces`.
    fn ends(
        &self,
        words: &[Word],
        cache: &mut [Option<Rc<Breaks>>],
        para: &Para,
        (start, run): (At, usize),
        room: f32,
        (ends, pieces): (&mut Vec<End>, &mut Vec<Word>),
    ) {
        let rules = self.page.hyphenation;
        let justify = para.align == Align::Justify;
        // only justified lines are shrunk when set
        let shrink = if justify {
            self.page.justification.shrink()
        } else {
            0.0
        };
        let w = start.word;
        // the width of the line's first piece
        let lead = if start.char == 0 {
            Some(words[w].width)
        } else {
            let breaks = self.breaks(cache, words, w, para);
            match breaks.points.iter().find(|p| p.at == start.char) {
                Some(point) => Some(point.rest),
                None => self.rest_width(&breaks.cuts, start.char, room + EPSILON),
            }
        };
        let Some(lead) = lead.filter(|&lead| lead <= room + EPSILON) else {
            let cuts = &self.breaks(cache, words, w, para).cuts;
            let (head, next, broken) =
                if let Some((head, j)) = self.split(cuts, start.char, room, para.hyphenate) {
                    (head, At { word: w, char: j }, true)
                } else if let Some((head, j)) = self.force(cuts, start.char, room) {
                    // Wider than the line with no break point that fits: cut after the last
                    // character that fits, as Word does, rather than run off the page.
                    (head, At { word: w, char: j }, false)
                } else {
                    let whole = self.piece(cuts, start.char, cuts.end(), false);
                    let next = At {
                        word: w + 1,
                        char: 0,
                    };
                    (whole, next, false)
                };
            ends.push(End {
                next,
                width: head.width,
                spaces: 0.0,
                head: Some(Head::Piece(pieces.len())),
                alone: true,
                broken,
            });
            pieces.push(head);
            return;
        };
        let (mut width, mut spaces) = (lead, 0.0);
        // a piece of a word ending it has the space after it
        let mut gap = words[w].space;
        for k in w..words.len() {
            let last = k + 1 == words.len();
            // the last line is not justified: it fits unshrunk
            if !last || width <= room + EPSILON {
                ends.push(End {
                    next: At {
                        word: k + 1,
                        char: 0,
                    },
                    head: None,
                    alone: false,
                    broken: false,
                    width,
                    spaces,
                });
            }
            let Some(next) = words.get(k + 1) else { break };
            let fits = width + gap + next.width - (spaces + gap) * shrink <= room + EPSILON;
            // the next word broken, unless a rule keeps it whole; one that fits only when the
            // whole paragraph is weighed
            let whole = k + 2 == words.len()
                || room - width <= rules.zone.to_mm() + EPSILON
                || too_many(&rules, run);
            if !whole && (!fits || justify) {
                let spare = room - width - gap + (spaces + gap) * shrink;
                let breaks = self.breaks(cache, words, k + 1, para);
                let end = |char, head: f32, kind| End {
                    next: At { word: k + 1, char },
                    width: width + gap + head,
                    spaces: spaces + gap,
                    head: Some(kind),
                    alone: false,
                    broken: true,
                };
                if next.width > para.width + EPSILON {
                    if let Some((head, j)) = self.split(&breaks.cuts, 0, spare, para.hyphenate) {
                        ends.push(end(j, head.width, Head::Piece(pieces.len())));
                        pieces.push(head);
                    }
                } else {
                    for p in breaks.points.iter().filter(|p| p.head <= spare + EPSILON) {
                        let hyphen = p.hyphen;
                        ends.push(end(p.at, p.head, Head::Point { hyphen }));
                    }
                }
            }
            if !fits {
                break;
            }
            (width, spaces) = (width + gap + next.width, spaces + gap);
            gap = next.space;
        }
    }

    /// Word `i` measured for breaking, once a paragraph; its break points too when it is no wider
    /// than a line (those of a wider one are found line by line, see [`Typesetter::split`]).
    /// Inlined: the breaker asks for the next word's breaks at every line end it tries, and nearly
    /// always has them.
    #[inline]
    fn breaks<'c>(
        &self,
        cache: &'c mut [Option<Rc<Breaks>>],
        words: &[Word],
        i: usize,
        para: &Para,
    ) -> &'c Breaks {
        let wide = words[i].width > para.width + EPSILON;
        cache[i].get_or_insert_with(|| self.measured(&words[i], wide, para.hyphenate))
    }

    /// `word` measured for breaking, with its break points (hyphenated with `patterns`) unless it
    /// is `wide`r than a line. Each word once per process and thread: paragraphs and documents
    /// repeat their words, and what a word's breaks are depends only on the word, its faces and
    /// the space after it, and the patterns and size it is set with. Not inlined, so that
    /// [`Typesetter::breaks`] is.
    #[inline(never)]
    fn measured(&self, word: &Word, wide: bool, patterns: bool) -> Rc<Breaks> {
        thread_local! {
            static KNOWN: RefCell<Memo<Rc<Breaks>>> = RefCell::new(Memo::new(WORDS_KEPT));
        }
        let mut key = Vec::with_capacity(64);
        key.extend_from_slice(&patterns_key(self.hyphenator));
        key.extend_from_slice(&word.space.to_bits().to_le_bytes());
        key.extend_from_slice(&[self.size, u8::from(wide), u8::from(patterns)]);
        for frag in &word.frags {
            key.extend_from_slice(&frag.text.len().to_le_bytes());
            key.extend_from_slice(&[u8::from(frag.face.bold), u8::from(frag.face.italic)]);
            key.extend_from_slice(frag.text.as_bytes());
        }
        if let Some(known) = KNOWN.with_borrow(|known| known.get(&key)) {
            return known;
        }
        let cuts = self.cuts(word);
        let mut points = if wide {
            Vec::new()
        } else {
            self.points(&cuts, 0, f32::INFINITY, patterns)
        };
        points.sort_unstable();
        let points: Vec<Point> = points
            .into_iter()
            .map(|(at, hyphen)| Point {
                at,
                hyphen,
                head: self.piece_width(&cuts, 0, at, hyphen),
                rest: self.piece_width(&cuts, at, cuts.end(), false),
            })
            .collect();
        // the text (no longer than the key), four numbers a character (offsets, letters, two
        // bounds), the faces, the points, and the entry's own structs and about eight
        // allocations (their headers), which a short word's numbers do not outweigh
        let size = key.len()
            + 4 * 8 * (cuts.end() + 1)
            + cuts.faces.len() * std::mem::size_of::<(usize, Face)>()
            + points.len() * std::mem::size_of::<Point>()
            + std::mem::size_of::<Breaks>()
            + 2 * std::mem::size_of::<usize>()
            + 8 * 16;
        let breaks = Rc::new(Breaks { cuts, points });
        KNOWN.with_borrow_mut(|known| known.insert(&key, breaks.clone(), size));
        breaks
    }

    /// The words of one line placed: justified lines word by word with the spare width shared
    /// among the gaps (or the missing width taken from them, see [`Justification`]), other lines
    /// as runs of text.
    ///
    /// [`Justification`]: crate::write::page::Justification
    fn place(&self, words: Vec<Word>, para: &Para, indent: f32, justify: bool) -> Vec<Placed> {
        let room = para.width - indent;
        let count = words.len();
        let natural: f32 = words.iter().map(|w| w.width).sum::<f32>()
            + words
                .iter()
                .take(count.saturating_sub(1))
                .map(|w| w.space)
                .sum::<f32>();
        // negative where the spaces are shrunk
        let stretch = if justify && count > 1 {
            (room - natural) / (count - 1) as f32
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
    use crate::write::pdf::widths::Widths;

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
    fn texts_of(lines: &[Vec<Placed>]) -> Vec<String> {
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
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let line = run("Руководит работой воспитателей и контролирует деятельность воспитателя.");
        let (mut moved, mut hyphenated) = (0, 0);
        for tenth in 400..1700 {
            let width = tenth as f32 / 10.0;
            let para = Para {
                width,
                first: 0.0,
                ..body(&line)
            };
            let lines = texts_of(&t.lines(&para));
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
        let lines = texts_of(&t.lines(&para));
        assert_eq!(lines[lines.len() - 2..], ["воспита-", "теля."], "{lines:?}");
    }

    /// Issue 12: up to six hyphenated lines followed in a row.
    #[test]
    fn hyphenates_no_more_than_two_lines_in_a_row() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
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
            let lines = texts_of(&t.lines(&para));
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
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(12);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
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
        assert_eq!(texts_of(&t.lines(&para))[0], "Слово");
    }

    /// Issue 12: a paragraph's last line followed a hyphenated line («…генерально-/го
    /// директора.»). Whatever the width, the line before the last ends between words; lines
    /// are still hyphenated elsewhere, no more than two in a row, and the spaces of a justified
    /// line shrink to no less than `min_space` of their width (to take a word whole, they do).
    #[test]
    fn never_ends_the_line_before_a_paragraphs_last_with_a_hyphen() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let space = t.width(" ", Face::default());
        let least = space * PAGE.justification.min_space as f32 / 100.0;
        let texts = [
            "1.3. Назначение на должность менеджера по работе с клиентами и освобождение от \
             должности осуществляется приказом (распоряжением) генерального директора.",
            "Принципы эффективной работы системы управления взаимоотношениями с клиентами.",
            "Консультирует по вопросам технических и потребительских характеристик товаров и \
             услуг, преимуществ и качества работ и услуг, соблюдая нормативно-правовые акты.",
        ];
        let (mut hyphenated, mut shrunk) = (0, 0);
        for text in texts {
            let line = run(text);
            for tenth in (500..1700).step_by(10) {
                let width = tenth as f32 / 10.0;
                let para = Para {
                    width,
                    ..body(&line)
                };
                let set = t.lines(&para);
                let lines = texts_of(&set);
                if let [.., before, _] = lines.as_slice() {
                    assert!(!before.ends_with('-'), "{width} mm: {lines:?}");
                }
                let mut in_a_row = 0;
                for l in &lines {
                    in_a_row = if l.ends_with('-') { in_a_row + 1 } else { 0 };
                    assert!(in_a_row <= 2, "{width} mm: {lines:?}");
                }
                hyphenated += lines.iter().filter(|l| l.ends_with('-')).count();
                for placed in &set[..set.len() - 1] {
                    for pair in placed.windows(2) {
                        let end = pair[0].x + t.width(pair[0].text.trim_end(), pair[0].face);
                        let gap = pair[1].x - end;
                        assert!(
                            gap >= least - 0.01,
                            "{width} mm: a gap of {gap} in {lines:?}"
                        );
                        shrunk += usize::from(gap < space - 0.01);
                    }
                }
            }
        }
        assert!(hyphenated > 0, "nothing was hyphenated");
        assert!(shrunk > 0, "no space was shrunk");
    }

    /// A word measured for breaking is kept by everything its breaks depend on: the same word
    /// in another face, or wider than the line, or not hyphenated, is measured again.
    #[test]
    fn keeps_a_measured_word_by_its_faces_and_rules() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
        let runs = vec![
            document::Run {
                text: "ответственность ".into(),
                bold: false,
                italic: false,
            },
            document::Run {
                text: "ответственность".into(),
                bold: true,
                italic: false,
            },
        ];
        let words = t.words(&runs, false);
        let regular = t.measured(&words[0], false, true);
        assert!(Rc::ptr_eq(&regular, &t.measured(&words[0], false, true)));
        let bold = t.measured(&words[1], false, true);
        assert_eq!(bold.points.len(), regular.points.len());
        assert!(bold.points[0].head > regular.points[0].head);
        assert!(t.measured(&words[0], true, true).points.is_empty());
        let own = t.measured(&words[0], false, false);
        assert!(own.points.is_empty() && !regular.points.is_empty());
    }

    #[test]
    fn justifies_all_but_the_last_line() {
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
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
        let fonts = FontCache::new(super::super::family(true).unwrap());
        let widths = Widths::at(14);
        let t = Typesetter::new(&fonts, &widths, &test_meta()).unwrap();
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
