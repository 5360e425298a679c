//! Roles build on all cores: a small work queue over scoped threads. Results come back in the
//! order of the inputs, so nothing that reaches `out/` depends on the number of threads.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The default number of threads: the machine's cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Applies `f` to every item on `jobs` threads (at least one) and returns the results in the
/// order of `items`. `done` is called after each item, from the thread that did it.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
    done: impl Fn() + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let r = f(item);
            if let Ok(mut results) = results.lock() {
                results[i] = Some(r);
            }
            done();
        }
    };
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(work);
            }
        });
    }
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_inputs() {
        let items: Vec<u32> = (0..100).collect();
        for jobs in [1, 2, 7] {
            let out = super::map(&items, jobs, |x| x * 2, || {});
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }
}
