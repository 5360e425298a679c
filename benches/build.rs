//! Batch build benchmark (`cargo bench --bench build`): N synthetic roles the size of the seed role
//! (N = 1, 100, 1000; `JOBDOC_BENCH_N=1,100` to choose), built by the release binary as a user
//! would run it. For each N: a cold build into an empty `out/`, a no-op rebuild, a rebuild after
//! one role changed, and `check` — wall time, CPU time (user + system) and the peak memory of the
//! process.
//! Timing is a benchmark's job, never a test's.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// What one run of the binary cost.
struct Cost {
    wall: f64,
    cpu: f64,
    peak_mb: f64,
}

/// Runs `jobdoc ARGS` in `dir` and measures it with wait4, which reports the child's own CPU time
/// and peak resident set.
fn measure(dir: &Path, args: &[&str]) -> Cost {
    let start = Instant::now();
    // reaped by wait4 below, which also gives its resource usage; std's wait cannot
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1780617600")
        // `check` reports on stdout; the table is what this benchmark prints
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start jobdoc");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills for the child we spawned and wait for here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "jobdoc {args:?} failed"
    );
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Cost {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
    }
}

/// A project with `n` roles: the seed role with its title made unique and a word added to every
/// provision line per role (see [`unlike`]).
fn project(n: usize) -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let roles = dir.path().join("roles");
    std::fs::create_dir_all(&roles).expect("mkdir");
    std::fs::copy(
        repo.join("roles/_organization.yaml"),
        roles.join("_organization.yaml"),
    )
    .expect("org");
    let seed = std::fs::read_to_string(repo.join("roles/client-manager.yaml")).expect("seed");
    for i in 0..n {
        let text = unlike(
            &seed.replace(
                "по работе с клиентами",
                &format!("по работе с клиентами {}", i + 1),
            ),
            i + 1,
        );
        std::fs::write(roles.join(format!("role-{i:04}.yaml")), text).expect("write role");
    }
    dir
}

/// `role` with a word added to each line of its provisions' text (as benches/instructions.sh
/// does), so that no two roles share a provision: what the writers keep per thread (set
/// paragraphs, measured and hyphenated words, the faces' subsets and objects, shared DOCX parts)
/// then serves only what real roles share.
fn unlike(role: &str, n: usize) -> String {
    let mut inside = false;
    let mut out = String::with_capacity(role.len() * 2);
    for line in role.lines() {
        if line.starts_with("guided_by:") {
            inside = true;
        }
        if line.starts_with("vacancy:") || line.starts_with("signatures:") {
            inside = false;
        }
        let text = line.trim_end();
        out.push_str(text);
        let cyrillic = text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        if inside && cyrillic && !text.ends_with(':') {
            out.push_str(&format!(" вариант {n}"));
        }
        out.push('\n');
    }
    out
}

fn main() {
    let sizes: Vec<usize> = std::env::var("JOBDOC_BENCH_N")
        .unwrap_or_else(|_| "1,100,1000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("jobdoc build, release binary, {cores} core(s); every format");
    println!(
        "{:>6} {:<22} {:>9} {:>9} {:>12} {:>9}",
        "roles", "scenario", "wall s", "cpu s", "cpu ms/role", "peak MB"
    );
    for n in sizes {
        let dir = project(n);
        let row = |name: &str, c: &Cost| {
            println!(
                "{n:>6} {name:<22} {:>9.3} {:>9.3} {:>12.2} {:>9.1}",
                c.wall,
                c.cpu,
                c.cpu * 1000.0 / n as f64,
                c.peak_mb
            );
        };
        row("cold build", &measure(dir.path(), &["build", "--quiet"]));
        row("no-op rebuild", &measure(dir.path(), &["build", "--quiet"]));
        let first = dir.path().join("roles/role-0000.yaml");
        let text = std::fs::read_to_string(&first).expect("read");
        std::fs::write(
            &first,
            text.replace("Организует доставку", "Организует и отслеживает доставку"),
        )
        .expect("write");
        row(
            "one role changed",
            &measure(dir.path(), &["build", "--quiet"]),
        );
        row("check", &measure(dir.path(), &["check"]));
    }
}
