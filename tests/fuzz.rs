//! A seeded random mutator over every kind of input file: whatever a clumsy edit or a hostile
//! pull request makes of a file, jobdoc ends with 0, 1 or 2, never panics, never touches anything
//! outside `out/`, and leaves `out/` as it was when it fails. Seeded, so a failure reproduces;
//! a few seconds, so it runs with every `cargo test`.

mod common;

use std::path::Path;

use common::Scratch;

/// xorshift64*: enough randomness to mutate files, and the same sequence for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that mean something to YAML, CSV, tera or a terminal.
const PIECES: &[&[u8]] = &[
    b": ",
    b"\"",
    b"'",
    b"- ",
    b"  ",
    b"\t",
    b"&a ",
    b"*a",
    b"{{ ",
    b" }}",
    b"{% for x in y %}",
    b"\n",
    b"\r\n",
    b";",
    b",",
    b"\0",
    b"\x1b[2J",
    b"\xff\xfe",
    b"#",
    b"|",
    b"---\n",
    b"!order ",
    "₽".as_bytes(),
    "ё".as_bytes(),
    b"99999999999999999999",
];

/// One random edit of `bytes`.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(5) {
        0 => {
            let piece = PIECES[rng.below(PIECES.len())];
            bytes.splice(at..at, piece.iter().copied());
        }
        1 => {
            let end = (at + rng.below(40)).min(bytes.len());
            bytes.drain(at..end);
        }
        2 => {
            // a line repeated elsewhere
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let line = lines[rng.below(lines.len())].to_vec();
            bytes.splice(at..at, line.into_iter().chain([b'\n']));
        }
        3 => bytes.truncate(at),
        _ => {
            if let Some(b) = bytes.get_mut(at) {
                *b = rng.next() as u8;
            }
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(snapshot(&p));
            } else {
                out.push((
                    p.display().to_string(),
                    std::fs::read(&p).unwrap_or_default(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// Every file of the project but those in `out/`.
fn outside_out(project: &Path) -> Vec<(String, Vec<u8>)> {
    let out = project.join("out").display().to_string();
    snapshot(project)
        .into_iter()
        .filter(|(path, _)| !path.starts_with(&out))
        .collect()
}

#[test]
fn mutated_inputs_never_panic_touch_other_files_or_half_write_out() {
    let inputs = [
        "roles/client-manager.yaml",
        "roles/_organization.yaml",
        "roles/_staff.csv",
        "roles/_signatures.yaml",
        "roles/_editions.yaml",
        "templates/ack.md",
        "out/.jobdoc-manifest.json",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut codes = Vec::new();
    for round in 0..28 {
        let s = Scratch::new();
        let ack = common::repo().join("src/locale/ru/templates/ack.md");
        s.write("templates/ack.md", &std::fs::read_to_string(ack).unwrap());
        let formats = if round % 7 == 0 { "md,docx,pdf" } else { "md" };
        assert_eq!(s.run(&["build", "--format", formats]).code, 0);
        let file = inputs[round % inputs.len()];
        let path = s.path().join(file);
        let mut bytes = std::fs::read(&path).unwrap();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut bytes);
        }
        std::fs::write(&path, &bytes).unwrap();
        let inputs_before = outside_out(s.path());
        let out_before = snapshot(&s.path().join("out"));
        let run = s.run(&["build", "--format", formats]);
        let shown = format!("round {round}, {file}:\n{}", run.stderr);
        codes.push(run.code);
        assert!(matches!(run.code, 0..=2), "exit {}: {shown}", run.code);
        assert!(!run.stderr.contains("panicked"), "{shown}");
        assert!(!run.stderr.contains('\x1b'), "{shown}");
        assert_eq!(outside_out(s.path()), inputs_before, "{shown}");
        if run.code != 0 {
            assert_eq!(snapshot(&s.path().join("out")), out_before, "{shown}");
        }
        let run = s.run(&["validate"]);
        assert!(matches!(run.code, 0..=2), "validate {}: {shown}", run.code);
        assert!(!run.stderr.contains("panicked"), "{shown}");
    }
    // the mutator bites: some builds fail on their inputs, some still pass
    assert!(codes.contains(&1) && codes.contains(&0), "{codes:?}");
}
