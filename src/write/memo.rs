//! A writer's memo of what it computed, per thread: keyed by the whole of what the result depends
//! on (never by a hash alone, which two inputs can share), and forgetting everything once it holds
//! its budget of bytes. What it returns equals a fresh computation, so forgetting changes no byte
//! of a document; the budget bounds what a long batch of unlike roles takes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Hashes a memo's keys with xxh3, a pass over their bytes: the standard map's SipHash cost the
/// PDF writer's memos more than a third of their time. Its seed is fixed: the keys hold a role's
/// text, which could be written to make many keys share a bucket, but the role files are the
/// user's own project and every key is still compared whole.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        // a key is written as its length, then its bytes: each chained to the hash so far
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Results by the bytes of their inputs, within a budget of bytes.
pub struct Memo<V> {
    known: HashMap<Box<[u8]>, V, BuildHasherDefault<KeyHasher>>,
    bytes: usize,
    budget: usize,
}

impl<V: Clone> Memo<V> {
    /// An empty memo that holds keys and values of at most `budget` bytes in all.
    pub fn new(budget: usize) -> Self {
        Memo {
            known: HashMap::default(),
            bytes: 0,
            budget,
        }
    }

    /// The result kept for `key`.
    pub fn get(&self, key: &[u8]) -> Option<V> {
        self.known.get(key).cloned()
    }

    /// Keeps `value`, `size` bytes besides its key, for `key` (everything is forgotten first
    /// when it would not fit; a result larger than the budget is not kept).
    pub fn insert(&mut self, key: &[u8], value: V, size: usize) {
        let cost = key.len() + size;
        // a result known already is the same result: keep the first
        if cost > self.budget || self.known.contains_key(key) {
            return;
        }
        if self.bytes + cost > self.budget {
            self.known.clear();
            self.bytes = 0;
        }
        self.known.insert(key.into(), value);
        self.bytes += cost;
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn keeps_by_the_whole_key_within_its_budget() {
        let mut memo = Memo::new(12);
        memo.insert(b"ab", 1, 3);
        memo.insert(b"abc", 2, 3);
        assert_eq!(memo.get(b"ab"), Some(1));
        assert_eq!(memo.get(b"abc"), Some(2));
        assert_eq!(memo.get(b"a"), None);
        // 5 + 6 + 3 bytes are more than 12: the memo starts again
        memo.insert(b"x", 3, 2);
        assert_eq!(memo.get(b"ab"), None);
        assert_eq!(memo.get(b"x"), Some(3));
        // larger than the whole budget: not kept, nothing forgotten
        memo.insert(b"huge", 4, 100);
        assert_eq!(memo.get(b"huge"), None);
        assert_eq!(memo.get(b"x"), Some(3));
    }
}
