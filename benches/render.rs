//! In-process render time of the seed role (`cargo bench --bench render`), stage by stage, as
//! `jobdoc build` spends it on each role after the first (fonts and hyphenation patterns load once
//! per process): the template and the Markdown parse, then each writer on the parsed document,
//! and Markdown → DOCX as a whole — the work pandoc does in `benches/pandoc.sh`; then the PDF
//! writer on one word of 20,000 Cyrillic letters, whose cost once grew with the cube of its length
//! (issue 11). Prints the median of `JOBDOC_BENCH_RUNS` runs (200; a tenth for the long word) and
//! the sizes. Timing is a benchmark's job, never a test's.

use std::path::Path;
use std::time::Instant;

use jobdoc::compose::KINDS;
use jobdoc::document;
use jobdoc::load::Paths;
use jobdoc::project::Project;
use jobdoc::write::{docx, pdf};

/// The median of `runs` calls of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("JOBDOC_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
        .max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = Project::load(&Paths::new(&root.join("roles"), None), None)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .value;
    let role = project
        .roles
        .iter()
        .find(|r| r.id == "client-manager")
        .expect("the seed role");
    let composer = project.composer(None);
    let job_description = &KINDS[0];
    let rendered = composer
        .compose(job_description, role, None)
        .expect("renders");
    let (doc, meta) = (&rendered.document, &rendered.meta);

    let start = Instant::now();
    let pdf_bytes = pdf::write(doc, meta).expect("PDF");
    let first_pdf = start.elapsed().as_secs_f64() * 1000.0;
    let docx_bytes = docx::write(doc, meta).expect("DOCX");

    let template = median_ms(runs, || {
        composer
            .compose(job_description, role, None)
            .expect("renders");
    });
    let docx_ms = median_ms(runs, || {
        docx::write(doc, meta).expect("DOCX");
    });
    let pdf_ms = median_ms(runs, || {
        pdf::write(doc, meta).expect("PDF");
    });
    let md_to_docx = median_ms(runs, || {
        let doc =
            document::parse(&rendered.markdown, Path::new("job-description.md")).expect("parses");
        docx::write(&doc, meta).expect("DOCX");
    });

    let letters: Vec<char> = ('\u{430}'..='\u{44f}').collect();
    let word: String = (0..20_000)
        .map(|i| letters[i * 7 % letters.len()])
        .collect();
    let long_word = document::parse(
        &format!("# T\n\n## 1. Duties\n\n1.1. A word {word} and after it.\n"),
        Path::new("long-word.md"),
    )
    .expect("parses");
    let long_word_ms = median_ms(runs.div_ceil(10), || {
        pdf::write(&long_word, meta).expect("PDF");
    });

    let kb = |n: usize| n as f64 / 1024.0;
    println!("seed role, in-process, release, median of {runs} runs");
    println!("template + Markdown parse:       {template:7.2} ms");
    println!(
        "DOCX writer:                     {docx_ms:7.2} ms   {:5.1} KB",
        kb(docx_bytes.len())
    );
    println!(
        "PDF writer:                      {pdf_ms:7.2} ms   {:5.1} KB  (first in a process: {first_pdf:.2} ms)",
        kb(pdf_bytes.len())
    );
    println!(
        "all three formats:               {:7.2} ms",
        template + docx_ms + pdf_ms
    );
    println!("Markdown → DOCX (what pandoc does): {md_to_docx:5.2} ms");
    println!("PDF writer, one 20,000-letter word: {long_word_ms:5.2} ms");
}
