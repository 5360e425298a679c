//! Helpers shared by the integration tests: a scratch project made from the repository's roles,
//! and the `jobdoc` binary.
#![allow(dead_code)] // each test crate uses a part of these helpers

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch project: `roles/` copied from the repository, an empty `out/`.
pub struct Scratch {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
}

impl Scratch {
    /// The repository's roles folder (roles, organization, roster, signatures, approved
    /// editions) in a fresh folder.
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("tempdir");
        let roles = dir.path().join("roles");
        std::fs::create_dir_all(&roles).expect("mkdir roles");
        for entry in std::fs::read_dir(repo().join("roles")).expect("read roles") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "csv") {
                std::fs::copy(&path, roles.join(path.file_name().expect("name"))).expect("copy");
            }
        }
        Scratch { dir }
    }

    /// The project folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `roles/` of the project.
    pub fn roles(&self) -> PathBuf {
        self.path().join("roles")
    }

    /// Removes the roster, the signature records and the approved editions: a project of roles
    /// only.
    pub fn without_hr_files(&self) {
        for name in ["_staff.csv", "_signatures.yaml", "_editions.yaml"] {
            std::fs::remove_file(self.roles().join(name)).expect("remove");
        }
    }

    /// Writes a file relative to the project folder.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Replaces the first `from` in `rel` with `to`; the file must hold `from`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path().join(rel)).expect("read");
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs `jobdoc ARGS` in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }

    /// Every file below `out/` with its bytes, sorted.
    pub fn out_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        if let Ok(rd) = std::fs::read_dir(self.path().join("out")) {
            for e in rd {
                let p = e.expect("entry").path();
                files.push((
                    p.file_name().expect("name").to_string_lossy().into_owned(),
                    std::fs::read(&p).expect("read"),
                ));
            }
        }
        files.sort();
        files
    }
}

/// What a run of the binary gave.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts that standard error says `part`, and shows all of it when it does not.
    #[track_caller]
    pub fn says(&self, part: &str) {
        assert!(
            self.stderr.contains(part),
            "expected {part:?} in:\n{}",
            self.stderr
        );
    }
}

/// The seed role (`roles/client-manager.yaml`) rendered in `format` through the library, as
/// `jobdoc build` does.
pub fn seed(format: jobdoc::write::Format) -> Vec<u8> {
    use jobdoc::load::Paths;
    use jobdoc::project::Project;
    let paths = Paths::new(&repo().join("roles"), None);
    let project = Project::load(&paths, None)
        .unwrap_or_else(|d| panic!("the seed project has errors: {d:?}"))
        .value;
    let role = project
        .roles
        .iter()
        .find(|r| r.id == "client-manager")
        .expect("the seed role");
    let documents = project
        .composer(None)
        .role(role)
        .unwrap_or_else(|d| panic!("rendering failed: {d:?}"));
    let outputs = jobdoc::build::write_role(&documents, &[format], Path::new("out"))
        .unwrap_or_else(|d| panic!("rendering failed: {d:?}"));
    // the job description first, then its лист ознакомления (tests/editions.rs)
    assert_eq!(
        outputs[0].name,
        format!("client-manager.{}", format.extension())
    );
    outputs
        .into_iter()
        .next()
        .expect("the job description")
        .bytes
}

/// One part of a DOCX package, as text.
pub fn part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the package"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// Runs `jobdoc ARGS` in `dir` with a fixed `SOURCE_DATE_EPOCH`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1780617600")
        .output()
        .expect("run jobdoc");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// True when `program` is on the PATH. Missing: a failure on CI (env `CI` set, where `.ci/run`
/// installs it), else the calling test skips with a note.
pub fn tool(program: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is required on CI but is not installed"
        );
        eprintln!("skipping: {program} is not installed");
    }
    found
}

/// Points in a millimetre.
pub const MM: f64 = 72.0 / 25.4;

/// `pdf` written to a scratch file, kept alive with its folder.
pub fn file(pdf: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    (dir, path)
}

/// What `program ARGS` prints; it must succeed.
pub fn output(program: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(path)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[]
        })
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    assert!(
        out.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A line of text as poppler found it, in millimetres from the top left of its page.
#[derive(Debug)]
pub struct TextLine {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Top edge.
    pub y_min: f64,
    /// Each word with its left and right edges.
    pub words: Vec<(f64, f64, String)>,
}

impl TextLine {
    /// The words joined by spaces.
    pub fn text(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.2.as_str()).collect();
        words.join(" ")
    }
}

/// The lines of every page, from `pdftotext -bbox-layout`.
pub fn pages(path: &Path) -> Vec<Vec<TextLine>> {
    let xml = output("pdftotext", &["-bbox-layout"], path);
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        let end = tag[start..].find('"').unwrap() + start;
        tag[start..end].parse::<f64>().unwrap() / MM
    };
    let mut pages: Vec<Vec<TextLine>> = Vec::new();
    for raw in xml.lines() {
        let tag = raw.trim();
        if tag.starts_with("<page ") {
            pages.push(Vec::new());
        } else if tag.starts_with("<line ") {
            pages.last_mut().unwrap().push(TextLine {
                x_min: number(tag, "xMin"),
                x_max: number(tag, "xMax"),
                y_min: number(tag, "yMin"),
                words: Vec::new(),
            });
        } else if tag.starts_with("<word ") {
            let text = &tag[tag.find('>').unwrap() + 1..tag.rfind("</word>").unwrap()];
            let line = pages.last_mut().unwrap().last_mut().unwrap();
            line.words.push((
                number(tag, "xMin"),
                number(tag, "xMax"),
                text.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            ));
        }
    }
    pages
}

/// Lower-case words of letters and digits, as fidelity.py reads them; a word hyphenated at a
/// line end is joined again.
pub fn words(text: &str) -> Vec<String> {
    let joined = regex::Regex::new(r"(\w)-\n(\w)")
        .unwrap()
        .replace_all(text, "$1$2");
    regex::Regex::new(r"[0-9a-zа-яё]+")
        .unwrap()
        .find_iter(&joined.to_lowercase().replace('ё', "е"))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// The properties of a test document: the seed's organization, Russian, 14 pt.
pub fn meta() -> jobdoc::write::Meta {
    jobdoc::write::Meta {
        title: "Должностная инструкция менеджера".into(),
        subject: "Должностная инструкция".into(),
        author: "ООО «Пример»".into(),
        language: "ru-RU".into(),
        created: None,
        font_size: 14,
        hyphenation: jobdoc::locale::RU.hyphenation,
        number_column: jobdoc::locale::RU.number_column,
        page: &jobdoc::write::page::PAGE,
        second: None,
    }
}

/// `md` parsed as the jobdoc dialect; it must be one.
pub fn parse(md: &str) -> jobdoc::document::Document {
    jobdoc::document::parse(md, Path::new("t.md")).expect("a document in the dialect")
}
