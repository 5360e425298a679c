//! PDF render time in-process (`cargo bench --bench pdf`): the seed role's parsed document
//! written as PDF again and again, as `jobdoc build` does for each role after the first (fonts
//! and hyphenation patterns are loaded once per process). Prints the first render, the median
//! and the fastest of the rest, the stages' share, and the size. Timing is a benchmark's job,
//! never a test's.

use std::path::Path;
use std::time::Instant;

use jobdoc::project::{Paths, Project};
use jobdoc::render::{self, Format};

fn main() {
    let runs: usize = std::env::var("JOBDOC_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (project, _) = Project::load(&Paths::new(&root.join("roles"), None), None)
        .expect("roles")
        .unwrap_or_else(|d| panic!("{d:?}"));
    let role = project
        .roles
        .iter()
        .find(|r| r.id == "client-manager")
        .expect("the seed role");
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed().as_secs_f64() * 1000.0
    };
    let mut size = 0;
    let mut render = || {
        let out = render::role_outputs(&project, role, &[Format::Pdf]).expect("renders");
        size = out[0].bytes.len();
    };
    let first = time(&mut render);
    let mut all: Vec<f64> = (0..runs).map(|_| time(&mut render)).collect();
    let mut md = || {
        render::role_outputs(&project, role, &[Format::Md]).expect("renders");
    };
    let mut template: Vec<f64> = (0..runs).map(|_| time(&mut md)).collect();
    all.sort_by(f64::total_cmp);
    template.sort_by(f64::total_cmp);
    let median = all[all.len() / 2];
    let template = template[template.len() / 2];
    println!("seed role → PDF, in-process, release, {runs} runs");
    println!("first render (loads fonts and patterns): {first:8.2} ms");
    println!("median per document:                     {median:8.2} ms");
    println!("fastest:                                 {:8.2} ms", all[0]);
    println!("  of which template + Markdown parse:    {template:8.2} ms");
    println!(
        "  PDF writer:                            {:8.2} ms",
        median - template
    );
    println!(
        "size:                                    {:8.1} KB ({size} bytes)",
        size as f64 / 1024.0
    );
}
