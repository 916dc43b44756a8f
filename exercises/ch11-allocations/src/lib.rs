//! Workshop, chapter 11: stop copying what you only read.
//!
//! `count_vowels` gives the right answer, and does more work than the answer
//! needs: it copies every string it is given, twice, only to read it once.
//! One job, marked TODO. Check your work with
//!
//!     uv run workshop check ch11-allocations
//!
//! and ask for a nudge with `uv run workshop hint ch11-allocations`.

mod counting;

use pyo3::prelude::*;

/// How many ASCII vowels (a, e, i, o and u, in either case) there are in all
/// of `texts`: `count_vowels(["Hello", "WORLD"])` is 3. Other characters
/// never count, accented or not: "café" has one vowel.
#[pyfunction]
fn count_vowels(texts: Vec<String>) -> usize {
    // TODO: this is correct, and it allocates twice for every string.
    // `texts: Vec<String>` makes PyO3 copy each Python str into a new Rust
    // String before this function even starts, and `to_ascii_lowercase()`
    // builds another one, only so that five letters can be compared.
    // Take the list itself (`texts: &Bound<'_, PyList>`), borrow each item's
    // text as a `&str` (`item.cast::<PyString>()?.to_str()?` copies nothing),
    // and lower-case one byte at a time (`u8::to_ascii_lowercase`). The
    // checks count the Rust heap allocations a call makes: for a list of
    // 1,000 strings they must be no more than for a list of 10.
    let mut count = 0;
    for text in &texts {
        let lower = text.to_ascii_lowercase();
        count += lower
            .chars()
            .filter(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
            .count();
    }
    count
}

#[pymodule]
mod ch11_exercise {
    #[pymodule_export]
    use super::count_vowels;
    #[pymodule_export]
    use super::counting::{allocations_during, copy_each};
}
